//! A full backup as one JSON document, and restoring from it.
//!
//! The format (documented in the README) is versioned:
//! `{"format": "allies-backup", "version": 1, "schema": N, "created_at": "…", "tables": [
//!   {"name": "people", "columns": ["id", …], "rows": [["…", …], …]}, …]}`.
//! `schema` is the database version it was made from; rows are in key order, so a backup of a
//! restored backup is the same document. Search indexes are not in it: they are rebuilt, in one
//! pass once the rows are in (`reindex`).
//!
//! The backup the user saves leaves out deleted records unless asked for them, and is
//! encrypted with the data's passphrase when the data is encrypted (`sealed_backup`).

use chrono::{DateTime, Utc};
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::records::time_text;
use crate::storage::cipher::Passphrase;
use crate::storage::{reindex, schema_version, sealed_backup, Database};

pub const FORMAT: &str = "allies-backup";
pub const VERSION: u32 = 1;

/// Every table that holds the user's data, parents before children, with the order its rows
/// are written in.
const TABLES: &[(&str, &str)] = &[
    ("people", "id"),
    ("person_contacts", "person_id, kind, position"),
    ("maps", "id"),
    ("placements", "map_id, person_id"),
    ("placement_events", "id"),
    ("profiles", "person_id"),
    ("interactions", "id"),
    ("interaction_people", "interaction_id, person_id"),
    ("favours", "id"),
    ("promises", "id"),
    ("conflicts", "id"),
    ("settings", "key"),
    ("reminders", "id"),
    ("check_ins", "id"),
    ("reminder_state", "subject"),
    ("reminder_log", "subject, due_at"),
    ("reminder_done", "id"),
    ("groups", "id"),
    ("group_attendance", "id"),
    ("links", "id"),
    ("tours", "id"),
    ("tour_stops", "id"),
    ("wins", "id"),
    ("win_shares", "id"),
    ("forums", "id"),
    ("forum_members", "forum_id, person_id"),
    ("asks", "id"),
    // Which rows are the sample's, so a restored backup can still remove exactly those.
    ("sample_rows", "tbl, row_key"),
    ("person_dates", "person_id, kind"),
    ("desired_events", "id"),
];

