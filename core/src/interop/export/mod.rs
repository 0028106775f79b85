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
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// `dir` holds `count` files: the exports, and no temporary file left behind.
    fn assert_files(dir: &Path, count: usize) {
        let names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names.len(),
            count,
            "no temporary file is left behind: {names:?}"
        );
    }

    #[test]
    fn exports_start_in_downloads_else_home_and_never_in_temp() {
        let downloads = PathBuf::from("/home/u/Downloads");
        let home = PathBuf::from("/home/u");
        assert_eq!(
            exports_dir_from(Some(downloads.clone()), Some(home.clone())),
            Some(downloads)
        );
        assert_eq!(exports_dir_from(None, Some(home.clone())), Some(home));
        assert_eq!(
            exports_dir_from(None, None),
            None,
            "with no Downloads and no home folder the user chooses; the temp folder is never proposed"
        );
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_the_users_alone() {
        let dir = tempfile::tempdir().unwrap();
        let saved = save_as(dir.path(), "people.csv", b"a").unwrap();
        assert_eq!(
            mode(&saved),
            0o600,
            "save_as makes a file only its owner reads"
        );
        let chosen = dir.path().join("chosen.json");
        std::fs::write(&chosen, b"older, readable by all").unwrap();
        std::fs::set_permissions(&chosen, std::os::unix::fs::PermissionsExt::from_mode(0o644))
            .unwrap();
        save_chosen(&chosen, b"{}").unwrap();
        assert_eq!(mode(&chosen), 0o600, "a replaced file is private too");
        let new = save_new(&dir.path().join("new.vcf"), b"x").unwrap();
        assert_eq!(mode(&new), 0o600, "the command line's exports too");
        let no_links = |_: &Path, _: &Path| -> std::io::Result<()> {
            Err(std::io::ErrorKind::PermissionDenied.into())
        };
        let direct = dir.path().join("direct.csv");
        write_whole_with(
            dir.path(),
            "direct.csv",
            b"x",
            std::iter::once(direct.clone()),
            no_links,
        )
        .unwrap();
        assert_eq!(mode(&direct), 0o600, "and those written without hard links");
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
        assert_files(dir.path(), 2);
    }

    #[test]
    fn a_named_file_is_written_whole_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        assert_eq!(save_new(&path, b"one").unwrap(), path);
        let err = save_new(&path, b"two").unwrap_err();
        assert_eq!(err.code(), "export.exists");
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"one",
            "the first file is kept"
        );
        assert_files(dir.path(), 1);
    }

    #[test]
    fn without_hard_links_an_export_is_written_under_its_name_and_still_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let no_links = |_: &Path, _: &Path| -> std::io::Result<()> {
            Err(std::io::ErrorKind::PermissionDenied.into())
        };
        let path = dir.path().join("people.csv");
        let saved = write_whole_with(
            dir.path(),
            "people.csv",
            b"one",
            std::iter::once(path.clone()),
            no_links,
        )
        .unwrap();
        assert_eq!(saved, path);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let again = write_whole_with(
            dir.path(),
            "people.csv",
            b"two",
            std::iter::once(path.clone()),
            no_links,
        )
        .unwrap_err();
        assert_eq!(again.code(), "export.exists");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"one",
            "the first file is kept"
        );
        assert_files(dir.path(), 1);
    }

    /// Saves `WRITERS` exports named `name` at once, each thread its own bytes, through `save`;
    /// every one must land whole under a name of its own.
    fn race(save: impl Fn(&Path, &[u8]) -> Result<PathBuf> + Sync) {
        const WRITERS: usize = 6;
        let dir = tempfile::tempdir().unwrap();
        let start = std::sync::Barrier::new(WRITERS);
        let saved: Vec<(PathBuf, Vec<u8>)> = std::thread::scope(|s| {
            let writers: Vec<_> = (0..WRITERS)
                .map(|i| {
                    let (dir, start, save) = (dir.path(), &start, &save);
                    s.spawn(move || {
                        let bytes = format!("export number {i}\n").repeat(10_000).into_bytes();
                        start.wait();
                        (save(dir, &bytes).unwrap(), bytes)
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for (path, bytes) in &saved {
            assert!(
                std::fs::read(path).unwrap() == *bytes,
                "{} holds the export that was saved there, whole",
                path.display()
            );
        }
        assert_files(dir.path(), WRITERS);
    }

    #[test]
    fn exports_saved_at_the_same_moment_each_get_a_name_of_their_own() {
        race(|dir, bytes| save_as(dir, "Allies people - 2026-11-26.csv", bytes));
    }

    #[test]
    fn without_hard_links_exports_saved_at_the_same_moment_still_replace_nothing() {
        let links_tried = std::sync::atomic::AtomicUsize::new(0);
        race(|dir, bytes| {
            let names = (1..).map(|n| {
                if n == 1 {
                    dir.join("people.csv")
                } else {
                    dir.join(format!("people ({n}).csv"))
                }
            });
            // Error 1: EPERM, what Linux's vfat answers a hard link (on Windows,
            // ERROR_INVALID_FUNCTION, what exFAT answers).
            let no_links = |_: &Path, _: &Path| -> std::io::Result<()> {
                links_tried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Err(std::io::Error::from_raw_os_error(1))
            };
            write_whole_with(dir, "people.csv", bytes, names, no_links)
        });
        assert!(
            links_tried.into_inner() >= 6,
            "every save tried a hard link first and fell back to writing under its name"
        );
    }

    #[test]
    fn a_missing_folder_is_reported_as_the_file_that_was_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no such folder").join("people.csv");
        let err = save_new(&path, b"x").unwrap_err();
        assert!(
            err.to_string().contains("no such folder/people.csv"),
            "names the file, not a hidden temporary one: {err}"
        );
    }

    #[test]
    fn each_kind_has_its_own_dated_name() {
        let names: Vec<String> = [
            Kind::PeopleCsv,
            Kind::PeopleRedacted,
            Kind::PeopleVcard,
            Kind::Calendar,
            Kind::Backup,
            Kind::BackupWithDeleted,
        ]
        .iter()
        .map(|k| k.file_name(today()))
        .collect();
        assert_eq!(names[0], "Allies people - 2026-11-26.csv");
        assert_eq!(names[3], "Allies reminders - 2026-11-26.ics");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(
            unique.len(),
            names.len(),
            "two kinds would share a file name"
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

    #[test]
    fn a_file_chosen_in_the_save_dialog_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people for Ana.csv");
        let saved = save_chosen(&path, b"name\nAna\n").unwrap();
        assert_eq!(
            saved, path,
            "the file is where the user chose, under their name"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"name\nAna\n");
        assert_files(dir.path(), 1);
    }

    #[test]
    fn a_file_the_dialog_confirmed_replacing_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        std::fs::write(&path, b"an older, longer export that must not show through").unwrap();
        save_chosen(&path, b"new").unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"new",
            "the new export replaces the old one entirely, with nothing of it left at the end"
        );
        assert_files(dir.path(), 1);
    }

    #[test]
    fn a_chosen_folder_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Reports");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside.txt"), b"kept").unwrap();
        let err = save_chosen(&folder, b"x").unwrap_err();
        assert_eq!(err.code(), "export.failed");
        assert!(
            err.to_string().contains("Reports") && err.to_string().contains("folder"),
            "the message names the folder and says why: {err}"
        );
        assert_eq!(std::fs::read(folder.join("inside.txt")).unwrap(), b"kept");
    }

    #[test]
    fn a_chosen_file_in_a_missing_folder_is_named_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("people.csv");
        let err = save_chosen(&path, b"x").unwrap_err();
        assert_eq!(err.code(), "export.failed");
        assert!(
            err.to_string().contains("people.csv"),
            "the message names the file the user chose: {err}"
        );
        assert_files(dir.path(), 0);
    }
}
