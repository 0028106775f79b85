//! The journal of 1:1s, coffees, meetings and messages: what passed between the user and
//! their people, newest first, with an optional follow-up.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{line, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_NOTES: usize = 100_000;
pub const MAX_FOLLOW_UP: usize = 10_000;
/// Clocks differ a little between devices; a few minutes ahead is still "now".
const CLOCK_SLACK: Duration = Duration::minutes(5);

text_enum! {
    /// What kind of contact it was; giving public credit and endorsing count as giving in
    /// the balance of favours.
    Kind {
        OneOnOne = "one_on_one",
        Coffee = "coffee",
        Meeting = "meeting",
        Message = "message",
        Email = "email",
        Event = "event",
        Introduction = "introduction",
        // The user gave them credit in public, or endorsed them: both count as giving.
        GaveCredit = "gave_credit",
        Endorsed = "endorsed",
    }
}

/// What the user logs. `occurred_at` defaults to now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionInput {
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
    pub kind: Kind,
    pub people: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub follow_up: String,
}

/// Someone an interaction was with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interaction {
    pub id: String,
    pub occurred_at: DateTime<Utc>,
    pub kind: Kind,
    pub people: Vec<PersonRef>,
    pub notes: String,
    pub follow_up: String,
}

/// The interaction as it is kept (its notes and follow-up cleaned), when it happened and who was
/// there, once each.
fn validate(
    input: &InteractionInput,
    now: DateTime<Utc>,
) -> Result<(InteractionInput, DateTime<Utc>, Vec<String>)> {
    let mut people: Vec<String> = Vec::new();
    for id in &input.people {
        if !people.contains(id) {
            people.push(id.clone());
        }
    }
    if people.is_empty() {
        return Err(Error::Invalid {
            code: "interactions.nobody",
            field: "people",
            message: "Choose who this was with: at least one person.".into(),
        });
    }
    let at = input.occurred_at.unwrap_or(now);
    if at > now + CLOCK_SLACK {
        return Err(Error::Invalid {
            code: "interactions.in_future",
            field: "occurred_at",
            // The message sits under the field that shows the time, so it does not repeat it
            // (the core would have to write it in UTC, or in a locale it does not know).
            message: "That time is in the future. Log what has happened; put plans in the \
                      follow-up."
                .into(),
        });
    }
    let cleaned = InteractionInput {
        notes: text("notes", "Notes", &input.notes, MAX_NOTES)?,
        follow_up: line("follow_up", "Follow-up", &input.follow_up, MAX_FOLLOW_UP)?,
        ..input.clone()
    };
    Ok((cleaned, at, people))
}

/// Records an interaction with one or several people, all in one transaction.
pub fn log(db: &mut Database, input: &InteractionInput, now: DateTime<Utc>) -> Result<Interaction> {
    let (input, at, people) = validate(input, now)?;
    for id in &people {
        crate::people::get(db, id)?;
    }
    let id = new_id(now);
    db.write(|tx| insert(tx, &id, at, &input, &people, now))?;
    get(db, &id)
}

/// Writes a checked interaction inside the caller's transaction.
pub(crate) fn insert(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    at: DateTime<Utc>,
    input: &InteractionInput,
    people: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        rusqlite::params![
            id,
            time_text(at),
            input.kind,
            input.notes,
            input.follow_up,
            time_text(now)
        ],
    )?;
    for person in people {
        tx.execute(
            "INSERT INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)",
            [id, person],
        )?;
    }
    Ok(())
}

/// Checks an interaction and returns it as it is kept, when it happened and who was there, once
/// each.
pub(crate) fn checked(
    input: &InteractionInput,
    now: DateTime<Utc>,
) -> Result<(InteractionInput, DateTime<Utc>, Vec<String>)> {
    validate(input, now)
}

fn people_of(db: &Database, ids: &[String]) -> Result<HashMap<String, Vec<PersonRef>>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT ip.person_id, p.name FROM interaction_people ip JOIN people p ON p.id = ip.person_id
         WHERE ip.interaction_id = ?1 AND p.deleted_at IS NULL ORDER BY p.name_key",
    )?;
    let mut out = HashMap::new();
    for id in ids {
        let refs = stmt
            .query_map([id], |r| {
                Ok(PersonRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.insert(id.clone(), refs);
    }
    Ok(out)
}

fn with_people(db: &Database, rows: Vec<Interaction>) -> Result<Vec<Interaction>> {
    let ids: Vec<String> = rows.iter().map(|i| i.id.clone()).collect();
    let mut people = people_of(db, &ids)?;
    Ok(rows
        .into_iter()
        .map(|mut i| {
            i.people = people.remove(&i.id).unwrap_or_default();
            i
        })
        .collect())
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: r.get(0)?,
        occurred_at: r.get(1)?,
        kind: r.get(2)?,
        people: Vec::new(),
        notes: r.get(3)?,
        follow_up: r.get(4)?,
    })
}

