//! The app's one database, opened at start; or, if it could not be opened, why not.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use allies_core::{snapshots, storage, Database, OpenError, WireError};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Shifts the app's clock by this many seconds, so tests can reach a due time without
/// waiting for it. Unset in normal use.
pub const CLOCK_OFFSET_VAR: &str = "ALLIES_CLOCK_OFFSET_SECONDS";

fn clock_offset() -> chrono::Duration {
    static OFFSET: OnceLock<chrono::Duration> = OnceLock::new();
    *OFFSET.get_or_init(|| {
        std::env::var(CLOCK_OFFSET_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .and_then(chrono::Duration::try_seconds)
            .unwrap_or_default()
    })
}

/// The one place the shell reads the clock; everything below takes `now` as a parameter.
#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now() + clock_offset()
}

/// The user's calendar day, for due dates.
pub fn today() -> chrono::NaiveDate {
    now().with_timezone(&chrono::Local).date_naive()
}

enum Slot {
    Ready(Database),
    Broken(OpenError),
}

/// Cheap to clone: every clone shares the one database and the scheduler's signals.
#[derive(Clone)]
pub struct AppState {
    slot: Arc<Mutex<Slot>>,
    /// Wakes the reminder scheduler when a command changed the data.
    pub changed: Arc<tokio::sync::Notify>,
    /// Why the desktop last failed to show a reminder, until it shows one again.
    pub desktop_problem: Arc<Mutex<Option<String>>>,
}

/// What the UI needs to know at start: can it work, and where is the data.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub ready: bool,
    pub db_path: Option<PathBuf>,
    pub error: Option<WireError>,
    pub can_start_fresh: bool,
    /// Where the unreadable file was moved by "Start fresh", when that just happened.
    pub moved_aside_to: Option<PathBuf>,
    /// The newest copy in the backups folder, offered in place of a file that cannot be used.
    pub latest_backup: Option<LatestBackup>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatestBackup {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
}

fn lock(slot: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    // A panic while the lock was held cannot leave a half-written change behind: every write
    // is one SQLite transaction, rolled back when dropped. So the database is still usable.
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn open(now: DateTime<Utc>) -> AppState {
        let slot = match storage::data_dir().and_then(|dir| Database::open_in(&dir, now)) {
            Ok(db) => Slot::Ready(db),
            Err(e) => {
                eprintln!("allies: {e}");
                Slot::Broken(e)
            }
        };
        AppState::with_slot(slot)
    }

    fn with_slot(slot: Slot) -> AppState {
        AppState {
            slot: Arc::new(Mutex::new(slot)),
            changed: Arc::new(tokio::sync::Notify::new()),
            desktop_problem: Arc::new(Mutex::new(None)),
        }
    }

    /// The state over a database opened elsewhere (tests).
    #[cfg(test)]
    pub fn over(db: Database) -> AppState {
        AppState::with_slot(Slot::Ready(db))
    }

    pub fn status(&self, moved_aside_to: Option<PathBuf>) -> Status {
        match &*lock(&self.slot) {
            Slot::Ready(db) => Status {
                ready: true,
                db_path: Some(db.path().to_owned()),
                error: None,
                can_start_fresh: false,
                moved_aside_to,
                latest_backup: None,
            },
            Slot::Broken(e) => Status {
                ready: false,
                db_path: e.path().map(ToOwned::to_owned),
                error: Some(e.clone().into()),
                can_start_fresh: e.can_start_fresh(),
                moved_aside_to,
                latest_backup: e
                    .path()
                    .filter(|_| e.can_start_fresh())
                    .and_then(|path| snapshots::list_for(path).ok())
                    .and_then(|all| all.into_iter().next())
                    .map(|s| LatestBackup {
                        path: s.path,
                        taken_at: s.taken_at,
                    }),
            },
        }
    }

    /// Moves an unreadable database aside and opens a new, empty one in its place.
    pub fn start_fresh(&self, now: DateTime<Utc>) -> Result<PathBuf, WireError> {
        let mut slot = lock(&self.slot);
        let path = match &*slot {
            Slot::Ready(_) => {
                return Err(WireError::new(
                    "storage.already_open",
                    "Your database opened normally; there is nothing to start fresh from.",
                ))
            }
            Slot::Broken(e) if !e.can_start_fresh() => return Err(e.clone().into()),
            Slot::Broken(e) => e.path().map(ToOwned::to_owned),
        };
        let path =
            path.ok_or_else(|| WireError::new("storage.no_data_dir", "No database file to move."))?;
        let (db, aside) = storage::start_fresh(&path, now)?;
        *slot = Slot::Ready(db);
        self.changed.notify_one();
        Ok(aside)
    }

    /// Puts the newest copy from the backups folder in place of a database that cannot be
    /// used, which is moved aside and kept; returns where it went.
    pub fn restore_latest(&self, now: DateTime<Utc>) -> Result<PathBuf, WireError> {
        let mut slot = lock(&self.slot);
        let path = match &*slot {
            Slot::Ready(_) => {
                return Err(WireError::new(
                    "storage.already_open",
                    "Your database opened normally; restore a backup from Settings instead.",
                ))
            }
            Slot::Broken(e) if !e.can_start_fresh() => return Err(e.clone().into()),
            Slot::Broken(e) => e.path().map(ToOwned::to_owned),
        };
        let path = path
            .ok_or_else(|| WireError::new("storage.no_data_dir", "No database file to replace."))?;
        let latest = snapshots::list_for(&path)?
            .into_iter()
            .next()
            .ok_or_else(|| WireError::new("backups.none", "There is no backup to restore."))?;
        let (db, aside) = storage::restore_copy(&path, &latest.path, now)?;
        *slot = Slot::Ready(db);
        self.changed.notify_one();
        Ok(aside)
    }

    /// Runs `f` on the database off the UI thread. If it wrote anything, the reminder
    /// scheduler looks again (a favour marked done wants its thank-you now, not in a minute).
    pub async fn with_db<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> allies_core::Result<T> + Send + 'static,
    {
        let changed = Arc::clone(&self.changed);
        self.with_db_quietly(move |db| {
            let before = db.commits();
            let result = f(db);
            if db.commits() != before {
                changed.notify_one();
            }
            result
        })
        .await
    }

    /// Runs `f` on the database on this thread, for threads of the shell's own. It does not
    /// wake the scheduler: the caller is the scheduler, or says so itself.
    pub fn with_db_blocking<T>(
        &self,
        f: impl FnOnce(&mut Database) -> allies_core::Result<T>,
    ) -> Result<T, WireError> {
        match &mut *lock(&self.slot) {
            Slot::Ready(db) => f(db).map_err(WireError::from),
            Slot::Broken(e) => Err(e.clone().into()),
        }
    }

    /// Like [`AppState::with_db`], without waking the scheduler (the scheduler itself).
    pub async fn with_db_quietly<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> allies_core::Result<T> + Send + 'static,
    {
        let slot = Arc::clone(&self.slot);
        tauri::async_runtime::spawn_blocking(move || match &mut *lock(&slot) {
            Slot::Ready(db) => f(db).map_err(WireError::from),
            Slot::Broken(e) => Err(e.clone().into()),
        })
        .await
        .map_err(|e| {
            WireError::new(
                "app.internal",
                format!("The operation stopped unexpectedly: {e}. Nothing was saved."),
            )
        })?
    }
}
