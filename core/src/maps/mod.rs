//! Stakeholder maps: one per goal, placing people on a power/interest grid, with the history
//! of every move and stance, and where the user needs each person to be.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, fold, line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

mod history;
mod placements;

pub use history::{
    history_span, largest_gaps, moves_between, state_at, Gap, Movement, Snapshot, Span,
};
pub(crate) use placements::place_in_quadrant;
pub use placements::{
    place, placements, set_desired, set_stance, stances_of, unplace, MapStance, Placement,
};

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
