//! "Try it with sample people": a small, realistic workspace added in one step and removed again
//! in one step, taking away everything it added and nothing the user added.
//!
//! `sample_rows` remembers the records the sample made (people, the map, interactions, favours,
//! promises, links); what belongs to them (profiles, places on the map and their history, who was
//! at an interaction, reminder answers) goes with them. Edits the user made to a sample record go
//! with it, as the banner says. The user's own records stay, and so do the sample people they
//! refer to: a sample person in one of the user's interactions, favours, promises, conflicts,
//! links, written reminders, check-ins, tour meetings or places on the user's own maps is kept
//! (and is the user's from then on), and [`remove`] names them. The sample map is kept the same
//! way when the user put one of their own people on it.

#[cfg(test)]
mod tests;
mod workspace;

use chrono::{DateTime, Days, Duration, Utc};
use rusqlite::Transaction;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::people::{self, PersonInput};
use crate::records::{new_id, time_text};
use crate::storage::Database;
use workspace::{
    FAVOUR, INTERACTIONS, LINKS, MAP_DESCRIPTION, MAP_NAME, MAP_TARGET_DAYS, ORGANISATION, PEOPLE,
    PLACES, PROMISE, TAG,
};

/// Whether the sample is there, for the banner and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub present: bool,
    /// How many sample people there are now.
    pub people: i64,
}

/// What adding the sample made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    pub people: usize,
    pub map_id: String,
    pub map_name: String,
}

/// A sample person kept because the user's own records refer to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    pub id: String,
    pub name: String,
    pub role: String,
}

/// What removing the sample took away, and what it kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub people: i64,
    /// Sample people kept, by name, because the user's own records refer to them.
    pub kept: Vec<Kept>,
    /// Whether the sample map was kept because the user put their own people on it.
    pub kept_map: bool,
}

pub fn status(db: &Database) -> Result<Status> {
    let (rows, people): (i64, i64) = db.conn().query_row(
        "SELECT count(*),
                count(*) FILTER (WHERE s.tbl = 'people' AND EXISTS (
                    SELECT 1 FROM people p WHERE p.id = s.row_key AND p.deleted_at IS NULL))
           FROM sample_rows s",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Status {
        present: rows > 0,
        people,
    })
}

/// Adds the sample workspace in one transaction, its dates counted back (and forward) from
/// `now` so its reminders are due. Refused while a sample is already there.
pub fn add(db: &mut Database, now: DateTime<Utc>) -> Result<Added> {
    if status(db)?.present {
        return Err(Error::SampleThere);
    }
    let today = now
        .with_timezone(&crate::reminders::settings::get(db)?.tz())
        .date_naive();
    let map_id = new_id(now);
    db.write(|tx| {
        let mut people = Vec::with_capacity(PEOPLE.len());
        // Each person added a few minutes apart, so "date added" sorts them in a stable order.
        for (i, p) in PEOPLE.iter().enumerate() {
            let added = now - Duration::days(60) + Duration::minutes(i as i64);
            let id = new_id(added);
            let input = PersonInput {
                name: p.name.into(),
                role: p.role.into(),
                department: p.department.into(),
                organisation: ORGANISATION.into(),
                notes: p.notes.into(),
                tags: TAG.into(),
                ..Default::default()
            }
            .validated()?;
            people::save(tx, people::INSERT, &id, &input, added)?;
            tx.execute(
                "INSERT INTO profiles (person_id, level, motivations, updated_at)
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, p.level, p.motivations, time_text(added)],
            )?;
            remember(tx, "people", &id)?;
            people.push(id);
        }

        let made = now - Duration::days(30);
        tx.execute(
            "INSERT INTO maps (id, name, description, target_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![
                map_id,
                MAP_NAME,
                MAP_DESCRIPTION,
                today.checked_add_days(Days::new(MAP_TARGET_DAYS)),
                time_text(made)
            ],
        )?;
        remember(tx, "maps", &map_id)?;
        for &(who, power, interest, stance) in PLACES {
            tx.execute(
                "INSERT INTO placements (map_id, person_id, power, interest, stance, placed_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                rusqlite::params![map_id, people[who], power, interest, stance, time_text(made)],
            )?;
            tx.execute(
                "INSERT INTO placement_events (map_id, person_id, at, kind, power, interest, stance)
                 VALUES (?1, ?2, ?3, 'placed', ?4, ?5, ?6)",
                rusqlite::params![map_id, people[who], time_text(made), power, interest, stance],
            )?;
        }

        for &(days_ago, kind, who, notes, follow_up) in INTERACTIONS {
            let at = now - Duration::days(days_ago);
            let id = new_id(at);
            tx.execute(
                "INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?2, ?2)",
                rusqlite::params![id, time_text(at), kind, notes, follow_up],
            )?;
            for &person in who {
                tx.execute(
                    "INSERT INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)",
                    [&id, &people[person]],
                )?;
            }
            remember(tx, "interactions", &id)?;
        }

        let (who, description, days_ago) = FAVOUR;
        let done = time_text(now - Duration::days(days_ago));
        let id = new_id(now);
        tx.execute(
            "INSERT INTO favours (id, person_id, direction, description, status, done_at, created_at, updated_at)
             VALUES (?1, ?2, 'by_them', ?3, 'done', ?4, ?4, ?4)",
            rusqlite::params![id, people[who], description, done],
        )?;
        remember(tx, "favours", &id)?;

        let (who, description, in_days) = PROMISE;
        let id = new_id(now);
        tx.execute(
            "INSERT INTO promises (id, person_id, direction, description, due_on, created_at, updated_at)
             VALUES (?1, ?2, 'mine', ?3, ?4, ?5, ?5)",
            rusqlite::params![
                id,
                people[who],
                description,
                today.checked_add_days(Days::new(in_days)),
                time_text(now - Duration::days(5))
            ],
        )?;
        remember(tx, "promises", &id)?;

        for &(from, to, kind, strength) in LINKS {
            let id = new_id(now);
            tx.execute(
                "INSERT INTO links (id, from_id, to_id, kind, strength, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![id, people[from], people[to], kind, strength, time_text(made)],
            )?;
            remember(tx, "links", &id)?;
        }
        Ok(())
    })?;
    Ok(Added {
        people: PEOPLE.len(),
        map_id,
        map_name: MAP_NAME.into(),
    })
}

