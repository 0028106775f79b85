//! The conflict log: values a sync overrode, and putting them back.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value as Json;

use super::apply::set_row;
use super::changes::{read_row, Row};
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
    let values: Row = serde_json::from_str(&overridden).unwrap_or_default();
    if values.is_empty() {
        return Err(sync_error(
            "sync.nothing_to_restore",
            "That conflict kept no values to restore: what lost was a delete. Delete the record again if you want it gone.",
        ));
    }
    db.write(|tx| {
        let mut row = read_row(tx, &table, &pk)?.unwrap_or_default();
        row.extend(values);
        set_row(tx, &table, &pk, Some(&row))?;
        tx.execute(
            "UPDATE sync_conflicts SET restored_at = ?1 WHERE id = ?2",
            params![time_text(now), id],
        )?;
        Ok(())
    })
}
