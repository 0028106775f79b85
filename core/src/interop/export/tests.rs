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
    std::fs::set_permissions(&chosen, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
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

/// An export's CSV as its header and its rows, each cell as text.
pub(super) fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}
