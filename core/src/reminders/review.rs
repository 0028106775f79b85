//! The weekly review: one reminder that sums up the week, and the Review page it opens, where
//! every item comes with the answer that closes it. Both count the same things the same way.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::Serialize;

use super::builder::Builder;
use super::item::{item, Item};
use super::offers::Offer;
use super::rules::recorded;
use super::schedule::{local_day_at, Kind, Repeat, Rule};
use super::settings::{self, ReminderSettings};
use super::state::states;
use super::subjects::{keep_in_touch_subject, weekly_review_subject};
use crate::asks::coverage::ForumCover;
use crate::asks::Ask;
use crate::error::Result;
use crate::maps::{moves_between, Movement};
use crate::network::insights::{visibility_gap, Unseen, VISIBILITY_DAYS};
use crate::network::tour;
use crate::records::time_text;
use crate::storage::Database;
use crate::wins;

/// How far ahead the review looks: the week to come.
pub const WEEK_DAYS: i64 = 7;

pub(super) fn joined(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first @ .., last] if list.len() <= 4 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} more", list[..3].join(", "), list.len() - 3),
    }
}

/// The reminders the review lists, each as the Reminders view shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sections {
    /// Keep-in-touch reminders due now.
    pub going_cold: Vec<Item>,
    pub thank_yous: Vec<Item>,
    /// Promises due by the end of the coming week, the user's own and other people's.
    pub promises_mine: Vec<Item>,
    pub promises_theirs: Vec<Item>,
    /// Every open conflict, due or not.
    pub conflicts: Vec<Item>,
    pub check_ins: Vec<Item>,
    pub groups: Vec<Item>,
    /// Tour meetings whose target week is over.
    pub tour_meetings: Vec<Item>,
    /// Asks with no answer two weeks after they were asked.
    pub asks_unanswered: Vec<Item>,
    /// Thank-yous a few weeks old: tell them how it turned out.
    pub impact_follow_ups: Vec<Item>,
    /// Birthdays, work anniversaries and start dates in the coming week that remind the user.
    pub important_dates: Vec<Item>,
}

/// When a rule needs the user within `horizon`, unless they snoozed it (snoozing on the page
/// means "not this week").
fn needs(rule: &Rule, now: DateTime<Utc>, horizon: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if rule.snoozed_until.is_some_and(|s| s > now) {
        return None;
    }
    rule.due_at(now)
        .or_else(|| rule.next_due(now).filter(|n| *n <= horizon))
}

impl Sections {
    /// The sections of the review as of `now`, from the rules (the weekly review's own is left out).
    pub(super) fn of(rules: &[Rule], now: DateTime<Utc>) -> Sections {
        let week = now + Duration::days(WEEK_DAYS);
        let mut s = Sections::default();
        for rule in rules {
            let horizon = match rule.kind {
                Kind::KeepInTouch | Kind::TourMeeting | Kind::Ask | Kind::ImpactFollowUp => now,
                Kind::Conflict => DateTime::<Utc>::MAX_UTC,
                Kind::WeeklyReview | Kind::OneOff | Kind::RegularOneOnOne | Kind::Countdown => {
                    continue
                }
                _ => week,
            };
            let Some(due) = needs(rule, now, horizon) else {
                continue;
            };
            let list = match rule.kind {
                Kind::KeepInTouch => &mut s.going_cold,
                Kind::ThankYou => &mut s.thank_yous,
                Kind::Promise if rule.offers.contains(&Offer::Kept) => &mut s.promises_theirs,
                Kind::Promise => &mut s.promises_mine,
                Kind::Conflict => &mut s.conflicts,
                Kind::CheckIn => &mut s.check_ins,
                Kind::Group => &mut s.groups,
                Kind::TourMeeting => &mut s.tour_meetings,
                Kind::Ask => &mut s.asks_unanswered,
                Kind::ImpactFollowUp => &mut s.impact_follow_ups,
                Kind::ImportantDate => &mut s.important_dates,
                Kind::WeeklyReview | Kind::OneOff | Kind::RegularOneOnOne | Kind::Countdown => {
                    continue
                }
            };
            list.push(item(rule, due));
        }
        for list in [
            &mut s.going_cold,
            &mut s.thank_yous,
            &mut s.promises_mine,
            &mut s.promises_theirs,
            &mut s.conflicts,
            &mut s.check_ins,
            &mut s.groups,
            &mut s.tour_meetings,
            &mut s.asks_unanswered,
            &mut s.impact_follow_ups,
            &mut s.important_dates,
        ] {
            list.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)));
        }
        s
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What the weekly review says when nothing needs the user.
const WARM: &str = "Your alliances are warm. Take five minutes to plan next week’s conversations.";

