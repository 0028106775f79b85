-- Every email address and phone number of a person, each with its label ("work", "mobile", an
-- address book's own label), in the order the user or the imported file gave them. The
-- person's first email stays in people.email, which the form edits and search reads.
CREATE TABLE person_contacts (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    position  INTEGER NOT NULL,
    value     TEXT NOT NULL CHECK (length(trim(value)) > 0),
    label     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, kind, position)
) STRICT;
