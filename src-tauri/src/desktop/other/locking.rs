//! Locks encrypted data by itself where logind is not: when the delay chosen in Settings passes
//! without use, and, where the system tells it (Windows' session and power messages, macOS's
//! workspace notifications: `windows/signals.rs`, `macos/signals.rs`), when the session is
//! locked or the computer goes to sleep. Same names as `linux/locking.rs`, which
//! `desktop/mod.rs` picks on Linux.

use std::time::Duration;

use allies_core::session::LockReason;
use tauri::AppHandle;

use crate::desktop::lock_signal::{LockSignal, OnSignal};
use crate::desktop::{Lockable, LOCKED_EVENT};
use crate::events::Tell;

/// How often the idle timer is looked at; a lock comes at most this late.
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// Starts the idle timer's watch; each lock is told to the window.
pub fn spawn(state: impl Lockable, app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(LOOK_EVERY).await;
            let st = state.clone();
            // The session's lock may be held by a long import: off the async threads.
            let locked = tauri::async_runtime::spawn_blocking(move || st.lock_if_idle()).await;
            if matches!(locked, Ok(true)) {
                app.tell(LOCKED_EVENT, LockReason::Idle.message());
            }
        }
    });
}

/// Starts the idle timer's watch and the system's signals through `watch`; each lock is told to
/// the window. Without the signals (an error from `watch`) the idle timer still locks.
#[cfg_attr(not(any(target_os = "windows", target_os = "macos")), allow(dead_code))]
pub fn spawn_watching(
    state: impl Lockable,
    app: AppHandle,
    watch: fn(OnSignal) -> Result<(), String>,
) {
    spawn(state.clone(), app.clone());
    let on_signal: OnSignal = Box::new(move |signal| {
        let (state, app) = (state.clone(), app.clone());
        // The signal comes on the system's thread (macOS: the main one), which must not wait
        // for a long import to let go of the data.
        tauri::async_runtime::spawn_blocking(move || {
            if state.lock_because() {
                app.tell(LOCKED_EVENT, reason(signal).message());
            }
        });
    });
    if let Err(e) = watch(on_signal) {
        eprintln!("allies: encrypted data will not lock with the screen or on sleep here: {e}");
    }
}

/// The reason the window gives for a lock the system signalled.
fn reason(signal: LockSignal) -> LockReason {
    match signal {
        LockSignal::Sleep => LockReason::Sleep,
        LockSignal::ScreenLocked => LockReason::ScreenLocked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_signal_is_told_with_its_own_reason() {
        assert_eq!(reason(LockSignal::Sleep), LockReason::Sleep);
        assert_eq!(reason(LockSignal::ScreenLocked), LockReason::ScreenLocked);
        assert_ne!(
            reason(LockSignal::Sleep).message(),
            reason(LockSignal::ScreenLocked).message()
        );
    }
}
