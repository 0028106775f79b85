//! Desktop notifications as the core sees them: what to show, and what happened when we tried.
//!
//! The core decides *what* to say; a [`Notifier`] (D-Bus in the shell, a recorder in tests)
//! decides *how*. When the desktop cannot show it, the reminder is shown in the app instead.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A pop-up to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub title: String,
    pub body: String,
    /// Buttons as (key, label); the key comes back when the user clicks one. "default" is
    /// the click on the pop-up itself.
    pub actions: Vec<(String, String)>,
}

/// Why the desktop could not show a notification, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotifyError(pub String);

/// Something that can show a notification on the desktop.
pub trait Notifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError>;
}

/// Where a reminder ended up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "shown")]
pub enum Delivery {
    /// The desktop showed it.
    Desktop { notification: Notification },
    /// The desktop could not; the app shows it itself and says why.
    InApp {
        notification: Notification,
        reason: String,
    },
}

/// Shows `n` through `notifier`, falling back to an in-app reminder on any failure.
pub fn deliver(notifier: &dyn Notifier, n: Notification) -> Delivery {
    match notifier.show(&n) {
        Ok(()) => Delivery::Desktop { notification: n },
        Err(NotifyError(why)) => Delivery::InApp {
            notification: n,
            reason: format!(
                "Desktop notifications are unavailable ({why}), so Allies shows reminders here instead."
            ),
        },
    }
}

/// The reminder behind Settings → "Send a test reminder", sent at `now`, its time told in
/// `zone`: the time zone chosen in Settings, as every reminder's.
pub fn test_reminder(now: DateTime<Utc>, zone: Tz) -> Notification {
    Notification {
        title: "Allies test reminder".into(),
        body: format!(
            "Reminders work. Sent at {}: this is how Allies will nudge you to thank an ally.",
            // A pop-up has no UI to format it: a 24-hour clock, locale-neutral.
            now.with_timezone(&zone).format("%H:%M")
        ),
        actions: Vec::new(),
    }
}

/// A notifier that remembers what it was asked to show, or fails with a set reason.
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    shown: Mutex<Vec<Notification>>,
    failure: Option<String>,
}

impl RecordingNotifier {
    pub fn failing(reason: &str) -> Self {
        RecordingNotifier {
            shown: Mutex::default(),
            failure: Some(reason.to_owned()),
        }
    }

    pub fn shown(&self) -> Vec<Notification> {
        self.shown.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Notifier for RecordingNotifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError> {
        if let Some(reason) = &self.failure {
            return Err(NotifyError(reason.clone()));
        }
        if let Ok(mut shown) = self.shown.lock() {
            shown.push(n.clone());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn reminder() -> Notification {
        test_reminder(
            Utc.with_ymd_and_hms(2026, 11, 26, 9, 5, 0).unwrap(),
            Tz::UTC,
        )
    }

    #[test]
    fn test_reminder_names_the_time() {
        let n = reminder();
        assert_eq!(n.title, "Allies test reminder");
        assert!(n.body.contains("09:05"), "{}", n.body);
    }

    #[test]
    fn test_reminder_tells_the_time_in_the_zone_chosen_in_settings() {
        // 20:05 UTC is 09:05 the next morning in Auckland (summer time, UTC+13).
        let evening = Utc.with_ymd_and_hms(2026, 11, 26, 20, 5, 0).unwrap();
        let n = test_reminder(evening, chrono_tz::Pacific::Auckland);
        assert!(
            n.body.contains("09:05"),
            "the user's wall clock in their chosen zone, not the system's or UTC: {}",
            n.body
        );
    }

    #[test]
    fn a_working_desktop_shows_it() {
        let notifier = RecordingNotifier::default();
        assert_eq!(
            deliver(&notifier, reminder()),
            Delivery::Desktop {
                notification: reminder()
            }
        );
        assert_eq!(notifier.shown(), vec![reminder()]);
    }

    #[test]
    fn a_failing_desktop_falls_back_in_app_and_says_why() {
        let notifier = RecordingNotifier::failing("no notification service is running");
        let d = deliver(&notifier, reminder());
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["shown"], "in_app");
        assert_eq!(json["notification"]["title"], "Allies test reminder");
        assert!(json["reason"]
            .as_str()
            .unwrap()
            .contains("no notification service is running"));
    }
}
