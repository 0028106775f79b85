//! The overdue count (the sidebar's badge), kept between changes: working it out means working
//! out every reminder (a fifth of a second with ten years of data), and the badge asks for it
//! right after the scheduler or the Reminders view has just done so.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::ruleset::rules;
use super::schedule::{local_day_at, Rule};
use super::settings;
use crate::error::Result;
use crate::storage::Database;

/// How many reminders are overdue, for the badge.
pub fn overdue_count(db: &Database, now: DateTime<Utc>) -> Result<usize> {
    let kept = db.derived(|_| Ok(Kept::default()))?;
    if let Some(count) = kept.at(now) {
        return Ok(count);
    }
    let settings = settings::get(db)?;
    let rules = rules(db, now, &settings)?;
    let counted = Counted::of(&rules, now, settings.tz());
    let count = counted.count;
    kept.keep(counted);
    Ok(count)
}

/// Where the scheduler and the Reminders view, which work out every rule anyway, keep the count
/// for the badge to read: taken before the rules are read, so the count is kept for the file as
/// it was read. Nothing is kept when it cannot be (the badge then works the count out itself).
pub(super) struct CountSlot {
    kept: Option<Arc<Kept>>,
    /// Commits by other connections when the slot was taken.
    others: Option<i64>,
}

impl CountSlot {
    pub(super) fn take(db: &Database) -> CountSlot {
        CountSlot {
            kept: db.derived(|_| Ok(Kept::default())).ok(),
            others: db.others_commits().ok(),
        }
    }

    /// Keeps the count of `rules`, worked out at `now` in time zone `tz` from the file as it was
    /// when the slot was taken.
    pub(super) fn keep(&self, rules: &[Rule], now: DateTime<Utc>, tz: Tz) {
        if let Some(kept) = &self.kept {
            kept.keep(Counted::of(rules, now, tz));
        }
    }

    /// For the scheduler, whose own rows in the log of what was shown come between: the rules
    /// do not read that log, so the count of `rules` is kept for the file as it is after them,
    /// unless another connection committed meanwhile.
    pub(super) fn keep_after_own_log(
        &self,
        db: &Database,
        rules: &[Rule],
        now: DateTime<Utc>,
        tz: Tz,
    ) {
        if self.others.is_some() && db.others_commits().ok() == self.others {
            CountSlot::take(db).keep(rules, now, tz);
        }
    }
}

/// The count for the file's state it was kept with (a change makes a new, empty one).
#[derive(Default)]
struct Kept(Mutex<Option<Counted>>);

impl Kept {
    fn at(&self, now: DateTime<Utc>) -> Option<usize> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|c| c.from <= now && now < c.until)
            .map(|c| c.count)
    }

    fn keep(&self, counted: Counted) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(counted);
    }
}

/// The overdue count at `from`, which stays the same until `until`: while the file does not
/// change, a reminder stops being overdue only when the user answers it (a change), and one
/// becomes overdue only when one of its occurrences, or the end of its snooze, comes. Which
/// countdown reminders exist depends on the day, so the count is also kept no later than the
/// next midnight.
struct Counted {
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    count: usize,
}

impl Counted {
    fn of(rules: &[Rule], now: DateTime<Utc>, tz: Tz) -> Counted {
        let midnight = local_day_at(tz, now, 1, NaiveTime::MIN);
        let until = rules
            .iter()
            .filter_map(|r| r.next_due(now))
            .fold(midnight, DateTime::min);
        Counted {
            from: now,
            until,
            count: rules.iter().filter(|r| r.due_at(now).is_some()).count(),
        }
    }
}
