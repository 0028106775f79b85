import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import { reloads } from './support/view-shims.js';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { lockAfterMinutes } from '../../ui/lib/idle.js';
import { FLASH_KEY } from '../../ui/lib/lock.js';
import { mountSettings } from '../../ui/views/settings.js';

const SETTINGS = {
  time_zone: 'Europe/Berlin', morning: '08:30', quiet_start: '20:00', quiet_end: '07:00', quiet_weekends: true,
  weekly_review: false, weekly_review_day: 'Fri', weekly_review_time: '16:00', thank_you: 'next_morning', thank_you_days: 2,
  birthday_reminders: false, work_date_reminders: true,
  kept: 'as read', // a setting this form does not show is sent back as it was
};

const answers = (extra = {}) => ({
  getReminderSettings: { settings: SETTINGS, time_zones: ['UTC', 'Europe/Berlin', 'America/New_York'] },
  getAutostart: true,
  listSnapshots: { folder: '/d/backups', copies: [{ path: '/d/backups/a.db', taken_at: '2026-11-27T10:00:00Z', reason: 'before_restore', bytes: 20480 }] },
  recentChanges: { steps: [], next_undo: null, next_redo: null },
  purgeDays: 30,
  listDeletedRecords: [],
  syncStatus: { on: false, folder: null, status: null, problem: null, computer_name: 'Laptop' },
  ...extra,
});

async function mount(extraAnswers = {}, status = {}) {
  resetPage();
  const api = fakeApi(answers(extraAnswers));
  const view = mountSettings(fakeContext(api, { status: { ready: true, encrypted: false, db_path: '/d/allies.db', ...status } }));
  document.getElementById('main').append(view.el);
  await settle();
  return { api, view, $: (sel) => view.el.querySelector(sel) };
}

const lastCall = (api, name) => api.calls.filter(([n]) => n === name).at(-1);
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click', { bubbles: true }));

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  reloads.count = 0;
});

test('it reads the reminder settings, the autostart, the copies and the recent changes, and shows where the data is', async () => {
  const { api, $ } = await mount();
  assert.deepEqual(api.calls.map((c) => c[0]), ['listDeletedRecords', 'purgeDays', 'syncStatus', 'getReminderSettings', 'getAutostart', 'listSnapshots', 'sampleWorkspaceStatus', 'recentChanges']);
  assert.equal(textOf($('#data-path')), '/d/allies.db');
  assert.equal($('#reminder-settings').dataset.loaded, 'true');
  assert.deepEqual([...$('#rs-time_zone').options].map(textOf), ['UTC', 'Europe/Berlin', 'America/New York']);
  assert.equal($('#rs-time_zone').value, 'Europe/Berlin');
  assert.equal($('#rs-morning').value, '08:30');
  assert.equal($('#rs-quiet_weekends').checked, true);
  assert.equal($('#rs-weekly_review_day').disabled, true, 'no weekly review, so no day to pick');
  assert.equal($('#rs-thank_you_days').disabled, true, 'days only count for "after some days"');
  assert.equal($('#autostart').checked, true);
  assert.equal($('#autostart').disabled, false);
  assert.equal($('#autostart').dataset.loaded, 'true');
  assert.equal(textOf($('#snapshots .ledger-text')).endsWith(' · before a restore · 20 KB'), true);
  assert.ok($('#enc'), 'unencrypted data offers a passphrase');
  assert.equal($('#encryption-on'), null);
});

test('switching the weekly review on enables its day and time', async () => {
  const { $ } = await mount();
  $('#rs-weekly_review').checked = true;
  $('#reminder-settings').dispatchEvent(new Event('change'));
  assert.equal($('#rs-weekly_review_day').disabled, false);
  assert.equal($('#rs-weekly_review_time').disabled, false);
});

test('saving sends the settings as read with the form\'s changes, then says so', async () => {
  const { api, $ } = await mount({ saveReminderSettings: (s) => s });
  $('#rs-morning').value = '09:15';
  $('#rs-thank_you').value = 'in_days';
  $('#rs-thank_you_days').value = '5';
  submit($('#reminder-settings'));
  await settle();
  assert.deepEqual(lastCall(api, 'saveReminderSettings'), ['saveReminderSettings', {
    ...SETTINGS, morning: '09:15', thank_you: 'in_days', thank_you_days: 5,
  }]);
  assert.equal($('#rs-saved').hidden, false);
  assert.equal($('#rs-thank_you_days').disabled, false, 'the form follows what was saved');
});

