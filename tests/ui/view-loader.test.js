// Sections load their module when first shown: once each, a failed load tried again, and only the
// last section asked for is shown when several are asked for in a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWS, viewLoader } from '../../ui/lib/view-loader.js';
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
