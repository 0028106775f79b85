//! People the user works with: validated input, storage and undoable deletion; the list's
//! sorting and filtering live in `listing`, actions on many people at once in `bulk`, their
//! emails and phone numbers in `contacts`.

mod bulk;
pub mod contacts;
mod listing;
pub mod presenting;

pub use bulk::{bulk_change, BulkAction, BulkOutcome};
pub use listing::{
    filter_choices, list, listed_ids, page, page_around, position, FilterChoices, Filters,
    ListQuery, MapChoice, MapFilter, Page, SortKey, MAX_PAGE,
};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{clean_line, fold, line, required, text};
use crate::records::time_text;
use crate::storage::Database;

/// Longest name, role, department or organisation accepted, in characters.
pub const MAX_SHORT_TEXT: usize = 10_000;
/// Longest notes accepted, in characters.
pub const MAX_NOTES: usize = 1_000_000;
/// At most this many tags per person, each at most `MAX_TAG` characters.
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG: usize = 60;
/// The longest email address there can be (RFC 5321 paths).
pub const MAX_EMAIL: usize = 320;

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: String,
    pub department: String,
    pub organisation: String,
    pub email: String,
    pub notes: String,
    /// Tags joined by ", ", as [`PersonInput::tags`] is typed.
    pub tags: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the user last logged an interaction with this person.
    pub last_contact: Option<DateTime<Utc>>,
    /// Since when they are a former colleague, kept for their history.
    pub left_at: Option<DateTime<Utc>>,
}

impl Person {
    /// The person's details as the form holds them.
    pub fn as_input(&self) -> PersonInput {
        PersonInput {
            name: self.name.clone(),
            role: self.role.clone(),
            department: self.department.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            notes: self.notes.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// What the user typed into the person form. Missing fields are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub role: String,
    pub department: String,
    pub organisation: String,
    pub email: String,
    pub notes: String,
    /// Comma-separated tags: "mentor, platform".
    pub tags: String,
}

/// Splits typed tags on commas, trims them and drops empty ones and repeats (ignoring case and
/// accents), keeping the first spelling.
pub(crate) fn normalise_tags(typed: &str) -> Result<String> {
    let mut seen = std::collections::HashSet::new();
    let tags: Vec<String> = typed
        .split(',')
        .map(clean_line)
        .filter(|t| !t.is_empty() && seen.insert(fold(t)))
        .collect();
    if tags.len() > MAX_TAGS {
        return Err(Error::Invalid {
            code: "people.too_many_tags",
            field: "tags",
            message: format!(
                "{} tags is more than the {MAX_TAGS} a person can have; keep the ones you sort by.",
                tags.len()
            ),
        });
    }
    for tag in &tags {
        line("tags", "A tag", tag, MAX_TAG)?;
    }
    Ok(tags.join(", "))
}

/// Checks the shape of an email address ("dana@example.com"); empty means none.
fn checked_email(typed: &str) -> Result<String> {
    let email = line("email", "Email", typed, MAX_EMAIL)?;
    if email.is_empty() {
        return Ok(String::new());
    }
    let well_formed = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !email.chars().any(char::is_whitespace);
    if !well_formed {
        return Err(Error::Invalid {
            code: "people.bad_email",
            field: "email",
            message: format!(
                "“\u{2068}{email}\u{2069}” does not look like an email address, such as dana@example.com."
            ),
        });
    }
    Ok(email)
}

impl PersonInput {
    pub fn named(name: &str) -> Self {
        PersonInput {
            name: name.to_owned(),
            ..Default::default()
        }
    }

    /// Cleans and trims the one-line fields and checks every limit; notes are kept as typed,
    /// but for control characters (see [`crate::fields`]).
    pub(crate) fn validated(&self) -> Result<PersonInput> {
        let name = line("name", "Name", &self.name, MAX_SHORT_TEXT)?;
        required(
            &name,
            "people.name_required",
            "name",
            "Enter a name: every person needs one.",
        )?;
        Ok(PersonInput {
            name,
            role: line("role", "Role", &self.role, MAX_SHORT_TEXT)?,
            department: line("department", "Department", &self.department, MAX_SHORT_TEXT)?,
            organisation: line(
                "organisation",
                "Organisation",
                &self.organisation,
                MAX_SHORT_TEXT,
            )?,
            email: checked_email(&self.email)?,
            notes: text("notes", "Notes", &self.notes, MAX_NOTES)?,
            tags: normalise_tags(&self.tags)?,
        })
    }
}

fn search_text(p: &PersonInput) -> String {
    fold(
        &[
            &p.name,
            &p.role,
            &p.department,
            &p.organisation,
            &p.email,
            &p.notes,
            &p.tags,
        ]
        .map(|s| s.as_str())
        .join("\n"),
    )
}

/// A person's columns; their last contact is kept by triggers (migration 0027).
pub(crate) const COLUMNS: &str =
    "id, name, role, department, organisation, notes, created_at, updated_at,
    (SELECT at FROM derived_last_contact WHERE person_id = people.id), left_at, tags, email";

pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        department: row.get(3)?,
        organisation: row.get(4)?,
        notes: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
        last_contact: row.get(8)?,
        left_at: row.get(9)?,
        tags: row.get(10)?,
        email: row.get(11)?,
    })
}

