#![allow(clippy::unwrap_used)] // a panic is the failure report of a test

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions::{self, InteractionInput, Kind as Met};
use crate::journal::profiles::{self, InfoLength, InfoStyle, Profile};
use crate::journal::promises::{self, Owner, PromiseInput, PromiseStatus};
use crate::maps::{self, MapInput, Position, Stance};
use crate::people::{self, PersonInput};
use crate::reminders::schedule::Notice;
use crate::reminders::settings::{self, ReminderSettings};
use crate::reminders::{self, weekly_review_subject};
use crate::storage::Database;

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

fn db(weekly_review: bool, since: DateTime<Utc>) -> Database {
    let mut db = Database::open_in_memory().unwrap();
    let s = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review,
        ..ReminderSettings::default()
    };
    settings::save(&mut db, &s, since).unwrap();
    db
}

fn person(db: &mut Database, name: &str, now: DateTime<Utc>) -> String {
    people::add(db, &PersonInput::named(name), now).unwrap().id
}

fn met(db: &mut Database, id: &str, when: DateTime<Utc>, notes: &str) {
    let input = InteractionInput {
        occurred_at: Some(when),
        kind: Met::OneOnOne,
        people: vec![id.to_owned()],
        notes: notes.into(),
        follow_up: String::new(),
    };
    interactions::log(db, &input, when).unwrap();
}

/// A map with its round on 30 March 2026 (a Monday), with Dana (met lately) and Sam (not).
fn round_map(db: &mut Database, now: DateTime<Utc>) -> (String, String, String) {
    let input = MapInput {
        name: "Promotion to staff".into(),
        target_date: "2026-03-30".into(),
        ..MapInput::default()
    };
    let map = maps::create(db, &input, now).unwrap().id;
    let dana = person(db, "Dana", now);
    let sam = person(db, "Sam", now);
    maps::place(
        db,
        &map,
        &dana,
        Position::new(0.8, 0.8),
        Some(Stance::Supporter),
        now,
    )
    .unwrap();
    maps::place(
        db,
        &map,
        &sam,
        Position::new(0.9, 0.2),
        Some(Stance::Blocker),
        now,
    )
    .unwrap();
    (map, dana, sam)
}

/// The countdown reminders that fire at `now`, by title.
fn countdown_titles(db: &mut Database, now: DateTime<Utc>) -> Vec<String> {
    reminders::fire_due(db, now)
        .unwrap()
        .notices
        .into_iter()
        .flat_map(|n| match n {
            Notice::One(d) => vec![d],
            Notice::Summary(all) => all,
        })
        .map(|d| d.title)
        .filter(|t| t.contains("to the round"))
        .collect()
}

#[test]
fn the_countdown_reminds_at_eight_four_two_and_one_weeks_each_once() {
    let start = at(1, 2, 8);
    let mut db = db(false, start);
    round_map(&mut db, start);
    let mut fired = Vec::new();
    // Every morning and evening from January to after the round.
    let mut now = start;
    while now < at(4, 5, 8) {
        for title in countdown_titles(&mut db, now) {
            fired.push((now.with_timezone(&BERLIN).date_naive(), title));
        }
        now += Duration::hours(12);
    }
    assert_eq!(
        fired,
        vec![
            (
                day(2, 2),
                "8 weeks to the round: Promotion to staff".to_owned()
            ),
            (
                day(3, 2),
                "4 weeks to the round: Promotion to staff".to_owned()
            ),
            (
                day(3, 16),
                "2 weeks to the round: Promotion to staff".to_owned()
            ),
            (
                day(3, 23),
                "1 week to the round: Promotion to staff".to_owned()
            ),
        ],
        "each threshold fires once, on its day, and nothing after the round"
    );
}

#[test]
fn the_overdue_count_kept_for_the_badge_changes_at_midnight_with_the_countdown() {
    let start = at(1, 2, 8);
    let mut db = db(false, start);
    round_map(&mut db, start);
    // Nothing was answered: the 8-week reminder has been overdue since 2 February.
    let evening = at(3, 1, 20);
    let before = reminders::overdue_count(&db, evening).unwrap();
    assert_eq!(
        before,
        reminders::overview(&db, evening).unwrap().overdue.len()
    );
    // From midnight the 4-week one takes its place, due in the morning.
    let night = at(3, 2, 0) + Duration::minutes(30);
    assert_eq!(reminders::overdue_count(&db, night).unwrap(), before - 1);
    assert_eq!(
        reminders::overview(&db, night).unwrap().overdue.len(),
        before - 1
    );
}

