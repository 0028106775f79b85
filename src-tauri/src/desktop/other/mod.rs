//! The desktop where logind is not: data locked when idle, the window started as it is, the
//! advice on starting at login in each system's words; Windows and macOS take these and add
//! their own pop-ups, and any other system shows reminders in the app. Same names as `linux/`.

pub mod locking;
// Windows and macOS have pop-ups of their own (`windows/notifier.rs`, `macos/notifier.rs`).
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
pub mod notifier;

/// Nothing to ready: the system's web view (WebView2, WKWebView) draws as it should.
pub fn prepare_window() -> Result<(), String> {
    Ok(())
}

/// None: the page asks for `system-ui`, the system's own interface font, as WebView2 and
/// WKWebView give it at no extra cost.
pub fn interface_font_family() -> Option<String> {
    None
}

/// Nothing to do: the allocators of Windows and macOS give freed pages back on their own.
pub fn give_back_freed_memory() {}

/// Where Windows and macOS keep what starts at login, as tauri-plugin-autostart uses them.
pub fn start_at_login_advice() -> &'static str {
    advice_for(std::env::consts::OS)
}

/// The advice for the system named as `std::env::consts::OS` names it.
fn advice_for(os: &str) -> &'static str {
    match os {
        // The current user's Run key in the registry, which Settings → Apps → Startup (and
        // Task Manager's Startup tab) can switch off, and an organisation's policy forbid.
        "windows" => {
            "Check under Settings → Apps → Startup that Allies is not switched off, \
             and that your organisation allows apps to start at sign-in."
        }
        // A launch agent (the plugin's default), listed by System Settings under Login Items.
        "macos" => {
            "Check that your home folder's Library/LaunchAgents can be written, and that \
             Allies is allowed under System Settings → General → Login Items."
        }
        _ => "Check your system's settings for apps that start at login.",
    }
}

#[cfg(test)]
mod tests {
    use super::advice_for;

    #[test]
    fn each_system_is_sent_to_its_own_place_for_start_at_login() {
        let windows = advice_for("windows");
        assert!(windows.contains("Settings → Apps → Startup"), "{windows}");
        let mac = advice_for("macos");
        assert!(
            mac.contains("Library/LaunchAgents") && mac.contains("Login Items"),
            "{mac}"
        );
        for advice in [windows, mac, advice_for("freebsd")] {
            assert!(
                !advice.contains(".config") && !advice.contains("autostart"),
                "no Linux folder named elsewhere: {advice}"
            );
        }
    }
}
