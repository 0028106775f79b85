//! The favours ledger at a fixed clock: recording, thanking, the balance, editing.

use super::*;
use crate::people::{self, PersonInput};
use chrono::{Duration, TimeZone};

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
}

fn setup() -> (Database, String) {
    let mut db = Database::open_in_memory().unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana"), at(1))
        .unwrap()
        .id;
    (db, dana)
}

fn favour(person: &str, direction: Direction, text: &str) -> FavourInput {
    FavourInput {
        person_id: person.into(),
        direction,
        description: text.into(),
    }
}

#[test]
fn a_received_favour_once_done_wants_a_thank_you_until_thanked() {
    let (mut db, dana) = setup();
    let f = record(
        &mut db,
        &favour(&dana, Direction::ByThem, "Reviewed my design doc"),
        at(2),
    )
    .unwrap();
    assert!(!f.thanks_due, "not done yet");
    let err = thank(&mut db, &f.id, "coffee", at(3)).unwrap_err();
    assert_eq!(err.code(), "favours.not_done");

    let done = set_done(&mut db, &f.id, true, at(4)).unwrap();
    assert_eq!((done.done_at, done.thanks_due), (Some(at(4)), true));
    assert_eq!(thanks_due(&db).unwrap().len(), 1);

    let thanked = thank(&mut db, &f.id, " Bought her a coffee ", at(5)).unwrap();
    assert_eq!(
        (
            thanked.thanked_at,
            thanked.thanked_how.as_str(),
            thanked.thanks_due
        ),
        (Some(at(5)), "Bought her a coffee", false)
    );
    assert!(thanks_due(&db).unwrap().is_empty());

    let reopened = set_done(&mut db, &f.id, false, at(6)).unwrap();
    assert_eq!(
        (reopened.done_at, reopened.thanked_at),
        (None, None),
        "reopening forgets the thank-you"
    );
}

#[test]
fn favours_the_user_did_are_not_thanked_for() {
    let (mut db, dana) = setup();
    let f = record(
        &mut db,
        &favour(&dana, Direction::ByMe, "Intro to the SRE lead"),
        at(2),
    )
    .unwrap();
    set_done(&mut db, &f.id, true, at(3)).unwrap();
    assert_eq!(
        thank(&mut db, &f.id, "", at(4)).unwrap_err().code(),
        "favours.not_received"
    );
    assert!(thanks_due(&db).unwrap().is_empty());
}

#[test]
fn bad_favours_are_refused_whole() {
    let (mut db, dana) = setup();
    assert_eq!(
        record(&mut db, &favour(&dana, Direction::ByMe, "  "), at(2))
            .unwrap_err()
            .code(),
        "favours.description_required"
    );
    assert_eq!(
        record(&mut db, &favour("ghost", Direction::ByMe, "x"), at(2))
            .unwrap_err()
            .code(),
        "people.not_found"
    );
    assert!(for_person(&db, &dana).unwrap().is_empty());
}

#[test]
fn the_balance_counts_done_favours_each_way_since_a_day() {
    let (mut db, dana) = setup();
    for (direction, day) in [
        (Direction::ByThem, 2),
        (Direction::ByThem, 10),
        (Direction::ByMe, 12),
    ] {
        let f = record(&mut db, &favour(&dana, direction, "something"), at(day)).unwrap();
        set_done(&mut db, &f.id, true, at(day)).unwrap();
    }
    record(
        &mut db,
        &favour(&dana, Direction::ByMe, "still open"),
        at(12),
    )
    .unwrap();
    assert_eq!(
        balance(&db, &dana, at(1)).unwrap(),
        Balance {
            by_them: 2,
            by_me: 1
        }
    );
    assert_eq!(
        balance(&db, &dana, at(5)).unwrap(),
        Balance {
            by_them: 1,
            by_me: 1
        },
        "older ones fall out"
    );
    assert_eq!(
        balance(&db, &dana, at(12) + Duration::hours(1)).unwrap(),
        Balance {
            by_them: 0,
            by_me: 0
        }
    );
}

#[test]
fn open_favours_list_first_and_delete_can_be_undone() {
    let (mut db, dana) = setup();
    let old = record(
        &mut db,
        &favour(&dana, Direction::ByThem, "old, done"),
        at(2),
    )
    .unwrap();
    set_done(&mut db, &old.id, true, at(3)).unwrap();
    let open = record(&mut db, &favour(&dana, Direction::ByMe, "open"), at(1)).unwrap();
    let listed: Vec<String> = for_person(&db, &dana)
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(listed, [open.id.clone(), old.id.clone()]);
    delete(&mut db, &open.id, at(4)).unwrap();
    assert_eq!(for_person(&db, &dana).unwrap().len(), 1);
    assert_eq!(restore(&mut db, &open.id).unwrap().description, "open");
    assert_eq!(
        delete(&mut db, "nope", at(4)).unwrap_err().code(),
        "favours.not_found"
    );
}

