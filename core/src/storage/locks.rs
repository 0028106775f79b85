//! The locks of the data folder: one app at a time, and nobody in the database while its file
//! is rewritten.
//!
//! - `app.lock` is held, exclusively, by the app for its whole life, taken before it opens the
//!   database: a second launch finds it held, opens nothing and hands over to the first.
//! - `data.lock` is held shared by everyone who has the database open (the app, and each
//!   command of the command line while it runs), and exclusively by whoever changes the file
//!   itself: the app while it opens (and so migrates) the database, and while it encrypts,
//!   re-keys or decrypts it. A command line run while the app encrypts waits for the change to
//!   finish; an encryption change while a command runs is refused until it has finished.
//!
//! - `data.gate.lock` is held for an instant by whoever changes their hold of `data.lock` from
//!   one kind to the other, and by each attempt at the exclusive hold, so that nobody takes the
//!   database alone in the instant a hold changes (see [`DataLock::share`]).
//!
//! All are advisory operating-system locks (`flock` on Unix), released by the system when the
//! process ends, however it ends: a crash never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::open_error::OpenError;

pub const APP_LOCK: &str = "app.lock";
pub const DATA_LOCK: &str = "data.lock";
/// Held for an instant by whoever changes their hold of `data.lock` (see [`DataLock::share`]).
pub const DATA_GATE: &str = "data.gate.lock";

/// How often a wait for a lock looks again.
const POLL: Duration = Duration::from_millis(50);

fn open_lock_file(dir: &Path, name: &str) -> Result<(File, PathBuf), OpenError> {
    let path = dir.join(name);
    let mut folder = std::fs::DirBuilder::new();
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        // The data folder and what is in it are the user's alone.
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        folder.mode(0o700);
        options.mode(0o600);
    }
    folder
        .recursive(true)
        .create(dir)
        .and_then(|()| options.open(&path))
        .map(|file| (file, path.clone()))
        .map_err(|e| match e.kind() {
            // A folder the user cannot write to says so, with what to do, as opening the
            // database itself would.
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                OpenError::ReadOnly {
                    path: dir.to_owned(),
                    detail: format!("its lock file {name} cannot be made ({e})"),
                }
            }
            _ => OpenError::Unavailable {
                path: path.clone(),
                detail: format!("its lock file cannot be opened ({e})"),
            },
        })
}

fn unavailable(path: &Path, e: std::io::Error) -> OpenError {
    OpenError::Unavailable {
        path: path.to_owned(),
        detail: format!("its lock file cannot be locked ({e})"),
    }
}

/// The app's hold on its data folder, for as long as it is kept.
#[derive(Debug)]
pub struct AppLock {
    _file: File,
}

impl AppLock {
    /// Takes the data folder for this app, or says that another app has it.
    pub fn take(dir: &Path) -> Result<AppLock, OpenError> {
        let (file, path) = open_lock_file(dir, APP_LOCK)?;
        match file.try_lock() {
            Ok(()) => Ok(AppLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(OpenError::AlreadyRunning {
                path: dir.join(super::DB_FILE),
            }),
            Err(TryLockError::Error(e)) => Err(unavailable(&path, e)),
        }
    }
}

/// A hold on the database: shared while it is used, exclusive while its file is changed.
#[derive(Debug)]
pub struct DataLock {
    file: File,
    path: PathBuf,
    /// `data.gate.lock`: see [`DataLock::share`].
    gate: File,
    exclusive: bool,
}

/// What one attempt at the exclusive hold found.
enum Attempt {
    Taken,
    Busy,
}

impl DataLock {
    fn open(dir: &Path) -> Result<(File, PathBuf, File), OpenError> {
        let (file, path) = open_lock_file(dir, DATA_LOCK)?;
        let (gate, _) = open_lock_file(dir, DATA_GATE)?;
        Ok((file, path, gate))
    }

    /// Waits up to `within` for nobody else to use the database, then holds it alone.
    pub fn exclusive(dir: &Path, within: Duration) -> Result<DataLock, OpenError> {
        let (file, path, gate) = Self::open(dir)?;
        let mut lock = DataLock {
            file,
            path,
            gate,
            exclusive: false,
        };
        let deadline = Instant::now() + within;
        loop {
            match lock.try_exclusive()? {
                Attempt::Taken => {
                    lock.exclusive = true;
                    return Ok(lock);
                }
                Attempt::Busy if Instant::now() < deadline => std::thread::sleep(POLL),
                Attempt::Busy => {
                    return Err(OpenError::Busy {
                        path: dir.join(super::DB_FILE),
                    })
                }
            }
        }
    }

