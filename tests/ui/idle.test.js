import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ActivityReport, DEFAULT_LOCK_AFTER, describeLockAfter, lockAfterMinutes, setLockAfterMinutes } from '../../ui/lib/idle.js';

function memoryStorage(initial = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)) };
}

test('the lock delay defaults to ten minutes and ignores values it does not offer', () => {
  assert.equal(lockAfterMinutes(memoryStorage()), DEFAULT_LOCK_AFTER);
  assert.equal(lockAfterMinutes(memoryStorage({ 'allies.lockAfterMinutes': '7' })), DEFAULT_LOCK_AFTER);
  assert.equal(lockAfterMinutes(memoryStorage({ 'allies.lockAfterMinutes': 'soon' })), DEFAULT_LOCK_AFTER);
  assert.equal(lockAfterMinutes(memoryStorage({ 'allies.lockAfterMinutes': '0' })), 0, 'never is a choice');
  const s = memoryStorage();
  setLockAfterMinutes(s, 30);
  assert.equal(lockAfterMinutes(s), 30);
  assert.throws(() => setLockAfterMinutes(s, 2), RangeError);
  assert.equal(lockAfterMinutes(undefined), DEFAULT_LOCK_AFTER, 'no storage at all');
});

test('the choices read as words', () => {
  assert.deepEqual([1, 5, 60, 0].map(describeLockAfter), ['1 minute', '5 minutes', '1 hour', 'Never']);
});

test('use is reported to the app at most once in a while', () => {
  let t = 0;
  let sent = 0;
  const r = new ActivityReport({ now: () => t, every: 30_000, send: () => { sent += 1; } });
  assert.equal(r.seen(), true, 'the first use is told at once');
  t = 29_999;
  assert.equal(r.seen(), false);
  assert.equal(sent, 1, 'a pointer moving does not call the app at every event');
  t = 30_000;
  assert.equal(r.seen(), true);
  t = 3 * 3_600_000;
  assert.equal(r.seen(), true, 'back after hours away');
  assert.equal(sent, 3);
});
