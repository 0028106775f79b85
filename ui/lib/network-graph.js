// Pure logic for the Network view: filtering the graph, how people and links look, and the
// pan/zoom maths between screen pixels and layout ("world") coordinates. No DOM, so node tests it.

const freezeDeep = (value) => {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) freezeDeep(inner);
    Object.freeze(value);
  }
  return value;
};

/** Organisational levels in order from the top, with the words the UI shows. */
export const LEVELS = freezeDeep([
  { id: 'senior_leader', label: 'Senior leader' },
  { id: 'skip_level', label: 'Skip-level' },
  { id: 'manager', label: 'Manager' },
  { id: 'peer', label: 'Peer' },
  { id: 'junior', label: 'Junior' },
  { id: 'external', label: 'External' },
]);

/** The words for a level id; an unknown id is shown as it is rather than hidden. */
export function levelLabel(level) {
  return LEVELS.find((l) => l.id === level)?.label ?? level;
}

/**
 * Each stance has a shape as well as a colour, so the picture reads without colour. The symbols
 * match the other views (★ ▲ ● ▼ ✖); `colorVar` names the CSS custom property holding the colour.
 */
export const STANCE_STYLES = freezeDeep([
  { id: 'champion', label: 'Champion', shape: 'star', symbol: '★', colorVar: '--network-champion' },
  { id: 'supporter', label: 'Supporter', shape: 'triangle', symbol: '▲', colorVar: '--network-supporter' },
  { id: 'neutral', label: 'Neutral', shape: 'circle', symbol: '●', colorVar: '--network-neutral' },
  { id: 'skeptic', label: 'Skeptic', shape: 'triangle-down', symbol: '▼', colorVar: '--network-skeptic' },
  { id: 'blocker', label: 'Blocker', shape: 'cross', symbol: '✖', colorVar: '--network-blocker' },
  { id: 'unknown', label: 'Unknown', shape: 'diamond', symbol: '◆', colorVar: '--network-unknown' },
]);

/** How the user's own node looks: always a circle in the brand colour, with a ring. */
export const ME_STYLE = freezeDeep({ id: 'me', label: 'You', shape: 'circle', symbol: '◉', colorVar: '--network-me' });

const UNKNOWN_STANCE = STANCE_STYLES.find((s) => s.id === 'unknown');

/** The style for a stance id; no stance (null) or an unexpected one is "unknown". */
export function stanceStyle(stance) {
  return STANCE_STYLES.find((s) => s.id === stance) ?? UNKNOWN_STANCE;
}

/** The style for a node: the user's own, or by stance. */
export function nodeStyle(node) {
  return node?.me ? ME_STYLE : stanceStyle(node?.stance);
}

/**
 * Link kinds in legend order. `dash` is in screen pixels ([] = solid); `arrow` marks kinds with
 * a direction worth seeing; `alpha` fades the kind that is only "you have met".
 */
export const LINK_KINDS = freezeDeep([
  { id: 'reports_to', label: 'Reports to', dash: [], arrow: true, widthFactor: 1, alpha: 0.9, colorVar: '--network-link' },
  { id: 'influences', label: 'Influences', dash: [7, 4], arrow: true, widthFactor: 1, alpha: 0.9, colorVar: '--network-link' },
  { id: 'close_with', label: 'Close with', dash: [], arrow: false, widthFactor: 2, alpha: 0.75, colorVar: '--network-close' },
  { id: 'in_conflict_with', label: 'In conflict with', dash: [5, 3], arrow: false, widthFactor: 1.2, alpha: 0.95, colorVar: '--network-conflict' },
  { id: 'introduced_me_to', label: 'Introduced me to', dash: [1.5, 3.5], arrow: false, widthFactor: 1.2, alpha: 0.9, colorVar: '--network-link' },
  { id: 'met', label: 'You have met', dash: [], arrow: false, widthFactor: 0.5, alpha: 0.35, colorVar: '--network-met' },
]);

