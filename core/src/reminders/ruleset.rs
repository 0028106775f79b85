//! The whole rule set: the rules the user's records call for, then the weekly review written
//! over them (its pop-up counts what they hold).

use chrono::{DateTime, Utc};

use super::builder::Builder;
use super::review::weekly_review;
use super::rules::recorded;
use super::schedule::Rule;
use super::settings::ReminderSettings;
use super::state::states;
use crate::error::Result;
use crate::storage::Database;

/// Every rule the user's records call for, as of `now`, the weekly review included.
pub fn rules(db: &Database, now: DateTime<Utc>, settings: &ReminderSettings) -> Result<Vec<Rule>> {
    let states = states(db)?;
    let mut b = Builder::new(settings, &states);
    recorded(db, &mut b, settings, now)?;
    weekly_review(db, &mut b, settings, now)?;
    Ok(b.rules)
}
