// Searching People: the box above the list, which searches once typing pauses, and what a
// search found beyond the list, in notes, interactions, favours, promises, conflicts, asks,
// wins and forums.

import { h } from '../lib/dom.js';
import { hitGroups, snippetParts } from '../lib/format.js';
import { isPresenting, labelFor, redactNames } from '../lib/presenting.js';
import { forumHash } from '../lib/router.js';

const PAUSE_MS = 120;

/**
 * The search box. `onSearch(text)` runs once typing pauses; Arrow down enters the list
 * (`enterList()`) when `hasRows()` says there is one to enter.
 */
export function searchBox({ onSearch, hasRows, enterList }) {
  const input = h('input', {
    type: 'search', id: 'people-search', class: 'search', placeholder: 'Search people   /',
    'aria-label': 'Search people', autocomplete: 'off', spellcheck: 'false',
  });
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onSearch(input.value), PAUSE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && hasRows()) { e.preventDefault(); enterList(); }
  });
  return { input, stop: () => clearTimeout(timer) };
}

/**
 * Search hits beyond the list of people, grouped by kind, matched words marked as <mark> text.
 * `listed(id)` is the person if the list has them (their hit is left out, their label used);
 * `known` are the people whose names are hidden in snippets while presenting.
 */
export function foundElsewhere(results, { listed, known, onOpen }) {
  const groups = hitGroups(results, listed);
  if (groups.length === 0) return h('p', { class: 'muted', id: 'found-elsewhere' }, 'Nothing else matches in notes, interactions, favours, promises, conflicts, asks, wins or forums.');
  return h('section', { class: 'found-elsewhere', id: 'found-elsewhere', 'aria-label': 'Also found' },
    groups.map(([title, hits]) => h('div', { class: 'hit-group' },
      h('h3', {}, title),
      h('ul', {}, hits.map((hit) => h('li', {}, hit.person_id === undefined ? recordHit(hit, known) :
        h('button', { type: 'button', class: 'hit', 'data-person': hit.person_id, onclick: () => onOpen(hit) },
          h('span', { class: 'hit-person' }, labelFor(listed(hit.person_id) ?? { name: hit.person_name })),
          // A person's snippet starts with their name; while presenting it is hidden there too.
          h('span', { class: 'hit-snippet' }, snippet(hit.snippet, [...known, { name: hit.person_name }])))))))));
}

/**
 * A hit's snippet with its matches marked; while presenting, as plain text with the names of
 * `known` people hidden (a match can cut a name in two, so the whole text is redacted at once).
 */
function snippet(text, known) {
  const parts = snippetParts(text);
  if (isPresenting()) return redactNames(parts.map((p) => p.text).join(''), known);
  return parts.map((part) => (part.match ? h('mark', {}, part.text) : part.text));
}

/**
 * A win or a forum found by the search: about no one, each opens where it lives (My wins, Asks
 * & forums). A forum's snippet may name who sits on it: left out while presenting.
 */
function recordHit(hit, known) {
  const forum = hit.title === undefined;
  const attrs = forum
    ? { class: 'hit', href: forumHash(hit.id), 'data-forum': hit.id }
    : { class: 'hit', href: `#/wins/${encodeURIComponent(hit.id)}`, 'data-win': hit.id };
  return h('a', attrs,
    h('span', { class: 'hit-person', dir: 'auto' }, forum ? hit.name : hit.title),
    // Who sits on a forum may be anyone, not only people the list has shown: while presenting
    // its snippet is left out (the forum's name is the user's own words).
    forum && isPresenting() ? null : h('span', { class: 'hit-snippet' }, snippet(hit.snippet, known)));
}
