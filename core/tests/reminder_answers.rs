//! The answers each reminder offers, and what each does, with a fixed clock: Got in touch logs
//! an interaction; a conflict is resolved with how, never just "done"; someone else's promise
//! is kept, not kept or asked about again; a late tour meeting is met; and the Review page.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::conflicts::{self, ConflictInput, ConflictStatus};
use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, Kind as Contact};
use allies_core::journal::promises::{self, Owner, PromiseInput, PromiseStatus};
use allies_core::maps::{self, MapInput, Position};
use allies_core::network::groups::{self, GroupInput};
use allies_core::network::insights;
use allies_core::network::tour::{self, StopInput, StopKind, TourInput};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::offers::Offer;
use allies_core::reminders::popup::{self, Button, Place};
use allies_core::reminders::schedule::{Kind, Notice};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::reminders::{self, Answer};
use allies_core::Database;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// A local time in Berlin, where the user lives in these tests.
fn at(mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    BERLIN
        .with_ymd_and_hms(2026, mo, d, h, mi, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn day(mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, mo, d).unwrap()
}

fn settings(weekly_review: bool) -> ReminderSettings {
    ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review,
        ..ReminderSettings::default()
    }
}

fn db_with(weekly_review: bool, since: DateTime<Utc>) -> Database {
    let mut db = Database::open_in_memory().unwrap();
    settings::save(&mut db, &settings(weekly_review), since).unwrap();
    db
}

fn person(db: &mut Database, name: &str, now: DateTime<Utc>) -> String {
    people::add(db, &PersonInput::named(name), now).unwrap().id
}

/// The overdue reminder with this subject, if it is overdue at `now`.
fn overdue(db: &Database, subject: &str, now: DateTime<Utc>) -> Option<reminders::Item> {
    reminders::overview(db, now)
        .unwrap()
        .overdue
        .into_iter()
        .find(|i| i.subject == subject)
}

fn code(result: allies_core::Result<()>) -> &'static str {
    result.unwrap_err().code()
}

#[test]
fn got_in_touch_logs_the_interaction_and_the_keep_in_touch_clock_starts_again() {
    let mut db = db_with(false, at(10, 1, 9, 0));
    let dana = person(&mut db, "Dana Ng", at(10, 1, 9, 0));
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(10, 1, 9, 0))
        .unwrap()
        .id;
    // Manage closely: every 14 days.
    maps::place(
        &mut db,
        &map,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(10, 1, 9, 0),
    )
    .unwrap();
    let subject = reminders::keep_in_touch_subject(&dana);
    let now = at(10, 20, 11, 0);
    let item = overdue(&db, &subject, now).expect("19 days without contact is overdue");
    assert_eq!(item.offers, [Offer::GotInTouch], "no plain Done to offer");
    assert_eq!(insights::going_cold(&db, now).unwrap().len(), 1);

    reminders::answer(
        &mut db,
        &subject,
        &Answer::GotInTouch {
            kind: Contact::Coffee,
            note: "  Talked about the reorg ".into(),
        },
        now,
    )
    .unwrap();

    let timeline = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(timeline.len(), 1, "one interaction logged");
    assert_eq!(
        (
            timeline[0].kind,
            timeline[0].notes.as_str(),
            timeline[0].occurred_at
        ),
        (Contact::Coffee, "Talked about the reorg", now),
        "the kind picked, the note trimmed, now"
    );
    assert!(overdue(&db, &subject, now).is_none(), "no longer due");
    assert!(
        insights::going_cold(&db, now).unwrap().is_empty(),
        "Insights move with it"
    );
    assert_eq!(
        reminders::overview(&db, now).unwrap().done[0].subject,
        subject
    );
    assert!(
        overdue(&db, &subject, at(11, 4, 9, 0)).is_some(),
        "due again 14 days after the coffee"
    );

    // The pop-up's Got in touch logs a message.
    popup::click(
        &mut db,
        Some(&subject),
        Some(&dana),
        Button::GotInTouch,
        at(11, 4, 9, 5),
    )
    .unwrap();
    let timeline = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(timeline[0].kind, popup::POPUP_CONTACT);
    assert_eq!(popup::POPUP_CONTACT, Contact::Message);

    // A note too long is refused, naming the field, and nothing is logged.
    let err = reminders::answer(
        &mut db,
        &subject,
        &Answer::GotInTouch {
            kind: Contact::Meeting,
            note: "x".repeat(interactions::MAX_NOTES + 1),
        },
        at(11, 30, 9, 0),
    )
    .unwrap_err();
    assert_eq!(err.code(), "input.too_long", "{err:?}");
    assert_eq!(interactions::timeline(&db, &dana, 10).unwrap().len(), 2);
}

