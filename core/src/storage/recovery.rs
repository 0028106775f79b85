//! A file that cannot be opened is moved aside, never changed: an empty database or the newest
//! copy from the backups folder takes its place, and the old file is kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::cipher::{self, Passphrase};
use super::database::Database;
use super::files::{sibling, stamp, with_suffix, COMPANIONS};
use super::open_error::OpenError;

/// Moves a database that cannot be opened out of the way, with its `-wal` and `-shm` files
/// (a stale journal must never be replayed into a new database), and opens an empty one.
/// Returns the new database and where the old file now is.
pub fn start_fresh(path: &Path, now: DateTime<Utc>) -> Result<(Database, PathBuf), OpenError> {
    let aside = move_aside(path, now)?;
    let db = Database::open(path, now)?;
    Ok((db, aside))
}

/// Moves the database file and its journal aside, together or not at all; returns where.
fn move_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf, OpenError> {
    let aside = sibling(path, &format!("broken-{}", stamp(now)));
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for suffix in COMPANIONS {
        let from = with_suffix(path, suffix);
        if !from.exists() {
            continue;
        }
        let to = with_suffix(&aside, suffix);
        if let Err(e) = std::fs::rename(&from, &to) {
            // Put back what was already moved, so the files stay together as they were.
            put_back(&moved);
            return Err(OpenError::Unavailable {
                path: path.to_owned(),
                detail: format!("it could not be moved aside ({e}); nothing was changed"),
            });
        }
        moved.push((from, to));
    }
    Ok(aside)
}

fn put_back(moved: &[(PathBuf, PathBuf)]) {
    for (from, to) in moved.iter().rev() {
        let _ = std::fs::rename(to, from);
    }
}

/// Puts a copy from the backups folder in place of a database that cannot be opened, which is
/// moved aside and kept. The copy itself stays as it is; an older one is upgraded on opening.
/// If the copy cannot be opened either, everything is put back as it was.
pub fn restore_copy(
    path: &Path,
    copy: &Path,
    now: DateTime<Utc>,
    key: Option<&Passphrase>,
) -> Result<(Database, PathBuf), OpenError> {
    let aside = move_aside(path, now)?;
    let moved: Vec<(PathBuf, PathBuf)> = COMPANIONS
        .iter()
        .map(|suffix| (with_suffix(path, suffix), with_suffix(&aside, suffix)))
        .filter(|(_, to)| to.exists())
        .collect();
    let undo = |e: OpenError| {
        for suffix in COMPANIONS {
            let _ = std::fs::remove_file(with_suffix(path, suffix));
        }
        put_back(&moved);
        e
    };
    // Copied under a temporary name and renamed, so a crash never leaves half a file in place.
    let part = with_suffix(path, ".restoring");
    std::fs::copy(copy, &part)
        .and_then(|_| std::fs::rename(&part, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&part);
            undo(OpenError::Unavailable {
                path: copy.to_owned(),
                detail: format!(
                    "the backup could not be copied into place ({e}); nothing was changed"
                ),
            })
        })?;
    // An encrypted copy is marked as one, so it asks for its passphrase rather than looking
    // damaged.
    if cipher::is_scrambled(path) && key.is_some() {
        std::fs::write(cipher::marker(path), "encrypted\n").map_err(|e| {
            undo(OpenError::Unavailable {
                path: path.to_owned(),
                detail: format!("the backup's encryption marker could not be written ({e})"),
            })
        })?;
    }
    match Database::open_with_key(path, now, key) {
        Ok(db) => Ok((db, aside)),
        Err(e) => Err(undo(e)),
    }
}
