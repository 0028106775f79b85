// Files dropped on the window: which ones open the import preview or the restore confirmation,
// and what the window says otherwise. The native events are replaced by a fake `listen`.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeApi, resetPage, textOf } from './support/dom.js';
import './support/view-shims.js';
import { dropAction, watchFileDrops } from '../../ui/views/file-drop.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch(answers = {}) {
  const handlers = {};
  const api = fakeApi(answers);
  const imported = [];
  watchFileDrops({ api, listen: (name, handler) => { handlers[name] = handler; }, onImported: (s) => imported.push(s) });
  return { api, handlers, imported };
}

test('one CSV or vCard file is imported, one JSON file restored, anything else explained', () => {
  assert.deepEqual(dropAction(['/home/me/Connections.csv']), { kind: 'import', path: '/home/me/Connections.csv' });
  assert.deepEqual(dropAction(['/home/me/Contacts.VCF']), { kind: 'import', path: '/home/me/Contacts.VCF' });
  assert.deepEqual(dropAction(['/home/me/Allies backup.json']), { kind: 'restore', path: '/home/me/Allies backup.json' });
  const other = dropAction(['/home/me/photo.png']);
  assert.equal(other.kind, 'message');
  assert.match(other.text, /cannot import photo\.png/, 'the message names the file');
  const several = dropAction(['/a.csv', '/b.csv']);
  assert.equal(several.kind, 'message');
  assert.match(several.text, /2 files were dropped; Allies imports one at a time/);
  assert.equal(dropAction(undefined).kind, 'message', 'a drop without paths is explained, not thrown');
});

test('a hint shows while a file is dragged over the window and goes when it leaves', () => {
  const { handlers } = watch();
  assert.equal($('#drop-hint').hidden, true, 'no hint before a drag');
  handlers['drag-enter']({ paths: ['/a.csv'] });
  assert.equal($('#drop-hint').hidden, false);
  assert.match(textOf($('#drop-hint')), /CSV or vCard file to import people/);
  handlers['drag-leave'](null);
  assert.equal($('#drop-hint').hidden, true);
});

test('dropping a CSV file opens the import preview for it', async () => {
  const preview = { unit: 'row', new: 1, duplicates: [], problems: [], sample: [], notice: null };
  const { api, handlers } = watch({ importPreview: { preview, mapping: { name: 0 }, headers: ['Name'] } });
  handlers['drag-enter']({ paths: ['/home/me/team.csv'] });
  await handlers['drag-drop']({ paths: ['/home/me/team.csv'], position: { x: 10, y: 10 } });
  await settle();
  assert.equal($('#drop-hint').hidden, true, 'the hint goes on drop');
  assert.ok($('#import-dialog'), 'the import dialog opened');
  assert.equal(textOf($('#import-file-name')), 'team.csv');
  assert.deepEqual(api.calls[0], ['importPreview', 'linkedin', '/home/me/team.csv', null]);
});

test('dropping two files imports neither and says why', async () => {
  const { api, handlers } = watch();
  await handlers['drag-drop']({ paths: ['/a.csv', '/b.vcf'] });
  await settle();
  assert.equal(api.calls.length, 0, 'nothing is read');
  assert.equal($('#import-dialog'), null);
  assert.match(textOf($('#toasts')), /2 files were dropped/);
});

test('dropping a backup asks before replacing everything, and Cancel restores nothing', async () => {
  const { api, handlers } = watch({ restoreBackupFile: '/d/backups/replaced.db' });
  await handlers['drag-drop']({ paths: ['/home/me/Allies backup.json'] });
  await settle();
  assert.ok($('#restore-dialog'), 'the restore is confirmed first');
  assert.match(textOf($('#restore-dialog')), /the backup in Allies backup\.json/);
  $('#restore-cancel').click();
  await settle();
  assert.equal(api.calls.length, 0, 'a cancelled restore never reaches the core');
});
