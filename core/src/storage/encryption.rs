//! Optional encryption at rest: the database and its backups, encrypted with a passphrase
//! (SQLCipher), or not at all.
//!
//! An encrypted database has a marker file beside it (`allies.db.encrypted`), so that a file
//! which does not start like SQLite is known to need a passphrase rather than to be damaged.
//! Turning encryption on, changing the passphrase or turning it off writes a complete new copy
//! under a temporary name, checks it, and only then renames it over the old file: a crash at
//! any moment leaves either the old file or the new one, never half of each.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::backups_dir;
use super::cipher::{convert_file, failed, write_marker};
pub use super::cipher::{is_encrypted, is_scrambled, marker, Passphrase, MAX_CHARS, MIN_CHARS};
use super::database::Database;
use super::files::with_suffix;
use super::open_error::OpenError;
use crate::error::{Error, Result};

/// What changing the encryption did to the backups beside the database.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Whether the database is now encrypted.
    pub encrypted: bool,
    /// Backups rewritten the same way as the database.
    pub backups_converted: usize,
    /// Backups that could not be rewritten (another passphrase, or damaged); kept as they were.
    pub backups_left: Vec<PathBuf>,
    /// Unencrypted files left from earlier trouble that Allies does not remove itself: damaged
    /// databases moved aside (`allies.db.broken-…`), which may hold data worth recovering. The
    /// user decides; Settings lists them.
    pub plaintext_left: Vec<PathBuf>,
    /// Unencrypted temporary copies removed (`.partial`, `.restoring`…).
    pub plaintext_removed: usize,
}

/// Encrypts the database with `new`, changes its passphrase, or (with `None`) decrypts it;
/// and its backups alike, so no unencrypted copy of the data stays behind.
///
/// The database is closed for the change and opened again after it, with the key actually in
/// force: the new one once the database file itself was rewritten (even if a later step, such
/// as its backups, failed: the error then says so), or the old one if it was not.
pub fn change(
    db: Database,
    new: Option<Passphrase>,
    now: DateTime<Utc>,
) -> (std::result::Result<Database, OpenError>, Result<Report>) {
    let path = db.path().to_owned();
    let old = db.key().cloned();
    // Closing the last connection checkpoints the journal into the file and removes it.
    drop(db);
    let (key, result) = match change_closed(&path, old.as_ref(), new.as_ref()) {
        Ok(report) => (new, Ok(report)),
        Err(Failed::Unchanged(e)) => (old, Err(e)),
        Err(Failed::Rekeyed(detail)) => {
            let encrypted = new.is_some();
            (
                new,
                Err(Error::EncryptionIncomplete {
                    path: path.clone(),
                    encrypted,
                    detail,
                }),
            )
        }
    };
    (Database::open_with_key(&path, now, key.as_ref()), result)
}

/// How far a failed change went.
enum Failed {
    /// The database file is as it was, with its old key.
    Unchanged(Error),
    /// The database file has its new key; what failed after that.
    Rekeyed(String),
}

