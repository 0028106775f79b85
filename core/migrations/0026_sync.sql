-- Sync through a folder the user's own file sync carries (see core/src/sync/mod.rs). Every table
-- here is this device's own bookkeeping: none of them is synced, and none is in the JSON backup.

-- This device, once sync is on: one row. `key` is the 32-byte key derived from the sync
-- passphrase (kept here so later runs need no passphrase; it is as safe as this file, which may
-- itself be encrypted). `last_hlc` is the latest hybrid logical clock this device gave or saw.
CREATE TABLE sync_device (
    one         INTEGER PRIMARY KEY CHECK (one = 1),
    device_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    folder      TEXT NOT NULL,
    key         BLOB NOT NULL CHECK (length(key) = 32),
    next_seq    INTEGER NOT NULL DEFAULT 1,
    last_hlc    TEXT NOT NULL DEFAULT '',
    enabled_at  TEXT NOT NULL
) STRICT;

-- Changes recorded by this device, written in the same transaction as the change itself.
-- `deps` is a JSON object: device id -> highest seq applied here when the change was made;
-- `rows` the whole of each row the change made or edited, as it was after it (JSON).
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY,
    hlc        TEXT NOT NULL,
    made_at    TEXT NOT NULL,
    deps       TEXT NOT NULL,
    changeset  BLOB NOT NULL,
    rows       TEXT NOT NULL,
    pushed_at  TEXT
) STRICT;

-- Other devices' files applied here, recorded in the transaction that applied them.
CREATE TABLE sync_applied (
    device      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    hlc         TEXT NOT NULL,
    applied_at  TEXT NOT NULL,
    PRIMARY KEY (device, seq)
) STRICT;

-- The clock of the last change of each synced row (a delete's too, kept after the row is
-- gone). `pk` is the row's key as a JSON array.
CREATE TABLE sync_row_clock (
    tbl  TEXT NOT NULL,
    pk   TEXT NOT NULL,
    hlc  TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) STRICT;

-- Values a sync overrode (or a change that could not land), so they can be looked at and
-- restored. `kept` and `overridden` are JSON objects of column -> value.
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    kept         TEXT,
    overridden   TEXT,
    winner       TEXT NOT NULL,
    restored_at  TEXT
) STRICT;

-- Files that could not be applied yet, or ever: why, and how many pulls tried.
CREATE TABLE sync_problems (
    path      TEXT PRIMARY KEY NOT NULL,
    device    TEXT,
    seq       INTEGER,
    reason    TEXT NOT NULL,
    waiting   INTEGER NOT NULL,        -- 1: may apply later by itself; 0: needs a person
    attempts  INTEGER NOT NULL DEFAULT 1,
    first_at  TEXT NOT NULL,
    last_at   TEXT NOT NULL
) STRICT;
