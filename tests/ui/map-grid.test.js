// The grid over a fake api: the cards drawn for the placements, moving one with the keyboard,
// taking it off (with the toast's Undo), opening it, stacks and arrows.
import {
  DANA, MIA, SAM, announced, choose, keyboardClick, mountWith, placed, press, settle, textOf, toastText,
} from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGrid, updateCard } from '../../ui/views/map-grid.js';

test('each placement is a card with its stance, quadrant and label, and a desired position is a ghost', async () => {
  const { $, $$ } = await mountWith();
  const cards = $$('#grid .cards-layer .map-card');
  assert.deepEqual(cards.map((c) => c.dataset.personId), ['p1', 'p2']);
  assert.deepEqual(cards.map((c) => c.getAttribute('aria-label')), [
    'Dana Ng, VP Engineering, Skeptic, Keep satisfied',
    'Sam Patel, Director, Product, Champion, Manage closely',
  ]);
  assert.equal(cards[0].className, 'map-card stance-skeptic');
  assert.equal(cards[0].getAttribute('aria-pressed'), 'false');
  assert.equal(cards[0].getAttribute('type'), 'button');
  assert.equal(textOf(cards[0]), '▼Dana Ng VP Engineering');
  assert.equal(cards[0].style.left, '30.00%');
  assert.equal(cards[0].style.top, '10.00%');
  assert.equal(cards[0].querySelector('.stance-icon').getAttribute('title'), 'Skeptic');
  const ghosts = $$('.ghost');
  assert.deepEqual(ghosts.map((g) => g.dataset.personId), ['p1']);
  assert.equal(ghosts[0].getAttribute('aria-hidden'), 'true');
  assert.equal(ghosts[0].getAttribute('title'), 'Where you need Dana Ng to be (drag to change)');
  assert.equal($$('#grid-arrows line.desired-arrow').length, 1, 'an arrow to where Dana is needed');
  assert.equal($$('#grid .quadrant').map((q) => q.dataset.quadrant).join(' '), 'manage_closely keep_satisfied keep_informed monitor');
  assert.equal($('#grid').getAttribute('aria-describedby'), 'grid-help');
});

test('an arrow key moves a card one step and saves it; Shift takes a big step', async () => {
  const { api, $ } = await mountWith({ placePerson: (mapId, id, position) => ({ ...placed(DANA, 0, 0, { stance: 'skeptic' }), position }) });
  api.calls.length = 0;
  press($('.map-card[data-person-id="p1"]'), 'ArrowLeft', { shiftKey: true });
  await settle();
  assert.deepEqual(api.calls, [['placePerson', 'm1', 'p1', { power: 0.9, interest: 0.2 }, null]]);
  assert.equal(await announced(), 'Dana Ng moved to Keep satisfied');
  press($('.map-card[data-person-id="p1"]'), 'ArrowDown');
  await settle();
  assert.deepEqual(api.calls[1], ['placePerson', 'm1', 'p1', { power: 0.88, interest: 0.2 }, null]);
  assert.match($('.map-card[data-person-id="p1"]').getAttribute('aria-label'), /Keep satisfied$/);
});

test('a held arrow key does not start a second save while one is on its way', async () => {
  let finish;
  const { api, $ } = await mountWith({ placePerson: (m, id, position) => new Promise((r) => { finish = () => r({ ...placed(DANA, 0, 0), position }); }) });
  api.calls.length = 0;
  const card = $('.map-card[data-person-id="p1"]');
  press(card, 'ArrowUp');
  const second = press(card, 'ArrowUp');
  assert.equal(second.defaultPrevented, true, 'the repeat is still the grid\'s key');
  assert.equal(api.calls.length, 1);
  finish();
  await settle();
  press(card, 'ArrowUp');
  assert.equal(api.calls.length, 2, 'the next press after the save moves again');
});

