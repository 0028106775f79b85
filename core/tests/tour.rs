//! The newbie tour: its 30/60/90-day check-ins, planning meetings, recording what was said,
//! suggestions that become people, undo, and backups.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::interactions::{self, Kind as Met};
use allies_core::journal::profiles::{self, Channel, Level};
use allies_core::network::tour::{
    self, MeetingInput, NewPerson, StopInput, StopKind, Tour, TourInput,
};
use allies_core::network::{self, LinkKind};
use allies_core::people::{self, PersonInput};
use allies_core::reminders;
use allies_core::reminders::schedule::Kind;
use allies_core::reminders::settings::ReminderSettings;
use allies_core::{storage::backup, Database};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// `days` after Monday 2 March 2026, 09:00 UTC, the first day of the new job.
fn t(days: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::days(days)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The morning (09:00 UTC) of a day.
fn morning(s: &str) -> DateTime<Utc> {
    date(s).and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn input(title: &str, start_on: &str) -> TourInput {
    TourInput {
        title: title.into(),
        start_on: start_on.into(),
    }
}

fn new_tour(db: &mut Database) -> Tour {
    tour::create(db, &input("New job at Acme", "2026-03-02"), t(0)).unwrap()
}

fn person(db: &mut Database, name: &str) -> String {
    people::add(db, &PersonInput::named(name), t(0)).unwrap().id
}

fn with(person_id: &str, week: u8) -> StopInput {
    StopInput {
        kind: StopKind::Person,
        person_id: Some(person_id.into()),
        new_person: None,
        team: String::new(),
        week,
    }
}

fn team(name: &str, week: u8) -> StopInput {
    StopInput {
        kind: StopKind::Team,
        person_id: None,
        new_person: None,
        team: name.into(),
        week,
    }
}

fn stop_of(tour: &Tour, name: &str) -> String {
    tour.stops
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .id
        .clone()
}

fn meeting(met_on: &str, success: &str) -> MeetingInput {
    MeetingInput {
        met_on: met_on.into(),
        success: success.into(),
        ..MeetingInput::default()
    }
}

/// The check-ins the reminders would raise for a tour: (title, due).
fn check_ins(db: &Database, tour: &Tour) -> Vec<(String, DateTime<Utc>)> {
    let settings = ReminderSettings {
        time_zone: "UTC".into(),
        ..ReminderSettings::default()
    };
    let prefix = format!("check_in:{}:", tour.check_in_id);
    reminders::rules(db, t(0), &settings)
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == Kind::CheckIn && r.subject.starts_with(&prefix))
        .map(|r| (r.title, r.first_due))
        .collect()
}

fn code(result: allies_core::Result<Tour>) -> &'static str {
    result.unwrap_err().code()
}

#[test]
fn a_tour_brings_its_check_ins_which_move_go_and_come_back_with_it() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    assert_eq!(acme.start_on, date("2026-03-02"));
    assert_eq!(
        check_ins(&db, &acme),
        [
            (
                "30-day check-in: Newbie tour: New job at Acme".to_owned(),
                morning("2026-04-01")
            ),
            (
                "60-day check-in: Newbie tour: New job at Acme".to_owned(),
                morning("2026-05-01")
            ),
            (
                "90-day check-in: Newbie tour: New job at Acme".to_owned(),
                morning("2026-05-31")
            ),
        ],
        "30, 60 and 90 days after the first day, in the morning"
    );

    let moved = tour::update(
        &mut db,
        &acme.id,
        &input("Joining Platform", "2026-03-09"),
        t(1),
    )
    .unwrap();
    assert_eq!(
        (moved.title.as_str(), moved.start_on),
        ("Joining Platform", date("2026-03-09"))
    );
    let dues: Vec<DateTime<Utc>> = check_ins(&db, &moved).into_iter().map(|(_, d)| d).collect();
    assert_eq!(
        dues,
        [
            morning("2026-04-08"),
            morning("2026-05-08"),
            morning("2026-06-07")
        ],
        "a later start moves every check-in by a week"
    );
    assert!(
        check_ins(&db, &moved)[0]
            .0
            .ends_with("Newbie tour: Joining Platform"),
        "the check-ins follow the new title"
    );

    tour::delete(&mut db, &acme.id, t(2)).unwrap();
    assert!(
        check_ins(&db, &moved).is_empty(),
        "a deleted tour asks for no check-ins"
    );
    assert_eq!(tour::current(&db).unwrap(), None, "no tour left");
    assert_eq!(code(tour::get(&db, &acme.id)), "tours.not_found");
    let back = tour::restore(&mut db, &acme.id).unwrap();
    assert_eq!(back, moved, "undo brings the tour back as it was");
    assert_eq!(check_ins(&db, &back).len(), 3, "and its check-ins");
    assert_eq!(
        tour::current(&db).unwrap().map(|t| t.id),
        Some(acme.id.clone())
    );

    let newer = tour::create(&mut db, &input("Second tour", "2026-06-01"), t(5)).unwrap();
    assert_eq!(
        tour::current(&db).unwrap().map(|t| t.id),
        Some(newer.id),
        "the newest tour is the current one"
    );

    for (bad, expected) in [
        (input("  ", "2026-03-02"), "tours.title_required"),
        (input("Acme", "2026-02-30"), "tours.bad_date"),
        (input("Acme", "next monday"), "tours.bad_date"),
        (input("Acme", ""), "tours.date_required"),
        (
            input(&"x".repeat(tour::MAX_TITLE + 1), "2026-03-02"),
            "input.too_long",
        ),
    ] {
        assert_eq!(code(tour::create(&mut db, &bad, t(6))), expected, "{bad:?}");
        assert_eq!(
            code(tour::update(&mut db, &acme.id, &bad, t(6))),
            expected,
            "{bad:?}"
        );
    }
    assert_eq!(
        reminders::check_ins_list(&db).unwrap().len(),
        2,
        "a refused tour leaves no check-in behind"
    );
}

