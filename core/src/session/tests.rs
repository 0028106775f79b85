//! The session's moves between open, broken and locked, with a real file.

use super::*;
use crate::people::{self, PersonInput};
use chrono::TimeZone;

fn open_at(path: &std::path::Path, now: DateTime<Utc>) -> Session {
    match Database::open(path, now) {
        Ok(db) => Session::over(db),
        Err(e) => Session::closed(e),
    }
}

fn code<T: std::fmt::Debug>(r: Result<T>) -> (String, Option<String>) {
    let e = WireError::from(r.unwrap_err());
    (e.code, e.field)
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

#[test]
fn encrypting_locking_and_unlocking_move_between_open_and_locked() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in(dir.path(), at()).unwrap();
    people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
    let mut session = Session::over(db);
    assert_eq!(
        code(session.lock()).0,
        "encryption.off",
        "nothing to lock yet"
    );
    assert_eq!(
        code(session.set_encryption(None, Some("short".into()), at())),
        (
            "encryption.passphrase_short".into(),
            Some("passphrase".into())
        )
    );
    let report = session
        .set_encryption(None, Some("a fine passphrase".into()), at())
        .unwrap();
    assert!(report.encrypted && session.status(None).encrypted);

    session.lock().unwrap();
    assert!(session.is_locked());
    let locked = session.status(None);
    assert!(!locked.ready && locked.encrypted && !locked.can_start_fresh);
    assert_eq!(locked.error.unwrap().code, "storage.locked");
    assert_eq!(
        code(session.database().map(|_| ())).0,
        "storage.locked",
        "nothing is read while locked"
    );
    assert_eq!(
        code(session.unlock("a wrong passphrase".into(), at())),
        ("storage.wrong_passphrase".into(), Some("passphrase".into()))
    );
    assert!(session.is_locked(), "a wrong passphrase leaves it locked");
    session.unlock("a fine passphrase".into(), at()).unwrap();
    assert!(session.status(None).ready);
    let names = people::list(session.database().unwrap(), "").unwrap();
    assert_eq!(names[0].name, "Dana");

    assert_eq!(
        code(session.set_encryption(Some("not it".into()), None, at())),
        ("encryption.wrong_current".into(), Some("current".into()))
    );
    assert!(
        !session
            .set_encryption(Some("a fine passphrase".into()), None, at())
            .unwrap()
            .encrypted
    );
    let status = session.status(None);
    assert!(status.ready && !status.encrypted);
    assert_eq!(
        code(session.set_encryption(None, None, at())).0,
        "encryption.off",
        "nothing to decrypt"
    );
}

#[test]
fn a_second_app_opens_nothing_and_no_change_of_the_file_runs_under_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Session::open_in(dir.path(), at());
    assert!(first.status(None).ready);
    people::add(first.database().unwrap(), &PersonInput::named("Dana"), at()).unwrap();

    let second = Session::open_in(dir.path(), at());
    let status = second.status(None);
    assert!(!status.ready && !status.can_start_fresh);
    assert_eq!(status.error.unwrap().code, "storage.already_running");

    // A command of the command line uses the database: no encryption change meanwhile.
    first.wait_for_commands = std::time::Duration::from_millis(100);
    let command = DataLock::shared(dir.path(), std::time::Duration::from_millis(100)).unwrap();
    assert_eq!(
        code(first.set_encryption(None, Some("a fine passphrase".into()), at())).0,
        "storage.in_use"
    );
    assert!(
        first.status(None).ready && !first.status(None).encrypted,
        "the data stays open as it was"
    );
    drop(command);
    first
        .set_encryption(None, Some("a fine passphrase".into()), at())
        .unwrap();
    assert!(first.status(None).encrypted);
    assert!(
        DataLock::shared(dir.path(), std::time::Duration::from_millis(100)).is_ok(),
        "commands can use the database again after the change"
    );

    drop(first);
    let again = Session::open_in(dir.path(), at());
    assert_eq!(
        again.status(None).error.unwrap().code,
        "storage.locked",
        "the folder is free once the first app has ended"
    );
}

fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

