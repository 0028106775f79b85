-- Dates that matter to people, and the smaller things from the practice: profile fields,
-- interaction kinds that give credit, a regular 1:1 rhythm and a focus among professional groups.

-- Birthdays, work anniversaries and start dates: day and month, the year when known. `remind`
-- is the person's own choice (NULL follows the reminder settings for everyone); `set_at` is
-- when the date was recorded, so no reminder fires for a day that passed before it.
CREATE TABLE person_dates (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('birthday', 'anniversary', 'start_date')),
    month     INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day       INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    year      INTEGER CHECK (year IS NULL OR year BETWEEN 1 AND 9999),
    remind    INTEGER CHECK (remind IS NULL OR remind IN (0, 1)),
    set_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
) STRICT;

-- What they need from you, how they lead, how they like information presented; and a
-- regular 1:1 every N weeks, which keeps a repeating reminder.
ALTER TABLE profiles ADD COLUMN needs_from_me TEXT NOT NULL DEFAULT '';
ALTER TABLE profiles ADD COLUMN leadership_style TEXT NOT NULL DEFAULT '';
ALTER TABLE profiles ADD COLUMN info_format TEXT NOT NULL DEFAULT '';
ALTER TABLE profiles ADD COLUMN info_length TEXT NOT NULL DEFAULT ''
    CHECK (info_length IN ('', 'short', 'detailed'));
ALTER TABLE profiles ADD COLUMN info_style TEXT NOT NULL DEFAULT ''
    CHECK (info_style IN ('', 'data', 'story'));
ALTER TABLE profiles ADD COLUMN one_on_one_weeks INTEGER
    CHECK (one_on_one_weeks IS NULL OR one_on_one_weeks BETWEEN 1 AND 52);
-- When that rhythm was agreed (or last changed): the first reminder counts from it until a 1:1
-- is logged.
ALTER TABLE profiles ADD COLUMN one_on_one_since TEXT;

-- The new profile text is searched like the rest of the profile.
DROP TRIGGER profiles_search_insert;
DROP TRIGGER profiles_search_update;
DELETE FROM search_people WHERE rowid IN (SELECT id FROM search_rows WHERE kind = 'profile');
INSERT INTO search_people (rowid, body)
    SELECT r.id, how_met || ' ' || motivations || ' ' || influences || ' ' || success_30 || ' ' || success_60 || ' ' || success_90 || ' ' || challenges || ' ' || pitch || ' ' || needs_from_me || ' ' || leadership_style || ' ' || info_format
    FROM profiles JOIN search_rows r ON r.kind = 'profile' AND r.ref = profiles.person_id WHERE 1;
CREATE TRIGGER profiles_search_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'profile', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'profile' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = new.person_id), new.how_met || ' ' || new.motivations || ' ' || new.influences || ' ' || new.success_30 || ' ' || new.success_60 || ' ' || new.success_90 || ' ' || new.challenges || ' ' || new.pitch || ' ' || new.needs_from_me || ' ' || new.leadership_style || ' ' || new.info_format WHERE 1;
END;
CREATE TRIGGER profiles_search_update AFTER UPDATE ON profiles BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = old.person_id);
    INSERT INTO search_rows (kind, ref) SELECT 'profile', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'profile' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = new.person_id), new.how_met || ' ' || new.motivations || ' ' || new.influences || ' ' || new.success_30 || ' ' || new.success_60 || ' ' || new.success_90 || ' ' || new.challenges || ' ' || new.pitch || ' ' || new.needs_from_me || ' ' || new.leadership_style || ' ' || new.info_format WHERE 1;
END;

-- Professional groups: a category, a shortlist, and the one to focus on.
ALTER TABLE groups ADD COLUMN category TEXT NOT NULL DEFAULT ''
    CHECK (category IN ('', 'function', 'industry', 'skill', 'affinity'));
ALTER TABLE groups ADD COLUMN shortlisted INTEGER NOT NULL DEFAULT 0 CHECK (shortlisted IN (0, 1));
ALTER TABLE groups ADD COLUMN focus INTEGER NOT NULL DEFAULT 0 CHECK (focus IN (0, 1));

-- "Gave public credit" and "endorsed" as interaction kinds. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with foreign keys on, as the app runs migrations: the new table
-- and a new interaction_people pointing at it are filled first, the old pair dropped (the child
-- first, so nothing refers to the old table), and renaming the new table makes the new child
-- point at "interactions" again. Indexes and search triggers are then made again.
CREATE TABLE interactions_0021 (
    id          TEXT PRIMARY KEY NOT NULL,
    occurred_at TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('one_on_one', 'coffee', 'meeting', 'message', 'email', 'event',
                                'introduction', 'gave_credit', 'endorsed')),
    notes       TEXT NOT NULL DEFAULT '',
    follow_up   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
INSERT INTO interactions_0021 (id, occurred_at, kind, notes, follow_up, created_at, updated_at, deleted_at)
    SELECT id, occurred_at, kind, notes, follow_up, created_at, updated_at, deleted_at
      FROM interactions;
CREATE TABLE interaction_people_0021 (
    interaction_id TEXT NOT NULL REFERENCES interactions_0021 (id),
    person_id      TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (interaction_id, person_id)
) STRICT;
INSERT INTO interaction_people_0021 (interaction_id, person_id)
    SELECT interaction_id, person_id FROM interaction_people;
DROP TABLE interaction_people;
DROP TABLE interactions;
ALTER TABLE interactions_0021 RENAME TO interactions;
ALTER TABLE interaction_people_0021 RENAME TO interaction_people;

CREATE INDEX interaction_people_by_person ON interaction_people (person_id, interaction_id);
CREATE INDEX interactions_by_time ON interactions (occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX interactions_times ON interactions (id, deleted_at, occurred_at);
CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'interaction', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'interaction' AND ref = new.id);
    INSERT INTO search_interactions (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'interaction' AND ref = new.id), new.notes || ' ' || new.follow_up WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER interactions_search_update AFTER UPDATE ON interactions BEGIN
    DELETE FROM search_interactions WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'interaction' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'interaction', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'interaction' AND ref = new.id);
    INSERT INTO search_interactions (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'interaction' AND ref = new.id), new.notes || ' ' || new.follow_up WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM search_interactions WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'interaction' AND ref = old.id);
END;
