//! The app's one database over its life: open, or closed and why (damaged, from a newer
//! version, or encrypted and waiting for its passphrase); the moves between those states; the
//! passphrase rules; and the clock everything else is given.
//!
//! The shell keeps a `Session` behind a mutex and calls these methods off the UI thread; every
//! rule and every error code of opening, locking and recovering lives here, so it is tested
//! without a window.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, Result, WireError};
use crate::reminders::settings;
use crate::storage::encryption::{self, Passphrase};
use crate::storage::locks::{AppLock, DataLock};
use crate::storage::{self, snapshots, Database, OpenError};

/// How long the app waits, at start or before changing the file, for a command of the command
/// line that is using the database to finish.
const WAIT_FOR_COMMANDS: Duration = Duration::from_secs(10);

/// Shifts the app's clock by this many seconds, so tests can reach a due time without
/// waiting for it. Unset in normal use, and honoured only by debug builds (the ones the
/// end-to-end tests run): a release build always tells the real time.
pub const CLOCK_OFFSET_VAR: &str = "ALLIES_CLOCK_OFFSET_SECONDS";

/// The largest shift honoured, a century either way: enough for any test, and far from the
/// ends of the calendar, so adding it to today's date cannot overflow.
pub const MAX_CLOCK_OFFSET_SECONDS: i64 = 100 * 366 * 86_400;

/// The shift [`CLOCK_OFFSET_VAR`] asks for (`value`, when set), and a message when it cannot be
/// honoured as written: in a release build (`test_build` false, ignored), not a whole number of
/// seconds (ignored), or beyond [`MAX_CLOCK_OFFSET_SECONDS`] (clamped to it).
pub fn clock_offset(value: Option<&str>, test_build: bool) -> (chrono::Duration, Option<String>) {
    let Some(value) = value else {
        return (chrono::Duration::zero(), None);
    };
    if !test_build {
        return (
            chrono::Duration::zero(),
            Some(format!(
                "{CLOCK_OFFSET_VAR} is honoured only by test builds; the clock is not shifted"
            )),
        );
    }
    let Ok(asked) = value.trim().parse::<i128>() else {
        return (
            chrono::Duration::zero(),
            Some(format!(
                "{CLOCK_OFFSET_VAR}={value} is not a whole number of seconds; the clock is not shifted"
            )),
        );
    };
    let clamped = asked.clamp(
        i128::from(-MAX_CLOCK_OFFSET_SECONDS),
        i128::from(MAX_CLOCK_OFFSET_SECONDS),
    );
    // In range after the clamp; the fallbacks only keep the arithmetic checked.
    let seconds = i64::try_from(clamped).unwrap_or_default();
    let offset = chrono::Duration::try_seconds(seconds).unwrap_or_default();
    let message = (clamped != asked).then(|| {
        format!(
            "{CLOCK_OFFSET_VAR}={value} is more than a century; the clock is shifted by {seconds} seconds"
        )
    });
    (offset, message)
}

/// `now` shifted by `offset`, or `now` itself if the sum would leave the calendar.
pub fn shifted(now: DateTime<Utc>, offset: chrono::Duration) -> DateTime<Utc> {
    now.checked_add_signed(offset).unwrap_or(now)
}

/// The app's clock: the system's, shifted by [`CLOCK_OFFSET_VAR`] in a debug build when that is
/// set. Read once per action by the shell and passed down; nothing below reads a clock of its own.
#[allow(clippy::disallowed_methods)] // the one place that reads the system clock
pub fn now() -> DateTime<Utc> {
    static OFFSET: OnceLock<chrono::Duration> = OnceLock::new();
    let offset = *OFFSET.get_or_init(|| {
        let value = std::env::var(CLOCK_OFFSET_VAR).ok();
        // The end-to-end tests run the debug build; the release build (and its benches) never
        // shifts the clock, whatever the environment says.
        let (offset, message) = clock_offset(value.as_deref(), cfg!(debug_assertions));
        if let Some(message) = message {
            eprintln!("allies: {message}");
        }
        offset
    });
    shifted(Utc::now(), offset)
}

