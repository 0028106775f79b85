// Settings: test reminders, where the data lives, appearance and keyboard help.

import { api } from '../lib/api.js';
import { h, replaceChildren, announce } from '../lib/dom.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { toBase64 } from '../lib/bytes.js';
import { encryptionCard } from './settings-encryption.js';

const DAYS = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']];
const THANK_YOU = [['same_day', 'At once'], ['next_morning', 'The next morning'], ['in_days', 'After some days']];

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

/** Exports, a full backup, restoring one, and the automatic copies. */
function dataFiles() {
  const result = h('p', { id: 'data-result', role: 'status' });
  const say = (text, ok = true) => { result.className = ok ? 'success' : 'form-error'; result.textContent = text; };
  const saved = (what, call) => async () => {
    try { say(`${what} saved as ${await call()}`); } catch (err) { say(err.message, false); }
  };
  const restoreFile = h('input', { type: 'file', id: 'restore-file', accept: '.json,application/json' });
  const copies = h('ul', { class: 'ledger-list', id: 'snapshots', 'aria-label': 'Automatic copies' });
  const whenRestored = (kept) => {
    say(`Restored. The data it replaced is in ${kept}. Reloading…`);
    setTimeout(() => location.reload(), 1500);
  };

  restoreFile.addEventListener('change', async () => {
    const file = restoreFile.files?.[0];
    if (!file) return;
    const content = toBase64(await file.arrayBuffer());
    restoreFile.value = '';
    if (!(await confirmReplace(`the backup in ${file.name}`))) return;
    try { whenRestored(await api.restoreBackupFile(content)); } catch (err) { say(err.message, false); }
  });

  async function loadCopies() {
    try {
      const { copies: list } = await api.listSnapshots();
      replaceChildren(copies, list.length ? list.map((c) => h('li', { class: 'ledger-item' },
        h('span', { class: 'ledger-text' }, new Date(c.taken_at).toLocaleString(), ' · ',
          ({ daily: 'daily copy', before_restore: 'before a restore', before_upgrade: 'before an upgrade' })[c.reason] ?? c.reason, ' · ', `${Math.max(1, Math.round(c.bytes / 1024))} KB`),
        h('button', {
          type: 'button', class: 'link snapshot-restore',
          onclick: async () => {
            if (!(await confirmReplace(`the copy from ${new Date(c.taken_at).toLocaleString()}`))) return;
            try { whenRestored(await api.restoreSnapshot(c.path)); } catch (err) { say(err.message, false); }
          },
        }, 'Restore')))
        : h('li', { class: 'muted' }, 'No copies yet; the first is taken today.'));
    } catch (err) {
      replaceChildren(copies, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }
  loadCopies();

  return h('div', { class: 'data-files' },
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'export-csv', onclick: saved('The people list', api.exportPeopleCsv) }, 'Export people (CSV)'),
      h('button', { type: 'button', id: 'export-redacted', title: 'Initials instead of names; no email, tags or notes', onclick: saved('The people list without names', api.exportPeopleRedacted) }, 'Export people, redacted (CSV)'),
      h('button', { type: 'button', id: 'export-vcard', onclick: saved('The address book', api.exportPeopleVcard) }, 'Export people (vCard)'),
      h('button', { type: 'button', id: 'export-ics', onclick: saved('The calendar', api.exportCalendar) }, 'Export reminders (calendar)'),
      h('button', { type: 'button', id: 'save-backup', onclick: saved('A full backup', api.saveBackup) }, 'Save a full backup (JSON)')),
    h('p', {}, h('label', { for: 'restore-file' }, 'Restore from a backup file: '), restoreFile),
    result,
    h('h3', {}, 'Automatic copies'),
    h('p', { class: 'muted' }, 'A copy of your data is taken every day (the last 7 days and one a week for 4 weeks are kept) and before every restore.'),
    copies);
}

