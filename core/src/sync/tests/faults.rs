//! A damaged file, a wrong passphrase, a newer schema, and an encrypted database.

use super::*;
use crate::storage::encryption::{self, Passphrase};

#[test]
fn a_wrong_passphrase_is_told_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    let devs = devices(&root, 1);
    let mut other = Database::open_in(&root.path().join("other"), at(0)).unwrap();
    let before: Vec<_> = std::fs::read_dir(&devs[0].folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let error = enable(
        &mut other,
        &devs[0].folder,
        "not the passphrase",
        "Laptop",
        at(1),
    )
    .unwrap_err();
    assert_eq!(error.code(), "sync.wrong_passphrase");
    assert!(error.to_string().contains("Nothing was changed"), "{error}");
    assert!(!other.is_syncing());
    let after: Vec<_> = std::fs::read_dir(&devs[0].folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(before, after, "nothing was written to the folder");
    let rows: i64 = other
        .conn()
        .query_row("SELECT count(*) FROM sync_device", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_damaged_file_and_a_newer_schema_are_reported_and_not_applied() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    add(&mut devs[0].db, "Dana");
    add(&mut devs[0].db, "Lee");
    carry(&mut devs);
    let files: Vec<_> = files_in(&devs[1].folder);
    // One byte changed in the sealed part of the first file.
    let mut bytes = std::fs::read(&files[0].2).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&files[0].2, &bytes).unwrap();
    let a_id = devs[0].id.clone();
    let b = &mut devs[1];
    let summary = pull(&mut b.db, &b.folder, at(2)).unwrap();
    assert_eq!(summary.applied, 0);
    assert_eq!(summary.errors.len(), 1);
    assert!(
        summary.errors[0].reason.contains("damaged"),
        "{:?}",
        summary.errors
    );
    assert_eq!(people::count(&b.db).unwrap(), 0);

    // A file from a newer Allies: its header says so, and it waits.
    let me = device(&b.db);
    let header = folder::Header {
        format: folder::FILE_FORMAT.into(),
        version: folder::VERSION,
        device: a_id,
        seq: 1,
        schema: crate::storage::schema_version() + 1,
        written_at: "2026-11-02T09:00:00Z".into(),
        hlc: "000000000000001-000000-x".into(),
        deps: Default::default(),
    };
    let newer = folder::seal_file(&header, b"", "[]", &me.key).unwrap();
    std::fs::write(&files[0].2, newer).unwrap();
    let summary = pull(&mut b.db, &b.folder, at(3)).unwrap();
    assert_eq!(summary.applied, 0);
    assert_eq!(summary.waiting.len(), 1, "{summary:?}");
    assert!(summary.waiting[0]
        .reason
        .contains("update Allies on this computer"));
    assert_eq!(people::count(&b.db).unwrap(), 0);
}

fn device(db: &Database) -> engine::Device {
    engine::device(db).unwrap()
}

#[test]
fn an_encrypted_database_syncs_with_a_plain_one() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let path = devs[1].data.join(crate::storage::DB_FILE);
    let db = std::mem::replace(&mut devs[1].db, Database::open_in_memory().unwrap());
    let key = Passphrase::new_checked("a passphrase of the data").unwrap();
    let (db, report) = encryption::change(db, Some(key.clone()), at(1));
    report.unwrap();
    drop(db.unwrap());
    devs[1].db = Database::open_with_key(&path, at(1), Some(&key)).unwrap();
    devs[1].db.set_wall_clock(test_clock());
    assert!(devs[1].db.is_encrypted() && devs[1].db.is_syncing());
    let dana = add(&mut devs[0].db, "Dana");
    let lee = add(&mut devs[1].db, "Lee");
    settle(&mut devs);
    for d in &devs {
        assert_eq!(people::get(&d.db, &dana).unwrap().name, "Dana");
        assert_eq!(people::get(&d.db, &lee).unwrap().name, "Lee");
    }
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
}