/// The user's calendar day at `now`, in the time zone chosen in Settings (the one zone the
/// reminders use too): for due dates of promises and conflicts and the days of group attendance.
pub fn today(db: &Database, now: DateTime<Utc>) -> Result<NaiveDate> {
    Ok(now.with_timezone(&settings::get(db)?.tz()).date_naive())
}

/// How long encrypted data stays open without use unless the user chose otherwise (Settings
/// offers the choice; the window tells the session).
pub const DEFAULT_LOCK_AFTER: Duration = Duration::from_secs(10 * 60);

/// The longest delay a user can choose before encrypted data locks itself, in seconds.
const LONGEST_LOCK_AFTER: u32 = 24 * 3600;

/// When open encrypted data locks itself: after a while without use. Its clock is given as a
/// reading of a monotonic clock that counts time asleep (the shell reads `CLOCK_BOOTTIME` on
/// Linux), so neither a changed wall clock nor a suspended laptop keeps the data open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    limit: Option<Duration>,
    last_use: Duration,
}

impl IdleTimer {
    /// A timer that runs out `limit` after `now` (never without a limit).
    pub fn new(limit: Option<Duration>, now: Duration) -> IdleTimer {
        IdleTimer {
            limit,
            last_use: now,
        }
    }

    /// The data was used at `now`: the wait starts again. (A reading older than the last one
    /// never moves the timer back.)
    pub fn used(&mut self, now: Duration) {
        self.last_use = self.last_use.max(now);
    }

    /// A new delay, counted from `now`.
    pub fn set_limit(&mut self, limit: Option<Duration>, now: Duration) {
        self.limit = limit;
        self.used(now);
    }

    /// Whether the data has gone unused for the whole delay at `now`.
    pub fn is_up(&self, now: Duration) -> bool {
        self.limit
            .is_some_and(|limit| now.saturating_sub(self.last_use) >= limit)
    }
}

/// Why the session locked itself, for the window to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The delay chosen in Settings passed without use.
    Idle,
    /// The computer is going to sleep.
    Sleep,
    /// The desktop session was locked.
    ScreenLocked,
}

impl LockReason {
    /// What the lock screen says once the window is back.
    pub fn message(self) -> &'static str {
        match self {
            LockReason::Idle => "Locked after a while without use.",
            LockReason::Sleep => "Locked when the computer went to sleep.",
            LockReason::ScreenLocked => "Locked with your screen.",
        }
    }
}