#[test]
fn after_a_sleep_only_the_latest_threshold_passed_is_caught_up() {
    let start = at(1, 2, 8);
    let mut db = db(false, start);
    round_map(&mut db, start);
    assert!(
        countdown_titles(&mut db, start).is_empty(),
        "nothing due in January"
    );
    // Asleep from January to 18 March: 8 and 4 weeks went by unseen, 2 weeks is the latest.
    assert_eq!(
        countdown_titles(&mut db, at(3, 18, 10)),
        vec!["2 weeks to the round: Promotion to staff".to_owned()],
        "one catch-up, the threshold that is still true"
    );
    assert!(
        countdown_titles(&mut db, at(3, 19, 10)).is_empty(),
        "shown once"
    );
    assert_eq!(
        countdown_titles(&mut db, at(3, 23, 10)).len(),
        1,
        "1 week still comes"
    );
}

#[test]
fn the_countdown_names_who_has_not_heard_from_you_and_the_gaps() {
    let start = at(1, 2, 8);
    let mut db = db(false, start);
    let (map, dana, sam) = round_map(&mut db, start);
    maps::set_desired(&mut db, &map, &sam, Some(Position::new(0.9, 0.9)), start).unwrap();
    let now = at(3, 2, 10);
    met(&mut db, &dana, now - Duration::days(10), "");
    met(&mut db, &sam, now - Duration::days(45), "");
    let c = countdown(&db, &map, now).unwrap().unwrap();
    assert_eq!(c.days_left, 28, "2 March to 30 March");
    assert_eq!(c.weeks_left(), 4);
    let not_heard: Vec<&str> = c.not_heard.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(not_heard, ["Sam"], "Dana was met 10 days ago, Sam 45");
    assert_eq!(c.against.len(), 1, "Sam blocks");
    assert_eq!(
        c.far_from_need[0].name, "Sam",
        "needed 0.7 higher on interest"
    );
    let body = reminders::fire_due(&mut db, now)
        .unwrap()
        .notices
        .into_iter()
        .find_map(|n| match n {
            Notice::One(d) if d.title.contains("to the round") => Some(d.body),
            _ => None,
        })
        .unwrap();
    assert!(
        body.contains("Not heard from you in 30 days: Sam.") && !body.contains("Dana"),
        "the reminder names who has not heard from you: {body}"
    );
    assert!(body.contains("Skeptical or blocking: Sam."), "{body}");
    assert_eq!(
        countdowns(&db, at(3, 31, 10)).unwrap(),
        vec![],
        "a round that has passed counts down no more"
    );
    assert_eq!(countdowns(&db, now).unwrap().len(), 1);
}

#[test]
fn drift_flags_a_worse_stance_and_moving_away_since_the_review() {
    let start = at(1, 5, 8);
    let mut db = db(true, start);
    let (map, dana, sam) = round_map(&mut db, start);
    let lee = person(&mut db, "Lee", start);
    maps::place(
        &mut db,
        &map,
        &lee,
        Position::new(0.3, 0.3),
        Some(Stance::Neutral),
        start,
    )
    .unwrap();
    maps::set_desired(&mut db, &map, &dana, Some(Position::new(0.9, 0.9)), start).unwrap();
    maps::set_desired(&mut db, &map, &lee, Some(Position::new(0.9, 0.9)), start).unwrap();
    // The review is done on Friday 9 January.
    let review = at(1, 9, 17);
    reminders::complete(&mut db, &weekly_review_subject(), review).unwrap();
    assert_eq!(last_review(&db).unwrap(), Some(review));
    let later = at(1, 12, 10);
    // Dana cools from supporter to skeptic; Sam moves (no need set); Lee comes closer.
    maps::set_stance(&mut db, &map, &dana, Stance::Skeptic, later).unwrap();
    maps::place(&mut db, &map, &sam, Position::new(0.5, 0.5), None, later).unwrap();
    maps::place(&mut db, &map, &lee, Position::new(0.6, 0.6), None, later).unwrap();
    let report = drift_on_map(&db, &map, at(1, 13, 10)).unwrap();
    assert!(report.since_review, "measured from the review");
    assert_eq!(report.since, review);
    let names: Vec<&str> = report.people.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Dana"], "Lee came closer and Sam has no need set");
    assert!(report.people[0].stance_worse && !report.people[0].moved_away);

    // The user now says where they need Sam: near where Sam stood at the review, so Sam's
    // move since took them away from it.
    maps::set_desired(
        &mut db,
        &map,
        &sam,
        Some(Position::new(0.95, 0.1)),
        at(1, 14, 10),
    )
    .unwrap();
    let report = drift(&db, at(1, 14, 11)).unwrap();
    let sam_drift = report.people.iter().find(|d| d.name == "Sam").unwrap();
    assert!(
        sam_drift.moved_away,
        "Sam moved away from the need: {sam_drift:?}"
    );
    assert!(!sam_drift.stance_worse, "a blocker stays a blocker");
    assert!(
        report.people.iter().all(|d| d.name != "Lee"),
        "Lee came closer"
    );

    // A new review resets the baseline: nothing has drifted since.
    reminders::complete(&mut db, &weekly_review_subject(), at(1, 16, 17)).unwrap();
    assert!(
        drift(&db, at(1, 16, 18)).unwrap().people.is_empty(),
        "nothing changed since"
    );
}

