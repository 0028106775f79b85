//! Maps with people on them: placements, stances, history and desired positions.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::{Database, Error};
use chrono::{DateTime, Duration, TimeZone, Utc};

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
}

struct World {
    db: Database,
    map: String,
    dana: String,
    sam: String,
}

fn world() -> World {
    let mut db = Database::open_in_memory().unwrap();
    let map = maps::create(&mut db, &MapInput::named("Promotion to Staff"), day(1))
        .unwrap()
        .id;
    let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), day(1))
        .unwrap()
        .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), day(1))
        .unwrap()
        .id;
    World { db, map, dana, sam }
}

fn pos(power: f64, interest: f64) -> Position {
    Position::new(power, interest)
}

#[test]
fn a_map_is_created_renamed_archived_and_deleted_with_undo() {
    let mut w = world();
    let input = MapInput {
        name: "  Project Atlas launch ".into(),
        description: "Ship by Q2".into(),
        target_date: "2027-03-31".into(),
    };
    let atlas = maps::create(&mut w.db, &input, day(2)).unwrap();
    assert_eq!(atlas.name, "Project Atlas launch");
    assert_eq!(atlas.target_date.unwrap().to_string(), "2027-03-31");

    let renamed = maps::update(&mut w.db, &atlas.id, &MapInput::named("Atlas GA"), day(3)).unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.target_date),
        ("Atlas GA", None)
    );

    maps::set_archived(&mut w.db, &atlas.id, true, day(4)).unwrap();
    let active: Vec<String> = maps::list(&w.db, false)
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(
        active,
        ["Promotion to Staff"],
        "archived maps are out of the way"
    );
    let all = maps::list(&w.db, true).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[1].archived, "archived maps come last");

    maps::delete(&mut w.db, &atlas.id, day(5)).unwrap();
    assert_eq!(maps::list(&w.db, true).unwrap().len(), 1);
    assert_eq!(
        maps::restore(&mut w.db, &atlas.id).unwrap().name,
        "Atlas GA"
    );
}

#[test]
fn bad_map_input_says_what_and_where() {
    let mut w = world();
    let cases = [
        (MapInput::named(" "), "maps.name_required", "name"),
        (
            MapInput {
                target_date: "2026-02-30".into(),
                ..MapInput::named("X")
            },
            "maps.bad_date",
            "target_date",
        ),
        (MapInput::named(&"m".repeat(501)), "input.too_long", "name"),
        (
            MapInput {
                target_date: "0031-12-03".into(),
                ..MapInput::named("X")
            },
            "maps.bad_date",
            "target_date",
        ),
    ];
    for (input, code, field) in &cases {
        match maps::create(&mut w.db, input, day(2)) {
            Err(Error::Invalid {
                code: c,
                field: f,
                message,
            }) => {
                assert_eq!((c, f), (*code, *field), "{message}");
            }
            other => panic!("{input:?} must be refused, got {other:?}"),
        }
    }
    let err = maps::create(&mut w.db, &cases[1].0, day(2)).unwrap_err();
    assert!(
        err.to_string()
            .contains("“\u{2068}2026-02-30\u{2069}” is not a date"),
        "{err}"
    );
}

#[test]
fn placing_moving_and_stance_are_saved_and_listed() {
    let mut w = world();
    let p = maps::place(&mut w.db, &w.map, &w.dana, pos(0.9, 0.2), None, day(2)).unwrap();
    assert_eq!(
        (p.position, p.stance, p.desired),
        (pos(0.9, 0.2), Stance::Unknown, None)
    );
    maps::set_stance(&mut w.db, &w.map, &w.dana, Stance::Champion, day(3)).unwrap();
    let moved = maps::place(&mut w.db, &w.map, &w.dana, pos(0.6, 0.7), None, day(4)).unwrap();
    assert_eq!(moved.stance, Stance::Champion, "moving keeps the stance");
    maps::place(
        &mut w.db,
        &w.map,
        &w.sam,
        pos(0.1, 0.1),
        Some(Stance::Blocker),
        day(4),
    )
    .unwrap();

    let on_map = maps::placements(&w.db, &w.map).unwrap();
    let names: Vec<&str> = on_map.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Dana Ng", "Sam Patel"]);
    assert_eq!(on_map[1].stance, Stance::Blocker);
    assert_eq!(maps::get(&w.db, &w.map).unwrap().people_count, 2);
}

