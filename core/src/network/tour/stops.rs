//! Planning the tour: the meetings (a person, someone typed in who becomes a person, a leader,
//! a team) in their target weeks, and the people suggested in answer to "who else should I meet?".

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::{get, NewPerson, StopInput, StopKind, Tour, MAX_TITLE, MAX_WEEK};
use crate::error::{Error, Result};
use crate::fields::{line, required};
use crate::people::{self, PersonInput};
use crate::records::{new_id, time_text};
use crate::storage::Database;

pub(super) fn checked_week(week: u8) -> Result<u8> {
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
pub(super) fn add_person(
    tx: &Transaction<'_>,
    p: &NewPerson,
    now: DateTime<Utc>,
) -> Result<String> {
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
pub(super) fn insert_stop(
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

pub(super) fn stop_row(
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
