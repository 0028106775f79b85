// Presenting mode: while the screen is shared, people appear as initials or roles, never names.
// One mode for the whole app, kept across restarts; views call labelFor() and re-render on change.
// Pure apart from localStorage (optional, so node --test can load it).

/** The modes, in the order the switch offers them. */
export const PRESENTING_MODES = ['names', 'initials', 'roles'];

import { initials } from './format.js';

const STORAGE_KEY = 'allies.presenting';
const CHANGE = 'presenting-change';
const events = new EventTarget();

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage can be switched off; the mode then lasts until the app closes
  }
}

function valid(mode) {
  return PRESENTING_MODES.includes(mode) ? mode : 'names';
}

let current = valid(storage()?.getItem(STORAGE_KEY));
// What the shortcut turns presenting back on to.
let lastPresenting = current === 'names' ? null : current;

/** 'names' | 'initials' | 'roles'. */
export function presentingMode() {
  return current;
}

/** Whether names are hidden right now. */
export function isPresenting() {
  return current !== 'names';
}

/** Switches the mode for every view; listeners run only when it really changes. */
export function setPresentingMode(mode) {
  const next = valid(mode);
  if (next === current) return;
  current = next;
  if (next !== 'names') lastPresenting = next;
  try {
    storage()?.setItem(STORAGE_KEY, next);
    if (next !== 'names') storage()?.setItem(LAST_KEY, next);
  } catch {
    // Full or blocked storage: the mode still applies for this session.
  }
  events.dispatchEvent(new CustomEvent(CHANGE, { detail: next }));
}

const LAST_KEY = 'allies.presenting.last';

/** Turns presenting on (in the mode used last, initials at first) or off: the shortcut. */
export function togglePresenting() {
  if (isPresenting()) {
    setPresentingMode('names');
    return current;
  }
  let last = lastPresenting;
  try { last ??= storage()?.getItem(LAST_KEY); } catch { /* no storage: initials */ }
  setPresentingMode(last === 'roles' ? 'roles' : 'initials');
  return current;
}

/** Calls `fn(mode)` after every change; returns a function that stops it. */
export function onPresentingChange(fn) {
  const listener = (e) => fn(e.detail);
  events.addEventListener(CHANGE, listener);
  return () => events.removeEventListener(CHANGE, listener);
}


/**
 * What to show for a person (anything with `name` and maybe `role`) in `mode` (default: the
 * current one). Roles mode falls back to initials for someone without a role.
 */
export function labelFor(person, mode = current) {
  const name = String(person?.name ?? '');
  if (mode === 'initials') return initials(name);
  if (mode === 'roles') {
    const role = String(person?.role ?? '').trim();
    return role || initials(name);
  }
  return name;
}

/** labelFor for places that only have a name and maybe a role (reminders, search hits). */
export function labelForName(name, role, mode = current) {
  return labelFor({ name, role }, mode);
}

/** What the switch says about a mode, for its options and announcements. */
export function describeMode(mode) {
  return { names: 'Names', initials: 'Initials', roles: 'Roles' }[valid(mode)];
}

/**
 * `text` written by the app with people's names in it (a reminder's title, an insight) with
 * each full name of `people` replaced by its label. One pass, longest name first at each place,
 * so "Dana Ng" wins over "Dana" and a label is never replaced again. In names mode: unchanged.
 */
export function redactNames(text, people, mode = current) {
  const source = String(text ?? '');
  if (mode === 'names' || !people?.length) return source;
  const named = people.filter((p) => String(p?.name ?? '').trim())
    .map((p) => ({ name: String(p.name), label: labelFor(p, mode) }))
    .sort((a, b) => b.name.length - a.name.length);
  let out = '';
  let i = 0;
  while (i < source.length) {
    const hit = named.find((p) => source.startsWith(p.name, i));
    if (hit) {
      out += hit.label;
      i += hit.name.length;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}
