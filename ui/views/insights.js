// Insights: what to do next. Who is going cold, powerful people who have not seen the user
// lately, favours to return, where alliances are thin, who would speak up at review time, and
// the professional groups to show up at. Each item carries the action that closes it.
// The controller: it holds the page's state, asks ctx.api, and redraws through insights-render.js.

import { announce, replaceChildren, isolate } from '../lib/dom.js';
import { isPresenting, labelFor, onPresentingChange, redactNames } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { coverageSummary } from '../lib/insight-format.js';
import { dateText } from '../lib/format.js';
import { dayIn } from '../lib/reminder-format.js';
import { showChange, showToast } from '../lib/toast.js';
import {
  INSIGHT_LISTS, coverageGaps, coverageTable, groupFields, groupItems, insightListItems, insightsPage, listError, mapOptions, reviewBody,
  visitFields,
} from './insights-render.js';
import { aboutMeCards } from './insights-about-me.js';
import { openFormDialog } from '../lib/form-dialog.js';
import { driftCard, driftItems, driftSince } from './round-sections.js';
import { logInteractionWith, scheduleWith, thankFor } from './quick-actions.js';

// The day is the one in the time zone chosen in Settings, as the core counts it; the system's
// until Settings has been read.
const zoneOf = (store) => store?.get('time_zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

export function mountInsights(ctx) {
  const { api, runUndo } = ctx;
  const state = {
    insights: null,
    expanded: new Set(), // ids of the lists showing all their items
    maps: null,
    review: { mapId: '', review: null, error: null },
    // Everyone, to hide the names in a review's "Through Dana Ng" while presenting; null when unknown.
    everyone: [],
    groups: { groups: [], error: null, today: '', visits: new Map() },
  };

  const el = insightsPage();
  const $ = (sel) => el.querySelector(sel);
  // Who drifted since the last review (round-sections.js).
  el.querySelector('.insight-cards')?.append(driftCard());
  const form = $('#group-form');

  /** Runs a quick action and, once done, says so and loads the page again. */
  async function act(action, done) {
    try {
      const result = await action();
      if (result === null) return;
      showChange(done, runUndo);
      announce(done);
      await loadInsights();
    } catch (err) {
      showToast(err.message);
    }
  }

  const on = {
    showAll(id) {
      state.expanded.add(id);
      paintList(INSIGHT_LISTS.find((l) => l.id === id));
    },
    logInteraction: (person) => act(() => logInteractionWith(api, person), `Logged an interaction with ${labelFor(person)}`),
    schedule: (person) => act(() => scheduleWith(api, person), `Reminder set for ${labelFor(person)}`),
    thank: (f) => act(() => thankFor(api, f), `Noted your thanks to ${labelFor(f)}`),
    attend,
    removeGroup,
    toggleHistory,
    editGroup,
    editVisit,
    removeVisit,
    shortlist,
    focus,
  };

  // ---------- drawing ----------

  function paintList(list) {
    replaceChildren($(`#${list.id}`), insightListItems(list, state.insights, state.expanded.has(list.id), on));
  }

  function paintInsights() {
    for (const list of INSIGHT_LISTS) paintList(list);
    const cov = state.insights.coverage;
    $('#coverage-summary').textContent = coverageSummary(cov);
    replaceChildren($('#coverage-gaps'), coverageGaps(cov));
    replaceChildren($('#coverage-levels'), coverageTable('Allies by level', cov.by_level.map(([, c]) => c)));
    replaceChildren($('#coverage-departments'), coverageTable('Allies by department', cov.by_department));
  }

  function paintReview() {
    const { mapId } = state.review;
    $('#review-export').disabled = !mapId;
    $('#review-print').disabled = !mapId;
    const say = (text) => (state.everyone === null ? '' : redactNames(text, state.everyone));
    replaceChildren($('#review-body'), reviewBody(state.review, say));
  }

  const paintGroups = () => replaceChildren($('#groups'), groupItems(state.groups, on));

  // ---------- loading ----------

  async function loadInsights() {
    try {
      state.insights = await api.insights();
    } catch (err) {
      replaceChildren($('#cold-list'), listError(err.message));
      return;
    }
    state.expanded.clear();
    paintInsights();
  }

  async function loadReview() {
    state.review = { mapId: $('#review-map').value, review: null, error: null };
    if (!state.review.mapId) { paintReview(); return; }
    // The export and print buttons follow the map at once, before its review arrives.
    $('#review-export').disabled = false;
    $('#review-print').disabled = false;
    try {
      const review = await api.review(state.review.mapId);
      state.everyone = isPresenting() ? await api.listPeople('').catch(() => null) : [];
      state.review.review = review;
    } catch (err) {
      state.review.error = err.message;
    }
    paintReview();
  }

  async function loadDrift() {
    try {
      const [report, everyone] = await Promise.all([
        api.roundDrift(),
        isPresenting() ? api.listPeople('').catch(() => null) : [],
      ]);
      const say = (text) => (everyone === null ? 'Hidden while presenting' : redactNames(text, everyone));
      $('#drift-since').textContent = `${driftSince(report)}: stances that got worse, and people further from where you need them.`;
      replaceChildren($('#drift-list'), driftItems(report, say));
    } catch (err) {
      replaceChildren($('#drift-list'), listError(err.message));
    }
  }

  async function loadMaps() {
    try {
      state.maps = await api.listMaps();
      replaceChildren($('#review-map'), mapOptions(state.maps));
    } catch (err) {
      showToast(err.message);
    }
    await loadReview();
  }

  async function loadGroups() {
    try {
      const groups = await api.listGroups();
      const visits = new Map();
      // Histories open before stay open, read again.
      await Promise.all([...state.groups.visits.keys()].filter((id) => groups.some((g) => g.id === id))
        .map(async (id) => visits.set(id, await readVisits(id))));
      state.groups = { groups, error: null, today: dayIn(new Date(), zoneOf(ctx.store)), visits };
    } catch (err) {
      state.groups = { groups: [], error: err.message, today: '', visits: new Map() };
    }
    paintGroups();
  }

  async function readVisits(groupId) {
    try {
      return { items: await api.groupAttendance(groupId), error: null };
    } catch (err) {
      return { items: [], error: err.message };
    }
  }

  // ---------- actions ----------

  async function toggleHistory(g) {
    if (state.groups.visits.has(g.id)) state.groups.visits.delete(g.id);
    else state.groups.visits.set(g.id, await readVisits(g.id));
    paintGroups();
    $(`#groups [data-id="${g.id}"] .group-history`)?.focus();
  }

  /** After a change to `g`: the list read again, the message shown and said, focus on `focus` in its item. */
  async function groupChanged(g, message, focus) {
    await loadGroups();
    showChange(message, runUndo);
    announce(message);
    $(`#groups [data-id="${g.id}"] ${focus}`)?.focus();
  }

  async function editGroup(g) {
    const p = 'group-edit';
    const saved = await openFormDialog({
      id: 'group-edit-dialog',
      title: 'Edit the group',
      prefix: p,
      submitLabel: 'Save group',
      fields: groupFields(g),
      save: (dialogForm) => api.updateGroup(g.id, {
        name: dialogForm.querySelector(`#${p}-name`).value,
        note: dialogForm.querySelector(`#${p}-note`).value,
        category: dialogForm.querySelector(`#${p}-category`).value || null,
      }),
    });
    if (saved) await groupChanged(g, `Saved the group ${isolate(saved.name)}`, '.group-edit');
  }

  async function editVisit(g, a) {
    const p = 'visit';
    const saved = await openFormDialog({
      id: 'visit-dialog',
      title: `Your visit to ${g.name}`,
      prefix: p,
      submitLabel: 'Save visit',
      fields: visitFields(a, state.groups.today),
      save: (dialogForm) => api.editAttendance(a.id,
        dialogForm.querySelector(`#${p}-attended_on`).value,
        dialogForm.querySelector(`#${p}-note`).value),
    });
    if (saved) await groupChanged(g, `Saved your visit to ${isolate(g.name)}`, '.group-history');
  }

  async function removeVisit(g, a) {
    try { await api.deleteAttendance(a.id); } catch (err) { showToast(err.message); return; }
    await groupChanged(g, `Deleted your visit to ${isolate(g.name)} on ${dateText(a.attended_on)}`, '.group-history');
  }

  async function attend(g, on) {
    try {
      const a = await api.attendGroup(g.id, on);
      await loadGroups();
      showChange(`Noted: you went to ${isolate(g.name)}`, runUndo);
    } catch (err) { showToast(err.message); }
  }

  /** Puts `g` on the shortlist or takes it off, one undoable step. */
  async function shortlist(g) {
    try { await api.shortlistGroup(g.id, !g.shortlisted); } catch (err) { showToast(err.message); return; }
    await groupChanged(g, g.shortlisted ? `Took ${isolate(g.name)} off the shortlist` : `Shortlisted ${isolate(g.name)}`, '.group-shortlist');
  }

  /** Makes `g` the one group to focus on, or no group when it already is; one undoable step. */
  async function focus(g) {
    try { await api.focusGroup(g.focus ? null : g.id); } catch (err) { showToast(err.message); return; }
    await groupChanged(g, g.focus ? `No group in focus` : `Focusing on ${isolate(g.name)}`, '.group-focus');
  }

  async function removeGroup(g) {
    try { await api.deleteGroup(g.id); } catch (err) { showToast(err.message); return; }
    await loadGroups();
    showChange('Deleted the group', runUndo);
  }

  async function exportReview() {
    try {
      const path = await api.exportReview($('#review-map').value);
      if (!path) return; // the save dialog was cancelled
      showToast(`Saved the review page to ${path}`, { timeoutMs: 10000 });
    } catch (err) { showToast(err.message); }
  }

  function printReview() {
    document.body.classList.add('printing-review');
    window.print();
    document.body.classList.remove('printing-review');
  }

  async function addGroup(e) {
    e.preventDefault();
    try {
      await api.addGroup({ name: form.querySelector('#group-name').value });
      form.reset();
      clearFormErrors(form);
      announce('Group added');
      await loadGroups();
    } catch (err) {
      showFormError(form, 'group', err);
    }
  }

  $('#review-map').addEventListener('change', loadReview);
  $('#review-export').addEventListener('click', exportReview);
  $('#review-print').addEventListener('click', printReview);
  form.addEventListener('submit', addGroup);

  loadGroups();
  loadInsights();
  loadMaps().then(loadDrift);
  const stopPresenting = onPresentingChange(() => { loadInsights(); loadReview(); loadDrift(); });
  // About me and who knows your work, after the page's own cards.
  const aboutMe = aboutMeCards({ api, runUndo });
  el.querySelector('.insight-cards').append(aboutMe.about, aboutMe.known);
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() { stopPresenting(); aboutMe.destroy(); } };
}
