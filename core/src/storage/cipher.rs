//! The file-level side of encryption (SQLCipher): the passphrase, telling an encrypted file
//! from a damaged one by its marker, and rewriting a file from one key to another through a
//! checked copy renamed into place.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::backups_dir;
use super::files::{create_private_empty, with_suffix};
use crate::error::{Error, Result};

/// The first 16 bytes of every unencrypted SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// The shortest passphrase accepted when setting one.
pub const MIN_CHARS: usize = 8;
/// The longest passphrase accepted when setting one.
pub const MAX_CHARS: usize = 1024;

/// A passphrase. Never printed, and its bytes are overwritten when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase as typed to unlock: it is only tried, so anything but a NUL is allowed.
    pub fn given(text: impl Into<String>) -> Result<Passphrase> {
        let text = text.into();
        if text.is_empty() {
            return Err(invalid(
                "encryption.passphrase_required",
                "passphrase",
                "Enter your passphrase.",
            ));
        }
        if text.contains('\0') {
            return Err(invalid(
                "encryption.passphrase_invalid",
                "passphrase",
                "A passphrase cannot contain a NUL character.",
            ));
        }
        Ok(Passphrase(text))
    }

    /// A new passphrase to encrypt with: long enough to be worth having.
    pub fn new_checked(text: impl Into<String>) -> Result<Passphrase> {
        let text = text.into();
        let chars = text.chars().count();
        if text.trim().chars().count() < MIN_CHARS {
            return Err(invalid(
                "encryption.passphrase_short",
                "passphrase",
                format!("Use at least {MIN_CHARS} characters (not counting spaces at the ends)."),
            ));
        }
        if chars > MAX_CHARS {
            return Err(invalid(
                "encryption.passphrase_long",
                "passphrase",
                format!("Use at most {MAX_CHARS} characters; this one has {chars}."),
            ));
        }
        Passphrase::given(text)
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        // Keeps the zeroing from being optimised away as a write nobody reads.
        std::hint::black_box(&bytes);
    }
}

fn invalid(code: &'static str, field: &'static str, message: impl Into<String>) -> Error {
    Error::Invalid {
        code,
        field,
        message: message.into(),
    }
}

/// The marker beside an encrypted database.
pub fn marker(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_os_string();
    name.push(".encrypted");
    PathBuf::from(name)
}

/// Whether the file at `path` exists with content that does not begin like plain SQLite:
/// encrypted, or not a database at all.
pub fn is_scrambled(path: &Path) -> bool {
    let mut header = [0u8; 16];
    match std::fs::File::open(path).and_then(|mut f| f.read(&mut header)) {
        Ok(0) | Err(_) => false,
        Ok(_) => &header != SQLITE_HEADER,
    }
}

/// Whether the database at `path` is marked as encrypted and looks it.
pub fn is_encrypted(path: &Path) -> bool {
    marker(path).exists() && is_scrambled(path)
}

/// Finishes or removes what a change of encryption cut short: half-written copies (which may
/// hold the data unencrypted), a marker beside a file that is not encrypted, and backups left
/// unencrypted beside an encrypted database (they are encrypted now).
pub(crate) fn tidy_after_open(path: &Path, key: Option<&Passphrase>) {
    if path == Path::new(":memory:") {
        return;
    }
    let _ = std::fs::remove_file(with_suffix(path, ".converting"));
    let backups = path.with_file_name(backups_dir::DIR);
    for entry in std::fs::read_dir(backups).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().ends_with(".converting") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let copies = backups_dir::list_for(path).unwrap_or_default();
    match key {
        None if !is_scrambled(path) => {
            let _ = std::fs::remove_file(marker(path));
        }
        None => {}
        Some(key) => {
            for copy in copies.iter().filter(|c| !is_scrambled(&c.path)) {
                let _ = convert_file(&copy.path, None, Some(key));
            }
        }
    }
}

