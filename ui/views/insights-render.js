// What the Insights page draws, as functions of the data it was given: no api, no state of
// their own. Buttons call the handlers in `on`, which belong to the controller in insights.js.

import { forumHash, personHash } from '../lib/router.js';
import { h } from '../lib/dom.js';
import { formField } from '../lib/form-dialog.js';
import { labelFor, labelForName, presentingMode } from '../lib/presenting.js';
import { gapText } from '../lib/ask-format.js';
import { dateText, sinceText } from '../lib/format.js';
import {
  coldDetails, coverageColumn, coverageShare, gapOpensMap, groupAttendance, imbalanceText,
  overdueText, reviewStanceText, shownItems, unseenDetails,
} from '../lib/insight-format.js';

const personLink = (id, name) => h('a', { href: personHash(id), class: 'insight-name' }, name);

/** The page with its cards empty; the lists are filled by the functions below. */
export function insightsPage() {
  const groupForm = h('form', { class: 'ledger-form', id: 'group-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'group-name' }, 'Group'),
    h('input', { id: 'group-name', type: 'text', autocomplete: 'off', placeholder: 'Rust Berlin meetup' }),
    h('button', { type: 'submit', id: 'group-add' }, 'Add group'),
    h('p', { class: 'field-error', id: 'group-name-error', hidden: true }),
    h('p', { class: 'form-error', id: 'group-form-error', role: 'alert', hidden: true }));
  const groupList = h('ul', { class: 'ledger-list', id: 'groups', 'aria-label': 'Professional groups' });

  return h('section', { class: 'view', 'aria-labelledby': 'insights-title' },
    h('header', { class: 'view-head' }, h('h1', { id: 'insights-title', tabindex: '-1' }, 'Insights')),
    h('div', { class: 'cards insight-cards' },
      h('section', { class: 'card insight-card', id: 'going-cold', 'aria-labelledby': 'cold-title' },
        h('h2', { id: 'cold-title' }, 'Going cold'),
        h('p', { class: 'muted' }, 'People past the cadence you meant to keep, the most important first.'),
        h('ul', { class: 'ledger-list insight-list', id: 'cold-list' })),
      h('section', { class: 'card insight-card', id: 'visibility-gap', 'aria-labelledby': 'unseen-title' },
        h('h2', { id: 'unseen-title' }, 'Visibility gap'),
        h('p', { class: 'muted' }, 'High-power people with no contact in 60 days.'),
        h('ul', { class: 'ledger-list insight-list', id: 'unseen-list' })),
      h('section', { class: 'card insight-card', id: 'reciprocity', 'aria-labelledby': 'reciprocity-title' },
        h('h2', { id: 'reciprocity-title' }, 'Reciprocity'),
        h('ul', { class: 'ledger-list insight-list', id: 'unthanked-list', 'aria-label': 'Favours to thank for' }),
        h('ul', { class: 'ledger-list insight-list', id: 'owed-list', 'aria-label': 'People who have helped you more' })),
      h('section', { class: 'card insight-card', id: 'forum-gaps', 'aria-labelledby': 'forum-gaps-title' },
        h('h2', { id: 'forum-gaps-title' }, 'Forums without an advocate'),
        h('p', { class: 'muted' }, 'Where decisions about you are made and no one there has agreed to speak for you.'),
        h('ul', { class: 'ledger-list insight-list', id: 'forum-gap-list' })),
      h('section', { class: 'card insight-card', id: 'coverage', 'aria-labelledby': 'coverage-title' },
        h('h2', { id: 'coverage-title' }, 'Coverage'),
        h('p', { class: 'muted', id: 'coverage-summary' }),
        h('ul', { class: 'insight-gaps', id: 'coverage-gaps', 'aria-label': 'Gaps' }),
        h('div', { class: 'coverage-tables' },
          h('table', { class: 'coverage-table', id: 'coverage-levels' }, h('caption', {}, 'Allies by level')),
          h('table', { class: 'coverage-table', id: 'coverage-departments' }, h('caption', {}, 'Allies by department')))),
      h('section', { class: 'card insight-card review-card', id: 'review', 'aria-labelledby': 'review-title' },
        h('h2', { id: 'review-title' }, 'Review season'),
        h('p', { class: 'muted' }, 'For one goal: who would speak for you in the room, who is neutral but reachable, and who may hold you back.'),
        h('div', { class: 'review-controls' },
          h('label', { for: 'review-map' }, 'Map'),
          h('select', { id: 'review-map' }),
          h('button', { type: 'button', id: 'review-export' }, 'Export as text'),
          h('button', { type: 'button', id: 'review-print' }, 'Print')),
        h('div', { id: 'review-body', class: 'review-body' })),
      h('section', { class: 'card', 'aria-labelledby': 'groups-title' },
        h('h2', { id: 'groups-title' }, 'Professional groups'),
        h('p', { class: 'muted' }, 'Communities, meetups and guilds where people get to know you. Go at least once a quarter; Allies reminds you when one has waited too long.'),
        groupForm, groupList)));
}

/** Each insight list: its element id, where its items are in the answer, how one is drawn, and what it says when empty. */
export const INSIGHT_LISTS = [
  { id: 'cold-list', items: (d) => d.going_cold, item: coldItem, empty: 'No one is past their cadence. Nice work.' },
  { id: 'unseen-list', items: (d) => d.visibility_gap, item: unseenItem, empty: 'Every high-power person on your maps has heard from you in the last 60 days.' },
  { id: 'unthanked-list', items: (d) => d.reciprocity.unthanked, item: unthankedItem, empty: 'No thank-yous owed.' },
  { id: 'owed-list', items: (d) => d.reciprocity.owed, item: owedItem, empty: 'No one has done much more for you than you for them lately.' },
  { id: 'forum-gap-list', items: (d) => d.forum_gaps ?? [], item: forumGapItem, empty: 'Every forum you named has someone who agreed to speak for you.' },
];

/** A list item saying why a list could not be loaded. */
export const listError = (message) => h('li', { class: 'form-error', role: 'alert' }, message);

/** The items of one list: the first few and a "Show all" button, or all once `expanded`. */
export function insightListItems(list, data, expanded, on) {
  const items = list.items(data);
  if (!items.length) return [h('li', { class: 'muted insight-empty' }, list.empty)];
  const { shown, more } = shownItems(items, expanded);
  return [
    shown.map((it) => list.item(it, on)),
    more ? h('li', {}, h('button', { type: 'button', class: 'link insight-more', onclick: () => on.showAll(list.id) }, `Show all ${more}`)) : null,
  ];
}

const contactActions = (person, on) => h('span', { class: 'ledger-actions' },
  h('button', { type: 'button', class: 'insight-log', 'aria-label': `Log interaction with ${labelFor(person)}`,
    onclick: () => on.logInteraction(person) }, 'Log interaction'),
  h('button', { type: 'button', class: 'insight-schedule', 'aria-label': `Schedule time with ${labelFor(person)}`,
    onclick: () => on.schedule(person) }, 'Schedule'));

function coldItem(c, on) {
  const person = { id: c.person_id, name: c.name, role: c.role };
  return h('li', { class: 'ledger-item insight-item', 'data-id': c.person_id },
    h('span', { class: 'ledger-text' }, personLink(c.person_id, labelFor(c)), ' ',
      h('span', { class: 'overdue' }, overdueText(c.overdue_days)),
      h('span', { class: 'muted insight-details' }, coldDetails(c))),
    contactActions(person, on));
}

function unseenItem(u, on) {
  const person = { id: u.person_id, name: u.name, role: u.role };
  return h('li', { class: 'ledger-item insight-item', 'data-id': u.person_id },
    h('span', { class: 'ledger-text' }, personLink(u.person_id, labelFor(u)),
      h('span', { class: 'muted insight-details' }, unseenDetails(u))),
    contactActions(person, on));
}

function unthankedItem(f, on) {
  return h('li', { class: 'ledger-item insight-item', 'data-id': f.favour_id },
    h('span', { class: 'ledger-text' }, personLink(f.person_id, labelFor(f)), ' helped: ', f.description,
      h('span', { class: 'muted insight-details' }, `done ${sinceText(f.done_at)}, not yet thanked`)),
    h('span', { class: 'ledger-actions' },
      h('button', { type: 'button', class: 'insight-thank', 'aria-label': `Thank ${labelFor(f)}`,
        onclick: () => on.thank(f) }, 'Thank')));
}

function owedItem(o) {
  return h('li', { class: 'ledger-item insight-item', 'data-id': o.person_id },
    h('span', { class: 'ledger-text' }, imbalanceText({ ...o, name: labelFor(o) })),
    h('span', { class: 'ledger-actions' }, h('a', { href: personHash(o.person_id), class: 'button-link' }, 'Offer help')));
}

/** A forum with no advocate: its name, the goal it decides on, who to ask (names as presenting allows). */
function forumGapItem(f) {
  return h('li', { class: 'ledger-item insight-item forum-gap', 'data-id': f.id },
    h('span', { class: 'ledger-text' },
      h('span', {}, h('span', { class: 'forum-name' }, f.name), h('span', { class: 'muted' }, f.map_name ? ` · for ${f.map_name}` : ' · every goal')),
      h('span', { class: 'muted insight-details' }, gapText(f, labelForName))),
    h('span', { class: 'ledger-actions' }, h('a', { href: forumHash(f.id), class: 'button-link forum-gap-ask' }, 'Ask for support')));
}

/** The gaps in coverage, each with a way to close it where there is one. */
export function coverageGaps(cov) {
  return cov.gaps.length
    ? cov.gaps.map((g) => h('li', { class: `insight-gap gap-${g.code}` }, g.text,
      gapOpensMap(g.code) ? h('a', { href: '#/map', class: 'gap-action' }, 'Open the map') : null))
    : [h('li', { class: 'muted' }, 'No gaps: allies at every level and in every department you know.')];
}

/** A small bar of how many are allies; its share is set through the CSSOM (the CSP allows no style attributes). */
function bar(share) {
  const el = h('span', { class: 'coverage-bar', 'aria-hidden': 'true' });
  el.style.setProperty('--share', String(share));
  return el;
}

/** The inside of a coverage table: caption, head and a row per level or department. */
export function coverageTable(caption, rows) {
  return [h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, coverageColumn(caption)), h('th', { scope: 'col' }, 'Allies'))),
    h('tbody', {}, rows.length ? rows.map((c) => {
      const { text, share } = coverageShare(c);
      return h('tr', { class: c.allies ? '' : 'coverage-none' }, h('th', { scope: 'row' }, c.label),
        h('td', {}, bar(share), ' ', text));
    }) : h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'No one yet.')))];
}

