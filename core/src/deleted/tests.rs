//! The recently deleted list over every kind: what it shows on its own, bringing back, and
//! removing for good.

use super::*;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions::{self, InteractionInput, Kind};
use crate::maps::{self, MapInput};
use crate::network::groups::{self, GroupInput};
use crate::people::PersonInput;
use crate::wins::{self, WinInput};
use chrono::{NaiveDate, TimeZone};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, hour, 0, 0).unwrap()
}

fn favour(db: &mut Database, person: &str, what: &str) -> String {
    let input = FavourInput {
        person_id: person.to_owned(),
        direction: Direction::ByThem,
        description: what.into(),
    };
    favours::record(db, &input, at(1)).unwrap().id
}

fn listed(db: &Database) -> Vec<(DeletedKind, String, Option<String>)> {
    list(db)
        .unwrap()
        .into_iter()
        .map(|d| (d.kind, d.title, d.person_name))
        .collect()
}

fn count(db: &Database, table: &str, id: &str) -> i64 {
    db.conn()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

struct World {
    db: Database,
    dana: String,
    sam_favour: String,
    map: String,
    group: String,
    visit: String,
    win: String,
}

/// Dana deleted with her favour; Sam's favour, a map, a group (with a visit) and a win each
/// deleted on their own.
fn world() -> World {
    let mut db = Database::open_in_memory().unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1))
        .unwrap()
        .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam Okafor"), at(1))
        .unwrap()
        .id;
    favour(&mut db, &dana, "Reviewed my launch plan");
    let sam_favour = favour(&mut db, &sam, "Covered my on-call");
    interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(at(1)),
            kind: Kind::Coffee,
            people: vec![dana.clone()],
            notes: "Coffee with Dana".into(),
            follow_up: String::new(),
        },
        at(1),
    )
    .unwrap();
    let map = maps::create(&mut db, &MapInput::named("Platform launch"), at(1))
        .unwrap()
        .id;
    let group = groups::add(
        &mut db,
        &GroupInput {
            name: "Architecture guild".into(),
            note: String::new(),
            category: None,
        },
        at(1),
    )
    .unwrap()
    .id;
    let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let visit = groups::attend(&mut db, &group, "2026-12-01", "", at(1), today)
        .unwrap()
        .id;
    let win = wins::create(
        &mut db,
        &WinInput {
            title: "Cut build times by half".into(),
            won_on: "2026-12-01".into(),
            ..Default::default()
        },
        at(1),
    )
    .unwrap()
    .win
    .id;

    people::delete(&mut db, &dana, at(2)).unwrap();
    favours::delete(&mut db, &sam_favour, at(3)).unwrap();
    maps::delete(&mut db, &map, at(4)).unwrap();
    groups::delete(&mut db, &group, at(5)).unwrap();
    wins::delete(&mut db, &win, at(6)).unwrap();
    World {
        db,
        dana,
        sam_favour,
        map,
        group,
        visit,
        win,
    }
}

#[test]
fn every_kind_deleted_on_its_own_is_listed_the_latest_first() {
    let w = world();
    assert_eq!(
        listed(&w.db),
        [
            (DeletedKind::Win, "Cut build times by half".into(), None),
            (DeletedKind::Group, "Architecture guild".into(), None),
            (DeletedKind::Map, "Platform launch".into(), None),
            (
                DeletedKind::Favour,
                "Covered my on-call".into(),
                Some("Sam Okafor".into())
            ),
            (DeletedKind::Person, String::new(), Some("Dana Ng".into())),
        ],
        "Dana's favour and coffee went with her and come back with her, so they are not listed \
         on their own; nor is the group's visit"
    );
}

