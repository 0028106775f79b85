import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEVELS, LINK_KINDS, MAX_SCALE, MIN_SCALE, ME_ID, STANCE_STYLES, departmentsOf, filterGraph, fitTransform, hiddenOnPath,
  levelLabel, levelsOf, linkDistance, linkStyle, nodeAt, nodeRadius, nodeStyle, panBy, pathIds, pathSegments, peopleInOrder,
  screenToWorld, stanceStyle, summaryText, traceShape, worldToScreen, zoomAt,
} from '../../ui/lib/network-graph.js';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from '../../ui/vendor/d3/d3-force.js';

const me = { id: 'me', name: 'You', me: true, department: '', level: '', stance: null, power: null };
const person = (id, extra = {}) => ({ id, name: id, role: '', department: '', level: '', stance: null, power: null, me: false, ...extra });

const graph = {
  nodes: [
    me,
    person('ana', { department: 'Sales', level: 'manager', stance: 'champion' }),
    person('bo', { department: 'Engineering', level: 'peer' }),
    person('cy', { department: 'Engineering', level: 'senior_leader' }),
    person('di', { department: 'sales', level: 'external' }),
  ],
  links: [
    { id: 'l1', from: 'me', to: 'ana', kind: 'met', strength: 'medium' },
    { id: 'l2', from: 'ana', to: 'bo', kind: 'close_with', strength: 'strong' },
    { id: 'l3', from: 'bo', to: 'cy', kind: 'reports_to', strength: 'weak' },
    { id: 'l4', from: 'me', to: 'cy', kind: 'met', strength: 'weak' },
  ],
};

const ids = (list) => list.map((x) => x.id).sort();
const near = (actual, expected, message) => assert.ok(Math.abs(actual - expected) < 1e-9, `${message}: ${actual} ≠ ${expected}`);

test('no filter keeps the whole graph', () => {
  const shown = filterGraph(graph, { department: '', level: '' });
  assert.deepEqual(ids(shown.nodes), ids(graph.nodes));
  assert.deepEqual(ids(shown.links), ['l1', 'l2', 'l3', 'l4']);
});

test('a department filter keeps you, the matching people and only links between those kept', () => {
  const shown = filterGraph(graph, { department: 'Engineering', level: '' });
  assert.deepEqual(ids(shown.nodes), ['bo', 'cy', 'me'], 'you stay in the picture whatever the filter');
  assert.deepEqual(ids(shown.links), ['l3', 'l4'], 'a link to someone filtered out would point at nothing');
});

test('department and level filters combine, and match exactly', () => {
  assert.deepEqual(ids(filterGraph(graph, { department: 'Engineering', level: 'peer' }).nodes), ['bo', 'me']);
  assert.deepEqual(ids(filterGraph(graph, { department: 'Sales' }).nodes), ['ana', 'me'], '"sales" is another department than "Sales"');
  assert.deepEqual(ids(filterGraph(graph, { level: 'external' }).nodes), ['di', 'me']);
  assert.deepEqual(filterGraph(graph, { department: 'Nowhere' }).links, []);
});

test('filtering never changes the graph it is given', () => {
  const before = JSON.stringify(graph);
  filterGraph(graph, { department: 'Engineering' });
  assert.equal(JSON.stringify(graph), before);
  assert.deepEqual(filterGraph(undefined, {}), { nodes: [], links: [] }, 'no graph yet is an empty picture, not a crash');
});

test('links whose ends are missing from the nodes are dropped', () => {
  const shown = filterGraph({ nodes: [me], links: [{ id: 'x', from: 'me', to: 'ghost', kind: 'met', strength: 'weak' }] });
  assert.deepEqual(shown.links, [], 'the force layout throws on a link to an unknown node');
});

