//! Turning sync on and off, writing this device's changes to the folder, and applying the
//! other devices' changes from it.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::capture::{record_existing, Capture};
use super::folder::{self, Header, KeyCheck};
use super::{field_error, sync_error};
use crate::error::Result;
use crate::records::time_text;
use crate::storage::{schema_version, Database};

/// This device as `sync_device` holds it.
pub(crate) struct Device {
    pub id: String,
    pub name: String,
    pub key: [u8; 32],
}

pub(crate) fn device(db: &Database) -> Result<Device> {
    db.conn()
        .query_row("SELECT device_id, name, key FROM sync_device", [], |r| {
            let key: Vec<u8> = r.get(2)?;
            let mut fixed = [0u8; 32];
            if key.len() == 32 {
                fixed.copy_from_slice(&key);
            }
            Ok(Device {
                id: r.get(0)?,
                name: r.get(1)?,
                key: fixed,
            })
        })
        .optional()?
        .ok_or_else(off)
}

/// Sync is not on, with what to do.
pub(crate) fn off() -> crate::Error {
    sync_error(
        "sync.off",
        "Sync is not on for this data. Turn it on in Settings first.",
    )
}

/// Whether `folder` is still this device's sync folder: its manifest is there and this device's
/// key opens it. A folder that is not there (a drive not connected, a file sync not running yet,
/// a network share away) is never written to, nor made anew: what changed here waits in the
/// outbox and is written once the folder is back.
pub(crate) fn check_folder(folder: &Path, me: &Device) -> Result<()> {
    match folder::read_manifest(folder) {
        Ok(Some(manifest)) if folder::opens_with(&manifest, &me.key) => Ok(()),
        Ok(Some(_)) => Err(sync_error(
            "sync.folder_changed",
            format!(
                "The sync folder {} was set up again with another passphrase, so this computer's changes cannot go there. Turn sync off, then on again with the passphrase your other computers use. What changed here is kept.",
                folder.display()
            ),
        )),
        Ok(None) => Err(sync_error(
            "sync.folder_missing",
            format!(
                "The sync folder {} is not there: a drive not connected, or your file sync not running? What changed here waits and is written once the folder is back.",
                folder.display()
            ),
        )),
        Err(e) => Err(folder_error(folder, e)),
    }
}

fn folder_error(folder: &Path, detail: impl std::fmt::Display) -> crate::Error {
    field_error(
        "sync.folder",
        "folder",
        format!(
            "The sync folder {} cannot be used: {detail}. Nothing was changed.",
            folder.display()
        ),
    )
}

