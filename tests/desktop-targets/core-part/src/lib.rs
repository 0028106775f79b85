//! `allies_core::reminders::notification`, from core's own file.

#[path = "../../../../core/src/reminders/notification.rs"]
#[doc(hidden)]
pub mod notification_file;

pub mod reminders {
    pub use super::notification_file as notification;
}
