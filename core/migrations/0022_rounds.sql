-- Before the round that decides: every change of where the user needs someone on a map, kept
-- like positions are in placement_events, so drift (moving away from where they are needed)
-- can be measured since the last weekly review. A NULL pair means the need was cleared.
CREATE TABLE desired_events (
    id               INTEGER PRIMARY KEY,
    map_id           TEXT NOT NULL REFERENCES maps (id),
    person_id        TEXT NOT NULL REFERENCES people (id),
    at               TEXT NOT NULL,
    desired_power    REAL CHECK (desired_power BETWEEN 0 AND 1),
    desired_interest REAL CHECK (desired_interest BETWEEN 0 AND 1),
    CHECK ((desired_power IS NULL) = (desired_interest IS NULL))
) STRICT;

CREATE INDEX desired_events_by_person ON desired_events (map_id, person_id, at, id);

-- The needs set before this step, as of the last change of their placement.
INSERT INTO desired_events (map_id, person_id, at, desired_power, desired_interest)
SELECT map_id, person_id, updated_at, desired_power, desired_interest
  FROM placements WHERE desired_power IS NOT NULL;
