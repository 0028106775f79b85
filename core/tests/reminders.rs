//! Reminders drawn from the database, fired once, and what Done, Snooze and Dismiss do.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind as Met};
use allies_core::journal::promises::{self, Owner, PromiseInput, PromiseStatus};
use allies_core::maps::{self, MapInput, Position};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::schedule::{Kind, Notice};
use allies_core::reminders::settings::{self, ReminderSettings, ThankYouTiming};
use allies_core::reminders::{self, CheckInInput, Recurrence, ReminderInput};
use allies_core::{journal::conflicts, journal::profiles, Database, Error};
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

fn settings() -> ReminderSettings {
    ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    }
}

fn db_with(settings: &ReminderSettings, since: DateTime<Utc>) -> Database {
    let mut db = Database::open_in_memory().unwrap();
    settings::save(&mut db, settings, since).unwrap();
    db
}

fn person(db: &mut Database, name: &str, now: DateTime<Utc>) -> String {
    people::add(db, &PersonInput::named(name), now).unwrap().id
}

/// The titles of what fires at `now`, one entry per pop-up (a summary lists its titles).
fn fire(db: &mut Database, now: DateTime<Utc>) -> Vec<String> {
    reminders::fire_due(db, now)
        .unwrap()
        .notices
        .iter()
        .map(|n| match n {
            Notice::One(d) => d.title.clone(),
            Notice::Summary(all) => format!("{} together", all.len()),
        })
        .collect()
}

fn received_favour(db: &mut Database, who: &str, what: &str, now: DateTime<Utc>) -> String {
    favours::record(
        db,
        &FavourInput {
            person_id: who.into(),
            direction: Direction::ByThem,
            description: what.into(),
        },
        now,
    )
    .unwrap()
    .id
}

#[test]
fn a_favour_marked_done_asks_for_a_thank_you_daily_until_thanked() {
    let mut db = db_with(&settings(), at(11, 1, 9, 0));
    let omar = person(&mut db, "Omar Haddad", at(11, 1, 9, 0));
    let intro = received_favour(&mut db, &omar, "the intro to the VP", at(11, 2, 9, 0));
    assert!(
        fire(&mut db, at(11, 3, 10, 0)).is_empty(),
        "an open favour needs no thanks yet"
    );

    favours::set_done(&mut db, &intro, true, at(11, 3, 10, 0)).unwrap();
    let firing = reminders::fire_due(&mut db, at(11, 3, 10, 0)).unwrap();
    let [Notice::One(due)] = firing.notices.as_slice() else {
        panic!("one pop-up, got {:?}", firing.notices);
    };
    assert_eq!(due.title, "Thank Omar Haddad");
    assert!(due.body.contains("the intro to the VP"), "{}", due.body);
    assert_eq!(due.person_id.as_deref(), Some(omar.as_str()));
    let popup = reminders::notification(&firing.notices[0]);
    assert_eq!(
        popup
            .actions
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        ["done", "snooze", "default"]
    );
    assert_eq!(
        firing.next_wake,
        Some(at(11, 4, 10, 0)),
        "it comes back tomorrow"
    );

    assert!(fire(&mut db, at(11, 3, 10, 1)).is_empty(), "shown once");
    assert_eq!(
        fire(&mut db, at(11, 4, 10, 0)),
        ["Thank Omar Haddad"],
        "and again the next day"
    );

    let subject = reminders::thank_you_subject(&intro);
    reminders::complete(&mut db, &subject, at(11, 4, 11, 0)).unwrap();
    let favour = favours::get(&db, &intro).unwrap();
    assert_eq!(
        favour.thanked_at,
        Some(at(11, 4, 11, 0)),
        "Done records the thank-you"
    );
    assert!(
        fire(&mut db, at(11, 5, 10, 0)).is_empty(),
        "thanked: no more reminders"
    );
    let overview = reminders::overview(&db, at(11, 5, 10, 0)).unwrap();
    assert_eq!(overview.done.len(), 1);
    assert_eq!(overview.done[0].title, "Thank Omar Haddad");
    assert!(matches!(
        reminders::complete(&mut db, &subject, at(11, 5, 10, 0)),
        Err(Error::ReminderNotFound { .. })
    ));
}

