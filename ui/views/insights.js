// Insights: what to do next. Who is going cold, powerful people who have not seen the user
// lately, favours to return, where alliances are thin, who would speak up at review time, and
// the professional groups to show up at. Each item carries the action that closes it.

import { api } from '../lib/api.js';
import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import { isPresenting, labelFor, onPresentingChange, presentingMode, redactNames } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { sinceText } from '../lib/format.js';
import { stanceById } from '../lib/grid-geometry.js';
import { coldDetails, coverageShare, imbalanceText, overdueText, unseenDetails } from '../lib/insight-format.js';
import { daysBetween, dayIn } from '../lib/reminder-format.js';
import { showToast } from '../lib/toast.js';
import { logInteractionWith, scheduleWith, thankFor } from './quick-actions.js';

const QUARTER_DAYS = 91;
/** How many items a list shows before "Show all". */
const SHORT_LIST = 8;
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const personLink = (id, name) => h('a', { href: `#/people/${encodeURIComponent(id)}`, class: 'insight-name' }, name);

export function mountInsights(ctx) {
  const { undo, runUndo } = ctx;
  const list = h('ul', { class: 'ledger-list', id: 'groups', 'aria-label': 'Professional groups' });
  const form = h('form', { class: 'ledger-form', id: 'group-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'group-name' }, 'Group'),
    h('input', { id: 'group-name', type: 'text', autocomplete: 'off', placeholder: 'Rust Berlin meetup' }),
    h('button', { type: 'submit', id: 'group-add' }, 'Add group'),
    h('p', { class: 'field-error', id: 'group-name-error', hidden: true }),
    h('p', { class: 'form-error', id: 'group-form-error', role: 'alert', hidden: true }));

  const el = h('section', { class: 'view', 'aria-labelledby': 'insights-title' },
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
        form, list)));

  const $ = (sel) => el.querySelector(sel);

  /** A list that shows its first few items and a button for the rest. */
  function fill(listEl, items, render, empty) {
    if (!items.length) {
      replaceChildren(listEl, h('li', { class: 'muted insight-empty' }, empty));
      return;
    }
    const shown = items.slice(0, SHORT_LIST).map(render);
    const more = items.length > SHORT_LIST
      ? h('li', {}, h('button', {
        type: 'button', class: 'link insight-more',
        onclick: () => replaceChildren(listEl, items.map(render)),
      }, `Show all ${items.length}`))
      : null;
    replaceChildren(listEl, shown, more);
  }

  /** Runs a quick action and, once done, says so and loads the page again. */
  async function act(action, done) {
    try {
      const result = await action();
      if (result === null) return;
      showToast(done);
      announce(done);
      await loadInsights();
    } catch (err) {
      showToast(err.message);
    }
  }

  const contactActions = (person) => h('span', { class: 'ledger-actions' },
    h('button', { type: 'button', class: 'insight-log', 'aria-label': `Log interaction with ${labelFor(person)}`,
      onclick: () => act(() => logInteractionWith(api, person), `Logged an interaction with ${labelFor(person)}`) }, 'Log interaction'),
    h('button', { type: 'button', class: 'insight-schedule', 'aria-label': `Schedule time with ${labelFor(person)}`,
      onclick: () => act(() => scheduleWith(api, person), `Reminder set for ${labelFor(person)}`) }, 'Schedule'));

  function coldItem(c) {
    const person = { id: c.person_id, name: c.name, role: c.role };
    return h('li', { class: 'ledger-item insight-item', 'data-id': c.person_id },
      h('span', { class: 'ledger-text' }, personLink(c.person_id, labelFor(c)), ' ',
        h('span', { class: 'overdue' }, overdueText(c.overdue_days)),
        h('span', { class: 'muted insight-details' }, coldDetails(c))),
      contactActions(person));
  }

  function unseenItem(u) {
    const person = { id: u.person_id, name: u.name, role: u.role };
    return h('li', { class: 'ledger-item insight-item', 'data-id': u.person_id },
      h('span', { class: 'ledger-text' }, personLink(u.person_id, labelFor(u)),
        h('span', { class: 'muted insight-details' }, unseenDetails(u))),
      contactActions(person));
  }

  function unthankedItem(f) {
    return h('li', { class: 'ledger-item insight-item', 'data-id': f.favour_id },
      h('span', { class: 'ledger-text' }, personLink(f.person_id, labelFor(f)), ' helped: ', f.description,
        h('span', { class: 'muted insight-details' }, `done ${sinceText(f.done_at)}, not yet thanked`)),
      h('span', { class: 'ledger-actions' },
        h('button', { type: 'button', class: 'insight-thank', 'aria-label': `Thank ${labelFor(f)}`,
          onclick: () => act(() => thankFor(api, f), `Noted your thanks to ${labelFor(f)}`) }, 'Thank')));
  }

  function owedItem(o) {
    return h('li', { class: 'ledger-item insight-item', 'data-id': o.person_id },
      h('span', { class: 'ledger-text' }, imbalanceText({ ...o, name: labelFor(o) })),
      h('span', { class: 'ledger-actions' }, h('a', { href: `#/people/${encodeURIComponent(o.person_id)}`, class: 'button-link' }, 'Offer help')));
  }

  /** A small bar of how many are allies; its share is set through the CSSOM (the CSP allows no style attributes). */
  function bar(share) {
    const el = h('span', { class: 'coverage-bar', 'aria-hidden': 'true' });
    el.style.setProperty('--share', String(share));
    return el;
  }

  function coverageTable(table, caption, rows) {
    replaceChildren(table, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, caption.replace('Allies by ', '').replace(/^./, (c) => c.toUpperCase())),
        h('th', { scope: 'col' }, 'Allies'))),
      h('tbody', {}, rows.length ? rows.map((c) => {
        const { text, share } = coverageShare(c);
        return h('tr', { class: c.allies ? '' : 'coverage-none' }, h('th', { scope: 'row' }, c.label),
          h('td', {}, bar(share), ' ', text));
      }) : h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'No one yet.'))));
  }

  async function loadInsights() {
    let data;
    try {
      data = await api.insights();
    } catch (err) {
      replaceChildren($('#cold-list'), h('li', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    fill($('#cold-list'), data.going_cold, coldItem, 'No one is past their cadence. Nice work.');
    fill($('#unseen-list'), data.visibility_gap, unseenItem, 'Every high-power person on your maps has heard from you in the last 60 days.');
    fill($('#unthanked-list'), data.reciprocity.unthanked, unthankedItem, 'No thank-yous owed.');
    fill($('#owed-list'), data.reciprocity.owed, owedItem, 'No one has done much more for you than you for them lately.');
    const cov = data.coverage;
    $('#coverage-summary').textContent = `${cov.allies} of ${cov.people} people are allies: champions or supporters on a map, or with an ally role.`;
    replaceChildren($('#coverage-gaps'), cov.gaps.length
      ? cov.gaps.map((g) => h('li', { class: `insight-gap gap-${g.code}` }, g.text,
        g.code === 'no_allies' || g.code === 'no_senior' ? h('a', { href: '#/map', class: 'gap-action' }, 'Open the map') : null))
      : h('li', { class: 'muted' }, 'No gaps: allies at every level and in every department you know.'));
    coverageTable($('#coverage-levels'), 'Allies by level', cov.by_level.map(([, c]) => c));
    coverageTable($('#coverage-departments'), 'Allies by department', cov.by_department);
  }

  function reviewSection(title, id, people, empty, say) {
    return h('section', { class: 'review-section', id },
      h('h3', {}, title),
      people.length
        ? h('ul', { class: 'review-list' }, people.map((p) => {
          const stance = stanceById(p.stance);
          return h('li', { 'data-id': p.person_id },
            personLink(p.person_id, labelFor(p)), p.role && presentingMode() !== 'roles' ? `, ${p.role}` : '',
            h('span', { class: `muted stance-${p.stance}` }, ` ${stance.symbol} ${stance.label} · power ${Math.round(p.power * 100)}%`),
            p.reach && say(p.reach) ? h('span', { class: 'muted' }, ` · ${say(p.reach)}`) : null);
        }))
        : h('p', { class: 'muted' }, empty));
  }

  async function loadReview() {
    const mapId = $('#review-map').value;
    const body = $('#review-body');
    $('#review-export').disabled = !mapId;
    $('#review-print').disabled = !mapId;
    if (!mapId) {
      replaceChildren(body, h('p', { class: 'muted' }, 'Make a map for a goal, then come back to see who would speak for you.'));
      return;
    }
    try {
      const r = await api.review(mapId);
      // "Through Dana Ng": the reach names someone else. While presenting, hidden if it cannot be redacted.
      const everyone = isPresenting() ? await api.listPeople('').catch(() => null) : [];
      const say = (text) => (everyone === null ? '' : redactNames(text, everyone));
      replaceChildren(body,
        reviewSection('Would speak for you in the room', 'review-speakers', r.speakers, 'No champion or supporter with high power on this map yet.', say),
        reviewSection('Neutral but reachable', 'review-reachable', r.reachable, 'No one neutral you have met or can be introduced to.', say),
        reviewSection('May hold you back', 'review-holding-back', r.holding_back, 'No skeptics or blockers on this map.', say));
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function loadMaps() {
    try {
      const maps = await api.listMaps();
      const select = $('#review-map');
      replaceChildren(select, maps.length
        ? maps.map((m) => h('option', { value: m.id }, m.name))
        : h('option', { value: '' }, 'No maps yet'));
    } catch (err) {
      showToast(err.message);
    }
    await loadReview();
  }

  $('#review-map').addEventListener('change', loadReview);
  $('#review-export').addEventListener('click', async () => {
    try {
      const path = await api.exportReview($('#review-map').value);
      showToast(`Saved the review page to ${path}`, { timeoutMs: 10000 });
    } catch (err) { showToast(err.message); }
  });
  $('#review-print').addEventListener('click', () => {
    document.body.classList.add('printing-review');
    window.print();
    document.body.classList.remove('printing-review');
  });

  function groupItem(g, today) {
    const ago = g.last_attended ? daysBetween(g.last_attended, today, 'UTC') : null;
    const due = ago === null || ago >= QUARTER_DAYS;
    const when = g.last_attended
      ? `last went ${sinceText(`${g.last_attended}T12:00:00`)} (${g.times_attended} ${g.times_attended === 1 ? 'time' : 'times'})`
      : 'not been yet';
    const date = h('input', { type: 'date', class: 'attend-on', value: today, max: today, 'aria-label': `Day you went to ${g.name}` });
    return h('li', { class: `ledger-item${due ? ' due' : ''}`, 'data-id': g.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, g.name), ' · ', h('span', { class: 'muted' }, when)),
      h('span', { class: 'ledger-actions' }, date,
        h('button', { type: 'button', class: 'group-attend', onclick: () => attend(g, date.value) }, 'I went'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the group “${g.name}”`, onclick: () => remove(g) }, 'Delete')));
  }

  async function load() {
    try {
      const groups = await api.listGroups();
      const today = dayIn(new Date(), localZone());
      replaceChildren(list, groups.length ? groups.map((g) => groupItem(g, today))
        : h('li', { class: 'muted' }, 'No groups yet.'));
    } catch (err) {
      replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function attend(g, on) {
    try {
      const a = await api.attendGroup(g.id, on);
      const entry = undo.push(`Noted going to ${g.name}`, async () => { await api.deleteAttendance(a.id); await load(); });
      await load();
      showToast(`Noted: you went to ${isolate(g.name)}`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
    } catch (err) { showToast(err.message); }
  }

  async function remove(g) {
    try { await api.deleteGroup(g.id); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Deleted the group “${g.name}”`, async () => { await api.restoreGroup(g.id); await load(); });
    await load();
    showToast('Deleted the group', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.addGroup({ name: form.querySelector('#group-name').value });
      form.reset();
      clearFormErrors(form);
      announce('Group added');
      await load();
    } catch (err) {
      showFormError(form, 'group', err);
    }
  });

  load();
  loadInsights();
  loadMaps();
  const stopPresenting = onPresentingChange(() => { loadInsights(); loadReview(); });
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() { stopPresenting(); } };
}
