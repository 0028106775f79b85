-- Favours both ways: 'by_them' is something a person did (or was asked to do) for the user,
-- 'by_me' something the user did for them. A received favour, once done, wants a thank-you.
CREATE TABLE favours (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    direction   TEXT NOT NULL CHECK (direction IN ('by_them', 'by_me')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at     TEXT,
    thanked_at  TEXT,
    thanked_how TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((status = 'done') = (done_at IS NOT NULL)),
    CHECK (thanked_at IS NULL OR (direction = 'by_them' AND status = 'done'))
) STRICT;

CREATE INDEX favours_by_person ON favours (person_id, created_at) WHERE deleted_at IS NULL;

-- Promises both ways: 'mine' the user owes the person, 'theirs' the person owes the user.
CREATE TABLE promises (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    direction   TEXT NOT NULL CHECK (direction IN ('mine', 'theirs')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    due_on      TEXT,                 -- YYYY-MM-DD, a day in the user's calendar
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'dropped')),
    closed_at   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;

CREATE INDEX promises_by_person ON promises (person_id, due_on) WHERE deleted_at IS NULL;
