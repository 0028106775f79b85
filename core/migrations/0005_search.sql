-- Full-text search over everything a user writes, kept in step by triggers.
-- search_rows maps each record (kind, ref) to a stable integer row (an INTEGER PRIMARY KEY
-- survives VACUUM, which plain rowids need not); that row is the record's rowid in the FTS5
-- index of its group. One index per group lets each group's best hits be found on their own:
-- a word common in thousands of interactions does not crowd out the person it names.
-- Records marked deleted leave the index and come back on undo. Diacritics are folded, and
-- 2- and 3-character prefixes are indexed so typing "dan" finds "Dana" at once.
-- (Triggers add a mapping with WHERE NOT EXISTS, not INSERT OR IGNORE: an upsert's conflict
-- handling would override it.)

CREATE TABLE search_rows (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref  TEXT NOT NULL,
    UNIQUE (kind, ref)
) STRICT;

CREATE VIRTUAL TABLE search_people USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE search_interactions USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE search_favours USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE VIRTUAL TABLE search_promises USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- people
INSERT INTO search_rows (kind, ref) SELECT 'person', id FROM people;
INSERT INTO search_people (rowid, body)
    SELECT r.id, name || ' ' || role || ' ' || department || ' ' || organisation || ' ' || notes
    FROM people JOIN search_rows r ON r.kind = 'person' AND r.ref = people.id WHERE deleted_at IS NULL;
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'person', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'person' AND ref = new.id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'person' AND ref = new.id), new.name || ' ' || new.role || ' ' || new.department || ' ' || new.organisation || ' ' || new.notes WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER people_search_update AFTER UPDATE ON people BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'person' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'person', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'person' AND ref = new.id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'person' AND ref = new.id), new.name || ' ' || new.role || ' ' || new.department || ' ' || new.organisation || ' ' || new.notes WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'person' AND ref = old.id);
END;

-- profiles
INSERT INTO search_rows (kind, ref) SELECT 'profile', person_id FROM profiles;
INSERT INTO search_people (rowid, body)
    SELECT r.id, how_met || ' ' || motivations || ' ' || influences || ' ' || success_30 || ' ' || success_60 || ' ' || success_90 || ' ' || challenges || ' ' || pitch
    FROM profiles JOIN search_rows r ON r.kind = 'profile' AND r.ref = profiles.person_id WHERE 1;
CREATE TRIGGER profiles_search_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'profile', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'profile' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = new.person_id), new.how_met || ' ' || new.motivations || ' ' || new.influences || ' ' || new.success_30 || ' ' || new.success_60 || ' ' || new.success_90 || ' ' || new.challenges || ' ' || new.pitch WHERE 1;
END;
CREATE TRIGGER profiles_search_update AFTER UPDATE ON profiles BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = old.person_id);
    INSERT INTO search_rows (kind, ref) SELECT 'profile', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'profile' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = new.person_id), new.how_met || ' ' || new.motivations || ' ' || new.influences || ' ' || new.success_30 || ' ' || new.success_60 || ' ' || new.success_90 || ' ' || new.challenges || ' ' || new.pitch WHERE 1;
END;
CREATE TRIGGER profiles_search_delete AFTER DELETE ON profiles BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'profile' AND ref = old.person_id);
END;

-- interactions
INSERT INTO search_rows (kind, ref) SELECT 'interaction', id FROM interactions;
INSERT INTO search_interactions (rowid, body)
    SELECT r.id, notes || ' ' || follow_up
    FROM interactions JOIN search_rows r ON r.kind = 'interaction' AND r.ref = interactions.id WHERE deleted_at IS NULL;
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

-- favours
INSERT INTO search_rows (kind, ref) SELECT 'favour', id FROM favours;
INSERT INTO search_favours (rowid, body)
    SELECT r.id, description || ' ' || thanked_how
    FROM favours JOIN search_rows r ON r.kind = 'favour' AND r.ref = favours.id WHERE deleted_at IS NULL;
CREATE TRIGGER favours_search_insert AFTER INSERT ON favours BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'favour', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'favour' AND ref = new.id);
    INSERT INTO search_favours (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = new.id), new.description || ' ' || new.thanked_how WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER favours_search_update AFTER UPDATE ON favours BEGIN
    DELETE FROM search_favours WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'favour', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'favour' AND ref = new.id);
    INSERT INTO search_favours (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = new.id), new.description || ' ' || new.thanked_how WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER favours_search_delete AFTER DELETE ON favours BEGIN
    DELETE FROM search_favours WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'favour' AND ref = old.id);
END;

-- promises
INSERT INTO search_rows (kind, ref) SELECT 'promise', id FROM promises;
INSERT INTO search_promises (rowid, body)
    SELECT r.id, description
    FROM promises JOIN search_rows r ON r.kind = 'promise' AND r.ref = promises.id WHERE deleted_at IS NULL;
CREATE TRIGGER promises_search_insert AFTER INSERT ON promises BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'promise', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'promise' AND ref = new.id);
    INSERT INTO search_promises (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'promise' AND ref = new.id), new.description WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER promises_search_update AFTER UPDATE ON promises BEGIN
    DELETE FROM search_promises WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'promise' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'promise', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'promise' AND ref = new.id);
    INSERT INTO search_promises (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'promise' AND ref = new.id), new.description WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER promises_search_delete AFTER DELETE ON promises BEGIN
    DELETE FROM search_promises WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'promise' AND ref = old.id);
END;
