// The Map view under node --test: the DOM from dom.js plus the few browser pieces linkedom lacks
// that the map uses (layout sizes, ResizeObserver, CSS.escape, a settable select value), and
// a small seeded map. Import it first in a map test file.

import { fakeApi, fakeContext, resetPage, settle } from './dom.js';
import { firstMapData } from '../../../ui/lib/map-start.js';

export { fakeApi, fakeContext, resetPage, settle, textOf } from './dom.js';

// The grid is laid out at 1000 × 800 pixels, so cards overlap (or not) as on a screen.
const LAYOUT = { clientWidth: 1000, clientHeight: 800 };
for (const [name, value] of Object.entries(LAYOUT)) {
  if (!(name in HTMLElement.prototype)) Object.defineProperty(HTMLElement.prototype, name, { get: () => value, configurable: true });
}
for (const name of ['scrollTo', 'scrollIntoView', 'setPointerCapture']) {
  if (!(name in HTMLElement.prototype)) HTMLElement.prototype[name] = function noop() {};
}
globalThis.ResizeObserver ??= class { observe() {} disconnect() {} };
globalThis.CSS ??= { escape: (s) => String(s).replace(/["\\]/g, '\\$&') };

// linkedom's select has a value getter only; the view sets it when the presenting mode changes.
const select = Object.getPrototypeOf(document.createElement('select'));
const getValue = Object.getOwnPropertyDescriptor(select, 'value')?.get;
Object.defineProperty(select, 'value', {
  configurable: true,
  get() { return getValue.call(this); },
  set(value) {
    for (const option of this.querySelectorAll('option')) {
      if (option.value === value) option.setAttribute('selected', '');
      else option.removeAttribute('selected');
    }
  },
});

export const MAP = { id: 'm1', name: 'Promotion to Staff', description: 'Review in March', target_date: '2027-03-31', archived: false };
export const OTHER_MAP = { id: 'm2', name: 'Atlas launch', description: '', target_date: '', archived: false };
export const OLD_MAP = { id: 'm3', name: 'Old goal', description: '', target_date: '', archived: true };

export const DANA = { id: 'p1', name: 'Dana Ng', role: 'VP Engineering', department: 'Eng', organisation: 'Acme' };
export const SAM = { id: 'p2', name: 'Sam Patel', role: 'Director, Product', department: 'Product', organisation: 'Acme' };
export const MIA = { id: 'p3', name: 'Mia Chen', role: 'Designer', department: 'Design', organisation: 'Acme' };
export const KIM = { id: 'p4', name: 'Kim Lee', role: '', department: '', organisation: 'Initech' };

/** A placement as map_placements answers it. */
export function placed(person, power, interest, { stance = 'neutral', desired = null } = {}) {
  return { person_id: person.id, name: person.name, role: person.role, stance, position: { power, interest }, desired };
}

/** Dana (skeptic, keep satisfied, needed in manage closely) and Sam (champion) on MAP. */
export function seededPlacements() {
  return [
    placed(DANA, 0.9, 0.3, { stance: 'skeptic', desired: { power: 0.9, interest: 0.8 } }),
    placed(SAM, 0.8, 0.8, { stance: 'champion' }),
  ];
}

/** Folded for the fake's search, as the core folds (case only here). */
const fold = (text) => String(text ?? '').toLocaleLowerCase();

/**
 * The core's page of the roster over `people`, as people_page answers it: those not on the map
 * (as the fake's answers and saves left it), with every word of the search in their name, role,
 * department or organisation, by name, and how many there are.
 */
function rosterPages(people, placements, hold) {
  const onMap = new Map();
  const placedOn = async (mapId) => {
    if (!onMap.has(mapId)) {
      const answer = typeof placements === 'function' ? await placements(mapId) : placements;
      onMap.set(mapId, new Set((answer ?? []).map((p) => p.person_id)));
    }
    return onMap.get(mapId);
  };
  return {
    async page(list, offset, limit) {
      await hold;
      const placed = await placedOn(list.filters.not_on_map);
      const words = fold(list.query).split(/\s+/).filter(Boolean);
      const matching = people
        .filter((p) => !placed.has(p.id))
        .filter((p) => words.every((w) => fold(`${p.name}\n${p.role}\n${p.department}\n${p.organisation}`).includes(w)))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { total: matching.length, offset, people: matching.slice(offset, offset + limit) };
    },
    async placed(mapId, personId) { (await placedOn(mapId)).add(personId); },
    async unplaced(mapId, personId) { (await placedOn(mapId)).delete(personId); },
  };
}

/** Runs the fake's own `answer` to a save, then tells the roster's pages what it did. */
const thenTell = (answer, tell) => async (mapId, personId, ...rest) => {
  const value = typeof answer === 'function' ? await answer(mapId, personId, ...rest) : answer;
  if (!(value instanceof Error)) await tell(mapId, personId);
  return value;
};

/**
 * Mounts the Map view over a fake api answering `answers` (defaults: MAP and OTHER_MAP, four
 * `people`, Dana and Sam placed; the roster's pages answered once `rosterHold` resolves).
 * Resolves once the first load has drawn.
 */
export async function mountWith({ people = [DANA, SAM, MIA, KIM], rosterHold = null, mapsAsked, ...answers } = {}, extra = {}) {
  resetPage();
  const { mountMap } = await import('../../../ui/views/map.js');
  const mapPlacements = 'mapPlacements' in answers ? answers.mapPlacements : seededPlacements();
  const roster = rosterPages(people, mapPlacements, rosterHold);
  const api = fakeApi({
    listMaps: [MAP, OTHER_MAP],
    ...answers,
    mapPlacements,
    peoplePage: roster.page,
    placePerson: thenTell(answers.placePerson, roster.placed),
    unplacePerson: thenTell(answers.unplacePerson, roster.unplaced),
  });
  // The round strip's reads (map-round.js, tested in round.test.js) and the roster's pages come
  // with redraws; they are kept out of the calls these tests compare, and counted apart.
  const roundCalls = [];
  const rosterCalls = [];
  const push = api.calls.push;
  Object.defineProperty(api.calls, 'push', {
    enumerable: false,
    value(...items) {
      roundCalls.push(...items.filter(isRound));
      rosterCalls.push(...items.filter(([name]) => name === 'peoplePage'));
      return push.apply(this, items.filter((c) => !isRound(c) && c[0] !== 'peoplePage'));
    },
  });
  const ctx = fakeContext(api, extra);
  // `mapsAsked`: the maps the view loader asked for while the module loaded (and, through the
  // same api, the chosen map's cards: lib/map-start.js).
  const early = { listMaps: async () => mapsAsked, mapPlacements: (id) => api.mapPlacements(id), mapSupport: (id) => api.mapSupport(id) };
  const view = mountMap(ctx, null, mapsAsked && firstMapData(early, null));
  document.getElementById('main').append(view.el);
  await settle();
  return { view, api, ctx, roundCalls, rosterCalls, el: view.el, $: (css) => view.el.querySelector(css), $$: (css) => [...view.el.querySelectorAll(css)] };
}

const isRound = ([name]) => name === 'roundCountdown' || name === 'roundDrift';

/** The api calls made so far, by name only. */
export const callNames = (api) => api.calls.map(([name]) => name);

/** A key press on `target`, bubbling as a real one does. */
export function press(target, key, init = {}) {
  // linkedom has no KeyboardEvent; a plain event with the same fields reads the same.
  const event = new Event('keydown', { bubbles: true, cancelable: true });
  for (const [name, value] of Object.entries({ key, shiftKey: false, ctrlKey: false, ...init })) {
    Object.defineProperty(event, name, { value });
  }
  target.dispatchEvent(event);
  return event;
}

/** A keyboard click (detail 0), which the grid treats as choosing a card. */
export function keyboardClick(target) {
  const event = new Event('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'detail', { value: 0 });
  target.dispatchEvent(event);
}

/** Changes a select to `value` as a person does. */
export function choose(selectEl, value) {
  selectEl.value = value;
  selectEl.dispatchEvent(new Event('change', { bubbles: true }));
}

/** What the polite live region says, once its frame has run. */
export async function announced() {
  await settle();
  return document.getElementById('announcer').textContent;
}

/** The text of the toast shown now, or ''. */
export function toastText() {
  return document.querySelector('#toasts .toast span')?.textContent ?? '';
}
