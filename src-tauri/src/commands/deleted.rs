//! Recently deleted, of every kind: the list, bringing one back (an undoable step), and
//! removing one for good (not a step of the undo history: nothing could bring it back).

use allies_core::deleted::{self, Deleted, DeletedKind};
use allies_core::{purge, WireError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_deleted_records(state: State<'_, AppState>) -> Result<Vec<Deleted>, WireError> {
    state.read_db(deleted::list).await
}

#[tauri::command]
pub async fn bring_back_record(
    state: State<'_, AppState>,
    kind: DeletedKind,
    id: String,
) -> Result<(), WireError> {
    state
        .with_db(move |db| deleted::bring_back(db, kind, &id))
        .await
}

#[tauri::command]
pub async fn delete_record_permanently(
    state: State<'_, AppState>,
    kind: DeletedKind,
    id: String,
) -> Result<purge::Purged, WireError> {
    state
        .with_db_unrecorded(move |db| deleted::delete_permanently(db, kind, &id))
        .await
}
