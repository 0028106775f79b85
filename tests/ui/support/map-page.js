// The Map view under node --test: the DOM from dom.js plus the few browser pieces linkedom lacks
// that the map uses (layout sizes, ResizeObserver, CSS.escape, a settable select value), and
// a small seeded map. Import it first in a map test file.

import { fakeApi, fakeContext, resetPage, settle } from './dom.js';

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

/**
 * Mounts the Map view over a fake api answering `answers` (defaults: MAP and OTHER_MAP, four
 * people, Dana and Sam placed). Resolves once the first load has drawn.
 */
export async function mountWith(answers = {}, extra = {}) {
  resetPage();
  const { mountMap } = await import('../../../ui/views/map.js');
  const api = fakeApi({
    listMaps: [MAP, OTHER_MAP],
    listPeople: [DANA, SAM, MIA, KIM],
    mapPlacements: seededPlacements(),
    ...answers,
  });
  // The round strip's reads (map-round.js, tested in round.test.js) come with every redraw; they
  // are kept out of the calls these tests compare, and counted apart.
  const roundCalls = [];
  const push = api.calls.push;
  Object.defineProperty(api.calls, 'push', {
    enumerable: false,
    value(...items) {
      roundCalls.push(...items.filter(isRound));
      return push.apply(this, items.filter((c) => !isRound(c)));
    },
  });
  const ctx = fakeContext(api, extra);
  const view = mountMap(ctx);
  document.getElementById('main').append(view.el);
  await settle();
  return { view, api, ctx, roundCalls, el: view.el, $: (css) => view.el.querySelector(css), $$: (css) => [...view.el.querySelectorAll(css)] };
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
