// Settings → Your data: exports, a full backup (saying whether it is encrypted), restoring one
// (asking for the passphrase of an encrypted one when the data's own does not open it), and the
// automatic copies. Everything it does asks the `api` it is given; a restore reloads the page.

import { h, replaceChildren } from '../lib/dom.js';
import { baseName, dateTimeText } from '../lib/format.js';
import { snapshotReason, snapshotSize } from '../lib/settings-format.js';

/** Asks to confirm replacing everything; resolves true to go ahead. */
function confirmReplace(what) {
  const dialog = h('dialog', { id: 'restore-dialog', class: 'dialog', 'aria-labelledby': 'restore-title' },
    h('h2', { id: 'restore-title' }, 'Replace everything?'),
    h('p', {}, `Everything now in Allies will be replaced by ${what}. The current data is copied to the backups folder first, so you can go back.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'restore-confirm', value: 'yes' }, 'Replace everything'),
      h('button', { type: 'button', id: 'restore-cancel', value: '' }, 'Cancel')));
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (yes) => { dialog.close(); dialog.remove(); resolve(yes); };
    dialog.addEventListener('click', (e) => { const b = e.target.closest('button'); if (b) done(b.value === 'yes'); });
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
  });
}

const takenAt = (c) => dateTimeText(c.taken_at);

/** The codes of a backup that needs a passphrase (another than the data's, or none is set). */
const NEEDS_PASSPHRASE = ['backup.passphrase_needed', 'backup.wrong_passphrase'];

/** Asks for the passphrase an encrypted backup was made with; resolves to it, or null. */
export function askBackupPassphrase(why) {
  const input = h('input', { id: 'backup-passphrase', type: 'password', autocomplete: 'off', required: true });
  const dialog = h('dialog', { id: 'backup-passphrase-dialog', class: 'dialog', 'aria-labelledby': 'backup-passphrase-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'backup-passphrase-title' }, 'This backup is encrypted'),
      h('p', { role: 'alert' }, why),
      h('label', { for: 'backup-passphrase' }, 'Passphrase'), input,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'backup-passphrase-ok', value: 'ok' }, 'Restore'),
        h('button', { type: 'button', id: 'backup-passphrase-cancel', value: '' }, 'Cancel'))));
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('form').addEventListener('submit', (e) => { e.preventDefault(); if (input.value) done(input.value); });
    dialog.querySelector('#backup-passphrase-cancel').addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
  });
}

/**
 * Restores the backup at `path` (chosen in the open dialog or dropped on the window) once the
 * user confirms; `say(text, ok)` reports the outcome. After a restore the page reloads.
 */
export async function restoreBackupAt(api, path, say) {
  if (!(await confirmReplace(`the backup in ${baseName(path)}`))) return;
  let passphrase = null;
  for (;;) {
    try {
      const kept = await api.restoreBackupFile(path, passphrase);
      say(`Restored. The data it replaced is in ${kept}. Reloading…`);
      setTimeout(() => location.reload(), 1500);
      return;
    } catch (err) {
      if (!NEEDS_PASSPHRASE.includes(err.code)) { say(err.message, false); return; }
      passphrase = await askBackupPassphrase(err.message);
      if (passphrase === null) { say('Not restored: the backup needs the passphrase it was made with. Nothing was changed.', false); return; }
    }
  }
}

/** The list of automatic copies, each with its Restore button, or why there are none. */
function copyItems({ copies, error }, restore) {
  if (error) return [h('li', { class: 'form-error', role: 'alert' }, error)];
  return copies.length
    ? copies.map((c) => h('li', { class: 'ledger-item' },
      h('span', { class: 'ledger-text' }, takenAt(c), ' · ', snapshotReason(c.reason), ' · ', snapshotSize(c.bytes)),
      h('button', { type: 'button', class: 'link snapshot-restore', onclick: () => restore(c) }, 'Restore')))
    : [h('li', { class: 'muted' }, 'No copies yet; the first is taken today.')];
}

/** What the backup button's neighbour says: whether the backup it saves is encrypted. */
export function backupEncryptionText(encrypted) {
  return encrypted
    ? 'The full backup is encrypted with your passphrase; restoring it needs that passphrase. The other exports (CSV, vCard, calendar) are not encrypted.'
    : 'The full backup is not encrypted: anyone who has the file can read it. Turn on encryption below to encrypt it too.';
}

/**
 * The data card's files part: export buttons, the backup (encrypted or not, with deleted
 * records or not), restoring a backup, the automatic copies. `status.encrypted` says which.
 */
export function dataFiles(api, status = {}) {
  const result = h('p', { id: 'data-result', role: 'status' });
  const say = (text, ok = true) => { result.className = ok ? 'success' : 'form-error'; result.textContent = text; };
  // Cancelling the save dialog is not a failure: nothing is said and nothing was written.
  const saved = (what, call) => async () => {
    try {
      const path = await call();
      if (path) say(`${what} saved as ${path}`);
    } catch (err) { say(err.message, false); }
  };
  const restoreFile = h('button', { type: 'button', id: 'restore-choose' }, 'Restore from a backup file…');
  const withDeleted = h('input', { type: 'checkbox', id: 'backup-with-deleted' });
  const copies = h('ul', { class: 'ledger-list', id: 'snapshots', 'aria-label': 'Automatic copies' });
  const whenRestored = (kept) => {
    say(`Restored. The data it replaced is in ${kept}. Reloading…`);
    setTimeout(() => location.reload(), 1500);
  };

  restoreFile.addEventListener('click', async () => {
    let path;
    try { path = await api.chooseFileToOpen('backup'); } catch (err) { say(err.message, false); return; }
    if (path) await restoreBackupAt(api, path, say);
  });

  async function restoreCopy(c) {
    if (!(await confirmReplace(`the copy from ${takenAt(c)}`))) return;
    try { whenRestored(await api.restoreSnapshot(c.path)); } catch (err) { say(err.message, false); }
  }

  async function loadCopies() {
    let state;
    try {
      state = { copies: (await api.listSnapshots()).copies, error: null };
    } catch (err) {
      state = { copies: [], error: err.message };
    }
    replaceChildren(copies, copyItems(state, restoreCopy));
  }
  loadCopies();

  return h('div', { class: 'data-files' },
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'export-csv', onclick: saved('The people list', api.exportPeopleCsv) }, 'Export people (CSV)'),
      h('button', { type: 'button', id: 'export-redacted', title: 'Initials instead of names; no email, tags or notes', onclick: saved('The people list without names', api.exportPeopleRedacted) }, 'Export people, redacted (CSV)'),
      h('button', { type: 'button', id: 'export-vcard', onclick: saved('The address book', api.exportPeopleVcard) }, 'Export people (vCard)'),
      h('button', { type: 'button', id: 'export-ics', onclick: saved('The calendar', api.exportCalendar) }, 'Export reminders (calendar)'),
      h('button', { type: 'button', id: 'export-wins', title: 'Each win with its goal, link and who knows it', onclick: saved('Your wins', api.exportWinsCsv) }, 'Export your wins (CSV)'),
      h('button', { type: 'button', id: 'export-asks', title: 'Each ask with its goal, forum and where it stands', onclick: saved('Your asks', api.exportAsksCsv) }, 'Export your asks (CSV)'),
      h('button', { type: 'button', id: 'save-backup', onclick: saved('A full backup', () => api.saveBackup(Boolean(withDeleted.checked))) }, 'Save a full backup (JSON)')),
    h('p', { id: 'backup-encryption', class: status.encrypted ? 'success' : 'muted' }, backupEncryptionText(Boolean(status.encrypted))),
    h('p', {}, h('label', {}, withDeleted, ' Include deleted records not yet removed for good (left out otherwise)')),
    h('p', {}, restoreFile),
    result,
    h('h3', {}, 'Automatic copies'),
    h('p', { class: 'muted' }, 'A copy of your data is taken every day (the last 7 days and one a week for 4 weeks are kept) and before every restore.'),
    copies);
}
