// The Network view's side panels on their own: the way-in panel's renders and its asking, and
// the accessible people list.
import './support/network-page.js';
import { fakeApi, settle, textOf } from './support/dom.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createWayIn, targetOptions, wayInState, waysItems } from '../../ui/views/network-way-in.js';
import { createPeopleList, listTitle, peopleItems } from '../../ui/views/network-list.js';

const person = (id, name, extra = {}) => ({ id, name, ...extra });
const way = (...ids) => ({ steps: ids.map((person_id) => ({ person_id, strength: 'strong', kind: 'close_with' })), cost: ids.length });
const nameOf = (id) => id.toUpperCase();

test('the ways list: empty without a target, a hint without ways, else a pressed button per way', () => {
  const state = wayInState();
  assert.deepEqual(waysItems(state, nameOf, () => {}), []);
  state.target = 'cy';
  assert.equal(textOf(waysItems(state, nameOf, () => {})[0]).startsWith('No way in yet'), true);
  state.ways = [way('ana', 'cy'), way('cy')];
  state.chosen = 1;
  const chosen = [];
  const items = waysItems(state, nameOf, (i) => chosen.push(i));
  assert.deepEqual(items.map(textOf), ['You → ANA (strong) → CY (strong)', 'You → CY (strong)']);
  assert.deepEqual(items.map((li) => li.querySelector('button').getAttribute('aria-pressed')), ['false', 'true']);
  items[0].querySelector('button').click();
  assert.deepEqual(chosen, [0]);
});

test('whom to reach is offered by what the view calls them, after a blank choice', () => {
  const options = targetOptions([person('a', 'Ana')], (p) => `(${p.name})`).flat();
  assert.deepEqual(options.map((o) => [o.getAttribute('value'), textOf(o)]), [['', 'Choose someone…'], ['a', '(Ana)']]);
});

test('only the newest search for a way in is shown', async () => {
  const answers = new Map();
  const api = fakeApi({ introPaths: (id) => new Promise((r) => answers.set(id, r)) });
  const drawn = [];
  const panel = createWayIn({ api, shownAs: (p) => p.name, onChoose: (path) => drawn.push(path) });
  panel.learn([{ id: 'me', me: true, name: 'You' }, person('ana', 'Ana'), person('bo', 'Bo')]);
  panel.fillTargets([{ id: 'me', me: true }, person('ana', 'Ana'), person('bo', 'Bo')]);
  panel.findTo('ana');
  panel.findTo('bo');
  answers.get('bo')([way('bo')]);
  await settle();
  answers.get('ana')([way('ana')]);
  await settle();
  assert.equal(textOf(panel.el.querySelector('#network-paths')), 'You → Bo (strong)');
  assert.deepEqual(drawn.at(-1), way('bo'));
  assert.equal(panel.pathWords(), 'You → Bo (strong)');
  assert.deepEqual(api.calls, [['introPaths', 'ana'], ['introPaths', 'bo']]);
});

test('an empty choice clears the ways without asking', async () => {
  const api = fakeApi({ introPaths: [way('ana')] });
  const drawn = [];
  const panel = createWayIn({ api, shownAs: (p) => p.name, onChoose: (path) => drawn.push(path) });
  panel.learn([person('ana', 'Ana')]);
  panel.fillTargets([person('ana', 'Ana')]);
  await panel.findTo('ana');
  await panel.findTo('');
  assert.deepEqual(drawn, [way('ana'), undefined]);
  assert.equal(panel.path(), undefined);
  assert.equal(api.calls.length, 1);
});

test('the Clear button and the hidden-people note follow the path shown', () => {
  const panel = createWayIn({ api: fakeApi(), shownAs: (p) => p.name, onChoose: () => {} });
  const clear = panel.el.querySelector('#network-path-clear');
  const note = panel.el.querySelector('#network-path-hidden');
  panel.showPath(true, 2);
  assert.deepEqual([clear.hidden, note.hidden], [false, false]);
  panel.showPath(true, 0);
  assert.deepEqual([clear.hidden, note.hidden], [false, true]);
  panel.showPath(false, 0);
  assert.deepEqual([clear.hidden, note.hidden], [true, true]);
});

test('the people list: a button per person with their symbol, name and links; none says so', () => {
  const nodes = [{ id: 'me', me: true, name: 'You' }, person('bo', 'Bo', { stance: 'blocker', level: 'peer' }), person('al', 'Al')];
  const links = [{ from: 'me', to: 'bo' }, { from: 'al', to: 'bo' }];
  const opened = [];
  const items = peopleItems(nodes, links, (p) => p.name.toUpperCase(), (id) => opened.push(id));
  assert.deepEqual(items.map(textOf), ['◆AL1 link', '✖BOBlocker · Peer · 2 links']);
  assert.equal(items[1].querySelector('.network-symbol').getAttribute('aria-hidden'), 'true');
  assert.ok(items[1].querySelector('.network-symbol').classList.contains('network-stance-blocker'));
  items[1].querySelector('button').click();
  assert.deepEqual(opened, ['bo']);
  assert.equal(textOf(peopleItems([nodes[0]], [], (p) => p.name, () => {})[0]), 'No one in this view.');
});

test('the list counts the people shown in its summary, not the user', () => {
  const list = createPeopleList({ shownAs: (p) => p.name, openPerson: () => {} });
  assert.equal(list.el.id, 'network-list');
  assert.equal(textOf(list.el.querySelector('summary')), listTitle(0));
  list.render([{ id: 'me', me: true, name: 'You' }, person('a', 'A'), person('b', 'B')], []);
  assert.equal(textOf(list.el.querySelector('summary')), 'People in this view (2)');
  assert.equal(list.el.querySelectorAll('.network-person').length, 2);
});
