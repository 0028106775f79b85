//! Tests of people's dates: reading them, storing them, and reminding on the day at a fixed
//! clock, across daylight-saving changes and 29 February.

use std::collections::HashMap;

use chrono::TimeZone;

use super::*;
use crate::people::{self, PersonInput};
use crate::reminders::schedule::{plan, Kind};
use crate::reminders::settings::{self, ReminderSettings};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn db_with_dana() -> (Database, String) {
    let mut db = Database::open_in_memory().unwrap();
    let dana = people::add(
        &mut db,
        &PersonInput::named("Dana Ng"),
        utc(2026, 1, 5, 10, 0),
    )
    .unwrap();
    (db, dana.id)
}

fn input(kind: DateKind, date: &str, remind: Option<bool>) -> PersonDateInput {
    PersonDateInput {
        kind,
        date: date.into(),
        remind,
    }
}

/// Berlin, reminders at 09:00, quiet from 20:00 to 08:00, birthdays on for everyone.
fn berlin(db: &mut Database, birthdays: bool) -> ReminderSettings {
    let s = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        birthday_reminders: birthdays,
        ..ReminderSettings::default()
    };
    settings::save(db, &s, utc(2026, 1, 5, 10, 0)).unwrap()
}

/// The date reminders a plan at `at` shows that fell due in the 30 hours before it (an older
/// one, never answered, is still pending and would show too: catch-up).
fn shown_on(db: &Database, s: &ReminderSettings, at: DateTime<Utc>) -> Vec<String> {
    let rules = crate::reminders::rules(db, at, s).unwrap();
    plan(at, &rules, &HashMap::new(), &s.quiet())
        .show
        .into_iter()
        .filter(|d| d.kind == Kind::ImportantDate && at - d.due < chrono::Duration::hours(30))
        .map(|d| format!("{} {}", d.title, d.due.format("%Y-%m-%dT%H:%MZ")))
        .collect()
}

#[test]
fn days_are_read_with_or_without_a_year_as_address_books_write_them() {
    let day = |y, m, d| {
        Some(PartialDay {
            month: m,
            day: d,
            year: y,
        })
    };
    assert_eq!(parse_day("1985-04-12"), day(Some(1985), 4, 12));
    assert_eq!(
        parse_day("19850412"),
        day(Some(1985), 4, 12),
        "vCard 3 basic format"
    );
    assert_eq!(
        parse_day("--0412"),
        day(None, 4, 12),
        "vCard 4 day without a year"
    );
    assert_eq!(parse_day("--04-12"), day(None, 4, 12));
    assert_eq!(parse_day("04-12"), day(None, 4, 12));
    assert_eq!(
        parse_day("1985-04-12T00:00:00Z"),
        day(Some(1985), 4, 12),
        "a time is ignored"
    );
    assert_eq!(
        parse_day("--0229"),
        day(None, 2, 29),
        "29 February stands without a year"
    );
    for bad in [
        "",
        "1985-02-29",
        "--1332",
        "12/04/1985",
        "ééééééé8",
        "--04",
        "1985-4",
    ] {
        assert_eq!(parse_day(bad), None, "{bad:?} names no day");
    }
}

#[test]
fn a_date_is_set_replaced_and_removed_and_a_bad_one_names_its_field() {
    let (mut db, dana) = db_with_dana();
    let now = utc(2026, 2, 1, 10, 0);
    set(
        &mut db,
        &dana,
        &input(DateKind::StartDate, "2019-09-02", None),
        now,
    )
    .unwrap();
    let dates = set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", Some(true)),
        now,
    )
    .unwrap();
    assert_eq!(
        dates.iter().map(PersonDate::iso).collect::<Vec<_>>(),
        ["--04-12", "2019-09-02"],
        "birthday first, a missing year stays missing"
    );
    let dates = set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "1985-04-12", None),
        now,
    )
    .unwrap();
    assert_eq!(
        dates[0].year,
        Some(1985),
        "the same kind is replaced, not added"
    );
    assert_eq!(dates.len(), 2);
    match set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "31 April", None),
        now,
    ) {
        Err(Error::Invalid {
            code,
            field,
            message,
        }) => {
            assert_eq!((code, field), ("dates.bad_date", "date"));
            assert!(
                message.contains("31 April"),
                "the message quotes the input: {message}"
            );
        }
        other => panic!("a day that does not exist is refused, got {other:?}"),
    }
    let dates = remove(&mut db, &dana, DateKind::Birthday).unwrap();
    assert_eq!(dates.len(), 1, "only the start date is left");
    assert!(matches!(
        set(
            &mut db,
            "nobody",
            &input(DateKind::Birthday, "--04-12", None),
            now
        ),
        Err(Error::PersonNotFound { .. })
    ));
}

#[test]
fn birthdays_remind_only_when_asked_for_everyone_or_for_the_person() {
    let (mut db, dana) = db_with_dana();
    let set_on = utc(2026, 2, 1, 10, 0);
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", None),
        set_on,
    )
    .unwrap();
    let day = utc(2026, 4, 12, 7, 30); // 09:30 in Berlin (summer time)
    let s = berlin(&mut db, false);
    assert!(
        shown_on(&db, &s, day).is_empty(),
        "birthdays are off by default"
    );
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", Some(true)),
        set_on,
    )
    .unwrap();
    assert_eq!(
        shown_on(&db, &s, day),
        ["Dana Ng’s birthday 2026-04-12T07:00Z"],
        "the person's own choice turns it on, at 09:00 Berlin time"
    );
    let s = berlin(&mut db, true);
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", Some(false)),
        set_on,
    )
    .unwrap();
    assert!(
        shown_on(&db, &s, day).is_empty(),
        "and off, whatever the setting for everyone"
    );
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", None),
        set_on,
    )
    .unwrap();
    assert_eq!(
        shown_on(&db, &s, day).len(),
        1,
        "the setting for everyone applies"
    );
    assert!(
        shown_on(&db, &s, utc(2026, 4, 12, 6, 30)).is_empty(),
        "not before the morning"
    );
}

