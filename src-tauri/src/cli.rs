//! The command line of the `allies` binary. With no arguments the window opens; the commands
//! work on the same data without a window, for scripts and backups, and are safe to run while
//! the app is open: a command uses the database alongside the app (WAL mode, a busy timeout)
//! under a shared hold of the folder's `data.lock`, so it waits while the app opens, migrates,
//! encrypts or decrypts the file, and the app changes none of that while a command runs (see
//! `allies_core::storage::locks`). A command never upgrades the file alongside the app: data
//! of an older version (the app running is an older Allies) is refused. With the app closed, a
//! command opens the database alone, and upgrades it as the app would.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use allies_core::interop::import::{self, Format, Mapping, OnDuplicate};
use allies_core::interop::{self, export};
use allies_core::storage::encryption::{self, Passphrase};
use allies_core::storage::locks::DataLock;
use allies_core::{storage, sync, Database, OpenError};
use clap::{Parser, Subcommand, ValueEnum};

use crate::state::now;

mod sync_text;

/// Map, know and keep in touch with the people your career depends on.
///
/// With no command, the Allies window opens.
#[derive(Debug, Parser, PartialEq, Eq)]
#[command(name = "allies", version, disable_help_subcommand = true)]
#[command(
    after_help = "Environment:\n  ALLIES_DATA_DIR    keep the data in this folder instead of the usual place\n  ALLIES_PASSPHRASE  the passphrase of encrypted data, for commands run here\n\nWith encrypted data and neither --passphrase-stdin nor ALLIES_PASSPHRASE, a command run in a terminal asks for the passphrase (without showing it)."
)]
pub struct Cli {
    /// Start in the tray and only show reminders, as at login.
    #[arg(long)]
    pub background: bool,

