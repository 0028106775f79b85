//! What to do next: coverage, going cold, visibility, reciprocity and the review page.

use std::path::PathBuf;

use allies_core::asks::coverage::ForumCover;
use allies_core::network::insights::{self, Cold, Coverage, Reciprocity, Review, Unseen};
use allies_core::{reminders::settings, WireError};
use serde::Serialize;
use tauri::{State, WebviewWindow};

use crate::state::{now, AppState};

#[derive(Serialize)]
pub struct Insights {
    coverage: Coverage,
    going_cold: Vec<Cold>,
    visibility_gap: Vec<Unseen>,
    reciprocity: Reciprocity,
    forum_gaps: Vec<ForumCover>,
}

#[tauri::command]
pub async fn insights(state: State<'_, AppState>) -> Result<Insights, WireError> {
    state
        .read_db(move |db| {
            let now = now();
            Ok(Insights {
                coverage: insights::coverage(db)?,
                going_cold: insights::going_cold(db, now)?,
                visibility_gap: insights::visibility_gap(db, now)?,
                reciprocity: insights::reciprocity(db, now)?,
                forum_gaps: insights::forum_gaps(db)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn review(state: State<'_, AppState>, map_id: String) -> Result<Review, WireError> {
    state
        .read_db(move |db| insights::review(db, &map_id, now()))
        .await
}

/// The review page as a text file where the user chooses in the save dialog; returns where, or
/// nothing if they cancelled.
#[tauri::command]
pub async fn export_review(
    window: WebviewWindow,
    state: State<'_, AppState>,
    map_id: String,
) -> Result<Option<PathBuf>, WireError> {
    let (proposed, text) = state
        .read_db(move |db| {
            let now = now();
            let today = now.with_timezone(&settings::get(db)?.tz()).date_naive();
            let review = insights::review(db, &map_id, now)?;
            let text = insights::review_text(&review, &today.to_string());
            Ok((format!("Allies review - {today}.txt"), text))
        })
        .await?;
    crate::file_dialogs::save_text(&window, "Save the review", &proposed, text).await
}
