//! Before the round that decides: the countdown to a map's round, drift since the last review,
//! and the meeting brief (shown, and saved as text).

use std::path::PathBuf;

use allies_core::rounds::{self, Brief, Countdown, DriftReport};
use allies_core::WireError;
use tauri::{State, WebviewWindow};

use crate::state::{now, AppState};

/// The countdown of one map; nothing for a map without a target date.
#[tauri::command]
pub async fn round_countdown(
    state: State<'_, AppState>,
    map_id: String,
) -> Result<Option<Countdown>, WireError> {
    state
        .read_db(move |db| rounds::countdown(db, &map_id, now()))
        .await
}

/// Every round still ahead, the soonest first (for the Review page).
#[tauri::command]
pub async fn round_countdowns(state: State<'_, AppState>) -> Result<Vec<Countdown>, WireError> {
    state.read_db(|db| rounds::countdowns(db, now())).await
}

/// Drift since the last review: on one map, or on every map when `map_id` is not given.
#[tauri::command]
pub async fn round_drift(
    state: State<'_, AppState>,
    map_id: Option<String>,
) -> Result<DriftReport, WireError> {
    state
        .read_db(move |db| match map_id {
            Some(id) => rounds::drift_on_map(db, &id, now()),
            None => rounds::drift(db, now()),
        })
        .await
}

#[tauri::command]
pub async fn meeting_brief(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Brief, WireError> {
    state
        .read_db(move |db| rounds::brief(db, &person_id, now()))
        .await
}

/// The meeting brief as a text file where the user chooses in the save dialog; returns where,
/// or nothing if they cancelled.
#[tauri::command]
pub async fn export_meeting_brief(
    window: WebviewWindow,
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Option<PathBuf>, WireError> {
    let (proposed, text) = state
        .read_db(move |db| {
            let brief = rounds::brief(db, &person_id, now())?;
            Ok((rounds::brief_file_name(&brief), rounds::brief_text(&brief)))
        })
        .await?;
    crate::file_dialogs::save_text(&window, "Save the meeting brief", &proposed, text).await
}
