//! One action on many people at once, as the People list's selection offers: add or remove a
//! tag, place on a map, set a cadence, mark as former colleagues, delete. Each is one
//! transaction: every id is checked first, and any failure leaves everyone as they were.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::{delete_in, get_in, normalise_tags, save, MAX_TAG, UPDATE};
use crate::error::{Error, Result};
use crate::fields::{fold, line, required};
use crate::maps::{self, Quadrant};
use crate::records::time_text;
use crate::storage::Database;

/// The most people one action takes: far more than anyone has, so only a wrong caller hits it.
pub const MAX_SELECTED: usize = 100_000;

/// What to do to every selected person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    /// Onto the map in this quadrant; people already there in another quadrant move to it.
    Place {
        map_id: String,
        quadrant: Quadrant,
    },
    /// Their own keep-in-touch cadence in days; `None` goes back to their quadrant's.
    SetCadence {
        days: Option<u16>,
    },
    MarkFormer,
    Delete,
}

/// What an action did: how many were selected and how many of them it changed (those who
/// already had the tag, say, are not changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BulkOutcome {
    pub selected: usize,
    pub changed: usize,
}

/// The typed tag, trimmed and checked as the person form checks one.
fn checked_tag(typed: &str) -> Result<String> {
    let tag = line("tag", "A tag", typed, MAX_TAG)?;
    required(
        &tag,
        "people.tag_required",
        "tag",
        "Enter a tag: the word to add or remove, such as mentor.",
    )?;
    if tag.contains(',') {
        return Err(Error::Invalid {
            code: "people.bad_tag",
            field: "tag",
            message: "A tag holds no comma; add one tag at a time.".into(),
        });
    }
    Ok(tag)
}

/// Where the `n`-th person placed in `quadrant` goes: a 5 × 5 grid inside it, so a group
/// placed at once does not land on one spot.
fn spot(quadrant: Quadrant, n: usize) -> maps::Position {
    let (high_power, high_interest) = match quadrant {
        Quadrant::ManageClosely => (true, true),
        Quadrant::KeepSatisfied => (true, false),
        Quadrant::KeepInformed => (false, true),
        Quadrant::Monitor => (false, false),
    };
    let cell = |i: usize, high: bool| {
        // Cells 0..5 run 0.09 to 0.41 in the low half, 0.59 to 0.91 in the high one.
        let step = f64::from(u8::try_from(i % 5).unwrap_or(0)) * 0.08;
        if high {
            0.59 + step
        } else {
            0.09 + step
        }
    };
    let n = n % 25;
    maps::Position::new(cell(n / 5, high_power), cell(n % 5, high_interest))
}

/// Does `action` to everyone in `ids` in one transaction and says how many it changed.
/// Unknown or deleted ids are reported, not skipped, and nothing is changed then.
pub fn bulk_change(
    db: &mut Database,
    ids: &[String],
    action: &BulkAction,
    now: DateTime<Utc>,
) -> Result<BulkOutcome> {
    let mut seen = HashSet::new();
    let ids: Vec<&String> = ids.iter().filter(|id| seen.insert(*id)).collect();
    if ids.is_empty() {
        return Err(Error::Invalid {
            code: "people.none_selected",
            field: "ids",
            message: "Select at least one person first.".into(),
        });
    }
    if ids.len() > MAX_SELECTED {
        return Err(Error::Invalid {
            code: "people.too_many_selected",
            field: "ids",
            message: format!(
                "{} people is more than one action takes ({MAX_SELECTED}); select fewer.",
                ids.len()
            ),
        });
    }
    // Checked before the transaction, so a wrong input costs no write lock.
    let tag = match action {
        BulkAction::AddTag { tag } | BulkAction::RemoveTag { tag } => Some(checked_tag(tag)?),
        _ => None,
    };
    if let BulkAction::SetCadence { days: Some(days) } = action {
        if !(1..=365).contains(days) {
            return Err(Error::Invalid {
                code: "profiles.bad_cadence",
                field: "cadence_days",
                message: format!("Every {days} days is not a cadence; choose 1 to 365 days."),
            });
        }
    }
    if let BulkAction::Place { map_id, .. } = action {
        let map = maps::get(db, map_id)?;
        if map.archived {
            return Err(Error::Invalid {
                code: "maps.archived",
                field: "map_id",
                message: format!(
                    "“\u{2068}{}\u{2069}” is archived; bring it back from the map list first.",
                    map.name
                ),
            });
        }
    }
    let stamp = time_text(now);
    db.write(|tx| {
        check_all_there(tx, &ids)?;
        let mut changed = 0;
        for (n, id) in ids.iter().enumerate() {
            let did = match action {
                BulkAction::AddTag { .. } => add_tag(tx, id, tag.as_deref().unwrap_or(""), now)?,
                BulkAction::RemoveTag { .. } => {
                    remove_tag(tx, id, tag.as_deref().unwrap_or(""), now)?
                }
                BulkAction::Place { map_id, quadrant } => {
                    maps::place_in_quadrant(tx, map_id, id, *quadrant, spot(*quadrant, n), now)?
                }
                BulkAction::SetCadence { days } => set_cadence(tx, id, *days, &stamp)?,
                BulkAction::MarkFormer => {
                    tx.prepare_cached(
                        "UPDATE people SET left_at = ?2 WHERE id = ?1 AND left_at IS NULL",
                    )?
                    .execute(rusqlite::params![id, stamp])?
                        > 0
                }
                BulkAction::Delete => delete_in(tx, id, &stamp)?,
            };
            changed += usize::from(did);
        }
        Ok(BulkOutcome {
            selected: ids.len(),
            changed,
        })
    })
}

