//! Full JSON backups (backup → restore → backup is the same document), automatic copies with
//! their retention and restore, and the people CSV export.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::network::groups::{self, GroupInput};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::{self, Recurrence, ReminderInput};
use allies_core::storage::backup;
use allies_core::storage::snapshots::{self, Reason};
use allies_core::{
    interop::export::people_csv, journal::profiles, reminders::settings, search, Database,
};
use chrono::{DateTime, Duration, TimeZone, Utc};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

/// A database with something in every table.
fn rich(dir: &std::path::Path) -> Database {
    let mut db = Database::open_in(dir, at(1, 9)).unwrap();
    settings::save(&mut db, &Default::default(), at(1, 9)).unwrap();
    let omar = people::add(
        &mut db,
        &PersonInput {
            name: "Omar <b>Haddad</b> 👩🏽‍💻".into(),
            email: "omar@example.com".into(),
            tags: "mentor, =SUM(A1)".into(),
            notes: "line one\nline two, \"quoted\"".into(),
            ..PersonInput::named("x")
        },
        at(1, 9),
    )
    .unwrap()
    .id;
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1, 9))
        .unwrap()
        .id;
    let mut profile = profiles::get(&db, &omar).unwrap();
    profile.how_met = "Connected on LinkedIn".into();
    profile.cadence_days = Some(14);
    profiles::save(&mut db, &omar, &profile, at(1, 10)).unwrap();
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(1, 9))
        .unwrap()
        .id;
    maps::place(
        &mut db,
        &map,
        &omar,
        Position::new(0.8, 0.7),
        Some(Stance::Champion),
        at(2, 9),
    )
    .unwrap();
    maps::place(
        &mut db,
        &map,
        &omar,
        Position::new(0.81, 0.33),
        None,
        at(3, 9),
    )
    .unwrap();
    interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(at(4, 9)),
            kind: Kind::Coffee,
            people: vec![omar.clone(), dana.clone()],
            notes: "Talked about the offsite".into(),
            follow_up: String::new(),
        },
        at(4, 10),
    )
    .unwrap();
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: omar.clone(),
            direction: Direction::ByThem,
            description: "the intro".into(),
        },
        at(5, 9),
    )
    .unwrap();
    favours::set_done(&mut db, &f.id, true, at(5, 10)).unwrap();
    reminders::add(
        &mut db,
        &ReminderInput {
            title: "Ask about the reorg".into(),
            note: String::new(),
            person_id: Some(dana.clone()),
            due: "2026-11-30T10:00".into(),
            repeat: Recurrence::Weekly,
        },
        at(5, 11),
    )
    .unwrap();
    let g = groups::add(
        &mut db,
        &GroupInput {
            name: "Rust meetup".into(),
            note: String::new(),
            category: None,
        },
        at(6, 9),
    )
    .unwrap();
    groups::attend(
        &mut db,
        &g.id,
        "2026-11-06",
        "",
        at(6, 20),
        at(6, 20).date_naive(),
    )
    .unwrap();
    reminders::fire_due(&mut db, at(6, 21)).unwrap();
    people::mark_former(&mut db, &dana, at(7, 9)).unwrap();
    db
}

#[test]
fn backup_restore_backup_gives_the_same_document_and_search_works_again() {
    let a_dir = tempfile::tempdir().unwrap();
    let db = rich(a_dir.path());
    let first = backup::to_bytes(&backup::dump(&db, at(8, 9)).unwrap()).unwrap();

    let b_dir = tempfile::tempdir().unwrap();
    let mut fresh = Database::open_in(b_dir.path(), at(8, 9)).unwrap();
    people::add(
        &mut fresh,
        &PersonInput::named("Someone to be replaced"),
        at(8, 9),
    )
    .unwrap();
    let restored = backup::restore(&mut fresh, &backup::from_bytes(&first).unwrap()).unwrap();
    assert!(restored.rows > 10, "{restored:?}");
    let second = backup::to_bytes(&backup::dump(&fresh, at(8, 9)).unwrap()).unwrap();
    assert_eq!(
        String::from_utf8(first).unwrap(),
        String::from_utf8(second).unwrap()
    );

    assert!(
        people::list(&fresh, "Someone").unwrap().is_empty(),
        "a restore replaces everything"
    );
    assert_eq!(
        search::search(&fresh, "offsite")
            .unwrap()
            .interactions
            .len(),
        1,
        "the index is rebuilt"
    );
    assert_eq!(people::former(&fresh).unwrap()[0].name, "Dana Ng");
}

