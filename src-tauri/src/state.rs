//! The app's one database, opened at start; or, if it could not be opened, why not.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use allies_core::{storage, Database, OpenError, WireError};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The one place the shell reads the clock; everything below takes `now` as a parameter.
#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The user's calendar day, for due dates.
#[allow(clippy::disallowed_methods)]
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

enum Slot {
    Ready(Database),
    Broken(OpenError),
}

pub struct AppState {
    slot: Arc<Mutex<Slot>>,
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
        AppState {
            slot: Arc::new(Mutex::new(slot)),
        }
    }

    pub fn status(&self, moved_aside_to: Option<PathBuf>) -> Status {
        match &*lock(&self.slot) {
            Slot::Ready(db) => Status {
                ready: true,
                db_path: Some(db.path().to_owned()),
                error: None,
                can_start_fresh: false,
                moved_aside_to,
            },
            Slot::Broken(e) => Status {
                ready: false,
                db_path: e.path().map(ToOwned::to_owned),
                error: Some(e.clone().into()),
                can_start_fresh: e.can_start_fresh(),
                moved_aside_to,
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
        Ok(aside)
    }

    /// Runs `f` on the database off the UI thread.
    pub async fn with_db<T, F>(&self, f: F) -> Result<T, WireError>
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
