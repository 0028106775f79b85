-- The rows "Try it with sample people" added, so "Remove the sample people" takes away exactly
-- those and nothing the user added (see core/src/sample.rs). Only the records a user would name
-- are listed (people, the map, interactions, favours, promises, links); what belongs to them
-- (profiles, places on the map, who was at an interaction) goes with them.

CREATE TABLE sample_rows (
    tbl     TEXT NOT NULL CHECK (tbl IN ('people', 'maps', 'interactions', 'favours', 'promises', 'links')),
    row_key TEXT NOT NULL,
    PRIMARY KEY (tbl, row_key)
) STRICT;
