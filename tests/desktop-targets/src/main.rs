//! The shell's Windows and macOS desktop modules, as the app compiles them on each system, and
//! a use of each thing the rest of the shell takes from them.

// As `desktop/windows/mod.rs` and `desktop/macos/mod.rs` declare them: each module reaches its
// neighbours as `super::rules`, `super::buttons` and `super::lock_signal`.
#[cfg(any(target_os = "windows", target_os = "macos"))]
#[path = "../../../src-tauri/src/desktop/buttons.rs"]
mod buttons;

#[cfg(any(target_os = "windows", target_os = "macos"))]
#[path = "../../../src-tauri/src/desktop/lock_signal.rs"]
mod lock_signal;

#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/notifier.rs"]
mod notifier;
#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/rules.rs"]
mod rules;
#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/signals.rs"]
mod signals;

#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/notifier.rs"]
mod notifier;
#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/rules.rs"]
mod rules;
#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/signals.rs"]
mod signals;

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
    let watched = signals::watch(Box::new(|signal: lock_signal::LockSignal| {
        println!("{signal:?}");
    }));
    println!("{watched:?}");
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn main() {}
