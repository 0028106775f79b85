//! The Reminders view's overview: overdue, today, upcoming and done.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::Serialize;

use super::item::{item, Item};
use super::overdue::CountSlot;
use super::ruleset::rules;
use super::schedule::{local_day_at, Kind};
use super::settings;
use crate::error::Result;
use crate::records::time_text;
use crate::storage::Database;

/// How far ahead the Reminders view lists what is coming.
pub const UPCOMING_DAYS: u64 = 14;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoneItem {
    pub subject: String,
    pub kind: Kind,
    pub title: String,
    pub person_id: Option<String>,
    pub done_at: DateTime<Utc>,
}

/// The Reminders view: what is overdue, what is due later today, what is coming, what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub overdue: Vec<Item>,
    pub today: Vec<Item>,
    pub upcoming: Vec<Item>,
    pub done: Vec<DoneItem>,
    /// Pop-ups wait until then (quiet hours or a pause) although reminders are due.
    pub held_until: Option<DateTime<Utc>>,
    pub paused_until: Option<DateTime<Utc>>,
    pub time_zone: String,
    /// The moment the overview describes, so "today" and "tomorrow" read from the app's clock.
    pub now: DateTime<Utc>,
}

pub fn overview(db: &Database, now: DateTime<Utc>) -> Result<Overview> {
    let settings = settings::get(db)?;
    let tz = settings.tz();
    let slot = CountSlot::take(db);
    let rules = rules(db, now, &settings)?;
    let end_of_today = local_day_at(tz, now, 1, NaiveTime::MIN);
    let horizon = local_day_at(tz, now, UPCOMING_DAYS + 1, NaiveTime::MIN);
    let (mut overdue, mut today, mut upcoming) = (Vec::new(), Vec::new(), Vec::new());
    for rule in &rules {
        if let Some(due) = rule.due_at(now) {
            overdue.push(item(rule, due));
        } else if let Some(next) = rule.next_due(now) {
            if next < end_of_today {
                today.push(item(rule, next));
            } else if next < horizon {
                upcoming.push(item(rule, next));
            }
        }
    }
    for list in [&mut overdue, &mut today, &mut upcoming] {
        list.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)));
    }
    let mut stmt = db.conn().prepare_cached(
        "SELECT subject, kind, title, person_id, done_at FROM reminder_done
         WHERE done_at >= ?1 ORDER BY done_at DESC, id DESC LIMIT 50",
    )?;
    let done = stmt
        .query_map([time_text(now - Duration::days(14))], |r| {
            Ok(DoneItem {
                subject: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                person_id: r.get(3)?,
                done_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The badge asks for the count right after this view is read.
    slot.keep(&rules, now, tz);
    let quiet = settings.quiet().until(now);
    Ok(Overview {
        held_until: quiet.filter(|_| !overdue.is_empty()),
        overdue,
        today,
        upcoming,
        done,
        paused_until: settings.paused_until.filter(|p| *p > now),
        time_zone: settings.time_zone,
        now,
    })
}
