//! Applying the other devices' files from the folder: per device in sequence order, each
//! exactly once, and only when what it depends on is applied here.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::apply::{apply_changeset, Outcome, FK_ATTEMPTS};
use super::engine::{check_folder, device};
use super::join::{join, Joined};
use super::prune::{keep_folder, Upkeep};
use super::summary::{Problem, PullSummary};
use super::{clock, folder, snapshot};
use crate::error::Result;
use crate::records::time_text;
use crate::storage::{schema_version, Database};

/// Applies the other devices' files in the folder that are not applied here yet: per device in
/// sequence order, each exactly once, and only when what it depends on is applied here. A
/// computer that has applied none yet starts from the newest snapshot ([`super::join`]). Then
/// it keeps the folder from growing ([`super::prune`]) and publishes what it has applied, in
/// its note.
pub fn pull(db: &mut Database, folder: &Path, now: DateTime<Utc>) -> Result<PullSummary> {
    pull_with(db, folder, now, &Upkeep::default())
}

/// [`pull`] with the folder kept by `upkeep`'s rule.
pub(crate) fn pull_with(
    db: &mut Database,
    folder: &Path,
    now: DateTime<Utc>,
    upkeep: &Upkeep,
) -> Result<PullSummary> {
    let me = device(db)?;
    check_folder(folder, &me)?;
    let mut files: BTreeMap<String, BTreeMap<i64, PathBuf>> = BTreeMap::new();
    let changes = folder::changes_dir(folder);
    for entry in std::fs::read_dir(&changes).into_iter().flatten().flatten() {
        let device = entry.file_name().to_string_lossy().into_owned();
        if device == me.id || !entry.path().is_dir() {
            continue;
        }
        let seqs = files.entry(device).or_default();
        for file in std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Some(seq) = folder::seq_of(&file.file_name().to_string_lossy()) {
                seqs.insert(seq, file.path());
            }
        }
    }
    let attempts: HashMap<String, i64> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT path, attempts FROM sync_problems")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut summary = PullSummary::default();
    let mut blocked: BTreeMap<String, Problem> = BTreeMap::new();
    let stopped = match join(db, folder, now)? {
        Joined::NotNeeded => None,
        Joined::Applied(files) => {
            summary.applied += files;
            None
        }
        Joined::Stopped(problem) => Some(problem),
    };
    if stopped.is_some() {
        files.clear(); // the files after a snapshot need what it holds
    }
    let mut applied = super::capture::applied_so_far(db.conn())?;
    let newest_snapshot = snapshot::list(folder).into_iter().next().map(|s| s.header);
    loop {
        let mut progress = false;
        blocked.clear();
        for (device, seqs) in &files {
            loop {
                let next = applied.get(device).copied().unwrap_or(0) + 1;
                let Some(path) = seqs.get(&next) else {
                    if let Some((seq, path)) = seqs.range(next..).next() {
                        let pruned = newest_snapshot
                            .as_ref()
                            .is_some_and(|s| s.covered(device) >= next);
                        blocked.insert(device.clone(), Problem {
                            path: path.clone(),
                            device: Some(device.clone()),
                            seq: Some(*seq),
                            reason: if pruned {
                                format!("waits for file {next} of this device, which has not arrived yet; a snapshot covers it, so it may have been removed from the folder before the other computers knew this one")
                            } else {
                                format!("waits for file {next} of this device, which has not arrived yet")
                            },
                            waiting: true,
                        });
                    }
                    break;
                };
                let problem = |reason: String, waiting: bool| Problem {
                    path: path.clone(),
                    device: Some(device.clone()),
                    seq: Some(next),
                    reason,
                    waiting,
                };
                match try_apply(db, &me.key, device, next, path, &applied, now)? {
                    Tried::Applied => {
                        applied.insert(device.clone(), next);
                        summary.applied += 1;
                        progress = true;
                    }
                    Tried::Waiting(reason) => {
                        blocked.insert(device.clone(), problem(reason, true));
                        break;
                    }
                    Tried::ForeignKey => {
                        let tries = attempts
                            .get(&path.to_string_lossy().into_owned())
                            .copied()
                            .unwrap_or(0)
                            + 1;
                        let stuck = tries >= FK_ATTEMPTS;
                        let reason = if stuck {
                            format!("a record it changes still refers to one that is not here after {tries} tries; it is not applied")
                        } else {
                            "a record it changes refers to one that is not here yet; it is tried again at the next sync".into()
                        };
                        blocked.insert(device.clone(), problem(reason, !stuck));
                        break;
                    }
                    Tried::Broken(reason) => {
                        blocked.insert(device.clone(), problem(reason, false));
                        break;
                    }
                }
            }
        }
        if !progress {
            break;
        }
    }
    // After applying, when this device is most up to date: a snapshot it writes covers most.
    let kept = keep_folder(db, folder, &me, upkeep, now)?
        .err()
        .map(|reason| Problem {
            path: snapshot::dir(folder),
            device: None,
            seq: None,
            reason,
            waiting: false,
        });
    let problems: Vec<Problem> = stopped
        .into_iter()
        .chain(kept)
        .chain(blocked.into_values())
        .collect();
    db.write_unrecorded(|tx| {
        tx.execute("DELETE FROM sync_problems", [])?;
        let mut stmt = tx.prepare(
            "INSERT INTO sync_problems (path, device, seq, reason, waiting, attempts, first_at, last_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        for p in &problems {
            let path = p.path.to_string_lossy().into_owned();
            let tries = attempts.get(&path).copied().unwrap_or(0) + 1;
            stmt.execute(params![path, p.device, p.seq, p.reason, p.waiting, tries, time_text(now)])?;
        }
        Ok(())
    })?;
    for p in problems {
        if p.waiting {
            summary.waiting.push(p);
        } else {
            summary.errors.push(p);
        }
    }
    super::engine::publish(db, folder, false, now)?;
    Ok(summary)
}

