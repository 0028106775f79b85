// Draws the Network view's picture on a 2D context it is given: the scene (people, links, the
// way in, the view transform) in, strokes out. Nothing here reads the DOM but the colours.

import { ME_STYLE, nodeRadius, nodeStyle, screenToWorld, traceShape, worldToScreen } from '../lib/network-graph.js';

export const LABEL_SCALE = 1.1; // from this zoom on, everyone's name shows
const PATH_DIM = 0.25; // how faint everything off the shown way in is drawn
const PATH_WIDTH = 5; // screen px
const FONT_SIZE = '12px';

// Used when ui/network.css is missing, so the picture still draws.
export const FALLBACK_COLOURS = {
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

/**
 * What the picture shows, shared by the renderer, the motion and the gestures. `nodes` and
 * `links` are the simulation's own objects; `pathView` comes from resolvePath().
 */
export function createScene() {
  return {
    nodes: [],
    links: [],
    linkGroups: [],
    nodeGroups: [],
    me: null,
    hovered: null,
    held: null, // the person under a pressed pointer: the picture is not copied while one is held
    pathView: null,
    fitPath: false, // fitting shows the path rather than everyone
    transform: { x: 0, y: 0, k: 1 },
    autoFit: true, // the view follows the layout until the user moves it
    size: { width: 0, height: 0, dpr: 1 },
  };
}

/**
 * The picture's colours from the page's CSS custom properties (`css` is a computed style), and
 * the page's font family for the names (`--page-font`, styles.css), so they match the page.
 */
export function readColours(css) {
  const read = {};
  for (const [name, fallback] of Object.entries(FALLBACK_COLOURS)) read[name] = css.getPropertyValue(name).trim() || fallback;
  read['--page-font'] = css.getPropertyValue('--page-font').trim() || 'sans-serif';
  return read;
}

/** Draws `scene` on `g`; `label(node)` is what a person is called. */
export function drawScene(g, scene, colours, label) {
  const { width, height, dpr } = scene.size;
  const { transform: t, pathView, hovered, me } = scene;
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
  for (const { style, links: group } of scene.linkGroups) {
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
  for (const { style, nodes: group } of scene.nodeGroups) {
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
    ring(g, t, colours, me, r + 3 / t.k, 2 / t.k, colours['--network-me']);
  }
  g.globalAlpha = 1;
  if (pathView) drawPath(g, t, colours, pathView);
  if (hovered) ring(g, t, colours, hovered, nodeRadius(hovered) + 4 / t.k, 2.5 / t.k, colours['--network-hover']);

  // Names, in screen pixels so they stay readable at any zoom.
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  // Everyone's when close enough, else yours; then, on top and never faint, the path's and the hovered one's.
  const faint = (t.k >= LABEL_SCALE ? scene.nodes.filter(onScreen) : [me]).filter((n) => n && n !== hovered && !pathView?.ids.has(n.id));
  const bright = [...(pathView?.nodes ?? []), hovered].filter(Boolean);
  g.textBaseline = 'middle';
  g.lineWidth = 3;
  g.strokeStyle = colours['--network-halo'];
  g.fillStyle = colours['--network-label'];
  const name = (n) => {
    const p = worldToScreen(t, n);
    const x = p.x + nodeRadius(n) * t.k + (pathView?.ids.has(n.id) ? 9 : 5);
    if (x > width || p.y < -8 || p.y > height + 8) return;
    const text = label(n);
    g.strokeText(text, x, p.y);
    g.fillText(text, x, p.y);
  };
  const font = `${FONT_SIZE} ${colours['--page-font'] ?? 'sans-serif'}`;
  g.font = font;
  g.globalAlpha = dim;
  faint.forEach(name);
  g.globalAlpha = 1;
  g.font = pathView ? `600 ${font}` : font;
  bright.forEach(name);
}

/** The way in on top: a thick line along each step, an arrowhead at each person reached, and the people ringed. */
function drawPath(g, t, colours, pathView) {
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
    ring(g, t, colours, n, nodeRadius(n) + 5 / t.k, 3 / t.k, colour);
  }
}

/** A ring round `n`; leaves the halo's stroke set, as the people around it expect. */
function ring(g, t, colours, n, r, lineWidth, colour) {
  g.beginPath();
  g.arc(n.x, n.y, r, 0, 2 * Math.PI);
  g.lineWidth = lineWidth;
  g.strokeStyle = colour;
  g.stroke();
  g.lineWidth = 1.5 / t.k;
  g.strokeStyle = colours['--network-halo'];
}

/**
 * Starts a path with an arrowhead at `to`'s edge (plus `gap`), pointing away from `from`; false if
 * there is no room.
 */
export function traceArrowhead(g, from, to, length, gap = 0) {
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

/**
 * The CSS transform (origin at the top left) that moves a picture drawn in view `from` to where
 * view `to` would draw it: the same scale and offset a world point takes from one to the other.
 */
export function copyTransform(from, to) {
  const s = to.k / from.k;
  return `matrix(${s}, 0, 0, ${s}, ${to.x - from.x * s}, ${to.y - from.y * s})`;
}