/// The statement that adds a person; [`save`] binds it.
pub(crate) const INSERT: &str =
    "INSERT INTO people (id, name, role, department, organisation, email,
        notes, tags, name_key, search_text, created_at, updated_at)
     VALUES (:id, :name, :role, :department, :organisation, :email, :notes, :tags,
             :name_key, :search_text, :now, :now)";

/// The statement that replaces a person's details; [`save`] binds it.
pub(crate) const UPDATE: &str = "UPDATE people SET name = :name, role = :role,
        department = :department, organisation = :organisation, email = :email, notes = :notes,
        tags = :tags, name_key = :name_key, search_text = :search_text, updated_at = :now
     WHERE id = :id AND deleted_at IS NULL";

/// Writes `p` with [`INSERT`] or [`UPDATE`]; both use every parameter. The statement is
/// prepared once per connection: with its search triggers it is costly to compile.
pub(crate) fn save(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    id: &str,
    p: &PersonInput,
    now: DateTime<Utc>,
) -> Result<usize> {
    Ok(tx.prepare_cached(sql)?.execute(rusqlite::named_params! {
        ":id": id,
        ":name": p.name,
        ":role": p.role,
        ":department": p.department,
        ":organisation": p.organisation,
        ":email": p.email,
        ":notes": p.notes,
        ":tags": p.tags,
        ":name_key": fold(&p.name),
        ":search_text": search_text(p),
        ":now": time_text(now),
    })?)
}

/// Adds a person and returns them as stored.
pub fn add(db: &mut Database, input: &PersonInput, now: DateTime<Utc>) -> Result<Person> {
    let p = input.validated()?;
    let id = crate::records::new_id(now);
    db.write(|tx| save(tx, INSERT, &id, &p, now))?;
    get(db, &id)
}

/// Replaces a person's details.
pub fn update(
    db: &mut Database,
    id: &str,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    let p = input.validated()?;
    let before = get(db, id)?;
    let changed = db.write(|tx| {
        let changed = save(tx, UPDATE, id, &p, now)?;
        if changed > 0 {
            contacts::follow_email(tx, id, &before.email, &p.email)?;
        }
        Ok(changed)
    })?;
    if changed == 0 {
        return Err(Error::PersonNotFound { id: id.to_owned() });
    }
    get(db, id)
}

/// One person who has not been deleted.
pub fn get(db: &Database, id: &str) -> Result<Person> {
    get_in(db.conn(), id)
}

/// [`get`] on a connection or inside a transaction.
pub(crate) fn get_in(conn: &rusqlite::Connection, id: &str) -> Result<Person> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM people WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::PersonNotFound { id: id.to_owned() })
}

