-- The interactions' text is read from the interactions themselves, through a view, instead of
-- being kept a second time inside the search index: at ten years of data (1,000,000
-- interactions) that copy was 266 MiB of a 1,177 MiB file. The index itself is unchanged
-- (the same words and prefixes); a search reads the text of the few hits it shows.
--
-- An index over text kept elsewhere must be told exactly what it indexed to forget a row, so
-- the triggers below give it a row's old text when it changes or goes ("delete"), never a bare
-- DELETE, which would read the text as it is after the change.
DROP TRIGGER interactions_search_insert;
DROP TRIGGER interactions_search_update;
DROP TRIGGER interactions_search_delete;
DROP TABLE search_interactions;

CREATE VIEW search_interactions_text AS
SELECT r.id AS id, i.notes || ' ' || i.follow_up AS body
  FROM search_rows r JOIN interactions i ON i.id = r.ref
 WHERE r.kind = 'interaction' AND i.deleted_at IS NULL;

CREATE VIRTUAL TABLE search_interactions USING fts5(
    body, content = 'search_interactions_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- Built with a 64 MiB buffer (a million interactions: 7 s instead of 12.6 s at the first start
-- after the update), then FTS5's own 1 MiB for the app's writes, as `storage/reindex.rs` does.
INSERT INTO search_interactions (search_interactions, rank) VALUES ('hashsize', 67108864);
INSERT INTO search_interactions (search_interactions) VALUES ('rebuild');
INSERT INTO search_interactions (search_interactions, rank) VALUES ('hashsize', 1048576);

CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'interaction', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'interaction' AND ref = new.id);
    INSERT INTO search_interactions (rowid, body)
        SELECT r.id, new.notes || ' ' || new.follow_up FROM search_rows r
         WHERE r.kind = 'interaction' AND r.ref = new.id AND new.deleted_at IS NULL;
END;

CREATE TRIGGER interactions_search_update AFTER UPDATE ON interactions BEGIN
    INSERT INTO search_interactions (search_interactions, rowid, body)
        SELECT 'delete', r.id, old.notes || ' ' || old.follow_up FROM search_rows r
         WHERE r.kind = 'interaction' AND r.ref = old.id AND old.deleted_at IS NULL;
    INSERT INTO search_rows (kind, ref) SELECT 'interaction', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'interaction' AND ref = new.id);
    INSERT INTO search_interactions (rowid, body)
        SELECT r.id, new.notes || ' ' || new.follow_up FROM search_rows r
         WHERE r.kind = 'interaction' AND r.ref = new.id AND new.deleted_at IS NULL;
END;

CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions BEGIN
    INSERT INTO search_interactions (search_interactions, rowid, body)
        SELECT 'delete', r.id, old.notes || ' ' || old.follow_up FROM search_rows r
         WHERE r.kind = 'interaction' AND r.ref = old.id AND old.deleted_at IS NULL;
END;
