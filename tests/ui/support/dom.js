// A document for view tests under node --test: linkedom's DOM installed as the globals the views
// use (document, window, Event…), a frame callback that runs at once, and a recording fake of
// the app's api. Import it before any view module.

import { parseHTML } from 'linkedom';
import { Store } from '../../../ui/lib/store.js';
import { createApi } from '../../../ui/lib/api.js';

const page = parseHTML('<!doctype html><html><body><div id="announcer" aria-live="polite"></div><div id="toasts"></div><main id="main"></main></body></html>');

// linkedom's own event classes: its dispatchEvent does not take node's.
for (const name of ['window', 'document', 'EventTarget', 'Node', 'HTMLElement', 'Element', 'Event', 'CustomEvent', 'KeyboardEvent', 'MouseEvent', 'DocumentFragment']) {
  globalThis[name] = page[name];
}
globalThis.requestAnimationFrame ??= (fn) => setTimeout(() => fn(Date.now()), 0);
globalThis.cancelAnimationFrame ??= (id) => clearTimeout(id);
globalThis.location ??= { hash: '' };

/** A fresh page body: the announcer and toast regions only. */
export function resetPage() {
  document.body.replaceChildren();
  for (const [tag, id] of [['div', 'announcer'], ['div', 'toasts'], ['main', 'main']]) {
    const el = document.createElement(tag);
    el.id = id;
    document.body.append(el);
  }
}

/** The names of the real api's methods: a view calling any other would fail in the app. */
const API_METHODS = new Set(Object.keys(createApi(async () => null)));

/**
 * A stand-in for ui/lib/api.js: every method records its call and answers from `answers`
 * (a value, or a function of the arguments; an Error is thrown), null when not given. A method
 * the real api does not have is undefined here too, so calling it fails as it would in the app.
 */
export function fakeApi(answers = {}) {
  const calls = [];
  for (const name of Object.keys(answers)) {
    if (!API_METHODS.has(name)) throw new Error(`fakeApi: the api has no method ${name}`);
  }
  const api = new Proxy({}, {
    get(_, name) {
      if (name === 'calls') return calls;
      if (name === 'then') return undefined; // not a promise
      if (!API_METHODS.has(name)) return undefined;
      return async (...args) => {
        calls.push([name, ...args]);
        const answer = answers[name];
        const value = typeof answer === 'function' ? await answer(...args) : answer;
        if (value instanceof Error) throw value;
        return value ?? null;
      };
    },
  });
  return api;
}

/** The context app.js gives each view, over a fake api. */
export function fakeContext(api, extra = {}) {
  const ctx = {
    api,
    store: new Store({ overdue: 0, people: 0 }),
    status: { ready: true, encrypted: false },
    /** How many times the view asked the app to undo the newest change (a toast's Undo). */
    undos: 0,
    runUndo: async () => { ctx.undos += 1; },
    refreshBadge: async () => {},
    /** The shell's events: `listen` as the app's, and `emit(name, payload)` to send one. */
    heard: new Map(),
    async listen(name, handler) {
      if (!ctx.heard.has(name)) ctx.heard.set(name, new Set());
      ctx.heard.get(name).add(handler);
      return () => ctx.heard.get(name).delete(handler);
    },
    emit(name, payload) {
      for (const handler of [...(ctx.heard.get(name) ?? [])]) handler(payload);
    },
    ...extra,
  };
  return ctx;
}

/** Lets pending promise callbacks and zero-delay timers run. */
export function settle(rounds = 3) {
  let p = Promise.resolve();
  for (let i = 0; i < rounds; i += 1) p = p.then(() => new Promise((r) => setTimeout(r, 0)));
  return p;
}

/** The text of `el` with runs of white space folded, for assertions on what a person reads. */
export function textOf(el) {
  return el.textContent.replace(/\s+/g, ' ').trim();
}
