//! What to do next, over a fixed clock: coverage gaps, who is going cold, powerful people not
//! seen lately, favours out of balance, the review-season page, and invariants over 2,000
//! generated people.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use std::collections::{HashMap, HashSet};

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::journal::profiles::{self, AllyRole, Level};
use allies_core::maps::{self, MapInput, Position, Quadrant, Stance};
use allies_core::network::insights::{self, Cold, Seniority};
use allies_core::network::{self, LinkInput, LinkKind, Strength};
use allies_core::people::{self, PersonInput};
use allies_core::reminders;
use allies_core::Database;
use chrono::{DateTime, Duration, TimeZone, Utc};

/// `days` after Monday 5 January 2026, 09:00 UTC: every test's clock.
fn t(days: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::days(days)
}

fn person(db: &mut Database, name: &str, department: &str, at: DateTime<Utc>) -> String {
    people::add(
        db,
        &PersonInput {
            department: department.into(),
            ..PersonInput::named(name)
        },
        at,
    )
    .unwrap()
    .id
}

fn map(db: &mut Database, name: &str, at: DateTime<Utc>) -> String {
    maps::create(db, &MapInput::named(name), at).unwrap().id
}

fn place(
    db: &mut Database,
    map: &str,
    who: &str,
    power: f64,
    interest: f64,
    stance: Stance,
    at: DateTime<Utc>,
) {
    maps::place(
        db,
        map,
        who,
        Position::new(power, interest),
        Some(stance),
        at,
    )
    .unwrap();
}

fn met(db: &mut Database, who: &str, at: DateTime<Utc>) -> String {
    interactions::log(
        db,
        &InteractionInput {
            occurred_at: Some(at),
            kind: Kind::Coffee,
            people: vec![who.to_owned()],
            notes: String::new(),
            follow_up: String::new(),
        },
        at,
    )
    .unwrap()
    .id
}

fn set_profile(
    db: &mut Database,
    who: &str,
    at: DateTime<Utc>,
    change: impl FnOnce(&mut profiles::Profile),
) {
    let mut profile = profiles::get(db, who).unwrap();
    change(&mut profile);
    profiles::save(db, who, &profile, at).unwrap();
}

fn gap_codes(c: &insights::Coverage) -> Vec<&'static str> {
    c.gaps.iter().map(|g| g.code).collect()
}

fn level(c: &insights::Coverage, s: Seniority) -> (u32, u32) {
    let count = &c.by_level.iter().find(|(l, _)| *l == s).unwrap().1;
    (count.allies, count.people)
}

