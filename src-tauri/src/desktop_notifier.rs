//! Shows notifications on the desktop with notify-rust (D-Bus on Linux).

use std::sync::mpsc;
use std::time::Duration;

use allies_core::reminders::notification::{Notification, Notifier, NotifyError};

/// A notification service that has not answered in this time is treated as missing.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy)]
pub struct DesktopNotifier {
    timeout: Duration,
}

impl Default for DesktopNotifier {
    fn default() -> Self {
        DesktopNotifier {
            timeout: ANSWER_WITHIN,
        }
    }
}

impl Notifier for DesktopNotifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError> {
        self.show_then(n, |_| {})
    }
}

impl DesktopNotifier {
    /// Shows `n` and, on a thread of its own, waits for the user to click one of its actions
    /// or close it; `on_action` then receives the action's key ("__closed" when closed).
    pub fn show_then(
        &self,
        n: &Notification,
        on_action: impl FnOnce(&str) + Send + 'static,
    ) -> Result<(), NotifyError> {
        let mut popup = notify_rust::Notification::new();
        popup.appname("Allies").summary(&n.title).body(&n.body);
        for (key, label) in &n.actions {
            popup.action(key, label);
        }
        let waits = !n.actions.is_empty();
        // show() blocks on D-Bus; a hung service must not hang the caller.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || match popup.show() {
            Ok(handle) => {
                let _ = tx.send(Ok(()));
                if waits {
                    handle.wait_for_action(on_action);
                }
            }
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
            }
        });
        match rx.recv_timeout(self.timeout) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(raw)) => Err(NotifyError(describe(&raw))),
            Err(_) => Err(NotifyError(format!(
                "the notification service did not answer within {} seconds",
                self.timeout.as_secs()
            ))),
        }
    }
}

/// Held by tests that point the process at a private D-Bus session.
#[cfg(test)]
pub static DBUS_ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Turns a D-Bus failure into words a user can act on.
fn describe(raw: &str) -> String {
    if raw.contains("ServiceUnknown") || raw.contains("not provided by any .service") {
        "no notification service is running on this desktop".into()
    } else if raw.contains("DBUS_SESSION_BUS_ADDRESS")
        || raw.contains("No such file or directory")
        || raw.contains("Connection refused")
        || raw.contains("Address")
    {
        format!("no desktop message bus (D-Bus session) could be reached: {raw}")
    } else {
        format!("the notification service refused it: {raw}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use allies_fake_desktop::{FakeNotificationServer, PrivateBus, Received};

    fn reminder() -> Notification {
        Notification {
            title: "Thank Dana".into(),
            body: "She reviewed your design doc <b>yesterday</b>".into(),
            actions: Vec::new(),
        }
    }

    // notify-rust finds the bus through the process environment, shared by all tests.
    #[test]
    fn shows_through_dbus_and_explains_when_it_cannot() {
        let _env = DBUS_ENV.lock().unwrap_or_else(|p| p.into_inner());
        let notifier = DesktopNotifier::default();

        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/allies-bus",
        );
        let err = notifier.show(&reminder()).unwrap_err();
        assert!(err.0.contains("no desktop message bus"), "{err}");

        let bus = PrivateBus::start().unwrap();
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
        let err = notifier.show(&reminder()).unwrap_err();
        assert_eq!(err.0, "no notification service is running on this desktop");

        let server = FakeNotificationServer::start_blocking(&bus).unwrap();
        notifier
            .show(&reminder())
            .expect("the fake server accepts it");
        assert_eq!(
            server.received(),
            [Received {
                id: 1,
                actions: Vec::new(),
                app: "Allies".into(),
                summary: "Thank Dana".into(),
                body: "She reviewed your design doc <b>yesterday</b>".into(),
            }],
            "the pop-up carries the app name, title and body as given"
        );
    }
}
