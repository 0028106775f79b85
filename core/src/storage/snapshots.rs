//! Automatic copies of the database in a `backups` folder next to it: one a day (the last 7
//! days and one a week for the 4 weeks before), one before every restore, and (written by
//! `storage`) one before every upgrade of the file's layout. Any of them can
//! be restored; the data it replaces is copied first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::backup;
use super::backups_dir::{failed, list_in, to_prune};
pub use super::backups_dir::{list_for, Reason, Snapshot, DIR};
use super::database::Database;
use super::files::{copy_into, create_private_dir, DB_FILE};
use super::open_error::OpenError;
use crate::error::Result;

pub fn dir(db: &Database) -> PathBuf {
    db.path()
        .parent()
        .map_or_else(|| PathBuf::from(DIR), |p| p.join(DIR))
}

/// Copies the database into the backups folder now; the copy is consistent even while the app
/// writes (VACUUM INTO reads one snapshot of the database).
pub fn take(db: &Database, reason: Reason, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = dir(db);
    create_private_dir(&dir).map_err(|e| failed(&dir, e))?;
    let mut path = dir.join(format!(
        "allies-{}-{}.db",
        now.format("%Y%m%dT%H%M%SZ"),
        reason.as_str()
    ));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!(
            "allies-{}-{}-{n}.db",
            now.format("%Y%m%dT%H%M%SZ"),
            reason.as_str()
        ));
        n += 1;
    }
    copy_into(db.conn(), &path).map_err(|e| failed(&path, e))?;
    Ok(path)
}

/// The copies in the backups folder, newest first.
pub fn list(db: &Database) -> Result<Vec<Snapshot>> {
    list_in(&dir(db))
}

/// Takes today's copy if there is none yet, and thins out old ones. Returns the new copy.
pub fn daily(db: &Database, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let all = list(db)?;
    let today = now.date_naive();
    let taken = all
        .iter()
        .any(|s| s.reason == Reason::Daily && s.taken_at.date_naive() == today);
    let new = if taken {
        None
    } else {
        Some(take(db, Reason::Daily, now)?)
    };
    for old in to_prune(&list(db)?) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(new)
}

/// Replaces everything with a copy from the backups folder (or any Allies database file),
/// after copying the current data there. Returns that copy.
pub fn restore(db: &mut Database, from: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    // Opened through a temporary copy, which brings an older copy up to this version's
    // schema without touching the copy itself.
    // A folder of its own, so the upgrade's copy and journal files go away with it.
    let work = dir(db).join(format!(
        ".restoring-{}",
        now.timestamp_nanos_opt().unwrap_or_default()
    ));
    create_private_dir(&work).map_err(|e| failed(&work, e))?;
    let temp = work.join(DB_FILE);
    std::fs::copy(from, &temp).map_err(|e| failed(from, e))?;
    let opened = Database::open_with_key(&temp, now, db.key());
    let backup = opened.and_then(|source| {
        backup::dump(&source, now).map_err(|e| OpenError::Unavailable {
            path: from.to_owned(),
            detail: e.to_string(),
        })
    });
    let _ = std::fs::remove_dir_all(&work);
    restore_backup(db, &backup?, now)
}

/// Replaces everything with a backup, after copying the current data to the backups folder.
/// Returns that copy.
pub fn restore_backup(
    db: &mut Database,
    backup: &backup::Backup,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let kept = take(db, Reason::BeforeRestore, now)?;
    backup::restore(db, backup)?;
    Ok(kept)
}
