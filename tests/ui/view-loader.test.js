// Sections load their module when first shown: once each, a failed load tried again, and only the
// last section asked for is shown when several are asked for in a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWS, preload, viewLoader } from '../../ui/lib/view-loader.js';
import { SECTIONS } from '../../ui/lib/shortcuts.js';

function fakeViews() {
  const loads = { people: 0, map: 0 };
  const gates = {};
  const section = (name) => [
    () => { loads[name] += 1; return new Promise((resolve, reject) => { gates[name] = { resolve, reject }; }); },
    'mount',
  ];
  return { loads, gates, views: { people: section('people'), map: section('map'), insights: section('map') } };
}

test('a section\'s module is loaded the first time only, and its mount gets the context and parameter', async () => {
  const { loads, gates, views } = fakeViews();
  const loader = viewLoader(views);
  const first = loader.mount('people');
  gates.people.resolve({ mount: (ctx, param) => ({ ctx, param }) });
  const m = await first;
  assert.deepEqual(m.run('ctx', 'p1'), { ctx: 'ctx', param: 'p1' });
  await loader.mount('people');
  assert.equal(loads.people, 1);
});

test('a section\'s first data is asked for while its module loads, and handed to its mount', async () => {
  const { gates, views } = fakeViews();
  const asked = [];
  views.map = [views.map[0], 'mount', (api) => api.listMaps(true)];
  const api = { listMaps: (archived) => { asked.push(archived); return Promise.resolve(['m1']); } };
  const loader = viewLoader(views);
  const pending = loader.mount('map', api);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(asked, [true], 'asked before the module arrived');
  gates.map.resolve({ mount: (ctx, param, data) => ({ ctx, param, data }) });
  const shown = (await pending).run('ctx', 'p1');
  assert.deepEqual([shown.ctx, shown.param, await shown.data], ['ctx', 'p1', ['m1']]);
  const people = loader.mount('people', api);
  gates.people.resolve({ mount: (ctx, param, data) => data });
  assert.equal((await people).run('ctx', null), undefined, 'a section without first data gets none');
  assert.equal(asked.length, 1);
});

test('a failed early answer is left to the view, not thrown by the loader', async () => {
  const { gates, views } = fakeViews();
  views.map = [views.map[0], 'mount', () => Promise.reject(new Error('locked'))];
  const loader = viewLoader(views);
  const pending = loader.mount('map', {});
  gates.map.resolve({ mount: (ctx, param, data) => data });
  await assert.rejects((await pending).run('ctx', null), /locked/);
});

test('preload starts loading a section\'s module before any mount, and leaves a failure to the mount', async () => {
  const { loads, gates, views } = fakeViews();
  preload('map', views);
  assert.deepEqual(loads, { people: 0, map: 1 });
  gates.map.reject(new Error('offline'));
  await new Promise((resolve) => setTimeout(resolve, 0)); // no unhandled rejection
  preload('unknown', views);
  assert.equal(loads.map, 2, 'an unknown name loads Insights (here the map\'s module), as mount does');
});

test('when two sections are asked for in a row, the first one is superseded', async () => {
  const { gates, views } = fakeViews();
  const loader = viewLoader(views);
  const people = loader.mount('people');
  const map = loader.mount('map');
  gates.map.resolve({ mount: () => 'map' });
  gates.people.resolve({ mount: () => 'people' });
  const [p, m] = await Promise.all([people, map]);
  assert.equal(loader.superseded(p), true);
  assert.equal(loader.superseded(m), false);
});

test('going back to the section on screen cancels one still loading', async () => {
  const { gates, views } = fakeViews();
  const loader = viewLoader(views);
  const map = loader.mount('map');
  loader.cancel();
  gates.map.resolve({ mount: () => 'map' });
  assert.equal(loader.superseded(await map), true, 'the slow section does not replace the one on screen');
  const again = await loader.mount('map');
  assert.equal(loader.superseded(again), false, 'asked for again, it shows');
});

test('a module that failed to load is tried again on the next visit', async () => {
  const { loads, gates, views } = fakeViews();
  const loader = viewLoader(views);
  const failed = loader.mount('map');
  gates.map.reject(new Error('offline'));
  await assert.rejects(failed, /offline/);
  const again = loader.mount('map');
  gates.map.resolve({ mount: () => 'map' });
  assert.equal((await again).run(), 'map');
  assert.equal(loads.map, 2);
});

test('every section the router knows has a module that exports its mount function', async () => {
  await import('./support/dom.js'); // the page the view modules expect
  for (const name of SECTIONS) {
    assert.ok(VIEWS[name], name);
    const [load, exported] = VIEWS[name];
    assert.equal(typeof (await load())[exported], 'function', `${name}: ${exported}`);
  }
});

test('firstShown is the first view mounted, even when another section took the place of the one asked for first', async () => {
  const { gates, views } = fakeViews();
  const loader = viewLoader(views);
  let first = 'not yet';
  loader.firstShown.then((view) => { first = view; });
  const people = loader.mount('people');
  const map = loader.mount('map'); // chosen while People still loads
  gates.people.resolve({ mount: () => ({ name: 'people' }) });
  assert.equal(loader.superseded(await people), true, 'People is not mounted');
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(first, 'not yet', 'nothing is shown before the map is mounted');
  gates.map.resolve({ mount: () => ({ name: 'map' }) });
  (await map).run('ctx', null);
  assert.deepEqual(await loader.firstShown, { name: 'map' });
  gates.people.resolve({ mount: () => ({ name: 'people' }) });
  (await loader.mount('people')).run('ctx', null);
  assert.deepEqual(await loader.firstShown, { name: 'map' }, 'later sections do not change it');
});

test('firstShown is null when the first section\'s module could not load, so what waits for it is not held up', async () => {
  const { gates, views } = fakeViews();
  const loader = viewLoader(views);
  const map = loader.mount('map');
  gates.map.reject(new Error('offline'));
  await assert.rejects(map, /offline/);
  assert.equal(await loader.firstShown, null);
});
