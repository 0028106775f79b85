//! Dates that matter to people: birthdays, work anniversaries and start dates, each a day and
//! month with the year when known, and whether it reminds the user on the day.

mod parse;
#[cfg(test)]
mod tests;

pub use parse::{parse_day, PartialDay, APPLE_NO_YEAR};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::records::{text_enum, time_text};
use crate::storage::Database;

text_enum! {
    /// Which date of a person it is.
    DateKind {
        Birthday = "birthday",
        Anniversary = "anniversary",
        StartDate = "start_date",
    }
}

impl DateKind {
    /// How a sentence names it: "birthday", "work anniversary", "start date".
    pub fn label(self) -> &'static str {
        match self {
            DateKind::Birthday => "birthday",
            DateKind::Anniversary => "work anniversary",
            DateKind::StartDate => "start date",
        }
    }
}

/// One of a person's dates as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDate {
    pub kind: DateKind,
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
    /// The person's own choice about reminders; `None` follows the settings for everyone.
    #[serde(default)]
    pub remind: Option<bool>,
}

/// What the person form sends: the date as typed, "1985-04-12" or "--04-12" (no year), and
/// the reminder choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDateInput {
    pub kind: DateKind,
    pub date: String,
    #[serde(default)]
    pub remind: Option<bool>,
}

impl PersonDate {
    /// The date as ISO 8601 writes it, "1985-04-12", or "--04-12" without a year (vCard 4 and
    /// the CSV export use both).
    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// The day it falls on in `year`: 29 February falls on 28 February when `year` has none.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }
}

/// Checks what the form sent, naming the field in the message.
pub fn checked(input: &PersonDateInput) -> Result<PersonDate> {
    let typed = input.date.trim();
    let day = parse_day(typed).ok_or_else(|| Error::Invalid {
        code: "dates.bad_date",
        field: "date",
        message: format!(
            "“\u{2068}{}\u{2069}” is not a date Allies can read. Pick a day, with or without the year.",
            typed.chars().take(40).collect::<String>()
        ),
    })?;
    Ok(PersonDate {
        kind: input.kind,
        month: day.month,
        day: day.day,
        year: day.year,
        remind: input.remind,
    })
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonDate> {
    Ok(PersonDate {
        kind: r.get(0)?,
        month: r.get(1)?,
        day: r.get(2)?,
        year: r.get(3)?,
        remind: r.get(4)?,
    })
}

/// A person's dates, birthday first.
pub fn list(db: &Database, person_id: &str) -> Result<Vec<PersonDate>> {
    list_in(db.conn(), person_id)
}

pub(crate) fn list_in(conn: &Connection, person_id: &str) -> Result<Vec<PersonDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, month, day, year, remind FROM person_dates WHERE person_id = ?1
          ORDER BY CASE kind WHEN 'birthday' THEN 0 WHEN 'anniversary' THEN 1 ELSE 2 END",
    )?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes one date inside a caller's transaction (the form, an import), replacing the
/// person's date of the same kind. `set_at` moves only when the day itself changes, so turning
/// a reminder on does not forget a day that is already due.
pub(crate) fn set_in(
    tx: &Transaction<'_>,
    person_id: &str,
    date: &PersonDate,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO person_dates (person_id, kind, month, day, year, remind, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (person_id, kind) DO UPDATE SET
             set_at = CASE WHEN month = excluded.month AND day = excluded.day
                           THEN set_at ELSE excluded.set_at END,
             month = excluded.month, day = excluded.day, year = excluded.year,
             remind = excluded.remind",
        rusqlite::params![
            person_id,
            date.kind,
            date.month,
            date.day,
            date.year,
            date.remind,
            time_text(now)
        ],
    )?;
    Ok(())
}

/// Adds the dates a person does not have yet (an import merging into someone known keeps the
/// dates the user set).
pub(crate) fn add_missing_in(
    tx: &Transaction<'_>,
    person_id: &str,
    dates: &[PersonDate],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO person_dates (person_id, kind, month, day, year, remind, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (person_id, kind) DO NOTHING",
    )?;
    for d in dates {
        insert.execute(rusqlite::params![
            person_id,
            d.kind,
            d.month,
            d.day,
            d.year,
            d.remind,
            time_text(now)
        ])?;
    }
    Ok(())
}

/// Sets one of a person's dates from the form, in one step the user can undo.
pub fn set(
    db: &mut Database,
    person_id: &str,
    input: &PersonDateInput,
    now: DateTime<Utc>,
) -> Result<Vec<PersonDate>> {
    let date = checked(input)?;
    crate::people::get(db, person_id)?;
    db.write(|tx| set_in(tx, person_id, &date, now))?;
    list(db, person_id)
}

/// Removes one of a person's dates (and with it its reminder).
pub fn remove(db: &mut Database, person_id: &str, kind: DateKind) -> Result<Vec<PersonDate>> {
    crate::people::get(db, person_id)?;
    db.write(|tx| {
        tx.execute(
            "DELETE FROM person_dates WHERE person_id = ?1 AND kind = ?2",
            rusqlite::params![person_id, kind],
        )?;
        Ok(())
    })?;
    list(db, person_id)
}

/// Every person's dates by person id, for the exports.
pub(crate) fn by_person(conn: &Connection) -> Result<HashMap<String, Vec<PersonDate>>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, month, day, year, remind, person_id FROM person_dates")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(5)?, from_row(r)?)))?;
    let mut all: HashMap<String, Vec<PersonDate>> = HashMap::new();
    for row in rows {
        let (person, date) = row?;
        all.entry(person).or_default().push(date);
    }
    Ok(all)
}

/// The date of `kind` among `dates`, as the exports write it ("" when there is none).
pub(crate) fn iso_of(dates: &[PersonDate], kind: DateKind) -> String {
    dates
        .iter()
        .find(|d| d.kind == kind)
        .map(PersonDate::iso)
        .unwrap_or_default()
}

/// A date with whom it belongs to and when it was recorded, for the reminder rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recorded {
    pub person_id: String,
    pub name: String,
    pub date: PersonDate,
    pub set_at: DateTime<Utc>,
}

/// Every date of every person not deleted, for reminders.
pub(crate) fn all_recorded(db: &Database) -> Result<Vec<Recorded>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT d.kind, d.month, d.day, d.year, d.remind, d.person_id, p.name, d.set_at
           FROM person_dates d JOIN people p ON p.id = d.person_id AND p.deleted_at IS NULL
          ORDER BY d.person_id, d.kind",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Recorded {
            date: from_row(r)?,
            person_id: r.get(5)?,
            name: r.get(6)?,
            set_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
