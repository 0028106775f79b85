//! The sample workspace: try Allies with made-up people, and remove them again. Each change is
//! one undoable step, like any other.

use allies_core::sample::{self, Added, Removed, Status};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn add_sample_workspace(state: State<'_, AppState>) -> Result<Added, WireError> {
    state.with_db(|db| sample::add(db, now())).await
}

#[tauri::command]
pub async fn remove_sample_workspace(state: State<'_, AppState>) -> Result<Removed, WireError> {
    state.with_db(sample::remove).await
}

/// Whether the sample is there (the People banner, Settings → Your data).
#[tauri::command]
pub async fn sample_workspace_status(state: State<'_, AppState>) -> Result<Status, WireError> {
    state.read_db(sample::status).await
}
