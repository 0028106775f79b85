-- Every email address and phone number of a person joins the search (see 0005_search.sql for
-- how the index is kept in step): one more record of the person in the people's index, kind
-- 'contacts', its ref the person's id, its text the person's email and every stored contact.
-- A phone number is also indexed as its digits alone, and without its "+<country>" digits,
-- so "4186569254" finds "+1 418 656 9254" as well as "656 9254" does.

CREATE VIEW search_contacts_body AS
SELECT p.id AS person_id,
       trim(p.email || ' ' || coalesce((
           SELECT group_concat(c.value || CASE WHEN c.kind = 'phone' THEN
                      ' ' || replace(replace(replace(replace(replace(replace(c.value,
                          ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')
                      || CASE WHEN c.value LIKE '+%' THEN
                          ' ' || replace(replace(replace(replace(replace(
                              ltrim(substr(c.value, 2), '0123456789'),
                              ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')
                         ELSE '' END
                  ELSE '' END, ' ')
             FROM person_contacts c WHERE c.person_id = p.id), '')) AS body
  FROM people p;

INSERT INTO search_rows (kind, ref)
    SELECT 'contacts', person_id FROM search_contacts_body WHERE body != '';
INSERT INTO search_people (rowid, body)
    SELECT r.id, b.body FROM search_contacts_body b
      JOIN search_rows r ON r.kind = 'contacts' AND r.ref = b.person_id;

-- The person's contacts text again, after any change to it.
CREATE TRIGGER contacts_search_insert AFTER INSERT ON person_contacts BEGIN
    DELETE FROM search_people
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = new.person_id);
    INSERT INTO search_rows (kind, ref) SELECT 'contacts', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'contacts' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = new.person_id), body
          FROM search_contacts_body WHERE person_id = new.person_id AND body != '';
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE ON person_contacts BEGIN
    DELETE FROM search_people
        WHERE rowid IN (SELECT id FROM search_rows
                         WHERE kind = 'contacts' AND ref IN (old.person_id, new.person_id));
    INSERT INTO search_rows (kind, ref) SELECT 'contacts', new.person_id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'contacts' AND ref = new.person_id);
    INSERT INTO search_people (rowid, body)
        SELECT r.id, b.body FROM search_contacts_body b
          JOIN search_rows r ON r.kind = 'contacts' AND r.ref = b.person_id
         WHERE b.person_id IN (old.person_id, new.person_id) AND b.body != '';
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON person_contacts BEGIN
    DELETE FROM search_people
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = old.person_id);
    INSERT INTO search_people (rowid, body)
        SELECT r.id, b.body FROM search_contacts_body b
          JOIN search_rows r ON r.kind = 'contacts' AND r.ref = b.person_id
         WHERE b.person_id = old.person_id AND b.body != '';
END;

-- people.email: the person's first email, which the form edits.
CREATE TRIGGER people_email_search_insert AFTER INSERT ON people WHEN new.email != '' BEGIN
    INSERT INTO search_rows (kind, ref) SELECT 'contacts', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'contacts' AND ref = new.id);
    INSERT INTO search_people (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = new.id), body
          FROM search_contacts_body WHERE person_id = new.id AND body != '';
END;
CREATE TRIGGER people_email_search_update AFTER UPDATE OF email ON people
    WHEN new.email IS NOT old.email BEGIN
    DELETE FROM search_people
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = new.id);
    INSERT INTO search_rows (kind, ref) SELECT 'contacts', new.id
        WHERE NOT EXISTS (SELECT 1 FROM search_rows WHERE kind = 'contacts' AND ref = new.id);
    INSERT INTO search_people (rowid, body)
        SELECT (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = new.id), body
          FROM search_contacts_body WHERE person_id = new.id AND body != '';
END;
CREATE TRIGGER people_email_search_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_people
        WHERE rowid = (SELECT id FROM search_rows WHERE kind = 'contacts' AND ref = old.id);
END;