/// Whether `key` opens one of the backups of the database at `db_path`.
pub(crate) fn opens_a_backup(db_path: &Path, key: &Passphrase) -> bool {
    let opens = |path: &Path| {
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|conn| {
                apply_key(&conn, key)?;
                conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            })
            .is_ok()
    };
    backups_dir::list_for(db_path).is_ok_and(|copies| {
        copies
            .iter()
            .filter(|c| is_scrambled(&c.path))
            .take(3)
            .any(|c| opens(&c.path))
    })
}

/// Gives a fresh connection the passphrase, before it reads anything.
pub(crate) fn apply_key(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    // SQLCipher reports a failed decryption on stderr too; the caller says it better.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", key.as_str())
}

pub(crate) fn write_marker(path: &Path) -> Result<()> {
    let marker = marker(path);
    std::fs::write(
        &marker,
        "This Allies database is encrypted with a passphrase (SQLCipher 4).\n",
    )
    .and_then(|()| std::fs::File::open(&marker)?.sync_all())
    .map_err(|e| {
        failed(
            path,
            format!("its marker {} could not be written ({e})", marker.display()),
        )
    })
}

/// Rewrites the SQLite file at `path`, readable with `from`, as one readable with `to`
/// (`None`: not encrypted), through a checked copy renamed into place.
pub(crate) fn convert_file(
    path: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
) -> Result<()> {
    let target = with_suffix(path, ".converting");
    let _ = std::fs::remove_file(&target);
    let result = export(path, &target, from, to).and_then(|expected| {
        verify(&target, to, &expected)?;
        std::fs::File::open(&target)
            .and_then(|f| f.sync_all())
            .map_err(|e| failed(path, format!("the new copy could not be flushed ({e})")))?;
        // A journal of the old file must never be replayed into the new one.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(path, suffix));
        }
        std::fs::rename(&target, path)
            .map_err(|e| failed(path, format!("the new copy could not replace it ({e})")))?;
        if let Some(dir) = path.parent() {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&target);
    }
    result
}

/// Copies everything into `target`; returns the row count of each table, to check the copy by.
fn export(
    path: &Path,
    target: &Path,
    from: Option<&Passphrase>,
    to: Option<&Passphrase>,
) -> Result<Vec<(String, i64)>> {
    let conn = Connection::open(path)?;
    if let Some(key) = from {
        apply_key(&conn, key)?;
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| match (from, e.sqlite_error_code()) {
            (Some(_), Some(rusqlite::ErrorCode::NotADatabase)) => {
                failed(path, "the passphrase does not open it".to_owned())
            }
            _ => Error::Storage(e),
        })?;
    let counts = table_counts(&conn, "main")?;
    // Made empty and private first: SQLite fills it and keeps its mode.
    create_private_empty(target)
        .map_err(|e| failed(target, format!("the new copy could not be made ({e})")))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS target KEY ?2",
        rusqlite::params![target.to_string_lossy(), to.map_or("", Passphrase::as_str)],
    )?;
    // The copy is flushed once, whole, before it replaces anything: no journal and no flush
    // per statement while it is written.
    conn.pragma_update(Some("target"), "journal_mode", "OFF")?;
    conn.pragma_update(Some("target"), "synchronous", "OFF")?;
    conn.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(()))?;
    // sqlcipher_export copies schema and rows, not the data version.
    conn.pragma_update(Some("target"), "user_version", version)?;
    conn.execute_batch("DETACH DATABASE target")?;
    Ok(counts)
}

fn table_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|t| {
            let sql = format!(
                "SELECT count(*) FROM {schema}.\"{}\"",
                t.replace('"', "\"\"")
            );
            let n = conn.query_row(&sql, [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

fn verify(target: &Path, key: Option<&Passphrase>, expected: &[(String, i64)]) -> Result<()> {
    let conn = Connection::open(target)?;
    if let Some(key) = key {
        apply_key(&conn, key)?;
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let counts = table_counts(&conn, "main")?;
    if check != "ok" || counts != expected {
        return Err(failed(
            target,
            format!("the new copy did not match the original ({check})"),
        ));
    }
    Ok(())
}

pub(crate) fn failed(path: &Path, detail: String) -> Error {
    Error::Encryption {
        path: path.to_owned(),
        detail,
    }
}