#[test]
fn a_thank_you_can_wait_for_the_next_morning_or_some_days_and_can_be_dismissed() {
    let next_morning = ReminderSettings {
        thank_you: ThankYouTiming::NextMorning,
        ..settings()
    };
    let mut db = db_with(&next_morning, at(11, 1, 9, 0));
    let dana = person(&mut db, "Dana Ng", at(11, 1, 9, 0));
    let review = received_favour(&mut db, &dana, "reviewed my design", at(11, 2, 9, 0));
    favours::set_done(&mut db, &review, true, at(11, 2, 17, 0)).unwrap();
    assert!(fire(&mut db, at(11, 2, 17, 0)).is_empty());
    assert_eq!(fire(&mut db, at(11, 3, 9, 0)), ["Thank Dana Ng"]);

    let in_three = ReminderSettings {
        thank_you: ThankYouTiming::InDays,
        thank_you_days: 3,
        ..settings()
    };
    settings::save(&mut db, &in_three, at(11, 3, 9, 5)).unwrap();
    let overview = reminders::overview(&db, at(11, 3, 9, 5)).unwrap();
    assert!(overview.overdue.is_empty());
    assert_eq!(
        overview.upcoming[0].due,
        at(11, 5, 9, 0),
        "three days after it was done"
    );

    let subject = reminders::thank_you_subject(&review);
    reminders::dismiss(&mut db, &subject, at(11, 3, 9, 6)).unwrap();
    assert!(
        fire(&mut db, at(11, 9, 9, 0)).is_empty(),
        "dismissed for good"
    );
    assert!(
        favours::get(&db, &review).unwrap().thanks_due,
        "the ledger still shows it"
    );
    reminders::undismiss(&mut db, &subject, at(11, 9, 9, 1)).unwrap();
    assert_eq!(fire(&mut db, at(11, 9, 9, 2)), ["Thank Dana Ng"]);
}

#[test]
fn keep_in_touch_follows_the_quadrant_an_override_and_resets_on_contact() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(11, 1, 8, 0))
        .unwrap()
        .id;
    let dana = person(&mut db, "Dana Ng", at(11, 1, 8, 0));
    let sam = person(&mut db, "Sam Patel", at(11, 1, 8, 0));
    let kim = person(&mut db, "Kim Lee", at(11, 1, 8, 0));
    person(&mut db, "Nobody Mapped", at(11, 1, 8, 0));
    maps::place(
        &mut db,
        &map,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(11, 1, 8, 0),
    )
    .unwrap();
    maps::place(
        &mut db,
        &map,
        &sam,
        Position::new(0.1, 0.1),
        None,
        at(11, 1, 8, 0),
    )
    .unwrap();
    maps::place(
        &mut db,
        &map,
        &kim,
        Position::new(0.9, 0.1),
        None,
        at(11, 1, 8, 0),
    )
    .unwrap();

    let upcoming = reminders::overview(&db, at(11, 1, 8, 0)).unwrap().upcoming;
    let due_of = |name: &str| {
        upcoming
            .iter()
            .find(|i| i.title == format!("Keep in touch with {name}"))
            .map(|i| i.due)
    };
    assert_eq!(
        due_of("Dana Ng"),
        Some(at(11, 15, 9, 0)),
        "Manage closely: every 2 weeks"
    );
    assert_eq!(
        due_of("Sam Patel"),
        None,
        "Monitor: quarterly, beyond the next two weeks"
    );
    assert_eq!(due_of("Nobody Mapped"), None, "no map, no cadence");

    let rules = reminders::rules(&db, at(11, 1, 8, 0), &settings()).unwrap();
    let first_due = |id: &str| {
        rules
            .iter()
            .find(|r| r.subject == reminders::keep_in_touch_subject(id))
            .map(|r| r.first_due)
    };
    assert_eq!(
        first_due(&sam),
        Some(at(1, 31, 9, 0) + Duration::days(365)),
        "91 days"
    );
    assert_eq!(
        first_due(&kim),
        Some(at(12, 1, 9, 0)),
        "Keep satisfied: monthly"
    );

    // A coffee on the 10th restarts Dana's clock.
    interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(at(11, 10, 15, 0)),
            kind: Met::Coffee,
            people: vec![dana.clone()],
            notes: String::new(),
            follow_up: String::new(),
        },
        at(11, 10, 16, 0),
    )
    .unwrap();
    assert!(fire(&mut db, at(11, 15, 9, 0)).is_empty());
    assert_eq!(
        fire(&mut db, at(11, 24, 9, 0)),
        ["Keep in touch with Dana Ng"]
    );

    // Her own cadence wins over the map's; Done restarts the clock without a made-up contact.
    let mut profile = profiles::get(&db, &dana).unwrap();
    profile.cadence_days = Some(7);
    profiles::save(&mut db, &dana, &profile, at(11, 24, 10, 0)).unwrap();
    reminders::complete(
        &mut db,
        &reminders::keep_in_touch_subject(&dana),
        at(11, 24, 10, 0),
    )
    .unwrap();
    assert!(fire(&mut db, at(11, 30, 9, 0)).is_empty());
    assert_eq!(
        fire(&mut db, at(12, 1, 9, 0)).len(),
        2,
        "Dana a week after Done, and Kim a month after joining the map"
    );

    maps::set_archived(&mut db, &map, true, at(12, 1, 10, 0)).unwrap();
    let rules = reminders::rules(&db, at(12, 1, 10, 0), &settings()).unwrap();
    assert!(
        first_due_of(&rules, &kim).is_none(),
        "an archived map suggests nothing"
    );
    assert!(
        first_due_of(&rules, &dana).is_some(),
        "her own cadence stays"
    );
}

