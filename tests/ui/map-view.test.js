// The Map view as a whole, over a fake api: what it loads, which map it shows, the map form,
// archiving and deleting, zoom, presenting mode and history.
import {
  DANA, MAP, OLD_MAP, OTHER_MAP, SAM, announced, callNames, choose, mountWith, placed, settle, textOf, toastText,
} from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setPresentingMode } from '../../ui/lib/presenting.js';

test('the first load reads maps, people, then the first active map\'s placements, and marks the view ready', async () => {
  const { api, el, $ } = await mountWith({ listMaps: [OLD_MAP, MAP, OTHER_MAP] });
  assert.deepEqual(api.calls, [['listMaps', true], ['mapPlacements', 'm1'], ['mapSupport', 'm1']]);
  assert.equal(el.dataset.ready, 'true');
  assert.equal($('#map-empty').hidden, true);
  assert.equal(textOf($('#map-side .overview h2')), 'Promotion to Staff');
  const groups = [...$('#map-select').querySelectorAll('optgroup')]
    .map((g) => [g.getAttribute('label'), [...g.querySelectorAll('option')].map((o) => o.value)]);
  assert.deepEqual(groups, [['Maps', ['m1', 'm2']], ['Archived', ['m3']]]);
  assert.equal($('#map-select').value, 'm1');
  assert.equal(textOf($('#map-title')), 'Map');
});

test('maps asked for while the module loaded are used once, and read afresh on the next load', async () => {
  const { api, view } = await mountWith({ mapsAsked: [OTHER_MAP, MAP], listMaps: [MAP] });
  assert.deepEqual(api.calls, [['mapPlacements', 'm2'], ['mapSupport', 'm2']], 'the early answer, not a second ask');
  view.open('m1');
  await settle();
  assert.deepEqual(callNames(api).slice(2), ['listMaps', 'mapPlacements', 'mapSupport']);
});

test('cards asked for early for another map than the address names are not shown: that map\'s are asked for', async (t) => {
  // The early reads chose the first active map; the address names m1.
  const before = globalThis.location.hash;
  globalThis.location.hash = '#/map/m1';
  t.after(() => { globalThis.location.hash = before; });
  const { api, $ } = await mountWith({ mapsAsked: [OTHER_MAP, MAP], listMaps: [MAP] });
  assert.deepEqual(api.calls, [['mapPlacements', 'm2'], ['mapSupport', 'm2'], ['mapPlacements', 'm1'], ['mapSupport', 'm1']]);
  assert.equal($('#map-select').value, 'm1');
});

test('without maps the view offers the first map\'s form and hides the grid and tools', async () => {
  const { api, $ } = await mountWith({ listMaps: [] });
  assert.deepEqual(callNames(api), ['listMaps'], 'no placements without a map');
  assert.equal($('#map-empty').hidden, false);
  assert.ok($('#map-empty #map-form'), 'the form to make one');
  assert.equal($('#map-empty #map-cancel'), null, 'nothing to cancel back to');
  assert.equal($('.map-layout').hidden, true);
  assert.equal($('.map-tools').hidden, true);
  assert.equal($('#map-select').hidden, true);
  assert.equal($('#edit-map').hidden, true);
  assert.equal(textOf($('#map-title')), 'Maps');
});

test('a failed load says why in the empty area', async () => {
  const { $ } = await mountWith({ listMaps: new Error('The database is busy') });
  assert.equal($('#map-empty').hidden, false);
  assert.equal(textOf($('#map-empty [role="alert"]')), 'The database is busy');
  assert.equal($('.map-layout').hidden, true);
});

test('choosing another map loads its placements and shows it', async () => {
  const { api, $, $$ } = await mountWith({
    mapPlacements: (id) => (id === 'm2' ? [placed(DANA, 0.2, 0.2)] : [placed(SAM, 0.8, 0.8)]),
  });
  api.calls.length = 0;
  choose($('#map-select'), 'm2');
  await settle();
  assert.deepEqual(api.calls, [['listMaps', true], ['mapPlacements', 'm2'], ['mapSupport', 'm2']]);
  assert.equal(textOf($('#map-side .overview h2')), 'Atlas launch');
  assert.deepEqual($$('.map-card').map((c) => c.dataset.personId), ['p1']);
});

