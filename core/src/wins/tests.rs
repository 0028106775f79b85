//! Tests of wins, who heard of them, the gap and About me, at a fixed clock.

use chrono::{DateTime, TimeZone, Utc};

use super::about_me::{self, AboutMe};
use super::gap::{gaps, sentence};
use super::*;
use crate::error::WireError;
use crate::journal::profiles::{self, Level, Profile};
use crate::maps::{self, MapInput, Position, Stance};
use crate::network::{add_link, LinkInput, LinkKind, Strength};
use crate::people::{self, PersonInput};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn db() -> Database {
    Database::open_in_memory().unwrap()
}

fn person(db: &mut Database, name: &str, department: &str) -> String {
    let input = PersonInput {
        department: department.into(),
        ..PersonInput::named(name)
    };
    people::add(db, &input, now()).unwrap().id
}

fn map(db: &mut Database, name: &str) -> String {
    let input = MapInput {
        name: name.into(),
        description: String::new(),
        target_date: String::new(),
    };
    maps::create(db, &input, now()).unwrap().id
}

fn place(db: &mut Database, map: &str, person: &str, power: f64, stance: Stance) {
    let at = Position {
        power,
        interest: 0.5,
    };
    maps::place(db, map, person, at, Some(stance), now()).unwrap();
}

fn win(db: &mut Database, title: &str, won_on: &str, map_id: Option<&str>) -> String {
    let input = WinInput {
        title: title.into(),
        won_on: won_on.into(),
        map_id: map_id.map(str::to_owned),
        ..Default::default()
    };
    create(db, &input, now()).unwrap().win.id
}

fn tell_on(db: &mut Database, win: &str, person: &str, day: &str) {
    let input = ShareInput {
        person_id: person.into(),
        shared_on: day.into(),
        how: How::OneOnOne,
    };
    tell(db, win, &input, now()).unwrap();
}

#[test]
fn a_win_needs_a_title_a_day_and_a_real_link() {
    let mut db = db();
    // Each refusal on a database of its own, so nothing stored by one hides another.
    let bad = |input: WinInput| {
        create(&mut Database::open_in_memory().unwrap(), &input, now()).unwrap_err()
    };
    let base = WinInput {
        title: "Shipped search".into(),
        won_on: "2026-11-20".into(),
        ..Default::default()
    };
    let err = bad(WinInput {
        title: " \n".into(),
        ..base.clone()
    });
    assert_eq!(
        (err.code(), WireError::from(err).field.as_deref()),
        ("wins.title_required", Some("title"))
    );
    assert_eq!(
        bad(WinInput {
            won_on: String::new(),
            ..base.clone()
        })
        .code(),
        "wins.date_required"
    );
    assert_eq!(
        bad(WinInput {
            link: "javascript:alert(1)".into(),
            ..base.clone()
        })
        .code(),
        "wins.bad_link",
        "only web addresses may become a link the UI opens"
    );
    assert_eq!(
        bad(WinInput {
            map_id: Some("nope".into()),
            ..base.clone()
        })
        .code(),
        "wins.map_not_found"
    );
    let made = create(
        &mut db,
        &WinInput {
            link: "https://example.com/demo".into(),
            ..base
        },
        now(),
    )
    .unwrap();
    assert_eq!(made.win.title, "Shipped search");
    assert_eq!(list(&db).unwrap().len(), 1);
}

