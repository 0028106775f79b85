-- Settings the user chose, one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Reminders the user writes ("Ask Dana about the reorg on Monday 10:00"). A repeating one
-- keeps its local time in the time zone it was written in.
CREATE TABLE reminders (
    id         TEXT PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    note       TEXT NOT NULL DEFAULT '',
    person_id  TEXT REFERENCES people (id),
    due_at     TEXT NOT NULL,
    repeat     TEXT NOT NULL DEFAULT 'never' CHECK (repeat IN ('never', 'daily', 'weekly', 'monthly')),
    time_zone  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- 30/60/90-day check-ins from a start date: a new job, a new manager.
CREATE TABLE check_ins (
    id         TEXT PRIMARY KEY NOT NULL,
    label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
    start_on   TEXT NOT NULL,          -- YYYY-MM-DD
    person_id  TEXT REFERENCES people (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- What the user did about a reminder, by subject ("thank_you:<favour id>", "weekly_review").
CREATE TABLE reminder_state (
    subject       TEXT PRIMARY KEY NOT NULL,
    snoozed_until TEXT,
    done_through  TEXT,
    dismissed_at  TEXT,
    updated_at    TEXT NOT NULL
) STRICT;

-- Every occurrence shown, written before the pop-up appears: a crash or restart never shows it
-- twice, and a clock moved back never repeats it.
CREATE TABLE reminder_log (
    subject  TEXT NOT NULL,
    due_at   TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    title    TEXT NOT NULL,
    PRIMARY KEY (subject, due_at)
) STRICT;

-- Reminders marked done, for the Reminders view's "Done" list.
CREATE TABLE reminder_done (
    id        INTEGER PRIMARY KEY,
    subject   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    title     TEXT NOT NULL,
    person_id TEXT REFERENCES people (id),
    done_at   TEXT NOT NULL
) STRICT;

CREATE INDEX reminder_done_by_time ON reminder_done (done_at);

-- When each person was last in touch, read for everyone with a cadence at every scheduler look
-- (and for everyone in the people list): the lookup of an interaction's time stays in this index.
CREATE INDEX interactions_times ON interactions (id, deleted_at, occurred_at);
