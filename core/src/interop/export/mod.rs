//! Exports: what each kind of file holds ([`Kind`]: people as CSV or vCard, the user's wins and
//! asks as CSV, reminders as iCalendar, the JSON backup; maps come as SVG or PNG from the
//! window), and writing any of them where the user finds it, whole or not at all, never over an
//! earlier file.

pub mod asks_csv;
pub mod calendar;
pub mod people_csv;
pub mod people_vcard;
pub mod wins_csv;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};
use crate::storage::{backup, private_file, Database};

/// Characters some file system refuses in a name; replaced so any title can be saved.
const UNSAFE: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
const MAX_TITLE_CHARS: usize = 80;

/// Where the save dialog starts: the user's Downloads folder (XDG_DOWNLOAD_DIR on Linux), else
/// their home folder. Never the temporary folder, which others on the computer can list and
/// which is emptied at the next start: with neither, the dialog starts where the system likes
/// and the user picks a folder.
pub fn exports_dir() -> Option<PathBuf> {
    exports_dir_from(dirs::download_dir(), dirs::home_dir())
}

fn exports_dir_from(downloads: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    downloads.or(home)
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
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let names = (1..).map(|n| {
        if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}).{extension}"))
        }
    });
    write_whole(dir, name, bytes, names)
}

/// Writes `bytes` to `path`, which must not exist: the file appears whole or not at all, and an
/// existing file is never replaced (the error says so). The command line's exports use this.
pub fn save_new(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Export {
            path: path.to_owned(),
            detail: "it names a folder, not a file".into(),
        })?;
    write_whole(dir, &name, bytes, std::iter::once(path.to_owned()))
}

/// Writes `bytes` to `path`, the file the user chose in the system's save dialog. That dialog asks
/// before it returns an existing file (GTK's overwrite confirmation, which the dialog plugin turns
/// on; the desktop portal's likewise), so an existing file here is one the user agreed to replace.
/// The bytes are written and flushed under a hidden name beside it, then renamed over it: the
/// file is the new one whole, or what it was before. A folder is never replaced.
pub fn save_chosen(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let not_a_file = || Error::Export {
        path: path.to_owned(),
        detail: "it names a folder, not a file".into(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(not_a_file)?;
    if path.is_dir() {
        return Err(not_a_file());
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut n = 1;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{name}.{n}.part"));
        match private_file().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(failed(path, e)),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(path.to_owned()),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(failed(path, e))
        }
    }
}

fn failed(path: &Path, e: std::io::Error) -> Error {
    Error::Export {
        path: path.to_owned(),
        detail: e.to_string(),
    }
}

/// The one way an export reaches the disk: written and flushed under a hidden name in `dir`,
/// then linked to the first of `names` that is free. A hard link fails when the name exists,
/// where a rename would replace that file. With no free name, the last one tried is reported;
/// any other failure is reported against the file that was asked for.
fn write_whole(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    names: impl Iterator<Item = PathBuf>,
) -> Result<PathBuf> {
    write_whole_with(dir, name, bytes, names, |from, to| {
        std::fs::hard_link(from, to)
    })
}

fn write_whole_with(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    names: impl Iterator<Item = PathBuf>,
    link: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<PathBuf> {
    let asked = dir.join(name);
    let mut n = 1;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{name}.{n}.part"));
        match private_file().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(failed(&asked, e)),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(&asked, e));
    }
    let mut saved = None;
    for candidate in names {
        let placed = match link(&temp, &candidate) {
            // FAT and exFAT drives and some network shares have no hard links: the file is then
            // written under its own name, still never over another.
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                write_new_directly(&candidate, bytes)
            }
            other => other,
        };
        match placed {
            Ok(()) => {
                saved = Some(Ok(candidate));
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                saved = Some(Err(Error::ExportExists { path: candidate }));
            }
            Err(e) => {
                saved = Some(Err(failed(&candidate, e)));
                break;
            }
        }
    }
    let _ = std::fs::remove_file(&temp);
    saved.unwrap_or_else(|| Err(failed(&asked, std::io::ErrorKind::InvalidInput.into())))
}

/// Writes `bytes` to a new file `path` (never over an existing one); a half-written file is
/// removed.
fn write_new_directly(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = private_file().write(true).create_new(true).open(path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .inspect_err(|_| {
            let _ = std::fs::remove_file(path);
        })
}

/// What the user can export as a file, each made from the database in one place, so the app's
/// buttons and the command line produce the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Everyone as CSV, formulas neutralised.
    PeopleCsv,
    /// Current people as CSV without who they are.
    PeopleRedacted,
    /// Everyone as a vCard 4.0 address book.
    PeopleVcard,
    /// The next 90 days of reminders as iCalendar.
    Calendar,
    /// Everything but deleted records, as the JSON backup (encrypted when the data is).
    Backup,
    /// Everything with deleted records, as the JSON backup (encrypted when the data is).
    BackupWithDeleted,
    /// The user's own wins as CSV, with who knows each.
    WinsCsv,
    /// The user's asks for support as CSV, with their goal, forum and dated steps.
    AsksCsv,
}

impl Kind {
    /// The file's contents.
    pub fn make(self, db: &Database, now: DateTime<Utc>) -> Result<Vec<u8>> {
        match self {
            Kind::PeopleCsv => people_csv::export(db),
            Kind::PeopleRedacted => people_csv::export_redacted(db),
            Kind::PeopleVcard => people_vcard::export(db),
            Kind::Calendar => calendar::export(db, now),
            Kind::Backup => backup::file_bytes(db, now, false),
            Kind::BackupWithDeleted => backup::file_bytes(db, now, true),
            Kind::WinsCsv => wins_csv::export(db),
            Kind::AsksCsv => asks_csv::export(db),
        }
    }

    /// The name a file of this kind gets in Downloads: "Allies people - 2026-11-27.csv".
    pub fn file_name(self, today: NaiveDate) -> String {
        let (what, extension) = match self {
            Kind::PeopleCsv => ("people", "csv"),
            Kind::PeopleRedacted => ("people redacted", "csv"),
            Kind::PeopleVcard => ("people", "vcf"),
            Kind::Calendar => ("reminders", "ics"),
            Kind::Backup => ("backup", "json"),
            Kind::BackupWithDeleted => ("backup with deleted", "json"),
            Kind::WinsCsv => ("wins", "csv"),
            Kind::AsksCsv => ("asks", "csv"),
        };
        format!("Allies {what} - {today}.{extension}")
    }
}

#[cfg(test)]
mod tests;
