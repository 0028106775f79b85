//! Where the data lives on disk: the data folder, the database file and the files that belong
//! to it (journal, marker, copies made under a temporary name).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::open_error::OpenError;

/// The environment variable that overrides where Allies keeps its data (tests use it).
pub const DATA_DIR_ENV: &str = "ALLIES_DATA_DIR";
/// The database file inside the data directory.
pub const DB_FILE: &str = "allies.db";
/// The folder name under the platform's data directory; matches the app identifier.
pub const APP_DIR: &str = "app.allies.desktop";

/// Where the data lives: `$ALLIES_DATA_DIR` if set, else the platform's data directory
/// (`$XDG_DATA_HOME/app.allies.desktop` on Linux, `~/Library/Application Support/…` on macOS,
/// `%APPDATA%\…` on Windows).
pub fn data_dir() -> Result<PathBuf, OpenError> {
    data_dir_from(std::env::var_os(DATA_DIR_ENV), dirs::data_dir())
}

fn data_dir_from(
    env: Option<std::ffi::OsString>,
    platform: Option<PathBuf>,
) -> Result<PathBuf, OpenError> {
    match env.filter(|v| !v.is_empty()) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => platform.map(|d| d.join(APP_DIR)).ok_or_else(|| {
            OpenError::NoDataDir("the system reports no data directory for this user".into())
        }),
    }
}

/// Writes a consistent copy of the database to `target` (VACUUM INTO reads one snapshot of it),
/// under a temporary name first, so a crash never leaves half a copy under a copy's name.
pub(crate) fn copy_into(conn: &Connection, target: &Path) -> rusqlite::Result<()> {
    let partial = with_suffix(target, ".partial");
    let _ = std::fs::remove_file(&partial);
    let io = |e: std::io::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    // Made empty and private first: VACUUM INTO fills an empty file and keeps its mode.
    create_private_empty(&partial).map_err(io)?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()]) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        rusqlite::Error::ToSqlConversionFailure(Box::new(e))
    })
}

/// Why [`copy_to_new`] made no copy: the file it was writing, and what went wrong.
#[derive(Debug)]
pub(crate) struct CopyFailed {
    pub path: PathBuf,
    pub detail: String,
}

/// Writes a consistent copy of the database under the first of `names` that is free, and
/// returns that name. The name is taken first, by creating an empty file that must not exist
/// (`create_new`), so two copies made in the same second (the app's daily copy and one the
/// command line makes before a restore) each get a name of their own and never replace each
/// other, on any file system: no hard links needed. The copy is then written under a temporary
/// name and renamed over its own empty file; an empty file left by a crash is not a copy
/// ([`super::backups_dir`] skips it).
pub(crate) fn copy_to_new(
    conn: &Connection,
    names: impl IntoIterator<Item = PathBuf>,
) -> Result<PathBuf, CopyFailed> {
    let mut last = None;
    for path in names {
        // Private from the start, like every copy (the copy is renamed over it).
        match private_file().write(true).create_new(true).open(&path) {
            Ok(_) => {
                return match copy_into(conn, &path) {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        let _ = std::fs::remove_file(&path);
                        Err(CopyFailed {
                            path,
                            detail: e.to_string(),
                        })
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(path),
            Err(e) => {
                return Err(CopyFailed {
                    path,
                    detail: e.to_string(),
                })
            }
        }
    }
    Err(CopyFailed {
        path: last.unwrap_or_default(),
        detail: "every name for the copy is taken".into(),
    })
}

/// Makes `dir` (and its parents) for its owner alone: 0700 on Unix. A folder an older version
/// made readable by others loses those permissions, best effort (it may belong to someone
/// else); the owner's own are never changed.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        let _ = keep_private(dir);
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// Takes from a file or folder made by SQLite or an older version of Allies every permission
/// of its group and of others (0600 for a file Allies made, 0700 for a folder); the owner's own
/// are left as they are. A file that is not there is left so.
pub(crate) fn keep_private(path: &Path) -> std::io::Result<()> {
    match restrict(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Options that create a file only its owner can read (0600 on Unix) from the start, so it is
/// never readable by others, not even for a moment.
pub(crate) fn private_file() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates an empty file at `path` only its owner can read, for SQLite to fill (a new
/// database, a copy made with VACUUM INTO): SQLite keeps the mode of a file it finds.
pub(crate) fn create_private_empty(path: &Path) -> std::io::Result<()> {
    private_file().write(true).create_new(true).open(path)?;
    Ok(())
}

#[cfg(unix)]
fn restrict(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o077 == 0 {
        return Ok(());
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & !0o077))
}

#[cfg(not(unix))]
fn restrict(path: &Path) -> std::io::Result<()> {
    std::fs::metadata(path).map(|_| ())
}

pub(crate) fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y%m%dT%H%M%SZ").to_string()
}

pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// The file and the files that belong to it: its journal and its encryption marker.
pub(crate) const COMPANIONS: [&str; 4] = ["", "-wal", "-shm", ".encrypted"];

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_override_wins_and_empty_is_ignored() {
        let platform = Some(PathBuf::from("/home/u/.local/share"));
        assert_eq!(
            data_dir_from(Some("/tmp/x".into()), platform.clone()).unwrap(),
            PathBuf::from("/tmp/x")
        );
        assert_eq!(
            data_dir_from(Some("".into()), platform).unwrap(),
            PathBuf::from("/home/u/.local/share/app.allies.desktop")
        );
        assert_eq!(
            data_dir_from(None, None).unwrap_err().code(),
            "storage.no_data_dir"
        );
    }
}
