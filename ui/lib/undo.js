// A short history of undoable actions (newest last). Each entry knows how to undo itself.

export class UndoStack {
  constructor(limit = 20) {
    this.limit = limit;
    this.entries = [];
  }

  /** Remembers an action: `label` says what happened ("Deleted Dana Ng"), `undo` reverses it. */
  push(label, undo) {
    this.entries.push({ label, undo });
    if (this.entries.length > this.limit) this.entries.shift();
  }

  get size() {
    return this.entries.length;
  }

  peek() {
    return this.entries.at(-1) ?? null;
  }

  /** Undoes the newest action. If undoing fails, the entry is kept so the user can retry. */
  async undo() {
    const entry = this.entries.at(-1);
    if (!entry) return null;
    await entry.undo();
    this.entries.pop();
    return entry.label;
  }
}
