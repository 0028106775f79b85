//! Career advocacy across modules, at a fixed clock: forum gaps on Insights, dates that matter
//! on the weekly Review page, a regular 1:1 answered by logging it, and forums in search.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::asks::forums::{self, ForumInput};
use allies_core::asks::{self, AskInput, AskKind, AskStatus};
use allies_core::dates::{self, DateKind, PersonDateInput};
use allies_core::journal::interactions::{self, Kind as Contact};
use allies_core::journal::profiles::{self, Profile};
use allies_core::maps::{self, MapInput};
use allies_core::network::insights;
use allies_core::people::{self, PersonInput};
use allies_core::reminders::offers::Offer;
use allies_core::reminders::schedule::Kind;
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::reminders::{self, Answer};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

/// A Berlin wall-clock time in 2026.
fn at(mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Berlin
        .with_ymd_and_hms(2026, mo, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// Berlin, no quiet hours, the weekly review off (its own rule is not what these look at).
fn world() -> (Database, String, String) {
    let mut db = Database::open_in_memory().unwrap();
    let s = ReminderSettings {
        time_zone: "Europe/Berlin".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    };
    settings::save(&mut db, &s, at(1, 5, 8)).unwrap();
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1, 5, 8))
        .unwrap()
        .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam Ruiz"), at(1, 5, 8))
        .unwrap()
        .id;
    (db, dana, sam)
}

fn forum(db: &mut Database, name: &str, map: Option<&str>, members: &[&str]) -> String {
    forums::add(
        db,
        &ForumInput {
            name: name.into(),
            decides: String::new(),
            map_id: map.map(str::to_owned),
            members: members.iter().map(|m| (*m).to_owned()).collect(),
        },
        at(1, 6, 9),
    )
    .unwrap()
    .id
}

#[test]
fn insights_name_each_forum_without_an_advocate_until_someone_on_it_agrees() {
    let (mut db, dana, sam) = world();
    let promo = maps::create(&mut db, &MapInput::named("Promotion"), at(1, 6, 9))
        .unwrap()
        .id;
    let old = maps::create(&mut db, &MapInput::named("Old goal"), at(1, 6, 9))
        .unwrap()
        .id;
    let panel = forum(&mut db, "Promotion panel", Some(&promo), &[&dana, &sam]);
    forum(&mut db, "Staff meeting", None, &[&sam]);
    forum(&mut db, "Old committee", Some(&old), &[&dana]);
    maps::set_archived(&mut db, &old, true, at(1, 7, 9)).unwrap();
    let names = |db: &Database| {
        insights::forum_gaps(db)
            .unwrap()
            .into_iter()
            .map(|f| f.forum.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&db),
        ["Promotion panel", "Staff meeting"],
        "every forum with no advocate is a gap, except one for a goal the user archived"
    );

    let ask = asks::add(
        &mut db,
        &AskInput {
            person_id: dana.clone(),
            kind: AskKind::Advocate,
            map_id: Some(promo.clone()),
            forum_id: Some(panel.clone()),
            what: "Speak for me at the panel".into(),
        },
        at(1, 8, 9),
    )
    .unwrap();
    assert_eq!(
        names(&db),
        ["Promotion panel", "Staff meeting"],
        "an ask not yet agreed closes no gap"
    );
    asks::move_to(&mut db, &ask.id, AskStatus::Asked, at(1, 9, 9)).unwrap();
    asks::move_to(&mut db, &ask.id, AskStatus::Agreed, at(1, 10, 9)).unwrap();
    assert_eq!(
        names(&db),
        ["Staff meeting"],
        "Dana agreed to speak at the panel: only the staff meeting is left"
    );
}

