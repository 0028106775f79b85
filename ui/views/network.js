// The Network view: everyone and how they connect (reports to, influences, close with…), laid out
// by a force simulation and drawn on a canvas. A list of buttons carries the same people for
// keyboard and screen-reader users. "Find a way in" asks for the best intro paths to someone and
// draws the chosen one on top of the picture, everything else dimmed.
//
// One requestAnimationFrame loop ticks the simulation and draws, and it only runs while the layout
// is moving or the user pans, zooms or drags; idle, the view does no work at all. Drawing a big
// graph without a GPU takes long, so the layout is drawn less often the longer a drawing takes,
// and panning or zooming a picture at rest moves a copy of it, drawn afresh once the view stops.

import { api } from '../lib/api.js';
import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { pathText } from '../lib/link-words.js';
import {
  LINK_KINDS, ME_STYLE, STANCE_STYLES, departmentsOf, filterGraph, fitTransform, hiddenOnPath, levelLabel, levelsOf,
  linkDistance, linkStyle, nodeAt, nodeRadius, nodeStyle, panBy, pathIds, pathSegments, peopleInOrder, screenToWorld,
  summaryText, traceShape, worldToScreen, zoomAt,
} from '../lib/network-graph.js';
import { paramFromHash } from '../lib/router.js';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from '../vendor/d3/d3-force.js';

const LABEL_SCALE = 1.1; // from this zoom on, everyone's name shows
const CLICK_SLOP = 4; // screen px a pointer may move and still make a click
const HIT_SLOP = 4; // screen px around a node that still count as on it
const PAN_STEP = 60;
const ZOOM_STEP = 1.25;
const DRAG_ALPHA = 0.3; // how warm the layout is kept while a person is dragged
const FIT_PADDING = { top: 30, right: 30, bottom: 30, left: 30 };
const FIT_MAX_SCALE = 1.6;
const LABEL_ROOM = 150; // px right of the picture for names, when fitting shows them
const FRAME_MS = 1000 / 60;
const MAX_TICKS_PER_FRAME = 8;
const TICK_BUDGET_MS = 40;
const SLOW_DRAW_MS = 8; // a drawing slower than this is "slow": the layout then ticks for a time budget
const SLOW_TICK_BUDGET_MS = 24;
const QUICK_MS = 150; // how long after the last pan or zoom the picture is drawn afresh
const PATH_DIM = 0.25; // how faint everything off the shown way in is drawn
const PATH_WIDTH = 5; // screen px

// Used when ui/network.css is missing, so the picture still draws.
const FALLBACK_COLOURS = {
  '--network-champion': '#1d7f4e',
  '--network-supporter': '#2f7fbf',
  '--network-neutral': '#7a7f7c',
  '--network-skeptic': '#c47a12',
  '--network-blocker': '#c0392b',
  '--network-unknown': '#8e9692',
  '--network-me': '#1f6f5c',
  '--network-link': '#6b7773',
  '--network-close': '#2f7fbf',
  '--network-conflict': '#c0392b',
  '--network-met': '#8e9692',
  '--network-halo': '#ffffff',
  '--network-label': '#1c2321',
  '--network-hover': '#2563eb',
  '--network-path': '#c026d3',
};

const openPerson = (id) => { location.hash = `#/people/${encodeURIComponent(id)}`; };

