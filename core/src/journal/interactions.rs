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
            err.to_string().contains("That time is in the future"),
            "{err}"
        );
        assert!(
            !err.to_string().contains("UTC"),
            "the message never shows the user a UTC time: {err}"
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

    #[test]
    fn an_edit_changes_every_field_and_the_people_in_one_go() {
        let (mut db, dana, sam) = setup();
        let first = InteractionInput {
            notes: "Old notes".into(),
            follow_up: "Old follow-up".into(),
            ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
        };
        let i = log(&mut db, &first, at(3, 12)).unwrap();
        let changed = InteractionInput {
            notes: "New notes".into(),
            follow_up: "  Send the deck  ".into(),
            ..input(Kind::Meeting, &[&sam, &sam], Some(at(2, 8)))
        };
        let edited = edit(&mut db, &i.id, &changed, at(4, 9)).unwrap();
        assert_eq!(
            (
                edited.occurred_at,
                edited.kind,
                edited.notes.as_str(),
                edited.follow_up.as_str()
            ),
            (at(2, 8), Kind::Meeting, "New notes", "Send the deck"),
            "the follow-up is trimmed as when it was logged"
        );
        assert_eq!(
            edited
                .people
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            [sam.as_str()],
            "Dana left it, Sam joined it once"
        );
        assert!(timeline(&db, &dana, 50).unwrap().is_empty());
        assert_eq!(
            timeline(&db, &sam, 50).unwrap(),
            std::slice::from_ref(&edited)
        );
        let kept_time = edit(
            &mut db,
            &i.id,
            &input(Kind::Email, &[&sam, &dana], None),
            at(4, 9),
        )
        .unwrap();
        assert_eq!(
            kept_time.occurred_at,
            at(2, 8),
            "no time given keeps the time it had, not now"
        );
        assert_eq!(kept_time.people.len(), 2);
    }

    #[test]
    fn an_edit_is_checked_as_a_new_interaction_and_refused_whole() {
        let (mut db, dana, _) = setup();
        let original = InteractionInput {
            notes: "Kept".into(),
            ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
        };
        let i = log(&mut db, &original, at(3, 12)).unwrap();
        let ghost = "no-such-person".to_string();
        let cases = [
            (
                input(Kind::Email, &[], None),
                "interactions.nobody",
                Some("people"),
            ),
            (
                input(Kind::Email, &[&dana], Some(at(5, 10))),
                "interactions.in_future",
                Some("occurred_at"),
            ),
            (
                InteractionInput {
                    notes: "x".repeat(MAX_NOTES + 1),
                    ..input(Kind::Email, &[&dana], None)
                },
                "input.too_long",
                Some("notes"),
            ),
            (
                InteractionInput {
                    follow_up: "x".repeat(MAX_FOLLOW_UP + 1),
                    ..input(Kind::Email, &[&dana], None)
                },
                "input.too_long",
                Some("follow_up"),
            ),
            (
                input(Kind::Email, &[&dana, &ghost], None),
                "people.not_found",
                None,
            ),
        ];
        for (bad, code, field) in cases {
            let err = edit(&mut db, &i.id, &bad, at(4, 9)).unwrap_err();
            assert_eq!(err.code(), code);
            assert_eq!(
                crate::WireError::from(err).field.as_deref(),
                field,
                "the message goes next to the field, as at creation"
            );
        }
        assert_eq!(get(&db, &i.id).unwrap(), i, "nothing half-saved");
    }

    #[test]
    fn editing_an_unknown_or_deleted_interaction_is_not_found() {
        let (mut db, dana, _) = setup();
        let i = log(&mut db, &input(Kind::Coffee, &[&dana], None), at(3, 9)).unwrap();
        delete(&mut db, &i.id, at(3, 10)).unwrap();
        let change = input(Kind::Meeting, &[&dana], None);
        for id in [i.id.as_str(), "nope"] {
            assert_eq!(
                edit(&mut db, id, &change, at(4, 9)).unwrap_err().code(),
                "interactions.not_found"
            );
        }
        assert_eq!(restore(&mut db, &i.id).unwrap().kind, Kind::Coffee);
    }

    #[test]
    fn a_person_deleted_since_keeps_their_place_in_an_edited_interaction() {
        let (mut db, dana, sam) = setup();
        let i = log(
            &mut db,
            &input(Kind::Meeting, &[&dana, &sam], Some(at(2, 9))),
            at(3, 9),
        )
        .unwrap();
        people::delete(&mut db, &sam, at(3, 10)).unwrap();
        edit(
            &mut db,
            &i.id,
            &input(Kind::Event, &[&dana], None),
            at(3, 11),
        )
        .unwrap();
        people::restore(&mut db, &sam).unwrap();
        assert_eq!(
            get(&db, &i.id).unwrap().people.len(),
            2,
            "Sam comes back into the meeting with his undo"
        );
    }

    #[test]
    fn the_timeline_pages_through_everything_by_cursor() {
        let (mut db, dana, _) = setup();
        // 450 interactions, several at the very same minute, so the id breaks ties.
        let start = at(1, 0);
        for n in 0..450i64 {
            let when = start + Duration::minutes(n / 3);
            log(
                &mut db,
                &input(Kind::Message, &[&dana], Some(when)),
                at(28, 0),
            )
            .unwrap();
        }
        let mut seen: Vec<Interaction> = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = timeline_page(&db, &dana, cursor.as_ref(), 200).unwrap();
            assert!(page.interactions.len() <= 200);
            seen.extend(page.interactions);
            pages += 1;
            match page.older {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(pages, 3, "200 + 200 + 50");
        assert_eq!(seen.len(), 450, "every interaction shows once");
        let mut ids: Vec<&str> = seen.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 450, "no interaction shows twice across pages");
        assert!(
            seen.windows(2)
                .all(|w| (w[0].occurred_at, &w[0].id) > (w[1].occurred_at, &w[1].id)),
            "newest first, across page ends too"
        );
        let exact = timeline_page(&db, &dana, None, 450).unwrap();
        assert_eq!(
            exact.older, None,
            "a page that ends with the last one says there is nothing older"
        );
    }
}