fn remember(tx: &Transaction<'_>, tbl: &str, key: &str) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO sample_rows (tbl, row_key) VALUES (?1, ?2)",
        [tbl, key],
    )
}

/// Sample records of `tbl`, as an SQL list to select from.
fn sample(tbl: &str) -> String {
    format!("(SELECT row_key FROM sample_rows WHERE tbl = '{tbl}')")
}

/// Removes the sample in one transaction: everything it added, and nothing the user added
/// (see the module's note for the sample people and map that are kept). Refused when there is
/// no sample.
pub fn remove(db: &mut Database) -> Result<Removed> {
    if !status(db)?.present {
        return Err(Error::NoSample);
    }
    let people = sample("people");
    let maps = sample("maps");
    let interactions = sample("interactions");
    let favours = sample("favours");
    let promises = sample("promises");
    let links = sample("links");
    db.write(|tx| {
        // The sample people and map the user's own records refer to stay, and become theirs.
        tx.execute_batch(&format!(
            "CREATE TEMP TABLE sample_kept (tbl TEXT NOT NULL, row_key TEXT NOT NULL);
             INSERT INTO sample_kept
             SELECT 'people', p.id FROM people p WHERE p.id IN {people} AND (
                 EXISTS (SELECT 1 FROM interaction_people ip WHERE ip.person_id = p.id
                          AND ip.interaction_id NOT IN {interactions})
              OR EXISTS (SELECT 1 FROM favours f WHERE f.person_id = p.id AND f.id NOT IN {favours})
              OR EXISTS (SELECT 1 FROM promises r WHERE r.person_id = p.id AND r.id NOT IN {promises})
              OR EXISTS (SELECT 1 FROM conflicts c WHERE c.person_id = p.id)
              OR EXISTS (SELECT 1 FROM links l WHERE (l.from_id = p.id OR l.to_id = p.id)
                          AND l.id NOT IN {links})
              OR EXISTS (SELECT 1 FROM reminders w WHERE w.person_id = p.id)
              OR EXISTS (SELECT 1 FROM check_ins c WHERE c.person_id = p.id)
              OR EXISTS (SELECT 1 FROM tour_stops t WHERE t.person_id = p.id)
              OR EXISTS (SELECT 1 FROM win_shares s WHERE s.person_id = p.id)
              OR EXISTS (SELECT 1 FROM placements pl WHERE pl.person_id = p.id
                          AND pl.map_id NOT IN {maps}));
             INSERT INTO sample_kept
             SELECT 'maps', m.id FROM maps m WHERE m.id IN {maps} AND (EXISTS (
                 SELECT 1 FROM placements pl WHERE pl.map_id = m.id AND pl.person_id NOT IN {people})
              OR EXISTS (SELECT 1 FROM wins w WHERE w.map_id = m.id));
             DELETE FROM sample_rows WHERE (tbl, row_key) IN (SELECT tbl, row_key FROM sample_kept);"
        ))?;
        let kept = {
            let mut stmt = tx.prepare(
                "SELECT id, name, role FROM people
                  WHERE id IN (SELECT row_key FROM sample_kept WHERE tbl = 'people') ORDER BY name_key",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Kept {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let kept_map: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sample_kept WHERE tbl = 'maps')",
            [],
            |r| r.get(0),
        )?;
        let removed_people: i64 = tx.query_row(
            &format!("SELECT count(*) FROM people WHERE id IN {people}"),
            [],
            |r| r.get(0),
        )?;
        // Children before parents: foreign keys are on. A place or its history goes when its
        // person or its map goes; what the user answered about a sample reminder goes with it.
        tx.execute_batch(&format!(
            "DELETE FROM placement_events WHERE person_id IN {people} OR map_id IN {maps};
             DELETE FROM desired_events WHERE person_id IN {people} OR map_id IN {maps};
             DELETE FROM placements WHERE person_id IN {people} OR map_id IN {maps};
             DELETE FROM profiles WHERE person_id IN {people};
             DELETE FROM interaction_people WHERE interaction_id IN {interactions};
             DELETE FROM interactions WHERE id IN {interactions};
             DELETE FROM favours WHERE id IN {favours};
             DELETE FROM promises WHERE id IN {promises};
             DELETE FROM links WHERE id IN {links};
             DELETE FROM reminder_done WHERE person_id IN {people};
             DELETE FROM reminder_state WHERE substr(subject, instr(subject, ':') + 1) IN
                 (SELECT row_key FROM sample_rows);
             DELETE FROM reminder_log WHERE substr(subject, instr(subject, ':') + 1) IN
                 (SELECT row_key FROM sample_rows);
             DELETE FROM people WHERE id IN {people};
             DELETE FROM maps WHERE id IN {maps};
             DELETE FROM sample_rows;
             DROP TABLE temp.sample_kept;"
        ))?;
        Ok(Removed {
            people: removed_people,
            kept,
            kept_map,
        })
    })
}
