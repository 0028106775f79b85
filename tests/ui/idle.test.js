import { test } from 'node:test';
import assert from 'node:assert/strict';

import { DEFAULT_LOCK_AFTER, IdleWatch, describeLockAfter, lockAfterMinutes, setLockAfterMinutes } from '../../ui/lib/idle.js';

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

test('fires once after the time without activity, and activity postpones it', () => {
  let t = 0;
  let fired = 0;
  const w = new IdleWatch({ now: () => t, minutes: 5, onIdle: () => { fired += 1; } });
  t = 4 * 60_000;
  assert.equal(w.check(), false);
  w.activity();
  t += 4 * 60_000;
  assert.equal(w.check(), false, 'activity four minutes ago');
  t += 60_000;
  assert.equal(w.check(), true);
  assert.equal(w.check(), true);
  assert.equal(fired, 1, 'locks once, not at every check');
});

test('a laptop asleep past the limit locks at the first check after waking', () => {
  let t = 0;
  let fired = 0;
  const w = new IdleWatch({ now: () => t, minutes: 10, onIdle: () => { fired += 1; } });
  t = 3 * 3_600_000; // three hours without a single check
  w.check();
  assert.equal(fired, 1);
});

test('never means never, and a new delay counts from the change', () => {
  let t = 0;
  let fired = 0;
  const w = new IdleWatch({ now: () => t, minutes: 0, onIdle: () => { fired += 1; } });
  t = 48 * 3_600_000;
  assert.equal(w.check(), false);
  w.setMinutes(1);
  t += 59_000;
  assert.equal(w.check(), false);
  t += 1_000;
  assert.equal(w.check(), true);
  assert.equal(fired, 1);
});
