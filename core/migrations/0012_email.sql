-- An email address per person: imports match people by it, and exports carry it.
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
