//! The shell's Windows desktop modules, as the app compiles them on Windows, and a use of each
//! thing the rest of the shell takes from them.

// As `desktop/windows/mod.rs` declares them: the notifier reaches the rules as `super::rules`.
#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/notifier.rs"]
mod notifier;
#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/rules.rs"]
mod rules;

#[cfg(target_os = "windows")]
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

#[cfg(not(target_os = "windows"))]
fn main() {}
