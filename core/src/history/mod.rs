//! Undo and redo that survive a restart: every change a user makes is recorded, as it is made,
//! in the database itself.
//!
//! [`record`] runs one user action. While it runs, triggers ([`triggers`]) write the statements
//! that reverse each changed row into `history_entries`, in the same transaction as the change,
//! so a change and its way back are stored together or not at all. Afterwards the action becomes
//! a step with a label in the user's words ([`describe`]). [`undo`] runs the newest step's
//! entries backwards in one transaction, recording under the same step the statements that redo
//! it; [`redo`] does the same the other way. A new change clears what was undone, as in every
//! editor, and the newest [`KEPT`] steps are kept.

mod describe;
pub(crate) mod triggers;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::records::time_text;
use crate::storage::Database;

/// How many steps the history keeps; Settings lists the newest [`LISTED`].
pub const KEPT: i64 = 200;
pub const LISTED: i64 = 100;

/// One thing the user did, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: i64,
    /// What was done, in the user's words: "Logged a coffee with Dana Ng".
    pub label: String,
    /// When it was done (RFC 3339, UTC).
    pub at: String,
    pub undone: bool,
}

/// The recent steps, newest first, and what Ctrl+Z and Ctrl+Shift+Z would do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    pub steps: Vec<Step>,
    pub next_undo: Option<Step>,
    pub next_redo: Option<Step>,
}

/// Runs `f`, one user action, recording every change it makes as one step of the history.
/// An action that changes nothing leaves no step. Whatever `f` returns, the changes it did
/// commit are recorded, so they can be undone too.
pub fn record<T>(
    db: &mut Database,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut Database) -> Result<T>,
) -> Result<T> {
    triggers::install(db.conn())?;
    let step = next_step(db)?;
    set_marker(db, Some(step))?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(db)));
    let cleared = set_marker(db, None);
    let value = match result {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    cleared?;
    // The change itself is stored whatever happens here: if its step cannot be sealed now (a
    // full disk), its entries stay and the next action seals them, as after a crash.
    let _ = seal(db, now);
    value
}

/// Makes a step of what was recorded but never sealed: a change committed just before a crash,
/// or one whose step a full disk kept from being written. [`record`] does it after each action;
/// undo, redo and the list of steps do it first, so such a change is there to undo even when
/// nothing has been changed since the restart (reads make no step). An index range when there
/// is nothing to seal.
pub fn seal_left_over(db: &mut Database, now: DateTime<Utc>) -> Result<()> {
    seal(db, now)
}

/// Undoes the newest step that is not undone, in one transaction; `None` when there is none.
pub fn undo(db: &mut Database) -> Result<Option<Step>> {
    turn(db, false)
}

/// Redoes the step undone last, in one transaction; `None` when nothing is undone.
pub fn redo(db: &mut Database) -> Result<Option<Step>> {
    turn(db, true)
}

