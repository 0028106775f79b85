//! Opening the SQLite file safely (writable, intact, ours, not newer), bringing its schema up to
//! date with a copy taken first, and the one write path: a transaction per change.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::backups_dir;
use super::cipher::{self, Passphrase};
use super::files::{
    copy_to_new, create_private_dir, create_private_empty, keep_private, stamp, with_suffix,
    DB_FILE,
};
use super::migrations::{migrations, MIGRATION_FILES};
use super::open_error::OpenError;
use crate::error::Result;
use crate::sync::{record_changes, Capture};

mod derived;
mod integrity;
use derived::Derived;
use integrity::check_integrity;
pub use integrity::{IntegrityCheck, CHECK_LATER_ABOVE};

/// Prepared statements each connection keeps for reuse.
const STATEMENTS_KEPT: usize = 64;

/// Counts the openings of database files in this process (see `Database::opening`).
static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Whether opening may bring an older file's schema up to this build's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Upgrade {
    IfOlder,
    Never,
}

/// An open, migrated Allies database.
pub struct Database {
    conn: Connection,
    path: PathBuf,
    commits: u64,
    /// The passphrase the file is encrypted with, if it is; copies of it need it too.
    key: Option<Passphrase>,
    /// Whether the file's pages were checked for damage when it was opened; a large one is
    /// checked after the window is up (see [`Database::integrity_check`]).
    checked: bool,
    /// Which opening of a file this is: a check made for one never closes another (the same
    /// file reopened after its encryption changed, say).
    opening: u64,
    /// What stops this opening's check (see [`IntegrityCheck::stop`]).
    check_control: std::sync::Arc<integrity::Control>,
    /// What sync needs at each write (boxed: the struct is moved around whole).
    sync: Box<SyncHooks>,
    /// Values worked out from the whole file, kept until it changes (see [`Database::derived`]);
    /// boxed like `sync`.
    derived: Box<Derived>,
}

#[derive(Default)]
struct SyncHooks {
    /// This device's sync identity when sync is on: each write is then recorded for it.
    capture: Option<Capture>,
    /// The wall clock sync's clocks follow, which the shell gives; without it they only count.
    wall_clock: Option<WallClock>,
}

/// The time now, as the shell reads it (the core never reads the clock itself).
pub type WallClock = std::sync::Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .finish()
    }
}

impl Database {
    /// Opens (creating if needed) `dir/allies.db` and brings its schema up to date.
    ///
    /// Before an existing database is upgraded, a copy is written next to it. The folder is
    /// its owner's alone (0700 on Unix), also when an older version made it otherwise.
    pub fn open_in(dir: &Path, now: DateTime<Utc>) -> Result<Database, OpenError> {
        create_private_dir(dir).map_err(|e| OpenError::Unavailable {
            path: dir.join(DB_FILE),
            detail: format!("the folder {} cannot be created ({e})", dir.display()),
        })?;
        Database::open(&dir.join(DB_FILE), now)
    }

    /// Opens the database file at `path`; see [`Database::open_in`].
    pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Database, OpenError> {
        Database::open_with(path, now, MIGRATION_FILES, None)
    }

    /// Opens `dir/allies.db` as [`Database::open_in`] does, except that a file larger than
    /// `check_later_above` bytes that needs no upgrade is not checked for damaged pages now:
    /// the check reads the whole file (seconds for years of data), and the app runs it after
    /// its window is up, through [`Database::integrity_check`]. A file that needs an upgrade is
    /// always checked first, so a damaged one is never migrated.
    pub fn open_in_checking_later(
        dir: &Path,
        now: DateTime<Utc>,
        check_later_above: u64,
    ) -> Result<Database, OpenError> {
        create_private_dir(dir).map_err(|e| OpenError::Unavailable {
            path: dir.join(DB_FILE),
            detail: format!("the folder {} cannot be created ({e})", dir.display()),
        })?;
        Database::open_checked(
            &dir.join(DB_FILE),
            now,
            MIGRATION_FILES,
            None,
            Some(check_later_above),
            Upgrade::IfOlder,
        )
    }

    /// Opens the database file at `path` with the passphrase it is encrypted with. A file that
    /// is not encrypted opens without it: the key is only used where one is needed.
    pub fn open_with_key(
        path: &Path,
        now: DateTime<Utc>,
        key: Option<&Passphrase>,
    ) -> Result<Database, OpenError> {
        Database::open_with(path, now, MIGRATION_FILES, key)
    }

