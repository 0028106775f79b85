//! When reminders are due, as a pure function of the clock: given `now`, the rules and the last
//! occurrence of each that was already shown, what to show now and when to look again.
//!
//! Nothing here reads the clock, the database or the desktop, so every rule can be tested with a
//! fixed time, across daylight-saving changes, sleeps and clocks moved back.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, LocalResult, Months, NaiveDateTime, NaiveTime, TimeZone};
use chrono::{Duration, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use super::dated::Dated;
use super::offers::Offer;
use crate::records::text_enum;

text_enum! {
    /// What a reminder is about.
    Kind {
        ThankYou = "thank_you",
        KeepInTouch = "keep_in_touch",
        Promise = "promise",
        Conflict = "conflict",
        CheckIn = "check_in",
        OneOff = "one_off",
        Group = "group",
        WeeklyReview = "weekly_review",
        TourMeeting = "tour_meeting",
        Ask = "ask",
        ImpactFollowUp = "impact_follow_up",
        ImportantDate = "important_date",
        RegularOneOnOne = "regular_one_on_one",
        Countdown = "countdown",
    }
}

/// How a rule comes back after its first due time. Repeats keep the first occurrence's
/// wall-clock time in the rule's time zone, whatever daylight saving does in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Never,
    Days(u32),
    Weeks(u32),
    /// Monthly on the 31st falls on the last day of shorter months, and back on the 31st after.
    Months(u32),
}

/// Something that becomes due, perhaps again and again, and what the user did about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Names the rule across restarts: "thank_you:<favour id>", "weekly_review", …
    pub subject: String,
    pub kind: Kind,
    pub person_id: Option<String>,
    pub title: String,
    /// The text without its date; [`Rule::dated`] carries the date, for the UI to write.
    pub body: String,
    /// The one date the text is about, if any ("due on", "last spoke on").
    pub dated: Option<Dated>,
    pub first_due: DateTime<Utc>,
    pub repeat: Repeat,
    pub tz: Tz,
    /// Occurrences due at or before this moment are done.
    pub done_through: Option<DateTime<Utc>>,
    /// An occurrence due before this moment waits until it.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The answers it offers (snoozing is always possible).
    pub offers: &'static [Offer],
}

/// The instant a local wall-clock time names. A time skipped by a spring-forward change
/// becomes the first valid instant after the gap; a time that happens twice (fall back)
/// becomes the first of the two, so it fires once.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Gaps are whole minutes and shorter than a day; the first minute that exists is
            // the instant the clocks jumped.
            let mut probe = local;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            local.and_utc()
        }
    }
}

/// The instant of `time` on the local day `days` after the local day of `at`.
pub fn local_day_at(tz: Tz, at: DateTime<Utc>, days: u64, time: NaiveTime) -> DateTime<Utc> {
    let day = at.with_timezone(&tz).date_naive();
    let day = day.checked_add_days(Days::new(days)).unwrap_or(day);
    resolve(tz, day.and_time(time))
}

impl Rule {
    /// The `n`th occurrence (0 is the first), or none past the calendar's end.
    fn occurrence(&self, n: u32) -> Option<DateTime<Utc>> {
        if n == 0 {
            return Some(self.first_due);
        }
        let local = self.first_due.with_timezone(&self.tz).naive_local();
        let shifted = match self.repeat {
            Repeat::Never => return None,
            Repeat::Days(d) => local.checked_add_days(Days::new(u64::from(n) * u64::from(d))),
            Repeat::Weeks(w) => local.checked_add_days(Days::new(u64::from(n) * u64::from(w) * 7)),
            Repeat::Months(m) => local.checked_add_months(Months::new(n.checked_mul(m)?)),
        }?;
        Some(resolve(self.tz, shifted))
    }

    /// Index of the last occurrence at or before `t`.
    fn last_index_at(&self, t: DateTime<Utc>) -> Option<u32> {
        if self.first_due > t {
            return None;
        }
        let first = self.first_due.with_timezone(&self.tz).naive_local();
        let then = t.with_timezone(&self.tz).naive_local();
        let days = (then - first).num_days().max(0);
        let estimate = match self.repeat {
            Repeat::Never => return Some(0),
            Repeat::Days(d) => days / i64::from(d.max(1)),
            Repeat::Weeks(w) => days / (7 * i64::from(w.max(1))),
            Repeat::Months(m) => {
                let months = i64::from(then.year() - first.year()) * 12 + i64::from(then.month())
                    - i64::from(first.month());
                months.max(0) / i64::from(m.max(1))
            }
        };
        let estimate = u32::try_from(estimate).unwrap_or(u32::MAX - 2);
        // The estimate is off by at most one either way (a daylight-saving hour, a short month).
        (estimate.saturating_sub(1)..=estimate + 2)
            .rev()
            .find(|&n| self.occurrence(n).is_some_and(|due| due <= t))
    }

