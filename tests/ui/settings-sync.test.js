import { fakeApi, resetPage, settle, textOf } from './support/dom.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { Store } from '../../ui/lib/store.js';
import { syncCard } from '../../ui/views/settings-sync.js';

const OFF = { on: false, folder: null, status: null, problem: null, computer_name: 'dana-laptop' };
const ON = {
  on: true,
  folder: '/home/dana/Dropbox/Allies',
  problem: 'The sync folder /home/dana/Dropbox/Allies cannot be used: it is gone. Nothing was changed.',
  computer_name: 'dana-laptop',
  status: {
    device_id: 'd1', device_name: 'Laptop <b>1</b>', next_seq: 3, outbox_pending: 2,
    devices: [{ id: 'd2', name: 'Desktop <img src=x onerror=alert(1)>', last_seq_seen: 4, last_applied: 4, last_write: null }],
    waiting: [{ path: '/s/changes/d2/6.changes', device: 'd2', seq: 6, reason: 'it waits for file 5', waiting: true }],
    errors: [],
  },
};
const CONFLICTS = [
  { id: 7, at: '2026-12-05T16:00:00Z', table: 'people', key: '["p1"]', kind: 'update', kept: { name: 'Dana Z' }, overridden: { name: 'Dana Zanzibar' }, winner: 'x', restored_at: null },
  { id: 6, at: '2026-12-05T15:00:00Z', table: 'people', key: '["p2"]', kind: 'update', kept: { name: 'B' }, overridden: { name: 'Bo' }, winner: 'y', restored_at: '2026-12-05T15:30:00Z' },
];

async function mount(answers) {
  resetPage();
  const api = fakeApi(answers);
  const store = new Store({});
  const card = syncCard(api, store);
  document.getElementById('main').append(card.el);
  await settle();
  return { api, store, card, $: (sel) => card.el.querySelector(sel), $$: (sel) => [...card.el.querySelectorAll(sel)] };
}

const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click', { bubbles: true }));
const calls = (api, name) => api.calls.filter(([n]) => n === name);

test('off: the form offers this computer\'s name and checks the fields before asking', async () => {
  const { api, $ } = await mount({ syncStatus: OFF });
  assert.equal($('#sync-device_name').value, 'dana-laptop');
  $('#sync-passphrase').value = 'a shared passphrase';
  $('#sync-repeat').value = 'a shared passphrase';
  submit($('#sync'));
  await settle();
  assert.equal($('#sync-folder-error').hidden, false, 'the folder is missing');
  assert.equal($('#sync-folder').getAttribute('aria-invalid'), 'true');
  $('#sync-folder').value = '/home/dana/Dropbox/Allies';
  $('#sync-repeat').value = 'something else';
  submit($('#sync'));
  await settle();
  assert.equal($('#sync-folder-error').hidden, true);
  assert.equal($('#sync-repeat-error').hidden, false);
  assert.equal(calls(api, 'syncEnable').length, 0, 'nothing sent yet');
});

test('off: "Choose…" fills the folder, and an error from the app is shown at its field', async () => {
  const { api, $ } = await mount({
    syncStatus: OFF,
    chooseSyncFolder: '/media/usb/Allies',
    syncEnable: new ApiError({ code: 'sync.wrong_passphrase', field: 'passphrase', message: 'That is not the passphrase the sync folder was set up with.' }),
  });
  click($('#sync-choose'));
  await settle();
  assert.equal($('#sync-folder').value, '/media/usb/Allies');
  $('#sync-passphrase').value = 'wrong one';
  $('#sync-repeat').value = 'wrong one';
  submit($('#sync'));
  await settle();
  assert.deepEqual(calls(api, 'syncEnable')[0], ['syncEnable', '/media/usb/Allies', 'wrong one', 'dana-laptop']);
  assert.equal(textOf($('#sync-passphrase-error')), 'That is not the passphrase the sync folder was set up with.');
  assert.equal($('#sync-submit').disabled, false);
});

test('turning on reloads the card, which then shows sync as on', async () => {
  let on = false;
  const { api, $ } = await mount({
    syncStatus: () => (on ? ON : OFF),
    syncEnable: () => { on = true; return 'd1'; },
    syncConflicts: [],
  });
  $('#sync-folder').value = '/home/dana/Dropbox/Allies';
  $('#sync-passphrase').value = 'a shared passphrase';
  $('#sync-repeat').value = 'a shared passphrase';
  submit($('#sync'));
  await settle(6);
  assert.equal(calls(api, 'syncEnable').length, 1);
  assert.ok($('#sync-on'));
  assert.equal($('#sync'), null);
});

