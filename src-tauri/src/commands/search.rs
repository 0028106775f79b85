//! One search box over everything the user wrote.

use allies_core::search::{self, Results};
use allies_core::WireError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn search_everything(
    state: State<'_, AppState>,
    query: String,
) -> Result<Results, WireError> {
    state.read_db(move |db| search::search(db, &query)).await
}