fn change_closed(
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> std::result::Result<Report, Failed> {
    for journal in ["-wal", "-journal"] {
        let file = with_suffix(path, journal);
        if std::fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
            return Err(Failed::Unchanged(failed(
                path,
                format!(
                    "{} still holds changes not yet in the database (is Allies open twice?)",
                    file.display()
                ),
            )));
        }
    }
    if new.is_some() {
        // Written first: from now on a scrambled file here is known to need a passphrase.
        write_marker(path).map_err(Failed::Unchanged)?;
    }
    if let Err(e) = convert_file(path, old, new) {
        if old.is_none() {
            let _ = std::fs::remove_file(marker(path));
        }
        return Err(Failed::Unchanged(e));
    }
    // From here on the database file has the new key, whatever fails.
    if new.is_none() {
        std::fs::remove_file(marker(path))
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
            .map_err(|e| {
                Failed::Rekeyed(format!(
                    "its marker {} could not be removed ({e})",
                    marker(path).display()
                ))
            })?;
    }
    let mut report = Report {
        encrypted: new.is_some(),
        ..Report::default()
    };
    if new.is_some() {
        (report.plaintext_removed, report.plaintext_left) = clear_plaintext(path);
    }
    let copies = backups_dir::list_for(path)
        .map_err(|e| Failed::Rekeyed(format!("its backups could not be listed ({e})")))?;
    for copy in copies {
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

/// Removes the unencrypted temporary copies a crash or a failed step may have left beside the
/// database and in its backups folder (a copy being written, a restore's work folder); returns
/// how many went, and the damaged databases moved aside, which stay for the user to judge.
fn clear_plaintext(path: &Path) -> (usize, Vec<PathBuf>) {
    let mut removed = 0;
    let mut left = Vec::new();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut places = vec![path.with_file_name(backups_dir::DIR)];
    if let Some(dir) = path.parent() {
        places.push(dir.to_owned());
    }
    for dir in places {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            // Only Allies' own: the data folder may be one the user keeps other files in.
            let ours = file.starts_with(&name) || file.starts_with("allies-");
            let temporary = (ours && file.ends_with(".partial"))
                || file == format!("{name}.restoring")
                || (is_dir && file.starts_with(".restoring-"));
            if temporary {
                let gone = if is_dir {
                    std::fs::remove_dir_all(entry.path())
                } else {
                    std::fs::remove_file(entry.path())
                };
                match gone {
                    Ok(()) => removed += 1,
                    Err(_) => left.push(entry.path()),
                }
            } else if file.starts_with(&format!("{name}.broken-")) && !is_scrambled(&entry.path()) {
                left.push(entry.path());
            }
        }
    }
    left.sort();
    (removed, left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use crate::storage;
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
        crate::storage::snapshots::take(&db, crate::storage::snapshots::Reason::Daily, now())
            .unwrap();

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
        for copy in crate::storage::snapshots::list_for(&path).unwrap() {
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
        let blocker = with_suffix(&path, ".converting");
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
    fn a_change_that_fails_after_the_re_key_opens_with_the_key_in_force_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), now()).unwrap();
        // The backups cannot be listed (a file has the folder's name): this fails only after
        // the database file itself was rewritten.
        let backups = dir.path().join(crate::storage::backups_dir::DIR);
        std::fs::write(&backups, "not a folder").unwrap();

        let (db, r) = change(db, Some(key("a passphrase")), now());
        let err = r.unwrap_err();
        assert_eq!(err.code(), "encryption.incomplete");
        let message = err.to_string();
        assert!(
            !message.contains("not changed"),
            "the file was changed, so the message must not say otherwise: {message}"
        );
        assert!(
            message.contains("now encrypted with the new passphrase"),
            "{message}"
        );
        let db = db.expect("the data opens with the key now in force");
        assert!(db.is_encrypted());
        assert_eq!(people::list(&db, "").unwrap()[0].name, "Dana");
        drop(db);
        assert!(is_scrambled(&path) && marker(&path).exists());
        Database::open_with_key(&path, now(), Some(&key("a passphrase")))
            .expect("the next start opens it with the new passphrase");

        // The same when decrypting.
        let db = Database::open_with_key(&path, now(), Some(&key("a passphrase"))).unwrap();
        let (db, r) = change(db, None, now());
        let err = r.unwrap_err();
        assert_eq!(err.code(), "encryption.incomplete");
        assert!(err.to_string().contains("no longer encrypted"), "{err}");
        let db = db.expect("the data opens without a passphrase");
        assert!(!db.is_encrypted());
        assert_eq!(people::list(&db, "").unwrap()[0].name, "Dana");
    }

    #[test]
    fn what_an_interrupted_change_leaves_is_tidied_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        drop(Database::open(&path, now()).unwrap());
        // Killed after the marker and a copy were written, before the copy was renamed.
        write_marker(&path).unwrap();
        let partial = with_suffix(&path, ".converting");
        std::fs::write(&partial, "a copy of everything").unwrap();
        let db = Database::open(&path, now()).expect("the old, unencrypted file opens");
        assert!(!db.is_encrypted());
        assert!(!partial.exists(), "no stray copy of the data stays behind");
        assert!(!marker(&path).exists(), "no marker beside a plain file");

        // Killed after the database was encrypted, before its backups were.
        let plain_copy =
            crate::storage::snapshots::take(&db, crate::storage::snapshots::Reason::Daily, now())
                .unwrap();
        let half_copy = with_suffix(&plain_copy, ".converting");
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
        let copy =
            crate::storage::snapshots::take(&db, crate::storage::snapshots::Reason::Daily, now())
                .unwrap();
        assert!(is_scrambled(&copy), "a copy of encrypted data is encrypted");
        people::add(&mut db, &PersonInput::named("Sam"), now()).unwrap();

        // From Settings: back to the copy, which holds only Dana.
        crate::storage::snapshots::restore(&mut db, &copy, now()).unwrap();
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
    fn encrypting_removes_plain_temporary_copies_and_lists_damaged_files_left_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        let mut db = Database::open(&path, now()).unwrap();
        people::add(&mut db, &PersonInput::named("Zebulon Quartermain"), now()).unwrap();
        let copy =
            crate::storage::snapshots::take(&db, crate::storage::snapshots::Reason::Daily, now())
                .unwrap();
        // What a crash could leave: half a copy, a restore's copy and work folder, and a
        // damaged database moved aside, all unencrypted.
        let partial = with_suffix(&copy, ".partial");
        std::fs::copy(&copy, &partial).unwrap();
        let restoring = with_suffix(&path, ".restoring");
        std::fs::copy(&copy, &restoring).unwrap();
        let work = copy.with_file_name(".restoring-123");
        std::fs::create_dir(&work).unwrap();
        std::fs::copy(&copy, work.join(storage::DB_FILE)).unwrap();
        let broken = dir.path().join("allies.db.broken-20261101T000000Z");
        std::fs::copy(&copy, &broken).unwrap();
        // The data folder may be one the user keeps other files in.
        let theirs = dir.path().join("thesis.partial");
        std::fs::write(&theirs, "chapter 3").unwrap();

        let (db, report) = change(db, Some(key("a passphrase")), now());
        let report = report.unwrap();
        drop(db.unwrap());
        assert_eq!(report.plaintext_removed, 3, "{report:?}");
        for gone in [&partial, &restoring, &work] {
            assert!(!gone.exists(), "{} is removed", gone.display());
        }
        assert_eq!(
            report.plaintext_left,
            vec![broken.clone()],
            "the damaged file is the user's to judge, and listed"
        );
        assert!(broken.exists());
        assert!(theirs.exists(), "a file that is not Allies' own stays");
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
