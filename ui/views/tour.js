// The newbie tour: in a new job or team, a plan of the teams, people and leaders to meet, each
// in a target week; the three questions to ask in each meeting and the answers; "who else
// should I meet?" turned into new people; progress at a glance. The 30/60/90-day check-ins it
// makes show in Reminders.
// The controller: it holds the tour and the user's people, asks ctx.api, and redraws through tour-render.js.

import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { openFormDialog } from '../lib/form-dialog.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { cadenceDays, stopInput, typedWeek } from '../lib/tour-format.js';
import {
  meetingFields, startForm, stopName, suggestionFields, tourFields, tourList, tourView, weekFields,
} from './tour-render.js';

export { QUESTIONS } from './tour-render.js';

export function mountTour(ctx) {
  const { api, runUndo } = ctx;
  // `tours`: every tour, the current first; `tour`: the one shown; `starting`: the start form is open over them.
  const state = { tour: null, tours: [], people: [], starting: false };

  const body = h('div', { id: 'tour-body', class: 'tour-body' });
  const el = h('section', { class: 'view', 'aria-labelledby': 'tour-heading' },
    h('header', { class: 'view-head' }, h('h1', { id: 'tour-heading', tabindex: '-1' }, 'Newbie tour')),
    body);

  const on = {
    start, addStop, recordMeeting, addSuggestion, removeStop, reopen, removeTour, editTour, moveStop, showTour, newTour, cancelStart,
    exportTour, printTour,
  };

  /** Saves the tour as text, to review with one's manager. */
  async function exportTour() {
    if (!state.tour) return;
    try {
      const path = await api.exportTour(state.tour.id);
      if (!path) return; // the save dialog was cancelled
      showToast(`Saved the tour to ${path}`, { timeoutMs: 10000 });
      announce('Saved the tour as text');
    } catch (err) { showToast(err.message); }
  }

  /** Prints the summary and the plan only (styles.css hides the rest while printing). */
  function printTour() {
    document.body.classList.add('printing-tour');
    window.print();
    document.body.classList.remove('printing-tour');
  }

  function render({ focus } = {}) {
    const list = state.tours.length > 1 || (state.tours.length && state.starting) ? tourList(state.tours, state.tour?.id, on) : null;
    const main = state.tour && !state.starting ? tourView(state.tour, state.people, on) : startForm(on, { canCancel: Boolean(state.tour) });
    replaceChildren(body, list, main);
    if (focus) body.querySelector(focus)?.focus();
  }

  /** Reads the list of tours again (after a change that names or counts them). */
  async function loadTours() {
    try { state.tours = (await api.listTours()) ?? []; } catch (err) { showToast(err.message); }
  }

  async function load() {
    try {
      [state.tour, state.people, state.tours] = await Promise.all([api.currentTour(), api.listPeople(''), api.listTours().then((t) => t ?? [])]);
      render();
      el.dataset.loaded = 'true';
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function start(form) {
    clearFormErrors(form);
    try {
      state.tour = await api.createTour({ title: form.querySelector('#tour-title').value, start_on: form.querySelector('#tour-start_on').value });
      state.starting = false;
      await loadTours();
      announce(`Started the tour ${state.tour.title}`);
      render();
    } catch (err) {
      showFormError(form, 'tour', err);
    }
  }

  async function addStop(form, values, known) {
    clearFormErrors(form);
    const input = stopInput(values, known);
    try {
      state.tour = await api.addTourStop(state.tour.id, input);
      if (!known && values.kind !== 'team') state.people = await api.listPeople('');
      announce(`Added ${values.kind === 'team' ? values.team : values.who} to week ${input.week}`);
      render({ focus: '#stop-person' });
    } catch (err) {
      // The core names a new person's name "name"; on this form it is typed in "Who".
      showFormError(form, 'stop', err.field === 'name' ? { ...err, message: err.message, field: 'person' } : err);
    }
  }

  async function recordMeeting(stop) {
    const p = 'meeting';
    const saved = await openFormDialog({
      id: 'meeting-dialog',
      className: 'meeting-dialog',
      title: `Meeting ${stopName(stop)}`,
      prefix: p,
      submitLabel: stop.met_on ? 'Save answers' : 'Met',
      fields: meetingFields(stop),
      save: (form) => {
        const value = (name) => form.querySelector(`#${p}-${name}`)?.value ?? '';
        const days = cadenceDays(value('cadence_days'));
        return api.recordTourMeeting(stop.id, {
          met_on: value('met_on'),
          success: value('success'),
          challenges: value('challenges'),
          who_else: value('who_else'),
          channel: value('channel') || null,
          cadence_days: days,
        });
      },
    });
    if (!saved) return;
    state.tour = saved;
    showChange(stop.met_on ? `Saved what ${stopName(stop)} said` : `Met ${stopName(stop)}: logged in their journal`, runUndo);
    render({ focus: `[data-id="${stop.id}"] .stop-record` });
  }

  async function addSuggestion(stop) {
    const p = 'suggest';
    let name = '';
    const saved = await openFormDialog({
      id: 'suggest-dialog',
      title: `Who ${stopName(stop)} suggested`,
      prefix: p,
      submitLabel: 'Add to the tour',
      fields: suggestionFields(stop),
      save: (form) => {
        const value = (field) => form.querySelector(`#${p}-${field}`).value;
        name = value('name');
        return api.addTourSuggestion(stop.id, { name, role: value('role'), department: value('department') });
      },
    });
    if (!saved) return;
    state.tour = saved;
    state.people = await api.listPeople('');
    announce(`Added ${labelFor({ name })} to the tour`);
    render();
  }

  async function removeStop(stop) {
    const tourId = state.tour.id;
    try {
      state.tour = await api.deleteTourStop(stop.id);
    } catch (err) { showToast(err.message); return; }
    render();
    showChange(`Took ${isolate(stopName(stop))} off the tour`, runUndo);
  }

  async function reopen(stop) {
    try {
      state.tour = await api.clearTourMeeting(stop.id);
      render();
    } catch (err) { showToast(err.message); }
  }

  async function showTour(id) {
    try {
      state.tour = await api.getTour(id);
      state.starting = false;
      render({ focus: '#tour-name' });
    } catch (err) { showToast(err.message); }
  }

  function newTour() {
    state.starting = true;
    render({ focus: '#tour-title' });
  }

  function cancelStart() {
    state.starting = false;
    render({ focus: '#tour-new' });
  }

  async function editTour() {
    const t = state.tour;
    const p = 'tour-edit';
    const saved = await openFormDialog({
      id: 'tour-edit-dialog',
      title: 'Edit the tour',
      prefix: p,
      submitLabel: 'Save tour',
      fields: tourFields(t),
      save: (form) => api.updateTour(t.id, {
        title: form.querySelector(`#${p}-title`).value,
        start_on: form.querySelector(`#${p}-start_on`).value,
      }),
    });
    if (!saved) return;
    state.tour = saved;
    await loadTours();
    render({ focus: '#tour-edit' });
    announce(`Saved the tour ${saved.title}`);
    showChange(`Saved the tour ${isolate(saved.title)}`, runUndo);
  }

  async function moveStop(stop) {
    const p = 'stop-week';
    const saved = await openFormDialog({
      id: 'stop-week-dialog',
      title: `When to meet ${stopName(stop)}`,
      prefix: p,
      submitLabel: 'Save week',
      fields: weekFields(stop),
      save: (form) => api.setTourStopWeek(stop.id, typedWeek(form.querySelector(`#${p}-week`).value)),
    });
    if (!saved) return;
    state.tour = saved;
    const week = saved.stops.find((s) => s.id === stop.id)?.week;
    render({ focus: `[data-id="${stop.id}"] .stop-week` });
    announce(`${stopName(stop)} moved to week ${week}`);
    showChange(`Moved ${isolate(stopName(stop))} to week ${week}`, runUndo);
  }

  async function removeTour() {
    const t = state.tour;
    try { await api.deleteTour(t.id); } catch (err) { showToast(err.message); return; }
    state.tour = await api.currentTour();
    await loadTours();
    render();
    showChange('Deleted the tour and its check-ins', runUndo);
  }

  const stopPresenting = onPresentingChange(() => { if (state.tour) render(); });
  load();
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() { stopPresenting(); } };
}
