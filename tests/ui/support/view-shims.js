// What linkedom and node leave out and the views of Insights, Reminders, Tour and Settings use:
// a select's settable value, modal dialogs, form reset, storage, and a page reload that is only
// counted; long timers do not hold the process open. Import it right after ./dom.js.

const probe = (tag) => Object.getPrototypeOf(document.createElement(tag));
const elementProto = Object.getPrototypeOf(probe('div'));

// linkedom's select has a getter only, and reads undefined when no option is marked selected;
// a browser's select shows its first option then.
Object.defineProperty(probe('select'), 'value', {
  configurable: true,
  get() {
    const options = [...this.querySelectorAll('option')];
    const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0];
    return chosen ? (chosen.getAttribute('value') ?? chosen.textContent) : '';
  },
  set(value) {
    for (const o of this.querySelectorAll('option')) {
      if ((o.getAttribute('value') ?? o.textContent) === String(value)) o.setAttribute('selected', '');
      else o.removeAttribute('selected');
    }
  },
});

// Installed on every element: linkedom makes <dialog> and <form> plain HTMLElements.
const methods = {
  showModal() { this.setAttribute('open', ''); },
  close() { this.removeAttribute('open'); },
  // The forms reset here start empty, so emptying is what a browser's reset does to them.
  reset() {
    for (const c of this.querySelectorAll('input, textarea')) {
      if (c.type === 'checkbox') c.checked = false;
      else c.value = '';
    }
  },
  scrollIntoView() {},
  select() {},
};
for (const [name, fn] of Object.entries(methods)) {
  if (typeof elementProto[name] !== 'function') elementProto[name] = fn;
}

/** A Storage kept in memory. */
class MemoryStorage {
  #items = new Map();
  getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
  setItem(key, value) { this.#items.set(key, String(value)); }
  removeItem(key) { this.#items.delete(key); }
  clear() { this.#items.clear(); }
}
globalThis.localStorage ??= new MemoryStorage();
globalThis.sessionStorage ??= new MemoryStorage();

/** How many times a view asked for the page to reload. */
export const reloads = { count: 0 };
globalThis.location.reload = () => { reloads.count += 1; };

// Toasts dismiss themselves after seconds; such a timer must not keep a finished test file's
// process waiting. Short ones (settle(), frames) still run as usual.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (fn, ms, ...args) => {
  const timer = realSetTimeout(fn, ms, ...args);
  if (ms >= 1000) timer.unref?.();
  return timer;
};