test('filter choices are distinct, non-empty and ordered', () => {
  const messy = { nodes: [...graph.nodes, person('ed', { department: 'Engineering', level: 'peer' }), person('fi', { department: '  ' })] };
  assert.deepEqual(departmentsOf(messy), ['Engineering', 'Sales', 'sales'], 'case-insensitive order, ties broken the same way every time');
  assert.deepEqual(levelsOf(messy), ['senior_leader', 'manager', 'peer', 'external'], 'levels run from the top of the organisation down');
  assert.deepEqual(levelsOf({ nodes: [person('x', { level: 'contractor' }), person('y', { level: 'junior' })] }), ['junior', 'contractor']);
  assert.deepEqual(departmentsOf({ nodes: [me] }), []);
});

test('levels have the words the UI shows', () => {
  assert.deepEqual(LEVELS.map((l) => levelLabel(l.id)), ['Senior leader', 'Skip-level', 'Manager', 'Peer', 'Junior', 'External']);
  assert.equal(levelLabel('contractor'), 'contractor', 'an unknown level is shown rather than hidden');
});

test('your node is the biggest, and more power means a bigger node', () => {
  const sizes = [null, 0, 0.25, 0.5, 1].map((power) => nodeRadius(person('p', { power })));
  assert.equal(sizes[0], sizes[1], 'no power known is drawn as the smallest');
  for (let i = 2; i < sizes.length; i += 1) assert.ok(sizes[i] > sizes[i - 1], `power grows the node: ${sizes}`);
  assert.ok(nodeRadius(me) > nodeRadius(person('p', { power: 1 })), 'you stand out from the most powerful person');
  assert.equal(nodeRadius({ ...me, power: 0 }), nodeRadius(me), 'your size is fixed');
  assert.equal(nodeRadius(person('p', { power: 7 })), nodeRadius(person('p', { power: 1 })), 'power beyond 1 is clamped');
});

test('every stance has its own shape and colour, so it reads without colour', () => {
  const shapes = STANCE_STYLES.map((s) => s.shape);
  assert.equal(new Set(shapes).size, shapes.length, 'two stances share a shape');
  assert.equal(new Set(STANCE_STYLES.map((s) => s.colorVar)).size, STANCE_STYLES.length);
  assert.equal(stanceStyle(null).id, 'unknown', 'no stance is drawn as unknown');
  assert.equal(stanceStyle('champion').shape, 'star');
  assert.equal(nodeStyle(me).id, 'me');
});

test('each shape traces a different outline around its centre', () => {
  const outlines = new Map();
  for (const shape of ['circle', 'star', 'triangle', 'triangle-down', 'diamond', 'square', 'cross']) {
    const calls = [];
    const points = [];
    const path = {
      moveTo: (x, y) => { calls.push('M'); points.push([x, y]); },
      lineTo: (x, y) => { calls.push('L'); points.push([x, y]); },
      arc: (x, y, r) => { calls.push('A'); points.push([x + r, y], [x - r, y]); },
      closePath: () => calls.push('Z'),
    };
    traceShape(path, shape, 100, 50, 10);
    assert.equal(calls.at(-1), 'Z', `${shape} is closed, so fills do not join shapes`);
    for (const [x, y] of points) assert.ok(Math.hypot(x - 100, y - 50) <= 14, `${shape} stays near its node: (${x}, ${y})`);
    outlines.set(shape, JSON.stringify(points.map(([x, y]) => [Math.round(x), Math.round(y)])));
  }
  assert.equal(new Set(outlines.values()).size, outlines.size, 'two shapes look the same');
});

