// Removing a person: a dialog asks whether to keep their history (as a former colleague) or
// delete them with what is only theirs; then it is done, with Undo in a toast. A former
// colleague can also be deleted permanently: removed for good at once, which cannot be undone.

import { announce, h } from '../lib/dom.js';
import { undoHint } from '../lib/shortcuts.js';
import { labelFor } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';

/** What "Delete permanently" says it does, here and in the recently deleted list. */
export const PERMANENT_HINT = 'Removed from Allies now, with what is only theirs and the undo steps that held it. This cannot be undone; copies taken before keep what they held.';

/**
 * The dialog's content; a former colleague can be deleted or deleted permanently. Choices
 * carry their answer as `value`.
 */
export function removeDialog(person) {
  const choice = (id, value, cls, label, hint) => h('button', { type: 'button', id, class: cls, value },
    h('strong', {}, label), h('span', { class: 'choice-hint' }, hint));
  return h('dialog', { id: 'leave-dialog', class: 'dialog', 'aria-labelledby': 'leave-title' },
    h('h2', { id: 'leave-title' }, `Remove ${labelFor(person)}?`),
    h('div', { class: 'dialog-choices' },
      person.left_at ? null : choice('leave-keep', 'former', 'choice', 'Keep their history',
        'They leave your list, maps and reminders; interactions, favours and promises stay, under Former colleagues.'),
      choice('leave-delete', 'delete', 'choice danger', 'Delete them and what is only theirs',
        'Their favours, promises, conflicts and the interactions with no one else go too. Meetings shared with others stay.'),
      person.left_at ? choice('leave-purge', 'purge', 'choice danger', 'Delete permanently', PERMANENT_HINT) : null),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'leave-cancel', value: '' }, 'Cancel')));
}

/** Shows the dialog; resolves to 'former', 'delete', 'purge' or null (cancelled, or Esc). */
export function askHowToRemove(person) {
  const dialog = removeDialog(person);
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value || null); };
    dialog.addEventListener('click', (e) => {
      const button = e.target.closest('button');
      if (button) done(button.value);
    });
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
  });
}

/** What removing `person` the way chosen is called, in the toast and the undo history. */
export function removedLabel(person, how) {
  if (how === 'former') return `Moved ${labelFor(person)} to former colleagues`;
  if (how === 'purge') return `Deleted ${labelFor(person)} permanently`;
  return `Deleted ${labelFor(person)}`;
}

/**
 * Deletes `person` permanently through `api` and says so, with no Undo (there is none);
 * resolves true when done. `failed(err)` shows an error.
 */
export async function deletePermanently(person, api, failed) {
  try {
    await api.deletePersonPermanently(person.id);
  } catch (err) {
    failed(err);
    return false;
  }
  const label = removedLabel(person, 'purge');
  announce(`${label}. This cannot be undone.`);
  showToast(`${label}.`);
  return true;
}

/**
 * Asks, removes `person` and offers Undo. Through `view`: `api`, `runUndo`, `store`;
 * `failed(err)` shows an error; `removed(id)` forgets an open form of theirs; `reload(focusId)`
 * reads the list again; `done()` puts the focus back.
 */
export async function removePerson(person, view) {
  const { api, store } = view;
  const how = await askHowToRemove(person);
  if (!how) return;
  if (how === 'purge') {
    if (!(await deletePermanently(person, api, view.failed))) return;
    store.bump('people');
    view.removed(person.id);
    await view.reload();
    view.done();
    return;
  }
  try {
    if (how === 'former') await api.markFormer(person.id);
    else await api.deletePerson(person.id);
  } catch (err) {
    view.failed(err);
    return;
  }
  store.bump('people');
  view.removed(person.id);
  const label = removedLabel(person, how);
  await view.reload();
  view.done();
  announce(`${label}. ${undoHint()}`);
  showChange(label, view.runUndo);
}
