// A short history of undoable actions (newest last). Each entry knows how to undo itself.

export class UndoStack {
  constructor(limit = 20) {
    this.limit = limit;
    this.entries = [];
    this.running = false;
  }

  /**
   * Remembers an action: `label` says what happened ("Deleted Dana Ng"), `undo` reverses it.
   * Returns the entry, so a toast's Undo button can undo exactly this action later.
   */
  push(label, undo) {
    const entry = { label, undo };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    return entry;
  }

  get size() {
    return this.entries.length;
  }

  peek() {
    return this.entries.at(-1) ?? null;
  }

  /**
   * Undoes `entry` (by default the newest action) and returns its label; null when there is
   * nothing to undo, it was undone already, or another undo is still running. The entry leaves
   * the history before it runs, so a quick second Ctrl+Z undoes the action before it; if undoing
   * fails, the entry goes back so the user can retry.
   */
  async undo(entry = this.peek()) {
    if (!entry || this.running) return null;
    const index = this.entries.indexOf(entry);
    if (index < 0) return null;
    this.entries.splice(index, 1);
    this.running = true;
    try {
      await entry.undo();
    } catch (err) {
      this.entries.splice(Math.min(index, this.entries.length), 0, entry);
      throw err;
    } finally {
      this.running = false;
    }
    return entry.label;
  }
}