/// The newest [`LISTED`] steps and what undo and redo would do next.
pub fn recent(db: &Database) -> Result<History> {
    let mut stmt = db
        .conn()
        .prepare("SELECT id, label, at, undone FROM history_steps ORDER BY id DESC LIMIT ?1")?;
    let steps = stmt
        .query_map([LISTED], step_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(History {
        next_undo: newest(db, false)?,
        next_redo: newest(db, true)?,
        steps,
    })
}

fn step_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Step> {
    Ok(Step {
        id: r.get(0)?,
        label: r.get(1)?,
        at: r.get(2)?,
        undone: r.get(3)?,
    })
}

/// The step undo (`undone` false) or redo (`undone` true) would take next.
fn newest(db: &Database, undone: bool) -> Result<Option<Step>> {
    // Done steps all come before undone ones: undo takes the last done, redo the first undone.
    let sql = if undone {
        "SELECT id, label, at, undone FROM history_steps WHERE undone = 1 ORDER BY id LIMIT 1"
    } else {
        "SELECT id, label, at, undone FROM history_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    };
    Ok(db.conn().query_row(sql, [], step_from_row).optional()?)
}

/// A number above every step and every entry recorded so far.
fn next_step(db: &Database) -> Result<i64> {
    Ok(db.conn().query_row(
        "SELECT max(coalesce((SELECT max(id) FROM history_steps), 0),
                    coalesce((SELECT max(step) FROM history_entries), 0)) + 1",
        [],
        |r| r.get(0),
    )?)
}

/// Says which step the triggers record into (outside any transaction, on this connection only).
fn set_marker(db: &Database, step: Option<i64>) -> Result<()> {
    let conn = db.conn();
    conn.execute(&format!("DELETE FROM {}", triggers::MARKER), [])?;
    if let Some(step) = step {
        conn.execute(
            &format!("INSERT INTO {} (step) VALUES (?1)", triggers::MARKER),
            [step],
        )?;
    }
    Ok(())
}

/// Turns entries that have no step yet into steps: the one just recorded, or one whose change
/// was committed just before a crash. A new step clears what was undone, and old steps go.
fn seal(db: &mut Database, now: DateTime<Utc>) -> Result<()> {
    let open: Vec<i64> = {
        // Steps are numbered past every sealed one, so only entries above the newest step can
        // be unsealed: an index range, not a scan of the whole history, on every command.
        let mut stmt = db.conn().prepare(
            "SELECT DISTINCT step FROM history_entries
              WHERE step > coalesce((SELECT max(id) FROM history_steps), 0) ORDER BY step",
        )?;
        let steps = stmt.query_map([], |r| r.get(0))?;
        steps.collect::<rusqlite::Result<_>>()?
    };
    if open.is_empty() {
        return Ok(());
    }
    db.write(|tx| {
        forget(tx, "undone = 1")?;
        for step in &open {
            let label = describe::label(tx, *step)?;
            tx.execute(
                "INSERT INTO history_steps (id, label, at, undone) VALUES (?1, ?2, ?3, 0)",
                rusqlite::params![step, label, time_text(now)],
            )?;
        }
        forget(
            tx,
            &format!("id <= (SELECT max(id) FROM history_steps) - {KEPT}"),
        )?;
        Ok(())
    })
}

/// Drops the steps matching `condition` with their entries.
fn forget(tx: &Transaction<'_>, condition: &str) -> Result<()> {
    tx.execute(
        &format!(
            "DELETE FROM history_entries WHERE step IN (SELECT id FROM history_steps WHERE {condition})"
        ),
        [],
    )?;
    tx.execute(&format!("DELETE FROM history_steps WHERE {condition}"), [])?;
    Ok(())
}

/// Undoes (`redo` false) or redoes a step: runs its entries newest first while the triggers
/// record, under the same step, the statements that turn it back again.
fn turn(db: &mut Database, redo: bool) -> Result<Option<Step>> {
    triggers::install(db.conn())?;
    let Some(step) = newest(db, redo)? else {
        return Ok(None);
    };
    let outcome = db.write(|tx| {
        let entries: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT sql FROM history_entries WHERE step = ?1 ORDER BY seq DESC")?;
            let rows = stmt.query_map([step.id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute("DELETE FROM history_entries WHERE step = ?1", [step.id])?;
        // Rows come back before the rows that refer to them only at the end of the step.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        tx.execute(
            &format!("INSERT INTO {} (step) VALUES (?1)", triggers::MARKER),
            [step.id],
        )?;
        for sql in &entries {
            tx.execute_batch(sql)?;
        }
        tx.execute(&format!("DELETE FROM {}", triggers::MARKER), [])?;
        tx.execute(
            "UPDATE history_steps SET undone = ?2 WHERE id = ?1",
            rusqlite::params![step.id, !redo],
        )?;
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(Some(Step {
            undone: !redo,
            ..step
        })),
        Err(Error::Storage(e)) => Err(Error::HistoryBlocked {
            label: step.label,
            redo,
            detail: e.to_string(),
        }),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
