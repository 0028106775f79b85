//! The shell's hold on the core's [`Session`]: one behind a mutex, shared by the commands and
//! the scheduler; database work moved off the UI thread; and the scheduler woken when a command
//! changed the data. The rules of opening, locking and recovering are the session's.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use allies_core::history;
use allies_core::session::Session;
pub use allies_core::session::{now, Status};
use allies_core::storage::{encryption, IntegrityCheck};
use allies_core::{Database, Error, OpenError, WireError};
use chrono::{DateTime, Utc};

use crate::desktop::{DesktopNotifier, IdleLook, Lockable};
use crate::monotonic::monotonic_now;

#[cfg(test)]
mod tests;

/// Cheap to clone: every clone shares the one session and the scheduler's signals.
#[derive(Clone)]
pub struct AppState {
    session: Arc<Mutex<Session>>,
    /// Wakes the reminder scheduler when a command changed the data.
    pub changed: Arc<tokio::sync::Notify>,
    /// Why the desktop last failed to show a reminder, until it shows one again.
    pub desktop_problem: Arc<Mutex<Option<String>>>,
    /// Presenting mode as the UI last set it (`Presenting::as_u8`): pop-ups then show no names.
    pub presenting: Arc<std::sync::atomic::AtomicU8>,
    /// The one notification worker: every pop-up, from the scheduler or a test reminder.
    pub notifier: DesktopNotifier,
    /// Wakes the idle lock's watch when the data may have become lockable again: unlocked,
    /// encrypted, replaced, or given a new delay.
    pub lock_rules: Arc<tokio::sync::Notify>,
    /// Wakes the sync loop when the user changed the data, to write it for the other devices.
    pub wrote: Arc<tokio::sync::Notify>,
    /// Why sync last failed in the background, until it works again: shown in Settings.
    pub sync_problem: Arc<Mutex<Option<String>>>,
}

fn lock(session: &Mutex<Session>) -> MutexGuard<'_, Session> {
    // A panic while the lock was held cannot leave a half-written change behind: every write
    // is one SQLite transaction, rolled back when dropped. So the database is still usable.
    session
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The user's calendar day now, in the time zone chosen in Settings.
pub fn today(db: &Database) -> allies_core::Result<chrono::NaiveDate> {
    allies_core::session::today(db, now())
}

/// A task the async runtime lost (it panicked or was cancelled), in the wire's shape.
pub fn stopped(e: impl std::fmt::Display) -> WireError {
    Error::Stopped {
        detail: e.to_string(),
    }
    .into()
}

/// Runs `f` on a blocking thread without taking the database: reading and parsing a file the
/// user chose, so a large one does not hold up every other command.
pub(crate) async fn off_the_database<T, F>(f: F) -> Result<T, WireError>
where
    T: Send + 'static,
    F: FnOnce() -> allies_core::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || f().map_err(WireError::from))
        .await
        .map_err(stopped)?
}

impl AppState {
    /// The state before the data is opened: nothing can use it until [`AppState::open_data`].
    pub fn unopened() -> AppState {
        AppState::with(Session::closed(OpenError::NoDataDir(
            "the data folder is not opened yet".into(),
        )))
    }

    /// Takes the data folder for this app and opens the database in it (see
    /// [`Session::open`]); another app already running keeps it, and this one opens nothing.
    /// It is opened on a thread of its own, and this returns once that thread holds
    /// the session, so whatever asks for it next waits until the data is open, and the caller
    /// (the UI thread, while WebKit starts the window) is not held up by the opening: held
    /// there by the check of a 6 MiB file, WebKit was seen to wait out a 500 ms timeout before
    /// the page began.
    pub fn open_data_aside(&self, now: DateTime<Utc>) {
        self.open_aside(move || Session::open(now));
    }

    fn open_aside(&self, open: impl FnOnce() -> Session + Send + 'static) {
        let (holding, held) = std::sync::mpsc::channel();
        let session = Arc::clone(&self.session);
        // Whichever thread takes the opener opens the data.
        let opener = Arc::new(Mutex::new(Some(open)));
        let theirs = Arc::clone(&opener);
        let spawned = std::thread::Builder::new()
            .name("open-data".into())
            .spawn(move || {
                let mut guard = lock(&session);
                let _ = holding.send(());
                let open = theirs.lock().ok().and_then(|mut o| o.take());
                if let Some(open) = open {
                    Self::take(&mut guard, open());
                }
            });
        let holds = spawned.is_ok() && held.recv().is_ok();
        if !holds {
            // The thread could not start: opened here after all.
            let open = opener.lock().ok().and_then(|mut o| o.take());
            if let Some(open) = open {
                Self::take(&mut lock(&self.session), open());
            }
        }
    }

