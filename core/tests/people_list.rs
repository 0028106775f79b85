//! The People list to work from: every sort, every filter, the filter choices, and every
//! action on many people at once, each one transaction that changes everyone or no one.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::journal::profiles::{self, Level, Profile};
use allies_core::maps::{self, MapInput, Position, Quadrant, Stance};
use allies_core::people::{
    self, bulk_change, filter_choices, listed_ids, page, page_around, BulkAction, Filters,
    ListQuery, MapFilter, PersonInput, SortKey,
};
use allies_core::reminders::{self, Recurrence, ReminderInput};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
}

/// Five people, added a day apart (Ana first), with different departments, tags, maps, stances,
/// levels, contacts and reminders, so each sort and filter gives its own order.
struct World {
    db: Database,
    map: String,
    other_map: String,
    /// By name: Ana, Ben, Cleo, Dev, Eli.
    ids: Vec<String>,
}

fn person(db: &mut Database, name: &str, dept: &str, org: &str, tags: &str, d: u32) -> String {
    let input = PersonInput {
        department: dept.into(),
        organisation: org.into(),
        tags: tags.into(),
        ..PersonInput::named(name)
    };
    people::add(db, &input, day(d)).unwrap().id
}

fn world() -> World {
    let mut db = Database::open_in_memory().unwrap();
    let ana = person(&mut db, "Ana", "Platform", "Acme", "mentor, hiring", 1);
    let ben = person(&mut db, "Ben", "Sales", "Acme", "", 2);
    let cleo = person(&mut db, "Cleo", "Platform", "Globex", "mentor", 3);
    let dev = person(&mut db, "Dev", "Finance", "Initech", "Hiring", 4);
    let eli = person(&mut db, "Eli", "", "", "", 5);
    let map = maps::create(&mut db, &MapInput::named("Launch"), day(1))
        .unwrap()
        .id;
    let other_map = maps::create(&mut db, &MapInput::named("Promotion"), day(1))
        .unwrap()
        .id;
    let place = |db: &mut Database, m: &str, id: &str, p: f64, i: f64, s: Stance| {
        maps::place(db, m, id, Position::new(p, i), Some(s), day(6)).unwrap();
    };
    place(&mut db, &map, &ana, 0.9, 0.9, Stance::Supporter); // manage closely
    place(&mut db, &map, &ben, 0.6, 0.2, Stance::Blocker); // keep satisfied
    place(&mut db, &map, &cleo, 0.2, 0.8, Stance::Champion); // keep informed
    place(&mut db, &other_map, &dev, 0.95, 0.1, Stance::Unknown);
    let level = |db: &mut Database, id: &str, l: Level| {
        let profile = Profile {
            level: Some(l),
            ..Profile::default()
        };
        profiles::save(db, id, &profile, day(6)).unwrap();
    };
    level(&mut db, &ana, Level::Manager);
    level(&mut db, &dev, Level::Peer);
    level(&mut db, &eli, Level::Peer);
    let talk = |db: &mut Database, id: &str, d: u32| {
        let input = InteractionInput {
            occurred_at: Some(day(d)),
            kind: Kind::Coffee,
            people: vec![id.to_owned()],
            notes: String::new(),
            follow_up: String::new(),
        };
        interactions::log(db, &input, day(d)).unwrap();
    };
    talk(&mut db, &ben, 10);
    talk(&mut db, &dev, 20);
    talk(&mut db, &ana, 15);
    World {
        db,
        map,
        other_map,
        ids: vec![ana, ben, cleo, dev, eli],
    }
}

const NOW: u32 = 25;

