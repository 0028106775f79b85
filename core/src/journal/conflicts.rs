//! Conflicts to resolve early: an open tension with a person, a date to resolve it by, and a
//! note on how it was resolved.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_TEXT: usize = 10_000;

text_enum! {
    ConflictStatus {
        Open = "open",
        Resolved = "resolved",
    }
}

/// What the user typed. An empty date means none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictInput {
    pub person_id: String,
    pub description: String,
    #[serde(default)]
    pub resolve_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub id: String,
    pub person_id: String,
    pub description: String,
    pub resolve_by: Option<NaiveDate>,
    pub status: ConflictStatus,
    pub resolution: String,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Open past its resolve-by date, as of the day asked.
    pub overdue: bool,
}

const COLUMNS: &str =
    "id, person_id, description, resolve_by, status, resolution, resolved_at, created_at";

fn from_row(today: NaiveDate) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    move |r| {
        let resolve_by: Option<NaiveDate> = r.get(3)?;
        let status: ConflictStatus = r.get(4)?;
        Ok(Conflict {
            id: r.get(0)?,
            person_id: r.get(1)?,
            description: r.get(2)?,
            resolve_by,
            status,
            resolution: r.get(5)?,
            resolved_at: r.get(6)?,
            created_at: r.get(7)?,
            overdue: status == ConflictStatus::Open && resolve_by.is_some_and(|d| d < today),
        })
    }
}

pub fn get(db: &Database, id: &str, today: NaiveDate) -> Result<Conflict> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM conflicts WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            from_row(today),
        )
        .optional()?
        .ok_or_else(|| Error::ConflictNotFound { id: id.to_owned() })
}

/// The note and date as a conflict keeps them: the note trimmed, not empty, not too long; the
/// date a real day, or none.
fn checked(typed: &str, resolve_by: &str) -> Result<(String, Option<NaiveDate>)> {
    let description = line("description", "Description", typed, MAX_TEXT)?;
    required(
        &description,
        "conflicts.description_required",
        "description",
        "Say what the tension is about, in a few words.",
    )?;
    let resolve_by = day(resolve_by, "conflicts.bad_date", "resolve_by")?;
    Ok((description, resolve_by))
}

/// A conflict as the user corrects it. An empty date clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictEdit {
    pub description: String,
    #[serde(default)]
    pub resolve_by: String,
}

/// Changes what a conflict is about and when to resolve it by, checked as when it was noted,
/// in one transaction. Whether and how it was resolved stays as it was.
pub fn edit(
    db: &mut Database,
    id: &str,
    input: &ConflictEdit,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Conflict> {
    get(db, id, today)?;
    let (description, resolve_by) = checked(&input.description, &input.resolve_by)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE conflicts SET description = ?2, resolve_by = ?3, updated_at = ?4
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, description, resolve_by, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, id, today)
}

