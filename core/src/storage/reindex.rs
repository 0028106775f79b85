//! The search index and the derived tables, built in one pass for a bulk load.
//!
//! The schema's own triggers keep `search_*` and `derived_*` in step with every write, one row
//! at a time: right for the app's changes, slow for a restore of a million rows (each insert
//! looks up and writes the index, and works a person's last contact out again). A restore
//! drops those triggers inside its transaction ([`pause`]), loads its rows, and then
//! [`Paused::rebuild`] fills each index with one statement and makes the triggers again. If
//! anything fails, the transaction rolls back with the triggers as they were.
//!
//! Each statement below says what the matching triggers do; a test builds a database through
//! the triggers and checks that a rebuild gives the same index, row for row, and that every
//! `search_` and `derived_` table of the schema is built here.

use rusqlite::Connection;

use crate::error::Result;

/// The schema's triggers, dropped until [`Paused::rebuild`] makes them again.
#[must_use = "the triggers stay dropped until rebuild makes them again"]
pub(crate) struct Paused {
    triggers: Vec<(String, String)>,
}

/// Drops every trigger of the main schema (the search index's and the derived tables'), in
/// the caller's transaction. The undo history's triggers are TEMP ones and keep working.
pub(crate) fn pause(tx: &Connection) -> Result<Paused> {
    let triggers: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM main.sqlite_schema
              WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &triggers {
        tx.execute_batch(&format!(
            "DROP TRIGGER main.\"{}\"",
            name.replace('"', "\"\"")
        ))?;
    }
    Ok(Paused { triggers })
}

