//! The `allies` binary's command line, run as a user would.
#![allow(clippy::expect_used)] // helpers of a test, where a panic is the failure report

use std::process::{Command, Output};

fn allies(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allies"));
    cmd.args(args).envs(env.iter().copied());
    cmd.output().expect("the allies binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn version_names_the_package_version() {
    let out = allies(&["--version"], &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("allies {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_commands_and_the_data_variable() {
    let out = allies(&["--help"], &[]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for command in ["data-dir", "check", "import"] {
        assert!(help.contains(command), "{help}");
    }
    assert!(help.contains("ALLIES_DATA_DIR"), "{help}");
}

#[test]
fn data_dir_follows_the_environment_override() {
    let dir = std::env::temp_dir().join("allies cli test ünïcode");
    let out = allies(&["data-dir"], &[("ALLIES_DATA_DIR", dir.to_str().unwrap())]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim_end(),
        dir.join("allies.db").display().to_string()
    );
    assert!(!dir.exists(), "printing the path creates nothing");
}

// Linux's default; Windows uses the roaming AppData folder and macOS Application Support.
#[cfg(target_os = "linux")]
#[test]
fn data_dir_defaults_to_the_xdg_data_home() {
    let out = allies(
        &["data-dir"],
        &[("ALLIES_DATA_DIR", ""), ("XDG_DATA_HOME", "/srv/xdg")],
    );
    assert_eq!(
        text(&out.stdout).trim_end(),
        "/srv/xdg/app.allies.desktop/allies.db"
    );
}

#[test]
fn an_unknown_command_fails_with_a_pointer_to_help() {
    let out = allies(&["frobnicate"], &[]);
    assert_eq!(out.status.code(), Some(2), "usage errors exit with 2");
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("'frobnicate'") && err.contains("--help"),
        "{err}"
    );
}

#[test]
fn without_a_display_the_app_explains_instead_of_crashing() {
    let out = Command::new(env!("CARGO_BIN_EXE_allies"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "ALLIES_DATA_DIR",
            std::env::temp_dir().join("allies-no-display"),
        )
        .output()
        .expect("the allies binary runs");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("needs a desktop session"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn fixture(name: &str) -> String {
    format!(
        "{}/core/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_previews_then_imports_and_check_counts_the_result() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let connections = fixture("Connections.csv");

    let dry = allies(
        &[
            "import",
            "linkedin",
            &connections,
            "--dry-run",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let said = text(&dry.stdout);
    assert!(
        said.contains("4 new, 0 already in Allies, 4 cannot be imported"),
        "{said}"
    );
    assert!(said.contains("row 7: it has no name"), "{said}");
    assert!(said.contains("Dry run: nothing was changed."), "{said}");

    let check = allies(&["check", "--data-dir", data], &[]);
    assert!(
        text(&check.stdout).contains("      0 people"),
        "{}",
        text(&check.stdout)
    );

    let real = allies(
        &["import", "linkedin", &connections, "--data-dir", data],
        &[],
    );
    assert!(real.status.success(), "{}", text(&real.stderr));
    assert!(text(&real.stdout).contains("Imported: 4 added, 0 merged, 0 skipped."));

    let again = allies(
        &[
            "import",
            "linkedin",
            &connections,
            "--skip-duplicates",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(
        text(&again.stdout).contains("Imported: 0 added, 0 merged, 4 skipped."),
        "{}",
        text(&again.stdout)
    );

    let check = allies(&["check", "--data-dir", data], &[]);
    assert!(check.status.success());
    let summary = text(&check.stdout);
    assert!(
        summary.contains(": ok") && summary.contains("      4 people"),
        "{summary}"
    );
}

#[test]
fn a_csv_import_takes_a_column_mapping_by_header_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let out = allies(
        &[
            "import",
            "csv",
            &fixture("people.csv"),
            "--map",
            "notes=Team",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 new, 0 already in Allies, 1 cannot be imported"),
        "{}",
        text(&out.stdout)
    );

    let bad = allies(
        &[
            "import",
            "csv",
            &fixture("people.csv"),
            "--map",
            "name=Nope",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("the file has no column “Nope”"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn failures_say_what_and_exit_non_zero() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let not_linkedin = fixture("not-linkedin.csv");
    let taken = dir.path().join("taken.csv");
    std::fs::write(&taken, "kept").expect("a file in the way");
    let taken = taken.to_str().expect("a UTF-8 path");
    // Files over the size caps, taking no space on disk.
    let sparse = |name: &str, len: u64| {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).expect("a file to grow");
        file.set_len(len).expect("a sparse file");
        path.to_str().expect("a UTF-8 path").to_owned()
    };
    let huge_csv = sparse("huge.csv", allies_core::interop::MAX_IMPORT_BYTES + 1);
    let huge_backup = sparse("huge.json", allies_core::interop::MAX_RESTORE_BYTES + 1);
    // (what is run, what the error must say)
    let cases: &[(&[&str], &str)] = &[
        (
            &["import", "linkedin", "/nonexistent/Connections.csv"],
            "could not read /nonexistent/Connections.csv",
        ),
        (
            &["import", "csv", &huge_csv],
            "is 50.1 MB; Allies imports files of up to 50 MB",
        ),
        (
            &["restore", &huge_backup, "--yes"],
            "is 256.1 MB; Allies restores backups of up to 256 MB",
        ),
        (
            &["import", "linkedin", &not_linkedin],
            "not LinkedIn's Connections.csv",
        ),
        (&["export", "csv", taken], "already exists"),
        (&["backup", taken], "already exists"),
        (
            &["restore", "/nonexistent/backup.json", "--yes"],
            "/nonexistent/backup.json",
        ),
    ];
    for (args, says) in cases {
        let mut args = args.to_vec();
        args.extend(["--data-dir", data]);
        let out = allies(&args, &[]);
        assert_eq!(out.status.code(), Some(1), "allies {args:?}");
        assert!(
            text(&out.stderr).contains(says),
            "allies {args:?} should say {says:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read_to_string(taken).expect("the file in the way"),
        "kept",
        "an export never replaces a file"
    );

    let help = allies(&["import", "--help"], &[]);
    assert!(help.status.success());
    assert!(
        text(&help.stdout).contains("--dry-run"),
        "{}",
        text(&help.stdout)
    );
}

#[test]
fn every_kind_of_export_writes_its_file_once_and_never_replaces_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    let imported = allies(
        &[
            "import",
            "vcard",
            &fixture("google-3.0.vcf"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    // (the command line's name for the kind, how its file begins)
    let kinds = [
        ("csv", "Name,"),
        ("redacted-csv", "Person,Role,"),
        ("vcard", "BEGIN:VCARD\r\nVERSION:4.0"),
        ("ics", "BEGIN:VCALENDAR\r\n"),
        ("json", "{"),
        (
            "wins-csv",
            "Title,Date,Outcome and impact,Goal,Link,Who knows it\r\n",
        ),
        (
            "asks-csv",
            "Person,Kind,Goal,Forum,Status,Approached,Asked,Answered,What you asked\r\n",
        ),
    ];
    for (kind, begins) in kinds {
        let file = dir.path().join(format!("export-{kind}"));
        let file = file.to_str().expect("a UTF-8 path");
        let out = allies(&["export", kind, file, "--data-dir", data], &[]);
        assert!(out.status.success(), "{kind}: {}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("Wrote "), "{kind}");
        let first = std::fs::read(file).expect("the export");
        assert!(
            text(&first).starts_with(begins),
            "{kind} should begin with {begins:?}: {}",
            text(&first)
        );
        let again = allies(&["export", kind, file, "--data-dir", data], &[]);
        assert_eq!(again.status.code(), Some(1), "{kind} a second time");
        assert_eq!(
            std::fs::read(file).expect("the export"),
            first,
            "{kind} kept"
        );
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(
        names.len(),
        kinds.len() + 1,
        "the exports and the data folder, no half-written file: {names:?}"
    );
}

#[test]
fn backup_and_restore_round_trip_through_files_and_never_replace_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    allies(
        &[
            "import",
            "linkedin",
            &fixture("Connections.csv"),
            "--data-dir",
            data,
        ],
        &[],
    );
    let first = dir.path().join("first.json");
    let out = allies(
        &["backup", first.to_str().expect("path"), "--data-dir", data],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let again = allies(
        &["backup", first.to_str().expect("path"), "--data-dir", data],
        &[],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    let other = dir.path().join("other");
    let other = other.to_str().expect("path");
    let unconfirmed = allies(
        &[
            "restore",
            first.to_str().expect("path"),
            "--data-dir",
            other,
        ],
        &[],
    );
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(
        text(&unconfirmed.stderr).contains("--yes"),
        "{}",
        text(&unconfirmed.stderr)
    );
    let restored = allies(
        &[
            "restore",
            first.to_str().expect("path"),
            "--yes",
            "--data-dir",
            other,
        ],
        &[],
    );
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(
        text(&restored.stdout).contains("The data it replaced is in"),
        "{}",
        text(&restored.stdout)
    );

    let csv = dir.path().join("people.csv");
    let out = allies(
        &[
            "export",
            "csv",
            csv.to_str().expect("path"),
            "--data-dir",
            other,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(&csv).expect("the CSV");
    assert!(exported.contains("Élodie Durand"), "{exported}");
    assert_eq!(
        exported.lines().count(),
        5,
        "the header and four people: {exported}"
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, b"{\"format\": \"allies-backup\", ").expect("write");
    let out = allies(
        &[
            "restore",
            broken.to_str().expect("path"),
            "--yes",
            "--data-dir",
            other,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not an Allies backup, or it is damaged"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_address_book_imports_from_the_command_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let out = allies(
        &[
            "import",
            "vcard",
            &fixture("google-3.0.vcf"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Imported: 2 added"),
        "{}",
        text(&out.stdout)
    );
    let broken = allies(
        &[
            "import",
            "vcard",
            &fixture("broken.vcf"),
            "--dry-run",
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(
        text(&broken.stdout).contains("card 3: it is cut off"),
        "{}",
        text(&broken.stdout)
    );
}

#[test]
fn cards_that_are_not_people_are_counted_apart_from_errors_on_the_command_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let out = allies(
        &[
            "import",
            "vcard",
            &fixture("vcard/not-people.vcf"),
            "--dry-run",
            "--data-dir",
            data,
        ],
        &[],
    );
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        said.contains("2 new, 0 already in Allies, 0 cannot be imported, 5 skipped (not a person)"),
        "{said}"
    );
    assert!(
        said.contains("card 1: skipped (not a person): a company card, \u{2068}ABC Marketing\u{2069} (KIND:org)"),
        "{said}"
    );
}

#[test]
fn address_book_and_calendar_exports_are_written_as_asked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let data = data.to_str().expect("a UTF-8 path");
    allies(
        &[
            "import",
            "vcard",
            &fixture("google-3.0.vcf"),
            "--data-dir",
            data,
        ],
        &[],
    );
    let vcf = dir.path().join("people.vcf");
    let out = allies(
        &[
            "export",
            "vcard",
            vcf.to_str().expect("path"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cards = std::fs::read_to_string(&vcf).expect("the address book");
    assert_eq!(
        cards.matches("BEGIN:VCARD\r\nVERSION:4.0").count(),
        2,
        "{cards}"
    );
    let ics = dir.path().join("reminders.ics");
    let out = allies(
        &[
            "export",
            "ics",
            ics.to_str().expect("path"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&ics)
        .expect("the calendar")
        .starts_with("BEGIN:VCALENDAR\r\n"));

    // The same people, redacted: initials, and none of the names, emails or notes.
    let full = std::fs::read_to_string(&vcf).expect("the address book");
    let redacted = dir.path().join("redacted.csv");
    let out = allies(
        &[
            "export",
            "redacted-csv",
            redacted.to_str().expect("path"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(&redacted).expect("the redacted list");
    assert!(
        csv.starts_with("Person,Role,Department,Organisation,Level,Ally role,Last contact\r\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "two people: {csv}");
    for line in full
        .lines()
        .filter(|l| l.starts_with("FN:") || l.starts_with("EMAIL"))
    {
        let value = line.rsplit(':').next().unwrap_or_default();
        assert!(!csv.contains(value), "{value} must not be in {csv}");
    }
}

#[test]
fn commands_work_while_the_app_has_the_database_open() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).expect("a time");
    let open = allies_core::Database::open_in(dir.path(), now).expect("the app's connection");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let out = allies(
        &[
            "import",
            "linkedin",
            &fixture("Connections.csv"),
            "--data-dir",
            data,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let seen = allies_core::people::list(&open, "").expect("the open connection reads");
    assert_eq!(
        seen.len(),
        4,
        "the running app sees what the command line imported"
    );
}

#[test]
fn encrypted_data_needs_its_passphrase_on_the_command_line() {
    use allies_core::people::{self, PersonInput};
    use allies_core::storage::encryption::{self, Passphrase};
    use allies_core::Database;

    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    #[allow(clippy::disallowed_methods)] // the binary under test reads the real clock too
    let now = chrono::Utc::now();
    let mut db = Database::open_in(dir.path(), now).expect("a new database");
    people::add(&mut db, &PersonInput::named("Dana Ng"), now).expect("a person");
    let key = Passphrase::new_checked("a long passphrase").expect("a passphrase");
    let (db, changed) = encryption::change(db, Some(key), now);
    changed.expect("encrypted");
    drop(db);

    let locked = allies(&["check", "--data-dir", data], &[]);
    assert!(!locked.status.success());
    let message = text(&locked.stderr);
    assert!(
        message.contains("is encrypted") && message.contains("ALLIES_PASSPHRASE"),
        "says what to do: {message}"
    );

    let wrong = allies(
        &["check", "--data-dir", data],
        &[("ALLIES_PASSPHRASE", "not the passphrase")],
    );
    assert!(!wrong.status.success());
    assert!(text(&wrong.stderr).contains("does not open"));

    let right = allies(
        &["check", "--data-dir", data],
        &[("ALLIES_PASSPHRASE", "a long passphrase")],
    );
    assert!(right.status.success(), "{}", text(&right.stderr));
    assert!(
        text(&right.stdout).contains("      1 people"),
        "{}",
        text(&right.stdout)
    );
}

/// Encrypted data in a new temporary folder, holding one person.
fn encrypted_folder(passphrase: &str) -> tempfile::TempDir {
    use allies_core::people::{self, PersonInput};
    use allies_core::storage::encryption::{self, Passphrase};
    use allies_core::Database;

    let dir = tempfile::tempdir().expect("a temporary folder");
    #[allow(clippy::disallowed_methods)] // the binary under test reads the real clock too
    let now = chrono::Utc::now();
    let mut db = Database::open_in(dir.path(), now).expect("a new database");
    people::add(&mut db, &PersonInput::named("Dana Ng"), now).expect("a person");
    let key = Passphrase::new_checked(passphrase).expect("a passphrase");
    let (db, changed) = encryption::change(db, Some(key), now);
    changed.expect("encrypted");
    drop(db);
    dir
}

/// Runs `allies args` with `input` on its standard input.
fn allies_with_input(args: &[&str], env: &[(&str, &str)], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_allies"))
        .args(args)
        .env_remove("ALLIES_PASSPHRASE")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the allies binary runs");
    child
        .stdin
        .take()
        .expect("its standard input")
        .write_all(input.as_bytes())
        .expect("the input is written");
    child.wait_with_output().expect("it ends")
}

#[test]
fn the_passphrase_can_come_on_standard_input() {
    let dir = encrypted_folder("a long passphrase");
    let data = dir.path().to_str().expect("a UTF-8 path");

    let right = allies_with_input(
        &["check", "--passphrase-stdin", "--data-dir", data],
        &[],
        "a long passphrase\n",
    );
    assert!(right.status.success(), "{}", text(&right.stderr));
    assert!(text(&right.stdout).contains("      1 people"));

    let wrong = allies_with_input(
        &["check", "--passphrase-stdin", "--data-dir", data],
        &[],
        "not the passphrase\r\n",
    );
    assert!(!wrong.status.success());
    assert!(text(&wrong.stderr).contains("does not open"));

    let asked_for = allies_with_input(
        &["--passphrase-stdin", "check", "--data-dir", data],
        &[("ALLIES_PASSPHRASE", "not the passphrase")],
        "a long passphrase",
    );
    assert!(
        asked_for.status.success(),
        "the standard input, asked for, wins over the environment: {}",
        text(&asked_for.stderr)
    );

    let empty = allies_with_input(
        &["check", "--passphrase-stdin", "--data-dir", data],
        &[],
        "",
    );
    assert!(!empty.status.success());

    let neither = allies_with_input(&["check", "--data-dir", data], &[], "");
    let message = text(&neither.stderr);
    assert!(
        message.contains("--passphrase-stdin")
            && message.contains("ALLIES_PASSPHRASE")
            && message.contains("terminal"),
        "names every way to give it: {message}"
    );
}

#[test]
fn a_command_waits_while_the_app_changes_the_database_file() {
    use allies_core::storage::locks::DataLock;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().to_str().expect("a UTF-8 path");
    // What the app holds while it encrypts, re-keys or decrypts the file, or opens it.
    let changing =
        DataLock::exclusive(dir.path(), Duration::ZERO).expect("the folder is free at first");
    let started = Instant::now();
    let command = std::thread::spawn({
        let data = data.to_owned();
        move || allies(&["check", "--data-dir", &data], &[])
    });
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        !dir.path().join("allies.db").exists(),
        "the command has not opened (so created) the database while the file was being changed"
    );
    drop(changing);
    let out = command.join().expect("the command ran");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        started.elapsed() >= Duration::from_millis(800),
        "it waited for the change to finish"
    );
}

/// A data folder whose file is as the version of Allies before this one left it: every schema
/// step but the newest.
fn folder_one_version_older() -> (tempfile::TempDir, i64) {
    use allies_core::storage::{schema_version, DB_FILE, MIGRATION_FILES};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).expect("a new file");
    for (_, sql) in &MIGRATION_FILES[..MIGRATION_FILES.len() - 1] {
        conn.execute_batch(sql).expect("an older step applies");
    }
    let older = schema_version() - 1;
    conn.pragma_update(None, "user_version", older)
        .expect("the older version is set");
    (dir, older)
}

fn user_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .expect("the file opens")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("it has a version")
}

#[test]
fn a_command_never_upgrades_the_data_of_an_older_allies_that_is_running() {
    use allies_core::storage::locks::DataLock;
    use std::time::Duration;

    let (dir, older) = folder_one_version_older();
    let data = dir.path().to_str().expect("a UTF-8 path");
    let file = dir.path().join("allies.db");
    let before = std::fs::read(&file).expect("the file reads");
    // What an app holds while it has the data open: here an app of the version before.
    let running = DataLock::shared(dir.path(), Duration::ZERO).expect("the folder is free");
    let out = allies(&["check", "--data-dir", data], &[]);
    assert!(!out.status.success(), "the command refuses");
    let err = text(&out.stderr);
    assert!(
        err.contains("different version of Allies")
            && err.contains("Close that Allies, or use the same version"),
        "it says why and what to do: {err}"
    );
    assert_eq!(
        std::fs::read(&file).expect("the file reads"),
        before,
        "the running app's file is left exactly as it was"
    );
    assert!(
        !dir.path().join("backups").exists(),
        "not even the copy taken before an upgrade is written"
    );

    drop(running);
    let out = allies(&["check", "--data-dir", data], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        user_version(&file),
        older + 1,
        "with the app closed, the command upgrades the file as before"
    );
}

/// On a terminal the command asks for the passphrase and does not show it. The terminal is a
/// pseudo-terminal made by `script` (util-linux).
#[test]
fn on_a_terminal_the_passphrase_is_asked_for_without_echo() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let dir = encrypted_folder("a long passphrase");
    let data = dir.path().to_str().expect("a UTF-8 path");
    let line = format!(
        "'{}' check --data-dir '{data}'",
        env!("CARGO_BIN_EXE_allies")
    );
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("ALLIES_PASSPHRASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut stdout = child.stdout.take().expect("its output");
    let reader = std::thread::spawn({
        let seen = Arc::clone(&seen);
        move || {
            let mut buf = [0u8; 256];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .expect("the buffer")
                    .extend_from_slice(&buf[..n]);
            }
        }
    });
    let shown = || text(&seen.lock().expect("the buffer"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !shown().contains("Passphrase for") {
        assert!(Instant::now() < deadline, "no prompt: {}", shown());
        std::thread::sleep(Duration::from_millis(50));
    }
    // Typed only once asked, as a person would: the terminal no longer echoes by then.
    child
        .stdin
        .as_mut()
        .expect("its input")
        .write_all(b"a long passphrase\n")
        .expect("typed");
    let status = child.wait().expect("it ends");
    reader.join().expect("the output is read");
    let out = shown();
    assert!(status.success(), "{out}");
    assert!(out.contains("      1 people"), "{out}");
    assert!(
        !out.contains("a long passphrase"),
        "the passphrase is not shown on the terminal: {out}"
    );
}

#[cfg(unix)]
#[test]
fn the_data_folder_it_makes_and_the_backups_it_writes_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .expect("the file is there")
            .permissions()
            .mode()
            & 0o777
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("new data folder");
    let data_arg = data.to_str().expect("a UTF-8 path");
    let check = allies(&["check", "--data-dir", data_arg], &[]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert_eq!(mode(&data), 0o700, "the data folder is made 0700");
    assert_eq!(mode(&data.join("allies.db")), 0o600);

    for (name, extra) in [("plain.json", None), ("all.json", Some("--with-deleted"))] {
        let file = dir.path().join(name);
        let mut args = vec![
            "backup",
            file.to_str().expect("path"),
            "--data-dir",
            data_arg,
        ];
        args.extend(extra);
        let out = allies(&args, &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(mode(&file), 0o600, "{name} is 0600");
    }
}

#[test]
fn sync_status_and_sync_now_carry_a_person_between_two_data_folders() {
    use allies_core::people::{self, PersonInput};
    use allies_core::{sync, Database};

    let root = tempfile::tempdir().expect("a temporary folder");
    let shared = root.path().join("Dropbox").join("Allies");
    let (a, b) = (root.path().join("laptop"), root.path().join("desktop"));
    let at = allies_core::session::now();
    for (dir, name) in [(&a, "Laptop"), (&b, "Desktop")] {
        let mut db = Database::open_in(dir, at).expect("data opens");
        sync::enable(&mut db, &shared, "a shared passphrase", name, at).expect("sync turns on");
        if name == "Laptop" {
            people::add(&mut db, &PersonInput::named("Dana Zanzibar"), at).expect("added");
        }
    }
    let (a, b) = (a.to_str().expect("UTF-8"), b.to_str().expect("UTF-8"));

    let status = allies(&["sync", "status", "--data-dir", a], &[]);
    assert!(status.status.success(), "{}", text(&status.stderr));
    let said = text(&status.stdout);
    assert!(said.contains("Sync is on, through"), "{said}");
    assert!(said.contains("This computer: Laptop ("), "{said}");
    assert!(!said.contains("(0 changes"), "changes wait: {said}");

    let now = allies(&["sync", "now", "--data-dir", a], &[]);
    assert!(now.status.success(), "{}", text(&now.stderr));
    assert!(
        text(&now.stdout).contains("(0 changes not yet written"),
        "{}",
        text(&now.stdout)
    );

    let now = allies(&["sync", "now", "--data-dir", b], &[]);
    assert!(now.status.success(), "{}", text(&now.stderr));
    let said = text(&now.stdout);
    assert!(
        said.contains("applied") && !said.contains("applied 0 files"),
        "{said}"
    );
    assert!(said.contains("  Laptop: last wrote "), "{said}");
    let check = allies(&["check", "--data-dir", b], &[]);
    assert!(
        text(&check.stdout).contains("      1 people"),
        "{}",
        text(&check.stdout)
    );

    let off = tempfile::tempdir().expect("a temporary folder");
    let off = off.path().to_str().expect("UTF-8");
    let status = allies(&["sync", "status", "--data-dir", off], &[]);
    assert!(status.status.success());
    assert!(
        text(&status.stdout).contains("Sync is off"),
        "{}",
        text(&status.stdout)
    );
    let refused = allies(&["sync", "now", "--data-dir", off], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("Turn it on in Settings"),
        "{}",
        text(&refused.stderr)
    );
}
