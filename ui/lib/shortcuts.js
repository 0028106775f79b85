// Keyboard shortcuts as a pure function of a key event, so they can be tested without a page.

// Ctrl+1…7 go to the first seven; the Review page is reached from Reminders and the sidebar.
export const SECTIONS = ['people', 'map', 'network', 'tour', 'reminders', 'insights', 'settings', 'review', 'wins', 'asks', 'brief'];

/**
 * Returns the action for a keydown, or null. `inField` is true while typing in a text box,
 * where plain keys and Ctrl+Z belong to the text box itself.
 */
export function shortcutFor({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false }, inField = false) {
  const mod = ctrlKey || metaKey;
  if (altKey) return null;
  if (mod && !shiftKey && /^[1-7]$/.test(key)) return { action: 'go', section: SECTIONS[Number(key) - 1] };
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