test('on: the folder, this computer, the others, problems and conflicts, names as text', async () => {
  const { $, $$ } = await mount({ syncStatus: ON, syncConflicts: CONFLICTS });
  assert.equal(textOf($('#sync-folder-path')), '/home/dana/Dropbox/Allies');
  assert.equal(textOf($('#sync-this')), 'This computer: Laptop <b>1</b>. 2 changes wait to be written to the folder.');
  assert.equal($('#sync-this b'), null, 'a name is text, never markup');
  assert.equal(textOf($('#sync-devices li')), 'Desktop <img src=x onerror=alert(1)> · last wrote not known');
  assert.equal($('#sync-devices img'), null);
  const problems = $$('#sync-problems li').map(textOf);
  assert.deepEqual(problems, [ON.problem, '/s/changes/d2/6.changes: it waits for file 5']);
  const restores = $$('.sync-restore');
  assert.deepEqual(restores.map((b) => [textOf(b), b.disabled]), [['Restore', false], ['Restored', true]]);
  assert.match(textOf($$('.sync-conflict')[0]), /^Person: name: Dana Zanzibar, replaced by a later edit/);
});

test('on: "Sync now" says what it did; "Restore" and "Turn off" ask the app and reload', async () => {
  const { api, $, $$, store } = await mount({
    syncStatus: ON,
    syncConflicts: CONFLICTS,
    syncNow: { pushed: 2, pulled: { applied: 1, waiting: [], errors: [] } },
  });
  click($('#sync-now'));
  await settle(6);
  assert.equal(textOf($('#sync-result')), 'Wrote 2 files of changes; applied 1 file from your other computers.');
  click($$('.sync-restore')[0]);
  await settle(6);
  assert.deepEqual(calls(api, 'syncRestoreConflict')[0], ['syncRestoreConflict', 7]);
  const before = calls(api, 'syncStatus').length;
  store.bump('synced');
  await settle();
  assert.equal(calls(api, 'syncStatus').length, before + 1, 'a sync in the background reloads the card');
  click($('#sync-off'));
  await settle(6);
  assert.equal(calls(api, 'syncDisable').length, 1);
});

test('a failed "Sync now" is shown as an alert with the app\'s words', async () => {
  const { $ } = await mount({
    syncStatus: ON,
    syncConflicts: [],
    syncNow: new ApiError({ code: 'sync.folder', field: 'folder', message: 'The sync folder /x cannot be used: gone. Nothing was changed.' }),
  });
  click($('#sync-now'));
  await settle(6);
  assert.equal($('#sync-result').getAttribute('role'), 'alert');
  assert.equal(textOf($('#sync-result')), 'The sync folder /x cannot be used: gone. Nothing was changed.');
});

test('a folder that is away: said once among the problems, and the others are not listed as no one', async () => {
  const away = 'The sync folder /media/usb/Allies is not there: a drive not connected, or your file sync not running? What changed here waits and is written once the folder is back.';
  const { $, $$ } = await mount({
    syncStatus: { ...ON, problem: away, status: { ...ON.status, waiting: [], folder_problem: away } },
    syncConflicts: [],
    syncNow: new ApiError({ code: 'sync.folder_missing', field: '', message: away }),
  });
  assert.deepEqual($$('#sync-problems li').map(textOf), [away], 'the folder\'s problem and the background\'s, the same words, once');
  assert.equal(textOf($('#sync-devices')), 'Your other computers are listed once the folder is back.');
  click($('#sync-now'));
  await settle(6);
  assert.deepEqual($$('#sync-problems li').map(textOf), [away]);
  assert.equal(textOf($('#sync-result')), 'Nothing was synced: the problem above says why.', 'not the same words twice');
  assert.equal($('#sync-result').getAttribute('role'), 'alert');
});

test('a round\'s words stay when the changes it applied reload the card, whichever reply comes last', async () => {
  const late = [];
  let bump = () => {};
  const { $, store } = await mount({
    // The reload the applied changes set off starts first and answers last.
    syncStatus: () => new Promise((resolve) => setTimeout(() => resolve(ON), late.shift() ?? 0)),
    syncConflicts: [],
    syncNow: () => { late.push(40); bump(); return { pushed: 1, pulled: { applied: 1, waiting: [], errors: [] } }; },
  });
  bump = () => store.bump('synced');
  click($('#sync-now'));
  await new Promise((resolve) => setTimeout(resolve, 80));
  await settle(6);
  assert.equal(textOf($('#sync-result')), 'Wrote 1 file of changes; applied 1 file from your other computers.');
  store.bump('synced');
  await new Promise((resolve) => setTimeout(resolve, 10));
  await settle(6);
  assert.equal(textOf($('#sync-result')), 'Wrote 1 file of changes; applied 1 file from your other computers.',
    'a later sync in the background keeps what the round said');
});