#[test]
fn a_broken_or_foreign_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = rich(dir.path());
    let good = backup::dump(&db, at(8, 9)).unwrap();
    for (bytes, says) in [
        (b"not json".to_vec(), "not an Allies backup"),
        (br#"{"format":"something-else","version":1,"schema":1,"created_at":"","tables":[]}"#.to_vec(), "not an Allies backup"),
        (format!(r#"{{"format":"allies-backup","version":1,"schema":{},"created_at":"","tables":[]}}"#, allies_core::storage::schema_version() + 1).into_bytes(), "newer version"),
    ] {
        let err = backup::from_bytes(&bytes).unwrap_err();
        assert_eq!(err.code(), "backup.unreadable");
        assert!(err.to_string().contains(says), "{err}");
    }
    let mut ragged = good.clone();
    ragged.tables[0].rows[0].pop();
    let err = backup::restore(&mut db, &ragged).unwrap_err();
    assert!(err.to_string().contains("Row 1 of people"), "{err}");
    let mut unknown = good.clone();
    unknown.tables[0].columns.push("shoe_size".into());
    assert!(backup::restore(&mut db, &unknown)
        .unwrap_err()
        .to_string()
        .contains("shoe_size"));
    assert_eq!(
        people::list(&db, "").unwrap().len(),
        1,
        "still Omar, as before"
    );
    assert_eq!(people::former(&db).unwrap().len(), 1);
}

#[test]
fn a_daily_copy_is_taken_once_a_day_and_old_ones_are_thinned_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = rich(dir.path());
    assert!(snapshots::daily(&db, at(20, 9)).unwrap().is_some());
    assert!(
        snapshots::daily(&db, at(20, 18)).unwrap().is_none(),
        "once a day"
    );

    // Forty days of copies, as if the app had run every day.
    let folder = snapshots::dir(&db);
    for back in 1..=40 {
        let day = at(20, 9) - Duration::days(back);
        std::fs::write(
            folder.join(format!("allies-{}-daily.db", day.format("%Y%m%dT%H%M%SZ"))),
            b"x",
        )
        .unwrap();
    }
    snapshots::daily(&db, at(21, 9)).unwrap();
    let kept: Vec<String> = snapshots::list(&db)
        .unwrap()
        .iter()
        .map(|s| s.taken_at.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(kept.len(), 11, "7 days and 4 weeks: {kept:?}");
    assert_eq!(kept[0], "2026-11-21");
    assert_eq!(kept[6], "2026-11-15");
}

#[test]
fn restoring_a_copy_brings_its_data_back_and_keeps_the_current_data_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = rich(dir.path());
    let copy = snapshots::take(&db, Reason::Daily, at(9, 9)).unwrap();
    people::add(
        &mut db,
        &PersonInput::named("Added after the copy"),
        at(9, 10),
    )
    .unwrap();

    let kept = snapshots::restore(&mut db, &copy, at(9, 11)).unwrap();
    assert!(people::list(&db, "Added after").unwrap().is_empty());
    assert_eq!(people::list(&db, "").unwrap().len(), 1);
    let reasons: Vec<Reason> = snapshots::list(&db)
        .unwrap()
        .iter()
        .map(|s| s.reason)
        .collect();
    assert!(reasons.contains(&Reason::BeforeRestore), "{reasons:?}");
    let before = Database::open(&kept, at(9, 12)).unwrap();
    assert_eq!(
        people::list(&before, "Added after").unwrap().len(),
        1,
        "what was replaced is kept"
    );
    let leftovers: Vec<_> = std::fs::read_dir(snapshots::dir(&db))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".restoring"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database").unwrap();
    assert!(snapshots::restore(&mut db, &garbage, at(9, 13)).is_err());
    assert_eq!(people::list(&db, "").unwrap().len(), 1, "unchanged");
}

#[test]
fn the_people_csv_is_rfc_4180_and_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let db = rich(dir.path());
    let bytes = people_csv::export(&db).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with("Name,Role,Department,Organisation,Email,Tags,Notes,"),
        "{text}"
    );
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "Omar <b>Haddad</b> 👩🏽‍💻");
    assert_eq!(
        &rows[0][5], "mentor, =SUM(A1)",
        "a formula inside a cell is harmless"
    );
    assert_eq!(&rows[0][6], "line one\nline two, \"quoted\"");
    assert_eq!(&rows[0][8], "Connected on LinkedIn");
    assert_eq!(
        &rows[1][11], "2026-11-07",
        "former colleagues last, with the date"
    );
    for (cell, safe) in [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("fine", "fine"),
    ] {
        assert_eq!(people_csv::neutralise(cell), safe);
    }
}

