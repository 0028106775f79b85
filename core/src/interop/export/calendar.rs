//! What is coming, as an iCalendar file (RFC 5545) that calendar apps open: every reminder,
//! promise and check-in due in the next 90 days (and any overdue now), one event each, written
//! by the `icalendar` crate (CRLF, lines folded at 75 octets, text escaped).

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::error::Result;
use crate::reminders;
use crate::reminders::settings;
use crate::storage::Database;

pub const DAYS: i64 = 90;
/// Occurrences of one repeating reminder listed at most.
const PER_RULE: usize = 100;
const LENGTH_MINUTES: i64 = 15;

pub fn export(db: &Database, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let settings = settings::get(db)?;
    let rules = reminders::rules(db, now, &settings)?;
    let until = now + Duration::days(DAYS);
    let mut calendar = Calendar::new();
    calendar
        .name("Allies")
        .timezone(settings.time_zone.as_str());
    let mut events: Vec<(DateTime<Utc>, String, Event)> = Vec::new();
    for rule in &rules {
        let mut dues: Vec<DateTime<Utc>> = rule.due_at(now).into_iter().collect();
        let mut from = now;
        while dues.len() < PER_RULE {
            match rule.next_due(from) {
                Some(due) if due <= until => {
                    dues.push(due);
                    from = due;
                }
                _ => break,
            }
        }
        for due in dues {
            let uid = format!("{}-{}@allies", rule.subject, due.timestamp());
            let event = Event::new()
                .uid(&uid)
                .timestamp(now)
                .summary(&rule.title)
                .description(&reminders::body_with_date(&rule.body, rule.dated))
                .starts(due)
                .ends(due + Duration::minutes(LENGTH_MINUTES))
                .add_property("CATEGORIES", rule.kind.as_str())
                .done();
            events.push((due, uid, event));
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    for (_, _, event) in events {
        calendar.push(event);
    }
    Ok(calendar.done().to_string().into_bytes())
}
