//! Deleted means deleted: removing records for good, one person at once ("Delete permanently")
//! or everything deleted longer ago than the period the user set, with what only they held,
//! their rows in the search index and every step of the undo history that holds their values,
//! and then the space they took in the file.
//!
//! A deletion is first only a stamp (`deleted_at`), so it can be undone. The purge is what makes
//! it final; it is not a step of the undo history (nothing could bring the rows back), and the
//! steps that would have brought them back go with them. Copies taken before a purge (the
//! backups folder, JSON backups) keep what they held.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::records::time_text;
use crate::storage::Database;

/// How many days a deleted record is kept (so it can be undone or restored) when the user has
/// not chosen: Settings → Data.
pub const DEFAULT_DAYS: u32 = 30;
/// The longest period the user can choose: ten years.
pub const MAX_DAYS: u32 = 3650;
const KEY: &str = "purge_after_days";
/// Above this size the file is not rewritten whole after a purge (VACUUM copies every page):
/// the freed pages are zeroed (secure_delete) and reused by later writes instead.
const CHEAP_VACUUM_BYTES: i64 = 256 * 1024 * 1024;

/// Tables whose rows are deleted by a stamp first.
pub(crate) const SOFT_DELETED: &[&str] = &[
    "people",
    "maps",
    "interactions",
    "favours",
    "promises",
    "conflicts",
    "reminders",
    "check_ins",
    "groups",
    "group_attendance",
    "links",
    "tours",
    "tour_stops",
    "wins",
    "win_shares",
    "forums",
    "asks",
];

/// What a purge removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    /// People removed for good.
    pub people: usize,
    /// Other records removed for good (interactions, favours, maps…), not counting the rows
    /// that only tie them together (places on a map, who was at a meeting).
    pub records: usize,
    /// Steps of the undo history removed because they held the removed rows' values.
    pub history_steps: usize,
    /// Whether the file's free space was given back and its journal emptied afterwards.
    pub space_reclaimed: bool,
}

impl Purged {
    fn is_empty(&self) -> bool {
        self.people == 0 && self.records == 0
    }
}

/// How many days deleted records are kept before they are removed for good.
pub fn days(db: &Database) -> Result<u32> {
    let stored: Option<String> = db
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    // A value this version cannot read keeps the default rather than purging early.
    Ok(stored
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .unwrap_or(DEFAULT_DAYS))
}

/// Sets how many days deleted records are kept (1 to [`MAX_DAYS`]).
pub fn set_days(db: &mut Database, days: i64) -> Result<u32> {
    let days = u32::try_from(days)
        .ok()
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .ok_or_else(|| Error::Invalid {
            code: "purge.days",
            field: "days",
            message: format!(
                "Keep deleted records for 1 to {MAX_DAYS} days; {days} is not possible."
            ),
        })?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![KEY, days.to_string()],
        )?;
        Ok(())
    })?;
    Ok(days)
}

/// Which records a purge removes.
enum Which<'a> {
    /// One person, deleted or not, with what only they held.
    Person(&'a str),
    /// Everything stamped deleted before this time (`time_text`), with what only it held.
    DeletedBefore(&'a str),
    /// One deleted record of a table in [`SOFT_DELETED`] (not a person), with what went with it.
    Record(&'static str, &'a str),
}

/// Removes a person for good, now, in one transaction: them, everything only about them
/// (favours, promises, conflicts, reminders, interactions no one else was at, links, places on
/// maps…), their rows in the search index and the undo steps that held their values. Then the
/// space is reclaimed. It cannot be undone.
pub fn delete_person(db: &mut Database, id: &str) -> Result<Purged> {
    let exists: bool = db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::PersonNotFound { id: id.to_owned() });
    }
    purge(db, Which::Person(id))
}

/// Removes one deleted record for good, now, like [`delete_person`]: `table` is one of
/// [`SOFT_DELETED`] other than people; a record that is not deleted is left alone.
pub(crate) fn delete_record(db: &mut Database, table: &'static str, id: &str) -> Result<Purged> {
    if table == "people" || !SOFT_DELETED.contains(&table) {
        return Err(Error::Stopped {
            detail: format!("{table} is not a kind of record that is deleted in two steps"),
        });
    }
    purge(db, Which::Record(table, id))
}

