//! The app's one database over its life: open, or closed and why (damaged, from a newer
//! version, or encrypted and waiting for its passphrase); the moves between those states; the
//! passphrase rules; and the clock everything else is given.
//!
//! The shell keeps a `Session` behind a mutex and calls these methods off the UI thread; every
//! rule and every error code of opening, locking and recovering lives here, so it is tested
//! without a window.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result, WireError};
use crate::storage::encryption::{self, Passphrase};
use crate::storage::locks::{AppLock, DataLock};
use crate::storage::{
    self, snapshots, Database, IntegrityCheck, OpenError, WallClock, CHECK_LATER_ABOVE,
};

/// How long the app waits, at start or before changing the file, for a command of the command
/// line that is using the database to finish.
const WAIT_FOR_COMMANDS: Duration = Duration::from_secs(10);

mod clock;
mod idle;
#[cfg(test)]
mod tests;

pub use clock::{clock_offset, now, shifted, today, CLOCK_OFFSET_VAR, MAX_CLOCK_OFFSET_SECONDS};
use idle::LONGEST_LOCK_AFTER;
pub use idle::{IdleTimer, LockReason, DEFAULT_LOCK_AFTER};

enum State {
    /// Boxed: a database is several times the size of the reason it is closed.
    Open(Box<Database>),
    /// Not open, and why. The passphrase is kept when it was right, for opening a backup in
    /// place of a damaged encrypted file.
    Closed(OpenError, Option<Passphrase>),
}

/// The database, open or not.
pub struct Session {
    state: State,
    /// The app's locks of its data folder (see `storage::locks`), held for the session's life;
    /// none for a session over a database opened elsewhere.
    locks: Option<(AppLock, DataLock)>,
    /// [`WAIT_FOR_COMMANDS`], shorter in tests.
    wait_for_commands: Duration,
    /// When open encrypted data locks itself.
    idle: IdleTimer,
    /// The wall clock given to every database the session opens (see
    /// [`Session::set_wall_clock`]).
    wall_clock: Option<WallClock>,
}

/// What the UI needs to know at start: can it work, and where is the data.
#[derive(Debug, Serialize)]
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
pub struct LatestBackup {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
}

impl Session {
    /// Opens the database in the data folder, or records why it could not be opened.
    pub fn open(now: DateTime<Utc>) -> Session {
        match storage::data_dir() {
            Ok(dir) => Session::open_in(&dir, now),
            Err(e) => Session::closed(e),
        }
    }

    /// Takes the data folder `dir` for this app first (a second app stops here, having opened
    /// nothing), then opens the database in it, alone, so no command of the command line uses
    /// it while it is migrated; and from then on shares it with them.
    pub fn open_in(dir: &std::path::Path, now: DateTime<Utc>) -> Session {
        let app = match AppLock::take(dir) {
            Ok(app) => app,
            Err(e) => return Session::closed(e),
        };
        let mut data = match DataLock::exclusive(dir, WAIT_FOR_COMMANDS) {
            Ok(data) => data,
            Err(e) => return Session::closed(e),
        };
        let state = match Database::open_in_checking_later(dir, now, CHECK_LATER_ABOVE) {
            Ok(db) => State::Open(Box::new(db)),
            Err(e) => State::Closed(e, None),
        };
        // Should sharing fail, commands of the command line wait for the app to end.
        let _ = data.share();
        Session {
            state,
            locks: Some((app, data)),
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
            wall_clock: None,
        }
    }

    /// A session that has not opened anything, for `e`.
    pub fn closed(e: OpenError) -> Session {
        Session {
            state: State::Closed(e, None),
            locks: None,
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
            wall_clock: None,
        }
    }

    /// A session over a database opened elsewhere.
    pub fn over(db: Database) -> Session {
        Session {
            state: State::Open(Box::new(db)),
            locks: None,
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
            wall_clock: None,
        }
    }

    /// Runs `f`, which opens, replaces or rewrites the database file, while nobody else uses
    /// the database: after waiting a little for commands of the command line to finish.
    fn alone<T>(&mut self, f: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        let within = self.wait_for_commands;
        if let Some((_, data)) = self.locks.as_mut() {
            if !data.exclusive_within(within)? {
                return Err(Error::DataInUse);
            }
        }
        let result = f(self);
        // The file may have been opened again, or another put in its place.
        self.give_clock();
        if let Some((_, data)) = self.locks.as_mut() {
            // Should sharing fail, commands of the command line wait for the app to end.
            let _ = data.share();
        }
        result
    }