#[test]
fn coverage_counts_allies_by_level_and_department_and_names_each_gap() {
    let mut db = Database::open_in_memory().unwrap();
    let empty = insights::coverage(&db).unwrap();
    assert_eq!(
        gap_codes(&empty),
        ["no_allies"],
        "with no one at all, only the lack of allies is worth saying"
    );

    let live = map(&mut db, "Promotion", t(0));
    let archived = map(&mut db, "Old reorg", t(0));
    let deleted = map(&mut db, "Abandoned", t(0));
    let ana = person(&mut db, "Ana", "Platform", t(0));
    let ben = person(&mut db, "Ben", "platform", t(0));
    let cleo = person(&mut db, "Cleo", "Sales", t(0));
    let gil = person(&mut db, "Gil", "Finance", t(0));
    let del = person(&mut db, "Del", "Legal", t(0));
    let former = person(&mut db, "Former Boss", "Platform", t(0));
    let gone = person(&mut db, "Deleted Person", "HR", t(0));
    set_profile(&mut db, &ana, t(0), |p| p.level = Some(Level::Peer));
    set_profile(&mut db, &ben, t(0), |p| p.level = Some(Level::Junior));
    set_profile(&mut db, &former, t(0), |p| {
        p.level = Some(Level::SeniorLeader)
    });
    place(&mut db, &live, &ana, 0.6, 0.6, Stance::Champion, t(1));
    place(&mut db, &live, &ben, 0.3, 0.6, Stance::Supporter, t(1));
    place(&mut db, &live, &cleo, 0.3, 0.6, Stance::Neutral, t(1));
    place(&mut db, &archived, &gil, 0.9, 0.9, Stance::Champion, t(1));
    place(&mut db, &deleted, &del, 0.9, 0.9, Stance::Champion, t(1));
    place(&mut db, &live, &former, 0.9, 0.9, Stance::Champion, t(1));
    place(&mut db, &live, &gone, 0.9, 0.9, Stance::Champion, t(1));
    maps::set_archived(&mut db, &archived, true, t(2)).unwrap();
    maps::delete(&mut db, &deleted, t(2)).unwrap();
    people::mark_former(&mut db, &former, t(2)).unwrap();
    people::delete(&mut db, &gone, t(2)).unwrap();

    let c = insights::coverage(&db).unwrap();
    assert_eq!(
        (c.allies, c.people),
        (2, 5),
        "Ana and Ben only: archived and deleted maps, former colleagues and deleted people do not count"
    );
    assert_eq!(
        level(&c, Seniority::Senior),
        (0, 0),
        "the senior leader left"
    );
    assert_eq!(level(&c, Seniority::Peer), (1, 1));
    assert_eq!(level(&c, Seniority::Junior), (1, 1));
    assert_eq!(
        level(&c, Seniority::Other),
        (0, 3),
        "no level set counts as other"
    );
    let platform = &c.by_department[0];
    assert!(
        platform.label.eq_ignore_ascii_case("platform")
            && (platform.allies, platform.people) == (2, 2),
        "“Platform” and “platform” are one department, listed first with the most allies: {:?}",
        c.by_department
    );
    assert_eq!(
        c.by_department.len(),
        4,
        "Platform, Sales, Finance, Legal: {:?}",
        c.by_department
    );
    let mut codes = gap_codes(&c);
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            "no_ally_in_department",
            "no_ally_in_department",
            "no_ally_in_department",
            "no_senior",
            "one_team"
        ],
        "{:?}",
        c.gaps
    );
    let texts: Vec<&str> = c.gaps.iter().map(|g| g.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("All your allies are in") && t.to_lowercase().contains("platform")),
        "one_team names the department: {texts:?}"
    );
    for department in ["Sales", "Finance", "Legal"] {
        assert!(
            texts.iter().any(|t| t.contains(&format!(
                "No one in {department} is an ally yet (1 person there)"
            ))),
            "{department} has no ally: {texts:?}"
        );
    }

    // A senior sponsor in Sales by ally role alone, on no map at all.
    let dev = person(&mut db, "Dev", "Sales", t(3));
    set_profile(&mut db, &dev, t(3), |p| {
        p.level = Some(Level::Manager);
        p.ally_role = Some(AllyRole::Sponsor);
    });
    let c = insights::coverage(&db).unwrap();
    assert_eq!(
        (c.allies, c.people),
        (3, 6),
        "an ally role makes an ally without a map"
    );
    assert_eq!(
        level(&c, Seniority::Senior),
        (1, 1),
        "a manager is senior to the user"
    );
    let mut codes = gap_codes(&c);
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["no_ally_in_department", "no_ally_in_department"],
        "a senior ally outside Platform closes no_senior and one_team: {:?}",
        c.gaps
    );

    // Bringing the maps back brings their champions back.
    maps::set_archived(&mut db, &archived, false, t(4)).unwrap();
    maps::restore(&mut db, &deleted).unwrap();
    let c = insights::coverage(&db).unwrap();
    assert_eq!(
        c.allies, 5,
        "Gil and Del count again once their maps are live"
    );
    assert!(
        gap_codes(&c).is_empty(),
        "every department has an ally: {:?}",
        c.gaps
    );
}

