-- Indexes the People list needs at the scale of years of use (100,000 people, 20 maps of 500):
--
-- The list as it opens: current colleagues by name. How many there are is counted for every
-- page it shows, and without an index of just them the count read every person's whole row,
-- notes and all (tens of milliseconds at 100,000 people). The page reads the same index in
-- order and stops after its rows, as it did `people_by_name`.
CREATE INDEX people_listed ON people (name_key, id) WHERE deleted_at IS NULL AND left_at IS NULL;

-- Sorting by power or stance (and filtering by map) looks up each person's places on the maps.
-- The placements' key starts with the map, so that lookup read every placement for every
-- person: minutes at 100,000 people. Keyed by person, it is a few rows each.
CREATE INDEX placements_by_person ON placements (person_id, map_id);
