// Starts the app: checks the database, then shows the sections (or the "can't open" screen).

import { api, onAppEvent } from './lib/api.js';
import { announce } from './lib/dom.js';
import { dateTimeText } from './lib/format.js';
import { ActivityReport, lockAfterMinutes } from './lib/idle.js';
import { FLASH_KEY, lockApp, reloadWith } from './lib/lock.js';
import { hashFor, paramFromHash, placeHash, rememberSection, sectionFromHash, startHash } from './lib/router.js';
import { isPresenting, onPresentingChange, presentingMode, setPresentingMode, togglePresenting } from './lib/presenting.js';
import { choosePageFont } from './lib/page-font.js';
import { fillKeyLabels, isTextField, keyLabel, shortcutFor } from './lib/shortcuts.js';
import { showToast } from './lib/toast.js';
import { Store } from './lib/store.js';
import { UndoHistory } from './lib/undo.js';
import { viewLoader } from './lib/view-loader.js';
import { watchFileDrops } from './views/file-drop.js';

const $ = (id) => document.getElementById(id);

async function boot() {
  choosePageFont(document.documentElement, navigator); // before the first text is shown
  fillKeyLabels(document); // the page's fixed labels say this platform's keys
  let status;
  try {
    // `make bench` splits start-up at these marks (its page's modules ran; its first answer).
    performance.mark('app: boot');
    status = await api.status();
    performance.mark('app: status');
  } catch (err) {
    $('boot-error').textContent = `Allies could not start: ${err.message}`;
    $('boot-error').hidden = false;
    return;
  }
  if (status.ready) startShell(status);
  else if (status.error?.code === 'storage.locked') showLock(status);
  else showBroken(status);
}

function showLock(status) {
  $('shell').hidden = true;
  const screen = $('lock-screen');
  screen.hidden = false;
  $('lock-path').textContent = status.db_path ?? 'unknown';
  const flash = sessionStorage.getItem(FLASH_KEY);
  sessionStorage.removeItem(FLASH_KEY);
  $('lock-reason').textContent = flash ?? '';
  $('lock-reason').hidden = !flash;
  const form = $('unlock-form');
  const field = $('unlock-passphrase');
  const error = $('unlock-passphrase-error');
  const button = $('unlock');
  const caps = $('unlock-caps');
  const showCaps = (e) => { caps.hidden = !e.getModifierState?.('CapsLock'); };
  field.addEventListener('keydown', showCaps);
  field.addEventListener('keyup', showCaps);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    field.removeAttribute('aria-invalid');
    if (!field.value) {
      error.textContent = 'Enter your passphrase.';
      error.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Unlocking…';
    try {
      const opened = await api.unlock(field.value);
      field.value = '';
      screen.hidden = true;
      if (opened.ready) startShell(opened);
      else showBroken(opened);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      field.select();
      field.focus();
    } finally {
      button.disabled = false;
      button.textContent = 'Unlock';
    }
  });
  field.focus();
}

/**
 * Encrypted data locks itself in the app: after the time chosen in Settings without use, when
 * the computer goes to sleep and when the screen is locked. The window tells the app the delay
 * and that it is being used, and goes to the lock screen when the app locked.
 */
function watchIdle() {
  const report = new ActivityReport({ now: () => Date.now(), send: () => api.noteActivity().catch(() => {}) });
  const tell = (minutes) => api.setLockAfter(minutes)
    .catch((err) => showToast(`Could not set when Allies locks: ${err.message}`));
  tell(lockAfterMinutes(localStorage));
  const seen = () => report.seen();
  for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin']) {
    document.addEventListener(type, seen, { passive: true, capture: true });
  }
  // The delay was changed in Settings (in this window or another).
  window.addEventListener('allies-lock-after', (e) => tell(e.detail));
  onAppEvent('data-locked', (message) => reloadWith(message));
}

function showBroken(status) {
  $('shell').hidden = true;
  const screen = $('broken-screen');
  screen.hidden = false;
  $('broken-message').textContent = status.error?.message ?? 'The database could not be opened.';
  $('broken-path').textContent = status.db_path ?? 'unknown';
  const fresh = $('start-fresh');
  const restore = $('restore-latest');
  const backup = status.latest_backup;
  fresh.hidden = !status.can_start_fresh;
  restore.hidden = !backup;
  if (backup) {
    const when = dateTimeText(backup.taken_at);
    restore.textContent = `Restore the backup of ${when}`;
    $('latest-backup-note').textContent = `Allies keeps copies of your data in ${backup.path.replace(/[^/\\]*$/, '')}. `
      + `The newest is from ${when}; anything you changed after that is not in it. The file that cannot be opened is kept either way.`;
    $('latest-backup-note').hidden = false;
  } else {
    fresh.classList.add('primary');
  }
  // Each puts a working database in place and opens the app; the old file is kept.
  const act = (button, call, done) => button.addEventListener('click', async () => {
    fresh.disabled = true;
    restore.disabled = true;
    try {
      const opened = await call();
      screen.hidden = true;
      startShell(opened);
      showToast(done(opened), { timeoutMs: 15000 });
    } catch (err) {
      $('broken-error').textContent = err.message;
      fresh.disabled = false;
      restore.disabled = false;
    }
  });
  act(fresh, api.startFresh, (s) => `Started fresh. Your old file was kept at ${s.moved_aside_to}`);
  act(restore, api.restoreLatestBackup, (s) => `Restored the latest backup. The file that could not be opened was kept at ${s.moved_aside_to}`);
  (backup ? restore : fresh).focus();
}

