//! Links between people, typed (reports to, influences, close with, in conflict with, introduced
//! me to) with a strength; adding, editing, listing and undoable deletion.

use std::hash::Hash;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::text;
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_NOTE: usize = 10_000;

text_enum! {
    LinkKind {
        ReportsTo = "reports_to",
        Influences = "influences",
        CloseWith = "close_with",
        InConflictWith = "in_conflict_with",
        IntroducedMeTo = "introduced_me_to",
    }
}

text_enum! {
    Strength {
        Weak = "weak",
        Medium = "medium",
        Strong = "strong",
    }
}

impl Strength {
    /// The cost of going along a link: a strong one is the easiest ask.
    pub(super) fn cost(self) -> f64 {
        match self {
            Strength::Strong => 1.0,
            Strength::Medium => 2.0,
            Strength::Weak => 4.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInput {
    /// None: the user.
    #[serde(default)]
    pub from_id: Option<String>,
    pub to_id: String,
    pub kind: LinkKind,
    #[serde(default = "medium")]
    pub strength: Strength,
    #[serde(default)]
    pub note: String,
}

pub(super) fn medium() -> Strength {
    Strength::Medium
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub from_id: Option<String>,
    pub from_name: Option<String>,
    pub to_id: String,
    pub to_name: String,
    pub kind: LinkKind,
    pub strength: Strength,
    pub note: String,
}

pub fn add_link(db: &mut Database, input: &LinkInput, now: DateTime<Utc>) -> Result<Link> {
    let note = text("note", "Note", &input.note, MAX_NOTE)?;
    let from = input.from_id.as_deref().filter(|f| !f.is_empty());
    if from == Some(input.to_id.as_str()) {
        return Err(Error::Invalid {
            code: "links.self",
            field: "to_id",
            message: "A link joins two different people.".into(),
        });
    }
    crate::people::get(db, &input.to_id)?;
    if let Some(from) = from {
        crate::people::get(db, from)?;
    }
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO links (id, from_id, to_id, kind, strength, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                id,
                from,
                input.to_id,
                input.kind,
                input.strength,
                note,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    links_of(db, &input.to_id)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or(Error::PersonNotFound {
            id: input.to_id.clone(),
        })
}

/// A person's links, either way, by the other person's name.
pub fn links_of(db: &Database, person_id: &str) -> Result<Vec<Link>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT l.id, l.from_id, f.name, l.to_id, t.name, l.kind, l.strength, l.note
           FROM links l JOIN people t ON t.id = l.to_id AND t.deleted_at IS NULL
           LEFT JOIN people f ON f.id = l.from_id
          WHERE l.deleted_at IS NULL AND (l.from_id = ?1 OR l.to_id = ?1)
            AND (l.from_id IS NULL OR f.deleted_at IS NULL)
          ORDER BY l.created_at, l.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Link {
            id: r.get(0)?,
            from_id: r.get(1)?,
            from_name: r.get(2)?,
            to_id: r.get(3)?,
            to_name: r.get(4)?,
            kind: r.get(5)?,
            strength: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What can change on a link once drawn: its ends stay, the rest is the user's to correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkEdit {
    pub kind: LinkKind,
    #[serde(default = "medium")]
    pub strength: Strength,
    #[serde(default)]
    pub note: String,
}

/// Changes a link's kind, strength and note, with the note checked as when it was added.
pub fn edit_link(db: &mut Database, id: &str, edit: &LinkEdit) -> Result<Link> {
    let note = text("note", "Note", &edit.note, MAX_NOTE)?;
    let to_id = live_link_end(db, id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE links SET kind = ?2, strength = ?3, note = ?4
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, edit.kind, edit.strength, note],
        )?;
        Ok(())
    })?;
    links_of(db, &to_id)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::LinkNotFound { id: id.to_owned() })
}

/// The person a live link points to; a link deleted, or with either end deleted, is gone.
fn live_link_end(db: &Database, id: &str) -> Result<String> {
    use rusqlite::OptionalExtension;
    db.conn()
        .query_row(
            "SELECT l.to_id FROM links l JOIN people t ON t.id = l.to_id AND t.deleted_at IS NULL
               LEFT JOIN people f ON f.id = l.from_id
              WHERE l.id = ?1 AND l.deleted_at IS NULL
                AND (l.from_id IS NULL OR f.deleted_at IS NULL)",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::LinkNotFound { id: id.to_owned() })
}

pub fn delete_link(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "links", id, now)
}

pub fn restore_link(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "links", id)
}
