// Conflicts with one person: tensions noted early, with a date to resolve them by, and how they were.
import { announce, h, replaceChildren, updateChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { changedFields, editMessage } from '../lib/row-edit.js';
import { dateText } from '../lib/format.js';
import { editButtons, errorLines, incompleteDate } from './ledger-parts.js';

/** The conflicts with `person`: the form to add one and the list; it loads its own data. */
export function personConflicts(person, { api, runUndo }, editor) {
  const conflictList = h('ul', { class: 'ledger-list', id: 'conflicts', 'aria-label': `Conflicts with ${labelFor(person)}` });
  const conflictForm = conflictFormFor('conflict');

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



  async function loadConflicts() {
    try {
      const conflicts = await api.listConflicts(person.id);
      // Resolutions being typed survive the list being rebuilt.
      updateChildren(conflictList, conflicts.length ? conflicts.map(conflictItem)
        : h('li', { class: 'muted' }, 'Resolve tensions early: note them here with a date.'));
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
    editor.open(row, form, {
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


  loadConflicts();

  return {
    els: [conflictForm, conflictList],
    isDirty: () => Boolean(conflictForm.querySelector('#conflict-description').value)
      || [...conflictList.querySelectorAll('[id^="resolution-"]')].some((i) => i.value),
  };
}
