// What the ledger's parts (favours, promises, conflicts) share: their form pieces, the check a
// half-typed date gets before the core is asked, and one row editor, so that opening one row's
// editor cancels another's.

import { announce, h } from '../lib/dom.js';
import { showFormError } from '../lib/form-errors.js';
import { showChange } from '../lib/toast.js';
import { editInRow } from '../lib/row-edit.js';
import { localDateTimeValue } from '../lib/format.js';

/** The calendar day of `date` where the user is, as a date input holds it (YYYY-MM-DD). */
export const localDay = (date) => localDateTimeValue(date).slice(0, 10);

/** The instant a favour was done on `day` (YYYY-MM-DD): now when that is today, else midday. */
export function doneAtOf(day, now = new Date()) {
  return day === localDay(now) ? now.toISOString() : new Date(`${day}T12:00`).toISOString();
}

export const editButtons = (prefix) => [
  h('button', { type: 'submit', class: 'primary', id: `${prefix}-save` }, 'Save'),
  h('button', { type: 'button', class: 'edit-cancel', id: `${prefix}-cancel` }, 'Cancel')];
export const errorLines = (prefix, fields) => [
  fields.map((f) => h('p', { class: 'field-error', id: `${prefix}-${f}-error`, hidden: true })),
  h('p', { class: 'form-error', id: `${prefix}-form-error`, role: 'alert', hidden: true })];
export const choice = (value, current, text) => h('option', { value, selected: value === current }, text);

/** A date input typed halfway: the check creation makes before asking the core. */
export function incompleteDate(form, prefix, field, message) {
  if (!form.querySelector(`#${prefix}-${field}`)?.validity?.badInput) return false;
  showFormError(form, prefix, { field, message });
  return true;
}

/** One row is edited at a time: `open` cancels the row open before. */
export function rowEditor(runUndo) {
  let editor = null;
  function open(row, form, { prefix, save, editButton }) {
    editor?.cancel();
    const current = {};
    const cancel = () => { opened.close(); if (editor === current) editor = null; };
    const opened = editInRow(row, form, { cancel, returnFocus: () => row.querySelector(editButton) });
    Object.assign(current, { cancel, isDirty: opened.isDirty });
    editor = current;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const message = await save(form);
        if (message === undefined) return;
        editor = null;
        showChange(message, runUndo);
        announce(message);
      } catch (err) {
        showFormError(form, prefix, err);
      }
    });
  }
  return { open, isDirty: () => Boolean(editor?.isDirty()) };
}