test('link kinds look different and width follows strength', () => {
  const looks = LINK_KINDS.map((k) => JSON.stringify([linkStyle({ kind: k.id, strength: 'medium' }).dash, k.colorVar, k.widthFactor]));
  assert.equal(new Set(looks).size, LINK_KINDS.length, 'two link kinds are drawn alike');
  assert.deepEqual(linkStyle({ kind: 'reports_to', strength: 'medium' }).dash, [], 'reporting lines are solid');
  assert.ok(linkStyle({ kind: 'influences', strength: 'medium' }).dash.length > 0, 'influence is dashed');
  assert.ok(linkStyle({ kind: 'influences', strength: 'medium' }).arrow, 'influence has a direction');
  assert.equal(linkStyle({ kind: 'in_conflict_with', strength: 'weak' }).colorVar, '--network-conflict');
  assert.ok(linkStyle({ kind: 'close_with', strength: 'medium' }).width > linkStyle({ kind: 'reports_to', strength: 'medium' }).width, 'close ties are thick');
  assert.ok(linkStyle({ kind: 'met', strength: 'strong' }).alpha < 0.5, '"you have met" is faint');
  const widths = ['weak', 'medium', 'strong'].map((strength) => linkStyle({ kind: 'influences', strength }).width);
  assert.ok(widths[0] < widths[1] && widths[1] < widths[2], `stronger is wider: ${widths}`);
  assert.notEqual(linkStyle({ kind: 'met', strength: 'weak' }).key, linkStyle({ kind: 'met', strength: 'strong' }).key);
  assert.ok(linkDistance({ strength: 'strong' }) < linkDistance({ strength: 'weak' }), 'strong ties pull people closer');
});

test('screen and world coordinates round-trip', () => {
  const t = { x: 123.5, y: -40, k: 2.5 };
  for (const p of [{ x: 0, y: 0 }, { x: 17, y: -3.25 }, { x: -400, y: 900 }]) {
    const back = screenToWorld(t, worldToScreen(t, p));
    near(back.x, p.x, 'x');
    near(back.y, p.y, 'y');
  }
  assert.deepEqual(worldToScreen(t, { x: 10, y: 10 }), { x: 148.5, y: -15 });
});

test('zooming keeps the point under the cursor in place', () => {
  const t = { x: 30, y: 60, k: 1.2 };
  const cursor = { x: 250, y: 175 };
  const under = screenToWorld(t, cursor);
  for (const factor of [1.25, 0.8, 3]) {
    const z = zoomAt(t, factor, cursor);
    near(z.k, t.k * factor, 'scale');
    const after = worldToScreen(z, under);
    near(after.x, cursor.x, `x after ×${factor}`);
    near(after.y, cursor.y, `y after ×${factor}`);
  }
});

test('zoom is clamped, and the cursor point still stays put at the limit', () => {
  const cursor = { x: 50, y: 50 };
  const t = { x: 5, y: 5, k: 1 };
  const inFar = zoomAt(t, 1000, cursor);
  assert.equal(inFar.k, MAX_SCALE);
  near(worldToScreen(inFar, screenToWorld(t, cursor)).x, cursor.x, 'clamped zoom-in');
  assert.equal(zoomAt(t, 1e-6, cursor).k, MIN_SCALE);
  assert.deepEqual(panBy(t, 10, -4), { x: 15, y: 1, k: 1 });
});

test('fitting puts every node inside the padded screen, centred', () => {
  const nodes = [person('a', { x: -300, y: -50 }), person('b', { x: 500, y: 120 }), { ...me, x: 0, y: 0 }];
  const [width, height, padding] = [800, 600, 40];
  const t = fitTransform(nodes, width, height, padding);
  let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
  for (const n of nodes) {
    const p = worldToScreen(t, n);
    const r = nodeRadius(n) * t.k;
    assert.ok(p.x - r >= padding - 1e-6 && p.x + r <= width - padding + 1e-6, `${n.id} fits across`);
    assert.ok(p.y - r >= padding - 1e-6 && p.y + r <= height - padding + 1e-6, `${n.id} fits down`);
    minX = Math.min(minX, p.x - r); maxX = Math.max(maxX, p.x + r);
    minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r);
  }
  near((minX + maxX) / 2, width / 2, 'centred across');
  near((minY + maxY) / 2, height / 2, 'centred down');
  near(maxX - minX, width - 2 * padding, 'the wider side fills the room');
});

