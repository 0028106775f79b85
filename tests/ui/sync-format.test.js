import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictText, deviceText, pendingText, problemText, roundText, syncFormProblem, wroteWhen } from '../../ui/lib/sync-format.js';

const NOW = new Date('2026-12-05T16:30:00Z');

test('the form names the first field to fix, in order', () => {
  const good = { folder: '/home/d/Dropbox/Allies', deviceName: 'Laptop', passphrase: 'a passphrase', repeat: 'a passphrase' };
  assert.equal(syncFormProblem(good), null);
  assert.equal(syncFormProblem({ ...good, folder: '  ' }).field, 'folder');
  assert.equal(syncFormProblem({ ...good, deviceName: '' }).field, 'device_name');
  assert.equal(syncFormProblem({ ...good, passphrase: ' ', repeat: ' ' }).field, 'passphrase');
  assert.deepEqual(syncFormProblem({ ...good, repeat: 'another' }), { field: 'repeat', message: 'The two passphrases differ. Type the same one twice.' });
});

test('when another computer last wrote reads as a person says it', () => {
  assert.equal(wroteWhen('2026-12-05T16:29:40Z', NOW), 'just now');
  assert.equal(wroteWhen('2026-12-05T16:29:00Z', NOW), '1 minute ago');
  assert.equal(wroteWhen('2026-12-05T16:05:00Z', NOW), '25 minutes ago');
  assert.equal(wroteWhen('2026-12-05T13:30:00Z', NOW), '3 hours ago');
  assert.match(wroteWhen('2026-11-30T09:00:00Z', NOW), /2026/, 'older: the date');
  assert.equal(wroteWhen(null, NOW), 'not known');
  assert.equal(wroteWhen('garbage', NOW), 'not known');
});

test('a device line gives its name, when it wrote and what is not applied yet', () => {
  const d = { id: 'd2', name: 'Desktop', last_seq_seen: 5, last_applied: 3, last_write: '2026-12-05T16:20:00Z' };
  assert.equal(deviceText(d, NOW), 'Desktop · last wrote 10 minutes ago · 2 files not applied here yet');
  assert.equal(deviceText({ ...d, name: null, last_applied: 5, last_write: null }, NOW), 'd2 · last wrote not known');
  assert.equal(deviceText({ ...d, last_applied: 4 }, NOW).endsWith('1 file not applied here yet'), true);
});

test('what waits, what a round did and a problem', () => {
  assert.equal(pendingText(0), 'Everything changed here is in the folder.');
  assert.equal(pendingText(1), '1 change waits to be written to the folder.');
  assert.equal(pendingText(4), '4 changes wait to be written to the folder.');
  assert.equal(roundText({ pushed: 0, pulled: { applied: 0 } }), 'Up to date: nothing new to write or apply.');
  assert.equal(roundText({ pushed: 1, pulled: { applied: 2 } }), 'Wrote 1 file of changes; applied 2 files from your other computers.');
  assert.equal(problemText({ path: '/s/changes/d2/5.changes', reason: 'the file is damaged' }), '/s/changes/d2/5.changes: the file is damaged');
});

test('a conflict says the kind of record, what was lost and by what, without keys', () => {
  const c = { table: 'people', kept: { name: 'Dana Z' }, overridden: { id: 'p1', name: 'Dana Zanzibar', role: 'Lead', notes: '', updated_at: 'x' } };
  assert.equal(conflictText(c), 'Person: name: Dana Zanzibar, role: Lead, replaced by a later edit');
  const derived = { table: 'people', kept: {}, overridden: { role: 'VP Platform', name_key: 'dana', search_text: 'dana zanzibar vp platform' } };
  assert.equal(conflictText(derived), 'Person: role: VP Platform, replaced by a later edit', 'what Allies works out from the rest is not shown');
  assert.equal(conflictText({ table: 'favours', kept: null, overridden: { what: 'x'.repeat(80) } }),
    `Favour: what: ${'x'.repeat(59)}…, replaced by a later delete`);
  assert.equal(conflictText({ table: 'odd_table', kept: {}, overridden: {} }), 'odd_table: a change, replaced by a later edit');
  assert.equal(conflictText({ table: 'settings', key: '["about_me"]', kept: { value: '"b"' }, overridden: { value: '"a"' } }),
    'Setting “about me”: value: "a", replaced by a later edit');
  assert.equal(conflictText({ table: 'settings', key: 'not json', kept: {}, overridden: { value: '1' } }), 'Setting: value: 1, replaced by a later edit');
  const reminders = { time_zone: 'Etc/GMT+4', morning: '09:00', quiet_start: '21:00', quiet_end: '07:00', weekly: 'mon' };
  assert.equal(conflictText({ table: 'settings', key: '["reminders"]', kept: {}, overridden: { value: JSON.stringify(reminders) } }),
    'Setting “reminders”: time zone: Etc/GMT+4, morning: 09:00, quiet start: 21:00, quiet end: 07:00, replaced by a later edit');
});
