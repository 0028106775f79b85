//! What Windows needs to know of Allies, apart from the toast and window machinery: the id
//! Windows knows the app by, how many buttons a toast shows, why a pop-up cannot be shown (in
//! the words of the in-app list: "Desktop notifications are unavailable (…), so Allies shows
//! reminders here instead."), and which window messages lock. Compiled and tested everywhere.

use super::lock_signal::LockSignal;

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

/// The window message of a change in the session, and the change that is a lock.
pub const WM_WTSSESSION_CHANGE: u32 = 0x02B1;
pub const WTS_SESSION_LOCK: u32 = 7;
/// The window message of a change in power, and the change that is going to sleep.
pub const WM_POWERBROADCAST: u32 = 0x0218;
pub const PBT_APMSUSPEND: u32 = 4;

/// The lock a window message tells of, if any (`wparam` says which change it is).
pub fn lock_signal(message: u32, wparam: usize) -> Option<LockSignal> {
    let change = u32::try_from(wparam).ok()?;
    match (message, change) {
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) => Some(LockSignal::ScreenLocked),
        (WM_POWERBROADCAST, PBT_APMSUSPEND) => Some(LockSignal::Sleep),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_session_and_going_to_sleep_lock_and_nothing_else_does() {
        assert_eq!(
            lock_signal(WM_WTSSESSION_CHANGE, 7),
            Some(LockSignal::ScreenLocked)
        );
        assert_eq!(lock_signal(WM_POWERBROADCAST, 4), Some(LockSignal::Sleep));
        // Unlocking (8), logging on (5), resuming (7 in a power broadcast, 18 automatic) and
        // another message with a lock's number lock nothing.
        for (message, change) in [
            (WM_WTSSESSION_CHANGE, 8),
            (WM_WTSSESSION_CHANGE, 5),
            (WM_POWERBROADCAST, 7),
            (WM_POWERBROADCAST, 18),
            (0x0010, 7),
        ] {
            assert_eq!(lock_signal(message, change), None, "{message:#x} {change}");
        }
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
