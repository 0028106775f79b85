//! The desktop notifier on a system without the freedesktop notification service, Windows'
//! toasts or macOS's notification centre. Every pop-up is refused with the reason, and the
//! reminder
//! loop then shows it in the app's own list, as on a Linux desktop without a notification
//! service. Same names as `linux/notifier.rs`, which `desktop/mod.rs` picks on Linux.

use allies_core::reminders::notification::{Notification, Notifier, NotifyError};

/// Why no pop-up appears, as the in-app list words it: "Desktop notifications are unavailable
/// (…), so Allies shows reminders here instead."
pub const NOT_HERE: &str = "Allies does not show pop-ups on this system yet";

/// Stands in for the D-Bus notifier: refuses every pop-up, saying why.
#[derive(Clone, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn show(&self, _n: &Notification) -> Result<(), NotifyError> {
        Err(NotifyError(NOT_HERE.into()))
    }
}

impl DesktopNotifier {
    pub fn start() -> DesktopNotifier {
        DesktopNotifier
    }

    /// Refuses `n` as `show` does; `on_action` is never called, as nothing was shown.
    pub fn show_then(
        &self,
        n: &Notification,
        _on_action: impl FnOnce(&str) + Send + 'static,
    ) -> Result<(), NotifyError> {
        self.show(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pop_up_is_refused_with_the_reason_and_no_answer_comes() {
        let n = Notification {
            title: "Call Ada".into(),
            body: "It has been a month".into(),
            actions: vec![("done".into(), "Done".into())],
        };
        let answered = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&answered);
        let err = DesktopNotifier::start()
            .show_then(&n, move |_| {
                flag.store(true, std::sync::atomic::Ordering::SeqCst)
            })
            .unwrap_err();
        assert_eq!(err.0, NOT_HERE, "the in-app list tells the user why");
        assert!(
            !answered.load(std::sync::atomic::Ordering::SeqCst),
            "no button was shown, so none can answer"
        );
    }
}