#[test]
fn the_review_page_lists_the_dates_that_matter_this_week_with_their_answer() {
    let (mut db, dana, sam) = world();
    let date = |kind, date: &str, remind| PersonDateInput {
        kind,
        date: date.into(),
        remind,
    };
    // Thursday 12 March 2026: Dana's birthday is Monday 16 March, Sam's anniversary in April.
    dates::set(
        &mut db,
        &dana,
        &date(DateKind::Birthday, "--03-16", Some(true)),
        at(1, 6, 9),
    )
    .unwrap();
    dates::set(
        &mut db,
        &sam,
        &date(DateKind::Anniversary, "2019-04-20", None),
        at(1, 6, 9),
    )
    .unwrap();
    let now = at(3, 12, 10);
    let page = reminders::review_page(&db, now).unwrap();
    let listed: Vec<(&str, &str, DateTime<Utc>)> = page
        .sections
        .important_dates
        .iter()
        .map(|i| (i.subject.as_str(), i.title.as_str(), i.due))
        .collect();
    let subject = format!("important_date:{dana}:birthday");
    assert_eq!(
        listed,
        [(subject.as_str(), "Dana Ng’s birthday", at(3, 16, 9))],
        "the birthday in the coming week shows, at 09:00 on the day; the April one does not"
    );
    assert_eq!(page.sections.important_dates[0].offers, [Offer::Done]);
    assert!(
        page.summary.contains("1 date that matters this week."),
        "the summary counts it: {}",
        page.summary
    );

    // Answered on the day (wish sent), it leaves the page until next year.
    reminders::complete(&mut db, &subject, at(3, 16, 10)).unwrap();
    let page = reminders::review_page(&db, at(3, 16, 11)).unwrap();
    assert!(page.sections.important_dates.is_empty());
    assert!(!page.summary.contains("date that matters"));

    // A week before the anniversary (reminders for work dates are on for everyone by default).
    let page = reminders::review_page(&db, at(4, 14, 10)).unwrap();
    let titles: Vec<&str> = page
        .sections
        .important_dates
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(titles, ["Sam Ruiz’s work anniversary"]);
}

#[test]
fn a_regular_one_on_one_is_answered_by_logging_the_one_on_one_in_one_step() {
    let (mut db, dana, sam) = world();
    let every_two_weeks = Profile {
        one_on_one_weeks: Some(2),
        ..Profile::default()
    };
    profiles::save(&mut db, &dana, &every_two_weeks, at(2, 2, 9)).unwrap();
    let subject = format!("regular_one_on_one:{dana}");
    let now = at(2, 17, 10);
    let item = reminders::overview(&db, now)
        .unwrap()
        .overdue
        .into_iter()
        .find(|i| i.subject == subject)
        .expect("two weeks after the rhythm was agreed, the 1:1 is due");
    assert_eq!(item.kind, Kind::RegularOneOnOne);
    assert_eq!(
        item.offers,
        [Offer::LogOneOnOne, Offer::Done],
        "it offers to log the 1:1, or only to mark it done"
    );

    // Sam has the same rhythm; answering Dana's logs nothing with Sam.
    profiles::save(&mut db, &sam, &every_two_weeks, at(2, 2, 9)).unwrap();
    allies_core::history::record(&mut db, now, |db| {
        reminders::answer(
            db,
            &subject,
            &Answer::LoggedOneOnOne {
                note: "  Talked about the panel  ".into(),
            },
            now,
        )
    })
    .unwrap();
    let logged = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(logged.len(), 1, "one interaction is logged");
    assert_eq!(logged[0].kind, Contact::OneOnOne);
    assert_eq!(logged[0].occurred_at, now);
    assert_eq!(logged[0].notes, "Talked about the panel");
    assert!(
        interactions::timeline(&db, &sam, 10).unwrap().is_empty(),
        "only with the reminder's person"
    );
    let overview = reminders::overview(&db, at(2, 20, 10)).unwrap();
    assert!(
        !overview.overdue.iter().any(|i| i.subject == subject),
        "answered, it is not due again until two weeks after the 1:1"
    );
    assert!(
        overview.overdue.iter().any(|i| i.subject.ends_with(&sam)),
        "Sam's is still due"
    );

    // Undo takes the 1:1 and the answer back together: one step.
    allies_core::history::undo(&mut db).unwrap();
    assert!(interactions::timeline(&db, &dana, 10).unwrap().is_empty());
    assert!(reminders::overview(&db, at(2, 17, 12))
        .unwrap()
        .overdue
        .iter()
        .any(|i| i.subject == subject));

    // Other reminders do not take the answer.
    let err = reminders::answer(
        &mut db,
        &format!("keep_in_touch:{dana}"),
        &Answer::LoggedOneOnOne {
            note: String::new(),
        },
        now,
    );
    assert!(err.is_err(), "keeping in touch is answered by Got in touch");
}

