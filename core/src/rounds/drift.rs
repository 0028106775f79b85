//! Drift: people on a map whose stance got worse, or who moved away from where the user needs
//! them (the distance from their place to the desired one grew), since the last weekly review.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::Result;
use crate::maps::{self, Position, Stance};
use crate::records::time_text;
use crate::storage::Database;

/// Growth of the distance to the desired place (on the 0..1 grid) that counts as drifting; a
/// nudge smaller than this is the user tidying the map.
pub const DRIFT_MIN: f64 = 0.05;
/// Without a review done yet, drift is measured over this many days.
pub const NO_REVIEW_DAYS: i64 = 7;

/// One person who drifted on one map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    pub map_id: String,
    pub map_name: String,
    pub person_id: String,
    pub name: String,
    pub stance_then: Stance,
    pub stance_now: Stance,
    pub stance_worse: bool,
    /// Distance from where they stood to where they were needed, then and now.
    pub distance_then: Option<f64>,
    pub distance_now: Option<f64>,
    pub moved_away: bool,
}

/// Drift since a moment: the last "Review done", or [`NO_REVIEW_DAYS`] ago without one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftReport {
    pub since: DateTime<Utc>,
    /// Whether `since` is a review the user did (false: none done yet).
    pub since_review: bool,
    pub people: Vec<Drift>,
}

/// When the user last marked the weekly review done.
pub fn last_review(db: &Database) -> Result<Option<DateTime<Utc>>> {
    Ok(db.conn().query_row(
        "SELECT max(done_at) FROM reminder_done WHERE kind = 'weekly_review'",
        [],
        |r| r.get(0),
    )?)
}

/// How much a stance backs the goal; None for unknown, which is neither better nor worse.
fn support(stance: Stance) -> Option<u8> {
    match stance {
        Stance::Champion => Some(4),
        Stance::Supporter => Some(3),
        Stance::Neutral => Some(2),
        Stance::Skeptic => Some(1),
        Stance::Blocker => Some(0),
        Stance::Unknown => None,
    }
}

fn since(db: &Database, now: DateTime<Utc>) -> Result<(DateTime<Utc>, bool)> {
    Ok(match last_review(db)? {
        Some(at) if at <= now => (at, true),
        _ => (now - Duration::days(NO_REVIEW_DAYS), false),
    })
}

/// Drift on one map since the last review.
pub fn drift_on_map(db: &Database, map_id: &str, now: DateTime<Utc>) -> Result<DriftReport> {
    let (since, since_review) = since(db, now)?;
    let people = on_map(db, map_id, since)?;
    Ok(DriftReport {
        since,
        since_review,
        people,
    })
}

/// Drift on every live map since the last review, map by map.
pub fn drift(db: &Database, now: DateTime<Utc>) -> Result<DriftReport> {
    let (since, since_review) = since(db, now)?;
    let mut people = Vec::new();
    for map in maps::list(db, false)? {
        people.extend(on_map(db, &map.id, since)?);
    }
    Ok(DriftReport {
        since,
        since_review,
        people,
    })
}

fn on_map(db: &Database, map_id: &str, since: DateTime<Utc>) -> Result<Vec<Drift>> {
    let map = maps::get(db, map_id)?;
    let then: HashMap<String, maps::Snapshot> = maps::state_at(db, map_id, since)?
        .into_iter()
        .map(|s| (s.person_id.clone(), s))
        .collect();
    let mut out = Vec::new();
    for p in maps::placements(db, map_id)? {
        // Someone who joined the map since has no "then" to drift from.
        let Some(old) = then.get(&p.person_id) else {
            continue;
        };
        let stance_worse = matches!(
            (support(old.stance), support(p.stance)),
            (Some(a), Some(b)) if b < a
        );
        // The need as it was then; a need first set since is measured against as it is now.
        let need_then = desired_at(db, map_id, &p.person_id, since)?.or(p.desired);
        let distance_then = need_then.map(|d| old.position.distance(d));
        let distance_now = p.desired.map(|d| p.position.distance(d));
        let moved_away = matches!(
            (distance_then, distance_now),
            (Some(a), Some(b)) if b - a > DRIFT_MIN
        );
        if stance_worse || moved_away {
            out.push(Drift {
                map_id: map.id.clone(),
                map_name: map.name.clone(),
                person_id: p.person_id,
                name: p.name,
                stance_then: old.stance,
                stance_now: p.stance,
                stance_worse,
                distance_then,
                distance_now,
                moved_away,
            });
        }
    }
    Ok(out)
}

/// Where the user needed the person at `at`: the last need recorded by then (None when none
/// was, or it had been cleared).
fn desired_at(
    db: &Database,
    map_id: &str,
    person_id: &str,
    at: DateTime<Utc>,
) -> Result<Option<Position>> {
    let row: Option<(Option<f64>, Option<f64>)> = db
        .conn()
        .prepare_cached(
            "SELECT desired_power, desired_interest FROM desired_events
              WHERE map_id = ?1 AND person_id = ?2 AND at <= ?3
              ORDER BY at DESC, id DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![map_id, person_id, time_text(at)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row
        .and_then(|(p, i)| p.zip(i))
        .map(|(p, i)| Position::new(p, i)))
}
