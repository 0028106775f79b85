//! What Windows needs to know of Allies' pop-ups, apart from the toast machinery: the id
//! Windows knows the app by, how many buttons a toast shows, and why a pop-up cannot be shown,
//! in the words of the in-app list ("Desktop notifications are unavailable (…), so Allies shows
//! reminders here instead."). Compiled and tested on every system.

/// The AppUserModelID Windows knows Allies by: the bundle identifier, which the MSI and NSIS
/// installers give the Start menu shortcut. A test holds it to `tauri.conf.json`.
pub const APP_ID: &str = "app.allies.desktop";

/// A toast shows at most five buttons.
pub const MOST_BUTTONS: usize = 5;

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

#[cfg(test)]
mod tests {
    use super::*;

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