/// Notes an open tension with a person.
pub fn open(
    db: &mut Database,
    input: &ConflictInput,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Conflict> {
    let (description, resolve_by) = checked(&input.description, &input.resolve_by)?;
    crate::people::get(db, &input.person_id)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO conflicts (id, person_id, description, resolve_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, input.person_id, description, resolve_by, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, &id, today)
}

/// Marks a conflict resolved, with a note on how.
pub fn resolve(
    db: &mut Database,
    id: &str,
    resolution: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Conflict> {
    let resolution = checked_resolution(resolution)?;
    get(db, id, today)?;
    db.write(|tx| write_resolution(tx, id, &resolution, now))?;
    get(db, id, today)
}

/// Checks how a conflict was resolved: said, and not too long. Returns it trimmed.
pub(crate) fn checked_resolution(typed: &str) -> Result<String> {
    let resolution = line("resolution", "Resolution", typed, MAX_TEXT)?;
    required(
        &resolution,
        "conflicts.resolution_required",
        "resolution",
        "Note how it was resolved; it helps the next time.",
    )?;
    Ok(resolution)
}

/// Writes a checked resolution inside the caller's transaction.
pub(crate) fn write_resolution(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    resolution: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE conflicts SET status = 'resolved', resolution = ?2, resolved_at = ?3, updated_at = ?3
         WHERE id = ?1",
        rusqlite::params![id, resolution, time_text(now)],
    )?;
    Ok(())
}

/// A person's conflicts: open ones first, the most urgent first.
pub fn for_person(db: &Database, person_id: &str, today: NaiveDate) -> Result<Vec<Conflict>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM conflicts WHERE person_id = ?1 AND deleted_at IS NULL
         ORDER BY status != 'open', resolve_by IS NULL, resolve_by, created_at DESC, id"
    ))?;
    let rows = stmt.query_map([person_id], from_row(today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a conflict; [`restore`] undoes it.
pub fn delete(
    db: &mut Database,
    id: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Conflict> {
    let conflict = get(db, id, today)?;
    delete_softly(db, "conflicts", id, now)?;
    Ok(conflict)
}

pub fn restore(db: &mut Database, id: &str, today: NaiveDate) -> Result<Conflict> {
    undelete(db, "conflicts", id)?;
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

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn setup() -> (Database, String) {
        let mut db = Database::open_in_memory().unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana"), now())
            .unwrap()
            .id;
        (db, dana)
    }

    fn input(person: &str, text: &str, by: &str) -> ConflictInput {
        ConflictInput {
            person_id: person.into(),
            description: text.into(),
            resolve_by: by.into(),
        }
    }

    #[test]
    fn a_conflict_is_overdue_past_its_date_until_resolved_with_a_note() {
        let (mut db, dana) = setup();
        let c = open(
            &mut db,
            &input(&dana, "Disagreed on the migration plan", "2026-11-28"),
            now(),
            d(26),
        )
        .unwrap();
        assert!(!c.overdue);
        assert!(get(&db, &c.id, d(29)).unwrap().overdue);
        assert_eq!(
            resolve(&mut db, &c.id, "  ", now(), d(29))
                .unwrap_err()
                .code(),
            "conflicts.resolution_required"
        );
        let done = resolve(&mut db, &c.id, "Agreed to pilot on one team", now(), d(29)).unwrap();
        assert_eq!(
            (done.status, done.overdue, done.resolution.as_str()),
            (
                ConflictStatus::Resolved,
                false,
                "Agreed to pilot on one team"
            )
        );
    }

    #[test]
    fn open_conflicts_list_first_by_date_and_bad_input_names_the_field() {
        let (mut db, dana) = setup();
        let later = open(&mut db, &input(&dana, "B", "2026-12-20"), now(), d(26)).unwrap();
        let sooner = open(&mut db, &input(&dana, "A", "2026-12-01"), now(), d(26)).unwrap();
        let ids: Vec<String> = for_person(&db, &dana, d(26))
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, [sooner.id.clone(), later.id]);
        match open(&mut db, &input(&dana, "C", "someday"), now(), d(26)) {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "resolve_by"),
            other => panic!("a bad date must be refused, got {other:?}"),
        }
        delete(&mut db, &sooner.id, now(), d(26)).unwrap();
        assert_eq!(for_person(&db, &dana, d(26)).unwrap().len(), 1);
        assert_eq!(
            restore(&mut db, &sooner.id, d(26)).unwrap().description,
            "A"
        );
    }

    fn change(text: &str, by: &str) -> ConflictEdit {
        ConflictEdit {
            description: text.into(),
            resolve_by: by.into(),
        }
    }

    #[test]
    fn an_edit_rewrites_the_note_and_sets_moves_or_clears_the_date() {
        let (mut db, dana) = setup();
        let c = open(&mut db, &input(&dana, "Migration plan", ""), now(), d(26)).unwrap();
        let dated = edit(
            &mut db,
            &c.id,
            &change(" The migration plan ", "2026-11-20"),
            now(),
            d(26),
        )
        .unwrap();
        assert_eq!(
            (dated.description.as_str(), dated.resolve_by, dated.overdue),
            ("The migration plan", Some(d(20)), true)
        );
        let moved = edit(
            &mut db,
            &c.id,
            &change("The migration plan", "2026-12-02"),
            now(),
            d(26),
        )
        .unwrap();
        assert_eq!(
            (moved.resolve_by, moved.overdue),
            (NaiveDate::from_ymd_opt(2026, 12, 2), false)
        );
        let cleared = edit(
            &mut db,
            &c.id,
            &change("The migration plan", ""),
            now(),
            d(26),
        )
        .unwrap();
        assert_eq!(cleared.resolve_by, None);
        let resolved = resolve(&mut db, &c.id, "Piloted it", now(), d(26)).unwrap();
        let reworded = edit(&mut db, &c.id, &change("The plan", ""), now(), d(26)).unwrap();
        assert_eq!(
            (
                reworded.status,
                reworded.resolution.as_str(),
                reworded.resolved_at
            ),
            (ConflictStatus::Resolved, "Piloted it", resolved.resolved_at),
            "an edit leaves how it was resolved alone"
        );
    }

    #[test]
    fn a_bad_edit_names_its_field_as_at_creation_and_changes_nothing() {
        let (mut db, dana) = setup();
        let c = open(&mut db, &input(&dana, "A", "2026-12-01"), now(), d(26)).unwrap();
        for (bad, code, field) in [
            (
                change(" ", ""),
                "conflicts.description_required",
                "description",
            ),
            (
                change(&"x".repeat(MAX_TEXT + 1), ""),
                "input.too_long",
                "description",
            ),
            (change("A", "someday"), "conflicts.bad_date", "resolve_by"),
        ] {
            match edit(&mut db, &c.id, &bad, now(), d(26)) {
                Err(Error::Invalid {
                    code: k, field: f, ..
                }) => assert_eq!((k, f), (code, field)),
                other => panic!("{bad:?} must be refused, got {other:?}"),
            }
        }
        assert_eq!(get(&db, &c.id, d(26)).unwrap(), c, "nothing half-saved");
        delete(&mut db, &c.id, now(), d(26)).unwrap();
        for id in [c.id.as_str(), "nope"] {
            assert_eq!(
                edit(&mut db, id, &change("A", ""), now(), d(26))
                    .unwrap_err()
                    .code(),
                "conflicts.not_found"
            );
        }
    }
}
