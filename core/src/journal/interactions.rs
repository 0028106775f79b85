//! The journal of 1:1s, coffees, meetings and messages: what passed between the user and
//! their people, newest first, with an optional follow-up.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::check_length;
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_NOTES: usize = 100_000;
pub const MAX_FOLLOW_UP: usize = 10_000;
/// Clocks differ a little between devices; a few minutes ahead is still "now".
const CLOCK_SLACK: Duration = Duration::minutes(5);

text_enum! {
    /// What kind of contact it was.
    Kind {
        OneOnOne = "one_on_one",
        Coffee = "coffee",
        Meeting = "meeting",
        Message = "message",
        Email = "email",
        Event = "event",
        Introduction = "introduction",
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

fn validate(input: &InteractionInput, now: DateTime<Utc>) -> Result<(DateTime<Utc>, Vec<String>)> {
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
            message: format!(
                "{} is in the future. Log what has happened; put plans in the follow-up.",
                at.format("%Y-%m-%d %H:%M UTC")
            ),
        });
    }
    check_length("notes", "Notes", &input.notes, MAX_NOTES)?;
    check_length("follow_up", "Follow-up", &input.follow_up, MAX_FOLLOW_UP)?;
    Ok((at, people))
}

/// Records an interaction with one or several people, all in one transaction.
pub fn log(db: &mut Database, input: &InteractionInput, now: DateTime<Utc>) -> Result<Interaction> {
    let (at, people) = validate(input, now)?;
    for id in &people {
        crate::people::get(db, id)?;
    }
    let id = new_id(now);
    db.write(|tx| insert(tx, &id, at, input, &people, now))?;
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
            input.follow_up.trim(),
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

/// Checks an interaction and returns when it happened and who was there, once each.
pub(crate) fn checked(
    input: &InteractionInput,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Vec<String>)> {
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
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT i.id, i.occurred_at, i.kind, i.notes, i.follow_up
         FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id
         WHERE ip.person_id = ?1 AND i.deleted_at IS NULL
         ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt
        .query_map(rusqlite::params![person_id, limit], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_people(db, rows)
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
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    fn setup() -> (Database, String, String) {
        let mut db = Database::open_in_memory().unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1, 9))
            .unwrap()
            .id;
        let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), at(1, 9))
            .unwrap()
            .id;
        (db, dana, sam)
    }

    fn input(kind: Kind, people: &[&String], when: Option<DateTime<Utc>>) -> InteractionInput {
        InteractionInput {
            occurred_at: when,
            kind,
            people: people.iter().map(|s| s.to_string()).collect(),
            notes: String::new(),
            follow_up: String::new(),
        }
    }

    #[test]
    fn logged_interactions_show_newest_first_for_each_person() {
        let (mut db, dana, sam) = setup();
        let coffee = InteractionInput {
            notes: "Talked about <on-call> & hiring".into(),
            follow_up: "Send the deck".into(),
            ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
        };
        log(&mut db, &coffee, at(3, 12)).unwrap();
        log(
            &mut db,
            &input(Kind::Meeting, &[&dana, &sam, &dana], Some(at(5, 10))),
            at(5, 12),
        )
        .unwrap();

        let dana_line = timeline(&db, &dana, 50).unwrap();
        assert_eq!(
            dana_line.iter().map(|i| i.kind).collect::<Vec<_>>(),
            [Kind::Meeting, Kind::Coffee]
        );
        let names: Vec<&str> = dana_line[0]
            .people
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Dana Ng", "Sam Patel"],
            "a duplicate person is recorded once"
        );
        assert_eq!(dana_line[1].notes, "Talked about <on-call> & hiring");
        assert_eq!(timeline(&db, &sam, 50).unwrap().len(), 1);
        assert_eq!(timeline(&db, &dana, 1).unwrap().len(), 1, "the limit holds");
    }

    #[test]
    fn the_time_defaults_to_now_and_the_future_is_refused() {
        let (mut db, dana, _) = setup();
        let i = log(&mut db, &input(Kind::OneOnOne, &[&dana], None), at(4, 9)).unwrap();
        assert_eq!(i.occurred_at, at(4, 9));
        let err = log(
            &mut db,
            &input(Kind::OneOnOne, &[&dana], Some(at(4, 11))),
            at(4, 9),
        )
        .unwrap_err();
        assert_eq!(err.code(), "interactions.in_future");
        assert!(
            err.to_string()
                .contains("2026-11-04 11:00 UTC is in the future"),
            "{err}"
        );
        assert_eq!(
            timeline(&db, &dana, 50).unwrap().len(),
            1,
            "nothing half-saved"
        );
    }

    #[test]
    fn nobody_or_an_unknown_person_is_refused_whole() {
        let (mut db, dana, _) = setup();
        assert_eq!(
            log(&mut db, &input(Kind::Email, &[], None), at(4, 9))
                .unwrap_err()
                .code(),
            "interactions.nobody"
        );
        let ghost = "no-such-person".to_string();
        let err = log(
            &mut db,
            &input(Kind::Email, &[&dana, &ghost], None),
            at(4, 9),
        )
        .unwrap_err();
        assert_eq!(err.code(), "people.not_found");
        assert!(
            timeline(&db, &dana, 50).unwrap().is_empty(),
            "not logged for Dana either"
        );
    }

    #[test]
    fn a_deleted_interaction_leaves_the_timeline_and_undo_restores_it() {
        let (mut db, dana, _) = setup();
        let i = log(&mut db, &input(Kind::Coffee, &[&dana], None), at(4, 9)).unwrap();
        delete(&mut db, &i.id, at(4, 10)).unwrap();
        assert!(timeline(&db, &dana, 50).unwrap().is_empty());
        assert_eq!(restore(&mut db, &i.id).unwrap(), i);
        assert_eq!(
            delete(&mut db, "nope", at(4, 11)).unwrap_err().code(),
            "interactions.not_found"
        );
    }

    #[test]
    fn last_contact_is_the_latest_interaction() {
        let (mut db, dana, sam) = setup();
        log(
            &mut db,
            &input(Kind::Coffee, &[&dana], Some(at(2, 9))),
            at(6, 9),
        )
        .unwrap();
        log(
            &mut db,
            &input(Kind::Meeting, &[&dana], Some(at(5, 9))),
            at(6, 9),
        )
        .unwrap();
        let people = people::list(&db, "").unwrap();
        let dana_row = people.iter().find(|p| p.id == dana).unwrap();
        let sam_row = people.iter().find(|p| p.id == sam).unwrap();
        assert_eq!(dana_row.last_contact, Some(at(5, 9)));
        assert_eq!(sam_row.last_contact, None);
    }
}
