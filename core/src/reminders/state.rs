//! What the user did about each reminder (done through, snoozed until, dismissed) and the log of
//! what was shown, read and written by subject.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::records::{optional_time_at, time_text};
use crate::storage::Database;

#[derive(Debug, Default, Clone)]
pub(super) struct State {
    pub(super) snoozed_until: Option<DateTime<Utc>>,
    pub(super) done_through: Option<DateTime<Utc>>,
    pub(super) dismissed: bool,
}

pub(super) fn states(db: &Database) -> Result<HashMap<String, State>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT subject, snoozed_until, done_through, dismissed_at IS NOT NULL FROM reminder_state",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            State {
                snoozed_until: optional_time_at(r, 1)?,
                done_through: optional_time_at(r, 2)?,
                dismissed: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn last_shown(db: &Database) -> Result<HashMap<String, DateTime<Utc>>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT subject, max(due_at) FROM reminder_log GROUP BY subject")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn set_state(
    tx: &rusqlite::Transaction<'_>,
    subject: &str,
    column: &'static str,
    value: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    // `column` is always one of this module's literal column names.
    tx.execute(
        &format!(
            "INSERT INTO reminder_state (subject, {column}, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (subject) DO UPDATE SET {column} = excluded.{column},
                 updated_at = excluded.updated_at"
        ),
        rusqlite::params![subject, value.map(time_text), time_text(now)],
    )?;
    Ok(())
}

/// The due times of a subject's occurrences already shown, for tests and diagnostics.
pub fn shown(db: &Database, subject: &str) -> Result<Vec<DateTime<Utc>>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT due_at FROM reminder_log WHERE subject = ?1 ORDER BY due_at")?;
    let rows = stmt.query_map([subject], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
