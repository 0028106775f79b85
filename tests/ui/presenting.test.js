import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initials } from '../../ui/lib/format.js';

// A fake localStorage before the module loads, so the mode it starts in can be checked.
const stored = new Map([['allies.presenting', 'roles']]);
globalThis.localStorage = {
  getItem: (k) => (stored.has(k) ? stored.get(k) : null),
  setItem: (k, v) => { stored.set(k, String(v)); },
};
const {
  PRESENTING_MODES, isPresenting, labelFor, labelForName, onPresentingChange, presentingMode,
  redactNames, setPresentingMode, togglePresenting,
} = await import('../../ui/lib/presenting.js');
const { shortcutFor } = await import('../../ui/lib/shortcuts.js');

test('the mode survives a restart, and an unknown stored value means names', async () => {
  assert.equal(presentingMode(), 'roles', 'read from storage at start');
  stored.set('allies.presenting', 'sideways');
  const fresh = await import('../../ui/lib/presenting.js?again');
  assert.equal(fresh.presentingMode(), 'names', 'a value from an older or newer version shows names');
  assert.deepEqual(PRESENTING_MODES, ['names', 'initials', 'roles']);
});

test('changes are stored and reported once; the shortcut toggles to the last presenting mode', () => {
  const seen = [];
  const stop = onPresentingChange((mode) => seen.push(mode));
  setPresentingMode('names');
  setPresentingMode('names');
  assert.deepEqual(seen, ['names'], 'setting the same mode again is no change');
  assert.equal(isPresenting(), false);
  assert.equal(stored.get('allies.presenting'), 'names');
  assert.equal(togglePresenting(), 'roles', 'the last presenting mode used was roles');
  assert.equal(togglePresenting(), 'names');
  setPresentingMode('initials');
  setPresentingMode('names');
  assert.equal(togglePresenting(), 'initials');
  setPresentingMode('bogus');
  assert.equal(presentingMode(), 'names', 'anything unknown means names');
  stop();
  setPresentingMode('roles');
  assert.equal(seen.length, 7, 'no calls after stopping');
  setPresentingMode('names');
});

test('initials of odd names', () => {
  assert.equal(initials('Dana Ng'), 'DN');
  assert.equal(initials('Ana María de la Cruz'), 'AC', 'first and last word');
  assert.equal(initials('Cher'), 'C', 'one word, one letter');
  assert.equal(initials('élodie Ørsted'), 'ÉØ', 'accents kept and upper-cased');
  assert.equal(initials('e\u0301lodie'), 'E\u0301', 'a combining accent stays with its letter');
  assert.equal(initials('👩🏽‍💻 Priya'), '👩🏽‍💻P', 'an emoji sequence stays whole');
  assert.equal(initials('(Dana) "Ng"'), 'DN', 'punctuation is no initial');
  assert.equal(initials(''), '?');
  assert.equal(initials('   \t '), '?');
  assert.equal(initials(null), '?');
  assert.equal(initials('\u200B\u200F'), '?', 'invisible marks are no initial');
  assert.equal(initials('محمد علي'), 'مع', 'right to left');
  assert.equal(initials('\u202Eevil name\u202C'), 'EN', 'a direction override is not shown as an initial');
  assert.equal(initials('李小龙'), '李', 'no spaces in the name: its first character');
  const long = `${'A'.repeat(10_000)} ${'b'.repeat(10_000)}`;
  const started = performance.now();
  assert.equal(initials(long), 'A', 'only the start of a 20,000-character name is read');
  assert.ok(performance.now() - started < 50, 'and quickly');
});

test('labels: names, initials, or roles with initials when there is no role', () => {
  const dana = { name: 'Dana Ng', role: '  VP Engineering ' };
  assert.equal(labelFor(dana, 'names'), 'Dana Ng');
  assert.equal(labelFor(dana, 'initials'), 'DN');
  assert.equal(labelFor(dana, 'roles'), 'VP Engineering');
  assert.equal(labelFor({ name: 'Dana Ng', role: ' ' }, 'roles'), 'DN');
  assert.equal(labelFor({ name: 'Dana Ng' }, 'roles'), 'DN');
  assert.equal(labelFor(undefined, 'initials'), '?');
  assert.equal(labelForName('Sam Patel', '', 'roles'), 'SP');
  setPresentingMode('initials');
  assert.equal(labelFor(dana), 'DN', 'the current mode by default');
  setPresentingMode('names');
  assert.equal(labelFor(dana), 'Dana Ng');
});

test('names in the app\'s own words are replaced, longest first, never twice', () => {
  const people = [{ name: 'Dana', role: 'Intern' }, { name: 'Dana Ng', role: 'VP' }, { name: 'Sam Patel' }, { name: '  ' }];
  const text = 'Going cold: Dana Ng, Sam Patel and Dana.';
  assert.equal(redactNames(text, people, 'initials'), 'Going cold: DN, SP and D.');
  assert.equal(redactNames(text, people, 'roles'), 'Going cold: VP, SP and Intern.');
  assert.equal(redactNames(text, people, 'names'), text);
  assert.equal(redactNames(text, [], 'initials'), text, 'no one known: nothing to replace');
  assert.equal(redactNames(null, people, 'initials'), '');
});

test('Ctrl+Shift+P toggles presenting, also while typing, and clashes with nothing', () => {
  assert.deepEqual(shortcutFor({ key: 'P', ctrlKey: true, shiftKey: true }), { action: 'presenting' });
  assert.deepEqual(shortcutFor({ key: 'p', metaKey: true, shiftKey: true }, true, 'mac'), { action: 'presenting' }, 'Cmd+Shift+P on a Mac');
  assert.equal(shortcutFor({ key: 'p', ctrlKey: true }), null, 'Ctrl+P alone is not it');
  assert.equal(shortcutFor({ key: 'P', ctrlKey: true, shiftKey: true, altKey: true }), null);
});
