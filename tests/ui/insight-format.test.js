import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  coldDetails, coverageColumn, coverageShare, groupAttendance, imbalanceText, overdueText, shownItems, unseenDetails,
} from '../../ui/lib/insight-format.js';

const now = new Date(2026, 10, 27, 12);

test('overdue days read naturally, and zero is due today', () => {
  assert.equal(overdueText(0), 'due today');
  assert.equal(overdueText(1), '1 day overdue');
  assert.equal(overdueText(12), '12 days overdue');
});

test('someone going cold is described by quadrant, stance, last contact and cadence', () => {
  const text = coldDetails({ quadrant: 'manage_closely', stance: 'champion', last_contact: new Date(2026, 10, 6, 12).toISOString(), cadence_days: 14 }, now);
  assert.equal(text, 'Manage closely · ★ Champion · last spoke 3 weeks ago · every 14 days');
  assert.equal(coldDetails({ quadrant: null, stance: null, last_contact: null, cadence_days: 30 }, now),
    'no contact logged · every 30 days', 'missing parts are left out, not shown as blanks');
});

test('a visibility gap shows power as a percentage', () => {
  assert.equal(unseenDetails({ role: 'VP', power: 0.834, last_contact: null }, now), 'VP · power 83% · never spoken');
});

test('reciprocity says who did how much', () => {
  assert.equal(imbalanceText({ name: 'Dana', by_them: 1, by_me: 0 }),
    'Dana did 1 favour for you; you did 0 for them, over the last 6 months.');
  assert.match(imbalanceText({ name: 'Dana', by_them: 4, by_me: 1 }), /4 favours/);
});

test('coverage share is bounded and safe with no people', () => {
  assert.deepEqual(coverageShare({ allies: 0, people: 0 }), { text: '0 of 0', share: 0 });
  assert.deepEqual(coverageShare({ allies: 1, people: 4 }), { text: '1 of 4', share: 0.25 });
});

test('a long list shows its first eight until expanded', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(shownItems(items, false), { shown: items.slice(0, 8), more: 10 });
  assert.deepEqual(shownItems(items, true), { shown: items, more: 0 });
  assert.deepEqual(shownItems(items.slice(0, 8), false), { shown: items.slice(0, 8), more: 0 }, 'eight fit without a button');
});

test('a coverage table names its column after its caption', () => {
  assert.equal(coverageColumn('Allies by level'), 'Level');
  assert.equal(coverageColumn('Allies by department'), 'Department');
});

test('a group is due when never attended or not for a quarter', () => {
  assert.deepEqual(groupAttendance({ last_attended: null, times_attended: 0 }, '2026-11-27', now), { due: true, when: 'not been yet' });
  const recent = groupAttendance({ last_attended: '2026-11-20', times_attended: 1 }, '2026-11-27', now);
  assert.deepEqual(recent, { due: false, when: 'last went 7 days ago (1 time)' });
  assert.equal(groupAttendance({ last_attended: '2026-08-28', times_attended: 3 }, '2026-11-27', now).due, true, '91 days is a quarter');
  assert.equal(groupAttendance({ last_attended: '2026-08-29', times_attended: 3 }, '2026-11-27', now).due, false);
});