function startShell(status) {
  $('shell').hidden = false;
  const main = $('main');
  const history = new UndoHistory(api);
  let current = null;
  let currentName = null;

  // What several views show at once: `overdue` (reminders past due, or null when unknown),
  // `time_zone` (the one chosen in Settings: the day "today" is there, as in the core) and
  // `people` (a counter bumped whenever people change; the People list reads itself again when
  // the change was made elsewhere, such as a file dropped on the window).
  const store = new Store({ overdue: null, people: 0, time_zone: null });
  store.on('overdue', showBadge);
  api.getReminderSettings().then(({ settings }) => store.set('time_zone', settings.time_zone), () => {});

  // Each view gets the api through its context, never by import, so node tests can pass a fake.
  const ctx = {
    api,
    /** Listens for an event from the shell: `listen(name, handler)` resolves to its stop(). */
    listen: onAppEvent,
    store,
    status,
    /** Reads the count of overdue reminders again; the sidebar's badge follows the store. */
    async refreshBadge() {
      try {
        store.set('overdue', await api.overdueReminders());
      } catch {
        store.set('overdue', null);
      }
    },
    /** Undoes the newest change (Ctrl+Z, a toast's Undo, Settings). */
    runUndo: () => turn('undo'),
    /** Redoes the change undone last (Ctrl+Shift+Z, the toast after an undo, Settings). */
    runRedo: () => turn('redo'),
  };

  /** Undoes or redoes one step of the history, says which, and shows the page as it now is. */
  async function turn(which) {
    let step;
    try {
      step = await history[which]();
    } catch (err) {
      showToast(err.message);
      return null;
    }
    if (!step) {
      announce(which === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
      return null;
    }
    const [done, again, run] = which === 'undo' ? ['Undone', 'Redo', ctx.runRedo] : ['Redone', 'Undo', ctx.runUndo];
    ctx.refreshBadge();
    show(sectionFromHash(location.hash), { again: true });
    showToast(`${done}: ${step.label}`, { actionLabel: again, id: 'toast-undo', onAction: run, timeoutMs: 6000 });
    announce(`${done}: ${step.label}`);
    return step;
  }

  // Each section's module (and what only it needs, such as d3 for the network) is loaded the
  // first time it is shown, so the first paint waits for one view, not eleven.
  const views = viewLoader();
  /** What to do with a section once it is shown: { name, run(view) }. */
  let whenShown = null;

  /**
   * Shows the section `name`; `again` builds it afresh even when it is showing already. Resolves
   * once it is in the page; a section asked for meanwhile wins.
   */
  async function show(name, { focus = false, again = false } = {}) {
    const param = paramFromHash(location.hash);
    if (name === currentName && !again) {
      // Back to the section on screen: a section still loading from a moment ago must not
      // replace it.
      views.cancel();
      if (param) current.open?.(param);
      return;
    }
    let mount;
    try {
      mount = await views.mount(name, api, param);
    } catch (err) {
      showToast(`This section could not be opened: ${err.message}`);
      return;
    }
    if (views.superseded(mount)) return;
    if (!current) performance.mark('app: first view loaded');
    current?.destroy();
    currentName = name;
    current = mount.run(ctx, param);
    main.replaceChildren(current.el);
    rememberSection(localStorage, name); // once it is in the page: the next start opens it
    for (const a of document.querySelectorAll('.nav-list a')) {
      if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (focus) current.focusTitle();
    if (whenShown && whenShown.name !== name) whenShown = null; // another section was chosen
    if (whenShown?.name === name) {
      const { run } = whenShown;
      whenShown = null;
      run(current);
    }
  }

  window.addEventListener('hashchange', () => show(sectionFromHash(location.hash), { focus: true }));
  if (status.encrypted) watchIdle();
  const flash = sessionStorage.getItem(FLASH_KEY);
  if (flash) {
    sessionStorage.removeItem(FLASH_KEY);
    showToast(flash, { timeoutMs: 8000 });
  }
  // The skip link only moves the focus: followed as a link, its "#main" would open People.
  document.querySelector('.skip-link').addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
  watchReminders(ctx);
  // Another computer's changes were applied (sync): the section on screen is read again, unless
  // the user is typing in it or a dialog is open; Settings → Sync reloads itself.
  onAppEvent('data-synced', () => {
    store.bump('synced');
    ctx.refreshBadge();
    const busy = isTextField(document.activeElement) || document.querySelector('dialog[open]');
    if (!busy && currentName && currentName !== 'settings') show(currentName, { again: true });
    else store.bump('people'); // the People list reads itself again around what is being typed
  });
  watchPresenting();
  watchFileDrops({ api, listen: onAppEvent, onImported: () => store.bump('people') });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return; // a view's own control already used this key
    if (document.querySelector('dialog[open]')) return; // a dialog handles its own keys
    const inField = isTextField(document.activeElement);
    const shortcut = shortcutFor(e, inField);
    if (!shortcut) {
      if (!inField && !e.ctrlKey && !e.metaKey && !e.altKey && current?.keydown?.(e)) e.preventDefault();
      return;
    }
    let handled = false;
    if (shortcut.action === 'go') {
      location.hash = hashFor(shortcut.section);
      handled = true;
    } else if (shortcut.action === 'lock') {
      if (status.encrypted) lockApp();
      else announce('Nothing to lock: set a passphrase in Settings to encrypt your data');
      handled = true;
    } else if (shortcut.action === 'presenting') {
      togglePresenting();
      handled = true;
    } else if (shortcut.action === 'undo') {
      ctx.runUndo();
      handled = true;
    } else if (shortcut.action === 'redo') {
      ctx.runRedo();
      handled = true;
    } else if (shortcut.action === 'new-person' && currentName !== 'people') {
      // The hash change shows People; the form opens once it is there.
      whenShown = { name: 'people', run: (view) => view.handle('new-person') };
      location.hash = hashFor('people');
      handled = true;
    } else {
      // Before the first section is in the page (its module still loading) nothing handles it.
      handled = current?.handle(shortcut.action) ?? false;
    }
    if (handled) e.preventDefault();
  });

  // Allies opens on the section shown last, as it was left; an address that names one (after a
  // reload) keeps it. Replaced, not followed: no second "hashchange" opens it again.
  const start = startHash(location.hash, localStorage);
  if (start) window.history.replaceState(null, '', start); // `history` here is the undo history
  // The sidebar's count works out every reminder: it is read once the first section in the page
  // has drawn its data (a view's `ready`), which would otherwise wait behind it. That section
  // need not be this one: another chosen while this one loads takes its place.
  show(sectionFromHash(location.hash));
  views.firstShown
    .then((view) => view?.ready)
    .catch(() => {})
    .then(() => ctx.refreshBadge());
}

