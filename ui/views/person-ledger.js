// Favours, promises and conflicts with one person: the ledger kept kindly. Received favours, once done,
// ask for a thank-you; promises show when they are overdue.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { changedFields, editInRow, editMessage } from '../lib/row-edit.js';
import { dateText, localDateTimeValue } from '../lib/format.js';

const THANKS = ['In person', 'A message', 'An email', 'A note', 'A public shout-out', 'A small gift'];

/** The calendar day of `date` where the user is, as a date input holds it (YYYY-MM-DD). */
const localDay = (date) => localDateTimeValue(date).slice(0, 10);

/** The instant a favour was done on `day` (YYYY-MM-DD): now when that is today, else midday. */
export function doneAtOf(day, now = new Date()) {
  return day === localDay(now) ? now.toISOString() : new Date(`${day}T12:00`).toISOString();
}

const editButtons = (prefix) => [
  h('button', { type: 'submit', class: 'primary', id: `${prefix}-save` }, 'Save'),
  h('button', { type: 'button', class: 'edit-cancel', id: `${prefix}-cancel` }, 'Cancel')];
const errorLines = (prefix, fields) => [
  fields.map((f) => h('p', { class: 'field-error', id: `${prefix}-${f}-error`, hidden: true })),
  h('p', { class: 'form-error', id: `${prefix}-form-error`, role: 'alert', hidden: true })];
const choice = (value, current, text) => h('option', { value, selected: value === current }, text);

