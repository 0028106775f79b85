//! The JSON backup the user saves: without deleted records unless asked for them, and
//! encrypted with the data's passphrase when the data is encrypted.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::interop::export::Kind as Export;
use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::storage::encryption::{self, Passphrase};
use allies_core::storage::{backup, sealed_backup};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Omar (deleted, with a note, a favour, a meeting of his own and a place on a map) and Dana,
/// who shares a meeting with him.
fn with_a_deleted_person(dir: &std::path::Path) -> (Database, String) {
    let mut db = Database::open_in(dir, at(1)).unwrap();
    let omar = people::add(
        &mut db,
        &PersonInput {
            notes: "Zanzibar".into(),
            ..PersonInput::named("Omar Haddad")
        },
        at(1),
    )
    .unwrap()
    .id;
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1))
        .unwrap()
        .id;
    let meet = |db: &mut Database, who: Vec<String>, notes: &str| {
        interactions::log(
            db,
            &InteractionInput {
                occurred_at: Some(at(2)),
                kind: Kind::Coffee,
                people: who,
                notes: notes.into(),
                follow_up: String::new(),
            },
            at(2),
        )
        .unwrap();
    };
    meet(&mut db, vec![omar.clone()], "Omar's own coffee");
    meet(&mut db, vec![omar.clone(), dana.clone()], "Coffee for two");
    favours::record(
        &mut db,
        &FavourInput {
            person_id: omar.clone(),
            direction: Direction::ByThem,
            description: "Omar's intro".into(),
        },
        at(2),
    )
    .unwrap();
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(2))
        .unwrap()
        .id;
    maps::place(
        &mut db,
        &map,
        &omar,
        Position::new(0.5, 0.5),
        Some(Stance::Champion),
        at(2),
    )
    .unwrap();
    people::delete(&mut db, &omar, at(3)).unwrap();
    (db, omar)
}

#[test]
fn the_backup_leaves_out_deleted_records_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, omar) = with_a_deleted_person(dir.path());

    let bytes = Export::Backup.make(&db, at(4)).unwrap();
    for left_out in [
        omar.as_str(),
        "Zanzibar",
        "Omar's own coffee",
        "Omar's intro",
    ] {
        assert!(
            !contains(&bytes, left_out),
            "{left_out} is left out of the backup"
        );
    }
    assert!(
        contains(&bytes, "Coffee for two"),
        "the shared meeting is kept"
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Database::open_in(fresh_dir.path(), at(4)).unwrap();
    backup::restore(&mut fresh, &backup::read(&bytes, None).unwrap())
        .expect("a backup without deleted records restores: nothing in it points at them");
    assert_eq!(people::list(&fresh, "").unwrap().len(), 1);

    let with_deleted = Export::BackupWithDeleted.make(&db, at(4)).unwrap();
    assert!(
        contains(&with_deleted, "Zanzibar"),
        "asked for, they are in it"
    );
    backup::restore(&mut fresh, &backup::read(&with_deleted, None).unwrap()).unwrap();
    people::restore(&mut fresh, &omar).expect("and can be restored from it");

    // Leaving them out of the file did not remove them from the data.
    people::restore(&mut db, &omar).unwrap();
    assert_eq!(people::get(&db, &omar).unwrap().notes, "Zanzibar");
}

#[test]
fn with_encryption_on_the_backup_is_encrypted_with_the_same_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = with_a_deleted_person(dir.path());
    let plain = Export::Backup.make(&db, at(4)).unwrap();
    assert!(
        !sealed_backup::is_sealed(&plain),
        "without encryption, a plain JSON backup"
    );
    assert!(contains(&plain, "Dana Ng"));

    let key = Passphrase::new_checked("correct horse battery").unwrap();
    let (db, report) = encryption::change(db, Some(key.clone()), at(4));
    report.unwrap();
    let db = db.unwrap();
    let sealed = Export::Backup.make(&db, at(4)).unwrap();
    assert!(sealed_backup::is_sealed(&sealed));
    assert!(
        !contains(&sealed, "Dana Ng"),
        "no name is readable in the file"
    );

    let restored = backup::read(&sealed, db.passphrase()).unwrap();
    assert_eq!(
        restored,
        backup::read(&plain, None).unwrap(),
        "the same backup is inside"
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Database::open_in(fresh_dir.path(), at(4)).unwrap();
    backup::restore(&mut fresh, &restored).unwrap();
    assert_eq!(people::list(&fresh, "").unwrap()[0].name, "Dana Ng");

    let wrong = Passphrase::given("another passphrase").unwrap();
    let err = backup::read(&sealed, Some(&wrong)).unwrap_err();
    assert_eq!(err.code(), "backup.wrong_passphrase");
    assert!(
        err.to_string().contains("passphrase") && err.to_string().contains("Nothing was changed"),
        "the message says what to do and that nothing changed: {err}"
    );
    assert_eq!(
        backup::read(&sealed, None).unwrap_err().code(),
        "backup.passphrase_needed"
    );
}
