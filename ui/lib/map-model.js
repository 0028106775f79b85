// What the Map view shows, worked out from its data: which map, who the roster offers, each
// card's face, the largest gaps, the arrows, the export's input. Pure; no DOM, tested with node --test.

import { arrowBetweenBoxes, labelFor, pointFromPosition, quadrantOf, stanceById } from './grid-geometry.js';
import { labelFor as shownAs } from './presenting.js';

/** A card's box in pixels, for arrows that end at its edge. */
export const CARD = Object.freeze({ width: 132, height: 40 });
const CARD_HALF = { x: 70, y: 22 };

/**
 * The most people the roster lists at once; the search finds anyone. A scrolling list is drawn
 * whole into memory: 200 rows held 4–5 MB more in the web process than 20 (`make bench`'s map of
 * 10,000 people), and 50 fill the list's height several times over.
 */
export const ROSTER_LIMIT = 50;

export const percent = (n) => `${Math.round(n * 100)}%`;
/**
 * Where a card's centre goes along a side of the grid `extent` pixels long, for `n` from 0 to 1:
 * far enough from the edges for the whole card to show. A plain percentage: the grid's cards are
 * drawn again when its size changes, and a `clamp()` to parse for each of 500 cards made most of
 * placing them.
 */
function inside(n, half, extent) {
  const edge = extent > 2 * half ? half / extent : 0;
  return `${(Math.min(Math.max(n, edge), 1 - edge) * 100).toFixed(2)}%`;
}
export const insideX = (n, width) => inside(n, CARD_HALF.x, width);
export const insideY = (n, height) => inside(n, CARD_HALF.y, height);

/** Everything the Map view holds; `map` is the map shown, `selected` the chosen card's person id. */
export function createMapState(labelMode) {
  return {
    maps: [],
    map: null,
    placements: [],
    // The roster's last page from the core: { people, total, key } (see map-roster.js), or
    // null until the first one arrives.
    roster: null,
    rosterQuery: '',
    rosterSelected: null,
    selected: null,
    labelMode,
    zoom: 1,
    // While the map form is open in the side panel, nothing else replaces it (typed text would be lost).
    editingMap: false,
  };
}

export { chooseMap } from './map-start.js';

/** The map select's groups: [label, maps], empty groups left out. */
export function mapGroups(maps) {
  return [['Maps', maps.filter((m) => !m.archived)], ['Archived', maps.filter((m) => m.archived)]]
    .filter(([, list]) => list.length);
}

/**
 * Who the roster lists: the people of its last page (not on the map, matching the query, by
 * name) who have not been placed since it was read, at most `limit` of them. `available` is how
 * many the core counted, less those placed since. `selected` is the chosen person, kept while
 * still listed, else the first one listed; `empty` says why no one is, or is null while the
 * first page is on its way.
 */
export function rosterChoice({ roster, placements, rosterQuery, rosterSelected }, limit = ROSTER_LIMIT) {
  if (!roster) return { shown: [], available: 0, limit, selected: null, empty: null };
  const placed = new Set(placements.map((p) => p.person_id));
  const unplaced = roster.people.filter((p) => !placed.has(p.id));
  const available = Math.max(0, roster.total - (roster.people.length - unplaced.length));
  const shown = unplaced.slice(0, limit);
  const kept = rosterSelected && !shown.some((p) => p.id === rosterSelected) ? null : rosterSelected;
  let empty = 'No one matches.';
  if (roster.error) empty = roster.error;
  else if (!rosterQuery.trim()) empty = placements.length ? 'Everyone is on this map.' : 'Add people in the People section first.';
  return { shown, available, limit, selected: kept ?? shown[0]?.id ?? null, empty };
}

/** What a card shows and how it is announced, for a label mode. */
export function cardFace(c, labelMode, selected) {
  const stance = stanceById(c.stance);
  const quadrant = quadrantOf(c.position);
  const label = labelFor(c, labelMode);
  // The name a screen reader hears starts with what the card shows (name and role).
  const shown = labelMode === 'names' ? [c.name, c.role].filter(Boolean).join(', ') : label;
  return {
    stance,
    label,
    role: labelMode === 'names' && c.role ? c.role : null,
    selected: c.person_id === selected,
    className: `map-card stance-${stance.id}${c.past ? ' past' : ''}${c.person_id === selected ? ' selected' : ''}`,
    ariaLabel: `${shown}, ${stance.label}, ${quadrant.label}`,
  };
}

/** The cards the grid shows: the placements, or while history is open the past, read-only. */
export function shownCards(placements, history) {
  // Each snapshot carries where the user needed the person then (null when they had not said).
  if (history) return history.snapshots.map((s) => ({ ...s, desired: s.desired ?? null, past: true }));
  return placements;
}

/** The `count` placements furthest from where they are needed: [{ p, d }], biggest first. */
export function largestGaps(placements, count = 10) {
  return placements.filter((p) => p.desired)
    .map((p) => ({ p, d: Math.hypot(p.position.power - p.desired.power, p.position.interest - p.desired.interest) }))
    .sort((a, b) => b.d - a.d).slice(0, count);
}

/**
 * The grid's arrows in pixels for a grid of `size`: from each card to where it is needed and,
 * while history is open, along the moves since its start date. Arrows too short to see are left
 * out.
 */
export function arrowLines(cards, moves, size) {
  const lines = [];
  const line = (from, to, cls) => {
    const ends = arrowBetweenBoxes(pointFromPosition(from, size), pointFromPosition(to, size), CARD);
    if (Math.hypot(ends.x2 - ends.x1, ends.y2 - ends.y1) < 6) return;
    lines.push({ ...ends, class: cls });
  };
  if (moves) for (const m of moves) if (m.from && m.to) line(m.from.position, m.to.position, 'move-arrow');
  for (const c of cards) if (c.desired) line(c.position, c.desired, 'desired-arrow');
  return lines;
}

/** The placements with `saved` in its person's place (or added). */
export function replacePlacement(placements, saved) {
  const i = placements.findIndex((p) => p.person_id === saved.person_id);
  if (i < 0) return [...placements, saved];
  // A card keeps what the map added to it (who agreed to support you) across its moves.
  return placements.map((p, j) => (j === i ? (p.agreed ? { ...saved, agreed: p.agreed } : saved) : p));
}

export function withoutPerson(placements, personId) {
  return placements.filter((p) => p.person_id !== personId);
}

/** How a person is named in messages, in the presenting mode. */
export function nameOf(placements, people, personId) {
  const person = placements.find((p) => p.person_id === personId) ?? people.find((p) => p.id === personId);
  return person ? shownAs(person) : 'Someone';
}

/** The input of mapToSvg for a map and its placements. */
export function svgInput(map, placements, labelMode, today) {
  return {
    title: map.name,
    labelMode,
    generatedOn: today.toISOString().slice(0, 10),
    placements: placements.map((p) => ({
      personId: p.person_id, name: p.name, role: p.role, stance: p.stance,
      power: p.position.power, interest: p.position.interest, desired: p.desired,
    })),
  };
}

/** Zoom stays between the whole grid (1) and four times it. */
export function clampZoom(z) {
  return Math.min(4, Math.max(1, z));
}
