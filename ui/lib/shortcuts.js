// Keyboard shortcuts as a pure function of a key event, and every label the UI shows for one:
// the one place that knows Cmd (macOS) from Ctrl (everywhere else).

// The sections of the sidebar, in its order (ui/index.html; a test keeps the two in step).
// Mod+1…9 go to the first nine and Mod+0 to the tenth, as a keyboard's digits run.
export const NAV_SECTIONS = ['people', 'map', 'network', 'tour', 'wins', 'reminders', 'review', 'asks', 'insights', 'settings'];

// Every section the address can name: the sidebar's, and the meeting brief opened from a person.
export const SECTIONS = [...NAV_SECTIONS, 'brief'];

/**
 * 'mac' or 'other', from what the web view says it runs on (userAgentData where the engine has
 * it, navigator.platform, "MacIntel", in WebKit on macOS); 'other' when nothing says.
 */
export function detectPlatform(nav) {
  const name = nav?.userAgentData?.platform || nav?.platform || '';
  return /^mac/i.test(name) ? 'mac' : 'other';
}

// Decided once, at load; tests set it with setPlatform.
let platform = detectPlatform(globalThis.navigator);

/** The platform the shortcuts and labels follow now. */
export function currentPlatform() {
  return platform;
}

/** Makes the shortcuts and labels follow `p` ('mac' or anything else for Ctrl); for tests. */
export function setPlatform(p) {
  platform = p === 'mac' ? 'mac' : 'other';
}

/** Whether the platform's shortcut modifier is held: Cmd on a Mac, Ctrl elsewhere. */
export function modHeld(e, p = platform) {
  return Boolean(p === 'mac' ? e.metaKey : e.ctrlKey);
}

// On a Mac the modifiers are symbols in Apple's order (Control, Option, Shift, Command) written
// together, "⇧⌘Z"; elsewhere words joined by "+", "Ctrl+Shift+Z".
const MAC_MODIFIERS = [['ctrl', '⌃'], ['alt', '⌥'], ['shift', '⇧'], ['mod', '⌘']];
const OTHER_MODIFIERS = [['mod', 'Ctrl'], ['ctrl', 'Ctrl'], ['alt', 'Alt'], ['shift', 'Shift']];
const MAC_KEYS = { enter: '↩', escape: 'Esc', delete: '⌫' };
const OTHER_KEYS = { enter: 'Enter', escape: 'Esc', delete: 'Delete' };

/**
 * The label of a shortcut written as "mod+shift+z" (mod: the platform's modifier; then ctrl,
 * alt, shift; the key last: a letter, digit, "enter", "escape", "delete", or any text as is).
 * keyLabel('mod+z') is "Ctrl+Z", or "⌘Z" on a Mac.
 */
export function keyLabel(spec, p = platform) {
  const parts = String(spec).split('+');
  const key = parts.pop();
  const held = new Set(parts.map((m) => m.toLowerCase()));
  const mac = p === 'mac';
  const names = (mac ? MAC_MODIFIERS : OTHER_MODIFIERS).filter(([m]) => held.has(m)).map(([, s]) => s);
  const keyName = (mac ? MAC_KEYS : OTHER_KEYS)[key.toLowerCase()] ?? (key.length === 1 ? key.toUpperCase() : key);
  const uniqueNames = [...new Set(names)];
  return mac ? uniqueNames.join('') + keyName : [...uniqueNames, keyName].join('+');
}

/** "Press Ctrl+Z to undo." (⌘Z on a Mac), said after every change. */
export function undoHint(p = platform) {
  return `Press ${keyLabel('mod+z', p)} to undo.`;
}

/** The keys Settings lists, as [label, what it does], in the platform's own labels. */
export function keyList(p = platform) {
  const k = (spec) => keyLabel(spec, p);
  return [
    [`${k('mod+1')} … ${k('mod+9')}, ${k('mod+0')}`, `Switch section: the ${NAV_SECTIONS.length} in the sidebar, in its order (${k('mod+0')} is the last)`],
    ['/', 'Search people'], [k('mod+n'), 'Add a person'],
    [k('mod+enter'), 'Save the form'], [k('escape'), 'Cancel'],
    [k('delete'), 'Delete the focused person'],
    [k('mod+z'), 'Undo the last change'], [k('mod+shift+z'), 'Redo what was undone'],
    [k('mod+l'), 'Lock (when your data is encrypted)'],
    [k('mod+shift+p'), 'Presenting mode: initials or roles instead of names'],
    [`Arrows, ${p === 'mac' ? '⇧' : 'Shift+'}Arrows`, 'Map: move the focused card (Shift for bigger steps)'],
    ['A', 'Map: place the roster’s selected person in the middle'],
    ['+ − 0', 'Map: zoom in, out, and to fit'],
  ];
}

/**
 * Fills the page's fixed shortcut labels (ui/index.html): an element with data-keys="mod+…" gets
 * the label as its text; one with data-keys-title gets "{keys}" in its title replaced by it.
 */
export function fillKeyLabels(root, p = platform) {
  for (const el of root.querySelectorAll('[data-keys]')) el.textContent = keyLabel(el.dataset.keys, p);
  for (const el of root.querySelectorAll('[data-keys-title]')) {
    el.title = el.title.replaceAll('{keys}', keyLabel(el.dataset.keysTitle, p));
  }
}

/** The key that opens `section` with the platform's modifier: "1" … "9", "0"; null for none. */
export function sectionKey(section) {
  const i = NAV_SECTIONS.indexOf(section);
  return i < 0 || i > 9 ? null : String((i + 1) % 10);
}

/**
 * Returns the action for a keydown, or null. `inField` is true while typing in a text box,
 * where plain keys and Mod+Z belong to the text box itself. `p` is the platform: on a Mac the
 * modifier is Cmd and Backspace deletes too (a Mac's "delete" key); elsewhere it is Ctrl.
 */
export function shortcutFor(e, inField = false, p = platform) {
  const { key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false } = e;
  const mac = p === 'mac';
  const mod = mac ? metaKey : ctrlKey;
  // The other one (Ctrl on a Mac, the Windows/Super key elsewhere) belongs to the system.
  const other = mac ? ctrlKey : metaKey;
  if (altKey || other) return null;
  if (mod && !shiftKey && /^[0-9]$/.test(key)) {
    const section = NAV_SECTIONS[(Number(key) + 9) % 10];
    return section ? { action: 'go', section } : null;
  }
  if (mod && !shiftKey && (key === 'n' || key === 'N')) return { action: 'new-person' };
  if (mod && key === 'Enter') return { action: 'save' };
  if (mod && shiftKey && (key === 'p' || key === 'P')) return { action: 'presenting' };
  if (mod && !shiftKey && (key === 'l' || key === 'L')) return { action: 'lock' };
  if (key === 'Escape') return { action: 'cancel' };
  if (inField) return null;
  if (mod && !shiftKey && (key === 'z' || key === 'Z')) return { action: 'undo' };
  if (mod && shiftKey && (key === 'z' || key === 'Z')) return { action: 'redo' };
  if (!mac && mod && !shiftKey && (key === 'y' || key === 'Y')) return { action: 'redo' };
  if (!mod && key === '/') return { action: 'search' };
  if (!mod && (key === 'Delete' || (mac && key === 'Backspace'))) return { action: 'delete' };
  return null;
}

/** Whether an element is somewhere the user types text. */
export function isTextField(el) {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
}