/** The count beside "Reminders" in the sidebar; hidden when none are overdue or it is unknown. */
function showBadge(n) {
  const badge = $('reminders-badge');
  if (n === null || n === undefined) {
    badge.hidden = true;
    return;
  }
  badge.textContent = n > 99 ? '99+' : String(n);
  badge.hidden = n === 0;
  badge.title = `${n} overdue`;
  badge.closest('a').setAttribute('aria-label', n ? `Reminders, ${n} overdue` : 'Reminders');
}

/**
 * The one presenting switch: the sidebar's select, Ctrl+Shift+P and the banner all drive and show
 * the same mode. Views re-render themselves; the shell is told so reminder pop-ups follow.
 */
function watchPresenting() {
  const select = $('presenting-mode');
  const banner = $('presenting-banner');
  const apply = (mode) => {
    select.value = mode;
    document.body.classList.toggle('presenting', mode !== 'names');
    banner.hidden = mode === 'names';
    $('presenting-banner-text').textContent = mode === 'roles'
      ? 'People appear by role (initials where no role is set). Notes you typed are shown as written.'
      : 'People appear as initials. Notes you typed are shown as written.';
    // If the shell cannot be told, pop-ups may still name people: say so rather than hide it.
    api.setPresenting(mode).catch((err) => showToast(`Reminder pop-ups may still show names: ${err.message}`));
  };
  apply(presentingMode());
  select.addEventListener('change', () => setPresentingMode(select.value));
  $('presenting-stop').addEventListener('click', () => { setPresentingMode('names'); select.focus(); });
  onPresentingChange((mode) => {
    // A message still on screen may name someone.
    if (isPresenting()) $('toasts').replaceChildren();
    apply(mode);
    announce(mode === 'names'
      ? 'Presenting mode off: names are shown'
      : `Presenting mode on: people appear as ${mode === 'roles' ? 'roles' : 'initials'}. Press ${keyLabel('mod+shift+p')} to turn it off.`);
  });
}

/**
 * Keeps the sidebar's count current: when the desktop cannot show pop-ups, the count and the
 * Reminders view are where reminders appear. A click on a pop-up opens where it points.
 */
function watchReminders(ctx) {
  // The scheduler says when anything falls due or changes.
  // A large file is checked for damage after the window is up; a damaged one was closed, and
  // the page starts over to offer its newest copy.
  onAppEvent('data-damaged', () => reloadWith());
  onAppEvent('reminders-changed', () => ctx.refreshBadge());
  // The core says where: a person, the Review page (at a conflict), or the Reminders view.
  onAppEvent('reminder-open', (place) => {
    location.hash = placeHash(place);
  });
}

boot();
