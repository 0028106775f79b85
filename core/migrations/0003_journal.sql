-- What the user knows about each person beyond the basics, one row per person who has any.
CREATE TABLE profiles (
    person_id    TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
    level        TEXT NOT NULL DEFAULT ''
                 CHECK (level IN ('', 'senior_leader', 'skip_level', 'manager', 'peer', 'junior', 'external')),
    how_met      TEXT NOT NULL DEFAULT '',
    motivations  TEXT NOT NULL DEFAULT '',
    influences   TEXT NOT NULL DEFAULT '',
    success_30   TEXT NOT NULL DEFAULT '',
    success_60   TEXT NOT NULL DEFAULT '',
    success_90   TEXT NOT NULL DEFAULT '',
    challenges   TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL DEFAULT ''
                 CHECK (channel IN ('', 'one_on_one', 'email', 'chat', 'coffee', 'meeting')),
    cadence_days INTEGER CHECK (cadence_days BETWEEN 1 AND 365),
    pitch        TEXT NOT NULL DEFAULT '',
    ally_role    TEXT NOT NULL DEFAULT ''
                 CHECK (ally_role IN ('', 'collaborator', 'supporter', 'endorser', 'mentor', 'sponsor')),
    updated_at   TEXT NOT NULL
) STRICT;

-- Every 1:1, coffee, meeting or message, with one or several people.
CREATE TABLE interactions (
    id          TEXT PRIMARY KEY NOT NULL,
    occurred_at TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('one_on_one', 'coffee', 'meeting', 'message', 'email', 'event', 'introduction')),
    notes       TEXT NOT NULL DEFAULT '',
    follow_up   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE TABLE interaction_people (
    interaction_id TEXT NOT NULL REFERENCES interactions (id),
    person_id      TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (interaction_id, person_id)
) STRICT;

CREATE INDEX interaction_people_by_person ON interaction_people (person_id, interaction_id);
CREATE INDEX interactions_by_time ON interactions (occurred_at) WHERE deleted_at IS NULL;