    fn is_done(&self, due: DateTime<Utc>) -> bool {
        self.done_through.is_some_and(|d| due <= d)
    }

    /// The latest regular occurrence at or before `t`, if it is not done.
    fn pending_at(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let due = self.occurrence(self.last_index_at(t)?)?;
        (!self.is_done(due)).then_some(due)
    }

    fn first_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.last_index_at(t) {
            None => Some(self.first_due),
            Some(n) => self.occurrence(n.checked_add(1)?),
        }
    }

    /// When the occurrence that is due at `now` became due, if one is and it is not done. A
    /// snoozed occurrence is due when its snooze ends.
    pub fn due_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let due = self.pending_at(now)?;
        match self.snoozed_until {
            Some(until) if due < until => (until <= now).then_some(until),
            _ => Some(due),
        }
    }

    /// The next moment after `now` at which something of this rule becomes due.
    pub fn next_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let regular = self.first_after(now);
        match self.snoozed_until {
            Some(until)
                if until > now
                    && (self.pending_at(now).is_some() || regular.is_some_and(|r| r < until)) =>
            {
                Some(until)
            }
            _ => regular,
        }
    }
}

/// Hours in which pop-ups wait: every night from `start` to `end` (none when they are equal),
/// weekends if asked, and until `paused_until` when the user paused reminders.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiet {
    pub tz: Tz,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub weekends: bool,
    pub paused_until: Option<DateTime<Utc>>,
}

impl Quiet {
    fn in_night(&self, t: NaiveTime) -> bool {
        if self.start == self.end {
            false
        } else if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// When the quiet period around `now` ends, or `None` if pop-ups may show now.
    pub fn until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut t = now;
        // Each step leaves one kind of quiet; a pause can end inside a night, a night inside
        // a weekend, so look again after each, a bounded number of times.
        for _ in 0..6 {
            if let Some(p) = self.paused_until.filter(|p| *p > t) {
                t = p;
                continue;
            }
            let local = t.with_timezone(&self.tz);
            if self.weekends && matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
                let to_monday = 7 - u64::from(local.weekday().num_days_from_monday());
                t = local_day_at(self.tz, t, to_monday, NaiveTime::MIN);
                continue;
            }
            if self.in_night(local.time()) {
                let tomorrow = self.start > self.end && local.time() >= self.start;
                t = local_day_at(self.tz, t, u64::from(tomorrow), self.end);
                continue;
            }
            break;
        }
        (t > now).then_some(t)
    }
}

/// One occurrence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub subject: String,
    pub kind: Kind,
    pub person_id: Option<String>,
    pub title: String,
    /// The text without its date, as in [`Rule::body`].
    pub body: String,
    pub dated: Option<Dated>,
    pub due: DateTime<Utc>,
    pub offers: &'static [Offer],
}

/// What to do now: show these, and look again at `next_wake`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub show: Vec<Due>,
    /// Reminders are due but quiet hours or a pause hold them until this moment.
    pub held_until: Option<DateTime<Utc>>,
    pub next_wake: Option<DateTime<Utc>>,
}

/// Decides what to show at `now`. `shown` maps each subject to the due time of its latest
/// occurrence already shown; an occurrence is shown only if it is later than that, so a restart
/// never repeats one and neither does a clock moved back.
pub fn plan(
    now: DateTime<Utc>,
    rules: &[Rule],
    shown: &HashMap<String, DateTime<Utc>>,
    quiet: &Quiet,
) -> Plan {
    let mut due: Vec<Due> = rules
        .iter()
        .filter_map(|rule| {
            let at = rule.due_at(now)?;
            let fresh = shown.get(&rule.subject).is_none_or(|last| at > *last);
            fresh.then(|| Due {
                subject: rule.subject.clone(),
                kind: rule.kind,
                person_id: rule.person_id.clone(),
                title: rule.title.clone(),
                body: rule.body.clone(),
                dated: rule.dated,
                due: at,
                offers: rule.offers,
            })
        })
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)));
    let next_rule = rules.iter().filter_map(|r| r.next_due(now)).min();
    match quiet.until(now) {
        Some(end) if !due.is_empty() => Plan {
            show: Vec::new(),
            held_until: Some(end),
            next_wake: Some(next_rule.map_or(end, |n| n.min(end))),
        },
        _ => Plan {
            show: due,
            held_until: None,
            next_wake: next_rule,
        },
    }
}

/// More than this many reminders at once become one summary pop-up.
pub const GROUP_ABOVE: usize = 3;

/// How the reminders of one plan are shown: one by one, or, after a long sleep, together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    One(Due),
    Summary(Vec<Due>),
}

pub fn notices(show: Vec<Due>) -> Vec<Notice> {
    if show.len() > GROUP_ABOVE {
        vec![Notice::Summary(show)]
    } else {
        show.into_iter().map(Notice::One).collect()
    }
}