#[test]
fn turned_off_and_on_again_the_data_is_a_new_device() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    add(&mut devs[0].db, "Dana");
    disable(&mut devs[0].db).unwrap();
    assert!(!devs[0].db.is_syncing());
    add(&mut devs[0].db, "Lee");
    assert_eq!(
        outbox(&devs[0].db),
        0,
        "nothing is recorded while sync is off"
    );
    let folder = devs[0].folder.clone();
    let id = enable(&mut devs[0].db, &folder, PASS, "Computer 0 again", at(5)).unwrap();
    assert_ne!(id, devs[0].id);
    devs[0].id = id;
    add(&mut devs[0].db, "Sam");
    settle(&mut devs);
    let mut names: Vec<String> = people::list(&devs[1].db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Dana", "Lee", "Sam"],
        "turned on again, what the data holds is recorded as the new device's first change"
    );
}

/// Data made before sync was on reaches the other computer, from an encrypted database too.
#[test]
fn data_made_before_sync_was_on_reaches_the_other_computer() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("folder");
    let mut a = Database::open_in(&root.path().join("a"), at(0)).unwrap();
    a.set_wall_clock(test_clock());
    let dana = add(&mut a, "Dana");
    let b_path = root.path().join("b").join(crate::storage::DB_FILE);
    std::fs::create_dir_all(b_path.parent().unwrap()).unwrap();
    let mut b = Database::open(&b_path, at(0)).unwrap();
    let lee = add(&mut b, "Lee");
    let key = Passphrase::new_checked("a passphrase of the data").unwrap();
    let (b, report) = encryption::change(b, Some(key.clone()), at(1));
    report.unwrap();
    drop(b.unwrap());
    let mut b = Database::open_with_key(&b_path, at(1), Some(&key)).unwrap();
    b.set_wall_clock(test_clock());
    enable(&mut a, &folder, PASS, "Desk", at(2)).unwrap();
    enable(&mut b, &folder, PASS, "Laptop", at(2)).unwrap();
    assert_eq!(outbox(&a), 1);
    assert_eq!(outbox(&b), 1);
    for _ in 0..2 {
        for db in [&mut a, &mut b] {
            push(db, &folder, at(3)).unwrap();
            assert!(pull(db, &folder, at(3)).unwrap().errors.is_empty());
        }
    }
    for db in [&a, &b] {
        assert_eq!(people::get(db, &dana).unwrap().name, "Dana");
        assert_eq!(people::get(db, &lee).unwrap().name, "Lee");
    }
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(outbox(&a) + outbox(&b), 0, "applied changes do not echo");
}

/// A person removed for good on one computer while another logs a coffee with them: each
/// change would break a foreign key on the other computer, so each waits, and after
/// `FK_ATTEMPTS` pulls it is reported as stuck instead of waiting silently.
#[test]
fn a_change_that_breaks_a_foreign_key_waits_then_is_reported() {
    use crate::journal::interactions::{self, InteractionInput, Kind};
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let dana = add(&mut devs[0].db, "Dana");
    settle(&mut devs);
    devs[0]
        .db
        .write(|tx| {
            tx.execute("DELETE FROM people WHERE id = ?1", [&dana])?;
            Ok(())
        })
        .unwrap();
    let input = InteractionInput {
        occurred_at: Some(at(4)),
        kind: Kind::Coffee,
        people: vec![dana.clone()],
        notes: String::new(),
        follow_up: String::new(),
    };
    interactions::log(&mut devs[1].db, &input, at(4)).unwrap();
    carry(&mut devs);
    for attempt in 1..=FK_ATTEMPTS {
        let summary = devs[0].pull_at(at(5));
        assert_eq!(summary.applied, 0);
        if attempt < FK_ATTEMPTS {
            assert_eq!(summary.waiting.len(), 1, "{summary:?}");
            assert!(
                summary.waiting[0].reason.contains("tried again"),
                "{summary:?}"
            );
        } else {
            assert_eq!(summary.errors.len(), 1, "{summary:?}");
            assert!(
                summary.errors[0].reason.contains("not applied"),
                "{summary:?}"
            );
        }
    }
    assert!(
        people::get(&devs[0].db, &dana).is_err(),
        "nothing of it was applied"
    );
    assert_eq!(
        status(&devs[0].db, &devs[0].folder).unwrap().errors.len(),
        1
    );
}

