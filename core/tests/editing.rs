//! Editing a journal record: search and reminders follow the edit at once.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::conflicts::{self, ConflictEdit, ConflictInput};
use allies_core::journal::favours::{self, Direction, FavourEdit, FavourInput, FavourStatus};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::journal::promises::{self, Owner, PromiseEdit, PromiseInput, PromiseStatus};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::{self, settings, settings::ReminderSettings};
use allies_core::{search, Database};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// A local time in Berlin, where the user lives in these tests.
fn at(mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    BERLIN
        .with_ymd_and_hms(2026, mo, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn day(mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, mo, d).unwrap()
}

fn setup() -> (Database, String) {
    let mut db = Database::open_in_memory().unwrap();
    let s = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    };
    settings::save(&mut db, &s, at(11, 1, 9)).unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(11, 1, 9))
        .unwrap()
        .id;
    (db, dana)
}

/// The ids of the records of each kind a search finds.
fn found(db: &Database, text: &str) -> Vec<(String, String)> {
    let r = search::search(db, text).unwrap();
    [
        ("interaction", r.interactions),
        ("favour", r.favours),
        ("promise", r.promises),
        ("conflict", r.conflicts),
    ]
    .into_iter()
    .flat_map(|(kind, hits)| hits.into_iter().map(move |h| (kind.to_owned(), h.id)))
    .collect()
}

#[test]
fn search_finds_the_new_words_of_every_edited_record_and_not_the_old() {
    let (mut db, dana) = setup();
    let now = at(11, 5, 9);
    let i = interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: None,
            kind: Kind::Coffee,
            people: vec![dana.clone()],
            notes: "pelican budget".into(),
            follow_up: String::new(),
        },
        now,
    )
    .unwrap();
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByThem,
            description: "pelican review".into(),
        },
        now,
    )
    .unwrap();
    let p = promises::make(
        &mut db,
        &PromiseInput {
            person_id: dana.clone(),
            owner: Owner::Mine,
            description: "pelican deck".into(),
            due_on: String::new(),
        },
        now,
        day(11, 5),
    )
    .unwrap();
    let c = conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: dana.clone(),
            description: "pelican plan".into(),
            resolve_by: String::new(),
        },
        now,
        day(11, 5),
    )
    .unwrap();
    assert_eq!(found(&db, "pelican").len(), 4, "each record is found first");

    interactions::edit(
        &mut db,
        &i.id,
        &InteractionInput {
            occurred_at: None,
            kind: Kind::Coffee,
            people: vec![dana.clone()],
            notes: "walrus budget".into(),
            follow_up: String::new(),
        },
        now,
    )
    .unwrap();
    favours::edit(
        &mut db,
        &f.id,
        &FavourEdit {
            direction: Direction::ByThem,
            description: "walrus review".into(),
            status: FavourStatus::Open,
            done_at: None,
        },
        now,
    )
    .unwrap();
    promises::edit(
        &mut db,
        &p.id,
        &PromiseEdit {
            owner: Owner::Mine,
            description: "walrus deck".into(),
            due_on: String::new(),
            status: PromiseStatus::Open,
        },
        now,
        day(11, 5),
    )
    .unwrap();
    conflicts::edit(
        &mut db,
        &c.id,
        &ConflictEdit {
            description: "walrus plan".into(),
            resolve_by: String::new(),
        },
        now,
        day(11, 5),
    )
    .unwrap();

    assert!(
        found(&db, "pelican").is_empty(),
        "the old words are gone from search"
    );
    let mut walrus = found(&db, "walrus");
    walrus.sort();
    let mut expected = vec![
        ("conflict".to_owned(), c.id),
        ("favour".to_owned(), f.id),
        ("interaction".to_owned(), i.id),
        ("promise".to_owned(), p.id),
    ];
    expected.sort();
    assert_eq!(
        walrus, expected,
        "every edited record is found by its new words"
    );
}

/// When the reminder with `subject` shows in the overview at `now`, if it does.
fn due_of(db: &Database, now: DateTime<Utc>, subject: &str) -> Option<DateTime<Utc>> {
    let o = reminders::overview(db, now).unwrap();
    o.overdue
        .iter()
        .chain(&o.today)
        .chain(&o.upcoming)
        .find(|item| item.subject.ends_with(subject))
        .map(|item| item.due)
}

#[test]
fn a_moved_due_date_moves_the_promise_and_conflict_reminders() {
    let (mut db, dana) = setup();
    let now = at(11, 2, 9);
    let today = day(11, 2);
    let p = promises::make(
        &mut db,
        &PromiseInput {
            person_id: dana.clone(),
            owner: Owner::Mine,
            description: "Send the deck".into(),
            due_on: "2026-11-06".into(),
        },
        now,
        today,
    )
    .unwrap();
    let c = conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: dana.clone(),
            description: "The migration plan".into(),
            resolve_by: "2026-11-07".into(),
        },
        now,
        today,
    )
    .unwrap();
    let promise_due = due_of(&db, now, &p.id).unwrap();
    let conflict_due = due_of(&db, now, &c.id).unwrap();
    assert_eq!(promise_due.with_timezone(&BERLIN).date_naive(), day(11, 6));

    let edit = |due: &str| PromiseEdit {
        owner: Owner::Mine,
        description: "Send the deck".into(),
        due_on: due.into(),
        status: PromiseStatus::Open,
    };
    promises::edit(&mut db, &p.id, &edit("2026-11-10"), now, today).unwrap();
    let moved = due_of(&db, now, &p.id).unwrap();
    assert_eq!(
        moved - promise_due,
        chrono::Duration::days(4),
        "four days later, at the same morning hour"
    );
    promises::edit(&mut db, &p.id, &edit(""), now, today).unwrap();
    assert_eq!(
        due_of(&db, now, &p.id)
            .unwrap()
            .with_timezone(&BERLIN)
            .date_naive(),
        day(11, 9),
        "a cleared date falls back to a week after it was written"
    );
    promises::edit(
        &mut db,
        &p.id,
        &PromiseEdit {
            status: PromiseStatus::Kept,
            ..edit("")
        },
        now,
        today,
    )
    .unwrap();
    assert_eq!(
        due_of(&db, now, &p.id),
        None,
        "a kept promise reminds no more"
    );

    conflicts::edit(
        &mut db,
        &c.id,
        &ConflictEdit {
            description: "The migration plan".into(),
            resolve_by: "2026-11-04".into(),
        },
        now,
        today,
    )
    .unwrap();
    assert_eq!(
        due_of(&db, now, &c.id).unwrap() - conflict_due,
        -chrono::Duration::days(3),
        "brought forward three days"
    );
}

#[test]
fn a_backdated_done_favour_asks_for_its_thank_you_from_the_day_it_was_done() {
    let (mut db, dana) = setup();
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByMe,
            description: "The intro".into(),
        },
        at(11, 10, 9),
    )
    .unwrap();
    let now = at(11, 10, 10);
    assert_eq!(
        due_of(&db, now, &f.id),
        None,
        "no thank-you for a favour the user did"
    );
    favours::edit(
        &mut db,
        &f.id,
        &FavourEdit {
            direction: Direction::ByThem,
            description: "The intro".into(),
            status: FavourStatus::Done,
            done_at: Some(at(11, 3, 12)),
        },
        now,
    )
    .unwrap();
    let due = due_of(&db, now, &f.id).expect("now it was done for the user, a thank-you is due");
    assert!(
        due < now,
        "done a week ago, the thank-you is already overdue ({due})"
    );
}