fn first_due_of(
    rules: &[allies_core::reminders::schedule::Rule],
    person: &str,
) -> Option<DateTime<Utc>> {
    rules
        .iter()
        .find(|r| r.subject == reminders::keep_in_touch_subject(person))
        .map(|r| r.first_due)
}

#[test]
fn promises_conflicts_and_check_ins_fall_due_in_the_morning_of_their_day() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let dana = person(&mut db, "Dana Ng", at(11, 1, 8, 0));
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let deck = promises::make(
        &mut db,
        &PromiseInput {
            person_id: dana.clone(),
            owner: Owner::Mine,
            description: "the Q3 deck".into(),
            due_on: "2026-11-06".into(),
        },
        at(11, 1, 8, 0),
        today,
    )
    .unwrap();
    conflicts::open(
        &mut db,
        &conflicts::ConflictInput {
            person_id: dana.clone(),
            description: "Disagreed on the launch date".into(),
            resolve_by: "2026-11-04".into(),
        },
        at(11, 1, 8, 0),
        today,
    )
    .unwrap();
    reminders::add_check_in(
        &mut db,
        &CheckInInput {
            label: "New job at Acme".into(),
            start_on: "2026-10-05".into(),
            person_id: None,
        },
        at(11, 1, 8, 0),
    )
    .unwrap();
    let err = reminders::add_check_in(
        &mut db,
        &CheckInInput {
            label: "x".into(),
            start_on: "2026-02-30".into(),
            person_id: None,
        },
        at(11, 1, 8, 0),
    )
    .unwrap_err();
    assert_eq!(err.code(), "check_ins.bad_date");

    assert!(fire(&mut db, at(11, 4, 8, 59)).is_empty());
    assert_eq!(
        fire(&mut db, at(11, 4, 9, 0)),
        [
            "30-day check-in: New job at Acme",
            "Resolve the tension with Dana Ng"
        ]
    );
    assert_eq!(fire(&mut db, at(11, 6, 9, 0)), ["Promise to Dana Ng due"]);
    reminders::complete(&mut db, &format!("promise:{}", deck.id), at(11, 6, 9, 30)).unwrap();
    assert_eq!(
        promises::get(&db, &deck.id, today).unwrap().status,
        PromiseStatus::Kept,
        "Done from the reminder keeps the promise"
    );
    assert_eq!(
        fire(&mut db, at(12, 4, 9, 0)),
        ["60-day check-in: New job at Acme"]
    );
}

