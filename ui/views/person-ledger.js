// Favours, promises and conflicts with one person: the ledger kept kindly. Received favours, once done,
// ask for a thank-you; promises show when they are overdue.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showToast } from '../lib/toast.js';

const THANKS = ['In person', 'A message', 'An email', 'A note', 'A public shout-out', 'A small gift'];

const dayOf = (iso) => new Date(iso).toLocaleDateString();

/** The favours, promises and conflicts section for `person`; it loads its own data. */
export function personLedger(person, { api, runUndo }) {
  const balance = h('p', { class: 'muted', id: 'favour-balance' });
  const favourList = h('ul', { class: 'ledger-list', id: 'favours', 'aria-label': `Favours with ${labelFor(person)}` });
  const promiseList = h('ul', { class: 'ledger-list', id: 'promises', 'aria-label': `Promises with ${labelFor(person)}` });

  const favourForm = h('form', { class: 'ledger-form', id: 'favour-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'favour-direction' }, 'Who does the favour'),
    h('select', { id: 'favour-direction' },
      h('option', { value: 'by_them' }, `${labelFor(person)} for me`),
      h('option', { value: 'by_me' }, `Me for ${labelFor(person)}`)),
    h('label', { class: 'visually-hidden', for: 'favour-description' }, 'The favour'),
    h('input', { id: 'favour-description', type: 'text', autocomplete: 'off', placeholder: 'Reviewed my design doc' }),
    h('button', { type: 'submit', id: 'favour-add' }, 'Add favour'),
    h('p', { class: 'field-error', id: 'favour-description-error', hidden: true }),
    h('p', { class: 'form-error', id: 'favour-form-error', role: 'alert', hidden: true }));

  const promiseForm = h('form', { class: 'ledger-form', id: 'promise-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'promise-owner' }, 'Who promised'),
    h('select', { id: 'promise-owner' },
      h('option', { value: 'mine' }, `I owe ${labelFor(person)}`),
      h('option', { value: 'theirs' }, `${labelFor(person)} owes me`)),
    h('label', { class: 'visually-hidden', for: 'promise-description' }, 'The promise'),
    h('input', { id: 'promise-description', type: 'text', autocomplete: 'off', placeholder: 'The deck by Friday' }),
    h('label', { class: 'visually-hidden', for: 'promise-due_on' }, 'Due'),
    h('input', { id: 'promise-due_on', type: 'date', title: 'Due (optional)' }),
    h('button', { type: 'submit', id: 'promise-add' }, 'Add promise'),
    h('p', { class: 'field-error', id: 'promise-description-error', hidden: true }),
    h('p', { class: 'field-error', id: 'promise-due_on-error', hidden: true }),
    h('p', { class: 'form-error', id: 'promise-form-error', role: 'alert', hidden: true }));

  const conflictList = h('ul', { class: 'ledger-list', id: 'conflicts', 'aria-label': `Conflicts with ${labelFor(person)}` });
  const conflictForm = h('form', { class: 'ledger-form', id: 'conflict-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'conflict-description' }, 'The tension'),
    h('input', { id: 'conflict-description', type: 'text', autocomplete: 'off', placeholder: 'A tension to resolve early' }),
    h('label', { class: 'visually-hidden', for: 'conflict-resolve_by' }, 'Resolve by'),
    h('input', { id: 'conflict-resolve_by', type: 'date', title: 'Resolve by (optional)' }),
    h('button', { type: 'submit', id: 'conflict-add' }, 'Add conflict'),
    h('p', { class: 'field-error', id: 'conflict-description-error', hidden: true }),
    h('p', { class: 'field-error', id: 'conflict-resolve_by-error', hidden: true }),
    h('p', { class: 'form-error', id: 'conflict-form-error', role: 'alert', hidden: true }));

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
      : f.thanked_at ? `done, thanked ${dayOf(f.thanked_at)}${f.thanked_how ? ` (${f.thanked_how})` : ''}`
        : f.direction === 'by_them' ? 'done: say thank you' : 'done';
    const how = f.thanks_due ? h('select', { id: `thank-how-${f.id}`, 'aria-label': 'How you thanked them' }, THANKS.map((t) => h('option', { value: t }, t))) : null;
    return h('li', { class: `ledger-item${f.thanks_due ? ' due' : ''}`, 'data-id': f.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, who), ': ', f.description, ' · ', h('span', { class: 'muted' }, state)),
      h('span', { class: 'ledger-actions' },
        f.status === 'open'
          ? h('button', { type: 'button', class: 'favour-done', onclick: () => favourDone(f, true) }, 'Mark done')
          : f.thanks_due ? [how, h('button', { type: 'button', class: 'favour-thank', onclick: () => thank(f, how.value) }, 'Thanked')]
            : h('button', { type: 'button', class: 'link', onclick: () => favourDone(f, false) }, 'Reopen'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the favour “${f.description}”`, onclick: () => removeFavour(f) }, 'Delete')));
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

  async function thank(f, how) {
    try {
      await api.thankFavour(f.id, how);
      await loadFavours();
      announce(`Noted that you thanked ${labelFor(person)}`);
    } catch (err) { showToast(err.message); }
  }

  async function removeFavour(f) {
    try { await api.deleteFavour(f.id); } catch (err) { showToast(err.message); return; }
    await loadFavours();
    showToast('Deleted the favour', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo() });
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
      : p.overdue ? `overdue since ${new Date(`${p.due_on}T00:00`).toLocaleDateString()}`
        : p.due_on ? `due ${new Date(`${p.due_on}T00:00`).toLocaleDateString()}` : 'no date';
    return h('li', { class: `ledger-item${p.overdue ? ' overdue' : ''}`, 'data-id': p.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, who), ': ', p.description, ' · ', h('span', { class: p.overdue ? 'overdue-text' : 'muted' }, when)),
      h('span', { class: 'ledger-actions' },
        p.status === 'open'
          ? [h('button', { type: 'button', class: 'promise-kept', onclick: () => promiseStatus(p, 'kept') }, 'Kept'),
            h('button', { type: 'button', class: 'link', onclick: () => promiseStatus(p, 'dropped') }, 'Dropped')]
          : h('button', { type: 'button', class: 'link', onclick: () => promiseStatus(p, 'open') }, 'Reopen'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the promise “${p.description}”`, onclick: () => removePromise(p) }, 'Delete')));
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
    showToast('Deleted the promise', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo() });
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
      : c.overdue ? `overdue since ${new Date(`${c.resolve_by}T00:00`).toLocaleDateString()}`
        : c.resolve_by ? `resolve by ${new Date(`${c.resolve_by}T00:00`).toLocaleDateString()}` : 'open';
    const how = c.status === 'open' ? h('input', { type: 'text', id: `resolution-${c.id}`, 'aria-label': 'How it was resolved', placeholder: 'How it was resolved', autocomplete: 'off' }) : null;
    return h('li', { class: `ledger-item${c.overdue ? ' overdue' : ''}`, 'data-id': c.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, 'Conflict'), ': ', c.description, ' · ', h('span', { class: c.overdue ? 'overdue-text' : 'muted' }, when)),
      h('span', { class: 'ledger-actions' },
        c.status === 'open' ? [how, h('button', { type: 'button', class: 'conflict-resolve', onclick: () => resolveConflict(c, how.value) }, 'Resolved')] : null,
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the conflict “${c.description}”`, onclick: () => removeConflict(c) }, 'Delete')));
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
    showToast('Deleted the conflict', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo() });
  }

  loadFavours();
  loadPromises();
  loadConflicts();

  return {
    el,
    /** True while either form holds typed text. */
    isDirty: () => ['#favour-description', '#promise-description', '#conflict-description']
      .some((id) => el.querySelector(id).value)
      || [...conflictList.querySelectorAll('[id^="resolution-"]')].some((i) => i.value),
  };
}
