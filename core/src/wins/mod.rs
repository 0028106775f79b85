//! My wins: a log of the user's own results, the goal (map) each serves, and who has heard of
//! each, when and how; from them, the powerful people on a goal who have heard of none of the
//! recent ones (`gap`). `about_me` holds the user's own place (department, level, manager) and
//! what it says about their alliances.

pub mod about_me;
pub mod gap;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{day, line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text};
use crate::storage::Database;

pub const MAX_TITLE: usize = 500;
pub const MAX_IMPACT: usize = 10_000;
pub const MAX_LINK: usize = 2_000;

text_enum! {
    /// How a person heard of a win.
    How {
        OneOnOne = "one_on_one",
        Demo = "demo",
        Email = "email",
        Meeting = "meeting",
        Other = "other",
    }
}

/// A win as typed in its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WinInput {
    pub title: String,
    /// YYYY-MM-DD.
    pub won_on: String,
    /// The outcome and its impact.
    pub impact: String,
    /// The map (goal) it serves.
    pub map_id: Option<String>,
    /// An address where it can be seen (a demo, a write-up): http or https only.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Win {
    pub id: String,
    pub title: String,
    pub won_on: NaiveDate,
    pub impact: String,
    pub map_id: Option<String>,
    pub map_name: Option<String>,
    pub link: String,
    /// How many people have heard of it.
    pub known_by: u32,
}

/// One telling of a win to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub id: String,
    pub win_id: String,
    pub win_title: String,
    pub won_on: NaiveDate,
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub shared_on: NaiveDate,
    pub how: How,
}

/// A win with everyone who heard of it, the latest telling first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WinDetail {
    #[serde(flatten)]
    pub win: Win,
    pub shares: Vec<Share>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareInput {
    pub person_id: String,
    /// YYYY-MM-DD.
    pub shared_on: String,
    pub how: How,
}

struct Checked {
    title: String,
    won_on: NaiveDate,
    impact: String,
    map_id: Option<String>,
    link: String,
}

fn checked(db: &Database, input: &WinInput) -> Result<Checked> {
    let title = line("title", "Title", &input.title, MAX_TITLE)?;
    required(
        &title,
        "wins.title_required",
        "title",
        "Say what you achieved, like “Cut build times by half”.",
    )?;
    let won_on = day(&input.won_on, "wins.bad_date", "won_on")?.ok_or_else(|| Error::Invalid {
        code: "wins.date_required",
        field: "won_on",
        message: "Pick the day of the win.".into(),
    })?;
    let impact = text("impact", "Outcome and impact", &input.impact, MAX_IMPACT)?;
    let link = line("link", "Link", &input.link, MAX_LINK)?;
    let lower = link.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    if !link.is_empty() && (!web || link.contains(char::is_whitespace)) {
        return Err(Error::Invalid {
            code: "wins.bad_link",
            field: "link",
            message: "A link is a web address with no spaces, starting with https:// or http://; \
                      paste the full address, or leave it empty."
                .into(),
        });
    }
    let map_id = match input.map_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => {
            let live: bool = db.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM maps WHERE id = ?1 AND deleted_at IS NULL)",
                [id],
                |r| r.get(0),
            )?;
            if !live {
                return Err(Error::Invalid {
                    code: "wins.map_not_found",
                    field: "map_id",
                    message: "That goal’s map no longer exists; pick another or none.".into(),
                });
            }
            Some(id.to_owned())
        }
    };
    Ok(Checked {
        title,
        won_on,
        impact,
        map_id,
        link,
    })
}

fn not_found(id: &str) -> Error {
    Error::Invalid {
        code: "wins.not_found",
        field: "id",
        message: format!(
            "That win no longer exists (id {id}); it may have been deleted in another window."
        ),
    }
}

