//! What Allies' Windows pop-ups show and answer, apart from the toast machinery: which of a
//! reminder's actions become buttons, the key a click sends back, and why a pop-up cannot be
//! shown, in the words of the in-app list ("Desktop notifications are unavailable (…), so
//! Allies shows reminders here instead."). Compiled and tested on every system.

/// The AppUserModelID Windows knows Allies by: the bundle identifier, which the MSI and NSIS
/// installers give the Start menu shortcut. A test holds it to `tauri.conf.json`.
pub const APP_ID: &str = "app.allies.desktop";

/// The key of a click on the pop-up itself, not on a button: "Open".
pub const BODY: &str = "default";
/// The key sent when the user closes the pop-up without choosing.
pub const CLOSED: &str = "__closed";
/// A toast shows at most five buttons.
const MOST_BUTTONS: usize = 5;

/// Why a pop-up cannot be shown: a copy Windows does not know as an app (run without its
/// installer), or toasts turned off by the user or their organisation.
pub const NOT_INSTALLED: &str = "Windows shows pop-ups only for installed apps, and this copy \
     of Allies was not installed with its installer";

/// Whether Windows lets Allies show toasts, as its toast notifier says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Enabled,
    OffForAllies,
    OffForUser,
    OffByPolicy,
    OffByManifest,
}

/// Why no pop-up shows under `setting`; `None` when pop-ups are allowed.
pub fn refusal(setting: Setting) -> Option<&'static str> {
    match setting {
        Setting::Enabled => None,
        Setting::OffForAllies => Some(
            "notifications from Allies are turned off in Windows Settings → System → \
             Notifications",
        ),
        Setting::OffForUser => {
            Some("notifications are turned off in Windows Settings → System → Notifications")
        }
        Setting::OffByPolicy => Some("your organisation has turned notifications off"),
        Setting::OffByManifest => Some("this build of Allies may not show notifications"),
    }
}

/// The buttons of a pop-up with `actions` (key, label): every action but the click on the
/// pop-up itself, which Windows gives as a click on the toast, at most five.
pub fn buttons(actions: &[(String, String)]) -> Vec<(&str, &str)> {
    actions
        .iter()
        .filter(|(key, _)| key != BODY)
        .map(|(key, label)| (key.as_str(), label.as_str()))
        .take(MOST_BUTTONS)
        .collect()
}

/// The key a click sends back: a button's, or [`BODY`] for the toast itself (no arguments).
pub fn answer_key(arguments: Option<&str>) -> &str {
    match arguments {
        Some(key) if !key.is_empty() => key,
        _ => BODY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(keys: &[&str]) -> Vec<(String, String)> {
        keys.iter()
            .map(|k| ((*k).to_owned(), format!("Label {k}")))
            .collect()
    }

    #[test]
    fn every_action_but_the_click_on_the_pop_up_is_a_button() {
        let a = actions(&["done", "snooze", "default"]);
        assert_eq!(
            buttons(&a),
            [("done", "Label done"), ("snooze", "Label snooze")]
        );
    }

    #[test]
    fn no_more_buttons_than_a_toast_shows() {
        let a = actions(&["a", "b", "c", "d", "e", "f", "default"]);
        let keys: Vec<_> = buttons(&a).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "c", "d", "e"], "the first five, in order");
    }

    #[test]
    fn a_click_on_the_toast_opens_and_a_button_answers_with_its_key() {
        assert_eq!(answer_key(None), BODY);
        assert_eq!(answer_key(Some("")), BODY);
        assert_eq!(answer_key(Some("snooze")), "snooze");
        let open = allies_core::reminders::popup::Button::from_key(answer_key(None));
        assert_eq!(open, Some(allies_core::reminders::popup::Button::Open));
    }

    #[test]
    fn each_refusal_says_where_to_turn_pop_ups_on_and_allowed_says_nothing() {
        assert_eq!(refusal(Setting::Enabled), None);
        let app = refusal(Setting::OffForAllies).unwrap();
        assert!(app.contains("Allies") && app.contains("Settings → System → Notifications"));
        assert!(refusal(Setting::OffForUser)
            .unwrap()
            .contains("Settings → System → Notifications"));
        assert!(refusal(Setting::OffByPolicy)
            .unwrap()
            .contains("organisation"));
        assert!(refusal(Setting::OffByManifest).is_some());
        for why in [NOT_INSTALLED, refusal(Setting::OffForUser).unwrap()] {
            assert!(!why.contains("D-Bus") && !why.ends_with('.'), "{why}");
        }
    }

    #[test]
    fn the_app_id_is_the_bundle_identifier_the_installers_give_the_shortcut() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], APP_ID);
    }
}