test('birthday reminders are off as read and switched on for everyone from the form', async () => {
  const { api, $ } = await mount({ saveReminderSettings: (s) => s });
  assert.equal($('#rs-birthday_reminders').checked, false, 'off by default');
  assert.equal($('#rs-work_date_reminders').checked, true);
  $('#rs-birthday_reminders').checked = true;
  $('#rs-work_date_reminders').checked = false;
  submit($('#reminder-settings'));
  await settle();
  assert.deepEqual(lastCall(api, 'saveReminderSettings'), ['saveReminderSettings', {
    ...SETTINGS, birthday_reminders: true, work_date_reminders: false,
  }]);
});

test('a refused setting is shown at its field', async () => {
  const { $ } = await mount({ saveReminderSettings: new ApiError({ code: 'invalid', message: 'Quiet time must end.', field: 'quiet_end' }) });
  submit($('#reminder-settings'));
  await settle();
  assert.equal(textOf($('#rs-quiet_end-error')), 'Quiet time must end.');
  assert.equal($('#rs-saved').hidden, true);
});

test('settings that cannot load say why', async () => {
  const { $ } = await mount({ getReminderSettings: new ApiError({ code: 'db', message: 'Locked' }) });
  assert.equal(textOf($('#rs-form-error')), 'Locked');
  assert.equal($('#rs-form-error').hidden, false);
  assert.equal($('#reminder-settings').dataset.loaded, undefined);
});

test('the test reminder reports a desktop pop-up', async () => {
  const { api, $ } = await mount({ sendTestReminder: { shown: 'desktop', notification: { title: 'Thank Dana', body: 'x' } } });
  click($('#send-test-reminder'));
  assert.equal($('#send-test-reminder').disabled, true, 'one test at a time');
  await settle();
  assert.deepEqual(lastCall(api, 'sendTestReminder'), ['sendTestReminder']);
  assert.equal(textOf($('#reminder-sent')), 'Sent. A pop-up from Allies should appear on your desktop: “Thank Dana”.');
  assert.equal($('#send-test-reminder').disabled, false);
});

test('without desktop pop-ups the test reminder is shown in the window, with why', async () => {
  const { $ } = await mount({ sendTestReminder: { shown: 'in_app', reason: 'No notification service.', notification: { title: 'Test', body: 'It works' } } });
  click($('#send-test-reminder'));
  await settle();
  assert.equal(textOf($('#notify-unavailable')), 'No notification service.');
  assert.equal(textOf($('#in-app-reminder')), 'TestIt works');
  assert.equal($('#reminder-sent'), null);
});

test('a failed test reminder says why', async () => {
  const { $ } = await mount({ sendTestReminder: new ApiError({ code: 'x', message: 'The scheduler is down' }) });
  click($('#send-test-reminder'));
  await settle();
  assert.equal(textOf($('#reminder-result [role=alert]')), 'The scheduler is down');
});

test('start at login is switched through the api, and put back when that fails', async () => {
  const { api, $ } = await mount({ setAutostart: new ApiError({ code: 'x', message: 'No autostart folder' }) });
  $('#autostart').checked = false;
  $('#autostart').dispatchEvent(new Event('change'));
  await settle();
  assert.deepEqual(lastCall(api, 'setAutostart'), ['setAutostart', false]);
  assert.equal($('#autostart').checked, true);
  assert.equal(textOf($('#autostart-error')), 'No autostart folder');
  assert.equal($('#autostart-error').hidden, false);
});

test('each export says where it was saved, or why not, and a cancelled save dialog says nothing', async () => {
  const { api, $ } = await mount({ exportPeopleCsv: '/home/me/people.csv', exportPeopleVcard: null, saveBackup: new ApiError({ code: 'io', message: 'Disk full' }) });
  click($('#export-csv'));
  await settle();
  assert.deepEqual(lastCall(api, 'exportPeopleCsv'), ['exportPeopleCsv']);
  assert.equal(textOf($('#data-result')), 'The people list saved as /home/me/people.csv');
  assert.equal($('#data-result').className, 'success');
  click($('#export-vcard'));
  await settle();
  assert.deepEqual(lastCall(api, 'exportPeopleVcard'), ['exportPeopleVcard']);
  assert.equal(textOf($('#data-result')), 'The people list saved as /home/me/people.csv',
    'cancelling the save dialog neither fails nor claims a save');
  click($('#save-backup'));
  await settle();
  assert.equal(textOf($('#data-result')), 'Disk full');
  assert.equal($('#data-result').className, 'form-error');
});

