//! The scheduler as a pure function of a fixed clock: daylight saving, sleeps, clocks moved
//! back, the 31st, quiet hours and snoozes.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use std::collections::HashMap;

use allies_core::reminders::offers;
use allies_core::reminders::schedule::{self, resolve, Kind, Notice, Quiet, Repeat, Rule};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    resolve(
        tz,
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap(),
    )
}

fn rule(subject: &str, first_due: DateTime<Utc>, repeat: Repeat) -> Rule {
    Rule {
        subject: subject.into(),
        kind: Kind::OneOff,
        person_id: None,
        title: format!("Reminder {subject}"),
        body: String::new(),
        dated: None,
        first_due,
        repeat,
        tz: BERLIN,
        done_through: None,
        snoozed_until: None,
        offers: offers::DONE,
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// No quiet hours at all.
fn never_quiet() -> Quiet {
    Quiet {
        tz: BERLIN,
        start: hm(0, 0),
        end: hm(0, 0),
        weekends: false,
        paused_until: None,
    }
}

fn nights() -> Quiet {
    Quiet {
        start: hm(20, 0),
        end: hm(8, 0),
        ..never_quiet()
    }
}

/// Runs the scheduler the way the shell does: show what is due and remember it.
struct Runner {
    shown: HashMap<String, DateTime<Utc>>,
    quiet: Quiet,
}

impl Runner {
    fn new(quiet: Quiet) -> Self {
        Runner {
            shown: HashMap::new(),
            quiet,
        }
    }

    fn at(&mut self, now: DateTime<Utc>, rules: &[Rule]) -> Vec<(String, DateTime<Utc>)> {
        let plan = schedule::plan(now, rules, &self.shown, &self.quiet);
        for due in &plan.show {
            self.shown.insert(due.subject.clone(), due.due);
        }
        plan.show.into_iter().map(|d| (d.subject, d.due)).collect()
    }
}

#[test]
fn a_skipped_local_time_fires_at_the_first_valid_instant() {
    // Berlin springs forward on 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    let naive = NaiveDate::from_ymd_opt(2026, 3, 29)
        .unwrap()
        .and_hms_opt(2, 30, 0)
        .unwrap();
    assert_eq!(resolve(BERLIN, naive), utc(2026, 3, 29, 1, 0));

    let daily = rule("a", local(BERLIN, 2026, 3, 28, 2, 30), Repeat::Days(1));
    assert_eq!(daily.first_due, utc(2026, 3, 28, 1, 30));
    let mut run = Runner::new(never_quiet());
    assert_eq!(
        run.at(utc(2026, 3, 28, 1, 30), std::slice::from_ref(&daily)),
        [("a".into(), utc(2026, 3, 28, 1, 30))]
    );
    assert_eq!(
        daily.next_due(utc(2026, 3, 28, 1, 30)),
        Some(utc(2026, 3, 29, 1, 0))
    );
    assert!(run
        .at(utc(2026, 3, 29, 0, 59), std::slice::from_ref(&daily))
        .is_empty());
    assert_eq!(
        run.at(utc(2026, 3, 29, 1, 0), std::slice::from_ref(&daily)),
        [("a".into(), utc(2026, 3, 29, 1, 0))],
        "the skipped 02:30 fires when the clocks jump to 03:00"
    );
    assert_eq!(
        daily.next_due(utc(2026, 3, 29, 1, 0)),
        Some(utc(2026, 3, 30, 0, 30)),
        "the next day it is 02:30 summer time again"
    );
}

#[test]
fn a_local_time_that_happens_twice_fires_once() {
    // Berlin falls back on 2026-10-25: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
    let daily = rule("b", local(BERLIN, 2026, 10, 24, 2, 30), Repeat::Days(1));
    let mut run = Runner::new(never_quiet());
    let mut fired = Vec::new();
    let mut now = utc(2026, 10, 24, 0, 0);
    while now < utc(2026, 10, 26, 12, 0) {
        fired.extend(run.at(now, std::slice::from_ref(&daily)));
        now += Duration::minutes(5);
    }
    assert_eq!(
        fired,
        [
            ("b".into(), utc(2026, 10, 24, 0, 30)),
            ("b".into(), utc(2026, 10, 25, 0, 30)),
            ("b".into(), utc(2026, 10, 26, 1, 30)),
        ],
        "once a day at 02:30 local, the first 02:30 on the day it repeats"
    );
}

#[test]
fn weekly_review_keeps_its_local_time_across_both_changes() {
    let friday = rule("w", local(BERLIN, 2026, 3, 20, 16, 0), Repeat::Weeks(1));
    assert_eq!(friday.first_due, utc(2026, 3, 20, 15, 0), "CET is UTC+1");
    assert_eq!(
        friday.next_due(utc(2026, 3, 20, 15, 0)),
        Some(utc(2026, 3, 27, 15, 0))
    );
    assert_eq!(
        friday.next_due(utc(2026, 3, 27, 15, 0)),
        Some(utc(2026, 4, 3, 14, 0)),
        "16:00 CEST is 14:00 UTC"
    );
    assert_eq!(
        friday.next_due(utc(2026, 10, 23, 14, 0)),
        Some(utc(2026, 10, 30, 15, 0)),
        "and back to 15:00 UTC after the autumn change"
    );
}

#[test]
fn monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() {
    let monthly = rule("m", local(BERLIN, 2027, 1, 31, 9, 0), Repeat::Months(1));
    let mut dues = Vec::new();
    let mut now = monthly.first_due - Duration::minutes(1);
    for _ in 0..14 {
        let next = monthly.next_due(now).unwrap();
        dues.push(
            next.with_timezone(&BERLIN)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        );
        now = next;
    }
    assert_eq!(
        dues,
        [
            "2027-01-31 09:00",
            "2027-02-28 09:00",
            "2027-03-31 09:00",
            "2027-04-30 09:00",
            "2027-05-31 09:00",
            "2027-06-30 09:00",
            "2027-07-31 09:00",
            "2027-08-31 09:00",
            "2027-09-30 09:00",
            "2027-10-31 09:00",
            "2027-11-30 09:00",
            "2027-12-31 09:00",
            "2028-01-31 09:00",
            "2028-02-29 09:00",
        ]
    );
}

#[test]
fn after_a_three_day_sleep_five_overdue_reminders_show_once_as_one_summary() {
    let rules: Vec<Rule> = (1..=5)
        .map(|i| rule(&format!("r{i}"), utc(2026, 11, 20, 9 + i, 0), Repeat::Never))
        .chain([rule("daily", utc(2026, 11, 19, 10, 0), Repeat::Days(1))])
        .collect();
    let mut run = Runner::new(never_quiet());
    assert_eq!(
        run.at(utc(2026, 11, 19, 10, 0), &rules).len(),
        1,
        "the daily one, before the sleep"
    );

    // The laptop sleeps from the 19th at 10:05 to the 22nd at 18:00.
    let woke = utc(2026, 11, 22, 18, 0);
    let plan = schedule::plan(woke, &rules, &run.shown, &never_quiet());
    assert_eq!(
        plan.show.len(),
        6,
        "five one-offs and today's daily, not three days of dailies"
    );
    assert_eq!(
        plan.show.iter().find(|d| d.subject == "daily").unwrap().due,
        utc(2026, 11, 22, 10, 0),
        "only the latest occurrence of a repeating reminder"
    );
    match schedule::notices(plan.show).as_slice() {
        [Notice::Summary(all)] => assert_eq!(all.len(), 6),
        other => panic!("more than three at once are one summary, got {other:?}"),
    }
    run.at(woke, &rules);
    assert!(
        run.at(woke + Duration::minutes(1), &rules).is_empty(),
        "shown once"
    );
    assert!(
        schedule::notices(vec![]).is_empty() && run.at(woke, &rules).is_empty(),
        "a restart at the same moment shows nothing again"
    );
}

#[test]
fn three_at_once_are_shown_one_by_one() {
    let rules: Vec<Rule> = (1..=3)
        .map(|i| rule(&format!("r{i}"), utc(2026, 11, 20, 9, i), Repeat::Never))
        .collect();
    let plan = schedule::plan(
        utc(2026, 11, 20, 10, 0),
        &rules,
        &HashMap::new(),
        &never_quiet(),
    );
    let notices = schedule::notices(plan.show);
    assert_eq!(notices.len(), 3);
    assert!(notices.iter().all(|n| matches!(n, Notice::One(_))));
}

#[test]
fn a_clock_moved_back_one_hour_never_repeats_a_reminder() {
    let rules = [
        rule("once", utc(2026, 11, 26, 9, 30), Repeat::Never),
        rule("daily", utc(2026, 11, 20, 9, 45), Repeat::Days(1)),
    ];
    let mut run = Runner::new(never_quiet());
    // Nothing ran on the 25th (laptop off), so yesterday's daily was never shown.
    assert_eq!(run.at(utc(2026, 11, 26, 10, 0), &rules).len(), 2);
    // The clock is set back an hour, and runs forward again through the same times.
    let mut now = utc(2026, 11, 26, 9, 0);
    while now <= utc(2026, 11, 26, 10, 30) {
        assert!(
            run.at(now, &rules).is_empty(),
            "nothing shows twice at {now}, and no older occurrence sneaks in"
        );
        now += Duration::minutes(1);
    }
    assert_eq!(
        run.at(utc(2026, 11, 27, 9, 45), &rules),
        [("daily".into(), utc(2026, 11, 27, 9, 45))],
        "the next real occurrence still comes"
    );
}

#[test]
fn quiet_hours_hold_pop_ups_until_they_end() {
    let late = [rule(
        "late",
        local(BERLIN, 2026, 11, 26, 21, 0),
        Repeat::Never,
    )];
    let mut run = Runner::new(nights());
    let at_nine = local(BERLIN, 2026, 11, 26, 21, 0);
    let plan = schedule::plan(at_nine, &late, &run.shown, &nights());
    assert!(plan.show.is_empty());
    let morning = local(BERLIN, 2026, 11, 27, 8, 0);
    assert_eq!(plan.held_until, Some(morning));
    assert_eq!(plan.next_wake, Some(morning));
    assert!(run.at(morning - Duration::minutes(1), &late).is_empty());
    assert_eq!(run.at(morning, &late), [("late".into(), at_nine)]);

    // Early morning is quiet too, until 08:00 the same day.
    let early = local(BERLIN, 2026, 11, 27, 6, 0);
    assert_eq!(nights().until(early), Some(morning));
    assert_eq!(nights().until(local(BERLIN, 2026, 11, 27, 12, 0)), None);
}

#[test]
fn quiet_weekends_wait_for_monday_morning_and_a_pause_holds_too() {
    let quiet = Quiet {
        weekends: true,
        ..nights()
    };
    // Saturday noon and Friday 22:00 both wait for Monday 08:00.
    let monday = local(BERLIN, 2026, 11, 30, 8, 0);
    assert_eq!(
        quiet.until(local(BERLIN, 2026, 11, 28, 12, 0)),
        Some(monday)
    );
    assert_eq!(
        quiet.until(local(BERLIN, 2026, 11, 27, 22, 0)),
        Some(monday)
    );
    assert_eq!(quiet.until(local(BERLIN, 2026, 11, 27, 15, 0)), None);

    let paused = Quiet {
        paused_until: Some(local(BERLIN, 2026, 11, 26, 20, 30)),
        ..nights()
    };
    assert_eq!(
        paused.until(local(BERLIN, 2026, 11, 26, 19, 0)),
        Some(local(BERLIN, 2026, 11, 27, 8, 0)),
        "a pause that ends in quiet hours waits for them to end too"
    );
    assert_eq!(
        paused.until(local(BERLIN, 2026, 11, 26, 15, 0)),
        Some(local(BERLIN, 2026, 11, 27, 8, 0)),
        "paused into the night: the night follows"
    );
    let short = Quiet {
        paused_until: Some(local(BERLIN, 2026, 11, 26, 16, 0)),
        ..nights()
    };
    assert_eq!(
        short.until(local(BERLIN, 2026, 11, 26, 15, 0)),
        Some(local(BERLIN, 2026, 11, 26, 16, 0))
    );
}

#[test]
fn a_snoozed_reminder_comes_back_when_the_snooze_ends_and_done_ones_stay_done() {
    let due = utc(2026, 11, 26, 9, 0);
    let mut daily = rule("s", due, Repeat::Days(1));
    let mut run = Runner::new(never_quiet());
    assert_eq!(run.at(due, std::slice::from_ref(&daily)).len(), 1);

    // Snoozed for a day and a half from 10:00.
    let until = utc(2026, 11, 27, 22, 0);
    daily.snoozed_until = Some(until);
    assert_eq!(daily.due_at(utc(2026, 11, 26, 10, 0)), None);
    assert_eq!(daily.next_due(utc(2026, 11, 26, 10, 0)), Some(until));
    assert!(
        run.at(utc(2026, 11, 27, 9, 0), std::slice::from_ref(&daily))
            .is_empty(),
        "the daily occurrence inside the snooze waits for it"
    );
    assert_eq!(
        run.at(until, std::slice::from_ref(&daily)),
        [("s".into(), until)]
    );
    assert_eq!(
        run.at(utc(2026, 11, 28, 9, 0), std::slice::from_ref(&daily)),
        [("s".into(), utc(2026, 11, 28, 9, 0))],
        "after the snooze the rhythm goes on"
    );

    daily.done_through = Some(utc(2026, 11, 28, 9, 5));
    assert_eq!(daily.due_at(utc(2026, 11, 28, 12, 0)), None, "done");
    assert_eq!(
        daily.next_due(utc(2026, 11, 28, 12, 0)),
        Some(utc(2026, 11, 29, 9, 0))
    );
}

#[test]
fn no_time_zone_and_no_hour_of_the_year_makes_the_scheduler_panic() {
    let zones = [
        BERLIN,
        chrono_tz::America::New_York,
        chrono_tz::Australia::Lord_Howe, // a half-hour change
        chrono_tz::Asia::Kolkata,
        chrono_tz::Pacific::Apia,     // skipped a whole day in 2011
        chrono_tz::America::Santiago, // changes at midnight
    ];
    for tz in zones {
        let mut rules = Vec::new();
        for (i, repeat) in [Repeat::Days(1), Repeat::Weeks(1), Repeat::Months(1)]
            .into_iter()
            .enumerate()
        {
            for minute in [0, 30, 59] {
                let mut r = rule(
                    &format!("{i}-{minute}"),
                    utc(2026, 1, 31, 0, minute),
                    repeat,
                );
                r.tz = tz;
                rules.push(r);
            }
        }
        let quiet = Quiet {
            tz,
            weekends: true,
            ..nights()
        };
        let mut run = Runner::new(quiet);
        let mut now = utc(2026, 1, 1, 0, 0);
        while now < utc(2027, 1, 1, 0, 0) {
            let plan = schedule::plan(now, &rules, &run.shown, &run.quiet);
            assert!(
                plan.next_wake.is_none_or(|w| w > now),
                "{tz}: the next wake is ahead at {now}"
            );
            run.at(now, &rules);
            now += Duration::minutes(97);
        }
    }
}