/// The sentence with the clause for powerful people who have heard of none of the user's recent
/// wins, when there are any.
fn with_wins_gap(sentence: String, gaps: &[wins::gap::MapGap]) -> String {
    match wins::gap::sentence(gaps) {
        None => sentence,
        Some(clause) if sentence == WARM => clause,
        Some(clause) => format!("{sentence} {clause}"),
    }
}

/// The weekly review's sentence: one clause for each thing that needs the user this week, the
/// same counts the Review page lists.
pub(super) fn sentence(
    s: &Sections,
    names: &HashMap<String, String>,
    unseen: usize,
    maps_changed: usize,
) -> String {
    let cold: Vec<&str> = s
        .going_cold
        .iter()
        .filter_map(|i| names.get(i.person_id.as_deref()?).map(String::as_str))
        .collect();
    let mut lines = Vec::new();
    if !cold.is_empty() {
        lines.push(format!("Going cold: {}.", joined(&cold)));
    }
    if unseen > 0 {
        lines.push(format!(
            "{} with power not seen in {VISIBILITY_DAYS} days.",
            counted(unseen, "person", "people")
        ));
    }
    if !s.thank_yous.is_empty() {
        lines.push(format!(
            "{} to send.",
            counted(s.thank_yous.len(), "thank-you", "thank-yous")
        ));
    }
    let (mine, theirs) = (s.promises_mine.len(), s.promises_theirs.len());
    if mine + theirs > 0 {
        lines.push(format!(
            "{} due by next week ({mine} yours, {theirs} theirs).",
            counted(mine + theirs, "promise", "promises")
        ));
    }
    for (n, one, many) in [
        (s.conflicts.len(), "open conflict.", "open conflicts."),
        (
            s.check_ins.len(),
            "check-in this week.",
            "check-ins this week.",
        ),
        (
            s.groups.len(),
            "group to go back to.",
            "groups to go back to.",
        ),
        (
            s.tour_meetings.len(),
            "tour meeting overdue.",
            "tour meetings overdue.",
        ),
        (
            s.asks_unanswered.len(),
            "ask waiting for an answer.",
            "asks waiting for an answer.",
        ),
        (
            s.impact_follow_ups.len(),
            "helper to tell how it turned out.",
            "helpers to tell how it turned out.",
        ),
        (
            s.important_dates.len(),
            "date that matters this week.",
            "dates that matter this week.",
        ),
        (
            maps_changed,
            "map changed this week.",
            "maps changed this week.",
        ),
    ] {
        if n > 0 {
            lines.push(counted(n, one, many));
        }
    }
    if lines.is_empty() {
        WARM.into()
    } else {
        lines.join(" ")
    }
}

