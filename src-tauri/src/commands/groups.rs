//! Professional groups and the times the user went to their events.

use allies_core::network::groups::{self, Attendance, Group, GroupInput};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, today, AppState};

#[tauri::command]
pub async fn list_groups(state: State<'_, AppState>) -> Result<Vec<Group>, WireError> {
    state.read_db(groups::list).await
}

#[tauri::command]
pub async fn add_group(state: State<'_, AppState>, input: GroupInput) -> Result<Group, WireError> {
    state
        .with_db(move |db| groups::add(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn update_group(
    state: State<'_, AppState>,
    id: String,
    input: GroupInput,
) -> Result<Group, WireError> {
    state
        .with_db(move |db| groups::update(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_group(state: State<'_, AppState>, id: String) -> Result<Group, WireError> {
    state
        .with_db(move |db| groups::delete(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn attend_group(
    state: State<'_, AppState>,
    group_id: String,
    on: String,
    note: String,
) -> Result<Attendance, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            groups::attend(db, &group_id, &on, &note, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn group_attendance(
    state: State<'_, AppState>,
    group_id: String,
) -> Result<Vec<Attendance>, WireError> {
    state
        .read_db(move |db| groups::attendance(db, &group_id))
        .await
}

#[tauri::command]
pub async fn delete_attendance(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state
        .with_db(move |db| groups::delete_attendance(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn edit_attendance(
    state: State<'_, AppState>,
    id: String,
    on: String,
    note: String,
) -> Result<Attendance, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            groups::edit_attendance(db, &id, &on, &note, today)
        })
        .await
}

/// Puts a group on the shortlist or takes it off.
#[tauri::command]
pub async fn shortlist_group(
    state: State<'_, AppState>,
    id: String,
    on: bool,
) -> Result<Group, WireError> {
    state
        .with_db(move |db| groups::shortlist(db, &id, on, now()))
        .await
}

/// Makes one group the focus (none when `id` is null); answers with every group.
#[tauri::command]
pub async fn focus_group(
    state: State<'_, AppState>,
    id: Option<String>,
) -> Result<Vec<Group>, WireError> {
    state
        .with_db(move |db| groups::focus_on(db, id.as_deref(), now()))
        .await
}
