-- The newbie tour: a plan, from a start date, of the teams, people and leaders to meet in a new
-- job, with what each said. The tour's 30/60/90-day check-ins are a row in check_ins.
CREATE TABLE tours (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    start_on    TEXT NOT NULL,                       -- YYYY-MM-DD
    check_in_id TEXT NOT NULL REFERENCES check_ins (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

-- One meeting of the tour: with a person or leader (person_id), or with a team (team only).
CREATE TABLE tour_stops (
    id           TEXT PRIMARY KEY NOT NULL,
    tour_id      TEXT NOT NULL REFERENCES tours (id),
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'leader', 'team')),
    person_id    TEXT REFERENCES people (id),
    team         TEXT NOT NULL DEFAULT '',
    week         INTEGER NOT NULL CHECK (week BETWEEN 1 AND 52),
    met_on       TEXT,                               -- YYYY-MM-DD
    success      TEXT NOT NULL DEFAULT '',
    challenges   TEXT NOT NULL DEFAULT '',
    who_else     TEXT NOT NULL DEFAULT '',
    suggested_by TEXT REFERENCES tour_stops (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK ((kind = 'team') = (person_id IS NULL)),
    CHECK (kind != 'team' OR length(trim(team)) > 0)
) STRICT;

CREATE INDEX tour_stops_by_tour ON tour_stops (tour_id, week) WHERE deleted_at IS NULL;