pub fn get(db: &Database, id: &str) -> Result<Interaction> {
    let row = db
        .conn()
        .query_row(
            "SELECT id, occurred_at, kind, notes, follow_up FROM interactions
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::InteractionNotFound { id: id.to_owned() })?;
    Ok(with_people(db, vec![row])?.remove(0))
}

/// A person's interactions, newest first, at most `limit`.
pub fn timeline(db: &Database, person_id: &str, limit: usize) -> Result<Vec<Interaction>> {
    Ok(timeline_page(db, person_id, None, limit)?.interactions)
}

/// Where a page of a timeline ended: the last interaction shown. The next page starts after it,
/// so paging stays as fast on the hundredth page as on the first (no offset to skip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineCursor {
    pub occurred_at: DateTime<Utc>,
    pub id: String,
}

/// One page of a person's timeline, and where the next (older) one starts, if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinePage {
    pub interactions: Vec<Interaction>,
    pub older: Option<TimelineCursor>,
}

/// A person's interactions older than `before` (from the newest when `None`), newest first, at
/// most `limit`.
pub fn timeline_page(
    db: &Database,
    person_id: &str,
    before: Option<&TimelineCursor>,
    limit: usize,
) -> Result<TimelinePage> {
    crate::people::get(db, person_id)?;
    // The cursor's time is stored text, compared as text: the same fixed-width format sorts
    // as time does. With no cursor, a bound after every stored time.
    let (after_time, after_id) = match before {
        Some(c) => (time_text(c.occurred_at), c.id.clone()),
        None => ("~".to_owned(), String::new()),
    };
    let mut stmt = db.conn().prepare_cached(
        "SELECT i.id, i.occurred_at, i.kind, i.notes, i.follow_up
         FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id
         WHERE ip.person_id = ?1 AND i.deleted_at IS NULL
           AND (i.occurred_at < ?2 OR (i.occurred_at = ?2 AND i.id < ?3))
         ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?4",
    )?;
    // One more than asked tells whether an older page exists.
    let asked = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
    let mut rows = stmt
        .query_map(
            rusqlite::params![person_id, after_time, after_id, asked],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let older = more
        .then(|| rows.last())
        .flatten()
        .map(|last| TimelineCursor {
            occurred_at: last.occurred_at,
            id: last.id.clone(),
        });
    Ok(TimelinePage {
        interactions: with_people(db, rows)?,
        older,
    })
}

/// Changes an interaction: when, what kind, who was there, the notes and the follow-up, checked
/// as when it was logged, in one transaction. No `occurred_at` keeps the time it had. People
/// deleted since keep their place in it, so it is whole again if they are brought back.
pub fn edit(
    db: &mut Database,
    id: &str,
    input: &InteractionInput,
    now: DateTime<Utc>,
) -> Result<Interaction> {
    let found = get(db, id)?;
    let input = InteractionInput {
        occurred_at: Some(input.occurred_at.unwrap_or(found.occurred_at)),
        ..input.clone()
    };
    let (input, at, people) = validate(&input, now)?;
    for person in &people {
        crate::people::get(db, person)?;
    }
    let was_with: Vec<String> = found.people.into_iter().map(|p| p.id).collect();
    db.write(|tx| {
        tx.execute(
            "UPDATE interactions SET occurred_at = ?2, kind = ?3, notes = ?4, follow_up = ?5,
                    updated_at = ?6
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                time_text(at),
                input.kind,
                input.notes,
                input.follow_up,
                time_text(now)
            ],
        )?;
        for gone in was_with.iter().filter(|p| !people.contains(p)) {
            tx.execute(
                "DELETE FROM interaction_people WHERE interaction_id = ?1 AND person_id = ?2",
                [id, gone],
            )?;
        }
        for person in people.iter().filter(|p| !was_with.contains(p)) {
            tx.execute(
                "INSERT OR IGNORE INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)",
                [id, person],
            )?;
        }
        Ok(())
    })?;
    get(db, id)
}

/// Deletes an interaction; [`restore`] undoes it.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Interaction> {
    let found = get(db, id)?;
    delete_softly(db, "interactions", id, now)?;
    Ok(found)
}

pub fn restore(db: &mut Database, id: &str) -> Result<Interaction> {
    undelete(db, "interactions", id)?;
    get(db, id)
}

#[cfg(test)]
mod tests;
