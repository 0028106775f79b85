// Settings: test reminders, where the data lives, recent changes, appearance and keyboard help.
// Each card is its own part (settings-reminders, settings-data, settings-encryption,
// settings-sync) and gets ctx.api; this module lays them out and sends the test reminder.

import { h, replaceChildren, announce } from '../lib/dom.js';
import { encryptionCard } from './settings-encryption.js';
import { syncCard } from './settings-sync.js';
import { dataFiles } from './settings-data.js';
import { deletedRecords } from './settings-deleted.js';
import { sampleSettings } from './sample-workspace.js';
import { recentChanges } from './settings-history.js';
import { autostartToggle, reminderSettingsForm } from './settings-reminders.js';
import { keyLabel, keyList } from '../lib/shortcuts.js';

/** What the test reminder did: a desktop pop-up, or the reminder shown here and why. */
export function deliveryResult(delivery) {
  const { notification } = delivery;
  if (delivery.shown === 'desktop') {
    return [h('p', { id: 'reminder-sent', class: 'success' },
      'Sent. A pop-up from Allies should appear on your desktop: “', notification.title, '”.')];
  }
  return [h('p', { id: 'notify-unavailable', class: 'notice' }, delivery.reason),
    h('div', { id: 'in-app-reminder', class: 'in-app-reminder', role: 'alert' },
      h('strong', {}, notification.title), h('p', {}, notification.body))];
}

/** The "Send a test reminder" button and where its result is shown. */
function testReminder(api) {
  const result = h('div', { id: 'reminder-result', class: 'reminder-result', 'aria-live': 'polite' });
  const send = h('button', { type: 'button', id: 'send-test-reminder', class: 'primary' }, 'Send a test reminder');
  send.addEventListener('click', async () => {
    send.disabled = true;
    replaceChildren(result, h('p', { class: 'muted' }, 'Sending…'));
    try {
      const delivery = await api.sendTestReminder();
      replaceChildren(result, deliveryResult(delivery));
      if (delivery.shown === 'desktop') announce('Test reminder sent to the desktop');
    } catch (err) {
      replaceChildren(result, h('p', { class: 'form-error', role: 'alert' }, err.message));
    } finally {
      send.disabled = false;
    }
  });
  return [h('div', { class: 'actions' }, send), result];
}

export function mountSettings(ctx) {
  const { api, status } = ctx;
  const deleted = deletedRecords({ api, runUndo: () => ctx.runUndo() });
  const sync = syncCard(api, ctx.store);
  const el = h('section', { class: 'view settings-view', 'aria-labelledby': 'settings-title' },
    h('header', { class: 'view-head' }, h('h1', { id: 'settings-title', tabindex: '-1' }, 'Settings')),
    h('div', { class: 'cards' },
      h('section', { class: 'card', 'aria-labelledby': 'settings-reminders' },
        h('h2', { id: 'settings-reminders' }, 'Reminders'),
        h('p', {}, 'Allies nudges you with desktop pop-ups: to thank an ally who helped, to keep in touch before a relationship goes cold, and when a promise is due. Check that they reach you:'),
        testReminder(api),
        h('h3', {}, 'When to remind you'),
        reminderSettingsForm(api, ctx.store),
        autostartToggle(api)),
      h('section', { class: 'card', 'aria-labelledby': 'settings-data' },
        h('h2', { id: 'settings-data' }, 'Your data'),
        h('p', {}, 'Everything stays in one file on this computer. Allies never sends it anywhere.'),
        h('p', {}, h('code', { id: 'data-path', class: 'path' }, status.db_path ?? 'unknown')),
        h('p', { class: 'muted' }, 'To keep it somewhere else, start Allies with the ALLIES_DATA_DIR environment variable set to a folder.'),
        dataFiles(api, status),
        deleted.el,
        sampleSettings({ api, runUndo: () => ctx.runUndo() })),
      h('section', { class: 'card', 'aria-labelledby': 'settings-history' },
        h('h2', { id: 'settings-history' }, 'Recent changes'),
        h('p', {}, `Everything you change can be undone, also after Allies was closed: press ${keyLabel('mod+z')}, or use the buttons here.`),
        recentChanges(ctx)),
      encryptionCard(status, api),
      sync.el,
      h('section', { class: 'card', 'aria-labelledby': 'settings-look' },
        h('h2', { id: 'settings-look' }, 'Appearance'),
        h('p', {}, 'Allies follows your system’s light or dark setting.')),
      h('section', { class: 'card', 'aria-labelledby': 'settings-keys' },
        h('h2', { id: 'settings-keys' }, 'Keyboard'),
        h('dl', { class: 'keys' }, keyList().map(([k, v]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, v)])))));

  return {
    el,
    focusTitle: () => el.querySelector('h1').focus(),
    handle: () => false,
    destroy() { deleted.destroy(); sync.destroy(); },
  };
}
