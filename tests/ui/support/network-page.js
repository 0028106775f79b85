// What the Network view needs from a browser beyond linkedom's DOM: media queries, a resize
// observer and a select whose value can be set. Import it first in a network test file.

import './dom.js';

/** The media queries the view asks; set `.matches` and call `.change()` to flip one. */
export const mediaQueries = new Map();
globalThis.matchMedia = (query) => {
  if (!mediaQueries.has(query)) {
    const listeners = new Set();
    mediaQueries.set(query, {
      matches: false,
      addEventListener: (_, fn) => listeners.add(fn),
      removeEventListener: (_, fn) => listeners.delete(fn),
      change() { for (const fn of listeners) fn(); },
      listeners,
    });
  }
  return mediaQueries.get(query);
};

/** Every observer made, so a test can say the canvas changed size. */
export const observers = [];
globalThis.ResizeObserver = class {
  constructor(callback) { this.callback = callback; this.targets = []; observers.push(this); }
  observe(target) { this.targets.push(target); }
  disconnect() { this.targets = []; }
};

// linkedom's select reads its value from a selected option only and cannot be set; a browser's
// falls back to the first option and selects the one set.
const Select = Object.getPrototypeOf(document.createElement('select'));
Object.defineProperty(Select, 'value', {
  configurable: true,
  get() {
    const options = [...this.querySelectorAll('option')];
    return (options.find((o) => o.hasAttribute('selected')) ?? options[0])?.getAttribute('value') ?? '';
  },
  set(value) {
    for (const o of this.querySelectorAll('option')) {
      if (o.getAttribute('value') === String(value)) o.setAttribute('selected', '');
      else o.removeAttribute('selected');
    }
  },
});

/** Chooses `value` in `select` as a user would: sets it and says it changed. */
export function choose(select, value) {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

// linkedom does not move focus; the view sends it back to the paths and reads it for keys.
let focused = null;
HTMLElement.prototype.focus = function focus() { focused = this; };
HTMLElement.prototype.blur = function blur() { if (focused === this) focused = null; };
Object.defineProperty(document, 'activeElement', { configurable: true, get: () => focused ?? document.body });

// linkedom has no canvas drawing: a context that takes every call and draws nothing.
const Canvas = Object.getPrototypeOf(document.createElement('canvas'));
const quietContext = new Proxy({}, { get: (_, name) => (name === 'then' ? undefined : () => {}), set: () => true });
Canvas.getContext = function getContext() { return quietContext; };
