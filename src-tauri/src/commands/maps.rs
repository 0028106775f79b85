//! Stakeholder maps: the maps themselves, people on them, history and export.

use std::path::PathBuf;

use allies_core::interop::export;
use allies_core::maps::{
    self, Gap, Map, MapInput, Movement, Placement, Position, Snapshot, Span, Stance,
};
use allies_core::{Error, WireError};
use base64::Engine;
use chrono::{DateTime, Utc};
use tauri::{State, WebviewWindow};

use crate::file_dialogs;
use crate::state::{now, stopped, AppState};

/// How many gaps between current and desired positions the map lists.
const GAPS_SHOWN: usize = 10;

#[tauri::command]
pub async fn list_maps(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<Map>, WireError> {
    state
        .read_db(move |db| maps::list(db, include_archived))
        .await
}

#[tauri::command]
pub async fn create_map(state: State<'_, AppState>, input: MapInput) -> Result<Map, WireError> {
    state
        .with_db(move |db| maps::create(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn update_map(
    state: State<'_, AppState>,
    id: String,
    input: MapInput,
) -> Result<Map, WireError> {
    state
        .with_db(move |db| maps::update(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn archive_map(
    state: State<'_, AppState>,
    id: String,
    archived: bool,
) -> Result<Map, WireError> {
    state
        .with_db(move |db| maps::set_archived(db, &id, archived, now()))
        .await
}

#[tauri::command]
pub async fn delete_map(state: State<'_, AppState>, id: String) -> Result<Map, WireError> {
    state.with_db(move |db| maps::delete(db, &id, now())).await
}

#[tauri::command]
pub async fn map_placements(
    state: State<'_, AppState>,
    map_id: String,
) -> Result<Vec<Placement>, WireError> {
    state.read_db(move |db| maps::placements(db, &map_id)).await
}

#[tauri::command]
pub async fn place_person(
    state: State<'_, AppState>,
    map_id: String,
    person_id: String,
    position: Position,
    stance: Option<Stance>,
) -> Result<Placement, WireError> {
    state
        .with_db(move |db| maps::place(db, &map_id, &person_id, position, stance, now()))
        .await
}

#[tauri::command]
pub async fn set_stance(
    state: State<'_, AppState>,
    map_id: String,
    person_id: String,
    stance: Stance,
) -> Result<Placement, WireError> {
    state
        .with_db(move |db| maps::set_stance(db, &map_id, &person_id, stance, now()))
        .await
}

#[tauri::command]
pub async fn set_desired(
    state: State<'_, AppState>,
    map_id: String,
    person_id: String,
    desired: Option<Position>,
) -> Result<Placement, WireError> {
    state
        .with_db(move |db| maps::set_desired(db, &map_id, &person_id, desired, now()))
        .await
}

#[tauri::command]
pub async fn unplace_person(
    state: State<'_, AppState>,
    map_id: String,
    person_id: String,
) -> Result<Placement, WireError> {
    state
        .with_db(move |db| maps::unplace(db, &map_id, &person_id, now()))
        .await
}

#[tauri::command]
pub async fn map_state_at(
    state: State<'_, AppState>,
    map_id: String,
    at: DateTime<Utc>,
) -> Result<Vec<Snapshot>, WireError> {
    state
        .read_db(move |db| maps::state_at(db, &map_id, at))
        .await
}

#[tauri::command]
pub async fn map_moves(
    state: State<'_, AppState>,
    map_id: String,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Movement>, WireError> {
    state
        .read_db(move |db| maps::moves_between(db, &map_id, from, to))
        .await
}

#[tauri::command]
pub async fn map_history_span(
    state: State<'_, AppState>,
    map_id: String,
) -> Result<Option<Span>, WireError> {
    state
        .read_db(move |db| maps::history_span(db, &map_id))
        .await
}

#[tauri::command]
pub async fn map_gaps(state: State<'_, AppState>, map_id: String) -> Result<Vec<Gap>, WireError> {
    state
        .read_db(move |db| maps::largest_gaps(db, &map_id, GAPS_SHOWN))
        .await
}

/// Saves an exported map where the user chooses in the save dialog (opening in Downloads with
/// "Allies map - <name> - <today>.<ext>"); returns where, or nothing if they cancelled. `content`
/// is SVG text, or for PNG a `data:image/png;base64,...` URL as a canvas gives it.
#[tauri::command]
pub async fn export_map(
    window: WebviewWindow,
    name: String,
    format: String,
    content: String,
) -> Result<Option<PathBuf>, WireError> {
    let bytes = match format.as_str() {
        "svg" => content.into_bytes(),
        "png" => {
            let encoded = content
                .strip_prefix("data:image/png;base64,")
                .unwrap_or(&content);
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|e| {
                    WireError::from(Error::MapPicture {
                        detail: e.to_string(),
                    })
                })?
        }
        other => {
            return Err(Error::MapFormat {
                format: other.to_owned(),
            }
            .into())
        }
    };
    let proposed = export::file_name(&name, &format, now().date_naive());
    let title = format!("Save the map as {}", format.to_uppercase());
    let Some(path) =
        file_dialogs::save_path(&window, &title, export::exports_dir().as_deref(), &proposed).await
    else {
        return Ok(None);
    };
    tauri::async_runtime::spawn_blocking(move || {
        export::save_chosen(&path, &bytes)
            .map(Some)
            .map_err(WireError::from)
    })
    .await
    .map_err(stopped)?
}

#[tauri::command]
pub async fn person_stances(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<maps::MapStance>, WireError> {
    state
        .read_db(move |db| maps::stances_of(db, &person_id))
        .await
}