    fn take(held: &mut Session, session: Session) {
        match session.problem() {
            None | Some(OpenError::Locked { .. }) => {}
            Some(e) => eprintln!("allies: {e}"),
        }
        *held = session;
        held.set_wall_clock(Arc::new(allies_core::session::now));
        held.used(monotonic_now());
    }

    fn with(session: Session) -> AppState {
        AppState {
            session: Arc::new(Mutex::new(session)),
            changed: Arc::new(tokio::sync::Notify::new()),
            desktop_problem: Arc::new(Mutex::new(None)),
            presenting: Arc::default(),
            notifier: DesktopNotifier::start(),
            lock_rules: Arc::new(tokio::sync::Notify::new()),
            wrote: Arc::new(tokio::sync::Notify::new()),
            sync_problem: Arc::new(Mutex::new(None)),
        }
    }

    /// The state over a database opened elsewhere (tests).
    #[cfg(test)]
    pub fn over(db: Database) -> AppState {
        let mut session = Session::over(db);
        session.set_wall_clock(Arc::new(now));
        AppState::with(session)
    }

    /// Why sync last failed in the background, if it has not worked since.
    pub fn sync_problem(&self) -> Option<String> {
        self.sync_problem
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Keeps (or, with `None`, clears) why sync failed in the background.
    pub fn set_sync_problem(&self, problem: Option<String>) {
        *self
            .sync_problem
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = problem;
    }

    pub fn status(&self, moved_aside_to: Option<PathBuf>) -> Status {
        lock(&self.session).status(moved_aside_to)
    }

    /// Runs a change of the session's state, then lets the scheduler look again (an unlock
    /// shows what fell due while locked; a new database has reminders of its own).
    fn change<T>(
        &self,
        f: impl FnOnce(&mut Session) -> allies_core::Result<T>,
    ) -> Result<T, WireError> {
        let result = f(&mut lock(&self.session));
        if result.is_ok() {
            self.changed.notify_one();
            self.lock_rules.notify_one();
        }
        result.map_err(WireError::from)
    }

    /// Moves an unreadable database aside and opens a new, empty one in its place.
    pub fn start_fresh(&self, now: DateTime<Utc>) -> Result<PathBuf, WireError> {
        self.change(|s| s.start_fresh(now))
    }

    /// Puts the newest copy from the backups folder in place of a database that cannot be used.
    pub fn restore_latest(&self, now: DateTime<Utc>) -> Result<PathBuf, WireError> {
        self.change(|s| s.restore_latest(now))
    }

    /// Opens encrypted data with its passphrase.
    pub fn unlock(&self, passphrase: String, now: DateTime<Utc>) -> Result<(), WireError> {
        self.change(|s| {
            s.unlock(passphrase, now)?;
            s.used(monotonic_now());
            Ok(())
        })
    }

    /// The check for damaged pages the opened file still needs (a large file is checked after
    /// the window is up), if any.
    pub fn integrity_check(&self) -> Option<IntegrityCheck> {
        lock(&self.session).integrity_check()
    }

    /// Takes what the check found; whether the damaged file was closed (the window then
    /// starts over and offers its newest copy).
    pub fn checked(&self, check: &IntegrityCheck, found: Result<(), OpenError>) -> bool {
        let closed = lock(&self.session).checked(check, found);
        if closed {
            self.changed.notify_one();
        }
        closed
    }

    /// Whether the data is encrypted and waiting for its passphrase.
    pub fn is_locked(&self) -> bool {
        lock(&self.session).is_locked()
    }

    /// The user did something in the window: open encrypted data stays open for the whole
    /// delay from now.
    pub fn used(&self) {
        lock(&self.session).used(monotonic_now());
    }

    /// Locks encrypted data after `seconds` without use (0: never), as chosen in Settings.
    pub fn set_lock_after(&self, seconds: u32) -> Result<(), WireError> {
        lock(&self.session).set_lock_after(seconds, monotonic_now())?;
        self.lock_rules.notify_one();
        Ok(())
    }

    /// Locks open encrypted data if it has gone unused for the delay; what the look found.
    pub fn look_when_idle(&self) -> IdleLook {
        let mut session = lock(&self.session);
        if session.lock_if_idle(monotonic_now()) {
            IdleLook::Locked
        } else if session.can_lock_when_idle() {
            IdleLook::Open
        } else {
            IdleLook::NothingToLock
        }
    }

    /// Locks open encrypted data at once (sleep, a locked screen); whether it did now.
    pub fn lock_because(&self) -> bool {
        lock(&self.session).lock_because()
    }

    /// Closes encrypted data until its passphrase is given again.
    pub fn lock_now(&self) -> Result<(), WireError> {
        lock(&self.session).lock().map_err(WireError::from)
    }

    /// Encrypts, re-keys or decrypts the data (see [`Session::set_encryption`]).
    pub fn set_encryption(
        &self,
        current: Option<String>,
        new: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<encryption::Report, WireError> {
        let result = {
            let mut session = lock(&self.session);
            let result = session.set_encryption(current, new, now);
            // Newly encrypted data stays open for the whole delay from this change.
            session.used(monotonic_now());
            result
        };
        // The data may have been closed and opened again: the scheduler looks afresh, and the
        // idle lock's watch too (newly encrypted data has something to lock).
        self.changed.notify_one();
        self.lock_rules.notify_one();
        result.map_err(WireError::from)
    }

    /// Runs `f`, one thing the user did, on the database off the UI thread. What it changes is
    /// one step of the undo history. If it wrote anything, the reminder scheduler looks again
    /// (a favour marked done wants its thank-you now, not in a minute).
    pub async fn with_db<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> allies_core::Result<T> + Send + 'static,
    {
        self.with_db_unrecorded(move |db| history::record(db, now(), f))
            .await
    }

    /// Runs `f`, a read, on the database off the UI thread. The core changes data only through
    /// `&mut Database`, so `f` cannot: no step of the undo history is made for it, and it does
    /// not wait for the history's triggers to be made on the connection (about 10 ms, once),
    /// which a start that only reads never needs.
    pub async fn read_db<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&Database) -> allies_core::Result<T> + Send + 'static,
    {
        self.with_db_quietly(move |db| f(db)).await
    }

    /// Runs `read` (reading and parsing a file the user chose) without taking the database,
    /// then `f` with what it read, as [`AppState::with_db`] does: a large file does not hold up
    /// every other command while it is parsed, and a file that cannot be read changes nothing.
    pub async fn with_db_after_reading<R, T, Read, F>(
        &self,
        read: Read,
        f: F,
    ) -> Result<T, WireError>
    where
        R: Send + 'static,
        T: Send + 'static,
        Read: FnOnce() -> allies_core::Result<R> + Send + 'static,
        F: FnOnce(&mut Database, R) -> allies_core::Result<T> + Send + 'static,
    {
        let what = off_the_database(read).await?;
        self.with_db(move |db| f(db, what)).await
    }

    /// Like [`AppState::with_db`], without making a step of the history: for undo and redo,
    /// which move through the history themselves.
    pub async fn with_db_unrecorded<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> allies_core::Result<T> + Send + 'static,
    {
        let changed = Arc::clone(&self.changed);
        let sync = Arc::clone(&self.wrote);
        let wrote = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let written = Arc::clone(&wrote);
        let result = self
            .with_db_quietly(move |db| {
                let before = db.commits();
                let result = f(db);
                if db.commits() != before {
                    changed.notify_one();
                    sync.notify_one();
                    written.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                result
            })
            .await;
        // A change the user made keeps encrypted data open for the whole delay again. Reads
        // do not count (views poll); the window reports other activity (`note_activity`).
        if wrote.load(std::sync::atomic::Ordering::Relaxed) {
            self.used();
        }
        result
    }

    /// Runs `f`, one thing the user did outside the window (a pop-up's button, the tray), on
    /// this thread, as one step of the undo history.
    pub fn record_blocking<T>(
        &self,
        f: impl FnOnce(&mut Database) -> allies_core::Result<T>,
    ) -> Result<T, WireError> {
        let result = self.with_db_blocking(|db| history::record(db, now(), f));
        // Written for the other devices soon (a pop-up's "Done" syncs like a click in the window).
        self.wrote.notify_one();
        result
    }

    /// Runs `f` on the database on this thread, for threads of the shell's own. It does not
    /// wake the scheduler: the caller is the scheduler, or says so itself.
    pub fn with_db_blocking<T>(
        &self,
        f: impl FnOnce(&mut Database) -> allies_core::Result<T>,
    ) -> Result<T, WireError> {
        let mut session = lock(&self.session);
        f(session.database()?).map_err(WireError::from)
    }

    /// Like [`AppState::with_db`], without waking the scheduler (the scheduler itself).
    pub async fn with_db_quietly<T, F>(&self, f: F) -> Result<T, WireError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Database) -> allies_core::Result<T> + Send + 'static,
    {
        let session = Arc::clone(&self.session);
        tauri::async_runtime::spawn_blocking(move || {
            let mut session = lock(&session);
            f(session.database()?).map_err(WireError::from)
        })
        .await
        .map_err(stopped)?
    }
}

impl Lockable for AppState {
    fn look_when_idle(&self) -> IdleLook {
        AppState::look_when_idle(self)
    }

    fn lock_rules_changed(&self) -> Arc<tokio::sync::Notify> {
        Arc::clone(&self.lock_rules)
    }

    fn lock_because(&self) -> bool {
        AppState::lock_because(self)
    }
}