/** "Start at login": Allies then starts in the tray, so reminders come without opening it. */
function autostartToggle() {
  const box = h('input', { type: 'checkbox', id: 'autostart', disabled: true });
  const error = h('p', { class: 'form-error', id: 'autostart-error', role: 'alert', hidden: true });
  const show = (on) => { box.checked = on; box.disabled = false; box.dataset.loaded = 'true'; };
  box.addEventListener('change', async () => {
    error.hidden = true;
    box.disabled = true;
    try {
      show(await api.setAutostart(box.checked));
      announce(box.checked ? 'Allies will start when you log in' : 'Allies will not start at login');
    } catch (err) {
      show(!box.checked);
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  api.getAutostart().then(show, (err) => { error.textContent = err.message; error.hidden = false; });
  return h('div', { class: 'settings-form' },
    h('label', { class: 'check', for: 'autostart' }, box,
      'Start Allies when I log in, in the tray, so reminders come without opening it'),
    error);
}

/** The reminder settings form; it loads and saves its own data. */
function reminderSettingsForm() {
  let loaded = null;
  const input = (name, type, extra = {}) => h('input', { id: `rs-${name}`, type, ...extra });
  const error = (name) => h('p', { class: 'field-error', id: `rs-${name}-error`, hidden: true });
  const labelled = (name, label, control) => h('label', { for: `rs-${name}` }, label, control);
  const zone = h('select', { id: 'rs-time_zone' });
  const saved = h('p', { class: 'success', id: 'rs-saved', role: 'status', hidden: true }, 'Saved.');
  const form = h('form', { class: 'settings-form', id: 'reminder-settings', novalidate: true },
    labelled('time_zone', 'Time zone', zone), error('time_zone'),
    h('div', { class: 'form-row' },
      labelled('morning', 'Morning reminders at', input('morning', 'time')),
      labelled('quiet_start', 'Quiet from', input('quiet_start', 'time')),
      labelled('quiet_end', 'until', input('quiet_end', 'time'))),
    error('morning'), error('quiet_start'), error('quiet_end'),
    h('label', { class: 'check', for: 'rs-quiet_weekends' }, input('quiet_weekends', 'checkbox'), 'Quiet all weekend too'),
    h('label', { class: 'check', for: 'rs-weekly_review' }, input('weekly_review', 'checkbox'), 'A weekly review'),
    h('div', { class: 'form-row' },
      labelled('weekly_review_day', 'on', h('select', { id: 'rs-weekly_review_day' }, DAYS.map(([v, t]) => h('option', { value: v }, t)))),
      labelled('weekly_review_time', 'at', input('weekly_review_time', 'time'))),
    error('weekly_review_time'),
    h('div', { class: 'form-row' },
      labelled('thank_you', 'Remind me to say thank you', h('select', { id: 'rs-thank_you' }, THANK_YOU.map(([v, t]) => h('option', { value: v }, t)))),
      labelled('thank_you_days', 'days', input('thank_you_days', 'number', { min: 1, max: 30 }))),
    error('thank_you_days'),
    h('p', { class: 'form-error', id: 'rs-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'rs-save' }, 'Save reminder settings'), saved));
  const f = (name) => form.querySelector(`#rs-${name}`);

  function fill(s) {
    loaded = s;
    for (const name of ['morning', 'quiet_start', 'quiet_end', 'weekly_review_time', 'weekly_review_day', 'thank_you']) f(name).value = s[name];
    f('time_zone').value = s.time_zone;
    f('thank_you_days').value = String(s.thank_you_days);
    f('quiet_weekends').checked = s.quiet_weekends;
    f('weekly_review').checked = s.weekly_review;
    syncEnabled();
  }

  function syncEnabled() {
    f('weekly_review_day').disabled = !f('weekly_review').checked;
    f('weekly_review_time').disabled = !f('weekly_review').checked;
    f('thank_you_days').disabled = f('thank_you').value !== 'in_days';
  }
  form.addEventListener('change', syncEnabled);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    saved.hidden = true;
    const settings = {
      ...loaded,
      time_zone: f('time_zone').value,
      morning: f('morning').value,
      quiet_start: f('quiet_start').value,
      quiet_end: f('quiet_end').value,
      quiet_weekends: f('quiet_weekends').checked,
      weekly_review: f('weekly_review').checked,
      weekly_review_day: f('weekly_review_day').value,
      weekly_review_time: f('weekly_review_time').value,
      thank_you: f('thank_you').value,
      thank_you_days: Number(f('thank_you_days').value),
    };
    try {
      fill(await api.saveReminderSettings(settings));
      clearFormErrors(form);
      saved.hidden = false;
      announce('Reminder settings saved');
    } catch (err) {
      showFormError(form, 'rs', err);
    }
  });

  api.getReminderSettings().then(({ settings, timeZones }) => {
    replaceChildren(zone, timeZones.map((z) => h('option', { value: z }, z.replaceAll('_', ' '))));
    fill(settings);
    form.dataset.loaded = 'true';
  }, (err) => {
    const p = form.querySelector('#rs-form-error');
    p.textContent = err.message;
    p.hidden = false;
  });
  return form;
}

export function mountSettings(ctx) {
  const result = h('div', { id: 'reminder-result', class: 'reminder-result', 'aria-live': 'polite' });
  const send = h('button', { type: 'button', id: 'send-test-reminder', class: 'primary' }, 'Send a test reminder');

  send.addEventListener('click', async () => {
    send.disabled = true;
    replaceChildren(result, h('p', { class: 'muted' }, 'Sending…'));
    try {
      const delivery = await api.sendTestReminder();
      showDelivery(delivery);
    } catch (err) {
      replaceChildren(result, h('p', { class: 'form-error', role: 'alert' }, err.message));
    } finally {
      send.disabled = false;
    }
  });

  function showDelivery(delivery) {
    const { notification } = delivery;
    if (delivery.shown === 'desktop') {
      replaceChildren(result, h('p', { id: 'reminder-sent', class: 'success' },
        'Sent. A pop-up from Allies should appear on your desktop: “', notification.title, '”.'));
      announce('Test reminder sent to the desktop');
      return;
    }
    replaceChildren(result,
      h('p', { id: 'notify-unavailable', class: 'notice' }, delivery.reason),
      h('div', { id: 'in-app-reminder', class: 'in-app-reminder', role: 'alert' },
        h('strong', {}, notification.title), h('p', {}, notification.body)));
  }

  const el = h('section', { class: 'view settings-view', 'aria-labelledby': 'settings-title' },
    h('header', { class: 'view-head' }, h('h1', { id: 'settings-title', tabindex: '-1' }, 'Settings')),
    h('div', { class: 'cards' },
      h('section', { class: 'card', 'aria-labelledby': 'settings-reminders' },
        h('h2', { id: 'settings-reminders' }, 'Reminders'),
        h('p', {}, 'Allies nudges you with desktop pop-ups: to thank an ally who helped, to keep in touch before a relationship goes cold, and when a promise is due. Check that they reach you:'),
        h('div', { class: 'actions' }, send), result,
        h('h3', {}, 'When to remind you'),
        reminderSettingsForm(),
        autostartToggle()),
      h('section', { class: 'card', 'aria-labelledby': 'settings-data' },
        h('h2', { id: 'settings-data' }, 'Your data'),
        h('p', {}, 'Everything stays in one file on this computer. Allies never sends it anywhere.'),
        h('p', {}, h('code', { id: 'data-path', class: 'path' }, ctx.status.dbPath ?? 'unknown')),
        h('p', { class: 'muted' }, 'To keep it somewhere else, start Allies with the ALLIES_DATA_DIR environment variable set to a folder.'),
        dataFiles()),
      encryptionCard(ctx.status),
      h('section', { class: 'card', 'aria-labelledby': 'settings-look' },
        h('h2', { id: 'settings-look' }, 'Appearance'),
        h('p', {}, 'Allies follows your system’s light or dark setting.')),
      h('section', { class: 'card', 'aria-labelledby': 'settings-keys' },
        h('h2', { id: 'settings-keys' }, 'Keyboard'),
        h('dl', { class: 'keys' },
          [['Ctrl+1 … Ctrl+7', 'Switch section'], ['/', 'Search people'], ['Ctrl+N', 'Add a person'],
            ['Ctrl+Enter', 'Save the form'], ['Esc', 'Cancel'], ['Delete', 'Delete the focused person'],
            ['Ctrl+Z', 'Undo the last change'],
            ['Ctrl+L', 'Lock (when your data is encrypted)'],
            ['Ctrl+Shift+P', 'Presenting mode: initials or roles instead of names'],
            ['Arrows, Shift+Arrows', 'Map: move the focused card (Shift for bigger steps)'],
            ['A', 'Map: place the roster’s selected person in the middle'],
            ['+ − 0', 'Map: zoom in, out, and to fit']]
            .map(([k, v]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, v)])))));

  return {
    el,
    focusTitle: () => el.querySelector('h1').focus(),
    handle: () => false,
    destroy() {},
  };
}
