// Keyboard shortcuts as a pure function of a key event, so they can be tested without a page.

// The sections of the sidebar, in its order (ui/index.html; a test keeps the two in step).
// Ctrl+1…9 go to the first nine and Ctrl+0 to the tenth, as a keyboard's digits run.
export const NAV_SECTIONS = ['people', 'map', 'network', 'tour', 'wins', 'reminders', 'review', 'asks', 'insights', 'settings'];

// Every section the address can name: the sidebar's, and the meeting brief opened from a person.
export const SECTIONS = [...NAV_SECTIONS, 'brief'];

/** The key that opens `section` with Ctrl (Cmd on a Mac): "1" … "9", "0"; null for none. */
export function sectionKey(section) {
  const i = NAV_SECTIONS.indexOf(section);
  return i < 0 || i > 9 ? null : String((i + 1) % 10);
}

/**
 * Returns the action for a keydown, or null. `inField` is true while typing in a text box,
 * where plain keys and Ctrl+Z belong to the text box itself.
 */
export function shortcutFor({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false }, inField = false) {
  const mod = ctrlKey || metaKey;
  if (altKey) return null;
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
  if (ctrlKey && !shiftKey && (key === 'y' || key === 'Y')) return { action: 'redo' };
  if (!mod && key === '/') return { action: 'search' };
  if (!mod && key === 'Delete') return { action: 'delete' };
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