fn names(cold: &[Cold]) -> Vec<&str> {
    cold.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn going_cold_lists_people_past_their_cadence_by_quadrant_stance_then_days_overdue() {
    let mut db = Database::open_in_memory().unwrap();
    let m = map(&mut db, "Promotion", t(0));
    let add = |db: &mut Database, name: &str| person(db, name, "", t(0));
    let (ava, bea, cal, dan, eli, fay, hal, ida) = (
        add(&mut db, "Ava close champion"),
        add(&mut db, "Bea close skeptic"),
        add(&mut db, "Cal close champion later"),
        add(&mut db, "Dan satisfied champion"),
        add(&mut db, "Eli monitor"),
        add(&mut db, "Fay own cadence"),
        add(&mut db, "Hal informed due today"),
        add(&mut db, "Ida informed due tomorrow"),
    );
    place(&mut db, &m, &ava, 0.9, 0.9, Stance::Champion, t(0)); // due t(14)
    place(&mut db, &m, &bea, 0.9, 0.9, Stance::Skeptic, t(0)); // due t(14)
    place(&mut db, &m, &cal, 0.9, 0.9, Stance::Champion, t(3)); // due t(17)
    place(&mut db, &m, &dan, 0.9, 0.1, Stance::Champion, t(0)); // due t(30)
    place(&mut db, &m, &eli, 0.1, 0.1, Stance::Champion, t(0)); // due t(91)
    place(&mut db, &m, &hal, 0.1, 0.9, Stance::Neutral, t(10)); // due t(40)
    place(&mut db, &m, &ida, 0.1, 0.9, Stance::Neutral, t(11)); // due t(41)
    set_profile(&mut db, &fay, t(0), |p| p.cadence_days = Some(7)); // due t(7)
    add(&mut db, "Nobody mapped");

    let now = t(40);
    let cold = insights::going_cold(&db, now).unwrap();
    assert_eq!(
        names(&cold),
        [
            "Ava close champion",
            "Cal close champion later",
            "Bea close skeptic",
            "Dan satisfied champion",
            "Hal informed due today",
            "Fay own cadence"
        ],
        "manage closely first, champions before skeptics, the longest overdue first; no map comes last"
    );
    let ava_cold = &cold[0];
    assert_eq!(
        (
            ava_cold.quadrant,
            ava_cold.stance,
            ava_cold.cadence_days,
            ava_cold.overdue_days,
            ava_cold.last_contact
        ),
        (
            Some(Quadrant::ManageClosely),
            Some(Stance::Champion),
            14,
            26,
            None
        ),
        "due two weeks after joining the map, 26 days ago"
    );
    assert_eq!(cold[1].overdue_days, 23, "Cal joined three days later");
    assert_eq!(cold[4].overdue_days, 0, "due today is already going cold");
    assert_eq!(
        (cold[5].quadrant, cold[5].cadence_days, cold[5].overdue_days),
        (None, 7, 33)
    );

    // A coffee resets Ava's clock; Done on Bea's keep-in-touch reminder resets hers.
    let coffee = met(&mut db, &ava, t(35));
    reminders::complete(&mut db, &reminders::keep_in_touch_subject(&bea), now).unwrap();
    // Dan asked to hear from the user every 60 days, more loosely than his quadrant's 30.
    set_profile(&mut db, &dan, now, |p| p.cadence_days = Some(60));
    let cold = insights::going_cold(&db, now).unwrap();
    assert_eq!(
        names(&cold),
        [
            "Cal close champion later",
            "Hal informed due today",
            "Fay own cadence"
        ],
        "a contact, a Done and a person's own cadence each take someone off the list"
    );

    // The clocks run again from those moments.
    let later = insights::going_cold(&db, t(50)).unwrap();
    let of = |name: &str| later.iter().find(|c| c.name.starts_with(name)).cloned();
    let ava_later = of("Ava").expect("14 days after the coffee on day 35");
    assert_eq!(
        (ava_later.last_contact, ava_later.overdue_days),
        (Some(t(35)), 1)
    );
    assert!(
        of("Bea").is_none(),
        "Done on day 40 restarts Bea's 14 days: due on day 54"
    );
    assert!(of("Dan").is_none(), "Dan is due on day 60 now");
    let dan_late = insights::going_cold(&db, t(61)).unwrap();
    let dan_late = dan_late
        .iter()
        .find(|c| c.person_id == dan)
        .expect("overdue past 60 days");
    assert_eq!(
        (dan_late.cadence_days, dan_late.overdue_days),
        (60, 1),
        "his own cadence wins over the quadrant's"
    );

    interactions::delete(&mut db, &coffee, t(50)).unwrap();
    let after = insights::going_cold(&db, t(50)).unwrap();
    let ava_again = after
        .iter()
        .find(|c| c.person_id == ava)
        .expect("a deleted coffee is no contact");
    assert_eq!(ava_again.last_contact, None);
}

#[test]
fn visibility_gap_lists_powerful_people_unseen_for_sixty_days_most_powerful_first() {
    let mut db = Database::open_in_memory().unwrap();
    let live = map(&mut db, "Promotion", t(0));
    let other = map(&mut db, "Platform strategy", t(0));
    let old = map(&mut db, "Old", t(0));
    let now = t(200);
    let add = |db: &mut Database, name: &str| person(db, name, "", t(0));
    let never_a = add(&mut db, "Avery never seen");
    let never_b = add(&mut db, "Blake coffee deleted");
    let sixty_one = add(&mut db, "Casey 61 days");
    let fifty_nine = add(&mut db, "Drew 59 days");
    let seventy_never = add(&mut db, "Emery never");
    let seventy_old = add(&mut db, "Finley 100 days");
    let half = add(&mut db, "Gale exactly half");
    let low = add(&mut db, "Harper just below half");
    let archived_only = add(&mut db, "Indy high only on an archived map");
    let former = add(&mut db, "Jules former colleague");
    let two_maps = add(&mut db, "Kai on two maps");

    place(&mut db, &live, &never_a, 0.9, 0.2, Stance::Unknown, t(1));
    place(&mut db, &live, &never_b, 0.9, 0.2, Stance::Unknown, t(1));
    place(&mut db, &live, &sixty_one, 0.8, 0.2, Stance::Unknown, t(1));
    place(&mut db, &live, &fifty_nine, 0.8, 0.2, Stance::Unknown, t(1));
    place(
        &mut db,
        &live,
        &seventy_never,
        0.7,
        0.2,
        Stance::Unknown,
        t(1),
    );
    place(
        &mut db,
        &live,
        &seventy_old,
        0.7,
        0.2,
        Stance::Unknown,
        t(1),
    );
    place(&mut db, &live, &half, 0.5, 0.2, Stance::Unknown, t(1));
    place(&mut db, &live, &low, 0.49, 0.2, Stance::Unknown, t(1));
    place(
        &mut db,
        &live,
        &archived_only,
        0.2,
        0.2,
        Stance::Unknown,
        t(1),
    );
    place(
        &mut db,
        &old,
        &archived_only,
        0.95,
        0.2,
        Stance::Unknown,
        t(1),
    );
    place(&mut db, &live, &former, 0.9, 0.2, Stance::Unknown, t(1));
    place(&mut db, &live, &two_maps, 0.3, 0.2, Stance::Unknown, t(1));
    place(&mut db, &other, &two_maps, 0.6, 0.2, Stance::Unknown, t(1));
    maps::set_archived(&mut db, &old, true, t(2)).unwrap();
    people::mark_former(&mut db, &former, t(2)).unwrap();

    let deleted_coffee = met(&mut db, &never_b, now - Duration::days(3));
    interactions::delete(&mut db, &deleted_coffee, now).unwrap();
    met(&mut db, &sixty_one, now - Duration::days(61));
    met(&mut db, &fifty_nine, now - Duration::days(120));
    met(&mut db, &fifty_nine, now - Duration::days(59));
    met(&mut db, &seventy_old, now - Duration::days(100));
    met(&mut db, &two_maps, now - Duration::days(90));

    let unseen = insights::visibility_gap(&db, now).unwrap();
    let listed: Vec<(&str, f64)> = unseen.iter().map(|u| (u.name.as_str(), u.power)).collect();
    assert_eq!(
        listed,
        [
            ("Avery never seen", 0.9),
            ("Blake coffee deleted", 0.9),
            ("Casey 61 days", 0.8),
            ("Emery never", 0.7),
            ("Finley 100 days", 0.7),
            ("Kai on two maps", 0.6),
            ("Gale exactly half", 0.5),
        ],
        "the most powerful first, then the never-seen before the long-unseen; a contact 59 days \
         ago, power below half, an archived map and a former colleague keep people off"
    );
    assert_eq!(unseen[2].last_contact, Some(now - Duration::days(61)));
    assert_eq!(
        unseen[1].last_contact, None,
        "a deleted interaction is not a contact"
    );
    assert_eq!(
        unseen[5].last_contact,
        Some(now - Duration::days(90)),
        "the latest contact is reported"
    );

    met(&mut db, &never_a, now);
    assert!(
        insights::visibility_gap(&db, now)
            .unwrap()
            .iter()
            .all(|u| u.person_id != never_a),
        "a coffee today closes the gap"
    );
}

fn favour(
    db: &mut Database,
    who: &str,
    direction: Direction,
    what: &str,
    done: Option<DateTime<Utc>>,
) -> String {
    let at = done.unwrap_or(t(0));
    let id = favours::record(
        db,
        &FavourInput {
            person_id: who.into(),
            direction,
            description: what.into(),
        },
        at,
    )
    .unwrap()
    .id;
    if let Some(done) = done {
        favours::set_done(db, &id, true, done).unwrap();
    }
    id
}

#[test]
fn reciprocity_lists_thank_yous_owed_and_people_who_did_more_lately() {
    let mut db = Database::open_in_memory().unwrap();
    let now = t(300);
    let add = |db: &mut Database, name: &str| person(db, name, "", t(0));
    let (omar, pia, quinn, rae, sol, gone) = (
        add(&mut db, "Omar"),
        add(&mut db, "Pia"),
        add(&mut db, "Quinn"),
        add(&mut db, "Rae"),
        add(&mut db, "Sol"),
        add(&mut db, "Deleted Dee"),
    );
    use Direction::{ByMe, ByThem};
    let intro = favour(&mut db, &omar, ByThem, "the intro", Some(t(280)));
    let review = favour(&mut db, &omar, ByThem, "reviewed my doc", Some(t(270)));
    let covered = favour(&mut db, &omar, ByThem, "covered on-call", Some(t(275)));
    let done_button = favour(&mut db, &omar, ByThem, "lent a laptop", Some(t(276)));
    favour(&mut db, &omar, ByThem, "still open", None);
    let removed = favour(&mut db, &omar, ByThem, "recorded by mistake", Some(t(260)));
    favours::delete(&mut db, &removed, t(261)).unwrap();
    favours::thank(&mut db, &review, "coffee", t(271)).unwrap();
    reminders::dismiss(&mut db, &reminders::thank_you_subject(&covered), t(290)).unwrap();
    reminders::complete(&mut db, &reminders::thank_you_subject(&done_button), t(290)).unwrap();
    favour(&mut db, &gone, ByThem, "a favour", Some(t(280)));
    people::delete(&mut db, &gone, t(281)).unwrap();

    for (who, by_them, by_me) in [(&pia, 3, 1), (&quinn, 2, 1), (&sol, 4, 0)] {
        for i in 0..by_them {
            let f = favour(
                &mut db,
                who,
                ByThem,
                &format!("for me {i}"),
                Some(t(250 + i)),
            );
            favours::thank(&mut db, &f, "a note", t(251 + i)).unwrap();
        }
        for i in 0..by_me {
            favour(
                &mut db,
                who,
                ByMe,
                &format!("for them {i}"),
                Some(t(250 + i)),
            );
        }
    }
    favour(&mut db, &pia, ByThem, "not done yet", None);
    // Rae did a lot, but long ago: only one favour falls within the last 182 days.
    for i in 0..3 {
        let f = favour(&mut db, &rae, ByThem, &format!("old {i}"), Some(t(100 + i)));
        favours::thank(&mut db, &f, "a note", t(101 + i)).unwrap();
    }
    let recent = favour(&mut db, &rae, ByThem, "recent", Some(t(290)));
    favours::thank(&mut db, &recent, "a note", t(290)).unwrap();

    let r = insights::reciprocity(&db, now).unwrap();
    let unthanked: Vec<&str> = r.unthanked.iter().map(|u| u.description.as_str()).collect();
    assert_eq!(
        unthanked,
        ["the intro"],
        "thanked, thanked through Done, dismissed, open, deleted and a deleted person's favours are not owed"
    );
    assert_eq!(
        (
            r.unthanked[0].favour_id.as_str(),
            r.unthanked[0].person_id.as_str(),
            r.unthanked[0].done_at
        ),
        (intro.as_str(), omar.as_str(), t(280)),
        "the favour, its person and when it was done"
    );
    let owed: Vec<(&str, u32, u32)> = r
        .owed
        .iter()
        .map(|o| (o.name.as_str(), o.by_them, o.by_me))
        .collect();
    assert_eq!(
        owed,
        [("Omar", 4, 0), ("Sol", 4, 0), ("Pia", 3, 1)],
        "two or more ahead, the largest gap first then by name; Quinn is only one ahead and \
         Rae's older favours fall outside the half year"
    );

    reminders::undismiss(&mut db, &reminders::thank_you_subject(&covered), t(291)).unwrap();
    let again: Vec<String> = insights::reciprocity(&db, now)
        .unwrap()
        .unthanked
        .into_iter()
        .map(|u| u.description)
        .collect();
    assert_eq!(
        again,
        ["covered on-call", "the intro"],
        "an undismissed thank-you is owed again, oldest first"
    );
    let rae_page = favours::of_person(&db, &rae, now).unwrap();
    assert_eq!(
        rae_page.balance.by_them, 1,
        "Rae's page counts the favours Insights counts: one in the window, the older ones not"
    );
}

#[test]
fn the_review_names_who_would_speak_who_can_be_reached_and_who_holds_back() {
    let mut db = Database::open_in_memory().unwrap();
    let now = t(100);
    let m = maps::create(&mut db, &MapInput::named("Promotion to Staff"), t(0))
        .unwrap()
        .id;
    let add = |db: &mut Database, name: &str| person(db, name, "", t(0));
    let vera = add(&mut db, "Vera Lind");
    let walt = people::add(
        &mut db,
        &PersonInput {
            role: "Director".into(),
            ..PersonInput::named("Walt Ode")
        },
        t(0),
    )
    .unwrap()
    .id;
    let script = add(&mut db, "<script>alert(1)</script> & Co");
    let xia = add(&mut db, "Xia low champion");
    let yuri = add(&mut db, "Yuri met neutral");
    let zoe = add(&mut db, "Zoe via Vera");
    let lin = add(&mut db, "Lin linked directly");
    let nia = add(&mut db, "Nia out of reach");
    let sam = add(&mut db, "Sam skeptic");
    let bo = add(&mut db, "Bo blocker");
    let left = add(&mut db, "Lee left");
    place(&mut db, &m, &vera, 0.9, 0.9, Stance::Champion, t(1));
    place(&mut db, &m, &walt, 0.6, 0.9, Stance::Supporter, t(1));
    place(&mut db, &m, &script, 0.55, 0.9, Stance::Supporter, t(1));
    place(&mut db, &m, &xia, 0.3, 0.9, Stance::Champion, t(1));
    place(&mut db, &m, &yuri, 0.8, 0.4, Stance::Neutral, t(1));
    place(&mut db, &m, &zoe, 0.7, 0.4, Stance::Unknown, t(1));
    place(&mut db, &m, &lin, 0.2, 0.4, Stance::Neutral, t(1));
    place(&mut db, &m, &nia, 0.4, 0.4, Stance::Neutral, t(1));
    place(&mut db, &m, &sam, 0.4, 0.4, Stance::Skeptic, t(1));
    place(&mut db, &m, &bo, 0.95, 0.4, Stance::Blocker, t(1));
    place(&mut db, &m, &left, 0.99, 0.9, Stance::Champion, t(1));
    people::mark_former(&mut db, &left, t(2)).unwrap();
    met(&mut db, &vera, now - Duration::days(10));
    met(&mut db, &yuri, now - Duration::days(3));
    let link = |db: &mut Database, from: Option<&str>, to: &str| {
        network::add_link(
            db,
            &LinkInput {
                from_id: from.map(str::to_owned),
                to_id: to.into(),
                kind: LinkKind::CloseWith,
                strength: Strength::Strong,
                note: String::new(),
            },
            t(5),
        )
        .unwrap();
    };
    link(&mut db, Some(&vera), &zoe);
    link(&mut db, None, &lin);

    let r = insights::review(&db, &m, now).unwrap();
    assert_eq!(r.map_name, "Promotion to Staff");
    let who = |list: &[insights::InRoom]| -> Vec<(String, String)> {
        list.iter()
            .map(|p| (p.name.clone(), p.reach.clone()))
            .collect()
    };
    let pair = |n: &str, r: &str| (n.to_owned(), r.to_owned());
    assert_eq!(
        who(&r.speakers),
        [
            pair("Vera Lind", "You spoke 10 days ago"),
            pair("Walt Ode", ""),
            pair("<script>alert(1)</script> & Co", ""),
        ],
        "champions and supporters with power from half up, most powerful first; a low-power \
         champion and a former colleague are not in the room"
    );
    assert_eq!(
        who(&r.reachable),
        [
            pair("Yuri met neutral", "You spoke 3 days ago"),
            pair("Zoe via Vera", "Through Vera Lind"),
            pair("Lin linked directly", "You are linked directly"),
        ],
        "neutral or unknown people the user met or can be introduced to; Nia has no way in"
    );
    assert_eq!(
        who(&r.holding_back),
        [pair("Bo blocker", ""), pair("Sam skeptic", "")],
        "skeptics and blockers, the most powerful first"
    );

    let text = insights::review_text(&r, "2026-04-15");
    for part in [
        "Review season: Promotion to Staff\n",
        "As of 2026-04-15\n",
        "Would speak for you in the room\n",
        "  - Vera Lind (champion, power 90%). You spoke 10 days ago\n",
        "  - Walt Ode, Director (supporter, power 60%)\n",
        "  - <script>alert(1)</script> & Co (supporter, power 55%)\n",
        "Neutral but reachable\n",
        "  - Zoe via Vera (stance unknown, power 70%). Through Vera Lind\n",
        "May hold you back\n",
        "  - Bo blocker (blocker, power 95%)\n",
    ] {
        assert!(text.contains(part), "the text has {part:?}:\n{text}");
    }
    assert!(
        !text.contains("&lt;") && !text.contains("&amp;"),
        "plain text is not escaped:\n{text}"
    );
    assert!(
        text.find("Vera Lind (").unwrap() < text.find("Walt Ode").unwrap()
            && text.find("Walt Ode").unwrap() < text.find("Neutral but reachable").unwrap()
            && text.find("Neutral but reachable").unwrap()
                < text.find("May hold you back").unwrap(),
        "sections and people in order:\n{text}"
    );
    assert!(
        !text.contains("Nia") && !text.contains("Xia") && !text.contains("Lee left"),
        "{text}"
    );

    let empty = maps::create(&mut db, &MapInput::named("Nobody yet"), t(0))
        .unwrap()
        .id;
    let text = insights::review_text(&insights::review(&db, &empty, now).unwrap(), "2026-04-15");
    for line in [
        "No one yet: no champion or supporter with high power on this map.",
        "No one neutral you can reach.",
        "No skeptics or blockers on this map.",
    ] {
        assert!(
            text.contains(line),
            "an empty section says so: {line:?}\n{text}"
        );
    }
    maps::delete(&mut db, &m, now).unwrap();
    assert_eq!(
        insights::review(&db, &m, now).unwrap_err().code(),
        "maps.not_found",
        "a deleted map has no review"
    );
}

/// A tiny linear congruential generator, so the large case is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[derive(Default)]
struct Model {
    name: String,
    own_cadence: Option<u32>,
    /// (power, interest) on each live map.
    live: Vec<(f64, f64)>,
    last_contact: Option<DateTime<Utc>>,
    /// Deleted, or a former colleague.
    gone: bool,
    /// A former colleague: off the maps, yet kept in touch with when they have their own cadence.
    former: bool,
}

fn quadrant_rank(q: Option<Quadrant>) -> u8 {
    match q {
        Some(Quadrant::ManageClosely) => 0,
        Some(Quadrant::KeepSatisfied) => 1,
        Some(Quadrant::KeepInformed) => 2,
        Some(Quadrant::Monitor) => 3,
        None => 4,
    }
}

fn stance_rank(s: Option<Stance>) -> u8 {
    match s {
        Some(Stance::Champion) => 0,
        Some(Stance::Supporter) => 1,
        Some(Stance::Blocker) => 2,
        Some(Stance::Skeptic) => 3,
        Some(Stance::Neutral) => 4,
        Some(Stance::Unknown) | None => 5,
    }
}

#[test]
fn two_thousand_generated_people_keep_the_invariants() {
    let mut rng = Lcg(2026);
    let mut db = Database::open_in_memory().unwrap();
    let live = [map(&mut db, "A", t(0)), map(&mut db, "B", t(0))];
    let archived = map(&mut db, "Archived", t(0));
    let stances = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Skeptic,
        Stance::Blocker,
        Stance::Unknown,
    ];
    let now = t(200);
    let mut model: HashMap<String, Model> = HashMap::new();
    for i in 0..2_000 {
        let name = format!("Person {:04}", rng.below(10_000));
        let id = person(&mut db, &name, "", t(0));
        let mut m = Model {
            name,
            ..Model::default()
        };
        for map_id in &live {
            if rng.below(10) < 4 {
                let (power, interest) =
                    (rng.below(101) as f64 / 100.0, rng.below(101) as f64 / 100.0);
                let stance = stances[rng.below(6) as usize];
                place(&mut db, map_id, &id, power, interest, stance, t(0));
                m.live.push((power, interest));
            }
        }
        if rng.below(10) == 0 {
            place(&mut db, &archived, &id, 0.9, 0.9, Stance::Champion, t(0));
        }
        if rng.below(10) == 0 {
            let days = 1 + rng.below(120) as u16;
            set_profile(&mut db, &id, t(0), |p| p.cadence_days = Some(days));
            m.own_cadence = Some(u32::from(days));
        }
        for _ in 0..rng.below(3) {
            let at = t(rng.below(200) as i64) + Duration::minutes(i % 480);
            met(&mut db, &id, at);
            m.last_contact = m.last_contact.max(Some(at));
        }
        match rng.below(50) {
            0 => {
                people::mark_former(&mut db, &id, t(1)).unwrap();
                m.gone = true;
                m.former = true;
            }
            1 => {
                people::delete(&mut db, &id, t(1)).unwrap();
                m.gone = true;
            }
            _ => {}
        }
        model.insert(id, m);
    }
    maps::set_archived(&mut db, &archived, true, t(1)).unwrap();

    let started = std::time::Instant::now();
    let cold = insights::going_cold(&db, now).unwrap();
    let unseen = insights::visibility_gap(&db, now).unwrap();
    let coverage = insights::coverage(&db).unwrap();
    assert!(
        started.elapsed().as_secs() < 5,
        "insights over 2,000 people stay quick: {:?}",
        started.elapsed()
    );

    // Going cold: exactly the people the model says are overdue, each correctly described.
    let mut expected_cold = HashSet::new();
    for (id, m) in &model {
        if m.gone && !(m.former && m.own_cadence.is_some()) {
            continue;
        }
        let quadrant_days = m
            .live
            .iter()
            .filter(|_| !m.former)
            .map(|&(p, i)| reminders::cadence_for(Position::new(p, i).quadrant()))
            .min();
        let Some(days) = m.own_cadence.or(quadrant_days) else {
            continue;
        };
        let since = m.last_contact.unwrap_or(t(0));
        if since + Duration::days(i64::from(days)) <= now {
            expected_cold.insert(id.clone());
        }
    }
    let got_cold: HashSet<String> = cold.iter().map(|c| c.person_id.clone()).collect();
    assert!(
        expected_cold.len() > 100,
        "the case exercises going cold: {}",
        expected_cold.len()
    );
    assert_eq!(
        got_cold, expected_cold,
        "going cold is exactly the overdue people"
    );
    for c in &cold {
        let m = &model[&c.person_id];
        let since = c.last_contact.unwrap_or(t(0));
        assert_eq!(
            c.last_contact, m.last_contact,
            "{}: the latest contact",
            c.name
        );
        assert!(
            since + Duration::days(i64::from(c.cadence_days)) <= now && c.overdue_days >= 0,
            "{} is listed but not overdue: {c:?}",
            c.name
        );
        assert_eq!(
            c.overdue_days,
            (now - since).num_days() - i64::from(c.cadence_days),
            "{}: days overdue",
            c.name
        );
        assert!(
            m.own_cadence.is_none_or(|own| own == c.cadence_days),
            "{}: their own cadence wins",
            c.name
        );
    }
    for pair in cold.windows(2) {
        let key = |c: &Cold| {
            (
                quadrant_rank(c.quadrant),
                stance_rank(c.stance),
                -c.overdue_days,
                c.name.clone(),
            )
        };
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "sorted by quadrant, stance, days overdue, name: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }

    // Visibility gap: exactly the powerful people not seen in 60 days, in order.
    let recent = now - Duration::days(insights::VISIBILITY_DAYS);
    let expected_unseen: HashSet<String> = model
        .iter()
        .filter(|(_, m)| !m.gone)
        .filter(|(_, m)| m.live.iter().any(|&(p, _)| p >= insights::HIGH_POWER))
        .filter(|(_, m)| m.last_contact.is_none_or(|l| l < recent))
        .map(|(id, _)| id.clone())
        .collect();
    let got_unseen: HashSet<String> = unseen.iter().map(|u| u.person_id.clone()).collect();
    assert!(
        expected_unseen.len() > 100,
        "the case exercises the gap: {}",
        expected_unseen.len()
    );
    assert_eq!(
        got_unseen, expected_unseen,
        "the visibility gap is exactly the unseen powerful"
    );
    for u in &unseen {
        let m = &model[&u.person_id];
        assert!(
            m.last_contact.is_none_or(|l| l < recent),
            "{} was seen within {} days yet is listed",
            u.name,
            insights::VISIBILITY_DAYS
        );
        let highest = m.live.iter().map(|&(p, _)| p).fold(0.0, f64::max);
        assert_eq!(
            u.power, highest,
            "{}: the highest power on a live map",
            u.name
        );
    }
    for pair in unseen.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.power > b.power || (a.power == b.power && a.last_contact <= b.last_contact),
            "most powerful first, then unseen longest: {a:?} before {b:?}"
        );
    }

    let alive = model.values().filter(|m| !m.gone).count() as u32;
    assert_eq!(
        coverage.people, alive,
        "coverage counts everyone still here"
    );
    let level_total: u32 = coverage.by_level.iter().map(|(_, c)| c.people).sum();
    assert_eq!(
        level_total, alive,
        "every person falls in exactly one level"
    );
    assert!(coverage.allies <= coverage.people);
    let names: HashSet<&str> = model.values().map(|m| m.name.as_str()).collect();
    assert!(cold.iter().all(|c| names.contains(c.name.as_str())));
}