test('a keyboard move is saved on the map it was made on, and drawn only while that map is shown', async () => {
  let finish;
  const { api, $, $$ } = await mountWith({
    mapPlacements: (id) => (id === 'm2' ? [placed(DANA, 0.2, 0.2)] : [placed(DANA, 0.9, 0.3, { stance: 'skeptic' })]),
    placePerson: (m, id, position) => new Promise((r) => { finish = () => r({ ...placed(DANA, 0, 0), position }); }),
  });
  api.calls.length = 0;
  press($('.map-card[data-person-id="p1"]'), 'ArrowRight');
  choose($('#map-select'), 'm2'); // the user switches maps before the save comes back
  await settle();
  finish();
  await settle();
  assert.deepEqual(api.calls[0], ['placePerson', 'm1', 'p1', { power: 0.9, interest: 0.32 }, null], 'saved on the map it was made on');
  assert.equal(textOf($('#map-side .overview h2')), 'Atlas launch');
  assert.deepEqual($$('.map-card').map((c) => c.dataset.personId), ['p1']);
  assert.match($('.map-card[data-person-id="p1"]').style.left, /20\.00%/, 'the card on the other map stays where it is there');
  assert.doesNotMatch(await announced(), /moved to/, 'a move on a map no longer shown is not announced over this one');
});

test('Delete takes a card off the map and offers Undo, which asks the app to undo', async () => {
  const removed = placed(DANA, 0.9, 0.3, { stance: 'skeptic', desired: { power: 0.9, interest: 0.8 } });
  const { api, ctx, $, $$ } = await mountWith({ unplacePerson: removed });
  api.calls.length = 0;
  press($('.map-card[data-person-id="p1"]'), 'Delete');
  await settle();
  assert.deepEqual(api.calls, [['unplacePerson', 'm1', 'p1']]);
  assert.deepEqual($$('.map-card').map((c) => c.dataset.personId), ['p2']);
  assert.ok($('.roster-item[data-person-id="p1"]'), 'back in the roster');
  assert.equal(toastText(), 'Took \u2068Dana Ng\u2069 off the map');
  assert.equal(await announced(), 'Dana Ng taken off the map. Press Ctrl+Z to undo.');
  const undo = document.getElementById('toast-undo');
  assert.equal(textOf(undo), 'Undo', 'the toast offers Undo');
  api.calls.length = 0;
  undo.click();
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change');
  assert.deepEqual(api.calls, [], 'the view puts nothing back itself');
  assert.equal(toastText(), '', 'the toast is gone');
});

test('Enter on a card opens that person', async () => {
  const { $ } = await mountWith();
  press($('.map-card[data-person-id="p2"]'), 'Enter');
  assert.equal(location.hash, '#/people/p2');
});

test('a keyboard click selects a card; the app\'s cancel clears the selection', async () => {
  const { view, $ } = await mountWith();
  const card = $('.map-card[data-person-id="p2"]');
  keyboardClick(card);
  assert.equal(card.getAttribute('aria-pressed'), 'true');
  assert.ok(card.classList.contains('selected'));
  assert.equal(textOf($('#card-panel h2')), 'Sam Patel');
  assert.equal(view.handle('cancel'), true);
  assert.equal(card.getAttribute('aria-pressed'), 'false');
  assert.equal($('#card-panel'), null);
  assert.equal(view.handle('cancel'), false, 'nothing left to cancel');
});