/// Logs a win.
pub fn create(db: &mut Database, input: &WinInput, now: DateTime<Utc>) -> Result<WinDetail> {
    let c = checked(db, input)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO wins (id, title, won_on, impact, map_id, link, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            rusqlite::params![
                id,
                c.title,
                c.won_on,
                c.impact,
                c.map_id,
                c.link,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Edits a win.
pub fn update(
    db: &mut Database,
    id: &str,
    input: &WinInput,
    now: DateTime<Utc>,
) -> Result<WinDetail> {
    get(db, id)?;
    let c = checked(db, input)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE wins SET title = ?2, won_on = ?3, impact = ?4, map_id = ?5, link = ?6,
                    updated_at = ?7
              WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                c.title,
                c.won_on,
                c.impact,
                c.map_id,
                c.link,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Deletes a win (undo brings it back with who knew of it).
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    get(db, id)?;
    delete_softly(db, "wins", id, now)
}

const WIN_COLUMNS: &str = "w.id, w.title, w.won_on, w.impact, w.map_id,
    (SELECT name FROM maps m WHERE m.id = w.map_id AND m.deleted_at IS NULL), w.link,
    (SELECT count(DISTINCT s.person_id) FROM win_shares s
       JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL
      WHERE s.win_id = w.id AND s.deleted_at IS NULL)";

fn win_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Win> {
    let map_name: Option<String> = r.get(5)?;
    Ok(Win {
        id: r.get(0)?,
        title: r.get(1)?,
        won_on: r.get(2)?,
        impact: r.get(3)?,
        // A deleted map's id is kept (undo of the map brings the tie back) but not shown.
        map_id: map_name.as_ref().and(r.get(4)?),
        map_name,
        link: r.get(6)?,
        known_by: r.get(7)?,
    })
}

/// Every win, newest first.
pub fn list(db: &Database) -> Result<Vec<Win>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {WIN_COLUMNS} FROM wins w WHERE w.deleted_at IS NULL
          ORDER BY w.won_on DESC, w.created_at DESC, w.id DESC"
    ))?;
    let rows = stmt.query_map([], win_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A win and who heard of it.
pub fn get(db: &Database, id: &str) -> Result<WinDetail> {
    let win = db
        .conn()
        .query_row(
            &format!("SELECT {WIN_COLUMNS} FROM wins w WHERE w.id = ?1 AND w.deleted_at IS NULL"),
            [id],
            win_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let shares = shares_where(db, "s.win_id = ?1", id)?;
    Ok(WinDetail { win, shares })
}

fn shares_where(db: &Database, filter: &str, param: &str) -> Result<Vec<Share>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT s.id, s.win_id, w.title, w.won_on, s.person_id, p.name, p.role, s.shared_on, s.how
           FROM win_shares s
           JOIN wins w ON w.id = s.win_id AND w.deleted_at IS NULL
           JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL
          WHERE s.deleted_at IS NULL AND {filter}
          ORDER BY s.shared_on DESC, s.created_at DESC, s.id DESC"
    ))?;
    let rows = stmt.query_map([param], |r| {
        Ok(Share {
            id: r.get(0)?,
            win_id: r.get(1)?,
            win_title: r.get(2)?,
            won_on: r.get(3)?,
            person_id: r.get(4)?,
            name: r.get(5)?,
            role: r.get(6)?,
            shared_on: r.get(7)?,
            how: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a person knows of the user's work: every win told to them, the latest telling first.
pub fn known_by(db: &Database, person_id: &str) -> Result<Vec<Share>> {
    crate::people::get(db, person_id)?;
    shares_where(db, "s.person_id = ?1", person_id)
}

/// Records that a person heard of a win, on a day and in a way.
pub fn tell(
    db: &mut Database,
    win_id: &str,
    input: &ShareInput,
    now: DateTime<Utc>,
) -> Result<WinDetail> {
    get(db, win_id)?;
    crate::people::get(db, &input.person_id)?;
    let shared_on =
        day(&input.shared_on, "wins.bad_date", "shared_on")?.ok_or_else(|| Error::Invalid {
            code: "wins.date_required",
            field: "shared_on",
            message: "Pick the day you told them.".into(),
        })?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO win_shares (id, win_id, person_id, shared_on, how, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                id,
                win_id,
                input.person_id,
                shared_on,
                input.how,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, win_id)
}

/// Takes back a telling recorded by mistake.
pub fn forget_share(db: &mut Database, share_id: &str, now: DateTime<Utc>) -> Result<()> {
    let there: bool = db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM win_shares WHERE id = ?1 AND deleted_at IS NULL)",
        [share_id],
        |r| r.get(0),
    )?;
    if !there {
        return Err(Error::Invalid {
            code: "wins.share_not_found",
            field: "id",
            message: "That telling is no longer recorded; it may have been removed already.".into(),
        });
    }
    delete_softly(db, "win_shares", share_id, now)
}