    /// Opens the database file at `path` as [`Database::open_with_key`] does, but never upgrades
    /// it: for opening alongside another Allies that has it open. A file of an older data
    /// version is refused ([`OpenError::OtherVersionInUse`]) and left as it is, because the one
    /// using it is an older Allies that would then find a schema it does not know. A new, empty
    /// file is set up as usual.
    pub fn open_without_upgrade(
        path: &Path,
        now: DateTime<Utc>,
        key: Option<&Passphrase>,
    ) -> Result<Database, OpenError> {
        Database::open_checked(path, now, MIGRATION_FILES, key, None, Upgrade::Never)
    }

    fn open_with(
        path: &Path,
        now: DateTime<Utc>,
        steps: &[(&str, &'static str)],
        key: Option<&Passphrase>,
    ) -> Result<Database, OpenError> {
        Database::open_checked(path, now, steps, key, None, Upgrade::IfOlder)
    }

    fn open_checked(
        path: &Path,
        now: DateTime<Utc>,
        steps: &[(&str, &'static str)],
        key: Option<&Passphrase>,
        check_later_above: Option<u64>,
        upgrade: Upgrade,
    ) -> Result<Database, OpenError> {
        check_writable(path)?;
        let key = key.filter(|_| cipher::is_scrambled(path));
        if key.is_none() && cipher::is_encrypted(path) {
            return Err(OpenError::Locked {
                path: path.to_owned(),
            });
        }
        let fail = |e| OpenError::from_sqlite(path, e);
        let on_disk = path != Path::new(":memory:");
        if on_disk && !path.exists() {
            // A new database starts private: SQLite keeps the mode of the file it finds, and
            // gives its journal (-wal, -shm) the same one.
            let _ = create_private_empty(path);
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(fail)?;
        if let Some(key) = key {
            cipher::apply_key(&conn, key).map_err(fail)?;
        }

        // Reading the schema is the first thing that touches the file: a file that is not a
        // database (or a passphrase that does not decrypt it) fails here, before anything
        // could be written to it.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| match (key, e.sqlite_error_code()) {
                // A damaged first page reads like a wrong passphrase; if the passphrase opens
                // the backups, it is the file that is wrong.
                (Some(key), Some(ErrorCode::NotADatabase)) if cipher::opens_a_backup(path, key) => {
                    OpenError::Corrupt {
                        path: path.to_owned(),
                        detail: "it cannot be decrypted, though your passphrase opens its backups"
                            .into(),
                    }
                }
                (Some(_), Some(ErrorCode::NotADatabase)) => OpenError::WrongPassphrase {
                    path: path.to_owned(),
                },
                _ => fail(e),
            })?;
        let known = steps.len() as i64;
        if found > known {
            return Err(OpenError::TooNew {
                path: path.to_owned(),
                found,
                known,
            });
        }
        if upgrade == Upgrade::Never && found > 0 && found < known {
            return Err(OpenError::OtherVersionInUse {
                path: path.to_owned(),
                found,
                known,
            });
        }
        let large = |limit| std::fs::metadata(path).is_ok_and(|m| m.len() > limit);
        let checked = match check_later_above {
            Some(limit) if found == known && large(limit) => false,
            _ => {
                check_integrity(&conn, path)?;
                true
            }
        };
        if found == 0 {
            // Data version 0 is a new, empty file; tables there belong to another program,
            // and Allies must not add its own to them.
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(fail)?;
            if tables > 0 {
                return Err(OpenError::ForeignDatabase {
                    path: path.to_owned(),
                });
            }
        }

        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(fail)?;
        // FULL: a committed change survives a power cut, not just a crash of the app.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(fail)?;
        // Freed pages are overwritten with zeros, so text that was changed or deleted does not
        // linger in the file's free pages (a file too large to VACUUM is never rewritten).
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(fail)?;
        // Up to 32 MB of pages kept in memory (SQLite's default is 2 MB): searches over a large
        // journal read less from disk and, when the file is encrypted, decrypt less.
        conn.pragma_update(None, "cache_size", -32_000)
            .map_err(fail)?;
        // Prepared statements kept for reuse (rusqlite keeps 16): one search alone runs about
        // twenty, and each search index's statement costs a parse of its schema to prepare.
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);

        if found > 0 && found < known {
            backup_before_upgrade(&conn, path, found, now)?;
        }
        migrations(steps)
            .to_latest(&mut conn)
            .map_err(|e| match e {
                // A damaged or busy file says so itself.
                rusqlite_migration::Error::RusqliteError { err, .. }
                    if matches!(
                        err.sqlite_error_code(),
                        Some(
                            ErrorCode::NotADatabase
                                | ErrorCode::DatabaseCorrupt
                                | ErrorCode::DatabaseBusy
                                | ErrorCode::DatabaseLocked
                        )
                    ) =>
                {
                    fail(err)
                }
                other => OpenError::Unavailable {
                    path: path.to_owned(),
                    detail: format!(
                        "its data could not be brought up to this version of Allies ({other}). \
                         The file was not changed{}",
                        if found > 0 {
                            ", and a copy from before the attempt is in the backups folder"
                        } else {
                            ""
                        }
                    ),
                },
            })?;
        cipher::tidy_after_open(path, key);
        if on_disk {
            keep_files_private(path);
        }
        let sync = Capture::load(&conn).map_err(|e| OpenError::Unavailable {
            path: path.to_owned(),
            detail: format!("its sync settings could not be read ({e})"),
        })?;
        Ok(Database {
            conn,
            path: path.to_owned(),
            commits: 0,
            key: key.cloned(),
            checked,
            opening: OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            check_control: std::sync::Arc::default(),
            sync: Box::new(SyncHooks {
                capture: sync,
                wall_clock: None,
            }),
            derived: Box::default(),
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Database, OpenError> {
        Database::open(Path::new(":memory:"), DateTime::<Utc>::MIN_UTC)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is encrypted with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `given` is the passphrase the file is encrypted with.
    pub fn passphrase_is(&self, given: &Passphrase) -> bool {
        self.key.as_ref() == Some(given)
    }

    /// The passphrase the file is encrypted with, to open a backup encrypted with it (it cannot
    /// be read out of a [`Passphrase`]).
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Gives back the memory of the pages this connection keeps cached and is not using. For
    /// after a one-off read of the whole file (the daily copy): an idle app need not hold it,
    /// and the cache fills again with what is read next.
    pub fn release_cache(&self) {
        // Fails only while a statement holds the pages; they are then given back next time.
        let _ = self.conn.release_memory();
        self.derived.clear();
    }

    /// The check for damaged pages this file still needs, when it was opened without it
    /// ([`Database::open_in_checking_later`]); run it on any thread, it opens its own
    /// read-only connection and leaves this one free.
    pub fn integrity_check(&self) -> Option<IntegrityCheck> {
        (!self.checked).then(|| {
            IntegrityCheck::new(
                &self.path,
                self.key.clone(),
                self.opening,
                std::sync::Arc::clone(&self.check_control),
            )
        })
    }

    /// Whether `check` was made for this opening of the file.
    pub fn is_checked_by(&self, check: &IntegrityCheck) -> bool {
        check.opening() == self.opening
    }

    /// Read access for queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction: all of it is stored, or none of it.
    ///
    /// When sync is on, the changes `f` makes to synced tables are recorded (SQLite's session
    /// extension) and stored for the other devices in the same transaction, before it commits:
    /// a change is never committed without its record, nor recorded without being committed.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let now_ms = match self.sync.capture {
            Some(_) => self.wall_clock_ms(),
            None => 0,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = match &self.sync.capture {
            None => f(&tx)?,
            Some(capture) => record_changes(&tx, capture, now_ms, f)?,
        };
        tx.commit()?;
        self.commits += 1;
        Ok(value)
    }

    /// Runs `f` in one write transaction that sync does not record: applying other devices'
    /// changes (they must not echo back) and sync's own bookkeeping.
    pub(crate) fn write_unrecorded<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        self.commits += 1;
        Ok(value)
    }

    /// Turns the recording of writes for sync on (with this device's identity) or off.
    pub(crate) fn set_sync_capture(&mut self, capture: Option<Capture>) {
        self.sync.capture = capture;
    }

    /// Gives the wall clock that the clocks of recorded changes follow (sync's conflicts go to
    /// the later change by it). Without one, a change is only later than the last one this
    /// device made or applied.
    pub fn set_wall_clock(&mut self, clock: WallClock) {
        self.sync.wall_clock = Some(clock);
    }

    /// The wall clock in milliseconds, 0 without one.
    pub(crate) fn wall_clock_ms(&self) -> i64 {
        self.sync
            .wall_clock
            .as_ref()
            .map_or(0, |clock| clock().timestamp_millis())
    }

    /// Whether writes are recorded for sync.
    pub fn is_syncing(&self) -> bool {
        self.sync.capture.is_some()
    }

    /// How many write transactions this connection committed, so a caller can tell whether
    /// an operation changed anything (and, say, let the reminder scheduler look again).
    pub fn commits(&self) -> u64 {
        self.commits
    }
}

/// Corrects the modes of the files an older version made readable by others: the database,
/// its journal, the backups folder and the copies in it. Best effort: a file that cannot be
/// changed (another owner) does not stop the data from opening.
fn keep_files_private(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = keep_private(&with_suffix(path, suffix));
    }
    let backups = path.with_file_name(backups_dir::DIR);
    if backups.is_dir() {
        let _ = create_private_dir(&backups);
        for entry in std::fs::read_dir(&backups).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = keep_private(&entry.path());
            }
        }
    }
}

/// Refuses, with what to do, a file or folder Allies cannot write to: SQLite would open it for
/// reading only and fail at the first change, or fail to create its journal beside it.
fn check_writable(path: &Path) -> Result<(), OpenError> {
    let read_only = |at: &Path, e: std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Err(OpenError::ReadOnly {
                path: at.to_owned(),
                detail: e.to_string(),
            })
        }
        _ => Ok(()),
    };
    if path == Path::new(":memory:") {
        return Ok(());
    }
    if path.exists() {
        if let Err(e) = std::fs::OpenOptions::new().append(true).open(path) {
            read_only(path, e)?;
        }
    }
    let Some(dir) = path.parent().filter(|d| d.is_dir()) else {
        return Ok(());
    };
    let probe = dir.join(format!(".allies-write-check-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => read_only(dir, e),
    }
}

