-- My wins: the user's own results, the goal (map) each serves, and which people have heard of
-- each, when and how. About me is kept in settings (key 'about_me'), not here.
CREATE TABLE wins (
    id         TEXT PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    won_on     TEXT NOT NULL,                        -- YYYY-MM-DD
    impact     TEXT NOT NULL DEFAULT '',
    map_id     TEXT REFERENCES maps (id),            -- the goal it serves, if any
    link       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX wins_by_day ON wins (won_on DESC, id DESC) WHERE deleted_at IS NULL;

-- One telling of a win to a person.
CREATE TABLE win_shares (
    id         TEXT PRIMARY KEY NOT NULL,
    win_id     TEXT NOT NULL REFERENCES wins (id),
    person_id  TEXT NOT NULL REFERENCES people (id),
    shared_on  TEXT NOT NULL,                        -- YYYY-MM-DD
    how        TEXT NOT NULL CHECK (how IN ('one_on_one', 'demo', 'email', 'meeting', 'other')),
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX win_shares_by_win ON win_shares (win_id) WHERE deleted_at IS NULL;
CREATE INDEX win_shares_by_person ON win_shares (person_id) WHERE deleted_at IS NULL;

-- Wins join the search (see 0005_search.sql for how the index is kept in step).
CREATE VIRTUAL TABLE search_wins USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER wins_search_insert AFTER INSERT ON wins BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'win', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'win' AND ref = new.id);
    INSERT INTO search_wins (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'win' AND ref = new.id),
               new.title || ' ' || new.impact || ' ' || new.link
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER wins_search_update AFTER UPDATE ON wins BEGIN
    DELETE FROM search_wins
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'win' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'win', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'win' AND ref = new.id);
    INSERT INTO search_wins (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'win' AND ref = new.id),
               new.title || ' ' || new.impact || ' ' || new.link
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER wins_search_delete AFTER DELETE ON wins BEGIN
    DELETE FROM search_wins
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'win' AND ref = old.id);
END;
