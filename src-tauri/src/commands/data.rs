//! The user's data as files: the people CSV, a full JSON backup and restoring it, the
//! automatic copies in the backups folder, and how long deleted records are kept.

use std::path::PathBuf;

use allies_core::interop::{self, export};
use allies_core::storage::encryption::Passphrase;
use allies_core::storage::snapshots::{self, Snapshot};
use allies_core::{purge, storage::backup, WireError};
use serde::Serialize;
use tauri::{State, WebviewWindow};

use crate::file_dialogs::{self, ChosenFiles};
use crate::state::{now, AppState};

/// Asks where to save an export of `kind` (the save dialog opens in Downloads, proposing
/// "Allies <what> - <today>.<ext>"), then makes it and writes it there. `None`: the user
/// cancelled, and nothing was written.
async fn save_through_dialog(
    window: WebviewWindow,
    state: State<'_, AppState>,
    kind: export::Kind,
    title: &str,
) -> Result<Option<PathBuf>, WireError> {
    let proposed = kind.file_name(now().date_naive());
    let Some(path) =
        file_dialogs::save_path(&window, title, export::exports_dir().as_deref(), &proposed).await
    else {
        return Ok(None);
    };
    state
        .read_db(move |db| export::save_chosen(&path, &kind.make(db, now())?))
        .await
        .map(Some)
}

/// Everyone as a CSV file where the user chooses; returns where, or nothing if they cancelled.
#[tauri::command]
pub async fn export_people_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(
        window,
        state,
        export::Kind::PeopleCsv,
        "Save the people list",
    )
    .await
}

/// Current people as a CSV file without who they are; returns where, or nothing if cancelled.
#[tauri::command]
pub async fn export_people_redacted(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(
        window,
        state,
        export::Kind::PeopleRedacted,
        "Save the people list without names",
    )
    .await
}

/// Everyone as a vCard 4.0 address book; returns where, or nothing if cancelled.
#[tauri::command]
pub async fn export_people_vcard(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(
        window,
        state,
        export::Kind::PeopleVcard,
        "Save the address book",
    )
    .await
}

/// The next 90 days of reminders as an iCalendar file; returns where, or nothing if cancelled.
#[tauri::command]
pub async fn export_calendar(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(
        window,
        state,
        export::Kind::Calendar,
        "Save the reminders calendar",
    )
    .await
}

/// The user's own wins as a CSV file, with who knows each; returns where, or nothing if cancelled.
#[tauri::command]
pub async fn export_wins_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(window, state, export::Kind::WinsCsv, "Save your wins").await
}

/// The user's asks for support as a CSV file; returns where, or nothing if cancelled.
#[tauri::command]
pub async fn export_asks_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, WireError> {
    save_through_dialog(window, state, export::Kind::AsksCsv, "Save your asks").await
}

/// A full backup as a JSON file (deleted records only `withDeleted`; encrypted when the data
/// is); returns where, or nothing if cancelled.
#[tauri::command]
pub async fn save_backup(
    window: WebviewWindow,
    state: State<'_, AppState>,
    with_deleted: Option<bool>,
) -> Result<Option<PathBuf>, WireError> {
    let kind = if with_deleted.unwrap_or(false) {
        export::Kind::BackupWithDeleted
    } else {
        export::Kind::Backup
    };
    save_through_dialog(window, state, kind, "Save a full backup").await
}

/// Asks which file to open, to import people from or restore a backup from; returns its path,
/// or nothing if the user cancelled.
#[tauri::command]
pub async fn choose_file_to_open(
    window: WebviewWindow,
    chosen: State<'_, ChosenFiles>,
    opening: file_dialogs::Opening,
) -> Result<Option<PathBuf>, WireError> {
    let path = file_dialogs::open_path(&window, export::exports_dir().as_deref(), opening).await;
    chosen.remember(&path);
    Ok(path)
}

/// Replaces everything with the backup at `path` (chosen in the open dialog or dropped on the
/// window); returns where the data it replaced was copied. An encrypted backup opens with
/// `passphrase` when given, else with the data's own.
#[tauri::command]
pub async fn restore_backup_file(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenFiles>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Result<PathBuf, WireError> {
    chosen.check(&path)?;
    let key = match passphrase {
        Some(text) => Some(Passphrase::given(text)?),
        None => {
            state
                .with_db_quietly(|db| Ok(db.passphrase().cloned()))
                .await?
        }
    };
    state
        .with_db_after_reading(
            move || backup::read(&interop::read_file(&path, true)?, key.as_ref()),
            |db, backup| snapshots::restore_backup(db, &backup, now()),
        )
        .await
}

/// How many days deleted records are kept before they are removed for good.
#[tauri::command]
pub async fn purge_days(state: State<'_, AppState>) -> Result<u32, WireError> {
    state.with_db_quietly(|db| purge::days(db)).await
}

/// Sets how many days deleted records are kept (1 to 3650); one undoable step.
#[tauri::command]
pub async fn set_purge_days(state: State<'_, AppState>, days: i64) -> Result<u32, WireError> {
    state.with_db(move |db| purge::set_days(db, days)).await
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
        .read_db(|db| {
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
