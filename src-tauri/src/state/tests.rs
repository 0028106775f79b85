//! The shell's hold on the session: what runs with the database, and what runs without it.

use std::sync::mpsc;
use std::time::Duration;

use super::*;

fn state(dir: &std::path::Path) -> AppState {
    AppState::over(Database::open_in(dir, now()).unwrap())
}

/// A file the user chose is read and parsed while another command has the database (a long
/// import, a sync round): only what it then writes waits for the database.
#[test]
fn a_file_is_parsed_while_another_command_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let (parsed, parsed_now) = mpsc::channel();
    let (wrote, wrote_now) = mpsc::channel();

    let another_command = lock(&state.session);
    let task = std::thread::spawn({
        let state = state.clone();
        move || {
            tauri::async_runtime::block_on(state.with_db_after_reading(
                move || {
                    let _ = parsed.send(());
                    Ok(21)
                },
                move |_db, read| {
                    let _ = wrote.send(());
                    Ok(read * 2)
                },
            ))
        }
    });
    parsed_now
        .recv_timeout(Duration::from_secs(10))
        .expect("the file is parsed while another command holds the database");
    assert!(
        wrote_now.recv_timeout(Duration::from_millis(200)).is_err(),
        "what it writes waits for the database"
    );
    drop(another_command);
    assert_eq!(
        task.join().unwrap().unwrap(),
        42,
        "then it writes what was read"
    );
    assert!(wrote_now.try_recv().is_ok());
}

/// A file that cannot be read changes nothing: the write never runs.
#[test]
fn a_file_that_cannot_be_read_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let (wrote, wrote_now) = mpsc::channel::<()>();
    let result = tauri::async_runtime::block_on(state.with_db_after_reading(
        || -> allies_core::Result<i32> {
            Err(allies_core::Error::Stopped {
                detail: "the file went away".into(),
            })
        },
        move |_db, _read| {
            let _ = wrote.send(());
            Ok(())
        },
    ));
    assert!(result.is_err(), "the reading's error is the reply");
    assert!(wrote_now.try_recv().is_err(), "nothing was written");
}

/// The data is opened on a thread of its own so that the window is not held up, but nothing
/// that asks for the session afterwards sees it before it is open, however long opening takes.
#[test]
fn what_asks_after_an_open_aside_waits_for_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::unopened();
    assert!(!state.status(None).ready);
    let db = Database::open_in(dir.path(), now()).unwrap();
    let (opening, opening_now) = mpsc::channel();
    state.open_aside(move || {
        let _ = opening.send(());
        std::thread::sleep(Duration::from_millis(300));
        Session::over(db)
    });
    let status = state.status(None);
    opening_now
        .recv_timeout(Duration::from_secs(10))
        .expect("opened on the thread");
    assert!(status.ready, "{:?}", status.error);
}

/// The idle lock's watch sleeps while there is nothing to lock; each change that gives it
/// something (encryption turned on, an unlock, a new delay) wakes it.
#[test]
fn the_idle_watch_is_woken_by_what_gives_it_something_to_lock() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path());
    let woken = || {
        let rules = state.lock_rules_changed();
        let waited = tauri::async_runtime::block_on(async move {
            tokio::time::timeout(Duration::from_millis(10), rules.notified()).await
        });
        waited.is_ok()
    };
    assert_eq!(
        state.look_when_idle(),
        IdleLook::NothingToLock,
        "no passphrase"
    );
    assert!(!woken());

    state
        .set_encryption(None, Some("a fine passphrase".into()), now())
        .unwrap();
    assert!(woken(), "encrypted");
    assert_eq!(state.look_when_idle(), IdleLook::Open);

    state.lock_now().unwrap();
    assert_eq!(state.look_when_idle(), IdleLook::NothingToLock, "locked");
    state.unlock("a fine passphrase".into(), now()).unwrap();
    assert!(woken(), "unlocked");
    assert_eq!(state.look_when_idle(), IdleLook::Open);

    state.set_lock_after(0).unwrap();
    assert!(woken(), "a new delay");
    assert_eq!(state.look_when_idle(), IdleLook::NothingToLock, "never");
    state.set_lock_after(60).unwrap();
    assert!(woken());
    assert_eq!(state.look_when_idle(), IdleLook::Open);
    assert!(state.set_lock_after(u32::MAX).is_err());
    assert!(!woken(), "a delay refused changes nothing");
}