#[test]
fn promises_and_conflicts_without_a_date_are_asked_about_a_week_after_they_were_written() {
    // Written late in the evening in Berlin: the week counts from that local day.
    let written = at(11, 1, 23, 30);
    let mut db = db_with(&settings(), written);
    let sol = person(&mut db, "Sol Reyes", written);
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    promises::make(
        &mut db,
        &PromiseInput {
            person_id: sol.clone(),
            owner: Owner::Theirs,
            description: "an intro to the platform lead".into(),
            due_on: String::new(),
        },
        written,
        today,
    )
    .unwrap();
    conflicts::open(
        &mut db,
        &conflicts::ConflictInput {
            person_id: sol.clone(),
            description: "Disagreed on the on-call rota".into(),
            resolve_by: String::new(),
        },
        written,
        today,
    )
    .unwrap();

    assert!(
        fire(&mut db, at(11, 8, 8, 59)).is_empty(),
        "nothing before the morning of the seventh day"
    );
    assert_eq!(
        fire(&mut db, at(11, 8, 9, 0)),
        [
            "Resolve the tension with Sol Reyes",
            "Check on Sol Reyes’s promise"
        ],
        "both on the morning a week after the day they were written"
    );
    let overview = reminders::overview(&db, at(11, 8, 9, 1)).unwrap();
    let bodies: Vec<&str> = overview.overdue.iter().map(|i| i.body.as_str()).collect();
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("No date was set, so Allies asks after 7 days.")),
        "the promise says why it came now: {bodies:?}"
    );
    assert!(
        bodies.iter().any(|b| b.contains("It has been open 7 days")),
        "the conflict too: {bodies:?}"
    );
}

#[test]
fn reminders_the_user_writes_are_checked_repeat_and_come_back_when_edited() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let input = |title: &str, due: &str| ReminderInput {
        title: title.into(),
        note: String::new(),
        person_id: None,
        due: due.into(),
        repeat: Recurrence::Never,
    };
    for (bad, field, code) in [
        (
            input("  ", "2026-11-30T10:00"),
            "title",
            "reminders.title_required",
        ),
        (input("Ask", "2026-02-30T10:00"), "due", "reminders.bad_due"),
        (input("Ask", "next monday"), "due", "reminders.bad_due"),
        (input("Ask", "0026-11-30T10:00"), "due", "reminders.bad_due"),
        (input("Ask", ""), "due", "reminders.due_required"),
        (
            input(&"x".repeat(100_000), "2026-11-30T10:00"),
            "title",
            "input.too_long",
        ),
    ] {
        match reminders::add(&mut db, &bad, at(11, 1, 8, 0)) {
            Err(Error::Invalid {
                field: f, code: c, ..
            }) => assert_eq!((f, c), (field, code)),
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
    let unknown = ReminderInput {
        person_id: Some("no-such-person".into()),
        ..input("Ask", "2026-11-30T10:00")
    };
    assert_eq!(
        reminders::add(&mut db, &unknown, at(11, 1, 8, 0))
            .unwrap_err()
            .code(),
        "people.not_found"
    );

    let reorg = reminders::add(
        &mut db,
        &input("Ask Dana about the reorg", "2026-11-30T10:00"),
        at(11, 1, 8, 0),
    )
    .unwrap();
    let monthly = reminders::add(
        &mut db,
        &ReminderInput {
            repeat: Recurrence::Monthly,
            ..input("Update the brag doc", "2026-10-31T17:00")
        },
        at(11, 1, 8, 0),
    )
    .unwrap();
    assert_eq!(
        fire(&mut db, at(11, 1, 8, 0)),
        ["Update the brag doc"],
        "October's, shown late"
    );
    assert_eq!(
        fire(&mut db, at(11, 30, 10, 0)),
        ["Ask Dana about the reorg"]
    );
    assert_eq!(
        fire(&mut db, at(11, 30, 17, 0)),
        ["Update the brag doc"],
        "30 November for the 31st"
    );

    reminders::edit(
        &mut db,
        &reorg,
        &input("Ask Dana about the reorg", "2026-12-01T10:00"),
        at(11, 30, 11, 0),
    )
    .unwrap();
    assert_eq!(
        fire(&mut db, at(12, 1, 10, 0)),
        ["Ask Dana about the reorg"]
    );
    assert_eq!(
        reminders::get_written(&db, &reorg).unwrap().due,
        "2026-12-01T10:00"
    );

    reminders::delete(&mut db, &monthly, at(12, 1, 11, 0)).unwrap();
    assert!(fire(&mut db, at(12, 31, 17, 0)).is_empty());
    reminders::restore(&mut db, &monthly).unwrap();
    assert_eq!(fire(&mut db, at(12, 31, 17, 0)), ["Update the brag doc"]);
}

#[test]
fn snooze_holds_a_reminder_and_refuses_the_past() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let id = reminders::add(
        &mut db,
        &ReminderInput {
            title: "Call Omar".into(),
            note: String::new(),
            person_id: None,
            due: "2026-11-02T10:00".into(),
            repeat: Recurrence::Never,
        },
        at(11, 1, 8, 0),
    )
    .unwrap();
    let subject = reminders::written_subject(&id);
    assert_eq!(fire(&mut db, at(11, 2, 10, 0)), ["Call Omar"]);
    let err = reminders::snooze(&mut db, &subject, at(11, 2, 9, 0), at(11, 2, 10, 5)).unwrap_err();
    assert_eq!(err.code(), "reminders.snooze_past");
    reminders::snooze(&mut db, &subject, at(11, 3, 10, 5), at(11, 2, 10, 5)).unwrap();
    let overview = reminders::overview(&db, at(11, 2, 10, 6)).unwrap();
    assert!(overview.overdue.is_empty());
    assert!(overview.upcoming[0].snoozed && overview.upcoming[0].due == at(11, 3, 10, 5));
    assert!(fire(&mut db, at(11, 3, 10, 4)).is_empty());
    assert_eq!(fire(&mut db, at(11, 3, 10, 5)), ["Call Omar"]);
    assert_eq!(
        reminders::overdue_count(&db, at(11, 3, 10, 6)).unwrap(),
        1,
        "still due until done"
    );
    reminders::complete(&mut db, &subject, at(11, 3, 10, 7)).unwrap();
    assert_eq!(reminders::overdue_count(&db, at(11, 3, 10, 8)).unwrap(), 0);
}

