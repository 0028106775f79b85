import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cadenceDays, findPerson, localDay, longDay, progressText, stopHint, stopInput, stopStatus, stopsByWeek, tourCheckIns, weekLabel,
} from '../../ui/lib/tour-format.js';
import { dateText } from '../../ui/lib/format.js';

test('a target week is labelled with the day it starts', () => {
  assert.equal(weekLabel(1, '2026-12-01'), `Week 1 · from ${dateText('2026-12-01')}`);
  assert.equal(weekLabel(3, '2026-12-28'), `Week 3 · from ${dateText('2027-01-11')}`, 'weeks run across the new year');
});

test('check-ins fall 30, 60 and 90 days after the start', () => {
  assert.equal(tourCheckIns('2026-12-01'), `Check-ins at 30, 60 and 90 days: ${dateText('2026-12-31')}, ${dateText('2027-01-30')} and ${dateText('2027-03-01')} (in Reminders).`);
});

test('progress reads as met of planned', () => {
  assert.equal(progressText({ met: 7, total: 15 }), 'Met 7 of 15');
  assert.equal(progressText({ met: 0, total: 0 }), 'No meetings planned yet.');
  assert.equal(progressText({ met: 3, total: 3 }), 'Met all 3. Well toured.');
});

test('a meeting is planned, this week, overdue or met', () => {
  const now = new Date(2026, 11, 10, 9); // 10 Dec
  assert.equal(stopStatus({ met_on: null, week_starts: '2026-12-15' }, now).id, 'planned');
  assert.equal(stopStatus({ met_on: null, week_starts: '2026-12-08' }, now).id, 'this-week');
  assert.equal(stopStatus({ met_on: null, week_starts: '2026-12-10' }, now).id, 'this-week', 'the first day of its week');
  assert.equal(stopStatus({ met_on: null, week_starts: '2026-12-03' }, now).id, 'overdue', 'seven days on, its week is over');
  assert.deepEqual(stopStatus({ met_on: '2026-12-09', week_starts: '2026-12-15' }, now), { id: 'met', text: `Met ${dateText('2026-12-09')}` });
});

test('the start day is written as every date is', () => {
  assert.equal(longDay('2026-11-02'), dateText('2026-11-02'));
});

test('a typed name matches one of the people whatever its case and outer spaces', () => {
  const people = [{ id: 'p1', name: 'Dana Ng' }];
  assert.equal(findPerson(people, '  dana NG ')?.id, 'p1');
  assert.equal(findPerson(people, 'Dana'), null);
});

test('the hint under "Who" says who it is, that they are new, or nothing', () => {
  assert.equal(stopHint({ isTeam: false, typed: 'Dana Ng', known: { id: 'p1' }, described: 'VP · Sales' }), 'VP · Sales');
  assert.equal(stopHint({ isTeam: false, typed: 'Dana Ng', known: { id: 'p1' }, described: '' }), 'One of your people');
  assert.equal(stopHint({ isTeam: false, typed: 'Marco', known: null }), 'Someone new: they will be added to your people.');
  assert.equal(stopHint({ isTeam: false, typed: '  ', known: null }), '');
  assert.equal(stopHint({ isTeam: true, typed: 'Marco', known: null }), '');
});

test('a stop is sent as a team, a known person or someone new', () => {
  const values = { kind: 'person', week: '2', team: '', who: 'Marco', role: 'Eng', department: 'Pay' };
  assert.deepEqual(stopInput(values, { id: 'p1' }), { kind: 'person', week: 2, team: '', person_id: 'p1' });
  assert.deepEqual(stopInput(values, null), { kind: 'person', week: 2, team: '', new_person: { name: 'Marco', role: 'Eng', department: 'Pay' } });
  assert.deepEqual(stopInput({ ...values, kind: 'team', team: 'Payments', week: '' }, null), { kind: 'team', week: 0, team: 'Payments' });
});

test('stops group by week in the order weeks first appear', () => {
  const stops = [{ id: 'a', week: 2 }, { id: 'b', week: 1 }, { id: 'c', week: 2 }];
  assert.deepEqual(stopsByWeek(stops).map(([w, s]) => [w, s.map((x) => x.id)]), [[2, ['a', 'c']], [1, ['b']]]);
});

test('a cadence is empty or whole days from 1 to 365', () => {
  assert.equal(cadenceDays(' '), null);
  assert.equal(cadenceDays('30'), 30);
  assert.throws(() => cadenceDays('0'), { field: 'cadence_days' });
  assert.throws(() => cadenceDays('2.5'), { field: 'cadence_days' });
  assert.throws(() => cadenceDays('366'), { message: 'Keep in touch every 1 to 365 days.' });
});

test('a local day is written as a date field takes it', () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 30)), '2026-01-05');
});
