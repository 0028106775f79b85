//! Applying one file's changeset with the conflict policy of the module's documentation.
//!
//! SQLite applies the changes that meet no conflict; every conflicting one is left out, and
//! then each changed row is set to what the policy says: the whole row of the change with the
//! later clock (the incoming one, as its file carries it, or the one here, as it was before).
//! Events with per-device integer keys are moved or found by content instead.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ConflictAction, ConflictType};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use serde_json::Value as Json;

use super::changes::{self, key_columns, owned, read_row, sql_of, where_keys, Row, Rows};
use super::is_event_table;
use crate::error::Result;

/// How many pulls a change that breaks a foreign key waits for its parent before it is reported
/// as stuck.
pub const FK_ATTEMPTS: i64 = 5;

/// How applying a file went.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Applied,
    /// A change would break a foreign key: nothing was applied; try again at the next pull.
    ForeignKey,
    /// A change breaks a rule of the schema (a CHECK, a unique index): nothing was applied.
    Constraint(String),
}

#[derive(Debug, Default)]
struct Collected {
    /// Rows SQLite found in conflict (changed here too, or gone).
    conflicted: HashSet<(String, String)>,
    /// Events whose key is taken here: stored again under a new key.
    reinserts: Vec<(String, Vec<(usize, Value)>)>,
    /// Events to delete, found by their values (their key may differ here).
    deletes: Vec<(String, Vec<(usize, Value)>)>,
    foreign_key: bool,
    constraint: Option<String>,
}

/// What a row was here before the file: its clock and its values.
struct Before {
    clock: Option<String>,
    row: Option<Row>,
}

