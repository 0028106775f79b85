//! The newbie tour: in a new job or team, meet each team, person and leader that matters, each
//! in a target week from the start date, and ask three questions: what does success look like
//! at 30/60/90 days, what are the challenges, and who else should I meet? Each "who else" can
//! become a person introduced by the one who named them, with a meeting of their own. A tour
//! owns a check-in row, so its 30, 60 and 90-day check-ins come as reminders.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required};
use crate::journal::profiles::Channel;
use crate::records::{new_id, text_enum, time_text};
use crate::storage::Database;

mod meetings;
mod stops;

pub(crate) use meetings::{check_meeting, write_meeting, CheckedMeeting};
pub use meetings::{clear_meeting, record_meeting};
use stops::stop_row;
pub use stops::{add_stop, add_suggestion, delete_stop, restore_stop, set_stop_week};

pub const MAX_TITLE: usize = 500;
pub const MAX_ANSWER: usize = 10_000;
pub const MAX_WEEK: u8 = 52;
/// How many unmet meetings "next to book" names.
pub const NEXT: usize = 3;

text_enum! {
    StopKind {
        Person = "person",
        Leader = "leader",
        Team = "team",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourInput {
    pub title: String,
    /// YYYY-MM-DD: the first day in the new job or team.
    pub start_on: String,
}

/// Someone typed in while planning, who becomes a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewPerson {
    pub name: String,
    pub role: String,
    pub department: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopInput {
    pub kind: StopKind,
    /// An existing person, for a person or leader.
    #[serde(default)]
    pub person_id: Option<String>,
    /// Or someone new, for a person or leader.
    #[serde(default)]
    pub new_person: Option<NewPerson>,
    /// The team's name, for a team meeting.
    #[serde(default)]
    pub team: String,
    pub week: u8,
}

/// What the user learnt in a meeting of the tour.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    /// YYYY-MM-DD.
    pub met_on: String,
    pub success: String,
    pub challenges: String,
    pub who_else: String,
    /// How they like to be kept informed; sets their profile when given.
    pub channel: Option<Channel>,
    pub cadence_days: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub id: String,
    pub kind: StopKind,
    pub person_id: Option<String>,
    /// The person's name, or the team's.
    pub name: String,
    pub role: String,
    pub team: String,
    pub week: u8,
    /// The Monday-or-whichever first day of the target week.
    pub week_starts: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub success: String,
    pub challenges: String,
    pub who_else: String,
    pub suggested_by: Option<String>,
    pub suggested_by_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub met: usize,
    pub total: usize,
    /// Ids of the next unmet meetings, in order of target week.
    pub next: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub start_on: NaiveDate,
    pub check_in_id: String,
    pub stops: Vec<Stop>,
    pub progress: Progress,
}

fn checked_tour(input: &TourInput) -> Result<(String, NaiveDate)> {
    let title = line("title", "Title", &input.title, MAX_TITLE)?;
    required(
        &title,
        "tours.title_required",
        "title",
        "Name the tour, like “New job at Acme” or “Joining the Platform team”.",
    )?;
    let start =
        day(&input.start_on, "tours.bad_date", "start_on")?.ok_or_else(|| Error::Invalid {
            code: "tours.date_required",
            field: "start_on",
            message: "Pick your first day.".into(),
        })?;
    Ok((title, start))
}

fn check_in_label(title: &str) -> String {
    format!("Newbie tour: {title}")
}

/// Starts a tour, with its 30/60/90-day check-ins.
pub fn create(db: &mut Database, input: &TourInput, now: DateTime<Utc>) -> Result<Tour> {
    let (title, start) = checked_tour(input)?;
    let id = new_id(now);
    let check_in = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO check_ins (id, label, start_on, person_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
            rusqlite::params![check_in, check_in_label(&title), start, time_text(now)],
        )?;
        tx.execute(
            "INSERT INTO tours (id, title, start_on, check_in_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, title, start, check_in, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Renames a tour or moves its start, and its check-ins with it.
pub fn update(db: &mut Database, id: &str, input: &TourInput, now: DateTime<Utc>) -> Result<Tour> {
    let (title, start) = checked_tour(input)?;
    let tour = get(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE tours SET title = ?2, start_on = ?3, updated_at = ?4 WHERE id = ?1",
            rusqlite::params![id, title, start, time_text(now)],
        )?;
        tx.execute(
            "UPDATE check_ins SET label = ?2, start_on = ?3, updated_at = ?4 WHERE id = ?1",
            rusqlite::params![
                tour.check_in_id,
                check_in_label(&title),
                start,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// A tour as the list of tours names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TourSummary {
    pub id: String,
    pub title: String,
    pub start_on: NaiveDate,
    pub met: u32,
    pub total: u32,
}

/// Every tour, the current (newest) first: starting a new one keeps the older ones.
pub fn list(db: &Database) -> Result<Vec<TourSummary>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT t.id, t.title, t.start_on,
                count(s.id) FILTER (WHERE s.met_on IS NOT NULL), count(s.id)
           FROM tours t
           LEFT JOIN tour_stops s ON s.tour_id = t.id AND s.deleted_at IS NULL
                AND (s.person_id IS NULL
                     OR EXISTS (SELECT 1 FROM people p WHERE p.id = s.person_id AND p.deleted_at IS NULL))
          WHERE t.deleted_at IS NULL
          GROUP BY t.id ORDER BY t.created_at DESC, t.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TourSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            start_on: r.get(2)?,
            met: r.get(3)?,
            total: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest tour, if the user has one.
pub fn current(db: &Database) -> Result<Option<Tour>> {
    let id: Option<String> = db
        .conn()
        .query_row(
            "SELECT id FROM tours WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(db, &id)).transpose()
}

pub fn get(db: &Database, id: &str) -> Result<Tour> {
    let (title, start_on, check_in_id): (String, NaiveDate, String) = db
        .conn()
        .query_row(
            "SELECT title, start_on, check_in_id FROM tours WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::TourNotFound { id: id.into() })?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT s.id, s.kind, s.person_id, coalesce(p.name, s.team), coalesce(p.role, ''),
                CASE WHEN s.person_id IS NULL THEN s.team ELSE p.department END,
                s.week, s.met_on, s.success, s.challenges, s.who_else, s.suggested_by,
                (SELECT coalesce(sp.name, b.team) FROM tour_stops b
                   LEFT JOIN people sp ON sp.id = b.person_id WHERE b.id = s.suggested_by)
           FROM tour_stops s LEFT JOIN people p ON p.id = s.person_id
          WHERE s.tour_id = ?1 AND s.deleted_at IS NULL
            AND (s.person_id IS NULL OR p.deleted_at IS NULL)
          ORDER BY s.week, s.created_at, s.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let week: u8 = r.get(6)?;
        Ok(Stop {
            id: r.get(0)?,
            kind: r.get(1)?,
            person_id: r.get(2)?,
            name: r.get(3)?,
            role: r.get(4)?,
            team: r.get(5)?,
            week,
            week_starts: week_start(start_on, week),
            met_on: r.get(7)?,
            success: r.get(8)?,
            challenges: r.get(9)?,
            who_else: r.get(10)?,
            suggested_by: r.get(11)?,
            suggested_by_name: r.get(12)?,
        })
    })?;
    let stops: Vec<Stop> = rows.collect::<rusqlite::Result<_>>()?;
    let progress = Progress {
        met: stops.iter().filter(|s| s.met_on.is_some()).count(),
        total: stops.len(),
        next: stops
            .iter()
            .filter(|s| s.met_on.is_none())
            .take(NEXT)
            .map(|s| s.id.clone())
            .collect(),
    };
    Ok(Tour {
        id: id.into(),
        title,
        start_on,
        check_in_id,
        stops,
        progress,
    })
}

fn week_start(start: NaiveDate, week: u8) -> NaiveDate {
    start
        .checked_add_days(Days::new(7 * u64::from(week.saturating_sub(1))))
        .unwrap_or(start)
}

/// Deletes a tour with its meetings and check-ins; [`restore`] undoes it.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    let tour = get(db, id)?;
    let stamp = time_text(now);
    db.write(|tx| {
        tx.execute(
            "UPDATE tours SET deleted_at = ?2 WHERE id = ?1",
            rusqlite::params![id, stamp],
        )?;
        tx.execute(
            "UPDATE check_ins SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![tour.check_in_id, stamp],
        )?;
        Ok(())
    })
}

pub fn restore(db: &mut Database, id: &str) -> Result<Tour> {
    db.write(|tx| {
        let deleted: Option<(String, String)> = tx
            .query_row(
                "SELECT check_in_id, deleted_at FROM tours WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((check_in, stamp)) = deleted {
            tx.execute("UPDATE tours SET deleted_at = NULL WHERE id = ?1", [id])?;
            // Only if the tour's deletion took it: a check-in deleted on its own stays deleted.
            tx.execute(
                "UPDATE check_ins SET deleted_at = NULL WHERE id = ?1 AND deleted_at = ?2",
                [check_in, stamp],
            )?;
        }
        Ok(())
    })?;
    get(db, id)
}