/// The copy of a file at data version 1 before its upgrade:
/// `backups/allies-20261126T101500Z-before-upgrade-v1.db`, next to the file, with the other
/// copies Settings lists.
fn upgrade_copy_path(path: &Path, version: i64, now: DateTime<Utc>) -> PathBuf {
    path.with_file_name(backups_dir::DIR).join(format!(
        "allies-{}-before-upgrade-v{version}.db",
        stamp(now)
    ))
}

fn backup_before_upgrade(
    conn: &Connection,
    path: &Path,
    version: i64,
    now: DateTime<Utc>,
) -> Result<PathBuf, OpenError> {
    let backup = upgrade_copy_path(path, version, now);
    if let Some(dir) = backup.parent() {
        create_private_dir(dir).map_err(|e| OpenError::Unavailable {
            path: path.to_owned(),
            detail: format!(
                "the folder {} for a safety copy could not be made before upgrading ({e}); nothing was changed",
                dir.display()
            ),
        })?;
    }
    // A name of its own, should a copy from the same second exist (a restart after a crash).
    let names = (1..=1000).map(|n| {
        let first = upgrade_copy_path(path, version, now);
        if n == 1 {
            first
        } else {
            first.with_extension(format!("{n}.db"))
        }
    });
    let backup = copy_to_new(conn, names).map_err(|e| OpenError::Unavailable {
        path: path.to_owned(),
        detail: format!(
            "a safety copy could not be written to {} before upgrading ({}); nothing was changed",
            e.path.display(),
            e.detail
        ),
    })?;
    Ok(backup)
}

