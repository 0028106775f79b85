//! Starting from a snapshot, and the folder kept small: a computer joining after the early
//! files were removed ends with the same data as the others; only files every computer applied
//! and the snapshots cover are removed; a computer away holds them back, one turned off does
//! not; a damaged, foreign or newer snapshot is reported and nothing applied; a conflict
//! resolves alike from files or from a snapshot, and a delete's clock travels in it.

use chrono::Duration;

use super::converge::{change, Rng};
use super::*;
use crate::sync::prune::Upkeep;
use crate::sync::snapshot;
use crate::wins::about_me::{self, AboutMe};

/// A snapshot after a few files, so a test need not write hundreds.
pub(super) fn small() -> Upkeep {
    Upkeep {
        refresh_after: 3,
        kept: 2,
        grace: Duration::days(7),
    }
}

/// A computer turning sync on with `folder` (made by the first one).
pub(super) fn joining(root: &TempDir, folder: &Path, i: usize) -> Device {
    let data = root.path().join(format!("data{i}"));
    let mut db = Database::open_in(&data, at(0)).unwrap();
    db.set_wall_clock(test_clock());
    let id = enable(&mut db, folder, PASS, &format!("Computer {i}"), at(0)).unwrap();
    Device {
        db,
        folder: folder.to_owned(),
        id,
        data,
    }
}

/// `n` computers on one folder, as a file sync that carries everything at once gives.
fn on_one_folder(root: &TempDir, n: usize) -> Vec<Device> {
    let folder = root.path().join("folder");
    (0..n).map(|i| joining(root, &folder, i)).collect()
}

/// A pull that keeps the folder by `upkeep`.
pub(super) fn pull_keeping(d: &mut Device, when: DateTime<Utc>, upkeep: &Upkeep) -> PullSummary {
    crate::sync::pull::pull_with(&mut d.db, &d.folder, when, upkeep).unwrap()
}

/// One round of sync on one computer, with a snapshot after a few files.
fn push_small(d: &mut Device, minute: u32) -> PullSummary {
    d.push_at(at(minute));
    pull_keeping(d, at(minute), &small())
}

/// Each computer pushes, then each pulls (keeping the folder by `upkeep`).
fn round(devs: &mut [Device], upkeep: &Upkeep, minute: u32) {
    for d in devs.iter_mut() {
        d.push_at(at(minute));
    }
    for d in devs.iter_mut() {
        let summary = pull_keeping(d, at(minute), upkeep);
        assert!(
            summary.errors.is_empty() && summary.waiting.is_empty(),
            "{summary:?}"
        );
    }
}

/// The numbers of `device`'s change files in the folder.
fn seqs_of(folder: &Path, device: &str) -> Vec<i64> {
    files_in(folder)
        .into_iter()
        .filter(|f| f.0 == device)
        .map(|f| f.1)
        .collect()
}

/// The numbers of `device`'s files applied here.
fn applied_here(db: &Database, device: &str) -> Vec<i64> {
    db.conn()
        .prepare("SELECT seq FROM sync_applied WHERE device = ?1 ORDER BY seq")
        .unwrap()
        .query_map([device], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_computer_joining_after_files_were_removed_ends_with_the_same_data() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 2);
    let folder = devs[0].folder.clone();
    let mut rng = Rng(0x5A9_5407);
    for step in 0..60 {
        let d = rng.below(2);
        change(&mut devs[d].db, &mut rng, step);
        if step % 6 == 5 {
            round(&mut devs, &small(), step);
        }
    }
    round(&mut devs, &small(), 59);
    round(&mut devs, &small(), 59);
    assert!(
        !snapshot::list(&folder).is_empty(),
        "many files: a snapshot was written"
    );
    for d in &devs {
        let left = seqs_of(&folder, &d.id);
        assert!(
            !left.contains(&1),
            "the first files, applied everywhere and covered, were removed: {left:?}"
        );
    }

    // A third computer, with a person of its own, joins only now.
    let mut late = joining(&root, &folder, 2);
    let sam = add(&mut late.db, "Sam");
    let summary = late.pull_at(at(59));
    assert!(
        summary.errors.is_empty() && summary.waiting.is_empty(),
        "{summary:?}"
    );
    assert!(
        applied_here(&late.db, &devs[0].id).contains(&1),
        "file 1 counts as applied though it is gone: the snapshot held it"
    );
    devs.push(late);
    round(&mut devs, &small(), 59);
    round(&mut devs, &small(), 59);
    let first = dump(&devs[0].db);
    assert!(first.lines().count() > 20, "the run made data: {first}");
    for d in &devs[1..] {
        assert_eq!(first, dump(&d.db), "every computer has the same data");
    }
    // The joining computer built its search index in one pass from the snapshot; the first
    // kept its own row by row. Both find the same records by the same words.
    let index = crate::storage::reindex::indexed(devs[0].db.conn());
    assert!(index.len() > 5, "{index:?}");
    assert_eq!(
        crate::storage::reindex::indexed(devs[2].db.conn()),
        index,
        "the joining computer's index is the others'"
    );
    assert_eq!(
        people::get(&devs[0].db, &sam).unwrap().name,
        "Sam",
        "the joining computer's own person reached the others"
    );
}

