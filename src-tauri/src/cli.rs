//! The command line of the `allies` binary. With no arguments the window opens; the commands
//! work on the same data without a window, for scripts and backups, and are safe to run while
//! the app is open (the database is in WAL mode with a busy timeout).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use allies_core::interop::export;
use allies_core::interop::import::{self, Format, Mapping, OnDuplicate};
use allies_core::storage::encryption::Passphrase;
use allies_core::{storage, Database, OpenError};
use clap::{Parser, Subcommand, ValueEnum};

use crate::state::now;

/// Map, know and keep in touch with the people your career depends on.
///
/// With no command, the Allies window opens.
#[derive(Debug, Parser, PartialEq, Eq)]
#[command(name = "allies", version, disable_help_subcommand = true)]
#[command(
    after_help = "Environment:\n  ALLIES_DATA_DIR    keep the data in this folder instead of the usual place\n  ALLIES_PASSPHRASE  the passphrase of encrypted data, for commands run here"
)]
pub struct Cli {
    /// Start in the tray and only show reminders, as at login.
    #[arg(long)]
    pub background: bool,

    /// Use the data in this folder (for this run) instead of the usual place.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Print where Allies keeps your data.
    DataDir,
    /// Check the database and summarise what it holds.
    Check,
    /// Import people from a file: a preview, then everything valid in one transaction.
    Import {
        /// linkedin: LinkedIn's Connections.csv; vcard: an address book (.vcf, vCard 2.1 to
        /// 4.0); csv: any CSV file with a header row.
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
        /// Show what would be imported and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Leave people already in Allies as they are (the default fills in what they lack).
        #[arg(long)]
        skip_duplicates: bool,
        /// For csv: which column holds what, by header name, as FIELD=COLUMN (repeatable).
        /// Fields: name, first_name, last_name, role, department, organisation, email, notes,
        /// how_met. Columns not given are guessed from the header.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
    },
    /// Export to a new file (an existing file is never replaced).
    Export {
        #[arg(value_enum)]
        kind: ExportKind,
        file: PathBuf,
    },
    /// Write a full backup of everything as JSON to a new file (encrypted with the data's
    /// passphrase when the data is encrypted).
    Backup {
        file: PathBuf,
        /// Include deleted records not yet removed for good (left out by default).
        #[arg(long)]
        with_deleted: bool,
    },
    /// Replace everything with a JSON backup; the current data is copied to the backups folder
    /// first.
    Restore {
        file: PathBuf,
        /// Confirm that everything now in Allies is to be replaced.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// Everyone, one row each (formulas neutralised).
    Csv,
    /// Current people with initials instead of names and no email, tags or notes.
    RedactedCsv,
    /// Everyone as a vCard 4.0 address book.
    Vcard,
    /// The next 90 days of reminders, promises and check-ins as an iCalendar file.
    Ics,
    /// A full backup; the same as `allies backup`.
    Json,
}

/// The command line's names for the core's kinds of export.
impl From<ExportKind> for export::Kind {
    fn from(kind: ExportKind) -> export::Kind {
        match kind {
            ExportKind::Csv => export::Kind::PeopleCsv,
            ExportKind::RedactedCsv => export::Kind::PeopleRedacted,
            ExportKind::Vcard => export::Kind::PeopleVcard,
            ExportKind::Ics => export::Kind::Calendar,
            ExportKind::Json => export::Kind::Backup,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Linkedin,
    Vcard,
    Csv,
}

/// What to do: open the window, or run a command and exit with its code.
pub enum Invocation {
    OpenWindow { background: bool },
    Exit(ExitCode),
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Invocation {
    let args = std::iter::once("allies".to_owned()).chain(args);
    match Cli::try_parse_from(args) {
        Ok(cli) => match cli.command {
            None => Invocation::OpenWindow {
                background: cli.background,
            },
            Some(command) => Invocation::Exit(execute(command, cli.data_dir.as_deref())),
        },
        Err(e) => {
            let _ = e.print();
            Invocation::Exit(if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("allies: {message}");
    ExitCode::FAILURE
}

fn data_dir(given: Option<&Path>) -> Result<PathBuf, String> {
    match given {
        Some(dir) => Ok(dir.to_owned()),
        None => storage::data_dir().map_err(|e| e.to_string()),
    }
}

/// The environment variable the command line reads the passphrase of encrypted data from.
pub const PASSPHRASE_VAR: &str = "ALLIES_PASSPHRASE";

fn open(given: Option<&Path>) -> Result<Database, String> {
    let dir = data_dir(given)?;
    match Database::open_in(&dir, now()) {
        Err(OpenError::Locked { path }) => {
            let Some(passphrase) = std::env::var_os(PASSPHRASE_VAR) else {
                return Err(format!(
                    "The data in {} is encrypted. Set {PASSPHRASE_VAR} to its passphrase to use it from the command line.",
                    path.display()
                ));
            };
            let key = Passphrase::given(passphrase.to_string_lossy().into_owned())
                .map_err(|e| e.to_string())?;
            Database::open_with_key(&path, now(), Some(&key)).map_err(|e| e.to_string())
        }
        other => other.map_err(|e| e.to_string()),
    }
}

fn execute(command: Command, given: Option<&Path>) -> ExitCode {
    match command {
        Command::DataDir => match data_dir(given) {
            Ok(dir) => {
                println!("{}", dir.join(storage::DB_FILE).display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Command::Check => check(given),
        Command::Import {
            kind,
            file,
            dry_run,
            skip_duplicates,
            map,
        } => import_file(kind, &file, dry_run, skip_duplicates, &map, given),
        Command::Export { kind, file } => export_to(&file, given, kind.into()),
        Command::Backup { file, with_deleted } => {
            let kind = if with_deleted {
                export::Kind::BackupWithDeleted
            } else {
                export::Kind::Backup
            };
            export_to(&file, given, kind)
        }
        Command::Restore { file, yes } => restore(&file, yes, given),
    }
}

/// Writes an export of `kind` to a new `file`, never over an existing one.
fn export_to(file: &Path, given: Option<&Path>, kind: export::Kind) -> ExitCode {
    let written = open(given).and_then(|db| {
        let bytes = kind.make(&db, now()).map_err(|e| e.to_string())?;
        export::save_new(file, &bytes)
            .map(|_| bytes.len())
            .map_err(|e| e.to_string())
    });
    match written {
        Ok(len) => {
            println!("Wrote {} ({len} bytes).", file.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn restore(file: &Path, yes: bool, given: Option<&Path>) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
    };
    // An encrypted backup opens with the data's passphrase (ALLIES_PASSPHRASE).
    let key = if allies_core::storage::sealed_backup::is_sealed(&bytes) {
        match open(given) {
            Ok(db) => db.passphrase().cloned(),
            Err(e) => return fail(e),
        }
    } else {
        None
    };
    let backup = match allies_core::storage::backup::read(&bytes, key.as_ref()) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    if !yes {
        return fail(format!(
            "restoring replaces everything in Allies with the backup from {}. Run again with --yes to do it; the current data is copied to the backups folder first.",
            backup.created_at
        ));
    }
    let mut db = match open(given) {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    match allies_core::storage::snapshots::restore_backup(&mut db, &backup, now()) {
        Ok(kept) => {
            println!(
                "Restored the backup from {}. The data it replaced is in {}.",
                backup.created_at,
                kept.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e} Nothing was changed.")),
    }
}

fn check(given: Option<&Path>) -> ExitCode {
    // Opening runs the integrity check; a damaged file is reported and left as it is.
    let db = match open(given) {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    match storage::summary(&db) {
        Ok(summary) => {
            println!("{}: ok", db.path().display());
            for (what, count) in summary {
                println!("  {count:>7} {what}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Reads FIELD=COLUMN pairs against the file's header, over the guessed mapping.
fn mapping(bytes: &[u8], pairs: &[String]) -> Result<Mapping, String> {
    let headers = import::csv_headers(bytes).map_err(|e| e.to_string())?;
    let mut mapping = import::guess_mapping(&headers);
    for pair in pairs {
        let (field, column) = pair.split_once('=').ok_or_else(|| {
            format!("--map {pair}: write it as FIELD=COLUMN, like name=\"Full Name\"")
        })?;
        let index = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(column.trim()))
            .ok_or_else(|| {
                format!(
                    "--map {pair}: the file has no column “{column}”; its columns are: {}",
                    headers.join(", ")
                )
            })?;
        let slot = match field.trim() {
            "name" => &mut mapping.name,
            "first_name" => &mut mapping.first_name,
            "last_name" => &mut mapping.last_name,
            "role" => &mut mapping.role,
            "department" => &mut mapping.department,
            "organisation" => &mut mapping.organisation,
            "email" => &mut mapping.email,
            "notes" => &mut mapping.notes,
            "how_met" => &mut mapping.how_met,
            other => {
                return Err(format!(
                    "--map {pair}: “{other}” is not a field; see allies import --help"
                ))
            }
        };
        *slot = Some(index);
    }
    Ok(mapping)
}

fn import_file(
    kind: ImportKind,
    file: &Path,
    dry_run: bool,
    skip_duplicates: bool,
    pairs: &[String],
    given: Option<&Path>,
) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
    };
    let (format, mapping) = match kind {
        ImportKind::Linkedin => (Format::Linkedin, None),
        ImportKind::Vcard => (Format::Vcard, None),
        ImportKind::Csv => match mapping(&bytes, pairs) {
            Ok(m) => (Format::Csv, Some(m)),
            Err(e) => return fail(e),
        },
    };
    let reading = match import::read(format, &bytes, mapping.as_ref()) {
        Ok(reading) => reading,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let mut db = match open(given) {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    let preview = match import::preview(&db, &reading.parsed) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Some(notice) = &preview.notice {
        println!("{notice}");
    }
    println!(
        "{}: {} new, {} already in Allies, {} cannot be imported",
        file.display(),
        preview.new,
        preview.duplicates.len(),
        preview.problems.len()
    );
    for d in &preview.duplicates {
        println!(
            "  {} {}: {} looks like {} ({})",
            preview.unit, d.row, d.name, d.existing_name, d.reason
        );
    }
    for p in &preview.problems {
        println!("  {} {}: {}", preview.unit, p.row, p.reason);
    }
    if dry_run {
        println!("Dry run: nothing was changed.");
        return ExitCode::SUCCESS;
    }
    let on_duplicate = if skip_duplicates {
        OnDuplicate::Skip
    } else {
        OnDuplicate::Merge
    };
    match import::apply(
        &mut db,
        &reading.parsed,
        on_duplicate,
        now(),
        &mut |_, _| {},
    ) {
        Ok(s) => {
            println!(
                "Imported: {} added, {} merged, {} skipped.",
                s.added, s.merged, s.skipped
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e} Nothing was imported.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("allies").chain(args.iter().copied()))
    }

    #[test]
    fn no_arguments_open_the_window() {
        let parsed = cli(&[]).unwrap();
        assert_eq!((parsed.command, parsed.background), (None, false));
        assert!(cli(&["--background"]).unwrap().background);
    }

    #[test]
    fn commands_and_their_options_are_recognised() {
        assert_eq!(cli(&["data-dir"]).unwrap().command, Some(Command::DataDir));
        let parsed = cli(&[
            "import",
            "csv",
            "people.csv",
            "--map",
            "name=Full Name",
            "--dry-run",
            "--data-dir",
            "/tmp/x",
        ])
        .unwrap();
        assert_eq!(parsed.data_dir.as_deref(), Some(Path::new("/tmp/x")));
        assert_eq!(
            parsed.command,
            Some(Command::Import {
                kind: ImportKind::Csv,
                file: "people.csv".into(),
                dry_run: true,
                skip_duplicates: false,
                map: vec!["name=Full Name".into()],
            })
        );
        assert!(cli(&["import", "vcard-ish", "x"]).is_err());
        assert!(cli(&["--frobnicate"]).is_err());
    }

    #[test]
    fn a_mapping_names_columns_by_header() {
        let csv = b"Who,Mail,Firm\nDana Ng,dana@example.com,Acme\n";
        let m = mapping(csv, &["name=who".into(), "organisation=Firm".into()]).unwrap();
        assert_eq!((m.name, m.organisation), (Some(0), Some(2)));
        assert_eq!(m.email, Some(1), "the rest is guessed");
        let err = mapping(csv, &["name=Nope".into()]).unwrap_err();
        assert!(
            err.contains("no column “Nope”") && err.contains("Who, Mail, Firm"),
            "{err}"
        );
        assert!(mapping(csv, &["colour=Who".into()])
            .unwrap_err()
            .contains("not a field"));
    }
}