#[test]
fn without_a_review_drift_looks_back_a_week() {
    let start = at(1, 5, 8);
    let mut db = db(false, start);
    let (map, dana, _) = round_map(&mut db, start);
    maps::set_stance(&mut db, &map, &dana, Stance::Blocker, at(1, 20, 10)).unwrap();
    let report = drift(&db, at(1, 21, 10)).unwrap();
    assert!(!report.since_review);
    assert_eq!(report.since, at(1, 14, 10));
    assert_eq!(
        report.people.len(),
        1,
        "Dana turned against it within the week"
    );
    let report = drift(&db, at(2, 21, 10)).unwrap();
    assert!(report.people.is_empty(), "a month later it is old news");
}

#[test]
fn the_brief_holds_what_to_read_before_a_one_on_one() {
    let start = at(1, 5, 8);
    let mut db = db(false, start);
    let (map, dana, _) = round_map(&mut db, start);
    maps::set_desired(&mut db, &map, &dana, Some(Position::new(0.9, 0.3)), start).unwrap();
    let profile = Profile {
        motivations: "Shipping the platform\non time".into(),
        success_90: "Two teams on the new stack".into(),
        pitch: "Your platform, my migration plan".into(),
        needs_from_me: "Early warning of slips".into(),
        leadership_style: "Hands-off, wants options".into(),
        info_format: "One slide".into(),
        info_length: Some(InfoLength::Short),
        info_style: Some(InfoStyle::Data),
        ..Profile::default()
    };
    profiles::save(&mut db, &dana, &profile, start).unwrap();
    for n in 1..=6 {
        met(&mut db, &dana, at(1, 5 + n, 10), &format!("Talk {n}"));
    }
    let now = at(1, 20, 10);
    for (owner, what) in [
        (Owner::Mine, "Send the design"),
        (Owner::Theirs, "Intro to Kim"),
    ] {
        let input = PromiseInput {
            person_id: dana.clone(),
            owner,
            description: what.into(),
            due_on: String::new(),
        };
        promises::make(&mut db, &input, now, day(1, 20)).unwrap();
    }
    let kept = PromiseInput {
        person_id: dana.clone(),
        owner: Owner::Mine,
        description: "Old promise".into(),
        due_on: String::new(),
    };
    let kept = promises::make(&mut db, &kept, now, day(1, 20)).unwrap().id;
    promises::set_status(&mut db, &kept, PromiseStatus::Kept, now, day(1, 20)).unwrap();
    for (direction, what) in [
        (Direction::ByThem, "Reviewed my doc"),
        (Direction::ByMe, "Covered on-call"),
    ] {
        let input = FavourInput {
            person_id: dana.clone(),
            direction,
            description: what.into(),
        };
        favours::record(&mut db, &input, now).unwrap();
    }

    let b = brief(&db, &dana, now).unwrap();
    assert_eq!(b.made_on, day(1, 20));
    let notes: Vec<&str> = b.interactions.iter().map(|i| i.notes.as_str()).collect();
    assert_eq!(
        notes,
        ["Talk 6", "Talk 5", "Talk 4", "Talk 3", "Talk 2"],
        "the 5 latest, newest first"
    );
    assert_eq!(b.promises_mine.len(), 1, "a kept promise is not open");
    assert_eq!(b.promises_theirs[0].description, "Intro to Kim");
    assert_eq!(b.favours_by_them[0].description, "Reviewed my doc");
    assert_eq!(b.favours_by_me[0].description, "Covered on-call");
    assert_eq!(b.maps.len(), 1);
    assert_eq!(b.maps[0].stance, Stance::Supporter);
    assert_eq!(b.maps[0].target_date, Some(day(3, 30)));

    let text = brief_text(&b);
    for expected in [
        "Meeting brief: Dana",
        "Cares about: Shipping the platform\n  on time",
        "At 90 days: Two teams on the new stack",
        "Needs from you: Early warning of slips",
        "How they work\n  Leadership style: Hands-off, wants options\n  How they like information: One slide, short, numbers first",
        "Talk 6",
        "Send the design",
        "Intro to Kim",
        "Reviewed my doc",
        "Covered on-call",
        "Promotion to staff: supporter, manage closely (you need them in keep satisfied); round on 2026-03-30",
        "Your pitch\n  Your platform, my migration plan",
    ] {
        assert!(text.contains(expected), "the brief says {expected:?}:\n{text}");
    }
    assert!(
        !text.contains("Talk 1"),
        "only the latest five interactions"
    );
    let only_length = Profile {
        info_length: Some(InfoLength::Detailed),
        ..Profile::default()
    };
    let bare = brief_text(&Brief {
        profile: only_length,
        ..b.clone()
    });
    assert!(
        bare.contains("How they work\n  How they like information: detailed\n"),
        "a part filled alone is said alone, the others left out:\n{bare}"
    );
    assert!(
        !bare.contains("Leadership style"),
        "an empty field is left out"
    );
    assert!(
        !brief_text(&Brief {
            profile: Profile::default(),
            ..b.clone()
        })
        .contains("How they work"),
        "no heading while nothing is known of how they work"
    );
    assert_eq!(
        brief_file_name(&b),
        "Allies brief - Dana - 2026-01-20.txt",
        "the save dialog proposes a name that says what and who"
    );
    assert!(
        !text.contains("Old promise"),
        "closed promises are left out"
    );
    assert!(
        matches!(
            brief(&db, "nobody", now),
            Err(crate::Error::PersonNotFound { .. })
        ),
        "an unknown person is a clear error"
    );
}

