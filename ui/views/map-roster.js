// The roster beside the grid: people not on the map, a search, and the keys that choose one
// and place them (dragging them out is map-drag.js's).

import { h, replaceChildren } from '../lib/dom.js';
import { ROSTER_LIMIT, rosterChoice } from '../lib/map-model.js';
import { labelFor as shownAs } from '../lib/presenting.js';

export function rosterElements() {
  const rosterSearch = h('input', { type: 'search', id: 'roster-search', class: 'search', placeholder: 'Find a person', 'aria-label': 'Find a person to add', autocomplete: 'off' });
  const rosterList = h('ul', { id: 'roster-list', class: 'roster-list', role: 'listbox', 'aria-label': 'People not on this map', tabindex: '0' });
  const rosterMore = h('p', { id: 'roster-more', class: 'muted roster-more', hidden: true });
  const roster = h('aside', { class: 'roster', id: 'roster', 'aria-label': 'People to add' },
    h('h2', {}, 'People'), rosterSearch, rosterList, rosterMore,
    h('p', { class: 'muted small' }, 'Drag someone onto the grid, or select them and press A to place them in the middle.'));
  return { roster, rosterSearch, rosterList, rosterMore };
}

/** Draws `choice` (from rosterChoice) into the roster's list and its "showing n of m" line. */
export function renderRoster({ rosterList, rosterMore }, choice, labelMode) {
  const { shown, available, selected } = choice;
  rosterMore.hidden = available <= shown.length;
  rosterMore.textContent = `Showing ${shown.length} of ${available.toLocaleString('en-US')}. Type to find the others.`;
  const loading = !shown.length && choice.empty === null; // its first page is on its way
  rosterList.setAttribute('aria-busy', String(loading));
  if (loading) replaceChildren(rosterList);
  else replaceChildren(rosterList, shown.length
    ? shown.map((p) => h('li', {
      role: 'option', class: 'roster-item', 'data-person-id': p.id, 'aria-selected': String(p.id === selected), id: `roster-${p.id}`,
    }, h('span', { class: 'roster-name' }, shownAs(p)), labelMode === 'roles' ? null : h('span', { class: 'roster-role muted' }, p.role)))
    : h('li', { class: 'muted roster-empty' }, choice.empty));
  if (selected) rosterList.setAttribute('aria-activedescendant', `roster-${selected}`);
  else rosterList.removeAttribute('aria-activedescendant');
}

/** What the roster's page was read for: the map, the query and who was on the map then. */
function pageKey(state) {
  const placed = state.placements.map((p) => p.person_id).sort().join(',');
  return `${state.map?.id}\n${state.rosterQuery}\n${placed}`;
}

/**
 * The roster's controller over the view's `state`; `onAdd()` places the chosen person. The core
 * reads its page (people not on the map, matching the search, by name, and how many there are),
 * so the map never loads the whole address book.
 */
export function createRoster({ api, state, onAdd }) {
  const els = rosterElements();
  const { rosterList, rosterSearch } = els;
  // The page last asked for; replies can arrive out of order, and only its reply is drawn.
  let asked = null;

  function draw() {
    const choice = rosterChoice(state);
    state.rosterSelected = choice.selected;
    renderRoster(els, choice, state.labelMode);
  }

  async function refresh(key) {
    asked = key;
    const list = { query: state.rosterQuery, filters: { not_on_map: state.map.id }, sort: 'name', descending: false };
    let roster;
    try {
      const page = await api.peoplePage(list, 0, ROSTER_LIMIT);
      roster = { people: page.people, total: page.total, key };
    } catch (err) {
      roster = { people: [], total: 0, key, error: err.message };
    }
    if (asked !== key) return;
    state.roster = roster;
    draw();
  }

  /** Draws what it has at once, and reads its page again when the map, search or who is on it changed. */
  function render() {
    draw();
    const key = pageKey(state);
    if (state.map && key !== asked) refresh(key);
  }

  function choose(personId) {
    state.rosterSelected = personId;
    render();
    rosterList.focus();
  }

  rosterList.addEventListener('keydown', async (e) => {
    const items = [...rosterList.querySelectorAll('.roster-item')];
    const i = items.findIndex((item) => item.dataset.personId === state.rosterSelected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) { state.rosterSelected = next.dataset.personId; render(); next.scrollIntoView({ block: 'nearest' }); }
    } else if (e.key === 'Enter' || e.key === 'a' || e.key === 'A') {
      e.preventDefault();
      await onAdd();
    }
  });

  rosterSearch.addEventListener('input', () => { state.rosterQuery = rosterSearch.value; render(); });
  rosterSearch.addEventListener('keydown', async (e) => {
    if (e.key === 'Enter') { e.preventDefault(); await onAdd(); }
    if (e.key === 'ArrowDown') { e.preventDefault(); rosterList.focus(); }
  });

  return { ...els, render, choose };
}
