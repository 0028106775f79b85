import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import {
  NAV_SECTIONS, SECTIONS, currentPlatform, detectPlatform, fillKeyLabels, isTextField, keyLabel, keyList, modHeld, sectionKey,
  setPlatform, shortcutFor, undoHint,
} from '../../ui/lib/shortcuts.js';
import { LAST_SECTION_KEY, hashFor, paramFromHash, rememberSection, sectionFromHash, startHash } from '../../ui/lib/router.js';

test('Ctrl+1…9 and Ctrl+0 switch to the ten sidebar sections in its order, also while typing', () => {
  const table = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((key) => shortcutFor({ key, ctrlKey: true })?.section);
  assert.deepEqual(table, ['people', 'map', 'network', 'tour', 'wins', 'reminders', 'review', 'asks', 'insights', 'settings']);
  assert.deepEqual(shortcutFor({ key: '9', metaKey: true }, true, 'mac'), { action: 'go', section: 'insights' }, 'Cmd on a Mac, and in a text box');
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
  assert.match(html, /<p class="nav-hint"><span data-keys="mod\+1…9"><\/span>, <span data-keys="mod\+0"><\/span> switch sections<\/p>/);
  const settings = keyList('other').map(([k, v]) => `${k} ${v}`).join('\n');
  assert.match(settings, /^Ctrl\+1 … Ctrl\+9, Ctrl\+0 Switch section: the 10 in the sidebar/);
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
  assert.deepEqual(shortcutFor({ key: 'z', metaKey: true, shiftKey: true }, false, 'mac'), { action: 'redo' }, 'Cmd+Shift+Z on a Mac');
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
  assert.deepEqual(shortcutFor({ key: 'L', metaKey: true }, true, 'mac'), { action: 'lock' });
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

/** The window's storage as the router uses it. */
function storage(kept = {}) {
  return { kept, getItem: (k) => kept[k] ?? null, setItem: (k, v) => { kept[k] = String(v); } };
}

test('Allies opens on the sidebar section shown last', () => {
  const kept = storage();
  assert.equal(startHash('', kept), null, 'nothing kept: People');
  rememberSection(kept, 'map');
  assert.equal(kept.kept[LAST_SECTION_KEY], 'map');
  assert.equal(startHash('', kept), '#/map');
  assert.equal(startHash('#main', kept), '#/map', 'the skip link\'s address names no section');
  assert.equal(startHash('#/settings', kept), null, 'a reload keeps the address it had');
  assert.equal(startHash('#/people/abc', kept), null);
  rememberSection(kept, 'people');
  assert.equal(startHash('', kept), null, 'People is where it opens anyway');
});

test('only a sidebar section is kept, and a kept value is never trusted as an address', () => {
  const kept = storage();
  rememberSection(kept, 'brief'); // a brief needs its person
  rememberSection(kept, 'nope');
  assert.equal(kept.kept[LAST_SECTION_KEY], undefined);
  assert.equal(startHash('', storage({ [LAST_SECTION_KEY]: '<script>' })), null);
  assert.equal(startHash('', storage({ [LAST_SECTION_KEY]: 'map/../../x' })), null);
});

test('storage that cannot be read or written opens People and loses nothing else', () => {
  const refusing = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceededError'); } };
  assert.equal(startHash('', refusing), null);
  assert.doesNotThrow(() => rememberSection(refusing, 'map'));
  assert.equal(startHash('', null), null);
  assert.doesNotThrow(() => rememberSection(undefined, 'map'));
});

test('a section can carry one parameter, such as the person to open', () => {
  assert.equal(paramFromHash('#/people/0193-abc'), '0193-abc');
  assert.equal(paramFromHash('#/people'), null);
  assert.equal(paramFromHash('#/people/a%20b'), 'a b');
});

// Every shortcut as [event, in a field, the action]: written once with "mod", checked on each
// platform with its own modifier, and with the other platform's modifier, which must do nothing.
const TABLE = [
  [{ key: '1', mod: true }, false, { action: 'go', section: 'people' }],
  [{ key: '0', mod: true }, true, { action: 'go', section: 'settings' }],
  [{ key: 'n', mod: true }, true, { action: 'new-person' }],
  [{ key: 'Enter', mod: true }, true, { action: 'save' }],
  [{ key: 'P', mod: true, shiftKey: true }, true, { action: 'presenting' }],
  [{ key: 'l', mod: true }, true, { action: 'lock' }],
  [{ key: 'z', mod: true }, false, { action: 'undo' }],
  [{ key: 'z', mod: true, shiftKey: true }, false, { action: 'redo' }],
];

for (const [platform, modName, otherName] of [['other', 'ctrlKey', 'metaKey'], ['mac', 'metaKey', 'ctrlKey']]) {
  test(`on ${platform === 'mac' ? 'macOS every shortcut takes Cmd' : 'Windows and Linux every shortcut takes Ctrl'}, and the other modifier does nothing`, () => {
    for (const [{ mod, ...rest }, inField, action] of TABLE) {
      assert.deepEqual(shortcutFor({ ...rest, [modName]: mod }, inField, platform), action, `${rest.key} with ${modName}`);
      assert.equal(shortcutFor({ ...rest, [otherName]: mod }, inField, platform), null,
        `${rest.key} with ${otherName} belongs to the system (Ctrl+N moves down a line in a Mac text box)`);
    }
    assert.equal(modHeld({ [modName]: true }, platform), true);
    assert.equal(modHeld({ [otherName]: true }, platform), false);
  });
}

test('Backspace deletes where Delete does on a Mac, whose "delete" key is Backspace; elsewhere it does not', () => {
  assert.deepEqual(shortcutFor({ key: 'Backspace' }, false, 'mac'), { action: 'delete' });
  assert.deepEqual(shortcutFor({ key: 'Delete' }, false, 'mac'), { action: 'delete' }, 'fn+delete is Delete on a Mac');
  assert.equal(shortcutFor({ key: 'Backspace' }, true, 'mac'), null, 'in a text box Backspace erases a character');
  assert.equal(shortcutFor({ key: 'Backspace' }, false, 'other'), null, 'Backspace is not Delete on Windows and Linux');
  assert.deepEqual(shortcutFor({ key: 'Delete' }, false, 'other'), { action: 'delete' });
  assert.equal(shortcutFor({ key: 'y', ctrlKey: true }, false, 'mac'), null, 'Ctrl+Y is no redo on a Mac');
  assert.equal(shortcutFor({ key: 'y', metaKey: true }, false, 'mac'), null, 'nor Cmd+Y, a Mac redoes with Cmd+Shift+Z');
});

test('labels: "Ctrl+Shift+Z" on Windows and Linux, "⇧⌘Z" (Apple\'s order and symbols) on a Mac', () => {
  const cases = [
    ['mod+z', 'Ctrl+Z', '⌘Z'], ['mod+shift+z', 'Ctrl+Shift+Z', '⇧⌘Z'], ['shift+mod+p', 'Ctrl+Shift+P', '⇧⌘P'],
    ['mod+enter', 'Ctrl+Enter', '⌘↩'], ['mod+1…9', 'Ctrl+1…9', '⌘1…9'], ['mod+0', 'Ctrl+0', '⌘0'],
    ['escape', 'Esc', 'Esc'], ['delete', 'Delete', '⌫'], ['mod+alt+n', 'Ctrl+Alt+N', '⌥⌘N'],
  ];
  for (const [spec, other, mac] of cases) {
    assert.equal(keyLabel(spec, 'other'), other, spec);
    assert.equal(keyLabel(spec, 'mac'), mac, spec);
  }
  assert.equal(undoHint('other'), 'Press Ctrl+Z to undo.');
  assert.equal(undoHint('mac'), 'Press ⌘Z to undo.');
  const macKeys = keyList('mac').map(([k]) => k);
  assert.ok(macKeys.includes('⌘1 … ⌘9, ⌘0') && macKeys.includes('⇧⌘P') && macKeys.includes('⌫'), macKeys.join(' | '));
  assert.ok(!macKeys.join(' ').includes('Ctrl'), 'a Mac\'s list never says Ctrl');
  assert.deepEqual(keyList('mac').slice(1).map(([, v]) => v), keyList('other').slice(1).map(([, v]) => v), 'the same keys, only labelled differently');
});

test('the platform is read once from the web view, and tests can set it', () => {
  assert.equal(detectPlatform({ userAgentData: { platform: 'macOS' } }), 'mac');
  assert.equal(detectPlatform({ platform: 'MacIntel' }), 'mac', 'WebKit on macOS has no userAgentData');
  assert.equal(detectPlatform({ userAgentData: { platform: 'Windows' }, platform: 'Win32' }), 'other');
  assert.equal(detectPlatform({ platform: 'Linux x86_64' }), 'other');
  assert.equal(detectPlatform(undefined), 'other', 'nothing known: Ctrl');
  assert.equal(currentPlatform(), 'other', 'node has no navigator');
  try {
    setPlatform('mac');
    assert.equal(keyLabel('mod+l'), '⌘L', 'the default follows the set platform');
    assert.deepEqual(shortcutFor({ key: 'l', metaKey: true }), { action: 'lock' });
  } finally {
    setPlatform('other');
  }
  assert.equal(keyLabel('mod+l'), 'Ctrl+L');
});

test('the page\'s fixed labels are filled in for the platform at start', () => {
  const html = readFileSync(new URL('../../ui/index.html', import.meta.url), 'utf8');
  for (const [platform, hint, title] of [['other', 'Ctrl+1…9, Ctrl+0 switch sections', 'Ctrl+Shift+P turns it on and off.'],
    ['mac', '⌘1…9, ⌘0 switch sections', '⇧⌘P turns it on and off.']]) {
    const { document } = parseHTML(html);
    fillKeyLabels(document, platform);
    assert.equal(document.querySelector('.nav-hint').textContent, hint);
    assert.ok(document.getElementById('presenting-mode').title.endsWith(title), document.getElementById('presenting-mode').title);
    assert.equal(document.querySelector('#presenting-help').textContent, `${keyLabel('mod+shift+p', platform)}: presenting mode. Text you typed is not hidden.`);
    assert.equal(document.querySelector('.presenting-banner kbd').textContent, keyLabel('mod+shift+p', platform));
    assert.ok(![...document.querySelectorAll('[data-keys]')].some((el) => !el.textContent), 'no label left empty');
  }
});

test('no file of the UI but shortcuts.js writes a shortcut label itself (a Mac would be told "Ctrl")', () => {
  const ui = new URL('../../ui/', import.meta.url);
  const files = ['app.js', 'index.html', ...['lib/', 'views/'].flatMap((dir) => readdirSync(new URL(dir, ui)).filter((f) => f.endsWith('.js')).map((f) => dir + f))];
  assert.ok(files.length > 40, `the UI's files are found (${files.length})`);
  const offenders = [];
  for (const file of files) {
    if (file === 'lib/shortcuts.js') continue;
    // Comments may name the keys as people say them; text the UI shows may not.
    const code = readFileSync(new URL(file, ui), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/\s\/\/ .*$/gm, '')
      .replace(/<!--[\s\S]*?-->/g, '');
    for (const [n, line] of code.split('\n').entries()) {
      if (/Ctrl\+|Cmd\+|⌘/.test(line)) offenders.push(`${file}: ${line.trim()}`);
    }
  }
  assert.deepEqual(offenders, [], 'labels come from keyLabel() in ui/lib/shortcuts.js');
});
