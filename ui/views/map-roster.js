// The roster beside the grid: people not on the map, a search, and the keys that choose one
// and place them (dragging them out is map-drag.js's).

import { h, replaceChildren } from '../lib/dom.js';
import { rosterChoice } from '../lib/map-model.js';
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
  const { shown, available, limit, selected } = choice;
  rosterMore.hidden = available <= limit;
  rosterMore.textContent = `Showing ${limit} of ${available.toLocaleString('en-US')}. Type to find the others.`;
  replaceChildren(rosterList, shown.length
    ? shown.map((p) => h('li', {
      role: 'option', class: 'roster-item', 'data-person-id': p.id, 'aria-selected': String(p.id === selected), id: `roster-${p.id}`,
    }, h('span', { class: 'roster-name' }, shownAs(p)), labelMode === 'roles' ? null : h('span', { class: 'roster-role muted' }, p.role)))
    : h('li', { class: 'muted roster-empty' }, choice.empty));
  if (selected) rosterList.setAttribute('aria-activedescendant', `roster-${selected}`);
  else rosterList.removeAttribute('aria-activedescendant');
}

/** The roster's controller over the view's `state`; `onAdd()` places the chosen person. */
export function createRoster({ state, onAdd }) {
  const els = rosterElements();
  const { rosterList, rosterSearch } = els;

  function render() {
    const choice = rosterChoice(state);
    state.rosterSelected = choice.selected;
    renderRoster(els, choice, state.labelMode);
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
