//! A data folder Allies cannot write to: opening says so, with what to do, and leaves the file
//! exactly as it was.
//!
//! File permissions do not bind root, so when the tests run as root the checks run in this
//! test binary started again as the unprivileged user `nobody` (`ALLIES_READ_ONLY_DIR` set).
#![allow(clippy::unwrap_used, clippy::expect_used)]
// a panic is the failure report
// Unix permission bits, root and `nobody`: Windows folders are made read-only by ACLs instead.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;

use allies_core::people::{self, PersonInput};
use allies_core::session::Session;
use allies_core::storage::DB_FILE;
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

const CHILD_DIR: &str = "ALLIES_READ_ONLY_DIR";
const NOBODY: u32 = 65534;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// What a user of the read-only folder sees.
fn check(dir: &Path) {
    let err = Database::open_in(dir, now()).expect_err("a read-only folder cannot be used");
    assert_eq!(err.code(), "storage.read_only", "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&dir.display().to_string())
            && message.contains("writable")
            && message.contains("ALLIES_DATA_DIR")
            && message.contains("Nothing in it was changed"),
        "names the place and what to do: {message}"
    );
    assert!(
        !err.can_start_fresh(),
        "intact data is not offered to be set aside"
    );
    // The app opens through its session, which first takes its lock files in the folder.
    let session = Session::open_in(dir, now());
    let problem = session.problem().expect("the app cannot use it either");
    assert_eq!(problem.code(), "storage.read_only", "{problem}");
}

#[test]
fn a_read_only_data_folder_is_explained_and_left_alone() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        check(Path::new(&dir));
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    {
        let mut db = Database::open_in(&dir, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana Ng"), now()).unwrap();
    }
    let file = dir.join(DB_FILE);
    let before = std::fs::read(&file).unwrap();
    chmod(root.path(), 0o755);
    chmod(&file, 0o444);
    chmod(&dir, 0o555);

    // SAFETY: a plain query of this process's user id.
    #[allow(unsafe_code)]
    let root_user = unsafe { libc::geteuid() } == 0;
    if root_user {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "a_read_only_data_folder_is_explained_and_left_alone",
                "--exact",
                "--nocapture",
            ])
            .env(CHILD_DIR, &dir)
            .uid(NOBODY)
            .gid(NOBODY)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "as an unprivileged user: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "the checks ran in the unprivileged process"
        );
    } else {
        check(&dir);
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "byte for byte");

    // Writable again, everything is there.
    chmod(&dir, 0o755);
    chmod(&file, 0o644);
    let db = Database::open_in(&dir, now()).unwrap();
    assert_eq!(people::list(&db, "").unwrap()[0].name, "Dana Ng");
}