#[test]
fn only_files_every_computer_applied_and_the_snapshots_cover_are_removed() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 2);
    let folder = devs[0].folder.clone();
    let a = devs[0].id.clone();
    for i in 0..5 {
        add(&mut devs[0].db, &format!("Person {i}"));
    }
    push_small(&mut devs[0], 1);
    let snapshots = snapshot::list(&folder);
    assert_eq!(snapshots.len(), 1, "more than 3 files not covered: one");
    assert_eq!(snapshots[0].header.covered(&a), 5);
    assert_eq!(
        seqs_of(&folder, &a),
        [1, 2, 3, 4, 5],
        "covered, but the other computer has applied none of them yet"
    );

    assert_eq!(devs[1].pull_at(at(2)).applied, 5);
    add(&mut devs[0].db, "Person 5");
    push_small(&mut devs[0], 3);
    assert_eq!(
        seqs_of(&folder, &a),
        [6],
        "applied by both and covered: gone; the newest is not covered yet"
    );
    devs[1].pull_at(at(4));
    push_small(&mut devs[0], 5);
    assert_eq!(
        seqs_of(&folder, &a),
        [6],
        "applied by both, but no snapshot covers it: it stays"
    );
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
}

#[test]
fn a_computer_that_has_been_away_holds_the_files_back() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 3);
    let folder = devs[0].folder.clone();
    let a = devs[0].id.clone();
    // The computer away last wrote its note with an older Allies: it says nothing of what it
    // applied, which counts as nothing.
    std::fs::write(
        folder::device_note_path(&folder, &devs[2].id),
        br#"{"name":"Computer 2","last_write":"2026-11-02T09:00:00.000Z"}"#,
    )
    .unwrap();
    for i in 0..5 {
        add(&mut devs[0].db, &format!("Person {i}"));
    }
    push_small(&mut devs[0], 1);
    devs[1].pull_at(at(2));
    push_small(&mut devs[0], 3);
    assert_eq!(
        seqs_of(&folder, &a),
        [1, 2, 3, 4, 5],
        "one computer has not applied them: all stay"
    );

    // Back, it catches up and says so; then the files go.
    assert_eq!(devs[2].pull_at(at(4)).applied, 5);
    push_small(&mut devs[0], 5);
    assert!(seqs_of(&folder, &a).is_empty());
    assert_eq!(dump(&devs[0].db), dump(&devs[2].db));
}

