// The Network view's motion on a fake canvas: the layout settling, drawing only when asked, the
// picture at rest moved as it is while the user pans, and nothing left running when it stops.
import './support/network-page.js';
import { settle } from './support/dom.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createScene } from '../../ui/views/network-canvas.js';
import { QUICK_MS, SETTLE_TICKS, TICKS_PER_SECOND, createMotion } from '../../ui/views/network-motion.js';
import { drawingGroups, linkStyle } from '../../ui/lib/network-graph.js';

function recorder() {
  const calls = [];
  return new Proxy({}, {
    get: (_, name) => (name === 'calls' ? calls : (...args) => { calls.push([name, ...args]); }),
    set: () => true,
  });
}
const used = (g, name) => g.calls.filter(([n]) => n === name).length;

function setUp({ reduced = false, people = 4 } = {}) {
  const g = recorder();
  const contexts = []; // what each getContext call asked for
  const canvas = {
    width: 0, height: 0, hidden: false, clientWidth: 400, clientHeight: 300, style: { transform: '' }, getContext: (...args) => { contexts.push(args); return g; },
  };
  const scene = createScene();
  scene.nodes = [{ id: 'me', name: 'You', me: true }, ...Array.from({ length: people }, (_, i) => ({ id: `p${i}`, name: `P${i}` }))];
  scene.links = scene.nodes.slice(1).map((n, i) => {
    const l = { id: `l${i}`, from: 'me', to: n.id, kind: 'close_with', strength: 'strong' };
    return { ...l, source: l.from, target: l.to, style: linkStyle(l) };
  });
  scene.me = scene.nodes[0];
  Object.assign(scene, drawingGroups(scene.nodes, scene.links));
  const log = { settled: 0, colours: 0 };
  const flags = { reduced };
  const motion = createMotion({
    canvas,
    scene,
    label: (n) => n.name,
    reducedMotion: () => flags.reduced,
    onSettled: () => { log.settled += 1; },
    pixelRatio: () => 2,
    colourSource: () => { log.colours += 1; return {}; },
  });
  return { g, canvas, scene, motion, log, flags, contexts };
}

async function untilSettled(motion) {
  for (let i = 0; i < 1000 && !motion.state.settled; i += 1) await settle(1);
  await settle(2);
}

test('finishing the layout places everyone, fits them in view and says so once', () => {
  const { scene, motion, log } = setUp();
  motion.resized();
  motion.start('cold');
  motion.finish();
  motion.finish();
  assert.equal(log.settled, 1);
  assert.ok(scene.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y)));
  assert.equal(motion.moving(), false);
  assert.notDeepEqual(scene.transform, { x: 0, y: 0, k: 1 }, 'the view was fitted');
  for (const n of scene.nodes) {
    const x = n.x * scene.transform.k + scene.transform.x;
    assert.ok(x > 0 && x < 400, `${n.id} is inside the canvas`);
  }
});

test('a cold layout comes to rest in SETTLE_TICKS ticks, a warm one in fewer', () => {
  const { motion } = setUp();
  const ticksToRest = () => {
    let n = 0;
    while (motion.moving() && n < 1000) { motion.state.sim.tick(); n += 1; }
    return n;
  };
  motion.start('cold');
  const cold = ticksToRest();
  assert.ok(Math.abs(cold - SETTLE_TICKS) <= 1, `cold: ${cold}`); // alpha lands on its minimum give or take rounding
  assert.ok(SETTLE_TICKS < 300, 'sooner than d3\'s 300');
  motion.start('warm');
  const warm = ticksToRest();
  assert.ok(warm > 0 && warm < SETTLE_TICKS, `warm: ${warm}`);
});

test('a layout at rest from the core stays where it is until a person is dragged', () => {
  const { scene, motion, log } = setUp();
  scene.nodes.forEach((n, i) => { n.x = 70 * i - 140; n.y = (i % 2) * 50; });
  const places = scene.nodes.map((n) => [n.x, n.y]);
  motion.resized();
  motion.start('rest');
  assert.equal(motion.moving(), false, 'nothing to tick');
  motion.finish();
  assert.equal(log.settled, 1, 'settled at once');
  assert.deepEqual(scene.nodes.map((n) => [n.x, n.y]), places, 'everyone where the core put them');
  motion.warm(0.3); // a drag begins
  assert.equal(motion.moving(), true, 'a drag moves the layout again');
});