test('the wins are exported as CSV through the save dialog, and it says where', async () => {
  const { api, $ } = await mount({ exportWinsCsv: '/home/me/Allies wins - 2026-12-05.csv' });
  assert.equal(textOf($('#export-wins')), 'Export your wins (CSV)');
  click($('#export-wins'));
  await settle();
  assert.deepEqual(lastCall(api, 'exportWinsCsv'), ['exportWinsCsv']);
  assert.equal(textOf($('#data-result')), 'Your wins saved as /home/me/Allies wins - 2026-12-05.csv');
});

test('the asks are exported as CSV through the save dialog, and it says where', async () => {
  const { api, $ } = await mount({ exportAsksCsv: '/home/me/Allies asks - 2026-12-05.csv' });
  assert.equal(textOf($('#export-asks')), 'Export your asks (CSV)');
  click($('#export-asks'));
  await settle();
  assert.deepEqual(lastCall(api, 'exportAsksCsv'), ['exportAsksCsv']);
  assert.equal(textOf($('#data-result')), 'Your asks saved as /home/me/Allies asks - 2026-12-05.csv');
});

test('restoring a copy asks first, and Cancel leaves everything', async () => {
  const { api, $ } = await mount({ restoreSnapshot: '/d/backups/replaced.db' });
  click($('.snapshot-restore'));
  await settle();
  const dialog = document.getElementById('restore-dialog');
  assert.ok(dialog.hasAttribute('open'));
  click(dialog.querySelector('#restore-cancel'));
  await settle();
  assert.equal(document.getElementById('restore-dialog'), null);
  assert.equal(lastCall(api, 'restoreSnapshot'), undefined);

  click($('.snapshot-restore'));
  await settle();
  click(document.querySelector('#restore-confirm'));
  await settle();
  assert.deepEqual(lastCall(api, 'restoreSnapshot'), ['restoreSnapshot', '/d/backups/a.db']);
  assert.equal(textOf($('#data-result')), 'Restored. The data it replaced is in /d/backups/replaced.db. Reloading…');
});

test('copies that cannot be listed say why', async () => {
  const { $ } = await mount({ listSnapshots: new ApiError({ code: 'io', message: 'No backups folder' }) });
  assert.equal(textOf($('#snapshots [role=alert]')), 'No backups folder');
});

test('encrypting checks both passphrases and the box before asking, then reloads with what happened', async () => {
  const { api, $ } = await mount({ setEncryption: { backups_converted: 1, backups_left: [] } });
  const form = $('#enc');
  $('#enc-passphrase').value = 'correct horse';
  $('#enc-repeat').value = 'correct hose';
  submit(form);
  await settle();
  assert.equal(textOf($('#enc-repeat-error')), 'The two passphrases differ. Type the same one twice.');
  $('#enc-repeat').value = 'correct horse';
  submit(form);
  await settle();
  assert.equal(textOf($('#enc-understood-error')), 'Tick this to confirm you will keep the passphrase safe.');
  assert.equal(lastCall(api, 'setEncryption'), undefined, 'nothing is sent until both checks pass');

  $('#enc-understood').checked = true;
  submit(form);
  await settle();
  assert.deepEqual(lastCall(api, 'setEncryption'), ['setEncryption', null, 'correct horse']);
  assert.equal($('#enc-passphrase').value, '', 'the passphrase is not left in the field');
  assert.equal(reloads.count, 1);
  assert.equal(sessionStorage.getItem(FLASH_KEY), 'Your data is now encrypted. 1 automatic copy was changed the same way.');
});

test('a refused passphrase is shown at its field and the button comes back', async () => {
  const { $ } = await mount({ setEncryption: new ApiError({ code: 'invalid', message: 'Use at least 8 characters.', field: 'passphrase' }) });
  $('#enc-passphrase').value = 'short';
  $('#enc-repeat').value = 'short';
  $('#enc-understood').checked = true;
  submit($('#enc'));
  await settle();
  assert.equal(textOf($('#enc-passphrase-error')), 'Use at least 8 characters.');
  assert.equal(textOf($('#enc-submit')), 'Encrypt my data');
  assert.equal($('#enc-submit').disabled, false);
  assert.equal(reloads.count, 0);
});

