//! Automatic copies of the database in a `backups` folder next to it: one a day (the last 7
//! days and one a week for the 4 weeks before), one before every restore, and (written by
//! `storage`) one before every upgrade of the file's layout. Any of them can
//! be restored; the data it replaces is copied first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde::Serialize;

use crate::backup;
use crate::error::{Error, Result};
use crate::storage::Database;

pub const DIR: &str = "backups";
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;
const KEEP_OTHERS: usize = 5;

/// Why a copy was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Daily,
    BeforeRestore,
    BeforeUpgrade,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeUpgrade => "before-upgrade",
        }
    }
}

/// One copy in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
    pub bytes: u64,
}

pub fn dir(db: &Database) -> PathBuf {
    db.path()
        .parent()
        .map_or_else(|| PathBuf::from(DIR), |p| p.join(DIR))
}

fn failed(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Export {
        path: path.to_owned(),
        detail: e.to_string(),
    }
}

/// Copies the database into the backups folder now; the copy is consistent even while the app
/// writes (VACUUM INTO reads one snapshot of the database).
pub fn take(db: &Database, reason: Reason, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
    let mut path = dir.join(format!(
        "allies-{}-{}.db",
        now.format("%Y%m%dT%H%M%SZ"),
        reason.as_str()
    ));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!(
            "allies-{}-{}-{n}.db",
            now.format("%Y%m%dT%H%M%SZ"),
            reason.as_str()
        ));
        n += 1;
    }
    crate::storage::copy_into(db.conn(), &path).map_err(|e| failed(&path, e))?;
    Ok(path)
}

fn parse(path: &Path) -> Option<(DateTime<Utc>, Reason)> {
    let name = path.file_name()?.to_str()?.strip_prefix("allies-")?;
    let name = name.strip_suffix(".db")?;
    let (stamp, rest) = name.split_once('-')?;
    let taken = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .ok()?
        .and_utc();
    let reason = if rest.starts_with("daily") {
        Reason::Daily
    } else if rest.starts_with("before-restore") {
        Reason::BeforeRestore
    } else if rest.starts_with("before-upgrade") {
        Reason::BeforeUpgrade
    } else {
        return None;
    };
    Some((taken, reason))
}

/// The copies in the backups folder, newest first.
pub fn list(db: &Database) -> Result<Vec<Snapshot>> {
    list_in(&dir(db))
}

/// The copies kept for the database file at `db_path`, newest first, without opening it (it
/// may be the file that cannot be opened).
pub fn list_for(db_path: &Path) -> Result<Vec<Snapshot>> {
    list_in(
        &db_path
            .parent()
            .map_or_else(|| PathBuf::from(DIR), |p| p.join(DIR)),
    )
}

fn list_in(dir: &Path) -> Result<Vec<Snapshot>> {
    let dir = dir.to_owned();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(failed(&dir, e)),
    };
    let mut found: Vec<Snapshot> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            let (taken_at, reason) = parse(&path)?;
            let bytes = e.metadata().ok()?.len();
            Some(Snapshot {
                path,
                taken_at,
                reason,
                bytes,
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// The copies to delete: of the daily ones, all but the newest of each of the last 7 days and
/// the newest of each of the 4 weeks before; of the others, all but the newest 5.
fn to_prune(all: &[Snapshot]) -> Vec<&Snapshot> {
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut others = 0;
    let mut prune = Vec::new();
    for s in all {
        if s.reason != Reason::Daily {
            others += 1;
            if others > KEEP_OTHERS {
                prune.push(s);
            }
            continue;
        }
        let day = s.taken_at.date_naive();
        let week = (day.iso_week().year(), day.iso_week().week());
        if days.len() < KEEP_DAYS && !days.contains(&day) {
            days.push(day);
        } else if days.len() >= KEEP_DAYS
            && weeks.len() < KEEP_WEEKS
            && !weeks.contains(&week)
            && !days
                .iter()
                .any(|d| (d.iso_week().year(), d.iso_week().week()) == week)
        {
            weeks.push(week);
        } else {
            prune.push(s);
        }
    }
    prune
}

/// Takes today's copy if there is none yet, and thins out old ones. Returns the new copy.
pub fn daily(db: &Database, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let all = list(db)?;
    let today = now.date_naive();
    let taken = all
        .iter()
        .any(|s| s.reason == Reason::Daily && s.taken_at.date_naive() == today);
    let new = if taken {
        None
    } else {
        Some(take(db, Reason::Daily, now)?)
    };
    for old in to_prune(&list(db)?) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(new)
}

/// Replaces everything with a copy from the backups folder (or any Allies database file),
/// after copying the current data there. Returns that copy.
pub fn restore(db: &mut Database, from: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    // Opened through a temporary copy, which brings an older copy up to this version's
    // schema without touching the copy itself.
    // A folder of its own, so the upgrade's copy and journal files go away with it.
    let work = dir(db).join(format!(
        ".restoring-{}",
        now.timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&work).map_err(|e| failed(&work, e))?;
    let temp = work.join(crate::storage::DB_FILE);
    std::fs::copy(from, &temp).map_err(|e| failed(from, e))?;
    let opened = Database::open_with_key(&temp, now, db.key());
    let backup = opened.and_then(|source| {
        backup::dump(&source, now).map_err(|e| crate::storage::OpenError::Unavailable {
            path: from.to_owned(),
            detail: e.to_string(),
        })
    });
    let _ = std::fs::remove_dir_all(&work);
    restore_backup(db, &backup?, now)
}

/// Replaces everything with a backup, after copying the current data to the backups folder.
/// Returns that copy.
pub fn restore_backup(
    db: &mut Database,
    backup: &backup::Backup,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let kept = take(db, Reason::BeforeRestore, now)?;
    backup::restore(db, backup)?;
    Ok(kept)
}
