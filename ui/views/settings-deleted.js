// Settings → Your data → Deleted records: how long deleted records are kept before they are
// removed for good, and every record deleted recently (people, maps, meetings, favours…), each
// to bring back or delete permanently.
// Everything it does asks the `api` it is given; names follow presenting mode.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { dateTimeText } from '../lib/format.js';
import { labelFor, onPresentingChange, redactNames } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';
import { PERMANENT_HINT } from './person-remove.js';

/** What the card says about copies and disks: deleting here does not reach everywhere. */
export const LIMITS = [
  'Copies taken before a record is removed for good (the automatic copies below, backups you saved) keep what they held until they are removed themselves.',
  'On an SSD, or a file system that keeps snapshots (Btrfs, ZFS, APFS, Time Machine), old blocks of the file may stay on the disk for a while after they were freed; with encryption on they stay unreadable.',
];

/** What each kind of deleted record is called in the list. */
export const KIND_LABELS = {
  person: 'Person', map: 'Map', interaction: 'Meeting', favour: 'Favour', promise: 'Promise',
  conflict: 'Conflict', reminder: 'Reminder', check_in: 'Regular check-in', group: 'Group',
  attendance: 'Group visit', link: 'Connection', tour: 'Newbie tour', tour_stop: 'Tour meeting',
  win: 'Win', win_share: 'Win shared', forum: 'Forum', ask: 'Ask',
};

const HINT = 'Removed from Allies now, with what went with it and the undo steps that held it. This cannot be undone; copies taken before keep what they held.';

/**
 * What the list says a deleted record is: a person by their label; another record by its kind,
 * its words and the people it is about, every name as presenting mode shows it.
 */
export function describeDeleted(record) {
  const person = record.person_name == null ? null : { name: record.person_name };
  const other = record.other_name == null ? null : { name: record.other_name };
  if (record.kind === 'person') return labelFor(person);
  const kind = KIND_LABELS[record.kind] ?? record.kind;
  const about = [person, other].filter(Boolean);
  const words = redactNames(String(record.title ?? '').replace(/\s+/g, ' ').trim(), about);
  const short = words.length > 80 ? `${words.slice(0, 79)}…` : words;
  if (record.kind === 'link') {
    return `${kind}: ${[person, other].map((p) => (p ? labelFor(p) : '?')).join(` ${short.replaceAll('_', ' ')} `)}`;
  }
  const whom = person ? ` · ${labelFor(person)}` : '';
  return `${kind}: ${short || '(no text)'}${whom}`;
}

/** Asks to confirm deleting `record` permanently; resolves true to go ahead. */
function confirmPermanent(record) {
  const what = record.kind === 'person' ? labelFor({ name: record.person_name }) : `this ${(KIND_LABELS[record.kind] ?? 'record').toLowerCase()}`;
  const dialog = h('dialog', { id: 'purge-dialog', class: 'dialog', 'aria-labelledby': 'purge-title' },
    h('h2', { id: 'purge-title' }, `Delete ${what} permanently?`),
    h('p', {}, record.kind === 'person' ? PERMANENT_HINT : HINT),
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

/** One deleted record: what, when, and what can be done. */
function deletedItem(record, { restore, purge }) {
  const what = describeDeleted(record);
  return h('li', { class: 'ledger-item', 'data-id': record.id, 'data-kind': record.kind },
    h('span', { class: 'ledger-text' }, what, ' · ',
      h('span', { class: 'muted' }, `deleted ${dateTimeText(record.deleted_at)}`)),
    h('button', { type: 'button', class: 'link deleted-restore', 'aria-label': `Bring back ${what}`, onclick: () => restore(record) }, 'Bring back'),
    h('button', { type: 'button', class: 'link danger deleted-purge', 'aria-label': `Delete ${what} permanently`, onclick: () => purge(record) }, 'Delete permanently'));
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

/**
 * The part of the data card about deleted records: `{ api, runUndo }`. Returns `{ el, destroy }`;
 * the list follows presenting mode (names become roles or initials) until `destroy`.
 */
export function deletedRecords({ api, runUndo }) {
  const list = h('ul', { class: 'ledger-list', id: 'deleted-list', 'aria-label': 'Recently deleted' });
  const result = h('p', { id: 'deleted-result', role: 'status' });
  const fail = (err) => { result.className = 'form-error'; result.textContent = err.message; };

  async function load() {
    let records;
    try { records = await api.listDeletedRecords(); } catch (err) { fail(err); return; }
    replaceChildren(list, records.length
      ? records.map((r) => deletedItem(r, { restore, purge }))
      : [h('li', { class: 'muted', id: 'deleted-empty' }, 'Nothing deleted is waiting to be removed.')]);
  }

  async function restore(record) {
    try { await api.bringBackRecord(record.kind, record.id); } catch (err) { fail(err); return; }
    const text = `Brought back ${describeDeleted(record)}`;
    announce(text);
    showChange(text, runUndo);
    await load();
    list.querySelector('button')?.focus();
  }

  async function purge(record) {
    if (!(await confirmPermanent(record))) return;
    try { await api.deleteRecordPermanently(record.kind, record.id); } catch (err) { fail(err); return; }
    const text = `Deleted ${describeDeleted(record)} permanently`;
    announce(`${text}. This cannot be undone.`);
    showToast(`${text}.`);
    await load();
    list.querySelector('button')?.focus();
  }

  load();
  const stopPresenting = onPresentingChange(() => load());
  const el = h('div', { class: 'deleted-records' },
    h('h3', {}, 'Deleted records'),
    h('p', {}, 'Deleted people, meetings, favours, maps and everything else are kept for a while so you can bring them back, then removed for good, with what the undo history held of them.'),
    periodForm(api, runUndo, load),
    h('h4', {}, 'Recently deleted'),
    h('p', { class: 'muted' }, 'What was deleted with a person (their favours, meetings only they were at) comes back, or goes for good, with them.'),
    list, result,
    LIMITS.map((text) => h('p', { class: 'muted' }, text)));
  return { el, destroy: stopPresenting };
}
