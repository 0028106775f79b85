// The pure pieces the People view uses: a row's contact line, the count, grouping search hits,
// and the page arithmetic of its list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HIT_GROUPS, contactText, dateText, hitGroups, peopleCountText } from '../../ui/lib/format.js';
import { listPadding, pageOf, pageOffset } from '../../ui/lib/virtual-list.js';

test('a row says when someone left, when you last met, or that you have not yet', () => {
  const left = contactText({ left_at: '2024-03-01T12:00:00Z', last_contact: '2024-01-01T00:00:00Z' });
  assert.equal(left, `Former colleague since ${dateText('2024-03-01T12:00:00Z')}`, 'leaving wins over the last contact');
  assert.equal(contactText({ last_contact: new Date().toISOString() }), 'Last contact today');
  assert.equal(contactText({ last_contact: null, left_at: null }), 'No contact logged yet');
});

test('the count: people, people found by a search, former colleagues, or nothing before anyone is added', () => {
  assert.equal(peopleCountText({ total: 0, query: '', former: false }), '', 'the empty state says it instead');
  assert.equal(peopleCountText({ total: 0, query: '  ', former: false }), '', 'spaces are no search');
  assert.equal(peopleCountText({ total: 1, query: '', former: false }), '1 person');
  assert.equal(peopleCountText({ total: 10_000, query: '', former: false }), '10,000 people');
  assert.equal(peopleCountText({ total: 0, query: 'zed', former: false }), '0 people found');
  assert.equal(peopleCountText({ total: 2, query: ' eng ', former: false }), '2 people found');
  assert.equal(peopleCountText({ total: 0, query: '', former: true }), '0 former');
  assert.equal(peopleCountText({ total: 3, query: 'ignored', former: true }), '3 former', 'former colleagues are not searched');
});

test('search hits group by kind in a fixed order, empty kinds and listed people left out', () => {
  const hit = (id) => ({ person_id: id, person_name: id, snippet: id });
  const results = { people: [hit('a'), hit('b')], interactions: [], favours: [hit('a')], promises: [], conflicts: [hit('c')] };
  const groups = hitGroups(results, (id) => id === 'a');
  assert.deepEqual(groups.map(([title]) => title), ['In profiles and notes', 'In favours', 'In conflicts']);
  assert.deepEqual(groups[0][1].map((h) => h.person_id), ['b'], 'a person the list shows is not repeated');
  assert.deepEqual(groups[1][1].map((h) => h.person_id), ['a'], 'other kinds of hit keep listed people');
  assert.deepEqual(hitGroups({ people: [hit('a')], interactions: [], favours: [], promises: [], conflicts: [] }, () => true), []);
  assert.equal(HIT_GROUPS.length, 8, 'asks, wins and forums are searched too');
  const wins = hitGroups({ ...results, wins: [{ id: 'w1', title: 'Shipped', snippet: 'Shipped' }] }, () => false);
  assert.equal(wins.at(-1)[0], 'In your wins', 'wins come after what is about people');
  const forums = hitGroups({ ...results, wins: [{ id: 'w1', title: 'Shipped', snippet: 'Shipped' }], forums: [{ id: 'f1', name: 'Panel', snippet: 'Panel' }] }, () => false);
  assert.deepEqual(forums.slice(-2).map(([title]) => title), ['In your wins', 'In forums'], 'forums come last');
});

test('page arithmetic: the page holding a row, a page cut from a whole list, and the padding', () => {
  assert.equal(pageOffset(0, 100), 0);
  assert.equal(pageOffset(99, 100), 0);
  assert.equal(pageOffset(250, 100), 200);
  const rows = Array.from({ length: 150 }, (_, i) => i);
  assert.deepEqual(pageOf(rows, 100, 100), { total: 150, offset: 100, people: rows.slice(100) });
  assert.deepEqual(pageOf([], 0, 100), { total: 0, offset: 0, people: [] });
  assert.deepEqual(listPadding({ start: 10, end: 30 }, 100, 80), { top: 800, bottom: 5600 });
  assert.deepEqual(listPadding({ start: 0, end: 0 }, 0, 80), { top: 0, bottom: 0 });
});
