//! The conflict policy from both sides, and restoring from the log. The simulated wall clock
//! moves at each change, so the second of two edits made "offline" is the later one.

use super::*;
use crate::maps::{self, MapInput, Position, Stance};

/// A map with Dana placed on it by the first computer, and both computers up to date: the map's
/// id and Dana's.
fn dana_placed_on_both(devs: &mut [Device]) -> (String, String) {
    let map = maps::create(&mut devs[0].db, &MapInput::named("Reorg"), at(1)).unwrap();
    let dana = add(&mut devs[0].db, "Dana");
    let spot = Position::new(0.2, 0.2);
    maps::place(&mut devs[0].db, &map.id, &dana, spot, None, at(2)).unwrap();
    settle(devs);
    (map.id, dana)
}

#[test]
fn two_edits_of_one_field_keep_the_later_and_log_the_other() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let dana = add(&mut devs[0].db, "Dana");
    settle(&mut devs);
    let edit = |db: &mut Database, role: &str, notes: &str| {
        let input = PersonInput {
            role: role.into(),
            notes: notes.into(),
            ..PersonInput::named("Dana")
        };
        people::update(db, &dana, &input, at(10)).unwrap();
    };
    edit(&mut devs[0].db, "Director", "");
    edit(&mut devs[1].db, "VP Engineering", "likes sailing");
    settle(&mut devs);
    for d in &devs {
        let p = people::get(&d.db, &dana).unwrap();
        assert_eq!(p.role, "VP Engineering", "the later edit wins everywhere");
        assert_eq!(p.notes, "likes sailing");
    }
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
    let logged = conflicts(&devs[0].db).unwrap();
    let lost = logged
        .iter()
        .find(|c| c.table == "people" && c.overridden.get("role").is_some())
        .expect("the overridden role is in the log where it was overridden");
    assert_eq!(lost.overridden["role"], "Director");
    assert_eq!(lost.kept.as_ref().unwrap()["role"], "VP Engineering");

    // Restoring it is a change of its own, which syncs.
    restore_conflict(&mut devs[0].db, lost.id, at(20)).unwrap();
    assert_eq!(people::get(&devs[0].db, &dana).unwrap().role, "Director");
    settle(&mut devs);
    assert_eq!(people::get(&devs[1].db, &dana).unwrap().role, "Director");
    assert!(
        conflicts(&devs[0].db).unwrap()[0].restored_at.is_some() || {
            conflicts(&devs[0].db)
                .unwrap()
                .iter()
                .any(|c| c.restored_at.is_some())
        }
    );
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
}

/// A row is the unit: edits of different fields of one placement on two computers keep the
/// later edit's whole row, and the other's field is in the log.
#[test]
fn edits_of_different_fields_keep_the_later_row_and_log_the_other() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let (map, dana) = dana_placed_on_both(&mut devs);
    maps::set_stance(&mut devs[0].db, &map, &dana, Stance::Champion, at(3)).unwrap();
    maps::place(
        &mut devs[1].db,
        &map,
        &dana,
        Position::new(0.8, 0.9),
        None,
        at(4),
    )
    .unwrap();
    settle(&mut devs);
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
    let placed = maps::placements(&devs[0].db, &map).unwrap();
    assert_eq!(placed.len(), 1);
    assert_eq!(
        placed[0].position,
        Position::new(0.8, 0.9),
        "the later edit's row"
    );
    assert_eq!(placed[0].stance, Stance::Unknown);
    let logged = conflicts(&devs[0].db).unwrap();
    let lost = logged
        .iter()
        .find(|c| c.table == "placements")
        .expect("logged");
    assert_eq!(lost.overridden["stance"], "champion", "{lost:?}");
    // Both computers' events are kept: they never conflict.
    let events: i64 = devs[1]
        .db
        .conn()
        .query_row("SELECT count(*) FROM placement_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 3, "placed, the stance, the move");
}

/// A person taken off a map on one computer and moved on it on the other, in both orders of
/// time: the later of the two wins on both, and what lost is in the log where it was done.
#[test]
fn a_delete_and_an_edit_converge_from_either_side() {
    for delete_later in [true, false] {
        let root = tempfile::tempdir().unwrap();
        let mut devs = devices(&root, 2);
        let (map, dana) = dana_placed_on_both(&mut devs);
        let unplace = |d: &mut Device| maps::unplace(&mut d.db, &map, &dana, at(3)).unwrap();
        let moved = |d: &mut Device| {
            maps::place(&mut d.db, &map, &dana, Position::new(0.9, 0.9), None, at(4)).unwrap()
        };
        let loser = if delete_later {
            moved(&mut devs[1]);
            unplace(&mut devs[0]);
            1
        } else {
            unplace(&mut devs[0]);
            moved(&mut devs[1]);
            0
        };
        settle(&mut devs);
        assert_eq!(
            dump(&devs[0].db),
            dump(&devs[1].db),
            "delete later: {delete_later}"
        );
        let placed = maps::placements(&devs[0].db, &map).unwrap();
        assert_eq!(placed.is_empty(), delete_later, "the later change wins");
        assert!(
            conflicts(&devs[loser].db)
                .unwrap()
                .iter()
                .any(|c| c.table == "placements"),
            "what lost is in the log of the computer where it was done"
        );
    }
}

