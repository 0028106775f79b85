import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndoStack } from '../../ui/lib/undo.js';

test('undo runs the newest action first', async () => {
  const undo = new UndoStack();
  const done = [];
  undo.push('Deleted A', async () => done.push('A'));
  undo.push('Deleted B', async () => done.push('B'));
  assert.equal(await undo.undo(), 'Deleted B');
  assert.equal(await undo.undo(), 'Deleted A');
  assert.equal(await undo.undo(), null, 'nothing left to undo');
  assert.deepEqual(done, ['B', 'A']);
});

test('a failed undo stays available to try again', async () => {
  const undo = new UndoStack();
  let attempts = 0;
  undo.push('Deleted A', async () => { attempts += 1; if (attempts === 1) throw new Error('database busy'); });
  await assert.rejects(undo.undo(), /database busy/);
  assert.equal(undo.size, 1);
  assert.equal(await undo.undo(), 'Deleted A');
  assert.equal(undo.size, 0);
});

test('the history is bounded', () => {
  const undo = new UndoStack(3);
  for (let i = 0; i < 5; i += 1) undo.push(`#${i}`, async () => {});
  assert.equal(undo.size, 3);
  assert.equal(undo.peek().label, '#4');
});

test('a second undo while one runs is ignored, and never skips an action', async () => {
  const undo = new UndoStack();
  const done = [];
  let release;
  undo.push('A', async () => { done.push('A'); });
  undo.push('B', () => new Promise((resolve) => { release = () => { done.push('B'); resolve(); }; }));
  const first = undo.undo();
  assert.equal(await undo.undo(), null, 'busy: the press is ignored rather than repeating B');
  release();
  assert.equal(await first, 'B');
  assert.equal(await undo.undo(), 'A');
  assert.deepEqual(done, ['B', 'A']);
});

test('a toast can undo its own action even after newer ones', async () => {
  const undo = new UndoStack();
  const done = [];
  const deleted = undo.push('Took Dana off', async () => done.push('Dana back'));
  undo.push('Moved Sam', async () => done.push('Sam back'));
  assert.equal(await undo.undo(deleted), 'Took Dana off');
  assert.deepEqual(done, ['Dana back'], 'the newer move is untouched');
  assert.equal(undo.peek().label, 'Moved Sam');
  assert.equal(await undo.undo(deleted), null, 'undone once only');
});