/// Fails, naming how many, when any of `ids` is unknown or deleted.
fn check_all_there(tx: &Transaction<'_>, ids: &[&String]) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("SELECT 1 FROM people WHERE id = ?1 AND deleted_at IS NULL")?;
    let mut missing = 0;
    for id in ids {
        if !stmt.exists([id])? {
            missing += 1;
        }
    }
    if missing > 0 {
        let people = if missing == 1 { "person" } else { "people" };
        return Err(Error::Invalid {
            code: "people.unknown_selected",
            field: "ids",
            message: format!(
                "{missing} of the {} selected {people} no longer exist (deleted in another window?); nothing was changed. Select again and retry.",
                ids.len()
            ),
        });
    }
    Ok(())
}

fn add_tag(tx: &Transaction<'_>, id: &str, tag: &str, now: DateTime<Utc>) -> Result<bool> {
    let person = get_in(tx, id)?;
    let typed = if person.tags.is_empty() {
        tag.to_owned()
    } else {
        format!("{}, {tag}", person.tags)
    };
    let tags = normalise_tags(&typed).map_err(|e| match e {
        Error::Invalid {
            code: "people.too_many_tags",
            field,
            ..
        } => Error::Invalid {
            code: "people.too_many_tags",
            field,
            message: format!(
                "\u{2068}{}\u{2069} already has {} tags, the most a person can have; nothing was changed. Remove one of theirs, or leave them out.",
                person.name,
                super::MAX_TAGS
            ),
        },
        other => other,
    })?;
    retag(tx, &person, tags, now)
}

fn remove_tag(tx: &Transaction<'_>, id: &str, tag: &str, now: DateTime<Utc>) -> Result<bool> {
    let person = get_in(tx, id)?;
    let gone = fold(tag);
    let tags: Vec<&str> = person
        .tags
        .split(", ")
        .filter(|t| !t.is_empty() && fold(t) != gone)
        .collect();
    retag(tx, &person, tags.join(", "), now)
}

/// Saves `tags` as the person's, keeping search in step; false when they are unchanged.
fn retag(
    tx: &Transaction<'_>,
    person: &super::Person,
    tags: String,
    now: DateTime<Utc>,
) -> Result<bool> {
    if tags == person.tags {
        return Ok(false);
    }
    let input = super::PersonInput {
        tags,
        ..person.as_input()
    };
    save(tx, UPDATE, &person.id, &input, now)?;
    Ok(true)
}

fn set_cadence(tx: &Transaction<'_>, id: &str, days: Option<u16>, stamp: &str) -> Result<bool> {
    let n = match days {
        Some(days) => tx
            .prepare_cached(
                "INSERT INTO profiles (person_id, cadence_days, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (person_id) DO UPDATE
                 SET cadence_days = excluded.cadence_days, updated_at = excluded.updated_at
                 WHERE cadence_days IS NOT excluded.cadence_days",
            )?
            .execute(rusqlite::params![id, days, stamp])?,
        None => tx
            .prepare_cached(
                "UPDATE profiles SET cadence_days = NULL, updated_at = ?2
                 WHERE person_id = ?1 AND cadence_days IS NOT NULL",
            )?
            .execute(rusqlite::params![id, stamp])?,
    };
    Ok(n > 0)
}