#[test]
fn forums_are_found_by_name_purpose_and_who_sits_on_them_and_follow_every_change() {
    let (mut db, dana, sam) = world();
    let input = ForumInput {
        name: "Promotion panel".into(),
        decides: "Levels and calibration".into(),
        map_id: None,
        members: vec![dana.clone()],
    };
    let panel = forums::add(&mut db, &input, at(1, 6, 9)).unwrap();
    let found = |db: &Database, q: &str| -> Vec<String> {
        allies_core::search::search(db, q)
            .unwrap()
            .forums
            .into_iter()
            .map(|f| f.name)
            .collect()
    };
    assert_eq!(found(&db, "panel"), ["Promotion panel"], "by its name");
    assert_eq!(
        found(&db, "calib"),
        ["Promotion panel"],
        "by what it decides"
    );
    assert_eq!(found(&db, "dana"), ["Promotion panel"], "by who sits on it");
    assert!(found(&db, "sam").is_empty(), "Sam is not on it");
    let hit = &allies_core::search::search(&db, "calib").unwrap().forums[0];
    assert_eq!(hit.id, panel.id, "the hit names its forum, to open it");
    assert!(
        hit.snippet.contains("\u{E000}calibration\u{E001}"),
        "the matched word is marked: {}",
        hit.snippet
    );

    // Sam joins, Dana leaves: the index follows who sits on it.
    forums::edit(
        &mut db,
        &panel.id,
        &ForumInput {
            members: vec![sam.clone()],
            ..input.clone()
        },
        at(1, 7, 9),
    )
    .unwrap();
    assert_eq!(found(&db, "ruiz"), ["Promotion panel"]);
    assert!(found(&db, "dana").is_empty());

    // A member renamed is found by the new name; a member deleted is not found at all.
    people::update(
        &mut db,
        &sam,
        &PersonInput::named("Samira Ruiz"),
        at(1, 8, 9),
    )
    .unwrap();
    assert_eq!(found(&db, "samira"), ["Promotion panel"]);
    people::delete(&mut db, &sam, at(1, 9, 9)).unwrap();
    assert!(found(&db, "samira").is_empty(), "a deleted member is out");
    people::restore(&mut db, &sam).unwrap();
    assert_eq!(
        found(&db, "samira"),
        ["Promotion panel"],
        "and back on restore"
    );

    // Deleted, the forum is not found; undone, it is again.
    allies_core::history::record(&mut db, at(1, 10, 9), |db| {
        forums::delete(db, &panel.id, at(1, 10, 9))
    })
    .unwrap();
    assert!(found(&db, "panel").is_empty());
    allies_core::history::undo(&mut db).unwrap();
    assert_eq!(found(&db, "panel"), ["Promotion panel"]);
    assert_eq!(
        allies_core::search::search(&db, "panel").unwrap().len(),
        1,
        "counted with the other hits"
    );
}

#[test]
fn log_the_one_on_one_on_its_pop_up_logs_it() {
    use allies_core::reminders::popup::{click, Button};
    let (mut db, dana, _) = world();
    let weekly = Profile {
        one_on_one_weeks: Some(1),
        ..Profile::default()
    };
    profiles::save(&mut db, &dana, &weekly, at(3, 2, 9)).unwrap();
    let subject = format!("regular_one_on_one:{dana}");
    let button = Button::from_key("log_one_on_one").expect("the pop-up's key is understood");
    click(&mut db, Some(&subject), Some(&dana), button, at(3, 9, 10)).unwrap();
    let logged = interactions::timeline(&db, &dana, 10).unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].kind, Contact::OneOnOne);
}
