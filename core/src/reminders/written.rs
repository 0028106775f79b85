//! Reminders the user writes: a title, a note, a due time in their zone and how it repeats.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::schedule::{resolve, Kind, Repeat};
use super::settings;
use super::subjects::subject;
use crate::error::{Error, Result};
use crate::fields::{day, line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_TITLE: usize = 500;

pub const MAX_NOTE: usize = 10_000;

text_enum! {
    /// How a reminder the user wrote comes back.
    Recurrence {
        Never = "never",
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
    }
}

impl Recurrence {
    pub(super) fn repeat(self) -> Repeat {
        match self {
            Recurrence::Never => Repeat::Never,
            Recurrence::Daily => Repeat::Days(1),
            Recurrence::Weekly => Repeat::Weeks(1),
            Recurrence::Monthly => Repeat::Months(1),
        }
    }
}

/// A reminder as the user writes it; `due` is local wall-clock time "YYYY-MM-DDTHH:MM".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderInput {
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub person_id: Option<String>,
    pub due: String,
    #[serde(default = "never")]
    pub repeat: Recurrence,
}

pub(super) fn never() -> Recurrence {
    Recurrence::Never
}

/// Reads "YYYY-MM-DDTHH:MM" (what a date-time field sends) as a time in `tz`.
pub(super) fn local_due(text: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let text = text.trim();
    let bad = |why: &str| Error::Invalid {
        code: "reminders.bad_due",
        field: "due",
        message: format!(
            "“\u{2068}{text}\u{2069}” {why}. Pick a day and a time, like 2026-12-01 10:00."
        ),
    };
    if text.is_empty() {
        return Err(Error::Invalid {
            code: "reminders.due_required",
            field: "due",
            message: "Pick when to be reminded.".into(),
        });
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .map_err(|_| bad("is not a day and time"))?;
    day(&local.date().to_string(), "reminders.bad_due", "due")?;
    Ok(resolve(tz, local))
}

impl ReminderInput {
    /// The title, the note and the due time, checked.
    fn validated(&self, db: &Database, tz: Tz) -> Result<(String, String, DateTime<Utc>)> {
        let title = line("title", "Title", &self.title, MAX_TITLE)?;
        required(
            &title,
            "reminders.title_required",
            "title",
            "Say what to be reminded of.",
        )?;
        let note = text("note", "Note", &self.note, MAX_NOTE)?;
        if let Some(person) = self.person_id.as_deref().filter(|p| !p.is_empty()) {
            crate::people::get(db, person)?;
        }
        Ok((title, note, local_due(&self.due, tz)?))
    }

    fn person(&self) -> Option<&str> {
        self.person_id.as_deref().filter(|p| !p.is_empty())
    }
}

/// Adds a reminder the user wrote, due at its local time in the user's time zone.
pub fn add(db: &mut Database, input: &ReminderInput, now: DateTime<Utc>) -> Result<String> {
    let zone = settings::get(db)?.time_zone;
    let (title, note, due) = input.validated(db, zone.parse().unwrap_or(Tz::UTC))?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO reminders (id, title, note, person_id, due_at, repeat, time_zone,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            rusqlite::params![
                id,
                title,
                note,
                input.person(),
                time_text(due),
                input.repeat,
                zone,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    Ok(id)
}

/// Changes a reminder the user wrote. It counts as new: a time already shown shows again.
pub fn edit(db: &mut Database, id: &str, input: &ReminderInput, now: DateTime<Utc>) -> Result<()> {
    let zone = settings::get(db)?.time_zone;
    let (title, note, due) = input.validated(db, zone.parse().unwrap_or(Tz::UTC))?;
    let subject = subject(Kind::OneOff, id);
    db.write(|tx| {
        let changed = tx.execute(
            "UPDATE reminders SET title = ?2, note = ?3, person_id = ?4, due_at = ?5, repeat = ?6,
                 time_zone = ?7, updated_at = ?8
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                title,
                note,
                input.person(),
                time_text(due),
                input.repeat,
                zone,
                time_text(now)
            ],
        )?;
        if changed == 0 {
            return Err(Error::ReminderNotFound {
                subject: subject.clone(),
            });
        }
        tx.execute("DELETE FROM reminder_log WHERE subject = ?1", [&subject])?;
        tx.execute("DELETE FROM reminder_state WHERE subject = ?1", [&subject])?;
        Ok(())
    })
}

/// The reminder as written, for editing.
pub fn get_written(db: &Database, id: &str) -> Result<ReminderInput> {
    let settings = settings::get(db)?;
    db.conn()
        .query_row(
            "SELECT title, note, person_id, due_at, repeat, time_zone FROM reminders
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                let due: DateTime<Utc> = r.get(3)?;
                let zone: String = r.get(5)?;
                let tz: Tz = zone.parse().unwrap_or(settings.tz());
                Ok(ReminderInput {
                    title: r.get(0)?,
                    note: r.get(1)?,
                    person_id: r.get(2)?,
                    due: due.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string(),
                    repeat: r.get(4)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::ReminderNotFound {
            subject: subject(Kind::OneOff, id),
        })
}

pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    get_written(db, id)?;
    delete_softly(db, "reminders", id, now)
}

pub fn restore(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "reminders", id)
}
