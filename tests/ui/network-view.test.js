// The Network view as mounted by the app, over a fake api: what it asks for, in what order, and
// what it shows for the answers (status, list, filters, ways in, the address's person).
import { mediaQueries, choose } from './support/network-page.js';
import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';

import { mountNetwork } from '../../ui/views/network.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';

const me = { id: 'me', name: 'You', me: true };
const person = (id, name, extra = {}) => ({ id, name, role: '', department: '', level: '', stance: null, power: null, ...extra });
const link = (id, from, to, kind = 'close_with', strength = 'strong') => ({ id, from, to, kind, strength });

const graph = {
  nodes: [
    me,
    person('ana', 'Ana Lima', { department: 'Sales', stance: 'champion', role: 'Director' }),
    person('bo', 'Bo Chen', { department: 'Finance', level: 'manager' }),
    person('cy', 'Cy <b>Park</b>', { department: 'Finance' }),
  ],
  links: [link('l1', 'me', 'ana', 'met', 'medium'), link('l2', 'ana', 'bo'), link('l3', 'bo', 'cy', 'reports_to')],
};
const step = (person_id, kind = 'close_with', strength = 'strong') => ({ person_id, kind, strength });
const toCy = { steps: [step('ana', 'met', 'medium'), step('bo'), step('cy', 'reports_to')], cost: 3 };
const toCyAgain = { steps: [step('bo', 'met', 'weak'), step('cy', 'reports_to')], cost: 5 };

let view = null;
const $ = (selector) => view.el.querySelector(selector);
const $$ = (selector) => [...view.el.querySelectorAll(selector)];

async function mount(answers, hash = '#/network') {
  resetPage();
  location.hash = hash;
  const api = fakeApi({ listMaps: [], networkGraph: graph, ...answers });
  view = mountNetwork(fakeContext(api));
  document.getElementById('main').append(view.el);
  await settle(6);
  return api;
}

afterEach(() => {
  view?.destroy();
  view = null;
  mediaQueries.get('(prefers-reduced-motion: reduce)').matches = false;
  setPresentingMode('names');
});

test('it asks for the maps, then the graph of everyone, and says who is shown', async () => {
  const api = await mount();
  assert.deepEqual(api.calls, [['listMaps'], ['networkGraph', null, null]]);
  assert.equal(textOf($('#network-status')), '3 people, 3 links');
  assert.equal(view.el.dataset.nodes, '4', 'the user is drawn too');
  assert.equal($('#network-canvas').getAttribute('aria-label'),
    'Network picture: 3 people, 3 links. The list “People in this view” has the same people.');
  assert.equal($('#network-empty').hidden, true);
  assert.equal($('#network-fit').disabled, false);
});

test('of a network too large to draw whole, the status says only the nearest are drawn', async () => {
  await mount({ networkGraph: { ...graph, people: 100000 } });
  const said = 'Only the 3 people nearest you of 100,000 are drawn: everyone linked to someone or on a map, '
    + 'then those you met most lately. Choose a map to see its people.';
  assert.equal(textOf($('#network-status')), `3 people, 3 links. ${said}`);
  assert.match($('#network-canvas').getAttribute('aria-label'), /Only the 3 people nearest you of 100,000 are drawn/);
  assert.equal(textOf($('#network-list summary')), 'People in this view (3)');
});

test('the list has the same people in name order, names as text, each opening the person', async () => {
  await mount();
  assert.equal(textOf($('#network-list summary')), 'People in this view (3)');
  assert.deepEqual($$('.network-person-name').map(textOf), ['Ana Lima', 'Bo Chen', 'Cy <b>Park</b>']);
  assert.equal($$('.network-person-name b').length, 0, 'markup in a name stays text');
  assert.deepEqual($$('.network-person-meta').map(textOf), ['Champion · Director · Sales · 2 links', 'Finance · Manager · 2 links', 'Finance · 1 link']);
  $('.network-person[data-id="bo"]').click();
  assert.equal(location.hash, '#/people/bo');
});

