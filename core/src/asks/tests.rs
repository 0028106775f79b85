//! Asks, forums and thank-you follow-ups at a fixed clock (Berlin, where the user lives here).

use chrono::{DateTime, TimeZone, Utc};

use super::coverage::{forums_covered, gaps, map_support};
use super::forums::{self, ForumInput};
use super::*;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions;
use crate::maps::{self, MapInput};
use crate::people::{self, PersonInput};
use crate::reminders::offers::Offer;
use crate::reminders::schedule::Kind;
use crate::reminders::settings::{self, ReminderSettings};
use crate::reminders::{self, Answer};

fn at(mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Berlin
        .with_ymd_and_hms(2026, mo, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn world() -> (Database, String, String) {
    let mut db = Database::open_in_memory().unwrap();
    let s = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    };
    settings::save(&mut db, &s, at(10, 1, 8)).unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana"), at(10, 1, 8))
        .unwrap()
        .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam"), at(10, 1, 8))
        .unwrap()
        .id;
    (db, dana, sam)
}

fn ask(person: &str, kind: AskKind, map: Option<&str>, forum: Option<&str>) -> AskInput {
    AskInput {
        person_id: person.into(),
        kind,
        map_id: map.map(str::to_owned),
        forum_id: forum.map(str::to_owned),
        what: "Speak for my promotion".into(),
    }
}

fn due(db: &Database, subject: &str, now: DateTime<Utc>) -> Option<reminders::Item> {
    reminders::overview(db, now)
        .unwrap()
        .overdue
        .into_iter()
        .find(|i| i.subject == subject)
}

#[test]
fn an_ask_moves_through_its_states_and_keeps_the_date_of_each_step() {
    let (mut db, dana, _) = world();
    let a = add(
        &mut db,
        &ask(&dana, AskKind::Sponsorship, None, None),
        at(10, 2, 9),
    )
    .unwrap();
    assert_eq!(
        (a.status, a.approached_at, a.asked_at, a.answered_at),
        (AskStatus::Approached, at(10, 2, 9), None, None),
        "a new ask is approached, dated now"
    );
    let asked = move_to(&mut db, &a.id, AskStatus::Asked, at(10, 5, 9)).unwrap();
    assert_eq!(
        (asked.asked_at, asked.answer_due),
        (Some(at(10, 5, 9)), Some(at(10, 19, 9)))
    );
    let agreed = move_to(&mut db, &a.id, AskStatus::Agreed, at(10, 8, 9)).unwrap();
    assert_eq!(
        (
            agreed.approached_at,
            agreed.asked_at,
            agreed.answered_at,
            agreed.answer_due
        ),
        (at(10, 2, 9), Some(at(10, 5, 9)), Some(at(10, 8, 9)), None),
        "every step keeps its day; an answered ask waits for nothing"
    );
    let declined = move_to(&mut db, &a.id, AskStatus::Declined, at(10, 9, 9)).unwrap();
    assert_eq!(
        declined.answered_at,
        Some(at(10, 9, 9)),
        "a changed answer is dated again"
    );
    let back = move_to(&mut db, &a.id, AskStatus::Approached, at(10, 10, 9)).unwrap();
    assert_eq!(
        (back.asked_at, back.answered_at),
        (None, None),
        "going back forgets later steps"
    );

    let answered_directly = add(
        &mut db,
        &ask(&dana, AskKind::Advice, None, None),
        at(10, 3, 9),
    )
    .unwrap();
    let yes = move_to(
        &mut db,
        &answered_directly.id,
        AskStatus::Agreed,
        at(10, 4, 9),
    )
    .unwrap();
    assert_eq!(
        yes.asked_at,
        Some(at(10, 4, 9)),
        "an answer implies it was asked"
    );
}

#[test]
fn bad_asks_are_refused_with_the_field_named() {
    let (mut db, dana, _) = world();
    let forum = forums::add(
        &mut db,
        &ForumInput {
            name: "Panel".into(),
            ..ForumInput::default()
        },
        at(10, 2, 9),
    )
    .unwrap();
    let err = add(
        &mut db,
        &ask(&dana, AskKind::Advice, None, Some(&forum.id)),
        at(10, 2, 9),
    )
    .unwrap_err();
    assert_eq!(err.code(), "asks.forum_not_advocate");
    assert_eq!(
        add(
            &mut db,
            &ask("ghost", AskKind::Advice, None, None),
            at(10, 2, 9)
        )
        .unwrap_err()
        .code(),
        "people.not_found"
    );
    assert_eq!(
        add(
            &mut db,
            &ask(&dana, AskKind::Advice, Some("nope"), None),
            at(10, 2, 9)
        )
        .unwrap_err()
        .code(),
        "maps.not_found"
    );
    assert_eq!(
        forums::add(
            &mut db,
            &ForumInput {
                name: "  ".into(),
                ..ForumInput::default()
            },
            at(10, 2, 9)
        )
        .unwrap_err()
        .code(),
        "forums.name_required"
    );
    assert!(list(&db).unwrap().is_empty(), "nothing half-saved");
    assert_eq!(
        move_to(&mut db, "nope", AskStatus::Asked, at(10, 2, 9))
            .unwrap_err()
            .code(),
        "asks.not_found"
    );
}

#[test]
fn an_ask_with_no_answer_two_weeks_after_it_was_asked_reminds_and_is_answered_there() {
    let (mut db, dana, _) = world();
    let a = add(
        &mut db,
        &ask(&dana, AskKind::Feedback, None, None),
        at(10, 2, 9),
    )
    .unwrap();
    let subject = format!("ask:{}", a.id);
    move_to(&mut db, &a.id, AskStatus::Asked, at(10, 5, 15)).unwrap();
    assert!(
        due(&db, &subject, at(10, 19, 8)).is_none(),
        "not before the morning two weeks on"
    );
    let item = due(&db, &subject, at(10, 19, 9)).expect("due the morning 14 days after asking");
    assert_eq!(
        (item.kind, item.title.as_str()),
        (Kind::Ask, "No answer yet from Dana")
    );
    assert_eq!(item.offers, [Offer::Agreed, Offer::Declined, Offer::Done]);
    let review = reminders::review_page(&db, at(10, 19, 10)).unwrap();
    assert_eq!(
        review.sections.asks_unanswered.len(),
        1,
        "the Review page lists it"
    );

    reminders::answer(&mut db, &subject, &Answer::Agreed, at(10, 20, 9)).unwrap();
    let answered = get(&db, &a.id).unwrap();
    assert_eq!(
        (answered.status, answered.answered_at),
        (AskStatus::Agreed, Some(at(10, 20, 9)))
    );
    assert!(
        due(&db, &subject, at(10, 21, 9)).is_none(),
        "an answered ask stops reminding"
    );
    assert_eq!(
        reminders::review_page(&db, at(10, 21, 9))
            .unwrap()
            .agreed_asks
            .len(),
        1
    );
}

#[test]
fn an_approached_ask_never_reminds_and_other_answers_do_not_fit() {
    let (mut db, dana, _) = world();
    let a = add(
        &mut db,
        &ask(&dana, AskKind::Advice, None, None),
        at(10, 2, 9),
    )
    .unwrap();
    assert!(
        due(&db, &format!("ask:{}", a.id), at(11, 30, 9)).is_none(),
        "only an asked ask waits for an answer"
    );
    move_to(&mut db, &a.id, AskStatus::Asked, at(10, 2, 9)).unwrap();
    let err = reminders::answer(
        &mut db,
        &format!("ask:{}", a.id),
        &Answer::Kept,
        at(10, 17, 9),
    )
    .unwrap_err();
    assert_eq!(err.code(), "reminders.answer_does_not_fit");
}

#[test]
fn a_forum_without_an_advocate_is_a_gap_until_someone_on_it_agrees() {
    let (mut db, dana, sam) = world();
    let promo = maps::create(&mut db, &MapInput::named("Promotion"), at(10, 1, 9))
        .unwrap()
        .id;
    let panel = forums::add(
        &mut db,
        &ForumInput {
            name: "Promotion panel".into(),
            decides: "Levels".into(),
            map_id: Some(promo.clone()),
            members: vec![dana.clone(), sam.clone(), dana.clone()],
        },
        at(10, 2, 9),
    )
    .unwrap();
    assert_eq!(panel.members.len(), 2, "each member once");
    let staff = forums::add(
        &mut db,
        &ForumInput {
            name: "Staff meeting".into(),
            members: vec![sam.clone()],
            ..ForumInput::default()
        },
        at(10, 2, 9),
    )
    .unwrap();
    let names =
        |v: Vec<coverage::ForumCover>| v.into_iter().map(|f| f.forum.name).collect::<Vec<_>>();
    assert_eq!(
        names(gaps(&db).unwrap()),
        ["Promotion panel", "Staff meeting"]
    );

    // Sam agreed to advocate, but at the staff meeting: the panel is still a gap for the goal.
    let to_staff = add(
        &mut db,
        &ask(&sam, AskKind::Advocate, None, Some(&staff.id)),
        at(10, 3, 9),
    )
    .unwrap();
    assert_eq!(
        names(gaps(&db).unwrap()),
        ["Promotion panel", "Staff meeting"],
        "asked is not agreed"
    );
    move_to(&mut db, &to_staff.id, AskStatus::Agreed, at(10, 4, 9)).unwrap();
    assert_eq!(names(gaps(&db).unwrap()), ["Promotion panel"]);

    // Dana, on the panel, agrees to sponsor the goal: any agreed ask for the goal counts.
    let dana_ask = add(
        &mut db,
        &ask(&dana, AskKind::Sponsorship, Some(&promo), None),
        at(10, 5, 9),
    )
    .unwrap();
    move_to(&mut db, &dana_ask.id, AskStatus::Declined, at(10, 6, 9)).unwrap();
    assert_eq!(
        names(gaps(&db).unwrap()),
        ["Promotion panel"],
        "a declined ask closes nothing"
    );
    move_to(&mut db, &dana_ask.id, AskStatus::Agreed, at(10, 7, 9)).unwrap();
    assert!(gaps(&db).unwrap().is_empty());
    let covered = forums_covered(&db).unwrap();
    assert_eq!(
        covered[0]
            .advocates
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["Dana"]
    );

    let support = map_support(&db, &promo).unwrap();
    assert_eq!(
        names(support.forums.clone()),
        ["Promotion panel", "Staff meeting"],
        "a forum with no map decides on every goal"
    );
    assert_eq!(
        support.agreed.len(),
        1,
        "the goal's agreed asks, for the map cards"
    );
    assert!(support.forums.iter().all(|f| !f.gap));

    // Dana leaves the panel: the gap is back.
    forums::edit(
        &mut db,
        &panel.id,
        &ForumInput {
            name: "Promotion panel".into(),
            map_id: Some(promo.clone()),
            members: vec![sam.clone()],
            ..ForumInput::default()
        },
        at(10, 8, 9),
    )
    .unwrap();
    assert_eq!(names(gaps(&db).unwrap()), ["Promotion panel"]);
    assert_eq!(
        reminders::review_page(&db, at(10, 8, 10))
            .unwrap()
            .forum_gaps
            .len(),
        1,
        "the Review page names the gap"
    );
}

#[test]
fn a_thank_you_keeps_its_impact_and_three_weeks_later_offers_to_tell_them_how_it_turned_out() {
    let (mut db, dana, _) = world();
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByThem,
            description: "Intro to the VP".into(),
        },
        at(10, 1, 9),
    )
    .unwrap();
    favours::set_done(&mut db, &f.id, true, at(10, 2, 9)).unwrap();
    let thanked = favours::thank_with_impact(
        &mut db,
        &f.id,
        "Coffee",
        " Got me on the platform team ",
        at(10, 3, 15),
    )
    .unwrap();
    assert_eq!(thanked.impact, "Got me on the platform team");
    let subject = format!("impact_follow_up:{}", f.id);
    assert!(
        due(&db, &subject, at(10, 24, 8)).is_none(),
        "not before 21 days"
    );
    let item = due(&db, &subject, at(10, 24, 9)).expect("the morning 21 days after thanking");
    assert_eq!(
        (item.kind, item.title.as_str()),
        (Kind::ImpactFollowUp, "Tell Dana how it turned out")
    );
    assert_eq!(item.offers, [Offer::GotInTouch]);
    assert_eq!(
        reminders::review_page(&db, at(10, 24, 9))
            .unwrap()
            .sections
            .impact_follow_ups
            .len(),
        1
    );

    reminders::answer(
        &mut db,
        &subject,
        &Answer::GotInTouch {
            kind: interactions::Kind::Message,
            note: "Told her".into(),
        },
        at(10, 24, 10),
    )
    .unwrap();
    assert!(
        due(&db, &subject, at(10, 25, 10)).is_none(),
        "answered, it does not come back"
    );
    let logged = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(logged.len(), 1, "the answer is logged as an interaction");
}

