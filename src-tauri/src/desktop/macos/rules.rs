//! What macOS needs to know of Allies, apart from the notification framework: how the buttons
//! of a pop-up are registered (a category per set of buttons), how many it offers, why a pop-up
//! cannot be shown (in the words of the in-app list: "Desktop notifications are unavailable (…),
//! so Allies shows reminders here instead."), and the screen lock's notification. Compiled and
//! tested on every system.

/// The distributed notification macOS posts when the screen is locked.
pub const SCREEN_LOCKED: &str = "com.apple.screenIsLocked";

/// The buttons a pop-up offers; Allies' reminders have at most four.
pub const MOST_BUTTONS: usize = 4;

/// Whether macOS lets Allies show notifications, as the notification centre says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Allowed,
    /// The user said no (at the question, or later in System Settings).
    Refused,
    /// The question was asked and not answered yet.
    NotAnswered,
    /// A binary run outside `Allies.app`: macOS has no app to ask for.
    NotBundled,
}

/// Why no pop-up shows with `permission`; `None` when pop-ups are allowed.
pub fn refusal(permission: Permission) -> Option<&'static str> {
    match permission {
        Permission::Allowed => None,
        Permission::Refused => {
            Some("notifications from Allies are turned off in System Settings → Notifications")
        }
        Permission::NotAnswered => {
            Some("macOS is waiting for your answer on whether Allies may show notifications")
        }
        Permission::NotBundled => Some(
            "macOS shows pop-ups only for an app, and this copy of Allies runs outside \
             Allies.app",
        ),
    }
}

/// The category that carries `buttons` (their keys, in order; a key's label never changes): one
/// per set of buttons, so a set is registered once.
pub fn category_id(buttons: &[(&str, &str)]) -> String {
    let keys: Vec<&str> = buttons.iter().map(|(key, _)| *key).collect();
    format!("allies.{}", keys.join("+"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_says_where_to_turn_pop_ups_on_and_allowed_says_nothing() {
        assert_eq!(refusal(Permission::Allowed), None);
        let refused = refusal(Permission::Refused).unwrap_or_default();
        assert!(
            refused.contains("System Settings → Notifications"),
            "{refused}"
        );
        for p in [
            Permission::Refused,
            Permission::NotAnswered,
            Permission::NotBundled,
        ] {
            let why = refusal(p).unwrap_or_default();
            assert!(!why.is_empty() && !why.ends_with('.'), "{p:?}: {why}");
            assert!(!why.contains("Windows") && !why.contains("D-Bus"), "{why}");
        }
    }

    #[test]
    fn one_category_per_set_of_buttons_in_order() {
        let done = [("done", "Done"), ("snooze", "Snooze 1 day")];
        let met = [("met", "Met"), ("snooze", "Snooze 1 day")];
        assert_eq!(category_id(&done), "allies.done+snooze");
        assert_ne!(category_id(&done), category_id(&met));
    }
}