/// Live maps where someone was placed, moved, re-staged or removed in the past week.
fn maps_changed(db: &Database, now: DateTime<Utc>) -> Result<Vec<(String, String)>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT m.id, m.name FROM maps m
          WHERE m.deleted_at IS NULL AND m.archived_at IS NULL
            AND EXISTS (SELECT 1 FROM placement_events e
                         WHERE e.map_id = m.id AND e.at > ?1 AND e.at <= ?2)
          ORDER BY m.name, m.id",
    )?;
    let rows = stmt.query_map(
        [time_text(now - Duration::days(WEEK_DAYS)), time_text(now)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn weekly_review(
    db: &Database,
    b: &mut Builder<'_>,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> Result<()> {
    if !settings.weekly_review {
        return Ok(());
    }
    let since = settings.since.unwrap_or(now);
    let local = since.with_timezone(&b.tz);
    let ahead = (7 + settings.weekly_review_day.num_days_from_monday()
        - local.weekday().num_days_from_monday())
        % 7;
    let mut first = local_day_at(
        b.tz,
        since,
        u64::from(ahead),
        settings.weekly_review_clock(),
    );
    if first < since {
        first = local_day_at(
            b.tz,
            since,
            u64::from(ahead) + 7,
            settings.weekly_review_clock(),
        );
    }
    let body = with_wins_gap(
        sentence(
            &Sections::of(&b.rules, now),
            &b.names,
            visibility_gap(db, now)?.len(),
            maps_changed(db, now)?.len(),
        ),
        &wins::gap::gaps(db, now)?,
    );
    let tz = b.tz;
    b.push(
        Kind::WeeklyReview,
        "",
        None,
        "Weekly review".into(),
        body,
        first,
        Repeat::Weeks(1),
        tz,
    );
    Ok(())
}

/// A powerful person not seen lately, with the keep-in-touch reminder "Got in touch" answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unnoticed {
    #[serde(flatten)]
    pub person: Unseen,
    pub subject: String,
}

/// The current tour: how far along it is and which meetings are late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TourWeek {
    pub tour_id: String,
    pub title: String,
    pub met: usize,
    pub total: usize,
}

/// The week's moves on one map, the biggest first. Empty when the week's changes cancelled out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapWeek {
    pub map_id: String,
    pub name: String,
    pub moves: Vec<Movement>,
}

/// The Review page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewPage {
    pub now: DateTime<Utc>,
    pub time_zone: String,
    /// What the weekly review's pop-up says.
    pub summary: String,
    /// The weekly review's subject, which "Review done" answers; none while it is turned off.
    pub review_subject: Option<String>,
    #[serde(flatten)]
    pub sections: Sections,
    pub visibility_gap: Vec<Unnoticed>,
    pub tour: Option<TourWeek>,
    pub maps: Vec<MapWeek>,
    /// Goals with powerful people who have heard of none of the user's recent wins.
    pub wins_gap: Vec<wins::gap::MapGap>,
    /// Who agreed to support the user, and how.
    pub agreed_asks: Vec<Ask>,
    /// Forums where nobody has agreed to speak for the user.
    pub forum_gaps: Vec<ForumCover>,
}

/// Everything the weekly review covers, as of `now`.
pub fn review_page(db: &Database, now: DateTime<Utc>) -> Result<ReviewPage> {
    let settings = settings::get(db)?;
    let states = states(db)?;
    let mut b = Builder::new(&settings, &states);
    recorded(db, &mut b, &settings, now)?;
    // The review's own rule too: "Review done" answers it (none while it is turned off).
    weekly_review(db, &mut b, &settings, now)?;
    let (rules, names) = (b.rules, b.names);
    let sections = Sections::of(&rules, now);
    let gap: Vec<Unnoticed> = visibility_gap(db, now)?
        .into_iter()
        .map(|person| Unnoticed {
            subject: keep_in_touch_subject(&person.person_id),
            person,
        })
        .collect();
    let changed = maps_changed(db, now)?;
    let wins_gap = wins::gap::gaps(db, now)?;
    let summary = with_wins_gap(
        sentence(&sections, &names, gap.len(), changed.len()),
        &wins_gap,
    );
    let mut maps = Vec::new();
    for (map_id, name) in changed {
        let moves = moves_between(db, &map_id, now - Duration::days(WEEK_DAYS), now)?;
        maps.push(MapWeek {
            map_id,
            name,
            moves,
        });
    }
    let tour = tour::current(db)?.map(|t| TourWeek {
        tour_id: t.id,
        title: t.title,
        met: t.progress.met,
        total: t.progress.total,
    });
    let review_subject = rules
        .iter()
        .any(|r| r.kind == Kind::WeeklyReview)
        .then(weekly_review_subject);
    Ok(ReviewPage {
        now,
        time_zone: settings.time_zone,
        summary,
        review_subject,
        sections,
        visibility_gap: gap,
        tour,
        maps,
        wins_gap,
        agreed_asks: crate::asks::agreed(db, None)?,
        forum_gaps: crate::asks::coverage::gaps(db)?,
    })
}
