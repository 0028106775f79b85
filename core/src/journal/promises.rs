//! Promises both ways, with due dates: what the user owes people and what people owe the user.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_DESCRIPTION: usize = 10_000;

text_enum! {
    /// Who made the promise.
    Owner {
        Mine = "mine",
        Theirs = "theirs",
    }
}

text_enum! {
    PromiseStatus {
        Open = "open",
        Kept = "kept",
        Dropped = "dropped",
    }
}

/// What the user typed. An empty due date means none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseInput {
    pub person_id: String,
    pub owner: Owner,
    pub description: String,
    #[serde(default)]
    pub due_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promise {
    pub id: String,
    pub person_id: String,
    pub owner: Owner,
    pub description: String,
    pub due_on: Option<NaiveDate>,
    pub status: PromiseStatus,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Open and past its due date, as of the day the list was asked for.
    pub overdue: bool,
}

const COLUMNS: &str =
    "id, person_id, direction, description, due_on, status, closed_at, created_at";

fn from_row(today: NaiveDate) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Promise> {
    move |r| {
        let due_on: Option<NaiveDate> = r.get(4)?;
        let status: PromiseStatus = r.get(5)?;
        Ok(Promise {
            id: r.get(0)?,
            person_id: r.get(1)?,
            owner: r.get(2)?,
            description: r.get(3)?,
            due_on,
            status,
            closed_at: r.get(6)?,
            created_at: r.get(7)?,
            overdue: status == PromiseStatus::Open && due_on.is_some_and(|d| d < today),
        })
    }
}

pub fn get(db: &Database, id: &str, today: NaiveDate) -> Result<Promise> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM promises WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            from_row(today),
        )
        .optional()?
        .ok_or_else(|| Error::PromiseNotFound { id: id.to_owned() })
}

/// The description and due date as a promise keeps them: the text trimmed, not empty, not too
/// long; the date a real day, or none.
fn checked(typed: &str, due_on: &str) -> Result<(String, Option<NaiveDate>)> {
    let description = line("description", "Description", typed, MAX_DESCRIPTION)?;
    required(
        &description,
        "promises.description_required",
        "description",
        "Say what was promised, in a few words.",
    )?;
    let due_on = day(due_on, "promises.bad_date", "due_on")?;
    Ok((description, due_on))
}

/// A promise as the user corrects it. An empty due date clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseEdit {
    pub owner: Owner,
    pub description: String,
    #[serde(default)]
    pub due_on: String,
    pub status: PromiseStatus,
}

