// Geometry of the power/interest grid: quadrants, stances, pixel <-> position, keyboard steps
// and card stacking. Pure; no DOM, tested with node --test.
//
// A position is { power, interest }, each in [0, 1]. Interest runs left (low) to right (high),
// power runs bottom (low) to top (high), so screen y has to be flipped.

import { PRESENTING_MODES, labelFor as presentingLabel } from './presenting.js';

function freezeDeep(object) {
  for (const value of Object.values(object)) {
    if (value && typeof value === 'object') freezeDeep(value);
  }
  return Object.freeze(object);
}

export const QUADRANTS = freezeDeep([
  {
    id: 'manage_closely',
    label: 'Manage closely',
    hint: 'Engage fully: involve them in decisions and meet regularly.',
    centre: { power: 0.75, interest: 0.75 },
  },
  {
    id: 'keep_satisfied',
    label: 'Keep satisfied',
    hint: 'Meet their needs without burying them in detail.',
    centre: { power: 0.75, interest: 0.25 },
  },
  {
    id: 'keep_informed',
    label: 'Keep informed',
    hint: 'Keep them posted; they care and can become allies.',
    centre: { power: 0.25, interest: 0.75 },
  },
  {
    id: 'monitor',
    label: 'Monitor',
    hint: 'Check in now and then; watch for changes.',
    centre: { power: 0.25, interest: 0.25 },
  },
]);

export const STANCES = freezeDeep([
  { id: 'champion', label: 'Champion', symbol: '★' },
  { id: 'supporter', label: 'Supporter', symbol: '▲' },
  { id: 'neutral', label: 'Neutral', symbol: '●' },
  { id: 'skeptic', label: 'Skeptic', symbol: '▼' },
  { id: 'blocker', label: 'Blocker', symbol: '✖' },
  { id: 'unknown', label: 'Unknown', symbol: '?' },
]);

const UNKNOWN_STANCE = STANCES.find((stance) => stance.id === 'unknown');

// Small enough to place precisely, big enough that a held key crosses the grid in ~2 s.
const STEP = 0.02;
const BIG_STEP = 0.1;
// Offset of each card in a small pile, so every card's edge stays visible and clickable.
const STACK_OFFSET = 10;

function clampUnit(value) {
  if (typeof value !== 'number' || Number.isNaN(value)) return 0.5;
  return Math.min(1, Math.max(0, value));
}

// Four decimals is far finer than a pixel, and rounding stops 0.1 + 0.02-style float drift
// from piling up over many key presses.
function round4(value) {
  return Math.round(value * 1e4) / 1e4;
}

/** A copy of the position with both axes in [0, 1]; missing or non-numeric values sit in the middle. */
export function clampPosition(pos) {
  return { power: clampUnit(pos?.power), interest: clampUnit(pos?.interest) };
}

/** The quadrant a position falls in. The 0.5 line belongs to "high", so the centre is "Manage closely". */
export function quadrantOf(pos) {
  const { power, interest } = clampPosition(pos);
  const highPower = power >= 0.5;
  const highInterest = interest >= 0.5;
  if (highPower) return highInterest ? QUADRANTS[0] : QUADRANTS[1];
  return highInterest ? QUADRANTS[2] : QUADRANTS[3];
}

export function quadrantById(id) {
  return QUADRANTS.find((quadrant) => quadrant.id === id);
}

/** Any id the UI does not know (older data, typos) reads as "Unknown" rather than failing. */
export function stanceById(id) {
  return STANCES.find((stance) => stance.id === id) ?? UNKNOWN_STANCE;
}

/** Client pixel (x, y) inside `rect` ({ left, top, width, height }) -> position. */
export function positionFromPoint(x, y, rect) {
  const { left = 0, top = 0, width, height } = rect ?? {};
  // A collapsed or not-yet-laid-out grid has no meaningful scale; the middle is the least surprising.
  if (!(width > 0) || !(height > 0)) return { power: 0.5, interest: 0.5 };
  return clampPosition({ interest: (x - left) / width, power: 1 - (y - top) / height });
}

/** Position -> pixel { x, y } inside a box of `size` ({ width, height }), origin top left. */
export function pointFromPosition(pos, size) {
  const { power, interest } = clampPosition(pos);
  return { x: interest * size.width, y: (1 - power) * size.height };
}