#[test]
fn a_conflict_is_resolved_with_how_or_snoozed_never_just_done() {
    let mut db = db_with(false, at(11, 1, 9, 0));
    let dana = person(&mut db, "Dana Ng", at(11, 1, 9, 0));
    let c = conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: dana.clone(),
            description: "Disagreed on the migration plan".into(),
            resolve_by: "2026-11-03".into(),
        },
        at(11, 1, 9, 0),
        day(11, 1),
    )
    .unwrap();
    let subject = format!("conflict:{}", c.id);
    let now = at(11, 3, 10, 0);
    assert_eq!(
        overdue(&db, &subject, now).unwrap().offers,
        [Offer::Resolve]
    );

    assert_eq!(
        code(reminders::complete(&mut db, &subject, now)),
        "reminders.answer_does_not_fit",
        "Done does not close a conflict"
    );
    assert_eq!(
        code(popup::click(&mut db, Some(&subject), Some(&dana), Button::Done, now).map(|_| ())),
        "reminders.answer_does_not_fit"
    );
    assert_eq!(
        code(reminders::answer(
            &mut db,
            &subject,
            &Answer::Resolved { how: "  ".into() },
            now
        )),
        "conflicts.resolution_required"
    );
    assert_eq!(
        conflicts::get(&db, &c.id, day(11, 3)).unwrap().status,
        ConflictStatus::Open,
        "still open after every refusal"
    );

    // The pop-up's Resolve opens the Review page at the conflict and changes nothing.
    assert_eq!(
        popup::click(&mut db, Some(&subject), Some(&dana), Button::Resolve, now).unwrap(),
        Some(Place::Review {
            subject: Some(subject.clone())
        })
    );
    // Snooze holds it a day.
    popup::click(&mut db, Some(&subject), Some(&dana), Button::Snooze, now).unwrap();
    assert!(overdue(&db, &subject, now + Duration::hours(1)).is_none());
    assert!(overdue(&db, &subject, now + Duration::days(1)).is_some());

    let later = at(11, 4, 12, 0);
    reminders::answer(
        &mut db,
        &subject,
        &Answer::Resolved {
            how: "Agreed to pilot on one team".into(),
        },
        later,
    )
    .unwrap();
    let resolved = conflicts::get(&db, &c.id, day(11, 4)).unwrap();
    assert_eq!(
        (
            resolved.status,
            resolved.resolution.as_str(),
            resolved.resolved_at
        ),
        (
            ConflictStatus::Resolved,
            "Agreed to pilot on one team",
            Some(later)
        )
    );
    assert!(overdue(&db, &subject, later).is_none());
}

fn promise(db: &mut Database, who: &str, owner: Owner, what: &str, now: DateTime<Utc>) -> String {
    promises::make(
        db,
        &PromiseInput {
            person_id: who.into(),
            owner,
            description: what.into(),
            due_on: "2026-11-05".into(),
        },
        now,
        now.date_naive(),
    )
    .unwrap()
    .id
}

