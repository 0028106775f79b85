//! Recently deleted: every record deleted and not yet removed for good, of every kind, each to
//! bring back or to remove for good at once. (Deleting only stamps `deleted_at`; see
//! `purge` for what makes it final.)
//!
//! A record that went with another one (a person's favours, a tour's check-in plan, a group's
//! visits, who heard of a win) is not listed on its own: it comes back, or goes for good, with
//! the record it went with.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::people;
use crate::purge::{self, Purged};
use crate::records::text_enum;
use crate::storage::Database;

text_enum! {
    /// What kind of record a deleted one is; each is a table.
    DeletedKind {
        Person = "person",
        Map = "map",
        Interaction = "interaction",
        Favour = "favour",
        Promise = "promise",
        Conflict = "conflict",
        Reminder = "reminder",
        CheckIn = "check_in",
        Group = "group",
        Attendance = "attendance",
        Link = "link",
        Tour = "tour",
        TourStop = "tour_stop",
        Win = "win",
        WinShare = "win_share",
        Forum = "forum",
        Ask = "ask",
    }
}

impl DeletedKind {
    /// The table its records are in.
    pub(crate) fn table(self) -> &'static str {
        match self {
            DeletedKind::Person => "people",
            DeletedKind::Map => "maps",
            DeletedKind::Interaction => "interactions",
            DeletedKind::Favour => "favours",
            DeletedKind::Promise => "promises",
            DeletedKind::Conflict => "conflicts",
            DeletedKind::Reminder => "reminders",
            DeletedKind::CheckIn => "check_ins",
            DeletedKind::Group => "groups",
            DeletedKind::Attendance => "group_attendance",
            DeletedKind::Link => "links",
            DeletedKind::Tour => "tours",
            DeletedKind::TourStop => "tour_stops",
            DeletedKind::Win => "wins",
            DeletedKind::WinShare => "win_shares",
            DeletedKind::Forum => "forums",
            DeletedKind::Ask => "asks",
        }
    }
}

/// One deleted record, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deleted {
    pub kind: DeletedKind,
    pub id: String,
    /// The record's own words: a name, a title, a description (may be empty).
    pub title: String,
    /// The person it is about, if any, and a second one for a link (shown as names are).
    pub person_name: Option<String>,
    pub other_name: Option<String>,
    pub deleted_at: DateTime<Utc>,
}

/// A deleted person's name, for records of that person.
const NAME_OF: &str = "(SELECT name FROM people WHERE id = t.person_id)";
/// Records about a person are listed only while the person is not deleted: a deleted person's
/// records come back with them.
const PERSON_LIVE: &str =
    "NOT EXISTS (SELECT 1 FROM people WHERE id = t.person_id AND deleted_at IS NOT NULL)";

/// Per kind: the title, the person's name, the other person's name, and what else must hold
/// for the record to be listed on its own (`t` is the record).
fn shape(kind: DeletedKind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        DeletedKind::Person => ("''", "t.name", "NULL", "1"),
        DeletedKind::Map => ("t.name", "NULL", "NULL", "1"),
        DeletedKind::Interaction => (
            "t.notes",
            "(SELECT min(q.name) FROM interaction_people ip JOIN people q ON q.id = ip.person_id
               WHERE ip.interaction_id = t.id)",
            "NULL",
            // Not one that went with a person deleted at the same moment.
            "NOT EXISTS (SELECT 1 FROM interaction_people ip JOIN people q ON q.id = ip.person_id
                          WHERE ip.interaction_id = t.id AND q.deleted_at = t.deleted_at)",
        ),
        DeletedKind::Favour | DeletedKind::Promise | DeletedKind::Conflict => {
            ("t.description", NAME_OF, "NULL", PERSON_LIVE)
        }
        DeletedKind::Reminder => ("t.title", NAME_OF, "NULL", PERSON_LIVE),
        DeletedKind::CheckIn => (
            "t.label",
            NAME_OF,
            "NULL",
            "NOT EXISTS (SELECT 1 FROM people WHERE id = t.person_id AND deleted_at IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM tours WHERE check_in_id = t.id AND deleted_at = t.deleted_at)
             AND NOT EXISTS (SELECT 1 FROM tours WHERE check_in_id = t.id AND deleted_at IS NULL)",
        ),
        DeletedKind::Group => ("t.name", "NULL", "NULL", "1"),
        DeletedKind::Attendance => (
            "(SELECT name FROM groups WHERE id = t.group_id) || ', ' || t.attended_on",
            "NULL",
            "NULL",
            "NOT EXISTS (SELECT 1 FROM groups WHERE id = t.group_id AND deleted_at IS NOT NULL)",
        ),
        DeletedKind::Link => (
            "t.kind",
            "(SELECT name FROM people WHERE id = t.from_id)",
            "(SELECT name FROM people WHERE id = t.to_id)",
            "NOT EXISTS (SELECT 1 FROM people WHERE id IN (t.from_id, t.to_id) AND deleted_at IS NOT NULL)",
        ),
        DeletedKind::Tour => ("t.title", "NULL", "NULL", "1"),
        DeletedKind::TourStop => (
            "coalesce(nullif(t.team, ''), t.kind)",
            NAME_OF,
            "NULL",
            "NOT EXISTS (SELECT 1 FROM people WHERE id = t.person_id AND deleted_at IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM tours WHERE id = t.tour_id AND deleted_at IS NOT NULL)",
        ),
        DeletedKind::Win => ("t.title", "NULL", "NULL", "1"),
        DeletedKind::WinShare => (
            "(SELECT title FROM wins WHERE id = t.win_id)",
            NAME_OF,
            "NULL",
            "NOT EXISTS (SELECT 1 FROM people WHERE id = t.person_id AND deleted_at IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM wins WHERE id = t.win_id AND deleted_at IS NOT NULL)",
        ),
        DeletedKind::Forum => ("t.name", "NULL", "NULL", "1"),
        DeletedKind::Ask => ("t.what", NAME_OF, "NULL", PERSON_LIVE),
    }
}

