//! Tests of the undo history: every kind of change goes back exactly, across a reopened file,
//! and an undo that cannot finish changes nothing.

use chrono::TimeZone;

use super::*;
use crate::journal::{favours, interactions};
use crate::maps::{self, MapInput, Position, Stance};
use crate::people::{self, PersonInput};
use crate::search;

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, h, 0, 0).unwrap()
}

fn db() -> Database {
    Database::open_in_memory().unwrap()
}

/// Every row of every recorded table, as text, to compare whole databases.
fn contents(db: &Database) -> Vec<String> {
    let mut all = Vec::new();
    for table in triggers::recorded_tables(db.conn()).unwrap() {
        let mut stmt = db
            .conn()
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut row = format!("{table}:");
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    row.push_str(&format!(" {v:?}"));
                }
                Ok(row)
            })
            .unwrap();
        all.extend(rows.map(Result::unwrap));
    }
    all
}

fn add(db: &mut Database, name: &str, h: u32) -> people::Person {
    record(db, at(h), |db| {
        people::add(db, &PersonInput::named(name), at(h))
    })
    .unwrap()
}

fn labels(db: &Database) -> Vec<String> {
    recent(db)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| s.label)
        .collect()
}

#[test]
fn an_added_person_is_undone_and_redone_with_search_following() {
    let mut db = db();
    let empty = contents(&db);
    let dana = add(&mut db, "Dana Ng", 9);
    let with_dana = contents(&db);
    assert_eq!(labels(&db), ["Added Dana Ng"]);

    let undone = undo(&mut db).unwrap().unwrap();
    assert_eq!(
        (undone.label.as_str(), undone.undone),
        ("Added Dana Ng", true)
    );
    assert_eq!(contents(&db), empty);
    assert!(search::search(&db, "dana").unwrap().people.is_empty());

    let redone = redo(&mut db).unwrap().unwrap();
    assert!(!redone.undone);
    assert_eq!(contents(&db), with_dana);
    assert_eq!(people::get(&db, &dana.id).unwrap().name, "Dana Ng");
    assert_eq!(search::search(&db, "dana").unwrap().people.len(), 1);
}

#[test]
fn an_edit_goes_back_to_exactly_what_was_there() {
    let mut db = db();
    let dana = add(&mut db, "Dana Ng", 9);
    let before = contents(&db);
    let input = PersonInput {
        role: "Director".into(),
        notes: "Quote ' and \" and <script>; DROP TABLE people; --".into(),
        ..PersonInput::named("Dana Ng-Park")
    };
    record(&mut db, at(10), |db| {
        people::update(db, &dana.id, &input, at(10))
    })
    .unwrap();
    assert_eq!(labels(&db)[0], "Edited Dana Ng-Park");
    let after = contents(&db);

    undo(&mut db).unwrap();
    assert_eq!(contents(&db), before);
    assert!(search::search(&db, "park").unwrap().people.is_empty());
    redo(&mut db).unwrap();
    assert_eq!(contents(&db), after);
}

#[test]
fn a_delete_and_its_undo_bring_back_the_whole_record() {
    let mut db = db();
    let dana = add(&mut db, "Dana Ng", 9);
    let before = contents(&db);
    record(&mut db, at(10), |db| people::delete(db, &dana.id, at(10))).unwrap();
    assert_eq!(labels(&db)[0], "Deleted Dana Ng");
    undo(&mut db).unwrap();
    assert_eq!(contents(&db), before);
}

#[test]
fn moves_stance_and_desired_positions_on_a_map_go_back_one_at_a_time() {
    let mut db = db();
    let dana = add(&mut db, "Dana Ng", 9);
    let map = record(&mut db, at(9), |db| {
        maps::create(db, &MapInput::named("Promotion"), at(9))
    })
    .unwrap();
    record(&mut db, at(10), |db| {
        maps::place(
            db,
            &map.id,
            &dana.id,
            Position::new(0.25, 0.5),
            None,
            at(10),
        )
    })
    .unwrap();
    let placed = contents(&db);
    // A position that text cannot carry in 15 digits comes back exactly.
    let odd = Position::new(0.1 + 0.2, 1.0 / 3.0);
    record(&mut db, at(11), |db| {
        maps::place(db, &map.id, &dana.id, odd, None, at(11))
    })
    .unwrap();
    let moved = contents(&db);
    record(&mut db, at(12), |db| {
        maps::set_stance(db, &map.id, &dana.id, Stance::ALL[0], at(12))
    })
    .unwrap();
    assert_eq!(
        labels(&db)[..4],
        [
            "Changed the stance of Dana Ng on Promotion",
            "Moved Dana Ng on Promotion",
            "Put Dana Ng on Promotion",
            "Created the map Promotion",
        ]
    );

    undo(&mut db).unwrap();
    assert_eq!(contents(&db), moved);
    undo(&mut db).unwrap();
    assert_eq!(contents(&db), placed);
    redo(&mut db).unwrap();
    assert_eq!(
        contents(&db),
        moved,
        "the odd position came back to the last bit"
    );
}

