//! A map's history: where everyone stood at a moment and where the user needed them then, who
//! moved between two moments, how far back it goes, and the largest gaps between where people
//! stand and where the user needs them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{get, placements, Position, Stance};
use crate::error::Result;
use crate::fields::fold;
use crate::records::time_text;
use crate::storage::Database;

/// Where a person stood at some moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub position: Position,
    pub stance: Stance,
    /// Where the user needed them then, when they had said.
    pub desired: Option<Position>,
}

/// The map as it was at `at`: each person's last recorded state up to then, and the last need
/// recorded for them by then. A need set before they were last taken off the map went with
/// them (taking someone off forgets it), so it is not shown again once they are back.
pub fn state_at(db: &Database, map_id: &str, at: DateTime<Utc>) -> Result<Vec<Snapshot>> {
    get(db, map_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT e.person_id, pe.name, pe.role, e.power, e.interest, e.stance,
                d.desired_power, d.desired_interest
         FROM placement_events e JOIN people pe ON pe.id = e.person_id
         LEFT JOIN desired_events d ON d.id =
              (SELECT l.id FROM desired_events l
                WHERE l.map_id = e.map_id AND l.person_id = e.person_id AND l.at <= ?2
                  AND l.at >= coalesce((SELECT max(r.at) FROM placement_events r
                                         WHERE r.map_id = e.map_id AND r.person_id = e.person_id
                                           AND r.kind = 'removed' AND r.at <= ?2), '')
                ORDER BY l.at DESC, l.id DESC LIMIT 1)
         WHERE e.map_id = ?1 AND pe.deleted_at IS NULL AND e.kind != 'removed'
           AND e.id = (SELECT l.id FROM placement_events l
                       WHERE l.map_id = e.map_id AND l.person_id = e.person_id AND l.at <= ?2
                       ORDER BY l.at DESC, l.id DESC LIMIT 1)
         ORDER BY pe.name_key, pe.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![map_id, time_text(at)], |row| {
        let desired: Option<(f64, f64)> = row
            .get::<_, Option<f64>>(6)?
            .zip(row.get::<_, Option<f64>>(7)?);
        Ok(Snapshot {
            person_id: row.get(0)?,
            name: row.get(1)?,
            role: row.get(2)?,
            position: Position::new(row.get(3)?, row.get(4)?),
            stance: row.get(5)?,
            desired: desired.map(|(p, i)| Position::new(p, i)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How one person's place changed between two moments. `from` is None for someone who
/// joined the map in between, `to` None for someone who left it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    pub person_id: String,
    pub name: String,
    pub from: Option<Snapshot>,
    pub to: Option<Snapshot>,
    /// How far they moved on the grid (0 when only the stance changed or they joined/left).
    pub distance: f64,
}

/// Everyone whose position or stance differs between `from` and `to`, the biggest moves first
/// (a changed need alone is not a move: the person did not go anywhere).
pub fn moves_between(
    db: &Database,
    map_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Movement>> {
    let before: HashMap<String, Snapshot> = state_at(db, map_id, from)?
        .into_iter()
        .map(|s| (s.person_id.clone(), s))
        .collect();
    let mut after: HashMap<String, Snapshot> = state_at(db, map_id, to)?
        .into_iter()
        .map(|s| (s.person_id.clone(), s))
        .collect();
    let mut moves = Vec::new();
    for (id, old) in before {
        let new = after.remove(&id);
        if new
            .as_ref()
            .is_some_and(|n| n.position == old.position && n.stance == old.stance)
        {
            continue;
        }
        let distance = new
            .as_ref()
            .map_or(0.0, |n| old.position.distance(n.position));
        moves.push(Movement {
            person_id: id,
            name: new.as_ref().map_or(old.name.clone(), |n| n.name.clone()),
            from: Some(old),
            to: new,
            distance,
        });
    }
    for (id, new) in after {
        moves.push(Movement {
            person_id: id,
            name: new.name.clone(),
            from: None,
            to: Some(new),
            distance: 0.0,
        });
    }
    moves.sort_by(|a, b| {
        b.distance
            .total_cmp(&a.distance)
            .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
    });
    Ok(moves)
}

/// The first and last recorded change on a map (of a place, a stance or a need), for a history
/// slider; None before any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

pub fn history_span(db: &Database, map_id: &str) -> Result<Option<Span>> {
    get(db, map_id)?;
    let (first, last): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = db.conn().query_row(
        "SELECT min(at), max(at) FROM
           (SELECT at FROM placement_events WHERE map_id = ?1
            UNION ALL SELECT at FROM desired_events WHERE map_id = ?1)",
        [map_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(first.zip(last).map(|(first, last)| Span { first, last }))
}

/// How far a person is from where the user needs them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub person_id: String,
    pub name: String,
    pub current: Position,
    pub desired: Position,
    pub distance: f64,
}

/// People with a desired position, the furthest from it first.
pub fn largest_gaps(db: &Database, map_id: &str, limit: usize) -> Result<Vec<Gap>> {
    let mut gaps: Vec<Gap> = placements(db, map_id)?
        .into_iter()
        .filter_map(|p| {
            p.desired.map(|desired| Gap {
                distance: p.position.distance(desired),
                person_id: p.person_id,
                name: p.name,
                current: p.position,
                desired,
            })
        })
        .collect();
    gaps.sort_by(|a, b| b.distance.total_cmp(&a.distance));
    gaps.truncate(limit);
    Ok(gaps)
}
