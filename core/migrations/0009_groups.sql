-- Professional groups and communities the user means to attend at least once a quarter.
CREATE TABLE groups (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- Each time the user went to one of a group's events.
CREATE TABLE group_attendance (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES groups (id),
    attended_on TEXT NOT NULL,        -- YYYY-MM-DD
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX group_attendance_by_group ON group_attendance (group_id, attended_on) WHERE deleted_at IS NULL;
