//! The user's data as files: the people CSV, a full JSON backup and restoring it, and the
//! automatic copies in the backups folder.

use std::path::PathBuf;

use allies_core::storage::snapshots::{self, Snapshot};
use allies_core::{
    interop::export, interop::export::calendar, interop::export::people_csv,
    interop::export::people_vcard, storage::backup, WireError,
};
use base64::Engine;
use serde::Serialize;
use tauri::State;

use crate::state::{now, AppState};

/// Makes a file with `make` and saves it in Downloads as "Allies <what> - <today>.<extension>";
/// returns where.
async fn save_in_downloads(
    state: State<'_, AppState>,
    what: &'static str,
    extension: &'static str,
    make: fn(&allies_core::Database) -> allies_core::Result<Vec<u8>>,
) -> Result<PathBuf, WireError> {
    state
        .with_db(move |db| {
            let name = format!("Allies {what} - {}.{extension}", now().date_naive());
            export::save_as(&export::exports_dir(), &name, &make(db)?)
        })
        .await
}

/// Everyone as a CSV file in Downloads; returns where.
#[tauri::command]
pub async fn export_people_csv(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, "people", "csv", people_csv::export).await
}

/// Current people as a CSV file without who they are, in Downloads; returns where.
#[tauri::command]
pub async fn export_people_redacted(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, "people redacted", "csv", people_csv::export_redacted).await
}

/// Everyone as a vCard 4.0 address book in Downloads; returns where.
#[tauri::command]
pub async fn export_people_vcard(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, "people", "vcf", people_vcard::export).await
}

/// The next 90 days of reminders as an iCalendar file in Downloads; returns where.
#[tauri::command]
pub async fn export_calendar(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, "reminders", "ics", |db| calendar::export(db, now())).await
}

/// A full backup as a JSON file in Downloads; returns where.
#[tauri::command]
pub async fn save_backup(state: State<'_, AppState>) -> Result<PathBuf, WireError> {
    save_in_downloads(state, "backup", "json", |db| {
        backup::to_bytes(&backup::dump(db, now())?)
    })
    .await
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
            WireError::new(
                "backup.unreadable",
                format!("The file did not arrive whole ({e}). Choose it again."),
            )
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
#[serde(rename_all = "camelCase")]
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
