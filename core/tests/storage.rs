//! The database file on disk: persistence, and files that must never be overwritten.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use std::path::Path;

use allies_core::people::{self, PersonInput};
use allies_core::storage::{self, schema_version, DB_FILE};
use allies_core::{Database, OpenError};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 15, 0).unwrap()
}

fn open(dir: &Path) -> Result<Database, OpenError> {
    Database::open_in(dir, now())
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut db = open(dir.path()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana Ng"), now())
            .unwrap()
            .id
    };
    let db = open(dir.path()).unwrap();
    assert_eq!(people::get(&db, &id).unwrap().name, "Dana Ng");
}

#[test]
fn the_folder_is_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b/c");
    open(&nested).unwrap();
    assert!(nested.join(DB_FILE).is_file());
}

#[test]
fn the_file_uses_wal_and_has_fts5() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "WAL is a property of the file and must stick");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x)")
        .expect("FTS5 is compiled in for search");
}

fn assert_untouched(path: &Path, before: &[u8]) {
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "a file Allies cannot open must be left exactly as it was"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let garbage = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &garbage).unwrap();

    let err = open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "storage.not_a_database");
    assert_eq!(err.path(), Some(path.as_path()));
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert!(err.can_start_fresh());
    assert_untouched(&path, &garbage);
}

#[test]
fn another_programs_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "storage.foreign_database", "{err}");
    assert!(err.can_start_fresh());
    assert_untouched(&path, &before);
}

#[test]
fn a_database_from_a_newer_version_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = open(dir.path()).unwrap_err();
    assert!(
        matches!(err, OpenError::TooNew { found: 999, .. }),
        "got {err:?}"
    );
    assert!(err.to_string().contains("newer version of Allies"), "{err}");
    assert!(
        !err.can_start_fresh(),
        "newer data is intact: the way forward is an update"
    );
    assert_untouched(&path, &before);
}

/// A file as the version of Allies before this one left it: every step but the newest.
fn one_version_older(path: &Path) -> i64 {
    let older = schema_version() - 1;
    let conn = rusqlite::Connection::open(path).unwrap();
    for (_, sql) in &storage::MIGRATION_FILES[..storage::MIGRATION_FILES.len() - 1] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", older).unwrap();
    older
}

#[test]
fn opened_alongside_another_allies_an_older_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let older = one_version_older(&path);
    let before = std::fs::read(&path).unwrap();
    let err = Database::open_without_upgrade(&path, now(), None).unwrap_err();
    assert!(
        matches!(err, OpenError::OtherVersionInUse { found, known, .. }
            if found == older && known == schema_version()),
        "got {err:?}"
    );
    assert_eq!(err.code(), "storage.other_version_in_use");
    assert!(
        err.to_string().contains("different version of Allies")
            && err.to_string().contains("use the same version"),
        "the message says what is wrong and what to do: {err}"
    );
    assert!(!err.can_start_fresh(), "the data is intact");
    assert_untouched(&path, &before);
    assert!(
        !dir.path().join("backups").exists(),
        "nothing is written, not even the copy taken before an upgrade"
    );

    let db = open(dir.path()).expect("opened alone, it is upgraded as before");
    drop(db);
    Database::open_without_upgrade(&path, now(), None)
        .expect("a file of this version opens alongside another Allies");
}

#[test]
fn a_damaged_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut db = open(dir.path()).unwrap();
        for i in 0..300 {
            let input = PersonInput {
                notes: "n".repeat(500),
                ..PersonInput::named(&format!("Person {i}"))
            };
            people::add(&mut db, &input, now()).unwrap();
        }
    }
    // Scribble over the b-tree pages after the first one; the header stays valid.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8 * 4096, "the data spans several pages");
    for b in &mut bytes[4096 * 2..4096 * 6] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    let err = open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "storage.corrupt", "{err}");
    assert_untouched(&path, &bytes);
}

#[test]
fn starting_fresh_moves_the_bad_file_and_its_journal_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    std::fs::write(&path, b"garbage").unwrap();
    std::fs::write(dir.path().join("allies.db-wal"), b"stale journal").unwrap();

    let (mut db, aside) = storage::start_fresh(&path, now()).unwrap();
    assert_eq!(aside, dir.path().join("allies.db.broken-20261126T101500Z"));
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        b"garbage",
        "the old file is kept"
    );
    assert_eq!(
        std::fs::read(dir.path().join("allies.db.broken-20261126T101500Z-wal")).unwrap(),
        b"stale journal"
    );
    assert_eq!(people::count(&db).unwrap(), 0);
    people::add(&mut db, &PersonInput::named("Dana"), now()).unwrap();
    drop(db);
    assert_eq!(people::count(&open(dir.path()).unwrap()).unwrap(), 1);
}

#[test]
fn a_folder_that_cannot_be_created_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let err = open(&file.join("sub")).unwrap_err();
    assert_eq!(err.code(), "storage.unavailable");
    assert!(err.to_string().contains("cannot be created"), "{err}");
}

#[test]
fn a_database_of_the_first_version_is_upgraded_keeping_its_people_and_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        // What the first released version of Allies wrote.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(storage::MIGRATION_FILES[0].1).unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
             VALUES ('p1', 'Dana Ng', 'dana ng', 'dana ng', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let db = open(dir.path()).unwrap();
    assert_eq!(people::get(&db, "p1").unwrap().name, "Dana Ng");
    assert!(
        dir.path()
            .join("backups/allies-20261126T101500Z-before-upgrade-v1.db")
            .is_file(),
        "a copy of the version-1 file is kept before the upgrade"
    );
    assert!(
        allies_core::maps::list(&db, true).unwrap().is_empty(),
        "the new tables exist"
    );
}
