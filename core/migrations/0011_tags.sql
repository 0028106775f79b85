-- Tags on people ("mentor, platform, hiring committee"), stored normalised as one text joined
-- by ", ", and found by search like the rest of the person.
ALTER TABLE people ADD COLUMN tags TEXT NOT NULL DEFAULT '';

DROP TRIGGER people_search_insert;
DROP TRIGGER people_search_update;
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'person', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'person' AND ref = new.id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'person' AND ref = new.id), new.name || ' ' || new.role || ' ' || new.department || ' ' || new.organisation || ' ' || new.notes || ' ' || new.tags WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER people_search_update AFTER UPDATE ON people BEGIN
    DELETE FROM search_people WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'person' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'person', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'person' AND ref = new.id);
    INSERT INTO search_people (rowid, body) SELECT (SELECT id FROM search_rows WHERE kind = 'person' AND ref = new.id), new.name || ' ' || new.role || ' ' || new.department || ' ' || new.organisation || ' ' || new.notes || ' ' || new.tags WHERE new.deleted_at IS NULL;
END;
