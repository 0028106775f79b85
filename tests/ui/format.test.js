import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPeople, describePerson, initials, truncate } from '../../ui/lib/format.js';

test('initials take the first letter of the first and last word', () => {
  assert.equal(initials('Dana Ng'), 'DN');
  assert.equal(initials('  zoë  '), 'Z');
  assert.equal(initials('Mary Ann de la Cruz'), 'MC');
  assert.equal(initials(''), '?');
  assert.equal(initials(undefined), '?');
});

test('initials keep emoji and combined letters whole', () => {
  assert.equal(initials('👩🏽‍💻 Coder'), '👩🏽‍💻C');
  assert.equal(initials('e\u0301mile Zola'), 'E\u0301Z');
});

test('a person is described by the parts that are filled in', () => {
  assert.equal(describePerson({ role: 'EM', department: '', organisation: 'Acme' }), 'EM · Acme');
  assert.equal(describePerson({ role: ' ', department: null }), '');
});

test('counts read naturally', () => {
  assert.equal(countPeople(0), '0 people');
  assert.equal(countPeople(1), '1 person');
  assert.equal(countPeople(2), '2 people');
  assert.equal(countPeople(10_000), '10,000 people', 'long counts are grouped to be read at a glance');
});

test('truncation counts characters, not UTF-16 units', () => {
  assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
  assert.equal(truncate('short', 10), 'short');
});

test('time since a contact reads naturally and counts calendar days', async () => {
  const { sinceText } = await import('../../ui/lib/format.js');
  const now = new Date(2026, 10, 26, 9, 0);
  assert.equal(sinceText(null, now), 'never');
  assert.equal(sinceText('garbage', now), 'never');
  assert.equal(sinceText(new Date(2026, 10, 26, 1, 0), now), 'today');
  assert.equal(sinceText(new Date(2026, 10, 25, 23, 30), now), 'yesterday', 'late last night is yesterday');
  assert.equal(sinceText(new Date(2026, 10, 20), now), '6 days ago');
  assert.equal(sinceText(new Date(2026, 9, 20), now), '5 weeks ago');
  assert.equal(sinceText(new Date(2026, 4, 26), now), '6 months ago');
  assert.equal(sinceText(new Date(2023, 10, 26), now), '3 years ago');
});

test('a date-time field shows local time to the minute', async () => {
  const { localDateTimeValue } = await import('../../ui/lib/format.js');
  assert.equal(localDateTimeValue(new Date(2026, 0, 5, 7, 3, 59)), '2026-01-05T07:03');
});

test('search snippets split into plain and matched parts, markup staying text', async () => {
  const { snippetParts } = await import('../../ui/lib/format.js');
  assert.deepEqual(snippetParts('Talked <b>about</b> \uE000roadmap\uE001 and \uE000road\uE001s'), [
    { text: 'Talked <b>about</b> ', match: false },
    { text: 'roadmap', match: true },
    { text: ' and ', match: false },
    { text: 'road', match: true },
    { text: 's', match: false },
  ]);
  assert.deepEqual(snippetParts(''), []);
  assert.deepEqual(snippetParts(null), []);
});

// Runs `fn` with this process in time zone `tz` (node reads TZ again when it is set).
function inZone(tz, fn) {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

// What the locale writes for a day or a moment, worked out in UTC, away from the code under test.
const localeDay = (y, m, d) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d, 12));
const localeMoment = (y, m, d, hh, mm) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  .format(Date.UTC(y, m - 1, d, hh, mm));

test('a calendar day is written in the locale and stays on its day west and east of Greenwich', async () => {
  const { dateText } = await import('../../ui/lib/format.js');
  for (const tz of ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati']) {
    inZone(tz, () => {
      assert.equal(new Date('2026-12-05').getDate() === 5, tz !== 'America/Los_Angeles', `the trap the function avoids, checked in ${tz}`);
      assert.equal(dateText('2026-12-05'), localeDay(2026, 12, 5), `5 December stays the 5th in ${tz}`);
      assert.equal(dateText('2027-01-01'), localeDay(2027, 1, 1), `new year's day stays in its year in ${tz}`);
    });
  }
  assert.equal(dateText(''), '', 'nothing for no date');
  assert.equal(dateText(null), '');
  assert.equal(dateText('not a day'), '');
});

test('a moment’s day is its day where the computer is', async () => {
  const { dateText } = await import('../../ui/lib/format.js');
  // 03:00 UTC on the 5th is still the evening of the 4th in Los Angeles.
  inZone('America/Los_Angeles', () => assert.equal(dateText('2026-12-05T03:00:00Z'), localeDay(2026, 12, 4)));
  inZone('Europe/Berlin', () => assert.equal(dateText('2026-12-05T03:00:00Z'), localeDay(2026, 12, 5)));
});

test('a moment is written with its date and time, in the computer’s zone or the one given', async () => {
  const { dateTimeText, timeText } = await import('../../ui/lib/format.js');
  // 23:30 UTC is 00:30 the next day in Berlin, and 15:30 the same day in Los Angeles.
  const late = '2026-12-05T23:30:00Z';
  assert.equal(dateTimeText(late, 'Europe/Berlin'), localeMoment(2026, 12, 6, 0, 30));
  inZone('America/Los_Angeles', () => assert.equal(dateTimeText(late), localeMoment(2026, 12, 5, 15, 30)));
  assert.match(timeText(late, 'Europe/Berlin'), /\b(00|12)\D30\b/, 'half past midnight');
  assert.equal(dateTimeText('garbage'), '');
  assert.equal(timeText(undefined), '');
});

test('in English the day reads with a short month name, never as an ISO string', async () => {
  const { dateText } = await import('../../ui/lib/format.js');
  const text = dateText('2026-12-05');
  assert.doesNotMatch(text, /2026-12-05/);
  if (new Intl.DateTimeFormat().resolvedOptions().locale === 'en-US') assert.equal(text, 'Dec 5, 2026');
});
