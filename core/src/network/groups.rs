//! Professional groups and communities, and each time the user went to one of their events.
//! A group not attended for a quarter is a reminder (see `reminders`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_NAME: usize = 500;
pub const MAX_NOTE: usize = 10_000;
/// Attend each group at least this often.
pub const QUARTER_DAYS: u64 = 91;

text_enum! {
    /// What a professional group gathers people around.
    GroupCategory {
        Function = "function",
        Industry = "industry",
        Skill = "skill",
        Affinity = "affinity",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInput {
    pub name: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub category: Option<GroupCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub last_attended: Option<NaiveDate>,
    pub times_attended: u32,
    pub category: Option<GroupCategory>,
    /// On the shortlist of groups the user is weighing.
    pub shortlisted: bool,
    /// The one group the user chose to focus on (at most one).
    pub focus: bool,
}

const COLUMNS: &str = "g.id, g.name, g.note, g.created_at,
    (SELECT max(a.attended_on) FROM group_attendance a WHERE a.group_id = g.id AND a.deleted_at IS NULL),
    (SELECT count(*) FROM group_attendance a WHERE a.group_id = g.id AND a.deleted_at IS NULL),
    g.category, g.shortlisted, g.focus";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        note: r.get(2)?,
        created_at: r.get(3)?,
        last_attended: r.get(4)?,
        times_attended: r.get(5)?,
        category: match r.get_ref(6)?.as_str()? {
            "" => None,
            _ => Some(r.get(6)?),
        },
        shortlisted: r.get(7)?,
        focus: r.get(8)?,
    })
}

impl GroupInput {
    /// The name and the note as a group keeps them.
    fn validated(&self) -> Result<(String, String)> {
        let name = line("name", "Name", &self.name, MAX_NAME)?;
        required(
            &name,
            "groups.name_required",
            "name",
            "Name the group, like “Rust Berlin meetup” or “Women in Product”.",
        )?;
        Ok((name, text("note", "Note", &self.note, MAX_NOTE)?))
    }
}

pub fn get(db: &Database, id: &str) -> Result<Group> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM groups g WHERE g.id = ?1 AND g.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::GroupNotFound { id: id.to_owned() })
}

