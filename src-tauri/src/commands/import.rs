//! Importing people from a file the user chose in the open dialog or dropped on the window: a
//! preview first, then the import itself, in one transaction, with progress events for large
//! files. The core reads the file at `path` each time, so an error names it.

use std::path::PathBuf;

use allies_core::interop::import::{self, Format, Mapping, OnDuplicate, Preview, Summary};
use allies_core::{interop, WireError};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::events::Tell;
use crate::file_dialogs::ChosenFiles;
use crate::state::{now, AppState};

/// The preview, with a CSV file's columns and the mapping used.
#[derive(Debug, Serialize)]
pub struct ImportPreview {
    pub preview: Preview,
    pub headers: Vec<String>,
    pub mapping: Option<Mapping>,
}

/// Reads and parses the file the user chose; run before the database is taken.
fn read_chosen(
    format: Format,
    path: PathBuf,
    mapping: Option<Mapping>,
) -> impl FnOnce() -> allies_core::Result<import::Reading> {
    move || import::read(format, &interop::read_file(&path, false)?, mapping.as_ref())
}

#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenFiles>,
    format: Format,
    path: PathBuf,
    mapping: Option<Mapping>,
) -> Result<ImportPreview, WireError> {
    chosen.check(&path)?;
    state
        .with_db_after_reading(read_chosen(format, path, mapping), |db, reading| {
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
    chosen: State<'_, ChosenFiles>,
    format: Format,
    path: PathBuf,
    mapping: Option<Mapping>,
    on_duplicate: OnDuplicate,
) -> Result<Summary, WireError> {
    chosen.check(&path)?;
    state
        .with_db_after_reading(read_chosen(format, path, mapping), move |db, reading| {
            import::apply(
                db,
                &reading.parsed,
                on_duplicate,
                now(),
                &mut |done, total| {
                    app.tell("import-progress", Progress { done, total });
                },
            )
        })
        .await
}