#[test]
fn a_tour_check_in_deleted_on_its_own_stays_deleted_when_the_tour_comes_back() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    reminders::delete_check_in(&mut db, &acme.check_in_id, t(1)).unwrap();
    tour::delete(&mut db, &acme.id, t(2)).unwrap();
    let back = tour::restore(&mut db, &acme.id).unwrap();
    assert!(
        check_ins(&db, &back).is_empty(),
        "undoing the tour's deletion brings back only what that deletion took"
    );
}

#[test]
fn meetings_are_planned_with_people_new_people_or_teams_and_refused_whole() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let dana = people::add(
        &mut db,
        &PersonInput {
            role: "Engineering manager".into(),
            department: "Platform".into(),
            ..PersonInput::named("Dana Ng")
        },
        t(0),
    )
    .unwrap()
    .id;

    let planned = tour::add_stop(&mut db, &acme.id, &with(&dana, 1), t(0)).unwrap();
    let stop = &planned.stops[0];
    assert_eq!(
        (
            stop.kind,
            stop.person_id.as_deref(),
            stop.name.as_str(),
            stop.role.as_str(),
            stop.team.as_str()
        ),
        (
            StopKind::Person,
            Some(dana.as_str()),
            "Dana Ng",
            "Engineering manager",
            "Platform"
        ),
        "a person's stop shows who they are and their department"
    );
    assert_eq!(
        stop.week_starts,
        date("2026-03-02"),
        "week 1 starts on the first day"
    );

    let leader = StopInput {
        kind: StopKind::Leader,
        person_id: None,
        new_person: Some(NewPerson {
            name: "  Omar Haddad ".into(),
            role: "VP Engineering".into(),
            department: "Engineering".into(),
        }),
        team: String::new(),
        week: 3,
    };
    let planned = tour::add_stop(&mut db, &acme.id, &leader, t(0)).unwrap();
    let omar = planned
        .stops
        .iter()
        .find(|s| s.kind == StopKind::Leader)
        .unwrap();
    assert_eq!(
        omar.week_starts,
        date("2026-03-16"),
        "week 3 starts two weeks in"
    );
    let created = people::get(&db, omar.person_id.as_deref().unwrap()).unwrap();
    assert_eq!(
        (
            created.name.as_str(),
            created.role.as_str(),
            created.department.as_str()
        ),
        ("Omar Haddad", "VP Engineering", "Engineering"),
        "someone typed in becomes a person, trimmed"
    );

    let planned = tour::add_stop(&mut db, &acme.id, &team(" Payments ", 2), t(0)).unwrap();
    let payments = &planned.stops[1];
    assert_eq!(
        (
            payments.kind,
            payments.person_id.as_deref(),
            payments.name.as_str(),
            payments.team.as_str()
        ),
        (StopKind::Team, None, "Payments", "Payments"),
        "a team meeting is named by the team, between weeks 1 and 3"
    );
    assert_eq!(planned.progress.total, 3);

    let people_before = people::count(&db).unwrap();
    let err = tour::add_stop(&mut db, &acme.id, &with(&dana, 4), t(1)).unwrap_err();
    assert_eq!(err.code(), "tours.already_planned");
    assert_eq!(
        err.to_string(),
        "\u{2068}Dana Ng\u{2069} is already on the tour, in week 1.",
        "the message says who and when"
    );
    let too_long = StopInput {
        new_person: Some(NewPerson {
            name: "x".repeat(people::MAX_SHORT_TEXT + 1),
            ..NewPerson::default()
        }),
        ..leader.clone()
    };
    for (bad, expected) in [
        (with(&dana, 4), "tours.already_planned"),
        (too_long, "input.too_long"),
        (with(&dana, 0), "tours.bad_week"),
        (with(&dana, 53), "tours.bad_week"),
        (
            StopInput {
                week: 0,
                ..leader.clone()
            },
            "tours.bad_week",
        ),
        (team("   ", 2), "tours.team_required"),
        (
            StopInput {
                new_person: None,
                ..leader.clone()
            },
            "tours.person_required",
        ),
        (
            StopInput {
                new_person: Some(NewPerson::default()),
                ..leader.clone()
            },
            "tours.person_required",
        ),
        (with("no-such-person", 2), "people.not_found"),
    ] {
        assert_eq!(
            code(tour::add_stop(&mut db, &acme.id, &bad, t(1))),
            expected,
            "{bad:?}"
        );
    }
    assert_eq!(
        people::count(&db).unwrap(),
        people_before,
        "a refused meeting creates no one"
    );
    assert_eq!(
        tour::get(&db, &acme.id).unwrap(),
        planned,
        "and changes nothing on the tour"
    );
    assert_eq!(
        code(tour::add_stop(
            &mut db,
            "no-such-tour",
            &team("Payments", 1),
            t(1)
        )),
        "tours.not_found"
    );
}