#[test]
fn a_follow_up_can_be_dismissed_and_old_thank_yous_bring_none() {
    let (mut db, dana, _) = world();
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana.clone(),
            direction: Direction::ByThem,
            description: "Review".into(),
        },
        at(10, 1, 9),
    )
    .unwrap();
    favours::set_done(&mut db, &f.id, true, at(10, 1, 9)).unwrap();
    favours::thank(&mut db, &f.id, "Note", at(10, 1, 10)).unwrap();
    let subject = format!("impact_follow_up:{}", f.id);
    assert!(due(&db, &subject, at(10, 22, 9)).is_some());
    reminders::dismiss(&mut db, &subject, at(10, 22, 10)).unwrap();
    assert!(due(&db, &subject, at(10, 23, 9)).is_none(), "dismissed");

    // A thank-you from before this version (follow_up unset) asks for nothing.
    let old = favours::record(
        &mut db,
        &FavourInput {
            person_id: dana,
            direction: Direction::ByThem,
            description: "Old".into(),
        },
        at(10, 1, 9),
    )
    .unwrap();
    favours::set_done(&mut db, &old.id, true, at(10, 1, 9)).unwrap();
    favours::thank(&mut db, &old.id, "Note", at(10, 1, 10)).unwrap();
    db.conn()
        .execute("UPDATE favours SET follow_up = 0 WHERE id = ?1", [&old.id])
        .unwrap();
    assert!(due(&db, &format!("impact_follow_up:{}", old.id), at(11, 30, 9)).is_none());
}