#[test]
fn bringing_back_restores_the_record_and_what_went_with_it() {
    let mut w = world();
    bring_back(&mut w.db, DeletedKind::Favour, &w.sam_favour).unwrap();
    assert!(
        favours::get(&w.db, &w.sam_favour).is_ok(),
        "the favour is back"
    );
    bring_back(&mut w.db, DeletedKind::Group, &w.group).unwrap();
    assert_eq!(
        groups::attendance(&w.db, &w.group).unwrap().len(),
        1,
        "the group comes back with its visit"
    );
    bring_back(&mut w.db, DeletedKind::Person, &w.dana).unwrap();
    assert_eq!(
        favours::for_person(&w.db, &w.dana).unwrap().len(),
        1,
        "Dana comes back with her favour"
    );
    let kinds: Vec<DeletedKind> = list(&w.db).unwrap().into_iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [DeletedKind::Win, DeletedKind::Map]);
    assert_eq!(
        bring_back(&mut w.db, DeletedKind::Favour, &w.sam_favour)
            .unwrap_err()
            .code(),
        "deleted.not_found",
        "a record that is not deleted is refused, not touched"
    );
}

#[test]
fn deleting_permanently_removes_only_that_record_and_what_went_with_it() {
    let mut w = world();
    let purged = delete_permanently(&mut w.db, DeletedKind::Group, &w.group).unwrap();
    assert_eq!(
        (purged.people, purged.records),
        (0, 2),
        "the group and its visit"
    );
    assert_eq!(count(&w.db, "groups", &w.group), 0);
    assert_eq!(count(&w.db, "group_attendance", &w.visit), 0);
    delete_permanently(&mut w.db, DeletedKind::Map, &w.map).unwrap();
    assert_eq!(count(&w.db, "maps", &w.map), 0);
    assert_eq!(count(&w.db, "wins", &w.win), 1, "the others stay");
    assert_eq!(count(&w.db, "favours", &w.sam_favour), 1);
    delete_permanently(&mut w.db, DeletedKind::Person, &w.dana).unwrap();
    assert_eq!(count(&w.db, "people", &w.dana), 0);
    assert_eq!(
        list(&w.db).unwrap().len(),
        2,
        "the win and Sam's favour are left"
    );

    let sam = people::list(&w.db, "Sam").unwrap().remove(0).id;
    let live = favour(&mut w.db, &sam, "Lent me a laptop");
    assert_eq!(
        delete_permanently(&mut w.db, DeletedKind::Favour, &live)
            .unwrap_err()
            .code(),
        "deleted.not_found",
        "only what is deleted can be removed for good from here"
    );
    assert_eq!(count(&w.db, "favours", &live), 1);
}

#[test]
fn a_tour_outlives_its_check_in_plan_deleted_on_its_own() {
    use crate::network::tour::{self, TourInput};
    use crate::reminders::delete_check_in;
    let mut db = Database::open_in_memory().unwrap();
    let input = TourInput {
        title: "New team".into(),
        start_on: "2026-11-02".into(),
    };
    let tour = tour::create(&mut db, &input, at(9)).unwrap();
    delete_check_in(&mut db, &tour.check_in_id, at(10)).unwrap();
    assert!(
        listed(&db).is_empty(),
        "a plan its live tour still needs is not offered for removal: {:?}",
        listed(&db)
    );
    // Long past the purge period: the plan stays (deleted, reminding of nothing), the tour lives.
    let later = at(10) + chrono::Duration::days(400);
    crate::purge::purge_expired(&mut db, later).unwrap();
    assert_eq!(count(&db, "tours", &tour.id), 1, "the tour is not removed");
    assert_eq!(count(&db, "check_ins", &tour.check_in_id), 1);
    assert_eq!(tour::get(&db, &tour.id).unwrap().title, "New team");
    // Once the tour itself is deleted and its period passes, both go.
    tour::delete(&mut db, &tour.id, later).unwrap();
    crate::purge::purge_expired(&mut db, later + chrono::Duration::days(400)).unwrap();
    assert_eq!(count(&db, "tours", &tour.id), 0);
    assert_eq!(count(&db, "check_ins", &tour.check_in_id), 0);
}