/// Every group, the longest unattended first.
pub fn list(db: &Database) -> Result<Vec<Group>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM groups g WHERE g.deleted_at IS NULL
         ORDER BY 5 IS NOT NULL, 5, g.name COLLATE NOCASE, g.id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add(db: &mut Database, input: &GroupInput, now: DateTime<Utc>) -> Result<Group> {
    let (name, note) = input.validated()?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO groups (id, name, note, category, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![
                id,
                name,
                note,
                category_text(input.category),
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

pub fn update(
    db: &mut Database,
    id: &str,
    input: &GroupInput,
    now: DateTime<Utc>,
) -> Result<Group> {
    let (name, note) = input.validated()?;
    get(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE groups SET name = ?2, note = ?3, category = ?4, updated_at = ?5 WHERE id = ?1",
            rusqlite::params![
                id,
                name,
                note,
                category_text(input.category),
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

fn category_text(category: Option<GroupCategory>) -> &'static str {
    category.map_or("", GroupCategory::as_str)
}

/// Puts a group on the shortlist or takes it off (a group taken off is no longer the focus).
pub fn shortlist(db: &mut Database, id: &str, on: bool, now: DateTime<Utc>) -> Result<Group> {
    get(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE groups SET shortlisted = ?2, focus = focus AND ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, on, time_text(now)],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Makes `id` the one group to focus on (shortlisting it), or no group when `None`; one step.
pub fn focus_on(db: &mut Database, id: Option<&str>, now: DateTime<Utc>) -> Result<Vec<Group>> {
    if let Some(id) = id {
        get(db, id)?;
    }
    db.write(|tx| {
        tx.execute(
            "UPDATE groups SET focus = 0, updated_at = ?1 WHERE focus = 1",
            [time_text(now)],
        )?;
        if let Some(id) = id {
            tx.execute(
                "UPDATE groups SET focus = 1, shortlisted = 1, updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, time_text(now)],
            )?;
        }
        Ok(())
    })?;
    list(db)
}

pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Group> {
    let group = get(db, id)?;
    delete_softly(db, "groups", id, now)?;
    Ok(group)
}

pub fn restore(db: &mut Database, id: &str) -> Result<Group> {
    undelete(db, "groups", id)?;
    get(db, id)
}

/// One time the user went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub id: String,
    pub group_id: String,
    pub attended_on: NaiveDate,
    pub note: String,
}

/// The day of a visit (YYYY-MM-DD, not in the future) and its note, checked the same way when
/// noted and when corrected.
fn checked_visit(on: &str, note: &str, today: NaiveDate) -> Result<(NaiveDate, String)> {
    let on = day(on, "groups.bad_date", "attended_on")?.ok_or_else(|| Error::Invalid {
        code: "groups.date_required",
        field: "attended_on",
        message: "Pick the day you went.".into(),
    })?;
    if on > today {
        return Err(Error::Invalid {
            code: "groups.future_date",
            field: "attended_on",
            message: "That day is still to come; note it once you have been.".into(),
        });
    }
    Ok((on, text("note", "Note", note, MAX_NOTE)?))
}

/// Records that the user went to one of the group's events on a day (YYYY-MM-DD), not in
/// the future.
pub fn attend(
    db: &mut Database,
    group_id: &str,
    on: &str,
    note: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Attendance> {
    get(db, group_id)?;
    let (on, note) = checked_visit(on, note, today)?;
    let id = new_id(now);
    db.write(|tx| write_attendance(tx, &id, group_id, on, &note, now))?;
    Ok(Attendance {
        id,
        group_id: group_id.to_owned(),
        attended_on: on,
        note,
    })
}

/// Writes that the user went, inside the caller's transaction (the group and day checked).
pub(crate) fn write_attendance(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    group_id: &str,
    on: NaiveDate,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO group_attendance (id, group_id, attended_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![id, group_id, on, note, time_text(now)],
    )?;
    Ok(())
}

/// The times the user went to a group's events, the latest first.
pub fn attendance(db: &Database, group_id: &str) -> Result<Vec<Attendance>> {
    get(db, group_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, group_id, attended_on, note FROM group_attendance
         WHERE group_id = ?1 AND deleted_at IS NULL ORDER BY attended_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([group_id], |r| {
        Ok(Attendance {
            id: r.get(0)?,
            group_id: r.get(1)?,
            attended_on: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One visit, if it and its group are still there.
pub fn get_attendance(db: &Database, id: &str) -> Result<Attendance> {
    db.conn()
        .query_row(
            "SELECT a.id, a.group_id, a.attended_on, a.note FROM group_attendance a
               JOIN groups g ON g.id = a.group_id AND g.deleted_at IS NULL
              WHERE a.id = ?1 AND a.deleted_at IS NULL",
            [id],
            |r| {
                Ok(Attendance {
                    id: r.get(0)?,
                    group_id: r.get(1)?,
                    attended_on: r.get(2)?,
                    note: r.get(3)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::AttendanceNotFound { id: id.to_owned() })
}

/// Corrects the day or the note of a visit, with the checks made when it was noted.
pub fn edit_attendance(
    db: &mut Database,
    id: &str,
    on: &str,
    note: &str,
    today: NaiveDate,
) -> Result<Attendance> {
    let (on, note) = checked_visit(on, note, today)?;
    get_attendance(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE group_attendance SET attended_on = ?2, note = ?3
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, on, note],
        )?;
        Ok(())
    })?;
    get_attendance(db, id)
}

pub fn delete_attendance(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "group_attendance", id, now)
}

pub fn restore_attendance(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "group_attendance", id)
}
