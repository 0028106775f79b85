//! Asking for support on purpose: what the user asked of whom, for which goal (a map), of which
//! kind, and where each ask stands (approached → asked → agreed or declined, each step dated);
//! the forums where decisions about the user are made ([`forums`]), and which of them has
//! someone who agreed to speak for the user ([`coverage`]).

pub mod coverage;
pub mod forums;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::text;
use crate::records::{delete_softly, new_id, text_enum, time_text};
use crate::storage::Database;

/// The longest text an ask keeps.
pub const MAX_WHAT: usize = 10_000;
/// An ask with no answer this many days after it was asked reminds the user.
pub const ANSWER_WITHIN_DAYS: i64 = 14;

text_enum! {
    /// The kind of support asked for.
    AskKind {
        SoundingBoard = "sounding_board",
        Advice = "advice",
        Advocate = "advocate",
        PublicSupport = "public_support",
        Introduction = "introduction",
        Sponsorship = "sponsorship",
        Feedback = "feedback",
    }
}

text_enum! {
    /// Where an ask stands.
    AskStatus {
        Approached = "approached",
        Asked = "asked",
        Agreed = "agreed",
        Declined = "declined",
    }
}

impl AskStatus {
    fn answered(self) -> bool {
        matches!(self, AskStatus::Agreed | AskStatus::Declined)
    }

    /// Still waiting for an answer: approached or asked.
    pub fn open(self) -> bool {
        !self.answered()
    }
}

impl AskKind {
    /// The kind in the user's words, for text pages (the window words them in ask-format.js).
    pub fn words(self) -> &'static str {
        match self {
            AskKind::SoundingBoard => "a sounding board",
            AskKind::Advice => "advice",
            AskKind::Advocate => "an advocate",
            AskKind::PublicSupport => "public support",
            AskKind::Introduction => "an introduction",
            AskKind::Sponsorship => "sponsorship",
            AskKind::Feedback => "feedback",
        }
    }
}

/// What the ask form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskInput {
    pub person_id: String,
    pub kind: AskKind,
    /// The goal (map) it serves; none or empty for no particular goal.
    #[serde(default)]
    pub map_id: Option<String>,
    /// For an advocate: the forum they would speak in.
    #[serde(default)]
    pub forum_id: Option<String>,
    #[serde(default)]
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ask {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub kind: AskKind,
    pub map_id: Option<String>,
    pub map_name: Option<String>,
    pub forum_id: Option<String>,
    pub forum_name: Option<String>,
    pub what: String,
    pub status: AskStatus,
    pub approached_at: DateTime<Utc>,
    pub asked_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    /// When an ask still waiting for its answer starts reminding the user.
    pub answer_due: Option<DateTime<Utc>>,
}

// Maps and forums deleted since still name nothing: their names are left out.
const SELECT: &str = "SELECT a.id, a.person_id, p.name, a.kind, a.map_id, m.name, a.forum_id,
        f.name, a.what, a.status, a.approached_at, a.asked_at, a.answered_at
   FROM asks a JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL
   LEFT JOIN maps m ON m.id = a.map_id AND m.deleted_at IS NULL
   LEFT JOIN forums f ON f.id = a.forum_id AND f.deleted_at IS NULL
  WHERE a.deleted_at IS NULL";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Ask> {
    let status: AskStatus = r.get(9)?;
    let asked_at: Option<DateTime<Utc>> = r.get(11)?;
    let map_name: Option<String> = r.get(5)?;
    let forum_name: Option<String> = r.get(7)?;
    Ok(Ask {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        kind: r.get(3)?,
        map_id: map_name.as_ref().and(r.get(4)?),
        map_name,
        forum_id: forum_name.as_ref().and(r.get(6)?),
        forum_name,
        what: r.get(8)?,
        status,
        approached_at: r.get(10)?,
        asked_at,
        answered_at: r.get(12)?,
        answer_due: asked_at
            .filter(|_| status == AskStatus::Asked)
            .map(|at| at + Duration::days(ANSWER_WITHIN_DAYS)),
    })
}

