//! The newbie tour: the plan of who to meet in a new job, and what they said.

use allies_core::network::tour::{
    self, MeetingInput, NewPerson, StopInput, Tour, TourInput, TourSummary,
};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn current_tour(state: State<'_, AppState>) -> Result<Option<Tour>, WireError> {
    state.read_db(tour::current).await
}

#[tauri::command]
pub async fn create_tour(state: State<'_, AppState>, input: TourInput) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::create(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn update_tour(
    state: State<'_, AppState>,
    id: String,
    input: TourInput,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::update(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_tour(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state.with_db(move |db| tour::delete(db, &id, now())).await
}

#[tauri::command]
pub async fn add_tour_stop(
    state: State<'_, AppState>,
    tour_id: String,
    input: StopInput,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::add_stop(db, &tour_id, &input, now()))
        .await
}

#[tauri::command]
pub async fn record_tour_meeting(
    state: State<'_, AppState>,
    stop_id: String,
    input: MeetingInput,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::record_meeting(db, &stop_id, &input, now()))
        .await
}

#[tauri::command]
pub async fn clear_tour_meeting(
    state: State<'_, AppState>,
    stop_id: String,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::clear_meeting(db, &stop_id, now()))
        .await
}

#[tauri::command]
pub async fn add_tour_suggestion(
    state: State<'_, AppState>,
    stop_id: String,
    person: NewPerson,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::add_suggestion(db, &stop_id, &person, now()))
        .await
}

#[tauri::command]
pub async fn delete_tour_stop(
    state: State<'_, AppState>,
    stop_id: String,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::delete_stop(db, &stop_id, now()))
        .await
}

/// Every tour, the current one first.
#[tauri::command]
pub async fn list_tours(state: State<'_, AppState>) -> Result<Vec<TourSummary>, WireError> {
    state.read_db(tour::list).await
}

#[tauri::command]
pub async fn get_tour(state: State<'_, AppState>, id: String) -> Result<Tour, WireError> {
    state.read_db(move |db| tour::get(db, &id)).await
}

#[tauri::command]
pub async fn set_tour_stop_week(
    state: State<'_, AppState>,
    stop_id: String,
    week: u8,
) -> Result<Tour, WireError> {
    state
        .with_db(move |db| tour::set_stop_week(db, &stop_id, week, now()))
        .await
}

/// The tour as a text file where the user chooses in the save dialog, to review with their
/// manager; returns where, or nothing if they cancelled.
#[tauri::command]
pub async fn export_tour(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    tour_id: String,
) -> Result<Option<std::path::PathBuf>, WireError> {
    use allies_core::{network::tour_text, reminders::settings};
    let (proposed, text) = state
        .read_db(move |db| {
            let now = now();
            let today = now.with_timezone(&settings::get(db)?.tz()).date_naive();
            let text = tour_text(&tour::get(db, &tour_id)?, &today.to_string());
            Ok((format!("Allies newbie tour - {today}.txt"), text))
        })
        .await?;
    crate::file_dialogs::save_text(&window, "Save the newbie tour", &proposed, text).await
}
