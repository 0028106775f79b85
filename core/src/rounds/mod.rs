//! Before the round that decides: the countdown to a map's target date (the next promotion
//! round) with who has not heard from the user, drift since the last weekly review, and the
//! meeting brief to read before a 1:1.

mod brief;
mod countdown;
mod drift;
#[cfg(test)]
mod tests;

pub use brief::{
    brief, brief_file_name, brief_text, Brief, BriefMap, BriefPerson, BRIEF_INTERACTIONS,
};
pub use countdown::{
    countdown, countdowns, Countdown, Named, NotHeard, COUNTDOWN_WEEKS, NOT_HEARD_DAYS,
};
pub use drift::{drift, drift_on_map, last_review, Drift, DriftReport, DRIFT_MIN, NO_REVIEW_DAYS};

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::Result;
use crate::storage::Database;

/// The user's calendar day at `now`, in the time zone of their reminder settings.
pub(crate) fn today(db: &Database, now: DateTime<Utc>) -> Result<NaiveDate> {
    let tz = crate::reminders::settings::get(db)?.tz();
    Ok(now.with_timezone(&tz).date_naive())
}