/// The countdown and the brief name the open asks, the forums with nobody to speak for the
/// user, and the wins nobody has heard of; a win told and an ask agreed leave those lists.
#[test]
fn the_countdown_and_the_brief_name_asks_forums_and_wins() {
    use crate::asks::{self, forums, AskInput, AskKind, AskStatus};
    use crate::wins::{self, How, ShareInput, WinInput};

    let t0 = at(3, 2, 9);
    let mut db = db(false, t0);
    let (map, dana, sam) = round_map(&mut db, t0);
    let panel = forums::add(
        &mut db,
        &forums::ForumInput {
            name: "Promotion panel".into(),
            decides: "Promotions".into(),
            map_id: Some(map.clone()),
            members: vec![sam.clone()],
        },
        t0,
    )
    .unwrap();
    let ask = asks::add(
        &mut db,
        &AskInput {
            person_id: sam.clone(),
            kind: AskKind::Advocate,
            map_id: Some(map.clone()),
            forum_id: Some(panel.id.clone()),
            what: "Speak for the migration work".into(),
        },
        t0,
    )
    .unwrap();
    let win = wins::create(
        &mut db,
        &WinInput {
            title: "Shipped the migration".into(),
            won_on: "2026-02-20".into(),
            map_id: Some(map.clone()),
            ..WinInput::default()
        },
        t0,
    )
    .unwrap();

    let c = countdown(&db, &map, t0).unwrap().unwrap();
    assert_eq!(c.open_asks.as_deref().map(<[_]>::len), Some(1));
    assert_eq!(
        c.forums_without_advocate,
        Some(vec!["Promotion panel".to_owned()])
    );
    assert_eq!(
        c.wins_not_shared,
        Some(vec!["Shipped the migration".to_owned()])
    );
    let said = c.gap_sentences().join(" ");
    assert!(
        said.contains("Asks still open: Sam.")
            && said.contains("No one speaks for you in: Promotion panel.")
            && said.contains("Wins nobody has heard of: Shipped the migration."),
        "{said}"
    );
    let b = brief(&db, &sam, t0).unwrap();
    assert_eq!(
        b.open_asks,
        Some(vec![
            "an advocate: Speak for the migration work, for Promotion to staff (approached)"
                .to_owned()
        ])
    );
    assert_eq!(b.wins_known, Some(Vec::new()));

    wins::tell(
        &mut db,
        &win.win.id,
        &ShareInput {
            person_id: dana.clone(),
            shared_on: "2026-03-01".into(),
            how: How::Demo,
        },
        t0,
    )
    .unwrap();
    asks::move_to(&mut db, &ask.id, AskStatus::Asked, t0).unwrap();
    asks::move_to(&mut db, &ask.id, AskStatus::Agreed, t0).unwrap();
    let c = countdown(&db, &map, t0).unwrap().unwrap();
    assert_eq!(
        c.open_asks,
        Some(Vec::new()),
        "an agreed ask is no longer open"
    );
    assert_eq!(
        c.forums_without_advocate,
        Some(Vec::new()),
        "Sam speaks for you there"
    );
    assert_eq!(c.wins_not_shared, Some(Vec::new()), "Dana heard of it");
    assert_eq!(
        brief(&db, &dana, t0).unwrap().wins_known,
        Some(vec![
            "Shipped the migration (told on 2026-03-01, at a demo)".to_owned()
        ])
    );
}