#[test]
fn encrypted_data_locks_itself_when_idle_asleep_or_with_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::over(Database::open_in(dir.path(), at()).unwrap());
    let t = Duration::from_secs(1_000);
    session.used(t);
    assert!(
        !session.lock_if_idle(t + minutes(60)),
        "data without a passphrase has nothing to lock"
    );
    assert!(!session.can_lock_when_idle());
    assert!(!session.lock_because());
    session
        .set_encryption(None, Some("a fine passphrase".into()), at())
        .unwrap();
    assert!(
        session.can_lock_when_idle(),
        "encrypted, with the default delay"
    );

    session.set_lock_after(5 * 60, t).unwrap();
    assert!(!session.lock_if_idle(t + minutes(4)));
    session.used(t + minutes(4));
    assert!(
        !session.lock_if_idle(t + minutes(8)),
        "it was used meanwhile"
    );
    assert!(session.lock_if_idle(t + minutes(9)));
    assert!(session.is_locked());
    assert!(
        !session.can_lock_when_idle(),
        "locked: nothing left to lock"
    );
    assert!(
        !session.lock_if_idle(t + minutes(20)),
        "already locked: not locked again"
    );

    session.unlock("a fine passphrase".into(), at()).unwrap();
    session.used(t + minutes(30));
    assert!(session.can_lock_when_idle(), "open again");
    session.set_lock_after(0, t + minutes(30)).unwrap();
    assert!(
        !session.lock_if_idle(t + minutes(30_000)),
        "never, when so chosen"
    );
    assert!(!session.can_lock_when_idle());
    assert!(
        session.lock_because(),
        "going to sleep locks whatever the delay"
    );
    assert!(session.is_locked());

    assert_eq!(
        code(session.set_lock_after(24 * 3600 + 1, t)),
        ("encryption.lock_after".into(), Some("lock_after".into()))
    );
}

#[test]
fn the_status_goes_to_the_window_in_snake_case_like_every_reply() {
    let session = Session::over(Database::open_in_memory().unwrap());
    let json = serde_json::to_value(session.status(None)).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    for key in [
        "db_path",
        "can_start_fresh",
        "moved_aside_to",
        "latest_backup",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {keys:?}");
    }
    assert!(
        keys.iter()
            .all(|k| !k.chars().any(|c| c.is_ascii_uppercase())),
        "one casing on the wire: {keys:?}"
    );
}

#[test]
fn an_open_database_is_not_started_fresh_or_replaced() {
    let mut session = Session::over(Database::open_in_memory().unwrap());
    assert_eq!(code(session.start_fresh(at())).0, "storage.already_open");
    assert_eq!(code(session.restore_latest(at())).0, "storage.already_open");
}

#[test]
fn a_damaged_file_is_started_fresh_or_replaced_by_its_newest_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DB_FILE);
    {
        let mut db = Database::open(&path, at()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
        snapshots::take(&db, snapshots::Reason::Daily, at()).unwrap();
    }
    std::fs::write(&path, b"not a database at all, just some text").unwrap();
    let _ = std::fs::remove_file(dir.path().join("allies.db-wal"));

    let mut session = open_at(&path, at());
    let status = session.status(None);
    assert!(!status.ready && status.can_start_fresh);
    assert!(status.latest_backup.is_some(), "the copy is offered");
    let aside = session.restore_latest(at()).unwrap();
    assert!(aside.exists(), "the damaged file is kept");
    let names = people::list(session.database().unwrap(), "").unwrap();
    assert_eq!(names[0].name, "Dana", "the copy's data is back");
}

#[test]
fn a_newer_versions_file_is_neither_set_aside_nor_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DB_FILE);
    drop(Database::open(&path, at()).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let mut session = open_at(&path, at());
    assert_eq!(code(session.start_fresh(at())).0, "storage.too_new");
    assert!(path.exists(), "the file stays where it is");
}

/// A data folder whose file has pages in its middle overwritten (a disk error), with a copy
/// taken before; the file still opens, as its first page is intact.
fn damaged_in_the_middle() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DB_FILE);
    {
        let mut db = Database::open(&path, at()).unwrap();
        for i in 0..150 {
            let input = PersonInput {
                notes: "what they care about, at some length. ".repeat(12),
                ..PersonInput::named(&format!("Colleague {i:03}"))
            };
            people::add(&mut db, &input, at()).unwrap();
        }
        snapshots::take(&db, snapshots::Reason::Daily, at()).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[4096 * 2..4096 * 5] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    (dir, path, bytes)
}

#[test]
fn a_large_file_is_checked_after_it_opens_and_closed_with_its_copy_offered_when_damaged() {
    let (dir, path, bytes) = damaged_in_the_middle();
    // Every file counts as large here (0 bytes): it opens without the check.
    let db = Database::open_in_checking_later(dir.path(), at(), 0).unwrap();
    let mut session = Session::over(db);
    let check = session.integrity_check().expect("a check is still due");
    assert_eq!(check.path(), path);
    let found = check.run();
    assert!(
        matches!(&found, Err(OpenError::Corrupt { .. })),
        "{found:?}"
    );
    assert!(session.checked(&check, found), "the damaged file is closed");
    assert!(session.integrity_check().is_none());
    let status = session.status(None);
    assert!(!status.ready && status.can_start_fresh);
    assert_eq!(status.error.unwrap().code, "storage.corrupt");
    assert!(status.latest_backup.is_some(), "its copy is offered");
    assert_eq!(
        std::fs::read(&path).unwrap().len(),
        bytes.len(),
        "the file is kept"
    );
    session.restore_latest(at()).unwrap();
    let names = people::list(session.database().unwrap(), "").unwrap();
    assert_eq!(names.len(), 150, "the copy's data is back");
}

