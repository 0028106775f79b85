//! Keeping the sync folder from growing without bound, at each pull: a new snapshot now and
//! then, this device's change files removed once every computer has applied them and the
//! newest snapshots cover them, and its old snapshots removed after a grace period.
//!
//! Each device removes only what it wrote, so two never remove at once. A computer is known by
//! its note (`devices/<id>.json`, written when it turns sync on), and its note says what it has
//! applied: a computer that has been away holds back every file it has not applied. One whose
//! sync was turned off says so in its note and holds nothing back; a computer retired without
//! turning sync off is forgotten by removing its note.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::engine::{read_note, Device};
use super::snapshot::{self, Header, Listed};
use super::{capture, folder};
use crate::error::Result;
use crate::records::time_text;
use crate::storage::{schema_version, Database};

/// How many change files (of all devices) not covered by the newest snapshot make a device
/// that is up to date with it write a new one.
pub const REFRESH_AFTER: usize = 500;

/// How many of the newest snapshots are kept whatever their age; a change file is removed only
/// when each of them covers it, so a computer starting from any of them finds every file after.
pub const SNAPSHOTS_KEPT: usize = 2;

/// How long an older snapshot stays after a newer one was written, so a computer reading it
/// (or whose file sync has not brought the newer one yet) is not cut off.
pub const SNAPSHOT_GRACE_DAYS: i64 = 7;

/// When snapshots are written and removed. The app uses [`Upkeep::default`]; tests use smaller
/// numbers.
#[derive(Debug, Clone)]
pub(crate) struct Upkeep {
    pub refresh_after: usize,
    pub kept: usize,
    pub grace: Duration,
}

impl Default for Upkeep {
    fn default() -> Self {
        Upkeep {
            refresh_after: REFRESH_AFTER,
            kept: SNAPSHOTS_KEPT,
            grace: Duration::days(SNAPSHOT_GRACE_DAYS),
        }
    }
}

/// Writes a new snapshot when one is due, then removes what this device wrote that no computer
/// needs any more. A snapshot that could not be written gives why (shown with the files that
/// wait), and stops nothing else: it is tried again at the next pull.
pub(crate) fn keep_folder(
    db: &Database,
    folder: &Path,
    me: &Device,
    upkeep: &Upkeep,
    now: DateTime<Utc>,
) -> Result<std::result::Result<(), String>> {
    let written = refresh(db, folder, me, upkeep, now)?;
    let snapshots = snapshot::list(folder);
    remove_applied_files(folder, &me.id, &snapshots, upkeep);
    remove_old_snapshots(&me.id, &snapshots, upkeep, now);
    Ok(written)
}

/// What this device's data holds: its own files (all written, the outbox being empty) and the
/// others' it applied.
fn covered_here(db: &Database, me: &str) -> Result<BTreeMap<String, i64>> {
    let mut covers = capture::applied_so_far(db.conn())?;
    let written: i64 = db
        .conn()
        .query_row("SELECT next_seq - 1 FROM sync_device", [], |r| r.get(0))?;
    if written > 0 {
        covers.insert(me.to_owned(), written);
    }
    Ok(covers)
}