/// Applies `changeset` (made at clock `hlc`, leaving `rows`) in the caller's transaction.
pub(crate) fn apply_changeset(
    tx: &Connection,
    hlc: &str,
    changeset: &[u8],
    rows: &Rows,
    at: &str,
) -> Result<Outcome> {
    let changes = changes::read(changeset)?;
    let mut columns: HashMap<String, Vec<String>> = HashMap::new();
    let mut before: HashMap<(String, String), Before> = HashMap::new();
    for change in &changes {
        if !columns.contains_key(&change.table) {
            columns.insert(change.table.clone(), column_names(tx, &change.table)?);
        }
        if !is_event_table(&change.table) {
            let clock = tx
                .query_row(
                    "SELECT hlc FROM sync_row_clock WHERE tbl = ?1 AND pk = ?2",
                    params![change.table, change.pk],
                    |r| r.get(0),
                )
                .ok();
            let row = read_row(tx, &change.table, &change.pk)?;
            before.insert(
                (change.table.clone(), change.pk.clone()),
                Before { clock, row },
            );
        }
    }
    // Rows brought back may refer to rows the same file brings back later on.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let state = Arc::new(Mutex::new(Collected::default()));
    let handler = {
        let state = Arc::clone(&state);
        move |kind: ConflictType, item: ChangesetItem| {
            let Ok(mut collected) = state.lock() else {
                return ConflictAction::SQLITE_CHANGESET_ABORT;
            };
            decide(&kind, &item, &mut collected).unwrap_or(ConflictAction::SQLITE_CHANGESET_ABORT)
        }
    };
    let mut input: &[u8] = changeset;
    let applied = tx.apply_strm(&mut input, None::<fn(&str) -> bool>, handler);
    let collected = state
        .lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default();
    if let Err(e) = applied {
        if collected.foreign_key {
            return Ok(Outcome::ForeignKey);
        }
        if let Some(what) = collected.constraint {
            return Ok(Outcome::Constraint(what));
        }
        return Err(e.into());
    }
    move_events(tx, &columns, collected.reinserts, collected.deletes)?;
    // An event sent again (a computer that turned sync off and on sends all it holds once more)
    // is the same event: a second row with the same values goes, whatever its key here.
    for change in changes.iter().filter(|c| !c.event_values.is_empty()) {
        drop_repeats(tx, &columns, &change.table, &change.event_values)?;
    }
    let mut clock = tx.prepare_cached(
        "INSERT INTO sync_row_clock (tbl, pk, hlc) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, pk) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > hlc",
    )?;
    let mut log = tx.prepare_cached(
        "INSERT INTO sync_conflicts (at, tbl, pk, kind, kept, overridden, winner)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut purged = Vec::new();
    for change in changes.iter().filter(|c| !is_event_table(&c.table)) {
        let key = (change.table.clone(), change.pk.clone());
        let Some(was) = before.remove(&key) else {
            continue; // a row the file changes twice is settled the first time
        };
        let incoming = match change.kind {
            Action::SQLITE_DELETE => None,
            _ => rows.get(&key).cloned(),
        };
        let incoming_wins = was.clock.as_deref().is_none_or(|here| hlc > here);
        let (target, loser) = if incoming_wins {
            (incoming, was.row)
        } else {
            (was.row, incoming)
        };
        let now = read_row(tx, &change.table, &change.pk)?;
        if now != target {
            set_row(tx, &change.table, &change.pk, target.as_ref())?;
        }
        // Values lost: the loser's where it differs from what stays. A row changed here without
        // a conflict and with a later incoming change lost nothing if SQLite's result is it; a
        // row here that was never shared (a joining computer's own settings) loses nothing either.
        let shared = was.clock.is_some();
        let lost =
            shared && (!incoming_wins || collected.conflicted.contains(&key) || now != target);
        if lost && loser != target {
            if let Some((kind, kept, overridden)) = describe(loser.as_ref(), target.as_ref()) {
                let winner = if incoming_wins {
                    hlc.to_owned()
                } else {
                    was.clock.unwrap_or_default()
                };
                log.execute(params![
                    at,
                    change.table,
                    change.pk,
                    kind,
                    kept,
                    overridden,
                    winner
                ])?;
            }
        }
        clock.execute(params![change.table, change.pk, hlc])?;
        if target.is_none() && crate::purge::SOFT_DELETED.contains(&change.table.as_str()) {
            if let Some(id) = first_text(&change.pk) {
                purged.push((change.table.clone(), id));
            }
        }
    }
    // Records deleted by a stamp are only ever removed for good: what this computer alone kept
    // of them goes too, as it went where they were removed.
    crate::purge::forget_purged_elsewhere(tx, &purged)?;
    Ok(Outcome::Applied)
}

/// The first value of a row's key as sync writes it (a JSON array), when it is text: a
/// record's id.
fn first_text(pk: &str) -> Option<String> {
    match serde_json::from_str::<Json>(pk).ok()? {
        Json::Array(values) => values.into_iter().next()?.as_str().map(str::to_owned),
        _ => None,
    }
}

/// The log entry for a row where `lost` gave way to `kept`: (kind, kept, overridden).
pub(crate) fn describe(
    lost: Option<&Row>,
    kept: Option<&Row>,
) -> Option<(&'static str, Option<String>, String)> {
    match (lost, kept) {
        (Some(lost), Some(kept)) => {
            let differs: Vec<&String> = lost
                .keys()
                .filter(|c| lost.get(*c) != kept.get(*c))
                .collect();
            let pick = |row: &Row| -> Row {
                differs
                    .iter()
                    .map(|c| ((*c).clone(), row.get(*c).cloned().unwrap_or(Json::Null)))
                    .collect()
            };
            Some((
                "edited on two computers",
                Some(Json::Object(pick(kept)).to_string()),
                Json::Object(pick(lost)).to_string(),
            ))
        }
        (Some(lost), None) => Some((
            "deleted on one computer, edited on another",
            None,
            Json::Object(lost.clone()).to_string(),
        )),
        (None, Some(kept)) => Some((
            "deleted on one computer, edited later on another",
            Some(Json::Object(kept.clone()).to_string()),
            "{}".into(),
        )),
        (None, None) => None,
    }
}

/// Sets the row of `table` keyed `pk` to `row`, or deletes it.
pub(crate) fn set_row(tx: &Connection, table: &str, pk: &str, row: Option<&Row>) -> Result<()> {
    let keys = key_columns(tx, table)?;
    let key: Vec<Json> = serde_json::from_str(pk).unwrap_or_default();
    let filter = where_keys(&keys, 1);
    let key_args = || key.iter().map(sql_of);
    let Some(row) = row else {
        tx.execute(
            &format!("DELETE FROM \"{table}\" WHERE {filter}"),
            params_from_iter(key_args()),
        )?;
        return Ok(());
    };
    let there: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE {filter})"),
        params_from_iter(key_args()),
        |r| r.get(0),
    )?;
    if there {
        let others: Vec<(&String, &Json)> = row.iter().filter(|(c, _)| !keys.contains(c)).collect();
        if others.is_empty() {
            return Ok(());
        }
        let set: Vec<String> = others
            .iter()
            .enumerate()
            .map(|(n, (c, _))| format!("\"{c}\" = ?{}", n + 1 + keys.len()))
            .collect();
        let args: Vec<Value> = key_args()
            .chain(others.iter().map(|(_, v)| sql_of(v)))
            .collect();
        tx.execute(
            &format!("UPDATE \"{table}\" SET {} WHERE {filter}", set.join(", ")),
            params_from_iter(args),
        )?;
    } else {
        let names: Vec<String> = row.keys().map(|c| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (1..=names.len()).map(|n| format!("?{n}")).collect();
        tx.execute(
            &format!(
                "INSERT INTO \"{table}\" ({}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ),
            params_from_iter(row.values().map(sql_of)),
        )?;
    }
    Ok(())
}

fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// What SQLite does with a change that meets a conflict: events are moved or found by content;
/// other rows are left for the policy; a broken foreign key or rule stops the file.
fn decide(
    kind: &ConflictType,
    item: &ChangesetItem,
    out: &mut Collected,
) -> rusqlite::Result<ConflictAction> {
    use ConflictAction::{SQLITE_CHANGESET_ABORT as ABORT, SQLITE_CHANGESET_OMIT as OMIT};
    // With a foreign key conflict the item names no row: only its count may be read.
    if *kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        out.foreign_key = true;
        return Ok(ABORT);
    }
    let op = item.op()?;
    let table = op.table_name().to_owned();
    let code = op.code();
    if *kind == ConflictType::SQLITE_CHANGESET_CONSTRAINT {
        out.constraint = Some(format!("a change to {table} breaks a rule of the data"));
        return Ok(ABORT);
    }
    let count = usize::try_from(op.number_of_columns()).unwrap_or_default();
    let pk_flags = item.pk()?.to_vec();
    let values = |get: &dyn Fn(usize) -> rusqlite::Result<Value>| -> Vec<(usize, Value)> {
        (0..count)
            .filter(|i| pk_flags.get(*i).is_none_or(|f| *f == 0))
            .filter_map(|i| get(i).ok().map(|v| (i, v)))
            .collect()
    };
    if is_event_table(&table) {
        match code {
            Action::SQLITE_INSERT => out
                .reinserts
                .push((table, values(&|i| item.new_value(i).map(owned)))),
            Action::SQLITE_DELETE => out
                .deletes
                .push((table, values(&|i| item.old_value(i).map(owned)))),
            _ => {}
        }
        return Ok(OMIT);
    }
    let pk = changes::pk_of(item, code)?;
    out.conflicted.insert((table, pk));
    Ok(OMIT)
}

