//! A computer new to the folder starts from the newest snapshot: every row it holds is applied
//! under the same policy as a change file's, in one transaction with the `sync_applied` rows of
//! every file it covers, and then only the files after it are needed.
//!
//! Only a computer that has applied nothing of the others joins this way, and only from a
//! snapshot that covers none of its own files: then no event it holds is in the snapshot too,
//! so adding the snapshot's events gives what applying their files one by one gives (events
//! have no clocks to tell a copy from a new one). A row with a clock is settled as in
//! [`super::apply`]: the later clock wins the whole row, a delete's too.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, Transaction};

use super::apply::{describe, set_row};
use super::changes::key_columns;
use super::changes::{read_row, sql_of, Row};
use super::snapshot::{self, Body, Header};
use super::summary::Problem;
use super::{clock, engine::device, is_event_table};
use crate::error::Result;
use crate::records::time_text;
use crate::storage::{reindex, schema_version, Database};

/// What joining from a snapshot did.
#[derive(Debug)]
pub(crate) enum Joined {
    /// This computer has applied files already, or the folder holds no snapshot it can start from.
    NotNeeded,
    /// Applied: how many files of the others it covers.
    Applied(usize),
    /// Not applied, and why; nothing else is applied at this pull either, since the files after
    /// the snapshot need what it holds.
    Stopped(Problem),
}

/// Applies the newest snapshot this computer can start from, if it has applied nothing yet.
pub(crate) fn join(db: &mut Database, folder: &Path, now: DateTime<Utc>) -> Result<Joined> {
    let me = device(db)?;
    let applied_any: bool =
        db.conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM sync_applied)", [], |r| {
                r.get(0)
            })?;
    if applied_any {
        return Ok(Joined::NotNeeded);
    }
    let Some(newest) = snapshot::list(folder)
        .into_iter()
        .find(|s| s.header.covered(&me.id) == 0 && s.header.total() > 0)
    else {
        return Ok(Joined::NotNeeded);
    };
    let problem = |reason: String, waiting: bool| Problem {
        path: newest.path.clone(),
        device: Some(newest.header.device.clone()),
        seq: None,
        reason,
        waiting,
    };
    if newest.header.schema > schema_version() {
        return Ok(Joined::Stopped(problem(
            "this snapshot, which this computer starts from, was written by a newer version of Allies; update Allies on this computer to apply it".into(),
            true,
        )));
    }
    let (header, body) = match snapshot::open(&newest.path, &me.key) {
        Ok(opened) => opened,
        Err(reason) => {
            return Ok(Joined::Stopped(problem(
                format!("this snapshot, which this computer starts from, cannot be used: {reason}. Nothing was applied. Take the file out of the sync folder: the next computer to sync that has all the data writes a new one"),
                false,
            )))
        }
    };
    if !clock::is_valid(&header.hlc) {
        return Ok(Joined::Stopped(problem(
            "this snapshot's clock is damaged; nothing was applied".into(),
            false,
        )));
    }
    if header != newest.header {
        return Ok(Joined::Stopped(problem(
            "this snapshot changed while it was read; it is tried again at the next sync".into(),
            true,
        )));
    }
    let at = time_text(now);
    let applied = db.write_unrecorded(|tx| apply_snapshot(tx, &me.id, &header, &body, &at));
    match applied {
        Ok(files) => Ok(Joined::Applied(files)),
        Err(crate::Error::Storage(rusqlite::Error::SqliteFailure(e, _)))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            Ok(Joined::Stopped(problem(
                "a record in this snapshot refers to one that is not here; it is tried again at the next sync".into(),
                true,
            )))
        }
        Err(crate::Error::Storage(rusqlite::Error::SqliteFailure(e, detail)))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(Joined::Stopped(problem(
                format!(
                    "a record in this snapshot breaks a rule of the data here ({}); nothing was applied",
                    detail.unwrap_or_default()
                ),
                false,
            )))
        }
        Err(e) => Err(e),
    }
}

