// Undo and redo over the history the core keeps in the database: every change a user makes is
// a step there, so Ctrl+Z still works after a restart. One turn runs at a time, so a quick
// second Ctrl+Z undoes the change before, never the same one twice.

export class UndoHistory {
  /** `api` has undo() and redo(), each resolving to the step it turned, or null. */
  constructor(api) {
    this.api = api;
    this.running = null;
  }

  /** Undoes the newest change; resolves to its step, or null when there is nothing to undo. */
  undo() {
    return this.#turn(() => this.api.undo());
  }

  /** Redoes the change undone last; resolves to its step, or null when nothing is undone. */
  redo() {
    return this.#turn(() => this.api.redo());
  }

  async #turn(call) {
    // A turn asked for while one runs waits for it: each press moves one step.
    while (this.running) await this.running.catch(() => {});
    this.running = call();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }
}
