//! Writing exported files (maps as SVG or PNG, later backups and calendars) where a user
//! finds them, without ever overwriting an earlier export.

pub mod calendar;
pub mod people_csv;
pub mod people_vcard;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Characters some file system refuses in a name; replaced so any title can be saved.
const UNSAFE: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
const MAX_TITLE_CHARS: usize = 80;

/// The user's Downloads folder (XDG_DOWNLOAD_DIR on Linux), else their home folder.
pub fn exports_dir() -> PathBuf {
    dirs::download_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(std::env::temp_dir)
}

/// "Allies map - Promotion to Staff - 2026-11-26.svg", made safe for any file system.
pub fn file_name(title: &str, extension: &str, today: NaiveDate) -> String {
    let clean: String = title
        .chars()
        .map(|c| {
            if c.is_control() || UNSAFE.contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    let mut title: String = words.join(" ").chars().take(MAX_TITLE_CHARS).collect();
    title = title
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    if title.is_empty() {
        title = "Untitled".into();
    }
    format!("Allies map - {title} - {today}.{extension}")
}

/// Saves `bytes` in `dir` under [`file_name`], adding " (2)", " (3)"… rather than replacing
/// an earlier file. The file appears whole or not at all, and never replaces another.
pub fn save(
    dir: &Path,
    title: &str,
    extension: &str,
    bytes: &[u8],
    today: NaiveDate,
) -> Result<PathBuf> {
    save_as(dir, &file_name(title, extension, today), bytes)
}

/// Saves `bytes` in `dir` as `name` ("Allies people - 2026-11-27.csv"), adding " (2)", " (3)"…
/// rather than replacing an earlier file. The file appears whole or not at all.
pub fn save_as(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let fail = |path: &Path, e: std::io::Error| Error::Export {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));

    // Written whole under a hidden name first...
    let mut n = 1;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{name}.{n}.part"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(fail(&temp, e)),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(&temp, e));
    }
    // ...then given its real name. A hard link fails when the name exists, where a rename
    // would replace that file.
    n = 1;
    let saved = loop {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}).{extension}"))
        };
        match std::fs::hard_link(&temp, &candidate) {
            Ok(()) => break Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => break Err(fail(&candidate, e)),
        }
    };
    let _ = std::fs::remove_file(&temp);
    saved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn names_are_safe_and_dated() {
        assert_eq!(
            file_name("Promotion to Staff", "svg", today()),
            "Allies map - Promotion to Staff - 2026-11-26.svg"
        );
        assert_eq!(
            file_name("../../etc/passwd\n<b>", "png", today()),
            "Allies map - etc passwd b - 2026-11-26.png",
            "no path can be smuggled in a title"
        );
        assert_eq!(
            file_name(" . ", "svg", today()),
            "Allies map - Untitled - 2026-11-26.svg"
        );
        let long = file_name(&"é".repeat(500), "svg", today());
        assert_eq!(long.chars().filter(|c| *c == 'é').count(), MAX_TITLE_CHARS);
    }

    #[test]
    fn a_second_export_does_not_replace_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = save(dir.path(), "Atlas", "svg", b"one", today()).unwrap();
        let second = save(dir.path(), "Atlas", "svg", b"two", today()).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "Allies map - Atlas - 2026-11-26.svg"
        );
        assert_eq!(
            second.file_name().unwrap(),
            "Allies map - Atlas - 2026-11-26 (2).svg"
        );
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names.len(),
            2,
            "no temporary file is left behind: {names:?}"
        );
    }

    #[test]
    fn an_unwritable_folder_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let err = save(&blocker.join("sub"), "Atlas", "svg", b"x", today()).unwrap_err();
        assert_eq!(err.code(), "export.failed");
        assert!(err.to_string().contains("file/sub"), "{err}");
    }
}