const KEY_DELTAS = {
  ArrowUp: { power: 1, interest: 0 },
  ArrowDown: { power: -1, interest: 0 },
  ArrowRight: { power: 0, interest: 1 },
  ArrowLeft: { power: 0, interest: -1 },
};

/** The keyboard path for moving a card: the new position, or null when `key` is not an arrow. */
export function stepPosition(pos, key, { big = false } = {}) {
  const delta = Object.hasOwn(KEY_DELTAS, key) ? KEY_DELTAS[key] : null;
  if (!delta) return null;
  const step = big ? BIG_STEP : STEP;
  const start = clampPosition(pos);
  return clampPosition({
    power: round4(start.power + delta.power * step),
    interest: round4(start.interest + delta.interest * step),
  });
}

export function distance(a, b) {
  return Math.hypot(a.power - b.power, a.interest - b.interest);
}

/**
 * The text on a person's card for a label mode: 'names', 'initials' or 'roles' (the role, or the
 * initials for someone without one). The same rule as presenting mode everywhere else.
 */
export function labelFor(person, mode) {
  return presentingLabel(person, PRESENTING_MODES.includes(mode) ? mode : 'names');
}

/**
 * Piles up cards that would cover each other. `cards` are { id, x, y } pixel centres.
 * A card joins the first group (in input order) whose first card is within half a card in both
 * directions. Small groups fan out by STACK_OFFSET per card; groups over `maxStack` are hidden
 * behind one stack marker, because a fan of dozens of cards is unreadable and runs off the grid.
 * Returns { cards: [{ id, x, y, dx, dy, hidden }] in input order, stacks: [{ ids, x, y, count }] }.
 */
export function layoutCards(cards, { cardWidth, cardHeight, maxStack = 4 }) {
  const reachX = cardWidth / 2;
  const reachY = cardHeight / 2;
  // Cells one card in size: a group's first card within half a card of a point can only be in
  // the point's cell or a neighbouring one, so each card looks at 9 cells instead of every group.
  const cellW = cardWidth > 0 ? cardWidth : 1;
  const cellH = cardHeight > 0 ? cardHeight : 1;
  const cells = new Map();
  const groups = [];
  const groupOfCard = [];

  cards.forEach((card, index) => {
    const cx = Math.floor(card.x / cellW);
    const cy = Math.floor(card.y / cellH);
    let best = -1;
    for (let i = -1; i <= 1; i += 1) {
      for (let j = -1; j <= 1; j += 1) {
        for (const g of cells.get(`${cx + i},${cy + j}`) ?? []) {
          // The earliest group wins, as if groups were scanned in the order they were formed.
          if (best !== -1 && g > best) continue;
          const first = groups[g].first;
          if (Math.abs(card.x - first.x) <= reachX && Math.abs(card.y - first.y) <= reachY) best = g;
        }
      }
    }
    if (best === -1) {
      best = groups.length;
      groups.push({ first: card, members: [] });
      const key = `${cx},${cy}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(best);
    }
    groupOfCard[index] = { group: best, rank: groups[best].members.length };
    groups[best].members.push(card.id);
  });

  const stacks = [];
  for (const group of groups) {
    if (group.members.length > maxStack) {
      stacks.push({ ids: group.members, x: group.first.x, y: group.first.y, count: group.members.length });
    }
  }

  const laidOut = cards.map((card, index) => {
    const { group, rank } = groupOfCard[index];
    if (groups[group].members.length > maxStack) {
      return { id: card.id, x: card.x, y: card.y, dx: 0, dy: 0, hidden: true };
    }
    const offset = rank * STACK_OFFSET;
    return { id: card.id, x: card.x, y: card.y, dx: offset, dy: offset, hidden: false };
  });

  return { cards: laidOut, stacks };
}

/**
 * The arrow from one card to another (or its ghost), both `card`-sized boxes, starting and ending at the two rectangles' edges so the
 * head is not hidden under a card. Cards that overlap get a centre-to-centre arrow instead.
 */
export function arrowBetweenBoxes(from, to, card) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const t = Math.min(
    dx === 0 ? Infinity : card.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : card.height / 2 / Math.abs(dy),
  );
  if (!(t < 0.5)) return { x1: from.x, y1: from.y, x2: to.x, y2: to.y };
  return { x1: from.x + dx * t, y1: from.y + dy * t, x2: to.x - dx * t, y2: to.y - dy * t };
}
