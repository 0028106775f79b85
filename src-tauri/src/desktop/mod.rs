//! The one seam between the shell and the operating system: what the rest of the shell asks of
//! the desktop (pop-ups with actions, start at login, the tray, the session-lock and sleep
//! signals, the drawing workaround) and, chosen here by `cfg`, one implementation per system:
//! `linux/` (D-Bus, logind, WebKitGTK), `windows/` (toasts), `macos/` (the user-notification
//! framework) and `other/` (what Windows and macOS share: the lock signals' watch, start-at-login
//! advice, and stand-ins for any other system). The idle lock's watch (`idle_lock.rs`) is the
//! same on every system. Nothing outside this folder names a system.

mod idle_lock;
mod window;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
// The stand-ins compile and run their tests on Linux too, so they do not rot on Linux machines.
#[cfg(any(not(target_os = "linux"), test))]
#[cfg_attr(target_os = "linux", allow(dead_code))]
mod other;
#[cfg(target_os = "windows")]
mod windows;
// Buttons one by one (Windows' toasts, macOS's actions), and what each system's pop-ups need to
// know, are tested on every system.
#[cfg(any(target_os = "windows", target_os = "macos", test))]
#[cfg_attr(target_os = "linux", allow(dead_code))]
mod buttons;
// Wherever `other/` is: its idle watch takes the signals.
#[cfg(any(not(target_os = "linux"), test))]
#[cfg_attr(target_os = "linux", allow(dead_code))]
mod lock_signal;
#[cfg(all(test, not(target_os = "macos")))]
#[path = "macos/rules.rs"]
#[allow(dead_code)]
mod macos_rules;
#[cfg(all(test, not(target_os = "windows")))]
#[path = "windows/rules.rs"]
#[allow(dead_code)]
mod windows_rules;

#[cfg(target_os = "windows")]
use self::windows as os;
#[cfg(target_os = "linux")]
use linux as os;
#[cfg(target_os = "macos")]
use macos as os;
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
use other as os;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};

pub use idle_lock::IdleLook;
pub use os::notifier::DesktopNotifier;
pub use window::{bring_forward, hide, keep_running_when_closed, put_up_tray, WindowShell};

/// Held by tests that point the process at a private D-Bus session.
#[cfg(all(test, target_os = "linux"))]
pub use linux::notifier::DBUS_ENV;

/// The event the window reloads to its lock screen on, with what to say there.
pub const LOCKED_EVENT: &str = "data-locked";

/// Readies the process for its window, before any thread starts (it may set environment
/// variables the web view reads). An error says why no window can open here.
pub fn prepare_window() -> Result<(), String> {
    os::prepare_window()
}

/// Runs `f` on the window system's thread once it has nothing more pressing to do: after the
/// window just made has drawn its first frame, and between the page's requests. Call on that
/// thread. Where there is no such queue to wait on here (Windows, macOS), runs it now.
pub fn when_idle(f: impl FnOnce() + 'static) {
    #[cfg(target_os = "linux")]
    linux::when_idle(f);
    #[cfg(not(target_os = "linux"))]
    f();
}

/// Starting at login, in the tray (`--background`), through the system's own mechanism.
pub fn start_at_login<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .app_name("Allies")
        .arg("--background")
        .build()
}

/// Gives the page the desktop's interface font where the page cannot ask for it cheaply by
/// itself (`ui/lib/page-font.js` reads it): a script run before the page's own, setting
/// `window.__ALLIES_INTERFACE_FONT__` to the font's family. Read once, when the app starts.
pub fn interface_font() -> InterfaceFont {
    InterfaceFont { script: None }
}

/// See [`interface_font`].
pub struct InterfaceFont {
    script: Option<String>,
}

impl<R: Runtime> tauri::plugin::Plugin<R> for InterfaceFont {
    fn name(&self) -> &'static str {
        "interface-font"
    }

    // Plugins start once the window system is up, on its thread, before any window opens.
    fn initialize(
        &mut self,
        _app: &AppHandle<R>,
        _config: serde_json::Value,
    ) -> Result<(), Box<dyn std::error::Error>> {
        self.script = os::interface_font_family().map(|family| font_script(&family));
        Ok(())
    }

    fn initialization_script(&self) -> Option<String> {
        self.script.clone()
    }
}

/// The script that hands `family` to the page, as a JSON string (quotes and all escaped).
fn font_script(family: &str) -> String {
    let text = serde_json::Value::String(family.to_owned());
    format!("window.__ALLIES_INTERFACE_FONT__ = {text};")
}

/// Hands memory the process has freed back to the system, after a burst of work (the daily
/// copy), so the idle app is not charged for it. Where the allocator does so itself, nothing.
pub fn give_back_freed_memory() {
    os::give_back_freed_memory();
}

/// What to check when starting at login cannot be turned on or off: the place this system
/// keeps it, in its own words (a Windows user has no `.config/autostart`).
pub fn start_at_login_advice() -> &'static str {
    os::start_at_login_advice()
}

/// What watching for locks asks of the app's data, and all it knows of it: the desktop locks
/// through this, whatever holds the data.
pub trait Lockable: Clone + Send + Sync + 'static {
    /// Locks open encrypted data if it has gone unused for the delay; what the look found.
    fn look_when_idle(&self) -> IdleLook;
    /// Told of each change that may give the idle timer something to lock again.
    fn lock_rules_changed(&self) -> std::sync::Arc<tokio::sync::Notify>;
    /// Locks open encrypted data at once (sleep, a locked screen); whether it did now.
    fn lock_because(&self) -> bool;
}

/// Locks encrypted data when it goes unused, and where the system signals it, when the
/// session is locked or the computer sleeps; each lock is told to the window.
pub fn watch_for_locks(data: impl Lockable, app: AppHandle) {
    // Windows and macOS give their signals to the idle watch they share with other systems.
    #[cfg(any(target_os = "windows", target_os = "macos"))]
    other::locking::spawn_watching(data, app, os::signals::watch);
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    os::locking::spawn(data, app);
}

#[cfg(test)]
mod tests {
    use super::font_script;

    #[test]
    fn the_font_reaches_the_page_as_a_json_string() {
        assert_eq!(
            font_script("Ubuntu"),
            r#"window.__ALLIES_INTERFACE_FONT__ = "Ubuntu";"#
        );
        // A family's name is the desktop's settings, but it is still text: it cannot end the
        // string or the script.
        assert_eq!(
            font_script("A\"; alert(1); //\u{2028}</script>"),
            "window.__ALLIES_INTERFACE_FONT__ = \"A\\\"; alert(1); //\u{2028}</script>\";"
        );
    }
}
