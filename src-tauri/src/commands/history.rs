//! Undo and redo, from Ctrl+Z, a toast or the list of recent changes in Settings. The history
//! lives in the database, so it outlasts a restart.

use allies_core::history::{self, History, Step};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

// Each first seals a change a crash left without its step: since then only reads may have run,
// and reads make no step. A step that cannot be written now (a full disk) is left to seal later,
// as after any action: it does not keep the steps already sealed from being undone.

/// Undoes the newest change; `null` when there is nothing to undo.
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> Result<Option<Step>, WireError> {
    state
        .with_db_unrecorded(|db| {
            let _ = history::seal_left_over(db, now());
            history::undo(db)
        })
        .await
}

/// Redoes the change undone last; `null` when nothing is undone.
#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> Result<Option<Step>, WireError> {
    state
        .with_db_unrecorded(|db| {
            let _ = history::seal_left_over(db, now());
            history::redo(db)
        })
        .await
}

/// The recent changes, newest first, and what undo and redo would do next.
#[tauri::command]
pub async fn recent_changes(state: State<'_, AppState>) -> Result<History, WireError> {
    state
        .with_db_unrecorded(|db| {
            let _ = history::seal_left_over(db, now());
            history::recent(db)
        })
        .await
}