/// A written reminder `title`, due once at `due` ("YYYY-MM-DDTHH:MM", Berlin).
fn written(db: &mut Database, title: &str, due: &str, now: DateTime<Utc>) -> String {
    let input = ReminderInput {
        title: title.into(),
        note: String::new(),
        person_id: None,
        due: due.into(),
        repeat: Recurrence::Never,
    };
    reminders::written_subject(&reminders::add(db, &input, now).unwrap())
}

#[test]
fn the_overdue_count_kept_for_the_badge_follows_the_clock_and_every_change() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let call = written(&mut db, "Call Omar", "2026-11-02T10:00", at(11, 1, 8, 0));
    let deck = written(
        &mut db,
        "Send the deck",
        "2026-11-02T10:30",
        at(11, 1, 8, 0),
    );
    let count = |db: &Database, now| reminders::overdue_count(db, now).unwrap();

    assert_eq!(count(&db, at(11, 2, 10, 5)), 1);
    assert_eq!(count(&db, at(11, 2, 10, 29)), 1, "nothing else fell due");
    assert_eq!(
        count(&db, at(11, 2, 10, 30)),
        2,
        "the deck falls due at 10:30"
    );
    assert_eq!(count(&db, at(11, 2, 10, 5)), 1, "the clock was set back");
    // The Reminders view and the scheduler keep what they worked out; a change is seen at once.
    assert_eq!(
        reminders::overview(&db, at(11, 2, 10, 31))
            .unwrap()
            .overdue
            .len(),
        2
    );
    reminders::snooze(&mut db, &deck, at(11, 2, 11, 0), at(11, 2, 10, 32)).unwrap();
    assert_eq!(count(&db, at(11, 2, 10, 33)), 1, "snoozed until 11:00");
    assert_eq!(count(&db, at(11, 2, 11, 0)), 2, "its snooze is over");
    assert_eq!(
        fire(&mut db, at(11, 2, 11, 1)),
        ["Call Omar", "Send the deck"]
    );
    assert_eq!(count(&db, at(11, 2, 11, 2)), 2);
    reminders::complete(&mut db, &call, at(11, 2, 11, 3)).unwrap();
    assert_eq!(count(&db, at(11, 2, 11, 4)), 1);
}

