-- Forums join the search (see 0005_search.sql for how the index is kept in step): a forum is
-- found by its name, what it decides and the names of who sits on it. Its row is written again
-- whenever any of those changes: the forum itself, its members, or a member's name (or their
-- deletion, which takes them out of its text and undo brings back).

CREATE VIRTUAL TABLE search_forums USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

INSERT INTO search_rows (kind, ref) SELECT 'forum', id FROM forums
    WHERE NOT EXISTS (SELECT 1 FROM search_rows r WHERE r.kind = 'forum' AND r.ref = forums.id);
INSERT INTO search_forums (rowid, body)
    SELECT r.id, f.name || ' ' || f.decides || ' ' || coalesce(
               (SELECT group_concat(p.name, ' ') FROM forum_members fm
                  JOIN people p ON p.id = fm.person_id AND p.deleted_at IS NULL
                 WHERE fm.forum_id = f.id), '')
      FROM forums f JOIN search_rows r ON r.kind = 'forum' AND r.ref = f.id
     WHERE f.deleted_at IS NULL;

CREATE TRIGGER forums_search_insert AFTER INSERT ON forums BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'forum', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'forum' AND ref = new.id);
    INSERT INTO search_forums (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'forum' AND ref = new.id),
               new.name || ' ' || new.decides
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER forums_search_update AFTER UPDATE ON forums BEGIN
    DELETE FROM search_forums
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'forum' AND ref = old.id);
    INSERT INTO search_rows (kind, ref) SELECT 'forum', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'forum' AND ref = new.id);
    INSERT INTO search_forums (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'forum' AND ref = new.id),
               new.name || ' ' || new.decides || ' ' || coalesce(
                   (SELECT group_concat(p.name, ' ') FROM forum_members fm
                      JOIN people p ON p.id = fm.person_id AND p.deleted_at IS NULL
                     WHERE fm.forum_id = new.id), '')
        WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER forums_search_delete AFTER DELETE ON forums BEGIN
    DELETE FROM search_forums
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'forum' AND ref = old.id);
END;

-- Who sits on a forum, and their names: the forum's row again, written as on an update.
CREATE TRIGGER forum_members_search_insert AFTER INSERT ON forum_members BEGIN
    UPDATE forums SET name = name WHERE id = new.forum_id;
END;
CREATE TRIGGER forum_members_search_delete AFTER DELETE ON forum_members BEGIN
    UPDATE forums SET name = name WHERE id = old.forum_id;
END;
CREATE TRIGGER people_forums_search_update AFTER UPDATE OF name, deleted_at ON people
    WHEN new.name IS NOT old.name OR new.deleted_at IS NOT old.deleted_at BEGIN
    UPDATE forums SET name = name
     WHERE id IN (SELECT forum_id FROM forum_members WHERE person_id = new.id);
END;