#[test]
fn a_damaged_snapshot_one_of_another_folder_or_a_newer_one_is_reported_and_nothing_applied() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 1);
    let folder = devs[0].folder.clone();
    for i in 0..5 {
        add(&mut devs[0].db, &format!("Person {i}"));
    }
    push_small(&mut devs[0], 1);
    assert!(
        seqs_of(&folder, &devs[0].id).is_empty(),
        "alone in the folder, a computer keeps no file the snapshot covers"
    );
    let snap = snapshot::list(&folder).remove(0);
    let good = std::fs::read(&snap.path).unwrap();
    let mut late = joining(&root, &folder, 1);

    let mut damaged = good.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    std::fs::write(&snap.path, &damaged).unwrap();
    let summary = late.pull_at(at(2));
    assert_eq!(summary.applied, 0);
    assert_eq!(summary.errors.len(), 1, "{summary:?}");
    assert_eq!(summary.errors[0].path, snap.path);
    assert!(
        summary.errors[0].reason.contains("damaged"),
        "{:?}",
        summary.errors
    );
    assert_eq!(people::count(&late.db).unwrap(), 0, "nothing applied");
    assert!(applied_here(&late.db, &devs[0].id).is_empty());
    let shown = status(&late.db, &folder).unwrap();
    assert_eq!(shown.errors.len(), 1, "Settings shows it");

    // Sealed with another folder's key.
    snapshot::write(devs[0].db.conn(), &folder, &snap.header, &[7; 32])
        .unwrap()
        .unwrap();
    let summary = late.pull_at(at(3));
    assert_eq!(summary.errors.len(), 1, "{summary:?}");
    assert!(summary.errors[0].reason.contains("another passphrase"));
    assert_eq!(people::count(&late.db).unwrap(), 0, "nothing applied");

    // From a newer Allies: it waits, and still nothing is applied.
    let newer = snapshot::Header {
        schema: crate::storage::schema_version() + 1,
        ..snap.header.clone()
    };
    let key = engine::device(&late.db).unwrap().key;
    snapshot::write(devs[0].db.conn(), &folder, &newer, &key)
        .unwrap()
        .unwrap();
    let summary = late.pull_at(at(3));
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(summary.waiting.len(), 1, "{summary:?}");
    assert!(summary.waiting[0]
        .reason
        .contains("update Allies on this computer"));
    assert_eq!(people::count(&late.db).unwrap(), 0, "nothing applied");

    // Taken out of the folder, as the message says: the first computer, which has all the
    // data, writes a new one at its next sync, and that one applies.
    std::fs::remove_file(&snap.path).unwrap();
    devs[0].pull_at(at(4));
    assert_eq!(snapshot::list(&folder).len(), 1, "a new snapshot");
    assert_ne!(std::fs::read(&snap.path).unwrap(), good, "sealed anew");
    let summary = late.pull_at(at(4));
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(summary.applied, 5);
    assert_eq!(people::count(&late.db).unwrap(), 5);
    assert!(status(&late.db, &folder).unwrap().errors.is_empty());
}

/// What a joining computer ends with when it and the first one saved the same setting: the
/// department kept, the conflicts logged (kind and overridden values), and whether it started
/// from a snapshot.
fn setting_saved_on_both(upkeep: &Upkeep, joining_is_later: bool) -> (String, Vec<String>, bool) {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 1);
    let folder = devs[0].folder.clone();
    for i in 0..4 {
        add(&mut devs[0].db, &format!("Person {i}"));
    }
    let mut late = joining(&root, &folder, 1);
    let about = |department: &str| AboutMe {
        department: department.into(),
        ..Default::default()
    };
    if joining_is_later {
        about_me::save(&mut devs[0].db, &about("Platform")).unwrap();
        about_me::save(&mut late.db, &about("Growth")).unwrap();
    } else {
        about_me::save(&mut late.db, &about("Growth")).unwrap();
        about_me::save(&mut devs[0].db, &about("Platform")).unwrap();
    }
    devs[0].push_at(at(1));
    pull_keeping(&mut devs[0], at(1), upkeep);
    let from_snapshot = !snapshot::list(&folder).is_empty();
    devs.push(late);
    round(&mut devs, upkeep, 2);
    round(&mut devs, upkeep, 3);
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
    let logged = conflicts(&devs[1].db)
        .unwrap()
        .into_iter()
        .filter(|c| c.table == "settings")
        .map(|c| format!("{}: {}", c.kind, c.overridden))
        .collect();
    let kept = about_me::get(&devs[1].db).unwrap().department;
    (kept, logged, from_snapshot)
}

#[test]
fn a_conflict_resolves_alike_from_files_or_from_a_snapshot() {
    for (joining_is_later, winner) in [(true, "Growth"), (false, "Platform")] {
        let (kept, logged, from_snapshot) =
            setting_saved_on_both(&Upkeep::default(), joining_is_later);
        assert!(!from_snapshot, "few files: no snapshot, the files apply");
        assert_eq!(kept, winner, "the later save wins");
        assert_eq!(logged.len(), 1, "the other is logged: {logged:?}");
        let (kept_s, logged_s, from_snapshot) = setting_saved_on_both(&small(), joining_is_later);
        assert!(
            from_snapshot,
            "the joining computer starts from the snapshot"
        );
        assert_eq!(
            (kept_s, logged_s),
            (kept, logged),
            "the same setting stays and the same values are logged"
        );
    }
}