    /// Use the data in this folder (for this run) instead of the usual place.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Read the passphrase of encrypted data from the first line of standard input.
    #[arg(long, global = true)]
    pub passphrase_stdin: bool,

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
        /// how_met, tags, emails, phones, birthday, anniversary, start_date. Columns not given
        /// are guessed from the header.
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
    /// Sync with your other computers through the folder chosen in Settings → Sync.
    Sync {
        #[command(subcommand)]
        action: SyncAction,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum SyncAction {
    /// Show this computer, the others with when they last wrote, and what waits.
    Status,
    /// Write this computer's changes to the folder, then apply the other computers'.
    Now,
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
    /// The user's own wins, one row each, with who knows each.
    WinsCsv,
    /// The user's asks for support, one row each, with their goal, forum and dated steps.
    AsksCsv,
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
            ExportKind::WinsCsv => export::Kind::WinsCsv,
            ExportKind::AsksCsv => export::Kind::AsksCsv,
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
            Some(command) => Invocation::Exit(execute(
                command,
                &Where {
                    data_dir: cli.data_dir.as_deref(),
                    passphrase_stdin: cli.passphrase_stdin,
                },
            )),
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

/// How long a command waits for the app to finish changing the database file.
const WAIT_FOR_THE_APP: Duration = Duration::from_secs(60);

/// Where the data is, and how the passphrase of encrypted data is given.
pub struct Where<'a> {
    data_dir: Option<&'a Path>,
    passphrase_stdin: bool,
}

/// The passphrase of the encrypted data at `path`: from standard input when asked to, else
/// from [`PASSPHRASE_VAR`], else typed at the terminal without echo.
fn passphrase(given: &Where<'_>, path: &Path) -> Result<Passphrase, String> {
    let text = if given.passphrase_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the passphrase from standard input: {e}"))?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    } else if let Some(value) = std::env::var_os(PASSPHRASE_VAR) {
        value.to_string_lossy().into_owned()
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Passphrase for {}: ", path.display()))
            .map_err(|e| format!("cannot read the passphrase from the terminal: {e}"))?
    } else {
        return Err(format!(
            "The data in {} is encrypted. Give its passphrase on standard input with --passphrase-stdin, set {PASSPHRASE_VAR} to it, or run the command in a terminal to be asked for it.",
            path.display()
        ));
    };
    Passphrase::given(text).map_err(|e| e.to_string())
}

/// Opens the database, held (see the module's comment) until the returned lock is dropped.
fn open(given: &Where<'_>) -> Result<(DataLock, Database), String> {
    let dir = data_dir(given.data_dir)?;
    let path = dir.join(storage::DB_FILE);
    // Asked before the database is held, so a prompt never holds up the app.
    let mut key = if encryption::is_encrypted(&path) {
        Some(passphrase(given, &path)?)
    } else {
        None
    };
    loop {
        // Alone when the app is not running: opening may then upgrade the file. Otherwise
        // alongside it, once it has finished any change of the file, and never upgrading it:
        // an app of another version would find a schema it does not know.
        let (mut lock, opened) = match DataLock::exclusive(&dir, Duration::ZERO) {
            Ok(lock) => (lock, Database::open_with_key(&path, now(), key.as_ref())),
            Err(_) => {
                let lock = DataLock::shared(&dir, WAIT_FOR_THE_APP).map_err(|e| e.to_string())?;
                let opened = Database::open_without_upgrade(&path, now(), key.as_ref());
                (lock, opened)
            }
        };
        match opened {
            // Encrypted by the app in the meantime.
            Err(OpenError::Locked { .. }) if key.is_none() => {
                drop(lock);
                key = Some(passphrase(given, &path)?);
            }
            Ok(mut db) => {
                lock.share().map_err(|e| e.to_string())?;
                // What a command changes syncs like a change in the window, on the same clock.
                db.set_wall_clock(std::sync::Arc::new(now));
                return Ok((lock, db));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn execute(command: Command, given: &Where<'_>) -> ExitCode {
    match command {
        Command::DataDir => match data_dir(given.data_dir) {
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
        Command::Sync { action } => sync(action, given),
    }
}

/// Writes an export of `kind` to a new `file`, never over an existing one.
fn export_to(file: &Path, given: &Where<'_>, kind: export::Kind) -> ExitCode {
    let written = open(given).and_then(|(_held, db)| {
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

fn restore(file: &Path, yes: bool, given: &Where<'_>) -> ExitCode {
    // The size cap and the messages of the window's restore.
    let bytes = match interop::read_file(file, true) {
        Ok(bytes) => bytes,
        Err(e) => return fail(e),
    };
    // An encrypted backup opens with the data's passphrase, so the data is opened first (and
    // only once: the passphrase may come from standard input or a prompt).
    let mut opened = None;
    let key = if allies_core::storage::sealed_backup::is_sealed(&bytes) {
        match open(given) {
            Ok((held, db)) => {
                let key = db.passphrase().cloned();
                opened = Some((held, db));
                key
            }
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
    let (_held, mut db) = match opened.map_or_else(|| open(given), Ok) {
        Ok(opened) => opened,
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

fn sync(action: SyncAction, given: &Where<'_>) -> ExitCode {
    let (_held, mut db) = match open(given) {
        Ok(opened) => opened,
        Err(e) => return fail(e),
    };
    if action == SyncAction::Now {
        match sync::sync_now(&mut db, now()) {
            Ok(round) => print!("{}", sync_text::round(&round)),
            Err(e) => return fail(e),
        }
    }
    match sync::overview(&db) {
        Ok(overview) => {
            print!("{}", sync_text::overview(&overview));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn check(given: &Where<'_>) -> ExitCode {
    // Opening runs the integrity check; a damaged file is reported and left as it is.
    let (_held, db) = match open(given) {
        Ok(opened) => opened,
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
            "emails" => &mut mapping.emails,
            "phones" => &mut mapping.phones,
            "tags" => &mut mapping.tags,
            "birthday" => &mut mapping.birthday,
            "anniversary" => &mut mapping.anniversary,
            "start_date" => &mut mapping.start_date,
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
    given: &Where<'_>,
) -> ExitCode {
    // The size cap and the messages of the window's import.
    let bytes = match interop::read_file(file, false) {
        Ok(bytes) => bytes,
        Err(e) => return fail(e),
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
    let (_held, mut db) = match open(given) {
        Ok(opened) => opened,
        Err(e) => return fail(e),
    };
    let preview = match import::preview(&db, &reading.parsed) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Some(notice) = &preview.notice {
        println!("{notice}");
    }
    let not_people = match preview.not_people.len() {
        0 => String::new(),
        n => format!(", {n} skipped (not a person)"),
    };
    println!(
        "{}: {} new, {} already in Allies, {} cannot be imported{not_people}",
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
    for p in &preview.not_people {
        println!(
            "  {} {}: skipped (not a person): {}",
            preview.unit, p.row, p.reason
        );
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
mod tests;