#[test]
fn a_small_file_is_checked_as_it_opens_and_an_intact_large_one_stays_open() {
    let (dir, _path, _) = damaged_in_the_middle();
    let found = Database::open_in_checking_later(dir.path(), at(), CHECK_LATER_ABOVE);
    assert!(
        matches!(found, Err(OpenError::Corrupt { .. })),
        "below the limit the check is made at open"
    );

    let intact = tempfile::tempdir().unwrap();
    drop(Database::open_in(intact.path(), at()).unwrap());
    let db = Database::open_in_checking_later(intact.path(), at(), 0).unwrap();
    let mut session = Session::over(db);
    let check = session.integrity_check().unwrap();
    let found = check.run();
    assert!(found.is_ok(), "{found:?}");
    assert!(!session.checked(&check, found));
    assert!(session.status(None).ready);

    let small = Database::open_in_checking_later(intact.path(), at(), CHECK_LATER_ABOVE).unwrap();
    assert!(small.integrity_check().is_none(), "checked at open");

    // A check made for one opening of the file never closes the next (reopened after its
    // encryption changed, say), whatever it found.
    let first = Database::open_in_checking_later(intact.path(), at(), 0).unwrap();
    let stale = first.integrity_check().unwrap();
    drop(first);
    let mut reopened =
        Session::over(Database::open_in_checking_later(intact.path(), at(), 0).unwrap());
    let damaged = Err(OpenError::Corrupt {
        path: stale.path().to_owned(),
        detail: "found on the file before it was rewritten".into(),
    });
    assert!(!reopened.checked(&stale, damaged));
    assert!(reopened.status(None).ready);
}

#[test]
fn every_database_the_session_opens_follows_the_wall_clock_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::over(Database::open_in(dir.path(), at()).unwrap());
    assert_eq!(session.database().unwrap().wall_clock_ms(), 0, "none yet");
    let later = at() + chrono::Duration::hours(1);
    session.set_wall_clock(std::sync::Arc::new(move || later));
    let ms = later.timestamp_millis();
    assert_eq!(session.database().unwrap().wall_clock_ms(), ms);
    session
        .set_encryption(None, Some("a fine passphrase".into()), at())
        .unwrap();
    assert_eq!(
        session.database().unwrap().wall_clock_ms(),
        ms,
        "reopened encrypted"
    );
    session.lock().unwrap();
    session.unlock("a fine passphrase".into(), at()).unwrap();
    assert_eq!(session.database().unwrap().wall_clock_ms(), ms, "unlocked");
}

/// Encrypting soon after start, while the large file's check still reads it on a connection
/// of its own: the check is stopped (it would keep the log from being emptied, and the change
/// would fail as if Allies were open twice), the change is made, and the check reports nothing.
#[test]
fn an_encryption_change_stops_a_check_still_reading_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DB_FILE);
    {
        let db = Database::open(&path, at()).unwrap();
        // About 24 MB: reading every page takes far longer than the wait below.
        db.conn()
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
                 INSERT INTO people (id, name, role, notes, name_key, search_text,
                                     created_at, updated_at)
                 SELECT printf('p%05d', i), 'Person ' || i, '', hex(randomblob(8000)),
                        'person ' || i, 'person ' || i,
                        '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n",
            )
            .unwrap();
    }
    let mut db = Database::open_in_checking_later(dir.path(), at(), 0).unwrap();
    // Something written since: the log holds it until the change empties it.
    people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
    let mut session = Session::over(db);
    let check = session.integrity_check().expect("a check is still due");
    let reading = std::thread::spawn({
        let check = check.clone();
        move || check.run()
    });
    std::thread::sleep(std::time::Duration::from_millis(30));
    assert!(!reading.is_finished(), "the check is still reading");

    let report = session.set_encryption(None, Some("correct horse battery".into()), at());
    assert!(report.is_ok(), "{report:?}");
    let found = reading.join().unwrap();
    assert!(found.is_ok(), "a stopped check finds nothing: {found:?}");
    assert!(!session.checked(&check, found));
    let db = session.database().unwrap();
    assert!(db.is_encrypted());
    assert_eq!(
        people::list(db, "").unwrap().len(),
        1501,
        "every person is there"
    );
}
