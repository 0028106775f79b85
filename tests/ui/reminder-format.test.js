import { test } from 'node:test';
import assert from 'node:assert/strict';

import { dayIn, daysBetween, doneLabel, dueLine, dueText, kindLabel, localInputValue } from '../../ui/lib/reminder-format.js';

const NOW = new Date('2026-11-27T10:00:00Z'); // Friday, 11:00 in Berlin

test('due times read as today, tomorrow, yesterday, days ago or a date', () => {
  const tz = 'Europe/Berlin';
  assert.equal(dueText('2026-11-27T15:00:00Z', NOW, tz), 'today 16:00');
  assert.equal(dueText('2026-11-28T08:00:00Z', NOW, tz), 'tomorrow 09:00');
  assert.equal(dueText('2026-11-26T08:00:00Z', NOW, tz), 'yesterday 09:00');
  assert.equal(dueText('2026-11-24T08:00:00Z', NOW, tz), '3 days ago');
  assert.equal(dueText('2026-11-30T08:00:00Z', NOW, tz), 'Mon 30 Nov 09:00');
  assert.equal(dueText('not a date', NOW, tz), '');
});

test('the day is the day in the chosen time zone, not the machine’s', () => {
  // 23:30 UTC on the 27th is already the 28th in Berlin and still the 27th in New York.
  const late = '2026-11-27T23:30:00Z';
  assert.equal(dayIn(late, 'Europe/Berlin'), '2026-11-28');
  assert.equal(dayIn(late, 'America/New_York'), '2026-11-27');
  assert.equal(daysBetween(NOW, late, 'Europe/Berlin'), 1);
  assert.equal(dueText(late, NOW, 'America/New_York'), 'today 18:30');
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
  const kinds = ['thank_you', 'keep_in_touch', 'promise', 'conflict', 'check_in', 'one_off', 'group', 'weekly_review'];
  const labels = kinds.map(kindLabel);
  assert.equal(new Set(labels).size, kinds.length, labels.join(', '));
  assert.equal(kindLabel('something_new'), 'Reminder');
});

test('the done button says what done means for each kind', () => {
  assert.equal(doneLabel('thank_you'), 'Thanked');
  assert.equal(doneLabel('promise'), 'Kept');
  assert.equal(doneLabel('keep_in_touch'), 'Got in touch');
  assert.equal(doneLabel('one_off'), 'Done');
});

test('the due line adds snoozed and repeats after the time', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  assert.equal(dueLine({ due: '2026-11-27T15:00:00Z', snoozed: true, repeats: true }, now, 'UTC'), 'today 15:00 · snoozed · repeats');
  assert.equal(dueLine({ due: '2026-11-28T09:00:00Z' }, now, 'UTC'), 'tomorrow 09:00');
});
