//! Why a database could not be opened, naming the file, with the code the app shows.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Why the database could not be opened. Each variant names the file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum OpenError {
    #[error(
        "Allies has no place to keep its data: {0}. Set ALLIES_DATA_DIR to a writable folder."
    )]
    NoDataDir(String),
    #[error("The file {} is not an Allies database (it is not an SQLite file at all).", path.display())]
    NotADatabase { path: PathBuf },
    #[error("The database {} is damaged: {detail}.", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("The file {} is an SQLite database of another program, not of Allies.", path.display())]
    ForeignDatabase { path: PathBuf },
    #[error("The database {} was written by a newer version of Allies (data version {found}; this version knows up to {known}). Update Allies to open it.", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("The database {} is in use by a different version of Allies (its data is at version {found}; this one's is {known}), and it is not upgraded while in use. Close that Allies, or use the same version as the one running, and try again.", path.display())]
    OtherVersionInUse {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("The database {} is in use by another program and did not become free.", path.display())]
    Busy { path: PathBuf },
    #[error("The database {} could not be opened: {detail}.", path.display())]
    Unavailable { path: PathBuf, detail: String },
    #[error("Allies cannot write to {}: {detail}. Nothing in it was changed. Make the folder and the file writable for your user, or start Allies with ALLIES_DATA_DIR set to a folder you can write to.", path.display())]
    ReadOnly { path: PathBuf, detail: String },
    #[error("Your data in {} is encrypted. Enter your passphrase to open it.", path.display())]
    Locked { path: PathBuf },
    #[error("That passphrase does not open {}. Check it, and Caps Lock, and try again.", path.display())]
    WrongPassphrase { path: PathBuf },
    #[error("Allies is already running with the data in {}, so this window does not open it. Use the Allies window that is open, or its icon in the tray.", path.display())]
    AlreadyRunning { path: PathBuf },
}

impl OpenError {
    pub fn code(&self) -> &'static str {
        match self {
            OpenError::NoDataDir(_) => "storage.no_data_dir",
            OpenError::NotADatabase { .. } => "storage.not_a_database",
            OpenError::ForeignDatabase { .. } => "storage.foreign_database",
            OpenError::Corrupt { .. } => "storage.corrupt",
            OpenError::TooNew { .. } => "storage.too_new",
            OpenError::OtherVersionInUse { .. } => "storage.other_version_in_use",
            OpenError::Busy { .. } => "storage.busy",
            OpenError::Unavailable { .. } => "storage.unavailable",
            OpenError::ReadOnly { .. } => "storage.read_only",
            OpenError::Locked { .. } => "storage.locked",
            OpenError::WrongPassphrase { .. } => "storage.wrong_passphrase",
            OpenError::AlreadyRunning { .. } => "storage.already_running",
        }
    }

    /// The database file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            OpenError::NoDataDir(_) => None,
            OpenError::NotADatabase { path }
            | OpenError::ForeignDatabase { path }
            | OpenError::Corrupt { path, .. }
            | OpenError::TooNew { path, .. }
            | OpenError::OtherVersionInUse { path, .. }
            | OpenError::Busy { path }
            | OpenError::Unavailable { path, .. }
            | OpenError::ReadOnly { path, .. }
            | OpenError::Locked { path }
            | OpenError::WrongPassphrase { path }
            | OpenError::AlreadyRunning { path } => Some(path),
        }
    }

    /// Whether moving the file aside and starting with an empty database is the way forward:
    /// only when the file itself is unusable. A newer version's data, a busy or read-only file
    /// or a full disk are intact data that a person should not be invited to set aside.
    pub fn can_start_fresh(&self) -> bool {
        matches!(
            self,
            OpenError::NotADatabase { .. }
                | OpenError::ForeignDatabase { .. }
                | OpenError::Corrupt { .. }
        )
    }

    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> OpenError {
        let path = path.to_owned();
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => OpenError::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => OpenError::Corrupt {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => OpenError::Busy { path },
            _ => OpenError::Unavailable {
                path,
                detail: e.to_string(),
            },
        }
    }
}
