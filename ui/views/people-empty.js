// What the People view shows in place of its list: the first-run empty state, no one matching a
// search or the filters, no former colleagues; and the switch between current and former people.
// Pure render functions: what they show depends only on what they are given.

import { h } from '../lib/dom.js';
import { hasFilters } from './people-filters.js';

/** The button that switches the list between current people (`former` false) and former colleagues. */
export function formerToggle(former, toggle) {
  return h('p', { class: 'former-toggle' },
    h('button', { type: 'button', class: 'link', id: 'toggle-former', onclick: toggle },
      former ? 'Back to current people' : 'Former colleagues'));
}

/**
 * The list (`scroller`), or what stands in its place. `total` rows match `query` (trimmed) and
 * `filters`; `add(name?)` opens the form, `clearFilters`, `startImport` and `tryButton` (the
 * sample's button) come from the view.
 */
export function listOrEmpty({ total, query, filters, scroller, clearFilters, add, startImport, tryButton }) {
  if (filters.former && total === 0 && !query && !hasFilters({ ...filters, former: false })) {
    return h('p', { class: 'muted', id: 'former-empty' },
      'No former colleagues. When someone moves on, Delete offers to keep their history here.');
  }
  if (total === 0 && hasFilters(filters)) {
    return h('p', { class: 'empty-search', id: 'people-no-match' },
      query ? `No one matches “${query}” with these filters. ` : 'No one matches these filters. ',
      h('button', { type: 'button', class: 'link', id: 'people-no-match-clear', onclick: clearFilters }, 'Clear filters'), '.');
  }
  if (total === 0 && query === '') return emptyState({ add, startImport, tryButton });
  if (total > 0) return scroller;
  return h('p', { class: 'empty-search', id: 'people-no-match' },
    'No one matches “', query, '”. Try fewer words, or ',
    h('button', { type: 'button', class: 'link', onclick: () => add(query) }, 'add them'), '.');
}

/** No one at all yet: where to begin. */
function emptyState({ add, startImport, tryButton }) {
  return h('div', { class: 'empty-state', id: 'people-empty' },
    h('h2', {}, 'Start with the people your work depends on'),
    h('p', {}, 'Add your manager, your skip-level, the peers you rely on and the people whose support you need for your next goal. A name is enough to begin; you can add what they care about later.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'add-first-person', onclick: () => add() }, 'Add your first person'),
      h('button', { type: 'button', id: 'import-first', onclick: () => startImport() }, 'Import from LinkedIn or a CSV file'),
      tryButton()),
    h('p', { class: 'muted' }, 'Or look around first: the sample people come with a map, a few weeks of meetings, a favour to thank and a promise due. One click removes them again.'));
}