#[test]
fn positions_off_the_grid_are_refused_and_nothing_changes() {
    let mut w = world();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.5, 0.5), None, day(2)).unwrap();
    for bad in [
        pos(1.01, 0.5),
        pos(0.5, -0.1),
        pos(f64::NAN, 0.5),
        pos(0.5, f64::INFINITY),
    ] {
        let err = maps::place(&mut w.db, &w.map, &w.dana, bad, None, day(3)).unwrap_err();
        assert_eq!(err.code(), "maps.out_of_range", "{bad:?}");
        let err = maps::set_desired(&mut w.db, &w.map, &w.dana, Some(bad), day(3)).unwrap_err();
        assert_eq!(err.code(), "maps.out_of_range", "{bad:?}");
    }
    let now = maps::placements(&w.db, &w.map).unwrap();
    assert_eq!((now[0].position, now[0].desired), (pos(0.5, 0.5), None));
    assert!(
        maps::place(&mut w.db, &w.map, &w.dana, pos(0.0, 1.0), None, day(3)).is_ok(),
        "the edges are on the grid"
    );
}

#[test]
fn unknown_people_and_deleted_maps_are_refused() {
    let mut w = world();
    let err = maps::place(&mut w.db, &w.map, "nobody", pos(0.5, 0.5), None, day(2)).unwrap_err();
    assert_eq!(err.code(), "people.not_found");
    let err = maps::set_stance(&mut w.db, &w.map, &w.sam, Stance::Neutral, day(2)).unwrap_err();
    assert_eq!(err.code(), "maps.not_on_map");
    assert_eq!(
        err.to_string(),
        "\u{2068}Sam Patel\u{2069} is not on this map."
    );

    maps::delete(&mut w.db, &w.map, day(3)).unwrap();
    let err = maps::place(&mut w.db, &w.map, &w.dana, pos(0.5, 0.5), None, day(4)).unwrap_err();
    assert_eq!(err.code(), "maps.not_found");
    assert_eq!(
        maps::placements(&w.db, &w.map).unwrap_err().code(),
        "maps.not_found"
    );
}

#[test]
fn a_deleted_person_leaves_the_map_and_comes_back_with_undo() {
    let mut w = world();
    maps::place(
        &mut w.db,
        &w.map,
        &w.dana,
        pos(0.8, 0.8),
        Some(Stance::Supporter),
        day(2),
    )
    .unwrap();
    people::delete(&mut w.db, &w.dana, day(3)).unwrap();
    assert!(maps::placements(&w.db, &w.map).unwrap().is_empty());
    people::restore(&mut w.db, &w.dana).unwrap();
    let back = maps::placements(&w.db, &w.map).unwrap();
    assert_eq!(
        (back[0].position, back[0].stance),
        (pos(0.8, 0.8), Stance::Supporter)
    );
}

#[test]
fn the_map_can_be_seen_as_it_was_on_an_earlier_day() {
    let mut w = world();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.2, 0.2), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.9, 0.9), None, day(3)).unwrap();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.8, 0.3), None, day(5)).unwrap();
    maps::set_stance(&mut w.db, &w.map, &w.dana, Stance::Champion, day(6)).unwrap();
    maps::unplace(&mut w.db, &w.map, &w.sam, day(7)).unwrap();

    assert!(
        maps::state_at(&w.db, &w.map, day(1)).unwrap().is_empty(),
        "nothing before the first placement"
    );
    let on_4th = maps::state_at(&w.db, &w.map, day(4)).unwrap();
    assert_eq!(on_4th.len(), 2);
    assert_eq!(
        (on_4th[0].name.as_str(), on_4th[0].position),
        ("Dana Ng", pos(0.2, 0.2))
    );
    let on_6th = maps::state_at(&w.db, &w.map, day(6)).unwrap();
    assert_eq!(
        (on_6th[0].position, on_6th[0].stance),
        (pos(0.8, 0.3), Stance::Champion)
    );
    let on_8th = maps::state_at(&w.db, &w.map, day(8)).unwrap();
    assert_eq!(on_8th.len(), 1, "Sam left the map on the 7th");

    let span = maps::history_span(&w.db, &w.map).unwrap().unwrap();
    assert_eq!((span.first, span.last), (day(2), day(7)));
}