/// Removes for good what was deleted longer ago than the period the user set ([`days`]).
pub fn purge_expired(db: &mut Database, now: DateTime<Utc>) -> Result<Purged> {
    let days = days(db)?;
    let cutoff = now
        .checked_sub_signed(Duration::days(i64::from(days)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    purge(db, Which::DeletedBefore(&time_text(cutoff)))
}

fn purge(db: &mut Database, which: Which<'_>) -> Result<Purged> {
    // Every connection zeroes the pages it frees (secure_delete, set when it opens), so the
    // removed text does not linger in the file even when it is too large to rewrite whole.
    let mut purged = db.write(|tx| {
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        purge_in(tx, &which, true)
    })?;
    // The removal is committed: a failure to give the space back (a full disk, a reader in the
    // way of the checkpoint) does not undo it, and the next purge tries again.
    if !purged.is_empty() {
        purged.space_reclaimed = reclaim_space(db).is_ok();
    }
    Ok(purged)
}

/// Removes every deleted record inside the caller's transaction, leaving the history alone:
/// for a backup that leaves them out (the caller rolls back).
pub(crate) fn remove_all_deleted_in(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    purge_in(conn, &Which::DeletedBefore("9999"), false).map(|_| ())
}

/// The rows a purge removes, by table and id, for the statements that follow them.
const CREATE_PURGING: &str =
    "CREATE TEMP TABLE IF NOT EXISTS purging (tbl TEXT NOT NULL, id TEXT NOT NULL,
                                              PRIMARY KEY (tbl, id));
     DELETE FROM temp.purging;";

fn purge_in(conn: &Connection, which: &Which<'_>, forget_history: bool) -> Result<Purged> {
    conn.execute_batch(CREATE_PURGING)?;
    let mark = |sql: &str, param: &str| -> Result<()> {
        conn.execute(sql, [param])?;
        Ok(())
    };
    match which {
        Which::Person(id) => mark("INSERT INTO temp.purging VALUES ('people', ?1)", id)?,
        Which::Record(table, id) => {
            mark(
                &format!(
                    "INSERT INTO temp.purging SELECT '{table}', id FROM {table}
                      WHERE id = ?1 AND deleted_at IS NOT NULL"
                ),
                id,
            )?;
            // A tour's check-in plan went with it, and goes with it.
            if *table == "tours" {
                mark(
                    "INSERT OR IGNORE INTO temp.purging SELECT 'check_ins', c.id
                       FROM tours t JOIN check_ins c ON c.id = t.check_in_id
                      WHERE t.id = ?1 AND c.deleted_at = t.deleted_at",
                    id,
                )?;
            }
        }
        Which::DeletedBefore(cutoff) => {
            for table in SOFT_DELETED {
                mark(
                    &format!(
                        "INSERT OR IGNORE INTO temp.purging SELECT '{table}', id FROM {table}
                          WHERE deleted_at IS NOT NULL AND deleted_at < ?1"
                    ),
                    cutoff,
                )?;
            }
        }
    }
    // A tour needs its check-in plan: a plan deleted on its own while its tour lives on stays
    // (deleted, so it reminds of nothing) for as long as the tour does.
    const TOUR_PLANS: &str = "DELETE FROM temp.purging WHERE tbl = 'check_ins'
        AND id IN (SELECT check_in_id FROM tours WHERE deleted_at IS NULL)";
    conn.execute(TOUR_PLANS, [])?;
    // What only the purged people held, and what belongs to purged records, in an order where
    // each step sees what the steps before it marked.
    const PEOPLE: &str = "(SELECT id FROM temp.purging WHERE tbl = 'people')";
    let owned = [
        format!("SELECT 'favours', id FROM favours WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'promises', id FROM promises WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'conflicts', id FROM conflicts WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'reminders', id FROM reminders WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'check_ins', id FROM check_ins WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'tour_stops', id FROM tour_stops WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'asks', id FROM asks WHERE person_id IN {PEOPLE}"),
        format!("SELECT 'links', id FROM links WHERE from_id IN {PEOPLE} OR to_id IN {PEOPLE}"),
        // An interaction goes when everyone at it goes; a meeting shared with someone who
        // stays keeps, and the purged person is taken off it.
        format!(
            "SELECT 'interactions', id FROM interactions i
              WHERE EXISTS (SELECT 1 FROM interaction_people p
                             WHERE p.interaction_id = i.id AND p.person_id IN {PEOPLE})
                AND NOT EXISTS (SELECT 1 FROM interaction_people o
                                 WHERE o.interaction_id = i.id AND o.person_id NOT IN {PEOPLE})"
        ),
        "SELECT 'tours', id FROM tours
          WHERE deleted_at IS NOT NULL
            AND check_in_id IN (SELECT id FROM temp.purging WHERE tbl = 'check_ins')"
            .to_owned(),
        "SELECT 'tour_stops', id FROM tour_stops
          WHERE tour_id IN (SELECT id FROM temp.purging WHERE tbl = 'tours')"
            .to_owned(),
        "SELECT 'group_attendance', id FROM group_attendance
          WHERE group_id IN (SELECT id FROM temp.purging WHERE tbl = 'groups')"
            .to_owned(),
        // Who heard of a win goes with the person or the win.
        format!("SELECT 'win_shares', id FROM win_shares WHERE person_id IN {PEOPLE}"),
        "SELECT 'win_shares', id FROM win_shares
          WHERE win_id IN (SELECT id FROM temp.purging WHERE tbl = 'wins')"
            .to_owned(),
    ];
    for select in &owned {
        conn.execute(&format!("INSERT OR IGNORE INTO temp.purging {select}"), [])?;
    }
    conn.execute(TOUR_PLANS, [])?;
    let counted = |tbl: &str| -> Result<usize> {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM temp.purging WHERE tbl = ?1",
            [tbl],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or_default())
    };
    let total: i64 = conn.query_row("SELECT count(*) FROM temp.purging", [], |r| r.get(0))?;
    let people = counted("people")?;
    let mut purged = Purged {
        people,
        records: usize::try_from(total)
            .unwrap_or_default()
            .saturating_sub(people),
        history_steps: 0,
        space_reclaimed: false,
    };
    if purged.is_empty() {
        return Ok(purged);
    }

    let of = |tbl: &str| format!("(SELECT id FROM temp.purging WHERE tbl = '{tbl}')");
    let deletes = [
        format!("DELETE FROM win_shares WHERE id IN {}", of("win_shares")),
        format!("DELETE FROM wins WHERE id IN {}", of("wins")),
        // A win that stays no longer names a goal that goes.
        format!(
            "UPDATE wins SET map_id = NULL WHERE map_id IN {}",
            of("maps")
        ),
        // Asks and forums outlive the goal and forum they named; a forum loses who goes.
        format!("DELETE FROM asks WHERE id IN {}", of("asks")),
        format!(
            "UPDATE asks SET forum_id = NULL WHERE forum_id IN {}",
            of("forums")
        ),
        format!(
            "UPDATE asks SET map_id = NULL WHERE map_id IN {}",
            of("maps")
        ),
        format!(
            "UPDATE forums SET map_id = NULL WHERE map_id IN {}",
            of("maps")
        ),
        format!(
            "DELETE FROM forum_members WHERE forum_id IN {} OR person_id IN {PEOPLE}",
            of("forums")
        ),
        format!("DELETE FROM forums WHERE id IN {}", of("forums")),
        // A meeting that stays no longer says it was suggested by one that goes.
        format!(
            "UPDATE tour_stops SET suggested_by = NULL
              WHERE suggested_by IN {0} AND id NOT IN {0}",
            of("tour_stops")
        ),
        format!("DELETE FROM tour_stops WHERE id IN {}", of("tour_stops")),
        format!("DELETE FROM tours WHERE id IN {}", of("tours")),
        format!(
            "DELETE FROM group_attendance WHERE id IN {}",
            of("group_attendance")
        ),
        format!("DELETE FROM links WHERE id IN {}", of("links")),
        // What was done about a removed record keeps its title: gone with the record.
        "DELETE FROM reminder_done WHERE person_id IN (SELECT id FROM temp.purging WHERE tbl = 'people')
            OR substr(subject, instr(subject, ':') + 1) IN (SELECT id FROM temp.purging)"
            .to_owned(),
        format!("DELETE FROM reminders WHERE id IN {}", of("reminders")),
        format!("DELETE FROM check_ins WHERE id IN {}", of("check_ins")),
        format!("DELETE FROM conflicts WHERE id IN {}", of("conflicts")),
        format!("DELETE FROM promises WHERE id IN {}", of("promises")),
        format!("DELETE FROM favours WHERE id IN {}", of("favours")),
        format!(
            "DELETE FROM interaction_people
              WHERE interaction_id IN {} OR person_id IN {PEOPLE}",
            of("interactions")
        ),
        format!(
            "DELETE FROM interactions WHERE id IN {}",
            of("interactions")
        ),
        format!(
            "DELETE FROM placement_events WHERE map_id IN {0} OR person_id IN {PEOPLE}",
            of("maps")
        ),
        format!(
            "DELETE FROM desired_events WHERE map_id IN {0} OR person_id IN {PEOPLE}",
            of("maps")
        ),
        format!(
            "DELETE FROM placements WHERE map_id IN {0} OR person_id IN {PEOPLE}",
            of("maps")
        ),
        format!("DELETE FROM profiles WHERE person_id IN {PEOPLE}"),
        format!("DELETE FROM maps WHERE id IN {}", of("maps")),
        format!("DELETE FROM groups WHERE id IN {}", of("groups")),
        format!("DELETE FROM people WHERE id IN {PEOPLE}"),
        "DELETE FROM sample_rows WHERE row_key IN (SELECT id FROM temp.purging)".to_owned(),
        // Last: the triggers above found the index's rows through this map.
        "DELETE FROM search_rows WHERE ref IN (SELECT id FROM temp.purging)".to_owned(),
        // What the reminders remember about them: "thank_you:<favour id>".
        "DELETE FROM reminder_state
          WHERE EXISTS (SELECT 1 FROM temp.purging p WHERE instr(subject, p.id) > 0)"
            .to_owned(),
    ];
    for sql in &deletes {
        conn.execute(sql, [])?;
    }
    purged.history_steps = forget_here(conn, forget_history)?;
    conn.execute_batch("DELETE FROM temp.purging")?;
    Ok(purged)
}