test('fitting a tiny graph does not blow it up, and no nodes means the middle', () => {
  const t = fitTransform([{ ...me, x: 10, y: 10 }], 800, 600, 40, 2);
  assert.equal(t.k, 2, 'a single node would otherwise fill the screen');
  assert.deepEqual(worldToScreen(t, { x: 10, y: 10 }), { x: 400, y: 300 });
  assert.deepEqual(fitTransform([], 800, 600), { x: 400, y: 300, k: 1 });
  assert.deepEqual(fitTransform([person('a')], 800, 600), { x: 400, y: 300, k: 1 }, 'nodes not laid out yet are ignored');
});

test('hit testing finds the nearest node within its radius and a little slop', () => {
  const big = person('big', { power: 1, x: 0, y: 0 });
  const small = person('small', { power: 0, x: 20, y: 0 });
  const nodes = [big, small];
  assert.equal(nodeAt(nodes, 1, 1)?.id, 'big');
  assert.equal(nodeAt(nodes, 19, 0)?.id, 'small', 'inside both circles, the nearer centre wins');
  assert.equal(nodeAt(nodes, 20 + nodeRadius(small) + 3, 0, 4)?.id, 'small', 'a few pixels outside still hits');
  assert.equal(nodeAt(nodes, 20 + nodeRadius(small) + 5, 0, 4), null);
  assert.equal(nodeAt(nodes, 0, -(nodeRadius(big) + 2), 0), null, 'no slop, no hit');
  assert.equal(nodeAt([], 0, 0), null);
});

test('the list is in name order without you, and the status counts people and links', () => {
  const nodes = [me, person('b', { name: 'bea' }), person('a', { name: 'Álvaro' }), person('c', { name: 'Carl' })];
  assert.deepEqual(peopleInOrder(nodes).map((n) => n.name), ['Álvaro', 'bea', 'Carl']);
  assert.equal(summaryText(nodes, [{}, {}]), '3 people, 2 links');
  assert.equal(summaryText([me, person('x')], [{}]), '1 person, 1 link');
  const many = Array.from({ length: 1000 }, (_, i) => person(`p${i}`));
  assert.equal(summaryText([me, ...many], Array(3000).fill({})), '1,000 people, 3,000 links');
});

test('the vendored d3-force loads in node and lays out a small graph synchronously', () => {
  const nodes = [{ id: 'me' }, { id: 'a' }, { id: 'b' }, { id: 'c' }];
  const links = [{ source: 'me', target: 'a' }, { source: 'a', target: 'b' }, { source: 'me', target: 'c' }];
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(50))
    .force('charge', forceManyBody().distanceMax(300).theta(0.9))
    .force('center', forceCenter(0, 0))
    .force('collide', forceCollide(8))
    .stop();
  sim.tick(300);
  assert.ok(sim.alpha() < sim.alphaMin(), 'the layout has cooled after 300 ticks');
  assert.equal(links[0].source, nodes[0], 'links are joined to their node objects by id');
  for (const n of nodes) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y), `${n.id} has a position`);
  const length = Math.hypot(nodes[0].x - nodes[1].x, nodes[0].y - nodes[1].y);
  assert.ok(length > 25 && length < 100, `a link settles near its rest length, got ${length}`);
  const mean = nodes.reduce((s, n) => s + n.x, 0) / nodes.length;
  assert.ok(Math.abs(mean) < 1, 'the centring force keeps the middle at the origin');
});

test('fitting can leave more room on one side, for names', () => {
  const nodes = [person('a', { x: 0, y: 0 }), person('b', { x: 400, y: 0 })];
  const t = fitTransform(nodes, 1000, 500, { top: 20, right: 200, bottom: 20, left: 20 }, 10);
  const right = worldToScreen(t, nodes[1]).x + nodeRadius(nodes[1]) * t.k;
  const left = worldToScreen(t, nodes[0]).x - nodeRadius(nodes[0]) * t.k;
  near(left, 20, 'the left edge sits on the left padding');
  near(right, 800, 'the right edge leaves 200 px for names');
});

