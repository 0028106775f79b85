//! Files in and out: people from LinkedIn, CSV and vCard files; people, reminders and reviews out
//! as CSV, vCard, iCalendar and text.

pub mod export;
pub mod import;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The largest file Allies imports people from: far above any address book or spreadsheet of
/// contacts a person has (50 MB of vCard is some 100,000 cards), and small enough that a wrong
/// choice (a disk image, a video) is refused rather than filling the memory.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// The largest backup Allies restores: a backup holds years of notes and maps as JSON, so it
/// may be larger than an address book.
pub const MAX_RESTORE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file the user chose or dropped on the window, to import people from (`restoring` false)
/// or to restore a backup from (true). Every failure names the file and says what to do; a file
/// over [`MAX_IMPORT_BYTES`] or [`MAX_RESTORE_BYTES`] is refused before it is read.
pub fn read_file(path: &Path, restoring: bool) -> Result<Vec<u8>> {
    let limit = if restoring {
        MAX_RESTORE_BYTES
    } else {
        MAX_IMPORT_BYTES
    };
    let unreadable = |detail: String| Error::Unreadable {
        path: path.to_owned(),
        restoring,
        detail,
    };
    let too_large = |bytes: u64| Error::TooLarge {
        path: path.to_owned(),
        restoring,
        bytes,
        limit,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    // A pipe or a device would block or never end; only plain files are read.
    if !meta.is_file() {
        return Err(unreadable("it is not a plain file".into()));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    // The limit holds even if the file grows between the size check and the read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Connections.csv");
        std::fs::write(&path, b"First Name,Last Name\nAna,Souza\n").unwrap();
        assert_eq!(
            read_file(&path, false).unwrap(),
            b"First Name,Last Name\nAna,Souza\n",
            "the importer gets exactly the file's bytes"
        );
    }

    #[test]
    fn a_missing_file_is_named_with_the_import_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.vcf");
        let err = read_file(&path, false).unwrap_err();
        assert_eq!(err.code(), "import.unreadable");
        assert!(
            err.to_string().contains("gone.vcf"),
            "the message names the file the user chose: {err}"
        );
    }

    #[test]
    fn a_folder_is_refused_with_the_backup_code_when_restoring() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_file(dir.path(), true).unwrap_err();
        assert_eq!(err.code(), "backup.unreadable");
        assert!(
            err.to_string().contains("it is a folder, not a file"),
            "the message says why: {err}"
        );
    }

    /// A file of `len` bytes that takes no space on disk.
    fn sparse(dir: &Path, name: &str, len: u64) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
        path
    }

    #[test]
    fn an_import_over_the_cap_is_refused_with_its_size_and_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = sparse(dir.path(), "everyone.vcf", MAX_IMPORT_BYTES + 1);
        let err = read_file(&path, false).unwrap_err();
        assert_eq!(err.code(), "import.too_large");
        let message = err.to_string();
        for part in ["everyone.vcf", "50.1 MB", "up to 50 MB", "split it"] {
            assert!(
                message.contains(part),
                "the message names the file, its size, the limit and what to do ({part}): {message}"
            );
        }
    }

    #[test]
    fn an_import_at_the_cap_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = sparse(dir.path(), "big.csv", MAX_IMPORT_BYTES);
        assert_eq!(
            read_file(&path, false).map(|b| b.len() as u64).ok(),
            Some(MAX_IMPORT_BYTES),
            "a file of exactly the limit is still imported"
        );
    }

    #[test]
    fn a_backup_over_its_cap_is_refused_but_a_larger_one_than_an_import_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let huge = sparse(dir.path(), "backup.json", MAX_RESTORE_BYTES + 1);
        let err = read_file(&huge, true).unwrap_err();
        assert_eq!(err.code(), "backup.too_large");
        assert!(
            err.to_string().contains("up to 256 MB"),
            "the message says the limit for backups: {err}"
        );
        let larger = sparse(dir.path(), "larger.json", MAX_IMPORT_BYTES + 1);
        assert!(
            read_file(&larger, true).is_ok(),
            "a backup may be larger than the import limit"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_rather_than_waited_on() {
        let err = read_file(Path::new("/dev/zero"), false).unwrap_err();
        assert!(
            err.to_string().contains("not a plain file"),
            "a device must not be read to the end: {err}"
        );
    }
}