/// Turns sync on for this data with `folder` and `passphrase` (the same on every device), and
/// returns this device's new id. What the data holds already is recorded as its first change
/// (but for the settings of a computer joining a folder others use: it takes theirs).
/// The first device makes the folder's `allies-sync.json`; the
/// others must give the passphrase it was made with. The derived key is kept in the database
/// (`sync_device`), so later runs need no passphrase: it is as safe as the data itself.
pub fn enable(
    db: &mut Database,
    folder: &Path,
    passphrase: &str,
    device_name: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    if db.is_syncing() {
        return Err(sync_error(
            "sync.already_on",
            "Sync is already on. Turn it off first to use another folder.",
        ));
    }
    if folder.as_os_str().is_empty() {
        return Err(field_error(
            "sync.folder_needed",
            "folder",
            "Choose the folder your file sync carries (OneDrive, Dropbox, Syncthing…), the same on every computer.",
        ));
    }
    if !folder.is_absolute() {
        return Err(field_error(
            "sync.folder_relative",
            "folder",
            format!(
                "Give the sync folder's full path, from the top of the disk: {} is not one.",
                folder.display()
            ),
        ));
    }
    if let Some(data) = overlapping_data_folder(db, folder) {
        return Err(field_error(
            "sync.folder_is_data",
            "folder",
            format!(
                "The sync folder {} and the folder Allies keeps its data in ({}) must be apart: a database copied by a file sync while it is written to is damaged. Choose a folder of its own, outside {}, and keep the data folder out of every synced folder.",
                folder.display(),
                data.display(),
                data.display()
            ),
        ));
    }
    if passphrase.trim().is_empty() {
        return Err(field_error(
            "sync.passphrase_needed",
            "passphrase",
            "Enter a sync passphrase: the same on every computer.",
        ));
    }
    let name = device_name.trim();
    if name.is_empty() {
        return Err(field_error(
            "sync.name_needed",
            "device_name",
            "Give this computer a name, so the others can tell it apart.",
        ));
    }
    let existing = folder::read_manifest(folder).map_err(|e| folder_error(folder, e))?;
    let joining = existing.is_some();
    let key = match existing {
        Some(manifest) => match folder::key_from(&manifest, passphrase).map_err(|e| folder_error(folder, e))? {
            KeyCheck::Key(key) => key,
            KeyCheck::WrongPassphrase => {
                return Err(field_error(
                    "sync.wrong_passphrase",
                    "passphrase",
                    format!(
                        "That is not the passphrase the sync folder {} was set up with. Enter the one your other computers use. Nothing was changed.",
                        folder.display()
                    ),
                ))
            }
        },
        None => {
            let (manifest, key) = folder::new_manifest(passphrase).map_err(|e| folder_error(folder, e))?;
            std::fs::create_dir_all(folder)
                .and_then(|()| folder::write_whole(&folder.join(folder::MANIFEST), &folder::manifest_bytes(&manifest)))
                .map_err(|e| folder_error(folder, e))?;
            key
        }
    };
    let id = crate::records::new_id(now);
    db.write_unrecorded(|tx| {
        tx.execute(
            "INSERT INTO sync_device (one, device_id, name, folder, key, enabled_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                name,
                folder.to_string_lossy(),
                key.as_slice(),
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    let capture = Capture { device: id.clone() };
    // A computer joining a folder others already use takes their settings: its own are often
    // a new install's defaults, and recorded now they would be the latest and replace the
    // settings the user chose on the others. Its people and records go to the others as usual.
    let tables: Vec<String> = crate::history::triggers::recorded_tables(db.conn())?
        .into_iter()
        .filter(|t| super::is_synced(t) && !(joining && t == "settings"))
        .collect();
    if let Err(e) = record_existing(db.conn(), &capture, &tables, db.wall_clock_ms()) {
        disable(db)?;
        return Err(e);
    }
    db.set_sync_capture(Some(capture));
    publish(db, folder, true, now)?;
    Ok(id)
}

/// The data folder, when `folder` is it, inside it, or holds it: the file sync carrying the
/// sync folder would then carry the live database too. Compared as the system resolves them
/// (links followed), a folder not made yet by its nearest existing parent.
fn overlapping_data_folder(db: &Database, folder: &Path) -> Option<std::path::PathBuf> {
    let data = db.path().parent()?.canonicalize().ok()?;
    let existing = folder.ancestors().find(|p| p.exists())?;
    let rest = folder.strip_prefix(existing).ok()?;
    let folder = existing.canonicalize().ok()?.join(rest);
    (folder.starts_with(&data) || data.starts_with(&folder)).then_some(data)
}

/// Turns sync off: writes are no longer recorded, and changes not yet written to the folder are
/// dropped (turned on again, this data is a new device). What was applied, the rows' clocks and
/// the conflict log stay. The device's note in the folder says it is off, so the others no
/// longer keep files for it.
pub fn disable(db: &mut Database) -> Result<()> {
    let was: Option<(String, String)> = db
        .conn()
        .query_row("SELECT device_id, folder FROM sync_device", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    db.write_unrecorded(|tx| {
        tx.execute_batch(
            "DELETE FROM sync_device; DELETE FROM sync_outbox; DELETE FROM sync_problems;",
        )?;
        Ok(())
    })?;
    db.set_sync_capture(None);
    // Best effort: a folder out of reach keeps the note as it was, which only holds pruning back.
    if let Some((id, folder)) = was {
        let folder = Path::new(&folder);
        if let Some(note) = read_note(folder, &id) {
            write_note(folder, &id, &Note { off: true, ..note });
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct Note {
    pub name: String,
    pub last_write: String,
    /// What the device has applied of each other device's files (device -> highest file
    /// number), as of its last push or pull: pruning waits for it. A note without it (written
    /// by an earlier version) counts as having applied nothing.
    #[serde(default)]
    pub applied: BTreeMap<String, i64>,
    /// Sync was turned off on it: it applies nothing more under this id (turned on again, it is
    /// a new device), so no file is kept for it.
    #[serde(default)]
    pub off: bool,
}

/// The note `devices/<id>.json` in the folder, if it is there and reads.
pub(crate) fn read_note(folder: &Path, id: &str) -> Option<Note> {
    std::fs::read(folder::device_note_path(folder, id))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

/// `devices/<id>.json`: the device's name, when it last wrote, and what it has applied.
/// Written only when one of them changed (a file sync carries every write); best effort, as a
/// note that did not reach the folder only holds pruning back.
pub(crate) fn publish(db: &Database, folder: &Path, wrote: bool, now: DateTime<Utc>) -> Result<()> {
    let me = device(db)?;
    let before = read_note(folder, &me.id);
    let note = Note {
        name: me.name.clone(),
        last_write: match &before {
            Some(n) if !wrote => n.last_write.clone(),
            _ => time_text(now),
        },
        applied: super::capture::applied_so_far(db.conn())?,
        off: false,
    };
    if before.as_ref() != Some(&note) {
        write_note(folder, &me.id, &note);
    }
    Ok(())
}

fn write_note(folder: &Path, id: &str, note: &Note) {
    if let Ok(bytes) = serde_json::to_vec(note) {
        let _ = folder::write_whole(&folder::device_note_path(folder, id), &bytes);
    }
}

/// Writes every change this device recorded and has not written yet into the folder, then
/// forgets them here. Writing one again (after a crash) gives the same name and is harmless.
/// Then publishes what this device has applied, in its note. Returns how many files were
/// written.
pub fn push(db: &mut Database, folder: &Path, now: DateTime<Utc>) -> Result<usize> {
    let me = device(db)?;
    check_folder(folder, &me)?;
    type Pending = (i64, String, String, String, Vec<u8>, String);
    let pending: Vec<Pending> = {
        let mut stmt = db.conn().prepare(
            "SELECT seq, hlc, made_at, deps, changeset, rows FROM sync_outbox ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (seq, hlc, made_at, deps, changeset, rows) in &pending {
        let header = Header {
            format: folder::FILE_FORMAT.into(),
            version: folder::VERSION,
            device: me.id.clone(),
            seq: *seq,
            schema: schema_version(),
            written_at: made_at.clone(),
            hlc: hlc.clone(),
            deps: serde_json::from_str(deps).unwrap_or_default(),
        };
        let bytes = folder::seal_file(&header, changeset, rows, &me.key)
            .map_err(|e| folder_error(folder, e))?;
        let path = folder::file_path(folder, &me.id, *seq);
        folder::write_whole(&path, &bytes).map_err(|e| {
            folder_error(
                folder,
                format!("{} could not be written ({e})", path.display()),
            )
        })?;
        db.write_unrecorded(|tx| {
            tx.execute("DELETE FROM sync_outbox WHERE seq = ?1", [seq])?;
            Ok(())
        })?;
    }
    publish(db, folder, !pending.is_empty(), now)?;
    Ok(pending.len())
}