test('the layout ticks paced by the clock, not all at once, and the view can stop it', async () => {
  const { motion, log } = setUp();
  motion.resized();
  motion.start('cold');
  const started = performance.now();
  motion.schedule();
  await new Promise((r) => setTimeout(r, 60));
  const elapsed = performance.now() - started;
  const done = motion.state.ticking.done;
  assert.ok(done >= 1, 'it has begun');
  assert.ok(done <= Math.ceil((elapsed * TICKS_PER_SECOND) / 1000) + 1, `${done} ticks in ${elapsed.toFixed(0)} ms is no faster than the pace`);
  assert.equal(log.settled, 0);
  motion.stop();
  assert.equal(motion.state.ticking, null, 'stopped: no more slices');
  motion.start('cold');
  motion.schedule();
  assert.equal(motion.state.ticking.done, 0, 'a new layout is paced from its own start');
  motion.destroy();
});

test('a resize sizes the canvas in device pixels and draws at once', () => {
  const { g, canvas, motion, contexts } = setUp();
  motion.resized();
  assert.deepEqual([canvas.width, canvas.height], [800, 600]);
  assert.ok(used(g, 'fillText') > 0, 'drawn without waiting for a frame');
  assert.deepEqual(contexts[0], ['2d', { willReadFrequently: true }], 'a canvas drawn on the CPU');
});

test('the layout unfolds over frames, then the loop stops with the picture at rest', async () => {
  const { g, motion, log } = setUp();
  motion.resized();
  motion.start('cold');
  motion.schedule();
  assert.notEqual(motion.state.frame, 0);
  await untilSettled(motion);
  assert.equal(log.settled, 1);
  assert.equal(motion.state.frame, 0, 'idle: no frame asked for');
  assert.ok(motion.state.rest.t.k > 0);
  assert.ok(used(g, 'clearRect') > 1);
});

test('panning a picture at rest moves the canvas as it is, then draws afresh once the view stops', async () => {
  const { g, canvas, scene, motion } = setUp({ reduced: true });
  motion.resized();
  motion.start('cold');
  motion.finish();
  motion.schedule();
  await settle();
  assert.ok(motion.state.rest);
  const calls = g.calls.length;
  const texts = used(g, 'fillText');
  motion.moveView({ ...scene.transform, x: scene.transform.x + 30 });
  assert.equal(motion.state.quick, true);
  assert.equal(scene.autoFit, false, 'the view no longer follows the layout');
  await settle();
  assert.equal(g.calls.length, calls, 'nothing drawn while panning');
  assert.equal(canvas.style.transform, 'matrix(1, 0, 0, 1, 30, 0)');
  motion.moveView({ ...scene.transform, k: scene.transform.k * 2 });
  await settle();
  assert.match(canvas.style.transform, /^matrix\(2, 0, 0, 2, /);
  assert.equal(g.calls.length, calls);
  await new Promise((r) => setTimeout(r, QUICK_MS + 30));
  await settle();
  assert.equal(motion.state.quick, false);
  assert.equal(canvas.style.transform, '', 'drawn where it shows: no longer moved');
  assert.ok(used(g, 'fillText') > texts, 'drawn afresh');
  assert.equal(motion.state.rest.t.k, scene.transform.k, 'the new picture is the one at rest');
});

test('a resize while the picture is moved draws it in place', async () => {
  const { canvas, scene, motion } = setUp({ reduced: true });
  motion.resized();
  motion.start('cold');
  motion.finish();
  motion.schedule();
  await settle();
  motion.moveView({ ...scene.transform, y: scene.transform.y - 12 });
  await settle();
  assert.notEqual(canvas.style.transform, '');
  motion.resized();
  assert.equal(canvas.style.transform, '');
});

test('a view moved while the layout moves is drawn, not copied', () => {
  const { scene, motion } = setUp();
  motion.resized();
  motion.start('cold');
  motion.moveView({ ...scene.transform, k: 2 });
  assert.equal(motion.state.quick, false);
});

test('turning on reduced motion while it moves finishes the layout at the next frame', async () => {
  const { motion, flags, log } = setUp();
  motion.resized();
  motion.start('cold');
  motion.schedule();
  await settle(1);
  assert.equal(log.settled, 0);
  flags.reduced = true;
  await settle(2);
  assert.equal(log.settled, 1);
});

test('new colours are read only when the scheme changes', async () => {
  const { motion, log } = setUp({ reduced: true });
  motion.resized();
  motion.redraw();
  await settle();
  assert.equal(log.colours, 1);
  motion.redraw({ colours: true });
  await settle();
  assert.equal(log.colours, 2);
});

test('once destroyed, the layout stops and no frame runs', async () => {
  const { g, motion } = setUp();
  motion.resized();
  motion.start('cold');
  motion.schedule();
  const before = g.calls.length;
  motion.destroy();
  await settle();
  assert.equal(g.calls.length, before);
  assert.equal(motion.state.sim, null);
  motion.schedule();
  assert.equal(motion.state.frame, 0);
});
