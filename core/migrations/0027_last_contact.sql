-- When each person was last in touch (their newest interaction not deleted), kept by triggers
-- from the interactions, like the search index: derived, so neither undone, synced nor backed
-- up (each computer keeps its own from the interactions it holds, the triggers firing on
-- applied and restored changes too). Sorting the People list by last contact read every
-- person's interactions to find it: seconds at 100,000 people and 1,000,000 interactions.
CREATE TABLE derived_last_contact (
    person_id TEXT PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX derived_last_contact_by_time ON derived_last_contact (at, person_id);

INSERT INTO derived_last_contact (person_id, at)
    SELECT ip.person_id, max(i.occurred_at)
      FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
     WHERE i.deleted_at IS NULL
     GROUP BY ip.person_id;

-- One person's last contact, worked out again: in each trigger below for the person named.
CREATE TRIGGER interaction_people_last_contact_insert AFTER INSERT ON interaction_people BEGIN
    DELETE FROM derived_last_contact WHERE person_id = new.person_id;
    INSERT INTO derived_last_contact (person_id, at)
        SELECT new.person_id, last FROM (
            SELECT max(i.occurred_at) AS last
              FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
             WHERE ip.person_id = new.person_id AND i.deleted_at IS NULL)
         WHERE last IS NOT NULL;
END;

CREATE TRIGGER interaction_people_last_contact_delete AFTER DELETE ON interaction_people BEGIN
    DELETE FROM derived_last_contact WHERE person_id = old.person_id;
    INSERT INTO derived_last_contact (person_id, at)
        SELECT old.person_id, last FROM (
            SELECT max(i.occurred_at) AS last
              FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
             WHERE ip.person_id = old.person_id AND i.deleted_at IS NULL)
         WHERE last IS NOT NULL;
END;

CREATE TRIGGER interaction_people_last_contact_update AFTER UPDATE ON interaction_people BEGIN
    DELETE FROM derived_last_contact WHERE person_id IN (old.person_id, new.person_id);
    INSERT INTO derived_last_contact (person_id, at)
        SELECT who, last FROM (
            SELECT p.who AS who, (SELECT max(i.occurred_at)
                  FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                 WHERE ip.person_id = p.who AND i.deleted_at IS NULL) AS last
              FROM (SELECT old.person_id AS who UNION SELECT new.person_id) p)
         WHERE last IS NOT NULL;
END;

-- An interaction moved in time, deleted or brought back: everyone who was there.
CREATE TRIGGER interactions_last_contact_update AFTER UPDATE OF occurred_at, deleted_at ON interactions BEGIN
    DELETE FROM derived_last_contact
     WHERE person_id IN (SELECT person_id FROM interaction_people WHERE interaction_id = new.id);
    INSERT INTO derived_last_contact (person_id, at)
        SELECT who, last FROM (
            SELECT there.person_id AS who, (SELECT max(i.occurred_at)
                  FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                 WHERE ip.person_id = there.person_id AND i.deleted_at IS NULL) AS last
              FROM interaction_people there WHERE there.interaction_id = new.id)
         WHERE last IS NOT NULL;
END;

-- Added or removed while its people are there already (a sync or a restore may bring the
-- people first, their keys checked only at commit).
CREATE TRIGGER interactions_last_contact_insert AFTER INSERT ON interactions BEGIN
    DELETE FROM derived_last_contact
     WHERE person_id IN (SELECT person_id FROM interaction_people WHERE interaction_id = new.id);
    INSERT INTO derived_last_contact (person_id, at)
        SELECT who, last FROM (
            SELECT there.person_id AS who, (SELECT max(i.occurred_at)
                  FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                 WHERE ip.person_id = there.person_id AND i.deleted_at IS NULL) AS last
              FROM interaction_people there WHERE there.interaction_id = new.id)
         WHERE last IS NOT NULL;
END;

CREATE TRIGGER interactions_last_contact_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM derived_last_contact
     WHERE person_id IN (SELECT person_id FROM interaction_people WHERE interaction_id = old.id);
    INSERT INTO derived_last_contact (person_id, at)
        SELECT who, last FROM (
            SELECT there.person_id AS who, (SELECT max(i.occurred_at)
                  FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                 WHERE ip.person_id = there.person_id AND i.deleted_at IS NULL) AS last
              FROM interaction_people there WHERE there.interaction_id = old.id)
         WHERE last IS NOT NULL;
END;

CREATE TRIGGER people_last_contact_delete AFTER DELETE ON people BEGIN
    DELETE FROM derived_last_contact WHERE person_id = old.id;
END;
