//! Sync between the user's computers through a folder (Settings → Sync): its state, turning
//! it on and off, a round now, and the conflict log. The rules are `allies_core::sync`'s; the
//! rounds in the background are `sync_loop`'s.

use std::path::PathBuf;

use allies_core::sync::{self, Conflict, Overview, Round};
use allies_core::WireError;
use serde::Serialize;
use tauri::{AppHandle, State, WebviewWindow};

use crate::events::Tell;
use crate::file_dialogs;
use crate::state::{now, AppState};
use crate::sync_loop::SYNCED_EVENT;

/// What Settings → Sync shows.
#[derive(Debug, Serialize)]
pub struct SyncView {
    #[serde(flatten)]
    pub overview: Overview,
    /// Why sync last failed in the background, if it has not worked since.
    pub problem: Option<String>,
    /// The name this computer goes by, offered when sync is turned on.
    pub computer_name: String,
}

/// This computer's name as the system tells it, else "This computer".
pub fn computer_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok());
    let from_file = || {
        std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|s| s.trim().to_owned())
    };
    from_env
        .or_else(from_file)
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "This computer".to_owned())
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncView, WireError> {
    let overview = state.with_db_quietly(|db| sync::overview(db)).await?;
    Ok(SyncView {
        overview,
        problem: state.sync_problem(),
        computer_name: computer_name(),
    })
}

/// Turns sync on with `folder` and `passphrase` (the same on every computer); this device's
/// changes are written to the folder a moment later.
#[tauri::command]
pub async fn sync_enable(
    state: State<'_, AppState>,
    folder: PathBuf,
    passphrase: String,
    device_name: String,
) -> Result<String, WireError> {
    let id = state
        .with_db_quietly(move |db| sync::enable(db, &folder, &passphrase, &device_name, now()))
        .await?;
    state.set_sync_problem(None);
    state.wrote.notify_one();
    Ok(id)
}

#[tauri::command]
pub async fn sync_disable(state: State<'_, AppState>) -> Result<(), WireError> {
    state.with_db_quietly(sync::disable).await?;
    state.set_sync_problem(None);
    Ok(())
}

/// Writes this device's changes to the folder, then applies the others'; when any were
/// applied, the window's views read again.
#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Result<Round, WireError> {
    let round = state.with_db_quietly(|db| sync::sync_now(db, now())).await;
    match &round {
        Ok(done) => {
            state.set_sync_problem(None);
            if done.pulled.applied > 0 {
                state.changed.notify_one();
                app.tell(SYNCED_EVENT, done.pulled.applied);
            }
        }
        Err(e) if e.code != "sync.off" => state.set_sync_problem(Some(e.message.clone())),
        Err(_) => {}
    }
    round
}

#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, WireError> {
    state.with_db_quietly(|db| sync::conflicts(db)).await
}

/// Puts a conflict's overridden values back: one step of the undo history, synced like any
/// other change.
#[tauri::command]
pub async fn sync_restore_conflict(state: State<'_, AppState>, id: i64) -> Result<(), WireError> {
    state
        .with_db(move |db| sync::restore_conflict(db, id, now()))
        .await
}

/// Asks which folder to sync through; `None` when the user cancelled.
#[tauri::command]
pub async fn choose_sync_folder(window: WebviewWindow) -> Result<Option<PathBuf>, WireError> {
    Ok(file_dialogs::pick_folder(&window, "Choose the folder to sync through").await)
}
