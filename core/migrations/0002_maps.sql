-- Stakeholder maps: one per goal, each placing people on a power/interest grid.
CREATE TABLE maps (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description  TEXT NOT NULL DEFAULT '',
    target_date  TEXT,                -- YYYY-MM-DD, a day in the user's calendar
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    archived_at  TEXT,
    deleted_at   TEXT
) STRICT;

-- Where each person stands on a map now, and where the user needs them to be.
CREATE TABLE placements (
    map_id           TEXT NOT NULL REFERENCES maps (id),
    person_id        TEXT NOT NULL REFERENCES people (id),
    power            REAL NOT NULL CHECK (power BETWEEN 0 AND 1),
    interest         REAL NOT NULL CHECK (interest BETWEEN 0 AND 1),
    stance           TEXT NOT NULL DEFAULT 'unknown'
                     CHECK (stance IN ('champion', 'supporter', 'neutral', 'skeptic', 'blocker', 'unknown')),
    desired_power    REAL CHECK (desired_power BETWEEN 0 AND 1),
    desired_interest REAL CHECK (desired_interest BETWEEN 0 AND 1),
    placed_at        TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (map_id, person_id),
    CHECK ((desired_power IS NULL) = (desired_interest IS NULL))
) STRICT;

-- Every change of a position or stance, with the state it left behind, so the map can be
-- shown as it was at any earlier time. 'removed' rows mark leaving the map.
CREATE TABLE placement_events (
    id         INTEGER PRIMARY KEY,
    map_id     TEXT NOT NULL REFERENCES maps (id),
    person_id  TEXT NOT NULL REFERENCES people (id),
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('placed', 'moved', 'stance', 'removed')),
    power      REAL,
    interest   REAL,
    stance     TEXT,
    CHECK ((kind = 'removed') = (power IS NULL))
) STRICT;

CREATE INDEX placement_events_by_person ON placement_events (map_id, person_id, at, id);
