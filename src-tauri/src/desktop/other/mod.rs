//! The desktop on Windows and macOS, until their own pieces land (issue 22): reminders shown in
//! the app instead of pop-ups, and data locked when idle. Same names as `linux/`.

pub mod locking;
pub mod notifier;

/// Nothing to ready: the system's web view (WebView2, WKWebView) draws as it should.
pub fn prepare_window() -> Result<(), String> {
    Ok(())
}
