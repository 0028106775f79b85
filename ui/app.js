// Starts the app: checks the database, then shows the sections (or the "can't open" screen).

import { api, onAppEvent } from './lib/api.js';
import { announce } from './lib/dom.js';
import { hashFor, paramFromHash, sectionFromHash } from './lib/router.js';
import { isTextField, shortcutFor } from './lib/shortcuts.js';
import { showToast } from './lib/toast.js';
import { UndoStack } from './lib/undo.js';
import { mountInsights } from './views/insights.js';
import { mountMap } from './views/map.js';
import { mountNetwork } from './views/network.js';
import { mountPeople } from './views/people.js';
import { mountReminders } from './views/reminders.js';
import { mountSettings } from './views/settings.js';
import { mountTour } from './views/tour.js';

const $ = (id) => document.getElementById(id);

async function boot() {
  let status;
  try {
    status = await api.status();
  } catch (err) {
    $('boot-error').textContent = `Allies could not start: ${err.message}`;
    $('boot-error').hidden = false;
    return;
  }
  if (status.ready) startShell(status);
  else showBroken(status);
}

function showBroken(status) {
  $('shell').hidden = true;
  const screen = $('broken-screen');
  screen.hidden = false;
  $('broken-message').textContent = status.error?.message ?? 'The database could not be opened.';
  $('broken-path').textContent = status.dbPath ?? 'unknown';
  const fresh = $('start-fresh');
  const restore = $('restore-latest');
  const backup = status.latestBackup;
  fresh.hidden = !status.canStartFresh;
  restore.hidden = !backup;
  if (backup) {
    const when = new Date(backup.takenAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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
  act(fresh, api.startFresh, (s) => `Started fresh. Your old file was kept at ${s.movedAsideTo}`);
  act(restore, api.restoreLatestBackup, (s) => `Restored the latest backup. The file that could not be opened was kept at ${s.movedAsideTo}`);
  (backup ? restore : fresh).focus();
}

function startShell(status) {
  $('shell').hidden = false;
  const main = $('main');
  const undo = new UndoStack();
  let current = null;
  let currentName = null;

  const ctx = {
    status,
    undo,
    /** Undoes `entry` (a toast's own action) or, by default, the newest action. */
    /** Updates the count of overdue reminders beside "Reminders" in the sidebar. */
    async refreshBadge() {
      const badge = $('reminders-badge');
      try {
        const n = await api.overdueReminders();
        badge.textContent = n > 99 ? '99+' : String(n);
        badge.hidden = n === 0;
        badge.title = `${n} overdue`;
        badge.closest('a').setAttribute('aria-label', n ? `Reminders, ${n} overdue` : 'Reminders');
      } catch {
        badge.hidden = true;
      }
    },
    async runUndo(entry) {
      if (!undo.size) { announce('Nothing to undo'); return; }
      try {
        const label = await undo.undo(entry);
        if (label) showToast(`Undone: ${label}`, { timeoutMs: 4000 });
      } catch (err) {
        showToast(`Could not undo: ${err.message}`);
      }
    },
  };

  function show(name, { focus = false } = {}) {
    const param = paramFromHash(location.hash);
    if (name === currentName) {
      if (param) current.open?.(param);
      return;
    }
    current?.destroy();
    currentName = name;
    const mount = {
      people: () => mountPeople(ctx, param),
      map: mountMap,
      network: mountNetwork,
      tour: mountTour,
      reminders: mountReminders,
      insights: mountInsights,
      settings: mountSettings,
    }[name] ?? mountInsights;
    current = mount(ctx);
    main.replaceChildren(current.el);
    for (const a of document.querySelectorAll('.nav-list a')) {
      if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (focus) current.focusTitle();
  }

  window.addEventListener('hashchange', () => show(sectionFromHash(location.hash), { focus: true }));
  // The skip link only moves the focus: followed as a link, its "#main" would open People.
  document.querySelector('.skip-link').addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
  watchReminders(ctx);
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return; // a view's own control already used this key
    if (document.querySelector('dialog[open]')) return; // a dialog handles its own keys
    const inField = isTextField(document.activeElement);
    const shortcut = shortcutFor(e, inField);
    if (!shortcut) {
      if (!inField && !e.ctrlKey && !e.metaKey && !e.altKey && current.keydown?.(e)) e.preventDefault();
      return;
    }
    let handled = false;
    if (shortcut.action === 'go') {
      location.hash = hashFor(shortcut.section);
      handled = true;
    } else if (shortcut.action === 'undo') {
      ctx.runUndo();
      handled = true;
    } else if (shortcut.action === 'new-person' && currentName !== 'people') {
      location.hash = hashFor('people');
      show('people');
      current.handle('new-person');
      handled = true;
    } else {
      handled = current.handle(shortcut.action);
    }
    if (handled) e.preventDefault();
  });

  show(sectionFromHash(location.hash));
}

/**
 * Keeps the sidebar's count current: when the desktop cannot show pop-ups, the count and the
 * Reminders view are where reminders appear. A click on a pop-up opens its person.
 */
function watchReminders(ctx) {
  ctx.refreshBadge();
  // The scheduler says when anything falls due or changes.
  onAppEvent('reminders-changed', () => ctx.refreshBadge());
  onAppEvent('reminder-open', (personId) => {
    location.hash = personId ? `#/people/${encodeURIComponent(personId)}` : hashFor('reminders');
  });
}

boot();