#[test]
fn the_overdue_count_kept_by_the_app_follows_a_change_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("allies.db");
    let mut app = Database::open(&path, at(11, 1, 8, 0)).unwrap();
    settings::save(&mut app, &settings(), at(11, 1, 8, 0)).unwrap();
    written(&mut app, "Call Omar", "2026-11-02T10:00", at(11, 1, 8, 0));
    assert!(fire(&mut app, at(11, 2, 10, 1)).contains(&"Call Omar".to_owned()));
    assert_eq!(
        reminders::overview(&app, at(11, 2, 10, 2))
            .unwrap()
            .overdue
            .len(),
        1
    );
    assert_eq!(reminders::overdue_count(&app, at(11, 2, 10, 3)).unwrap(), 1);
    // Another connection to the same file (the command line) adds one already due.
    let mut cli = Database::open(&path, at(11, 2, 10, 4)).unwrap();
    written(
        &mut cli,
        "Send the deck",
        "2026-11-02T09:00",
        at(11, 2, 10, 4),
    );
    drop(cli);
    assert_eq!(reminders::overdue_count(&app, at(11, 2, 10, 5)).unwrap(), 2);
}

#[test]
fn the_weekly_review_comes_on_friday_afternoon_with_a_summary() {
    let weekly = ReminderSettings {
        weekly_review: true,
        ..settings()
    };
    // Set up on Wednesday 25 November; the first review is Friday the 27th at 16:00.
    let mut db = db_with(&weekly, at(11, 25, 12, 0));
    let dana = person(&mut db, "Dana Ng", at(11, 25, 12, 0));
    let favour = received_favour(&mut db, &dana, "covered my on-call", at(11, 25, 12, 0));
    favours::set_done(&mut db, &favour, true, at(11, 25, 12, 0)).unwrap();
    assert_eq!(fire(&mut db, at(11, 25, 12, 0)), ["Thank Dana Ng"]);
    assert_eq!(
        fire(&mut db, at(11, 27, 12, 0)),
        ["Thank Dana Ng"],
        "daily until thanked"
    );
    assert!(fire(&mut db, at(11, 27, 15, 59)).is_empty());
    let firing = reminders::fire_due(&mut db, at(11, 27, 16, 0)).unwrap();
    let titles: Vec<_> = firing
        .notices
        .iter()
        .map(|n| match n {
            Notice::One(d) => (d.kind, d.title.clone(), d.body.clone()),
            Notice::Summary(_) => panic!("two at once are shown singly"),
        })
        .collect();
    let review = titles.iter().find(|t| t.0 == Kind::WeeklyReview).unwrap();
    assert!(review.2.contains("1 thank-you to send"), "{}", review.2);

    let off = ReminderSettings {
        weekly_review: false,
        ..weekly
    };
    settings::save(&mut db, &off, at(11, 27, 17, 0)).unwrap();
    assert!(!fire(&mut db, at(12, 4, 16, 0))
        .iter()
        .any(|t| t == "Weekly review"));
}

#[test]
fn a_reminder_recorded_as_shown_is_not_shown_again_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("allies.db");
    {
        let mut db = Database::open(&path, at(11, 1, 8, 0)).unwrap();
        settings::save(&mut db, &settings(), at(11, 1, 8, 0)).unwrap();
        let omar = person(&mut db, "Omar Haddad", at(11, 1, 8, 0));
        let f = received_favour(&mut db, &omar, "an intro", at(11, 1, 8, 0));
        favours::set_done(&mut db, &f, true, at(11, 1, 9, 0)).unwrap();
        assert_eq!(fire(&mut db, at(11, 1, 9, 0)), ["Thank Omar Haddad"]);
        // The app dies here, before or after the pop-up: the log was committed first.
    }
    let mut db = Database::open(&path, at(11, 1, 9, 1)).unwrap();
    assert!(
        fire(&mut db, at(11, 1, 9, 1)).is_empty(),
        "no second pop-up after a restart"
    );
    let overview = reminders::overview(&db, at(11, 1, 9, 1)).unwrap();
    assert_eq!(
        overview.overdue.len(),
        1,
        "it waits in the Reminders view until done"
    );
}