impl Paused {
    /// Empties the search index and the derived tables, builds them from the tables as they
    /// now are, and makes the triggers again.
    pub(crate) fn rebuild(self, tx: &Connection) -> Result<()> {
        for table in REBUILT {
            if READS_ITS_TEXT_ELSEWHERE.contains(table) {
                // A DELETE would read the text to forget, which the load has replaced.
                tx.execute(
                    &format!("INSERT INTO {table} ({table}) VALUES ('delete-all')"),
                    [],
                )?;
            } else {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
        }
        // FTS5 writes out what it holds each time its buffer is full: a larger buffer for the
        // build makes fewer, larger segments (a million interactions: 12.6 s to 7.1 s), and
        // the default is back for the app's own writes.
        set_buffer(tx, BUILD_BUFFER)?;
        tx.execute_batch(BUILD)?;
        set_buffer(tx, FTS5_DEFAULT_BUFFER)?;
        for (_, sql) in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// The bytes of text FTS5 holds in memory before it writes a segment: its default, and the
/// bound while the whole index is built.
const FTS5_DEFAULT_BUFFER: i64 = 1024 * 1024;
const BUILD_BUFFER: i64 = 64 * 1024 * 1024;

/// Sets each full-text table's `hashsize`, the size of the buffer above.
fn set_buffer(tx: &Connection, bytes: i64) -> Result<()> {
    for table in REBUILT.iter().filter(|t| is_full_text(t)) {
        tx.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?1)"),
            [bytes],
        )?;
    }
    Ok(())
}

/// Full-text tables that index text kept in a table or view of its own (FTS5's external
/// content), not a copy of it.
const READS_ITS_TEXT_ELSEWHERE: &[&str] = &["search_interactions"];

/// The full-text tables among [`REBUILT`]: the rest are plain tables.
fn is_full_text(table: &str) -> bool {
    table.starts_with("search_") && table != "search_rows"
}

/// Every table [`BUILD`] fills, emptied first.
pub(crate) const REBUILT: &[&str] = &[
    "search_rows",
    "search_people",
    "search_interactions",
    "search_favours",
    "search_promises",
    "search_conflicts",
    "search_wins",
    "search_asks",
    "search_forums",
    "derived_last_contact",
];

/// The index as the triggers leave it. `search_rows` maps each indexed record (a kind and its
/// key) to the rowid of its text in a `search_*` table; a record gets its row whether or not
/// it is deleted, and its text only while it is not (a profile's text always). Each full-text
/// table is filled in rowid order: FTS5 writes out what it holds each time a rowid goes back,
/// which in any other order makes a million small segments to merge.
const BUILD: &str = "
-- A person: name, role, department, organisation, notes and tags.
INSERT INTO search_rows (kind, ref) SELECT 'person', id FROM people;
INSERT INTO search_people (rowid, body)
    SELECT r.id, p.name || ' ' || p.role || ' ' || p.department || ' ' || p.organisation
                 || ' ' || p.notes || ' ' || p.tags
      FROM search_rows r JOIN people p ON p.id = r.ref
     WHERE r.kind = 'person' AND p.deleted_at IS NULL
     ORDER BY r.id;

-- A person's email, phones and other ways to reach them, for anyone who has one.
INSERT INTO search_rows (kind, ref)
    SELECT 'contacts', p.id FROM people p
     WHERE p.email != '' OR EXISTS (SELECT 1 FROM person_contacts c WHERE c.person_id = p.id);
INSERT INTO search_people (rowid, body)
    SELECT r.id, b.body
      FROM search_rows r JOIN search_contacts_body b ON b.person_id = r.ref
     WHERE r.kind = 'contacts' AND b.body != ''
     ORDER BY r.id;

-- A profile: what they care about, how they like to work.
INSERT INTO search_rows (kind, ref) SELECT 'profile', person_id FROM profiles;
INSERT INTO search_people (rowid, body)
    SELECT r.id, f.how_met || ' ' || f.motivations || ' ' || f.influences || ' ' || f.success_30
                 || ' ' || f.success_60 || ' ' || f.success_90 || ' ' || f.challenges
                 || ' ' || f.pitch || ' ' || f.needs_from_me || ' ' || f.leadership_style
                 || ' ' || f.info_format
      FROM search_rows r JOIN profiles f ON f.person_id = r.ref
     WHERE r.kind = 'profile'
     ORDER BY r.id;

-- Interactions, in the order they happened: search lists the later ones first. Their index is
-- over the text in the interactions themselves (`search_interactions_text`), read anew.
INSERT INTO search_rows (kind, ref)
    SELECT 'interaction', id FROM interactions ORDER BY occurred_at, created_at, id;
INSERT INTO search_interactions (search_interactions) VALUES ('rebuild');

INSERT INTO search_rows (kind, ref) SELECT 'favour', id FROM favours;
INSERT INTO search_favours (rowid, body)
    SELECT r.id, f.description || ' ' || f.thanked_how || ' ' || f.impact
      FROM search_rows r JOIN favours f ON f.id = r.ref
     WHERE r.kind = 'favour' AND f.deleted_at IS NULL
     ORDER BY r.id;

INSERT INTO search_rows (kind, ref) SELECT 'promise', id FROM promises;
INSERT INTO search_promises (rowid, body)
    SELECT r.id, p.description
      FROM search_rows r JOIN promises p ON p.id = r.ref
     WHERE r.kind = 'promise' AND p.deleted_at IS NULL
     ORDER BY r.id;

INSERT INTO search_rows (kind, ref) SELECT 'conflict', id FROM conflicts;
INSERT INTO search_conflicts (rowid, body)
    SELECT r.id, c.description || ' ' || c.resolution
      FROM search_rows r JOIN conflicts c ON c.id = r.ref
     WHERE r.kind = 'conflict' AND c.deleted_at IS NULL
     ORDER BY r.id;

INSERT INTO search_rows (kind, ref) SELECT 'win', id FROM wins;
INSERT INTO search_wins (rowid, body)
    SELECT r.id, w.title || ' ' || w.impact || ' ' || w.link
      FROM search_rows r JOIN wins w ON w.id = r.ref
     WHERE r.kind = 'win' AND w.deleted_at IS NULL
     ORDER BY r.id;

INSERT INTO search_rows (kind, ref) SELECT 'ask', id FROM asks;
INSERT INTO search_asks (rowid, body)
    SELECT r.id, a.what
      FROM search_rows r JOIN asks a ON a.id = r.ref
     WHERE r.kind = 'ask' AND a.deleted_at IS NULL
     ORDER BY r.id;

-- A forum: its name, what it decides, and who sits on it (people not deleted).
INSERT INTO search_rows (kind, ref) SELECT 'forum', id FROM forums;
INSERT INTO search_forums (rowid, body)
    SELECT r.id, f.name || ' ' || f.decides || ' ' || coalesce(
               (SELECT group_concat(p.name, ' ') FROM forum_members fm
                  JOIN people p ON p.id = fm.person_id AND p.deleted_at IS NULL
                 WHERE fm.forum_id = f.id), '')
      FROM search_rows r JOIN forums f ON f.id = r.ref
     WHERE r.kind = 'forum' AND f.deleted_at IS NULL
     ORDER BY r.id;

-- Each person's last contact: their latest interaction not deleted.
INSERT INTO derived_last_contact (person_id, at)
    SELECT ip.person_id, max(i.occurred_at)
      FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
     WHERE i.deleted_at IS NULL
     GROUP BY ip.person_id;
";

/// What the index holds, in a form two databases can be compared by: for each `search_*`
/// table, each row's record (kind and key) and its text; and each derived row.
#[cfg(test)]
pub(crate) fn indexed(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in REBUILT.iter().filter(|t| **t != "search_rows") {
        let sql = if !is_full_text(table) {
            format!("SELECT '{table}', * FROM {table}")
        } else {
            // Trailing spaces aside (a forum's text ends in one once it has had members),
            // the text is as the triggers wrote it.
            format!(
                "SELECT '{table}', r.kind, r.ref, rtrim(t.body)
                   FROM {table} t LEFT JOIN search_rows r ON r.id = t.rowid"
            )
        };
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, Option<String>>(i)
                            .map(|v| v.unwrap_or_else(|| "NULL".into()))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap().join(" | "));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests;