/// How much the database holds, for `allies check`: (what, how many).
pub fn summary(db: &Database) -> crate::Result<Vec<(&'static str, i64)>> {
    const COUNTS: &[(&str, &str)] = &[
        (
            "people",
            "SELECT count(*) FROM people WHERE deleted_at IS NULL AND left_at IS NULL",
        ),
        (
            "former colleagues",
            "SELECT count(*) FROM people WHERE deleted_at IS NULL AND left_at IS NOT NULL",
        ),
        ("maps", "SELECT count(*) FROM maps WHERE deleted_at IS NULL"),
        (
            "interactions",
            "SELECT count(*) FROM interactions WHERE deleted_at IS NULL",
        ),
        (
            "favours",
            "SELECT count(*) FROM favours WHERE deleted_at IS NULL",
        ),
        (
            "promises",
            "SELECT count(*) FROM promises WHERE deleted_at IS NULL",
        ),
        (
            "conflicts",
            "SELECT count(*) FROM conflicts WHERE deleted_at IS NULL",
        ),
        (
            "written reminders",
            "SELECT count(*) FROM reminders WHERE deleted_at IS NULL",
        ),
        (
            "groups",
            "SELECT count(*) FROM groups WHERE deleted_at IS NULL",
        ),
    ];
    COUNTS
        .iter()
        .map(|(what, sql)| Ok((*what, db.conn().query_row(sql, [], |r| r.get(0))?)))
        .collect()
}

#[cfg(test)]
mod tests;
