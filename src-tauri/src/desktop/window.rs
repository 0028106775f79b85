//! The app's presence on the desktop beyond its window: the tray icon and its menu, closing
//! the window without stopping reminders, events to the window when reminders change, and
//! bringing the window forward when a pop-up is clicked or Allies is launched again.

use allies_core::reminders::popup::Place;
use allies_core::reminders::settings::{self, PauseFor};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Window, WindowEvent};

use crate::events::Tell;
use crate::reminder_loop::Shell;
use crate::state::{now, AppState};

/// Whether the tray icon is up, so closing the window can leave Allies running there.
pub struct InTray(pub bool);

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

pub fn hide(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
}

impl Shell for WindowShell {
    fn reminders_changed(&self, in_app: &[String]) {
        self.0.tell("reminders-changed", in_app);
    }

    fn open(&self, place: &Place) {
        bring_forward(&self.0);
        self.0.tell("reminder-open", place);
    }
}

/// Closing the window hides it while the tray icon is up, so reminders keep coming; the tray's
/// Quit ends Allies. Without a tray, closing quits as usual.
pub fn keep_running_when_closed(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window
            .app_handle()
            .try_state::<InTray>()
            .is_some_and(|t| t.0)
        {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}

/// Puts up the tray icon and tells closing the window whether it is there: whether it is.
/// Without one (no tray on this desktop), closing the window quits, as it does until then.
pub fn put_up_tray(app: &AppHandle, state: AppState) -> bool {
    let in_tray = match tray(app, state) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("allies: no tray icon ({e}); closing the window will quit Allies");
            false
        }
    };
    app.manage(InTray(in_tray));
    in_tray
}

/// The tray icon: Open, pause reminders for an hour or until tomorrow, resume, Quit.
fn tray(app: &AppHandle, state: AppState) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Allies", true, None::<&str>)?;
    let hour = MenuItem::with_id(
        app,
        "pause_hour",
        "Pause reminders for 1 hour",
        true,
        None::<&str>,
    )?;
    let tomorrow = MenuItem::with_id(
        app,
        "pause_tomorrow",
        "Pause reminders until tomorrow",
        true,
        None::<&str>,
    )?;
    let resume = MenuItem::with_id(app, "resume", "Resume reminders", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Allies", true, None::<&str>)?;
    let line = PredefinedMenuItem::separator(app)?;
    let line2 = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(
        app,
        &[&open, &line, &hour, &tomorrow, &resume, &line2, &quit],
    )?;
    let mut builder = TrayIconBuilder::with_id("allies")
        .tooltip("Allies")
        .menu(&menu)
        .on_menu_event(move |app, event| {
            let pause = match event.id.as_ref() {
                "open" => return bring_forward(app),
                "quit" => return app.exit(0),
                "pause_hour" => PauseFor::Hour,
                "pause_tomorrow" => PauseFor::UntilTomorrow,
                "resume" => PauseFor::Resume,
                _ => return,
            };
            let at = now();
            match state.record_blocking(|db| settings::pause_for(db, pause, at)) {
                Ok(_) => {
                    state.changed.notify_one();
                    app.tell("reminders-changed", Vec::<String>::new());
                }
                Err(e) => eprintln!("allies: reminders could not be paused: {}", e.message),
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}
