//! The relationship journal: a person's profile and the interactions logged with them.

use allies_core::interactions::{self, Interaction, InteractionInput};
use allies_core::profiles::{self, Profile};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

/// How many interactions a person's page shows at first.
const TIMELINE_LENGTH: usize = 200;

#[tauri::command]
pub async fn get_profile(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Profile, WireError> {
    state.with_db(move |db| profiles::get(db, &person_id)).await
}

#[tauri::command]
pub async fn save_profile(
    state: State<'_, AppState>,
    person_id: String,
    profile: Profile,
) -> Result<Profile, WireError> {
    state
        .with_db(move |db| profiles::save(db, &person_id, &profile, now()))
        .await
}

#[tauri::command]
pub async fn log_interaction(
    state: State<'_, AppState>,
    input: InteractionInput,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::log(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn person_timeline(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Interaction>, WireError> {
    state
        .with_db(move |db| interactions::timeline(db, &person_id, TIMELINE_LENGTH))
        .await
}

#[tauri::command]
pub async fn delete_interaction(
    state: State<'_, AppState>,
    id: String,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::delete(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn restore_interaction(
    state: State<'_, AppState>,
    id: String,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::restore(db, &id))
        .await
}