const STRENGTH_WIDTH = { weak: 1, medium: 1.75, strong: 2.75 };
// Strong ties pull people closer; the force layout uses this as the link's rest length.
const STRENGTH_DISTANCE = { weak: 90, medium: 60, strong: 40 };

/**
 * How to stroke a link: { kind, key, dash, width, arrow, alpha, colorVar }. Width (screen
 * pixels) grows with strength; `key` is the same for links drawn identically, so a frame can
 * stroke each group in one path.
 */
export function linkStyle(link) {
  const kind = LINK_KINDS.find((k) => k.id === link?.kind) ?? LINK_KINDS[0];
  const strength = STRENGTH_WIDTH[link?.strength] ? link.strength : 'medium';
  const width = Math.round(STRENGTH_WIDTH[strength] * kind.widthFactor * 100) / 100;
  return {
    kind: kind.id, key: `${kind.id}:${strength}`, dash: kind.dash, width, arrow: kind.arrow, alpha: kind.alpha, colorVar: kind.colorVar,
  };
}

/** The rest length of a link in the force layout: stronger is shorter. */
export function linkDistance(link) {
  return STRENGTH_DISTANCE[link?.strength] ?? STRENGTH_DISTANCE.medium;
}

export const ME_RADIUS = 16;
export const MIN_RADIUS = 5;
export const MAX_RADIUS = 13;

/** Node radius in world units: the user's own is fixed; others grow with power (null = smallest). */
export function nodeRadius(node) {
  if (node?.me) return ME_RADIUS;
  const power = typeof node?.power === 'number' && Number.isFinite(node.power) ? Math.min(1, Math.max(0, node.power)) : 0;
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * power;
}

// ---------- filtering ----------

/**
 * The part of `graph` matching the filters ('' or missing = any). The user's own node always
 * stays; a link stays only if both its ends do. Returns new arrays of the same objects.
 */
export function filterGraph(graph, { department = '', level = '' } = {}) {
  const nodes = (graph?.nodes ?? []).filter((n) => n.me
    || ((!department || n.department === department) && (!level || n.level === level)));
  const kept = new Set(nodes.map((n) => n.id));
  const links = (graph?.links ?? []).filter((l) => kept.has(l.from) && kept.has(l.to));
  return { nodes, links };
}

const byText = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

function distinct(graph, field) {
  const values = new Set();
  for (const n of graph?.nodes ?? []) {
    if (n.me) continue;
    const value = typeof n[field] === 'string' ? n[field].trim() : '';
    if (value) values.add(n[field]);
  }
  return [...values];
}

/** Distinct non-empty departments of the people in `graph`, in alphabetical order. */
export function departmentsOf(graph) {
  return distinct(graph, 'department').sort(byText);
}

/** Distinct non-empty levels in `graph`, from the top of the organisation down; unknown ones last. */
export function levelsOf(graph) {
  const rank = (id) => {
    const i = LEVELS.findIndex((l) => l.id === id);
    return i === -1 ? LEVELS.length : i;
  };
  return distinct(graph, 'level').sort((a, b) => rank(a) - rank(b) || byText(a, b));
}

/** The people (not the user) of a graph in name order, for the list that mirrors the picture. */
export function peopleInOrder(nodes) {
  return nodes.filter((n) => !n.me).sort((a, b) => byText(a.name ?? '', b.name ?? ''));
}

/** "42 people, 87 links", "1,000 people, 3,000 links": the user's own node is not counted as a person. */
export function summaryText(nodes, links) {
  const people = nodes.filter((n) => !n.me).length;
  const count = (n) => n.toLocaleString('en-US');
  return `${count(people)} ${people === 1 ? 'person' : 'people'}, ${count(links.length)} ${links.length === 1 ? 'link' : 'links'}`;
}

// ---------- intro paths ----------
// A path from the API is { steps: [{ person_id, strength, kind }], cost }; the user is its
// implicit start, the graph's node "me".

/** The id of the user's own node in the graph the API returns. */
export const ME_ID = 'me';