/// How many people there are (not counting deleted ones).
pub fn count(db: &Database) -> Result<i64> {
    Ok(db.conn().query_row(
        "SELECT count(*) FROM people WHERE deleted_at IS NULL AND left_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Former colleagues, by name.
pub fn former(db: &Database) -> Result<Vec<Person>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people WHERE deleted_at IS NULL AND left_at IS NOT NULL
         ORDER BY name_key, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// People deleted and not yet removed for good, the most recently deleted first: the
/// "Recently deleted" list, where each can be restored or deleted permanently.
pub fn deleted(db: &Database) -> Result<Vec<Person>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people WHERE deleted_at IS NOT NULL
         ORDER BY deleted_at DESC, name_key, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes a person a former colleague: off the people list, maps and keep-in-touch reminders,
/// with everything recorded about them kept. [`restore`] brings them back.
pub fn mark_former(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Person> {
    get(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE people SET left_at = ?2 WHERE id = ?1 AND left_at IS NULL",
            rusqlite::params![id, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Records about only this person, which go and come back with them: (table, the condition
/// that picks them for person ?1, and what else must hold to delete one). Interactions shared
/// with someone else stay; the person just no longer shows in them.
const OWN_RECORDS: &[(&str, &str, &str)] = &[
    ("favours", "person_id = ?1", ""),
    ("promises", "person_id = ?1", ""),
    ("conflicts", "person_id = ?1", ""),
    ("reminders", "person_id = ?1", ""),
    ("check_ins", "person_id = ?1", ""),
    ("tour_stops", "person_id = ?1", ""),
    (
        "interactions",
        "id IN (SELECT interaction_id FROM interaction_people WHERE person_id = ?1)",
        "AND NOT EXISTS (SELECT 1 FROM interaction_people o JOIN people q ON q.id = o.person_id
                          WHERE o.interaction_id = interactions.id AND o.person_id != ?1
                            AND q.deleted_at IS NULL)",
    ),
];

/// Deletes a person with everything only about them, in one transaction; [`restore`] undoes
/// it. Every record is stamped with the same time, so undo brings back exactly what went.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Person> {
    let person = get(db, id)?;
    let stamp = time_text(now);
    db.write(|tx| delete_in(tx, id, &stamp))?;
    Ok(person)
}

/// [`delete`]'s writes, inside the caller's transaction; says whether the person was there.
pub(crate) fn delete_in(tx: &rusqlite::Transaction<'_>, id: &str, stamp: &str) -> Result<bool> {
    for (table, which, only) in OWN_RECORDS {
        tx.prepare_cached(&format!(
            "UPDATE {table} SET deleted_at = ?2 WHERE deleted_at IS NULL AND {which} {only}"
        ))?
        .execute(rusqlite::params![id, stamp])?;
    }
    let n = tx
        .prepare_cached("UPDATE people SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")?
        .execute(rusqlite::params![id, stamp])?;
    Ok(n > 0)
}

/// Brings back a deleted person with what went with them, or a former colleague, exactly as
/// they were.
pub fn restore(db: &mut Database, id: &str) -> Result<Person> {
    let deleted_at: Option<Option<String>> = db
        .conn()
        .query_row("SELECT deleted_at FROM people WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match deleted_at {
        Some(Some(stamp)) => db.write(|tx| {
            // The person first, so shared interactions see them again.
            tx.execute("UPDATE people SET deleted_at = NULL WHERE id = ?1", [id])?;
            for (table, which, _) in OWN_RECORDS {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET deleted_at = NULL WHERE deleted_at = ?2 AND {which}"
                    ),
                    rusqlite::params![id, stamp],
                )?;
            }
            Ok(())
        })?,
        Some(None) => db.write(|tx| {
            tx.execute("UPDATE people SET left_at = NULL WHERE id = ?1", [id])?;
            Ok(())
        })?,
        // Someone who never existed is reported by `get`.
        None => {}
    }
    get(db, id)
}

#[cfg(test)]
mod tests;
