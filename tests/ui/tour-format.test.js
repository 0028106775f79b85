import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longDay, progressText, stopStatus, tourCheckIns, weekLabel } from '../../ui/lib/tour-format.js';

test('a target week is labelled with the day it starts', () => {
  assert.equal(weekLabel(1, '2026-12-01'), 'Week 1 · from 1 Dec');
  assert.equal(weekLabel(3, '2026-12-28'), 'Week 3 · from 11 Jan', 'weeks run across the new year');
});

test('check-ins fall 30, 60 and 90 days after the start', () => {
  assert.equal(tourCheckIns('2026-12-01'), 'Check-ins at 30, 60 and 90 days: 31 Dec, 30 Jan and 1 Mar (in Reminders).');
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
  assert.deepEqual(stopStatus({ met_on: '2026-12-09', week_starts: '2026-12-15' }, now), { id: 'met', text: 'Met 9 Dec' });
});

test('the start day is written out in full', () => {
  assert.equal(longDay('2026-11-02'), '2 November 2026');
});