#[test]
fn an_interaction_with_its_people_is_one_step() {
    let mut db = db();
    let dana = add(&mut db, "Dana Ng", 9);
    let lee = add(&mut db, "Lee Roy", 9);
    let before = contents(&db);
    let input = interactions::InteractionInput {
        occurred_at: Some(at(8)),
        kind: interactions::Kind::Coffee,
        people: vec![dana.id.clone(), lee.id.clone()],
        notes: "Talked about the platform move".into(),
        follow_up: String::new(),
    };
    record(&mut db, at(10), |db| interactions::log(db, &input, at(10))).unwrap();
    assert_eq!(labels(&db)[0], "Logged a coffee with Dana Ng, Lee Roy");
    undo(&mut db).unwrap();
    assert_eq!(contents(&db), before);
    assert!(search::search(&db, "platform")
        .unwrap()
        .interactions
        .is_empty());
}

#[test]
fn many_people_added_at_once_are_one_step_and_counted() {
    let mut db = db();
    let before = contents(&db);
    record(&mut db, at(9), |db| {
        for i in 0..1204 {
            people::add(db, &PersonInput::named(&format!("Person {i}")), at(9))?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(labels(&db), ["Added 1,204 people"]);
    undo(&mut db).unwrap();
    assert_eq!(contents(&db), before);
    assert_eq!(people::count(&db).unwrap(), 0);
}

#[test]
fn the_history_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in(dir.path(), at(8)).unwrap();
    let dana = record(&mut db, at(9), |db| {
        people::add(db, &PersonInput::named("Dana Ng"), at(9))
    })
    .unwrap();
    let favour = favours::FavourInput {
        person_id: dana.id.clone(),
        direction: favours::Direction::ByThem,
        description: "Reviewed my design doc".into(),
    };
    record(&mut db, at(10), |db| favours::record(db, &favour, at(10))).unwrap();
    let with_favour = contents(&db);
    drop(db);

    let mut db = Database::open_in(dir.path(), at(11)).unwrap();
    assert_eq!(
        labels(&db),
        [
            "Recorded the favour “Reviewed my design doc”",
            "Added Dana Ng"
        ]
    );
    undo(&mut db).unwrap();
    assert!(favours::for_person(&db, &dana.id).unwrap().is_empty());
    drop(db);

    let mut db = Database::open_in(dir.path(), at(12)).unwrap();
    let history = recent(&db).unwrap();
    assert_eq!(
        history.next_redo.map(|s| s.label),
        Some("Recorded the favour “Reviewed my design doc”".into())
    );
    redo(&mut db).unwrap();
    assert_eq!(contents(&db), with_favour);
}

#[test]
fn a_new_change_clears_what_was_undone() {
    let mut db = db();
    add(&mut db, "Dana Ng", 9);
    add(&mut db, "Lee Roy", 10);
    undo(&mut db).unwrap();
    add(&mut db, "Sam Poe", 11);
    let history = recent(&db).unwrap();
    assert_eq!(labels(&db), ["Added Sam Poe", "Added Dana Ng"]);
    assert_eq!(history.next_redo, None);
    assert_eq!(redo(&mut db).unwrap(), None);
}

#[test]
fn nothing_to_undo_or_redo_is_not_an_error() {
    let mut db = db();
    assert_eq!(undo(&mut db).unwrap(), None);
    assert_eq!(redo(&mut db).unwrap(), None);
    // An action that changes nothing leaves no step.
    record(&mut db, at(9), |db| people::count(db)).unwrap();
    assert!(labels(&db).is_empty());
}

#[test]
fn changes_made_outside_a_recorded_action_are_not_in_the_history() {
    let mut db = db();
    people::add(&mut db, &PersonInput::named("Dana Ng"), at(9)).unwrap();
    let dana = add(&mut db, "Lee Roy", 10);
    people::add(&mut db, &PersonInput::named("Sam Poe"), at(11)).unwrap();
    assert_eq!(labels(&db), ["Added Lee Roy"]);
    undo(&mut db).unwrap();
    assert!(people::get(&db, &dana.id).is_err());
    assert_eq!(people::count(&db).unwrap(), 2);
}

#[test]
fn an_undo_that_cannot_finish_changes_nothing_and_can_be_tried_again() {
    let mut db = db();
    let dana = add(&mut db, "Dana Ng", 9);
    record(&mut db, at(10), |db| people::delete(db, &dana.id, at(10))).unwrap();
    // The step's way back is damaged halfway: its second statement fails after the first ran.
    db.conn()
        .execute(
            "INSERT INTO history_entries (step, tbl, row_key, what, sql)
             SELECT step, tbl, row_key, what, 'UPDATE no_such_table SET x = 1' FROM history_entries
              WHERE step = (SELECT max(id) FROM history_steps)",
            [],
        )
        .unwrap();
    let before = contents(&db);
    let entries: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM history_entries", [], |r| r.get(0))
        .unwrap();

    let err = undo(&mut db).unwrap_err();
    assert_eq!(err.code(), "history.blocked");
    assert!(
        err.to_string()
            .starts_with("“Deleted Dana Ng” could not be undone"),
        "{err}"
    );
    assert_eq!(contents(&db), before, "nothing of the undo stayed");
    let after: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM history_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, entries, "the step's entries are all still there");
    assert_eq!(
        recent(&db).unwrap().next_undo.unwrap().label,
        "Deleted Dana Ng"
    );

    // With the damage gone, the same undo works.
    db.conn()
        .execute(
            "DELETE FROM history_entries WHERE sql LIKE '%no_such_table%'",
            [],
        )
        .unwrap();
    undo(&mut db).unwrap();
    assert!(!people::get(&db, &dana.id).unwrap().name.is_empty());
}

#[test]
fn a_change_committed_just_before_a_crash_still_becomes_a_step() {
    let mut db = db();
    add(&mut db, "Dana Ng", 9);
    undo(&mut db).unwrap();
    // Entries written with their change, but the step never sealed (the app stopped between).
    triggers::install(db.conn()).unwrap();
    set_marker(&db, Some(next_step(&db).unwrap())).unwrap();
    let lee = people::add(&mut db, &PersonInput::named("Lee Roy"), at(10)).unwrap();
    set_marker(&db, None).unwrap();

    // The next recorded action seals it first, and it can be undone on its own.
    add(&mut db, "Sam Poe", 11);
    assert_eq!(labels(&db), ["Added Sam Poe", "Added Lee Roy"]);
    assert_eq!(
        recent(&db).unwrap().next_redo,
        None,
        "a new change clears the undone"
    );
    undo(&mut db).unwrap();
    undo(&mut db).unwrap();
    assert!(people::get(&db, &lee.id).is_err());
}

/// After a restart the app may only read before the user presses Ctrl+Z: undo seals what a
/// crash left first (`seal_left_over`), so the change it takes back is the last one made.
#[test]
fn a_change_left_by_a_crash_is_undone_first_without_another_change() {
    let mut db = db();
    add(&mut db, "Dana Ng", 9);
    triggers::install(db.conn()).unwrap();
    set_marker(&db, Some(next_step(&db).unwrap())).unwrap();
    let lee = people::add(&mut db, &PersonInput::named("Lee Roy"), at(10)).unwrap();
    set_marker(&db, None).unwrap();
    assert_eq!(
        labels(&db),
        ["Added Dana Ng"],
        "not a step before it is sealed"
    );

    seal_left_over(&mut db, at(11)).unwrap();
    assert_eq!(labels(&db), ["Added Lee Roy", "Added Dana Ng"]);
    let undone = undo(&mut db).unwrap().unwrap();
    assert_eq!(undone.label, "Added Lee Roy");
    assert!(people::get(&db, &lee.id).is_err());
    seal_left_over(&mut db, at(12)).unwrap();
    assert_eq!(
        recent(&db).unwrap().next_redo.map(|s| s.label).as_deref(),
        Some("Added Lee Roy"),
        "with nothing left over, sealing changes nothing (the undone step stays to redo)"
    );
}

#[test]
fn only_the_newest_steps_are_kept() {
    let mut db = db();
    for i in 0..(KEPT + 5) {
        record(&mut db, at(9), |db| {
            people::add(db, &PersonInput::named(&format!("P{i}")), at(9))
        })
        .unwrap();
    }
    let kept: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM history_steps", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, KEPT);
    let orphans: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM history_entries WHERE step NOT IN (SELECT id FROM history_steps)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    assert_eq!(recent(&db).unwrap().steps.len() as i64, LISTED);
}

#[test]
fn every_table_a_backup_holds_is_recorded_but_the_log_of_pop_ups_shown() {
    let db = db();
    let recorded = triggers::recorded_tables(db.conn()).unwrap();
    for table in crate::storage::backup::table_names() {
        assert_eq!(
            recorded.iter().any(|t| t == table),
            table != "reminder_log",
            "{table}"
        );
    }
    for left_out in [
        "search_rows",
        "search_people",
        "history_steps",
        "history_entries",
    ] {
        assert!(
            !recorded.iter().any(|t| t == left_out),
            "{left_out} is recorded"
        );
    }
}
