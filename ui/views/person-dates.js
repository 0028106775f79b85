// A person's dates that matter, under their details: birthday, work anniversary and start
// date (day and month, the year when known), each with its reminder choice, set and removed in
// one undoable step each. Dates say nothing of who the person is, so presenting mode needs no
// mask here; the name in messages goes through labelFor.

import { announce, h, isolate, replaceChildren } from '../lib/dom.js';
import { undoHint } from '../lib/shortcuts.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { labelFor } from '../lib/presenting.js';
import { showChange } from '../lib/toast.js';

export const DATE_KINDS = [['birthday', 'Birthday'], ['anniversary', 'Work anniversary'], ['start_date', 'Start date']];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const REMIND_CHOICES = [['', 'As in reminder settings'], ['true', 'Remind me on the day'], ['false', 'Do not remind me']];

const kindLabel = (kind) => DATE_KINDS.find(([k]) => k === kind)?.[1] ?? kind;

/**
 * What the form's day, month (1–12) and optional year say, as the core reads a date:
 * "1985-04-12", or "--04-12" without a year; null while the day or the month is missing.
 */
export function dateValue({ day, month, year }) {
  const d = String(day ?? '').trim();
  const m = String(month ?? '').trim();
  const y = String(year ?? '').trim();
  if (!d || !m) return null;
  const pad = (n) => n.padStart(2, '0');
  return y ? `${y.padStart(4, '0')}-${pad(m)}-${pad(d)}` : `--${pad(m)}-${pad(d)}`;
}

/** A date as a sentence writes it, in this computer's locale: "12 April 1985", "12 April". */
export function dayText(date) {
  const at = new Date(Date.UTC(date.year ?? 2000, date.month - 1, date.day));
  const options = { day: 'numeric', month: 'long', timeZone: 'UTC' };
  if (date.year) options.year = 'numeric';
  return at.toLocaleDateString(undefined, options);
}

/** What the reminder choice of `date` means, in words. */
export function remindText(date) {
  if (date.remind === true) return 'reminds you on the day';
  if (date.remind === false) return 'no reminder';
  return 'reminder as in Settings';
}

/** The section for `person`; it loads its own data through `api`. */
export function personDates(person, { api, runUndo }) {
  const list = h('ul', { class: 'date-list', id: 'date-list' });
  const kind = h('select', { id: 'date-kind' }, DATE_KINDS.map(([v, text]) => h('option', { value: v }, text)));
  // The day carries the form's "date" field: the core names it when a date does not exist.
  const day = h('input', { id: 'date-date', type: 'number', min: '1', max: '31', step: '1', inputmode: 'numeric' });
  const month = h('select', { id: 'date-month' }, h('option', { value: '' }, 'Month'), MONTHS.map((name, i) => h('option', { value: String(i + 1) }, name)));
  const year = h('input', { id: 'date-year', type: 'number', min: '1', max: '9999', step: '1', inputmode: 'numeric', placeholder: 'optional' });
  const remind = h('select', { id: 'date-remind' }, REMIND_CHOICES.map(([v, text]) => h('option', { value: v }, text)));
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const form = h('form', { class: 'date-form', id: 'date-form', novalidate: true },
    h('div', { class: 'log-row' },
      field('date-kind', 'Which date', kind),
      field('date-date', 'Day', day),
      field('date-month', 'Month', month),
      field('date-year', 'Year (optional)', year)),
    field('date-remind', 'Reminder', remind),
    h('p', { class: 'field-error', id: 'date-date-error', hidden: true }),
    h('p', { class: 'form-error', id: 'date-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'date-save' }, 'Save date')));
  const el = h('section', { class: 'person-dates', id: 'person-dates', 'aria-labelledby': 'person-dates-title' },
    h('h3', { id: 'person-dates-title', class: 'section-title' }, 'Dates that matter'),
    list, form);

  function render(dates) {
    replaceChildren(list, dates.length
      ? dates.map((d) => h('li', { class: 'person-date', 'data-kind': d.kind },
        h('strong', {}, kindLabel(d.kind)), ' ',
        h('span', { class: 'date-day' }, dayText(d)), ' ',
        h('span', { class: 'muted' }, `· ${remindText(d)}`), ' ',
        h('button', { type: 'button', class: 'link date-edit', 'aria-label': `Edit the ${kindLabel(d.kind).toLowerCase()}`, onclick: () => edit(d) }, 'Edit'),
        h('button', { type: 'button', class: 'link date-remove', 'aria-label': `Remove the ${kindLabel(d.kind).toLowerCase()}`, onclick: () => remove(d) }, 'Remove')))
      : h('li', { class: 'muted', id: 'dates-empty' }, 'No birthday or work dates yet.'));
  }

  /** Puts `d` in the form to change it. */
  function edit(d) {
    kind.value = d.kind;
    day.value = String(d.day);
    month.value = String(d.month);
    year.value = d.year ? String(d.year) : '';
    remind.value = d.remind === null || d.remind === undefined ? '' : String(d.remind);
    day.focus();
  }

  async function load() {
    try {
      render((await api.personDates(person.id)) ?? []);
    } catch (err) {
      replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFormErrors(form);
    const date = dateValue({ day: day.value, month: month.value, year: year.value });
    if (!date) {
      showFormError(form, 'date', { field: 'date', message: 'Choose a day and a month; the year is optional.' });
      return;
    }
    const input = { kind: kind.value, date, remind: remind.value === '' ? null : remind.value === 'true' };
    let dates;
    try {
      dates = await api.setPersonDate(person.id, input);
    } catch (err) {
      showFormError(form, 'date', err);
      return;
    }
    render(dates ?? []);
    day.value = '';
    year.value = '';
    month.value = '';
    remind.value = '';
    const message = `Saved ${isolate(labelFor(person))}’s ${kindLabel(input.kind).toLowerCase()}`;
    showChange(message, runUndo);
    announce(message);
  });

  async function remove(d) {
    let dates;
    try {
      dates = await api.removePersonDate(person.id, d.kind);
    } catch (err) {
      showFormError(form, 'date', err);
      return;
    }
    render(dates ?? []);
    const message = `Removed ${isolate(labelFor(person))}’s ${kindLabel(d.kind).toLowerCase()}`;
    showChange(message, runUndo);
    announce(`${message}. ${undoHint()}`);
    form.querySelector('#date-kind')?.focus();
  }

  load();
  return { el, load, isDirty: () => Boolean(day.value || year.value) };
}