/** The options of the review's map picker. */
export function mapOptions(maps) {
  return maps.length
    ? maps.map((m) => h('option', { value: m.id }, m.name))
    : [h('option', { value: '' }, 'No maps yet')];
}

function reviewSection(title, id, people, empty, say) {
  return h('section', { class: 'review-section', id },
    h('h3', {}, title),
    people.length
      ? h('ul', { class: 'review-list' }, people.map((p) => h('li', { 'data-id': p.person_id },
        personLink(p.person_id, labelFor(p)), p.role && presentingMode() !== 'roles' ? `, ${p.role}` : '',
        h('span', { class: `muted stance-${p.stance}` }, reviewStanceText(p)),
        p.reach && say(p.reach) ? h('span', { class: 'muted' }, ` · ${say(p.reach)}`) : null)))
      : h('p', { class: 'muted' }, empty));
}

/**
 * What the review body shows: a hint without a map, the error, or the three sections. `say`
 * turns the app's "Through Dana Ng" into what may be shown now.
 */
export function reviewBody({ mapId, review, error }, say) {
  if (!mapId) return [h('p', { class: 'muted' }, 'Make a map for a goal, then come back to see who would speak for you.')];
  if (error) return [h('p', { class: 'form-error', role: 'alert' }, error)];
  if (!review) return [];
  return [
    reviewSection('Would speak for you in the room', 'review-speakers', review.speakers, 'No champion or supporter with high power on this map yet.', say),
    reviewSection('Neutral but reachable', 'review-reachable', review.reachable, 'No one neutral you have met or can be introduced to.', say),
    reviewSection('May hold you back', 'review-holding-back', review.holding_back, 'No skeptics or blockers on this map.', say),
  ];
}