/** The favours, promises and conflicts section for `person`; it loads its own data. */
export function personLedger(person, { api, runUndo }) {
  const balance = h('p', { class: 'muted', id: 'favour-balance' });
  const favourList = h('ul', { class: 'ledger-list', id: 'favours', 'aria-label': `Favours with ${labelFor(person)}` });
  const promiseList = h('ul', { class: 'ledger-list', id: 'promises', 'aria-label': `Promises with ${labelFor(person)}` });

  const favourForm = favourFormFor('favour');
  const promiseForm = promiseFormFor('promise');
  const conflictList = h('ul', { class: 'ledger-list', id: 'conflicts', 'aria-label': `Conflicts with ${labelFor(person)}` });
  const conflictForm = conflictFormFor('conflict');

  // The same forms add a record (prefix "favour") and edit one in its row (prefix "edit-favour",
  // pre-filled from the record, with its status and Save / Cancel).

  function favourFormFor(prefix, f = null) {
    const editing = Boolean(f);
    const doneDay = f?.done_at ? localDay(f.done_at) : localDay(new Date());
    return h('form', { class: `ledger-form${editing ? ' edit-form' : ''}`, id: `${prefix}-form`, novalidate: true, dataset: { doneDay } },
      h('label', { class: 'visually-hidden', for: `${prefix}-direction` }, 'Who does the favour'),
      h('select', { id: `${prefix}-direction` },
        choice('by_them', f?.direction, `${labelFor(person)} for me`),
        choice('by_me', f?.direction, `Me for ${labelFor(person)}`)),
      h('label', { class: 'visually-hidden', for: `${prefix}-description` }, 'The favour'),
      h('input', { id: `${prefix}-description`, type: 'text', autocomplete: 'off', placeholder: 'Reviewed my design doc', value: f?.description }),
      editing ? [
        h('label', { class: 'visually-hidden', for: `${prefix}-status` }, 'Status'),
        h('select', { id: `${prefix}-status` }, choice('open', f.status, 'Open'), choice('done', f.status, 'Done')),
        h('label', { class: 'visually-hidden', for: `${prefix}-done_at` }, 'Done on'),
        h('input', { id: `${prefix}-done_at`, type: 'date', title: 'Done on (when it is done)', value: doneDay }),
      ] : null,
      editing ? editButtons(prefix) : h('button', { type: 'submit', id: 'favour-add' }, 'Add favour'),
      errorLines(prefix, editing ? ['description', 'done_at'] : ['description']));
  }

  function promiseFormFor(prefix, p = null) {
    const editing = Boolean(p);
    return h('form', { class: `ledger-form${editing ? ' edit-form' : ''}`, id: `${prefix}-form`, novalidate: true },
      h('label', { class: 'visually-hidden', for: `${prefix}-owner` }, 'Who promised'),
      h('select', { id: `${prefix}-owner` },
        choice('mine', p?.owner, `I owe ${labelFor(person)}`),
        choice('theirs', p?.owner, `${labelFor(person)} owes me`)),
      h('label', { class: 'visually-hidden', for: `${prefix}-description` }, 'The promise'),
      h('input', { id: `${prefix}-description`, type: 'text', autocomplete: 'off', placeholder: 'The deck by Friday', value: p?.description }),
      h('label', { class: 'visually-hidden', for: `${prefix}-due_on` }, 'Due'),
      h('input', { id: `${prefix}-due_on`, type: 'date', title: 'Due (optional)', value: p?.due_on ?? undefined }),
      editing ? [
        h('label', { class: 'visually-hidden', for: `${prefix}-status` }, 'Status'),
        h('select', { id: `${prefix}-status` },
          choice('open', p.status, 'Open'), choice('kept', p.status, 'Kept'), choice('dropped', p.status, 'Dropped')),
      ] : null,
      editing ? editButtons(prefix) : h('button', { type: 'submit', id: 'promise-add' }, 'Add promise'),
      errorLines(prefix, ['description', 'due_on']));
  }

  function conflictFormFor(prefix, c = null) {
    const editing = Boolean(c);
    return h('form', { class: `ledger-form${editing ? ' edit-form' : ''}`, id: `${prefix}-form`, novalidate: true },
      h('label', { class: 'visually-hidden', for: `${prefix}-description` }, 'The tension'),
      h('input', { id: `${prefix}-description`, type: 'text', autocomplete: 'off', placeholder: 'A tension to resolve early', value: c?.description }),
      h('label', { class: 'visually-hidden', for: `${prefix}-resolve_by` }, 'Resolve by'),
      h('input', { id: `${prefix}-resolve_by`, type: 'date', title: 'Resolve by (optional)', value: c?.resolve_by ?? undefined }),
      editing ? editButtons(prefix) : h('button', { type: 'submit', id: 'conflict-add' }, 'Add conflict'),
      errorLines(prefix, ['description', 'resolve_by']));
  }

  /** A date input typed halfway: the check creation makes before asking the core. */
  function incompleteDate(form, prefix, field, message) {
    if (!form.querySelector(`#${prefix}-${field}`)?.validity?.badInput) return false;
    showFormError(form, prefix, { field, message });
    return true;
  }

  // One row is edited at a time: opening another cancels the first.
  let editor = null;
  function openEditor(row, form, { prefix, save, editButton }) {
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

  const el = h('section', { class: 'ledger', 'aria-labelledby': 'ledger-title' },
    h('h3', { id: 'ledger-title', class: 'section-title' }, 'Favours, promises and conflicts'),
    balance, favourForm, favourList, promiseForm, promiseList, conflictForm, conflictList);

  // ---------- favours ----------

  async function loadFavours() {
    try {
      const { favours, balance: b, balance_days: days } = await api.listFavours(person.id);
      const months = Math.round(days / 30);
      balance.textContent = b.by_them + b.by_me === 0
        ? 'No favours done either way lately.'
        : `Over the last ${months} months: ${labelFor(person)} did ${b.by_them} for you; you did ${b.by_me} for ${labelFor(person)}.`;
      replaceChildren(favourList, favours.length ? favours.map(favourItem)
        : h('li', { class: 'muted' }, 'Give before you ask: note what you do for each other.'));
    } catch (err) {
      replaceChildren(favourList, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function favourItem(f) {
    const who = f.direction === 'by_them' ? `${labelFor(person)} for you` : `You for ${labelFor(person)}`;
    const state = f.status === 'open' ? 'open'
      : f.thanked_at ? `done, thanked ${dateText(f.thanked_at)}${f.thanked_how ? ` (${f.thanked_how})` : ''}${f.impact ? `; impact: ${f.impact}` : ''}`
        : f.direction === 'by_them' ? 'done: say thank you' : 'done';
    const how = f.thanks_due ? h('select', { id: `thank-how-${f.id}`, 'aria-label': 'How you thanked them' }, THANKS.map((t) => h('option', { value: t }, t))) : null;
    // What their help made possible; three weeks on, a reminder offers to tell them how it turned out.
    const impact = f.thanks_due ? h('input', { type: 'text', class: 'thank-impact', id: `thank-impact-${f.id}`, autocomplete: 'off', placeholder: 'Impact (optional)', 'aria-label': 'What their help made possible (optional)' }) : null;
    return h('li', { class: `ledger-item${f.thanks_due ? ' due' : ''}`, 'data-id': f.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, who), ': ', f.description, ' · ', h('span', { class: 'muted' }, state)),
      h('span', { class: 'ledger-actions' },
        f.status === 'open'
          ? h('button', { type: 'button', class: 'favour-done', onclick: () => favourDone(f, true) }, 'Mark done')
          : f.thanks_due ? [how, impact, h('button', { type: 'button', class: 'favour-thank', onclick: () => thank(f, how.value, impact.value) }, 'Thanked')]
            : h('button', { type: 'button', class: 'link', onclick: () => favourDone(f, false) }, 'Reopen'),
        h('button', { type: 'button', class: 'link favour-edit', 'aria-label': `Edit the favour “${f.description}”`, onclick: (e) => editFavour(f, e.target.closest('li')) }, 'Edit'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the favour “${f.description}”`, onclick: () => removeFavour(f) }, 'Delete')));
  }

  function editFavour(f, row) {
    const prefix = 'edit-favour';
    const form = favourFormFor(prefix, f);
    const dayField = form.querySelector(`#${prefix}-done_at`);
    const status = form.querySelector(`#${prefix}-status`);
    const showDay = () => { dayField.hidden = status.value !== 'done'; };
    status.addEventListener('change', showDay);
    showDay();
    openEditor(row, form, {
      prefix,
      editButton: '.favour-edit',
      save: async () => {
        if (incompleteDate(form, prefix, 'done_at', 'That date is not complete. Finish it, or leave the day it was done.')) return undefined;
        const day = dayField.value;
        const input = {
          direction: form.querySelector(`#${prefix}-direction`).value,
          description: form.querySelector(`#${prefix}-description`).value,
          status: status.value,
          // The day as it was keeps the time it was marked done.
          done_at: status.value === 'done' && day && day !== form.dataset.doneDay ? doneAtOf(day) : null,
        };
        const saved = await api.editFavour(f.id, input);
        await loadFavours();
        favourList.querySelector(`[data-id="${CSS.escape(f.id)}"] .favour-edit`)?.focus();
        return editMessage('the favour', changedFields(f, saved, {
          'who did it': (x) => x.direction,
          'the text': (x) => x.description,
          'the status': (x) => x.status,
          'the day it was done': (x) => x.done_at && localDay(x.done_at),
        }));
      },
    });
  }

  favourForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = {
      person_id: person.id,
      direction: favourForm.querySelector('#favour-direction').value,
      description: favourForm.querySelector('#favour-description').value,
    };
    try {
      await api.recordFavour(input);
      favourForm.querySelector('#favour-description').value = '';
      clearFormErrors(favourForm);
      announce('Favour noted');
      await loadFavours();
    } catch (err) {
      showFormError(favourForm, 'favour', err);
    }
  });

  async function favourDone(f, done) {
    try {
      const saved = await api.setFavourDone(f.id, done);
      await loadFavours();
      announce(saved.thanks_due ? `Done. Remember to thank ${labelFor(person)}.` : done ? 'Marked done' : 'Open again');
    } catch (err) { showToast(err.message); }
  }

  async function thank(f, how, impact = '') {
    try {
      await api.thankFavour(f.id, how, impact);
      await loadFavours();
      announce(`Noted that you thanked ${labelFor(person)}`);
    } catch (err) { showToast(err.message); }
  }

  async function removeFavour(f) {
    try { await api.deleteFavour(f.id); } catch (err) { showToast(err.message); return; }
    await loadFavours();
    showChange('Deleted the favour', runUndo);
  }

  // ---------- promises ----------

  async function loadPromises() {
    try {
      const promises = await api.listPromises(person.id);
      replaceChildren(promiseList, promises.length ? promises.map(promiseItem)
        : h('li', { class: 'muted' }, 'Note what you promised each other, with a date, and keep it.'));
    } catch (err) {
      replaceChildren(promiseList, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function promiseItem(p) {
    const who = p.owner === 'mine' ? `You owe ${labelFor(person)}` : `${labelFor(person)} owes you`;
    const when = p.status !== 'open' ? p.status
      : p.overdue ? `overdue since ${dateText(p.due_on)}`
        : p.due_on ? `due ${dateText(p.due_on)}` : 'no date';
    return h('li', { class: `ledger-item${p.overdue ? ' overdue' : ''}`, 'data-id': p.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, who), ': ', p.description, ' · ', h('span', { class: p.overdue ? 'overdue-text' : 'muted' }, when)),
      h('span', { class: 'ledger-actions' },
        p.status === 'open'
          ? [h('button', { type: 'button', class: 'promise-kept', onclick: () => promiseStatus(p, 'kept') }, 'Kept'),
            h('button', { type: 'button', class: 'link', onclick: () => promiseStatus(p, 'dropped') }, 'Dropped')]
          : h('button', { type: 'button', class: 'link', onclick: () => promiseStatus(p, 'open') }, 'Reopen'),
        h('button', { type: 'button', class: 'link promise-edit', 'aria-label': `Edit the promise “${p.description}”`, onclick: (e) => editPromise(p, e.target.closest('li')) }, 'Edit'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the promise “${p.description}”`, onclick: () => removePromise(p) }, 'Delete')));
  }

  function editPromise(p, row) {
    const prefix = 'edit-promise';
    const form = promiseFormFor(prefix, p);
    openEditor(row, form, {
      prefix,
      editButton: '.promise-edit',
      save: async () => {
        if (incompleteDate(form, prefix, 'due_on', 'That due date is not complete. Finish it, or clear it for no date.')) return undefined;
        const input = {
          owner: form.querySelector(`#${prefix}-owner`).value,
          description: form.querySelector(`#${prefix}-description`).value,
          due_on: form.querySelector(`#${prefix}-due_on`).value,
          status: form.querySelector(`#${prefix}-status`).value,
        };
        const saved = await api.editPromise(p.id, input);
        await loadPromises();
        promiseList.querySelector(`[data-id="${CSS.escape(p.id)}"] .promise-edit`)?.focus();
        return editMessage('the promise', changedFields(p, saved, {
          'who promised': (x) => x.owner,
          'the text': (x) => x.description,
          'the due date': (x) => x.due_on,
          'the status': (x) => x.status,
        }));
      },
    });
  }

  promiseForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (promiseForm.querySelector('#promise-due_on').validity.badInput) {
      showFormError(promiseForm, 'promise', { field: 'due_on', message: 'That due date is not complete. Finish it, or clear it for no date.' });
      return;
    }
    const input = {
      person_id: person.id,
      owner: promiseForm.querySelector('#promise-owner').value,
      description: promiseForm.querySelector('#promise-description').value,
      due_on: promiseForm.querySelector('#promise-due_on').value,
    };
    try {
      await api.makePromise(input);
      promiseForm.querySelector('#promise-description').value = '';
      promiseForm.querySelector('#promise-due_on').value = '';
      clearFormErrors(promiseForm);
      announce('Promise noted');
      await loadPromises();
    } catch (err) {
      showFormError(promiseForm, 'promise', err);
    }
  });

  async function promiseStatus(p, status) {
    try {
      await api.setPromiseStatus(p.id, status);
      await loadPromises();
      announce(status === 'open' ? 'Open again' : `Marked ${status}`);
    } catch (err) { showToast(err.message); }
  }

  async function removePromise(p) {
    try { await api.deletePromise(p.id); } catch (err) { showToast(err.message); return; }
    await loadPromises();
    showChange('Deleted the promise', runUndo);
  }

  // ---------- conflicts ----------

  async function loadConflicts() {
    try {
      const conflicts = await api.listConflicts(person.id);
      // Resolutions being typed survive the list being rebuilt.
      const typed = new Map([...conflictList.querySelectorAll('[id^="resolution-"]')].map((i) => [i.id, i.value]));
      replaceChildren(conflictList, conflicts.length ? conflicts.map(conflictItem)
        : h('li', { class: 'muted' }, 'Resolve tensions early: note them here with a date.'));
      for (const [id, value] of typed) {
        const input = conflictList.querySelector(`#${CSS.escape(id)}`);
        if (input) input.value = value;
      }
    } catch (err) {
      replaceChildren(conflictList, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function conflictItem(c) {
    const when = c.status === 'resolved' ? `resolved: ${c.resolution}`
      : c.overdue ? `overdue since ${dateText(c.resolve_by)}`
        : c.resolve_by ? `resolve by ${dateText(c.resolve_by)}` : 'open';
    const how = c.status === 'open' ? h('input', { type: 'text', id: `resolution-${c.id}`, 'aria-label': 'How it was resolved', placeholder: 'How it was resolved', autocomplete: 'off' }) : null;
    return h('li', { class: `ledger-item${c.overdue ? ' overdue' : ''}`, 'data-id': c.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, 'Conflict'), ': ', c.description, ' · ', h('span', { class: c.overdue ? 'overdue-text' : 'muted' }, when)),
      h('span', { class: 'ledger-actions' },
        c.status === 'open' ? [how, h('button', { type: 'button', class: 'conflict-resolve', onclick: () => resolveConflict(c, how.value) }, 'Resolved')] : null,
        h('button', { type: 'button', class: 'link conflict-edit', 'aria-label': `Edit the conflict “${c.description}”`, onclick: (e) => editConflict(c, e.target.closest('li')) }, 'Edit'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the conflict “${c.description}”`, onclick: () => removeConflict(c) }, 'Delete')));
  }

  function editConflict(c, row) {
    const prefix = 'edit-conflict';
    const form = conflictFormFor(prefix, c);
    openEditor(row, form, {
      prefix,
      editButton: '.conflict-edit',
      save: async () => {
        if (incompleteDate(form, prefix, 'resolve_by', 'That date is not complete. Finish it, or clear it for no date.')) return undefined;
        const input = {
          description: form.querySelector(`#${prefix}-description`).value,
          resolve_by: form.querySelector(`#${prefix}-resolve_by`).value,
        };
        const saved = await api.editConflict(c.id, input);
        await loadConflicts();
        conflictList.querySelector(`[data-id="${CSS.escape(c.id)}"] .conflict-edit`)?.focus();
        return editMessage('the conflict', changedFields(c, saved, {
          'the note': (x) => x.description,
          'the resolve-by date': (x) => x.resolve_by,
        }));
      },
    });
  }

  conflictForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (conflictForm.querySelector('#conflict-resolve_by').validity.badInput) {
      showFormError(conflictForm, 'conflict', { field: 'resolve_by', message: 'That date is not complete. Finish it, or clear it for no date.' });
      return;
    }
    const input = {
      person_id: person.id,
      description: conflictForm.querySelector('#conflict-description').value,
      resolve_by: conflictForm.querySelector('#conflict-resolve_by').value,
    };
    try {
      await api.openConflict(input);
      conflictForm.querySelector('#conflict-description').value = '';
      conflictForm.querySelector('#conflict-resolve_by').value = '';
      clearFormErrors(conflictForm);
      announce('Conflict noted');
      await loadConflicts();
    } catch (err) {
      showFormError(conflictForm, 'conflict', err);
    }
  });

  async function resolveConflict(c, resolution) {
    try {
      await api.resolveConflict(c.id, resolution);
      await loadConflicts();
      announce('Marked resolved');
    } catch (err) {
      showToast(err.message);
      conflictList.querySelector(`#resolution-${CSS.escape(c.id)}`)?.focus();
    }
  }

  async function removeConflict(c) {
    try { await api.deleteConflict(c.id); } catch (err) { showToast(err.message); return; }
    await loadConflicts();
    showChange('Deleted the conflict', runUndo);
  }

  loadFavours();
  loadPromises();
  loadConflicts();

  return {
    el,
    /** True while either form holds typed text. */
    isDirty: () => ['#favour-description', '#promise-description', '#conflict-description']
      .some((id) => el.querySelector(id).value)
      || [...conflictList.querySelectorAll('[id^="resolution-"]')].some((i) => i.value)
      || Boolean(editor?.isDirty()),
  };
}
