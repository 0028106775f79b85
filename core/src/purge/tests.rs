//! Tests of purging: what goes with a person, what stays, the history and search index after
//! it, the period, and the space given back.

use super::*;
use crate::history;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions::{self, InteractionInput, Kind};
use crate::people::{self, PersonInput};
use chrono::TimeZone;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
}

fn person(db: &mut Database, name: &str, notes: &str) -> String {
    let input = PersonInput {
        notes: notes.into(),
        tags: "mentor".into(),
        ..PersonInput::named(name)
    };
    people::add(db, &input, at(1)).unwrap().id
}

fn meet(db: &mut Database, who: &[&str], notes: &str) -> String {
    let input = InteractionInput {
        occurred_at: Some(at(2)),
        kind: Kind::Coffee,
        people: who.iter().map(|s| (*s).to_owned()).collect(),
        notes: notes.into(),
        follow_up: String::new(),
    };
    interactions::log(db, &input, at(2)).unwrap().id
}

/// Every table and column (the search index's plain tables too) where `needle` still appears.
fn where_found(db: &Database, needle: &str) -> Vec<String> {
    let conn = db.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
               AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for column in columns {
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM \"{table}\"
                          WHERE instr(CAST(\"{column}\" AS TEXT), ?1) > 0"
                    ),
                    [needle],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column} ({n})"));
            }
        }
    }
    found
}

/// Whether the person's row is in the database, deleted or not.
fn stored(db: &Database, id: &str) -> bool {
    db.conn()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn deleting_a_person_permanently_removes_them_and_what_only_they_held() {
    let mut db = Database::open_in_memory().unwrap();
    crate::sample::add(&mut db, at(3)).unwrap();
    let dana = person(
        &mut db,
        "Dana Quillfeather",
        "Knows about the Zanzibar reorg",
    );
    let sam = person(&mut db, "Sam Okafor", "");
    let alone = meet(&mut db, &[&dana], "Told me about Zanzibar");
    let shared = meet(&mut db, &[&dana, &sam], "Planning with both");
    favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByThem,
            description: "Introduced me to the Zanzibar board".into(),
        },
        at(2),
    )
    .unwrap();
    // Also a sample person, with the map, links and promises the sample gives them.
    let sampled: String = db
        .conn()
        .query_row(
            "SELECT person_id FROM favours f JOIN sample_rows s ON s.row_key = f.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let sampled_name = people::get(&db, &sampled).unwrap().name;
    let people_before = people::count(&db).unwrap();

    let purged = delete_person(&mut db, &dana).unwrap();
    assert_eq!(purged.people, 1);
    assert_eq!(
        purged.records, 2,
        "the favour and the interaction only Dana was at"
    );
    let left = where_found(&db, &dana);
    assert!(left.is_empty(), "nothing refers to Dana any more: {left:?}");
    let left = where_found(&db, "Zanzibar");
    assert!(left.is_empty(), "none of Dana's text is left: {left:?}");
    assert!(interactions::get(&db, &alone).is_err());
    let kept = interactions::get(&db, &shared).expect("the meeting with Sam stays");
    assert_eq!(kept.people.len(), 1, "with Sam alone: {:?}", kept.people);
    assert!(crate::search::search(&db, "Zanzibar").unwrap().is_empty());
    assert!(crate::search::search(&db, "Quillfeather")
        .unwrap()
        .is_empty());

    delete_person(&mut db, &sampled).unwrap();
    let left = where_found(&db, &sampled);
    assert!(
        left.is_empty(),
        "a sample person's map place, links, promises and favours go too: {left:?}"
    );
    let hits = crate::search::search(&db, &sampled_name).unwrap();
    assert!(
        !hits.people.iter().any(|h| h.person_id == sampled),
        "search no longer finds them"
    );
    assert_eq!(
        people::count(&db).unwrap(),
        people_before - 2,
        "only those two went"
    );
    let integrity: String = db
        .conn()
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .unwrap_or_else(|_| "ok".into());
    assert_eq!(integrity, "ok", "no row is left pointing at what went");

    assert_eq!(
        delete_person(&mut db, &dana).unwrap_err().code(),
        "people.not_found",
        "someone already gone is reported, not purged twice"
    );
}

