// The page's events from the app: read by asking for what came after the last one seen, handed
// to each listener of its name, and never stopped by a failed call or a failing listener.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appEvents } from '../../ui/lib/app-events.js';

/** An app whose answers the test gives one at a time; `asked` lists each call's cursor. */
function fakeApp() {
  const asked = [];
  const pending = [];
  const ask = (after) => {
    asked.push(after);
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  const answer = (batch) => pending.shift().resolve(batch);
  const fail = (err) => pending.shift().reject(err);
  return { ask, asked, answer, fail };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('listening starts from the app\'s cursor, then each answer is asked after the last event', async () => {
  const app = fakeApp();
  const events = appEvents(app.ask);
  const heard = [];
  const listening = events.on('reminders-changed', (p) => heard.push(p));
  assert.deepEqual(app.asked, [null], 'first, where to start from');
  app.answer({ cursor: 7, events: [] });
  await listening;
  await settle();
  assert.deepEqual(app.asked, [null, 7]);
  app.answer({ cursor: 9, events: [{ name: 'reminders-changed', payload: ['a'] }, { name: 'data-synced', payload: 2 }] });
  await settle();
  assert.deepEqual(heard, [['a']], 'only the events it listens to');
  assert.deepEqual(app.asked, [null, 7, 9]);
});

test('several listeners share one call; stop() ends one of them', async () => {
  const app = fakeApp();
  const events = appEvents(app.ask);
  const heard = [];
  const first = events.on('drag-over', () => heard.push('first'));
  const second = events.on('drag-over', () => heard.push('second'));
  app.answer({ cursor: 0, events: [] });
  const [stopFirst] = await Promise.all([first, second]);
  await settle();
  assert.deepEqual(app.asked, [null, 0], 'one start and one waiting call');
  stopFirst();
  app.answer({ cursor: 1, events: [{ name: 'drag-over', payload: { position: { x: 1, y: 2 } } }] });
  await settle();
  assert.deepEqual(heard, ['second']);
});

test('a failed call is asked again after a pause, from the same cursor', async () => {
  const app = fakeApp();
  const pauses = [];
  const events = appEvents(app.ask, { retryMs: 250, sleep: async (ms) => { pauses.push(ms); } });
  const heard = [];
  const listening = events.on('data-locked', (p) => heard.push(p));
  app.answer({ cursor: 3, events: [] });
  await listening;
  await settle();
  app.fail(new Error('busy'));
  await settle();
  assert.deepEqual(pauses, [250]);
  assert.deepEqual(app.asked, [null, 3, 3]);
  app.answer({ cursor: 4, events: [{ name: 'data-locked', payload: 'Locked.' }] });
  await settle();
  assert.deepEqual(heard, ['Locked.']);
});

test('a listener that throws does not keep the others or the next events from being heard', async () => {
  const app = fakeApp();
  const thrown = [];
  const events = appEvents(app.ask, { report: (err) => thrown.push(err.message) });
  const heard = [];
  const a = events.on('reminder-open', () => { throw new Error('broken view'); });
  const b = events.on('reminder-open', (p) => heard.push(p));
  app.answer({ cursor: 0, events: [] });
  await Promise.all([a, b]);
  await settle();
  app.answer({ cursor: 2, events: [{ name: 'reminder-open', payload: 1 }, { name: 'reminder-open', payload: 2 }] });
  await settle();
  assert.deepEqual(heard, [1, 2]);
  assert.deepEqual(thrown, ['broken view', 'broken view'], 'reported, not swallowed');
  assert.deepEqual(app.asked.at(-1), 2, 'and the next call went out');
});

test('when the app cannot say where to start, listening fails and the next listener tries again', async () => {
  const app = fakeApp();
  const events = appEvents(app.ask);
  const first = events.on('data-synced', () => {});
  app.fail(new Error('no bridge'));
  await assert.rejects(first, /no bridge/);
  const again = events.on('data-synced', () => {});
  app.answer({ cursor: 5, events: [] });
  await again;
  assert.deepEqual(app.asked.slice(0, 2), [null, null]);
});