/// Everything deleted and not yet removed for good, listed on its own, the most recently
/// deleted first.
pub fn list(db: &Database) -> Result<Vec<Deleted>> {
    let selects: Vec<String> = DeletedKind::ALL
        .iter()
        .map(|&kind| {
            let (title, person, other, own) = shape(kind);
            format!(
                "SELECT '{}', t.id, coalesce({title}, ''), {person}, {other}, t.deleted_at
                   FROM {} t WHERE t.deleted_at IS NOT NULL AND {own}",
                kind.as_str(),
                kind.table()
            )
        })
        .collect();
    let sql = format!("{} ORDER BY 6 DESC, 1, 2", selects.join("\nUNION ALL\n"));
    let mut stmt = db.conn().prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(Deleted {
            kind: r.get(0)?,
            id: r.get(1)?,
            title: r.get(2)?,
            person_name: r.get(3)?,
            other_name: r.get(4)?,
            deleted_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn not_deleted() -> Error {
    Error::Invalid {
        code: "deleted.not_found",
        field: "id",
        message: "That record is no longer among the deleted ones: it may have been brought back or removed for good already.".into(),
    }
}

/// The moment a record was deleted, if it is deleted.
fn deleted_at(db: &Database, kind: DeletedKind, id: &str) -> Result<String> {
    use rusqlite::OptionalExtension;
    db.conn()
        .query_row(
            &format!(
                "SELECT deleted_at FROM {} WHERE id = ?1 AND deleted_at IS NOT NULL",
                kind.table()
            ),
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(not_deleted)
}

/// Brings a deleted record back as it was, in one transaction, with what went with it: a
/// person's own records, a tour's check-in plan.
pub fn bring_back(db: &mut Database, kind: DeletedKind, id: &str) -> Result<()> {
    let stamp = deleted_at(db, kind, id)?;
    if kind == DeletedKind::Person {
        people::restore(db, id)?;
        return Ok(());
    }
    db.write(|tx| {
        tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                kind.table()
            ),
            [id],
        )?;
        if kind == DeletedKind::Tour {
            // Only if the tour's deletion took it: a plan deleted on its own stays deleted.
            tx.execute(
                "UPDATE check_ins SET deleted_at = NULL
                  WHERE id = (SELECT check_in_id FROM tours WHERE id = ?1) AND deleted_at = ?2",
                [id, &stamp],
            )?;
        }
        Ok(())
    })
}

/// Removes a deleted record for good, now, with what went with it (see `purge`). It cannot be
/// undone; a record that is not deleted is refused.
pub fn delete_permanently(db: &mut Database, kind: DeletedKind, id: &str) -> Result<Purged> {
    deleted_at(db, kind, id)?;
    match kind {
        DeletedKind::Person => purge::delete_person(db, id),
        _ => purge::delete_record(db, kind.table(), id),
    }
}

#[cfg(test)]
mod tests;