    /// One attempt at the exclusive hold, made only while nobody is changing their hold (the
    /// gate is free), so it never lands in the middle of someone else's [`DataLock::share`].
    fn try_exclusive(&self) -> Result<Attempt, OpenError> {
        match self.gate.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(Attempt::Busy),
            Err(TryLockError::Error(e)) => return Err(unavailable(&self.path, e)),
        }
        let attempt = match self.file.try_lock() {
            Ok(()) => Ok(Attempt::Taken),
            Err(TryLockError::WouldBlock) => Ok(Attempt::Busy),
            Err(TryLockError::Error(e)) => Err(unavailable(&self.path, e)),
        };
        let _ = self.gate.unlock();
        attempt
    }

    /// Waits up to `within` until the database is not being changed, then uses it alongside
    /// others.
    pub fn shared(dir: &Path, within: Duration) -> Result<DataLock, OpenError> {
        let (file, path, gate) = Self::open(dir)?;
        let deadline = Instant::now() + within;
        loop {
            match file.try_lock_shared() {
                Ok(()) => {
                    return Ok(DataLock {
                        file,
                        path,
                        gate,
                        exclusive: false,
                    })
                }
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(POLL)
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(OpenError::Busy {
                        path: dir.join(super::DB_FILE),
                    })
                }
                Err(TryLockError::Error(e)) => return Err(unavailable(&path, e)),
            }
        }
    }

    /// Whether this hold is the only one.
    pub fn is_exclusive(&self) -> bool {
        self.exclusive
    }

    /// Lets others use the database alongside, without letting go of it for an instant.
    ///
    /// `flock` cannot do that by itself: converting a lock in place first removes it (flock(2)),
    /// and a shared lock on a second descriptor of the same file conflicts with our own
    /// exclusive one. So the change is made while holding `data.gate.lock`, which every attempt
    /// at the exclusive hold must also hold: nobody can take the database alone in between.
    /// Only shared holders can come in between, which is harmless.
    pub fn share(&mut self) -> Result<(), OpenError> {
        if !self.exclusive {
            return Ok(());
        }
        self.gate.lock().map_err(|e| unavailable(&self.path, e))?;
        let _ = self.file.unlock();
        self.exclusive = false;
        #[cfg(test)]
        tests::between_the_steps();
        // Cannot wait: nobody could have taken the exclusive hold without the gate.
        let shared = self.file.lock_shared();
        if shared.is_err() && self.file.try_lock().is_ok() {
            // Never left without a hold: the exclusive one is taken back (only shared holders
            // could have come in meanwhile, and then this fails and the error says so).
            self.exclusive = true;
        }
        let _ = self.gate.unlock();
        shared.map_err(|e| unavailable(&self.path, e))
    }

    /// Holds the database alone once nobody else uses it, waiting up to `within`; if others
    /// still do then, keeps the shared hold and returns false. The shared hold is kept while it
    /// waits: each attempt lets go of it only inside the gate (see [`DataLock::share`]).
    pub fn exclusive_within(&mut self, within: Duration) -> Result<bool, OpenError> {
        if self.exclusive {
            return Ok(true);
        }
        let deadline = Instant::now() + within;
        loop {
            self.gate.lock().map_err(|e| unavailable(&self.path, e))?;
            let _ = self.file.unlock();
            #[cfg(test)]
            tests::between_the_steps();
            let attempt = match self.file.try_lock() {
                Ok(()) => Ok(true),
                // A failed attempt back to the shared hold, which nobody could have blocked.
                Err(TryLockError::WouldBlock) => self.file.lock_shared().map(|()| false),
                Err(TryLockError::Error(e)) => {
                    let _ = self.file.lock_shared();
                    Err(e)
                }
            };
            let _ = self.gate.unlock();
            match attempt.map_err(|e| unavailable(&self.path, e))? {
                true => {
                    self.exclusive = true;
                    return Ok(true);
                }
                false if Instant::now() < deadline => std::thread::sleep(POLL),
                false => return Ok(false),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local! {
        /// What a test does in the instant a hold changes kind (this thread only).
        static BETWEEN_THE_STEPS: RefCell<Option<Box<dyn Fn()>>> = RefCell::new(None);
    }

    pub(super) fn between_the_steps() {
        BETWEEN_THE_STEPS.with(|hook| {
            if let Some(hook) = hook.borrow().as_ref() {
                hook()
            }
        })
    }

    /// Tries, in the instant `change` changes the kind of its hold, to take the database alone
    /// as a launching app or command line would; returns whether that succeeded.
    fn slipped_in_during(dir: &Path, change: impl FnOnce()) -> bool {
        let slipped = std::rc::Rc::new(std::cell::Cell::new(None));
        let seen = slipped.clone();
        let dir = dir.to_owned();
        BETWEEN_THE_STEPS.with(|hook| {
            *hook.borrow_mut() = Some(Box::new(move || {
                // Another descriptor of the same file: flock treats it as another holder.
                let other = DataLock::exclusive(&dir, Duration::ZERO);
                seen.set(Some(other.is_ok()));
            }))
        });
        change();
        BETWEEN_THE_STEPS.with(|hook| *hook.borrow_mut() = None);
        slipped
            .get()
            .expect("the change went through the instant between its two steps")
    }

    #[test]
    fn nobody_takes_the_database_alone_while_a_hold_is_shared() {
        let dir = tempfile::tempdir().unwrap();
        let mut command = DataLock::exclusive(dir.path(), Duration::ZERO).unwrap();
        let slipped = slipped_in_during(dir.path(), || command.share().unwrap());
        assert!(
            !slipped,
            "a launching app took the database alone while the command line still had it open"
        );
        assert!(!command.is_exclusive());
        assert_eq!(
            DataLock::exclusive(dir.path(), Duration::ZERO)
                .unwrap_err()
                .code(),
            "storage.busy",
            "the shared hold is in force once share() returns"
        );
    }

    #[test]
    fn nobody_takes_the_database_alone_while_a_hold_becomes_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = DataLock::shared(dir.path(), Duration::ZERO).unwrap();
        let mut upgraded = false;
        let slipped = slipped_in_during(dir.path(), || {
            upgraded = app.exclusive_within(Duration::ZERO).unwrap()
        });
        assert!(
            !slipped,
            "a command line took the database alone while the app was about to re-key it"
        );
        assert!(upgraded && app.is_exclusive());
    }

    #[test]
    fn holds_changing_kind_in_a_loop_never_overlap_an_exclusive_one() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        let dir = tempfile::tempdir().unwrap();
        let holding = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let overlaps = Arc::new(AtomicUsize::new(0));
        let racer = {
            let (dir, holding, done, overlaps) = (
                dir.path().to_owned(),
                holding.clone(),
                done.clone(),
                overlaps.clone(),
            );
            std::thread::spawn(move || {
                while !done.load(Ordering::SeqCst) {
                    if let Ok(lock) = DataLock::exclusive(&dir, Duration::ZERO) {
                        if holding.load(Ordering::SeqCst) {
                            overlaps.fetch_add(1, Ordering::SeqCst);
                        }
                        drop(lock);
                    }
                }
            })
        };
        for _ in 0..2000 {
            let Ok(mut lock) = DataLock::exclusive(dir.path(), Duration::from_secs(5)) else {
                continue;
            };
            holding.store(true, Ordering::SeqCst);
            lock.share().unwrap();
            let _ = lock.exclusive_within(Duration::ZERO).unwrap();
            lock.share().unwrap();
            holding.store(false, Ordering::SeqCst);
            drop(lock);
        }
        done.store(true, Ordering::SeqCst);
        racer.join().unwrap();
        assert_eq!(
            overlaps.load(Ordering::SeqCst),
            0,
            "someone held the database alone while another hold was in force"
        );
    }

    #[test]
    fn one_app_holds_the_folder_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = AppLock::take(dir.path()).unwrap();
        let second = AppLock::take(dir.path()).unwrap_err();
        assert_eq!(second.code(), "storage.already_running");
        assert!(second.to_string().contains("already running"), "{second}");
        drop(first);
        AppLock::take(dir.path()).expect("free once the first app has ended");
    }

    #[test]
    fn a_change_of_the_file_waits_for_users_and_users_wait_for_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let short = Duration::from_millis(120);
        let mut app = DataLock::exclusive(dir.path(), short).unwrap();
        assert_eq!(
            DataLock::shared(dir.path(), short).unwrap_err().code(),
            "storage.busy",
            "nobody opens the database while the app opens or re-keys it"
        );
        app.share().unwrap();
        let command = DataLock::shared(dir.path(), short).expect("used alongside the app");
        assert!(
            !app.exclusive_within(short).unwrap(),
            "no encryption change while a command uses the database"
        );
        assert!(!app.is_exclusive());
        drop(command);
        assert!(app.exclusive_within(short).unwrap());
        assert!(app.is_exclusive());
    }
}
