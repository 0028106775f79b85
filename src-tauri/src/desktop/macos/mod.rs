//! The desktop on macOS: pop-ups through the user-notification framework, with their buttons;
//! starting the window, the advice on starting at login and the idle lock as `other/` has them.

pub mod notifier;
pub mod rules;

pub use super::buttons;
pub use super::other::{locking, prepare_window, start_at_login_advice};
