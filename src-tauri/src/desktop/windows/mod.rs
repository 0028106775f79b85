//! The desktop on Windows: pop-ups as toasts with their buttons; starting the window, the advice
//! on starting at login and the idle lock as on macOS (`other/`).

pub mod notifier;
pub mod rules;

pub use super::buttons;
pub use super::other::{locking, prepare_window, start_at_login_advice};
