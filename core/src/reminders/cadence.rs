//! Keeping in touch: how often for each person (their quadrant or their own setting) and the
//! reminders that come when it has been too long.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::builder::Builder;
use super::dated::{DateMeaning, Dated};
use super::schedule::{local_day_at, Kind, Repeat};
use super::state::{states, State};
use super::subjects::subject;
use crate::error::Result;
use crate::maps::{Position, Quadrant};
use crate::records::{optional_time_at, time_at};
use crate::storage::Database;

/// How often to keep in touch with someone in each quadrant of their maps, in days.
pub fn cadence_for(quadrant: Quadrant) -> u32 {
    match quadrant {
        Quadrant::ManageClosely => 14,
        Quadrant::KeepSatisfied | Quadrant::KeepInformed => 30,
        Quadrant::Monitor => 91,
    }
}

/// Someone the user means to stay in touch with, and since when the clock runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cadence {
    pub person_id: String,
    pub name: String,
    /// Every how many days: their own cadence, or the tightest their quadrants suggest.
    pub days: u32,
    /// The most demanding quadrant they are in on a live map.
    pub quadrant: Option<Quadrant>,
    pub last_contact: Option<DateTime<Utc>>,
    /// When the clock starts: the last contact, or when they joined a map or the app, or when
    /// the user last marked the reminder done, whichever is latest.
    pub since: DateTime<Utc>,
}

/// Where the cadence in effect for someone comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum CadenceSource {
    /// The "every how many days" in their profile, which wins over any map.
    Own,
    /// Their most demanding quadrant on a live map (the first such map by name on a tie).
    Quadrant {
        map_id: String,
        map_name: String,
        quadrant: Quadrant,
    },
}

/// How often the user means to be in touch with someone, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CadenceInEffect {
    pub days: u32,
    pub source: CadenceSource,
}

/// A quadrant someone is in on a live map.
#[derive(Debug, Clone)]
struct OnMap {
    map_id: String,
    map_name: String,
    quadrant: Quadrant,
    placed_at: DateTime<Utc>,
}

/// The one rule for a cadence: their own setting wins; otherwise the tightest quadrant they are
/// in on a live map. A former colleague is off the maps, so only an own cadence keeps them.
fn in_effect(own: Option<u32>, former: bool, tightest: Option<&OnMap>) -> Option<CadenceInEffect> {
    if let Some(days) = own {
        return Some(CadenceInEffect {
            days: days.max(1),
            source: CadenceSource::Own,
        });
    }
    let on_map = tightest.filter(|_| !former)?;
    Some(CadenceInEffect {
        days: cadence_for(on_map.quadrant),
        source: CadenceSource::Quadrant {
            map_id: on_map.map_id.clone(),
            map_name: on_map.map_name.clone(),
            quadrant: on_map.quadrant,
        },
    })
}

/// Each person's tightest quadrant on a live map (`person_id` None: everyone's), with when
/// they first joined one.
fn tightest_quadrants(
    db: &Database,
    person_id: Option<&str>,
) -> Result<HashMap<String, (OnMap, DateTime<Utc>)>> {
    let mut on_maps: HashMap<String, (OnMap, DateTime<Utc>)> = HashMap::new();
    let mut stmt = db.conn().prepare_cached(
        "SELECT pl.person_id, pl.power, pl.interest, pl.placed_at, m.id, m.name FROM placements pl
           JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
          WHERE ?1 IS NULL OR pl.person_id = ?1
          ORDER BY m.name COLLATE NOCASE, m.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            OnMap {
                quadrant: Position::new(r.get(1)?, r.get(2)?).quadrant(),
                placed_at: time_at(r, 3)?,
                map_id: r.get(4)?,
                map_name: r.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (person, on_map) = row?;
        let first = on_map.placed_at;
        let entry = on_maps.entry(person).or_insert((on_map.clone(), first));
        if cadence_for(on_map.quadrant) < cadence_for(entry.0.quadrant) {
            entry.0 = on_map;
        }
        entry.1 = entry.1.min(first);
    }
    Ok(on_maps)
}

/// The cadence in effect for one person and where it comes from; None when the user has not
/// set one and they are on no live map.
pub fn cadence_of(db: &Database, person_id: &str) -> Result<Option<CadenceInEffect>> {
    let person = crate::people::get(db, person_id)?;
    let own: Option<u32> = db
        .conn()
        .query_row(
            "SELECT cadence_days FROM profiles WHERE person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let on_maps = tightest_quadrants(db, Some(person_id))?;
    Ok(in_effect(
        own,
        person.left_at.is_some(),
        on_maps.get(person_id).map(|(m, _)| m),
    ))
}

/// Everyone with a keep-in-touch cadence: those on a live map or with their own (former
/// colleagues too, when they have their own).
pub fn cadences(db: &Database) -> Result<Vec<Cadence>> {
    cadences_with(db, &states(db)?)
}

pub(super) fn cadences_with(db: &Database, done: &HashMap<String, State>) -> Result<Vec<Cadence>> {
    let on_maps = tightest_quadrants(db, None)?;
    let mut stmt = db.conn().prepare_cached(
        "WITH kept (person_id) AS (
             SELECT pl.person_id FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
             UNION SELECT person_id FROM profiles WHERE cadence_days IS NOT NULL)
         SELECT p.id, p.name, p.created_at, pr.cadence_days,
                (SELECT at FROM derived_last_contact WHERE person_id = p.id),
                p.left_at IS NOT NULL
           FROM kept JOIN people p ON p.id = kept.person_id AND p.deleted_at IS NULL
           LEFT JOIN profiles pr ON pr.person_id = p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            time_at(r, 2)?,
            r.get::<_, Option<u32>>(3)?,
            optional_time_at(r, 4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person_id, name, created_at, own, last_contact, former) = row?;
        let mapped = on_maps.get(&person_id).filter(|_| !former);
        let Some(effect) = in_effect(own, former, mapped.map(|(m, _)| m)) else {
            continue;
        };
        // The clock runs from the last contact, or from when they joined a map, and restarts
        // when the user marks the reminder done.
        let since = last_contact
            .or(mapped.map(|(_, placed)| *placed))
            .unwrap_or(created_at);
        let since = done
            .get(&subject(Kind::KeepInTouch, &person_id))
            .and_then(|s| s.done_through)
            .map_or(since, |d| since.max(d));
        out.push(Cadence {
            person_id,
            name,
            days: effect.days,
            quadrant: mapped.map(|(m, _)| m.quadrant),
            last_contact,
            since,
        });
    }
    Ok(out)
}

pub(super) fn keep_in_touch(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for c in cadences_with(db, b.states)? {
        let first_due = local_day_at(b.tz, c.since, u64::from(c.days), b.morning);
        // The day of the last contact travels beside the text, for the UI to write.
        let dated = c.last_contact.map(|t| Dated {
            meaning: DateMeaning::LastSpoke,
            on: t.with_timezone(&b.tz).date_naive(),
        });
        let first = if dated.is_some() {
            ""
        } else {
            "You have no contact logged yet. "
        };
        let tz = b.tz;
        let days = c.days;
        b.names.insert(c.person_id.clone(), c.name.clone());
        if let Some(rule) = b.push(
            Kind::KeepInTouch,
            &c.person_id,
            Some(c.person_id.clone()),
            format!("Keep in touch with {}", c.name),
            format!(
                "{first}You meant to be in touch every {days} days; a short message or a coffee \
                 keeps it warm."
            ),
            first_due,
            Repeat::Days(days),
            tz,
        ) {
            rule.dated = dated;
        }
    }
    Ok(())
}
