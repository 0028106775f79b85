//! The user's data as files: the people CSV, a full JSON backup and restoring it, and the
//! automatic copies in the backups folder.

use std::path::PathBuf;

use allies_core::storage::snapshots::{self, Snapshot};
use allies_core::{interop::export, storage::backup, Error, WireError};
use base64::Engine;
use serde::Serialize;
use tauri::State;

use crate::state::{now, AppState};

/// Makes an export of `kind` and saves it in Downloads as "Allies <what> - <today>.<ext>";
/// returns where.
async fn save_in_downloads(
    state: State<'_, AppState>,
    kind: export::Kind,
) -> Result<PathBuf, WireError> {
    state
        .with_db(move |db| {
            let now = now();
            export::save_as(
                &export::exports_dir(),
                &kind.file_name(now.date_naive()),
                &kind.make(db, now)?,
            )
        })
        .await
}

/// Everyone as a CSV file in Downloads; returns where.
#[tauri::command]
pub async fn export_people_csv(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, export::Kind::PeopleCsv).await
}

/// Current people as a CSV file without who they are, in Downloads; returns where.
#[tauri::command]
pub async fn export_people_redacted(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, export::Kind::PeopleRedacted).await
}

/// Everyone as a vCard 4.0 address book in Downloads; returns where.
#[tauri::command]
pub async fn export_people_vcard(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, export::Kind::PeopleVcard).await
}

/// The next 90 days of reminders as an iCalendar file in Downloads; returns where.
#[tauri::command]
pub async fn export_calendar(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, export::Kind::Calendar).await
}

/// A full backup as a JSON file in Downloads; returns where.
#[tauri::command]
pub async fn save_backup(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, export::Kind::Backup).await
}

/// Replaces everything with a backup file the window read (base64); returns where the data it
/// replaced was copied.
#[tauri::command]
pub async fn restore_backup_file(
    state: State<'_, AppState>,
    content: String,
) -> Result<PathBuf, WireError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|e| {
            WireError::from(Error::NotWhole {
                restoring: true,
                detail: e.to_string(),
            })
        })?;
    state
        .with_db(move |db| {
            let backup = backup::from_bytes(&bytes)?;
            snapshots::restore_backup(db, &backup, now())
        })
        .await
}

/// The automatic copies, newest first, and the folder they are in.
#[derive(Debug, Serialize)]
pub struct Copies {
    pub folder: PathBuf,
    pub copies: Vec<Snapshot>,
}

#[tauri::command]
pub async fn list_snapshots(state: State<'_, AppState>) -> Result<Copies, WireError> {
    state
        .with_db(|db| {
            Ok(Copies {
                folder: snapshots::dir(db),
                copies: snapshots::list(db)?,
            })
        })
        .await
}

/// Restores one of the automatic copies. Only files in the backups folder can be named.
#[tauri::command]
pub async fn restore_snapshot(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<PathBuf, WireError> {
    state
        .with_db(move |db| {
            let listed = snapshots::list(db)?.into_iter().any(|s| s.path == path);
            if !listed {
                return Err(allies_core::Error::Invalid {
                    code: "backup.not_a_copy",
                    field: "",
                    message: "That copy is no longer in the backups folder.".into(),
                });
            }
            snapshots::restore(db, &path, now())
        })
        .await
}
