//! Forums: the committees, panels and meetings where decisions about the user are made (a
//! promotion panel, a staff meeting), what each decides, the goal (map) it matters for, and who
//! sits on it.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{line, required, text};
use crate::records::{delete_softly, new_id, time_text};
use crate::storage::Database;

pub const MAX_NAME: usize = 200;
pub const MAX_DECIDES: usize = 10_000;

/// What the forum form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForumInput {
    pub name: String,
    pub decides: String,
    pub map_id: Option<String>,
    /// Who sits on it, by person id.
    pub members: Vec<String>,
}

/// Someone named on a forum or an ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub person_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forum {
    pub id: String,
    pub name: String,
    pub decides: String,
    pub map_id: Option<String>,
    pub map_name: Option<String>,
    /// Who sits on it, by name (people deleted since are left out).
    pub members: Vec<Member>,
}

pub fn get(db: &Database, id: &str) -> Result<Forum> {
    let found = db
        .conn()
        .query_row(
            "SELECT f.id, f.name, f.decides, m.id, m.name FROM forums f
               LEFT JOIN maps m ON m.id = f.map_id AND m.deleted_at IS NULL
              WHERE f.id = ?1 AND f.deleted_at IS NULL",
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::ForumNotFound { id: id.to_owned() })?;
    with_members(db, vec![found]).map(|mut v| v.remove(0))
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Forum> {
    Ok(Forum {
        id: r.get(0)?,
        name: r.get(1)?,
        decides: r.get(2)?,
        map_id: r.get(3)?,
        map_name: r.get(4)?,
        members: Vec::new(),
    })
}

fn with_members(db: &Database, mut forums: Vec<Forum>) -> Result<Vec<Forum>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT p.id, p.name FROM forum_members fm
           JOIN people p ON p.id = fm.person_id AND p.deleted_at IS NULL
          WHERE fm.forum_id = ?1 ORDER BY p.name_key, p.id",
    )?;
    for forum in &mut forums {
        let rows = stmt.query_map([&forum.id], |r| {
            Ok(Member {
                person_id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        forum.members = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(forums)
}

/// Every forum, by name.
pub fn list(db: &Database) -> Result<Vec<Forum>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, f.name, f.decides, m.id, m.name FROM forums f
           LEFT JOIN maps m ON m.id = f.map_id AND m.deleted_at IS NULL
          WHERE f.deleted_at IS NULL ORDER BY f.name COLLATE NOCASE, f.id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    let forums = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    with_members(db, forums)
}

/// The input checked: a name, the text cleaned, the map and every member there, each member
/// once.
fn checked(
    db: &Database,
    input: &ForumInput,
) -> Result<(String, String, Option<String>, Vec<String>)> {
    let name = line("name", "Name", &input.name, MAX_NAME)?;
    required(
        &name,
        "forums.name_required",
        "name",
        "Name the forum, like “Promotion panel” or “Staff meeting”.",
    )?;
    let decides = text("decides", "What it decides", &input.decides, MAX_DECIDES)?;
    let map = input.map_id.clone().filter(|m| !m.is_empty());
    if let Some(map) = &map {
        crate::maps::get(db, map)?;
    }
    let mut members: Vec<String> = Vec::new();
    for person in &input.members {
        crate::people::get(db, person)?;
        if !members.contains(person) {
            members.push(person.clone());
        }
    }
    Ok((name, decides, map, members))
}

fn write_members(tx: &rusqlite::Transaction<'_>, id: &str, members: &[String]) -> Result<()> {
    // Only the changes are written, so undo restores exactly who sat on it.
    let mut stmt = tx.prepare_cached("SELECT person_id FROM forum_members WHERE forum_id = ?1")?;
    let there: Vec<String> = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for gone in there.iter().filter(|p| !members.contains(p)) {
        tx.execute(
            "DELETE FROM forum_members WHERE forum_id = ?1 AND person_id = ?2",
            [id, gone],
        )?;
    }
    for new in members.iter().filter(|p| !there.contains(p)) {
        tx.execute(
            "INSERT INTO forum_members (forum_id, person_id) VALUES (?1, ?2)",
            [id, new],
        )?;
    }
    Ok(())
}

/// Adds a forum with who sits on it, in one transaction.
pub fn add(db: &mut Database, input: &ForumInput, now: DateTime<Utc>) -> Result<Forum> {
    let (name, decides, map, members) = checked(db, input)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO forums (id, name, decides, map_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, name, decides, map, time_text(now)],
        )?;
        write_members(tx, &id, &members)
    })?;
    get(db, &id)
}

/// Changes a forum and who sits on it, in one transaction.
pub fn edit(db: &mut Database, id: &str, input: &ForumInput, now: DateTime<Utc>) -> Result<Forum> {
    get(db, id)?;
    let (name, decides, map, members) = checked(db, input)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE forums SET name = ?2, decides = ?3, map_id = ?4, updated_at = ?5
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, name, decides, map, time_text(now)],
        )?;
        write_members(tx, id, &members)
    })?;
    get(db, id)
}

/// Deletes a forum (undo brings it back); asks naming it keep their person and goal.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Forum> {
    let forum = get(db, id)?;
    delete_softly(db, "forums", id, now)?;
    Ok(forum)
}
