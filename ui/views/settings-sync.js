// Settings → Sync: the user's computers kept in step through a folder their own file sync
// carries. Off: the folder (chosen or typed), this computer's name and the passphrase twice.
// On: the folder, this computer and what waits, each other computer and when it last wrote,
// problems, "Sync now", "Turn off", and the conflict log with "Restore" per entry.
// Everything it does asks the `api` it is given; the store's `synced` counter reloads it.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { conflictText, deviceText, pendingText, problemText, roundText, syncFormProblem, wroteWhen } from '../lib/sync-format.js';
import { showToast } from '../lib/toast.js';

const INTRO = 'Keeps Allies the same on each computer you use, through a folder your own file sync already carries (OneDrive, Dropbox, iCloud Drive, Syncthing, Nextcloud, a USB stick). Allies writes its changes there, sealed with a passphrase you choose, and reads the other computers’ changes from it. It needs no account and no network of its own.';
const NEVER = 'Choose a folder of its own, never the folder Allies keeps its data in: a database copied while it is written to is damaged.';

const fieldError = (id) => h('p', { class: 'field-error', id: `${id}-error`, hidden: true });

/** The "Turn on sync" form; `done()` runs once sync is on. */
function enableForm(api, view, done) {
  const folder = h('input', { id: 'sync-folder', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: '/home/you/Dropbox/Allies' });
  const choose = h('button', { type: 'button', id: 'sync-choose' }, 'Choose…');
  const name = h('input', { id: 'sync-device_name', type: 'text', autocomplete: 'off', value: view.computer_name || 'This computer' });
  const passphrase = h('input', { id: 'sync-passphrase', type: 'password', autocomplete: 'new-password', spellcheck: 'false' });
  const repeat = h('input', { id: 'sync-repeat', type: 'password', autocomplete: 'new-password', spellcheck: 'false' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'sync-submit' }, 'Turn on sync');
  const form = h('form', { class: 'settings-form', id: 'sync', novalidate: true },
    h('label', { for: 'sync-folder' }, 'Folder to sync through', h('span', { class: 'inline-field' }, folder, choose)),
    fieldError('sync-folder'),
    h('label', { for: 'sync-device_name' }, 'This computer’s name', name), fieldError('sync-device_name'),
    h('label', { for: 'sync-passphrase' }, 'Sync passphrase (the same on every computer)', passphrase), fieldError('sync-passphrase'),
    h('label', { for: 'sync-repeat' }, 'The same passphrase again', repeat), fieldError('sync-repeat'),
    h('p', { class: 'form-error', id: 'sync-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, submit));
  choose.addEventListener('click', async () => {
    try {
      const chosen = await api.chooseSyncFolder();
      if (chosen) folder.value = chosen;
    } catch (err) {
      showFormError(form, 'sync', { ...err, field: 'folder', message: err.message });
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFormErrors(form);
    const values = { folder: folder.value.trim(), deviceName: name.value.trim(), passphrase: passphrase.value, repeat: repeat.value };
    const problem = syncFormProblem(values);
    if (problem) {
      showFormError(form, 'sync', problem);
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Turning on…';
    try {
      await api.syncEnable(values.folder, values.passphrase, values.deviceName);
      passphrase.value = '';
      repeat.value = '';
      announce('Sync is on');
      done();
    } catch (err) {
      showFormError(form, 'sync', err);
      submit.disabled = false;
      submit.textContent = 'Turn on sync';
    }
  });
  return form;
}

/** What is wrong with the folder or the last round: the folder's problem and the background's last failure, each once. */
function standingProblems(view) {
  return [...new Set([view.status.folder_problem, view.problem].filter(Boolean))];
}

/** The list of problems: the standing ones, then files that wait or failed. */
function problemList(view) {
  const status = view.status;
  const items = [
    ...standingProblems(view).map((text) => h('li', { class: 'form-error' }, text)),
    ...status.errors.map((p) => h('li', { class: 'form-error' }, problemText(p))),
    ...status.waiting.map((p) => h('li', { class: 'muted' }, problemText(p))),
  ];
  if (!items.length) return h('p', { id: 'sync-problems', class: 'muted' }, 'No problems.');
  return h('ul', { id: 'sync-problems', class: 'plain-list' }, items);
}

/** The conflict log, newest first, each with "Restore". */
function conflictLog(api, conflicts, reload) {
  if (!conflicts.length) return h('p', { id: 'sync-conflicts', class: 'muted' }, 'No conflicts so far: no change was overridden.');
  return h('ul', { id: 'sync-conflicts', class: 'plain-list' }, conflicts.map((c) => {
    const restore = h('button', { type: 'button', class: 'sync-restore', disabled: Boolean(c.restored_at) }, c.restored_at ? 'Restored' : 'Restore');
    restore.addEventListener('click', async () => {
      restore.disabled = true;
      try {
        await api.syncRestoreConflict(c.id);
        showToast('Restored. It goes to your other computers at the next sync.');
        reload();
      } catch (err) {
        restore.disabled = false;
        showToast(err.message);
      }
    });
    return h('li', { class: 'sync-conflict' },
      h('span', {}, conflictText(c)), ' ', h('span', { class: 'muted' }, `(${wroteWhen(c.at)})`), ' ', restore);
  }));
}

/** Sync is on: where, who, what waits, and the buttons. */
function onView(api, view, conflicts, reload, result) {
  const { status } = view;
  const now = h('button', { type: 'button', class: 'primary', id: 'sync-now' }, 'Sync now');
  const off = h('button', { type: 'button', id: 'sync-off' }, 'Turn off');
  now.addEventListener('click', async () => {
    now.disabled = true;
    now.textContent = 'Syncing…';
    let said;
    try {
      said = { text: roundText(await api.syncNow()), error: false };
    } catch (err) {
      said = { text: err.message, error: true };
    }
    announce(said.text);
    reload(said);
  });
  off.addEventListener('click', async () => {
    off.disabled = true;
    try {
      await api.syncDisable();
      announce('Sync is off');
      reload({ text: 'Sync is off. The folder and your other computers are left as they are.', error: false });
    } catch (err) {
      off.disabled = false;
      showToast(err.message);
    }
  });
  let others;
  if (status.folder_problem) others = h('p', { id: 'sync-devices', class: 'muted' }, 'Your other computers are listed once the folder is back.');
  else if (status.devices.length) others = h('ul', { id: 'sync-devices', class: 'plain-list' }, status.devices.map((d) => h('li', {}, deviceText(d))));
  else others = h('p', { id: 'sync-devices', class: 'muted' }, 'No other computer has written to the folder yet.');
  return [
    h('p', { id: 'sync-on', class: 'success' }, 'Sync is on, through ', h('code', { class: 'path', id: 'sync-folder-path' }, view.folder)),
    h('p', { id: 'sync-this' }, 'This computer: ', h('strong', {}, status.device_name), '. ', pendingText(status.outbox_pending)),
    h('h3', {}, 'Your other computers'), others,
    h('h3', {}, 'Problems'), problemList(view),
    h('div', { class: 'actions' }, now, off),
    result ? h('p', { id: 'sync-result', class: result.error ? 'form-error' : 'success', role: result.error ? 'alert' : 'status' },
      result.error && standingProblems(view).includes(result.text) ? 'Nothing was synced: the problem above says why.' : result.text) : null,
    h('h3', {}, 'Conflicts'),
    h('p', { class: 'muted' }, 'When the same record was changed on two computers, the later change wins on both; what it replaced is kept here.'),
    conflictLog(api, conflicts, () => reload()),
  ];
}

/** The Sync card: { el, destroy }. */
export function syncCard(api, store) {
  const body = h('div', { id: 'sync-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Reading…'));
  const el = h('section', { class: 'card', 'aria-labelledby': 'settings-sync' },
    h('h2', { id: 'settings-sync' }, 'Sync'), h('p', {}, INTRO), body);
  let alive = true;
  // What the last round (or turning off) said: it stays through reloads that are not a round
  // of their own (a sync in the background, a restore), until the next one says something else.
  let result = null;
  // Reloads can overlap (a round's own and the one its applied changes set off): only the
  // newest draws, so an older reply never covers a newer one.
  let latest = 0;
  async function reload(said) {
    if (said !== undefined) result = said;
    const mine = ++latest;
    let view;
    let conflicts = [];
    try {
      view = await api.syncStatus();
      if (view?.on) conflicts = await api.syncConflicts();
    } catch (err) {
      if (alive && mine === latest) replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    if (!alive || mine !== latest) return;
    if (view?.on) {
      replaceChildren(body, onView(api, view, conflicts, reload, result));
    } else {
      replaceChildren(body,
        result ? h('p', { id: 'sync-result', class: 'success' }, result.text) : null,
        h('p', { class: 'notice' }, NEVER),
        enableForm(api, view ?? {}, () => reload(null)));
    }
    body.dataset.loaded = 'true';
  }
  reload();
  const stop = store?.on('synced', () => reload());
  return { el, destroy() { alive = false; stop?.(); } };
}
