-- Tensions with a person, to resolve early: a note, a date to resolve it by, and how it ended.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    resolve_by  TEXT,                 -- YYYY-MM-DD
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
) STRICT;

CREATE INDEX conflicts_by_person ON conflicts (person_id, resolve_by) WHERE deleted_at IS NULL;
