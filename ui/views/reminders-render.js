// What the Reminders page draws, as functions of what it was given: no api, no state of
// their own. Buttons call the handlers in `on`, which belong to the controller in reminders.js;
// `say` is how the app's own words about people may be shown right now (presenting mode).

import { personHash } from '../lib/router.js';
import { h } from '../lib/dom.js';
import { formField } from '../lib/form-dialog.js';
import { labelFor } from '../lib/presenting.js';
import { dateText } from '../lib/format.js';
import { bodyText, dueLine, dueText, kindLabel, localInputValue } from '../lib/reminder-format.js';
import { answerControls } from './reminder-answers.js';

const SNOOZES = [
  ['hour', 'For 1 hour'],
  ['tomorrow_morning', 'Until tomorrow morning'],
  ['next_week', 'For a week'],
  ['until', 'Until a time I pick…'],
];

const REPEATS = [['never', 'Once'], ['daily', 'Every day'], ['weekly', 'Every week'], ['monthly', 'Every month']];

/** The four lists, in page order, with their titles and what each says when empty. */
export const LISTS = [
  ['overdue', 'Overdue', 'Nothing overdue. Well kept.'],
  ['today', 'Later today', 'Nothing else today.'],
  ['upcoming', 'Next two weeks', 'Nothing in the next two weeks.'],
  ['done', 'Done', 'Nothing marked done in the last two weeks.'],
];

/** The page with its lists empty; `on.newReminder` and `on.cancel` are its form's buttons. */
export function remindersPage(on) {
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
      h('button', { type: 'button', id: 'reminder-cancel', onclick: () => on.cancel() }, 'Cancel')));

  const checkInForm = h('form', { class: 'ledger-form', id: 'check-in-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'check-in-label' }, 'What started'),
    h('input', { id: 'check-in-label', type: 'text', autocomplete: 'off', placeholder: 'New job at Acme' }),
    h('label', { class: 'visually-hidden', for: 'check-in-start_on' }, 'Start date'),
    h('input', { id: 'check-in-start_on', type: 'date', title: 'The day it started' }),
    h('button', { type: 'submit', id: 'check-in-add' }, 'Add 30/60/90 check-ins'),
    h('p', { class: 'field-error', id: 'check-in-label-error', hidden: true }),
    h('p', { class: 'field-error', id: 'check-in-start_on-error', hidden: true }),
    h('p', { class: 'form-error', id: 'check-in-form-error', role: 'alert', hidden: true }));

  const section = ([key, title]) => h('section', { class: 'reminder-section', 'aria-labelledby': `reminders-${key}-title` },
    h('h2', { id: `reminders-${key}-title` }, title),
    h('ul', { class: 'reminder-list', id: `reminders-${key}`, 'aria-labelledby': `reminders-${key}-title` }));

  return h('section', { class: 'view reminders-view', 'aria-labelledby': 'reminders-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'reminders-title', tabindex: '-1' }, 'Reminders'),
      h('div', { class: 'view-actions' },
        h('a', { class: 'button', id: 'open-review', href: '#/review' }, 'Weekly review'),
        h('button', { type: 'button', class: 'primary', id: 'new-reminder', onclick: () => on.newReminder() }, 'New reminder'))),
    h('div', { class: 'reminder-banners', id: 'reminder-banners' }), form,
    LISTS.map(section),
    h('section', { class: 'card', 'aria-labelledby': 'check-ins-title' },
      h('h2', { id: 'check-ins-title' }, '30/60/90-day check-ins'),
      h('p', { class: 'muted' }, 'Started a new job or got a new manager? Allies reminds you to check in after 30, 60 and 90 days.'),
      checkInForm,
      h('ul', { class: 'ledger-list', id: 'check-ins', 'aria-label': 'Check-in plans' })),
    h('section', { class: 'card', 'aria-labelledby': 'pause-title' },
      h('h2', { id: 'pause-title' }, 'Pause pop-ups'),
      h('div', { class: 'pause-box', id: 'pause-box' })));
}

/** A paragraph saying why something could not be loaded. */
export const loadError = (message) => h('p', { class: 'form-error', role: 'alert' }, message);

/** The items of list `key` of the overview `view`. */
export function listItems(key, view, say, on) {
  const now = new Date(view.now);
  const tz = view.time_zone;
  const items = view[key];
  if (!items.length) return [h('li', { class: 'muted empty' }, LISTS.find(([k]) => k === key)[2])];
  if (key === 'done') {
    return items.map((d) => h('li', { class: 'reminder-item done', 'data-subject': d.subject },
      h('span', { class: `kind kind-${d.kind}` }, kindLabel(d.kind)),
      h('span', { class: 'reminder-main' }, h('span', { class: 'reminder-title' }, say(d.title))),
      h('span', { class: 'reminder-due muted' }, `done ${dueText(d.done_at, now, tz)}`)));
  }
  return items.map((item) => reminderItem(item, key, now, tz, say, on));
}

