//! The shell's Windows and macOS desktop modules (`src-tauri/src/desktop/windows/`, `macos/`),
//! each folder whole through its `mod.rs`, as the app compiles them on that system, with the
//! modules of `desktop/` they reach as `super::` beside them, and a use of each thing the rest
//! of the shell takes from them.

#[cfg(any(target_os = "windows", target_os = "macos"))]
#[path = "../../../src-tauri/src/desktop/buttons.rs"]
mod buttons;
#[cfg(any(target_os = "windows", target_os = "macos"))]
#[path = "../../../src-tauri/src/desktop/lock_signal.rs"]
mod lock_signal;

/// What the two systems take from `desktop/other/`, whose idle lock needs Tauri: the same
/// signatures.
#[cfg(any(target_os = "windows", target_os = "macos"))]
mod other {
    pub fn prepare_window() -> Result<(), String> {
        Ok(())
    }

    pub fn start_at_login_advice() -> &'static str {
        ""
    }

    pub fn give_back_freed_memory() {}

    pub fn interface_font_family() -> Option<String> {
        None
    }
}

#[cfg(target_os = "windows")]
#[path = "../../../src-tauri/src/desktop/windows/mod.rs"]
mod os;
#[cfg(target_os = "macos")]
#[path = "../../../src-tauri/src/desktop/macos/mod.rs"]
mod os;

#[cfg(any(target_os = "windows", target_os = "macos"))]
fn main() {
    use allies_core::reminders::notification::{Notification, Notifier};
    let n = Notification {
        title: "Thank Ada".into(),
        body: "She introduced you to the board".into(),
        actions: vec![("done".into(), "Done".into())],
    };
    let notifier = os::notifier::DesktopNotifier::start();
    let shown = notifier.show(&n);
    let answered = notifier.show_then(&n, |key| println!("{key}"));
    println!("{shown:?} {answered:?}");
    // As `desktop/mod.rs` hands the signals to the idle watch (`other::locking::spawn_watching`).
    let watch: fn(lock_signal::OnSignal) -> Result<(), String> = os::signals::watch;
    let watched = watch(Box::new(|signal: lock_signal::LockSignal| {
        println!("{signal:?}");
    }));
    os::give_back_freed_memory();
    println!(
        "{watched:?} {:?} {} {:?}",
        os::prepare_window(),
        os::start_at_login_advice(),
        os::interface_font_family()
    );
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn main() {}
