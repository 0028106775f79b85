//! The conflict log: values a sync overrode, and putting them back.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::apply::{key_columns, where_keys};
use super::changes::sql_of;
use super::sync_error;
use crate::error::Result;
use crate::records::time_text;
use crate::storage::Database;

/// One overridden change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: i64,
    pub at: String,
    pub table: String,
    /// The row's key, as a JSON array.
    pub key: String,
    pub kind: String,
    /// The values that won (column -> value); none when the row was deleted.
    pub kept: Option<Json>,
    /// The values that lost (column -> value).
    pub overridden: Json,
    /// The clock of the change that won.
    pub winner: String,
    pub restored_at: Option<String>,
}

/// The conflict log, newest first.
pub fn conflicts(db: &Database) -> Result<Vec<Conflict>> {
    let mut stmt = db.conn().prepare(
        "SELECT id, at, tbl, pk, kind, kept, overridden, winner, restored_at
           FROM sync_conflicts ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let kept: Option<String> = r.get(5)?;
        let overridden: String = r.get(6)?;
        Ok(Conflict {
            id: r.get(0)?,
            at: r.get(1)?,
            table: r.get(2)?,
            key: r.get(3)?,
            kind: r.get(4)?,
            kept: kept.and_then(|k| serde_json::from_str(&k).ok()),
            overridden: serde_json::from_str(&overridden).unwrap_or(Json::Null),
            winner: r.get(7)?,
            restored_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the overridden values of conflict `id` back, as a normal change (which syncs like
/// any other): into the row if it is there, or as the row again if it was deleted.
pub fn restore_conflict(db: &mut Database, id: i64, now: DateTime<Utc>) -> Result<()> {
    let found: Option<(String, String, String)> = db
        .conn()
        .query_row(
            "SELECT tbl, pk, overridden FROM sync_conflicts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((table, pk, overridden)) = found else {
        return Err(sync_error(
            "sync.conflict_not_found",
            "That conflict is no longer in the log.",
        ));
    };
    if !super::is_synced(&table) {
        return Err(sync_error(
            "sync.conflict_not_found",
            "That conflict is not about your data.",
        ));
    }
    let values: Map<String, Json> = serde_json::from_str(&overridden).unwrap_or_default();
    let key: Vec<Json> = serde_json::from_str(&pk).unwrap_or_default();
    db.write(|tx| {
        let keys = key_columns(tx, &table)?;
        let filter = where_keys(&keys, 1);
        let there: bool = tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE {filter})"),
            params_from_iter(key.iter().map(sql_of)),
            |r| r.get(0),
        )?;
        let columns: Vec<(&String, Value)> = values
            .iter()
            .filter(|(c, _)| !keys.contains(c))
            .map(|(c, v)| (c, sql_of(v)))
            .collect();
        if there {
            if columns.is_empty() {
                return Ok(());
            }
            let set: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(n, (c, _))| format!("\"{c}\" = ?{}", n + 1 + keys.len()))
                .collect();
            let mut args: Vec<Value> = key.iter().map(sql_of).collect();
            args.extend(columns.into_iter().map(|(_, v)| v));
            tx.execute(
                &format!("UPDATE \"{table}\" SET {} WHERE {filter}", set.join(", ")),
                params_from_iter(args),
            )?;
        } else {
            let names: Vec<String> = values.keys().map(|c| format!("\"{c}\"")).collect();
            let marks: Vec<String> = (1..=names.len()).map(|n| format!("?{n}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    names.join(", "),
                    marks.join(", ")
                ),
                params_from_iter(values.values().map(sql_of)),
            )?;
        }
        tx.execute(
            "UPDATE sync_conflicts SET restored_at = ?1 WHERE id = ?2",
            params![time_text(now), id],
        )?;
        Ok(())
    })
}
