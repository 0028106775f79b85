//! Firing: decides what is due now, records it as shown before anything is shown, and builds the
//! pop-up for it.

use chrono::{DateTime, Utc};

use super::overdue::CountSlot;
use super::ruleset::rules;
use super::schedule::{self, Notice};
use super::settings;
use super::state::last_shown;
use crate::error::Result;
use crate::records::time_text;
use crate::storage::Database;

/// What the scheduler does now, and when it looks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firing {
    pub notices: Vec<Notice>,
    pub held_until: Option<DateTime<Utc>>,
    pub next_wake: Option<DateTime<Utc>>,
}

/// Decides what is due at `now` and records it as shown, in one transaction, before the caller
/// shows anything: if the app dies between the two, the reminder is in the Reminders view
/// rather than shown twice.
pub fn fire_due(db: &mut Database, now: DateTime<Utc>) -> Result<Firing> {
    let settings = settings::get_or_start(db, now)?;
    let slot = CountSlot::take(db);
    let rules = rules(db, now, &settings)?;
    let shown = last_shown(db)?;
    let plan = schedule::plan(now, &rules, &shown, &settings.quiet());
    if !plan.show.is_empty() {
        db.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO reminder_log (subject, due_at, fired_at, title)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for due in &plan.show {
                insert.execute(rusqlite::params![
                    due.subject,
                    time_text(due.due),
                    time_text(now),
                    due.title
                ])?;
            }
            Ok(())
        })?;
    }
    // The badge asks for the count as soon as the window hears that reminders changed.
    slot.keep_after_own_log(db, &rules, now, settings.tz());
    Ok(Firing {
        notices: schedule::notices(plan.show),
        held_until: plan.held_until,
        next_wake: plan.next_wake,
    })
}
