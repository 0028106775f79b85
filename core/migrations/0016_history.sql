-- The history of the changes a user made, kept so they can be undone and redone, also after a
-- restart or a crash. Each step is one thing the user did (a save, a move on a map, an import);
-- its entries are the statements that reverse it, written by triggers in the same transaction
-- as the change itself (see core/src/history). Undoing a step runs its entries newest first and
-- records, under the same step, the statements that redo it.

CREATE TABLE history_steps (
    id     INTEGER PRIMARY KEY,
    label  TEXT NOT NULL,
    at     TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

CREATE TABLE history_entries (
    seq     INTEGER PRIMARY KEY,
    step    INTEGER NOT NULL,
    tbl     TEXT NOT NULL,
    row_key TEXT NOT NULL,
    what    TEXT NOT NULL CHECK (what IN ('insert', 'update', 'delete')),
    changed TEXT NOT NULL DEFAULT '',
    sql     TEXT NOT NULL
) STRICT;

CREATE INDEX history_entries_by_step ON history_entries (step, seq);