/// Changes a promise in one transaction, checked as when it was made. A promise closed before
/// keeps the time it was closed; one closed by this edit is closed now.
pub fn edit(
    db: &mut Database,
    id: &str,
    input: &PromiseEdit,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Promise> {
    let found = get(db, id, today)?;
    let (description, due_on) = checked(&input.description, &input.due_on)?;
    let closed_at = match input.status {
        PromiseStatus::Open => None,
        _ => Some(found.closed_at.unwrap_or(now)),
    };
    db.write(|tx| {
        tx.execute(
            "UPDATE promises SET direction = ?2, description = ?3, due_on = ?4, status = ?5,
                    closed_at = ?6, updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                input.owner,
                description,
                due_on,
                input.status,
                closed_at.map(time_text),
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id, today)
}

/// Records a promise, open until it is kept or dropped.
pub fn make(
    db: &mut Database,
    input: &PromiseInput,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Promise> {
    let (description, due_on) = checked(&input.description, &input.due_on)?;
    crate::people::get(db, &input.person_id)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO promises (id, person_id, direction, description, due_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            rusqlite::params![id, input.person_id, input.owner, description, due_on, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &id, today)
}

/// Marks a promise kept or dropped, or open again.
pub fn set_status(
    db: &mut Database,
    id: &str,
    status: PromiseStatus,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Promise> {
    get(db, id, today)?;
    let closed_at = (status != PromiseStatus::Open).then(|| time_text(now));
    db.write(|tx| {
        tx.execute(
            "UPDATE promises SET status = ?2, closed_at = ?3, updated_at = ?4 WHERE id = ?1",
            rusqlite::params![id, status, closed_at, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, id, today)
}

/// A person's promises: open ones first, soonest due first (undated last), then closed ones.
pub fn for_person(db: &Database, person_id: &str, today: NaiveDate) -> Result<Vec<Promise>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM promises WHERE person_id = ?1 AND deleted_at IS NULL
         ORDER BY status != 'open', due_on IS NULL, due_on, created_at DESC, id"
    ))?;
    let rows = stmt.query_map([person_id], from_row(today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a promise; [`restore`] undoes it.
pub fn delete(
    db: &mut Database,
    id: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Promise> {
    let promise = get(db, id, today)?;
    delete_softly(db, "promises", id, now)?;
    Ok(promise)
}

pub fn restore(db: &mut Database, id: &str, today: NaiveDate) -> Result<Promise> {
    undelete(db, "promises", id)?;
    get(db, id, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn setup() -> (Database, String) {
        let mut db = Database::open_in_memory().unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana"), now())
            .unwrap()
            .id;
        (db, dana)
    }

    fn promise(person: &str, owner: Owner, text: &str, due: &str) -> PromiseInput {
        PromiseInput {
            person_id: person.into(),
            owner,
            description: text.into(),
            due_on: due.into(),
        }
    }

    #[test]
    fn overdue_means_open_and_past_due_on_the_day_asked() {
        let (mut db, dana) = setup();
        let deck = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Send Dana the deck", "2026-11-27"),
            now(),
            d(11, 26),
        )
        .unwrap();
        assert!(!deck.overdue, "due tomorrow");
        assert!(
            !get(&db, &deck.id, d(11, 27)).unwrap().overdue,
            "due today is not late yet"
        );
        assert!(get(&db, &deck.id, d(11, 28)).unwrap().overdue);
        let kept = set_status(&mut db, &deck.id, PromiseStatus::Kept, now(), d(11, 28)).unwrap();
        assert_eq!(
            (kept.overdue, kept.closed_at),
            (false, Some(now())),
            "a kept promise is never overdue"
        );
        let reopened =
            set_status(&mut db, &deck.id, PromiseStatus::Open, now(), d(11, 28)).unwrap();
        assert_eq!(reopened.closed_at, None);
    }

    #[test]
    fn the_list_puts_open_promises_first_by_due_date() {
        let (mut db, dana) = setup();
        let undated = make(
            &mut db,
            &promise(&dana, Owner::Theirs, "Intro to the VP", ""),
            now(),
            d(11, 26),
        )
        .unwrap();
        let later = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Review her RFC", "2026-12-10"),
            now(),
            d(11, 26),
        )
        .unwrap();
        let soon = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Deck", "2026-12-01"),
            now(),
            d(11, 26),
        )
        .unwrap();
        let done = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Lunch", "2026-11-01"),
            now(),
            d(11, 26),
        )
        .unwrap();
        set_status(&mut db, &done.id, PromiseStatus::Dropped, now(), d(11, 26)).unwrap();
        let ids: Vec<String> = for_person(&db, &dana, d(11, 26))
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, [soon.id, later.id, undated.id, done.id]);
    }

    #[test]
    fn bad_promises_name_the_field() {
        let (mut db, dana) = setup();
        for (input, code, field) in [
            (
                promise(&dana, Owner::Mine, "", ""),
                "promises.description_required",
                "description",
            ),
            (
                promise(&dana, Owner::Mine, "Deck", "2026-02-30"),
                "promises.bad_date",
                "due_on",
            ),
            (
                promise(&dana, Owner::Mine, "Deck", "Friday"),
                "promises.bad_date",
                "due_on",
            ),
        ] {
            match make(&mut db, &input, now(), d(11, 26)) {
                Err(Error::Invalid {
                    code: c, field: f, ..
                }) => assert_eq!((c, f), (code, field)),
                other => panic!("{input:?} must be refused, got {other:?}"),
            }
        }
        assert!(for_person(&db, &dana, d(11, 26)).unwrap().is_empty());
        let gone = make(
            &mut db,
            &promise(&dana, Owner::Mine, "x", ""),
            now(),
            d(11, 26),
        )
        .unwrap();
        delete(&mut db, &gone.id, now(), d(11, 26)).unwrap();
        assert_eq!(
            get(&db, &gone.id, d(11, 26)).unwrap_err().code(),
            "promises.not_found"
        );
        assert_eq!(
            restore(&mut db, &gone.id, d(11, 26)).unwrap().description,
            "x"
        );
    }

    fn change(owner: Owner, text: &str, due: &str, status: PromiseStatus) -> PromiseEdit {
        PromiseEdit {
            owner,
            description: text.into(),
            due_on: due.into(),
            status,
        }
    }

    #[test]
    fn an_edit_sets_changes_and_clears_the_due_date_and_the_rest() {
        let (mut db, dana) = setup();
        let p = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Deck", ""),
            now(),
            d(11, 26),
        )
        .unwrap();
        let dated = edit(
            &mut db,
            &p.id,
            &change(
                Owner::Theirs,
                " The deck by Friday ",
                "2026-11-20",
                PromiseStatus::Open,
            ),
            now(),
            d(11, 26),
        )
        .unwrap();
        assert_eq!(
            (
                dated.owner,
                dated.description.as_str(),
                dated.due_on,
                dated.overdue
            ),
            (Owner::Theirs, "The deck by Friday", Some(d(11, 20)), true),
            "a date set in the past makes it overdue at once"
        );
        let moved = edit(
            &mut db,
            &p.id,
            &change(
                Owner::Theirs,
                "The deck by Friday",
                "2026-12-04",
                PromiseStatus::Open,
            ),
            now(),
            d(11, 26),
        )
        .unwrap();
        assert_eq!((moved.due_on, moved.overdue), (Some(d(12, 4)), false));
        let cleared = edit(
            &mut db,
            &p.id,
            &change(
                Owner::Theirs,
                "The deck by Friday",
                " ",
                PromiseStatus::Open,
            ),
            now(),
            d(11, 26),
        )
        .unwrap();
        assert_eq!(cleared.due_on, None, "an empty date clears it");
        let kept = edit(
            &mut db,
            &p.id,
            &change(Owner::Theirs, "The deck", "", PromiseStatus::Kept),
            now(),
            d(11, 26),
        )
        .unwrap();
        assert_eq!(
            (kept.status, kept.closed_at),
            (PromiseStatus::Kept, Some(now()))
        );
        let later = now() + chrono::Duration::days(2);
        let reworded = edit(
            &mut db,
            &p.id,
            &change(Owner::Theirs, "The slide deck", "", PromiseStatus::Kept),
            later,
            d(11, 28),
        )
        .unwrap();
        assert_eq!(
            reworded.closed_at,
            Some(now()),
            "rewording a kept promise keeps when it was kept"
        );
        let reopened = edit(
            &mut db,
            &p.id,
            &change(Owner::Theirs, "The slide deck", "", PromiseStatus::Open),
            later,
            d(11, 28),
        )
        .unwrap();
        assert_eq!(reopened.closed_at, None);
    }

    #[test]
    fn a_bad_edit_names_its_field_as_at_creation_and_changes_nothing() {
        let (mut db, dana) = setup();
        let p = make(
            &mut db,
            &promise(&dana, Owner::Mine, "Deck", "2026-12-01"),
            now(),
            d(11, 26),
        )
        .unwrap();
        for (bad, code, field) in [
            (
                change(Owner::Mine, "", "", PromiseStatus::Open),
                "promises.description_required",
                "description",
            ),
            (
                change(
                    Owner::Mine,
                    &"x".repeat(MAX_DESCRIPTION + 1),
                    "",
                    PromiseStatus::Open,
                ),
                "input.too_long",
                "description",
            ),
            (
                change(Owner::Mine, "Deck", "2026-02-30", PromiseStatus::Open),
                "promises.bad_date",
                "due_on",
            ),
        ] {
            match edit(&mut db, &p.id, &bad, now(), d(11, 26)) {
                Err(Error::Invalid {
                    code: c, field: f, ..
                }) => assert_eq!((c, f), (code, field)),
                other => panic!("{bad:?} must be refused, got {other:?}"),
            }
        }
        assert_eq!(get(&db, &p.id, d(11, 26)).unwrap(), p, "nothing half-saved");
        delete(&mut db, &p.id, now(), d(11, 26)).unwrap();
        let fine = change(Owner::Mine, "Deck", "", PromiseStatus::Open);
        for id in [p.id.as_str(), "nope"] {
            assert_eq!(
                edit(&mut db, id, &fine, now(), d(11, 26))
                    .unwrap_err()
                    .code(),
                "promises.not_found"
            );
        }
    }
}
