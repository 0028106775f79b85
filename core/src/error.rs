//! Typed errors of the core, and the one `{code, message}` shape the UI receives.

use serde::Serialize;

use crate::storage::OpenError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a core operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's input cannot be saved as it is; `field` names the form field to point at.
    #[error("{message}")]
    Invalid {
        code: &'static str,
        field: &'static str,
        message: String,
    },
    #[error("That person no longer exists; they may have been deleted in another window.")]
    PersonNotFound { id: String },
    #[error("That favour no longer exists; it may have been deleted.")]
    FavourNotFound { id: String },
    #[error("That promise no longer exists; it may have been deleted.")]
    PromiseNotFound { id: String },
    #[error("That conflict no longer exists; it may have been deleted.")]
    ConflictNotFound { id: String },
    #[error("That interaction no longer exists; it may have been deleted.")]
    InteractionNotFound { id: String },
    #[error("That map no longer exists; it may have been deleted.")]
    MapNotFound { id: String },
    #[error("That group no longer exists; it may have been deleted.")]
    GroupNotFound { id: String },
    #[error("That tour no longer exists; it may have been deleted.")]
    TourNotFound { id: String },
    #[error("That meeting is no longer on the tour; it may have been deleted.")]
    TourStopNotFound { id: String },
    #[error("That link no longer exists; it may have been deleted.")]
    LinkNotFound { id: String },
    #[error("That check-in plan no longer exists; it may have been deleted.")]
    CheckInNotFound { id: String },
    #[error("That visit to the group is no longer recorded; it may have been deleted.")]
    AttendanceNotFound { id: String },
    #[error("That ask no longer exists; it may have been deleted.")]
    AskNotFound { id: String },
    #[error("That forum no longer exists; it may have been deleted.")]
    ForumNotFound { id: String },
    #[error("That reminder is no longer due; it may have been done or deleted elsewhere.")]
    ReminderNotFound { subject: String },
    #[error("\u{2068}{name}\u{2069} is not on this map.")]
    NotOnMap { name: String },
    #[error("The export could not be saved to {}: {detail}. Check that the folder exists and has space.", path.display())]
    Export {
        path: std::path::PathBuf,
        detail: String,
    },
    #[error("{} already exists; Allies does not replace files. Choose another name.", path.display())]
    ExportExists { path: std::path::PathBuf },
    #[error("Allies could not change the encryption of {}: {detail}. Your data was not changed.", path.display())]
    Encryption {
        path: std::path::PathBuf,
        detail: String,
    },
    /// The database itself was rewritten, then a later step failed: the data is open with the
    /// key now in force, which the message names.
    #[error("{} is now {}, but the change did not finish: {detail}. {}", path.display(),
        if *encrypted { "encrypted with the new passphrase" } else { "no longer encrypted" },
        if *encrypted { "Use the new passphrase from now on; change it again to finish with its backups." }
        else { "It opens without a passphrase; turn encryption off again to finish with its backups." })]
    EncryptionIncomplete {
        path: std::path::PathBuf,
        encrypted: bool,
        detail: String,
    },
    #[error("A command of Allies run from a terminal is using your data right now. Try again when it has finished.")]
    DataInUse,
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("Your database opened normally; {instead}.")]
    AlreadyOpen { instead: &'static str },
    #[error("Open your data first; {what} only while it is open.")]
    NotOpen { what: &'static str },
    #[error("There is no database file here to move aside or replace.")]
    NoDataFile,
    #[error("There is no backup to restore.")]
    NoBackup,
    #[error("Allies locks only when your data is encrypted. Set a passphrase in Settings first.")]
    NothingToLock,
    #[error("Your data is not encrypted; there is nothing to turn off.")]
    NothingToDecrypt,
    #[error("That is not your current passphrase.")]
    WrongCurrentPassphrase,
    #[error("The operation stopped unexpectedly: {detail}. Nothing was saved.")]
    Stopped { detail: String },
    /// A file the window read for an import or a restore came through damaged.
    #[error("The file did not arrive whole ({detail}). Choose it again.")]
    NotWhole { restoring: bool, detail: String },
    #[error("Allies could not read {}: {detail}. Check that the file is still there and that you may open it, then choose it again.", path.display())]
    Unreadable {
        path: std::path::PathBuf,
        restoring: bool,
        detail: String,
    },
    /// A file chosen to import or restore is larger than Allies reads for that.
    #[error("{}", too_large_message(path, *restoring, *bytes, *limit))]
    TooLarge {
        path: std::path::PathBuf,
        restoring: bool,
        bytes: u64,
        limit: u64,
    },
    #[error("The picture of the map could not be read ({detail}). Try exporting again.")]
    MapPicture { detail: String },
    #[error("Allies cannot export a map as {format:?}; choose SVG or PNG.")]
    MapFormat { format: String },
    #[error("The reminder could not be sent: {detail}")]
    NotifyFailed { detail: String },
    #[error("Allies could not tell whether it starts at login: {detail}")]
    AutostartUnknown { detail: String },
    /// `advice` names where this system keeps what starts at login (the shell's desktop seam
    /// words it: the core knows no system).
    #[error("Allies could not {} starting at login: {detail}. {advice}", if *enabling { "turn on" } else { "turn off" })]
    AutostartFailed {
        enabling: bool,
        detail: String,
        advice: String,
    },
    #[error("“{label}” could not be {}: {detail}. Nothing was changed.", if *redo { "redone" } else { "undone" })]
    HistoryBlocked {
        label: String,
        redo: bool,
        detail: String,
    },
    #[error("The sample people are already here. Remove them first to start the sample again.")]
    SampleThere,
    #[error("There are no sample people to remove; everyone here is someone you added.")]
    NoSample,
    #[error("Allies could not read or write its database: {0}. Your data was not changed.")]
    Storage(#[from] rusqlite::Error),
}

impl Error {
    /// A stable, dotted identifier the UI and tests can rely on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { code, .. } => code,
            Error::PersonNotFound { .. } => "people.not_found",
            Error::MapNotFound { .. } => "maps.not_found",
            Error::InteractionNotFound { .. } => "interactions.not_found",
            Error::FavourNotFound { .. } => "favours.not_found",
            Error::PromiseNotFound { .. } => "promises.not_found",
            Error::ConflictNotFound { .. } => "conflicts.not_found",
            Error::NotOnMap { .. } => "maps.not_on_map",
            Error::ReminderNotFound { .. } => "reminders.not_found",
            Error::GroupNotFound { .. } => "groups.not_found",
            Error::TourNotFound { .. } => "tours.not_found",
            Error::TourStopNotFound { .. } => "tours.stop_not_found",
            Error::LinkNotFound { .. } => "links.not_found",
            Error::CheckInNotFound { .. } => "check_ins.not_found",
            Error::AttendanceNotFound { .. } => "groups.attendance_not_found",
            Error::AskNotFound { .. } => "asks.not_found",
            Error::ForumNotFound { .. } => "forums.not_found",
            Error::Export { .. } => "export.failed",
            Error::ExportExists { .. } => "export.exists",
            Error::Encryption { .. } => "encryption.failed",
            Error::EncryptionIncomplete { .. } => "encryption.incomplete",
            Error::DataInUse => "storage.in_use",
            Error::Open(e) => e.code(),
            Error::AlreadyOpen { .. } => "storage.already_open",
            Error::NotOpen { .. } => "storage.not_open",
            Error::NoDataFile => "storage.no_data_dir",
            Error::NoBackup => "backups.none",
            Error::NothingToLock | Error::NothingToDecrypt => "encryption.off",
            Error::WrongCurrentPassphrase => "encryption.wrong_current",
            Error::Stopped { .. } => "app.internal",
            Error::NotWhole {
                restoring: true, ..
            }
            | Error::Unreadable {
                restoring: true, ..
            } => "backup.unreadable",
            Error::NotWhole {
                restoring: false, ..
            }
            | Error::Unreadable {
                restoring: false, ..
            } => "import.unreadable",
            Error::TooLarge {
                restoring: true, ..
            } => "backup.too_large",
            Error::TooLarge {
                restoring: false, ..
            } => "import.too_large",
            Error::MapPicture { .. } => "export.bad_image",
            Error::MapFormat { .. } => "export.bad_format",
            Error::NotifyFailed { .. } => "notify.failed",
            Error::AutostartUnknown { .. } => "autostart.unknown",
            Error::AutostartFailed { .. } => "autostart.failed",
            Error::HistoryBlocked { .. } => "history.blocked",
            Error::SampleThere => "sample.already_added",
            Error::NoSample => "sample.none",
            Error::Storage(e) if is_busy(e) => "storage.busy",
            Error::Storage(e) if is_full(e) => "storage.full",
            Error::Storage(e) if is_io(e) => "storage.io",
            Error::Storage(_) => "storage.failed",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Open(OpenError::WrongPassphrase { .. }) => Some("passphrase"),
            Error::WrongCurrentPassphrase => Some("current"),
            _ => None,
        }
    }
}