#[test]
fn progress_counts_meetings_held_and_names_the_next_three_by_week() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let mut planned = None;
    for (name, week) in [
        ("Week four", 4),
        ("Week one", 1),
        ("Week three", 3),
        ("Week two", 2),
        ("Week five", 5),
    ] {
        planned = Some(tour::add_stop(&mut db, &acme.id, &team(name, week), t(0)).unwrap());
    }
    let planned = planned.unwrap();
    let weeks: Vec<u8> = planned.stops.iter().map(|s| s.week).collect();
    assert_eq!(weeks, [1, 2, 3, 4, 5], "meetings in order of target week");
    let ids =
        |names: &[&str]| -> Vec<String> { names.iter().map(|n| stop_of(&planned, n)).collect() };
    assert_eq!((planned.progress.met, planned.progress.total), (0, 5));
    assert_eq!(
        planned.progress.next,
        ids(&["Week one", "Week two", "Week three"])
    );

    let after = tour::record_meeting(
        &mut db,
        &stop_of(&planned, "Week two"),
        &meeting("2026-03-10", ""),
        t(9),
    )
    .unwrap();
    assert_eq!((after.progress.met, after.progress.total), (1, 5));
    assert_eq!(
        after.progress.next,
        ids(&["Week one", "Week three", "Week four"]),
        "a held meeting leaves the list; the next unheld one joins it"
    );
    let cleared = tour::clear_meeting(&mut db, &stop_of(&planned, "Week two"), t(9)).unwrap();
    assert_eq!(
        cleared.progress, planned.progress,
        "clearing makes it unheld again"
    );

    let fewer = tour::delete_stop(&mut db, &stop_of(&planned, "Week one"), t(10)).unwrap();
    assert_eq!(fewer.progress.total, 4);
    assert_eq!(
        fewer.progress.next,
        ids(&["Week two", "Week three", "Week four"])
    );
    tour::restore_stop(&mut db, &stop_of(&planned, "Week one")).unwrap();
    assert_eq!(
        tour::get(&db, &acme.id).unwrap().stops,
        planned.stops,
        "undo brings the meeting back"
    );
}