enum State {
    Open(Database),
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
        let state = match Database::open_in(dir, now) {
            Ok(db) => State::Open(db),
            Err(e) => State::Closed(e, None),
        };
        // Should sharing fail, commands of the command line wait for the app to end.
        let _ = data.share();
        Session {
            state,
            locks: Some((app, data)),
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
        }
    }

    /// A session that has not opened anything, for `e`.
    pub fn closed(e: OpenError) -> Session {
        Session {
            state: State::Closed(e, None),
            locks: None,
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
        }
    }

    /// A session over a database opened elsewhere.
    pub fn over(db: Database) -> Session {
        Session {
            state: State::Open(db),
            locks: None,
            wait_for_commands: WAIT_FOR_COMMANDS,
            idle: IdleTimer::new(Some(DEFAULT_LOCK_AFTER), Duration::ZERO),
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
        if let Some((_, data)) = self.locks.as_mut() {
            // Should sharing fail, commands of the command line wait for the app to end.
            let _ = data.share();
        }
        result
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
            s.state = State::Open(db);
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
            s.state = State::Open(db);
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
                Ok(db) => s.state = State::Open(db),
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
            let (reopened, result) = encryption::change(db, new, now);
            s.state = match reopened {
                Ok(db) => State::Open(db),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_test_build_shifts_the_clock_by_the_seconds_asked() {
        let (offset, message) = clock_offset(Some(" 1382400 "), true);
        assert_eq!(offset, chrono::Duration::days(16));
        assert_eq!(message, None, "a usable value is taken silently");
        assert_eq!(clock_offset(None, true).0, chrono::Duration::zero());
    }

    #[test]
    fn a_release_build_never_shifts_the_clock() {
        let (offset, message) = clock_offset(Some("1382400"), false);
        assert_eq!(offset, chrono::Duration::zero(), "the real time, always");
        assert!(
            message.is_some_and(|m| m.contains("only by test builds")),
            "the user learns why the variable did nothing"
        );
        assert_eq!(
            clock_offset(None, false),
            (chrono::Duration::zero(), None),
            "nothing is said when nothing was asked"
        );
    }

    #[test]
    fn a_huge_or_unreadable_offset_is_clamped_or_ignored_with_a_message_never_a_panic() {
        let max = chrono::Duration::seconds(MAX_CLOCK_OFFSET_SECONDS);
        for (value, expected) in [
            // Within chrono's range but past the calendar's end once added to today.
            ("9000000000000", max),
            ("-9000000000000", -max),
            ("9223372036854775807", max),
            ("-9223372036854775808", -max),
            ("999999999999999999999999999999", max),
            ("1e400", chrono::Duration::zero()),
            ("soon", chrono::Duration::zero()),
            ("", chrono::Duration::zero()),
        ] {
            let (offset, message) = clock_offset(Some(value), true);
            assert_eq!(offset, expected, "{value:?}");
            assert!(message.is_some(), "{value:?} is not taken silently");
            let _ = shifted(at(), offset);
        }
    }

    #[test]
    fn shifting_past_the_end_of_the_calendar_keeps_the_real_time() {
        let end = DateTime::<Utc>::MAX_UTC;
        assert_eq!(shifted(end, chrono::Duration::days(1)), end);
        assert_eq!(
            shifted(at(), chrono::Duration::days(1)),
            at() + chrono::Duration::days(1)
        );
    }

    /// A session over the file at `path` (the app opens the data folder's file).
    fn open_at(path: &std::path::Path, now: DateTime<Utc>) -> Session {
        match Database::open(path, now) {
            Ok(db) => Session::over(db),
            Err(e) => Session::closed(e),
        }
    }

    fn code<T: std::fmt::Debug>(r: Result<T>) -> (String, Option<String>) {
        let e = WireError::from(r.unwrap_err());
        (e.code, e.field)
    }

    #[test]
    fn encrypting_locking_and_unlocking_move_between_open_and_locked() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open_in(dir.path(), at()).unwrap();
        people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
        let mut session = Session::over(db);
        assert_eq!(
            code(session.lock()).0,
            "encryption.off",
            "nothing to lock yet"
        );
        assert_eq!(
            code(session.set_encryption(None, Some("short".into()), at())),
            (
                "encryption.passphrase_short".into(),
                Some("passphrase".into())
            )
        );
        let report = session
            .set_encryption(None, Some("a fine passphrase".into()), at())
            .unwrap();
        assert!(report.encrypted && session.status(None).encrypted);

        session.lock().unwrap();
        assert!(session.is_locked());
        let locked = session.status(None);
        assert!(!locked.ready && locked.encrypted && !locked.can_start_fresh);
        assert_eq!(locked.error.unwrap().code, "storage.locked");
        assert_eq!(
            code(session.database().map(|_| ())).0,
            "storage.locked",
            "nothing is read while locked"
        );
        assert_eq!(
            code(session.unlock("a wrong passphrase".into(), at())),
            ("storage.wrong_passphrase".into(), Some("passphrase".into()))
        );
        assert!(session.is_locked(), "a wrong passphrase leaves it locked");
        session.unlock("a fine passphrase".into(), at()).unwrap();
        assert!(session.status(None).ready);
        let names = people::list(session.database().unwrap(), "").unwrap();
        assert_eq!(names[0].name, "Dana");

        assert_eq!(
            code(session.set_encryption(Some("not it".into()), None, at())),
            ("encryption.wrong_current".into(), Some("current".into()))
        );
        assert!(
            !session
                .set_encryption(Some("a fine passphrase".into()), None, at())
                .unwrap()
                .encrypted
        );
        let status = session.status(None);
        assert!(status.ready && !status.encrypted);
        assert_eq!(
            code(session.set_encryption(None, None, at())).0,
            "encryption.off",
            "nothing to decrypt"
        );
    }

    #[test]
    fn a_second_app_opens_nothing_and_no_change_of_the_file_runs_under_a_command() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Session::open_in(dir.path(), at());
        assert!(first.status(None).ready);
        people::add(first.database().unwrap(), &PersonInput::named("Dana"), at()).unwrap();

        let second = Session::open_in(dir.path(), at());
        let status = second.status(None);
        assert!(!status.ready && !status.can_start_fresh);
        assert_eq!(status.error.unwrap().code, "storage.already_running");

        // A command of the command line uses the database: no encryption change meanwhile.
        first.wait_for_commands = std::time::Duration::from_millis(100);
        let command = DataLock::shared(dir.path(), std::time::Duration::from_millis(100)).unwrap();
        assert_eq!(
            code(first.set_encryption(None, Some("a fine passphrase".into()), at())).0,
            "storage.in_use"
        );
        assert!(
            first.status(None).ready && !first.status(None).encrypted,
            "the data stays open as it was"
        );
        drop(command);
        first
            .set_encryption(None, Some("a fine passphrase".into()), at())
            .unwrap();
        assert!(first.status(None).encrypted);
        assert!(
            DataLock::shared(dir.path(), std::time::Duration::from_millis(100)).is_ok(),
            "commands can use the database again after the change"
        );

        drop(first);
        let again = Session::open_in(dir.path(), at());
        assert_eq!(
            again.status(None).error.unwrap().code,
            "storage.locked",
            "the folder is free once the first app has ended"
        );
    }

    fn minutes(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn the_idle_timer_runs_out_after_the_delay_without_use() {
        // A reading of CLOCK_BOOTTIME: three days after boot.
        let boot = Duration::from_secs(3 * 86_400);
        let mut timer = IdleTimer::new(Some(minutes(10)), boot);
        assert!(!timer.is_up(boot + minutes(9)));
        assert!(timer.is_up(boot + minutes(10)), "exactly the delay");
        timer.used(boot + minutes(9));
        assert!(
            !timer.is_up(boot + minutes(18)),
            "use starts the wait again"
        );
        assert!(timer.is_up(boot + minutes(19)));
        timer.used(boot);
        assert!(
            timer.is_up(boot + minutes(19)),
            "an older reading does not move it back"
        );
        // Two days asleep count: the boot-time clock went on.
        assert!(timer.is_up(boot + minutes(9) + Duration::from_secs(2 * 86_400)));
        timer.set_limit(None, boot + minutes(20));
        assert!(!timer.is_up(Duration::MAX), "never");
        timer.set_limit(Some(minutes(1)), boot + minutes(30));
        assert!(
            !timer.is_up(boot + minutes(30)),
            "a new delay counts from when it was set"
        );
        assert!(timer.is_up(boot + minutes(31)));
    }

    #[test]
    fn encrypted_data_locks_itself_when_idle_asleep_or_with_the_screen() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::over(Database::open_in(dir.path(), at()).unwrap());
        let t = Duration::from_secs(1_000);
        session.used(t);
        assert!(
            !session.lock_if_idle(t + minutes(60)),
            "data without a passphrase has nothing to lock"
        );
        assert!(!session.lock_because());
        session
            .set_encryption(None, Some("a fine passphrase".into()), at())
            .unwrap();

        session.set_lock_after(5 * 60, t).unwrap();
        assert!(!session.lock_if_idle(t + minutes(4)));
        session.used(t + minutes(4));
        assert!(
            !session.lock_if_idle(t + minutes(8)),
            "it was used meanwhile"
        );
        assert!(session.lock_if_idle(t + minutes(9)));
        assert!(session.is_locked());
        assert!(
            !session.lock_if_idle(t + minutes(20)),
            "already locked: not locked again"
        );

        session.unlock("a fine passphrase".into(), at()).unwrap();
        session.used(t + minutes(30));
        session.set_lock_after(0, t + minutes(30)).unwrap();
        assert!(
            !session.lock_if_idle(t + minutes(30_000)),
            "never, when so chosen"
        );
        assert!(
            session.lock_because(),
            "going to sleep locks whatever the delay"
        );
        assert!(session.is_locked());

        assert_eq!(
            code(session.set_lock_after(24 * 3600 + 1, t)),
            ("encryption.lock_after".into(), Some("lock_after".into()))
        );
    }

    #[test]
    fn the_status_goes_to_the_window_in_snake_case_like_every_reply() {
        let session = Session::over(Database::open_in_memory().unwrap());
        let json = serde_json::to_value(session.status(None)).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        for key in [
            "db_path",
            "can_start_fresh",
            "moved_aside_to",
            "latest_backup",
        ] {
            assert!(json.get(key).is_some(), "{key} missing from {keys:?}");
        }
        assert!(
            keys.iter()
                .all(|k| !k.chars().any(|c| c.is_ascii_uppercase())),
            "one casing on the wire: {keys:?}"
        );
    }

    #[test]
    fn an_open_database_is_not_started_fresh_or_replaced() {
        let mut session = Session::over(Database::open_in_memory().unwrap());
        assert_eq!(code(session.start_fresh(at())).0, "storage.already_open");
        assert_eq!(code(session.restore_latest(at())).0, "storage.already_open");
    }

    #[test]
    fn a_damaged_file_is_started_fresh_or_replaced_by_its_newest_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        {
            let mut db = Database::open(&path, at()).unwrap();
            people::add(&mut db, &PersonInput::named("Dana"), at()).unwrap();
            snapshots::take(&db, snapshots::Reason::Daily, at()).unwrap();
        }
        std::fs::write(&path, b"not a database at all, just some text").unwrap();
        let _ = std::fs::remove_file(dir.path().join("allies.db-wal"));

        let mut session = open_at(&path, at());
        let status = session.status(None);
        assert!(!status.ready && status.can_start_fresh);
        assert!(status.latest_backup.is_some(), "the copy is offered");
        let aside = session.restore_latest(at()).unwrap();
        assert!(aside.exists(), "the damaged file is kept");
        let names = people::list(session.database().unwrap(), "").unwrap();
        assert_eq!(names[0].name, "Dana", "the copy's data is back");
    }

    #[test]
    fn a_newer_versions_file_is_neither_set_aside_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(storage::DB_FILE);
        drop(Database::open(&path, at()).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        let mut session = open_at(&path, at());
        assert_eq!(code(session.start_fresh(at())).0, "storage.too_new");
        assert!(path.exists(), "the file stays where it is");
    }

    #[test]
    fn today_is_the_day_in_the_zone_chosen_in_settings() {
        let mut db = Database::open_in_memory().unwrap();
        let mut chosen = settings::get(&db).unwrap();
        chosen.time_zone = "Pacific/Auckland".into();
        // 20:00 UTC on the 27th is already the 28th in Auckland.
        let evening = Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap();
        settings::save(&mut db, &chosen, evening).unwrap();
        assert_eq!(
            today(&db, evening).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
        );
    }
}
