//! Rule sources for dates that matter to people (birthdays, work anniversaries, start dates) and
//! for a regular 1:1 at the rhythm agreed with someone.

use chrono::NaiveDate;

use super::builder::Builder;
use super::schedule::{local_day_at, Kind, Repeat};
use super::settings::ReminderSettings;
use crate::dates::{self, DateKind};
use crate::error::Result;
use crate::records::{optional_time_at, time_at};
use crate::storage::Database;

/// The year every yearly date is anchored in: a leap year, so 29 February exists and comes back
/// on 28 February in other years (monthly repeats fall on a shorter month's last day).
const ANCHOR_YEAR: i32 = 2000;

/// Whether the user wants reminders for `kind` unless a person says otherwise.
fn wanted_for_everyone(settings: &ReminderSettings, kind: DateKind) -> bool {
    match kind {
        DateKind::Birthday => settings.birthday_reminders,
        DateKind::Anniversary | DateKind::StartDate => settings.work_date_reminders,
    }
}

/// A reminder on the morning of each date, every year, for the dates the user wants reminding
/// of. A day that passed before the date was recorded is never reminded of.
pub(super) fn important_dates(
    db: &Database,
    b: &mut Builder<'_>,
    settings: &ReminderSettings,
) -> Result<()> {
    for recorded in dates::all_recorded(db)? {
        let date = &recorded.date;
        if !date
            .remind
            .unwrap_or(wanted_for_everyone(settings, date.kind))
        {
            continue;
        }
        let Some(anchor) = NaiveDate::from_ymd_opt(ANCHOR_YEAR, date.month, date.day) else {
            continue;
        };
        let name = &recorded.name;
        let (title, body) = match date.kind {
            DateKind::Birthday => (
                format!("{name}’s birthday"),
                format!("It is {name}’s birthday today. A short note means a lot."),
            ),
            DateKind::Anniversary => (
                format!("{name}’s work anniversary"),
                format!("It is {name}’s work anniversary today: a good day to say what their work has meant."),
            ),
            DateKind::StartDate => (
                format!("{name} started on this day"),
                format!("{name} started on this day. Mark it, or ask how the year went."),
            ),
        };
        let (due, tz) = (b.morning_of(anchor), b.tz);
        let set_at = recorded.set_at;
        if let Some(rule) = b.push(
            Kind::ImportantDate,
            &format!("{}:{}", recorded.person_id, date.kind.as_str()),
            Some(recorded.person_id.clone()),
            title,
            body,
            due,
            Repeat::Months(12),
            tz,
        ) {
            rule.done_through = Some(rule.done_through.map_or(set_at, |d| d.max(set_at)));
        }
    }
    Ok(())
}

/// A regular 1:1 every N weeks: due N weeks after the last 1:1 logged with the person (or after
/// the rhythm was agreed), then again every N weeks until one is logged.
pub(super) fn regular_one_on_ones(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT pr.person_id, p.name, pr.one_on_one_weeks,
                coalesce(pr.one_on_one_since, pr.updated_at),
                (SELECT max(i.occurred_at) FROM interactions i
                   JOIN interaction_people ip ON ip.interaction_id = i.id
                  WHERE ip.person_id = pr.person_id AND i.deleted_at IS NULL
                    AND i.kind = 'one_on_one')
           FROM profiles pr JOIN people p ON p.id = pr.person_id AND p.deleted_at IS NULL
          WHERE pr.one_on_one_weeks IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            time_at(r, 3)?,
            optional_time_at(r, 4)?,
        ))
    })?;
    for row in rows {
        let (person, name, weeks, agreed, last) = row?;
        let since = last.unwrap_or(agreed);
        let first_due = local_day_at(b.tz, since, 7 * u64::from(weeks), b.morning);
        let every = if weeks == 1 {
            "every week".to_owned()
        } else {
            format!("every {weeks} weeks")
        };
        let tz = b.tz;
        b.push(
            Kind::RegularOneOnOne,
            &person,
            Some(person.clone()),
            format!("1:1 with {name}"),
            format!("You agreed to meet {name} {every}. Book the next one."),
            first_due,
            Repeat::Weeks(weeks),
            tz,
        );
    }
    Ok(())
}