function reminderItem(item, list, now, tz, say, on) {
  const title = item.person_id
    ? h('a', { href: personHash(item.person_id), class: 'reminder-title' }, say(item.title))
    : h('span', { class: 'reminder-title' }, say(item.title));
  const snooze = h('select', { class: 'reminder-snooze', 'aria-label': `Snooze “${say(item.title)}”` },
    h('option', { value: '' }, 'Snooze…'), SNOOZES.map(([v, t]) => h('option', { value: v }, t)));
  const pick = h('span', { class: 'snooze-pick', hidden: true },
    h('input', { type: 'datetime-local', class: 'snooze-at', 'aria-label': 'Remind me again at', value: localInputValue(Date.now() + 86400000, tz) }),
    h('button', { type: 'button', class: 'snooze-set', onclick: () => on.snooze(item, { for: 'until', at: pick.querySelector('input').value }) }, 'Set'));
  // Picking a time is asked for here, beside the list; every other choice snoozes at once.
  snooze.addEventListener('change', () => {
    if (snooze.value === 'until') { pick.hidden = false; pick.querySelector('input').focus(); return; }
    if (snooze.value) on.snooze(item, { for: snooze.value });
  });
  const actions = [...answerControls(item, say, on), snooze, pick];
  if (item.kind === 'thank_you') {
    actions.push(h('button', { type: 'button', class: 'link reminder-skip', title: 'Stop reminding me of this thank-you', onclick: () => on.skip(item) }, 'Skip'));
  }
  if (item.reminder_id) {
    actions.push(h('button', { type: 'button', class: 'link reminder-edit', onclick: () => on.edit(item.reminder_id) }, 'Edit'),
      h('button', { type: 'button', class: 'link reminder-delete', 'aria-label': `Delete the reminder “${say(item.title)}”`, onclick: () => on.remove(item) }, 'Delete'));
  }
  return h('li', { class: `reminder-item ${list}`, 'data-subject': item.subject },
    h('span', { class: `kind kind-${item.kind}` }, kindLabel(item.kind)),
    h('span', { class: 'reminder-main' }, title, h('span', { class: 'reminder-body' }, say(bodyText(item)))),
    h('span', { class: 'reminder-due' }, dueLine(item, now, tz)),
    h('span', { class: 'reminder-actions' }, actions));
}

/** Notices above the lists: pop-ups that cannot be shown, quiet time. */
export function banners(view) {
  const now = new Date(view.now);
  const notes = [];
  if (view.desktop_problem) {
    notes.push(h('p', { class: 'notice', id: 'reminders-desktop-problem', role: 'status' },
      `Desktop pop-ups are not working (${view.desktop_problem}), so reminders are shown here instead.`));
  }
  if (view.held_until) {
    notes.push(h('p', { class: 'notice', id: 'reminders-held' },
      `Quiet time: pop-ups wait until ${dueText(view.held_until, now, view.time_zone)}. Everything due is listed below.`));
  }
  return notes;
}

/** The pause card: until when pop-ups are paused and a way to resume, or ways to pause. */
export function pauseBox(view, on) {
  const pause = (choice, label, id) => h('button', { type: 'button', id, onclick: () => on.pause(choice) }, label);
  return view.paused_until
    ? [h('p', { id: 'reminders-paused' }, `Paused until ${dueText(view.paused_until, new Date(view.now), view.time_zone)}. Reminders still collect here.`),
      h('div', { class: 'actions' }, pause('resume', 'Resume now', 'pause-resume'))]
    : [h('p', { class: 'muted' }, 'In a meeting or presenting? Hold pop-ups for a while; nothing is lost.'),
      h('div', { class: 'actions' },
        pause('hour', 'Pause for 1 hour', 'pause-hour'),
        pause('until_tomorrow', 'Pause until tomorrow', 'pause-tomorrow'))];
}

/** The check-in plans, or why they cannot be shown. */
export function checkInItems({ plans, error }, on) {
  if (error) return [h('li', { class: 'form-error', role: 'alert' }, error)];
  return plans.length
    ? plans.map((c) => h('li', { class: 'ledger-item', 'data-id': c.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, c.label), ' · started ', dateText(c.start_on),
        c.person_name ? h('span', { class: 'muted check-in-person' }, ` · with ${labelFor({ name: c.person_name })}`) : null),
      h('button', { type: 'button', class: 'link check-in-edit', 'aria-label': `Edit the check-ins for “${c.label}”`, onclick: () => on.editCheckIn(c) }, 'Edit'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Delete the check-ins for “${c.label}”`, onclick: () => on.removeCheckIn(c) }, 'Delete')))
    : [h('li', { class: 'muted' }, 'No check-in plans.')];
}

/** The fields of the dialog that edits check-in plan `c`: what started, the day, and who it is about among `people`. */
export function checkInFields(c, people) {
  const p = 'check-in-edit';
  return [
    formField(p, 'label', 'What started', h('input', { id: `${p}-label`, type: 'text', autocomplete: 'off', value: c.label })),
    formField(p, 'start_on', 'The day it started', h('input', { id: `${p}-start_on`, type: 'date', value: c.start_on })),
    formField(p, 'person_id', 'About',
      h('select', { id: `${p}-person_id` },
        h('option', { value: '' }, 'No one in particular'),
        // Someone no longer in the list (a former colleague) stays chosen.
        c.person_id && !people.some((person) => person.id === c.person_id)
          ? h('option', { value: c.person_id, selected: true }, labelFor({ name: c.person_name ?? 'someone' })) : null,
        people.map((person) => h('option', { value: person.id, selected: person.id === c.person_id }, labelFor(person))))),
  ];
}
