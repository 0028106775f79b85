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
//! Both are advisory operating-system locks (`flock` on Unix), released by the system when the
//! process ends, however it ends: a crash never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::open_error::OpenError;

pub const APP_LOCK: &str = "app.lock";
pub const DATA_LOCK: &str = "data.lock";

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
        .map_err(|e| OpenError::Unavailable {
            path: path.clone(),
            detail: format!("its lock file cannot be opened ({e})"),
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
    exclusive: bool,
}

impl DataLock {
    /// Waits up to `within` for nobody else to use the database, then holds it alone.
    pub fn exclusive(dir: &Path, within: Duration) -> Result<DataLock, OpenError> {
        let (file, path) = open_lock_file(dir, DATA_LOCK)?;
        let deadline = Instant::now() + within;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(DataLock {
                        file,
                        path,
                        exclusive: true,
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

    /// Waits up to `within` until the database is not being changed, then uses it alongside
    /// others.
    pub fn shared(dir: &Path, within: Duration) -> Result<DataLock, OpenError> {
        let (file, path) = open_lock_file(dir, DATA_LOCK)?;
        let deadline = Instant::now() + within;
        loop {
            match file.try_lock_shared() {
                Ok(()) => {
                    return Ok(DataLock {
                        file,
                        path,
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

    /// Lets others use the database alongside. (Unlocked first: how a lock converts in place
    /// differs between systems. Only shared holders can come in between, which is harmless.)
    pub fn share(&mut self) -> Result<(), OpenError> {
        if !self.exclusive {
            return Ok(());
        }
        let _ = self.file.unlock();
        self.exclusive = false;
        self.file
            .lock_shared()
            .map_err(|e| unavailable(&self.path, e))
    }

    /// Holds the database alone once nobody else uses it, waiting up to `within`; if others
    /// still do then, keeps the shared hold and returns false.
    pub fn exclusive_within(&mut self, within: Duration) -> Result<bool, OpenError> {
        if self.exclusive {
            return Ok(true);
        }
        let deadline = Instant::now() + within;
        let _ = self.file.unlock();
        loop {
            match self.file.try_lock() {
                Ok(()) => {
                    self.exclusive = true;
                    return Ok(true);
                }
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(POLL)
                }
                Err(TryLockError::WouldBlock) => {
                    self.file
                        .lock_shared()
                        .map_err(|e| unavailable(&self.path, e))?;
                    return Ok(false);
                }
                Err(TryLockError::Error(e)) => return Err(unavailable(&self.path, e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
