// One small store for what several views show at once (the overdue count, whether people
// changed): a value per key, and listeners told when a key's value really changes.
// No DOM, so node --test loads it as it is.

export class Store {
  #values = new Map();
  #listeners = new Map(); // key -> Set of handlers

  constructor(initial = {}) {
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, value);
  }

  /** The value of `key`, or undefined. */
  get(key) {
    return this.#values.get(key);
  }

  /** Sets `key`; listeners run only when the value differs from the one held (by ===). */
  set(key, value) {
    if (this.#values.has(key) && this.#values.get(key) === value) return;
    this.#values.set(key, value);
    for (const handler of [...(this.#listeners.get(key) ?? [])]) handler(value);
  }

  /** Adds one to a counter `key` (0 when unset): a "this changed, read it again" signal. */
  bump(key) {
    this.set(key, (this.#values.get(key) ?? 0) + 1);
  }

  /** Calls `handler(value)` on each change of `key`; returns the function that stops it. */
  on(key, handler) {
    // Wrapped, so the same handler added twice is two listeners and each stop() removes its own.
    const listener = (value) => handler(value);
    if (!this.#listeners.has(key)) this.#listeners.set(key, new Set());
    this.#listeners.get(key).add(listener);
    return () => this.#listeners.get(key).delete(listener);
  }
}
