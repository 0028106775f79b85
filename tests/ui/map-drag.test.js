// Dragging over a fake api, with pointer events: what a drop onto the grid, the roster or
// outside saves, and a press without movement choosing a card.
import { DANA, MIA, announced, mountWith, placed, settle, textOf } from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

// The roster on the left (0–300), the grid beside it (300–1300) and 800 high; linkedom lays out nothing.
const RECTS = { roster: [0, 0, 300, 800], 'grid-wrap': [300, 0, 1000, 800], grid: [300, 0, 1000, 800] };
HTMLElement.prototype.getBoundingClientRect = function rect() {
  const [left, top, width, height] = RECTS[this.id] ?? [0, 0, 132, 40];
  return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
};

function pointer(target, type, x, y) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  for (const [name, value] of Object.entries({ button: 0, pointerId: 1, clientX: x, clientY: y })) Object.defineProperty(event, name, { value });
  target.dispatchEvent(event);
}

/** Presses `source` at (x0, y0), moves in steps to (x, y) and lets go there. */
async function dragTo(source, [x0, y0], [x, y]) {
  pointer(source, 'pointerdown', x0, y0);
  pointer(source, 'pointermove', x0 + 10, y0);
  pointer(source, 'pointermove', x, y);
  await settle(1);
  pointer(source, 'pointerup', x, y);
  await settle();
}

test('a person dragged from the roster lands where they were let go', async () => {
  const { api, $ } = await mountWith({ placePerson: (m, id, position) => ({ ...placed(MIA, 0, 0), position }) });
  api.calls.length = 0;
  await dragTo($('.roster-item[data-person-id="p3"]'), [100, 100], [1050, 200]);
  assert.deepEqual(api.calls, [['placePerson', 'm1', 'p3', { power: 0.75, interest: 0.75 }, null]]);
  assert.equal(await announced(), 'Mia Chen added to Manage closely');
  assert.ok($('.map-card[data-person-id="p3"]'));
  assert.equal(document.querySelector('.drag-ghost'), null, 'the copy under the pointer is gone');
});

test('a card dragged onto the roster is taken off the map', async () => {
  const { api, $ } = await mountWith({ unplacePerson: placed(DANA, 0.9, 0.3) });
  api.calls.length = 0;
  const card = $('.map-card[data-person-id="p1"]');
  pointer(card, 'pointerdown', 600, 80);
  pointer(card, 'pointermove', 500, 80);
  assert.ok(document.querySelector('body > .drag-ghost'), 'a copy follows the pointer in its own layer');
  assert.ok(card.classList.contains('drag-source'), 'the original stays, dimmed');
  pointer(card, 'pointerup', 150, 300);
  await settle();
  assert.deepEqual(api.calls, [['unplacePerson', 'm1', 'p1']]);
  assert.equal($('.map-card[data-person-id="p1"]'), null);
  assert.deepEqual([...document.querySelectorAll('#roster-list .roster-item')].map((i) => i.dataset.personId), ['p1', 'p4', 'p3'],
    'the roster reads its page again and offers them');
});

test('a ghost dragged on the grid sets where the person is needed; outside, nothing is saved', async () => {
  const { api, $ } = await mountWith({ setDesired: (m, id, desired) => ({ ...placed(DANA, 0.9, 0.3), desired }) });
  api.calls.length = 0;
  await dragTo($('.ghost[data-person-id="p1"]'), [1000, 80], [1000, 600]);
  assert.equal(api.calls.length, 1);
  assert.equal(api.calls[0][0], 'setDesired');
  assert.equal(api.calls[0][3].power < 0.5, true, 'dropped in the lower half');
  await dragTo($('.map-card[data-person-id="p2"]'), [1000, 80], [2000, 2000]);
  assert.equal(api.calls.length, 1, 'a drop outside puts the card back');
});

test('a press without movement chooses the card, and a second press lets it go', async () => {
  const { api, $ } = await mountWith();
  api.calls.length = 0;
  const card = $('.map-card[data-person-id="p1"]');
  pointer(card, 'pointerdown', 600, 80);
  pointer(card, 'pointerup', 601, 80);
  assert.equal(textOf($('#card-panel h2')), 'Dana Ng');
  pointer(card, 'pointerdown', 600, 80);
  pointer(card, 'pointerup', 600, 80);
  assert.equal($('#card-panel'), null);
  assert.deepEqual(api.calls, [], 'choosing saves nothing');
});

test('nothing can be dragged while history is shown', async () => {
  const { api, $ } = await mountWith({ mapHistorySpan: { first: '2026-10-01T10:00:00Z' }, mapStateAt: [placed(DANA, 0.9, 0.3)], mapMoves: [] });
  $('#history-toggle').click();
  await settle();
  api.calls.length = 0;
  await dragTo($('.roster-item[data-person-id="p3"]'), [100, 100], [1050, 200]);
  assert.deepEqual(api.calls, []);
});
