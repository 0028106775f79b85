//! Interactions at a fixed clock: logging, editing, the paged timeline, and what each resets.

use super::*;
use crate::people::{self, PersonInput};
use chrono::TimeZone;

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
}

fn setup() -> (Database, String, String) {
    let mut db = Database::open_in_memory().unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1, 9))
        .unwrap()
        .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), at(1, 9))
        .unwrap()
        .id;
    (db, dana, sam)
}

fn input(kind: Kind, people: &[&String], when: Option<DateTime<Utc>>) -> InteractionInput {
    InteractionInput {
        occurred_at: when,
        kind,
        people: people.iter().map(|s| s.to_string()).collect(),
        notes: String::new(),
        follow_up: String::new(),
    }
}

#[test]
fn logged_interactions_show_newest_first_for_each_person() {
    let (mut db, dana, sam) = setup();
    let coffee = InteractionInput {
        notes: "Talked about <on-call> & hiring".into(),
        follow_up: "Send the deck".into(),
        ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
    };
    log(&mut db, &coffee, at(3, 12)).unwrap();
    log(
        &mut db,
        &input(Kind::Meeting, &[&dana, &sam, &dana], Some(at(5, 10))),
        at(5, 12),
    )
    .unwrap();

    let dana_line = timeline(&db, &dana, 50).unwrap();
    assert_eq!(
        dana_line.iter().map(|i| i.kind).collect::<Vec<_>>(),
        [Kind::Meeting, Kind::Coffee]
    );
    let names: Vec<&str> = dana_line[0]
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Dana Ng", "Sam Patel"],
        "a duplicate person is recorded once"
    );
    assert_eq!(dana_line[1].notes, "Talked about <on-call> & hiring");
    assert_eq!(timeline(&db, &sam, 50).unwrap().len(), 1);
    assert_eq!(timeline(&db, &dana, 1).unwrap().len(), 1, "the limit holds");
}

#[test]
fn the_time_defaults_to_now_and_the_future_is_refused() {
    let (mut db, dana, _) = setup();
    let i = log(&mut db, &input(Kind::OneOnOne, &[&dana], None), at(4, 9)).unwrap();
    assert_eq!(i.occurred_at, at(4, 9));
    let err = log(
        &mut db,
        &input(Kind::OneOnOne, &[&dana], Some(at(4, 11))),
        at(4, 9),
    )
    .unwrap_err();
    assert_eq!(err.code(), "interactions.in_future");
    assert!(
        err.to_string().contains("That time is in the future"),
        "{err}"
    );
    assert!(
        !err.to_string().contains("UTC"),
        "the message never shows the user a UTC time: {err}"
    );
    assert_eq!(
        timeline(&db, &dana, 50).unwrap().len(),
        1,
        "nothing half-saved"
    );
}

#[test]
fn nobody_or_an_unknown_person_is_refused_whole() {
    let (mut db, dana, _) = setup();
    assert_eq!(
        log(&mut db, &input(Kind::Email, &[], None), at(4, 9))
            .unwrap_err()
            .code(),
        "interactions.nobody"
    );
    let ghost = "no-such-person".to_string();
    let err = log(
        &mut db,
        &input(Kind::Email, &[&dana, &ghost], None),
        at(4, 9),
    )
    .unwrap_err();
    assert_eq!(err.code(), "people.not_found");
    assert!(
        timeline(&db, &dana, 50).unwrap().is_empty(),
        "not logged for Dana either"
    );
}

#[test]
fn a_deleted_interaction_leaves_the_timeline_and_undo_restores_it() {
    let (mut db, dana, _) = setup();
    let i = log(&mut db, &input(Kind::Coffee, &[&dana], None), at(4, 9)).unwrap();
    delete(&mut db, &i.id, at(4, 10)).unwrap();
    assert!(timeline(&db, &dana, 50).unwrap().is_empty());
    assert_eq!(restore(&mut db, &i.id).unwrap(), i);
    assert_eq!(
        delete(&mut db, "nope", at(4, 11)).unwrap_err().code(),
        "interactions.not_found"
    );
}

#[test]
fn last_contact_is_the_latest_interaction() {
    let (mut db, dana, sam) = setup();
    log(
        &mut db,
        &input(Kind::Coffee, &[&dana], Some(at(2, 9))),
        at(6, 9),
    )
    .unwrap();
    log(
        &mut db,
        &input(Kind::Meeting, &[&dana], Some(at(5, 9))),
        at(6, 9),
    )
    .unwrap();
    let people = people::list(&db, "").unwrap();
    let dana_row = people.iter().find(|p| p.id == dana).unwrap();
    let sam_row = people.iter().find(|p| p.id == sam).unwrap();
    assert_eq!(dana_row.last_contact, Some(at(5, 9)));
    assert_eq!(sam_row.last_contact, None);
}

