//! The newbie tour: in a new job or team, meet each team, person and leader that matters, each
//! in a target week from the start date, and ask three questions: what does success look like
//! at 30/60/90 days, what are the challenges, and who else should I meet? Each "who else" can
//! become a person introduced by the one who named them, with a meeting of their own. A tour
//! owns a check-in row, so its 30, 60 and 90-day check-ins come as reminders.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required, text};
use crate::journal::interactions::{self, InteractionInput};
use crate::journal::profiles::Channel;
use crate::people::{self, PersonInput};
use crate::records::{new_id, text_enum, time_text};
use crate::storage::Database;

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

fn checked_week(week: u8) -> Result<u8> {
    if (1..=MAX_WEEK).contains(&week) {
        Ok(week)
    } else {
        Err(Error::Invalid {
            code: "tours.bad_week",
            field: "week",
            message: format!("Pick a week from 1 to {MAX_WEEK} after your start."),
        })
    }
}

/// Writes a new person inside the caller's transaction and returns their id.
fn add_person(tx: &Transaction<'_>, p: &NewPerson, now: DateTime<Utc>) -> Result<String> {
    let input = PersonInput {
        name: p.name.clone(),
        role: p.role.clone(),
        department: p.department.clone(),
        ..PersonInput::default()
    }
    .validated()?;
    let id = new_id(now);
    people::save(tx, people::INSERT, &id, &input, now)?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn insert_stop(
    tx: &Transaction<'_>,
    tour_id: &str,
    kind: StopKind,
    person: Option<&str>,
    team: &str,
    week: u8,
    suggested_by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String> {
    if let Some(person) = person {
        let week: Option<u8> = tx
            .query_row(
                "SELECT week FROM tour_stops
                  WHERE tour_id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
                [tour_id, person],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(week) = week {
            let name = people::get_in(tx, person)?.name;
            return Err(Error::Invalid {
                code: "tours.already_planned",
                field: "person_id",
                message: format!("\u{2068}{name}\u{2069} is already on the tour, in week {week}."),
            });
        }
    }
    let id = new_id(now);
    tx.execute(
        "INSERT INTO tour_stops (id, tour_id, kind, person_id, team, week, suggested_by,
                                 created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        rusqlite::params![
            id,
            tour_id,
            kind,
            person,
            team,
            week,
            suggested_by,
            time_text(now)
        ],
    )?;
    Ok(id)
}

/// Adds a meeting to the tour: an existing person, someone typed in (who becomes a person), or
/// a team. The person and the meeting are written together or not at all.
pub fn add_stop(
    db: &mut Database,
    tour_id: &str,
    input: &StopInput,
    now: DateTime<Utc>,
) -> Result<Tour> {
    get(db, tour_id)?;
    let week = checked_week(input.week)?;
    let team = line("team", "Team", &input.team, MAX_TITLE)?;
    let existing = input.person_id.as_deref().filter(|p| !p.is_empty());
    let new = input
        .new_person
        .as_ref()
        .filter(|p| !p.name.trim().is_empty());
    if input.kind == StopKind::Team {
        required(
            &team,
            "tours.team_required",
            "team",
            "Name the team to meet, like “Payments”.",
        )?;
    } else if existing.is_none() && new.is_none() {
        return Err(Error::Invalid {
            code: "tours.person_required",
            field: "person",
            message: "Choose someone from your people, or type the name of someone new.".into(),
        });
    }
    if let Some(person) = existing {
        people::get(db, person)?;
    }
    db.write(|tx| {
        let person = match (input.kind, existing, new) {
            (StopKind::Team, _, _) => None,
            (_, Some(id), _) => Some(id.to_owned()),
            (_, None, Some(p)) => Some(add_person(tx, p, now)?),
            (_, None, None) => None,
        };
        let team = if person.is_some() { "" } else { team.as_str() };
        insert_stop(
            tx,
            tour_id,
            input.kind,
            person.as_deref(),
            team,
            week,
            None,
            now,
        )?;
        Ok(())
    })?;
    get(db, tour_id)
}

/// Moves a meeting to another target week of its tour, checked as when it was planned.
pub fn set_stop_week(
    db: &mut Database,
    stop_id: &str,
    week: u8,
    now: DateTime<Utc>,
) -> Result<Tour> {
    let week = checked_week(week)?;
    let (tour_id, ..) = stop_row(db, stop_id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE tour_stops SET week = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![stop_id, week, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &tour_id)
}

fn stop_row(
    db: &Database,
    stop_id: &str,
) -> Result<(String, Option<String>, u8, Option<NaiveDate>)> {
    db.conn()
        .query_row(
            "SELECT s.tour_id, s.person_id, s.week, s.met_on FROM tour_stops s
               JOIN tours t ON t.id = s.tour_id AND t.deleted_at IS NULL
              WHERE s.id = ?1 AND s.deleted_at IS NULL",
            [stop_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::TourStopNotFound { id: stop_id.into() })
}

/// The notes a tour meeting leaves in the journal.
fn meeting_notes(input: &MeetingInput) -> String {
    let mut notes = vec!["Newbie tour meeting.".to_owned()];
    for (question, answer) in [
        ("What success looks like at 30/60/90 days", &input.success),
        ("The challenges", &input.challenges),
        ("Who else to meet", &input.who_else),
    ] {
        if !answer.trim().is_empty() {
            notes.push(format!("{question}: {}", answer.trim()));
        }
    }
    notes.join("\n")
}

/// Records a meeting of the tour and what was said. The first time, it is also logged as a
/// 1:1 with the person (which resets keeping in touch); the channel and cadence they asked for
/// go to their profile. Recording again corrects the answers.
pub fn record_meeting(
    db: &mut Database,
    stop_id: &str,
    input: &MeetingInput,
    now: DateTime<Utc>,
) -> Result<Tour> {
    let meeting = check_meeting(db, stop_id, input, now)?;
    db.write(|tx| write_meeting(tx, &meeting, now))?;
    get(db, &meeting.tour_id)
}

/// A meeting checked and ready to be written, in [`record_meeting`] or a reminder's answer.
pub(crate) struct CheckedMeeting {
    tour_id: String,
    stop_id: String,
    person: Option<String>,
    met_on: NaiveDate,
    input: MeetingInput,
    interaction: Option<(InteractionInput, DateTime<Utc>, Vec<String>)>,
}

pub(crate) fn check_meeting(
    db: &Database,
    stop_id: &str,
    input: &MeetingInput,
    now: DateTime<Utc>,
) -> Result<CheckedMeeting> {
    let (tour_id, person, _, met_before) = stop_row(db, stop_id)?;
    let met_on = day(&input.met_on, "tours.bad_date", "met_on")?.ok_or_else(|| Error::Invalid {
        code: "tours.met_on_required",
        field: "met_on",
        message: "Pick the day you met.".into(),
    })?;
    // A day ahead allows for time zones east of UTC.
    if met_on > now.date_naive() + Days::new(1) {
        return Err(Error::Invalid {
            code: "tours.met_in_future",
            field: "met_on",
            message: "That day is in the future. Record a meeting once it has happened.".into(),
        });
    }
    let input = &MeetingInput {
        success: text("success", "Success", &input.success, MAX_ANSWER)?,
        challenges: text("challenges", "Challenges", &input.challenges, MAX_ANSWER)?,
        who_else: text("who_else", "Who else", &input.who_else, MAX_ANSWER)?,
        ..input.clone()
    };
    if let Some(days) = input.cadence_days {
        if !(1..=365).contains(&days) {
            return Err(Error::Invalid {
                code: "profiles.bad_cadence",
                field: "cadence_days",
                message: "Keep in touch every 1 to 365 days.".into(),
            });
        }
    }
    // Logged at midday of the day met, or now if that is still to come.
    let at = met_on
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_utc()
        .min(now);
    let interaction = match (&person, met_before) {
        (Some(person), None) => {
            let input = InteractionInput {
                occurred_at: Some(at),
                kind: interactions::Kind::OneOnOne,
                people: vec![person.clone()],
                notes: meeting_notes(input),
                follow_up: String::new(),
            };
            let (input, at, people) = interactions::checked(&input, now)?;
            Some((input, at, people))
        }
        _ => None,
    };
    Ok(CheckedMeeting {
        tour_id,
        stop_id: stop_id.to_owned(),
        person,
        met_on,
        input: input.clone(),
        interaction,
    })
}

/// Writes a checked meeting inside the caller's transaction.
pub(crate) fn write_meeting(
    tx: &Transaction<'_>,
    meeting: &CheckedMeeting,
    now: DateTime<Utc>,
) -> Result<()> {
    let CheckedMeeting {
        stop_id,
        person,
        met_on,
        input,
        interaction,
        ..
    } = meeting;
    tx.execute(
        "UPDATE tour_stops SET met_on = ?2, success = ?3, challenges = ?4, who_else = ?5,
                updated_at = ?6 WHERE id = ?1",
        rusqlite::params![
            stop_id,
            met_on,
            input.success.trim(),
            input.challenges.trim(),
            input.who_else.trim(),
            time_text(now)
        ],
    )?;
    if let Some((input, at, people)) = interaction {
        interactions::insert(tx, &new_id(now), *at, input, people, now)?;
    }
    if let (Some(person), true) = (
        person,
        input.channel.is_some() || input.cadence_days.is_some(),
    ) {
        tx.execute(
            "INSERT INTO profiles (person_id, channel, cadence_days, updated_at)
             VALUES (?1, coalesce(?2, ''), ?3, ?4)
             ON CONFLICT (person_id) DO UPDATE SET
                channel = coalesce(?2, channel),
                cadence_days = coalesce(?3, cadence_days),
                updated_at = ?4",
            rusqlite::params![
                person,
                input.channel.map(Channel::as_str),
                input.cadence_days,
                time_text(now)
            ],
        )?;
    }
    Ok(())
}

/// Marks a meeting as not yet held (the journal entry it made stays).
pub fn clear_meeting(db: &mut Database, stop_id: &str, now: DateTime<Utc>) -> Result<Tour> {
    let (tour_id, ..) = stop_row(db, stop_id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE tour_stops SET met_on = NULL, updated_at = ?2 WHERE id = ?1",
            rusqlite::params![stop_id, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &tour_id)
}

/// Someone named in answer to "who else should I meet?": they become a person (or, if the
/// user already has exactly one person of that name, that person), linked as introduced by
/// the one who named them, with a meeting in the week after.
pub fn add_suggestion(
    db: &mut Database,
    stop_id: &str,
    person: &NewPerson,
    now: DateTime<Utc>,
) -> Result<Tour> {
    let (tour_id, by, week, _) = stop_row(db, stop_id)?;
    let tour = get(db, &tour_id)?;
    // The week after the one who named them, and not before the current week of the tour.
    let weeks_in = (now.date_naive() - tour.start_on).num_days().max(0) / 7 + 1;
    let week = i64::from(week + 1).max(weeks_in).min(i64::from(MAX_WEEK));
    let week = u8::try_from(week).unwrap_or(MAX_WEEK);
    db.write(|tx| {
        // Someone already among the user's people (the same name, ignoring case and
        // accents, and only one such person) is reused rather than added twice.
        let same: Vec<String> = tx
            .prepare_cached(
                "SELECT id FROM people WHERE name_key = ?1 AND deleted_at IS NULL LIMIT 2",
            )?
            .query_map([crate::fields::fold(person.name.trim())], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let id = match same.as_slice() {
            [one] if !person.name.trim().is_empty() => one.clone(),
            _ => add_person(tx, person, now)?,
        };
        if let Some(by) = &by {
            tx.execute(
                "INSERT INTO links (id, from_id, to_id, kind, strength, note, created_at)
                 VALUES (?1, ?2, ?3, 'introduced_me_to', 'medium', ?4, ?5)",
                rusqlite::params![
                    new_id(now),
                    by,
                    id,
                    format!("Suggested on the newbie tour: {}", tour.title),
                    time_text(now)
                ],
            )?;
        }
        insert_stop(
            tx,
            &tour_id,
            StopKind::Person,
            Some(&id),
            "",
            week,
            Some(stop_id),
            now,
        )?;
        Ok(())
    })?;
    get(db, &tour_id)
}

pub fn delete_stop(db: &mut Database, stop_id: &str, now: DateTime<Utc>) -> Result<Tour> {
    let (tour_id, ..) = stop_row(db, stop_id)?;
    crate::records::delete_softly(db, "tour_stops", stop_id, now)?;
    get(db, &tour_id)
}

pub fn restore_stop(db: &mut Database, stop_id: &str) -> Result<()> {
    crate::records::undelete(db, "tour_stops", stop_id)
}