#[test]
fn wins_list_newest_first_and_edits_and_deletes_stick() {
    let mut db = db();
    let older = win(&mut db, "Older", "2026-01-02", None);
    let newer = win(&mut db, "Newer", "2026-10-02", None);
    let titles: Vec<String> = list(&db).unwrap().into_iter().map(|w| w.title).collect();
    assert_eq!(titles, ["Newer", "Older"], "the log reads newest first");
    let edited = update(
        &mut db,
        &older,
        &WinInput {
            title: "Older, renamed".into(),
            won_on: "2026-01-03".into(),
            impact: "Saved a week a quarter".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(edited.win.impact, "Saved a week a quarter");
    delete(&mut db, &newer, now()).unwrap();
    assert_eq!(list(&db).unwrap().len(), 1);
    assert_eq!(get(&db, &newer).unwrap_err().code(), "wins.not_found");
}

#[test]
fn telling_someone_shows_on_both_sides_and_can_be_taken_back() {
    let mut db = db();
    let dana = person(&mut db, "Dana", "Platform");
    let w = win(&mut db, "Cut builds in half", "2026-11-01", None);
    tell_on(&mut db, &w, &dana, "2026-11-10");
    let detail = get(&db, &w).unwrap();
    assert_eq!(detail.win.known_by, 1);
    assert_eq!(detail.shares[0].name, "Dana");
    assert_eq!(detail.shares[0].how, How::OneOnOne);
    let known = known_by(&db, &dana).unwrap();
    assert_eq!(known.len(), 1, "the person's page lists what they know");
    assert_eq!(known[0].win_title, "Cut builds in half");

    let bad_day = tell(
        &mut db,
        &w,
        &ShareInput {
            person_id: dana.clone(),
            shared_on: "tomorrow".into(),
            how: How::Email,
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(bad_day.code(), "wins.bad_date");
    let nobody = tell(
        &mut db,
        &w,
        &ShareInput {
            person_id: "ghost".into(),
            shared_on: "2026-11-10".into(),
            how: How::Email,
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(nobody.code(), "people.not_found");

    forget_share(&mut db, &known[0].id, now()).unwrap();
    assert!(known_by(&db, &dana).unwrap().is_empty());
    assert_eq!(
        forget_share(&mut db, &known[0].id, now())
            .unwrap_err()
            .code(),
        "wins.share_not_found"
    );
}

#[test]
fn a_deleted_person_or_win_leaves_the_lists() {
    let mut db = db();
    let dana = person(&mut db, "Dana", "");
    let w = win(&mut db, "Demo day", "2026-11-01", None);
    tell_on(&mut db, &w, &dana, "2026-11-02");
    people::delete(&mut db, &dana, now()).unwrap();
    assert_eq!(get(&db, &w).unwrap().win.known_by, 0);
    assert!(get(&db, &w).unwrap().shares.is_empty());
}

#[test]
fn wins_are_found_by_search() {
    let mut db = db();
    let id = win(&mut db, "Migrated the billing pipeline", "2026-11-01", None);
    let found = crate::search::search(&db, "bill").unwrap();
    assert_eq!(found.wins.len(), 1, "a win's words are in the search index");
    assert_eq!(found.wins[0].id, id);
    assert!(
        found.wins[0].snippet.contains('\u{E000}'),
        "the match is marked"
    );
    delete(&mut db, &id, now()).unwrap();
    assert!(
        crate::search::search(&db, "bill").unwrap().wins.is_empty(),
        "a deleted win leaves the search"
    );
}

#[test]
fn the_gap_names_powerful_people_who_heard_of_no_recent_win() {
    let mut db = db();
    let goal = map(&mut db, "Promotion");
    let (boss, vp, junior) = (
        person(&mut db, "Boss", ""),
        person(&mut db, "VP", ""),
        person(&mut db, "Low", ""),
    );
    place(&mut db, &goal, &boss, 0.9, Stance::Supporter);
    place(&mut db, &goal, &vp, 0.5, Stance::Neutral);
    place(&mut db, &goal, &junior, 0.4, Stance::Champion);
    assert!(
        gaps(&db, now()).unwrap().is_empty(),
        "with no win at all, there is nothing to tell"
    );

    let old = win(&mut db, "Old win", "2026-08-27", None); // 91 days before 2026-11-26
    tell_on(&mut db, &old, &boss, "2026-09-01");
    let served = win(&mut db, "Served the goal", "2026-05-01", Some(&goal));
    let g = gaps(&db, now()).unwrap();
    assert_eq!(g.len(), 1);
    let names: Vec<&str> = g[0].people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Boss", "VP"],
        "a win older than 90 days does not count, power 0.5 is high, 0.4 is not"
    );
    assert_eq!(
        g[0].suggested.win_id, served,
        "the newest win serving the goal is suggested before a newer one that does not"
    );

    let recent = win(&mut db, "Recent", "2026-08-28", None); // 90 days: still recent
    tell_on(&mut db, &recent, &boss, "2026-11-20");
    let g = gaps(&db, now()).unwrap();
    let names: Vec<&str> = g[0].people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["VP"], "hearing of one recent win closes the gap");
    assert_eq!(
        sentence(&g).unwrap(),
        "1 person with power on \u{2068}Promotion\u{2069} has heard of none of your recent wins: tell them about “\u{2068}Served the goal\u{2069}”."
    );

    maps::set_archived(&mut db, &goal, true, now()).unwrap();
    assert!(
        gaps(&db, now()).unwrap().is_empty(),
        "an archived goal has no gap"
    );
}

#[test]
fn the_gap_suggests_the_newest_win_when_none_serves_the_goal() {
    let mut db = db();
    let goal = map(&mut db, "Launch");
    let vp = person(&mut db, "VP", "");
    place(&mut db, &goal, &vp, 0.8, Stance::Unknown);
    win(&mut db, "First", "2026-10-01", None);
    let newest = win(&mut db, "Second", "2026-11-01", None);
    assert_eq!(gaps(&db, now()).unwrap()[0].suggested.win_id, newest);
}

#[test]
fn the_weekly_review_and_its_page_carry_the_gap() {
    let mut db = db();
    let goal = map(&mut db, "Promotion");
    let vp = person(&mut db, "VP", "");
    place(&mut db, &goal, &vp, 0.8, Stance::Unknown);
    win(&mut db, "Shipped", "2026-11-01", None);
    let page = crate::reminders::review_page(&db, now()).unwrap();
    assert_eq!(page.wins_gap.len(), 1, "the Review page lists the gap");
    assert!(
        page.summary.contains("heard of none of your recent wins"),
        "the weekly review's sentence names the gap: {}",
        page.summary
    );
    assert!(
        !page.summary.contains("VP"),
        "the sentence names no one, as the pop-up may be seen by others"
    );
}

fn level(db: &mut Database, id: &str, level: Level) {
    let profile = Profile {
        level: Some(level),
        ..Default::default()
    };
    profiles::save(db, id, &profile, now()).unwrap();
}

#[test]
fn about_me_is_stored_once_and_checked() {
    let mut db = db();
    assert_eq!(about_me::get(&db).unwrap(), AboutMe::default());
    let err = about_me::save(
        &mut db,
        &AboutMe {
            manager_id: Some("ghost".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "about_me.manager_not_found");
    let boss = person(&mut db, "Boss", "Platform");
    let saved = about_me::save(
        &mut db,
        &AboutMe {
            department: " Platform\n".into(),
            level: "Senior engineer".into(),
            manager_id: Some(boss.clone()),
            organisation: "Acme".into(),
        },
    )
    .unwrap();
    assert_eq!(
        saved.department, "Platform",
        "text is cleaned like every field"
    );
    assert_eq!(about_me::get(&db).unwrap(), saved);
}

#[test]
fn about_me_says_whether_the_boss_is_an_ally() {
    let mut db = db();
    let boss = person(&mut db, "Boss", "Platform");
    about_me::save(
        &mut db,
        &AboutMe {
            manager_id: Some(boss.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let codes = |db: &Database| -> Vec<&'static str> {
        about_me::insights(db)
            .unwrap()
            .gaps
            .into_iter()
            .map(|g| g.code)
            .collect()
    };
    assert!(codes(&db).contains(&"about_me.boss_not_ally"));
    add_link(
        &mut db,
        &LinkInput {
            from_id: None,
            to_id: boss.clone(),
            kind: LinkKind::CloseWith,
            strength: Strength::Strong,
            note: String::new(),
        },
        now(),
    )
    .unwrap();
    let insights = about_me::insights(&db).unwrap();
    assert!(
        insights.manager.as_ref().unwrap().ally,
        "a strong link makes the boss an ally"
    );
    assert!(!codes(&db).contains(&"about_me.boss_not_ally"));
    people::delete(&mut db, &boss, now()).unwrap();
    assert!(
        codes(&db).contains(&"about_me.manager_gone"),
        "a deleted manager is a named gap, not an error"
    );
}

#[test]
fn about_me_counts_allies_by_department_and_level() {
    let mut db = db();
    let goal = map(&mut db, "Promotion");
    about_me::save(
        &mut db,
        &AboutMe {
            department: "platform".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let a = person(&mut db, "A", "Platform");
    let b = person(&mut db, "B", "Platform");
    let c = person(&mut db, "C", "Platform");
    let not_ally = person(&mut db, "D", "Sales");
    for id in [&a, &b, &c] {
        place(&mut db, &goal, id, 0.6, Stance::Supporter);
    }
    place(&mut db, &goal, &not_ally, 0.6, Stance::Skeptic);
    level(&mut db, &a, Level::SeniorLeader);
    level(&mut db, &b, Level::Peer);
    let i = about_me::insights(&db).unwrap();
    assert_eq!(i.allies, 3, "a skeptic is not an ally");
    assert_eq!(
        i.outside_department,
        Some(0),
        "departments match case-blind"
    );
    assert_eq!((i.senior, i.peer, i.junior, i.no_level), (1, 1, 0, 1));
    assert_eq!(i.one_department.as_deref(), Some("Platform"));
    let codes: Vec<&str> = i.gaps.iter().map(|g| g.code).collect();
    for code in [
        "about_me.none_outside",
        "about_me.no_junior",
        "about_me.level_missing",
        "about_me.one_circle",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(!codes.contains(&"about_me.no_senior"));

    place(&mut db, &goal, &not_ally, 0.6, Stance::Champion);
    let i = about_me::insights(&db).unwrap();
    assert_eq!(i.outside_department, Some(1));
    assert_eq!(i.one_department, None, "an ally in Sales widens the circle");
}

#[test]
fn fewer_allies_than_the_threshold_is_a_small_circle() {
    let mut db = db();
    let goal = map(&mut db, "Promotion");
    let small = |db: &Database| -> Option<String> {
        about_me::insights(db)
            .unwrap()
            .gaps
            .into_iter()
            .find(|g| g.code == "about_me.small_circle")
            .map(|g| g.text)
    };
    assert_eq!(
        small(&db),
        None,
        "with no ally at all the other gaps speak; a circle needs someone in it"
    );
    // Allies in different departments, so only their number can make the circle small.
    let departments = ["Platform", "Sales", "Finance", "Legal"];
    let allies: Vec<String> = departments[..about_me::SMALL_CIRCLE as usize]
        .iter()
        .enumerate()
        .map(|(n, department)| person(&mut db, &format!("Ally {n}"), department))
        .collect();
    place(&mut db, &goal, &allies[0], 0.6, Stance::Supporter);
    assert_eq!(
        small(&db).as_deref(),
        Some("Only 1 ally: a small circle carries little beyond itself.")
    );
    for ally in &allies[1..] {
        place(&mut db, &goal, ally, 0.6, Stance::Champion);
    }
    let i = about_me::insights(&db).unwrap();
    assert_eq!(i.allies, about_me::SMALL_CIRCLE);
    assert_eq!(
        small(&db),
        None,
        "as many allies as the threshold is no small circle"
    );

    // One ally turning skeptic brings the count under the threshold again.
    place(&mut db, &goal, &allies[2], 0.6, Stance::Skeptic);
    assert_eq!(
        small(&db).as_deref(),
        Some("Only 2 allies: a small circle carries little beyond itself."),
        "the gap counts allies as they stand now"
    );
}

#[test]
fn about_me_suggests_the_peers_of_the_boss() {
    let mut db = db();
    let (boss, top, peer, other) = (
        person(&mut db, "Boss", ""),
        person(&mut db, "Top", ""),
        person(&mut db, "Peer of boss", ""),
        person(&mut db, "Elsewhere", ""),
    );
    let reports = |db: &mut Database, from: &str, to: &str| {
        add_link(
            db,
            &LinkInput {
                from_id: Some(from.into()),
                to_id: to.into(),
                kind: LinkKind::ReportsTo,
                strength: Strength::Medium,
                note: String::new(),
            },
            now(),
        )
        .unwrap();
    };
    reports(&mut db, &boss, &top);
    reports(&mut db, &peer, &top);
    reports(&mut db, &other, &peer);
    about_me::save(
        &mut db,
        &AboutMe {
            manager_id: Some(boss),
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<String> = about_me::insights(&db)
        .unwrap()
        .boss_peers
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        ["Peer of boss"],
        "only those reporting to the boss's own manager, never the boss"
    );
}

#[test]
fn deleting_a_person_or_a_goal_for_good_keeps_the_wins_whole() {
    let mut db = db();
    let goal = map(&mut db, "Promotion");
    let dana = person(&mut db, "Dana", "");
    let w = win(&mut db, "Demo day", "2026-11-01", Some(&goal));
    tell_on(&mut db, &w, &dana, "2026-11-02");
    let purged = crate::purge::delete_person(&mut db, &dana).unwrap();
    assert_eq!(purged.people, 1);
    let shares: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM win_shares", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        shares, 0,
        "who heard of a win goes with the person, for good"
    );
    maps::delete(&mut db, &goal, now()).unwrap();
    crate::purge::purge_expired(&mut db, now() + chrono::Duration::days(400)).unwrap();
    let left = get(&db, &w).unwrap();
    assert_eq!(
        left.win.map_id, None,
        "the win stays, without the goal purged"
    );
}

#[test]
fn removing_the_sample_keeps_the_people_and_goal_your_wins_name() {
    let mut db = db();
    crate::sample::add(&mut db, now()).unwrap();
    let someone = people::list(&db, "").unwrap()[0].clone();
    let goal = maps::list(&db, false).unwrap()[0].id.clone();
    let w = win(&mut db, "Mine", "2026-11-01", Some(&goal));
    tell_on(&mut db, &w, &someone.id, "2026-11-02");
    crate::sample::remove(&mut db).unwrap();
    let detail = get(&db, &w).unwrap();
    assert_eq!(
        detail.win.map_id.as_deref(),
        Some(goal.as_str()),
        "the goal your win serves stays"
    );
    assert_eq!(
        detail.shares[0].person_id, someone.id,
        "who you told stays, and becomes yours"
    );
}