function visitItem(g, a, on) {
  return h('li', { class: 'visit-item', 'data-id': a.id },
    h('span', { class: 'ledger-text' }, h('time', { class: 'visit-day', datetime: a.attended_on }, dateText(a.attended_on)), a.note ? h('span', { class: 'muted' }, ` · ${a.note}`) : null),
    h('span', { class: 'ledger-actions' },
      h('button', { type: 'button', class: 'link visit-edit', 'aria-label': `Edit your visit to ${g.name} on ${dateText(a.attended_on)}`, onclick: () => on.editVisit(g, a) }, 'Edit'),
      h('button', { type: 'button', class: 'link visit-delete', 'aria-label': `Delete your visit to ${g.name} on ${dateText(a.attended_on)}`, onclick: () => on.removeVisit(g, a) }, 'Delete')));
}

/** When the user went to `g`, the latest first (`visits`), or why it cannot be shown. */
function visitList(g, visits, on) {
  const id = `visits-${g.id}`;
  if (visits.error) return h('p', { class: 'form-error', role: 'alert', id }, visits.error);
  return h('ul', { class: 'visit-list', id, 'aria-label': `Times you went to ${g.name}` },
    visits.items.length ? visits.items.map((a) => visitItem(g, a, on)) : h('li', { class: 'muted' }, 'Not been yet.'));
}