export function mountNetwork() {
  const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
  const schemeQuery = matchMedia('(prefers-color-scheme: dark)');
  const reducedMotion = () => motionQuery.matches;

  let graph = { nodes: [], links: [] }; // as fetched, before department/level filters
  let nodes = []; // the simulation's copies: they carry x, y, vx, vy
  let links = []; // source/target become node objects once the simulation starts
  let linkGroups = []; // links drawn alike, so a frame sets each look once
  let nodeGroups = []; // people by stance, likewise
  let me = null;
  let sim = null;
  let settled = false;
  let transform = { x: 0, y: 0, k: 1 };
  let autoFit = true; // the view follows the layout until the user moves it
  let hovered = null;
  let gesture = null;
  let size = { width: 0, height: 0, dpr: 1 };
  let colours = null;
  let frame = 0;
  let lastFrameAt = 0; // when the previous frame of a running animation began
  let lastDrawAt = 0;
  let lastDrawCost = 0; // ms the last full drawing took, or its frame if that was longer
  let drewAt = 0; // when the frame that drew began, until the next frame measures it
  let snapshot = null; // a copy of the picture at rest, and the view it was drawn in
  let quick = false; // while panning or zooming a picture at rest: move the copy
  let quickTimer = 0;
  let destroyed = false;

  // Ways in: the person asked about, their paths (best first) and which one is drawn (-1: none).
  let target = '';
  let ways = [];
  let chosen = -1;
  let pathView = null; // the drawn path resolved against the current nodes, for draw() and fit()
  let fitPath = false; // fitting shows the path rather than everyone
  let pending = paramFromHash(location.hash); // a person to find a way to once the graph is in
  let loading = false;
  let findNo = 0; // as with the graph, only the newest answer about ways in may change what is shown
  let listedWays = null; // the `ways` the list's buttons were made for
  let names = new Map(); // person id -> person, for the paths' words
  const nameOf = (id) => (names.has(id) ? labelFor(names.get(id)) : 'someone');
  // What the picture, the list and the paths call someone: their name, or what presenting shows.
  const shownAs = (n) => (n.me ? (n.name ?? '') : labelFor(n));

  // ---------- DOM ----------

  const title = h('h1', { id: 'network-title', tabindex: '-1' }, 'Network');
  const mapSelect = h('select', { id: 'network-map' }, h('option', { value: '' }, 'All people'));
  const departmentSelect = h('select', { id: 'network-department' }, h('option', { value: '' }, 'Any department'));
  const levelSelect = h('select', { id: 'network-level' }, h('option', { value: '' }, 'Any level'));
  const fitButton = h('button', { type: 'button', id: 'network-fit', title: 'Show everyone (0)' }, 'Fit');
  const head = h('header', { class: 'view-head' }, title,
    h('div', { class: 'network-filters', role: 'group', 'aria-label': 'Who to show' },
      h('label', { class: 'network-filter' }, 'Map', mapSelect),
      h('label', { class: 'network-filter' }, 'Department', departmentSelect),
      h('label', { class: 'network-filter' }, 'Level', levelSelect)),
    h('div', { class: 'spacer' }), fitButton);

  const canvas = h('canvas', {
    id: 'network-canvas', class: 'network-canvas', role: 'img', tabindex: '0', 'aria-label': 'Network', 'aria-describedby': 'network-help',
  });
  const empty = h('div', { class: 'empty-state network-empty', id: 'network-empty', hidden: true },
    h('h2', {}, 'See who connects to whom'),
    h('p', {}, 'Add links on a person\'s page to see who connects to whom.'),
    h('p', {}, h('a', { href: '#/people' }, 'Go to People')));
  const stage = h('div', { class: 'network-stage' }, canvas, empty);
  const status = h('p', { id: 'network-status', class: 'network-status', role: 'status' }, 'Loading…');
  const help = h('p', { id: 'network-help', class: 'muted small' },
    'Drag the background to move around, scroll to zoom, drag a person to pull them about, click a person to open them. '
    + 'With the picture focused: arrow keys move, + and − zoom, 0 shows everyone.');

  const listSummary = h('summary', {}, 'People in this view (0)');
  const personList = h('ul', { class: 'network-people' });
  const details = h('details', { id: 'network-list', class: 'network-list' }, listSummary, personList);

  const targetSelect = h('select', { id: 'network-target' }, h('option', { value: '' }, 'Choose someone…'));
  const findButton = h('button', { type: 'button', id: 'network-find-go' }, 'Find a way in');
  const pathList = h('ol', { id: 'network-paths', class: 'network-paths', 'aria-label': 'Ways in, best first' });
  const pathHidden = h('p', { id: 'network-path-hidden', class: 'muted small', hidden: true },
    'Some people on this path are hidden by the filters.');
  const clearButton = h('button', { type: 'button', id: 'network-path-clear', hidden: true }, 'Clear');
  const finder = h('section', { id: 'network-find', class: 'network-find', 'aria-labelledby': 'network-find-title' },
    h('h2', { id: 'network-find-title' }, 'Find a way in'),
    h('label', { for: 'network-target' }, 'Who to reach'),
    h('div', { class: 'network-find-row' }, targetSelect, findButton),
    pathList, pathHidden, clearButton);

  const legend = h('section', { class: 'network-legend', 'aria-labelledby': 'network-legend-title' },
    h('h2', { id: 'network-legend-title' }, 'Legend'),
    h('ul', { class: 'network-key', 'aria-label': 'People' }, [ME_STYLE, ...STANCE_STYLES].map((s) => h('li', {},
      h('span', { class: `network-symbol network-stance-${s.id}`, 'aria-hidden': 'true' }, s.symbol),
      s.id === 'unknown' ? 'Stance unknown or not set' : s.label))),
    h('p', { class: 'muted small' }, 'The more power, the bigger.'),
    h('ul', { class: 'network-key', 'aria-label': 'Links' }, LINK_KINDS.map((k) => h('li', {}, linkSample(k), k.label))));

  const el = h('section', { class: 'view network-view', 'aria-labelledby': 'network-title', 'data-nodes': '0' },
    head,
    h('div', { class: 'network-layout' },
      h('div', { class: 'network-main' }, stage, status, help),
      h('aside', { class: 'network-side', 'aria-label': 'Ways in, legend and people' }, finder, legend, details)));

  // ---------- loading ----------

  // Replies can arrive out of order; only the newest may change what is shown.
  let loadNo = 0;

  async function loadMaps() {
    try {
      const maps = await api.listMaps();
      if (destroyed) return;
      const chosen = mapSelect.value;
      replaceChildren(mapSelect, h('option', { value: '' }, 'All people'),
        maps.map((m) => h('option', { value: m.id }, m.name)));
      mapSelect.value = maps.some((m) => m.id === chosen) ? chosen : '';
    } catch {
      // Without the maps, "All people" still works; the graph's own load reports errors.
    }
  }

  async function loadGraph() {
    const mine = ++loadNo;
    el.dataset.settled = 'false';
    loading = true;
    let loaded;
    try {
      loaded = await api.networkGraph(mapSelect.value || null);
    } catch (err) {
      if (mine !== loadNo || destroyed) return;
      loading = false;
      status.textContent = err.message ?? String(err);
      status.classList.add('form-error');
      return;
    }
    if (mine !== loadNo || destroyed) return;
    loading = false;
    status.classList.remove('form-error');
    graph = { nodes: loaded?.nodes ?? [], links: loaded?.links ?? [] };
    for (const n of graph.nodes) if (!n.me) names.set(n.id, n);
    fillSelect(departmentSelect, 'Any department', departmentsOf(graph), (d) => d);
    fillSelect(levelSelect, 'Any level', levelsOf(graph), levelLabel);
    fillTargets();
    rebuild();
    if (pending) {
      const id = pending;
      pending = null;
      openTarget(id);
    }
  }

  function fillSelect(select, anyText, values, labelOf) {
    const chosen = select.value;
    replaceChildren(select, h('option', { value: '' }, anyText), values.map((v) => h('option', { value: v }, labelOf(v))));
    select.value = values.includes(chosen) ? chosen : '';
  }

  // ---------- the simulation ----------

  function rebuild() {
    sim?.stop();
    snapshot = null;
    quick = false;
    const previous = new Map(nodes.map((n) => [n.id, n]));
    const shown = filterGraph(graph, { department: departmentSelect.value, level: levelSelect.value });
    // People already on screen start where they were, so changing a filter does not scramble the picture.
    nodes = shown.nodes.map((n) => {
      const old = previous.get(n.id);
      return old && Number.isFinite(old.x) ? { ...n, x: old.x, y: old.y } : { ...n };
    });
    links = shown.links.map((l) => ({ ...l, source: l.from, target: l.to, style: linkStyle(l) }));
    me = nodes.find((n) => n.me) ?? null;
    groupForDrawing();
    hovered = null;
    autoFit = true;
    settled = false;
    el.dataset.settled = 'false';

    const hasPeople = graph.nodes.some((n) => !n.me);
    empty.hidden = hasPeople;
    canvas.hidden = !hasPeople;
    fitButton.disabled = !hasPeople;
    el.dataset.nodes = String(hasPeople ? nodes.length : 0);
    applyPath();
    renderList();
    renderStatus(hasPeople);

    // Built stopped: the view's own frame loop ticks it, so there is never a second timer running.
    sim = forceSimulation(nodes)
      .force('link', forceLink(links).id((d) => d.id).distance(linkDistance))
      .force('charge', forceManyBody().strength(-140).distanceMax(600).theta(1.2))
      .force('center', forceCenter(0, 0))
      .force('collide', forceCollide((d) => nodeRadius(d) + 3).iterations(1))
      .stop();
    if (previous.size && nodes.every((n) => Number.isFinite(n.x))) sim.alpha(0.3);

    if (!hasPeople || nodes.length <= 1 || reducedMotion()) finishLayout();
    fit();
    schedule();
  }

  /** Ticks the layout to rest at once (no animation) and marks it settled. */
  function finishLayout() {
    if (!sim) return;
    const left = Math.ceil(Math.log(sim.alphaMin() / sim.alpha()) / Math.log(1 - sim.alphaDecay()));
    if (left > 0) sim.tick(left);
    settle();
  }

  function settle() {
    if (settled) return;
    settled = true;
    if (autoFit) fit();
    el.dataset.settled = 'true';
  }

  const moving = () => sim !== null && (sim.alpha() >= sim.alphaMin() || sim.alphaTarget() > 0);

  function schedule() {
    if (!frame && !destroyed) frame = requestAnimationFrame(step);
  }

  function step(now) {
    frame = 0;
    if (destroyed) return;
    if (!settled && reducedMotion()) finishLayout(); // the setting changed while it was moving
    let again = false;
    // A drawing's cost shows in its frame too: a GPU-less compositor paints after the script.
    if (drewAt) lastDrawCost = Math.max(lastDrawCost, now - drewAt - FRAME_MS);
    drewAt = 0;
    if (moving()) {
      const start = performance.now();
      if (lastDrawCost < SLOW_DRAW_MS) {
        // About 60 ticks a second whatever the frame rate, so the layout is seen to unfold.
        const interval = lastFrameAt ? now - lastFrameAt : FRAME_MS;
        const wanted = Math.min(MAX_TICKS_PER_FRAME, Math.max(1, Math.round(interval / FRAME_MS)));
        for (let i = 0; i < wanted && moving() && performance.now() - start < TICK_BUDGET_MS; i += 1) sim.tick();
      } else {
        // Drawing is slow (big graph, no GPU): tick for most of a frame instead, so the layout
        // still settles in seconds.
        do sim.tick(); while (moving() && performance.now() - start < SLOW_TICK_BUDGET_MS);
      }
      again = moving();
      if (!again) settle();
    }
    lastFrameAt = again ? now : 0;
    if (quick && snapshot && !again) {
      drawSnapshot();
    } else if (!again || now - lastDrawAt >= lastDrawCost * 3) {
      // While the layout moves, a slow drawing is made at most a quarter of the time.
      if (autoFit) fit();
      const start = performance.now();
      draw();
      lastDrawCost = performance.now() - start;
      lastDrawAt = now;
      if (again) drewAt = now;
      if (!again && !gesture?.node) takeSnapshot();
    }
    if (again) schedule();
  }

  /** Keeps a copy of the picture at rest, to move about while the user pans or zooms. */
  function takeSnapshot() {
    if (!canvas.width || !canvas.height || canvas.hidden) { snapshot = null; return; }
    const copy = snapshot?.canvas ?? document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d').drawImage(canvas, 0, 0);
    snapshot = { canvas: copy, t: { ...transform } };
  }

  /** The copy, moved and scaled from the view it was drawn in to the current one. */
  function drawSnapshot() {
    const { width, height, dpr } = size;
    const g = canvas.getContext('2d');
    const s = transform.k / snapshot.t.k;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    g.setTransform(dpr * s, 0, 0, dpr * s, dpr * (transform.x - snapshot.t.x * s), dpr * (transform.y - snapshot.t.y * s));
    g.drawImage(snapshot.canvas, 0, 0, width, height);
  }

  function groupForDrawing() {
    const byKey = new Map();
    for (const l of links) {
      if (!byKey.has(l.style.key)) byKey.set(l.style.key, { style: l.style, links: [] });
      byKey.get(l.style.key).links.push(l);
    }
    // Fainter kinds first, so the telling ones are drawn on top.
    linkGroups = [...byKey.values()].sort((a, b) => a.style.alpha - b.style.alpha);
    nodeGroups = STANCE_STYLES.map((style) => ({ style, nodes: nodes.filter((n) => !n.me && nodeStyle(n) === style) }))
      .filter((g) => g.nodes.length);
  }

  // ---------- drawing ----------

  function readColours() {
    const css = getComputedStyle(document.documentElement);
    const read = {};
    for (const [name, fallback] of Object.entries(FALLBACK_COLOURS)) read[name] = css.getPropertyValue(name).trim() || fallback;
    return read;
  }

  function resizeCanvas() {
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    size = { width, height, dpr };
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
  }

  function draw() {
    if ((window.devicePixelRatio || 1) !== size.dpr) resizeCanvas(); // moved to another screen
    const { width, height, dpr } = size;
    if (!width || !height || canvas.hidden) return;
    colours ??= readColours();
    const g = canvas.getContext('2d');
    const t = transform;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);

    // What is on screen, in world units, with a margin so edge strokes are not cut.
    const margin = 24;
    const lo = screenToWorld(t, { x: -margin, y: -margin });
    const hi = screenToWorld(t, { x: width + margin, y: height + margin });
    const offLink = (a, b) => (a.x < lo.x && b.x < lo.x) || (a.x > hi.x && b.x > hi.x)
      || (a.y < lo.y && b.y < lo.y) || (a.y > hi.y && b.y > hi.y);
    const onScreen = (n) => {
      const r = nodeRadius(n);
      return n.x + r >= lo.x && n.x - r <= hi.x && n.y + r >= lo.y && n.y - r <= hi.y;
    };

    // With a way in shown, everything else is faint and the path's own links are left to drawPath().
    const dim = pathView ? PATH_DIM : 1;
    const onPath = pathView?.links;

    g.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    // Each link and person is its own small path. One big path per style looks cheaper, but a
    // software rasteriser (no GPU) covers the whole path's bounds at once and gets ~10× slower.
    for (const { style, links: group } of linkGroups) {
      g.globalAlpha = style.alpha * dim;
      g.strokeStyle = colours[style.colorVar];
      g.fillStyle = colours[style.colorVar];
      g.lineWidth = style.width / t.k; // widths and dashes in screen pixels, whatever the zoom
      g.lineCap = style.dash.length && style.dash[0] < 2 ? 'round' : 'butt'; // round caps turn short dashes into dots
      const arrow = style.arrow ? Math.min((5 + style.width * 1.5) / t.k, 12) : 0;
      g.setLineDash(style.dash.map((d) => d / t.k));
      for (const l of group) {
        if (offLink(l.source, l.target) || onPath?.has(l.id)) continue;
        g.beginPath();
        g.moveTo(l.source.x, l.source.y);
        g.lineTo(l.target.x, l.target.y);
        g.stroke();
        if (arrow && traceArrowhead(g, l.source, l.target, arrow)) g.fill();
      }
    }
    g.globalAlpha = dim;
    g.setLineDash([]);
    g.lineCap = 'butt';
    g.lineJoin = 'round';

    // People: a thin halo keeps touching shapes apart.
    g.lineWidth = 1.5 / t.k;
    g.strokeStyle = colours['--network-halo'];
    for (const { style, nodes: group } of nodeGroups) {
      g.fillStyle = colours[style.colorVar];
      for (const n of group) {
        if (!onScreen(n)) continue;
        g.beginPath();
        traceShape(g, style.shape, n.x, n.y, nodeRadius(n));
        g.fill();
        g.stroke();
      }
    }
    if (me) {
      const r = nodeRadius(me);
      g.beginPath();
      traceShape(g, ME_STYLE.shape, me.x, me.y, r);
      g.fillStyle = colours['--network-me'];
      g.fill();
      g.stroke();
      ring(g, me, r + 3 / t.k, 2 / t.k, colours['--network-me']);
    }
    g.globalAlpha = 1;
    if (pathView) drawPath(g, t);
    if (hovered) ring(g, hovered, nodeRadius(hovered) + 4 / t.k, 2.5 / t.k, colours['--network-hover']);

    // Names, in screen pixels so they stay readable at any zoom.
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    // Everyone's when close enough, else yours; then, on top and never faint, the path's and the hovered one's.
    const faint = (t.k >= LABEL_SCALE ? nodes.filter(onScreen) : [me]).filter((n) => n && n !== hovered && !pathView?.ids.has(n.id));
    const bright = [...(pathView?.nodes ?? []), hovered].filter(Boolean);
    const font = '12px system-ui, -apple-system, "Segoe UI", Cantarell, "DejaVu Sans", sans-serif';
    g.textBaseline = 'middle';
    g.lineWidth = 3;
    g.strokeStyle = colours['--network-halo'];
    g.fillStyle = colours['--network-label'];
    const label = (n) => {
      const p = worldToScreen(t, n);
      const x = p.x + nodeRadius(n) * t.k + (pathView?.ids.has(n.id) ? 9 : 5);
      if (x > width || p.y < -8 || p.y > height + 8) return;
      const text = shownAs(n);
      g.strokeText(text, x, p.y);
      g.fillText(text, x, p.y);
    };
    g.font = font;
    g.globalAlpha = dim;
    faint.forEach(label);
    g.globalAlpha = 1;
    g.font = pathView ? `600 ${font}` : font;
    bright.forEach(label);
  }

  /** The way in on top: a thick line along each step, an arrowhead at each person reached, and the people ringed. */
  function drawPath(g, t) {
    const colour = colours['--network-path'];
    const width = PATH_WIDTH / t.k;
    g.setLineDash([]);
    g.lineCap = 'round';
    // A halo under each line keeps it apart from the faint lines it crosses.
    for (const [pass, lineWidth] of [['--network-halo', width + 4 / t.k], ['--network-path', width]]) {
      g.strokeStyle = colours[pass];
      g.lineWidth = lineWidth;
      for (const [a, b] of pathView.segments) {
        g.beginPath();
        g.moveTo(a.x, a.y);
        g.lineTo(b.x, b.y);
        g.stroke();
      }
    }
    g.fillStyle = colour;
    for (const [a, b] of pathView.segments) {
      if (traceArrowhead(g, a, b, 14 / t.k, 5 / t.k)) g.fill();
    }
    g.lineCap = 'butt';
    for (const n of pathView.nodes) {
      const style = nodeStyle(n);
      g.beginPath();
      traceShape(g, style.shape, n.x, n.y, nodeRadius(n));
      g.fillStyle = colours[style.colorVar];
      g.fill();
      g.lineWidth = 1.5 / t.k;
      g.strokeStyle = colours['--network-halo'];
      g.stroke();
      ring(g, n, nodeRadius(n) + 5 / t.k, 3 / t.k, colour);
    }
  }

  function ring(g, n, r, lineWidth, colour) {
    g.beginPath();
    g.arc(n.x, n.y, r, 0, 2 * Math.PI);
    g.lineWidth = lineWidth;
    g.strokeStyle = colour;
    g.stroke();
    g.lineWidth = 1.5 / transform.k;
    g.strokeStyle = colours['--network-halo'];
  }

  // ---------- the view transform ----------

  function fit() {
    if (!size.width || !size.height) return;
    const shown = fitPath && pathView?.nodes.length ? pathView.nodes : nodes;
    transform = fitTransform(shown, size.width, size.height, FIT_PADDING, FIT_MAX_SCALE);
    // Names show when close enough, and always on a path: leave room for them on the right.
    if (transform.k >= LABEL_SCALE || shown !== nodes) {
      transform = fitTransform(shown, size.width, size.height, { ...FIT_PADDING, right: LABEL_ROOM }, FIT_MAX_SCALE);
    }
  }

  function moveView(next) {
    transform = next;
    autoFit = false;
    if (settled && !moving() && snapshot) {
      quick = true;
      clearTimeout(quickTimer);
      quickTimer = setTimeout(() => { quick = false; schedule(); }, QUICK_MS);
    }
    schedule();
  }

  const centre = () => ({ x: size.width / 2, y: size.height / 2 });
  const pointIn = (e) => {
    const box = canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const hitTest = (p) => {
    const w = screenToWorld(transform, p);
    return nodeAt(nodes, w.x, w.y, HIT_SLOP / transform.k);
  };

  function setHovered(node) {
    if (node === hovered) return;
    hovered = node;
    canvas.classList.toggle('network-over-person', Boolean(node));
    schedule();
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (gesture || e.button !== 0) return;
    const p = pointIn(e);
    gesture = { pointerId: e.pointerId, node: hitTest(p), start: p, last: p, moved: false };
    canvas.setPointerCapture(e.pointerId);
    canvas.focus({ preventScroll: true });
    e.preventDefault();
  });

  canvas.addEventListener('pointermove', (e) => {
    const p = pointIn(e);
    if (!gesture) { setHovered(hitTest(p)); return; }
    if (e.pointerId !== gesture.pointerId) return;
    if (!gesture.moved) {
      if (Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) < CLICK_SLOP) return;
      gesture.moved = true;
      canvas.classList.add('network-dragging');
      if (gesture.node && !reducedMotion()) sim?.alphaTarget(DRAG_ALPHA);
    }
    if (gesture.node) {
      const w = screenToWorld(transform, p);
      gesture.node.fx = w.x;
      gesture.node.fy = w.y;
      gesture.node.x = w.x;
      gesture.node.y = w.y;
      autoFit = false;
      schedule();
    } else {
      moveView(panBy(transform, p.x - gesture.last.x, p.y - gesture.last.y));
    }
    gesture.last = p;
  });

  function endGesture(e, cancelled) {
    if (!gesture || e.pointerId !== gesture.pointerId) return;
    const { node, moved } = gesture;
    gesture = null;
    canvas.classList.remove('network-dragging');
    if (node && moved) {
      node.fx = null;
      node.fy = null;
      sim?.alphaTarget(0);
      schedule();
    } else if (!cancelled && !moved && node && !node.me) {
      openPerson(node.id);
    }
  }
  canvas.addEventListener('pointerup', (e) => endGesture(e, false));
  canvas.addEventListener('pointercancel', (e) => endGesture(e, true));
  canvas.addEventListener('pointerleave', () => { if (!gesture) setHovered(null); });

  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? size.height : 1;
    moveView(zoomAt(transform, Math.exp(-e.deltaY * unit * 0.002), pointIn(e)));
  }, { passive: false });

  /** The keys that zoom and fit; also used when focus is elsewhere in the view. */
  function zoomKey(key) {
    if (key === '+' || key === '=') moveView(zoomAt(transform, ZOOM_STEP, centre()));
    else if (key === '-' || key === '_') moveView(zoomAt(transform, 1 / ZOOM_STEP, centre()));
    else if (key === '0') { autoFit = true; fitPath = false; fit(); schedule(); } else return false;
    return true;
  }

  canvas.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const pan = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] }[e.key];
    if (pan) moveView(panBy(transform, pan[0], pan[1]));
    else if (!zoomKey(e.key)) return;
    e.preventDefault(); // the app's own shortcuts skip keys a view has used
  });

  fitButton.addEventListener('click', () => zoomKey('0'));
  mapSelect.addEventListener('change', () => loadGraph());
  departmentSelect.addEventListener('change', () => rebuild());
  levelSelect.addEventListener('change', () => rebuild());

  const resize = new ResizeObserver(() => {
    resizeCanvas();
    snapshot = null;
    quick = false;
    if (autoFit) fit();
    // Drawn now rather than next frame: resizing clears the canvas, and a blank frame would flash.
    draw();
  });
  // The canvas, not the stage: it also resizes from nothing when the empty state gives way to it.
  resize.observe(canvas);

  const onScheme = () => { colours = null; snapshot = null; quick = false; schedule(); };
  const stopPresenting = onPresentingChange(() => {
    if (loading) return; // drawn with the current mode once the graph is in
    fillTargets();
    renderList();
    listedWays = null; // the paths' words change
    renderWays();
    describeCanvas();
    snapshot = null;
    quick = false;
    schedule();
  });
  schemeQuery.addEventListener('change', onScheme);

  // ---------- ways in ----------

  /** The people of the map (whatever the department and level filters) as choices, in name order. */
  function fillTargets() {
    const people = peopleInOrder(graph.nodes);
    replaceChildren(targetSelect, h('option', { value: '' }, 'Choose someone…'), people.map((p) => h('option', { value: p.id }, shownAs(p))));
    finder.hidden = people.length === 0;
    if (target && !people.some((p) => p.id === target)) {
      // Another map without them: a path to someone the picture cannot choose would only confuse.
      target = '';
      findNo += 1;
      ways = [];
      chosen = -1;
      fitPath = false;
      renderWays();
    }
    targetSelect.value = target;
  }

  /** Shows the way in to `id`, as asked by the address (#/network/<id>); waits for the graph. */
  function openTarget(id) {
    if (loading) { pending = id; return; }
    if (!graph.nodes.some((n) => n.id === id && !n.me)) {
      if (mapSelect.value) {
        // Not on the chosen map: show everyone, then find them.
        pending = id;
        mapSelect.value = '';
        loadGraph();
        return;
      }
      findNo += 1;
      target = '';
      targetSelect.value = '';
      ways = [];
      choosePath(-1);
      replaceChildren(pathList, h('li', { class: 'form-error', role: 'alert' }, 'That person is not in the network.'));
      return;
    }
    targetSelect.value = id;
    findWay();
  }

  async function findWay() {
    const id = targetSelect.value;
    const mine = ++findNo;
    target = id;
    if (!id) {
      ways = [];
      choosePath(-1);
      return;
    }
    let found;
    try {
      found = (await api.introPaths(id)) ?? [];
      // Someone on a path can be off the chosen map; their name still has to read right.
      if (found.some((p) => p.steps.some((st) => !names.has(st.person_id)))) {
        const people = await api.listPeople('').catch(() => []);
        for (const p of people) names.set(p.id, p);
      }
    } catch (err) {
      if (mine !== findNo || destroyed) return;
      ways = [];
      choosePath(-1);
      replaceChildren(pathList, h('li', { class: 'form-error', role: 'alert' }, err.message ?? String(err)));
      return;
    }
    if (mine !== findNo || destroyed) return;
    ways = found;
    choosePath(ways.length ? 0 : -1);
    announce(ways.length ? `${ways.length === 1 ? 'One way' : `${ways.length} ways`} in to ${nameOf(id)}; the first is drawn`
      : `No way in to ${nameOf(id)} yet`);
  }

  /** Draws path `i` (-1: none), fitting the view to it unless the user has moved the view. */
  function choosePath(i) {
    chosen = ways[i] ? i : -1;
    fitPath = chosen >= 0;
    applyPath();
    renderWays();
    if (autoFit) fit();
    schedule();
  }

  /** Resolves the chosen path against the current picture; after a new path, or new nodes. */
  function applyPath() {
    const path = ways[chosen];
    clearButton.hidden = !path;
    if (!path) {
      pathView = null;
      pathHidden.hidden = true;
      delete el.dataset.path;
      describeCanvas();
      return;
    }
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const segments = pathSegments(path, links);
    pathView = {
      ids: new Set(pathIds(path)),
      nodes: pathIds(path).map((id) => byId.get(id)).filter(Boolean),
      segments: segments.map((sg) => [byId.get(sg.from), byId.get(sg.to)]).filter(([a, b]) => a && b),
      links: new Set(segments.flatMap((sg) => sg.links)),
    };
    pathHidden.hidden = hiddenOnPath(path, nodes).length === 0;
    el.dataset.path = path.steps.map((st) => st.person_id).join(',');
    describeCanvas();
  }

  function renderWays() {
    if (!target || !ways.length) listedWays = null;
    if (!target) { replaceChildren(pathList); return; }
    if (!ways.length) {
      replaceChildren(pathList, h('li', { class: 'muted network-no-way' },
        'No way in yet: link someone you know to them, or log an interaction with someone close to them.'));
      return;
    }
    if (listedWays === ways) {
      // The same paths: only which is pressed changes, so focus stays on the button just pressed.
      pathList.querySelectorAll('.network-path').forEach((b, i) => b.setAttribute('aria-pressed', String(i === chosen)));
      return;
    }
    listedWays = ways;
    replaceChildren(pathList, ways.map((p, i) => h('li', {}, h('button', {
      type: 'button', class: 'network-path', 'aria-pressed': String(i === chosen), onclick: () => choosePath(i),
    }, pathText(p, nameOf)))));
  }

  function clearPath() {
    choosePath(-1);
    // The Clear button hides itself; focus goes back to the paths so one can be drawn again.
    (pathList.querySelector('.network-path') ?? targetSelect).focus();
  }

  targetSelect.addEventListener('change', () => findWay());
  findButton.addEventListener('click', () => findWay());
  clearButton.addEventListener('click', () => clearPath());

  // ---------- the list and status ----------

  function renderList() {
    const degree = new Map();
    for (const l of links) {
      degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
      degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
    }
    const people = peopleInOrder(nodes);
    listSummary.textContent = `People in this view (${people.length})`;
    replaceChildren(personList, people.length ? people.map((p) => {
      const style = nodeStyle(p);
      const count = degree.get(p.id) ?? 0;
      const meta = [p.stance ? style.label : '', p.role, p.department, levelLabel(p.level), `${count} ${count === 1 ? 'link' : 'links'}`]
        .filter(Boolean).join(' · ');
      return h('li', {}, h('button', { type: 'button', class: 'network-person', 'data-id': p.id, onclick: () => openPerson(p.id) },
        h('span', { class: `network-symbol network-stance-${style.id}`, 'aria-hidden': 'true' }, style.symbol),
        h('span', { class: 'network-person-name' }, shownAs(p)),
        h('span', { class: 'network-person-meta muted' }, meta)));
    }) : h('li', { class: 'muted' }, 'No one in this view.'));
  }

  function renderStatus(hasPeople) {
    const people = nodes.filter((n) => !n.me).length;
    const text = !hasPeople ? 'No people in this view yet.'
      : people === 0 ? 'No one matches these filters.' : summaryText(nodes, links);
    status.textContent = text;
    describeCanvas();
  }

  function describeCanvas() {
    const path = ways[chosen];
    canvas.setAttribute('aria-label', `Network picture: ${status.textContent.replace(/\.$/, '')}.`
      + `${path ? ` Drawn on top: ${pathText(path, nameOf)}.` : ''} The list “People in this view” has the same people.`);
  }

  loadMaps();
  loadGraph();

  return {
    el,
    focusTitle: () => title.focus(),
    handle: () => false,
    /** #/network/<person id> while the view is open: show the way in to them. */
    open(param) {
      if (param) openTarget(param);
    },
    keydown(e) {
      if (document.activeElement?.tagName === 'SELECT') return false; // a select's own typing
      return zoomKey(e.key);
    },
    destroy() {
      destroyed = true;
      clearTimeout(quickTimer);
      loadNo += 1;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      sim?.stop();
      sim = null;
      resize.disconnect();
      schemeQuery.removeEventListener('change', onScheme);
      stopPresenting();
    },
  };
}

