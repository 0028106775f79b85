//! Stakeholder maps: one per goal, placing people on a power/interest grid, with the history
//! of every move and stance, and where the user needs each person to be.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, fold, line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_MAP_NAME: usize = 500;
pub const MAX_MAP_DESCRIPTION: usize = 10_000;

text_enum! {
    /// How a person feels about the user's goal.
    Stance {
        Champion = "champion",
        Supporter = "supporter",
        Neutral = "neutral",
        Skeptic = "skeptic",
        Blocker = "blocker",
        Unknown = "unknown",
    }
}

/// A point on the grid: power runs bottom (0) to top (1), interest left (0) to right (1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub power: f64,
    pub interest: f64,
}

impl Position {
    pub fn new(power: f64, interest: f64) -> Position {
        Position { power, interest }
    }

    fn validated(self, field: &'static str) -> Result<Position> {
        for (axis, value) in [("power", self.power), ("interest", self.interest)] {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::Invalid {
                    code: "maps.out_of_range",
                    field,
                    message: format!(
                        "A {axis} of {value} is off the grid; positions run from 0 to 1."
                    ),
                });
            }
        }
        Ok(self)
    }

    pub fn distance(self, other: Position) -> f64 {
        (self.power - other.power).hypot(self.interest - other.interest)
    }
}

text_enum! {
    /// The four quarters of the grid, split at the middle of each axis.
    Quadrant {
        ManageClosely = "manage_closely",
        KeepSatisfied = "keep_satisfied",
        KeepInformed = "keep_informed",
        Monitor = "monitor",
    }
}

impl Position {
    /// The quarter of the grid this point falls in; the middle line counts as high.
    pub fn quadrant(self) -> Quadrant {
        match (self.power >= 0.5, self.interest >= 0.5) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }
}

/// A map as listed and edited.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Map {
    pub id: String,
    pub name: String,
    pub description: String,
    pub target_date: Option<NaiveDate>,
    pub archived: bool,
    pub people_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the user typed into the map form. An empty target date means none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapInput {
    pub name: String,
    pub description: String,
    pub target_date: String,
}

impl MapInput {
    pub fn named(name: &str) -> Self {
        MapInput {
            name: name.to_owned(),
            ..Default::default()
        }
    }
}

struct ValidMap {
    name: String,
    description: String,
    target_date: Option<NaiveDate>,
}

fn validate(input: &MapInput) -> Result<ValidMap> {
    let name = line("name", "Name", &input.name, MAX_MAP_NAME)?;
    required(
        &name,
        "maps.name_required",
        "name",
        "Enter a name for the map, such as the goal it serves.",
    )?;
    let description = text(
        "description",
        "Description",
        &input.description,
        MAX_MAP_DESCRIPTION,
    )?;
    let target_date = day(&input.target_date, "maps.bad_date", "target_date")?;
    Ok(ValidMap {
        name,
        description,
        target_date,
    })
}

const MAP_COLUMNS: &str = "m.id, m.name, m.description, m.target_date, m.archived_at IS NOT NULL,
    (SELECT count(*) FROM placements p JOIN people pe ON pe.id = p.person_id
      WHERE p.map_id = m.id AND pe.deleted_at IS NULL AND pe.left_at IS NULL),
    m.created_at, m.updated_at";