/// Megabytes with one decimal, rounded up, so a file just over a limit never reads as equal to it.
fn megabytes(bytes: u64) -> String {
    const MB: u128 = 1024 * 1024;
    let tenths = (u128::from(bytes) * 10).div_ceil(MB);
    if tenths % 10 == 0 {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

fn too_large_message(path: &std::path::Path, restoring: bool, bytes: u64, limit: u64) -> String {
    let (size, limit) = (megabytes(bytes), megabytes(limit));
    if restoring {
        format!(
            "{} is {size}; Allies restores backups of up to {limit}. Check that it is a backup \
             Allies saved (Settings → Save a full backup), not another file.",
            path.display()
        )
    } else {
        format!(
            "{} is {size}; Allies imports files of up to {limit}. Check that it is the address \
             book or spreadsheet you meant, or split it into smaller files and import each.",
            path.display()
        )
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn is_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

fn is_io(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
}

impl Error {
    /// What the user reads: for a full or failing disk, what to do about it.
    fn message(&self) -> String {
        match self {
            Error::Storage(e) if is_full(e) => "The disk is full, so Allies could not save this. \
                Free some space and try again; what was saved before is safe, and nothing of \
                this change was written."
                .into(),
            Error::Storage(e) if is_io(e) => format!(
                "Allies could not write to the disk ({e}). The disk may be full, removed or \
                 failing: check it and try again; what was saved before is safe, and nothing of \
                 this change was written."
            ),
            other => other.to_string(),
        }
    }
}

/// The only error shape that crosses into the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireError {
    pub code: String,
    pub message: String,
    /// The form field the message belongs next to, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl WireError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        WireError {
            code: code.into(),
            message: message.into(),
            field: None,
        }
    }
}

impl From<Error> for WireError {
    fn from(e: Error) -> Self {
        WireError {
            code: e.code().to_owned(),
            message: e.message(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<OpenError> for WireError {
    fn from(e: OpenError) -> Self {
        Error::Open(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_shape_of_a_field_error_is_code_message_field() {
        let e = Error::Invalid {
            code: "people.name_required",
            field: "name",
            message: "Enter a name.".into(),
        };
        assert_eq!(
            serde_json::to_value(WireError::from(e)).unwrap(),
            json!({"code": "people.name_required", "message": "Enter a name.", "field": "name"}),
            "the UI reads exactly these keys to place a message next to a field"
        );
    }

    #[test]
    fn errors_of_the_desktop_and_of_files_in_transit_keep_their_codes() {
        let cases = [
            (
                Error::NotWhole {
                    restoring: true,
                    detail: "bad base64".into(),
                },
                "backup.unreadable",
                "The file did not arrive whole (bad base64). Choose it again.",
            ),
            (
                Error::NotWhole {
                    restoring: false,
                    detail: "bad base64".into(),
                },
                "import.unreadable",
                "The file did not arrive whole (bad base64). Choose it again.",
            ),
            (
                Error::MapFormat {
                    format: "gif".into(),
                },
                "export.bad_format",
                "Allies cannot export a map as \"gif\"; choose SVG or PNG.",
            ),
            (
                Error::AutostartFailed {
                    enabling: false,
                    detail: "denied".into(),
                    advice: "Check that your home folder's .config/autostart can be written.".into(),
                },
                "autostart.failed",
                "Allies could not turn off starting at login: denied. Check that your home folder's .config/autostart can be written.",
            ),
            (
                Error::WrongCurrentPassphrase,
                "encryption.wrong_current",
                "That is not your current passphrase.",
            ),
            (
                Error::EncryptionIncomplete {
                    path: "/data/allies.db".into(),
                    encrypted: true,
                    detail: "its backups could not be listed (denied)".into(),
                },
                "encryption.incomplete",
                "/data/allies.db is now encrypted with the new passphrase, but the change did not finish: its backups could not be listed (denied). Use the new passphrase from now on; change it again to finish with its backups.",
            ),
        ];
        for (error, code, message) in cases {
            let wire = WireError::from(error);
            assert_eq!((wire.code.as_str(), wire.message.as_str()), (code, message));
        }
    }

    #[test]
    fn wire_shape_without_a_field_has_only_code_and_message() {
        let e = Error::PersonNotFound { id: "x".into() };
        let v = serde_json::to_value(WireError::from(e)).unwrap();
        assert_eq!(
            v.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["code", "message"],
            "no null field key may reach the UI"
        );
        assert_eq!(v["code"], "people.not_found");
    }

    #[test]
    fn busy_database_has_its_own_code() {
        let e = Error::Storage(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ));
        assert_eq!(e.code(), "storage.busy");
    }
}