pub fn get(db: &Database, id: &str) -> Result<Ask> {
    db.conn()
        .query_row(&format!("{SELECT} AND a.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::AskNotFound { id: id.to_owned() })
}

/// Every ask, waiting ones first (oldest step first), then the answered, newest first.
pub fn list(db: &Database) -> Result<Vec<Ask>> {
    query(db, "", &[])
}

/// A person's asks, in the order of [`list`].
pub fn for_person(db: &Database, person_id: &str) -> Result<Vec<Ask>> {
    crate::people::get(db, person_id)?;
    query(db, "AND a.person_id = ?1", &[person_id])
}

/// Agreed asks, for a goal (map) or all of them.
pub fn agreed(db: &Database, map_id: Option<&str>) -> Result<Vec<Ask>> {
    match map_id {
        Some(map) => query(db, "AND a.status = 'agreed' AND a.map_id = ?1", &[map]),
        None => query(db, "AND a.status = 'agreed'", &[]),
    }
}

fn query(db: &Database, filter: &str, params: &[&str]) -> Result<Vec<Ask>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "{SELECT} {filter}
         ORDER BY a.status IN ('agreed', 'declined'),
                  CASE WHEN a.status IN ('agreed', 'declined') THEN '' ELSE
                       coalesce(a.asked_at, a.approached_at) END,
                  a.answered_at DESC, a.id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The input checked: the text cleaned, the person, map and forum there, and a forum only for an
/// advocate.
fn checked(db: &Database, input: &AskInput) -> Result<(String, Option<String>, Option<String>)> {
    let what = text("what", "What you asked", &input.what, MAX_WHAT)?
        .trim()
        .to_owned();
    crate::people::get(db, &input.person_id)?;
    let map = input.map_id.clone().filter(|m| !m.is_empty());
    if let Some(map) = &map {
        crate::maps::get(db, map)?;
    }
    let forum = input.forum_id.clone().filter(|f| !f.is_empty());
    if let Some(forum) = &forum {
        if input.kind != AskKind::Advocate {
            return Err(Error::Invalid {
                code: "asks.forum_not_advocate",
                field: "forum_id",
                message: "A forum goes with an ask to advocate for you there; choose “Advocate \
                          in a forum” as the kind, or leave the forum empty."
                    .into(),
            });
        }
        forums::get(db, forum)?;
    }
    Ok((what, map, forum))
}

/// Records an ask, approached today.
pub fn add(db: &mut Database, input: &AskInput, now: DateTime<Utc>) -> Result<Ask> {
    let (what, map, forum) = checked(db, input)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO asks (id, person_id, map_id, kind, forum_id, what, approached_at,
                               created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)",
            rusqlite::params![
                id,
                input.person_id,
                map,
                input.kind,
                forum,
                what,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Changes whom, for which goal, which kind and what; where it stands is moved by [`move_to`].
pub fn edit(db: &mut Database, id: &str, input: &AskInput, now: DateTime<Utc>) -> Result<Ask> {
    get(db, id)?;
    let (what, map, forum) = checked(db, input)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE asks SET person_id = ?2, map_id = ?3, kind = ?4, forum_id = ?5, what = ?6,
                    updated_at = ?7
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                input.person_id,
                map,
                input.kind,
                forum,
                what,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Moves an ask to `status`, dated `now`. A step already taken keeps its date (an answer
/// changed from declined to agreed is dated again); going back forgets the later steps' dates.
pub fn move_to(db: &mut Database, id: &str, status: AskStatus, now: DateTime<Utc>) -> Result<Ask> {
    let ask = get(db, id)?;
    if ask.status == status {
        return Ok(ask);
    }
    db.write(|tx| write_status(tx, id, status, now))?;
    get(db, id)
}

/// The statement of [`move_to`], for answers given elsewhere (a reminder) in their transaction.
pub(crate) fn write_status(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    status: AskStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = time_text(now);
    let asked_at = match status {
        AskStatus::Approached => None,
        _ => Some(now.as_str()),
    };
    tx.execute(
        "UPDATE asks SET status = ?2,
                asked_at = CASE WHEN ?3 IS NULL THEN NULL ELSE coalesce(asked_at, ?3) END,
                answered_at = CASE WHEN ?4 THEN ?5 END,
                updated_at = ?5
          WHERE id = ?1 AND deleted_at IS NULL AND status IS NOT ?2",
        rusqlite::params![id, status, asked_at, status.answered(), now],
    )?;
    Ok(())
}

/// Deletes an ask (undo brings it back).
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Ask> {
    let ask = get(db, id)?;
    delete_softly(db, "asks", id, now)?;
    Ok(ask)
}
