//! Locks encrypted data by itself: when the delay chosen in Settings passes without use (the
//! idle watch all systems share, `desktop/idle_lock.rs`), when the computer goes to sleep and
//! when the desktop session is locked (logind's `PrepareForSleep` and `Lock` signals on the
//! system bus). The rules are the core session's; this module only brings it the clock and
//! the signals, and tells the window.

use allies_core::session::LockReason;
use futures_lite::StreamExt;
use tauri::AppHandle;

use crate::desktop::{idle_lock, Lockable, LOCKED_EVENT};
use crate::events::Tell;

const LOGIND: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// Starts the idle timer's watch and the logind listener; each lock is told to the window.
pub fn spawn(state: impl Lockable, app: AppHandle) {
    idle_lock::spawn(state.clone(), app.clone());
    let tell = move |reason: LockReason| {
        app.tell(LOCKED_EVENT, reason.message());
    };
    tauri::async_runtime::spawn(async move {
        let listened = match zbus::Connection::system().await {
            Ok(conn) => {
                listen(&conn, |reason| {
                    if state.lock_because() {
                        tell(reason);
                    }
                })
                .await
            }
            Err(e) => Err(e),
        };
        if let Err(e) = listened {
            // Without logind (another system, a container) the idle timer still locks.
            eprintln!("allies: encrypted data will not lock with the screen or on sleep here: {e}");
        }
    });
}

/// Listens to logind on `conn` until the bus goes away, calling `on_lock` when the computer
/// is about to sleep or this process's desktop session is locked.
pub async fn listen(conn: &zbus::Connection, on_lock: impl Fn(LockReason)) -> zbus::Result<()> {
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .sender(LOGIND)?
        .build();
    let mut signals = zbus::MessageStream::for_match_rule(rule, conn, None).await?;
    // Subscribed first, so a lock that comes while the session is looked up is not missed.
    let session = our_session(conn).await;
    while let Some(message) = signals.next().await {
        let Ok(message) = message else { continue };
        let header = message.header();
        let (Some(interface), Some(member)) = (header.interface(), header.member()) else {
            continue;
        };
        let reason = match (interface.as_str(), member.as_str()) {
            // True before sleeping; false after waking, when there is nothing to do.
            (MANAGER, "PrepareForSleep") => message
                .body()
                .deserialize::<bool>()
                .unwrap_or(false)
                .then_some(LockReason::Sleep),
            (SESSION, "Lock") => {
                let path = header.path().map(|p| p.as_str().to_owned());
                (session.is_some() && path == session).then_some(LockReason::ScreenLocked)
            }
            _ => None,
        };
        if let Some(reason) = reason {
            on_lock(reason);
        }
    }
    Ok(())
}

/// The object path of the desktop session this process runs in, if logind knows it.
async fn our_session(conn: &zbus::Connection) -> Option<String> {
    let reply = conn
        .call_method(
            Some(LOGIND),
            MANAGER_PATH,
            Some(MANAGER),
            "GetSessionByPID",
            &(std::process::id(),),
        )
        .await
        .ok()?;
    let path: zbus::zvariant::OwnedObjectPath = reply.body().deserialize().ok()?;
    Some(path.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex, PoisonError};
    use std::time::Duration;

    use allies_core::storage::encryption::{self, Passphrase};
    use allies_core::Database;
    use allies_fake_desktop::{FakeLogind, PrivateBus, FAKE_SESSION_PATH};

    use crate::state::AppState;

    /// Sends `emit` until `ok` holds: the listener subscribes a moment after it starts, and a
    /// signal sent before that is not heard (as on a real desktop).
    fn until(mut emit: impl FnMut(), ok: impl Fn() -> bool, what: &str) {
        for _ in 0..50 {
            emit();
            for _ in 0..4 {
                if ok() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(25));
            }
        }
        panic!("never: {what}");
    }

    #[test]
    fn sleep_and_a_locked_session_lock_encrypted_data() {
        let bus = PrivateBus::start().unwrap();
        let logind = FakeLogind::start_blocking(&bus).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let now = allies_core::session::now();
        let db = Database::open_in(dir.path(), now).unwrap();
        let key = Passphrase::new_checked("a fine passphrase").unwrap();
        let (db, changed) = encryption::change(db, Some(key), now);
        changed.unwrap();
        let state = AppState::over(db.unwrap());

        let heard = Arc::new(Mutex::new(Vec::new()));
        {
            let (state, heard) = (state.clone(), Arc::clone(&heard));
            let address = bus.address().to_owned();
            std::thread::spawn(move || {
                zbus::block_on(async move {
                    let conn = zbus::connection::Builder::address(address.as_str())?
                        .build()
                        .await?;
                    listen(&conn, |reason| {
                        if state.lock_because() {
                            heard
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .push(reason);
                        }
                    })
                    .await
                })
            });
        }
        let heard_now = || heard.lock().unwrap_or_else(PoisonError::into_inner).clone();

        until(
            || logind.prepare_for_sleep_blocking(true).unwrap(),
            // The listener records what it heard just after the data locks.
            || state.is_locked() && !heard_now().is_empty(),
            "going to sleep locks the data",
        );
        assert_eq!(heard_now(), [LockReason::Sleep]);

        state
            .unlock("a fine passphrase".into(), allies_core::session::now())
            .unwrap();
        logind.prepare_for_sleep_blocking(false).unwrap();
        logind
            .lock_session_blocking("/org/freedesktop/login1/session/_99")
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            !state.is_locked(),
            "waking, or another user's session locking, leaves the data open"
        );

        until(
            || logind.lock_session_blocking(FAKE_SESSION_PATH).unwrap(),
            || state.is_locked() && heard_now().len() > 1,
            "locking this session locks the data",
        );
        assert_eq!(heard_now(), [LockReason::Sleep, LockReason::ScreenLocked]);
    }
}
