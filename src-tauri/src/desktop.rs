//! The app's presence on the desktop beyond its window: events to the window when reminders
//! change, and bringing the window forward when a pop-up is clicked.

use tauri::{AppHandle, Emitter, Manager};

use crate::reminder_loop::Shell;

/// The main window, as the reminder scheduler reaches it.
pub struct WindowShell(pub AppHandle);

/// Shows, restores and focuses the main window.
pub fn bring_forward(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

impl Shell for WindowShell {
    fn reminders_changed(&self, in_app: &[String]) {
        let _ = self.0.emit("reminders-changed", in_app);
    }

    fn open(&self, person_id: Option<&str>) {
        bring_forward(&self.0);
        let _ = self.0.emit("reminder-open", person_id);
    }
}
