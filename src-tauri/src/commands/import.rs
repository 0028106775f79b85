//! Importing people from a file the window read: a preview first, then the import itself, in
//! one transaction, with progress events for large files.

use allies_core::interop::import::{self, Format, Mapping, OnDuplicate, Preview, Summary};
use allies_core::{Error, WireError};
use base64::Engine;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::state::{now, AppState};

fn bytes(content: &str) -> Result<Vec<u8>, WireError> {
    base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|e| {
            WireError::from(Error::NotWhole {
                restoring: false,
                detail: e.to_string(),
            })
        })
}

/// The preview, with a CSV file's columns and the mapping used.
#[derive(Debug, Serialize)]
pub struct ImportPreview {
    pub preview: Preview,
    pub headers: Vec<String>,
    pub mapping: Option<Mapping>,
}

#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    format: Format,
    content: String,
    mapping: Option<Mapping>,
) -> Result<ImportPreview, WireError> {
    let data = bytes(&content)?;
    state
        .with_db(move |db| {
            let reading = import::read(format, &data, mapping.as_ref())?;
            Ok(ImportPreview {
                preview: import::preview(db, &reading.parsed)?,
                headers: reading.headers,
                mapping: reading.mapping,
            })
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[tauri::command]
pub async fn import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    format: Format,
    content: String,
    mapping: Option<Mapping>,
    on_duplicate: OnDuplicate,
) -> Result<Summary, WireError> {
    let data = bytes(&content)?;
    state
        .with_db(move |db| {
            let reading = import::read(format, &data, mapping.as_ref())?;
            import::apply(
                db,
                &reading.parsed,
                on_duplicate,
                now(),
                &mut |done, total| {
                    let _ = app.emit("import-progress", Progress { done, total });
                },
            )
        })
        .await
}