#[test]
fn the_undo_history_forgets_the_purged_rows_and_keeps_the_rest() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = history::record(&mut db, at(1), |db| {
        Ok(person(db, "Dana Quillfeather", "Zanzibar notes"))
    })
    .unwrap();
    history::record(&mut db, at(1), |db| {
        let input = PersonInput {
            notes: "Changed: Zanzibar plans".into(),
            ..PersonInput::named("Dana Quillfeather")
        };
        people::update(db, &dana, &input, at(1))
    })
    .unwrap();
    let sam = history::record(&mut db, at(1), |db| Ok(person(db, "Sam Okafor", ""))).unwrap();
    history::record(&mut db, at(2), |db| people::delete(db, &dana, at(2))).unwrap();
    assert_eq!(history::recent(&db).unwrap().steps.len(), 4);

    let purged = delete_person(&mut db, &dana).unwrap();
    assert_eq!(purged.history_steps, 3, "the steps that held Dana's values");
    let left = where_found(&db, "Zanzibar");
    assert!(
        left.is_empty(),
        "no old value of Dana's stays in the history: {left:?}"
    );
    let left = where_found(&db, &dana);
    assert!(left.is_empty(), "{left:?}");
    let steps = history::recent(&db).unwrap().steps;
    assert_eq!(steps.len(), 1, "adding Sam can still be undone: {steps:?}");
    history::undo(&mut db).unwrap();
    assert!(people::get(&db, &sam).is_err(), "undoing it removes Sam");
}

#[test]
fn deleted_records_are_purged_after_the_period_the_user_set() {
    let mut db = Database::open_in_memory().unwrap();
    assert_eq!(days(&db).unwrap(), DEFAULT_DAYS);
    let dana = person(&mut db, "Dana", "");
    let sam = person(&mut db, "Sam", "");
    let talk = meet(&mut db, &[&sam], "A deleted note");
    people::delete(&mut db, &dana, at(1)).unwrap();
    interactions::delete(&mut db, &talk, at(1)).unwrap();

    let day = |n: i64| at(1) + Duration::days(n);
    assert_eq!(purge_expired(&mut db, day(30)).unwrap(), Purged::default());
    assert!(stored(&db, &dana), "kept for 30 days, to be restored");
    let purged = purge_expired(&mut db, day(31)).unwrap();
    assert_eq!((purged.people, purged.records), (1, 1));
    assert!(!stored(&db, &dana));
    assert!(!where_found(&db, "A deleted note")
        .iter()
        .any(|t| t.starts_with("interactions")));
    assert!(people::get(&db, &sam).is_ok(), "Sam was not deleted");

    assert_eq!(set_days(&mut db, 7).unwrap(), 7);
    assert_eq!(days(&db).unwrap(), 7);
    people::delete(&mut db, &sam, day(40)).unwrap();
    assert_eq!(purge_expired(&mut db, day(46)).unwrap().people, 0);
    assert_eq!(purge_expired(&mut db, day(48)).unwrap().people, 1);

    for bad in [0, -3, i64::from(MAX_DAYS) + 1] {
        match set_days(&mut db, bad) {
            Err(Error::Invalid {
                code,
                field,
                message,
            }) => {
                assert_eq!((code, field), ("purge.days", "days"));
                assert!(message.contains(&bad.to_string()), "{message}");
            }
            other => panic!("{bad} days must be refused, got {other:?}"),
        }
    }
    assert_eq!(days(&db).unwrap(), 7, "a refused value changes nothing");
    // A huge clock never panics.
    purge_expired(&mut db, DateTime::<Utc>::MIN_UTC).unwrap();
}

#[test]
fn purging_gives_the_space_back_and_leaves_no_text_in_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::storage::DB_FILE);
    let mut db = Database::open(&path, at(1)).unwrap();
    let notes = "Xylophone-secret ".repeat(500);
    let ids: Vec<String> = (0..300)
        .map(|i| person(&mut db, &format!("Person {i}"), &notes))
        .collect();
    db.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let before = std::fs::metadata(&path).unwrap().len();
    for id in &ids {
        people::delete(&mut db, id, at(1)).unwrap();
    }
    let purged = purge_expired(&mut db, at(1) + Duration::days(31)).unwrap();
    assert_eq!(purged.people, 300);
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(
        after * 4 < before,
        "the file shrank from {before} to {after} bytes"
    );
    assert!(purged.space_reclaimed, "the space was given back");
    let holds_secret = |file: &std::path::Path| {
        let bytes = std::fs::read(file).unwrap();
        bytes.windows(17).any(|w| w == b"Xylophone-secret ")
    };
    // The journal while the data is open (closing the last connection deletes it).
    let wal = std::path::PathBuf::from(format!("{}-wal", path.display()));
    assert!(wal.exists(), "the journal is there while the data is open");
    assert!(!holds_secret(&wal), "the journal holds no deleted text");
    drop(db);
    assert!(!holds_secret(&path), "the file holds no deleted text");
}

