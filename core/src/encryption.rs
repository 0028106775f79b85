//! Optional encryption at rest: the database and its backups, encrypted with a passphrase
//! (SQLCipher), or not at all.
//!
//! An encrypted database has a marker file beside it (`allies.db.encrypted`), so that a file
//! which does not start like SQLite is known to need a passphrase rather than to be damaged.
//! Turning encryption on, changing the passphrase or turning it off writes a complete new copy
//! under a temporary name, checks it, and only then renames it over the old file: a crash at
//! any moment leaves either the old file or the new one, never half of each.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::storage::{self, Database, OpenError};

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
    let _ = std::fs::remove_file(storage::with_suffix(path, ".converting"));
    let backups = path.with_file_name(crate::snapshots::DIR);
    for entry in std::fs::read_dir(backups).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().ends_with(".converting") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let copies = crate::snapshots::list_for(path).unwrap_or_default();
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
    crate::snapshots::list_for(db_path).is_ok_and(|copies| {
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

/// What changing the encryption did to the backups beside the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Whether the database is now encrypted.
    pub encrypted: bool,
    /// Backups rewritten the same way as the database.
    pub backups_converted: usize,
    /// Backups that could not be rewritten (another passphrase, or damaged); kept as they were.
    pub backups_left: Vec<PathBuf>,
}

/// Encrypts the database with `new`, changes its passphrase, or (with `None`) decrypts it;
/// and its backups alike, so no unencrypted copy of the data stays behind.
///
/// The database is closed for the change and opened again after it: the returned database is
/// the new one, or, if the change failed, the old one as it was (with the error beside it).
pub fn change(
    db: Database,
    new: Option<Passphrase>,
    now: DateTime<Utc>,
) -> (std::result::Result<Database, OpenError>, Result<Report>) {
    let path = db.path().to_owned();
    let old = db.key().cloned();
    // Closing the last connection checkpoints the journal into the file and removes it.
    drop(db);
    let result = change_closed(&path, old.as_ref(), new.as_ref());
    let key = if result.is_ok() { new } else { old };
    (Database::open_with_key(&path, now, key.as_ref()), result)
}

fn change_closed(
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> Result<Report> {
    for journal in ["-wal", "-journal"] {
        let file = storage::with_suffix(path, journal);
        if std::fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
            return Err(failed(
                path,
                format!(
                    "{} still holds changes not yet in the database (is Allies open twice?)",
                    file.display()
                ),
            ));
        }
    }
    if new.is_some() {
        // Written first: from now on a scrambled file here is known to need a passphrase.
        write_marker(path)?;
    }
    if let Err(e) = convert_file(path, old, new) {
        if old.is_none() {
            let _ = std::fs::remove_file(marker(path));
        }
        return Err(e);
    }
    if new.is_none() {
        std::fs::remove_file(marker(path))
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
            .map_err(|e| failed(path, format!("its marker could not be removed ({e})")))?;
    }
    let mut report = Report {
        encrypted: new.is_some(),
        ..Report::default()
    };
    for copy in crate::snapshots::list_for(path)? {
        let current = if is_scrambled(&copy.path) { old } else { None };
        if current.is_none() && new.is_none() {
            continue;
        }
        match convert_file(&copy.path, current, new) {
            Ok(()) => report.backups_converted += 1,
            Err(_) => report.backups_left.push(copy.path),
        }
    }
    Ok(report)
}

fn write_marker(path: &Path) -> Result<()> {
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
fn convert_file(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<()> {
    let target = storage::with_suffix(path, ".converting");
    let _ = std::fs::remove_file(&target);
    let result = export(path, &target, from, to).and_then(|expected| {
        verify(&target, to, &expected)?;
        std::fs::File::open(&target)
            .and_then(|f| f.sync_all())
            .map_err(|e| failed(path, format!("the new copy could not be flushed ({e})")))?;
        // A journal of the old file must never be replayed into the new one.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(storage::with_suffix(path, suffix));
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

fn failed(path: &Path, detail: String) -> Error {
    Error::Encryption {
        path: path.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    fn key(s: &str) -> Passphrase {
        Passphrase::new_checked(s).unwrap()
    }

    fn contains(path: &Path, needle: &str) -> bool {
        let bytes = std::fs::read(path).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn passphrases_are_checked_when_set_and_never_printed() {
        assert_eq!(
            Passphrase::new_checked("  short  ").unwrap_err().code(),
            "encryption.passphrase_short"
        );
        assert_eq!(
            Passphrase::new_checked("x".repeat(MAX_CHARS + 1))
                .unwrap_err()
                .code(),
            "encryption.passphrase_long"
        );
        assert_eq!(
            Passphrase::given("a\0b").unwrap_err().code(),
            "encryption.passphrase_invalid"
        );
        assert_eq!(
            Passphrase::given("").unwrap_err().code(),
            "encryption.passphrase_required"
        );
        let p = key("correct horse battery");
        assert!(!format!("{p:?}").contains("horse"));
        // Quotes and non-ASCII text are passphrases like any other.
        key("it's ünïcödé ✓ \"quoted\"");
    }

    #[test]
    fn encrypting_hides_the_data_and_needs_the_passphrase_to_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Zebulon Quartermain"), now()).unwrap();
        crate::snapshots::take(&db, crate::snapshots::Reason::Daily, now()).unwrap();

        let (db, report) = change(db, Some(key("it's ünïcödé ✓ \"q\"")), now());
        let report = report.unwrap();
        let db = db.unwrap();
        assert!(report.encrypted && db.is_encrypted());
        assert_eq!(report.backups_converted, 1);
        assert_eq!(
            people::list(&db, "").unwrap()[0].name,
            "Zebulon Quartermain"
        );
        drop(db);

        assert!(is_encrypted(&path));
        assert!(
            !contains(&path, "Quartermain"),
            "the name is not readable in the file"
        );
        for copy in crate::snapshots::list_for(&path).unwrap() {
            assert!(
                is_scrambled(&copy.path),
                "{} is encrypted too",
                copy.path.display()
            );
            assert!(!contains(&copy.path, "Quartermain"));
        }

        let locked = Database::open(&path, now()).unwrap_err();
        assert_eq!(locked.code(), "storage.locked");
        assert!(
            !locked.can_start_fresh(),
            "a locked file is not a broken one"
        );
        let wrong =
            Database::open_with_key(&path, now(), Some(&key("not the passphrase"))).unwrap_err();
        assert_eq!(wrong.code(), "storage.wrong_passphrase");
        assert!(wrong.to_string().contains(&path.display().to_string()));

        let db = Database::open_with_key(&path, now(), Some(&key("it's ünïcödé ✓ \"q\""))).unwrap();
        assert_eq!(people::list(&db, "").unwrap().len(), 1);
    }

    #[test]
    fn a_new_passphrase_and_decrypting_keep_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        for i in 0..200 {
            people::add(&mut db, &PersonInput::named(&format!("Person {i}")), now()).unwrap();
        }
        let (db, r) = change(db, Some(key("first passphrase")), now());
        r.unwrap();
        let (db, r) = change(db.unwrap(), Some(key("second passphrase")), now());
        r.unwrap();
        let db = db.unwrap();
        drop(db);
        assert_eq!(
            Database::open_with_key(&path, now(), Some(&key("first passphrase")))
                .unwrap_err()
                .code(),
            "storage.wrong_passphrase"
        );
        let db = Database::open_with_key(&path, now(), Some(&key("second passphrase"))).unwrap();
        let (db, r) = change(db, None, now());
        assert!(!r.unwrap().encrypted);
        let db = db.unwrap();
        assert!(!db.is_encrypted());
        assert_eq!(people::list(&db, "").unwrap().len(), 200);
        drop(db);
        assert!(!marker(&path).exists());
        assert!(!is_scrambled(&path));
        let plain = Database::open(&path, now()).unwrap();
        assert_eq!(
            storage::summary(&plain).unwrap()[0],
            ("people", 200),
            "nothing lost on the way"
        );
    }

    #[test]
    fn a_failed_change_leaves_the_database_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), now()).unwrap();
        // The temporary copy cannot be made: its name is taken by a folder with content.
        let blocker = storage::with_suffix(&path, ".converting");
        std::fs::create_dir(&blocker).unwrap();
        std::fs::write(blocker.join("x"), "x").unwrap();
        let (db, r) = change(db, Some(key("a passphrase")), now());
        let err = r.unwrap_err();
        assert!(
            err.to_string().contains("not changed"),
            "the message says nothing changed: {err}"
        );
        let db = db.unwrap();
        assert!(!db.is_encrypted());
        assert!(
            !marker(&path).exists(),
            "no marker for a file that is not encrypted"
        );
        assert_eq!(people::list(&db, "").unwrap()[0].name, "Dana");
    }

    #[test]
    fn what_an_interrupted_change_leaves_is_tidied_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        drop(Database::open(&path, now()).unwrap());
        // Killed after the marker and a copy were written, before the copy was renamed.
        write_marker(&path).unwrap();
        let partial = storage::with_suffix(&path, ".converting");
        std::fs::write(&partial, "a copy of everything").unwrap();
        let db = Database::open(&path, now()).expect("the old, unencrypted file opens");
        assert!(!db.is_encrypted());
        assert!(!partial.exists(), "no stray copy of the data stays behind");
        assert!(!marker(&path).exists(), "no marker beside a plain file");

        // Killed after the database was encrypted, before its backups were.
        let plain_copy =
            crate::snapshots::take(&db, crate::snapshots::Reason::Daily, now()).unwrap();
        let half_copy = storage::with_suffix(&plain_copy, ".converting");
        std::fs::write(&half_copy, "half of a copy").unwrap();
        drop(db);
        write_marker(&path).unwrap();
        convert_file(&path, None, Some(&key("a passphrase"))).unwrap();
        assert!(!is_scrambled(&plain_copy));
        let db = Database::open_with_key(&path, now(), Some(&key("a passphrase"))).unwrap();
        assert!(db.is_encrypted());
        assert!(
            is_scrambled(&plain_copy),
            "the backup is encrypted at the next start"
        );
        assert!(!half_copy.exists(), "the half-written backup is gone");
    }

    #[test]
    fn copies_of_encrypted_data_restore_with_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), now()).unwrap();
        let (db, r) = change(db, Some(key("a passphrase")), now());
        r.unwrap();
        let mut db = db.unwrap();
        let copy = crate::snapshots::take(&db, crate::snapshots::Reason::Daily, now()).unwrap();
        assert!(is_scrambled(&copy), "a copy of encrypted data is encrypted");
        people::add(&mut db, &PersonInput::named("Sam"), now()).unwrap();

        // From Settings: back to the copy, which holds only Dana.
        crate::snapshots::restore(&mut db, &copy, now()).unwrap();
        let names: Vec<String> = people::list(&db, "")
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["Dana"]);
        drop(db);

        // From the damaged-file screen: the copy is put in place and opened with the passphrase.
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        let err = Database::open_with_key(&path, now(), Some(&key("a passphrase"))).unwrap_err();
        assert!(err.can_start_fresh(), "{err}");
        let (db, aside) =
            storage::restore_copy(&path, &copy, now(), Some(&key("a passphrase"))).unwrap();
        assert!(db.is_encrypted());
        assert_eq!(people::list(&db, "").unwrap()[0].name, "Dana");
        assert!(aside.exists());
        drop(db);
        assert_eq!(
            Database::open(&path, now()).unwrap_err().code(),
            "storage.locked",
            "the restored copy asks for the passphrase at the next start"
        );
    }

    #[test]
    fn a_scrambled_file_without_the_marker_is_still_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        assert_eq!(
            Database::open(&path, now()).unwrap_err().code(),
            "storage.not_a_database"
        );
    }
}
