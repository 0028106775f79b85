import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTextField, shortcutFor } from '../../ui/lib/shortcuts.js';
import { hashFor, paramFromHash, sectionFromHash } from '../../ui/lib/router.js';

test('Ctrl+1…7 switch sections, also while typing', () => {
  assert.deepEqual(shortcutFor({ key: '1', ctrlKey: true }), { action: 'go', section: 'people' });
  assert.deepEqual(shortcutFor({ key: '3', ctrlKey: true }), { action: 'go', section: 'network' });
  assert.deepEqual(shortcutFor({ key: '7', metaKey: true }, true), { action: 'go', section: 'settings' });
  assert.equal(shortcutFor({ key: '8', ctrlKey: true }), null, 'there are seven sections');
  assert.deepEqual(shortcutFor({ key: '6', ctrlKey: true }), { action: 'go', section: 'insights' });
});

test('plain keys belong to the text box while typing', () => {
  assert.equal(shortcutFor({ key: '/' }, true), null);
  assert.equal(shortcutFor({ key: 'Delete' }, true), null);
  assert.equal(shortcutFor({ key: 'z', ctrlKey: true }, true), null, 'Ctrl+Z undoes typing in a field');
  assert.deepEqual(shortcutFor({ key: '/' }), { action: 'search' });
  assert.deepEqual(shortcutFor({ key: 'Delete' }), { action: 'delete' });
  assert.deepEqual(shortcutFor({ key: 'z', ctrlKey: true }), { action: 'undo' });
  assert.deepEqual(shortcutFor({ key: 'Z', ctrlKey: true, shiftKey: true }), { action: 'redo' });
  assert.deepEqual(shortcutFor({ key: 'z', metaKey: true, shiftKey: true }), { action: 'redo' }, 'Cmd+Shift+Z on a Mac');
  assert.deepEqual(shortcutFor({ key: 'y', ctrlKey: true }), { action: 'redo' });
  assert.equal(shortcutFor({ key: 'Z', ctrlKey: true, shiftKey: true }, true), null, 'a field redoes its own typing');
});

test('save, cancel and new work everywhere', () => {
  assert.deepEqual(shortcutFor({ key: 'Enter', ctrlKey: true }, true), { action: 'save' });
  assert.deepEqual(shortcutFor({ key: 'Escape' }, true), { action: 'cancel' });
  assert.deepEqual(shortcutFor({ key: 'N', ctrlKey: true }, true), { action: 'new-person' });
  assert.equal(shortcutFor({ key: 'n', ctrlKey: true, altKey: true }), null);
});

test('Ctrl+L locks, also while typing; Ctrl+Shift+L does not', () => {
  assert.deepEqual(shortcutFor({ key: 'l', ctrlKey: true }), { action: 'lock' });
  assert.deepEqual(shortcutFor({ key: 'L', metaKey: true }, true), { action: 'lock' });
  assert.equal(shortcutFor({ key: 'L', ctrlKey: true, shiftKey: true }), null);
  assert.equal(shortcutFor({ key: 'l' }), null);
});

test('text fields are told apart from buttons and checkboxes', () => {
  assert.equal(isTextField({ tagName: 'INPUT', type: 'search' }), true);
  assert.equal(isTextField({ tagName: 'TEXTAREA' }), true);
  assert.equal(isTextField({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(isTextField({ tagName: 'BUTTON' }), false);
  assert.equal(isTextField(null), false);
});

test('the hash picks a section; anything unknown shows People', () => {
  assert.equal(sectionFromHash('#/settings'), 'settings');
  assert.equal(sectionFromHash('#/map/abc'), 'map');
  assert.equal(sectionFromHash(''), 'people');
  assert.equal(sectionFromHash('#/nope'), 'people');
  assert.equal(hashFor('reminders'), '#/reminders');
  assert.equal(hashFor('<script>'), '#/people');
});

test('a section can carry one parameter, such as the person to open', () => {
  assert.equal(paramFromHash('#/people/0193-abc'), '0193-abc');
  assert.equal(paramFromHash('#/people'), null);
  assert.equal(paramFromHash('#/people/a%20b'), 'a b');
});