test('a map with no one shows the empty state and nothing to fit', async () => {
  await mount({ networkGraph: { nodes: [me], links: [] } });
  assert.equal($('#network-empty').hidden, false);
  assert.equal($('#network-canvas').hidden, true);
  assert.equal($('#network-fit').disabled, true);
  assert.equal(view.el.dataset.nodes, '0');
  assert.equal(textOf($('#network-status')), 'No people in this view yet.');
  assert.equal($('#network-find').hidden, true, 'no one to find a way to');
  assert.equal(view.el.dataset.settled, 'true', 'nothing to lay out: settled at once');
});

test('a graph that fails to load says why', async () => {
  await mount({ networkGraph: new Error('The database is locked') });
  assert.equal(textOf($('#network-status')), 'The database is locked');
  assert.ok($('#network-status').classList.contains('form-error'));
});

test('filters offer what the graph has and narrow the picture without asking again', async () => {
  const api = await mount();
  assert.deepEqual($$('#network-department option').map((o) => o.getAttribute('value')), ['', 'Finance', 'Sales']);
  assert.deepEqual($$('#network-level option').map(textOf), ['Any level', 'Manager']);
  choose($('#network-department'), 'Finance');
  assert.equal(textOf($('#network-status')), '2 people, 1 link');
  assert.deepEqual($$('.network-person').map((b) => b.dataset.id), ['bo', 'cy']);
  choose($('#network-level'), 'manager');
  assert.equal(textOf($('#network-status')), '1 person, 0 links');
  choose($('#network-department'), 'Sales');
  assert.equal(textOf($('#network-status')), 'No one matches these filters.');
  assert.equal(textOf($('#network-list')), 'People in this view (0)No one in this view.');
  assert.equal(api.calls.filter(([name]) => name === 'networkGraph').length, 1);
});

test('choosing a map loads its graph; only the newest answer is shown', async () => {
  let release;
  const slow = new Promise((r) => { release = r; });
  const api = await mount({
    listMaps: [{ id: 'm1', name: 'Launch' }, { id: 'm2', name: 'Budget' }],
    networkGraph: (mapId) => (mapId === 'm1' ? slow : mapId === 'm2' ? { nodes: [me, person('zed', 'Zed')], links: [] } : graph),
  });
  assert.deepEqual($$('#network-map option').map(textOf), ['All people', 'Launch', 'Budget']);
  choose($('#network-map'), 'm1');
  choose($('#network-map'), 'm2');
  await settle();
  release(graph);
  await settle();
  assert.deepEqual(api.calls.slice(2), [['networkGraph', 'm1', null], ['networkGraph', 'm2', null]]);
  assert.equal(textOf($('#network-status')), '1 person, 0 links', 'the late answer for the first map is dropped');
});

test('the address chooses whom to reach: the best way in is found, drawn and announced', async () => {
  const api = await mount({ introPaths: [toCy, toCyAgain] }, '#/network/cy');
  assert.deepEqual(api.calls.at(-1), ['introPaths', 'cy']);
  assert.equal($('#network-target').value, 'cy');
  assert.deepEqual($$('.network-path').map(textOf), [
    'You → Ana Lima (medium, met) → Bo Chen (strong) → Cy <b>Park</b> (strong, reports to)',
    'You → Bo Chen (weak, met) → Cy <b>Park</b> (strong, reports to)',
  ]);
  assert.deepEqual($$('.network-path').map((b) => b.getAttribute('aria-pressed')), ['true', 'false']);
  assert.equal(view.el.dataset.path, 'ana,bo,cy');
  assert.equal($('#network-path-clear').hidden, false);
  assert.equal($('#network-path-hidden').hidden, true);
  assert.match($('#network-canvas').getAttribute('aria-label'), /Drawn on top: You → Ana Lima .* reports to\)\./);
  assert.equal(textOf(document.getElementById('announcer')), '2 ways in to Cy <b>Park</b>; the first is drawn');
});