#[test]
fn asks_are_searchable_and_a_deleted_person_takes_their_asks_out_of_view() {
    let (mut db, dana, _) = world();
    add(
        &mut db,
        &AskInput {
            what: "Kubernetes guild intro".into(),
            ..ask(&dana, AskKind::Introduction, None, None)
        },
        at(10, 2, 9),
    )
    .unwrap();
    let hits = crate::search::search(&db, "guild").unwrap();
    assert_eq!(hits.asks.len(), 1, "an ask's text is found");
    assert_eq!(hits.asks[0].person_name, "Dana");
    people::delete(&mut db, &dana, at(10, 3, 9)).unwrap();
    assert!(list(&db).unwrap().is_empty());
    assert!(crate::search::search(&db, "guild").unwrap().asks.is_empty());
}

#[test]
fn deleting_a_person_permanently_takes_their_asks_and_seats_and_leaves_the_forum() {
    let (mut db, dana, sam) = world();
    let forum = forums::add(
        &mut db,
        &ForumInput {
            name: "Panel".into(),
            members: vec![dana.clone(), sam.clone()],
            ..ForumInput::default()
        },
        at(10, 2, 9),
    )
    .unwrap();
    add(
        &mut db,
        &ask(&dana, AskKind::Advocate, None, Some(&forum.id)),
        at(10, 2, 9),
    )
    .unwrap();
    people::delete(&mut db, &dana, at(10, 3, 9)).unwrap();
    crate::purge::delete_person(&mut db, &dana).unwrap();
    let left: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM asks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "their asks are gone for good");
    let panel = forums::get(&db, &forum.id).unwrap();
    assert_eq!(
        panel
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["Sam"],
        "the forum stays, without them"
    );
}