#[test]
fn a_copy_from_an_older_version_is_upgraded_on_the_way_in_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(allies_core::storage::MIGRATION_FILES[0].1)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
             VALUES ('p1', 'Dana from version 1', 'dana from version 1', 'dana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut db = rich(&dir.path().join("data"));
    snapshots::restore(&mut db, &old, at(9, 9)).unwrap();
    assert_eq!(
        people::list(&db, "").unwrap()[0].name,
        "Dana from version 1"
    );
    let names: Vec<String> = std::fs::read_dir(snapshots::dir(&db))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    assert!(old.exists(), "the copy itself is untouched");
}

#[test]
fn the_vcard_export_reads_back_as_the_same_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = rich(dir.path());
    people::add(
        &mut db,
        &PersonInput {
            role: "Director, Product; Growth".into(),
            organisation: "Globex".into(),
            department: "Product".into(),
            notes: "Semi;colons, commas\nand a second line with a long tail that needs folding at seventy-five octets".into(),
            ..PersonInput::named("Sam Patel")
        },
        at(8, 9),
    )
    .unwrap();
    let bytes = allies_core::interop::export::people_vcard::export(&db).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "folded at 75 octets:\n{text}"
    );
    let parsed = allies_core::interop::import::vcard::parse(&bytes).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let back: Vec<(String, String, String, String, String, String)> = parsed
        .candidates
        .iter()
        .map(|c| {
            let p = &c.person;
            (
                p.name.clone(),
                p.role.clone(),
                p.organisation.clone(),
                p.department.clone(),
                p.email.clone(),
                p.notes.clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String, String, String)> = people::list(&db, "")
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.name,
                p.role,
                p.organisation,
                p.department,
                p.email,
                p.notes,
            )
        })
        .collect();
    assert_eq!(
        back, expected,
        "former colleagues are left out; everyone else comes back whole"
    );
}

#[test]
fn the_calendar_follows_rfc_5545() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = rich(dir.path());
    reminders::add(
        &mut db,
        &ReminderInput {
            title: "Lunch with Dana; bring the deck, the notes\nand a long, long, long, long title"
                .into(),
            note: "Back\\slash\r\nsecond line\rthird".into(),
            person_id: None,
            due: "2026-11-12T12:00".into(),
            repeat: Recurrence::Never,
        },
        at(8, 9),
    )
    .unwrap();
    let bytes = allies_core::interop::export::calendar::export(&db, at(8, 9)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let events = text.matches("BEGIN:VEVENT").count();
    assert!(events >= 3, "{text}");
    assert_eq!(
        text.matches("\r\nUID:").count(),
        events,
        "every event has a UID"
    );
    assert_eq!(
        text.matches("\r\nDTSTAMP:20261108T090000Z").count(),
        events,
        "and a DTSTAMP"
    );
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded
            .contains(r"SUMMARY:Lunch with Dana\; bring the deck\, the notes and a long\, long"),
        "text is escaped, and a title is one line: {unfolded}"
    );
    assert!(
        unfolded.contains(r"DESCRIPTION:Back\\slash\nsecond line\nthird"),
        "a note's line breaks, carriage returns included, are escaped line feeds: {unfolded}"
    );
    let again = allies_core::interop::export::calendar::export(&db, at(8, 9)).unwrap();
    assert_eq!(
        text.as_bytes(),
        again.as_slice(),
        "the same data gives the same file"
    );
}