#[test]
fn quiet_hours_from_settings_hold_pop_ups_and_a_pause_can_be_lifted() {
    let nights = ReminderSettings {
        quiet_start: "20:00".into(),
        quiet_end: "08:00".into(),
        ..settings()
    };
    let mut db = db_with(&nights, at(11, 1, 8, 0));
    let omar = person(&mut db, "Omar Haddad", at(11, 1, 8, 0));
    let f = received_favour(&mut db, &omar, "an intro", at(11, 1, 8, 0));
    favours::set_done(&mut db, &f, true, at(11, 2, 21, 0)).unwrap();
    let firing = reminders::fire_due(&mut db, at(11, 2, 21, 0)).unwrap();
    assert!(firing.notices.is_empty());
    assert_eq!(firing.held_until, Some(at(11, 3, 8, 0)));
    assert_eq!(
        reminders::overview(&db, at(11, 2, 21, 0))
            .unwrap()
            .held_until,
        Some(at(11, 3, 8, 0))
    );

    settings::pause(&mut db, Some(at(11, 3, 9, 0)), at(11, 2, 21, 5)).unwrap();
    // Settings saved from a form opened before the pause keep the pause.
    settings::save(&mut db, &nights, at(11, 2, 21, 6)).unwrap();
    assert!(
        fire(&mut db, at(11, 3, 8, 30)).is_empty(),
        "paused past the night"
    );
    settings::pause(&mut db, None, at(11, 3, 8, 31)).unwrap();
    assert_eq!(fire(&mut db, at(11, 3, 8, 31)), ["Thank Omar Haddad"]);

    let bad = ReminderSettings {
        time_zone: "Mars/Olympus".into(),
        ..settings()
    };
    assert_eq!(
        settings::save(&mut db, &bad, at(11, 3, 9, 0))
            .unwrap_err()
            .code(),
        "reminders.bad_time_zone"
    );
    let bad = ReminderSettings {
        quiet_start: "25:00".into(),
        ..settings()
    };
    assert_eq!(
        settings::save(&mut db, &bad, at(11, 3, 9, 0))
            .unwrap_err()
            .code(),
        "reminders.bad_time"
    );
}

#[test]
fn a_deleted_person_takes_their_reminders_along() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let omar = person(&mut db, "Omar Haddad", at(11, 1, 8, 0));
    let f = received_favour(&mut db, &omar, "an intro", at(11, 1, 8, 0));
    favours::set_done(&mut db, &f, true, at(11, 1, 9, 0)).unwrap();
    people::delete(&mut db, &omar, at(11, 1, 9, 0)).unwrap();
    assert!(fire(&mut db, at(11, 1, 9, 0)).is_empty());
    people::restore(&mut db, &omar).unwrap();
    assert_eq!(fire(&mut db, at(11, 1, 9, 1)), ["Thank Omar Haddad"]);
}

