//! Rule sources: turns what the user recorded (favours, promises, conflicts, check-ins, groups,
//! written reminders) into the rules the scheduler plans from.

use chrono::{DateTime, NaiveDate, Utc};

use super::builder::Builder;
use super::cadence::keep_in_touch;
use super::dated::{DateMeaning, Dated};
use super::offers;
use super::schedule::{local_day_at, Kind, Repeat};
use super::settings::{ReminderSettings, ThankYouTiming};
use super::written::Recurrence;
use crate::error::Result;
use crate::records::time_at;
use crate::storage::Database;

pub(super) fn thank_yous(
    db: &Database,
    b: &mut Builder<'_>,
    settings: &ReminderSettings,
) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, f.person_id, p.name, f.description, f.done_at FROM favours f
           JOIN people p ON p.id = f.person_id AND p.deleted_at IS NULL
         WHERE f.deleted_at IS NULL AND f.direction = 'by_them' AND f.status = 'done'
           AND f.thanked_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            time_at(r, 4)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, description, done_at) = row?;
        let first_due = match settings.thank_you {
            ThankYouTiming::SameDay => done_at,
            ThankYouTiming::NextMorning => local_day_at(b.tz, done_at, 1, b.morning),
            ThankYouTiming::InDays => {
                local_day_at(b.tz, done_at, u64::from(settings.thank_you_days), b.morning)
            }
        };
        let tz = b.tz;
        b.push(
            Kind::ThankYou,
            &id,
            Some(person),
            format!("Thank {name}"),
            format!("{name} helped you: {description}. A short thank-you keeps the alliance warm."),
            first_due,
            Repeat::Days(1),
            tz,
        );
    }
    Ok(())
}

/// A promise or a conflict without a date is asked about this many days after it was written
/// down, rather than never.
pub const UNDATED_AFTER_DAYS: u64 = 7;

/// The day an undated promise or conflict falls due: [`UNDATED_AFTER_DAYS`] after the day it
/// was recorded, in the user's time zone.
fn undated_due(b: &Builder<'_>, created: DateTime<Utc>) -> NaiveDate {
    let day = created.with_timezone(&b.tz).date_naive();
    day.checked_add_days(chrono::Days::new(UNDATED_AFTER_DAYS))
        .unwrap_or(day)
}

pub(super) fn promises(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT pr.id, pr.person_id, p.name, pr.direction, pr.description, pr.due_on, pr.created_at
           FROM promises pr
           JOIN people p ON p.id = pr.person_id AND p.deleted_at IS NULL
         WHERE pr.deleted_at IS NULL AND pr.status = 'open'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<NaiveDate>>(5)?,
            time_at(r, 6)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, direction, description, due_on, created) = row?;
        // A set date travels beside the text, for the UI to write in the user's locale.
        let dated = due_on.map(|on| Dated {
            meaning: DateMeaning::Due,
            on,
        });
        let (due_on, when) = match due_on {
            Some(day) => (day, String::new()),
            None => (
                undated_due(b, created),
                format!(" No date was set, so Allies asks after {UNDATED_AFTER_DAYS} days."),
            ),
        };
        let (title, body) = if direction == "mine" {
            (
                format!("Promise to {name} due"),
                format!("You promised {name}: {description}.{when}"),
            )
        } else {
            (
                format!("Check on {name}’s promise"),
                format!("{name} promised you: {description}.{when}"),
            )
        };
        let (due, tz) = (b.morning_of(due_on), b.tz);
        let pushed = b.push(
            Kind::Promise,
            &id,
            Some(person),
            title,
            body,
            due,
            Repeat::Never,
            tz,
        );
        if let Some(rule) = pushed {
            rule.dated = dated;
            // Only they can keep their promise: the user says whether they did, never "Done".
            if direction != "mine" {
                rule.offers = offers::THEIR_PROMISE;
            }
        }
    }
    Ok(())
}

pub(super) fn conflicts(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT c.id, c.person_id, p.name, c.description, c.resolve_by, c.created_at FROM conflicts c
           JOIN people p ON p.id = c.person_id AND p.deleted_at IS NULL
         WHERE c.deleted_at IS NULL AND c.status = 'open'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
            time_at(r, 5)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, description, resolve_by, created) = row?;
        let dated = resolve_by.map(|on| Dated {
            meaning: DateMeaning::SettleBy,
            on,
        });
        let (resolve_by, body) = match resolve_by {
            Some(day) => (
                day,
                format!("{description}. Talk it through before it grows."),
            ),
            None => (
                undated_due(b, created),
                format!(
                    "{description}. It has been open {UNDATED_AFTER_DAYS} days: talk it through \
                     before it grows."
                ),
            ),
        };
        let (due, tz) = (b.morning_of(resolve_by), b.tz);
        if let Some(rule) = b.push(
            Kind::Conflict,
            &id,
            Some(person),
            format!("Resolve the tension with {name}"),
            body,
            due,
            Repeat::Never,
            tz,
        ) {
            rule.dated = dated;
        }
    }
    Ok(())
}

