// Settings → Your data → Deleted records: how long deleted records are kept before they are
// removed for good, and the people deleted recently, each to restore or delete permanently.
// Everything it does asks the `api` it is given; names follow presenting mode.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { dateTimeText } from '../lib/format.js';
import { labelFor } from '../lib/presenting.js';
import { showChange } from '../lib/toast.js';
import { PERMANENT_HINT, deletePermanently } from './person-remove.js';

/** What the card says about copies and disks: deleting here does not reach everywhere. */
export const LIMITS = [
  'Copies taken before a record is removed for good (the automatic copies below, backups you saved) keep what they held until they are removed themselves.',
  'On an SSD, or a file system that keeps snapshots (Btrfs, ZFS, APFS, Time Machine), old blocks of the file may stay on the disk for a while after they were freed; with encryption on they stay unreadable.',
];

/** Asks to confirm deleting `person` permanently; resolves true to go ahead. */
function confirmPermanent(person) {
  const dialog = h('dialog', { id: 'purge-dialog', class: 'dialog', 'aria-labelledby': 'purge-title' },
    h('h2', { id: 'purge-title' }, `Delete ${labelFor(person)} permanently?`),
    h('p', {}, PERMANENT_HINT),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', id: 'purge-confirm', value: 'yes' }, 'Delete permanently'),
      h('button', { type: 'button', id: 'purge-cancel', value: '' }, 'Cancel')));
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('#purge-cancel').focus();
  return new Promise((resolve) => {
    const done = (yes) => { dialog.close(); dialog.remove(); resolve(yes); };
    dialog.addEventListener('click', (e) => { const b = e.target.closest('button'); if (b) done(b.value === 'yes'); });
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
  });
}

/** One deleted person: who, when, and what can be done. */
function deletedItem(person, { restore, purge }) {
  return h('li', { class: 'ledger-item', 'data-id': person.id },
    h('span', { class: 'ledger-text' }, labelFor(person), ' · ',
      h('span', { class: 'muted' }, `deleted ${dateTimeText(person.deleted_at)}`)),
    h('button', { type: 'button', class: 'link deleted-restore', onclick: () => restore(person) }, 'Restore'),
    h('button', { type: 'button', class: 'link danger deleted-purge', onclick: () => purge(person) }, 'Delete permanently'));
}

/** The form that sets the period, saved as one undoable change. */
function periodForm(api, runUndo, say) {
  const input = h('input', { id: 'purge-days', name: 'days', type: 'number', min: '1', max: '3650', step: '1', required: true, inputmode: 'numeric', 'aria-describedby': 'purge-days-error' });
  const error = h('p', { id: 'purge-days-error', class: 'form-error', role: 'alert' });
  const form = h('form', { id: 'purge-form', class: 'inline-form', novalidate: true },
    h('label', { for: 'purge-days' }, 'Remove deleted records for good after '), input, ' days ',
    h('button', { type: 'submit', id: 'purge-save' }, 'Save'), error);
  api.purgeDays().then((days) => { input.value = String(days); }, (err) => { error.textContent = err.message; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    try {
      const days = await api.setPurgeDays(Number(input.value));
      input.value = String(days);
      const text = `Deleted records are now kept ${days === 1 ? '1 day' : `${days} days`}`;
      announce(text);
      showChange(text, runUndo);
      say();
    } catch (err) {
      error.textContent = err.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
  return form;
}

/** The part of the data card about deleted records: `{ api, runUndo }`. */
export function deletedRecords({ api, runUndo }) {
  const list = h('ul', { class: 'ledger-list', id: 'deleted-people', 'aria-label': 'Recently deleted people' });
  const result = h('p', { id: 'deleted-result', role: 'status' });
  const fail = (err) => { result.className = 'form-error'; result.textContent = err.message; };

  async function load() {
    let people;
    try { people = await api.listDeletedPeople(); } catch (err) { fail(err); return; }
    replaceChildren(list, people.length
      ? people.map((p) => deletedItem(p, { restore, purge }))
      : [h('li', { class: 'muted', id: 'deleted-empty' }, 'No deleted people waiting to be removed.')]);
  }

  async function restore(person) {
    try { await api.restorePerson(person.id); } catch (err) { fail(err); return; }
    const text = `Restored ${labelFor(person)}`;
    announce(text);
    showChange(text, runUndo);
    await load();
  }

  async function purge(person) {
    if (!(await confirmPermanent(person))) return;
    if (await deletePermanently(person, api, fail)) await load();
    list.querySelector('button')?.focus();
  }

  load();
  return h('div', { class: 'deleted-records' },
    h('h3', {}, 'Deleted records'),
    h('p', {}, 'Deleted people, meetings, favours and maps are kept for a while so you can bring them back, then removed for good, with what the undo history held of them.'),
    periodForm(api, runUndo, load),
    h('h4', {}, 'Recently deleted people'),
    list, result,
    LIMITS.map((text) => h('p', { class: 'muted' }, text)));
}