enum Tried {
    Applied,
    Waiting(String),
    ForeignKey,
    Broken(String),
}

fn try_apply(
    db: &mut Database,
    key: &[u8; 32],
    device: &str,
    seq: i64,
    path: &Path,
    applied: &BTreeMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<Tried> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Tried::Broken(format!("it cannot be read ({e})"))),
    };
    let (header, end) = match folder::read_header(&bytes) {
        Ok(found) => found,
        Err(reason) => return Ok(Tried::Broken(reason)),
    };
    if header.schema > schema_version() {
        return Ok(Tried::Waiting(
            "it was written by a newer version of Allies; update Allies on this computer to apply it".into(),
        ));
    }
    let (changeset, rows) = match folder::open_file(&bytes, end, key) {
        Ok(opened) => opened,
        Err(reason) => return Ok(Tried::Broken(reason)),
    };
    if header.device != device || header.seq != seq || !clock::is_valid(&header.hlc) {
        return Ok(Tried::Broken(format!(
            "it says it is file {} of device {}, not where it lies",
            header.seq, header.device
        )));
    }
    let me = device_id(db)?;
    if let Some((other, needed)) = header
        .deps
        .iter()
        .find(|(d, s)| **d != me && applied.get(*d).copied().unwrap_or(0) < **s)
    {
        return Ok(Tried::Waiting(format!(
            "it depends on file {needed} of device {other}, which is not applied here yet"
        )));
    }
    let at = time_text(now);
    let outcome = db.write_unrecorded(|tx| {
        let outcome = apply_changeset(tx, &header.hlc, &changeset, &rows, &at)?;
        if outcome == Outcome::Applied {
            tx.execute(
                "INSERT INTO sync_applied (device, seq, hlc, applied_at) VALUES (?1, ?2, ?3, ?4)",
                params![device, seq, header.hlc, at],
            )?;
            let last: String =
                tx.query_row("SELECT last_hlc FROM sync_device", [], |r| r.get(0))?;
            tx.execute(
                "UPDATE sync_device SET last_hlc = ?1",
                [clock::later(&last, &header.hlc)],
            )?;
        }
        Ok(outcome)
    });
    let outcome = match outcome {
        Ok(outcome) => outcome,
        // A row it brought back refers to one that is gone: found when the change commits.
        Err(crate::Error::Storage(rusqlite::Error::SqliteFailure(e, _)))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
        {
            Outcome::ForeignKey
        }
        Err(e) => return Err(e),
    };
    Ok(match outcome {
        Outcome::Applied => Tried::Applied,
        Outcome::ForeignKey => Tried::ForeignKey,
        Outcome::Constraint(what) => Tried::Broken(format!("{what}; it is not applied")),
    })
}

fn device_id(db: &Database) -> Result<String> {
    Ok(db
        .conn()
        .query_row("SELECT device_id FROM sync_device", [], |r| r.get(0))?)
}
