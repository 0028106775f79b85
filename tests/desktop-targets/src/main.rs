//! The shell's Windows and macOS desktop modules, as the app compiles them on each system, and
//! a use of each thing the rest of the shell takes from them.

// As `desktop/windows/mod.rs` and `desktop/macos/mod.rs` declare them: the notifier reaches its
// neighbours as `super::rules` and `super::buttons`.
#[cfg(any(target_os = "windows", target_os = "macos"))]
#[path = "../../../src-tauri/src/desktop/buttons.rs"]
mod buttons;

#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/notifier.rs"]
mod notifier;
#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/rules.rs"]
mod rules;

#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/notifier.rs"]
mod notifier;
#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/rules.rs"]
mod rules;

#[cfg(any(target_os = "windows", target_os = "macos"))]
fn main() {
    use allies_core::reminders::notification::{Notification, Notifier};
    let n = Notification {
        title: "Thank Ada".into(),
        body: "She introduced you to the board".into(),
        actions: vec![("done".into(), "Done".into())],
    };
    let notifier = notifier::DesktopNotifier::start();
    let shown = notifier.show(&n);
    let answered = notifier.show_then(&n, |key| println!("{key}"));
    println!("{shown:?} {answered:?}");
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn main() {}
