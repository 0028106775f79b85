// Reminders: what is overdue, due later today, coming in the next two weeks, and done; snooze,
// reschedule, mark done or delete each; write your own; 30/60/90-day check-ins; pause pop-ups.

import { api, onAppEvent } from '../lib/api.js';
import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import { isPresenting, onPresentingChange, redactNames } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { dueText, kindLabel, localInputValue } from '../lib/reminder-format.js';
import { showToast } from '../lib/toast.js';

const SNOOZES = [
  ['hour', 'For 1 hour'],
  ['tomorrow_morning', 'Until tomorrow morning'],
  ['next_week', 'For a week'],
  ['until', 'Until a time I pick…'],
];

const REPEATS = [['never', 'Once'], ['daily', 'Every day'], ['weekly', 'Every week'], ['monthly', 'Every month']];

/** Why the button says what it says: Done means something different for each kind. */
const DONE_LABELS = { thank_you: 'Thanked', promise: 'Kept', keep_in_touch: 'Got in touch' };

export function mountReminders(ctx) {
  const { undo, runUndo } = ctx;
  let view = null;
  // Everyone, so that names in the app's own words can be hidden while presenting.
  let everyone = [];
  const say = (text) => (everyone === null && isPresenting() ? 'Hidden while presenting' : redactNames(text, everyone));
  let editing = null; // the id of the reminder being edited, or null for a new one

  const banners = h('div', { class: 'reminder-banners', id: 'reminder-banners' });
  const lists = {
    overdue: h('ul', { class: 'reminder-list', id: 'reminders-overdue', 'aria-labelledby': 'reminders-overdue-title' }),
    today: h('ul', { class: 'reminder-list', id: 'reminders-today', 'aria-labelledby': 'reminders-today-title' }),
    upcoming: h('ul', { class: 'reminder-list', id: 'reminders-upcoming', 'aria-labelledby': 'reminders-upcoming-title' }),
    done: h('ul', { class: 'reminder-list', id: 'reminders-done', 'aria-labelledby': 'reminders-done-title' }),
  };
  const EMPTY = {
    overdue: 'Nothing overdue. Well kept.',
    today: 'Nothing else today.',
    upcoming: 'Nothing in the next two weeks.',
    done: 'Nothing marked done in the last two weeks.',
  };

  const form = h('form', { class: 'reminder-form', id: 'reminder-form', novalidate: true, hidden: true },
    h('h2', { id: 'reminder-form-title' }, 'New reminder'),
    h('label', { for: 'reminder-title' }, 'Remind me to'),
    h('input', { id: 'reminder-title', type: 'text', autocomplete: 'off', placeholder: 'Ask Dana about the reorg' }),
    h('p', { class: 'field-error', id: 'reminder-title-error', hidden: true }),
    h('div', { class: 'form-row' },
      h('span', {},
        h('label', { for: 'reminder-due' }, 'When'),
        h('input', { id: 'reminder-due', type: 'datetime-local' })),
      h('span', {},
        h('label', { for: 'reminder-repeat' }, 'Repeat'),
        h('select', { id: 'reminder-repeat' }, REPEATS.map(([v, t]) => h('option', { value: v }, t))))),
    h('p', { class: 'field-error', id: 'reminder-due-error', hidden: true }),
    h('label', { for: 'reminder-note' }, 'Note (optional)'),
    h('textarea', { id: 'reminder-note', rows: 2 }),
    h('p', { class: 'field-error', id: 'reminder-note-error', hidden: true }),
    h('p', { class: 'form-error', id: 'reminder-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'reminder-save' }, 'Save reminder'),
      h('button', { type: 'button', id: 'reminder-cancel', onclick: () => closeForm() }, 'Cancel')));

  const newButton = h('button', { type: 'button', class: 'primary', id: 'new-reminder', onclick: () => openForm(null) }, 'New reminder');
  const pauseBox = h('div', { class: 'pause-box', id: 'pause-box' });

  const checkInList = h('ul', { class: 'ledger-list', id: 'check-ins', 'aria-label': 'Check-in plans' });
  const checkInForm = h('form', { class: 'ledger-form', id: 'check-in-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'check-in-label' }, 'What started'),
    h('input', { id: 'check-in-label', type: 'text', autocomplete: 'off', placeholder: 'New job at Acme' }),
    h('label', { class: 'visually-hidden', for: 'check-in-start_on' }, 'Start date'),
    h('input', { id: 'check-in-start_on', type: 'date', title: 'The day it started' }),
    h('button', { type: 'submit', id: 'check-in-add' }, 'Add 30/60/90 check-ins'),
    h('p', { class: 'field-error', id: 'check-in-label-error', hidden: true }),
    h('p', { class: 'field-error', id: 'check-in-start_on-error', hidden: true }),
    h('p', { class: 'form-error', id: 'check-in-form-error', role: 'alert', hidden: true }));

  const section = (key, title) => h('section', { class: 'reminder-section', 'aria-labelledby': `reminders-${key}-title` },
    h('h2', { id: `reminders-${key}-title` }, title), lists[key]);

  const el = h('section', { class: 'view reminders-view', 'aria-labelledby': 'reminders-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'reminders-title', tabindex: '-1' }, 'Reminders'),
      h('div', { class: 'view-actions' }, newButton)),
    banners, form,
    section('overdue', 'Overdue'),
    section('today', 'Later today'),
    section('upcoming', 'Next two weeks'),
    section('done', 'Done'),
    h('section', { class: 'card', 'aria-labelledby': 'check-ins-title' },
      h('h2', { id: 'check-ins-title' }, '30/60/90-day check-ins'),
      h('p', { class: 'muted' }, 'Started a new job or got a new manager? Allies reminds you to check in after 30, 60 and 90 days.'),
      checkInForm, checkInList),
    h('section', { class: 'card', 'aria-labelledby': 'pause-title' },
      h('h2', { id: 'pause-title' }, 'Pause pop-ups'), pauseBox));

  // ---------- loading ----------

  async function load() {
    try {
      [view, everyone] = await Promise.all([
        api.remindersOverview(),
        // Only needed (and read) while presenting. Without it names cannot be hidden, and then
        // the lists' text is not shown at all.
        isPresenting()
          ? api.listPeople('').then(async (current) => [...current, ...await api.listFormerPeople()]).catch(() => null)
          : [],
      ]);
    } catch (err) {
      replaceChildren(banners, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    renderLists();
  }

  function renderLists() {
    if (!view) return;
    const now = new Date(view.now);
    const tz = view.time_zone;
    for (const key of ['overdue', 'today', 'upcoming']) {
      replaceChildren(lists[key], view[key].length
        ? view[key].map((item) => reminderItem(item, key, now, tz))
        : h('li', { class: 'muted empty' }, EMPTY[key]));
    }
    replaceChildren(lists.done, view.done.length
      ? view.done.map((d) => h('li', { class: 'reminder-item done', 'data-subject': d.subject },
        h('span', { class: `kind kind-${d.kind}` }, kindLabel(d.kind)),
        h('span', { class: 'reminder-main' }, h('span', { class: 'reminder-title' }, say(d.title))),
        h('span', { class: 'reminder-due muted' }, `done ${dueText(d.done_at, now, tz)}`)))
      : h('li', { class: 'muted empty' }, EMPTY.done));
    showBanners(now, tz);
    showPause(now, tz);
    ctx.refreshBadge?.();
  }

  function showBanners(now, tz) {
    const notes = [];
    if (view.desktopProblem) {
      notes.push(h('p', { class: 'notice', id: 'reminders-desktop-problem', role: 'status' },
        `Desktop pop-ups are not working (${view.desktopProblem}), so reminders are shown here instead.`));
    }
    if (view.held_until) {
      notes.push(h('p', { class: 'notice', id: 'reminders-held' },
        `Quiet time: pop-ups wait until ${dueText(view.held_until, now, tz)}. Everything due is listed below.`));
    }
    replaceChildren(banners, notes);
  }

  function showPause(now, tz) {
    const pause = (choice, label, id) => h('button', {
      type: 'button', id,
      onclick: async () => {
        try {
          await api.pauseReminders(choice);
          announce(choice === 'resume' ? 'Pop-ups resumed' : 'Pop-ups paused');
          await load();
        } catch (err) { showToast(err.message); }
      },
    }, label);
    replaceChildren(pauseBox, view.paused_until
      ? [h('p', { id: 'reminders-paused' }, `Paused until ${dueText(view.paused_until, now, tz)}. Reminders still collect here.`),
        h('div', { class: 'actions' }, pause('resume', 'Resume now', 'pause-resume'))]
      : [h('p', { class: 'muted' }, 'In a meeting or presenting? Hold pop-ups for a while; nothing is lost.'),
        h('div', { class: 'actions' },
          pause('hour', 'Pause for 1 hour', 'pause-hour'),
          pause('until_tomorrow', 'Pause until tomorrow', 'pause-tomorrow'))]);
  }

  function reminderItem(item, list, now, tz) {
    const title = item.person_id
      ? h('a', { href: `#/people/${encodeURIComponent(item.person_id)}`, class: 'reminder-title' }, say(item.title))
      : h('span', { class: 'reminder-title' }, say(item.title));
    const due = [dueText(item.due, now, tz), item.snoozed ? ' · snoozed' : '', item.repeats ? ' · repeats' : ''].join('');
    const snooze = h('select', { class: 'reminder-snooze', 'aria-label': `Snooze “${say(item.title)}”` },
      h('option', { value: '' }, 'Snooze…'), SNOOZES.map(([v, t]) => h('option', { value: v }, t)));
    const pick = h('span', { class: 'snooze-pick', hidden: true },
      h('input', { type: 'datetime-local', class: 'snooze-at', 'aria-label': 'Remind me again at', value: localInputValue(Date.now() + 86400000, tz) }),
      h('button', { type: 'button', class: 'snooze-set', onclick: () => snoozeTo(item, { for: 'until', at: pick.querySelector('input').value }) }, 'Set'));
    snooze.addEventListener('change', () => {
      if (snooze.value === 'until') { pick.hidden = false; pick.querySelector('input').focus(); return; }
      if (snooze.value) snoozeTo(item, { for: snooze.value });
    });
    const actions = [
      h('button', { type: 'button', class: 'reminder-done', onclick: () => complete(item) }, DONE_LABELS[item.kind] ?? 'Done'),
      snooze, pick,
    ];
    if (item.kind === 'thank_you') {
      actions.push(h('button', { type: 'button', class: 'link reminder-skip', title: 'Stop reminding me of this thank-you', onclick: () => skip(item) }, 'Skip'));
    }
    if (item.reminder_id) {
      actions.push(h('button', { type: 'button', class: 'link reminder-edit', onclick: () => openForm(item.reminder_id) }, 'Edit'),
        h('button', { type: 'button', class: 'link reminder-delete', 'aria-label': `Delete the reminder “${say(item.title)}”`, onclick: () => remove(item) }, 'Delete'));
    }
    return h('li', { class: `reminder-item ${list}`, 'data-subject': item.subject },
      h('span', { class: `kind kind-${item.kind}` }, kindLabel(item.kind)),
      h('span', { class: 'reminder-main' }, title, h('span', { class: 'reminder-body' }, say(item.body))),
      h('span', { class: 'reminder-due' }, due),
      h('span', { class: 'reminder-actions' }, actions));
  }

  // ---------- actions ----------

  async function complete(item) {
    try {
      await api.completeReminder(item.subject);
      announce(`Done: ${say(item.title)}`);
      await load();
    } catch (err) { showToast(err.message); await load(); }
  }

  async function snoozeTo(item, choice) {
    try {
      const until = await api.snoozeReminder(item.subject, choice);
      const text = `Snoozed until ${dueText(until, new Date(view.now), view.time_zone)}`;
      announce(text);
      showToast(text, { timeoutMs: 4000 });
      await load();
    } catch (err) { showToast(err.message); }
  }

  async function skip(item) {
    try { await api.dismissReminder(item.subject); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Skipped “${say(item.title)}”`, async () => { await api.undismissReminder(item.subject); await load(); });
    await load();
    showToast(`Skipped “${isolate(say(item.title))}”`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  async function remove(item) {
    try { await api.deleteReminder(item.reminder_id); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Deleted the reminder “${say(item.title)}”`, async () => { await api.restoreReminder(item.reminder_id); await load(); });
    await load();
    showToast('Deleted the reminder', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  // ---------- writing your own ----------

  const field = (name) => form.querySelector(`#reminder-${name}`);

  async function openForm(id) {
    editing = id;
    clearFormErrors(form);
    form.querySelector('#reminder-form-title').textContent = id ? 'Edit reminder' : 'New reminder';
    let input = { title: '', note: '', due: localInputValue(Date.now() + 3600000, view?.time_zone ?? 'UTC'), repeat: 'never' };
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
    editing = null;
    newButton.focus();
  }

  async function save() {
    const input = { title: field('title').value, note: field('note').value, due: field('due').value, repeat: field('repeat').value };
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

  async function loadCheckIns() {
    try {
      const plans = await api.listCheckIns();
      replaceChildren(checkInList, plans.length
        ? plans.map((c) => h('li', { class: 'ledger-item', 'data-id': c.id },
          h('span', { class: 'ledger-text' }, h('strong', {}, c.label), ' · started ', c.start_on),
          h('button', { type: 'button', class: 'link', 'aria-label': `Delete the check-ins for “${c.label}”`, onclick: () => removeCheckIn(c) }, 'Delete')))
        : h('li', { class: 'muted' }, 'No check-in plans.'));
    } catch (err) {
      replaceChildren(checkInList, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

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

  async function removeCheckIn(c) {
    try { await api.deleteCheckIn(c.id); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Deleted the check-ins for “${c.label}”`, async () => { await api.restoreCheckIn(c.id); await Promise.all([loadCheckIns(), load()]); });
    await Promise.all([loadCheckIns(), load()]);
    showToast('Deleted the check-ins', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  // ---------- life cycle ----------

  let unlisten = null;
  let destroyed = false;
  onAppEvent('reminders-changed', () => load()).then((stop) => {
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
