//! The desktop on Windows: pop-ups as toasts with their buttons, and data locked on sleep and
//! when the session is locked; starting the window, the advice on starting at login and the idle
//! lock as `other/` has them.

pub mod notifier;
pub mod rules;
pub mod signals;

pub use super::other::{
    give_back_freed_memory, interface_font_family, prepare_window, start_at_login_advice,
};
use super::{buttons, lock_signal};
