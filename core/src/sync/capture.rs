//! Recording a write's changes for sync, inside the write's own transaction.

use std::collections::BTreeMap;

use rusqlite::hooks::Action;
use rusqlite::session::Session;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{changes, clock};
use crate::error::Result;

/// What the write path needs to know, loaded when the database opens and when sync is turned
/// on or off, not at each write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capture {
    pub device: String,
}

impl Capture {
    /// This device's sync identity, if sync is on.
    pub(crate) fn load(conn: &Connection) -> Result<Option<Capture>> {
        Ok(conn
            .query_row("SELECT device_id FROM sync_device", [], |r| {
                Ok(Capture { device: r.get(0)? })
            })
            .optional()?)
    }
}

/// Runs `f` in the write transaction `tx` while SQLite's session extension records what it
/// changes in synced tables, then stores that for the other devices, before the caller commits.
pub(crate) fn record_changes<T>(
    tx: &Transaction<'_>,
    capture: &Capture,
    now_ms: i64,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let mut session = Session::new(tx)?;
    session.table_filter(Some(super::is_synced));
    session.attach(None::<&str>)?;
    let value = f(tx)?;
    let mut changeset = Vec::new();
    if !session.is_empty() {
        session.changeset_strm(&mut changeset)?;
    }
    drop(session);
    if !changeset.is_empty() {
        capture_changes(tx, capture, &changeset, now_ms)?;
    }
    Ok(value)
}

/// Records every row already in the synced tables as this device's first change, so data made
/// before sync was turned on reaches the other devices too (each row as an insert; a device
/// that has the same row keeps whichever is later). SQLite's session extension compares each
/// table with an empty copy of it in an attached in-memory database.
pub(crate) fn record_existing(
    conn: &Connection,
    capture: &Capture,
    tables: &[String],
    now_ms: i64,
) -> Result<()> {
    conn.execute_batch("ATTACH DATABASE ':memory:' AS sync_empty")?;
    let recorded = (|| {
        for table in tables {
            let sql: String = conn.query_row(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            let Some(open) = sql.find('(') else { continue };
            conn.execute_batch(&format!(
                "CREATE TABLE sync_empty.\"{table}\" {}",
                &sql[open..]
            ))?;
        }
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let mut session = Session::new(&tx)?;
        for table in tables {
            session.attach(Some(table.as_str()))?;
            session.diff::<&str, &str>("sync_empty", table.as_str())?;
        }
        let mut changeset = Vec::new();
        if !session.is_empty() {
            session.changeset_strm(&mut changeset)?;
        }
        drop(session);
        if !changeset.is_empty() {
            capture_changes(&tx, capture, &changeset, now_ms)?;
        }
        tx.commit()?;
        Ok(())
    })();
    conn.execute_batch("DETACH DATABASE sync_empty")?;
    recorded
}

/// What every other device had given that this one had applied: device -> highest seq.
pub(crate) fn applied_so_far(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT device, max(seq) FROM sync_applied GROUP BY device")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores `changeset` (not empty) as this device's next change, with a new clock, and the clock
/// of each row it changes. Runs in the write's transaction, before it commits. `now_ms` is the
/// wall clock (0 when none was given).
fn capture_changes(
    conn: &Connection,
    capture: &Capture,
    changeset: &[u8],
    now_ms: i64,
) -> Result<()> {
    let (seq, last): (i64, String) =
        conn.query_row("SELECT next_seq, last_hlc FROM sync_device", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let hlc = clock::next(&last, now_ms, &capture.device);
    let deps = serde_json::to_string(&applied_so_far(conn)?).unwrap_or_else(|_| "{}".into());
    let changed = changes::read(changeset)?;
    let mut rows = changes::Rows::new();
    for change in changed.iter().filter(|c| c.kind != Action::SQLITE_DELETE) {
        if let Some(row) = changes::read_row(conn, &change.table, &change.pk)? {
            rows.insert((change.table.clone(), change.pk.clone()), row);
        }
    }
    conn.execute(
        "INSERT INTO sync_outbox (seq, hlc, made_at, deps, changeset, rows)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            seq,
            hlc,
            made_at(now_ms),
            deps,
            changeset,
            changes::rows_text(&rows)
        ],
    )?;
    conn.execute(
        "UPDATE sync_device SET next_seq = ?1, last_hlc = ?2",
        params![seq + 1, hlc],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO sync_row_clock (tbl, pk, hlc) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, pk) DO UPDATE SET hlc = excluded.hlc",
    )?;
    for change in changed.iter().filter(|c| !super::is_event_table(&c.table)) {
        stmt.execute(params![change.table, change.pk, hlc])?;
    }
    Ok(())
}

/// When a change was made, as text, from the wall clock (empty without one).
fn made_at(now_ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(now_ms) {
        Some(t) if now_ms > 0 => crate::records::time_text(t),
        _ => String::new(),
    }
}
