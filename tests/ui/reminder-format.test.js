import { test } from 'node:test';
import assert from 'node:assert/strict';

import { bodyText, datedText, dayIn, daysBetween, doneLabel, dueLine, dueText, kindLabel, localInputValue } from '../../ui/lib/reminder-format.js';
import { dateText, dateTimeText, timeText } from '../../ui/lib/format.js';

// Times and dates follow this computer's locale (format.test.js pins how they are written);
// these tests pin which moment, in which zone, each text names.
const time = (iso, tz) => timeText(iso, tz);

const NOW = new Date('2026-11-27T10:00:00Z'); // Friday, 11:00 in Berlin

test('due times read as today, tomorrow, yesterday, days ago or a date', () => {
  const tz = 'Europe/Berlin';
  assert.equal(dueText('2026-11-27T15:00:00Z', NOW, tz), `today ${time('2026-11-27T15:00:00Z', tz)}`);
  assert.equal(dueText('2026-11-28T08:00:00Z', NOW, tz), `tomorrow ${time('2026-11-28T08:00:00Z', tz)}`);
  assert.equal(dueText('2026-11-26T08:00:00Z', NOW, tz), `yesterday ${time('2026-11-26T08:00:00Z', tz)}`);
  assert.equal(dueText('2026-11-24T08:00:00Z', NOW, tz), '3 days ago');
  assert.equal(dueText('2026-11-30T08:00:00Z', NOW, tz), dateTimeText('2026-11-30T08:00:00Z', tz), 'further off, the date and time as everywhere');
  assert.match(time('2026-11-27T15:00:00Z', tz), /\b(16|4)\D00\b/, '15:00 UTC is 16:00 in Berlin');
  assert.equal(dueText('not a date', NOW, tz), '');
});

test('the day is the day in the chosen time zone, not the machine’s', () => {
  // 23:30 UTC on the 27th is already the 28th in Berlin and still the 27th in New York.
  const late = '2026-11-27T23:30:00Z';
  assert.equal(dayIn(late, 'Europe/Berlin'), '2026-11-28');
  assert.equal(dayIn(late, 'America/New_York'), '2026-11-27');
  assert.equal(daysBetween(NOW, late, 'Europe/Berlin'), 1);
  assert.equal(dueText(late, NOW, 'America/New_York'), `today ${time(late, 'America/New_York')}`);
  assert.match(time(late, 'America/New_York'), /\b(18|6)\D30\b/, 'New York is five hours behind');
});

test('days are counted across a daylight-saving change', () => {
  assert.equal(daysBetween('2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 'Europe/Berlin'), 2);
  assert.equal(daysBetween('2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 'Europe/Berlin'), 2);
});

test('a date-time field shows local wall-clock time', () => {
  assert.equal(localInputValue('2026-11-30T09:00:00Z', 'Europe/Berlin'), '2026-11-30T10:00');
  assert.equal(localInputValue('2026-07-01T00:05:00Z', 'Asia/Kolkata'), '2026-07-01T05:35');
});

test('every kind has its own label; unknown kinds read as a reminder', () => {
  const kinds = ['thank_you', 'keep_in_touch', 'promise', 'conflict', 'check_in', 'one_off', 'group', 'weekly_review', 'tour_meeting', 'important_date', 'regular_one_on_one'];
  const labels = kinds.map(kindLabel);
  assert.equal(new Set(labels).size, kinds.length, labels.join(', '));
  assert.equal(kindLabel('something_new'), 'Reminder');
});

test('the done button says what done means for each kind', () => {
  assert.equal(doneLabel('thank_you'), 'Thanked');
  assert.equal(doneLabel('promise'), 'Kept');
  assert.equal(doneLabel('keep_in_touch'), 'Got in touch');
  assert.equal(doneLabel('one_off'), 'Done');
  assert.equal(doneLabel('important_date'), 'Wish sent', 'a birthday or anniversary is done once the wish is sent');
});

test('the due line adds snoozed and repeats after the time', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  assert.equal(dueLine({ due: '2026-11-27T15:00:00Z', snoozed: true, repeats: true }, now, 'UTC'), `today ${time('2026-11-27T15:00:00Z', 'UTC')} · snoozed · repeats`);
  assert.equal(dueLine({ due: '2026-11-28T09:00:00Z' }, now, 'UTC'), `tomorrow ${time('2026-11-28T09:00:00Z', 'UTC')}`);
});

test('a reminder’s date is written after its text, in the locale, on the day the core sent', () => {
  assert.equal(datedText({ meaning: 'due', on: '2026-12-05' }), `Due ${dateText('2026-12-05')}.`);
  assert.equal(datedText({ meaning: 'settle_by', on: '2026-12-04' }), `You meant to settle it by ${dateText('2026-12-04')}.`);
  assert.equal(datedText({ meaning: 'last_spoke', on: '2026-11-02' }), `You last spoke on ${dateText('2026-11-02')}.`);
  assert.equal(datedText({ meaning: 'last_went', on: '2026-08-01' }), `You last went on ${dateText('2026-08-01')}.`);
  assert.equal(datedText(null), '', 'no date, no sentence');
  assert.equal(bodyText({ body: 'You promised Dana: the deck.', dated: { meaning: 'due', on: '2026-12-05' } }),
    `You promised Dana: the deck. Due ${dateText('2026-12-05')}.`);
  assert.equal(bodyText({ body: 'About Dana.', dated: null }), 'About Dana.');
  assert.doesNotMatch(bodyText({ body: 'x', dated: { meaning: 'due', on: '2026-12-05' } }), /2026-12-05/, 'never the raw ISO day');
});
