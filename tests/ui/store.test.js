import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../ui/lib/store.js';

test('a listener hears each real change of its key, and nothing after it stops', () => {
  const store = new Store({ overdue: 0 });
  const heard = [];
  const stop = store.on('overdue', (n) => heard.push(n));
  store.set('overdue', 3);
  store.set('overdue', 3); // the same value: nobody needs to redraw
  store.set('other', 1); // another key: not this listener's business
  store.set('overdue', 0);
  stop();
  store.set('overdue', 5);
  assert.deepEqual(heard, [3, 0], 'only changes of overdue, and none after stop()');
  assert.equal(store.get('overdue'), 5, 'the value is kept even with no listener');
});

test('bump counts from zero so views can re-read what changed', () => {
  const store = new Store();
  const heard = [];
  store.on('people', (v) => heard.push(v));
  store.bump('people');
  store.bump('people');
  assert.deepEqual(heard, [1, 2]);
});

test('setting an unset key to undefined still tells listeners once', () => {
  const store = new Store();
  let calls = 0;
  store.on('x', () => { calls += 1; });
  store.set('x', undefined);
  store.set('x', undefined);
  assert.equal(calls, 1, 'the first set creates the key, the second changes nothing');
});