#[test]
fn their_promise_is_kept_not_kept_or_asked_about_again_and_never_done() {
    let t0 = at(11, 1, 9, 0);
    let mut db = db_with(false, t0);
    let omar = person(&mut db, "Omar Haddad", t0);
    let intro = promise(&mut db, &omar, Owner::Theirs, "Intro to the VP", t0);
    let review = promise(&mut db, &omar, Owner::Theirs, "Review my RFC", t0);
    let lunch = promise(&mut db, &omar, Owner::Theirs, "Lunch", t0);
    let deck = promise(&mut db, &omar, Owner::Mine, "Send the deck", t0);
    let now = at(11, 5, 10, 0);
    let subject = |id: &str| format!("promise:{id}");
    assert_eq!(
        overdue(&db, &subject(&intro), now).unwrap().offers,
        [Offer::Kept, Offer::NotKept, Offer::AskAgain]
    );
    assert_eq!(
        overdue(&db, &subject(&deck), now).unwrap().offers,
        [Offer::Done],
        "your own promise keeps Done"
    );

    assert_eq!(
        code(reminders::complete(&mut db, &subject(&intro), now)),
        "reminders.answer_does_not_fit",
        "a Done never marks their promise kept"
    );
    assert_eq!(
        code(reminders::answer(
            &mut db,
            &subject(&deck),
            &Answer::NotKept,
            now
        )),
        "reminders.answer_does_not_fit"
    );
    let status = |db: &Database, id: &str| promises::get(db, id, day(11, 5)).unwrap().status;
    assert_eq!(status(&db, &intro), PromiseStatus::Open);

    reminders::answer(&mut db, &subject(&intro), &Answer::Kept, now).unwrap();
    reminders::answer(&mut db, &subject(&review), &Answer::NotKept, now).unwrap();
    reminders::complete(&mut db, &subject(&deck), now).unwrap();
    assert_eq!(status(&db, &intro), PromiseStatus::Kept);
    assert_eq!(status(&db, &review), PromiseStatus::Dropped, "not kept");
    assert_eq!(status(&db, &deck), PromiseStatus::Kept, "Done keeps yours");

    // Ask again: nothing recorded but a wait until the morning a week later.
    let done_before = reminders::overview(&db, now).unwrap().done.len();
    reminders::answer(&mut db, &subject(&lunch), &Answer::AskAgain, now).unwrap();
    assert_eq!(status(&db, &lunch), PromiseStatus::Open, "still open");
    assert_eq!(
        reminders::overview(&db, now).unwrap().done.len(),
        done_before,
        "nothing marked done"
    );
    assert!(overdue(&db, &subject(&lunch), now).is_none());
    assert!(overdue(&db, &subject(&lunch), at(11, 12, 8, 59)).is_none());
    assert!(
        overdue(&db, &subject(&lunch), at(11, 12, 9, 0)).is_some(),
        "asked again a week later, in the morning"
    );

    // The pop-up of their promise has its three answers.
    let firing = reminders::fire_due(&mut db, at(11, 12, 9, 0)).unwrap();
    let Notice::One(due) = &firing.notices[0] else {
        panic!("one reminder is one pop-up")
    };
    let shown = popup::notification(&firing.notices[0]);
    let keys: Vec<&str> = shown.actions.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(due.subject, subject(&lunch));
    assert_eq!(keys, ["kept", "not_kept", "ask_again", "default"]);
    popup::click(
        &mut db,
        Some(&due.subject),
        Some(&omar),
        Button::NotKept,
        at(11, 12, 9, 1),
    )
    .unwrap();
    assert_eq!(status(&db, &lunch), PromiseStatus::Dropped);
}

