-- The network reads every live link's ends, strength, kind and id; this index holds exactly
-- that, so the read never touches the table.
CREATE INDEX links_graph ON links (from_id, to_id, strength, kind, id) WHERE deleted_at IS NULL;