test('an older load answering last does not replace the newer map', async () => {
  let release;
  const slow = new Promise((r) => { release = r; });
  const { $, $$ } = await mountWith({
    mapPlacements: async (id) => (id === 'm1' ? (await slow, [placed(SAM, 0.8, 0.8)]) : [placed(DANA, 0.2, 0.2)]),
  });
  choose($('#map-select'), 'm2');
  await settle();
  release();
  await settle();
  assert.equal(textOf($('#map-side .overview h2')), 'Atlas launch');
  assert.deepEqual($$('.map-card').map((c) => c.dataset.personId), ['p1']);
});

test('New map opens the form in the side panel and saving shows the new map', async () => {
  const created = { ...OTHER_MAP, id: 'm9', name: 'Board seat' };
  const { api, $ } = await mountWith({ createMap: created, listMaps: () => [MAP, created] });
  $('#new-map').click();
  assert.ok($('#map-side #map-form'), 'the form replaces the panel');
  $('#map-side #map-name').value = 'Board seat';
  api.calls.length = 0;
  $('#map-side #map-form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.deepEqual(api.calls, [
    ['createMap', { name: 'Board seat', description: '', target_date: '' }],
    ['listMaps', true], ['mapPlacements', 'm9'], ['mapSupport', 'm9'],
  ]);
  assert.equal(textOf($('#map-side .overview h2')), 'Board seat');
});

test('the map form stays open while cards re-render, and Cancel brings the overview back', async () => {
  const { $ } = await mountWith();
  $('#edit-map').click();
  assert.equal($('#map-side #map-name').value, 'Promotion to Staff');
  setPresentingMode('initials');
  setPresentingMode('names');
  assert.ok($('#map-side #map-form'), 'typed text is not lost to a re-render');
  $('#map-cancel').click();
  assert.equal($('#map-side #map-form'), null);
  assert.equal(textOf($('#map-side .overview h2')), 'Promotion to Staff');
});

test('archiving a map saves, says so, and reloads it among the archived', async () => {
  const archived = { ...MAP, archived: true };
  const { api, $ } = await mountWith({ archiveMap: archived });
  $('#edit-map').click();
  api.calls.length = 0;
  $('#map-archive').click();
  await settle();
  assert.deepEqual(api.calls[0], ['archiveMap', 'm1', true]);
  assert.deepEqual(callNames(api).slice(1), ['listMaps', 'mapPlacements', 'mapSupport']);
  assert.equal(toastText(), 'Archived Promotion to Staff');
});

test('deleting a map saves, shows the maps left and offers Undo, which asks the app to undo', async () => {
  let maps = [MAP, OTHER_MAP];
  const { api, ctx, $ } = await mountWith({
    listMaps: () => maps,
    deleteMap: (id) => { maps = maps.filter((m) => m.id !== id); return null; },
  });
  $('#edit-map').click();
  api.calls.length = 0;
  $('#map-delete').click();
  await settle();
  assert.deepEqual(api.calls[0], ['deleteMap', 'm1']);
  assert.deepEqual(callNames(api).slice(1), ['listMaps', 'mapPlacements', 'mapSupport'], 'the maps are read again');
  assert.equal(textOf($('#map-side .overview h2')), 'Atlas launch', 'the map left is shown');
  assert.deepEqual([...$('#map-select').querySelectorAll('option')].map((o) => o.value), ['m2']);
  assert.equal(await announced(), 'Deleted map Promotion to Staff. Press Ctrl+Z to undo.');
  assert.equal(toastText(), 'Deleted map \u2068Promotion to Staff\u2069');
  const undo = document.querySelector('#toast-undo');
  assert.equal(textOf(undo), 'Undo', 'the toast offers Undo');
  api.calls.length = 0;
  undo.click();
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change (and shows the view again)');
  assert.deepEqual(api.calls, [], 'the view restores nothing itself');
});

