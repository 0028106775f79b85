import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NAV_SECTIONS, SECTIONS, isTextField, sectionKey, shortcutFor } from '../../ui/lib/shortcuts.js';
import { hashFor, paramFromHash, sectionFromHash } from '../../ui/lib/router.js';

test('Ctrl+1…9 and Ctrl+0 switch to the ten sidebar sections in its order, also while typing', () => {
  const table = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((key) => shortcutFor({ key, ctrlKey: true })?.section);
  assert.deepEqual(table, ['people', 'map', 'network', 'tour', 'wins', 'reminders', 'review', 'asks', 'insights', 'settings']);
  assert.deepEqual(shortcutFor({ key: '9', metaKey: true }, true), { action: 'go', section: 'insights' }, 'Cmd on a Mac, and in a text box');
  assert.deepEqual(NAV_SECTIONS.map(sectionKey), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
  assert.equal(sectionKey('brief'), null, 'the meeting brief is opened from a person, not from the sidebar');
  assert.equal(shortcutFor({ key: '1', ctrlKey: true, shiftKey: true }), null);
  assert.equal(shortcutFor({ key: '1' }), null, 'a plain digit is typing');
  assert.ok(SECTIONS.includes('brief') && SECTIONS.every((s) => s === 'brief' || NAV_SECTIONS.includes(s)));
});

test('the sidebar lists the sections in the shortcuts\' order, and the hints say the keys that work', () => {
  const html = readFileSync(new URL('../../ui/index.html', import.meta.url), 'utf8');
  const nav = [...html.matchAll(/<a href="#\/([a-z]+)" data-view="\1">/g)].map((m) => m[1]);
  assert.deepEqual(nav, NAV_SECTIONS, 'Ctrl+5 opens the fifth link of the sidebar');
  assert.match(html, /<p class="nav-hint">Ctrl\+1…9, Ctrl\+0 switch sections<\/p>/);
  const settings = readFileSync(new URL('../../ui/views/settings.js', import.meta.url), 'utf8');
  assert.match(settings, /\['Ctrl\+1 … Ctrl\+9, Ctrl\+0', `Switch section/);
  assert.doesNotMatch(html + settings, /1…7|Ctrl\+7/, 'no hint says seven any more');
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