#[test]
fn recording_a_meeting_keeps_the_answers_logs_one_1_1_and_sets_how_to_keep_in_touch() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let dana = person(&mut db, "Dana Ng");
    let mut profile = profiles::get(&db, &dana).unwrap();
    profile.level = Some(Level::Manager);
    profiles::save(&mut db, &dana, &profile, t(0)).unwrap();
    tour::add_stop(&mut db, &acme.id, &with(&dana, 1), t(0)).unwrap();
    let planned = tour::add_stop(&mut db, &acme.id, &team("Payments", 2), t(0)).unwrap();
    let stop = stop_of(&planned, "Dana Ng");

    let first = MeetingInput {
        met_on: "2026-03-04".into(),
        success: " Ship the billing revamp by day 90 ".into(),
        challenges: "Legacy code, on-call load".into(),
        who_else: "Eve in Finance".into(),
        channel: Some(Channel::Coffee),
        cadence_days: Some(21),
    };
    let now = t(3); // 5 March
    let after = tour::record_meeting(&mut db, &stop, &first, now).unwrap();
    let held = after.stops.iter().find(|s| s.id == stop).unwrap();
    assert_eq!(
        (
            held.met_on,
            held.success.as_str(),
            held.challenges.as_str(),
            held.who_else.as_str()
        ),
        (
            Some(date("2026-03-04")),
            "Ship the billing revamp by day 90",
            "Legacy code, on-call load",
            "Eve in Finance"
        ),
        "the day and the answers, trimmed"
    );
    let journal = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(journal.len(), 1, "the meeting is in the journal");
    assert_eq!(journal[0].kind, Met::OneOnOne);
    assert_eq!(
        journal[0].occurred_at,
        Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).unwrap(),
        "logged at midday of the day met"
    );
    for answer in [
        "Ship the billing revamp by day 90",
        "Legacy code",
        "Eve in Finance",
    ] {
        assert!(
            journal[0].notes.contains(answer),
            "the notes keep {answer:?}: {}",
            journal[0].notes
        );
    }
    let profile = profiles::get(&db, &dana).unwrap();
    assert_eq!(
        (profile.channel, profile.cadence_days, profile.level),
        (Some(Channel::Coffee), Some(21), Some(Level::Manager)),
        "how they like to hear goes to their profile; what was there stays"
    );
    let cadence = reminders::cadences(&db)
        .unwrap()
        .into_iter()
        .find(|c| c.person_id == dana)
        .unwrap();
    assert_eq!(
        (cadence.days, cadence.last_contact),
        (21, Some(journal[0].occurred_at)),
        "keeping in touch runs from the meeting, every 21 days"
    );

    // Correcting the answers is not another meeting.
    let corrected = MeetingInput {
        success: "Ship billing by day 60".into(),
        channel: Some(Channel::Email),
        cadence_days: None,
        ..first.clone()
    };
    let again = tour::record_meeting(&mut db, &stop, &corrected, t(4)).unwrap();
    assert_eq!(
        again.stops.iter().find(|s| s.id == stop).unwrap().success,
        "Ship billing by day 60"
    );
    assert_eq!(
        interactions::timeline(&db, &dana, 10).unwrap().len(),
        1,
        "recording again logs nothing new"
    );
    let profile = profiles::get(&db, &dana).unwrap();
    assert_eq!(
        (profile.channel, profile.cadence_days),
        (Some(Channel::Email), Some(21)),
        "a new channel is kept; a cadence not given is left as it was"
    );
    let cadence_only = MeetingInput {
        channel: None,
        cadence_days: Some(30),
        ..corrected.clone()
    };
    tour::record_meeting(&mut db, &stop, &cadence_only, t(4)).unwrap();
    let profile = profiles::get(&db, &dana).unwrap();
    assert_eq!(
        (profile.channel, profile.cadence_days),
        (Some(Channel::Email), Some(30)),
        "a channel not given is left as it was"
    );

    let before = tour::get(&db, &acme.id).unwrap();
    let long = "x".repeat(tour::MAX_ANSWER + 1);
    for (bad, expected) in [
        (meeting("2026-03-08", ""), "tours.met_in_future"),
        (meeting("2026-02-30", ""), "tours.bad_date"),
        (meeting("4 March", ""), "tours.bad_date"),
        (meeting("", ""), "tours.met_on_required"),
        (meeting("2026-03-04", &long), "input.too_long"),
        (
            MeetingInput {
                challenges: long.clone(),
                ..meeting("2026-03-04", "")
            },
            "input.too_long",
        ),
        (
            MeetingInput {
                who_else: long.clone(),
                ..meeting("2026-03-04", "")
            },
            "input.too_long",
        ),
        (
            MeetingInput {
                cadence_days: Some(0),
                ..meeting("2026-03-04", "")
            },
            "profiles.bad_cadence",
        ),
    ] {
        // 6 March: the 8th is two days ahead, beyond any time zone.
        assert_eq!(
            code(tour::record_meeting(&mut db, &stop, &bad, t(4))),
            expected,
            "{bad:?}"
        );
    }
    assert_eq!(
        tour::get(&db, &acme.id).unwrap(),
        before,
        "a refused record changes nothing"
    );
    assert!(
        tour::record_meeting(
            &mut db,
            &stop_of(&planned, "Payments"),
            &meeting("2026-03-07", "Know the roadmap"),
            t(4)
        )
        .is_ok(),
        "tomorrow in UTC may be today east of it"
    );
    assert_eq!(
        interactions::timeline(&db, &dana, 10).unwrap().len(),
        1,
        "a team meeting logs no 1:1 with anyone"
    );
    assert_eq!(
        code(tour::record_meeting(
            &mut db,
            "no-such-stop",
            &meeting("2026-03-04", ""),
            t(4)
        )),
        "tours.stop_not_found"
    );

    let cleared = tour::clear_meeting(&mut db, &stop, t(5)).unwrap();
    assert_eq!(
        cleared.stops.iter().find(|s| s.id == stop).unwrap().met_on,
        None
    );
    assert_eq!(
        interactions::timeline(&db, &dana, 10).unwrap().len(),
        1,
        "clearing leaves the journal entry"
    );
}

