// Builds DOM nodes. User text only ever becomes text nodes or attribute values, never markup.

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': 'Save' }, 'Save')
 * Children may be strings, numbers, nodes, arrays of them, or null/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value') {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** svg('line', { x1: 0, y1: 0 }): an SVG element, its attributes set as text, like h(). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (typeof child === 'string' || typeof child === 'number') el.append(document.createTextNode(String(child)));
    else el.append(child);
  }
}

/** Replaces everything inside `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Puts `children` inside `el` in place of what is there, as replaceChildren does, but keeps each
 * old child whose markup is the same as a new one's: a row that did not change stays the very
 * node, with what was typed, chosen or focused in it, and nothing is touched when nothing
 * changed. A text field with an id that held text, in a row that did change, gives its text to
 * the new (empty) field of the same id, and the focus follows it there.
 */
export function updateChildren(el, ...children) {
  const fresh = document.createDocumentFragment();
  append(fresh, children);
  const pool = new Map();
  for (const child of el.childNodes) {
    const key = markupOf(child);
    pool.set(key, [...(pool.get(key) ?? []), child]);
  }
  const next = [...fresh.childNodes].map((node) => pool.get(markupOf(node))?.shift() ?? node);
  if (next.length === el.childNodes.length && next.every((node, i) => node === el.childNodes[i])) return;

  const keep = new Set(next);
  const focused = el.contains(document.activeElement) ? document.activeElement : null;
  const selection = focused && typeof focused.selectionStart === 'number'
    ? [focused.selectionStart, focused.selectionEnd] : null;
  const typed = new Map();
  for (const child of el.childNodes) {
    if (keep.has(child) || child.nodeType !== 1) continue;
    for (const field of child.querySelectorAll('input[id], textarea[id]')) {
      if (field.value) typed.set(field.id, field.value);
    }
  }
  for (const child of [...el.childNodes]) if (!keep.has(child)) child.remove();
  next.forEach((node, i) => {
    if (el.childNodes[i] !== node) el.insertBefore(node, el.childNodes[i] ?? null);
  });
  for (const field of el.querySelectorAll('input[id], textarea[id]')) {
    if (!field.value && typed.has(field.id)) field.value = typed.get(field.id);
  }
  if (!focused || document.activeElement === focused) return;
  const target = focused.isConnected ? focused
    : focused.id ? [...el.querySelectorAll('[id]')].find((n) => n.id === focused.id) : null;
  if (!target) return;
  target.focus();
  if (selection && typeof target.setSelectionRange === 'function') target.setSelectionRange(...selection);
}

const markupOf = (node) => (node.nodeType === 1 ? node.outerHTML : `${node.nodeType}:${node.textContent}`);

/** Says `message` to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after clearing makes repeated messages be read again.
  requestAnimationFrame(() => { region.textContent = message; });
}

/**
 * Wraps user text placed inside a sentence of the app's own in Unicode isolates (U+2068 …
 * U+2069), so a right-to-left name or an override character in it cannot reorder the words
 * around it. Use for text built with a template string; elements get dir="auto" instead.
 */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}
