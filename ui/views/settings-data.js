// Settings → Your data: exports, a full backup, restoring one, and the automatic copies.
// Everything it does asks the `api` it is given; a restore reloads the page.

import { h, replaceChildren } from '../lib/dom.js';
import { dateTimeText } from '../lib/format.js';
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

/**
 * Restores the backup at `path` (chosen in the open dialog or dropped on the window) once the
 * user confirms; `say(text, ok)` reports the outcome. After a restore the page reloads.
 */
export async function restoreBackupAt(api, path, say) {
  const name = String(path).split(/[\\/]/).filter(Boolean).pop() ?? String(path);
  if (!(await confirmReplace(`the backup in ${name}`))) return;
  try {
    const kept = await api.restoreBackupFile(path);
    say(`Restored. The data it replaced is in ${kept}. Reloading…`);
    setTimeout(() => location.reload(), 1500);
  } catch (err) { say(err.message, false); }
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

/** The data card's files part: export buttons, restoring a backup, the automatic copies. */
export function dataFiles(api) {
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
      h('button', { type: 'button', id: 'save-backup', onclick: saved('A full backup', api.saveBackup) }, 'Save a full backup (JSON)')),
    h('p', {}, restoreFile),
    result,
    h('h3', {}, 'Automatic copies'),
    h('p', { class: 'muted' }, 'A copy of your data is taken every day (the last 7 days and one a week for 4 weeks are kept) and before every restore.'),
    copies);
}
