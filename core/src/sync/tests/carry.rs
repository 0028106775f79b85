//! Files that arrive twice, half-written, with a gap, or before what they depend on.

use super::*;
use crate::journal::interactions::{self, InteractionInput, Kind};

#[test]
fn a_file_twice_or_half_written_is_applied_once_and_only_when_whole() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    add(&mut devs[0].db, "Dana");
    devs[0].push_at(at(1));
    let file = files_in(&devs[0].folder).remove(0);
    let target = folder::file_path(&devs[1].folder, &file.0, file.1);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let bytes = std::fs::read(&file.2).unwrap();
    // Half of it under the final name, and a temporary file left by an interrupted copy.
    std::fs::write(&target, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(
        target.with_file_name(".0000000002.changes.77.tmp"),
        b"partial",
    )
    .unwrap();
    let b = &mut devs[1];
    let summary = pull(&mut b.db, &b.folder, at(2)).unwrap();
    assert_eq!(summary.applied, 0);
    assert_eq!(summary.errors.len(), 1, "{summary:?}");
    assert_eq!(summary.errors[0].path, target);
    assert_eq!(people::count(&b.db).unwrap(), 0, "nothing of it applied");
    let reported = status(&b.db, &b.folder).unwrap();
    assert_eq!(reported.errors.len(), 1, "the status says so too");
    assert_eq!(pull(&mut b.db, &b.folder, at(3)).unwrap().errors.len(), 1);

    std::fs::write(&target, &bytes).unwrap();
    assert_eq!(pull(&mut b.db, &b.folder, at(4)).unwrap().applied, 1);
    assert_eq!(people::count(&b.db).unwrap(), 1);
    assert!(status(&b.db, &b.folder).unwrap().errors.is_empty());
    // Delivered again (a file sync restoring it): never applied twice.
    std::fs::write(&target, &bytes).unwrap();
    assert_eq!(pull(&mut b.db, &b.folder, at(5)).unwrap().applied, 0);
    assert_eq!(people::count(&b.db).unwrap(), 1);
}

#[test]
fn a_file_waits_for_a_gap_and_for_the_files_it_depends_on() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 3);
    // A adds Dana and Lee (files 1, 2); B sees them and logs a coffee with Dana (B's file 1).
    let dana = add(&mut devs[0].db, "Dana");
    add(&mut devs[0].db, "Lee");
    devs[0].push_at(at(1));
    let a_files = files_in(&devs[0].folder);
    for f in &a_files {
        deliver(f, &devs[1].folder);
    }
    assert_eq!(devs[1].pull_at(at(2)).applied, 2);
    let input = InteractionInput {
        occurred_at: Some(at(4)),
        kind: Kind::Coffee,
        people: vec![dana.clone()],
        notes: "roadmap".into(),
        follow_up: String::new(),
    };
    interactions::log(&mut devs[1].db, &input, at(4)).unwrap();
    devs[1].push_at(at(4));
    let b_files: Vec<_> = files_in(&devs[1].folder)
        .into_iter()
        .filter(|f| f.0 == devs[1].id)
        .collect();
    assert_eq!(b_files.len(), 1);

    // C gets B's file and A's second file first.
    let c = &mut devs[2];
    deliver(&b_files[0], &c.folder);
    deliver(&a_files[1], &c.folder);
    let summary = pull(&mut c.db, &c.folder, at(5)).unwrap();
    assert_eq!(summary.applied, 0);
    assert_eq!(summary.waiting.len(), 2, "{summary:?}");
    assert!(summary.errors.is_empty());
    assert!(
        summary
            .waiting
            .iter()
            .any(|w| w.reason.contains("depends on")),
        "{summary:?}"
    );
    assert!(
        summary
            .waiting
            .iter()
            .any(|w| w.reason.contains("has not arrived")),
        "{summary:?}"
    );
    assert_eq!(status(&c.db, &c.folder).unwrap().waiting.len(), 2);
    deliver(&a_files[0], &c.folder);
    let summary = pull(&mut c.db, &c.folder, at(6)).unwrap();
    assert_eq!(summary.applied, 3, "{summary:?}");
    assert!(summary.waiting.is_empty());
    assert_eq!(interactions::timeline(&c.db, &dana, 10).unwrap().len(), 1);
    assert_eq!(dump(&c.db), dump(&devs[1].db));
}