test('encrypted data can be locked now, and the lock delay is kept and told to the idle watch', async () => {
  localStorage.setItem('allies.lockAfterMinutes', '5');
  const { api, $ } = await mount({}, { encrypted: true });
  assert.ok($('#encryption-on'));
  assert.equal($('#lock-after').value, '5', 'the delay chosen before is selected');
  let told = null;
  const listen = (e) => { told = e.detail; };
  window.addEventListener('allies-lock-after', listen);
  $('#lock-after').value = '30';
  $('#lock-after').dispatchEvent(new Event('change'));
  window.removeEventListener('allies-lock-after', listen);
  assert.equal(told, 30);
  assert.equal(lockAfterMinutes(localStorage), 30);

  click($('#lock-now'));
  await settle();
  assert.deepEqual(lastCall(api, 'lockNow'), ['lockNow']);
  assert.equal(reloads.count, 1);
});

test('the passphrase is changed with the current one, and removed with it', async () => {
  const { api, $ } = await mount({ setEncryption: { backups_converted: 0, backups_left: ['/d/backups/old.db'] } }, { encrypted: true });
  $('#rekey-current').value = 'old pass';
  $('#rekey-passphrase').value = 'new passphrase';
  $('#rekey-repeat').value = 'new passphrase';
  submit($('#rekey'));
  await settle();
  assert.deepEqual(lastCall(api, 'setEncryption'), ['setEncryption', 'old pass', 'new passphrase']);
  assert.match(sessionStorage.getItem(FLASH_KEY), /^Your passphrase was changed\. 1 older copy could not be changed/);

  $('#decrypt-current').value = 'new passphrase';
  submit($('#decrypt'));
  await settle();
  assert.deepEqual(lastCall(api, 'setEncryption'), ['setEncryption', 'new passphrase', null]);
  assert.match(sessionStorage.getItem(FLASH_KEY), /^Your data is no longer encrypted\./);
});

test('recent changes list what can be undone, newest first, and the buttons name the next step', async () => {
  const steps = [
    { id: 3, label: 'Added Sam Poe', at: '2026-12-05T10:00:00.000Z', undone: true },
    { id: 2, label: 'Logged a coffee with Dana Ng', at: '2026-12-05T09:30:00.000Z', undone: false },
    { id: 1, label: 'Added <b>Dana</b> Ng', at: '2026-12-04T09:00:00.000Z', undone: false },
  ];
  resetPage();
  const api = fakeApi(answers({ recentChanges: { steps, next_undo: steps[1], next_redo: steps[0] } }));
  const ctx = fakeContext(api, { status: { ready: true, encrypted: false, db_path: '/d/allies.db' } });
  let redos = 0;
  ctx.runRedo = async () => { redos += 1; };
  const view = mountSettings(ctx);
  document.getElementById('main').append(view.el);
  await settle();
  const $ = (sel) => view.el.querySelector(sel);
  const items = [...view.el.querySelectorAll('#history-steps li')];
  assert.deepEqual(items.map((li) => textOf(li.querySelector('.ledger-text'))),
    ['Added Sam Poe (undone)', 'Logged a coffee with Dana Ng', 'Added <b>Dana</b> Ng']);
  assert.equal(items[2].querySelector('b'), null, 'a label is text, never markup');
  assert.equal(items[0].querySelector('time').getAttribute('datetime'), steps[0].at);
  assert.notEqual(textOf(items[0].querySelector('time')), '', 'the time is written out');
  assert.equal(textOf($('#history-undo')), 'Undo: Logged a coffee with Dana Ng');
  assert.equal(textOf($('#history-redo')), 'Redo: Added Sam Poe');
  click($('#history-undo'));
  click($('#history-redo'));
  assert.equal(ctx.undos, 1);
  assert.equal(redos, 1);
});

test('with no changes yet, the buttons say there is nothing to undo', async () => {
  const { $ } = await mount({ recentChanges: { steps: [], next_undo: null, next_redo: null } });
  assert.equal(textOf($('#history-undo')), 'Nothing to undo');
  assert.equal($('#history-undo').disabled, true);
  assert.match(textOf($('#recent-changes')), /No changes yet/);
});

