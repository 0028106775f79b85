//! Dates reach the UI as ISO 8601 in fields of their own, never written into English text: the
//! UI writes them in the user's locale (issue 18, "dates and times in one style everywhere").
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::conflicts::{self, ConflictInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind as Met};
use allies_core::journal::promises::{self, Owner, PromiseInput};
use allies_core::maps::{self, MapInput, Position};
use allies_core::network::groups::{self, GroupInput};
use allies_core::network::insights;
use allies_core::people::{self, PersonInput};
use allies_core::reminders::schedule::{Kind, Notice};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::reminders::{self, DateMeaning};
use allies_core::Database;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::Value;

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn at(mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    BERLIN
        .with_ymd_and_hms(2026, mo, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every English month name or three-letter abbreviation found as a word in `text`.
fn month_words(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .filter(|w| {
            MONTHS
                .iter()
                .any(|m| **w == *m || (w.len() == 3 && m.starts_with(**w)))
        })
        .map(|w| (*w).to_owned())
        .collect()
}

/// A user with one of everything that has a date: a mapped ally last met on 2 Nov, a promise due
/// 5 Dec, a conflict to settle by 4 Dec, a group last visited on 1 Aug, a favour to thank.
fn workspace() -> Database {
    let mut db = Database::open_in_memory().unwrap();
    let settings = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: true,
        ..ReminderSettings::default()
    };
    let start = at(7, 1, 9);
    settings::save(&mut db, &settings, start).unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), start)
        .unwrap()
        .id;
    let map = maps::create(&mut db, &MapInput::named("Promotion"), start)
        .unwrap()
        .id;
    maps::place(&mut db, &map, &dana, Position::new(0.9, 0.9), None, start).unwrap();
    // 23:30 in Berlin is already the next day in UTC: the date the UI gets is Berlin's.
    interactions::log(
        &mut db,
        &InteractionInput {
            occurred_at: Some(at(11, 2, 23) + chrono::Duration::minutes(30)),
            kind: Met::Coffee,
            people: vec![dana.clone()],
            notes: String::new(),
            follow_up: String::new(),
        },
        at(11, 3, 9),
    )
    .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    promises::make(
        &mut db,
        &PromiseInput {
            person_id: dana.clone(),
            owner: Owner::Mine,
            description: "the Q3 deck".into(),
            due_on: "2026-12-05".into(),
        },
        at(11, 3, 9),
        today,
    )
    .unwrap();
    conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: dana.clone(),
            description: "Disagreed on the launch".into(),
            resolve_by: "2026-12-04".into(),
        },
        at(11, 3, 9),
        today,
    )
    .unwrap();
    let meetup = groups::add(
        &mut db,
        &GroupInput {
            name: "Rust Berlin meetup".into(),
            note: String::new(),
            category: None,
        },
        start,
    )
    .unwrap();
    groups::attend(
        &mut db,
        &meetup.id,
        "2026-08-01",
        "",
        at(8, 1, 20),
        NaiveDate::from_ymd_opt(2026, 8, 1).unwrap(),
    )
    .unwrap();
    db
}

#[test]
fn reminders_carry_their_date_as_an_iso_day_beside_text_without_month_names() {
    let db = workspace();
    // Far enough on for everything to be due, and listed in one overview.
    let now = at(12, 20, 10);
    let overview = reminders::overview(&db, now).unwrap();
    let json = serde_json::to_string(&overview).unwrap();
    assert!(
        month_words(&json).is_empty(),
        "no English month in the overview: {:?} in {json}",
        month_words(&json)
    );
    let items: Vec<Value> = serde_json::from_str::<Value>(&json).unwrap()["overdue"]
        .as_array()
        .unwrap()
        .clone();
    let dated = |kind: &str| {
        let item = items
            .iter()
            .find(|i| i["kind"] == kind)
            .unwrap_or_else(|| panic!("a {kind} reminder is overdue: {json}"));
        (
            item["dated"].clone(),
            item["body"].as_str().unwrap().to_owned(),
        )
    };
    let (promise, body) = dated("promise");
    assert_eq!(
        promise,
        serde_json::json!({ "meaning": "due", "on": "2026-12-05" }),
        "the promise's due day as ISO"
    );
    assert!(
        !body.contains("2026") && !body.contains("Due"),
        "the body leaves the date to the UI: {body}"
    );
    assert_eq!(
        dated("conflict").0,
        serde_json::json!({ "meaning": "settle_by", "on": "2026-12-04" })
    );
    assert_eq!(
        dated("keep_in_touch").0,
        serde_json::json!({ "meaning": "last_spoke", "on": "2026-11-02" }),
        "the day of the last contact in the user's time zone, not UTC's 3 November"
    );
    assert_eq!(
        dated("group").0,
        serde_json::json!({ "meaning": "last_went", "on": "2026-08-01" })
    );
    assert_eq!(
        dated("weekly_review").0,
        Value::Null,
        "a reminder about no one day has no date"
    );

    let page = reminders::review_page(&db, now).unwrap();
    let json = serde_json::to_string(&page).unwrap();
    assert!(
        month_words(&json).is_empty(),
        "no English month on the Review page: {json}"
    );
}

#[test]
fn insights_send_instants_and_days_never_month_names() {
    let db = workspace();
    let now = at(12, 20, 10);
    let map = maps::list(&db, false).unwrap()[0].id.clone();
    let whole = serde_json::json!({
        "coverage": insights::coverage(&db).unwrap(),
        "going_cold": insights::going_cold(&db, now).unwrap(),
        "visibility_gap": insights::visibility_gap(&db, now).unwrap(),
        "reciprocity": insights::reciprocity(&db, now).unwrap(),
        "review": insights::review(&db, &map, now).unwrap(),
        "groups": groups::list(&db).unwrap(),
    })
    .to_string();
    assert!(
        month_words(&whole).is_empty(),
        "no English month in Insights: {:?} in {whole}",
        month_words(&whole)
    );
    assert!(
        whole.contains("\"last_attended\":\"2026-08-01\""),
        "a group's last visit is an ISO day: {whole}"
    );
}

#[test]
fn a_pop_up_writes_the_date_as_an_iso_day_with_no_locale_to_follow() {
    let mut db = workspace();
    // The morning the promise is due: it, and the conflict a day older, fire.
    let firing = reminders::fire_due(&mut db, at(12, 5, 9)).unwrap();
    let promise = firing
        .notices
        .iter()
        .flat_map(|n| match n {
            Notice::One(d) => vec![d.clone()],
            Notice::Summary(all) => all.clone(),
        })
        .find(|d| d.kind == Kind::Promise)
        .expect("the promise fires on its day");
    let popup = reminders::notification(&Notice::One(promise.clone()));
    assert_eq!(
        promise.dated.map(|d| d.meaning),
        Some(DateMeaning::Due),
        "the due item keeps its date"
    );
    assert!(
        popup.body.ends_with("Due 2026-12-05."),
        "the pop-up says the day the same in every locale: {}",
        popup.body
    );
    assert!(month_words(&popup.body).is_empty(), "{}", popup.body);
}

#[test]
fn the_month_scan_finds_what_it_looks_for() {
    assert_eq!(month_words("You last spoke on 5 Dec"), ["Dec"]);
    assert_eq!(month_words("{\"t\":\"3 November\"}"), ["November"]);
    assert!(
        month_words("Decide; Marching; Mayor; 2026-12-05").is_empty(),
        "only whole words count"
    );
}
