import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createApi, toApiError } from '../../ui/lib/api.js';

test('commands are sent by name with their arguments', async () => {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return 'ok'; });
  await api.listPeople('dana');
  await api.updatePerson('id-1', { name: 'Dana' });
  await api.status();
  assert.deepEqual(calls, [
    ['list_people', { query: 'dana' }],
    ['update_person', { id: 'id-1', input: { name: 'Dana' } }],
    ['app_status', undefined],
  ]);
});

test('reminder commands carry the subject and the choice as the shell expects', async () => {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return null; });
  await api.snoozeReminder('thank_you:f1', { for: 'until', at: '2026-12-01T09:00' });
  await api.completeReminder('promise:p1');
  await api.pauseReminders('hour');
  assert.deepEqual(calls, [
    ['snooze_reminder', { subject: 'thank_you:f1', choice: { for: 'until', at: '2026-12-01T09:00' } }],
    ['complete_reminder', { subject: 'promise:p1' }],
    ['pause_reminders', { choice: 'hour' }],
  ]);
});

test('an error from the core keeps its code, message and field', async () => {
  const api = createApi(async () => { throw { code: 'people.name_required', message: 'Enter a name.', field: 'name' }; });
  await assert.rejects(api.addPerson({ name: '' }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 'people.name_required');
    assert.equal(err.message, 'Enter a name.');
    assert.equal(err.field, 'name');
    return true;
  });
});

test('anything else thrown becomes an unexpected error with a readable message', () => {
  const fromString = toApiError('IPC closed');
  assert.equal(fromString.code, 'app.unexpected');
  assert.match(fromString.message, /IPC closed/);
  const fromError = toApiError(new TypeError('x is undefined'));
  assert.match(fromError.message, /x is undefined/);
  assert.equal(fromError.field, null);
});

test('outside the app the API fails with an explanation instead of crashing', async () => {
  const { api } = await import('../../ui/lib/api.js');
  await assert.rejects(api.status(), /open this page inside the Allies app/);
});

test("inside the app the API calls Tauri's bridge, which the app's pages have without Tauri's global API", async (t) => {
  const { api, onAppEvent } = await import('../../ui/lib/api.js');
  const calls = [];
  globalThis.__TAURI_INTERNALS__ = { invoke: async (cmd, args) => { calls.push([cmd, args]); return { ready: true }; } };
  // The global API (withGlobalTauri) is off: a page that leaned on it would fail here.
  globalThis.__TAURI__ = undefined;
  t.after(() => { delete globalThis.__TAURI_INTERNALS__; delete globalThis.__TAURI__; });
  assert.deepEqual(await api.status(), { ready: true });
  await api.listPeople('dana');
  assert.deepEqual(calls, [['app_status', undefined], ['list_people', { query: 'dana' }]]);
  // Without the bridge, events are not asked for; with it, they are (the shell's next_events).
  delete globalThis.__TAURI_INTERNALS__;
  const stop = await onAppEvent('reminders-changed', () => {});
  stop();
  assert.equal(calls.length, 2);
});

test('the People list sends its view, and a bulk action its ids and action, as the shell expects', async () => {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return null; });
  const list = { query: 'dana', filters: { tags: ['mentor'] }, sort: 'power', descending: true };
  await api.peoplePage(list, 100, 100);
  await api.peopleIds(list);
  await api.peopleFilterChoices();
  await api.bulkChangePeople(['p1', 'p2'], { kind: 'add_tag', tag: 'mentor' });
  assert.deepEqual(calls, [
    ['people_page', { list, offset: 100, limit: 100, around: null }],
    ['people_ids', { list }],
    ['people_filter_choices', undefined],
    ['bulk_change_people', { ids: ['p1', 'p2'], action: { kind: 'add_tag', tag: 'mentor' } }],
  ]);
});

test('the sample workspace calls its three commands, with no arguments', async () => {
  const calls = [];
  const api = createApi(async (cmd, args) => { calls.push([cmd, args]); return null; });
  await api.addSampleWorkspace();
  await api.sampleWorkspaceStatus();
  await api.removeSampleWorkspace();
  assert.deepEqual(calls, [
    ['add_sample_workspace', undefined],
    ['sample_workspace_status', undefined],
    ['remove_sample_workspace', undefined],
  ]);
});