test('the backup says whether it is encrypted, and leaves out deleted records unless the box is ticked', async () => {
  const plain = await mount({ saveBackup: '/home/me/backup.json' });
  assert.match(textOf(plain.$('#backup-encryption')), /not encrypted: anyone who has the file can read it/);
  click(plain.$('#save-backup'));
  await settle();
  assert.deepEqual(lastCall(plain.api, 'saveBackup'), ['saveBackup', false]);
  plain.$('#backup-with-deleted').checked = true;
  click(plain.$('#save-backup'));
  await settle();
  assert.deepEqual(lastCall(plain.api, 'saveBackup'), ['saveBackup', true]);
  const sealed = await mount({}, { encrypted: true });
  assert.match(textOf(sealed.$('#backup-encryption')), /encrypted with your passphrase/);
});

test('every kind of deleted record can be brought back or deleted permanently, and the period is saved as a change', async () => {
  let deleted = [
    { kind: 'person', id: 'p1', title: '', person_name: 'Dana <b>Ng</b>', other_name: null, deleted_at: '2026-11-20T10:00:00Z' },
    { kind: 'favour', id: 'f1', title: 'Covered my on-call for Sam Patel', person_name: 'Sam Patel', other_name: null, deleted_at: '2026-11-19T10:00:00Z' },
    { kind: 'map', id: 'm1', title: 'Platform launch', person_name: null, other_name: null, deleted_at: '2026-11-18T10:00:00Z' },
  ];
  const { api, $ } = await mount({
    listDeletedRecords: () => deleted,
    bringBackRecord: (kind, id) => { deleted = deleted.filter((r) => r.id !== id); return null; },
    deleteRecordPermanently: (kind, id) => { deleted = deleted.filter((r) => r.id !== id); return { people: 0, records: 1, history_steps: 1 }; },
    setPurgeDays: (days) => (days >= 1 ? days : new ApiError({ code: 'purge.days', field: 'days', message: 'Keep deleted records for 1 to 3650 days; 0 is not possible.' })),
  });
  assert.equal($('#purge-days').value, '30');
  const rows = [...$('#deleted-list').children];
  assert.equal(rows.length, 3);
  assert.match(textOf(rows[0]), /^Dana <b>Ng<\/b> · deleted /, 'names as text');
  assert.equal(rows[0].querySelector('b'), null);
  assert.match(textOf(rows[1]), /^Favour: Covered my on-call for Sam Patel · Sam Patel · deleted /);
  assert.match(textOf(rows[2]), /^Map: Platform launch · deleted /);
  assert.equal(rows[2].querySelector('.deleted-restore').getAttribute('aria-label'), 'Bring back Map: Platform launch');
  assert.match(textOf($('.deleted-records')), /Copies taken before a record is removed for good/);
  assert.match(textOf($('.deleted-records')), /SSD/);

  click(rows[2].querySelector('.deleted-purge'));
  const dialog = document.querySelector('#purge-dialog');
  assert.ok(dialog, 'deleting permanently asks first');
  assert.equal(textOf(dialog.querySelector('#purge-title')), 'Delete this map permanently?');
  click(dialog.querySelector('#purge-confirm'));
  await settle();
  assert.deepEqual(lastCall(api, 'deleteRecordPermanently'), ['deleteRecordPermanently', 'map', 'm1']);
  assert.equal(document.querySelector('#toast-undo'), null, 'nothing to undo');
  assert.equal([...$('#deleted-list').children].length, 2);

  click($('#deleted-list [data-kind="favour"] .deleted-restore'));
  await settle();
  assert.deepEqual(lastCall(api, 'bringBackRecord'), ['bringBackRecord', 'favour', 'f1']);
  assert.ok(document.querySelector('#toast-undo'), 'bringing back can be undone');
  click($('#deleted-list .deleted-purge'));
  assert.equal(textOf(document.querySelector('#purge-title')), 'Delete Dana <b>Ng</b> permanently?');
  click(document.querySelector('#purge-confirm'));
  await settle();
  assert.deepEqual(lastCall(api, 'deleteRecordPermanently'), ['deleteRecordPermanently', 'person', 'p1']);
  assert.ok($('#deleted-empty'));

  $('#purge-days').value = '0';
  submit($('#purge-form'));
  await settle();
  assert.match(textOf($('#purge-days-error')), /1 to 3650 days/);
  assert.equal($('#purge-days').getAttribute('aria-invalid'), 'true');
  $('#purge-days').value = '7';
  submit($('#purge-form'));
  await settle();
  assert.deepEqual(lastCall(api, 'setPurgeDays'), ['setPurgeDays', 7]);
  assert.equal(textOf($('#purge-days-error')), '');
  assert.match(textOf(document.querySelector('#toasts')), /kept 7 days/);
});