function linkSample(kind) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const style = linkStyle({ kind: kind.id, strength: 'medium' });
  for (const [k, v] of Object.entries({ class: `network-sample network-link-${kind.id}`, width: 36, height: 12, viewBox: '0 0 36 12', 'aria-hidden': 'true' })) {
    svg.setAttribute(k, String(v));
  }
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: 2, y1: 6, x2: kind.arrow ? 27 : 34, y2: 6, 'stroke-width': style.width, opacity: style.alpha })) {
    line.setAttribute(k, String(v));
  }
  if (style.dash.length) line.setAttribute('stroke-dasharray', style.dash.join(' '));
  if (style.dash.length && style.dash[0] < 2) line.setAttribute('stroke-linecap', 'round');
  svg.append(line);
  if (kind.arrow) {
    const head = document.createElementNS(ns, 'polygon');
    head.setAttribute('points', '26,2 34,6 26,10');
    svg.append(head);
  }
  return svg;
}

/**
 * Starts a path with an arrowhead at `to`'s edge (plus `gap`), pointing away from `from`; false if
 * there is no room.
 */
function traceArrowhead(g, from, to, length, gap = 0) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const d = Math.hypot(dx, dy);
  const r = nodeRadius(to) + gap;
  if (d <= r + length) return false; // people too close together for an arrow to show
  const ux = dx / d;
  const uy = dy / d;
  const tipX = to.x - ux * (r + 1);
  const tipY = to.y - uy * (r + 1);
  const baseX = tipX - ux * length;
  const baseY = tipY - uy * length;
  const half = length * 0.45;
  g.beginPath();
  g.moveTo(tipX, tipY);
  g.lineTo(baseX - uy * half, baseY + ux * half);
  g.lineTo(baseX + uy * half, baseY - ux * half);
  g.closePath();
  return true;
}
