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
use super::files::{copy_to_new, create_private_dir, DB_FILE};
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
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let reason = reason.as_str();
    let names = (1..=MAX_SAME_SECOND).map(|n| {
        dir.join(if n == 1 {
            format!("allies-{stamp}-{reason}.db")
        } else {
            format!("allies-{stamp}-{reason}-{n}.db")
        })
    });
    copy_to_new(db.conn(), names).map_err(|e| failed(&e.path, e.detail))
}

/// Copies of one kind a second can hold: far more than the app and the command line make, and
/// a bound on the names tried should the folder refuse every one.
const MAX_SAME_SECOND: u32 = 1000;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap()
    }

    /// Copies of the database in `dir`, as files (the listing skips names being written).
    fn files_in(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }

    /// The names of the people in the copy at `path`, read without writing beside it.
    fn names_in(path: &Path) -> Vec<String> {
        let uri = format!("file:{}?immutable=1", path.display());
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = rusqlite::Connection::open_with_flags(uri, flags).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM people").unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.map(|n| n.unwrap()).collect()
    }

    #[test]
    fn copies_taken_in_the_same_second_by_racing_writers_each_keep_a_name_of_their_own() {
        const WRITERS: usize = 4;
        const ROUNDS: i64 = 10;
        let folder = tempfile::tempdir().unwrap();
        let mut db = Database::open_in(folder.path(), at()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana Ng"), at()).unwrap();
        let path = db.path().to_owned();
        let backups = dir(&db);
        for round in 0..ROUNDS {
            // The same second for every writer: the app's daily copy and the command line's,
            // or two windows, all at once.
            let now = at() + chrono::Duration::minutes(round);
            let start = std::sync::Barrier::new(WRITERS);
            let taken: Vec<PathBuf> = std::thread::scope(|s| {
                let writers: Vec<_> = (0..WRITERS)
                    .map(|_| {
                        let (path, start) = (&path, &start);
                        s.spawn(move || {
                            let db = Database::open(path, now).unwrap();
                            start.wait();
                            take(&db, Reason::Daily, now)
                        })
                    })
                    .collect();
                writers
                    .into_iter()
                    .map(|w| w.join().unwrap().unwrap())
                    .collect()
            });
            let mut names = taken.clone();
            names.sort();
            names.dedup();
            assert_eq!(
                names.len(),
                WRITERS,
                "round {round}: every writer reports a copy of its own: {taken:?}"
            );
            for copy in &taken {
                assert_eq!(
                    names_in(copy),
                    vec!["Dana Ng".to_owned()],
                    "round {round}: {} is a whole copy, not replaced or cut short",
                    copy.display()
                );
            }
        }
        let copies = list(&db).unwrap();
        assert_eq!(
            copies.len(),
            WRITERS * ROUNDS as usize,
            "every copy is listed, none overwritten: {:?}",
            files_in(&backups)
        );
        assert_eq!(
            files_in(&backups).len(),
            copies.len(),
            "no temporary or empty file is left beside the copies"
        );
    }

    #[test]
    fn an_empty_name_left_by_a_crash_is_not_listed_and_the_next_copy_takes_another() {
        let folder = tempfile::tempdir().unwrap();
        let db = Database::open_in(folder.path(), at()).unwrap();
        let backups = dir(&db);
        std::fs::create_dir_all(&backups).unwrap();
        let reserved = backups.join("allies-20261205T090000Z-daily.db");
        std::fs::write(&reserved, b"").unwrap();
        assert!(list(&db).unwrap().is_empty(), "an empty file is no copy");
        let copy = take(&db, Reason::Daily, at()).unwrap();
        assert_eq!(
            copy,
            backups.join("allies-20261205T090000Z-daily-2.db"),
            "the name another writer took is left to it"
        );
        assert_eq!(
            std::fs::read(&reserved).unwrap(),
            b"",
            "and not written over"
        );
        assert_eq!(list(&db).unwrap().len(), 1);
    }
}