fn edit_of(direction: Direction, text: &str, status: FavourStatus) -> FavourEdit {
    FavourEdit {
        direction,
        description: text.into(),
        status,
        done_at: None,
    }
}

#[test]
fn an_edit_changes_text_direction_status_and_backdates_the_done_day() {
    let (mut db, dana) = setup();
    let f = record(&mut db, &favour(&dana, Direction::ByMe, "Intro"), at(10)).unwrap();
    let done = edit(
        &mut db,
        &f.id,
        &FavourEdit {
            done_at: Some(at(2)),
            ..edit_of(Direction::ByThem, "  Reviewed my doc  ", FavourStatus::Done)
        },
        at(12),
    )
    .unwrap();
    assert_eq!(
        (
            done.direction,
            done.description.as_str(),
            done.status,
            done.done_at,
            done.thanks_due
        ),
        (
            Direction::ByThem,
            "Reviewed my doc",
            FavourStatus::Done,
            Some(at(2)),
            true
        ),
        "trimmed as at creation; done on the day given, before it was recorded"
    );
    assert_eq!(
        balance(&db, &dana, at(1)).unwrap().by_them,
        1,
        "the balance counts it on the day it was done"
    );
    assert_eq!(
        balance(&db, &dana, at(3)).unwrap().by_them,
        0,
        "and not after"
    );
    let same_day = edit(
        &mut db,
        &f.id,
        &edit_of(Direction::ByThem, "Reviewed my doc", FavourStatus::Done),
        at(13),
    )
    .unwrap();
    assert_eq!(same_day.done_at, Some(at(2)), "no date given keeps the day");
    let newly_done = {
        let g = record(&mut db, &favour(&dana, Direction::ByMe, "Lunch"), at(10)).unwrap();
        edit(
            &mut db,
            &g.id,
            &edit_of(Direction::ByMe, "Lunch", FavourStatus::Done),
            at(14),
        )
        .unwrap()
    };
    assert_eq!(
        newly_done.done_at,
        Some(at(14)),
        "done now when no day is given"
    );
}

#[test]
fn a_thank_you_stays_while_it_still_fits_and_goes_when_it_no_longer_can() {
    let (mut db, dana) = setup();
    let f = record(&mut db, &favour(&dana, Direction::ByThem, "Intro"), at(2)).unwrap();
    set_done(&mut db, &f.id, true, at(3)).unwrap();
    thank(&mut db, &f.id, "Coffee", at(4)).unwrap();
    let reworded = edit(
        &mut db,
        &f.id,
        &edit_of(Direction::ByThem, "Intro to the VP", FavourStatus::Done),
        at(5),
    )
    .unwrap();
    assert_eq!(
        (reworded.thanked_at, reworded.thanked_how.as_str()),
        (Some(at(4)), "Coffee"),
        "rewording keeps the thank-you"
    );
    let turned = edit(
        &mut db,
        &f.id,
        &edit_of(Direction::ByMe, "Intro to the VP", FavourStatus::Done),
        at(6),
    )
    .unwrap();
    assert_eq!(
        (turned.thanked_at, turned.thanked_how.as_str()),
        (None, ""),
        "a favour the user did is not thanked for"
    );
    let reopened = edit(
        &mut db,
        &f.id,
        &edit_of(Direction::ByThem, "Intro to the VP", FavourStatus::Open),
        at(7),
    )
    .unwrap();
    assert_eq!((reopened.done_at, reopened.thanks_due), (None, false));
}

#[test]
fn a_bad_edit_names_its_field_and_changes_nothing() {
    let (mut db, dana) = setup();
    let f = record(&mut db, &favour(&dana, Direction::ByMe, "Intro"), at(2)).unwrap();
    let cases = [
        (
            edit_of(Direction::ByMe, "  ", FavourStatus::Open),
            "favours.description_required",
            "description",
        ),
        (
            edit_of(
                Direction::ByMe,
                &"x".repeat(MAX_DESCRIPTION + 1),
                FavourStatus::Open,
            ),
            "input.too_long",
            "description",
        ),
        (
            FavourEdit {
                done_at: Some(at(9)),
                ..edit_of(Direction::ByMe, "Intro", FavourStatus::Done)
            },
            "favours.in_future",
            "done_at",
        ),
    ];
    for (bad, code, field) in cases {
        match edit(&mut db, &f.id, &bad, at(5)) {
            Err(Error::Invalid {
                code: c, field: fl, ..
            }) => assert_eq!((c, fl), (code, field)),
            other => panic!("{bad:?} must be refused, got {other:?}"),
        }
    }
    assert_eq!(get(&db, &f.id).unwrap(), f, "nothing half-saved");
    delete(&mut db, &f.id, at(5)).unwrap();
    for id in [f.id.as_str(), "nope"] {
        assert_eq!(
            edit(
                &mut db,
                id,
                &edit_of(Direction::ByMe, "x", FavourStatus::Open),
                at(5)
            )
            .unwrap_err()
            .code(),
            "favours.not_found"
        );
    }
}
