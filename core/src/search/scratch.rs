//! A small search index in memory, with the tokenizer of the app's own indexes, where a few
//! records are searched as typed: for their snippets, or to check candidates. A word typed as a
//! prefix is read whole before its first match in a big index (see `newest.rs`); here it costs
//! nothing, and what a search finds in a record, and the snippet it writes of it, depend only
//! on the record and the search, not on the index it is in.

use rusqlite::Connection;

use crate::error::Result;
use crate::storage::Database;

/// The in-memory database, attached to the connection the first time it is needed.
const SCHEMA: &str = "search_scratch";
/// The index in it, named apart from every index in the main database.
pub(super) const INDEX: &str = "search_check";

/// Attaches the in-memory database with the index, once per connection; false when it is not
/// there and cannot be attached now (inside a transaction).
fn attach(conn: &Connection) -> Result<bool> {
    let attached: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = ?1)",
        [SCHEMA],
        |r| r.get(0),
    )?;
    if attached {
        return Ok(true);
    }
    if !conn.is_autocommit() {
        return Ok(false);
    }
    // In memory, so the text it holds for a moment never reaches a file; KEY '': an encrypted
    // database's key does not apply to it.
    conn.execute_batch(&format!(
        "ATTACH DATABASE ':memory:' AS {SCHEMA} KEY '';
         CREATE VIRTUAL TABLE {SCHEMA}.{INDEX} USING fts5(
             body, tokenize = 'unicode61 remove_diacritics 2');"
    ))?;
    Ok(true)
}

/// Runs `search` over the records `ids`, indexed in the small index (as [`INDEX`]) from
/// `source`, a query of rowid and text for the JSON list of ids in `?1`; the index is emptied
/// again after it. None when the small index cannot be had now (inside a transaction).
pub(super) fn with_records<T>(
    db: &Database,
    source: &str,
    ids: &[i64],
    search: impl FnOnce() -> Result<T>,
) -> Result<Option<T>> {
    let conn = db.conn();
    if !attach(conn)? {
        return Ok(None);
    }
    let list = format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    conn.prepare_cached(&format!(
        "INSERT INTO {SCHEMA}.{INDEX} (rowid, body) {source}"
    ))?
    .execute([list])?;
    let found = search();
    conn.prepare_cached(&format!("DELETE FROM {SCHEMA}.{INDEX}"))?
        .execute([])?;
    found.map(Some)
}

/// Records indexed for search (all kinds, as ever numbered) from which reading a long word's
/// matches whole costs more than indexing a few records again: with a million interactions a
/// common word took 15 ms to read, with 100,000 about 1.5 ms, and indexing 64 records here
/// takes about 3 ms.
const WORTH_IT_FROM: i64 = 500_000;

/// Whether the database is large enough for searches to go through the small index.
pub(super) fn worth_it(db: &Database) -> Result<bool> {
    let records: i64 =
        db.conn()
            .query_row("SELECT coalesce(max(id), 0) FROM search_rows", [], |r| {
                r.get(0)
            })?;
    Ok(records >= WORTH_IT_FROM)
}

/// Whether the small index can be had now: false inside a transaction on a connection that has
/// not had it yet.
pub(super) fn available(db: &Database) -> Result<bool> {
    attach(db.conn())
}
