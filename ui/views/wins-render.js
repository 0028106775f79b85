// My wins drawn from state, with no api: the page, each win with who knows it, the forms' fields,
// and the gap list the Review page and Insights show. Names go through presenting mode.

import { h } from '../lib/dom.js';
import { dateText } from '../lib/format.js';
import { formField } from '../lib/form-dialog.js';
import { labelFor } from '../lib/presenting.js';
import { mapHash, personHash } from '../lib/router.js';
import { HOW, gapText, knownText, todayValue, toldText } from '../lib/wins-format.js';

export function winsPage(on) {
  return h('section', { class: 'view wins-view', id: 'wins-view', 'aria-labelledby': 'wins-heading' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'wins-heading', tabindex: '-1' }, 'My wins'),
      h('div', { class: 'spacer' }),
      h('button', { type: 'button', class: 'primary', id: 'win-add', onclick: () => on.add() }, 'Log a win')),
    h('p', { class: 'muted' }, 'Your own results, and who has heard of each. Allies who know your work can speak for it where you are not in the room.'),
    h('div', { id: 'wins-body' }));
}

/** The list of wins, newest first; `open` is the id of the win whose tellings show. */
export function winList(wins, open, details, on) {
  if (wins.length === 0) {
    return h('p', { class: 'muted', id: 'wins-empty' }, 'No wins logged yet. Log one: what you achieved, when, and what it changed.');
  }
  return h('ol', { class: 'win-list', id: 'win-list' }, wins.map((w) => winItem(w, open === w.id ? details : null, on)));
}

function winItem(w, detail, on) {
  const name = w.title;
  return h('li', { class: 'win-item card', 'data-id': w.id },
    h('h2', { class: 'win-title', dir: 'auto' }, w.title),
    h('p', { class: 'win-meta muted' }, dateText(w.won_on),
      w.map_name ? [' · for ', h('a', { href: mapHash(w.map_id), dir: 'auto' }, w.map_name)] : null),
    w.impact ? h('p', { class: 'win-impact', dir: 'auto' }, w.impact) : null,
    w.link ? h('p', { class: 'win-link' },
      h('span', { class: 'win-link-text', dir: 'ltr' }, w.link), ' ',
      h('button', { type: 'button', class: 'win-copy', 'aria-label': `Copy the link of ${name}`, onclick: () => on.copy(w) }, 'Copy link')) : null,
    h('p', { class: 'win-known' }, knownText(w.known_by)),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', class: 'win-who', 'aria-expanded': detail ? 'true' : 'false',
        'aria-label': `Who knows ${name}`, onclick: () => on.toggle(w),
      }, detail ? 'Hide who knows' : 'Who knows'),
      h('button', { type: 'button', class: 'win-tell', 'aria-label': `Tell someone about ${name}`, onclick: () => on.tell(w) }, 'Tell someone'),
      h('button', { type: 'button', class: 'win-edit', 'aria-label': `Edit ${name}`, onclick: () => on.edit(w) }, 'Edit'),
      h('button', { type: 'button', class: 'win-delete danger', 'aria-label': `Delete ${name}`, onclick: () => on.remove(w) }, 'Delete')),
    detail ? sharesList(detail, on) : null);
}

function sharesList(detail, on) {
  if (detail.shares.length === 0) {
    return h('p', { class: 'muted win-shares', id: `win-shares-${detail.id}` }, 'Nobody has heard of it yet: tell someone whose support you need.');
  }
  return h('ul', { class: 'win-shares', id: `win-shares-${detail.id}`, 'aria-label': `Who knows ${detail.title}` },
    detail.shares.map((s) => h('li', { 'data-id': s.id },
      h('a', { href: personHash(s.person_id), class: 'share-person' }, labelFor(s)), ': ',
      toldText(s, dateText), ' ',
      h('button', { type: 'button', class: 'share-remove', 'aria-label': `Remove telling ${labelFor(s)}`, onclick: () => on.forget(s) }, 'Remove'))));
}

/** The fields of the win form, filled from `w` when editing. */
export function winFields(w, maps) {
  const p = 'win';
  return [
    formField(p, 'title', 'What you achieved', h('input', { id: `${p}-title`, type: 'text', autocomplete: 'off', value: w?.title ?? '' })),
    formField(p, 'won_on', 'When', h('input', { id: `${p}-won_on`, type: 'date', value: w?.won_on ?? todayValue() })),
    formField(p, 'impact', 'Outcome and impact', h('textarea', { id: `${p}-impact`, rows: '3', value: w?.impact ?? '' })),
    formField(p, 'map_id', 'The goal it serves', h('select', { id: `${p}-map_id` },
      h('option', { value: '' }, 'No particular goal'),
      maps.map((m) => h('option', { value: m.id, selected: m.id === w?.map_id }, m.name)))),
    formField(p, 'link', 'Link (optional)', h('input', { id: `${p}-link`, type: 'url', autocomplete: 'off', placeholder: 'https://…', value: w?.link ?? '' })),
  ];
}

/** The fields of "Tell someone": who, when, how. */
export function tellFields(people) {
  const p = 'tell';
  return [
    formField(p, 'person_id', 'Who heard of it', h('select', { id: `${p}-person_id` },
      people.map((person) => h('option', { value: person.id }, labelFor(person))))),
    formField(p, 'shared_on', 'When', h('input', { id: `${p}-shared_on`, type: 'date', value: todayValue() })),
    formField(p, 'how', 'How', h('select', { id: `${p}-how` }, HOW.map(([v, label]) => h('option', { value: v }, label)))),
  ];
}

/**
 * The goals where powerful people have heard of none of the recent wins, each with who and the
 * win to tell them about (Review page and Insights). `idPrefix` keeps ids apart on one page.
 */
export function gapList(gaps, idPrefix = 'wins-gap') {
  return h('ul', { class: 'wins-gap-list', id: `${idPrefix}-list` }, gaps.map((g) => h('li', { 'data-id': g.map_id },
    h('a', { href: mapHash(g.map_id), dir: 'auto', class: 'gap-map' }, g.map_name), ': ', gapText(g), ' ',
    h('span', { class: 'gap-people' }, g.people.map((person, i) => [i ? ', ' : '',
      h('a', { href: personHash(person.person_id), class: 'insight-name' }, labelFor(person))])),
    h('p', { class: 'gap-suggested' }, 'Tell them about ',
      h('a', { href: `#/wins/${encodeURIComponent(g.suggested.win_id)}`, dir: 'auto' }, g.suggested.title),
      ` (${dateText(g.suggested.won_on)}).`))));
}