/// Keeps one row of `table` holding `values` (by column number, its key left out), the first.
fn drop_repeats(
    tx: &Connection,
    columns: &HashMap<String, Vec<String>>,
    table: &str,
    values: &[(usize, Value)],
) -> Result<()> {
    let filter: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(n, (i, _))| {
            let column = columns
                .get(table)
                .and_then(|c| c.get(*i))
                .cloned()
                .unwrap_or_default();
            format!("\"{column}\" IS ?{}", n + 1)
        })
        .collect();
    tx.execute(
        &format!(
            "DELETE FROM \"{table}\" WHERE rowid IN
               (SELECT rowid FROM \"{table}\" WHERE {} ORDER BY rowid LIMIT -1 OFFSET 1)",
            filter.join(" AND ")
        ),
        params_from_iter(values.iter().map(|(_, v)| v.clone())),
    )?;
    Ok(())
}

fn move_events(
    tx: &Connection,
    columns: &HashMap<String, Vec<String>>,
    reinserts: Vec<(String, Vec<(usize, Value)>)>,
    deletes: Vec<(String, Vec<(usize, Value)>)>,
) -> Result<()> {
    let name = |table: &str, i: usize| {
        columns
            .get(table)
            .and_then(|c| c.get(i))
            .cloned()
            .unwrap_or_default()
    };
    for (table, values) in reinserts {
        let names: Vec<String> = values
            .iter()
            .map(|(i, _)| format!("\"{}\"", name(&table, *i)))
            .collect();
        let marks: Vec<String> = (1..=values.len()).map(|n| format!("?{n}")).collect();
        tx.execute(
            &format!(
                "INSERT INTO \"{table}\" ({}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ),
            params_from_iter(values.into_iter().map(|(_, v)| v)),
        )?;
    }
    for (table, values) in deletes {
        let filter: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(n, (i, _))| format!("\"{}\" IS ?{}", name(&table, *i), n + 1))
            .collect();
        tx.execute(
            &format!(
                "DELETE FROM \"{table}\" WHERE rowid =
                   (SELECT rowid FROM \"{table}\" WHERE {} LIMIT 1)",
                filter.join(" AND ")
            ),
            params_from_iter(values.into_iter().map(|(_, v)| v)),
        )?;
    }
    Ok(())
}