/// The names of the tables a backup holds.
#[cfg(test)]
pub(crate) fn table_names() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(name, _)| *name)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub schema: i64,
    pub created_at: String,
    pub tables: Vec<Table>,
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .or_else(|| n.as_f64().map(SqlValue::Real))
            .unwrap_or(SqlValue::Null),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn columns_of(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Everything in the database, as a [`Backup`], deleted records included (what a restore from
/// a copy needs).
pub fn dump(db: &Database, now: DateTime<Utc>) -> Result<Backup> {
    dump_from(db.conn(), now)
}

/// The database without its deleted records (and what only they held), as a [`Backup`]: what
/// purging every deleted record would leave. The purge runs in a transaction that is rolled
/// back, so the database itself is not changed.
pub fn dump_leaving_out_deleted(db: &Database, now: DateTime<Utc>) -> Result<Backup> {
    let tx = db.conn().unchecked_transaction()?;
    crate::purge::remove_all_deleted_in(&tx)?;
    let backup = dump_from(&tx, now);
    tx.rollback()?;
    backup
}

/// The backup file the user saves: deleted records left out unless `with_deleted`, and
/// encrypted with the data's passphrase when the data is encrypted.
pub fn file_bytes(db: &Database, now: DateTime<Utc>, with_deleted: bool) -> Result<Vec<u8>> {
    let backup = if with_deleted {
        dump(db, now)?
    } else {
        dump_leaving_out_deleted(db, now)?
    };
    let bytes = to_bytes(&backup)?;
    match db.key() {
        Some(key) => sealed_backup::seal(&bytes, key),
        None => Ok(bytes),
    }
}

/// Reads a backup file, plain or encrypted (opened with `key`).
pub fn read(bytes: &[u8], key: Option<&Passphrase>) -> Result<Backup> {
    if sealed_backup::is_sealed(bytes) {
        from_bytes(&sealed_backup::open(bytes, key)?)
    } else {
        from_bytes(bytes)
    }
}

fn dump_from(conn: &rusqlite::Connection, now: DateTime<Utc>) -> Result<Backup> {
    let mut tables = Vec::with_capacity(TABLES.len());
    for (name, order) in TABLES {
        let columns = columns_of(conn, name)?;
        let mut stmt = conn.prepare(&format!("SELECT * FROM {name} ORDER BY {order}"))?;
        let mut rows = Vec::new();
        let mut found = stmt.query([])?;
        while let Some(row) = found.next()? {
            rows.push(
                (0..columns.len())
                    .map(|i| row.get_ref(i).map(to_json))
                    .collect::<rusqlite::Result<_>>()?,
            );
        }
        tables.push(Table {
            name: (*name).to_owned(),
            columns,
            rows,
        });
    }
    Ok(Backup {
        format: FORMAT.into(),
        version: VERSION,
        schema: schema_version(),
        created_at: time_text(now),
        tables,
    })
}

/// The backup as the file holds it: pretty-printed JSON, ending in a newline.
pub fn to_bytes(backup: &Backup) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(backup).map_err(|e| Error::Invalid {
        code: "backup.failed",
        field: "",
        message: format!("The backup could not be written: {e}"),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn refused(message: impl Into<String>) -> Error {
    Error::Invalid {
        code: "backup.unreadable",
        field: "file",
        message: message.into(),
    }
}

/// Reads a backup file, checking that it is one and that this version can restore it.
pub fn from_bytes(bytes: &[u8]) -> Result<Backup> {
    let backup: Backup = serde_json::from_slice(bytes).map_err(|e| {
        refused(format!(
            "This is not an Allies backup, or it is damaged: {e}. Nothing was changed."
        ))
    })?;
    if backup.format != FORMAT {
        return Err(refused(format!(
            "This file is a “\u{2068}{}\u{2069}”, not an Allies backup. Nothing was changed.",
            backup.format
        )));
    }
    if backup.version > VERSION || backup.schema > schema_version() {
        return Err(refused(
            "This backup was made by a newer version of Allies. Update Allies, then restore it. Nothing was changed.",
        ));
    }
    Ok(backup)
}

/// What a restore put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    pub tables: usize,
    pub rows: usize,
}

/// Replaces everything in the database with `backup`, in one transaction: if any row does not
/// fit, nothing changes.
pub fn restore(db: &mut Database, backup: &Backup) -> Result<Restored> {
    let known: Vec<&str> = TABLES.iter().map(|(name, _)| *name).collect();
    for table in &backup.tables {
        if !known.contains(&table.name.as_str()) {
            return Err(refused(format!(
                "The backup holds a table “\u{2068}{}\u{2069}” this version does not know. Nothing was changed.",
                table.name
            )));
        }
    }
    db.write(|tx| {
        // Rows that refer to rows of their own table (a suggested meeting to the one that
        // suggested it) need not come in order: the keys are checked at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // The search index and the derived tables are built once at the end, not row by row.
        let paused = reindex::pause(tx)?;
        for (name, _) in TABLES.iter().rev() {
            tx.execute(&format!("DELETE FROM {name}"), [])?;
        }
        let mut rows = 0;
        for (name, _) in TABLES {
            let Some(table) = backup.tables.iter().find(|t| t.name == *name) else {
                continue;
            };
            let here = columns_of(tx, name)?;
            if let Some(extra) = table.columns.iter().find(|c| !here.contains(c)) {
                return Err(refused(format!(
                    "The backup's table {name} has a column “\u{2068}{extra}\u{2069}” this version does not know. Nothing was changed."
                )));
            }
            let marks = vec!["?"; table.columns.len()].join(", ");
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {name} ({}) VALUES ({marks})",
                table.columns.join(", ")
            ))?;
            for (i, row) in table.rows.iter().enumerate() {
                if row.len() != table.columns.len() {
                    return Err(refused(format!(
                        "Row {} of {name} in the backup has {} values for {} columns. Nothing was changed.",
                        i + 1,
                        row.len(),
                        table.columns.len()
                    )));
                }
                insert.execute(rusqlite::params_from_iter(row.iter().map(to_sql)))?;
                rows += 1;
            }
        }
        paused.rebuild(tx)?;
        Ok(Restored {
            tables: backup.tables.len(),
            rows,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table of a database at this build's schema, as SQLite itself lists them.
    fn schema_tables(db: &Database) -> Vec<String> {
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema
                  WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                  ORDER BY name",
            )
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// The search index (its row map, full-text tables and their shadow tables) and what else is
    /// derived (`derived_`) are rebuilt on restore from the tables they come from (`reindex`).
    /// The undo history is left out too: it is this computer's record of how the data came to
    /// be, not the data, and a restore is itself a step that can be undone.
    /// Sync's bookkeeping is this device's too (its id, its key, what it applied): a restored
    /// backup is a change like any other, which sync carries.
    fn is_left_out(table: &str) -> bool {
        table.starts_with("search_")
            || table.starts_with("derived_")
            || table.starts_with("history_")
            || table.starts_with("sync_")
    }

    #[test]
    fn a_backup_holds_every_table_of_the_schema() {
        let db = Database::open_in_memory().unwrap();
        let listed: Vec<&str> = TABLES.iter().map(|(name, _)| *name).collect();
        let forgotten: Vec<String> = schema_tables(&db)
            .into_iter()
            .filter(|t| !is_left_out(t) && !listed.contains(&t.as_str()))
            .collect();
        assert!(
            forgotten.is_empty(),
            "these tables would be left out of every backup, and their data lost on restore: \
             {forgotten:?}; add them to TABLES"
        );
        let all = schema_tables(&db);
        for name in &listed {
            assert!(
                all.iter().any(|t| t == name),
                "TABLES names {name}, which the schema does not have"
            );
        }
    }

    #[test]
    fn parents_come_before_the_tables_that_refer_to_them() {
        // Restore inserts in this order with foreign keys on: a child first would fail.
        let db = Database::open_in_memory().unwrap();
        for (i, (name, _)) in TABLES.iter().enumerate() {
            let mut stmt = db
                .conn()
                .prepare("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)")
                .unwrap();
            let parents: Vec<String> = stmt
                .query_map([name], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for parent in parents.iter().filter(|p| *p != name) {
                let at = TABLES.iter().position(|(t, _)| t == parent);
                assert!(
                    at.is_some_and(|at| at < i),
                    "{name} refers to {parent}, which must come earlier in TABLES"
                );
            }
        }
    }
}
