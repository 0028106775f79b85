-- Who connects to whom: typed links between people, or between the user ("me", a NULL end) and
-- a person, each with a strength and an optional note.
CREATE TABLE links (
    id         TEXT PRIMARY KEY NOT NULL,
    from_id    TEXT REFERENCES people (id),          -- NULL: the user
    to_id      TEXT NOT NULL REFERENCES people (id),
    kind       TEXT NOT NULL
               CHECK (kind IN ('reports_to', 'influences', 'close_with', 'in_conflict_with', 'introduced_me_to')),
    strength   TEXT NOT NULL DEFAULT 'medium' CHECK (strength IN ('weak', 'medium', 'strong')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (from_id IS NULL OR from_id != to_id)
) STRICT;

CREATE INDEX links_from ON links (from_id) WHERE deleted_at IS NULL;
CREATE INDEX links_to ON links (to_id) WHERE deleted_at IS NULL;