#[test]
fn someone_suggested_becomes_a_person_introduced_by_who_named_them_a_week_later() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let dana = person(&mut db, "Dana Ng");
    tour::add_stop(&mut db, &acme.id, &with(&dana, 2), t(0)).unwrap();
    let planned = tour::add_stop(&mut db, &acme.id, &team("Payments", 1), t(0)).unwrap();
    let by_dana = stop_of(&planned, "Dana Ng");
    tour::record_meeting(&mut db, &by_dana, &meeting("2026-03-04", ""), t(3)).unwrap();

    let eve = NewPerson {
        name: "Eve Park".into(),
        role: "Finance partner".into(),
        department: "Finance".into(),
    };
    let after = tour::add_suggestion(&mut db, &by_dana, &eve, t(3)).unwrap();
    let stop = after.stops.iter().find(|s| s.name == "Eve Park").unwrap();
    assert_eq!(
        (
            stop.kind,
            stop.week,
            stop.suggested_by.as_deref(),
            stop.suggested_by_name.as_deref()
        ),
        (StopKind::Person, 3, Some(by_dana.as_str()), Some("Dana Ng")),
        "the week after Dana's, named as her suggestion"
    );
    let eve_id = stop.person_id.clone().unwrap();
    assert_eq!(people::get(&db, &eve_id).unwrap().role, "Finance partner");
    let links = network::links_of(&db, &eve_id).unwrap();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].from_id.as_deref(), links[0].kind),
        (Some(dana.as_str()), LinkKind::IntroducedMeTo),
        "Dana introduces the user to Eve"
    );
    assert!(
        links[0].note.contains("New job at Acme"),
        "{}",
        links[0].note
    );
    let path = network::intro_paths(&db, &eve_id).unwrap();
    assert_eq!(
        path[0].steps.first().map(|s| s.person_id.as_str()),
        Some(dana.as_str()),
        "having met Dana, she is the way to Eve"
    );

    // Six weeks in, a suggestion goes into the current week, not into the past.
    let late = tour::add_suggestion(
        &mut db,
        &by_dana,
        &NewPerson {
            name: "Finn".into(),
            ..NewPerson::default()
        },
        t(40),
    )
    .unwrap();
    assert_eq!(
        late.stops.iter().find(|s| s.name == "Finn").unwrap().week,
        6
    );
    let last = tour::add_stop(&mut db, &acme.id, &team("Last week", 52), t(40)).unwrap();
    let from_last = tour::add_suggestion(
        &mut db,
        &stop_of(&last, "Last week"),
        &NewPerson {
            name: "Gus".into(),
            ..NewPerson::default()
        },
        t(40),
    )
    .unwrap();
    let gus = from_last.stops.iter().find(|s| s.name == "Gus").unwrap();
    assert_eq!(gus.week, 52, "the tour ends at week 52");
    assert_eq!(
        gus.suggested_by_name.as_deref(),
        Some("Last week"),
        "a team can suggest someone"
    );
    assert!(
        network::links_of(&db, gus.person_id.as_deref().unwrap())
            .unwrap()
            .is_empty(),
        "a team is no person to be introduced by"
    );

    let count = people::count(&db).unwrap();
    let err = tour::add_suggestion(&mut db, &by_dana, &NewPerson::default(), t(41)).unwrap_err();
    assert_eq!(err.code(), "people.name_required");
    assert_eq!(
        people::count(&db).unwrap(),
        count,
        "a refused suggestion creates no one"
    );
    assert_eq!(
        code(tour::add_suggestion(&mut db, "no-such-stop", &eve, t(41))),
        "tours.stop_not_found"
    );

    // Someone the user already has is reused, not added twice.
    let hana = person(&mut db, "Hana Šimková");
    let count = people::count(&db).unwrap();
    let reused = tour::add_suggestion(
        &mut db,
        &by_dana,
        &NewPerson {
            name: "  hana simkova ".into(),
            ..NewPerson::default()
        },
        t(42),
    )
    .unwrap();
    assert_eq!(people::count(&db).unwrap(), count, "no second Hana");
    assert!(
        reused
            .stops
            .iter()
            .any(|s| s.person_id.as_deref() == Some(hana.as_str())),
        "Hana herself is on the tour"
    );
}

