-- People the user works with. Deleting a person only stamps deleted_at, so an
-- undo (and, later, everything that refers to the person) comes back whole.
CREATE TABLE people (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role         TEXT NOT NULL DEFAULT '',
    department   TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    -- Lower-cased name and searchable text, computed by the core with full
    -- Unicode case folding (SQLite's own lower() only folds ASCII).
    name_key     TEXT NOT NULL,
    search_text  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

CREATE INDEX people_by_name ON people (name_key, id) WHERE deleted_at IS NULL;
