//! Tests of the sample workspace: what it adds, that its reminders are live, and that removing
//! it takes away exactly what it added and keeps what the user added.

use std::collections::BTreeSet;

use chrono::TimeZone;

use super::*;
use crate::history;
use crate::journal::interactions::{self, InteractionInput, Kind as InteractionKind};
use crate::maps::{self, MapInput, Position};
use crate::reminders::{self, schedule::Kind};
use crate::storage::backup;

fn at(day: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, h, 0, 0).unwrap()
}

fn db() -> Database {
    Database::open_in_memory().unwrap()
}

fn names(db: &Database) -> BTreeSet<String> {
    people::list(db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn count(db: &Database, table: &str) -> i64 {
    db.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn person_named(db: &Database, name: &str) -> people::Person {
    people::list(db, name)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is listed"))
}

fn sample_map(db: &Database) -> maps::Map {
    maps::list(db, true)
        .unwrap()
        .into_iter()
        .find(|m| m.name == MAP_NAME)
        .expect("the sample map is there")
}

#[test]
fn adds_people_a_map_interactions_and_live_reminders() {
    let mut db = db();
    let now = at(10, 12);
    let added = add(&mut db, now).unwrap();

    assert_eq!(added.people, 8);
    assert_eq!(names(&db).len(), 8, "every sample person is listed");
    let departments: BTreeSet<String> = people::list(&db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.department)
        .collect();
    assert!(
        departments.len() >= 2,
        "people in a couple of departments: {departments:?}"
    );
    assert_eq!(
        status(&db).unwrap(),
        Status {
            present: true,
            people: 8
        },
        "the banner knows the sample is there"
    );

    let map = sample_map(&db);
    assert_eq!(map.id, added.map_id);
    let placed = maps::placements(&db, &map.id).unwrap();
    assert_eq!(placed.len(), PLACES.len());
    let quadrants: BTreeSet<String> = placed
        .iter()
        .map(|p| format!("{:?}", p.position.quadrant()))
        .collect();
    let stances: BTreeSet<String> = placed.iter().map(|p| format!("{:?}", p.stance)).collect();
    assert_eq!(
        quadrants.len(),
        4,
        "someone in every quadrant: {quadrants:?}"
    );
    assert!(stances.len() >= 4, "stances differ: {stances:?}");

    let sam = person_named(&db, "Sam Sample");
    let recent = interactions::timeline(&db, &sam.id, 10).unwrap();
    assert_eq!(recent.len(), 1, "Sam had a coffee with you");
    assert!(recent[0].occurred_at < now && recent[0].occurred_at > now - Duration::days(30));

    let overview = reminders::overview(&db, now).unwrap();
    let thank = overview
        .overdue
        .iter()
        .find(|i| i.kind == Kind::ThankYou)
        .expect("a thank-you is due the moment the sample is added");
    assert_eq!(thank.person_id.as_deref(), Some(sam.id.as_str()));
    let leo = person_named(&db, "Leo Placeholder");
    let promise = overview
        .today
        .iter()
        .chain(&overview.upcoming)
        .find(|i| i.kind == Kind::Promise)
        .expect("the promise is due soon, not yet overdue");
    assert_eq!(promise.person_id.as_deref(), Some(leo.id.as_str()));
    assert!(promise.due > now && promise.due < now + Duration::days(4));
}

#[test]
fn adding_twice_is_refused_and_removing_nothing_says_so() {
    let mut db = db();
    match remove(&mut db) {
        Err(e @ Error::NoSample) => assert_eq!(e.code(), "sample.none"),
        other => panic!("removing with no sample must be refused, got {other:?}"),
    }
    add(&mut db, at(10, 12)).unwrap();
    match add(&mut db, at(10, 13)) {
        Err(e @ Error::SampleThere) => {
            assert_eq!(e.code(), "sample.already_added");
            assert!(e.to_string().contains("Remove them first"), "{e}");
        }
        other => panic!("a second sample must be refused, got {other:?}"),
    }
    assert_eq!(names(&db).len(), 8, "the refused add added no one");
}

#[test]
fn removing_leaves_the_data_exactly_as_it_was_before() {
    let mut db = db();
    people::add(&mut db, &PersonInput::named("Uma Own"), at(1, 9)).unwrap();
    let before = backup::dump(&db, at(1, 9)).unwrap().tables;

    add(&mut db, at(10, 12)).unwrap();
    // The user answers a sample reminder: that answer goes with the sample too.
    let favour = db
        .conn()
        .query_row("SELECT id FROM favours", [], |r| r.get::<_, String>(0))
        .unwrap();
    reminders::snooze(
        &mut db,
        &reminders::thank_you_subject(&favour),
        at(11, 9),
        at(10, 13),
    )
    .unwrap();
    let removed = remove(&mut db).unwrap();

    assert_eq!(removed.people, 8);
    assert!(removed.kept.is_empty() && !removed.kept_map, "{removed:?}");
    assert_eq!(
        backup::dump(&db, at(1, 9)).unwrap().tables,
        before,
        "every table holds exactly what it held before the sample"
    );
    assert!(!status(&db).unwrap().present);
}

#[test]
fn keeps_what_the_user_added_and_the_sample_people_it_refers_to() {
    let mut db = db();
    let now = at(10, 12);
    add(&mut db, now).unwrap();
    let ivy = people::add(&mut db, &PersonInput::named("Ivy Own"), now).unwrap();
    let sam = person_named(&db, "Sam Sample");
    // The user's own coffee with Ivy and a sample person: their words must stay, with Sam.
    let coffee = interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(now),
            kind: InteractionKind::Coffee,
            people: vec![ivy.id.clone(), sam.id.clone()],
            notes: "Sam and Ivy on the cache rollout".into(),
            follow_up: String::new(),
        },
        now,
    )
    .unwrap();
    // The user's own map, with a sample person on it: that person stays too.
    let own_map = maps::create(&mut db, &MapInput::named("Reorg"), now).unwrap();
    let tess = person_named(&db, "Tess Testwell");
    maps::place(
        &mut db,
        &own_map.id,
        &tess.id,
        Position::new(0.2, 0.2),
        None,
        now,
    )
    .unwrap();

    let removed = remove(&mut db).unwrap();

    let kept: Vec<&str> = removed.kept.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(kept, ["Sam Sample", "Tess Testwell"], "kept and named");
    assert_eq!(removed.people, 6);
    assert!(
        !removed.kept_map,
        "no one of the user's is on the sample map"
    );
    assert_eq!(
        names(&db),
        BTreeSet::from([
            "Ivy Own".into(),
            "Sam Sample".into(),
            "Tess Testwell".into()
        ]),
        "the user's person and the sample people their records refer to"
    );
    let kept_coffee = interactions::get(&db, &coffee.id).unwrap();
    assert_eq!(kept_coffee.notes, "Sam and Ivy on the cache rollout");
    assert_eq!(
        kept_coffee.people.len(),
        2,
        "the coffee keeps both its people"
    );
    assert_eq!(
        interactions::timeline(&db, &sam.id, 10).unwrap().len(),
        1,
        "Sam's sample coffee went; the user's stays"
    );
    assert_eq!(maps::placements(&db, &own_map.id).unwrap().len(), 1);
    assert!(maps::list(&db, true)
        .unwrap()
        .iter()
        .all(|m| m.name != MAP_NAME));
    for table in ["favours", "promises", "links", "sample_rows"] {
        assert_eq!(count(&db, table), 0, "no sample {table} are left");
    }
    assert_eq!(count(&db, "profiles"), 2, "kept people keep their profiles");
    assert!(
        !status(&db).unwrap().present,
        "the kept people are the user's now"
    );
}

#[test]
fn the_sample_map_stays_when_the_user_put_their_own_person_on_it() {
    let mut db = db();
    let now = at(10, 12);
    add(&mut db, now).unwrap();
    let ivy = people::add(&mut db, &PersonInput::named("Ivy Own"), now).unwrap();
    let map = sample_map(&db);
    maps::place(
        &mut db,
        &map.id,
        &ivy.id,
        Position::new(0.7, 0.7),
        None,
        now,
    )
    .unwrap();

    let removed = remove(&mut db).unwrap();

    assert!(removed.kept_map);
    let placed = maps::placements(&db, &map.id).unwrap();
    assert_eq!(placed.len(), 1, "only Ivy is left on it");
    assert_eq!(placed[0].person_id, ivy.id);
    assert_eq!(names(&db), BTreeSet::from(["Ivy Own".into()]));
}

#[test]
fn adding_and_removing_are_one_step_each_that_undo_reverses() {
    let mut db = db();
    let now = at(10, 12);
    history::record(&mut db, now, |db| add(db, now)).unwrap();
    history::record(&mut db, now, remove).unwrap();
    let labels: Vec<String> = history::recent(&db)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.label)
        .collect();
    assert_eq!(
        labels,
        ["Removed the sample people", "Added the sample people"]
    );

    history::undo(&mut db).unwrap();
    assert_eq!(
        status(&db).unwrap().people,
        8,
        "undoing the removal brings everyone back"
    );
    assert_eq!(
        maps::placements(&db, &sample_map(&db).id).unwrap().len(),
        PLACES.len()
    );
    history::undo(&mut db).unwrap();
    assert!(names(&db).is_empty(), "undoing the add leaves no one");
    assert!(!status(&db).unwrap().present);
}