#[test]
fn a_tour_meeting_unmet_after_its_week_reminds_until_met() {
    let t0 = at(3, 2, 9, 0);
    let mut db = db_with(false, t0);
    let dana = person(&mut db, "Dana Ng", t0);
    let acme = tour::create(
        &mut db,
        &TourInput {
            title: "New job at Acme".into(),
            start_on: "2026-03-02".into(),
        },
        t0,
    )
    .unwrap();
    let stop = |person: Option<&str>, team: &str, week| StopInput {
        kind: if person.is_some() {
            StopKind::Person
        } else {
            StopKind::Team
        },
        person_id: person.map(str::to_owned),
        new_person: None,
        team: team.into(),
        week,
    };
    let acme = tour::add_stop(&mut db, &acme.id, &stop(Some(&dana), "", 2), t0).unwrap();
    let acme = tour::add_stop(&mut db, &acme.id, &stop(None, "Payments", 3), t0).unwrap();
    let (dana_stop, payments) = (acme.stops[0].id.clone(), acme.stops[1].id.clone());
    let subject = format!("tour_meeting:{dana_stop}");

    // Week 2 is 9–15 March: the reminder comes on the morning of the 16th.
    assert!(overdue(&db, &subject, at(3, 16, 8, 59)).is_none());
    let item = overdue(&db, &subject, at(3, 16, 9, 0)).expect("unmet after week 2");
    assert_eq!(
        (
            item.kind,
            item.title.as_str(),
            item.offers,
            item.person_id.as_deref()
        ),
        (
            Kind::TourMeeting,
            "Meet Dana Ng",
            &[Offer::Met][..],
            Some(dana.as_str())
        )
    );
    assert!(
        item.body.contains("Week 2 of your tour “New job at Acme”"),
        "{}",
        item.body
    );
    let team = overdue(&db, &format!("tour_meeting:{payments}"), at(3, 23, 9, 0)).unwrap();
    assert_eq!(team.title, "Meet the Payments team");

    let now = at(3, 17, 10, 0);
    assert_eq!(
        code(reminders::complete(&mut db, &subject, now)),
        "reminders.answer_does_not_fit"
    );
    reminders::answer(&mut db, &subject, &Answer::Met, now).unwrap();
    let tour = tour::current(&db).unwrap().unwrap();
    assert_eq!(tour.stops[0].met_on, Some(day(3, 17)), "met today");
    assert_eq!(tour.progress.met, 1);
    let logged = interactions::timeline(&db, &dana, 5).unwrap();
    assert_eq!(
        logged[0].kind,
        Contact::OneOnOne,
        "met as any tour meeting: a 1:1"
    );
    assert!(overdue(&db, &subject, now).is_none(), "Met clears it");
    assert!(
        reminders::rules(&db, now, &settings(false))
            .unwrap()
            .iter()
            .all(|r| r.subject != subject),
        "a met meeting has no reminder at all"
    );
}

#[test]
fn went_records_a_group_event_today() {
    let t0 = at(1, 5, 9, 0);
    let mut db = db_with(false, t0);
    let guild = groups::add(
        &mut db,
        &GroupInput {
            name: "Architecture guild".into(),
            note: String::new(),
            category: None,
        },
        t0,
    )
    .unwrap();
    let subject = format!("group:{}", guild.id);
    let now = at(4, 10, 9, 30);
    assert_eq!(overdue(&db, &subject, now).unwrap().offers, [Offer::Went]);
    reminders::answer(&mut db, &subject, &Answer::Went, now).unwrap();
    let went = groups::attendance(&db, &guild.id).unwrap();
    assert_eq!(went.len(), 1);
    assert_eq!(went[0].attended_on, day(4, 10));
    assert!(overdue(&db, &subject, now).is_none());
}

