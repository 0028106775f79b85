// How the People list is sorted and filtered: the view ({ filters, sort, descending }) as the
// core takes it, the chips that show each filter (each a button; Backspace or Delete removes
// it), the menu that adds one, and the sort. Pure functions first, then the bar that draws them.

import { h, replaceChildren } from '../lib/dom.js';
import { countPeople } from '../lib/format.js';
import { QUADRANTS, STANCES } from '../lib/grid-geometry.js';
import { LEVELS } from '../lib/network-graph.js';

export const SORTS = [
  { id: 'name', label: 'Name' },
  { id: 'last_contact', label: 'Last contact' },
  { id: 'next_reminder', label: 'Next reminder' },
  { id: 'power', label: 'Power' },
  { id: 'stance', label: 'Stance' },
  { id: 'added', label: 'Date added' },
];

/** Filters that take a list of values, in the order their chips show. */
const LIST_KINDS = ['tags', 'departments', 'organisations', 'maps', 'stances', 'levels'];

export function emptyFilters() {
  return { tags: [], departments: [], organisations: [], maps: [], stances: [], levels: [], going_cold: false, former: false };
}

/** The list as it starts: everyone current, by name. */
export function defaultView() {
  return { filters: emptyFilters(), sort: 'name', descending: false };
}

export function hasFilters(filters) {
  return LIST_KINDS.some((k) => filters[k].length > 0) || filters.going_cold || filters.former;
}

/** What to ask the core for: the search, and the filters and sort only when they are not the default. */
export function listQuery(query, view) {
  const q = { query };
  if (hasFilters(view.filters)) q.filters = view.filters;
  if (view.sort !== 'name' || view.descending) {
    q.sort = view.sort;
    q.descending = view.descending;
  }
  return q;
}

const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** `filters` with `value` added to `kind` (a flag for going_cold and former); a repeat changes nothing. */
export function addFilter(filters, kind, value = true) {
  if (!LIST_KINDS.includes(kind)) return { ...filters, [kind]: true };
  if (filters[kind].some((v) => sameValue(v, value))) return filters;
  return { ...filters, [kind]: [...filters[kind], value] };
}

/** `filters` without the one a chip shows. */
export function removeFilter(filters, { kind, value }) {
  if (!LIST_KINDS.includes(kind)) return { ...filters, [kind]: false };
  return { ...filters, [kind]: filters[kind].filter((v) => !sameValue(v, value)) };
}

/** Shows `value` as chosen in `select`: by attribute for a fresh select, by value once used. */
function choose(select, value) {
  for (const option of select.querySelectorAll('option')) {
    if (option.value === value) option.setAttribute('selected', ''); else option.removeAttribute('selected');
  }
  try {
    select.value = value;
  } catch { /* linkedom's select.value cannot be set; the attributes above hold */ }
}

const labelOf = (list, id) => list.find((x) => x.id === id)?.label ?? id;

/** The words for a map filter: "Map: Launch" or "Map: Launch · Manage closely". */
function mapLabel({ map_id: id, quadrant }, choices) {
  const name = choices.maps.find((m) => m.id === id)?.name ?? 'a map no longer there';
  return quadrant ? `Map: ${name} · ${labelOf(QUADRANTS, quadrant)}` : `Map: ${name}`;
}

/** One chip per filter, in a steady order: { kind, value, label }. */
export function chipsOf(filters, choices) {
  const chips = [];
  for (const tag of filters.tags) chips.push({ kind: 'tags', value: tag, label: `Tag: ${tag}` });
  for (const d of filters.departments) chips.push({ kind: 'departments', value: d, label: `Department: ${d}` });
  for (const o of filters.organisations) chips.push({ kind: 'organisations', value: o, label: `Organisation: ${o}` });
  for (const m of filters.maps) chips.push({ kind: 'maps', value: m, label: mapLabel(m, choices) });
  for (const s of filters.stances) chips.push({ kind: 'stances', value: s, label: `Stance: ${labelOf(STANCES, s)}` });
  for (const l of filters.levels) chips.push({ kind: 'levels', value: l, label: `Level: ${labelOf(LEVELS, l)}` });
  if (filters.going_cold) chips.push({ kind: 'going_cold', value: true, label: 'Going cold' });
  if (filters.former) chips.push({ kind: 'former', value: true, label: 'Former colleagues' });
  return chips;
}

/**
 * What the add-filter menu offers, grouped: [[group label, [{ label, kind, value }]]]. The
 * values come from the core (`choices`); stances, levels and quadrants are the app's own.
 */
