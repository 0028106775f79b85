//! Keeping in touch: how often for each person (their quadrant or their own setting) and the
//! reminders that come when it has been too long.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::builder::Builder;
use super::schedule::{local_day_at, Kind, Repeat};
use super::state::{states, State};
use super::subjects::subject;
use crate::error::Result;
use crate::maps::{Position, Quadrant};
use crate::storage::Database;

/// How often to keep in touch with someone in each quadrant of their maps, in days.
pub fn cadence_for(quadrant: Quadrant) -> u32 {
    match quadrant {
        Quadrant::ManageClosely => 14,
        Quadrant::KeepSatisfied | Quadrant::KeepInformed => 30,
        Quadrant::Monitor => 91,
    }
}

/// Everyone with a cadence: their own, or the tightest their quadrants on live maps suggest.
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

/// Everyone with a keep-in-touch cadence: those on a live map or with their own.
pub fn cadences(db: &Database) -> Result<Vec<Cadence>> {
    cadences_with(db, &states(db)?)
}

pub(super) fn cadences_with(db: &Database, done: &HashMap<String, State>) -> Result<Vec<Cadence>> {
    let mut on_maps: HashMap<String, (Quadrant, DateTime<Utc>)> = HashMap::new();
    {
        let mut stmt = db.conn().prepare_cached(
            "SELECT pl.person_id, pl.power, pl.interest, pl.placed_at FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Position::new(r.get(1)?, r.get(2)?),
                r.get::<_, DateTime<Utc>>(3)?,
            ))
        })?;
        for row in rows {
            let (person, position, placed_at) = row?;
            let quadrant = position.quadrant();
            let entry = on_maps.entry(person).or_insert((quadrant, placed_at));
            if cadence_for(quadrant) < cadence_for(entry.0) {
                entry.0 = quadrant;
            }
            entry.1 = entry.1.min(placed_at);
        }
    }
    let mut stmt = db.conn().prepare_cached(
        "WITH kept (person_id) AS (
             SELECT pl.person_id FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
             UNION SELECT person_id FROM profiles WHERE cadence_days IS NOT NULL)
         SELECT p.id, p.name, p.created_at, pr.cadence_days,
                (SELECT max(i.occurred_at) FROM interaction_people ip
                   JOIN interactions i ON i.id = ip.interaction_id
                  WHERE ip.person_id = p.id AND i.deleted_at IS NULL)
           FROM kept JOIN people p ON p.id = kept.person_id
                AND p.deleted_at IS NULL AND p.left_at IS NULL
           LEFT JOIN profiles pr ON pr.person_id = p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, DateTime<Utc>>(2)?,
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<DateTime<Utc>>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person_id, name, created_at, own, last_contact) = row?;
        let mapped = on_maps.get(&person_id).copied();
        let Some(days) = own.or(mapped.map(|(q, _)| cadence_for(q))) else {
            continue;
        };
        // The clock runs from the last contact, or from when they joined a map, and restarts
        // when the user marks the reminder done.
        let since = last_contact
            .or(mapped.map(|(_, placed)| placed))
            .unwrap_or(created_at);
        let since = done
            .get(&subject(Kind::KeepInTouch, &person_id))
            .and_then(|s| s.done_through)
            .map_or(since, |d| since.max(d));
        out.push(Cadence {
            person_id,
            name,
            days: days.max(1),
            quadrant: mapped.map(|(q, _)| q),
            last_contact,
            since,
        });
    }
    Ok(out)
}

pub(super) fn keep_in_touch(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for c in cadences_with(db, b.states)? {
        let first_due = local_day_at(b.tz, c.since, u64::from(c.days), b.morning);
        let ago = match c.last_contact {
            Some(t) => format!(
                "You last spoke on {}",
                t.with_timezone(&b.tz).format("%-d %b")
            ),
            None => "You have no contact logged yet".into(),
        };
        let tz = b.tz;
        let days = c.days;
        b.names.insert(c.person_id.clone(), c.name.clone());
        b.push(
            Kind::KeepInTouch,
            &c.person_id,
            Some(c.person_id.clone()),
            format!("Keep in touch with {}", c.name),
            format!(
                "{ago}; you meant to every {days} days. A short message or a coffee keeps it warm."
            ),
            first_due,
            Repeat::Days(days),
            tz,
        );
    }
    Ok(())
}