fn map_from_row(row: &Row<'_>) -> rusqlite::Result<Map> {
    Ok(Map {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        target_date: row.get(3)?,
        archived: row.get(4)?,
        people_count: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

/// A map that has not been deleted.
pub fn get(db: &Database, id: &str) -> Result<Map> {
    db.conn()
        .query_row(
            &format!("SELECT {MAP_COLUMNS} FROM maps m WHERE m.id = ?1 AND m.deleted_at IS NULL"),
            [id],
            map_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::MapNotFound { id: id.to_owned() })
}

/// Maps not deleted: active ones first, each group by name.
pub fn list(db: &Database, include_archived: bool) -> Result<Vec<Map>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {MAP_COLUMNS} FROM maps m WHERE m.deleted_at IS NULL AND (?1 OR m.archived_at IS NULL)"
    ))?;
    let mut maps = stmt
        .query_map([include_archived], map_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    maps.sort_by_cached_key(|m| (m.archived, fold(&m.name), m.id.clone()));
    Ok(maps)
}

pub fn create(db: &mut Database, input: &MapInput, now: DateTime<Utc>) -> Result<Map> {
    let m = validate(input)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO maps (id, name, description, target_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, m.name, m.description, m.target_date, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Renames a map or changes its description or target date.
pub fn update(db: &mut Database, id: &str, input: &MapInput, now: DateTime<Utc>) -> Result<Map> {
    let m = validate(input)?;
    let changed = db.write(|tx| {
        Ok(tx.execute(
            "UPDATE maps SET name = ?2, description = ?3, target_date = ?4, updated_at = ?5
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, m.name, m.description, m.target_date, time_text(now)],
        )?)
    })?;
    if changed == 0 {
        return Err(Error::MapNotFound { id: id.to_owned() });
    }
    get(db, id)
}

/// Archives a map (kept, out of the way) or brings it back.
pub fn set_archived(
    db: &mut Database,
    id: &str,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<Map> {
    let at = archived.then(|| time_text(now));
    let changed = db.write(|tx| {
        Ok(tx.execute(
            "UPDATE maps SET archived_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, at],
        )?)
    })?;
    if changed == 0 {
        return Err(Error::MapNotFound { id: id.to_owned() });
    }
    get(db, id)
}

/// Deletes a map with everything on it; [`restore`] undoes it.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Map> {
    let map = get(db, id)?;
    delete_softly(db, "maps", id, now)?;
    Ok(map)
}

pub fn restore(db: &mut Database, id: &str) -> Result<Map> {
    undelete(db, "maps", id)?;
    get(db, id)
}

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

const PLACEMENT_COLUMNS: &str = "p.person_id, pe.name, pe.role, p.power, p.interest, p.stance,
    p.desired_power, p.desired_interest, p.updated_at";

fn placement_from_row(row: &Row<'_>) -> rusqlite::Result<Placement> {
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

fn placement(db: &Database, map_id: &str, person_id: &str) -> Result<Option<Placement>> {
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

fn on_map(db: &Database, map_id: &str, person_id: &str) -> Result<Placement> {
    get(db, map_id)?;
    let name = crate::people::get(db, person_id)?.name;
    placement(db, map_id, person_id)?.ok_or(Error::NotOnMap { name })
}

fn record(
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

/// Where a person stood at some moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub position: Position,
    pub stance: Stance,
}

/// The map as it was at `at`: each person's last recorded state up to then.
pub fn state_at(db: &Database, map_id: &str, at: DateTime<Utc>) -> Result<Vec<Snapshot>> {
    get(db, map_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT e.person_id, pe.name, pe.role, e.power, e.interest, e.stance
         FROM placement_events e JOIN people pe ON pe.id = e.person_id
         WHERE e.map_id = ?1 AND pe.deleted_at IS NULL AND e.kind != 'removed'
           AND e.id = (SELECT l.id FROM placement_events l
                       WHERE l.map_id = e.map_id AND l.person_id = e.person_id AND l.at <= ?2
                       ORDER BY l.at DESC, l.id DESC LIMIT 1)
         ORDER BY pe.name_key, pe.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![map_id, time_text(at)], |row| {
        Ok(Snapshot {
            person_id: row.get(0)?,
            name: row.get(1)?,
            role: row.get(2)?,
            position: Position::new(row.get(3)?, row.get(4)?),
            stance: row.get(5)?,
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

/// Everyone whose position or stance differs between `from` and `to`, the biggest moves first.
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
        if new.as_ref() == Some(&old) {
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

/// The first and last recorded change on a map, for a history slider; None before any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

pub fn history_span(db: &Database, map_id: &str) -> Result<Option<Span>> {
    get(db, map_id)?;
    let (first, last): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) = db.conn().query_row(
        "SELECT min(at), max(at) FROM placement_events WHERE map_id = ?1",
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
