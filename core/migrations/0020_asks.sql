-- Asking for support on purpose. Forums are the committees, panels and meetings where decisions
-- about the user are made, with who sits on each; asks are what the user asked of whom, for
-- which goal (a map), moving approached → asked → agreed or declined, each step dated.

CREATE TABLE forums (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    decides    TEXT NOT NULL DEFAULT '',
    map_id     TEXT REFERENCES maps (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE TABLE forum_members (
    forum_id  TEXT NOT NULL REFERENCES forums (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (forum_id, person_id)
) STRICT;

CREATE INDEX forum_members_by_person ON forum_members (person_id);

CREATE TABLE asks (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id),
    map_id        TEXT REFERENCES maps (id),
    kind          TEXT NOT NULL CHECK (kind IN ('sounding_board', 'advice', 'advocate',
                      'public_support', 'introduction', 'sponsorship', 'feedback')),
    forum_id      TEXT REFERENCES forums (id),
    what          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'approached'
                      CHECK (status IN ('approached', 'asked', 'agreed', 'declined')),
    approached_at TEXT NOT NULL,
    asked_at      TEXT,
    answered_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (forum_id IS NULL OR kind = 'advocate'),
    CHECK ((status = 'approached') = (asked_at IS NULL)),
    CHECK ((status IN ('agreed', 'declined')) = (answered_at IS NOT NULL))
) STRICT;

CREATE INDEX asks_by_person ON asks (person_id) WHERE deleted_at IS NULL;

-- The impact a thank-you recorded, and whether a follow-up ("tell them how it turned out")
-- is wanted: thank-yous written before this step get none, so an upgrade does not bring a
-- reminder for every favour ever thanked.
ALTER TABLE favours ADD COLUMN impact TEXT NOT NULL DEFAULT '';
ALTER TABLE favours ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1));

-- Asks join the search (see 0005_search.sql for how the index is kept in step); a thank-you's
-- impact is searched with its favour.
CREATE VIRTUAL TABLE search_asks USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER asks_search_insert AFTER INSERT ON asks BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'ask', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'ask' AND ref = new.id);
    INSERT INTO search_asks (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'ask' AND ref = new.id), new.what
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER asks_search_update AFTER UPDATE ON asks BEGIN
    DELETE FROM search_asks
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'ask' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'ask', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'ask' AND ref = new.id);
    INSERT INTO search_asks (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'ask' AND ref = new.id), new.what
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER asks_search_delete AFTER DELETE ON asks BEGIN
    DELETE FROM search_asks
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'ask' AND ref = old.id);
END;

DROP TRIGGER favours_search_insert;
DROP TRIGGER favours_search_update;
CREATE TRIGGER favours_search_insert AFTER INSERT ON favours BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'favour', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'favour' AND ref = new.id);
    INSERT INTO search_favours (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = new.id),
               new.description || ' ' || new.thanked_how || ' ' || new.impact
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER favours_search_update AFTER UPDATE ON favours BEGIN
    DELETE FROM search_favours
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'favour', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'favour' AND ref = new.id);
    INSERT INTO search_favours (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = new.id),
               new.description || ' ' || new.thanked_how || ' ' || new.impact
        WHERE new.deleted_at IS NULL;
END;
