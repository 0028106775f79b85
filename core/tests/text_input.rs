//! Text as users type and import it: no control character reaches the database (a carriage
//! return in a name would split the line it lands on in a CSV or calendar file other programs
//! read), and a CSV export imported again gives back the same text, cells the export kept from
//! running as formulas included.
#![allow(clippy::unwrap_used)] // a test, where a panic is the failure report

use allies_core::interop::export::{calendar, people_csv};
use allies_core::interop::import::{self, csv_headers, guess_mapping, parse_csv, OnDuplicate};
use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::journal::profiles::{self, Profile};
use allies_core::maps::{self, MapInput};
use allies_core::network::groups::{self, GroupInput};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::{self, ReminderInput};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap()
}

/// Every control character but the tab and the line feed a note may keep.
fn controls() -> impl Iterator<Item = char> {
    ('\u{0}'..='\u{1f}')
        .chain('\u{7f}'..='\u{9f}')
        .filter(|c| !matches!(c, '\t' | '\n'))
}

fn assert_one_line(what: &str, text: &str) {
    assert!(
        !text.chars().any(char::is_control),
        "{what} keeps no control character, tab and line break included: {text:?}"
    );
}

fn assert_text(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n'),
        "{what} keeps tabs and line feeds only: {text:?}"
    );
}

#[test]
fn no_control_character_reaches_the_database_from_any_form() {
    let mut db = Database::open_in_memory().unwrap();
    // The controls that are not line breaks or spaces, which are dropped; the others (CR,
    // vertical tab, tab) stand between words.
    let odd: String = controls().filter(|c| !c.is_whitespace()).collect();
    let dirty = |words: &str| format!("{words}\r\n{odd}and\rmore\u{b}{odd}\t");
    let person = people::add(
        &mut db,
        &PersonInput {
            name: dirty("Dana\r\nNg"),
            role: dirty("VP"),
            department: dirty("Platform"),
            organisation: dirty("Acme"),
            email: format!("dana{odd}@example.com"),
            notes: dirty("line one\nline two"),
            tags: dirty("mentor, platform"),
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        person.name, "Dana Ng and more",
        "a line break in a name becomes a space"
    );
    assert_eq!(person.email, "dana@example.com");
    for (what, text) in [
        ("the name", &person.name),
        ("the role", &person.role),
        ("the department", &person.department),
        ("the organisation", &person.organisation),
        ("the tags", &person.tags),
    ] {
        assert_one_line(what, text);
    }
    assert_eq!(
        person.notes, "line one\nline two\nand\nmore\n\t",
        "notes keep their line breaks (as line feeds) and tabs"
    );

    let map = maps::create(
        &mut db,
        &MapInput {
            name: dirty("Promotion"),
            description: dirty("Why"),
            target_date: String::new(),
        },
        now(),
    )
    .unwrap();
    assert_one_line("a map's name", &map.name);
    assert_text("a map's description", &map.description);

    let favour = favours::record(
        &mut db,
        &FavourInput {
            person_id: person.id.clone(),
            direction: Direction::ByThem,
            description: dirty("Reviewed my doc"),
        },
        now(),
    )
    .unwrap();
    assert_one_line("a favour", &favour.description);

    let logged = interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(now()),
            kind: Kind::OneOnOne,
            people: vec![person.id.clone()],
            notes: dirty("Talked"),
            follow_up: dirty("Send the deck"),
        },
        now(),
    )
    .unwrap();
    assert_text("an interaction's notes", &logged.notes);
    assert_one_line("a follow-up", &logged.follow_up);

    let group = groups::add(
        &mut db,
        &GroupInput {
            name: dirty("Rust Berlin"),
            note: dirty("Monthly"),
            category: None,
        },
        now(),
    )
    .unwrap();
    assert_one_line("a group's name", &group.name);
    assert_text("a group's note", &group.note);

    let profile = profiles::save(
        &mut db,
        &person.id,
        &Profile {
            how_met: dirty("At the offsite"),
            pitch: dirty("Ask about Rust"),
            ..Profile::default()
        },
        now(),
    )
    .unwrap();
    assert_text("how you met", &profile.how_met);
    assert_text("a pitch", &profile.pitch);

    reminders::add(
        &mut db,
        &ReminderInput {
            title: dirty("Call Dana"),
            note: dirty("About the move"),
            person_id: None,
            due: "2026-12-06T10:00".into(),
            repeat: reminders::Recurrence::Never,
        },
        now(),
    )
    .unwrap();
    let ics = String::from_utf8(calendar::export(&db, now()).unwrap()).unwrap();
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "no line of the calendar file is split by a typed line break: {ics}"
    );
    let csv = String::from_utf8(people_csv::export(&db).unwrap()).unwrap();
    assert!(
        !csv.replace("\r\n", "").contains('\r'),
        "no carriage return inside a cell of the CSV file: {csv:?}"
    );
}

/// Text of any shape, weighted to what breaks files: formula starts, apostrophes, quotes,
/// separators, control characters, line breaks and letters outside ASCII.
fn tricky_text() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '=', '+', '-', '@', '\'', '"', ',', ';', '\t', '\r', '\n', ' ', '\u{0}', '\u{7}', '\u{1b}',
        '\u{7f}', '\u{85}', '\u{a0}', '\u{2028}', '\u{feff}', 'é', '👩', 'a', 'Z',
    ]);
    let c = prop_oneof![3 => tricky, 1 => any::<char>()];
    prop::collection::vec(c, 0..16).prop_map(|chars| chars.into_iter().collect())
}

fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        ("[=+'a-z0-9.-]{1,8}", "[a-z]{1,8}")
            .prop_map(|(local, domain)| { format!("{local}@{domain}.example") }),
    ]
}

fn person_input() -> impl Strategy<Value = PersonInput> {
    (
        tricky_text(),
        tricky_text(),
        tricky_text(),
        tricky_text(),
        email(),
        tricky_text(),
        prop::collection::vec(tricky_text(), 0..4),
    )
        .prop_map(
            |(name, role, department, organisation, email, notes, tags)| PersonInput {
                // A letter somewhere, so the name is never empty once cleaned.
                name: format!("{name}x{name}"),
                role,
                department,
                organisation,
                email,
                notes,
                tags: tags.join(","),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_csv_export_imported_again_gives_back_the_same_text(
        typed in person_input(),
        how_met in tricky_text(),
    ) {
        let mut db = Database::open_in_memory().unwrap();
        let stored = people::add(&mut db, &typed, now()).unwrap();
        let profile = profiles::save(
            &mut db,
            &stored.id,
            &Profile { how_met, ..Profile::default() },
            now(),
        )
        .unwrap();

        let bytes = people_csv::export(&db).unwrap();
        let mapping = guess_mapping(&csv_headers(&bytes).unwrap());
        let parsed = parse_csv(&bytes, &mapping).unwrap();
        prop_assert!(parsed.problems.is_empty(), "every row reads: {:?}", parsed.problems);
        prop_assert_eq!(parsed.candidates.len(), 1);

        let mut again = Database::open_in_memory().unwrap();
        import::apply(&mut again, &parsed, OnDuplicate::Skip, now(), &mut |_, _| {}).unwrap();
        let back = people::list(&again, "").unwrap();
        prop_assert_eq!(back.len(), 1);
        prop_assert_eq!(
            back[0].as_input(),
            stored.as_input(),
            "name, role, department, organisation, email, tags and notes come back as stored"
        );
        prop_assert_eq!(profiles::get(&again, &back[0].id).unwrap().how_met, profile.how_met);
    }
}