fn names(w: &World, q: &ListQuery) -> Vec<String> {
    page(&w.db, q, 0, 100, day(NOW))
        .unwrap()
        .people
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn sorted(sort: SortKey, descending: bool) -> ListQuery {
    ListQuery {
        sort,
        descending,
        ..ListQuery::default()
    }
}

fn filtered(filters: Filters) -> ListQuery {
    ListQuery {
        filters,
        ..ListQuery::default()
    }
}

#[test]
fn each_sort_orders_the_list_both_ways_with_the_missing_last() {
    let w = world();
    let cases: &[(SortKey, [&str; 5], [&str; 5])] = &[
        (
            SortKey::Name,
            ["Ana", "Ben", "Cleo", "Dev", "Eli"],
            ["Eli", "Dev", "Cleo", "Ben", "Ana"],
        ),
        // Cleo and Eli were never in touch: last either way, by name.
        (
            SortKey::LastContact,
            ["Ben", "Ana", "Dev", "Cleo", "Eli"],
            ["Dev", "Ana", "Ben", "Cleo", "Eli"],
        ),
        (
            SortKey::Power,
            ["Cleo", "Ben", "Ana", "Dev", "Eli"],
            ["Dev", "Ana", "Ben", "Cleo", "Eli"],
        ),
        // Champion to blocker; Dev's stance is unknown and Eli is on no map.
        (
            SortKey::Stance,
            ["Cleo", "Ana", "Ben", "Dev", "Eli"],
            ["Ben", "Ana", "Cleo", "Dev", "Eli"],
        ),
        (
            SortKey::Added,
            ["Ana", "Ben", "Cleo", "Dev", "Eli"],
            ["Eli", "Dev", "Cleo", "Ben", "Ana"],
        ),
    ];
    for (sort, up, down) in cases {
        assert_eq!(names(&w, &sorted(*sort, false)), up, "{sort:?} ascending");
        assert_eq!(names(&w, &sorted(*sort, true)), down, "{sort:?} descending");
    }
}

#[test]
fn the_next_reminder_sort_follows_the_reminder_rules() {
    let mut w = world();
    // Eli has a written reminder soonest; everyone on a map has a keep-in-touch one.
    let input = ReminderInput {
        title: "Ask about the reorg".into(),
        note: String::new(),
        person_id: Some(w.ids[4].clone()),
        due: "2026-11-25 12:00".into(),
        repeat: Recurrence::Never,
    };
    reminders::add(&mut w.db, &input, day(NOW)).unwrap();
    let settings = reminders::settings::get(&w.db).unwrap();
    let mut due: Vec<(DateTime<Utc>, String)> = Vec::new();
    for rule in reminders::rules(&w.db, day(NOW), &settings).unwrap() {
        if let (Some(p), Some(t)) = (
            rule.person_id.clone(),
            rule.due_at(day(NOW)).or(rule.next_due(day(NOW))),
        ) {
            due.push((t, p));
        }
    }
    assert!(
        due.len() >= 4,
        "the world gives most people a reminder: {due:?}"
    );
    let up = names(&w, &sorted(SortKey::NextReminder, false));
    let down = names(&w, &sorted(SortKey::NextReminder, true));
    let name_of = |id: &str| {
        ["Ana", "Ben", "Cleo", "Dev", "Eli"][w.ids.iter().position(|x| x == id).unwrap()]
    };
    let mut soonest: Vec<(DateTime<Utc>, &str)> = Vec::new();
    for (t, p) in &due {
        match soonest.iter_mut().find(|(_, n)| *n == name_of(p)) {
            Some(entry) => entry.0 = entry.0.min(*t),
            None => soonest.push((*t, name_of(p))),
        }
    }
    soonest.sort();
    let expected: Vec<&str> = soonest.iter().map(|(_, n)| *n).collect();
    assert_eq!(
        &up[..expected.len()],
        expected.as_slice(),
        "soonest reminder first"
    );
    assert!(
        up.len() == 5 && down.len() == 5,
        "everyone is listed, with or without a reminder"
    );
    if expected.len() >= 2 {
        assert_eq!(
            down[0],
            *expected.last().unwrap(),
            "descending starts from the latest reminder"
        );
    }
    // Paging through the reminder order gives the same people as the whole list.
    let q = sorted(SortKey::NextReminder, false);
    let first = page(&w.db, &q, 0, 2, day(NOW)).unwrap();
    let rest = page(&w.db, &q, 2, 3, day(NOW)).unwrap();
    assert_eq!(first.total, 5);
    let paged: Vec<String> = first
        .people
        .into_iter()
        .chain(rest.people)
        .map(|p| p.name)
        .collect();
    assert_eq!(paged, up, "pages stitch into the whole list");
}

#[test]
fn each_filter_keeps_only_its_people() {
    let w = world();
    let cases: Vec<(&str, Filters, Vec<&str>)> = vec![
        (
            "a tag, matched whole and by its spelling",
            Filters {
                tags: vec!["mentor".into()],
                ..Filters::default()
            },
            vec!["Ana", "Cleo"],
        ),
        (
            "two tags are alternatives",
            Filters {
                tags: vec!["mentor".into(), "Hiring".into()],
                ..Filters::default()
            },
            vec!["Ana", "Cleo", "Dev"],
        ),
        (
            "a department",
            Filters {
                departments: vec!["Platform".into()],
                ..Filters::default()
            },
            vec!["Ana", "Cleo"],
        ),
        (
            "an organisation",
            Filters {
                organisations: vec!["Acme".into()],
                ..Filters::default()
            },
            vec!["Ana", "Ben"],
        ),
        (
            "a map",
            Filters {
                maps: vec![MapFilter {
                    map_id: w.map.clone(),
                    quadrant: None,
                }],
                ..Filters::default()
            },
            vec!["Ana", "Ben", "Cleo"],
        ),
        (
            "not on a map: its roster",
            Filters {
                not_on_map: Some(w.map.clone()),
                ..Filters::default()
            },
            vec!["Dev", "Eli"],
        ),
        (
            "a quadrant of a map",
            Filters {
                maps: vec![MapFilter {
                    map_id: w.map.clone(),
                    quadrant: Some(Quadrant::KeepSatisfied),
                }],
                ..Filters::default()
            },
            vec!["Ben"],
        ),
        (
            "a stance",
            Filters {
                stances: vec![Stance::Champion, Stance::Blocker],
                ..Filters::default()
            },
            vec!["Ben", "Cleo"],
        ),
        (
            "a level",
            Filters {
                levels: vec![Level::Peer],
                ..Filters::default()
            },
            vec!["Dev", "Eli"],
        ),
        (
            "kinds combine",
            Filters {
                departments: vec!["Platform".into()],
                organisations: vec!["Globex".into()],
                ..Filters::default()
            },
            vec!["Cleo"],
        ),
    ];
    for (what, filters, expected) in cases {
        let q = filtered(filters);
        assert_eq!(names(&w, &q), expected, "{what}");
        assert_eq!(
            page(&w.db, &q, 0, 100, day(NOW)).unwrap().total,
            expected.len(),
            "{what}: the count follows"
        );
    }
    // A filter and a search narrow each other.
    let q = ListQuery {
        query: "cle".into(),
        ..filtered(Filters {
            tags: vec!["mentor".into()],
            ..Filters::default()
        })
    };
    assert_eq!(names(&w, &q), ["Cleo"]);
}

#[test]
fn the_next_reminder_order_follows_a_change_at_once() {
    let mut w = world();
    let q = sorted(SortKey::NextReminder, false);
    let before = names(&w, &q);
    // Read again a page later (the order is kept between pages): still the same.
    assert_eq!(
        page(&w.db, &q, 1, 4, day(NOW)).unwrap().people[0].name,
        before[1]
    );
    let last = before.last().unwrap().clone();
    let id = &w.ids[["Ana", "Ben", "Cleo", "Dev", "Eli"]
        .iter()
        .position(|n| *n == last)
        .unwrap()];
    // The last of the list gets a reminder sooner than anyone's: first at once.
    let input = ReminderInput {
        title: "Call back".into(),
        note: String::new(),
        person_id: Some(id.clone()),
        due: "2026-11-25 09:30".into(),
        repeat: Recurrence::Never,
    };
    reminders::add(&mut w.db, &input, day(NOW)).unwrap();
    let after = names(&w, &q);
    assert_eq!(after[0], last, "{before:?} then {after:?}");
    assert_eq!(
        page(&w.db, &q, 0, 1, day(NOW)).unwrap().people[0].name,
        last
    );
}

#[test]
fn a_list_sorted_in_sql_follows_a_change_at_once() {
    let mut w = world();
    // By date added, latest first: Eli (added last) leads; the order is kept between pages.
    let q = sorted(SortKey::Added, true);
    assert_eq!(names(&w, &q)[0], "Eli");
    assert_eq!(
        page(&w.db, &q, 1, 1, day(NOW)).unwrap().people[0].name,
        "Dev"
    );
    people::add(&mut w.db, &PersonInput::named("Fay"), day(NOW)).unwrap();
    assert_eq!(names(&w, &q)[..2], ["Fay", "Eli"]);
    assert_eq!(
        page(&w.db, &q, 1, 1, day(NOW)).unwrap().people[0].name,
        "Eli"
    );
    assert_eq!(listed_ids(&w.db, &q, day(NOW)).unwrap().len(), 6);
    // Whichever way a page is read (the first on its own, the rest from the kept order), the
    // pages of every sort join up into the list as a whole.
    for sort in SortKey::ALL {
        for descending in [false, true] {
            let q = sorted(*sort, descending);
            let whole = names(&w, &q);
            let mut paged = Vec::new();
            for offset in [0, 2, 4] {
                let p = page(&w.db, &q, offset, 2, day(NOW)).unwrap();
                paged.extend(p.people.into_iter().map(|p| p.name));
            }
            assert_eq!(paged, whole, "{sort:?}, descending {descending}");
        }
    }
}

#[test]
fn going_cold_keeps_those_past_their_cadence_and_combines_with_a_sort() {
    let w = world();
    // On the map since day 6: Ana (manage closely, 14 days) spoke on day 15; Ben (30 days) on
    // day 10; Cleo (30 days) never. On 7 December Ana (due 29 November) and Cleo (due 6 December) are cold.
    let cold = |at: DateTime<Utc>, sort: SortKey| {
        let q = ListQuery {
            sort,
            ..filtered(Filters {
                going_cold: true,
                ..Filters::default()
            })
        };
        let p = page(&w.db, &q, 0, 100, at).unwrap();
        assert_eq!(p.total, p.people.len(), "the count is of the cold");
        p.people.into_iter().map(|p| p.name).collect::<Vec<_>>()
    };
    assert!(
        cold(day(NOW), SortKey::Name).is_empty(),
        "no one is cold yet"
    );
    let later = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
    assert_eq!(cold(later, SortKey::Name), ["Ana", "Cleo"]);
    assert_eq!(
        cold(later, SortKey::Power),
        ["Cleo", "Ana"],
        "the sort applies to the cold"
    );
}

#[test]
fn former_colleagues_are_a_filter_of_their_own() {
    let mut w = world();
    people::mark_former(&mut w.db, &w.ids[1], day(NOW)).unwrap();
    let former = filtered(Filters {
        former: true,
        ..Filters::default()
    });
    assert_eq!(names(&w, &former), ["Ben"]);
    assert!(
        !names(&w, &ListQuery::default()).contains(&"Ben".to_owned()),
        "the current list leaves them out"
    );
}

#[test]
fn positions_and_ids_follow_the_sort_and_filters() {
    let w = world();
    let q = sorted(SortKey::Power, true);
    let ids = listed_ids(&w.db, &q, day(NOW)).unwrap();
    assert_eq!(ids[0], w.ids[3], "Dev has the most power");
    let around = page_around(&w.db, &q, &w.ids[2], 2, day(NOW)).unwrap();
    assert_eq!(
        around.offset, 2,
        "Cleo is fourth, on the second page of two"
    );
    assert!(around.people.iter().any(|p| p.id == w.ids[2]));
    let too_many = filtered(Filters {
        tags: vec!["x".into(); 101],
        ..Filters::default()
    });
    assert_eq!(
        page(&w.db, &too_many, 0, 10, day(NOW)).unwrap_err().code(),
        "people.too_many_filters"
    );
}

#[test]
fn the_filter_choices_are_what_people_have() {
    let w = world();
    let c = filter_choices(&w.db).unwrap();
    assert_eq!(c.tags, ["Hiring", "hiring", "mentor"]);
    assert_eq!(c.departments, ["Finance", "Platform", "Sales"]);
    assert_eq!(c.organisations, ["Acme", "Globex", "Initech"]);
    let maps: Vec<&str> = c.maps.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(maps, ["Launch", "Promotion"]);
}

fn tags_of(w: &World, i: usize) -> String {
    people::get(&w.db, &w.ids[i]).unwrap().tags
}

#[test]
fn add_and_remove_a_tag_on_many_counting_only_those_changed() {
    let mut w = world();
    let all = w.ids.clone();
    let out = bulk_change(
        &mut w.db,
        &all,
        &BulkAction::AddTag {
            tag: " mentor ".into(),
        },
        day(NOW),
    )
    .unwrap();
    assert_eq!((out.selected, out.changed), (5, 3), "Ana and Cleo had it");
    assert_eq!(tags_of(&w, 1), "mentor");
    assert_eq!(tags_of(&w, 3), "Hiring, mentor");
    // Search sees the new tag at once.
    assert_eq!(people::list(&w.db, "mentor").unwrap().len(), 5);

    let out = bulk_change(
        &mut w.db,
        &all,
        &BulkAction::RemoveTag {
            tag: "HIRING".into(),
        },
        day(NOW),
    )
    .unwrap();
    assert_eq!(out.changed, 2, "removing ignores case: Ana and Dev");
    assert_eq!(tags_of(&w, 0), "mentor");
    assert_eq!(tags_of(&w, 3), "mentor");

    for (tag, code) in [("", "people.tag_required"), ("a, b", "people.bad_tag")] {
        let err = bulk_change(
            &mut w.db,
            &all,
            &BulkAction::AddTag { tag: tag.into() },
            day(NOW),
        )
        .unwrap_err();
        assert_eq!(err.code(), code, "{tag:?}");
    }
}

#[test]
fn one_unknown_id_changes_no_one_and_is_reported() {
    let mut w = world();
    let mut ids = w.ids.clone();
    ids.push("no-such-person".into());
    let before: Vec<String> = (0..5).map(|i| tags_of(&w, i)).collect();
    for action in [
        BulkAction::AddTag { tag: "vip".into() },
        BulkAction::MarkFormer,
        BulkAction::Delete,
        BulkAction::SetCadence { days: Some(7) },
    ] {
        let err = bulk_change(&mut w.db, &ids, &action, day(NOW)).unwrap_err();
        assert_eq!(err.code(), "people.unknown_selected", "{action:?}");
        assert!(err.to_string().contains("1 of the 6"), "{err}");
    }
    let after: Vec<String> = (0..5).map(|i| tags_of(&w, i)).collect();
    assert_eq!(before, after, "no one was tagged");
    assert_eq!(people::count(&w.db).unwrap(), 5, "no one left or went");
    assert_eq!(
        bulk_change(&mut w.db, &[], &BulkAction::Delete, day(NOW))
            .unwrap_err()
            .code(),
        "people.none_selected"
    );
}

#[test]
fn a_failure_part_way_rolls_back_those_already_changed() {
    let mut w = world();
    // Dev, last in the selection, has the most tags a person can have.
    let full: Vec<String> = (0..people::MAX_TAGS).map(|i| format!("t{i}")).collect();
    let dev = people::get(&w.db, &w.ids[3]).unwrap();
    people::update(
        &mut w.db,
        &dev.id,
        &PersonInput {
            tags: full.join(", "),
            ..dev.as_input()
        },
        day(NOW),
    )
    .unwrap();
    let ids = vec![w.ids[1].clone(), w.ids[4].clone(), w.ids[3].clone()];
    let err = bulk_change(
        &mut w.db,
        &ids,
        &BulkAction::AddTag { tag: "vip".into() },
        day(NOW),
    )
    .unwrap_err();
    assert_eq!(err.code(), "people.too_many_tags");
    assert!(err.to_string().contains("Dev"), "names who: {err}");
    assert_eq!(
        tags_of(&w, 1),
        "",
        "Ben, tagged before Dev failed, is back as he was"
    );
    assert_eq!(tags_of(&w, 4), "");
    assert!(people::list(&w.db, "vip").unwrap().is_empty(), "search too");
}

#[test]
fn place_on_a_map_in_a_quadrant_spreads_newcomers_and_moves_others() {
    let mut w = world();
    let ids = w.ids.clone();
    let out = bulk_change(
        &mut w.db,
        &ids,
        &BulkAction::Place {
            map_id: w.map.clone(),
            quadrant: Quadrant::ManageClosely,
        },
        day(NOW),
    )
    .unwrap();
    assert_eq!(out.changed, 4, "Ana was already there and stays put");
    let on_map = maps::placements(&w.db, &w.map).unwrap();
    assert_eq!(on_map.len(), 5);
    for p in &on_map {
        assert_eq!(p.position.quadrant(), Quadrant::ManageClosely, "{p:?}");
    }
    let ana = on_map.iter().find(|p| p.person_id == w.ids[0]).unwrap();
    assert_eq!(ana.position, Position::new(0.9, 0.9), "Ana did not move");
    let ben = on_map.iter().find(|p| p.person_id == w.ids[1]).unwrap();
    assert_eq!(ben.stance, Stance::Blocker, "a move keeps the stance");
    let spots: std::collections::HashSet<String> =
        on_map.iter().map(|p| format!("{:?}", p.position)).collect();
    assert_eq!(spots.len(), 5, "no two on one spot");
    assert_eq!(
        (
            maps::state_at(&w.db, &w.map, day(NOW - 1)).unwrap().len(),
            maps::state_at(&w.db, &w.map, day(NOW)).unwrap().len()
        ),
        (3, 5),
        "the map's history records who came on, and when"
    );

    maps::set_archived(&mut w.db, &w.other_map, true, day(NOW)).unwrap();
    let archived = BulkAction::Place {
        map_id: w.other_map.clone(),
        quadrant: Quadrant::Monitor,
    };
    assert_eq!(
        bulk_change(&mut w.db, &ids, &archived, day(NOW))
            .unwrap_err()
            .code(),
        "maps.archived"
    );
    let gone = BulkAction::Place {
        map_id: "nope".into(),
        quadrant: Quadrant::Monitor,
    };
    assert_eq!(
        bulk_change(&mut w.db, &ids, &gone, day(NOW))
            .unwrap_err()
            .code(),
        "maps.not_found"
    );
}

#[test]
fn set_cadence_mark_former_and_delete_many() {
    let mut w = world();
    let two = vec![w.ids[0].clone(), w.ids[4].clone()];
    let out = bulk_change(
        &mut w.db,
        &two,
        &BulkAction::SetCadence { days: Some(10) },
        day(NOW),
    )
    .unwrap();
    assert_eq!(out.changed, 2);
    assert_eq!(
        profiles::get(&w.db, &w.ids[4]).unwrap().cadence_days,
        Some(10)
    );
    assert_eq!(
        profiles::get(&w.db, &w.ids[0]).unwrap().level,
        Some(Level::Manager),
        "the rest of the profile stays"
    );
    let again = bulk_change(
        &mut w.db,
        &two,
        &BulkAction::SetCadence { days: Some(10) },
        day(NOW),
    )
    .unwrap();
    assert_eq!(again.changed, 0, "already so");
    let err = bulk_change(
        &mut w.db,
        &two,
        &BulkAction::SetCadence { days: Some(0) },
        day(NOW),
    )
    .unwrap_err();
    assert_eq!(err.code(), "profiles.bad_cadence");
    bulk_change(
        &mut w.db,
        &two,
        &BulkAction::SetCadence { days: None },
        day(NOW),
    )
    .unwrap();
    assert_eq!(profiles::get(&w.db, &w.ids[4]).unwrap().cadence_days, None);

    let out = bulk_change(&mut w.db, &two, &BulkAction::MarkFormer, day(NOW)).unwrap();
    assert_eq!(out.changed, 2);
    assert_eq!(people::count(&w.db).unwrap(), 3);
    assert_eq!(people::former(&w.db).unwrap().len(), 2);

    let rest = vec![w.ids[1].clone(), w.ids[2].clone(), w.ids[1].clone()];
    let out = bulk_change(&mut w.db, &rest, &BulkAction::Delete, day(NOW)).unwrap();
    assert_eq!(
        (out.selected, out.changed),
        (2, 2),
        "a repeated id counts once"
    );
    assert_eq!(people::count(&w.db).unwrap(), 1);
    assert!(
        people::get(&w.db, &w.ids[1]).is_err(),
        "deleted people are gone from the list"
    );
    // Their own records went with them, as a single delete does.
    let restored = people::restore(&mut w.db, &w.ids[1]).unwrap();
    assert_eq!(restored.name, "Ben");
    assert!(
        restored.last_contact.is_some(),
        "his interaction came back with him"
    );
}