/** Everyone a path goes through, in order, starting with you: ['me', first, …, target]. */
export function pathIds(path) {
  return [ME_ID, ...(path?.steps ?? []).map((s) => s.person_id)];
}

const pairKey = (a, b) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/**
 * The segments to highlight for a path, one per step: { from, to, links } where `links` are
 * the ids of the links drawn between those two people, either way round. Paths do not care
 * about direction, and some steps have no drawn link at all (an empty `links`): the view still
 * draws a straight segment for those.
 */
export function pathSegments(path, links) {
  const between = new Map();
  for (const l of links ?? []) {
    const key = pairKey(l.from, l.to);
    if (!between.has(key)) between.set(key, []);
    between.get(key).push(l.id);
  }
  const ids = pathIds(path);
  return ids.slice(1).map((to, i) => ({ from: ids[i], to, links: between.get(pairKey(ids[i], to)) ?? [] }));
}

/** The people on a path who are not among `nodes`: hidden by a filter, so not drawn. */
export function hiddenOnPath(path, nodes) {
  const shown = new Set((nodes ?? []).map((n) => n.id));
  return pathIds(path).filter((id) => !shown.has(id));
}

// ---------- view transform ----------
// A transform { x, y, k } maps world (layout) coordinates to screen pixels: screen = world * k + (x, y).

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;

const clampScale = (k) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

export function worldToScreen(t, p) {
  return { x: p.x * t.k + t.x, y: p.y * t.k + t.y };
}

export function screenToWorld(t, p) {
  return { x: (p.x - t.x) / t.k, y: (p.y - t.y) / t.k };
}

/** Scales by `factor` about the screen `point`, which stays over the same world point; the scale is clamped. */
export function zoomAt(t, factor, point) {
  const k = clampScale(t.k * factor);
  const world = screenToWorld(t, point);
  return { x: point.x - world.x * k, y: point.y - world.y * k, k };
}

/** Moves the view by (dx, dy) screen pixels. */
export function panBy(t, dx, dy) {
  return { x: t.x + dx, y: t.y + dy, k: t.k };
}

/**
 * The transform showing every node (with its radius) inside a width × height screen, centred
 * in the room left by `padding` (pixels: a number, or { top, right, bottom, left } to leave room
 * for names on the right). It never zooms in past `maxScale`, so two people do not fill the
 * screen; nodes without a position yet are ignored.
 */
export function fitTransform(nodes, width, height, padding = 40, maxScale = 2) {
  const pad = typeof padding === 'number' ? { top: padding, right: padding, bottom: padding, left: padding }
    : { top: 0, right: 0, bottom: 0, left: 0, ...padding };
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const n of nodes ?? []) {
    if (!Number.isFinite(n.x) || !Number.isFinite(n.y)) continue;
    const r = nodeRadius(n);
    minX = Math.min(minX, n.x - r); maxX = Math.max(maxX, n.x + r);
    minY = Math.min(minY, n.y - r); maxY = Math.max(maxY, n.y + r);
  }
  if (minX === Infinity || !(width > 0) || !(height > 0)) return { x: (width || 0) / 2, y: (height || 0) / 2, k: 1 };
  // On a screen too small for the padding, at least a quarter of it is still used.
  const roomX = Math.max(width - pad.left - pad.right, width / 4);
  const roomY = Math.max(height - pad.top - pad.bottom, height / 4);
  const left = roomX === width / 4 ? (width - roomX) / 2 : pad.left;
  const top = roomY === height / 4 ? (height - roomY) / 2 : pad.top;
  const k = Math.max(MIN_SCALE, Math.min(Math.min(maxScale, MAX_SCALE), roomX / Math.max(maxX - minX, 1), roomY / Math.max(maxY - minY, 1)));
  return { x: left + roomX / 2 - ((minX + maxX) / 2) * k, y: top + roomY / 2 - ((minY + maxY) / 2) * k, k };
}

