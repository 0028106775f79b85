//! The smaller things from the practice: giving public credit and endorsing count as giving, a
//! regular 1:1 keeps a repeating reminder, and one professional group is the focus.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use std::collections::HashMap;

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind as Met};
use allies_core::journal::profiles::{self, Profile};
use allies_core::network::groups::{self, GroupCategory, GroupInput};
use allies_core::network::insights;
use allies_core::people::{self, PersonInput};
use allies_core::reminders::schedule::{plan, Kind};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn at(mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, mo, d, h, 0, 0).unwrap()
}

fn with_dana() -> (Database, String) {
    let mut db = Database::open_in_memory().unwrap();
    let id = people::add(&mut db, &PersonInput::named("Dana"), at(1, 5, 9))
        .unwrap()
        .id;
    (db, id)
}

fn log(db: &mut Database, kind: Met, who: &str, when: DateTime<Utc>) {
    let input = InteractionInput {
        occurred_at: Some(when),
        kind,
        people: vec![who.to_owned()],
        notes: String::new(),
        follow_up: String::new(),
    };
    interactions::log(db, &input, when).unwrap();
}

#[test]
fn public_credit_and_endorsements_count_as_giving_in_the_balance() {
    let (mut db, dana) = with_dana();
    for day in [2, 3, 4] {
        let f = favours::record(
            &mut db,
            &FavourInput {
                person_id: dana.clone(),
                direction: Direction::ByThem,
                description: format!("Review {day}"),
            },
            at(2, day, 9),
        )
        .unwrap();
        favours::set_done(&mut db, &f.id, true, at(2, day, 10)).unwrap();
    }
    let now = at(3, 1, 9);
    let owed = insights::reciprocity(&db, now).unwrap().owed;
    assert_eq!(
        (owed.len(), owed[0].by_me),
        (1, 0),
        "three favours by Dana, none back"
    );
    log(&mut db, Met::GaveCredit, &dana, at(2, 10, 9));
    log(&mut db, Met::Endorsed, &dana, at(2, 11, 9));
    log(&mut db, Met::Coffee, &dana, at(2, 12, 9));
    let balance = favours::of_person(&db, &dana, now).unwrap().balance;
    assert_eq!(
        (balance.by_them, balance.by_me),
        (3, 2),
        "credit and an endorsement are two things given; a coffee is not"
    );
    assert!(
        insights::reciprocity(&db, now).unwrap().owed.is_empty(),
        "a difference of one is no longer out of balance"
    );
}

fn due_one_on_ones(db: &Database, s: &ReminderSettings, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let rules = allies_core::reminders::rules(db, now, s).unwrap();
    plan(now, &rules, &HashMap::new(), &s.quiet())
        .show
        .into_iter()
        .filter(|d| d.kind == Kind::RegularOneOnOne)
        .map(|d| d.due)
        .collect()
}

#[test]
fn a_regular_1_1_reminds_at_the_agreed_rhythm_counted_from_the_last_one() {
    let (mut db, dana) = with_dana();
    let s = ReminderSettings {
        time_zone: "UTC".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    };
    let s = settings::save(&mut db, &s, at(1, 5, 9)).unwrap();
    let every_two = Profile {
        one_on_one_weeks: Some(2),
        ..Profile::default()
    };
    profiles::save(&mut db, &dana, &every_two, at(3, 2, 15)).unwrap();
    assert!(
        due_one_on_ones(&db, &s, at(3, 16, 8)).is_empty(),
        "not before the morning"
    );
    assert_eq!(
        due_one_on_ones(&db, &s, at(3, 16, 9)),
        [at(3, 16, 9)],
        "two weeks after agreeing"
    );
    let mut edited = every_two.clone();
    edited.pitch = "Platform data".into();
    profiles::save(&mut db, &dana, &edited, at(3, 10, 9)).unwrap();
    assert_eq!(
        due_one_on_ones(&db, &s, at(3, 16, 9)),
        [at(3, 16, 9)],
        "editing another field does not move the rhythm"
    );
    log(&mut db, Met::OneOnOne, &dana, at(3, 20, 11));
    assert!(
        due_one_on_ones(&db, &s, at(4, 2, 12)).is_empty(),
        "a 1:1 was held"
    );
    assert_eq!(
        due_one_on_ones(&db, &s, at(4, 3, 9)),
        [at(4, 3, 9)],
        "two weeks after the last 1:1"
    );
    assert_eq!(
        due_one_on_ones(&db, &s, at(4, 17, 10)),
        [at(4, 17, 9)],
        "and every two weeks after that until one is logged"
    );
    profiles::save(&mut db, &dana, &Profile::default(), at(4, 17, 11)).unwrap();
    assert!(
        due_one_on_ones(&db, &s, at(5, 1, 10)).is_empty(),
        "no rhythm, no reminder"
    );
}

#[test]
fn one_group_is_the_focus_among_a_shortlist_with_a_category() {
    let mut db = Database::open_in_memory().unwrap();
    let now = at(1, 5, 9);
    let mut add = |name: &str, category| {
        groups::add(
            &mut db,
            &GroupInput {
                name: name.into(),
                note: String::new(),
                category,
            },
            now,
        )
        .unwrap()
        .id
    };
    let rust = add("Rust Berlin", Some(GroupCategory::Skill));
    let women = add("Women in Product", Some(GroupCategory::Affinity));
    let finance = add("Fintech Forum", None);
    groups::shortlist(&mut db, &rust, true, now).unwrap();
    groups::shortlist(&mut db, &women, true, now).unwrap();
    groups::focus_on(&mut db, Some(&rust), now).unwrap();
    let all = groups::focus_on(&mut db, Some(&finance), now).unwrap();
    let focus: Vec<&str> = all
        .iter()
        .filter(|g| g.focus)
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(focus, ["Fintech Forum"], "only one group is the focus");
    let shortlisted = all.iter().filter(|g| g.shortlisted).count();
    assert_eq!(shortlisted, 3, "the focus joins the shortlist");
    assert_eq!(
        groups::get(&db, &women).unwrap().category,
        Some(GroupCategory::Affinity)
    );
    let off = groups::shortlist(&mut db, &finance, false, now).unwrap();
    assert!(
        !off.focus && !off.shortlisted,
        "taken off the shortlist, it is no longer the focus"
    );
    assert!(groups::focus_on(&mut db, Some("nope"), now).is_err());
}
