//! My wins, who has heard of each, the gap on each goal, and About me.

use allies_core::wins::about_me::{self, AboutMe, Insights};
use allies_core::wins::gap::{self, MapGap};
use allies_core::wins::{self, Share, ShareInput, Win, WinDetail, WinInput};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn list_wins(state: State<'_, AppState>) -> Result<Vec<Win>, WireError> {
    state.read_db(wins::list).await
}

#[tauri::command]
pub async fn get_win(state: State<'_, AppState>, id: String) -> Result<WinDetail, WireError> {
    state.read_db(move |db| wins::get(db, &id)).await
}

#[tauri::command]
pub async fn create_win(
    state: State<'_, AppState>,
    input: WinInput,
) -> Result<WinDetail, WireError> {
    state
        .with_db(move |db| wins::create(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn update_win(
    state: State<'_, AppState>,
    id: String,
    input: WinInput,
) -> Result<WinDetail, WireError> {
    state
        .with_db(move |db| wins::update(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_win(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state.with_db(move |db| wins::delete(db, &id, now())).await
}

#[tauri::command]
pub async fn tell_win(
    state: State<'_, AppState>,
    win_id: String,
    input: ShareInput,
) -> Result<WinDetail, WireError> {
    state
        .with_db(move |db| wins::tell(db, &win_id, &input, now()))
        .await
}

#[tauri::command]
pub async fn forget_win_share(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state
        .with_db(move |db| wins::forget_share(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn person_wins(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Share>, WireError> {
    state
        .read_db(move |db| wins::known_by(db, &person_id))
        .await
}

#[tauri::command]
pub async fn wins_gap(state: State<'_, AppState>) -> Result<Vec<MapGap>, WireError> {
    state.read_db(|db| gap::gaps(db, now())).await
}

#[tauri::command]
pub async fn get_about_me(state: State<'_, AppState>) -> Result<AboutMe, WireError> {
    state.read_db(about_me::get).await
}

#[tauri::command]
pub async fn save_about_me(
    state: State<'_, AppState>,
    input: AboutMe,
) -> Result<AboutMe, WireError> {
    state.with_db(move |db| about_me::save(db, &input)).await
}

#[tauri::command]
pub async fn about_me_insights(state: State<'_, AppState>) -> Result<Insights, WireError> {
    state.read_db(about_me::insights).await
}