/// Writes a snapshot when more than `refresh_after` change files in the folder are not covered
/// by the newest one (or there is none and files were removed), and this device has applied at
/// least all that one covers (so snapshots only ever cover more). Gives why one could not be
/// written.
fn refresh(
    db: &Database,
    folder: &Path,
    me: &Device,
    upkeep: &Upkeep,
    now: DateTime<Utc>,
) -> Result<std::result::Result<(), String>> {
    let pending: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))?;
    if pending > 0 {
        return Ok(Ok(())); // changes not in the folder yet would be in it
    }
    let covers = covered_here(db, &me.id)?;
    let newest = snapshot::list(folder).into_iter().next().map(|s| s.header);
    let covered = |device: &str| newest.as_ref().map_or(0, |n| n.covered(device));
    if newest.as_ref().is_some_and(|n| {
        n.covers
            .iter()
            .any(|(d, s)| covers.get(d).copied().unwrap_or(0) < *s)
    }) {
        return Ok(Ok(())); // behind the newest snapshot: a device up to date writes the next one
    }
    let files = files_in(folder);
    let uncovered = files
        .iter()
        .filter(|(device, seq)| *seq > covered(device))
        .count();
    // With no snapshot, files already removed (a device's first file gone) are only to be had
    // from a new one: a snapshot found damaged and taken out of the folder is replaced so, by a
    // device that has applied every file there (not one still waiting for the removed ones).
    let up_to_date = files
        .iter()
        .all(|(d, seq)| *seq <= covers.get(d).copied().unwrap_or(0));
    let removed = newest.is_none()
        && up_to_date
        && std::fs::read_dir(folder::changes_dir(folder))
            .into_iter()
            .flatten()
            .flatten()
            .any(|dir| {
                let device = dir.file_name().to_string_lossy().into_owned();
                !files.iter().any(|(d, seq)| *d == device && *seq == 1)
            });
    if uncovered <= upkeep.refresh_after && !removed {
        return Ok(Ok(()));
    }
    let header = Header {
        format: snapshot::FORMAT.into(),
        version: folder::VERSION,
        device: me.id.clone(),
        schema: schema_version(),
        written_at: time_text(now),
        hlc: db
            .conn()
            .query_row("SELECT last_hlc FROM sync_device", [], |r| r.get(0))?,
        covers,
    };
    if newest.is_some_and(|n| n.total() >= header.total()) {
        return Ok(Ok(()));
    }
    let written = snapshot::write(db.conn(), folder, &header, &me.key)?;
    Ok(written.map(|_| ()).map_err(|detail| {
        format!(
            "a snapshot of the data could not be written to the sync folder: {detail}. Check that the folder has room and can be written to; it is tried again at the next sync"
        )
    }))
}

/// Every change file in the folder: (device, seq).
fn files_in(folder: &Path) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(folder::changes_dir(folder))
        .into_iter()
        .flatten()
        .flatten()
    {
        let device = dir.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Some(seq) = folder::seq_of(&file.file_name().to_string_lossy()) {
                out.push((device.clone(), seq));
            }
        }
    }
    out
}

/// The highest file number of `me` that may go: every one of the newest snapshots covers it
/// and every other computer with a note has applied it. `None` while there is no snapshot.
pub(crate) fn removable_upto(
    folder: &Path,
    me: &str,
    snapshots: &[Listed],
    upkeep: &Upkeep,
) -> Option<i64> {
    let floor = snapshots
        .iter()
        .take(upkeep.kept.max(1))
        .map(|s| s.header.covered(me))
        .min()?;
    let applied_everywhere = folder::noted_devices(folder)
        .into_iter()
        .filter(|d| d != me)
        .filter_map(|d| match read_note(folder, &d) {
            Some(note) if note.off => None,
            Some(note) => Some(note.applied.get(me).copied().unwrap_or(0)),
            // A note that does not read holds everything back, as one saying nothing.
            None => Some(0),
        })
        .min()
        .unwrap_or(i64::MAX);
    Some(floor.min(applied_everywhere))
}

/// Removes this device's change files that no computer needs any more.
fn remove_applied_files(folder: &Path, me: &str, snapshots: &[Listed], upkeep: &Upkeep) {
    let Some(upto) = removable_upto(folder, me, snapshots, upkeep) else {
        return;
    };
    for file in std::fs::read_dir(folder::device_dir(folder, me))
        .into_iter()
        .flatten()
        .flatten()
    {
        if folder::seq_of(&file.file_name().to_string_lossy()).is_some_and(|seq| seq <= upto) {
            // Best effort: one left behind is removed at the next push.
            let _ = std::fs::remove_file(file.path());
        }
    }
}

/// Removes this device's snapshots beyond the newest `kept` once the snapshot just newer than
/// each has been in the folder for the grace period.
fn remove_old_snapshots(me: &str, snapshots: &[Listed], upkeep: &Upkeep, now: DateTime<Utc>) {
    for (newer, old) in snapshots
        .iter()
        .zip(snapshots.iter().skip(1))
        .skip(upkeep.kept.max(1) - 1)
    {
        let settled = DateTime::parse_from_rfc3339(&newer.header.written_at)
            .is_ok_and(|t| t.with_timezone(&Utc) + upkeep.grace <= now);
        if old.header.device == me && settled {
            let _ = std::fs::remove_file(&old.path);
        }
    }
}
