//! The app's one database, opened at start; or, if it could not be opened, why not.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use allies_core::storage::encryption::{self, Passphrase};
use allies_core::{storage, storage::snapshots, Database, OpenError, WireError};
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
    /// Not open, and why: damaged, or encrypted and locked (`OpenError::Locked`). The
    /// passphrase is kept when it was right, for opening a backup in place of a damaged file.
    Broken(OpenError, Option<Passphrase>),
}

/// Cheap to clone: every clone shares the one database and the scheduler's signals.
#[derive(Clone)]
pub struct AppState {
    slot: Arc<Mutex<Slot>>,
    /// Wakes the reminder scheduler when a command changed the data.
    pub changed: Arc<tokio::sync::Notify>,
    /// Why the desktop last failed to show a reminder, until it shows one again.
    pub desktop_problem: Arc<Mutex<Option<String>>>,
    /// Presenting mode as the UI last set it (`Presenting::as_u8`): pop-ups then show no names.
    pub presenting: Arc<std::sync::atomic::AtomicU8>,
}

/// What the UI needs to know at start: can it work, and where is the data.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub ready: bool,
    pub db_path: Option<PathBuf>,
    pub error: Option<WireError>,
    pub can_start_fresh: bool,
    /// Whether the data is encrypted with a passphrase (and so can be locked).
    pub encrypted: bool,
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
            Err(e @ OpenError::Locked { .. }) => Slot::Broken(e, None),
            Err(e) => {
                eprintln!("allies: {e}");
                Slot::Broken(e, None)
            }
        };
        AppState::with_slot(slot)
    }

    fn with_slot(slot: Slot) -> AppState {
        AppState {
            slot: Arc::new(Mutex::new(slot)),
            changed: Arc::new(tokio::sync::Notify::new()),
            desktop_problem: Arc::new(Mutex::new(None)),
            presenting: Arc::default(),
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
                encrypted: db.is_encrypted(),
                moved_aside_to,
                latest_backup: None,
            },
            Slot::Broken(e, key) => Status {
                ready: false,
                db_path: e.path().map(ToOwned::to_owned),
                error: Some(e.clone().into()),
                can_start_fresh: e.can_start_fresh(),
                encrypted: key.is_some() || matches!(e, OpenError::Locked { .. }),
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
            Slot::Broken(e, _) if !e.can_start_fresh() => return Err(e.clone().into()),
            Slot::Broken(e, _) => e.path().map(ToOwned::to_owned),
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
            Slot::Broken(e, _) if !e.can_start_fresh() => return Err(e.clone().into()),
            Slot::Broken(e, key) => (e.path().map(ToOwned::to_owned), key.clone()),
        };
        let (path, key) = path;
        let path = path
            .ok_or_else(|| WireError::new("storage.no_data_dir", "No database file to replace."))?;
        let latest = snapshots::list_for(&path)?
            .into_iter()
            .next()
            .ok_or_else(|| WireError::new("backups.none", "There is no backup to restore."))?;
        let (db, aside) = storage::restore_copy(&path, &latest.path, now, key.as_ref())?;
        *slot = Slot::Ready(db);
        self.changed.notify_one();
        Ok(aside)
    }

    /// Opens encrypted data with its passphrase. A wrong passphrase leaves it locked and says
    /// so; a right one on a file that turns out damaged leads to the damaged-file screen.
    pub fn unlock(&self, passphrase: String, now: DateTime<Utc>) -> Result<(), WireError> {
        let key = Passphrase::given(passphrase)?;
        let mut slot = lock(&self.slot);
        let path = match &*slot {
            Slot::Broken(OpenError::Locked { path }, _) => path.clone(),
            Slot::Ready(_) => return Ok(()),
            Slot::Broken(e, _) => return Err(e.clone().into()),
        };
        match Database::open_with_key(&path, now, Some(&key)) {
            Ok(db) => *slot = Slot::Ready(db),
            Err(e @ OpenError::WrongPassphrase { .. }) => {
                let mut wire = WireError::from(e);
                wire.field = Some("passphrase".into());
                return Err(wire);
            }
            Err(e) => *slot = Slot::Broken(e, Some(key)),
        }
        // Anything that fell due while locked is shown now.
        self.changed.notify_one();
        Ok(())
    }

    /// Whether the data is encrypted and waiting for its passphrase.
    pub fn is_locked(&self) -> bool {
        matches!(
            &*lock(&self.slot),
            Slot::Broken(OpenError::Locked { .. }, _)
        )
    }

    /// Closes encrypted data until its passphrase is given again.
    pub fn lock_now(&self) -> Result<(), WireError> {
        let mut slot = lock(&self.slot);
        match &*slot {
            Slot::Ready(db) if db.is_encrypted() => {
                let path = db.path().to_owned();
                *slot = Slot::Broken(OpenError::Locked { path }, None);
                Ok(())
            }
            Slot::Ready(_) => Err(WireError::new(
                "encryption.off",
                "Allies locks only when your data is encrypted. Set a passphrase in Settings first.",
            )),
            Slot::Broken(OpenError::Locked { .. }, _) => Ok(()),
            Slot::Broken(e, _) => Err(e.clone().into()),
        }
    }

    /// Encrypts the data with `new`, changes the passphrase, or (`new` empty) decrypts it.
    /// When the data is encrypted, `current` must be its passphrase.
    pub fn set_encryption(
        &self,
        current: Option<String>,
        new: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<encryption::Report, WireError> {
        let new = new
            .filter(|n| !n.is_empty())
            .map(Passphrase::new_checked)
            .transpose()?;
        let mut slot = lock(&self.slot);
        let Slot::Ready(db) = &*slot else {
            return Err(WireError::new(
                "storage.not_open",
                "Open your data first; its encryption can only be changed while it is open.",
            ));
        };
        if db.is_encrypted() {
            let right = current
                .filter(|c| !c.is_empty())
                .and_then(|c| Passphrase::given(c).ok())
                .is_some_and(|c| db.passphrase_is(&c));
            if !right {
                let mut wire = WireError::new(
                    "encryption.wrong_current",
                    "That is not your current passphrase.",
                );
                wire.field = Some("current".into());
                return Err(wire);
            }
        } else if new.is_none() {
            return Err(WireError::new(
                "encryption.off",
                "Your data is not encrypted; there is nothing to turn off.",
            ));
        }
        let path = db.path().to_owned();
        let db = match std::mem::replace(&mut *slot, Slot::Broken(OpenError::Locked { path }, None))
        {
            Slot::Ready(db) => db,
            other => {
                *slot = other;
                return Err(WireError::new("storage.not_open", "Open your data first."));
            }
        };
        let (reopened, result) = encryption::change(db, new, now);
        *slot = match reopened {
            Ok(db) => Slot::Ready(db),
            Err(e) => Slot::Broken(e, None),
        };
        self.changed.notify_one();
        result.map_err(WireError::from)
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
            Slot::Broken(e, _) => Err(e.clone().into()),
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
            Slot::Broken(e, _) => Err(e.clone().into()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use allies_core::people::{self, PersonInput};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    fn code<T: std::fmt::Debug>(r: Result<T, WireError>) -> (String, Option<String>) {
        let e = r.unwrap_err();
        (e.code, e.field)
    }

    #[test]
    fn encrypting_locking_and_unlocking_move_between_ready_and_locked() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open_in(dir.path(), at()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
        let state = AppState::over(db);
        assert_eq!(
            code(state.lock_now()).0,
            "encryption.off",
            "nothing to lock yet"
        );
        assert_eq!(
            code(state.set_encryption(None, Some("short".into()), at())),
            (
                "encryption.passphrase_short".into(),
                Some("passphrase".into())
            )
        );
        let report = state
            .set_encryption(None, Some("a fine passphrase".into()), at())
            .unwrap();
        assert!(report.encrypted && state.status(None).encrypted);

        state.lock_now().unwrap();
        assert!(state.is_locked());
        let locked = state.status(None);
        assert!(!locked.ready && locked.encrypted && !locked.can_start_fresh);
        assert_eq!(locked.error.unwrap().code, "storage.locked");
        assert_eq!(
            code(state.with_db_blocking(|db| people::list(db, ""))).0,
            "storage.locked",
            "nothing is read while locked"
        );
        assert_eq!(
            code(state.unlock("a wrong passphrase".into(), at())),
            ("storage.wrong_passphrase".into(), Some("passphrase".into()))
        );
        assert!(state.is_locked(), "a wrong passphrase leaves it locked");
        state.unlock("a fine passphrase".into(), at()).unwrap();
        assert!(state.status(None).ready);
        let names = state.with_db_blocking(|db| people::list(db, "")).unwrap();
        assert_eq!(names[0].name, "Dana");

        assert_eq!(
            code(state.set_encryption(Some("not it".into()), None, at())),
            ("encryption.wrong_current".into(), Some("current".into()))
        );
        assert!(
            !state
                .set_encryption(Some("a fine passphrase".into()), None, at())
                .unwrap()
                .encrypted
        );
        let status = state.status(None);
        assert!(status.ready && !status.encrypted);
    }
}
