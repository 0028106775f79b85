-- People the user no longer works with but whose history they keep: off lists, maps and
-- keep-in-touch reminders, with their journal still there to read.
ALTER TABLE people ADD COLUMN left_at TEXT;