pub(super) fn check_ins(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT c.id, c.label, c.start_on, c.person_id, p.name FROM check_ins c
           LEFT JOIN people p ON p.id = c.person_id
         WHERE c.deleted_at IS NULL AND (c.person_id IS NULL OR p.deleted_at IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, label, start_on, person, name) = row?;
        for days in [30u64, 60, 90] {
            let Some(on) = start_on.checked_add_days(chrono::Days::new(days)) else {
                continue;
            };
            let with = name
                .as_deref()
                .map_or(String::new(), |n| format!(" with {n}"));
            let (due, tz) = (b.morning_of(on), b.tz);
            b.push(
                Kind::CheckIn,
                &format!("{id}:{days}"),
                person.clone(),
                format!("{days}-day check-in{with}: {label}"),
                "Ask what success looks like now, what the challenges are, and who else you should meet.".into(),
                due,
                Repeat::Never,
                tz,
            );
        }
    }
    Ok(())
}

/// Groups not attended for a quarter: due a quarter after the last time (or after the group was
/// added), then monthly until the user goes.
pub(super) fn groups(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for group in crate::network::groups::list(db)? {
        let since = group
            .last_attended
            .unwrap_or_else(|| group.created_at.with_timezone(&b.tz).date_naive());
        let Some(due_day) =
            since.checked_add_days(chrono::Days::new(crate::network::groups::QUARTER_DAYS))
        else {
            continue;
        };
        let first = if group.last_attended.is_some() {
            ""
        } else {
            "You have not been yet. "
        };
        let (due, tz) = (b.morning_of(due_day), b.tz);
        if let Some(rule) = b.push(
            Kind::Group,
            &group.id,
            None,
            format!("Go to a {} event", group.name),
            format!("{first}Showing up at least once a quarter keeps you known there."),
            due,
            Repeat::Days(30),
            tz,
        ) {
            rule.dated = group.last_attended.map(|on| Dated {
                meaning: DateMeaning::LastWent,
                on,
            });
        }
    }
    Ok(())
}

/// Tour meetings not held by the end of their target week: due the morning after it, asked
/// once (the user marks it met or snoozes it).
pub(super) fn tour_meetings(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT s.id, s.person_id, p.name, s.team, s.week, t.title, t.start_on
           FROM tour_stops s JOIN tours t ON t.id = s.tour_id AND t.deleted_at IS NULL
           LEFT JOIN people p ON p.id = s.person_id
         WHERE s.deleted_at IS NULL AND s.met_on IS NULL
           AND (s.person_id IS NULL OR p.deleted_at IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u8>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, NaiveDate>(6)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, team, week, tour, start_on) = row?;
        // The target week is days 7(week-1) .. 7week-1 after the start; the day after it ends.
        let Some(after) = start_on.checked_add_days(chrono::Days::new(7 * u64::from(week.max(1))))
        else {
            continue;
        };
        let title = match &name {
            Some(name) => format!("Meet {name}"),
            None => format!("Meet the {team} team"),
        };
        let (due, tz) = (b.morning_of(after), b.tz);
        b.push(
            Kind::TourMeeting,
            &id,
            person,
            title,
            format!(
                "Week {week} of your tour “{tour}” is over and this meeting has not happened. \
                 Book it, or mark it met if it did."
            ),
            due,
            Repeat::Never,
            tz,
        );
    }
    Ok(())
}

pub(super) fn one_offs(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT r.id, r.title, r.note, r.person_id, p.name, r.due_at, r.repeat, r.time_zone
           FROM reminders r LEFT JOIN people p ON p.id = r.person_id
         WHERE r.deleted_at IS NULL AND (r.person_id IS NULL OR p.deleted_at IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            time_at(r, 5)?,
            r.get::<_, Recurrence>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    for row in rows {
        let (id, title, note, person, name, due_at, recurrence, zone) = row?;
        let body = match (note.trim(), name) {
            ("", Some(name)) => format!("About {name}."),
            ("", None) => "A reminder you wrote in Allies.".into(),
            (note, _) => note.to_owned(),
        };
        let tz = zone.parse().unwrap_or(b.tz);
        b.push(
            Kind::OneOff,
            &id,
            person,
            title,
            body,
            due_at,
            recurrence.repeat(),
            tz,
        );
    }
    Ok(())
}

/// Adds every rule the user's records call for, as of `now`, except the weekly review (which
/// is written over these: see `ruleset`).
pub(super) fn recorded(
    db: &Database,
    b: &mut Builder<'_>,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> Result<()> {
    thank_yous(db, b, settings)?;
    promises(db, b)?;
    conflicts(db, b)?;
    keep_in_touch(db, b)?;
    check_ins(db, b)?;
    groups(db, b)?;
    one_offs(db, b)?;
    tour_meetings(db, b)?;
    super::support::unanswered_asks(db, b)?;
    super::support::impact_follow_ups(db, b)?;
    super::important_dates::important_dates(db, b, settings)?;
    super::important_dates::regular_one_on_ones(db, b)?;
    super::countdown::countdown_reminders(db, b, now)?;
    Ok(())
}