test('pressing another way draws it and keeps the same buttons, so focus stays', async () => {
  await mount({ introPaths: [toCy, toCyAgain] }, '#/network/cy');
  const [first, second] = $$('.network-path');
  second.click();
  assert.equal(view.el.dataset.path, 'bo,cy');
  assert.deepEqual($$('.network-path').map((b) => b.getAttribute('aria-pressed')), ['false', 'true']);
  assert.equal($$('.network-path')[0], first, 'the list was not rebuilt');
});

test('Clear stops drawing the path and gives focus back to the paths', async () => {
  await mount({ introPaths: [toCy] }, '#/network/cy');
  $('#network-path-clear').click();
  assert.equal(view.el.dataset.path, undefined);
  assert.equal($('#network-path-clear').hidden, true);
  assert.equal(document.activeElement, $('.network-path'));
  assert.equal($('.network-path').getAttribute('aria-pressed'), 'false');
});

test('a path through someone filtered out says so', async () => {
  await mount({ introPaths: [toCy] }, '#/network/cy');
  choose($('#network-department'), 'Finance');
  assert.equal($('#network-path-hidden').hidden, false, 'Ana is in Sales');
  assert.equal(view.el.dataset.path, 'ana,bo,cy', 'the path is still the one chosen');
});

test('no way in, and a failing search, read as such', async () => {
  await mount({ introPaths: [] });
  choose($('#network-target'), 'bo');
  await settle();
  assert.equal(textOf($('#network-paths')), 'No way in yet: link someone you know to them, or log an interaction with someone close to them.');
  assert.equal(view.el.dataset.path, undefined);
  assert.equal(textOf(document.getElementById('announcer')), 'No way in to Bo Chen yet');

  await mount({ introPaths: new Error('Try again') });
  $('#network-target').value = 'bo';
  $('#network-find-go').click();
  await settle();
  assert.equal(textOf($('#network-paths [role="alert"]')), 'Try again');
});

test('someone on a path but off the graph is named from the people list', async () => {
  const api = await mount({ introPaths: [{ steps: [step('ghost'), step('cy')], cost: 2 }], listPeople: [person('ghost', 'Gus Host')] }, '#/network/cy');
  assert.deepEqual(api.calls.at(-1), ['listPeople', '']);
  assert.equal(textOf($('.network-path')), 'You → Gus Host (strong) → Cy <b>Park</b> (strong)');
});

test('an address for someone not in the network says so; on a map it looks among everyone first', async () => {
  await mount();
  view.open('nobody');
  assert.equal(textOf($('#network-paths [role="alert"]')), 'That person is not in the network.');
  assert.equal($('#network-target').value, '');

  const api = await mount({
    listMaps: [{ id: 'm1', name: 'Launch' }],
    networkGraph: (mapId) => (mapId ? { nodes: [me, person('ana', 'Ana Lima')], links: [] } : graph),
    introPaths: [toCy],
  });
  choose($('#network-map'), 'm1');
  await settle();
  view.open('cy');
  await settle(6);
  assert.deepEqual(api.calls.slice(-2), [['networkGraph', null, 'cy'], ['introPaths', 'cy']]);
  assert.equal($('#network-map').value, '');
  assert.equal(view.el.dataset.path, 'ana,bo,cy');
});

test('someone beyond the nearest drawn is asked for with the ways in to them, once', async () => {
  const far = person('far', 'Fara Away');
  const api = await mount({
    networkGraph: (_mapId, focus) => (focus === 'far'
      ? { ...graph, nodes: [...graph.nodes, far], links: [...graph.links, link('l4', 'cy', 'far')], people: 500 }
      : { ...graph, people: 500 }),
    introPaths: [{ steps: [...toCy.steps, step('far')], cost: 4 }],
  });
  view.open('far');
  await settle(6);
  assert.deepEqual(api.calls.slice(-2), [['networkGraph', null, 'far'], ['introPaths', 'far']]);
  assert.equal($('#network-target').value, 'far');
  assert.equal(view.el.dataset.path, 'ana,bo,cy,far');

  // Someone the app does not draw even when asked (gone meanwhile) is not asked for again.
  const again = await mount({ networkGraph: { ...graph, people: 500 } });
  view.open('gone');
  await settle(6);
  assert.deepEqual(again.calls.filter(([name]) => name === 'networkGraph'), [['networkGraph', null, null], ['networkGraph', null, 'gone']]);
  assert.equal(textOf($('#network-paths [role="alert"]')), 'That person is not in the network.');
});

