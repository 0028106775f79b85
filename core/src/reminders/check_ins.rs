//! Check-ins: 30/60/90-day follow-ups on a new job, a new manager or a goal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::written::MAX_TITLE;
use crate::error::{Error, Result};
use crate::fields::{check_length, day, required};
use crate::records::{delete_softly, new_id, time_text, undelete};
use crate::storage::Database;

/// A start date from which 30, 60 and 90-day check-ins follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInInput {
    pub label: String,
    pub start_on: String,
    #[serde(default)]
    pub person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    pub id: String,
    pub label: String,
    pub start_on: NaiveDate,
    pub person_id: Option<String>,
}

pub fn add_check_in(
    db: &mut Database,
    input: &CheckInInput,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    let label = required(
        &input.label,
        "check_ins.label_required",
        "label",
        "Name what started, like “New job at Acme” or “New manager: Dana”.",
    )?;
    check_length("label", "Label", label, MAX_TITLE)?;
    let start_on =
        day(&input.start_on, "check_ins.bad_date", "start_on")?.ok_or_else(|| Error::Invalid {
            code: "check_ins.date_required",
            field: "start_on",
            message: "Pick the day it started.".into(),
        })?;
    let person = input.person_id.as_deref().filter(|p| !p.is_empty());
    if let Some(person) = person {
        crate::people::get(db, person)?;
    }
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO check_ins (id, label, start_on, person_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, label, start_on, person, time_text(now)],
        )?;
        Ok(())
    })?;
    Ok(CheckIn {
        id,
        label: label.to_owned(),
        start_on,
        person_id: person.map(str::to_owned),
    })
}

pub fn check_ins_list(db: &Database) -> Result<Vec<CheckIn>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, label, start_on, person_id FROM check_ins WHERE deleted_at IS NULL
         ORDER BY start_on DESC, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CheckIn {
            id: r.get(0)?,
            label: r.get(1)?,
            start_on: r.get(2)?,
            person_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_check_in(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "check_ins", id, now)
}

pub fn restore_check_in(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "check_ins", id)
}
