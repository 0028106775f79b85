//! Files in and out: people from LinkedIn, CSV and vCard files; people, reminders and reviews out
//! as CSV, vCard, iCalendar and text.

pub mod export;
pub mod import;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The largest file Allies reads to import or restore: far above any address book or backup a
/// person has, and small enough that a wrong choice (a disk image, a video) is refused rather
/// than filling the memory.
pub const MAX_READ_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file the user chose or dropped on the window, to import people from (`restoring` false)
/// or to restore a backup from (true). Every failure names the file and says what to do.
pub fn read_file(path: &Path, restoring: bool) -> Result<Vec<u8>> {
    let unreadable = |detail: String| Error::Unreadable {
        path: path.to_owned(),
        restoring,
        detail,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    // A pipe or a device would block or never end; only plain files are read.
    if !meta.is_file() {
        return Err(unreadable("it is not a plain file".into()));
    }
    if meta.len() > MAX_READ_BYTES {
        return Err(unreadable(format!(
            "it is {} MB, more than the {} MB Allies reads",
            meta.len() / (1024 * 1024),
            MAX_READ_BYTES / (1024 * 1024)
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    // The limit holds even if the file grows between the size check and the read.
    file.take(MAX_READ_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_READ_BYTES {
        return Err(unreadable("it grew past the size Allies reads".into()));
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