#[test]
fn an_edit_changes_every_field_and_the_people_in_one_go() {
    let (mut db, dana, sam) = setup();
    let first = InteractionInput {
        notes: "Old notes".into(),
        follow_up: "Old follow-up".into(),
        ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
    };
    let i = log(&mut db, &first, at(3, 12)).unwrap();
    let changed = InteractionInput {
        notes: "New notes".into(),
        follow_up: "  Send the deck  ".into(),
        ..input(Kind::Meeting, &[&sam, &sam], Some(at(2, 8)))
    };
    let edited = edit(&mut db, &i.id, &changed, at(4, 9)).unwrap();
    assert_eq!(
        (
            edited.occurred_at,
            edited.kind,
            edited.notes.as_str(),
            edited.follow_up.as_str()
        ),
        (at(2, 8), Kind::Meeting, "New notes", "Send the deck"),
        "the follow-up is trimmed as when it was logged"
    );
    assert_eq!(
        edited
            .people
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        [sam.as_str()],
        "Dana left it, Sam joined it once"
    );
    assert!(timeline(&db, &dana, 50).unwrap().is_empty());
    assert_eq!(
        timeline(&db, &sam, 50).unwrap(),
        std::slice::from_ref(&edited)
    );
    let kept_time = edit(
        &mut db,
        &i.id,
        &input(Kind::Email, &[&sam, &dana], None),
        at(4, 9),
    )
    .unwrap();
    assert_eq!(
        kept_time.occurred_at,
        at(2, 8),
        "no time given keeps the time it had, not now"
    );
    assert_eq!(kept_time.people.len(), 2);
}

#[test]
fn an_edit_is_checked_as_a_new_interaction_and_refused_whole() {
    let (mut db, dana, _) = setup();
    let original = InteractionInput {
        notes: "Kept".into(),
        ..input(Kind::Coffee, &[&dana], Some(at(3, 10)))
    };
    let i = log(&mut db, &original, at(3, 12)).unwrap();
    let ghost = "no-such-person".to_string();
    let cases = [
        (
            input(Kind::Email, &[], None),
            "interactions.nobody",
            Some("people"),
        ),
        (
            input(Kind::Email, &[&dana], Some(at(5, 10))),
            "interactions.in_future",
            Some("occurred_at"),
        ),
        (
            InteractionInput {
                notes: "x".repeat(MAX_NOTES + 1),
                ..input(Kind::Email, &[&dana], None)
            },
            "input.too_long",
            Some("notes"),
        ),
        (
            InteractionInput {
                follow_up: "x".repeat(MAX_FOLLOW_UP + 1),
                ..input(Kind::Email, &[&dana], None)
            },
            "input.too_long",
            Some("follow_up"),
        ),
        (
            input(Kind::Email, &[&dana, &ghost], None),
            "people.not_found",
            None,
        ),
    ];
    for (bad, code, field) in cases {
        let err = edit(&mut db, &i.id, &bad, at(4, 9)).unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(
            crate::WireError::from(err).field.as_deref(),
            field,
            "the message goes next to the field, as at creation"
        );
    }
    assert_eq!(get(&db, &i.id).unwrap(), i, "nothing half-saved");
}

#[test]
fn editing_an_unknown_or_deleted_interaction_is_not_found() {
    let (mut db, dana, _) = setup();
    let i = log(&mut db, &input(Kind::Coffee, &[&dana], None), at(3, 9)).unwrap();
    delete(&mut db, &i.id, at(3, 10)).unwrap();
    let change = input(Kind::Meeting, &[&dana], None);
    for id in [i.id.as_str(), "nope"] {
        assert_eq!(
            edit(&mut db, id, &change, at(4, 9)).unwrap_err().code(),
            "interactions.not_found"
        );
    }
    assert_eq!(restore(&mut db, &i.id).unwrap().kind, Kind::Coffee);
}

#[test]
fn a_person_deleted_since_keeps_their_place_in_an_edited_interaction() {
    let (mut db, dana, sam) = setup();
    let i = log(
        &mut db,
        &input(Kind::Meeting, &[&dana, &sam], Some(at(2, 9))),
        at(3, 9),
    )
    .unwrap();
    people::delete(&mut db, &sam, at(3, 10)).unwrap();
    edit(
        &mut db,
        &i.id,
        &input(Kind::Event, &[&dana], None),
        at(3, 11),
    )
    .unwrap();
    people::restore(&mut db, &sam).unwrap();
    assert_eq!(
        get(&db, &i.id).unwrap().people.len(),
        2,
        "Sam comes back into the meeting with his undo"
    );
}

#[test]
fn the_timeline_pages_through_everything_by_cursor() {
    let (mut db, dana, _) = setup();
    // 450 interactions, several at the very same minute, so the id breaks ties.
    let start = at(1, 0);
    for n in 0..450i64 {
        let when = start + Duration::minutes(n / 3);
        log(
            &mut db,
            &input(Kind::Message, &[&dana], Some(when)),
            at(28, 0),
        )
        .unwrap();
    }
    let mut seen: Vec<Interaction> = Vec::new();
    let mut cursor = None;
    let mut pages = 0;
    loop {
        let page = timeline_page(&db, &dana, cursor.as_ref(), 200).unwrap();
        assert!(page.interactions.len() <= 200);
        seen.extend(page.interactions);
        pages += 1;
        match page.older {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3, "200 + 200 + 50");
    assert_eq!(seen.len(), 450, "every interaction shows once");
    let mut ids: Vec<&str> = seen.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 450, "no interaction shows twice across pages");
    assert!(
        seen.windows(2)
            .all(|w| (w[0].occurred_at, &w[0].id) > (w[1].occurred_at, &w[1].id)),
        "newest first, across page ends too"
    );
    let exact = timeline_page(&db, &dana, None, 450).unwrap();
    assert_eq!(
        exact.older, None,
        "a page that ends with the last one says there is nothing older"
    );
}
