//! Locks encrypted data by itself on systems without logind (Windows, macOS): when the delay
//! chosen in Settings passes without use. Locking with the screen and on sleep there waits for
//! their own signals (issue 22: WTS session notifications and power events on Windows,
//! NSWorkspace's notifications on macOS). Same names as `linux/locking.rs`, which
//! `desktop/mod.rs` picks on Linux, where logind's signals lock too.

use std::time::Duration;

use allies_core::session::LockReason;
use tauri::{AppHandle, Emitter};

use crate::desktop::{Lockable, LOCKED_EVENT};

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
                let _ = app.emit(LOCKED_EVENT, LockReason::Idle.message());
            }
        }
    });
}
