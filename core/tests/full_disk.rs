//! A full disk: the process may not grow any file past a limit (RLIMIT_FSIZE), so a write
//! fails partway, as when the disk fills. The change is refused with a message that says what
//! to do, everything saved before stays, and once there is room again the database opens whole.
//!
//! The limit applies to the whole process, so this file holds a single test.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// a panic is the failure report
// RLIMIT_FSIZE is POSIX; Windows has no per-process file size limit to stand in for a full disk.
#![cfg(unix)]

use allies_core::people::{self, PersonInput};
use allies_core::storage::DB_FILE;
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn at(s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, s % 60).unwrap()
}

fn set_file_size_limit(bytes: libc::rlim_t) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls on a struct owned here.
    #[allow(unsafe_code)]
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit), 0);
        limit.rlim_cur = bytes.min(limit.rlim_max);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
}

#[test]
fn a_full_disk_refuses_the_change_clearly_and_keeps_what_was_saved() {
    // Past the limit a write fails with EFBIG instead of the signal ending the process.
    // SAFETY: ignoring a signal is process-wide and this binary holds one test.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut saved = Vec::new();
    let mut db = Database::open_in(dir.path(), at(0)).unwrap();
    for i in 0..20 {
        saved.push(
            people::add(&mut db, &PersonInput::named(&format!("Before {i}")), at(i))
                .unwrap()
                .name,
        );
    }
    let used: u64 = ["", "-wal"]
        .iter()
        .map(|s| std::fs::metadata(dir.path().join(format!("{DB_FILE}{s}"))).map_or(0, |m| m.len()))
        .max()
        .unwrap();
    set_file_size_limit(used + 64 * 1024);

    let note = "what matters to them, and how they like to hear from me. ".repeat(40);
    let mut refused = None;
    for i in 0..10_000 {
        let input = PersonInput {
            notes: note.clone(),
            ..PersonInput::named(&format!("During {i}"))
        };
        match people::add(&mut db, &input, at(i)) {
            Ok(p) => saved.push(p.name),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let err = refused.expect("the limit is reached within 10,000 people");
    let wire = allies_core::WireError::from(err);
    assert!(
        wire.code == "storage.full" || wire.code == "storage.io",
        "{wire:?}"
    );
    assert!(
        wire.message.contains("disk") && wire.message.contains("try again"),
        "the message says what happened and what to do: {}",
        wire.message
    );

    // Room again: everything saved is there and the file is whole.
    set_file_size_limit(libc::RLIM_INFINITY);
    drop(db);
    let db = Database::open_in(dir.path(), at(59)).expect("the database opens whole");
    let mut names: Vec<String> = people::list(&db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    saved.sort();
    assert_eq!(
        names, saved,
        "every acknowledged person, and not the refused one"
    );
}
