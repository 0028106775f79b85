// For the People view tests: what linkedom lacks and the view uses (focus, modal dialogs, a
// scroll box with a height), people to list, a fake back end answering like the core does, and
// a mounted view. Import after ./dom.js.

import { fakeApi, fakeContext, settle } from './dom.js';
import { mountPeople } from '../../../ui/views/people.js';

// Focus: remembered, told to the page as focusin (the list follows its Tab stop that way).
let focused = null;
Object.defineProperty(document, 'activeElement', {
  configurable: true,
  get: () => (focused?.isConnected ? focused : document.body),
});
HTMLElement.prototype.focus = function focus() {
  focused = this;
  this.dispatchEvent(new Event('focusin', { bubbles: true }));
};
HTMLElement.prototype.select = function select() {};
HTMLElement.prototype.showModal = function showModal() { this.setAttribute('open', ''); };
HTMLElement.prototype.close = function close() { this.removeAttribute('open'); };

/** Every scroll box is this many px high: ten rows of the People list. */
export const VIEW_HEIGHT = 800;
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEW_HEIGHT });
Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
  configurable: true,
  get() { return this._scrollTop ?? 0; },
  set(value) { this._scrollTop = Math.max(0, Number(value) || 0); },
});

/** Person `i`: "Person 007", id "p7", with every field the core sends. */
export function person(i, extra = {}) {
  return {
    id: `p${i}`, name: `Person ${String(i).padStart(3, '0')}`, role: '', department: '', organisation: '',
    email: '', tags: '', notes: '', last_contact: null, left_at: null, ...extra,
  };
}

export const people = (n, from = 0) => Array.from({ length: n }, (_, i) => person(from + i));

export const NO_HITS = { people: [], interactions: [], favours: [], promises: [], conflicts: [] };

/**
 * Who the core would list for `list` ({ query, filters }): a search matches names and roles; the
 * tag and former-colleague filters are followed, others are the core's to test.
 */
export function listed(everyone, list) {
  const q = String(list.query).trim().toLowerCase();
  const f = list.filters ?? {};
  return everyone.filter((p) => (!q || `${p.name} ${p.role}`.toLowerCase().includes(q))
    && !!f.former === !!p.left_at
    && (!f.tags?.length || f.tags.some((t) => p.tags.split(', ').includes(t))));
}

/**
 * Answers like the core's for a list of `everyone` (a search matches names and roles), with
 * empty journals; `extra` answers override.
 */
export function peopleAnswers(everyone, extra = {}) {
  return {
    peoplePage: (list, offset, limit, around = null) => {
      const found = listed(everyone, list);
      const at = around ? found.findIndex((p) => p.id === around) : -1;
      const start = at >= 0 ? at - (at % limit) : offset;
      return { total: found.length, offset: start, people: found.slice(start, start + limit) };
    },
    peopleIds: (list) => listed(everyone, list).map((p) => p.id),
    peopleFilterChoices: { tags: ['mentor'], departments: ['Platform'], organisations: [], maps: [{ id: 'm1', name: 'Launch' }] },
    bulkChangePeople: (ids) => ({ selected: ids.length, changed: ids.length }),
    searchEverything: NO_HITS,
    listFormerPeople: [],
    listPeople: everyone,
    getProfile: {},
    personStances: [],
    personTimeline: [],
    personTimelinePage: { interactions: [], older: null },
    listFavours: { favours: [], balance: { by_them: 0, by_me: 0 }, balance_days: 90 },
    listPromises: [],
    listConflicts: [],
    personLinks: [],
    introPaths: [],
    ...extra,
  };
}

/** Mounts People in the page over a fake api answering `answers`, and waits for its first list. */
export async function mountWith(answers, { openId = null } = {}) {
  const api = fakeApi(answers);
  const ctx = fakeContext(api);
  const view = mountPeople(ctx, openId);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, el: view.el };
}

/** The calls made to `name`, without the name. */
export const callsTo = (api, name) => api.calls.filter(([n]) => n === name).map(([, ...args]) => args);

/** Types `text` into a field as a person does, firing input. */
export function type(field, text) {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Presses `key` on `target`, bubbling; says whether the view used it (preventDefault). */
export function press(target, key) {
  // linkedom has no KeyboardEvent: an Event with the key is what the view reads.
  const e = new Event('keydown', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'key', { value: key });
  target.dispatchEvent(e);
  return e.defaultPrevented;
}

export const click = (el) => el.dispatchEvent(new Event('click', { bubbles: true }));

/** Lets the search's pause pass and its answers arrive. */
export const afterSearch = () => new Promise((r) => setTimeout(r, 150)).then(() => settle());

export { settle };