/// Forgets, on this computer, the rows another computer removed for good (`purged`: table and
/// id; sync brings the removal itself): what only this computer kept of them.
pub(crate) fn forget_purged_elsewhere(
    conn: &Connection,
    purged: &[(String, String)],
) -> Result<()> {
    if purged.is_empty() {
        return Ok(());
    }
    conn.execute_batch(CREATE_PURGING)?;
    let mut mark = conn.prepare_cached("INSERT OR IGNORE INTO temp.purging VALUES (?1, ?2)")?;
    for (table, id) in purged {
        mark.execute([table, id])?;
    }
    forget_here(conn, true)?;
    conn.execute_batch("DELETE FROM temp.purging")?;
    Ok(())
}

/// Removes what this computer alone keeps of the rows in `temp.purging`, which sync never
/// carries: the pop-ups shown about them, the values sync's conflict log kept of them and,
/// with `forget_history`, the undo steps that hold them and what the search index's segments
/// still hold. How many undo steps went.
fn forget_here(conn: &Connection, forget_history: bool) -> Result<usize> {
    conn.execute(
        "DELETE FROM reminder_log
          WHERE EXISTS (SELECT 1 FROM temp.purging p WHERE instr(subject, p.id) > 0)",
        [],
    )?;
    // Sync's conflict log keeps the values a later change replaced: those of a purged row go.
    conn.execute(
        "DELETE FROM sync_conflicts
          WHERE EXISTS (SELECT 1 FROM temp.purging p WHERE instr(pk, p.id) > 0)",
        [],
    )?;
    if !forget_history {
        return Ok(0);
    }
    let steps = forget_steps(conn)?;
    optimize_search(conn)?;
    Ok(steps)
}