    /// Gives the wall clock that sync's clocks follow (see [`Database::set_wall_clock`]) to
    /// the open database and to every one the session opens from now on: after an unlock, a
    /// fresh start, a restore or a change of encryption.
    pub fn set_wall_clock(&mut self, clock: WallClock) {
        self.wall_clock = Some(clock);
        self.give_clock();
    }

    fn give_clock(&mut self) {
        if let (State::Open(db), Some(clock)) = (&mut self.state, &self.wall_clock) {
            db.set_wall_clock(clock.clone());
        }
    }

    /// The check for damaged pages the open file still needs (a large file is checked after
    /// the window is up): run it without holding the session, then report what it found with
    /// [`Session::checked`].
    pub fn integrity_check(&self) -> Option<IntegrityCheck> {
        match &self.state {
            State::Open(db) => db.integrity_check(),
            State::Closed(..) => None,
        }
    }

    /// Takes what a check from [`Session::integrity_check`] found. A damaged file is closed, as
    /// if it had been found so at open: the window then offers its newest copy or a fresh
    /// start, and nothing more is written to it. Whether the file was closed; a file that was
    /// replaced or closed meanwhile is left as it is.
    pub fn checked(&mut self, check: &IntegrityCheck, found: Result<(), OpenError>) -> bool {
        let Err(e) = found else { return false };
        let key = match &self.state {
            State::Open(db) if db.is_checked_by(check) => db.passphrase().cloned(),
            _ => return false,
        };
        self.state = State::Closed(e, key);
        true
    }

    /// Why the database is not open, when it is not.
    pub fn problem(&self) -> Option<&OpenError> {
        match &self.state {
            State::Open(_) => None,
            State::Closed(e, _) => Some(e),
        }
    }

