// The roster over a fake api: who is listed, searching, the keyboard, and placing someone.
import {
  DANA, KIM, SAM, announced, mountWith, placed, press, settle, textOf,
} from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const ids = (items) => items.map((i) => i.dataset.personId);

test('the roster lists the people not on the map, the first one chosen', async () => {
  const { $, $$ } = await mountWith();
  const items = $$('#roster-list .roster-item');
  assert.deepEqual(ids(items), ['p4', 'p3'], 'by name, as the core reads them');
  assert.equal(items[0].id, 'roster-p4');
  assert.equal(items[0].getAttribute('role'), 'option');
  assert.deepEqual(items.map((i) => i.getAttribute('aria-selected')), ['true', 'false']);
  assert.equal($('#roster-list').getAttribute('aria-activedescendant'), 'roster-p4');
  assert.deepEqual($$('.roster-name').map(textOf), ['Kim Lee', 'Mia Chen']);
  assert.deepEqual($$('.roster-role').map(textOf), ['', 'Designer']);
  assert.equal($('#roster-more').hidden, true);
});

test('the roster is busy, and empty, until its page comes', async () => {
  let release;
  const { $, $$ } = await mountWith({ rosterHold: new Promise((resolve) => { release = resolve; }) });
  assert.equal($('#roster-list').getAttribute('aria-busy'), 'true');
  assert.equal($$('#roster-list li').length, 0, 'neither people nor a reason it is empty yet');
  release();
  await settle();
  assert.equal($('#roster-list').getAttribute('aria-busy'), 'false');
  assert.deepEqual(ids($$('#roster-list .roster-item')), ['p4', 'p3']);
});

test('the search matches name, role, department and organisation', async () => {
  const { $, $$, rosterCalls } = await mountWith({ mapPlacements: [] });
  const search = $('#roster-search');
  for (const [query, expected] of [['design', ['p3']], ['INITECH', ['p4']], ['product', ['p2']], ['', ['p1', 'p4', 'p3', 'p2']]]) {
    search.value = query;
    search.dispatchEvent(new Event('input'));
    await settle();
    assert.deepEqual(ids($$('.roster-item')), expected, query);
  }
  assert.deepEqual(rosterCalls.at(-2), ['peoplePage', { query: 'product', filters: { not_on_map: 'm1' }, sort: 'name', descending: false }, 0, 50],
    'the core reads one page: who is not on this map and matches, by name');
  search.value = 'nobody';
  search.dispatchEvent(new Event('input'));
  await settle();
  assert.equal(textOf($('.roster-empty')), 'No one matches.');
  assert.equal($('#roster-list').hasAttribute('aria-activedescendant'), false);
});

test('the roster says why it is empty', async () => {
  let view = await mountWith({ people: [], mapPlacements: [] });
  assert.equal(textOf(view.$('.roster-empty')), 'Add people in the People section first.');
  view = await mountWith({ people: [DANA, SAM], mapPlacements: [placed(DANA, 0.5, 0.5), placed(SAM, 0.5, 0.5)] });
  assert.equal(textOf(view.$('.roster-empty')), 'Everyone is on this map.');
});

test('a long address book lists its first 50 and says how many more there are', async () => {
  const many = Array.from({ length: 1234 }, (_, i) => ({ id: `x${i}`, name: `Person ${i}`, role: '', department: '', organisation: '' }));
  const { $, $$ } = await mountWith({ people: many, mapPlacements: [] });
  assert.equal($$('.roster-item').length, 50);
  assert.equal($('#roster-more').hidden, false);
  assert.equal(textOf($('#roster-more')), 'Showing 50 of 1,234. Type to find the others.');
});

test('arrow keys move the choice and stop at the ends', async () => {
  const { $ } = await mountWith({ mapPlacements: [] });
  const list = $('#roster-list');
  press(list, 'ArrowDown');
  press(list, 'ArrowDown');
  assert.equal(list.getAttribute('aria-activedescendant'), 'roster-p3');
  press(list, 'ArrowDown');
  press(list, 'ArrowDown');
  assert.equal(list.getAttribute('aria-activedescendant'), 'roster-p2', 'the last one stays chosen');
  press(list, 'ArrowUp');
  assert.equal(list.getAttribute('aria-activedescendant'), 'roster-p3');
  assert.equal($('#roster-p3').getAttribute('aria-selected'), 'true');
});

test('A on the roster places the chosen person in the middle of the grid', async () => {
  const { api, $, $$ } = await mountWith({ placePerson: (m, id, position) => ({ ...placed(KIM, 0, 0), position }) });
  api.calls.length = 0;
  const event = press($('#roster-list'), 'a');
  assert.equal(event.defaultPrevented, true, 'the app does not also take the key');
  await settle();
  assert.deepEqual(api.calls, [['placePerson', 'm1', 'p4', { power: 0.5, interest: 0.5 }, null]], 'one save, nothing else');
  assert.equal(await announced(), 'Kim Lee added to Manage closely');
  assert.deepEqual(ids($$('.roster-item')), ['p3'], 'no longer in the roster');
  assert.ok($('.map-card[data-person-id="p4"]'));
});

test('Enter in the search places the first match; the view\'s A does the same', async () => {
  const { api, view, $ } = await mountWith({ placePerson: (m, id, position) => ({ ...placed(KIM, 0, 0), position }) });
  const search = $('#roster-search');
  search.value = 'kim';
  search.dispatchEvent(new Event('input'));
  await settle();
  api.calls.length = 0;
  press(search, 'Enter');
  await settle();
  assert.deepEqual(api.calls, [['placePerson', 'm1', 'p4', { power: 0.5, interest: 0.5 }, null]]);
  api.calls.length = 0;
  assert.equal(view.keydown({ key: 'A' }), true);
  await settle();
  assert.equal(api.calls.length, 0, 'nobody left who matches');
});

test('no one is placed from the roster while history is shown', async () => {
  const { api, view, $ } = await mountWith({ mapHistorySpan: { first: '2026-10-01T10:00:00Z' }, mapStateAt: [], mapMoves: [] });
  $('#history-toggle').click();
  await settle();
  api.calls.length = 0;
  view.keydown({ key: 'a' });
  await settle();
  assert.deepEqual(api.calls, []);
});
