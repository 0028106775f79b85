//! Sync through the folder this data was set up with, as the app and the command line use it.

use super::*;

#[test]
fn the_folder_is_remembered_and_one_round_writes_then_applies() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    let mut a = Database::open_in(&root.path().join("a"), at(0)).unwrap();
    let mut b = Database::open_in(&root.path().join("b"), at(0)).unwrap();
    a.set_wall_clock(test_clock());
    b.set_wall_clock(test_clock());
    let off = overview(&a).unwrap();
    assert!(!off.on && off.folder.is_none() && off.status.is_none());
    let refused = crate::WireError::from(sync_now(&mut a, at(1)).unwrap_err());
    assert_eq!(refused.code, "sync.off");
    assert_eq!(
        push_here(&mut a, at(1)).unwrap(),
        0,
        "nothing to do when off"
    );
    assert_eq!(pull_here(&mut a, at(1)).unwrap(), PullSummary::default());

    enable(&mut a, &shared, PASS, "Laptop", at(0)).unwrap();
    enable(&mut b, &shared, PASS, "Desktop", at(0)).unwrap();
    assert_eq!(sync_folder(&a).unwrap().as_deref(), Some(shared.as_path()));
    let dana = add(&mut a, "Dana Zanzibar");
    let on = overview(&a).unwrap();
    assert!(on.on);
    assert_eq!(on.folder.as_deref(), Some(shared.as_path()));
    let status = on.status.unwrap();
    assert_eq!(status.device_name, "Laptop");
    assert!(status.outbox_pending >= 1);

    let round = sync_now(&mut a, at(2)).unwrap();
    assert!(round.pushed >= 1);
    let round = sync_now(&mut b, at(3)).unwrap();
    assert!(round.pulled.applied >= 1, "{round:?}");
    assert_eq!(people::get(&b, &dana).unwrap().name, "Dana Zanzibar");
    let seen = overview(&b).unwrap().status.unwrap();
    assert_eq!(seen.devices.len(), 1);
    assert_eq!(seen.devices[0].name.as_deref(), Some("Laptop"));

    let dylan = add(&mut b, "Dylan");
    assert_eq!(push_here(&mut b, at(4)).unwrap(), 1);
    assert_eq!(pull_here(&mut a, at(5)).unwrap().applied, 1);
    assert_eq!(people::get(&a, &dylan).unwrap().name, "Dylan");

    disable(&mut a).unwrap();
    assert_eq!(sync_folder(&a).unwrap(), None, "forgotten when turned off");
}

#[test]
fn turning_sync_on_says_which_field_is_wrong() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    let mut a = Database::open_in(&root.path().join("a"), at(0)).unwrap();
    let field = |r: crate::Result<String>| crate::WireError::from(r.unwrap_err()).field;
    assert_eq!(
        field(enable(&mut a, Path::new(""), PASS, "Laptop", at(0))).as_deref(),
        Some("folder")
    );
    assert_eq!(
        field(enable(
            &mut a,
            Path::new("relative/dir"),
            PASS,
            "Laptop",
            at(0)
        ))
        .as_deref(),
        Some("folder")
    );
    let data = root.path().join("a");
    for inside in [data.clone(), data.join("sync"), root.path().to_owned()] {
        let refused =
            crate::WireError::from(enable(&mut a, &inside, PASS, "Laptop", at(0)).unwrap_err());
        assert_eq!(
            (refused.code.as_str(), refused.field.as_deref()),
            ("sync.folder_is_data", Some("folder")),
            "{}",
            inside.display()
        );
    }
    assert!(!data.join("sync").exists(), "nothing was made");
    assert_eq!(
        field(enable(&mut a, &shared, " ", "Laptop", at(0))).as_deref(),
        Some("passphrase")
    );
    assert_eq!(
        field(enable(&mut a, &shared, PASS, " ", at(0))).as_deref(),
        Some("device_name")
    );
    enable(&mut a, &shared, PASS, "Laptop", at(0)).unwrap();
    let mut b = Database::open_in(&root.path().join("b"), at(0)).unwrap();
    assert_eq!(
        field(enable(
            &mut b,
            &shared,
            "another passphrase",
            "Desktop",
            at(0)
        ))
        .as_deref(),
        Some("passphrase")
    );
    assert!(!b.is_syncing(), "nothing was changed");
}