#[test]
fn the_history_shows_where_the_user_needed_each_person_at_that_moment() {
    let mut w = world();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.2, 0.2), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.5, 0.5), None, day(2)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.dana, Some(pos(0.9, 0.9)), day(4)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.dana, Some(pos(0.7, 0.8)), day(6)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.sam, Some(pos(0.1, 0.9)), day(6)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.dana, None, day(8)).unwrap();
    // Sam is taken off (the need goes with the placement) and put back with no need set.
    maps::unplace(&mut w.db, &w.map, &w.sam, day(9)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.4, 0.4), None, day(10)).unwrap();
    // The latest change of all is a need: the slider has to reach it.
    maps::set_desired(&mut w.db, &w.map, &w.sam, Some(pos(0.3, 0.3)), day(12)).unwrap();

    let needs = |at| -> Vec<(String, Option<maps::Position>)> {
        maps::state_at(&w.db, &w.map, at)
            .unwrap()
            .into_iter()
            .map(|s| (s.name, s.desired))
            .collect()
    };
    let named = |dana, sam| vec![("Dana Ng".to_owned(), dana), ("Sam Patel".to_owned(), sam)];
    assert_eq!(needs(day(3)), named(None, None), "no need said yet");
    assert_eq!(
        needs(day(5)),
        named(Some(pos(0.9, 0.9)), None),
        "Dana's first need, from the 4th"
    );
    assert_eq!(
        needs(day(6)),
        named(Some(pos(0.7, 0.8)), Some(pos(0.1, 0.9))),
        "a change on the day itself counts"
    );
    assert_eq!(
        needs(day(8)),
        named(None, Some(pos(0.1, 0.9))),
        "Dana's need was cleared on the 8th"
    );
    assert_eq!(
        needs(day(11)),
        named(None, None),
        "Sam's old need left the map with him and is not shown once he is back"
    );
    assert_eq!(needs(day(12)), named(None, Some(pos(0.3, 0.3))));

    let span = maps::history_span(&w.db, &w.map).unwrap().unwrap();
    assert_eq!(
        (span.first, span.last),
        (day(2), day(12)),
        "the span reaches the last change of a need"
    );
    assert!(
        maps::moves_between(&w.db, &w.map, day(3), day(5))
            .unwrap()
            .is_empty(),
        "a need changing is not the person moving"
    );
}

#[test]
fn moves_between_two_days_list_the_biggest_first_with_joins_and_leaves() {
    let mut w = world();
    let kim = people::add(&mut w.db, &PersonInput::named("Kim Lee"), day(1))
        .unwrap()
        .id;
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.1, 0.1), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.5, 0.5), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.9, 0.9), None, day(4)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.6, 0.5), None, day(4)).unwrap();
    maps::place(&mut w.db, &w.map, &kim, pos(0.3, 0.3), None, day(4)).unwrap();

    let moves = maps::moves_between(&w.db, &w.map, day(3), day(5)).unwrap();
    let summary: Vec<(&str, bool, bool)> = moves
        .iter()
        .map(|m| (m.name.as_str(), m.from.is_some(), m.to.is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Dana Ng", true, true),
            ("Sam Patel", true, true),
            ("Kim Lee", false, true)
        ]
    );
    assert!((moves[0].distance - 0.8 * 2f64.sqrt()).abs() < 1e-9);
    assert!(
        maps::moves_between(&w.db, &w.map, day(5), day(5) + Duration::days(1))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn desired_positions_give_the_largest_gaps_first() {
    let mut w = world();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.2, 0.2), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.5, 0.5), None, day(2)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.sam, Some(pos(0.6, 0.5)), day(3)).unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.dana, Some(pos(0.9, 0.9)), day(3)).unwrap();

    let gaps = maps::largest_gaps(&w.db, &w.map, 10).unwrap();
    let names: Vec<&str> = gaps.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Dana Ng", "Sam Patel"]);
    assert_eq!(maps::largest_gaps(&w.db, &w.map, 1).unwrap().len(), 1);

    let cleared = maps::set_desired(&mut w.db, &w.map, &w.dana, None, day(4)).unwrap();
    assert_eq!(cleared.desired, None);
    assert_eq!(maps::largest_gaps(&w.db, &w.map, 10).unwrap().len(), 1);
}

#[test]
fn taking_someone_off_returns_what_undo_needs() {
    let mut w = world();
    maps::place(
        &mut w.db,
        &w.map,
        &w.dana,
        pos(0.7, 0.4),
        Some(Stance::Skeptic),
        day(2),
    )
    .unwrap();
    maps::set_desired(&mut w.db, &w.map, &w.dana, Some(pos(0.7, 0.9)), day(2)).unwrap();
    let removed = maps::unplace(&mut w.db, &w.map, &w.dana, day(3)).unwrap();
    assert!(maps::placements(&w.db, &w.map).unwrap().is_empty());
    assert_eq!(
        maps::unplace(&mut w.db, &w.map, &w.dana, day(3))
            .unwrap_err()
            .code(),
        "maps.not_on_map"
    );

    maps::place(
        &mut w.db,
        &w.map,
        &w.dana,
        removed.position,
        Some(removed.stance),
        day(4),
    )
    .unwrap();
    let back = maps::set_desired(&mut w.db, &w.map, &w.dana, removed.desired, day(4)).unwrap();
    assert_eq!(
        (back.position, back.stance, back.desired),
        (removed.position, removed.stance, removed.desired)
    );
}