/** What a group gathers people around, as the edit dialog and the list say it. */
export const GROUP_CATEGORIES = [['function', 'Function'], ['industry', 'Industry'], ['skill', 'Skill'], ['affinity', 'Affinity']];

/** "Focus · Skill", "Shortlisted", "" : where a group stands in the user's choice. */
export function groupStanding(g) {
  const category = GROUP_CATEGORIES.find(([v]) => v === g.category)?.[1];
  const standing = g.focus ? 'Focus' : g.shortlisted ? 'Shortlisted' : '';
  return [standing, category].filter(Boolean).join(' · ');
}

function groupItem(g, today, visits, on) {
  const { due, when } = groupAttendance(g, today);
  const standing = groupStanding(g);
  const date = h('input', { type: 'date', class: 'attend-on', value: today, max: today, 'aria-label': `Day you went to ${g.name}` });
  return h('li', { class: `ledger-item${due ? ' due' : ''}`, 'data-id': g.id },
    h('span', { class: 'ledger-text' }, h('strong', {}, g.name),
      standing ? h('span', { class: `group-standing${g.focus ? ' focus' : ''}` }, ` (${standing})`) : null,
      ' · ', h('span', { class: 'muted' }, when),
      g.note ? h('span', { class: 'muted group-note' }, ` · ${g.note}`) : null),
    h('span', { class: 'ledger-actions' }, date,
      h('button', { type: 'button', class: 'group-attend', onclick: () => on.attend(g, date.value) }, 'I went'),
      h('button', { type: 'button', class: 'link group-history', 'aria-expanded': visits ? 'true' : 'false', 'aria-controls': `visits-${g.id}`, onclick: () => on.toggleHistory(g) }, visits ? 'Hide visits' : 'Visits'),
      h('button', { type: 'button', class: 'link group-shortlist', 'aria-pressed': g.shortlisted ? 'true' : 'false', 'aria-label': `Shortlist “${g.name}”`, onclick: () => on.shortlist(g) }, 'Shortlist'),
      h('button', { type: 'button', class: 'link group-focus', 'aria-pressed': g.focus ? 'true' : 'false', 'aria-label': `Focus on “${g.name}”`, onclick: () => on.focus(g) }, 'Focus'),
      h('button', { type: 'button', class: 'link group-edit', 'aria-label': `Edit the group “${g.name}”`, onclick: () => on.editGroup(g) }, 'Edit'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Delete the group “${g.name}”`, onclick: () => on.removeGroup(g) }, 'Delete')),
    visits ? visitList(g, visits, on) : null);
}

/**
 * The professional groups, or why they cannot be shown. `visits` maps a group's id to its
 * history ({ items, error }) while it is open.
 */
export function groupItems({ groups, error, today, visits = new Map() }, on) {
  if (error) return [listError(error)];
  return groups.length ? groups.map((g) => groupItem(g, today, visits.get(g.id), on)) : [h('li', { class: 'muted' }, 'No groups yet.')];
}

/** The fields of the dialog that edits a group's name and note. */
export function groupFields(g) {
  const p = 'group-edit';
  return [
    formField(p, 'name', 'Name', h('input', { id: `${p}-name`, type: 'text', autocomplete: 'off', value: g.name })),
    formField(p, 'note', 'Note', h('textarea', { id: `${p}-note`, rows: 3, value: g.note })),
    formField(p, 'category', 'Category', h('select', { id: `${p}-category` },
      h('option', { value: '' }, 'Not set'),
      GROUP_CATEGORIES.map(([v, text]) => h('option', { value: v, selected: v === g.category }, text)))),
  ];
}

/** The fields of the dialog that corrects a visit: the day (not after `today`) and a note. */
export function visitFields(a, today) {
  const p = 'visit';
  return [
    formField(p, 'attended_on', 'Day you went', h('input', { id: `${p}-attended_on`, type: 'date', value: a.attended_on, max: today })),
    formField(p, 'note', 'Note', h('input', { id: `${p}-note`, type: 'text', autocomplete: 'off', value: a.note })),
  ];
}
