//! Answers to a reminder: done, snooze (for a while or until a time), dismiss and undo.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::rules::rules;
use super::schedule::{local_day_at, Kind, Rule};
use super::settings;
use super::state::set_state;
use super::subjects::parse_subject;
use super::written::local_due;
use crate::error::{Error, Result};
use crate::records::time_text;
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

/// Marks what is due done: a thank-you as thanked, a promise as kept, anything else done for
/// now (a keep-in-touch clock starts again). All in one transaction.
pub fn complete(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    let rule = find_rule(db, subject, now)?;
    let id = parse_subject(subject).map_or("", |(_, id)| id).to_owned();
    db.write(|tx| {
        match rule.kind {
            Kind::ThankYou => {
                tx.execute(
                    "UPDATE favours SET thanked_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND thanked_at IS NULL",
                    rusqlite::params![id, time_text(now)],
                )?;
            }
            Kind::Promise => {
                tx.execute(
                    "UPDATE promises SET status = 'kept', closed_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND status = 'open'",
                    rusqlite::params![id, time_text(now)],
                )?;
            }
            _ => {}
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
