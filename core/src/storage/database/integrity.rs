//! Checking a database file for damaged pages (`PRAGMA quick_check`): at open for most files,
//! and for a large one after the window is up, on a read-only connection of its own.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, InterruptHandle, OpenFlags};

use super::super::cipher::{self, Passphrase};
use super::super::open_error::OpenError;

/// Files larger than this are checked after the app's window is up rather than before it
/// opens: the check reads every page, about 3 ms per MiB here, so a file of years of data
/// would hold the window back by seconds. Even a file of a few MiB did: the data is opened
/// while WebKit starts, and on two cores the check's 20 ms for 10,000 people (6 MiB) put off
/// the page by as much (`make bench`: the page began 10-20 ms later than with an empty file
/// or one of ten years, which was checked later). Smaller files (a few hundred people) are
/// checked at open, where a damaged one is met before anything is shown.
pub const CHECK_LATER_ABOVE: u64 = 2 * 1024 * 1024;

/// Reads every page of the open connection's file and says whether any is damaged.
pub(super) fn check_integrity(conn: &Connection, path: &Path) -> Result<(), OpenError> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check")
        .map_err(|e| OpenError::from_sqlite(path, e))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| OpenError::from_sqlite(path, e))?;
    match problems.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(OpenError::Corrupt {
            path: path.to_owned(),
            detail: summary(&problems),
        }),
    }
}

/// The first few of the problems SQLite lists (it can list thousands, several to a row), each
/// cut short, and how many more there are: enough for support, short enough to read.
fn summary(problems: &[String]) -> String {
    const SHOWN: usize = 3;
    const LONGEST: usize = 160;
    let lines: Vec<&str> = problems
        .iter()
        .flat_map(|p| p.lines())
        .map(|line| line.trim_start_matches("*** in database main ***").trim())
        .filter(|line| !line.is_empty())
        .collect();
    let mut shown: Vec<String> = lines
        .iter()
        .take(SHOWN)
        .map(|line| match line.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => (*line).to_owned(),
        })
        .collect();
    if lines.len() > SHOWN {
        shown.push(format!("and {} more", lines.len() - SHOWN));
    }
    shown.join("; ")
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn a_long_list_of_problems_is_summed_up_in_a_few_short_lines() {
        let listed = vec![
            format!(
                "*** in database main ***\nTree 31 page 4805 cell 0: invalid page number\n{}",
                (4748..4805)
                    .map(|p| format!("Page {p}: never used"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            "malformed inverted index for FTS5 table main.search_people".to_owned(),
            "x".repeat(1000),
        ];
        assert_eq!(
            summary(&listed),
            "Tree 31 page 4805 cell 0: invalid page number; Page 4748: never used; \
             Page 4749: never used; and 57 more"
        );
        let long = summary(&["y".repeat(1000)]);
        assert_eq!(long.chars().count(), 161, "cut short: {long}");
        assert_eq!(
            summary(&["row 1 missing from index".into()]),
            "row 1 missing from index"
        );
    }
}

/// The check a file opened without it still needs (see `Database::integrity_check`).
#[derive(Clone)]
pub struct IntegrityCheck {
    path: PathBuf,
    key: Option<Passphrase>,
    opening: u64,
    /// Shared by every check of one opening, so one can be stopped from another thread.
    control: Arc<Control>,
}

/// What stops a check of one opening of a file: a change that needs the file to itself (its
/// encryption) cannot wait for a read of every page, and cannot go on while one holds a read
/// of the file open (its write-ahead log cannot be emptied).
#[derive(Default)]
pub(super) struct Control {
    stopped: AtomicBool,
    /// Held while a check has its connection open.
    running: Mutex<()>,
    /// How to interrupt the running check's statement.
    interrupt: Mutex<Option<InterruptHandle>>,
}

impl std::fmt::Debug for IntegrityCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntegrityCheck")
            .field("path", &self.path)
            .finish()
    }
}

impl IntegrityCheck {
    pub(super) fn new(
        path: &Path,
        key: Option<Passphrase>,
        opening: u64,
        control: Arc<Control>,
    ) -> IntegrityCheck {
        IntegrityCheck {
            path: path.to_owned(),
            key,
            opening,
            control,
        }
    }

    /// Stops this opening's check: one not started never reads, and a running one is
    /// interrupted; returns once no check holds the file open. A stopped check finds nothing.
    pub fn stop(&self) {
        self.control.stopped.store(true, Ordering::SeqCst);
        if let Some(handle) = lock(&self.control.interrupt).take() {
            handle.interrupt();
        }
        drop(lock(&self.control.running));
    }

    pub(super) fn opening(&self) -> u64 {
        self.opening
    }

    /// The file it checks.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole file through a read-only connection of its own (the app's connection
    /// goes on serving the window meanwhile) and reports a damaged page as
    /// [`OpenError::Corrupt`]. The file is not changed.
    ///
    /// A check stopped ([`IntegrityCheck::stop`]) before or while it reads finds nothing.
    pub fn run(&self) -> Result<(), OpenError> {
        let _running = lock(&self.control.running);
        let stopped = || self.control.stopped.load(Ordering::SeqCst);
        if stopped() {
            return Ok(());
        }
        let path = &self.path;
        let fail = |e| OpenError::from_sqlite(path, e);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        *lock(&self.control.interrupt) = Some(conn.get_interrupt_handle());
        if stopped() {
            return Ok(());
        }
        let found = match &self.key {
            Some(key) => cipher::apply_key(&conn, key)
                .map_err(fail)
                .and_then(|()| check_integrity(&conn, path)),
            None => check_integrity(&conn, path),
        };
        lock(&self.control.interrupt).take();
        drop(conn);
        if stopped() {
            return Ok(());
        }
        found
    }
}

/// A lock of the control's state; a panic elsewhere leaves nothing half-done in it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
