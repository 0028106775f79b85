//! Opening a real file: pragmas, migrations, transactions that commit whole or not at all.

use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 15, 0).unwrap()
}

#[test]
fn an_upgrade_first_writes_a_copy_of_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut db = Database::open(&path, now()).unwrap();
        crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    }
    let mut steps = MIGRATION_FILES.to_vec();
    steps.push(("0099_next.sql", "ALTER TABLE people ADD COLUMN extra TEXT;"));
    let db = Database::open_with(&path, now(), &steps, None).unwrap();
    let version: i64 = db
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, steps.len() as i64, "the upgrade ran");

    let old_version = MIGRATION_FILES.len() as i64;
    let copy = dir.path().join(format!(
        "backups/allies-20261126T101500Z-before-upgrade-v{old_version}.db"
    ));
    let old = Connection::open(&copy).expect("the copy is a database of its own");
    let (version, names): (i64, String) = old
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), group_concat(name) FROM people",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (version, names.as_str()),
        (old_version, "Dana"),
        "the copy holds the data as it was before"
    );
}

#[test]
fn an_upgrade_that_fails_halfway_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut db = Database::open(&path, now()).unwrap();
        crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    }
    // A step whose first statement works and whose second fails.
    let mut steps = MIGRATION_FILES.to_vec();
    steps.push((
        "0099_broken.sql",
        "ALTER TABLE people ADD COLUMN extra TEXT; INSERT INTO no_such_table VALUES (1);",
    ));
    let err = Database::open_with(&path, now(), &steps, None).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string())
            && message.contains("not changed")
            && message.contains("backups folder"),
        "the message names the file and says it is safe: {message}"
    );

    // The file is as it was: the old version, Dana, and no half-added column.
    let db = Database::open(&path, now()).expect("this version still opens it");
    let version: i64 = db
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, MIGRATION_FILES.len() as i64);
    assert_eq!(crate::people::list(&db, "").unwrap()[0].name, "Dana");
    let extra: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM pragma_table_info('people') WHERE name = 'extra'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(extra, 0, "the failed step was rolled back whole");
    assert!(
        crate::storage::snapshots::list_for(&path)
            .unwrap()
            .iter()
            .any(|s| s.reason == crate::storage::snapshots::Reason::BeforeUpgrade),
        "the copy taken before the upgrade is there to fall back on"
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_every_file_in_it_are_the_users_alone() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("app.allies.desktop");
    let mut db = Database::open_in(&dir, now()).unwrap();
    crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    let path = dir.join(DB_FILE);
    assert_eq!(mode(&dir), 0o700, "the data folder is made 0700");
    for suffix in ["", "-wal", "-shm"] {
        let file = with_suffix(&path, suffix);
        assert_eq!(mode(&file), 0o600, "{} is 0600", file.display());
    }
    let copy =
        crate::storage::snapshots::take(&db, crate::storage::snapshots::Reason::Daily, now())
            .unwrap();
    assert_eq!(mode(&copy), 0o600, "a copy in backups is 0600");
    assert_eq!(
        mode(copy.parent().unwrap()),
        0o700,
        "the backups folder 0700"
    );
    drop(db);

    // Files an older version made readable by others are corrected on open.
    set_mode(&dir, 0o755);
    set_mode(&path, 0o644);
    set_mode(&copy, 0o644);
    set_mode(copy.parent().unwrap(), 0o755);
    let db = Database::open_in(&dir, now()).unwrap();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(mode(copy.parent().unwrap()), 0o700);
    for suffix in ["-wal", "-shm"] {
        assert_eq!(mode(&with_suffix(&path, suffix)), 0o600);
    }
    drop(db);
}

#[cfg(unix)]
#[test]
fn the_copy_before_an_upgrade_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    drop(Database::open(&path, now()).unwrap());
    let mut steps = MIGRATION_FILES.to_vec();
    steps.push(("0099_next.sql", "ALTER TABLE people ADD COLUMN extra TEXT;"));
    drop(Database::open_with(&path, now(), &steps, None).unwrap());
    let copies = crate::storage::snapshots::list_for(&path).unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!(mode(&copies[0].path), 0o600);
}

#[test]
fn a_new_database_is_not_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    Database::open_in(dir.path(), now()).unwrap();
    assert!(!dir.path().join("backups").exists(), "nothing to save yet");
}

