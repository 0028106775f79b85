//! Sync as the app and the command line use it: through the folder this data was set up with
//! (kept in `sync_device` by [`super::enable`]), so neither has to remember it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::pull::pull;
use super::status::{status, Status};
use super::summary::PullSummary;
use crate::error::Result;
use crate::storage::Database;

/// The sync folder of this data, when sync is on.
pub fn sync_folder(db: &Database) -> Result<Option<PathBuf>> {
    Ok(db
        .conn()
        .query_row("SELECT folder FROM sync_device", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .map(PathBuf::from))
}

/// Whether sync is on, and when it is, through which folder and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub on: bool,
    pub folder: Option<PathBuf>,
    pub status: Option<Status>,
}

/// What Settings and `allies sync status` show.
pub fn overview(db: &Database) -> Result<Overview> {
    let Some(folder) = sync_folder(db)? else {
        return Ok(Overview {
            on: false,
            folder: None,
            status: None,
        });
    };
    let status = status(db, &folder)?;
    Ok(Overview {
        on: true,
        folder: Some(folder),
        status: Some(status),
    })
}

/// What one round of sync did: files written for the others, and what was applied from them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Round {
    pub pushed: usize,
    pub pulled: PullSummary,
}

/// Writes this device's changes to its folder. Nothing to do when sync is off.
pub fn push_here(db: &mut Database, now: DateTime<Utc>) -> Result<usize> {
    match sync_folder(db)? {
        Some(folder) => super::push(db, &folder, now),
        None => Ok(0),
    }
}

/// Applies the other devices' changes from this data's folder. Nothing to do when sync is off.
pub fn pull_here(db: &mut Database, now: DateTime<Utc>) -> Result<PullSummary> {
    match sync_folder(db)? {
        Some(folder) => pull(db, &folder, now),
        None => Ok(PullSummary::default()),
    }
}

/// One round through this data's folder: this device's changes written first, then the others'
/// applied. Refused, with what to do, when sync is off.
pub fn sync_now(db: &mut Database, now: DateTime<Utc>) -> Result<Round> {
    let Some(folder) = sync_folder(db)? else {
        return Err(super::engine::off());
    };
    let pushed = super::push(db, &folder, now)?;
    let pulled = pull(db, &folder, now)?;
    Ok(Round { pushed, pulled })
}