    pub fn status(&self, moved_aside_to: Option<PathBuf>) -> Status {
        match &self.state {
            State::Open(db) => Status {
                ready: true,
                db_path: Some(db.path().to_owned()),
                error: None,
                can_start_fresh: false,
                encrypted: db.is_encrypted(),
                moved_aside_to,
                latest_backup: None,
            },
            State::Closed(e, key) => Status {
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

    /// The file that cannot be used, with the passphrase that was right for it, if any;
    /// refused while the data is open, or when the file is intact (a newer version's, busy…).
    fn unusable_file(&self, instead: &'static str) -> Result<(PathBuf, Option<Passphrase>)> {
        match &self.state {
            State::Open(_) => Err(Error::AlreadyOpen { instead }),
            State::Closed(e, _) if !e.can_start_fresh() => Err(e.clone().into()),
            State::Closed(e, key) => {
                Ok((e.path().ok_or(Error::NoDataFile)?.to_owned(), key.clone()))
            }
        }
    }

    /// Moves an unreadable database aside and opens a new, empty one in its place; returns
    /// where the old file went.
    pub fn start_fresh(&mut self, now: DateTime<Utc>) -> Result<PathBuf> {
        let (path, _) = self.unusable_file("there is nothing to start fresh from")?;
        self.alone(|s| {
            let (db, aside) = storage::start_fresh(&path, now)?;
            s.state = State::Open(Box::new(db));
            Ok(aside)
        })
    }

    /// Puts the newest copy from the backups folder in place of a database that cannot be
    /// used, which is moved aside and kept; returns where it went.
    pub fn restore_latest(&mut self, now: DateTime<Utc>) -> Result<PathBuf> {
        let (path, key) = self.unusable_file("restore a backup from Settings instead")?;
        let latest = snapshots::list_for(&path)?
            .into_iter()
            .next()
            .ok_or(Error::NoBackup)?;
        self.alone(|s| {
            let (db, aside) = storage::restore_copy(&path, &latest.path, now, key.as_ref())?;
            s.state = State::Open(Box::new(db));
            Ok(aside)
        })
    }

    /// Opens encrypted data with its passphrase. A wrong passphrase leaves it locked and says
    /// so (at the passphrase field); a right one on a file that turns out damaged leads to the
    /// damaged-file state, keeping the passphrase for its backups.
    pub fn unlock(&mut self, passphrase: String, now: DateTime<Utc>) -> Result<()> {
        let key = Passphrase::given(passphrase)?;
        let path = match &self.state {
            State::Closed(OpenError::Locked { path }, _) => path.clone(),
            State::Open(_) => return Ok(()),
            State::Closed(e, _) => return Err(e.clone().into()),
        };
        // Opening may migrate the file: alone.
        self.alone(|s| {
            match Database::open_with_key(&path, now, Some(&key)) {
                Ok(db) => s.state = State::Open(Box::new(db)),
                Err(e @ OpenError::WrongPassphrase { .. }) => return Err(e.into()),
                Err(e) => s.state = State::Closed(e, Some(key)),
            }
            Ok(())
        })
    }

    /// Whether the data is encrypted and waiting for its passphrase.
    pub fn is_locked(&self) -> bool {
        matches!(&self.state, State::Closed(OpenError::Locked { .. }, _))
    }

    /// Closes encrypted data until its passphrase is given again.
    pub fn lock(&mut self) -> Result<()> {
        match &self.state {
            State::Open(db) if db.is_encrypted() => {
                let path = db.path().to_owned();
                self.state = State::Closed(OpenError::Locked { path }, None);
                Ok(())
            }
            State::Open(_) => Err(Error::NothingToLock),
            State::Closed(OpenError::Locked { .. }, _) => Ok(()),
            State::Closed(e, _) => Err(e.clone().into()),
        }
    }

    /// Encrypts the data with `new`, changes the passphrase, or (`new` empty) decrypts it.
    /// When the data is encrypted, `current` must be its passphrase. The data is open again
    /// afterwards, with the new passphrase or, if the change failed, as it was.
    pub fn set_encryption(
        &mut self,
        current: Option<String>,
        new: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<encryption::Report> {
        let new = new
            .filter(|n| !n.is_empty())
            .map(Passphrase::new_checked)
            .transpose()?;
        let State::Open(db) = &self.state else {
            return Err(Error::NotOpen {
                what: "its encryption can be changed",
            });
        };
        if db.is_encrypted() {
            let right = current
                .filter(|c| !c.is_empty())
                .and_then(|c| Passphrase::given(c).ok())
                .is_some_and(|c| db.passphrase_is(&c));
            if !right {
                return Err(Error::WrongCurrentPassphrase);
            }
        } else if new.is_none() {
            return Err(Error::NothingToDecrypt);
        }
        // A check of the file still reading it (a large file is checked after the window is
        // up) would keep its log from being emptied: the rewritten file is checked anyway.
        if let Some(check) = db.integrity_check() {
            check.stop();
        }
        let path = db.path().to_owned();
        self.alone(|s| {
            let State::Open(db) = std::mem::replace(
                &mut s.state,
                State::Closed(OpenError::Locked { path }, None),
            ) else {
                return Err(Error::NotOpen {
                    what: "its encryption can be changed",
                });
            };
            let (reopened, result) = encryption::change(*db, new, now);
            s.state = match reopened {
                Ok(db) => State::Open(Box::new(db)),
                Err(e) => State::Closed(e, None),
            };
            result
        })
    }

    /// The user did something at `now` (a reading of the monotonic clock): the data stays open
    /// for the whole delay from here.
    pub fn used(&mut self, now: Duration) {
        self.idle.used(now);
    }

    /// Locks after `seconds` without use from now on (0: never).
    pub fn set_lock_after(&mut self, seconds: u32, now: Duration) -> Result<()> {
        if seconds > LONGEST_LOCK_AFTER {
            return Err(Error::Invalid {
                code: "encryption.lock_after",
                field: "lock_after",
                message: format!(
                    "Choose at most {} hours before Allies locks itself.",
                    LONGEST_LOCK_AFTER / 3600
                ),
            });
        }
        let limit = (seconds > 0).then(|| Duration::from_secs(u64::from(seconds)));
        self.idle.set_limit(limit, now);
        Ok(())
    }

    /// Locks open encrypted data if the delay has passed without use at `now`; returns whether
    /// it locked it now.
    pub fn lock_if_idle(&mut self, now: Duration) -> bool {
        self.idle.is_up(now) && self.lock_because()
    }

    /// Whether [`Session::lock_if_idle`] could lock anything, now or later without another
    /// change to the session: open encrypted data with a delay chosen. Data without a
    /// passphrase, locked data and "never" have nothing for the idle timer to do, so whoever
    /// looks at it can wait for the next change (an unlock, a new delay, encryption turned on).
    pub fn can_lock_when_idle(&self) -> bool {
        self.idle.has_limit() && matches!(&self.state, State::Open(db) if db.is_encrypted())
    }

    /// Locks open encrypted data at once (the computer goes to sleep, the screen was locked);
    /// returns whether it locked it now. Data without a passphrase has nothing to lock.
    pub fn lock_because(&mut self) -> bool {
        match &self.state {
            State::Open(db) if db.is_encrypted() => self.lock().is_ok(),
            _ => false,
        }
    }

    /// The open database, or why there is none.
    pub fn database(&mut self) -> Result<&mut Database> {
        match &mut self.state {
            State::Open(db) => Ok(db),
            State::Closed(e, _) => Err(e.clone().into()),
        }
    }
}