#[test]
fn a_deleted_person_takes_their_meeting_along_and_a_deleted_tour_takes_all() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let dana = person(&mut db, "Dana Ng");
    tour::add_stop(&mut db, &acme.id, &with(&dana, 1), t(0)).unwrap();
    let planned = tour::add_stop(&mut db, &acme.id, &team("Payments", 2), t(0)).unwrap();

    people::delete(&mut db, &dana, t(1)).unwrap();
    let without = tour::get(&db, &acme.id).unwrap();
    assert_eq!(without.stops.len(), 1, "Dana's meeting went with her");
    assert_eq!(without.progress.total, 1);
    people::restore(&mut db, &dana).unwrap();
    assert_eq!(
        tour::get(&db, &acme.id).unwrap(),
        planned,
        "and came back with her"
    );
    assert_eq!(
        code(tour::add_stop(&mut db, &acme.id, &with(&dana, 3), t(2))),
        "tours.already_planned",
        "her restored meeting counts again"
    );

    tour::delete(&mut db, &acme.id, t(3)).unwrap();
    assert_eq!(
        code(tour::record_meeting(
            &mut db,
            &stop_of(&planned, "Payments"),
            &meeting("2026-03-04", ""),
            t(3)
        )),
        "tours.stop_not_found",
        "a meeting of a deleted tour cannot be recorded"
    );
    assert_eq!(
        code(tour::add_stop(&mut db, &acme.id, &team("Design", 1), t(3))),
        "tours.not_found"
    );
}

#[test]
fn a_backup_keeps_tours_their_meetings_and_check_ins() {
    let mut db = Database::open_in_memory().unwrap();
    let acme = new_tour(&mut db);
    let dana = person(&mut db, "Dana Ng");
    tour::add_stop(&mut db, &acme.id, &with(&dana, 1), t(0)).unwrap();
    let planned = tour::add_stop(&mut db, &acme.id, &team("Payments", 2), t(0)).unwrap();
    let by_dana = stop_of(&planned, "Dana Ng");
    tour::record_meeting(
        &mut db,
        &by_dana,
        &MeetingInput {
            channel: Some(Channel::Chat),
            ..meeting("2026-03-03", "Own the billing service")
        },
        t(2),
    )
    .unwrap();
    // Suggestions in the same millisecond as the meeting they came from (a clock set back
    // does the same): their ids may sort before it.
    for name in ["Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kim", "Lou"] {
        tour::add_suggestion(
            &mut db,
            &by_dana,
            &NewPerson {
                name: name.into(),
                ..NewPerson::default()
            },
            t(0),
        )
        .unwrap();
    }
    let original = tour::current(&db).unwrap().unwrap();

    let bytes = backup::to_bytes(&backup::dump(&db, t(5)).unwrap()).unwrap();
    let mut fresh = Database::open_in_memory().unwrap();
    backup::restore(&mut fresh, &backup::from_bytes(&bytes).unwrap()).unwrap();
    let restored = tour::current(&fresh).unwrap();
    assert_eq!(
        restored.as_ref(),
        Some(&original),
        "the tour and its meetings come back whole"
    );
    assert_eq!(
        check_ins(&fresh, &original),
        check_ins(&db, &original),
        "with its check-ins"
    );
    assert_eq!(
        profiles::get(&fresh, &dana).unwrap().channel,
        Some(Channel::Chat)
    );
}