/// Removes the undo steps whose entries name a purged row (their statements hold its values,
/// to put it back): the whole step, so what stays can still be undone as a whole.
fn forget_steps(conn: &Connection) -> Result<usize> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS forgetting (step INTEGER PRIMARY KEY);
         DELETE FROM temp.forgetting;
         INSERT OR IGNORE INTO temp.forgetting
           SELECT DISTINCT e.step FROM history_entries e
            WHERE EXISTS (SELECT 1 FROM temp.purging p
                           WHERE instr(e.row_key, p.id) > 0 OR instr(e.sql, p.id) > 0);
         DELETE FROM history_entries WHERE step IN (SELECT step FROM temp.forgetting);",
    )?;
    let steps = conn.execute(
        "DELETE FROM history_steps WHERE id IN (SELECT step FROM temp.forgetting)",
        [],
    )?;
    conn.execute_batch("DELETE FROM temp.forgetting")?;
    Ok(steps)
}

/// Merges each full-text index into one segment, which drops what deleted rows left in it
/// (FTS5 only marks a deleted row until its segments are merged).
fn optimize_search(conn: &Connection) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
              WHERE type = 'table' AND name LIKE 'search\\_%' ESCAPE '\\'
                AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        conn.execute(
            &format!("INSERT INTO \"{table}\" (\"{table}\") VALUES ('optimize')"),
            [],
        )?;
    }
    Ok(())
}

/// Gives the space of removed rows back: `incremental_vacuum` when the file was made for it,
/// else VACUUM (which rewrites the file, encrypted as it was) when the file is small enough to
/// do so quickly; then the journal is emptied, so no old page stays in it.
fn reclaim_space(db: &Database) -> Result<()> {
    let conn = db.conn();
    let auto_vacuum: i64 = conn.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))?;
    if auto_vacuum == 2 {
        conn.execute_batch("PRAGMA incremental_vacuum")?;
    } else {
        let bytes: i64 = conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| r.get(0),
        )?;
        if bytes <= CHEAP_VACUUM_BYTES {
            conn.execute_batch("VACUUM")?;
        }
    }
    // Emptied only when no reader still needs its pages (a command-line run may be reading):
    // a few tries, then it is left to the next purge.
    for _ in 0..10 {
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy == 0 {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(Error::Stopped {
        detail: "the journal could not be emptied: another program is reading the data".into(),
    })
}

#[cfg(test)]
mod tests;