#[test]
fn the_same_local_morning_on_both_sides_of_a_daylight_saving_change() {
    let (mut db, dana) = db_with_dana();
    let s = berlin(&mut db, true);
    let set_on = utc(2026, 1, 10, 10, 0);
    // Clocks go forward in Berlin on 29 March 2026 and back on 25 October 2026.
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--03-29", None),
        set_on,
    )
    .unwrap();
    set(
        &mut db,
        &dana,
        &input(DateKind::Anniversary, "2015-10-25", None),
        set_on,
    )
    .unwrap();
    assert_eq!(
        shown_on(&db, &s, utc(2026, 3, 29, 7, 0)),
        ["Dana Ng’s birthday 2026-03-29T07:00Z"],
        "09:00 summer time is 07:00 UTC"
    );
    assert_eq!(
        shown_on(&db, &s, utc(2026, 10, 25, 8, 0)),
        ["Dana Ng’s work anniversary 2026-10-25T08:00Z"],
        "09:00 winter time is 08:00 UTC"
    );
}

#[test]
fn the_29th_of_february_reminds_on_the_28th_in_other_years() {
    let (mut db, dana) = db_with_dana();
    let s = berlin(&mut db, true);
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "1992-02-29", None),
        utc(2026, 1, 10, 10, 0),
    )
    .unwrap();
    assert_eq!(
        shown_on(&db, &s, utc(2027, 2, 28, 8, 30)),
        ["Dana Ng’s birthday 2027-02-28T08:00Z"],
        "2027 has no 29 February"
    );
    assert!(
        shown_on(&db, &s, utc(2028, 2, 28, 12, 0)).is_empty(),
        "a leap year keeps it for the 29th"
    );
    assert_eq!(
        shown_on(&db, &s, utc(2028, 2, 29, 8, 30)),
        ["Dana Ng’s birthday 2028-02-29T08:00Z"]
    );
}

#[test]
fn quiet_hours_hold_it_and_a_missed_day_is_caught_up_but_never_one_before_it_was_recorded() {
    let (mut db, dana) = db_with_dana();
    let mut s = berlin(&mut db, true);
    s.morning = "07:00".into();
    let s = settings::save(&mut db, &s, utc(2026, 1, 10, 10, 0)).unwrap();
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--06-10", None),
        utc(2026, 6, 10, 12, 0),
    )
    .unwrap();
    assert!(
        shown_on(&db, &s, utc(2026, 6, 10, 13, 0)).is_empty(),
        "a birthday recorded after its morning waits for next year"
    );
    let at_seven = utc(2027, 6, 10, 5, 0); // 07:00 in Berlin, inside quiet hours until 08:00
    let rules = crate::reminders::rules(&db, at_seven, &s).unwrap();
    let held = plan(at_seven, &rules, &HashMap::new(), &s.quiet());
    assert!(held.show.is_empty(), "quiet hours hold it");
    assert_eq!(
        held.held_until,
        Some(utc(2027, 6, 10, 6, 0)),
        "until 08:00 Berlin time"
    );
    assert_eq!(
        shown_on(&db, &s, utc(2027, 6, 11, 9, 0)),
        ["Dana Ng’s birthday 2027-06-10T05:00Z"],
        "the app was closed on the day: it shows the next time it looks"
    );
}

#[test]
fn a_deleted_person_has_no_date_reminders() {
    let (mut db, dana) = db_with_dana();
    let s = berlin(&mut db, true);
    set(
        &mut db,
        &dana,
        &input(DateKind::Birthday, "--04-12", None),
        utc(2026, 2, 1, 10, 0),
    )
    .unwrap();
    people::delete(&mut db, &dana, utc(2026, 3, 1, 10, 0)).unwrap();
    assert!(shown_on(&db, &s, utc(2026, 4, 12, 8, 0)).is_empty());
}

#[test]
fn setting_and_removing_a_date_are_single_steps_named_and_undone() {
    let (mut db, dana) = db_with_dana();
    let now = utc(2026, 2, 1, 10, 0);
    crate::history::record(&mut db, now, |db| {
        set(db, &dana, &input(DateKind::Birthday, "--04-12", None), now)
    })
    .unwrap();
    crate::history::record(&mut db, now, |db| {
        set(
            db,
            &dana,
            &input(DateKind::Birthday, "1985-04-12", Some(true)),
            now,
        )
    })
    .unwrap();
    crate::history::record(&mut db, now, |db| remove(db, &dana, DateKind::Birthday)).unwrap();
    let labels: Vec<String> = crate::history::recent(&db)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.label)
        .collect();
    assert_eq!(
        labels,
        [
            "Deleted Dana Ng’s birthday",
            "Edited Dana Ng’s birthday",
            "Added Dana Ng’s birthday"
        ],
        "Recent changes names each step in the user's words"
    );
    crate::history::undo(&mut db).unwrap();
    let back = list(&db, &dana).unwrap();
    assert_eq!(
        back[0].iso(),
        "1985-04-12",
        "undoing the removal brings the edited date back"
    );
    crate::history::undo(&mut db).unwrap();
    assert_eq!(
        list(&db, &dana).unwrap()[0].iso(),
        "--04-12",
        "and the edit before it"
    );
}
