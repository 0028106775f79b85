//! The app as a whole: can it open its data, starting fresh, and the test reminder.

use allies_core::reminders::notification::{self, Delivery};
use allies_core::reminders::settings;
use allies_core::storage::encryption;
use allies_core::{Error, WireError};
use tauri::State;

use crate::events::{self, Batch, EventHub};
use crate::state::{now, stopped, AppState, Status};

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<Status, WireError> {
    Ok(state.status(None))
}

#[tauri::command]
pub async fn start_fresh(state: State<'_, AppState>) -> Result<Status, WireError> {
    let aside = state.start_fresh(now())?;
    Ok(state.status(Some(aside)))
}

/// Puts the newest backup in place of a database that cannot be opened.
#[tauri::command]
pub async fn restore_latest_backup(state: State<'_, AppState>) -> Result<Status, WireError> {
    let aside = state.restore_latest(now())?;
    Ok(state.status(Some(aside)))
}

/// Opens encrypted data with its passphrase; the status says what opened.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<Status, WireError> {
    let st = state.inner().clone();
    // Deriving the key from the passphrase takes a moment: off the UI thread.
    tauri::async_runtime::spawn_blocking(move || st.unlock(passphrase, now()))
        .await
        .map_err(stopped)??;
    Ok(state.status(None))
}

/// Closes encrypted data until the passphrase is given again.
#[tauri::command]
pub async fn lock_now(state: State<'_, AppState>) -> Result<Status, WireError> {
    state.lock_now()?;
    Ok(state.status(None))
}

/// Encrypted data locks itself after `seconds` without use (0: never).
#[tauri::command]
pub async fn set_lock_after(state: State<'_, AppState>, seconds: u32) -> Result<(), WireError> {
    state.set_lock_after(seconds)
}

/// What the shell told the window after event `after`, as soon as there is any (an empty answer
/// after a while: the page asks again); without `after`, where to start listening from.
#[tauri::command]
pub async fn next_events(hub: State<'_, EventHub>, after: Option<u64>) -> Result<Batch, WireError> {
    Ok(hub.after(after, events::WAIT).await)
}

/// The user is using the window without changing anything: the idle lock waits again.
#[tauri::command]
pub async fn note_activity(state: State<'_, AppState>) -> Result<(), WireError> {
    state.used();
    Ok(())
}

/// Sets, changes or (with no `passphrase`) removes the encryption of the data and its backups.
#[tauri::command]
pub async fn set_encryption(
    state: State<'_, AppState>,
    current: Option<String>,
    passphrase: Option<String>,
) -> Result<encryption::Report, WireError> {
    let st = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || st.set_encryption(current, passphrase, now()))
        .await
        .map_err(stopped)?
}

#[tauri::command]
pub async fn send_test_reminder(state: State<'_, AppState>) -> Result<Delivery, WireError> {
    let at = now();
    // The time it names is told in the zone chosen in Settings, as every reminder's.
    let zone = state
        .with_db_quietly(|db| Ok(settings::get(db)?.tz()))
        .await?;
    let reminder = notification::test_reminder(at, zone);
    let notifier = state.notifier.clone();
    tauri::async_runtime::spawn_blocking(move || notification::deliver(&notifier, reminder))
        .await
        .map_err(|e| {
            Error::NotifyFailed {
                detail: e.to_string(),
            }
            .into()
        })
}

/// Whether Allies starts, in the tray, when the user logs in.
#[tauri::command]
pub async fn get_autostart(app: tauri::AppHandle) -> Result<bool, WireError> {
    use tauri_plugin_autostart::ManagerExt;
    app.autolaunch().is_enabled().map_err(autostart_unknown)
}

#[tauri::command]
pub async fn set_autostart(app: tauri::AppHandle, enabled: bool) -> Result<bool, WireError> {
    use tauri_plugin_autostart::ManagerExt;
    let manager = app.autolaunch();
    let changed = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    changed.map_err(|e| {
        WireError::from(Error::AutostartFailed {
            enabling: enabled,
            detail: e.to_string(),
            advice: crate::desktop::start_at_login_advice().into(),
        })
    })?;
    manager.is_enabled().map_err(autostart_unknown)
}

fn autostart_unknown(e: impl std::fmt::Display) -> WireError {
    Error::AutostartUnknown {
        detail: e.to_string(),
    }
    .into()
}