#[test]
fn the_review_page_lists_what_the_weekly_review_counts_and_review_done_answers_it() {
    // Set up on Monday 2 November; the first review is Friday the 6th at 16:00.
    let t0 = at(11, 2, 9, 0);
    let mut db = db_with(true, t0);
    let dana = person(&mut db, "Dana Ng", t0);
    let omar = person(&mut db, "Omar Haddad", t0);
    let map = maps::create(&mut db, &MapInput::named("Promotion"), t0)
        .unwrap()
        .id;
    // Dana: powerful, placed long ago (going cold and unseen); Omar placed this week.
    maps::place(
        &mut db,
        &map,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(8, 1, 9, 0),
    )
    .unwrap();
    maps::place(
        &mut db,
        &map,
        &omar,
        Position::new(0.2, 0.8),
        None,
        at(11, 3, 9, 0),
    )
    .unwrap();
    let favour = favours::record(
        &mut db,
        &FavourInput {
            person_id: omar.clone(),
            direction: Direction::ByThem,
            description: "covered my on-call".into(),
        },
        t0,
    )
    .unwrap();
    favours::set_done(&mut db, &favour.id, true, t0).unwrap();
    let theirs = promise(&mut db, &omar, Owner::Theirs, "Intro to the VP", t0);
    promise(&mut db, &dana, Owner::Mine, "Send the deck", t0);
    conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: omar.clone(),
            description: "The on-call rota".into(),
            resolve_by: String::new(),
        },
        t0,
        day(11, 2),
    )
    .unwrap();

    let now = at(11, 6, 16, 0);
    let page = reminders::review_page(&db, now).unwrap();
    let subjects = |items: &[reminders::Item]| -> Vec<String> {
        items.iter().map(|i| i.subject.clone()).collect()
    };
    assert_eq!(
        subjects(&page.sections.going_cold),
        [reminders::keep_in_touch_subject(&dana)]
    );
    assert_eq!(page.visibility_gap.len(), 1, "Dana: powerful, never seen");
    assert_eq!(
        page.visibility_gap[0].subject,
        reminders::keep_in_touch_subject(&dana),
        "Got in touch closes it"
    );
    assert_eq!(page.sections.thank_yous.len(), 1);
    assert_eq!(
        subjects(&page.sections.promises_theirs),
        [format!("promise:{theirs}")]
    );
    assert_eq!(page.sections.promises_mine.len(), 1);
    assert_eq!(
        page.sections.conflicts.len(),
        1,
        "undated, due after a week, listed"
    );
    assert_eq!(page.maps.len(), 1);
    assert_eq!(page.maps[0].moves.len(), 1, "Omar joined the map this week");
    assert_eq!(page.maps[0].moves[0].name, "Omar Haddad");
    assert_eq!(
        page.review_subject,
        Some(reminders::weekly_review_subject())
    );
    assert_eq!(
        page.summary,
        "Going cold: Dana Ng. 1 person with power not seen in 60 days. 1 thank-you to send. \
         2 promises due by next week (1 yours, 1 theirs). 1 open conflict. \
         1 map changed this week."
    );

    // The pop-up says the same.
    let firing = reminders::fire_due(&mut db, now).unwrap();
    let weekly: Vec<_> = firing
        .notices
        .iter()
        .flat_map(|n| match n {
            Notice::One(d) => vec![d.clone()],
            Notice::Summary(all) => all.clone(),
        })
        .filter(|d| d.kind == Kind::WeeklyReview)
        .collect();
    assert_eq!(weekly.len(), 1);
    assert_eq!(
        weekly[0].body, page.summary,
        "the pop-up summarises the page"
    );
    assert_eq!(
        popup::click(&mut db, Some(&weekly[0].subject), None, Button::Open, now).unwrap(),
        Some(Place::Review { subject: None }),
        "the weekly review opens the Review page"
    );

    // Answers on the page take items off it.
    reminders::answer(
        &mut db,
        &format!("promise:{theirs}"),
        &Answer::AskAgain,
        now,
    )
    .unwrap();
    reminders::answer(
        &mut db,
        &reminders::keep_in_touch_subject(&dana),
        &Answer::GotInTouch {
            kind: Contact::Meeting,
            note: String::new(),
        },
        now,
    )
    .unwrap();
    let page = reminders::review_page(&db, now).unwrap();
    assert!(
        page.sections.promises_theirs.is_empty(),
        "asked again later"
    );
    assert!(page.sections.going_cold.is_empty() && page.visibility_gap.is_empty());

    // Review done answers the weekly review.
    assert!(overdue(&db, &reminders::weekly_review_subject(), now).is_some());
    reminders::complete(&mut db, &reminders::weekly_review_subject(), now).unwrap();
    assert!(overdue(&db, &reminders::weekly_review_subject(), now).is_none());
    assert!(
        overdue(&db, &reminders::weekly_review_subject(), at(11, 13, 16, 0)).is_some(),
        "and it comes back next Friday"
    );
}

#[test]
fn without_a_weekly_review_the_page_still_lists_but_offers_no_review_done() {
    let db = db_with(false, at(11, 2, 9, 0));
    let page = reminders::review_page(&db, at(11, 6, 16, 0)).unwrap();
    assert_eq!(page.review_subject, None);
    assert!(page.summary.starts_with("Your alliances are warm"));
    assert!(page.tour.is_none() && page.maps.is_empty());
}