#[test]
fn a_position_is_on_disk_as_soon_as_place_returns() {
    let dir = tempfile::tempdir().unwrap();
    let (map, dana) = {
        let mut db = Database::open_in(dir.path(), day(1)).unwrap();
        let map = maps::create(&mut db, &MapInput::named("M"), day(1))
            .unwrap()
            .id;
        let dana = people::add(&mut db, &PersonInput::named("Dana"), day(1))
            .unwrap()
            .id;
        maps::place(&mut db, &map, &dana, pos(0.25, 0.75), None, day(2)).unwrap();
        // No orderly close and no checkpoint: the change must already be in the file's WAL.
        std::mem::forget(db);
        (map, dana)
    };
    let db = Database::open_in(dir.path(), day(3)).unwrap();
    let p = maps::placements(&db, &map).unwrap();
    assert_eq!(
        (p[0].person_id.as_str(), p[0].position),
        (dana.as_str(), pos(0.25, 0.75))
    );
}

#[test]
fn a_former_colleague_leaves_the_map_and_comes_back_on_undo() {
    let mut w = world();
    maps::place(&mut w.db, &w.map, &w.dana, pos(0.9, 0.9), None, day(2)).unwrap();
    maps::place(&mut w.db, &w.map, &w.sam, pos(0.2, 0.2), None, day(2)).unwrap();
    people::mark_former(&mut w.db, &w.dana, day(3)).unwrap();
    let names = |db: &Database| -> Vec<String> {
        maps::placements(db, &w.map)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(names(&w.db), ["Sam Patel"]);
    assert_eq!(people::former(&w.db).unwrap()[0].name, "Dana Ng");
    assert_eq!(
        people::list(&w.db, "").unwrap().len(),
        1,
        "off the people list"
    );
    assert_eq!(
        people::get(&w.db, &w.dana).unwrap().left_at,
        Some(day(3)),
        "their page still opens"
    );
    people::restore(&mut w.db, &w.dana).unwrap();
    assert_eq!(names(&w.db), ["Dana Ng", "Sam Patel"], "where she was");
    assert!(people::former(&w.db).unwrap().is_empty());
}

#[test]
fn tags_are_tidied_found_by_search_and_checked() {
    let mut db = Database::open_in_memory().unwrap();
    let input = PersonInput {
        tags: " Mentor, platform ,, mentor , Hiring committee ".into(),
        ..PersonInput::named("Dana Ng")
    };
    let dana = people::add(&mut db, &input, day(1)).unwrap();
    assert_eq!(dana.tags, "Mentor, platform, Hiring committee");
    assert_eq!(
        people::list(&db, "hiring").unwrap().len(),
        1,
        "the list filter"
    );
    let found = allies_core::search::search(&db, "committee").unwrap();
    assert_eq!(found.people[0].person_id, dana.id, "the search index");

    let many = PersonInput {
        tags: (0..21)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(","),
        ..PersonInput::named("Sam")
    };
    match people::add(&mut db, &many, day(1)) {
        Err(Error::Invalid { field, code, .. }) => {
            assert_eq!((field, code), ("tags", "people.too_many_tags"))
        }
        other => panic!("{other:?}"),
    }
    let long = PersonInput {
        tags: "x".repeat(61),
        ..PersonInput::named("Sam")
    };
    assert_eq!(
        people::add(&mut db, &long, day(1)).unwrap_err().code(),
        "input.too_long"
    );
}

#[test]
fn a_persons_stance_on_each_map_is_the_one_the_map_shows() {
    let mut w = world();
    let atlas = maps::create(&mut w.db, &MapInput::named("Atlas launch"), day(1))
        .unwrap()
        .id;
    maps::place(
        &mut w.db,
        &w.map,
        &w.dana,
        pos(0.9, 0.9),
        Some(Stance::Champion),
        day(2),
    )
    .unwrap();
    maps::place(&mut w.db, &atlas, &w.dana, pos(0.9, 0.1), None, day(2)).unwrap();
    maps::set_stance(&mut w.db, &atlas, &w.dana, Stance::Skeptic, day(3)).unwrap();
    let stances = maps::stances_of(&w.db, &w.dana).unwrap();
    let seen: Vec<(&str, Stance)> = stances
        .iter()
        .map(|s| (s.map_name.as_str(), s.stance))
        .collect();
    assert_eq!(
        seen,
        [
            ("Atlas launch", Stance::Skeptic),
            ("Promotion to Staff", Stance::Champion)
        ]
    );
    assert!(maps::stances_of(&w.db, &w.sam).unwrap().is_empty());
}
