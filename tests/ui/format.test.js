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
