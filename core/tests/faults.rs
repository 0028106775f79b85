//! Faults in the files under the app: a damaged page, a deleted journal, and the latest backup
//! put in place of a file that cannot be opened. (A full disk has a test binary of its own:
//! it limits the size of files the whole process may write.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is the failure report

use std::path::Path;

use allies_core::people::{self, PersonInput};
use allies_core::storage::snapshots::{self, Reason};
use allies_core::storage::{self, DB_FILE};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0).unwrap()
}

fn names(db: &Database) -> Vec<String> {
    people::list(db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn fill(dir: &Path, n: usize) -> Vec<String> {
    let mut db = Database::open_in(dir, at(9)).unwrap();
    (0..n)
        .map(|i| {
            let input = PersonInput {
                notes: "a long note about what they care about ".repeat(10),
                ..PersonInput::named(&format!("Person {i:03}"))
            };
            people::add(&mut db, &input, at(9)).unwrap().name
        })
        .collect()
}

#[test]
fn a_page_with_a_damaged_header_is_reported_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), 200);
    let path = dir.path().join(DB_FILE);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    // The first byte of a b-tree page says what kind of page it is; 0xFF is none.
    let target = (2..bytes.len() / page)
        .map(|p| p * page)
        .find(|&at| matches!(bytes[at], 2 | 5 | 10 | 13))
        .expect("a b-tree page");
    bytes[target] = 0xFF;
    std::fs::write(&path, &bytes).unwrap();

    let err = Database::open_in(dir.path(), at(10)).unwrap_err();
    assert_eq!(err.code(), "storage.corrupt", "{err}");
    assert!(err.can_start_fresh());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the damaged file is left exactly as it was"
    );
}

#[test]
fn a_deleted_journal_after_closing_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let added = fill(dir.path(), 50);
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    // Closing checkpoints every commit into the file itself.
    let _ = std::fs::remove_file(&wal);
    let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}-shm")));
    let db = Database::open_in(dir.path(), at(10)).unwrap();
    assert_eq!(names(&db), added, "every committed person is in the file");
}

#[test]
fn the_latest_backup_takes_the_place_of_a_damaged_file_which_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let kept = fill(dir.path(), 120);
    {
        let mut db = Database::open_in(dir.path(), at(10)).unwrap();
        snapshots::take(&db, Reason::Daily, at(10)).unwrap();
        people::add(&mut db, &PersonInput::named("After the copy"), at(11)).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[4096 * 2..4096 * 5] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(
        Database::open_in(dir.path(), at(12)).unwrap_err().code(),
        "storage.corrupt"
    );

    let latest = snapshots::list_for(&path).unwrap();
    assert_eq!(latest.len(), 1, "{latest:?}");
    let (db, aside) = storage::restore_copy(&path, &latest[0].path, at(12), None).unwrap();
    assert_eq!(names(&db), kept, "the people as they were in the copy");
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        bytes,
        "the damaged file is kept, unchanged, beside the new one"
    );
    assert!(
        latest[0].path.exists(),
        "the copy itself stays in the backups"
    );
}

#[test]
fn a_backup_that_cannot_be_opened_puts_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    fill(dir.path(), 5);
    std::fs::write(
        &path,
        b"not a database, and long enough to look like a header ....",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let bad_copy = dir.path().join("garbage.db");
    std::fs::write(
        &bad_copy,
        b"also not a database ........................................",
    )
    .unwrap();

    let err = storage::restore_copy(&path, &bad_copy, at(12), None).unwrap_err();
    assert_eq!(err.code(), "storage.not_a_database", "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the original file is back in its place"
    );
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("broken") || n.contains("restoring"))
        .collect();
    assert!(stray.is_empty(), "nothing left over: {stray:?}");
}

#[test]
fn a_copy_cut_off_by_a_crash_is_never_offered_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), 10);
    let db = Database::open_in(dir.path(), at(10)).unwrap();
    // What a crash in the middle of a copy leaves: a partial file under the temporary name.
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let partial = backups.join("allies-20261126T100000Z-daily.db.partial");
    std::fs::write(&partial, b"half a database").unwrap();
    assert!(
        snapshots::list(&db).unwrap().is_empty(),
        "a partial copy is not a backup"
    );
    let copy = snapshots::take(&db, Reason::Daily, at(10)).unwrap();
    assert!(
        !partial.exists(),
        "the stale part made way for a whole copy"
    );
    let whole = Database::open(&copy, at(10)).expect("the copy is a whole database");
    assert_eq!(names(&whole).len(), 10);
}
