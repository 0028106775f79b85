//! Snapshots in the sync folder: every synced row with its clock, sealed like a change file, so
//! a computer joining the folder starts from one instead of from the first change ever written.
//!
//! `snapshots/<total>-<device>.snapshot` is one line of JSON (the [`Header`], the associated
//! data), a newline, a nonce and the sealed [`Body`]. `covers` says, for each device, the
//! highest file number whose changes are in it; `total` is their sum, so names sort by how much
//! a snapshot covers. A device writes one only when it has applied everything the newest one
//! covers, so each new snapshot covers at least as much as every one before it.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::changes::key_columns;
use super::changes::{json_of, Row};
use super::folder::{self, Unreadable};
use super::is_event_table;
use crate::error::Result;

pub(crate) const FORMAT: &str = "allies-sync-snapshot";
const DIR: &str = "snapshots";
const EXTENSION: &str = "snapshot";

/// The plain part of a snapshot file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    pub version: u32,
    /// The device that wrote it.
    pub device: String,
    /// The schema version (number of migrations) of the database it was taken from.
    pub schema: i64,
    pub written_at: String,
    /// The writer's clock when it wrote it: later than every row's clock in it.
    pub hlc: String,
    /// Device -> the highest file number of it whose changes are in the snapshot.
    pub covers: BTreeMap<String, i64>,
}

impl Header {
    /// The sum of what it covers: a later snapshot's is larger.
    pub fn total(&self) -> i64 {
        self.covers.values().sum()
    }

    pub fn covered(&self, device: &str) -> i64 {
        self.covers.get(device).copied().unwrap_or(0)
    }
}

/// One row of a snapshot: its key (a JSON array, as `sync_row_clock` keeps it), the clock of
/// its last change (none for events, which have no clocks) and the row (none for a delete,
/// kept so a device with an older version of the row deletes it too).
pub(crate) type Entry = (String, Option<String>, Option<Row>);

/// The sealed part: each synced table's entries.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Body {
    pub tables: BTreeMap<String, Vec<Entry>>,
}

/// A snapshot in the folder, as its header says.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub path: PathBuf,
    pub header: Header,
}

pub(crate) fn dir(folder: &Path) -> PathBuf {
    folder.join(DIR)
}

fn path_for(folder: &Path, header: &Header) -> PathBuf {
    dir(folder).join(format!(
        "{:012}-{}.{EXTENSION}",
        header.total(),
        header.device
    ))
}

/// Every snapshot in the folder whose header reads, the newest (the one covering most) first.
/// One being written (a temporary name) or with a damaged header is left out here; opening
/// tells what is wrong with a damaged one.
pub(crate) fn list(folder: &Path) -> Vec<Listed> {
    let mut out: Vec<Listed> = std::fs::read_dir(dir(folder))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name.starts_with('.') && name.ends_with(&format!(".{EXTENSION}"))
        })
        .filter_map(|e| {
            let header = read_header(&e.path()).ok()?;
            Some(Listed {
                path: e.path(),
                header,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (b.header.total(), &b.header.device).cmp(&(a.header.total(), &a.header.device))
    });
    out
}

/// The header of the snapshot at `path`, read without reading the rest of the file.
fn read_header(path: &Path) -> std::result::Result<Header, Unreadable> {
    let file = std::fs::File::open(path).map_err(|e| format!("it cannot be read ({e})"))?;
    let mut line = Vec::new();
    std::io::BufReader::new(file)
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("it cannot be read ({e})"))?;
    parse_header(line.strip_suffix(b"\n").unwrap_or(&line))
}

fn parse_header(line: &[u8]) -> std::result::Result<Header, Unreadable> {
    let header: Header =
        serde_json::from_slice(line).map_err(|e| format!("its header is damaged ({e})"))?;
    if header.format != FORMAT {
        return Err(format!("it is not an Allies snapshot ({})", header.format));
    }
    Ok(header)
}

/// The snapshot at `path`, opened with `key`: its header and its rows. A changed byte
/// anywhere, a file cut short or another folder's key gives why it cannot be used.
pub(crate) fn open(path: &Path, key: &[u8; 32]) -> std::result::Result<(Header, Body), Unreadable> {
    let bytes = std::fs::read(path).map_err(|e| format!("it cannot be read ({e})"))?;
    let end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or("it has no header (it may be cut short or not an Allies file)")?;
    let header = parse_header(&bytes[..end])?;
    let plain = folder::open_sealed(&bytes, end, key)?;
    let body: Body =
        serde_json::from_slice(&plain).map_err(|_| "its content is damaged".to_owned())?;
    Ok((header, body))
}

/// Writes a snapshot of every synced row of `conn` with `header` (which says what it covers)
/// through a temporary name and a rename; returns its path. The rows are read in one read
/// transaction, so they are of one moment.
pub(crate) fn write(
    conn: &Connection,
    folder: &Path,
    header: &Header,
    key: &[u8; 32],
) -> Result<std::result::Result<PathBuf, Unreadable>> {
    let body = {
        let tx = conn.unchecked_transaction()?;
        let body = rows_of(&tx)?;
        tx.finish()?;
        body
    };
    let sealed = serde_json::to_vec(header)
        .map_err(|e| e.to_string())
        .and_then(|head| {
            let plain = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
            folder::seal_under(head, &plain, key)
        });
    let path = path_for(folder, header);
    Ok(sealed.and_then(|bytes| {
        folder::write_whole(&path, &bytes)
            .map(|()| path.clone())
            .map_err(|e| format!("{} could not be written ({e})", path.display()))
    }))
}

/// Every synced row with its clock, and the clock of every delete. A row without a clock was
/// never in a change file (a joining computer's own settings, which it did not send), so it is
/// not in the snapshot either: applying a snapshot gives what applying its files gives.
fn rows_of(conn: &Connection) -> Result<Body> {
    let mut body = Body::default();
    for table in crate::history::triggers::recorded_tables(conn)? {
        if !super::is_synced(&table) {
            continue;
        }
        let keys = key_columns(conn, &table)?;
        if keys.is_empty() {
            continue; // the session extension records no table without a key
        }
        let mut clocks: BTreeMap<String, String> = {
            let mut stmt = conn.prepare("SELECT pk, hlc FROM sync_row_clock WHERE tbl = ?1")?;
            let rows = stmt.query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let event = is_event_table(&table);
        let mut entries: Vec<Entry> = Vec::new();
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
        let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut row = Row::new();
            for (i, name) in names.iter().enumerate() {
                row.insert(name.clone(), json_of(r.get_ref(i)?));
            }
            let pk: Vec<serde_json::Value> = keys
                .iter()
                .map(|k| row.get(k).cloned().unwrap_or_default())
                .collect();
            let pk = serde_json::Value::Array(pk).to_string();
            if event {
                entries.push((pk, None, Some(row)));
            } else if let Some(clock) = clocks.remove(&pk) {
                entries.push((pk, Some(clock), Some(row)));
            }
        }
        // What is left are the clocks of deleted rows.
        if !event {
            entries.extend(clocks.into_iter().map(|(pk, hlc)| (pk, Some(hlc), None)));
        }
        body.tables.insert(table, entries);
    }
    Ok(body)
}
