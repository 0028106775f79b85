//! Locks encrypted data by itself where logind is not: when the delay chosen in Settings passes
//! without use (the idle watch all systems share), and, where the system tells it (Windows'
//! session and power messages, macOS's workspace notifications: `windows/signals.rs`,
//! `macos/signals.rs`), when the session is locked or the computer goes to sleep. Same names as `linux/locking.rs`, which
//! `desktop/mod.rs` picks on Linux.

use allies_core::session::LockReason;
use tauri::AppHandle;

use crate::desktop::lock_signal::{LockSignal, OnSignal};
use crate::desktop::{Lockable, LOCKED_EVENT};
use crate::events::Tell;

/// Starts the idle timer's watch (`desktop/idle_lock.rs`); each lock is told to the window.
pub use crate::desktop::idle_lock::spawn;

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