/**
 * The node at world point (x, y): the one whose centre is nearest among those within their
 * radius plus `slop` (world units; the view passes a few screen pixels divided by the scale).
 */
export function nodeAt(nodes, x, y, slop = 4) {
  let best = null;
  let bestDistance = Infinity;
  for (const n of nodes ?? []) {
    const d = Math.hypot(n.x - x, n.y - y);
    if (d <= nodeRadius(n) + slop && d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

// ---------- shapes ----------

function polygon(path, points) {
  path.moveTo(points[0][0], points[0][1]);
  for (let i = 1; i < points.length; i += 1) path.lineTo(points[i][0], points[i][1]);
  path.closePath();
}

function regular(x, y, r, count, startAngle, innerRatio = null) {
  const points = [];
  const steps = innerRatio === null ? count : count * 2;
  for (let i = 0; i < steps; i += 1) {
    const radius = innerRatio !== null && i % 2 === 1 ? r * innerRatio : r;
    const angle = startAngle + (i * 2 * Math.PI) / steps;
    points.push([x + radius * Math.cos(angle), y + radius * Math.sin(angle)]);
  }
  return points;
}

/**
 * Adds the outline of `shape` centred on (x, y) with size `r` to `path` (a canvas context or
 * Path2D: anything with moveTo/lineTo/arc/closePath). Angular shapes are drawn a little larger
 * than the circle so they look about as big.
 */
export function traceShape(path, shape, x, y, r) {
  const up = -Math.PI / 2;
  switch (shape) {
    case 'star':
      polygon(path, regular(x, y, r * 1.35, 5, up, 0.5));
      break;
    case 'triangle':
      polygon(path, regular(x, y, r * 1.3, 3, up));
      break;
    case 'triangle-down':
      polygon(path, regular(x, y, r * 1.3, 3, Math.PI / 2));
      break;
    case 'diamond':
      polygon(path, regular(x, y, r * 1.25, 4, up));
      break;
    case 'square':
      polygon(path, regular(x, y, r * 1.2, 4, Math.PI / 4));
      break;
    case 'cross': {
      // An X: a plus sign of arm half-width w, turned 45°.
      const w = r * 0.38;
      const a = r * 1.15;
      const plus = [[w, -a], [w, -w], [a, -w], [a, w], [w, w], [w, a], [-w, a], [-w, w], [-a, w], [-a, -w], [-w, -w], [-w, -a]];
      const c = Math.SQRT1_2;
      polygon(path, plus.map(([px, py]) => [x + (px - py) * c, y + (px + py) * c]));
      break;
    }
    default:
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, 2 * Math.PI);
      path.closePath();
  }
}

// ---------- the view's state, worked out ----------

/**
 * The simulation's copies of `shown` nodes: people already placed in `previous` start where they
 * were, so changing a filter does not scramble the picture.
 */
export function keepPositions(shown, previous) {
  const before = new Map((previous ?? []).map((n) => [n.id, n]));
  return shown.map((n) => {
    const old = before.get(n.id);
    return old && Number.isFinite(old.x) ? { ...n, x: old.x, y: old.y } : { ...n };
  });
}

/**
 * Links and people grouped by how they look, so a frame sets each look once: links faintest
 * first (the telling kinds end on top), people by stance in legend order; the user is drawn apart.
 */
export function drawingGroups(nodes, links) {
  const byKey = new Map();
  for (const l of links) {
    if (!byKey.has(l.style.key)) byKey.set(l.style.key, { style: l.style, links: [] });
    byKey.get(l.style.key).links.push(l);
  }
  const linkGroups = [...byKey.values()].sort((a, b) => a.style.alpha - b.style.alpha);
  const nodeGroups = STANCE_STYLES.map((style) => ({ style, nodes: nodes.filter((n) => !n.me && nodeStyle(n) === style) }))
    .filter((g) => g.nodes.length);
  return { linkGroups, nodeGroups };
}

/**
 * A path resolved against the nodes and links on screen, for drawing and fitting: who is on it,
 * the drawn people in order, the segments between drawn people, and the ids of the links it uses.
 * Null for no path.
 */
export function resolvePath(path, nodes, links) {
  if (!path) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const segments = pathSegments(path, links);
  return {
    ids: new Set(pathIds(path)),
    nodes: pathIds(path).map((id) => byId.get(id)).filter(Boolean),
    segments: segments.map((sg) => [byId.get(sg.from), byId.get(sg.to)]).filter(([a, b]) => a && b),
    links: new Set(segments.flatMap((sg) => sg.links)),
  };
}

/** How many links each person id has, either end. */
export function linkCounts(links) {
  const degree = new Map();
  for (const l of links) {
    degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
    degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
  }
  return degree;
}

/** The line under a name in the people list: "Champion · Director · Sales · Manager · 2 links". */
export function personMeta(person, count) {
  const style = nodeStyle(person);
  return [person.stance ? style.label : '', person.role, person.department, levelLabel(person.level), `${count} ${count === 1 ? 'link' : 'links'}`]
    .filter(Boolean).join(' · ');
}

/**
 * The status under the picture, given whether the map has anyone at all. `whole` is the graph as
 * fetched ({ nodes, people, map }): of a network too large to draw whole, the core sends only the
 * people nearest the user, and says so here.
 */
export function statusText(hasPeople, nodes, links, whole = null) {
  if (!hasPeople) return 'No people in this view yet.';
  const shown = nodes.some((n) => !n.me) ? summaryText(nodes, links) : 'No one matches these filters.';
  const drawn = whole ? whole.nodes.filter((n) => !n.me).length : 0;
  if (!(whole?.people > drawn)) return shown;
  const count = (n) => Number(n).toLocaleString('en-US');
  const of = whole.map ? `${count(whole.people)} on this map` : count(whole.people);
  return `${shown.replace(/\.$/, '')}. Only the ${count(drawn)} people nearest you of ${of} are drawn: `
    + `everyone linked to someone or on a map, then those you met most lately.${whole.map ? '' : ' Choose a map to see its people.'}`;
}

/** The picture's accessible name: the status, the way in drawn (its words, or '') and where the list is. */
export function pictureLabel(status, pathWords) {
  return `Network picture: ${status.replace(/\.$/, '')}.`
    + `${pathWords ? ` Drawn on top: ${pathWords}.` : ''} The list “People in this view” has the same people.`;
}

/** What is said once the ways in to `name` are found. */
export function waysFoundText(count, name) {
  return count ? `${count === 1 ? 'One way' : `${count} ways`} in to ${name}; the first is drawn` : `No way in to ${name} yet`;
}

/**
 * What a key does to the picture: { pan: [dx, dy] } (screen px), { zoom: factor } or { fit: true };
 * null for a key it does not use. Arrows move the view, so the picture moves the other way.
 */
export function keyMove(key, panStep, zoomStep) {
  const pan = { ArrowLeft: [panStep, 0], ArrowRight: [-panStep, 0], ArrowUp: [0, panStep], ArrowDown: [0, -panStep] }[key];
  if (pan) return { pan };
  if (key === '+' || key === '=') return { zoom: zoomStep };
  if (key === '-' || key === '_') return { zoom: 1 / zoomStep };
  if (key === '0') return { fit: true };
  return null;
}

/** The zoom factor for a wheel turn; `deltaMode` 1 is lines, 2 pages (`pageHeight` px). */
export function wheelZoom(deltaY, deltaMode, pageHeight) {
  const unit = deltaMode === 1 ? 16 : deltaMode === 2 ? pageHeight : 1;
  return Math.exp(-deltaY * unit * 0.002);
}

/**
 * How many layout ticks are due, `elapsed` ms after the layout began to move with `done` made,
 * at `perSecond`: one at once, then one every 1/perSecond s; never fewer than none.
 */
export function ticksDue(elapsed, done, perSecond) {
  return Math.max(0, Math.floor((Math.max(0, elapsed) * perSecond) / 1000) + 1 - done);
}
