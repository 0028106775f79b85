-- Conflicts join the search (see 0005_search.sql for how the index is kept in step).
CREATE VIRTUAL TABLE search_conflicts USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

INSERT INTO search_rows (kind, ref) SELECT 'conflict', id FROM conflicts;
INSERT INTO search_conflicts (rowid, body)
    SELECT r.id, description || ' ' || resolution
    FROM conflicts JOIN search_rows r ON r.kind = 'conflict' AND r.ref = conflicts.id
    WHERE deleted_at IS NULL;

CREATE TRIGGER conflicts_search_insert AFTER INSERT ON conflicts BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'conflict', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'conflict' AND ref = new.id);
    INSERT INTO search_conflicts (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'conflict' AND ref = new.id),
               new.description || ' ' || new.resolution
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER conflicts_search_update AFTER UPDATE ON conflicts BEGIN
    DELETE FROM search_conflicts
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'conflict' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'conflict', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'conflict' AND ref = new.id);
    INSERT INTO search_conflicts (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'conflict' AND ref = new.id),
               new.description || ' ' || new.resolution
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER conflicts_search_delete AFTER DELETE ON conflicts BEGIN
    DELETE FROM search_conflicts
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'conflict' AND ref = old.id);
END;
