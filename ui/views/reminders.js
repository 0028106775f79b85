// Reminders: what is overdue, due later today, coming in the next two weeks, and done; snooze,
// reschedule, mark done or delete each; write your own; 30/60/90-day check-ins; pause pop-ups.
// The controller: it holds the page's state, asks ctx.api, and redraws through reminders-render.js.

import { announce, replaceChildren, isolate, updateChildren } from '../lib/dom.js';
import { isPresenting, onPresentingChange, redactNames } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { dueText, localInputValue } from '../lib/reminder-format.js';
import { showChange, showToast } from '../lib/toast.js';
import { openFormDialog } from '../lib/form-dialog.js';
import { answeredText } from './reminder-answers.js';
import { LISTS, banners, checkInFields, checkInItems, listItems, loadError, pauseBox, remindersPage } from './reminders-render.js';

export function mountReminders(ctx) {
  const { api, listen, runUndo } = ctx;
  const state = {
    view: null, // the overview: { now, time_zone, overdue, today, upcoming, done, held_until, paused_until, desktop_problem }
    // Everyone, so that names in the app's own words can be hidden while presenting; null when unknown.
    everyone: [],
    editing: null, // the id of the reminder being edited, or null for a new one
    checkIns: { plans: [], error: null },
  };
  const say = (text) => (state.everyone === null && isPresenting() ? 'Hidden while presenting' : redactNames(text, state.everyone));

  const el = remindersPage({ newReminder: () => openForm(null), cancel: () => closeForm() });
  const $ = (sel) => el.querySelector(sel);
  const form = $('#reminder-form');
  const checkInForm = $('#check-in-form');
  const field = (name) => form.querySelector(`#reminder-${name}`);

  const on = {
    complete,
    answer,
    snooze: snoozeTo,
    skip,
    remove,
    edit: (id) => openForm(id),
    pause,
    removeCheckIn,
    editCheckIn,
  };

  // ---------- drawing ----------

  function paint() {
    if (!state.view) return;
    // Read again on every change and each minute: rows that did not change stay as they are,
    // with a note half typed, a snooze being picked or the focus in them.
    for (const [key] of LISTS) updateChildren($(`#reminders-${key}`), listItems(key, state.view, say, on));
    replaceChildren($('#reminder-banners'), banners(state.view));
    replaceChildren($('#pause-box'), pauseBox(state.view, on));
    ctx.refreshBadge?.();
  }

  const paintCheckIns = () => replaceChildren($('#check-ins'), checkInItems(state.checkIns, on));

  // ---------- loading ----------

  async function load() {
    try {
      [state.view, state.everyone] = await Promise.all([
        api.remindersOverview(),
        // Only needed (and read) while presenting. Without it names cannot be hidden, and then
        // the lists' text is not shown at all.
        isPresenting()
          ? api.listPeople('').then(async (current) => [...current, ...await api.listFormerPeople()]).catch(() => null)
          : [],
      ]);
    } catch (err) {
      replaceChildren($('#reminder-banners'), loadError(err.message));
      return;
    }
    paint();
  }

  async function loadCheckIns() {
    try {
      state.checkIns = { plans: await api.listCheckIns(), error: null };
    } catch (err) {
      state.checkIns = { plans: [], error: err.message };
    }
    paintCheckIns();
  }

  // ---------- actions ----------

  async function complete(item) {
    try {
      await api.completeReminder(item.subject);
      announce(`Done: ${say(item.title)}`);
      await load();
    } catch (err) { showToast(err.message); await load(); }
  }

  async function answer(item, reply) {
    try {
      await api.answerReminder(item.subject, reply);
    } catch (err) {
      showToast(err.message);
      return;
    }
    const text = answeredText(reply, say(item.title));
    announce(text);
    showChange(text, runUndo);
    await load();
  }

  async function snoozeTo(item, choice) {
    try {
      const until = await api.snoozeReminder(item.subject, choice);
      const text = `Snoozed until ${dueText(until, new Date(state.view.now), state.view.time_zone)}`;
      announce(text);
      showChange(text, runUndo, { timeoutMs: 4000 });
      await load();
    } catch (err) { showToast(err.message); }
  }

  async function skip(item) {
    try { await api.dismissReminder(item.subject); } catch (err) { showToast(err.message); return; }
    await load();
    showChange(`Skipped “${isolate(say(item.title))}”`, runUndo);
  }

  async function remove(item) {
    try { await api.deleteReminder(item.reminder_id); } catch (err) { showToast(err.message); return; }
    await load();
    showChange('Deleted the reminder', runUndo);
  }

  async function pause(choice) {
    try {
      await api.pauseReminders(choice);
      announce(choice === 'resume' ? 'Pop-ups resumed' : 'Pop-ups paused');
      await load();
    } catch (err) { showToast(err.message); }
  }

  // ---------- writing your own ----------

  async function openForm(id) {
    state.editing = id;
    clearFormErrors(form);
    field('form-title').textContent = id ? 'Edit reminder' : 'New reminder';
    let input = { title: '', note: '', due: localInputValue(Date.now() + 3600000, state.view?.time_zone ?? 'UTC'), repeat: 'never' };
    if (id) {
      try { input = await api.getReminder(id); } catch (err) { showToast(err.message); return; }
    }
    field('title').value = input.title;
    field('note').value = input.note;
    field('due').value = input.due;
    field('repeat').value = input.repeat;
    form.hidden = false;
    field('title').focus();
  }

  function closeForm() {
    form.hidden = true;
    state.editing = null;
    $('#new-reminder').focus();
  }

  async function save() {
    const input = { title: field('title').value, note: field('note').value, due: field('due').value, repeat: field('repeat').value };
    const { editing } = state;
    try {
      if (editing) await api.editReminder(editing, input);
      else await api.addReminder(input);
      announce(editing ? 'Reminder saved' : 'Reminder added');
      closeForm();
      await load();
    } catch (err) {
      showFormError(form, 'reminder', err);
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); save(); });

  // ---------- check-ins ----------

  checkInForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = {
      label: checkInForm.querySelector('#check-in-label').value,
      start_on: checkInForm.querySelector('#check-in-start_on').value,
    };
    try {
      await api.addCheckIn(input);
      checkInForm.reset();
      clearFormErrors(checkInForm);
      announce('Check-ins added');
      await Promise.all([loadCheckIns(), load()]);
    } catch (err) {
      showFormError(checkInForm, 'check-in', err);
    }
  });

  async function editCheckIn(c) {
    let people;
    try { people = await api.listPeople(''); } catch (err) { showToast(err.message); return; }
    const p = 'check-in-edit';
    const saved = await openFormDialog({
      id: 'check-in-edit-dialog',
      title: 'Edit the check-ins',
      prefix: p,
      submitLabel: 'Save check-ins',
      fields: checkInFields(c, people),
      save: (dialogForm) => api.editCheckIn(c.id, {
        label: dialogForm.querySelector(`#${p}-label`).value,
        start_on: dialogForm.querySelector(`#${p}-start_on`).value,
        person_id: dialogForm.querySelector(`#${p}-person_id`).value || null,
      }),
    });
    if (!saved) return;
    await Promise.all([loadCheckIns(), load()]);
    announce(`Saved the check-ins for ${saved.label}`);
    showChange(`Saved the check-ins for “${isolate(saved.label)}”`, runUndo);
    $(`#check-ins [data-id="${c.id}"] .check-in-edit`)?.focus();
  }

  async function removeCheckIn(c) {
    try { await api.deleteCheckIn(c.id); } catch (err) { showToast(err.message); return; }
    await Promise.all([loadCheckIns(), load()]);
    showChange('Deleted the check-ins', runUndo);
  }

  // ---------- life cycle ----------

  let unlisten = null;
  let destroyed = false;
  listen('reminders-changed', () => load()).then((stop) => {
    if (destroyed) stop(); else unlisten = stop;
  });
  // Relative times ("today 16:00", "in quiet time") move on with the clock.
  const ticker = setInterval(load, 60000);
  const stopPresenting = onPresentingChange(() => load());
  load();
  loadCheckIns();

  return {
    el,
    focusTitle: () => el.querySelector('h1').focus(),
    handle(action) {
      if (action === 'save' && !form.hidden) { save(); return true; }
      if (action === 'cancel' && !form.hidden) { closeForm(); return true; }
      return false;
    },
    destroy() {
      destroyed = true;
      clearInterval(ticker);
      stopPresenting();
      unlisten?.();
    },
  };
}