test('a chosen person not on the next map is let go, and their path with them', async () => {
  await mount({
    listMaps: [{ id: 'm1', name: 'Launch' }],
    networkGraph: (mapId) => (mapId ? { nodes: [me, person('ana', 'Ana Lima')], links: [] } : graph),
    introPaths: [toCy],
  }, '#/network/cy');
  choose($('#network-map'), 'm1');
  await settle();
  assert.equal($('#network-target').value, '');
  assert.equal(textOf($('#network-paths')), '');
  assert.equal(view.el.dataset.path, undefined);
});

test('keys pressed in the view zoom and fit, except while a select has focus', async () => {
  await mount();
  assert.equal(view.keydown({ key: '0' }), true);
  assert.equal(view.keydown({ key: '+' }), true);
  assert.equal(view.keydown({ key: 'x' }), false);
  $('#network-map').focus();
  assert.equal(view.keydown({ key: '0' }), false, 'typing in a select chooses an option');
});

test('with reduced motion the layout is settled as soon as the graph is in', async () => {
  mediaQueries.get('(prefers-reduced-motion: reduce)').matches = true;
  await mount();
  assert.equal(view.el.dataset.settled, 'true');
});

test('a graph the core laid out is drawn at rest at once; filtered, it moves on from there', async () => {
  const laidOut = {
    nodes: graph.nodes.map((n, i) => ({ ...n, x: 50 * i - 75, y: (i % 2) * 40 - 20 })),
    links: graph.links,
  };
  await mount({ networkGraph: laidOut });
  assert.equal(view.el.dataset.settled, 'true', 'no layout to run: at rest when shown');
  choose($('#network-department'), 'Finance');
  await settle(2);
  assert.equal(view.el.dataset.settled, 'false', 'fewer people: the layout moves on from their places');
  for (let i = 0; i < 1000 && view.el.dataset.settled !== 'true'; i += 1) await settle(1);
  assert.equal(view.el.dataset.settled, 'true');
});

test('the layout settles by itself in frames, then the view does no more work', async () => {
  const raf = globalThis.requestAnimationFrame;
  let frames = 0;
  globalThis.requestAnimationFrame = (fn) => { frames += 1; return raf(fn); };
  try {
    await mount();
    assert.equal(view.el.dataset.settled, 'false', 'it moves at first');
    for (let i = 0; i < 1000 && view.el.dataset.settled !== 'true'; i += 1) await settle(1);
    assert.equal(view.el.dataset.settled, 'true');
    assert.ok(frames > 10, `the layout unfolded over frames (${frames})`);
    await settle();
    const atRest = frames;
    await settle(10);
    assert.equal(frames, atRest, 'idle, no frame is asked for');
  } finally {
    globalThis.requestAnimationFrame = raf;
  }
});

test('presenting shows initials in the list and the paths', async () => {
  await mount({ introPaths: [toCy] }, '#/network/cy');
  setPresentingMode('initials');
  assert.deepEqual($$('.network-person-name').map(textOf), ['AL', 'BC', 'CB']);
  assert.equal(textOf($('.network-path')), 'You → AL (medium, met) → BC (strong) → CB (strong, reports to)');
  assert.equal($$('#network-target option').map(textOf).join(' '), 'Choose someone… AL BC CB');
});

test('after destroy, late answers change nothing', async () => {
  let release;
  const api = fakeApi({ listMaps: [], networkGraph: () => new Promise((r) => { release = r; }) });
  resetPage();
  view = mountNetwork(fakeContext(api));
  view.destroy();
  release(graph);
  await settle();
  assert.equal(textOf(view.el.querySelector('#network-status')), 'Loading…');
  assert.equal(view.el.querySelectorAll('.network-person').length, 0);
});
