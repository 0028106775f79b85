//! The desktop on Windows: pop-ups as toasts with their buttons, and data locked on sleep and
//! when the session is locked; starting the window, the advice on starting at login and the idle
//! lock as `other/` has them.

pub mod notifier;
pub mod rules;
pub mod signals;

pub use super::other::{prepare_window, start_at_login_advice};
pub use super::{buttons, lock_signal};

pub mod locking {
    use tauri::AppHandle;

    use crate::desktop::Lockable;

    /// Locks when idle, on sleep and when the session is locked; each lock is told to the window.
    pub fn spawn(state: impl Lockable, app: AppHandle) {
        crate::desktop::other::locking::spawn_watching(state, app, super::signals::watch);
    }
}