test('cards in one spot pile up behind a stack that lists them', async () => {
  const crowd = ['a', 'b', 'c', 'd', 'e'].map((id) => placed({ id, name: `Person ${id}`, role: '' }, 0.5, 0.5));
  const { $, $$ } = await mountWith({ mapPlacements: [...crowd, placed(MIA, 0.1, 0.9)] });
  const stack = $('.stack');
  assert.equal(stack.dataset.ids, 'a b c d e');
  assert.equal(textOf(stack), '5 people');
  assert.equal(stack.getAttribute('aria-label'), '5 people here: Person a, Person b, Person c, Person d, Person e. Press to list them.');
  const hidden = $$('.map-card').filter((c) => c.hidden);
  assert.equal(hidden.length, 5);
  assert.ok(hidden.every((c) => c.getAttribute('tabindex') === '-1'), 'hidden cards are out of the tab order');
  assert.ok(hidden.every((c) => c.childNodes.length === 0), 'and not built while hidden');
  assert.match($('.map-card[data-person-id="p3"]').getAttribute('aria-label'), /Mia Chen/, 'a card on its own is drawn');
  stack.click();
  assert.equal(textOf($('.stack-list h2')), '5 people in one spot');
  $$('.stack-list li button')[2].click();
  assert.equal(textOf($('#card-panel h2')), 'Person c');
});

test('a card leaving its stack is built then, and emptied when it goes back in', async () => {
  await mountWith();
  const card = document.createElement('button');
  const c = placed(MIA, 0.5, 0.5);
  const state = { labelMode: 'names', selected: null };
  const size = { width: 1000, height: 800 };
  updateCard(card, c, { hidden: true, dx: 0, dy: 0 }, state, size);
  assert.deepEqual([card.hidden, card.childNodes.length, card.getAttribute('aria-label')], [true, 0, null]);
  updateCard(card, c, { hidden: false, dx: 0, dy: 0 }, state, size);
  assert.equal(card.hidden, false);
  assert.match(textOf(card), /Mia Chen/);
  assert.match(card.getAttribute('aria-label'), /Mia Chen/);
  assert.deepEqual([card.style.left, card.style.top], ['50.00%', '50.00%'], 'placed on the grid');
  updateCard(card, c, { hidden: true, dx: 0, dy: 0 }, state, size);
  assert.equal(card.childNodes.length, 0);
});

test('the grid says when it is not the size it was drawn at, so a report of the same size draws nothing', async () => {
  await mountWith();
  const state = { placements: [placed(MIA, 0.5, 0.5)], labelMode: 'names', selected: null };
  const grid = createGrid({ state, history: () => null, isDragging: () => false });
  assert.equal(grid.resized(), true, 'never drawn');
  grid.render();
  assert.equal(grid.resized(), false);
  Object.defineProperty(grid.grid, 'clientWidth', { value: 1200, configurable: true });
  assert.equal(grid.resized(), true, 'wider now');
  grid.render();
  assert.equal(grid.resized(), false);
});

test('cards are kept across a re-render, so focus and a drag survive it', async () => {
  const { $ } = await mountWith({ setStance: placed(SAM, 0.8, 0.8, { stance: 'blocker' }) });
  const before = $('.map-card[data-person-id="p2"]');
  keyboardClick(before);
  $('#card-panel input[value="blocker"]').dispatchEvent(new Event('change'));
  await settle();
  const after = $('.map-card[data-person-id="p2"]');
  assert.equal(after, before, 'the same element');
  assert.ok(after.classList.contains('stance-blocker'));
});

test('a card shows the role only when there is one, and a star for an agreed ask; each card has its own copy', async () => {
  await mountWith();
  const state = { labelMode: 'names', selected: null };
  const size = { width: 1000, height: 800 };
  const bare = document.createElement('button');
  updateCard(bare, { ...placed(MIA, 0.5, 0.5), role: '' }, null, state, size);
  assert.equal(bare.querySelector('.card-text').textContent, 'Mia Chen');
  assert.equal(bare.querySelector('.card-role'), null, 'no empty role line');
  const starred = document.createElement('button');
  updateCard(starred, { ...placed(MIA, 0.2, 0.2), agreed: [{ id: 'a1' }] }, null, state, size);
  assert.ok(starred.querySelector('.card-role'), 'the role line is back for the next card');
  assert.equal(starred.querySelector('.card-support').getAttribute('title'), 'Agreed to support you');
  assert.notEqual(starred.querySelector('.card-text'), bare.querySelector('.card-text'));
});
