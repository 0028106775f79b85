//! The favours ledger, both ways: what people did for the user and what the user did for them,
//! the thank-yous that received favours call for, and a gentle balance.

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_DESCRIPTION: usize = 10_000;
/// Days after a thank-you when a reminder offers to tell them how it turned out.
pub const FOLLOW_UP_DAYS: u64 = 21;
/// Clocks differ a little between devices; a few minutes ahead is still "now".
const CLOCK_SLACK: Duration = Duration::minutes(5);

text_enum! {
    /// Who did the favour.
    Direction {
        ByThem = "by_them",
        ByMe = "by_me",
    }
}

text_enum! {
    FavourStatus {
        Open = "open",
        Done = "done",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourInput {
    pub person_id: String,
    pub direction: Direction,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Favour {
    pub id: String,
    pub person_id: String,
    pub direction: Direction,
    pub description: String,
    pub status: FavourStatus,
    pub done_at: Option<DateTime<Utc>>,
    pub thanked_at: Option<DateTime<Utc>>,
    pub thanked_how: String,
    /// What the help made possible, as the user wrote it when thanking.
    pub impact: String,
    pub created_at: DateTime<Utc>,
    /// A received favour that is done and not yet thanked for.
    pub thanks_due: bool,
}

const COLUMNS: &str = "id, person_id, direction, description, status, done_at, thanked_at, \
                       thanked_how, created_at, impact";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Favour> {
    let direction: Direction = r.get(2)?;
    let status: FavourStatus = r.get(4)?;
    let thanked_at: Option<DateTime<Utc>> = r.get(6)?;
    Ok(Favour {
        id: r.get(0)?,
        person_id: r.get(1)?,
        direction,
        description: r.get(3)?,
        status,
        done_at: r.get(5)?,
        thanked_at,
        thanked_how: r.get(7)?,
        created_at: r.get(8)?,
        impact: r.get(9)?,
        thanks_due: direction == Direction::ByThem
            && status == FavourStatus::Done
            && thanked_at.is_none(),
    })
}

pub fn get(db: &Database, id: &str) -> Result<Favour> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM favours WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::FavourNotFound { id: id.to_owned() })
}

/// The description as a favour keeps it: trimmed, not empty, not too long.
fn checked_description(typed: &str) -> Result<String> {
    let description = line("description", "Description", typed, MAX_DESCRIPTION)?;
    required(
        &description,
        "favours.description_required",
        "description",
        "Say what the favour is, in a few words.",
    )?;
    Ok(description)
}

/// Records a favour, open until it is done.
pub fn record(db: &mut Database, input: &FavourInput, now: DateTime<Utc>) -> Result<Favour> {
    let description = checked_description(&input.description)?;
    crate::people::get(db, &input.person_id)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO favours (id, person_id, direction, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![
                id,
                input.person_id,
                input.direction,
                description,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Marks a favour done, or open again (which also forgets any thank-you).
pub fn set_done(db: &mut Database, id: &str, done: bool, now: DateTime<Utc>) -> Result<Favour> {
    get(db, id)?;
    db.write(|tx| {
        if done {
            tx.execute(
                "UPDATE favours SET status = 'done', done_at = coalesce(done_at, ?2), updated_at = ?2
                 WHERE id = ?1",
                rusqlite::params![id, time_text(now)],
            )?;
        } else {
            tx.execute(
                "UPDATE favours SET status = 'open', done_at = NULL, thanked_at = NULL, thanked_how = '',
                        impact = '', follow_up = 0, updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, time_text(now)],
            )?;
        }
        Ok(())
    })?;
    get(db, id)
}

/// A favour as the user corrects it: who did it, what it was, and whether (and when) it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourEdit {
    pub direction: Direction,
    pub description: String,
    pub status: FavourStatus,
    /// When it was done, for a done favour; backdating counts it in the balance of that time.
    /// None keeps the day it was marked done (or now, for a favour done by this edit).
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
}

/// Changes a favour in one transaction, checked as when it was recorded. A favour no longer
/// done, or now done by the user, has no thank-you to remember, so that is forgotten.
pub fn edit(db: &mut Database, id: &str, input: &FavourEdit, now: DateTime<Utc>) -> Result<Favour> {
    let found = get(db, id)?;
    let description = checked_description(&input.description)?;
    let done_at = match input.status {
        FavourStatus::Open => None,
        FavourStatus::Done => Some(input.done_at.or(found.done_at).unwrap_or(now)),
    };
    if done_at.is_some_and(|at| at > now + CLOCK_SLACK) {
        return Err(Error::Invalid {
            code: "favours.in_future",
            field: "done_at",
            // Said under the date field, so the message need not write the date.
            message: "That day is in the future. Note a favour as done once it is; until then \
                      it stays open."
                .into(),
        });
    }
    let keeps_thanks = input.direction == Direction::ByThem && done_at.is_some();
    db.write(|tx| {
        tx.execute(
            "UPDATE favours SET direction = ?2, description = ?3, status = ?4, done_at = ?5,
                    thanked_at = CASE WHEN ?6 THEN thanked_at END,
                    thanked_how = CASE WHEN ?6 THEN thanked_how ELSE '' END,
                    impact = CASE WHEN ?6 THEN impact ELSE '' END,
                    follow_up = CASE WHEN ?6 THEN follow_up ELSE 0 END,
                    updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                input.direction,
                description,
                input.status,
                done_at.map(time_text),
                keeps_thanks,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Records that the user thanked the person for a favour they did, and how.
pub fn thank(db: &mut Database, id: &str, how: &str, now: DateTime<Utc>) -> Result<Favour> {
    thank_with_impact(db, id, how, "", now)
}

/// [`thank`], with the impact the help had; a few weeks later a reminder offers to tell them
/// how it turned out (see [`FOLLOW_UP_DAYS`]).
pub fn thank_with_impact(
    db: &mut Database,
    id: &str,
    how: &str,
    impact: &str,
    now: DateTime<Utc>,
) -> Result<Favour> {
    let favour = get(db, id)?;
    if favour.direction != Direction::ByThem {
        return Err(Error::Invalid {
            code: "favours.not_received",
            field: "thanked_how",
            message: "Thank-yous are for favours someone did for you; this one you did for them."
                .into(),
        });
    }
    if favour.status != FavourStatus::Done {
        return Err(Error::Invalid {
            code: "favours.not_done",
            field: "thanked_how",
            message: "Mark the favour done first; then record how you thanked them.".into(),
        });
    }
    let how = line("thanked_how", "How you thanked them", how, MAX_DESCRIPTION)?;
    let impact = text("impact", "The impact", impact, MAX_DESCRIPTION)?
        .trim()
        .to_owned();
    db.write(|tx| {
        tx.execute(
            "UPDATE favours SET thanked_at = ?2, thanked_how = ?3, impact = ?4, follow_up = 1,
                    updated_at = ?2 WHERE id = ?1",
            rusqlite::params![id, time_text(now), how, impact],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// A person's favours, open ones first, then the newest.
pub fn for_person(db: &Database, person_id: &str) -> Result<Vec<Favour>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM favours WHERE person_id = ?1 AND deleted_at IS NULL
         ORDER BY status = 'done', created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Received favours, done and not yet thanked for, across everyone (for reminders).
pub fn thanks_due(db: &Database) -> Result<Vec<Favour>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM favours f WHERE deleted_at IS NULL AND direction = 'by_them'
           AND status = 'done' AND thanked_at IS NULL
           AND EXISTS (SELECT 1 FROM people p WHERE p.id = f.person_id AND p.deleted_at IS NULL)
         ORDER BY done_at"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The window of the balance, in days (26 weeks): a person's page and Insights count the same
/// favours.
pub const BALANCE_DAYS: i64 = 182;

/// Done favours each way since a moment: who has done more for whom lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub by_them: i64,
    pub by_me: i64,
}

/// Public credit the user gave a person (`?1`) and endorsements they wrote, since `?2`: they
/// count as the user giving, like a favour done for them.
pub(crate) const GIVEN_IN_PUBLIC: &str = "SELECT count(*) FROM interaction_people ip
       JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
      WHERE ip.person_id = ?1 AND i.kind IN ('gave_credit', 'endorsed') AND i.occurred_at >= ?2";

pub fn balance(db: &Database, person_id: &str, since: DateTime<Utc>) -> Result<Balance> {
    crate::people::get(db, person_id)?;
    Ok(db.conn().query_row(
        &format!(
            "SELECT count(*) FILTER (WHERE direction = 'by_them'),
                    count(*) FILTER (WHERE direction = 'by_me') + ({GIVEN_IN_PUBLIC})
             FROM favours WHERE person_id = ?1 AND deleted_at IS NULL AND status = 'done' AND done_at >= ?2"
        ),
        rusqlite::params![person_id, time_text(since)],
        |r| Ok(Balance { by_them: r.get(0)?, by_me: r.get(1)? }),
    )?)
}

/// A person's favours and their balance over the last [`BALANCE_DAYS`], as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfPerson {
    pub favours: Vec<Favour>,
    pub balance: Balance,
    pub balance_days: i64,
}

pub fn of_person(db: &Database, person_id: &str, now: DateTime<Utc>) -> Result<OfPerson> {
    Ok(OfPerson {
        favours: for_person(db, person_id)?,
        balance: balance(db, person_id, now - chrono::Duration::days(BALANCE_DAYS))?,
        balance_days: BALANCE_DAYS,
    })
}

/// Deletes a favour; [`restore`] undoes it.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Favour> {
    let favour = get(db, id)?;
    delete_softly(db, "favours", id, now)?;
    Ok(favour)
}

pub fn restore(db: &mut Database, id: &str) -> Result<Favour> {
    undelete(db, "favours", id)?;
    get(db, id)
}

#[cfg(test)]
mod tests;
