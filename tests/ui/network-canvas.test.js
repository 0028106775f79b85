// The Network renderer, drawing on a recording 2D context: what it strokes, fills and names for a
// scene, and the copy moved for pan and zoom.
import './support/network-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FALLBACK_COLOURS, LABEL_SCALE, createScene, copyTransform, drawScene, readColours, traceArrowhead } from '../../ui/views/network-canvas.js';
import { drawingGroups, linkStyle, resolvePath } from '../../ui/lib/network-graph.js';

/** A 2D context that records each call as [name, ...args] and each property set as ['set', name, value]. */
function recorder() {
  const calls = [];
  const g = new Proxy({}, {
    get: (_, name) => (name === 'calls' ? calls : (...args) => { calls.push([name, ...args]); }),
    set: (_, name, value) => { calls.push(['set', name, value]); return true; },
  });
  return g;
}
const texts = (g) => g.calls.filter(([name]) => name === 'fillText').map(([, text]) => text);
const count = (g, name) => g.calls.filter(([n]) => n === name).length;
const sets = (g, prop) => g.calls.filter(([n, p]) => n === 'set' && p === prop).map(([, , v]) => v);

function sceneOf(nodes, links, extra = {}) {
  const scene = createScene();
  scene.nodes = nodes;
  scene.links = links.map((l) => ({ ...l, source: nodes.find((n) => n.id === l.from), target: nodes.find((n) => n.id === l.to), style: linkStyle(l) }));
  scene.me = nodes.find((n) => n.me) ?? null;
  Object.assign(scene, drawingGroups(scene.nodes, scene.links));
  scene.size = { width: 400, height: 300, dpr: 2 };
  scene.transform = { x: 200, y: 150, k: 1 };
  return Object.assign(scene, extra);
}

const nodes = () => [
  { id: 'me', name: 'You', me: true, x: 0, y: 0 },
  { id: 'a', name: 'Ana', stance: 'champion', x: 60, y: 0 },
  { id: 'b', name: 'Bo', x: 0, y: 60 },
  { id: 'far', name: 'Far Away', x: 5000, y: 5000 },
];
const links = [
  { id: 'l1', from: 'me', to: 'a', kind: 'close_with', strength: 'strong' },
  { id: 'l2', from: 'a', to: 'b', kind: 'reports_to', strength: 'medium' },
  { id: 'l3', from: 'b', to: 'far', kind: 'met', strength: 'weak' },
];
const label = (n) => `«${n.name}»`;

test('zoomed out, only your own name shows; from LABEL_SCALE on, everyone on screen', () => {
  const g = recorder();
  drawScene(g, sceneOf(nodes(), links), FALLBACK_COLOURS, label);
  assert.deepEqual(texts(g), ['«You»']);

  const close = recorder();
  drawScene(close, sceneOf(nodes(), links, { transform: { x: 200, y: 150, k: LABEL_SCALE } }), FALLBACK_COLOURS, label);
  assert.deepEqual(texts(close).sort(), ['«Ana»', '«Bo»', '«You»'], 'the person off screen is not named');
});

test('it clears the canvas in device pixels, then draws each on-screen person and link', () => {
  const g = recorder();
  drawScene(g, sceneOf(nodes(), links), FALLBACK_COLOURS, label);
  assert.deepEqual(g.calls[0], ['setTransform', 2, 0, 0, 2, 0, 0]);
  assert.deepEqual(g.calls[1], ['clearRect', 0, 0, 400, 300]);
  // Two links on screen (l3 leads off it), one arrowhead (reports to); Ana, Bo and you filled, plus the arrow.
  assert.equal(count(g, 'stroke') > 0, true);
  const moves = g.calls.filter(([n]) => n === 'moveTo').map(([, x, y]) => `${x},${y}`);
  assert.ok(moves.includes('0,0') && moves.includes('60,0'), 'both links on screen start where their people are');
  assert.ok(!moves.includes('5000,5000'));
  assert.equal(count(g, 'fill'), 4, 'three people and one arrowhead');
  assert.ok(sets(g, 'fillStyle').includes(FALLBACK_COLOURS['--network-champion']));
});