test('an encrypted backup the data\'s passphrase does not open asks for its own, and Cancel changes nothing', async () => {
  const { restoreBackupAt } = await import('../../ui/views/settings-data.js');
  resetPage();
  const tries = [];
  const api = fakeApi({
    restoreBackupFile: (path, passphrase) => {
      tries.push(passphrase);
      return passphrase === 'the old one'
        ? '/d/backups/replaced.db'
        : new ApiError({ code: passphrase ? 'backup.wrong_passphrase' : 'backup.passphrase_needed', field: 'passphrase', message: 'That passphrase does not open this backup.' });
    },
  });
  const said = [];
  const done = restoreBackupAt(api, '/home/me/backup.json', (text, ok = true) => said.push([text, ok]));
  click(document.querySelector('#restore-confirm'));
  await settle();
  const ask = document.querySelector('#backup-passphrase-dialog');
  assert.ok(ask, 'it asks for the passphrase');
  assert.match(textOf(ask), /does not open this backup/);
  document.querySelector('#backup-passphrase').value = 'a wrong one';
  ask.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  document.querySelector('#backup-passphrase').value = 'the old one';
  document.querySelector('#backup-passphrase-dialog form').dispatchEvent(new Event('submit', { cancelable: true }));
  await done;
  assert.deepEqual(tries, [null, 'a wrong one', 'the old one']);
  assert.match(said.at(-1)[0], /^Restored\./);

  const again = restoreBackupAt(api, '/home/me/backup.json', (text, ok = true) => said.push([text, ok]));
  click(document.querySelector('#restore-confirm'));
  await settle();
  click(document.querySelector('#backup-passphrase-cancel'));
  await again;
  assert.deepEqual(said.at(-1), ['Not restored: the backup needs the passphrase it was made with. Nothing was changed.', false]);
});

test('a deleted record is described with every name as presenting mode shows it', async () => {
  const { describeDeleted } = await import('../../ui/views/settings-deleted.js');
  const { setPresentingMode } = await import('../../ui/lib/presenting.js');
  const reminder = { kind: 'reminder', title: 'Call Dana Ng about the offsite', person_name: 'Dana Ng', other_name: null };
  const link = { kind: 'link', title: 'reports_to', person_name: 'Dana Ng', other_name: 'Sam Patel' };
  assert.equal(describeDeleted(reminder), 'Reminder: Call Dana Ng about the offsite · Dana Ng');
  assert.equal(describeDeleted(link), 'Connection: Dana Ng reports to Sam Patel');
  setPresentingMode('initials');
  try {
    assert.equal(describeDeleted(reminder), 'Reminder: Call DN about the offsite · DN');
    assert.equal(describeDeleted(link), 'Connection: DN reports to SP');
    assert.equal(describeDeleted({ kind: 'person', title: '', person_name: 'Dana Ng' }), 'DN');
  } finally {
    setPresentingMode('names');
  }
});

test('the deleted list follows presenting mode while Settings is open, and stops when it closes', async () => {
  const { setPresentingMode } = await import('../../ui/lib/presenting.js');
  const deleted = [{ kind: 'favour', id: 'f1', title: 'Covered my on-call', person_name: 'Sam Patel', other_name: null, deleted_at: '2026-11-19T10:00:00Z' }];
  const { api, view, $ } = await mount({ listDeletedRecords: () => deleted });
  assert.match(textOf($('#deleted-list')), /Sam Patel/);
  try {
    setPresentingMode('initials');
    await settle();
    assert.doesNotMatch(textOf($('#deleted-list')), /Sam Patel/, 'the name goes as soon as presenting starts');
    view.destroy();
    const asked = api.calls.filter(([n]) => n === 'listDeletedRecords').length;
    setPresentingMode('names');
    await settle();
    assert.equal(api.calls.filter(([n]) => n === 'listDeletedRecords').length, asked, 'a closed view reads nothing');
  } finally {
    setPresentingMode('names');
  }
});