export function filterOptions(choices) {
  const each = (kind, values, label) => values.map((v) => ({ kind, value: v, label: label(v) }));
  return [
    ['Tag', each('tags', choices.tags, (t) => t)],
    ['Department', each('departments', choices.departments, (d) => d)],
    ['Organisation', each('organisations', choices.organisations, (o) => o)],
    ['Map', choices.maps.flatMap((m) => [
      { kind: 'maps', value: { map_id: m.id, quadrant: null }, label: m.name },
      ...QUADRANTS.map((q) => ({ kind: 'maps', value: { map_id: m.id, quadrant: q.id }, label: `${m.name} · ${q.label}` })),
    ])],
    ['Stance', each('stances', STANCES.map((s) => s.id), (s) => labelOf(STANCES, s))],
    ['Level', each('levels', LEVELS.map((l) => l.id), (l) => labelOf(LEVELS, l))],
    ['Keeping in touch', [{ kind: 'going_cold', value: true, label: 'Going cold' }]],
    ['Who', [{ kind: 'former', value: true, label: 'Former colleagues' }]],
  ].filter(([, options]) => options.length > 0);
}

/** "42 of 1,204 people" while filtering, else the plain count; former colleagues say so. */
export function filteredCountText({ shown, of, query, filters }) {
  const filtering = hasFilters(filters);
  if (filters.former) {
    const former = shown === 1 ? '1 former colleague' : `${shown.toLocaleString('en-US')} former colleagues`;
    return query.trim() || LIST_KINDS.some((k) => filters[k].length) || filters.going_cold ? `${former} match` : former;
  }
  if (!filtering && !query.trim()) return shown === 0 ? '' : countPeople(shown);
  if (!filtering) return `${countPeople(shown)} found`;
  return `${shown.toLocaleString('en-US')} of ${countPeople(of)}`;
}

/**
 * The bar above the list: the sort, the add-filter menu and a chip per filter. `getView()` is
 * the view now; `onChange(view, { focusChipAt })` sets a new one.
 */
export function filterBar({ getView, getChoices, onChange }) {
  const sortSelect = h('select', { id: 'people-sort', 'aria-label': 'Sort people by' },
    SORTS.map((s) => h('option', { value: s.id }, s.label)));
  const direction = h('button', { type: 'button', id: 'people-sort-direction', class: 'icon-button' });
  const addSelect = h('select', { id: 'people-add-filter', 'aria-label': 'Add a filter' });
  const chips = h('ul', { id: 'people-chips', class: 'filter-chips', 'aria-label': 'Filters' });
  const clearAll = h('button', { type: 'button', id: 'people-clear-filters', class: 'link' }, 'Clear filters');
  const el = h('div', { class: 'people-filters' },
    h('div', { class: 'people-filter-controls' },
      h('label', { for: 'people-sort', class: 'muted' }, 'Sort'), sortSelect, direction, addSelect),
    chips, clearAll);
  let options = [];

  sortSelect.addEventListener('change', () => onChange({ ...getView(), sort: sortSelect.value }));
  direction.addEventListener('click', () => onChange({ ...getView(), descending: !getView().descending }));
  addSelect.addEventListener('change', () => {
    const chosen = addSelect.value === '' ? null : options[Number(addSelect.value)];
    choose(addSelect, '');
    if (chosen) onChange({ ...getView(), filters: addFilter(getView().filters, chosen.kind, chosen.value) });
  });
  clearAll.addEventListener('click', () => { onChange({ ...getView(), filters: emptyFilters() }); addSelect.focus(); });

  function remove(chip, at) {
    onChange({ ...getView(), filters: removeFilter(getView().filters, chip) }, { focusChipAt: at });
  }

  function render() {
    const view = getView();
    const choices = getChoices();
    choose(sortSelect, view.sort);
    const words = view.descending ? 'descending' : 'ascending';
    direction.textContent = view.descending ? '↓' : '↑';
    direction.setAttribute('aria-label', `Sort ${words}; press to reverse`);
    direction.title = `Sorted ${words}`;
    options = [];
    replaceChildren(addSelect, h('option', { value: '' }, 'Add filter…'),
      filterOptions(choices).map(([group, list]) => h('optgroup', { label: group },
        list.map((o) => {
          options.push(o);
          return h('option', { value: String(options.length - 1) }, o.label);
        }))));
    choose(addSelect, '');
    const list = chipsOf(view.filters, choices);
    chips.replaceChildren(...list.map((chip, i) => h('li', {},
      h('button', {
        type: 'button', class: 'chip', 'data-kind': chip.kind,
        'aria-label': `${chip.label}; press to remove this filter`,
        title: 'Remove this filter (Delete)',
        onclick: () => remove(chip, i),
        onkeydown: (e) => {
          if (e.key !== 'Backspace' && e.key !== 'Delete') return;
          e.preventDefault();
          e.stopPropagation();
          remove(chip, i);
        },
      }, chip.label, h('span', { class: 'chip-x', 'aria-hidden': 'true' }, ' ×')))));
    chips.hidden = list.length === 0;
    clearAll.hidden = list.length < 2;
  }

  /** After a chip went: focus the one now in its place, the one before, or the menu. */
  function focusChip(at) {
    const buttons = chips.querySelectorAll('.chip');
    (buttons[Math.min(at, buttons.length - 1)] ?? addSelect).focus();
  }

  return { el, render, focusChip, sortSelect, addSelect };
}