#[test]
fn an_encrypted_file_is_compacted_and_stays_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::storage::DB_FILE);
    let key = crate::storage::encryption::Passphrase::new_checked("a passphrase").unwrap();
    let mut db = Database::open(&path, at(1)).unwrap();
    let notes = "Xylophone-secret ".repeat(500);
    let ids: Vec<String> = (0..100)
        .map(|i| person(&mut db, &format!("Person {i}"), &notes))
        .collect();
    let (db, report) = crate::storage::encryption::change(db, Some(key.clone()), at(1));
    report.unwrap();
    let mut db = db.unwrap();
    let before = std::fs::metadata(&path).unwrap().len();
    for id in &ids {
        people::delete(&mut db, id, at(1)).unwrap();
    }
    assert_eq!(
        purge_expired(&mut db, at(1) + Duration::days(31))
            .unwrap()
            .people,
        100
    );
    drop(db);
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(after * 4 < before, "VACUUM ran: {before} → {after} bytes");
    assert!(crate::storage::encryption::is_encrypted(&path));
    let db = Database::open_with_key(&path, at(2), Some(&key)).expect("opens with its key");
    assert_eq!(people::count(&db).unwrap(), 0);
}

#[test]
fn what_was_done_about_a_purged_record_goes_with_it() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = person(&mut db, "Dana Ng", "");
    let favour = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByThem,
            description: "Reviewed the Xenon-plan".into(),
        },
        at(1),
    )
    .unwrap();
    let subject = crate::reminders::thank_you_subject(&favour.id);
    // As the Reminders view keeps a thank-you that was done: its subject names the favour.
    db.conn()
        .execute(
            "INSERT INTO reminder_done (subject, kind, title, person_id, done_at)
             VALUES (?1, 'thank_you', 'Thank Dana Ng: Reviewed the Xenon-plan', ?2, ?3)",
            rusqlite::params![subject, dana, crate::records::time_text(at(2))],
        )
        .unwrap();
    let done_rows = |db: &Database| -> i64 {
        db.conn()
            .query_row(
                "SELECT count(*) FROM reminder_done WHERE subject = ?1",
                [&subject],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(done_rows(&db), 1, "the thank-you is recorded as done");
    favours::delete(&mut db, &favour.id, at(3)).unwrap();
    purge_expired(&mut db, at(3) + Duration::days(31)).unwrap();
    assert_eq!(done_rows(&db), 0, "its done record went with the favour");
    assert!(
        where_found(&db, "Xenon-plan").is_empty(),
        "the favour's text is nowhere: {:?}",
        where_found(&db, "Xenon-plan")
    );
    assert!(
        people::get(&db, &dana).is_ok(),
        "the person, not deleted, stays"
    );
}

#[test]
fn a_purged_persons_emails_and_phone_numbers_leave_the_search_index() {
    use crate::people::contacts::{self, Contact};
    let mut db = Database::open_in_memory().unwrap();
    let input = PersonInput {
        email: "dana@quillfeather.example".into(),
        ..PersonInput::named("Dana Q")
    };
    let dana = people::add(&mut db, &input, at(1)).unwrap().id;
    db.write(|tx| {
        contacts::add_missing(
            tx,
            &dana,
            &[
                Contact::email("dq@inkwell.example", "home"),
                Contact::phone("+44 20 7946 0958", "desk"),
            ],
        )
    })
    .unwrap();
    let found = |db: &Database, text: &str| crate::search::search(db, text).unwrap().people.len();
    assert_eq!(found(&db, "inkwell"), 1, "indexed at first");
    assert_eq!(found(&db, "2079460958"), 1, "indexed at first");

    delete_person(&mut db, &dana).unwrap();
    for needle in ["inkwell", "quillfeather", "2079460958", "7946"] {
        let left = where_found(&db, needle);
        assert!(left.is_empty(), "no trace of {needle:?} is left: {left:?}");
        let indexed: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM search_people WHERE search_people MATCH ?1",
                [format!("\"{needle}\"")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexed, 0, "the index no longer matches {needle:?}");
    }
}

#[test]
fn every_table_deleted_by_a_stamp_is_purged_and_listed_as_recently_deleted() {
    // A new kind of record with a `deleted_at` column must be purged after the period and
    // offered in Settings' recently deleted list; a table forgotten in either would keep a
    // deleted record's text forever, or hide it from the user.
    let db = Database::open_in_memory().unwrap();
    let stamped: std::collections::BTreeSet<String> = db
        .conn()
        .prepare(
            "SELECT m.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c
              WHERE m.type = 'table' AND c.name = 'deleted_at'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let purged: std::collections::BTreeSet<String> =
        SOFT_DELETED.iter().map(|t| (*t).to_owned()).collect();
    assert_eq!(purged, stamped, "purge::SOFT_DELETED against the schema");
    let listed: std::collections::BTreeSet<String> = crate::deleted::DeletedKind::ALL
        .iter()
        .map(|k| k.table().to_owned())
        .collect();
    assert_eq!(listed, stamped, "deleted::DeletedKind against the schema");
}
