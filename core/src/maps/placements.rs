//! Who stands where on a map: placing people, moving them, their stance and where the user needs
//! them, each change recorded in the map's history.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction};
use serde::Serialize;

use super::{get, Position, Quadrant, Stance};
use crate::error::{Error, Result};
use crate::records::time_text;
use crate::storage::Database;

/// A person on a map now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub position: Position,
    pub stance: Stance,
    /// Where the user needs this person to be.
    pub desired: Option<Position>,
    pub updated_at: DateTime<Utc>,
}

pub(super) const PLACEMENT_COLUMNS: &str =
    "p.person_id, pe.name, pe.role, p.power, p.interest, p.stance,
    p.desired_power, p.desired_interest, p.updated_at";

pub(super) fn placement_from_row(row: &Row<'_>) -> rusqlite::Result<Placement> {
    let desired_power: Option<f64> = row.get(6)?;
    let desired_interest: Option<f64> = row.get(7)?;
    Ok(Placement {
        person_id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        position: Position::new(row.get(3)?, row.get(4)?),
        stance: row.get(5)?,
        desired: desired_power
            .zip(desired_interest)
            .map(|(p, i)| Position::new(p, i)),
        updated_at: row.get(8)?,
    })
}

/// Where a person stands on one map: the stance the map and their profile share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapStance {
    pub map_id: String,
    pub map_name: String,
    pub stance: Stance,
    pub quadrant: Quadrant,
}

