//! Check-ins: 30/60/90-day follow-ups on a new job, a new manager or a goal.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::written::MAX_TITLE;
use crate::error::{Error, Result};
use crate::fields::{day, line, required};
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
    /// Who it is about, by name, when someone.
    pub person_name: Option<String>,
}

/// The label, start day and person of a plan, checked the same way when added and when edited.
fn checked<'a>(
    db: &Database,
    input: &'a CheckInInput,
) -> Result<(String, NaiveDate, Option<&'a str>)> {
    let label = line("label", "Label", &input.label, MAX_TITLE)?;
    required(
        &label,
        "check_ins.label_required",
        "label",
        "Name what started, like “New job at Acme” or “New manager: Dana”.",
    )?;
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
    Ok((label, start_on, person))
}

pub fn add_check_in(
    db: &mut Database,
    input: &CheckInInput,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    let (label, start_on, person) = checked(db, input)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO check_ins (id, label, start_on, person_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, label, start_on, person, time_text(now)],
        )?;
        Ok(())
    })?;
    get_check_in(db, &id)
}

pub fn get_check_in(db: &Database, id: &str) -> Result<CheckIn> {
    db.conn()
        .query_row(
            "SELECT c.id, c.label, c.start_on, c.person_id, p.name FROM check_ins c
               LEFT JOIN people p ON p.id = c.person_id
              WHERE c.id = ?1 AND c.deleted_at IS NULL",
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::CheckInNotFound { id: id.to_owned() })
}

/// Changes what a plan is called, the day it started (its 30/60/90-day check-ins move with it)
/// and who it is about.
pub fn edit_check_in(
    db: &mut Database,
    id: &str,
    input: &CheckInInput,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    let (label, start_on, person) = checked(db, input)?;
    get_check_in(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE check_ins SET label = ?2, start_on = ?3, person_id = ?4, updated_at = ?5
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, label, start_on, person, time_text(now)],
        )?;
        Ok(())
    })?;
    get_check_in(db, id)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: r.get(0)?,
        label: r.get(1)?,
        start_on: r.get(2)?,
        person_id: r.get(3)?,
        person_name: r.get(4)?,
    })
}

pub fn check_ins_list(db: &Database) -> Result<Vec<CheckIn>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT c.id, c.label, c.start_on, c.person_id, p.name FROM check_ins c
           LEFT JOIN people p ON p.id = c.person_id
          WHERE c.deleted_at IS NULL ORDER BY c.start_on DESC, c.id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_check_in(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "check_ins", id, now)
}

pub fn restore_check_in(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "check_ins", id)
}