#[test]
fn the_two_newest_snapshots_stay_and_an_older_one_goes_after_the_grace_period() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 1);
    let folder = devs[0].folder.clone();
    let a = devs[0].id.clone();
    let totals = |folder: &Path| -> Vec<i64> {
        snapshot::list(folder)
            .iter()
            .map(|s| s.header.total())
            .collect()
    };
    for (minute, left) in [(1, vec![]), (2, vec![5, 6, 7, 8]), (3, vec![9, 10, 11, 12])] {
        for i in 0..4 {
            add(&mut devs[0].db, &format!("Person {minute}.{i}"));
        }
        push_small(&mut devs[0], minute);
        assert_eq!(
            seqs_of(&folder, &a),
            left,
            "a file goes once both newest snapshots cover it, so one starting from either finds every file after it"
        );
    }
    assert_eq!(
        totals(&folder),
        [12, 8, 4],
        "the oldest stays while the one after it is new"
    );
    let later = at(3) + Duration::days(crate::sync::prune::SNAPSHOT_GRACE_DAYS + 1);
    pull_keeping(&mut devs[0], later, &small());
    assert_eq!(
        totals(&folder),
        [12, 8],
        "after the grace period, only the two newest stay"
    );
}

#[test]
fn a_computer_where_sync_was_turned_off_no_longer_holds_files_back() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 2);
    let folder = devs[0].folder.clone();
    let a = devs[0].id.clone();
    for i in 0..5 {
        add(&mut devs[0].db, &format!("Person {i}"));
    }
    push_small(&mut devs[0], 1);
    assert_eq!(seqs_of(&folder, &a).len(), 5, "the other has applied none");
    disable(&mut devs[1].db).unwrap();
    let note = engine::read_note(&folder, &devs[1].id).unwrap();
    assert!(note.off, "its note says sync is off there");
    assert_eq!(note.name, "Computer 1", "and still names it");
    push_small(&mut devs[0], 2);
    assert!(
        seqs_of(&folder, &a).is_empty(),
        "nothing is kept for an id that applies nothing more"
    );
}

#[test]
fn a_snapshot_that_cannot_be_written_is_reported_and_stops_nothing() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 2);
    let folder = devs[0].folder.clone();
    // A file where the snapshots' folder would be: nothing can be written in it.
    std::fs::write(snapshot::dir(&folder), b"in the way").unwrap();
    for i in 0..5 {
        add(&mut devs[1].db, &format!("Person {i}"));
    }
    devs[1].push_at(at(1));
    let summary = push_small(&mut devs[0], 1);
    assert_eq!(summary.applied, 5, "the other's changes still apply");
    assert_eq!(summary.errors.len(), 1, "{summary:?}");
    assert_eq!(summary.errors[0].path, snapshot::dir(&folder));
    assert!(
        summary.errors[0]
            .reason
            .contains("tried again at the next sync"),
        "{:?}",
        summary.errors
    );
    assert_eq!(
        status(&devs[0].db, &folder).unwrap().errors.len(),
        1,
        "Settings shows it"
    );
    assert_eq!(
        seqs_of(&folder, &devs[1].id).len(),
        5,
        "with no snapshot, every file stays"
    );
}

/// A delete's clock travels in the snapshot: an earlier edit of the deleted row that arrives
/// after it, from a computer that had not seen the delete, does not bring the row back.
#[test]
fn a_delete_in_a_snapshot_wins_over_an_earlier_edit_that_arrives_later() {
    use crate::maps::{self, MapInput, Position};
    let root = tempfile::tempdir().unwrap();
    let mut devs = on_one_folder(&root, 2);
    let folder = devs[0].folder.clone();
    let map = maps::create(&mut devs[0].db, &MapInput::named("Reorg"), at(1))
        .unwrap()
        .id;
    let dana = add(&mut devs[0].db, "Dana");
    maps::place(
        &mut devs[0].db,
        &map,
        &dana,
        Position::new(0.2, 0.2),
        None,
        at(2),
    )
    .unwrap();
    round(&mut devs, &Upkeep::default(), 2);
    // The second computer moves Dana and keeps it to itself for now; the first, later, takes
    // her off the map and writes a snapshot.
    maps::place(
        &mut devs[1].db,
        &map,
        &dana,
        Position::new(0.9, 0.9),
        None,
        at(3),
    )
    .unwrap();
    maps::unplace(&mut devs[0].db, &map, &dana, at(4)).unwrap();
    push_small(&mut devs[0], 4);
    assert!(!snapshot::list(&folder).is_empty());

    let mut late = joining(&root, &folder, 2);
    late.pull_at(at(5));
    devs.push(late);
    round(&mut devs, &Upkeep::default(), 6);
    round(&mut devs, &Upkeep::default(), 6);
    for d in &devs {
        assert!(
            maps::placements(&d.db, &map).unwrap().is_empty(),
            "the later delete wins everywhere, on the computer that joined from the snapshot too"
        );
    }
    assert_eq!(dump(&devs[0].db), dump(&devs[2].db));
    assert_eq!(dump(&devs[1].db), dump(&devs[2].db));
}
