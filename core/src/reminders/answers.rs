//! Answers to a reminder: the answer that closes it (done, got in touch, resolved, kept or
//! not, met, went), asking again later, snooze (for a while or until a time), dismiss.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::offers::Offer;
use super::ruleset::rules;
use super::schedule::{local_day_at, Kind, Rule};
use super::settings;
use super::state::set_state;
use super::subjects::parse_subject;
use super::written::local_due;
use crate::asks::AskStatus;
use crate::error::{Error, Result};
use crate::journal::conflicts::{checked_resolution, write_resolution};
use crate::journal::interactions::{self, InteractionInput};
use crate::journal::promises::PromiseStatus;
use crate::network::groups;
use crate::network::tour::{self, MeetingInput};
use crate::records::{new_id, time_text};
use crate::storage::Database;

pub(super) fn find_rule(db: &Database, subject: &str, now: DateTime<Utc>) -> Result<Rule> {
    let settings = settings::get(db)?;
    rules(db, now, &settings)?
        .into_iter()
        .find(|r| r.subject == subject)
        .ok_or_else(|| Error::ReminderNotFound {
            subject: subject.to_owned(),
        })
}

/// How the user answers a reminder. Each fits the reminders that offer it (see [`Offer`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// A thank-you sent, your own promise kept, a check-in held, a written reminder done; on
    /// keeping in touch, the clock starts again without logging anything; on the weekly
    /// review, "Review done".
    Done,
    /// Keeping in touch: logs an interaction of this kind with the person, now.
    GotInTouch {
        kind: interactions::Kind,
        #[serde(default)]
        note: String,
    },
    /// A conflict resolved, and how.
    Resolved { how: String },
    /// Their promise was kept.
    Kept,
    /// Their promise was not kept: it is closed as dropped.
    NotKept,
    /// Asks about their promise again in a week, in the morning; records nothing else.
    AskAgain,
    /// A tour meeting took place today.
    Met,
    /// The user went to one of the group's events today.
    Went,
    /// They agreed to what the user asked.
    Agreed,
    /// They declined what the user asked.
    Declined,
    /// A regular 1:1 took place: logs an interaction of kind 1:1 with the person, now.
    LoggedOneOnOne {
        #[serde(default)]
        note: String,
    },
}

/// How far "Ask again" puts a promise off, in days.
pub const ASK_AGAIN_DAYS: u64 = 7;

impl Answer {
    fn offer(&self) -> Offer {
        match self {
            Answer::Done => Offer::Done,
            Answer::GotInTouch { .. } => Offer::GotInTouch,
            Answer::Resolved { .. } => Offer::Resolve,
            Answer::Kept => Offer::Kept,
            Answer::NotKept => Offer::NotKept,
            Answer::AskAgain => Offer::AskAgain,
            Answer::Met => Offer::Met,
            Answer::Went => Offer::Went,
            Answer::Agreed => Offer::Agreed,
            Answer::Declined => Offer::Declined,
            Answer::LoggedOneOnOne { .. } => Offer::LogOneOnOne,
        }
    }
}

/// Refuses an answer the reminder does not offer, saying what does.
fn check_fits(rule: &Rule, answer: &Answer) -> Result<()> {
    let offer = answer.offer();
    // Done on keeping in touch or the weekly review: the clock starts again, nothing is logged.
    let plain_done =
        offer == Offer::Done && matches!(rule.kind, Kind::KeepInTouch | Kind::WeeklyReview);
    if rule.offers.contains(&offer) || plain_done {
        return Ok(());
    }
    let message = match rule.kind {
        Kind::Conflict => {
            "A conflict is closed by saying how it was resolved; or snooze it until you have talked."
        }
        Kind::Promise if rule.offers.contains(&Offer::Kept) => {
            "Only they can keep their promise: say whether they did, or ask again later."
        }
        Kind::TourMeeting => "Mark the meeting met once it has happened, or snooze it.",
        Kind::Group => "Say you went to one of its events, or snooze it.",
        Kind::Ask => "Say whether they agreed or declined, or mark it done to stop reminding.",
        Kind::ImpactFollowUp => "Log how you told them, or dismiss it.",
        Kind::RegularOneOnOne => "Log the 1:1 once you have met, or mark it done.",
        _ => "That answer does not fit this reminder.",
    };
    Err(Error::Invalid {
        code: "reminders.answer_does_not_fit",
        field: "answer",
        message: message.into(),
    })
}

/// What an answer writes besides the reminder's own state, checked before the transaction.
enum Write {
    Nothing,
    Interaction(InteractionInput, DateTime<Utc>, Vec<String>),
    Resolution(String),
    Promise(PromiseStatus),
    Meeting(tour::CheckedMeeting),
    Attendance(NaiveDate),
    Thanked,
    AskAnswered(AskStatus),
}

