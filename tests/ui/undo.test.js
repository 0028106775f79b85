import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndoHistory } from '../../ui/lib/undo.js';

/** An api over a list of steps, undone newest first, like the core's history. */
function fakeHistory(labels, { failOnce = false } = {}) {
  const done = labels.map((label, id) => ({ id, label, undone: false }));
  const undone = [];
  let fail = failOnce;
  const slow = () => new Promise((r) => setTimeout(r, 5));
  return {
    calls: [],
    async undo() {
      this.calls.push('undo');
      await slow();
      if (fail) { fail = false; throw new Error('database busy'); }
      const step = done.pop();
      if (!step) return null;
      undone.push(step);
      return { ...step, undone: true };
    },
    async redo() {
      this.calls.push('redo');
      await slow();
      const step = undone.pop();
      if (!step) return null;
      done.push(step);
      return { ...step, undone: false };
    },
  };
}

test('undo takes the newest change first, and redo brings it back', async () => {
  const api = fakeHistory(['Added A', 'Deleted B']);
  const history = new UndoHistory(api);
  assert.equal((await history.undo()).label, 'Deleted B');
  assert.equal((await history.undo()).label, 'Added A');
  assert.equal(await history.undo(), null, 'nothing left to undo');
  assert.equal((await history.redo()).label, 'Added A');
});

test('presses made while a turn runs each move one more step, in order', async () => {
  const api = fakeHistory(['A', 'B', 'C']);
  const history = new UndoHistory(api);
  const labels = await Promise.all([history.undo(), history.undo(), history.redo()]);
  assert.deepEqual(labels.map((s) => s.label), ['C', 'B', 'B']);
});

test('a failed undo reports its error and the next press tries again', async () => {
  const api = fakeHistory(['Deleted A'], { failOnce: true });
  const history = new UndoHistory(api);
  await assert.rejects(history.undo(), /database busy/);
  assert.equal((await history.undo()).label, 'Deleted A');
});