test('zoom keys and buttons scale the grid between 1× and 4×', async () => {
  const { view, $ } = await mountWith();
  assert.equal(view.keydown({ key: '+' }), true);
  assert.equal($('#grid').style.width, '125%');
  $('#zoom-out').click();
  $('#zoom-out').click();
  assert.equal($('#grid').style.width, '100%', 'never below the whole grid');
  for (let i = 0; i < 10; i += 1) $('#zoom-in').click();
  assert.equal($('#grid').style.height, '400%');
  assert.equal(view.keydown({ key: '0' }), true);
  assert.equal($('#grid').style.width, '100%');
  assert.equal(view.keydown({ key: 'x' }), false, 'other keys are left to the app');
});

test('the presenting mode relabels cards and the map\'s own select follows it', async () => {
  const { $, $$ } = await mountWith();
  try {
    setPresentingMode('initials');
    assert.deepEqual($$('.card-name').map(textOf), ['DN', 'SP']);
    assert.equal($('#label-mode').value, 'initials');
    assert.equal($$('.card-role').length, 0, 'no roles beside initials');
    choose($('#label-mode'), 'roles');
    assert.deepEqual($$('.card-name').map(textOf), ['VP Engineering', 'Director, Product']);
  } finally {
    setPresentingMode('names');
  }
  assert.deepEqual($$('.card-name').map(textOf), ['Dana Ng', 'Sam Patel']);
});

test('history shows the past read-only, with arrows for moves, until it is closed', async () => {
  const past = [placed(DANA, 0.2, 0.2), placed(SAM, 0.3, 0.3, { desired: { power: 0.9, interest: 0.9 } })];
  const moves = [{ person_id: 'p1', name: 'Dana Ng', role: '', from: { position: { power: 0.2, interest: 0.2 }, stance: 'neutral' }, to: { position: { power: 0.9, interest: 0.3 }, stance: 'neutral' }, distance: 0.7 }];
  const { api, $, $$ } = await mountWith({ mapHistorySpan: { first: '2026-10-01T10:00:00Z' }, mapStateAt: past, mapMoves: moves });
  api.calls.length = 0;
  $('#history-toggle').click();
  await settle();
  assert.equal(api.calls[0][0], 'mapHistorySpan');
  assert.deepEqual(callNames(api).slice(1).sort(), ['mapMoves', 'mapStateAt']);
  assert.equal($('#history-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal($('#history-bar').hidden, false);
  assert.ok($('#roster').classList.contains('disabled'));
  assert.deepEqual($$('.map-card').map((c) => [c.dataset.personId, c.classList.contains('past')]), [['p1', true], ['p2', true]]);
  const ghosts = $$('.ghost');
  assert.deepEqual(ghosts.map((g) => g.dataset.personId), ['p2'], 'where the user needed Sam then, and only Sam');
  assert.ok(ghosts[0].classList.contains('past'), 'a past need is shown, not dragged');
  assert.equal(ghosts[0].getAttribute('title'), 'Where you needed Sam Patel to be then');
  assert.equal($$('#grid-arrows line.move-arrow').length, 1);
  assert.equal($$('#grid-arrows line.desired-arrow').length, 1, 'an arrow from Sam then to the need then');
  assert.match(textOf($('#history-summary')), /Dana Ng: Monitor → Keep satisfied/);

  $('#history-toggle').click();
  assert.equal($('#history-toggle').getAttribute('aria-pressed'), 'false');
  assert.equal($('#history-bar').hidden, true);
  assert.equal($$('.map-card').length, 2, 'the present again');
  assert.equal($$('#grid-arrows line.desired-arrow').length, 1);
});

test('a map without history says so and stays in the present', async () => {
  const { $ } = await mountWith({ mapHistorySpan: null });
  $('#history-toggle').click();
  await settle();
  assert.equal(toastText(), 'Nothing has moved on this map yet.');
  assert.equal($('#history-toggle').getAttribute('aria-pressed'), 'false');
  assert.equal($('#history-toggle').hasAttribute('aria-busy'), false);
});