/// Applies `body` in `tx` and records every file `header` covers as applied; returns how many
/// files of the other devices that is.
fn apply_snapshot(
    tx: &Transaction<'_>,
    me: &str,
    header: &Header,
    body: &Body,
    at: &str,
) -> Result<usize> {
    // A row may refer to one that comes later in the snapshot.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    // The search index and the derived tables are built once at the end, not row by row.
    let paused = reindex::pause(tx)?;
    for (table, entries) in &body.tables {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists || !super::is_synced(table) {
            continue;
        }
        for (pk, hlc, row) in entries {
            match (hlc, row) {
                (_, Some(row)) if is_event_table(table) => add_event(tx, table, pk, row)?,
                (Some(hlc), row) => settle_row(tx, table, pk, hlc, row.as_ref(), at)?,
                _ => {}
            }
        }
    }
    paused.rebuild(tx)?;
    let mut mark = tx.prepare(
        "INSERT OR IGNORE INTO sync_applied (device, seq, hlc, applied_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut files = 0;
    for (device, upto) in header.covers.iter().filter(|(d, _)| *d != me) {
        for seq in 1..=*upto {
            mark.execute(params![device, seq, header.hlc, at])?;
            files += 1;
        }
    }
    let last: String = tx.query_row("SELECT last_hlc FROM sync_device", [], |r| r.get(0))?;
    tx.execute(
        "UPDATE sync_device SET last_hlc = ?1",
        [clock::later(&last, &header.hlc)],
    )?;
    Ok(usize::try_from(files).unwrap_or(usize::MAX))
}

/// An event of the snapshot, added; stored under a new key if its key is taken here, as an
/// event from a change file is.
fn add_event(tx: &Transaction<'_>, table: &str, pk: &str, row: &Row) -> Result<()> {
    let keys = key_columns(tx, table)?;
    let taken = read_row(tx, table, pk)?.is_some();
    let columns: Vec<(&String, &serde_json::Value)> = row
        .iter()
        .filter(|(c, _)| !(taken && keys.contains(c)))
        .collect();
    let names: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|n| format!("?{n}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO \"{table}\" ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        ),
        params_from_iter(columns.iter().map(|(_, v)| sql_of(v))),
    )?;
    Ok(())
}

/// A row of the snapshot (or its delete) against the row here: the later clock wins the whole
/// row, and a row here that had been shared and gives way is logged as a conflict.
fn settle_row(
    tx: &Transaction<'_>,
    table: &str,
    pk: &str,
    hlc: &str,
    row: Option<&Row>,
    at: &str,
) -> Result<()> {
    let here: Option<String> = tx
        .query_row(
            "SELECT hlc FROM sync_row_clock WHERE tbl = ?1 AND pk = ?2",
            params![table, pk],
            |r| r.get(0),
        )
        .ok();
    let was = read_row(tx, table, pk)?;
    let mine_wins = here.as_deref().is_some_and(|here| here >= hlc);
    if was.as_ref() != row {
        let (lost, kept, winner) = if mine_wins {
            (row, was.as_ref(), here.as_deref().unwrap_or_default())
        } else {
            set_row(tx, table, pk, row)?;
            (was.as_ref(), row, hlc)
        };
        // A row here that was never shared (no clock) loses nothing: it was never the user's
        // choice on any other computer.
        if let (Some(_), Some((kind, kept, overridden))) = (&here, describe(lost, kept)) {
            tx.execute(
                "INSERT INTO sync_conflicts (at, tbl, pk, kind, kept, overridden, winner)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![at, table, pk, kind, kept, overridden, winner],
            )?;
        }
    }
    if mine_wins {
        return Ok(()); // this computer's own change is later: its row and clock stay
    }
    tx.execute(
        "INSERT INTO sync_row_clock (tbl, pk, hlc) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, pk) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > hlc",
        params![table, pk, hlc],
    )?;
    Ok(())
}