#[test]
fn the_connection_enforces_foreign_keys() {
    let db = Database::open_in_memory().unwrap();
    let on: i64 = db
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(on, 1, "every connection Allies opens checks references");
    let zeroed: i64 = db
        .conn()
        .query_row("PRAGMA secure_delete", [], |r| r.get(0))
        .unwrap();
    assert_eq!(zeroed, 1, "every connection zeroes the pages it frees");
}

#[test]
fn the_upgrade_copy_goes_to_the_backups_folder() {
    assert_eq!(
        upgrade_copy_path(Path::new("/d/allies.db"), 1, now()),
        PathBuf::from("/d/backups/allies-20261126T101500Z-before-upgrade-v1.db")
    );
}

/// What `derived` works out: how many people there are, counting how often it was read.
fn counted(db: &Database, reads: &std::cell::Cell<u32>) -> std::sync::Arc<i64> {
    db.derived(|db| {
        reads.set(reads.get() + 1);
        Ok(db
            .conn()
            .query_row("SELECT count(*) FROM people", [], |r| r.get::<_, i64>(0))?)
    })
    .unwrap()
}

#[test]
fn a_derived_value_is_read_again_only_after_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut db = Database::open(&path, now()).unwrap();
    let reads = std::cell::Cell::new(0);
    assert_eq!(*counted(&db, &reads), 0);
    assert_eq!(*counted(&db, &reads), 0);
    assert_eq!(reads.get(), 1, "nothing changed: kept");

    crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    assert_eq!(*counted(&db, &reads), 1, "a write of this connection");
    assert_eq!(reads.get(), 2);

    // A write rolled back changes nothing, and the value is read again all the same.
    let failed = db.write(|tx| {
        tx.execute("UPDATE people SET name = 'Dana Ng'", [])?;
        Err::<(), _>(crate::error::Error::PersonNotFound {
            id: "stopped".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(*counted(&db, &reads), 1);
    assert_eq!(reads.get(), 3);

    // Another connection's commit (another process, the command line).
    let other = Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
             SELECT 'p2', 'Sam', 'sam', 'sam', created_at, updated_at FROM people",
            [],
        )
        .unwrap();
    assert_eq!(*counted(&db, &reads), 2, "a commit by another connection");
    assert_eq!(reads.get(), 4);

    db.release_cache();
    assert_eq!(*counted(&db, &reads), 2);
    assert_eq!(reads.get(), 5, "an idle app gives the kept values back");
}

#[test]
fn a_stale_derived_value_is_dropped_before_its_successor_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(&dir.path().join(DB_FILE), now()).unwrap();
    let first = db
        .derived(|_| Ok(String::from("the graph before")))
        .unwrap();
    let kept = std::sync::Arc::downgrade(&first);
    drop(first);
    assert!(kept.upgrade().is_some(), "kept while nothing changed");
    crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    let second = db
        .derived(|_| {
            assert!(
                kept.upgrade().is_none(),
                "the stale value is still held while the new one is made"
            );
            Ok(String::from("the graph after"))
        })
        .unwrap();
    assert_eq!(*second, "the graph after");
}

#[test]
fn a_value_derived_for_a_key_is_kept_for_that_key_and_that_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(&dir.path().join(DB_FILE), now()).unwrap();
    let made = std::cell::Cell::new(0);
    let at = |db: &Database, minute: u32| {
        db.derived_for(minute, |db| {
            made.set(made.get() + 1);
            let n: i64 = db
                .conn()
                .query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
            Ok(format!("{n} people at minute {minute}"))
        })
        .unwrap()
    };
    assert_eq!(*at(&db, 1), "0 people at minute 1");
    assert_eq!(*at(&db, 1), "0 people at minute 1");
    assert_eq!(made.get(), 1, "the same key, the same file: kept");

    assert_eq!(*at(&db, 2), "0 people at minute 2");
    assert_eq!(made.get(), 2, "another key");

    crate::people::add(&mut db, &crate::people::PersonInput::named("Dana"), now()).unwrap();
    assert_eq!(*at(&db, 2), "1 people at minute 2");
    assert_eq!(made.get(), 3, "the file changed");
    assert_eq!(*at(&db, 2), "1 people at minute 2");
    assert_eq!(made.get(), 3);
}