#[test]
fn a_group_not_attended_for_a_quarter_is_due_then_monthly_until_the_user_goes() {
    use allies_core::network::groups::{self, GroupInput};
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let meetup = groups::add(
        &mut db,
        &GroupInput {
            name: "Rust Berlin meetup".into(),
            note: String::new(),
            category: None,
        },
        at(11, 1, 8, 0),
    )
    .unwrap();
    let err = groups::add(
        &mut db,
        &GroupInput {
            name: " ".into(),
            note: String::new(),
            category: None,
        },
        at(11, 1, 8, 0),
    )
    .unwrap_err();
    assert_eq!(err.code(), "groups.name_required");
    let err = groups::attend(
        &mut db,
        &meetup.id,
        "2026-11-20",
        "",
        at(11, 10, 8, 0),
        day("2026-11-10"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "groups.future_date", "{err}");

    let rules = reminders::rules(&db, at(11, 1, 8, 0), &settings()).unwrap();
    let due = rules
        .iter()
        .find(|r| r.kind == Kind::Group)
        .unwrap()
        .first_due;
    assert_eq!(
        due,
        BERLIN
            .with_ymd_and_hms(2027, 1, 31, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    );

    groups::attend(
        &mut db,
        &meetup.id,
        "2026-12-01",
        "talk on async",
        at(12, 1, 20, 0),
        day("2026-12-01"),
    )
    .unwrap();
    let group = groups::get(&db, &meetup.id).unwrap();
    assert_eq!(
        (group.last_attended, group.times_attended),
        (Some(day("2026-12-01")), 1)
    );
    let rules = reminders::rules(&db, at(12, 2, 8, 0), &settings()).unwrap();
    let rule = rules.iter().find(|r| r.kind == Kind::Group).unwrap();
    let march = BERLIN
        .with_ymd_and_hms(2027, 3, 2, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(rule.first_due, march, "a quarter after the last time");
    assert_eq!(rule.title, "Go to a Rust Berlin meetup event");
    let april = BERLIN
        .with_ymd_and_hms(2027, 4, 1, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        rule.next_due(march),
        Some(april),
        "then every 30 days, at 09:00 summer time"
    );

    groups::delete(&mut db, &meetup.id, at(12, 3, 8, 0)).unwrap();
    let rules = reminders::rules(&db, at(12, 3, 8, 0), &settings()).unwrap();
    assert!(
        rules.iter().all(|r| r.kind != Kind::Group),
        "a deleted group asks for nothing"
    );
    groups::restore(&mut db, &meetup.id).unwrap();
    assert_eq!(groups::list(&db).unwrap().len(), 1);
}

#[test]
fn deleting_a_person_takes_what_is_only_theirs_and_undo_brings_exactly_that_back() {
    let mut db = db_with(&settings(), at(11, 1, 8, 0));
    let omar = person(&mut db, "Omar Haddad", at(11, 1, 8, 0));
    let dana = person(&mut db, "Dana Ng", at(11, 1, 8, 0));
    let log = |db: &mut Database, who: Vec<String>, notes: &str, when| {
        interactions::log(
            db,
            &InteractionInput {
                occurred_at: Some(when),
                kind: Met::Meeting,
                people: who,
                notes: notes.into(),
                follow_up: String::new(),
            },
            when,
        )
        .unwrap()
        .id
    };
    let alone = log(
        &mut db,
        vec![omar.clone()],
        "1:1 with Omar",
        at(11, 2, 9, 0),
    );
    let shared = log(
        &mut db,
        vec![omar.clone(), dana.clone()],
        "planning",
        at(11, 2, 10, 0),
    );
    let earlier = received_favour(&mut db, &omar, "an old favour", at(11, 2, 11, 0));
    favours::delete(&mut db, &earlier, at(11, 3, 8, 0)).unwrap(); // deleted before, on its own
    let intro = received_favour(&mut db, &omar, "the intro", at(11, 2, 11, 0));

    people::delete(&mut db, &omar, at(11, 4, 8, 0)).unwrap();
    assert!(matches!(
        favours::get(&db, &intro),
        Err(Error::FavourNotFound { .. })
    ));
    assert!(
        interactions::timeline(&db, &dana, 10)
            .unwrap()
            .iter()
            .any(|i| i.id == shared),
        "shared stays"
    );
    let search = allies_core::search::search(&db, "Omar").unwrap();
    assert!(search.interactions.is_empty(), "{search:?}");

    people::restore(&mut db, &omar).unwrap();
    let back: Vec<String> = interactions::timeline(&db, &omar, 10)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert!(back.contains(&alone) && back.contains(&shared), "{back:?}");
    assert!(
        favours::get(&db, &intro).is_ok(),
        "the favour came back with him"
    );
    assert!(
        matches!(
            favours::get(&db, &earlier),
            Err(Error::FavourNotFound { .. })
        ),
        "what was deleted on its own stays deleted"
    );
}

#[test]
fn the_weekly_review_names_who_is_going_cold() {
    let weekly = ReminderSettings {
        weekly_review: true,
        ..settings()
    };
    let mut db = db_with(&weekly, at(11, 1, 8, 0));
    let map = maps::create(&mut db, &MapInput::named("Promotion"), at(11, 1, 8, 0))
        .unwrap()
        .id;
    let dana = person(&mut db, "Dana Ng", at(11, 1, 8, 0));
    maps::place(
        &mut db,
        &map,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(11, 1, 8, 0),
    )
    .unwrap();
    let rules = reminders::rules(&db, at(11, 20, 8, 0), &weekly).unwrap();
    let review = rules.iter().find(|r| r.kind == Kind::WeeklyReview).unwrap();
    assert!(
        review.body.contains("Going cold: Dana Ng."),
        "{}",
        review.body
    );
}