#[test]
fn the_same_setting_made_on_two_computers_keeps_the_later() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let about = |department: &str| crate::wins::about_me::AboutMe {
        department: department.into(),
        ..Default::default()
    };
    crate::wins::about_me::save(&mut devs[0].db, &about("Platform")).unwrap();
    crate::wins::about_me::save(&mut devs[1].db, &about("Growth")).unwrap();
    settle(&mut devs);
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
    for d in &devs {
        assert_eq!(
            crate::wins::about_me::get(&d.db).unwrap().department,
            "Growth"
        );
    }
    assert!(conflicts(&devs[0].db)
        .unwrap()
        .iter()
        .any(|c| c.table == "settings"));
}

/// A computer joining a folder the others use takes their settings, though its own were saved
/// later (a new install's), with nothing in the log; its people still reach the others.
#[test]
fn a_joining_computer_takes_the_settings_of_the_others() {
    let root = tempfile::tempdir().unwrap();
    let about = |department: &str| crate::wins::about_me::AboutMe {
        department: department.into(),
        ..Default::default()
    };
    let mut first = devices(&root, 1);
    crate::wins::about_me::save(&mut first[0].db, &about("Platform")).unwrap();
    first[0].push_at(at(1));

    let joining = root.path().join("joining");
    let mut db = Database::open_in(&joining.join("data"), at(2)).unwrap();
    db.set_wall_clock(test_clock());
    crate::wins::about_me::save(&mut db, &about("Growth")).unwrap();
    add(&mut db, "Sam");
    let folder = joining.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        first[0].folder.join(folder::MANIFEST),
        folder.join(folder::MANIFEST),
    )
    .unwrap();
    let id = enable(&mut db, &folder, PASS, "New laptop", at(3)).unwrap();
    let data = joining.join("data");
    let mut devs = vec![
        first.remove(0),
        Device {
            db,
            folder,
            id,
            data,
        },
    ];
    settle(&mut devs);
    for d in &devs {
        assert_eq!(
            crate::wins::about_me::get(&d.db).unwrap().department,
            "Platform",
            "the group's setting stays"
        );
        assert_eq!(
            people::list(&d.db, "Sam").unwrap().len(),
            1,
            "the new laptop's person"
        );
    }
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
    for d in &devs {
        assert!(
            conflicts(&d.db).unwrap().is_empty(),
            "nothing shared was lost"
        );
    }
}

/// A move that lost to a later removal can be restored from the log: the placement comes back
/// whole, and the other computer gets it too.
#[test]
fn a_row_that_lost_to_a_delete_is_restored_and_the_restore_syncs() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let (map, dana) = dana_placed_on_both(&mut devs);
    maps::place(
        &mut devs[0].db,
        &map,
        &dana,
        Position::new(0.7, 0.6),
        None,
        at(3),
    )
    .unwrap();
    maps::unplace(&mut devs[1].db, &map, &dana, at(4)).unwrap();
    settle(&mut devs);
    assert!(maps::placements(&devs[0].db, &map).unwrap().is_empty());
    let lost = conflicts(&devs[0].db)
        .unwrap()
        .into_iter()
        .find(|c| c.table == "placements")
        .expect("the move is in the log");
    assert!(lost.kept.is_none(), "the row was deleted: {lost:?}");
    restore_conflict(&mut devs[0].db, lost.id, at(5)).unwrap();
    settle(&mut devs);
    for d in &devs {
        let placed = maps::placements(&d.db, &map).unwrap();
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].position, Position::new(0.7, 0.6));
    }
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
}

/// Deleting someone permanently takes what the conflict log kept of them too (a value a later
/// change replaced is theirs as much as the rest), on this computer and on the others, whose
/// own undo steps go too.
#[test]
fn a_person_deleted_permanently_is_forgotten_on_every_computer() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let dana = add(&mut devs[0].db, "Dana");
    let lee = add(&mut devs[0].db, "Lee");
    settle(&mut devs);
    for (who, name) in [(&dana, "Dana"), (&lee, "Lee")] {
        let input = |notes: &str| PersonInput {
            notes: notes.into(),
            ..PersonInput::named(name)
        };
        people::update(&mut devs[0].db, who, &input("a secret kept here"), at(10)).unwrap();
        people::update(&mut devs[1].db, who, &input("the later note"), at(11)).unwrap();
    }
    settle(&mut devs);
    let named = |db: &Database, id: &str| {
        conflicts(db)
            .unwrap()
            .iter()
            .filter(|c| c.key.contains(id))
            .count()
    };
    assert_eq!(
        named(&devs[0].db, &dana),
        1,
        "Dana's overridden note is logged"
    );
    people::delete(&mut devs[0].db, &dana, at(12)).unwrap();
    crate::purge::delete_person(&mut devs[0].db, &dana).unwrap();
    assert_eq!(
        named(&devs[0].db, &dana),
        0,
        "nothing of Dana is left in the log"
    );
    assert_eq!(named(&devs[0].db, &lee), 1, "Lee's entry stays");
    settle(&mut devs);
    for dev in &devs {
        let left: i64 = dev
            .db
            .conn()
            .query_row("SELECT count(*) FROM people WHERE id = ?1", [&dana], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(left, 0, "Dana is gone from every computer");
        assert_eq!(named(&dev.db, &dana), 0, "and from every conflict log");
        let undo: i64 = dev
            .db
            .conn()
            .query_row(
                "SELECT count(*) FROM history_entries
                  WHERE instr(row_key, ?1) > 0 OR instr(sql, ?1) > 0",
                [&dana],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(undo, 0, "and from every computer's undo history");
    }
}