test('fitting on a screen smaller than its padding still shows everyone, centred', () => {
  const nodes = [person('a', { x: -50, y: -50 }), person('b', { x: 50, y: 50 })];
  const t = fitTransform(nodes, 60, 60, 40);
  for (const n of nodes) {
    const p = worldToScreen(t, n);
    assert.ok(p.x > 0 && p.x < 60 && p.y > 0 && p.y < 60, `${n.id} is on the screen: ${JSON.stringify(p)}`);
  }
  near(worldToScreen(t, { x: 0, y: 0 }).x, 30, 'centred');
});

// ---------- intro paths ----------

// You met ana; ana is close with bo; bo reports to cy. di is not linked to anyone.
const wayToCy = {
  steps: [
    { person_id: 'ana', strength: 'medium', kind: 'close_with' },
    { person_id: 'bo', strength: 'strong', kind: 'close_with' },
    { person_id: 'cy', strength: 'weak', kind: 'reports_to' },
  ],
  cost: 4,
};

test('a path starts with you, whose node is "me" in the graph', () => {
  assert.equal(ME_ID, graph.nodes.find((n) => n.me).id, 'the highlight starts at the node the API calls the user');
  assert.deepEqual(pathIds(wayToCy), ['me', 'ana', 'bo', 'cy']);
  assert.deepEqual(pathIds({ steps: [] }), ['me']);
  assert.deepEqual(pathIds(undefined), ['me'], 'no path yet is just you, not a crash');
});

test('each step of a path is a segment with the links drawn between its two people', () => {
  assert.deepEqual(pathSegments(wayToCy, graph.links), [
    { from: 'me', to: 'ana', links: ['l1'] },
    { from: 'ana', to: 'bo', links: ['l2'] },
    { from: 'bo', to: 'cy', links: ['l3'] },
  ]);
});

test('a segment finds its links whichever way they were drawn, and all of them', () => {
  const links = [
    { id: 'up', from: 'bo', to: 'ana', kind: 'reports_to', strength: 'weak' },
    { id: 'close', from: 'ana', to: 'bo', kind: 'close_with', strength: 'strong' },
    { id: 'other', from: 'ana', to: 'cy', kind: 'influences', strength: 'weak' },
  ];
  const [, anaToBo] = pathSegments(wayToCy, links);
  assert.deepEqual(anaToBo.links, ['up', 'close'], 'a path is undirected: "bo reports to ana" links ana and bo too');
});

test('a step with no drawn link still gets a segment, with no links', () => {
  const viaDi = { steps: [{ person_id: 'di', strength: 'medium', kind: 'close_with' }, { person_id: 'cy', strength: 'weak', kind: 'influences' }] };
  assert.deepEqual(pathSegments(viaDi, graph.links), [
    { from: 'me', to: 'di', links: [] },
    { from: 'di', to: 'cy', links: [] },
  ], 'the view draws a straight segment where the graph has no line, so the path never has a gap');
  assert.deepEqual(pathSegments(viaDi, graph.links.filter((l) => l.id !== 'l4')).map((s) => s.links), [[], []],
    'a link between you and cy is not on the segment from di to cy');
});

test('people a filter hides from the picture are named as hidden on the path', () => {
  assert.deepEqual(hiddenOnPath(wayToCy, graph.nodes), [], 'everyone is shown without filters');
  const engineering = filterGraph(graph, { department: 'Engineering' });
  assert.deepEqual(hiddenOnPath(wayToCy, engineering.nodes), ['ana'], 'ana is in Sales');
  assert.deepEqual(hiddenOnPath(wayToCy, []), ['me', 'ana', 'bo', 'cy']);
});
