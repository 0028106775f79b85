//! Countdown reminders: 8, 4, 2 and 1 weeks before a map's target date, each naming who on the
//! map has not heard from the user and the other gaps there. Each fires once; after a sleep
//! only the latest one passed is caught up (the older ones are out of date by then).

use chrono::{DateTime, Days, Utc};

use super::builder::Builder;
use super::schedule::{Kind, Repeat};
use crate::error::Result;
use crate::rounds::{countdowns, COUNTDOWN_WEEKS};
use crate::storage::Database;

pub(super) fn countdown_reminders(
    db: &Database,
    b: &mut Builder<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let today = now.with_timezone(&b.tz).date_naive();
    for c in countdowns(db, now)? {
        // Thresholds from the latest (1 week) to the earliest; the first one already reached is
        // the only past one kept.
        let mut passed_one = false;
        for weeks in COUNTDOWN_WEEKS.iter().rev() {
            let Some(day) = c
                .target_date
                .checked_sub_days(Days::new(7 * u64::from(*weeks)))
            else {
                continue;
            };
            if day <= today {
                if passed_one {
                    continue;
                }
                passed_one = true;
            }
            let when = if *weeks == 1 {
                "1 week".to_owned()
            } else {
                format!("{weeks} weeks")
            };
            let gaps = c.gap_sentences();
            let body = if gaps.is_empty() {
                "Everyone on the map has heard from you lately. Keep it that way.".to_owned()
            } else {
                gaps.join(" ")
            };
            let (due, tz) = (b.morning_of(day), b.tz);
            b.push(
                Kind::Countdown,
                &format!("{}:{weeks}", c.map_id),
                None,
                format!("{when} to the round: {}", c.map_name),
                body,
                due,
                Repeat::Never,
                tz,
            );
        }
    }
    Ok(())
}