/// An interaction of `kind` with the reminder's person, now, checked as the journal checks it.
fn logged(
    rule: &Rule,
    subject: &str,
    kind: interactions::Kind,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Write> {
    let person = rule
        .person_id
        .clone()
        .ok_or_else(|| Error::ReminderNotFound {
            subject: subject.to_owned(),
        })?;
    let input = InteractionInput {
        occurred_at: Some(now),
        kind,
        people: vec![person],
        notes: note.trim().to_owned(),
        follow_up: String::new(),
    };
    let (input, at, people) = interactions::checked(&input, now)?;
    Ok(Write::Interaction(input, at, people))
}

/// Answers the reminder `subject`, all in one transaction: the record it is about changes
/// (an interaction logged, a conflict resolved, a promise kept or not, a meeting met, a
/// thank-you sent) and the reminder is done, or, for "Ask again", waits a week.
pub fn answer(db: &mut Database, subject: &str, answer: &Answer, now: DateTime<Utc>) -> Result<()> {
    let rule = find_rule(db, subject, now)?;
    check_fits(&rule, answer)?;
    let settings = settings::get(db)?;
    let tz = settings.tz();
    let today = now.with_timezone(&tz).date_naive();
    let id = parse_subject(subject).map_or("", |(_, id)| id).to_owned();
    let write = match answer {
        Answer::AskAgain => {
            let until = local_day_at(tz, now, ASK_AGAIN_DAYS, settings.morning_time());
            return db.write(|tx| set_state(tx, subject, "snoozed_until", Some(until), now));
        }
        Answer::GotInTouch { kind, note } => logged(&rule, subject, *kind, note, now)?,
        Answer::LoggedOneOnOne { note } => {
            logged(&rule, subject, interactions::Kind::OneOnOne, note, now)?
        }
        Answer::Resolved { how } => Write::Resolution(checked_resolution(how)?),
        Answer::Kept => Write::Promise(PromiseStatus::Kept),
        Answer::NotKept => Write::Promise(PromiseStatus::Dropped),
        Answer::Met => {
            let met = MeetingInput {
                met_on: today.to_string(),
                ..MeetingInput::default()
            };
            Write::Meeting(tour::check_meeting(db, &id, &met, now)?)
        }
        Answer::Went => {
            groups::get(db, &id)?;
            Write::Attendance(today)
        }
        Answer::Agreed => Write::AskAnswered(AskStatus::Agreed),
        Answer::Declined => Write::AskAnswered(AskStatus::Declined),
        Answer::Done => match rule.kind {
            Kind::ThankYou => Write::Thanked,
            Kind::Promise => Write::Promise(PromiseStatus::Kept),
            _ => Write::Nothing,
        },
    };
    db.write(|tx| {
        match &write {
            Write::Nothing => {}
            Write::Interaction(input, at, people) => {
                interactions::insert(tx, &new_id(now), *at, input, people, now)?;
            }
            Write::Resolution(how) => write_resolution(tx, &id, how, now)?,
            Write::Promise(status) => {
                tx.execute(
                    "UPDATE promises SET status = ?3, closed_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND status = 'open'",
                    rusqlite::params![id, time_text(now), status],
                )?;
            }
            Write::Meeting(meeting) => tour::write_meeting(tx, meeting, now)?,
            Write::Attendance(on) => {
                groups::write_attendance(tx, &new_id(now), &id, *on, "", now)?;
            }
            Write::AskAnswered(status) => crate::asks::write_status(tx, &id, *status, now)?,
            Write::Thanked => {
                tx.execute(
                    "UPDATE favours SET thanked_at = ?2, follow_up = 1, updated_at = ?2
                     WHERE id = ?1 AND thanked_at IS NULL",
                    rusqlite::params![id, time_text(now)],
                )?;
            }
        }
        set_state(tx, subject, "done_through", Some(now), now)?;
        set_state(tx, subject, "snoozed_until", None, now)?;
        tx.execute(
            "INSERT INTO reminder_done (subject, kind, title, person_id, done_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                subject,
                rule.kind,
                rule.title,
                rule.person_id,
                time_text(now)
            ],
        )?;
        Ok(())
    })
}

/// Marks what is due done ([`Answer::Done`]): a thank-you as thanked, your own promise as
/// kept, anything else done for now (a keep-in-touch clock starts again). A conflict or
/// someone else's promise is never closed this way.
pub fn complete(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    answer(db, subject, &Answer::Done, now)
}

/// Holds a reminder until `until`, when it shows again.
pub fn snooze(
    db: &mut Database,
    subject: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    find_rule(db, subject, now)?;
    if until <= now {
        return Err(Error::Invalid {
            code: "reminders.snooze_past",
            field: "until",
            message: "Pick a time in the future to be reminded again.".into(),
        });
    }
    db.write(|tx| set_state(tx, subject, "snoozed_until", Some(until), now))
}

/// How long to snooze, as the Reminders view offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum SnoozeFor {
    Hour,
    Day,
    /// The next morning, at the morning time of the settings.
    TomorrowMorning,
    /// A week from today, in the morning.
    NextWeek,
    /// A local day and time, "YYYY-MM-DDTHH:MM".
    Until {
        at: String,
    },
}

/// Snoozes as the user chose; returns when the reminder comes back.
pub fn snooze_for(
    db: &mut Database,
    subject: &str,
    choice: &SnoozeFor,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let settings = settings::get(db)?;
    let (tz, morning) = (settings.tz(), settings.morning_time());
    let until = match choice {
        SnoozeFor::Hour => now + Duration::hours(1),
        SnoozeFor::Day => now + Duration::days(1),
        SnoozeFor::TomorrowMorning => local_day_at(tz, now, 1, morning),
        SnoozeFor::NextWeek => local_day_at(tz, now, 7, morning),
        SnoozeFor::Until { at } => local_due(at, tz)?,
    };
    snooze(db, subject, until, now)?;
    Ok(until)
}

/// Stops a reminder for good (a thank-you given in person, say); [`undismiss`] brings it back.
pub fn dismiss(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    find_rule(db, subject, now)?;
    db.write(|tx| set_state(tx, subject, "dismissed_at", Some(now), now))
}

pub fn undismiss(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| set_state(tx, subject, "dismissed_at", None, now))
}
