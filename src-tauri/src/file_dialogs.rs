//! The system's file dialogs, opened by the shell over the main window: where to save an export
//! (starting in Downloads with the name Allies proposes) and which file to import or restore.
//! The window gets only the chosen path back, never the dialog API itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use allies_core::WireError;
use serde::Deserialize;
use tauri::{DragDropEvent, Manager, Runtime, WebviewWindow, Window, WindowEvent};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// The files the user chose in the open dialog or dropped on the window during this run. Only
/// these can be read by an import or a restore, so the page cannot name any other file on disk.
#[derive(Debug, Default)]
pub struct ChosenFiles(Mutex<HashSet<PathBuf>>);

impl ChosenFiles {
    pub fn remember<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) {
        let mut chosen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        chosen.extend(paths.into_iter().cloned());
    }

    /// `Ok` when the user chose or dropped `path`; otherwise an error saying to choose it.
    pub fn check(&self, path: &Path) -> Result<(), WireError> {
        let chosen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if chosen.contains(path) {
            return Ok(());
        }
        Err(allies_core::Error::Invalid {
            code: "file.not_chosen",
            field: "",
            message: format!(
                "Allies reads only a file you choose or drop on its window, and {} was neither. Choose it again.",
                path.display()
            ),
        }
        .into())
    }
}

/// Window events: a file dropped on the window becomes one the user chose.
pub fn remember_dropped(window: &Window, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        if let Some(chosen) = window.try_state::<ChosenFiles>() {
            chosen.remember(paths);
        }
    }
}

/// What an extension is called in the save dialog's file type list.
fn kind_of(extension: &str) -> &'static str {
    match extension {
        "csv" => "CSV spreadsheet",
        "vcf" => "vCard address book",
        "ics" => "iCalendar file",
        "json" => "Allies backup (JSON)",
        "svg" => "SVG picture",
        "png" => "PNG picture",
        "txt" => "Text",
        _ => "File",
    }
}

fn builder<R: Runtime>(window: &WebviewWindow<R>, title: &str) -> FileDialogBuilder<R> {
    window.dialog().file().set_parent(window).set_title(title)
}

/// Waits for the dialog's answer; `None` when the user cancelled (or the dialog went away).
async fn answer(
    show: impl FnOnce(Box<dyn FnOnce(Option<tauri_plugin_dialog::FilePath>) + Send>),
) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    show(Box::new(move |chosen| {
        let _ = tx.send(chosen);
    }));
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}

/// Asks where to save `proposed` (a file name), starting in `dir` (Downloads, else home; with
/// neither, wherever the system starts, for the user to pick a folder: never the temporary
/// folder). GTK asks the user before it returns a file that exists, so a path that comes back
/// may be replaced.
pub async fn save_path<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    dir: Option<&Path>,
    proposed: &str,
) -> Option<PathBuf> {
    let extension = proposed.rsplit_once('.').map_or("", |(_, e)| e);
    let mut dialog = builder(window, title)
        .set_file_name(proposed)
        .set_can_create_directories(true);
    if let Some(dir) = dir {
        // GTK opens elsewhere when the folder is missing; exports always created Downloads
        // when it was (a failure here shows as the dialog starting in another folder).
        let _ = std::fs::create_dir_all(dir);
        dialog = dialog.set_directory(dir);
    }
    if !extension.is_empty() {
        dialog = dialog.add_filter(kind_of(extension), &[extension]);
    }
    answer(move |done| dialog.save_file(done)).await
}

/// What the user opens a file for; each shows the formats Allies reads for it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opening {
    /// People to import: LinkedIn's Connections.csv, another CSV file, a vCard address book.
    People,
    /// A full backup to restore.
    Backup,
}

/// Asks which file to open for `opening`, starting in `dir`; `None` when the user cancelled.
pub async fn open_path<R: Runtime>(
    window: &WebviewWindow<R>,
    dir: Option<&Path>,
    opening: Opening,
) -> Option<PathBuf> {
    let dialog = match opening {
        Opening::People => builder(window, "Open a file of people to import")
            .add_filter("CSV or vCard", &["csv", "vcf", "vcard"])
            .add_filter(kind_of("csv"), &["csv"])
            .add_filter(kind_of("vcf"), &["vcf", "vcard"]),
        Opening::Backup => builder(window, "Open an Allies backup to restore")
            .add_filter(kind_of("json"), &["json"]),
    };
    let dialog = match dir {
        Some(dir) => dialog.set_directory(dir),
        None => dialog,
    };
    answer(move |done| dialog.pick_file(done)).await
}

/// Saves `text` (a page as text: the review, a tour, a meeting brief) where the user chooses in
/// the save dialog, titled `title` and proposing `proposed` in Downloads; returns where, or
/// nothing if they cancelled.
pub async fn save_text<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    proposed: &str,
    text: String,
) -> Result<Option<PathBuf>, WireError> {
    let dir = allies_core::interop::export::exports_dir();
    let Some(path) = save_path(window, title, dir.as_deref(), proposed).await else {
        return Ok(None);
    };
    tauri::async_runtime::spawn_blocking(move || {
        allies_core::interop::export::save_chosen(&path, text.as_bytes())
            .map(Some)
            .map_err(WireError::from)
    })
    .await
    .map_err(crate::state::stopped)?
}

/// Asks for a folder, titled `title`; `None` when the user cancelled.
pub async fn pick_folder<R: Runtime>(window: &WebviewWindow<R>, title: &str) -> Option<PathBuf> {
    let dialog = builder(window, title).set_can_create_directories(true);
    answer(move |done| dialog.pick_folder(done)).await
}
