//! Rounds of sync between two app states over their own data and one shared folder.

use super::*;
use allies_core::people::{self, PersonInput};
use allies_core::Database;

const PASS: &str = "correct horse battery staple";

struct Two {
    a: AppState,
    b: AppState,
    folder: std::path::PathBuf,
    _root: tempfile::TempDir,
}

fn two_computers() -> Two {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("shared");
    let open = |name: &str| {
        let db = Database::open_in(&root.path().join(name), now()).unwrap();
        let state = AppState::over(db);
        state
            .with_db_blocking(|db| sync::enable(db, &folder, PASS, name, now()))
            .unwrap();
        state
    };
    let (a, b) = (open("laptop"), open("desktop"));
    Two {
        a,
        b,
        folder,
        _root: root,
    }
}

fn add(state: &AppState, name: &str) -> String {
    state
        .record_blocking(|db| people::add(db, &PersonInput::named(name), now()))
        .unwrap()
        .id
}

fn pending(state: &AppState) -> i64 {
    state
        .with_db_blocking(|db| sync::overview(db))
        .unwrap()
        .status
        .unwrap()
        .outbox_pending
}

#[test]
fn a_round_writes_this_computers_changes_and_applies_the_others() {
    let two = two_computers();
    let dana = add(&two.a, "Dana");
    round(&two.a, false);
    assert_eq!(pending(&two.a), 0, "written to the folder");
    let pushed_only = round(&two.b, false);
    assert_eq!(pushed_only.applied, 0, "a round after writes does not pull");
    let pulled = round(&two.b, true);
    assert!(pulled.applied >= 1, "{pulled:?}");
    let name = two
        .b
        .with_db_blocking(|db| people::get(db, &dana))
        .unwrap()
        .name;
    assert_eq!(name, "Dana");
    assert_eq!(two.b.sync_problem(), None);
}

#[test]
fn a_folder_that_cannot_be_written_is_kept_as_the_problem_until_a_round_works() {
    let two = two_computers();
    add(&two.a, "Dana");
    let aside = two.folder.with_extension("away");
    std::fs::rename(&two.folder, &aside).unwrap();
    // A file where the folder was: nothing can be written under it.
    std::fs::write(&two.folder, b"not a folder").unwrap();
    round(&two.a, true);
    let problem = two.a.sync_problem().expect("the failure is kept");
    assert!(
        problem.contains(&two.folder.display().to_string()),
        "says where: {problem}"
    );
    assert!(pending(&two.a) >= 1, "nothing is lost");
    std::fs::remove_file(&two.folder).unwrap();
    std::fs::rename(&aside, &two.folder).unwrap();
    round(&two.a, true);
    assert_eq!(two.a.sync_problem(), None, "cleared once it works");
    assert_eq!(pending(&two.a), 0);
}

#[test]
fn with_sync_off_a_round_does_nothing() {
    let root = tempfile::tempdir().unwrap();
    let state = AppState::over(Database::open_in(root.path(), now()).unwrap());
    add(&state, "Dana");
    assert_eq!(round(&state, true), PullSummary::default());
    assert_eq!(state.sync_problem(), None);
}

#[test]
fn the_loop_writes_changes_a_moment_after_the_last_one_and_tells_what_it_applied() {
    let two = two_computers();
    spawn(two.a.clone(), Arc::new(|_| {}));
    // A's first look at the folder comes [`AFTER_WRITES`] after it starts; then it waits.
    std::thread::sleep(AFTER_WRITES * 2);
    let dana = add(&two.a, "Dana");
    std::thread::sleep(AFTER_WRITES / 4);
    assert!(pending(&two.a) >= 1, "not written at once");
    let waited = std::time::Instant::now();
    while pending(&two.a) > 0 {
        assert!(
            waited.elapsed() < AFTER_WRITES * 4,
            "written soon after the change"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        waited.elapsed() >= AFTER_WRITES / 2,
        "after a pause, not at once"
    );

    let applied = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = Arc::clone(&applied);
    spawn(
        two.b.clone(),
        Arc::new(move |n| {
            seen.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
        }),
    );
    let waited = std::time::Instant::now();
    while applied.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(
            waited.elapsed() < AFTER_WRITES * 4,
            "B looks at the folder soon after it starts"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let name = two
        .b
        .with_db_blocking(|db| people::get(db, &dana))
        .map(|p| p.name);
    assert_eq!(name.as_deref(), Ok("Dana"));
}
