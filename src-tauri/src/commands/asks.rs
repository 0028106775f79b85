//! Asking for support on purpose: asks, the forums where decisions are made, and who speaks
//! for the user in each.

use allies_core::asks::coverage::{self, ForumCover, MapSupport};
use allies_core::asks::forums::{self, Forum, ForumInput};
use allies_core::asks::{self, Ask, AskInput, AskStatus};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn list_asks(state: State<'_, AppState>) -> Result<Vec<Ask>, WireError> {
    state.read_db(asks::list).await
}

#[tauri::command]
pub async fn person_asks(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Ask>, WireError> {
    state
        .read_db(move |db| asks::for_person(db, &person_id))
        .await
}

#[tauri::command]
pub async fn add_ask(state: State<'_, AppState>, input: AskInput) -> Result<Ask, WireError> {
    state.with_db(move |db| asks::add(db, &input, now())).await
}

#[tauri::command]
pub async fn edit_ask(
    state: State<'_, AppState>,
    id: String,
    input: AskInput,
) -> Result<Ask, WireError> {
    state
        .with_db(move |db| asks::edit(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn move_ask(
    state: State<'_, AppState>,
    id: String,
    status: AskStatus,
) -> Result<Ask, WireError> {
    state
        .with_db(move |db| asks::move_to(db, &id, status, now()))
        .await
}

#[tauri::command]
pub async fn delete_ask(state: State<'_, AppState>, id: String) -> Result<Ask, WireError> {
    state.with_db(move |db| asks::delete(db, &id, now())).await
}

/// Every forum with who on it agreed to speak for the user.
#[tauri::command]
pub async fn list_forums(state: State<'_, AppState>) -> Result<Vec<ForumCover>, WireError> {
    state.read_db(coverage::forums_covered).await
}

#[tauri::command]
pub async fn add_forum(state: State<'_, AppState>, input: ForumInput) -> Result<Forum, WireError> {
    state
        .with_db(move |db| forums::add(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn edit_forum(
    state: State<'_, AppState>,
    id: String,
    input: ForumInput,
) -> Result<Forum, WireError> {
    state
        .with_db(move |db| forums::edit(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_forum(state: State<'_, AppState>, id: String) -> Result<Forum, WireError> {
    state
        .with_db(move |db| forums::delete(db, &id, now()))
        .await
}

/// A goal's agreed asks and its forums, covered or not, for the map view.
#[tauri::command]
pub async fn map_support(
    state: State<'_, AppState>,
    map_id: String,
) -> Result<MapSupport, WireError> {
    state
        .read_db(move |db| coverage::map_support(db, &map_id))
        .await
}
