// Promises with one person, both ways, with a due date; overdue ones show it.
import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { changedFields, editMessage } from '../lib/row-edit.js';
import { dateText } from '../lib/format.js';
import { choice, editButtons, errorLines, incompleteDate } from './ledger-parts.js';

/** The promises with `person`: the form to add one and the list; it loads its own data. */
export function personPromises(person, { api, runUndo }, editor) {
  const promiseList = h('ul', { class: 'ledger-list', id: 'promises', 'aria-label': `Promises with ${labelFor(person)}` });
  const promiseForm = promiseFormFor('promise');

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
    editor.open(row, form, {
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


  loadPromises();

  return { els: [promiseForm, promiseList], isDirty: () => Boolean(promiseForm.querySelector('#promise-description').value) };
}
