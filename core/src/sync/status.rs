//! What Settings and `allies sync status` show: this device, the others, and what waits.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::engine::{device, read_note, Note};
use super::folder;
use super::summary::Problem;
use crate::error::Result;
use crate::storage::Database;

/// One device that writes to the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceStatus {
    pub id: String,
    pub name: Option<String>,
    /// The highest file number of it in the folder.
    pub last_seq_seen: i64,
    /// The highest file number of it applied here.
    pub last_applied: i64,
    /// When it last wrote to the folder, as it says.
    pub last_write: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub device_id: String,
    pub device_name: String,
    pub next_seq: i64,
    /// Changes recorded here and not written to the folder yet.
    pub outbox_pending: i64,
    pub devices: Vec<DeviceStatus>,
    /// Files that wait (a gap, what they depend on, a newer version of Allies).
    pub waiting: Vec<Problem>,
    /// Files that cannot be applied without a person's help.
    pub errors: Vec<Problem>,
    /// Why the folder cannot be used right now (not there, or set up again), if so: then the
    /// other computers cannot be listed from it either.
    pub folder_problem: Option<String>,
}

/// The state of sync on this device and in `folder`, as of the last pull.
pub fn status(db: &Database, folder: &Path) -> Result<Status> {
    let me = device(db)?;
    let folder_problem = super::engine::check_folder(folder, &me)
        .err()
        .map(|e| e.to_string());
    let conn = db.conn();
    let (next_seq, outbox_pending): (i64, i64) = conn.query_row(
        "SELECT next_seq, (SELECT count(*) FROM sync_outbox) FROM sync_device",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let applied = super::capture::applied_so_far(conn)?;
    let mut seen: BTreeMap<String, i64> = BTreeMap::new();
    for entry in std::fs::read_dir(folder::changes_dir(folder))
        .into_iter()
        .flatten()
        .flatten()
    {
        let id = entry.file_name().to_string_lossy().into_owned();
        let top = std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|f| folder::seq_of(&f.file_name().to_string_lossy()))
            .max()
            .unwrap_or(0);
        seen.insert(id, top);
    }
    // Also a computer that turned sync on and has written no change yet.
    for id in applied.keys().cloned().chain(folder::noted_devices(folder)) {
        seen.entry(id).or_insert(0);
    }
    let devices = seen
        .into_iter()
        .filter(|(id, _)| *id != me.id)
        .map(|(id, last_seq_seen)| {
            let note: Option<Note> = read_note(folder, &id);
            DeviceStatus {
                last_applied: applied.get(&id).copied().unwrap_or(0),
                name: note.as_ref().map(|n| n.name.clone()),
                last_write: note.map(|n| n.last_write),
                id,
                last_seq_seen,
            }
        })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT path, device, seq, reason, attempts, waiting FROM sync_problems ORDER BY path",
    )?;
    let problems = stmt.query_map([], |r| {
        Ok(Problem {
            path: r.get::<_, String>(0)?.into(),
            device: r.get(1)?,
            seq: r.get(2)?,
            waiting: r.get(5)?,
            reason: r.get(3)?,
        })
    })?;
    let (waiting, errors): (Vec<Problem>, Vec<Problem>) = problems
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .partition(|p| p.waiting);
    Ok(Status {
        device_id: me.id,
        device_name: me.name,
        next_seq,
        outbox_pending,
        devices,
        waiting,
        errors,
        folder_problem,
    })
}