test('with a way in, everything else is faint and the path is drawn on top in its colour', () => {
  const ns = nodes();
  const path = { steps: [{ person_id: 'a' }, { person_id: 'b' }] };
  const scene = sceneOf(ns, links);
  scene.pathView = resolvePath(path, scene.nodes, scene.links);
  const g = recorder();
  drawScene(g, scene, FALLBACK_COLOURS, label);
  assert.ok(sets(g, 'globalAlpha').includes(0.25), 'dimmed');
  assert.ok(sets(g, 'strokeStyle').includes(FALLBACK_COLOURS['--network-path']));
  assert.ok(texts(g).includes('«Ana»') && texts(g).includes('«Bo»'), 'the path\'s people are named at any zoom');
  assert.ok(sets(g, 'font').some((f) => f.startsWith('600 ')), 'their names in bold');
  const plain = recorder();
  drawScene(plain, sceneOf(nodes(), links), FALLBACK_COLOURS, label);
  assert.ok(!sets(plain, 'globalAlpha').includes(0.25));
});

test('the hovered person is ringed and named', () => {
  const ns = nodes();
  const scene = sceneOf(ns, links, { hovered: ns[2] });
  const g = recorder();
  drawScene(g, scene, FALLBACK_COLOURS, label);
  assert.ok(sets(g, 'strokeStyle').includes(FALLBACK_COLOURS['--network-hover']));
  assert.ok(texts(g).includes('«Bo»'));
});

test('an arrowhead needs room between two people', () => {
  const g = recorder();
  assert.equal(traceArrowhead(g, { x: 0, y: 0 }, { x: 8, y: 0 }, 6), false);
  assert.equal(g.calls.length, 0);
  assert.equal(traceArrowhead(g, { x: 0, y: 0 }, { x: 100, y: 0 }, 6), true);
  assert.deepEqual(g.calls.map(([n]) => n), ['beginPath', 'moveTo', 'lineTo', 'lineTo', 'closePath']);
  assert.ok(g.calls[1][1] < 100, 'the tip stops at the person\'s edge');
});

test('the picture at rest is moved and scaled to the current view', () => {
  const from = { x: 10, y: 20, k: 1 };
  const to = { x: 30, y: 20, k: 2 };
  assert.equal(copyTransform(from, to), 'matrix(2, 0, 0, 2, 10, -20)');
  // Any world point lands where the new view draws it.
  const [s, tx, ty] = [2, 10, -20];
  for (const w of [{ x: 0, y: 0 }, { x: 7, y: -3 }, { x: -40, y: 12.5 }]) {
    assert.deepEqual([s * (w.x * from.k + from.x) + tx, s * (w.y * from.k + from.y) + ty], [w.x * to.k + to.x, w.y * to.k + to.y]);
  }
  assert.equal(copyTransform(to, to), 'matrix(1, 0, 0, 1, 0, 0)');
});

test('colours come from the page, or the fallbacks when it has none', () => {
  const colours = readColours({ getPropertyValue: (name) => (name === '--network-path' ? ' #123456 ' : '') });
  assert.equal(colours['--network-path'], '#123456');
  assert.equal(colours['--network-me'], FALLBACK_COLOURS['--network-me']);
  assert.equal(colours['--page-font'], 'sans-serif');
});

test('names are drawn in the page\'s font family', () => {
  const colours = readColours({ getPropertyValue: (name) => (name === '--page-font' ? ' system-ui, sans-serif' : '') });
  const g = recorder();
  drawScene(g, sceneOf(nodes(), links, { transform: { x: 200, y: 150, k: LABEL_SCALE } }), colours, label);
  assert.ok(g.calls.some(([kind, name, value]) => kind === 'set' && name === 'font' && value === '12px system-ui, sans-serif'));
});