#[test]
fn a_folder_that_is_away_is_neither_written_nor_made_again_and_changes_wait_for_it() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    settle(&mut devs);
    // The drive is not connected (or the file sync not running): the folder is not there.
    let away = root.path().join("away");
    std::fs::rename(&devs[0].folder, &away).unwrap();
    add(&mut devs[0].db, "Dana Away");
    let folder = devs[0].folder.clone();
    let error = push(&mut devs[0].db, &folder, at(4)).unwrap_err();
    assert_eq!(error.code(), "sync.folder_missing");
    assert!(error.to_string().contains("waits"), "{error}");
    let error = pull(&mut devs[0].db, &folder, at(4)).unwrap_err();
    assert_eq!(error.code(), "sync.folder_missing");
    assert!(!folder.exists(), "the folder is not made anew where it was");
    assert_eq!(outbox(&devs[0].db), 1, "the change waits here");

    // Back: the change is written, and reaches the other computer.
    std::fs::rename(&away, &folder).unwrap();
    assert_eq!(devs[0].push_at(at(5)), 1);
    assert_eq!(outbox(&devs[0].db), 0);
    settle(&mut devs);
    assert!(dump(&devs[1].db).contains("Dana Away"));

    // The folder set up again by someone with another passphrase: nothing goes there.
    let (manifest, _) = folder::new_manifest("another passphrase").unwrap();
    std::fs::write(
        folder.join(folder::MANIFEST),
        folder::manifest_bytes(&manifest),
    )
    .unwrap();
    add(&mut devs[0].db, "Lee Kept");
    let before = files_in(&folder);
    let error = push(&mut devs[0].db, &folder, at(6)).unwrap_err();
    assert_eq!(error.code(), "sync.folder_changed");
    assert_eq!(files_in(&folder), before, "nothing was written");
    assert_eq!(outbox(&devs[0].db), 1, "the change is kept");
}

#[test]
fn events_sent_again_when_sync_is_turned_off_and_on_are_kept_once() {
    use crate::maps::{self, MapInput, Position};
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let map = maps::create(&mut devs[0].db, &MapInput::named("Reorg"), at(1)).unwrap();
    let dana = add(&mut devs[0].db, "Dana");
    for step in 0..3 {
        let at_step = Position::new(0.2 + f64::from(step) * 0.2, 0.5);
        maps::place(&mut devs[0].db, &map.id, &dana, at_step, None, at(2 + step)).unwrap();
    }
    settle(&mut devs);
    let events = |db: &Database| -> i64 {
        db.conn()
            .query_row("SELECT count(*) FROM placement_events", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(events(&devs[1].db), 3);
    // Off and on again: everything the data holds goes once more, the three moves among it.
    disable(&mut devs[0].db).unwrap();
    let folder = devs[0].folder.clone();
    devs[0].id = enable(&mut devs[0].db, &folder, PASS, "Computer 0 again", at(6)).unwrap();
    settle(&mut devs);
    assert_eq!(
        events(&devs[1].db),
        3,
        "each move is there once on the other computer"
    );
    assert_eq!(events(&devs[0].db), 3);
    // A move made after is a new event, kept.
    maps::place(
        &mut devs[0].db,
        &map.id,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(7),
    )
    .unwrap();
    settle(&mut devs);
    assert_eq!(events(&devs[1].db), 4);
}
