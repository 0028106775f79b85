//! Holding the meetings of the tour: what was learnt, logged once as a 1:1 in the journal, with the
//! channel and cadence the person asked for going to their profile.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use rusqlite::Transaction;

use super::{get, stop_row, MeetingInput, Tour, MAX_ANSWER};
use crate::error::{Error, Result};
use crate::fields::{day, text};
use crate::journal::interactions::{self, InteractionInput};
use crate::journal::profiles::Channel;
use crate::records::{new_id, time_text};
use crate::storage::Database;

/// The notes a tour meeting leaves in the journal.
pub(super) fn meeting_notes(input: &MeetingInput) -> String {
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
