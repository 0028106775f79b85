//! The backups folder next to the database: the names of the copies in it (when and why each
//! was taken), listing them without opening the database, and which of them to keep.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};

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
    pub(crate) fn as_str(self) -> &'static str {
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

pub(crate) fn failed(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Export {
        path: path.to_owned(),
        detail: e.to_string(),
    }
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

/// The copies kept for the database file at `db_path`, newest first, without opening it (it
/// may be the file that cannot be opened).
pub fn list_for(db_path: &Path) -> Result<Vec<Snapshot>> {
    list_in(
        &db_path
            .parent()
            .map_or_else(|| PathBuf::from(DIR), |p| p.join(DIR)),
    )
}

pub(crate) fn list_in(dir: &Path) -> Result<Vec<Snapshot>> {
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
            // The name of a copy being written, or of one a crash cut short: not a copy.
            if bytes == 0 {
                return None;
            }
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
pub(crate) fn to_prune(all: &[Snapshot]) -> Vec<&Snapshot> {
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