/// A person's stance on each live map they are on, by map name.
pub fn stances_of(db: &Database, person_id: &str) -> Result<Vec<MapStance>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT m.id, m.name, p.stance, p.power, p.interest FROM placements p
           JOIN maps m ON m.id = p.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
         WHERE p.person_id = ?1 ORDER BY m.name COLLATE NOCASE, m.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(MapStance {
            map_id: r.get(0)?,
            map_name: r.get(1)?,
            stance: r.get(2)?,
            quadrant: Position::new(r.get(3)?, r.get(4)?).quadrant(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everyone on the map now (people who were deleted are left out), by name.
pub fn placements(db: &Database, map_id: &str) -> Result<Vec<Placement>> {
    get(db, map_id)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {PLACEMENT_COLUMNS} FROM placements p JOIN people pe ON pe.id = p.person_id
         WHERE p.map_id = ?1 AND pe.deleted_at IS NULL AND pe.left_at IS NULL ORDER BY pe.name_key, pe.id"
    ))?;
    let rows = stmt.query_map([map_id], placement_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn placement(db: &Database, map_id: &str, person_id: &str) -> Result<Option<Placement>> {
    Ok(db
        .conn()
        .query_row(
            &format!(
                "SELECT {PLACEMENT_COLUMNS} FROM placements p JOIN people pe ON pe.id = p.person_id
                 WHERE p.map_id = ?1 AND p.person_id = ?2 AND pe.deleted_at IS NULL"
            ),
            [map_id, person_id],
            placement_from_row,
        )
        .optional()?)
}

pub(super) fn on_map(db: &Database, map_id: &str, person_id: &str) -> Result<Placement> {
    get(db, map_id)?;
    let name = crate::people::get(db, person_id)?.name;
    placement(db, map_id, person_id)?.ok_or(Error::NotOnMap { name })
}

pub(super) fn record(
    tx: &Transaction<'_>,
    map_id: &str,
    person_id: &str,
    now: DateTime<Utc>,
    kind: &str,
    state: Option<(Position, Stance)>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO placement_events (map_id, person_id, at, kind, power, interest, stance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            map_id,
            person_id,
            time_text(now),
            kind,
            state.map(|s| s.0.power),
            state.map(|s| s.0.interest),
            state.map(|s| s.1),
        ],
    )?;
    Ok(())
}

/// Inside the caller's transaction, puts a person on the map at `spot` in `quadrant`, or moves
/// them to `spot` when they are on it in another quadrant, recording it in the map's history;
/// someone already in `quadrant` stays where they are. Says whether anything changed.
pub(crate) fn place_in_quadrant(
    tx: &Transaction<'_>,
    map_id: &str,
    person_id: &str,
    quadrant: Quadrant,
    spot: Position,
    now: DateTime<Utc>,
) -> Result<bool> {
    let spot = spot.validated("position")?;
    let before: Option<(Position, Stance)> = tx
        .prepare_cached(
            "SELECT power, interest, stance FROM placements WHERE map_id = ?1 AND person_id = ?2",
        )?
        .query_row([map_id, person_id], |r| {
            Ok((Position::new(r.get(0)?, r.get(1)?), r.get(2)?))
        })
        .optional()?;
    if before.is_some_and(|(p, _)| p.quadrant() == quadrant) {
        return Ok(false);
    }
    let stance = before.map_or(Stance::Unknown, |(_, s)| s);
    tx.prepare_cached(
        "INSERT INTO placements (map_id, person_id, power, interest, stance, placed_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (map_id, person_id) DO UPDATE
         SET power = excluded.power, interest = excluded.interest, updated_at = excluded.updated_at",
    )?
    .execute(rusqlite::params![map_id, person_id, spot.power, spot.interest, stance, time_text(now)])?;
    let kind = if before.is_some() { "moved" } else { "placed" };
    record(tx, map_id, person_id, now, kind, Some((spot, stance)))?;
    Ok(true)
}

/// Puts a person on the map at `position`, or moves them there. A new placement takes
/// `stance` (unknown when not given); an existing one keeps its stance unless one is given.
pub fn place(
    db: &mut Database,
    map_id: &str,
    person_id: &str,
    position: Position,
    stance: Option<Stance>,
    now: DateTime<Utc>,
) -> Result<Placement> {
    let position = position.validated("position")?;
    get(db, map_id)?;
    crate::people::get(db, person_id)?;
    let before = placement(db, map_id, person_id)?;
    let stance = stance
        .or(before.as_ref().map(|p| p.stance))
        .unwrap_or(Stance::Unknown);
    if let Some(b) = &before {
        if b.position == position && b.stance == stance {
            return Ok(b.clone());
        }
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO placements (map_id, person_id, power, interest, stance, placed_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
             ON CONFLICT (map_id, person_id) DO UPDATE
             SET power = excluded.power, interest = excluded.interest, stance = excluded.stance,
                 updated_at = excluded.updated_at",
            rusqlite::params![map_id, person_id, position.power, position.interest, stance, time_text(now)],
        )?;
        let kind = if before.is_some() { "moved" } else { "placed" };
        record(tx, map_id, person_id, now, kind, Some((position, stance)))?;
        Ok(())
    })?;
    on_map(db, map_id, person_id)
}

/// Marks how a person on the map feels about the goal.
pub fn set_stance(
    db: &mut Database,
    map_id: &str,
    person_id: &str,
    stance: Stance,
    now: DateTime<Utc>,
) -> Result<Placement> {
    let current = on_map(db, map_id, person_id)?;
    if current.stance == stance {
        return Ok(current);
    }
    db.write(|tx| {
        tx.execute(
            "UPDATE placements SET stance = ?3, updated_at = ?4 WHERE map_id = ?1 AND person_id = ?2",
            rusqlite::params![map_id, person_id, stance, time_text(now)],
        )?;
        record(tx, map_id, person_id, now, "stance", Some((current.position, stance)))?;
        Ok(())
    })?;
    on_map(db, map_id, person_id)
}

/// Sets (or with `None` clears) where the user needs this person to be.
pub fn set_desired(
    db: &mut Database,
    map_id: &str,
    person_id: &str,
    desired: Option<Position>,
    now: DateTime<Utc>,
) -> Result<Placement> {
    let desired = desired.map(|d| d.validated("desired")).transpose()?;
    on_map(db, map_id, person_id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE placements SET desired_power = ?3, desired_interest = ?4, updated_at = ?5
             WHERE map_id = ?1 AND person_id = ?2",
            rusqlite::params![
                map_id,
                person_id,
                desired.map(|d| d.power),
                desired.map(|d| d.interest),
                time_text(now)
            ],
        )?;
        // Kept like positions, so drift from where they are needed can be told later.
        tx.execute(
            "INSERT INTO desired_events (map_id, person_id, at, desired_power, desired_interest)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                map_id,
                person_id,
                time_text(now),
                desired.map(|d| d.power),
                desired.map(|d| d.interest)
            ],
        )?;
        Ok(())
    })?;
    on_map(db, map_id, person_id)
}

/// Takes a person off the map and returns the placement they had, for undo.
pub fn unplace(
    db: &mut Database,
    map_id: &str,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<Placement> {
    let current = on_map(db, map_id, person_id)?;
    db.write(|tx| {
        tx.execute(
            "DELETE FROM placements WHERE map_id = ?1 AND person_id = ?2",
            [map_id, person_id],
        )?;
        record(tx, map_id, person_id, now, "removed", None)?;
        Ok(())
    })?;
    Ok(current)
}
