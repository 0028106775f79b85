//! Sync between a user's computers through a folder their own file sync carries (OneDrive,
//! Dropbox, iCloud Drive, Syncthing, a USB stick): never the live database, only changesets.
//!
//! **Capture.** Once sync is on ([`enable`]), every write transaction ([`Database::write`]) is
//! recorded with SQLite's session extension on the tables that hold user data ([`is_synced`]).
//! Before the transaction commits, its changeset goes into `sync_outbox` with this device's next
//! sequence number and a hybrid logical clock, and each changed row's clock into
//! `sync_row_clock`: a change and its record commit together or not at all.
//!
//! **Files.** [`push`] writes each outbox row as `changes/<device>/<seq>.changes` (a plain
//! header, then the changeset sealed with a key derived from the sync passphrase, the header
//! being the associated data so it is authenticated too); `allies-sync.json` holds how the key is
//! derived and a sealed check string, so a wrong passphrase is told as such. Files are written
//! to a temporary name and renamed. `devices/<device>.json` is each device's note: its name,
//! when it last wrote, and what it has applied of each other device (the highest file number),
//! written at each push and pull when it changed. `snapshots/<total>-<device>.snapshot`
//! ([`snapshot`]) holds every synced row with its clock (a delete's clock too) and, for each
//! device, the highest file number whose changes are in it; it is sealed the same way.
//!
//! **Apply.** [`pull`] applies other devices' files per device in sequence order, exactly once:
//! the changes and the `(device, seq)` row in `sync_applied` commit in one transaction, with no
//! session recording (applied changes never echo back). A gap waits, as does a file whose
//! `deps` (what its device had applied when writing it) are not applied here yet; a newer
//! schema waits for Allies to be updated; a damaged file is reported. Search indexes are kept by
//! their triggers, which fire on applied changes too. A device that has applied nothing yet
//! starts from the newest snapshot that holds none of its own changes ([`join`]): its rows are
//! settled by the policy below, in one transaction with the `sync_applied` rows of every file
//! it covers, and only the files after it are needed. A damaged snapshot is reported and
//! nothing is applied.
//!
//! **Pruning** ([`prune`], at each pull, after applying). A device writes a new snapshot when
//! more than [`prune::REFRESH_AFTER`] files in the folder are not covered by the newest one and
//! it has applied all that one covers (or when there is none and files are gone). It removes
//! one of its own change files once each of the two newest snapshots covers it and every
//! device with a note has applied it: a device that has been away holds its files back; one
//! turned off says so in its note ([`disable`]) and holds nothing back; forgetting one retired
//! without turning sync off takes removing its note. Its snapshots older than the two newest go
//! after [`prune::SNAPSHOT_GRACE_DAYS`] days, so a device reading one is not cut off. Each
//! device removes only what it wrote, so two never remove one file at once.
//!
//! **Conflicts**: one policy, the same result on every device, whatever order files come in.
//! Each file carries one hybrid logical clock (HLC: wall-clock milliseconds, a counter, the
//! device id; totally ordered and compared as text), and each device's clock moves past every
//! clock it applies, so a change made after seeing another is always later than it. Each synced
//! row keeps the clock of its last change in `sync_row_clock`, a delete's too (kept after the
//! row is gone). The row is the unit, and **the later clock wins the whole row**: a file carries,
//! with its changeset, each row as its change left it, so a device where the incoming change is
//! later sets the row to exactly that (or deletes it), and one where its own change is later
//! keeps its row as it was.
//! - Two edits of one row made without seeing each other: the later one's row stays, on every
//!   device; the other's differing values go to `sync_conflicts` (logged on both devices).
//! - A delete and an edit of one row: the later wins, from either side: a later delete deletes
//!   the edited row, a later edit brings the row back whole. The loser is logged.
//! - The same key made on two devices (a setting, a place on a map): the later wins.
//! - Append-only events whose integer keys are made per device (`placement_events`,
//!   `desired_events`, `reminder_done`) never conflict: a colliding insert is stored again under
//!   a new local key, and a delete finds its row by content, not by key.
//! - A change that breaks a foreign key (a row brought back whose parent is gone) is not
//!   applied; it is tried again at each pull (its parent may come) and after
//!   [`FK_ATTEMPTS`] pulls reported as stuck, while the device's later files wait.
//!
//! [`conflicts`] lists the log; [`restore_conflict`] writes overridden values back as a normal
//! change, which syncs like any other.

mod apply;
mod capture;
mod changes;
mod clock;
mod engine;
mod folder;
mod here;
mod join;
mod log;
mod prune;
mod pull;
mod snapshot;
mod status;
mod summary;

#[cfg(test)]
mod tests;

pub use apply::FK_ATTEMPTS;
pub(crate) use capture::{record_changes, Capture};
pub use engine::{disable, enable, push};
pub use here::{overview, pull_here, push_here, sync_folder, sync_now, Overview, Round};
pub use log::{conflicts, restore_conflict, Conflict};
pub use pull::pull;
pub use status::{status, DeviceStatus, Status};
pub use summary::{Problem, PullSummary};

use crate::error::Error;

/// Whether changes to `table` sync. Not: SQLite's own tables; the search index (kept by
/// triggers from the tables it indexes, which fire on applied changes too); the undo history
/// (this device's); the log of reminder pop-ups shown (each device shows its own); and sync's
/// own bookkeeping. `settings` syncs: its keys are the user's preferences (reminders, when
/// deleted records are purged, About me), none of them about this computer. `sample_rows`
/// syncs: it says which records are the sample's, so any device can remove them.
pub fn is_synced(table: &str) -> bool {
    crate::history::triggers::is_recorded(table)
}

/// Tables whose integer keys are made per device, so two devices' rows collide by key.
pub(crate) fn is_event_table(table: &str) -> bool {
    matches!(
        table,
        "placement_events" | "desired_events" | "reminder_done"
    )
}

pub(crate) fn sync_error(code: &'static str, message: impl Into<String>) -> Error {
    field_error(code, "", message)
}

/// An error about one of the fields Settings turns sync on with (`folder`, `passphrase`,
/// `device_name`), shown at that field.
pub(crate) fn field_error(
    code: &'static str,
    field: &'static str,
    message: impl Into<String>,
) -> Error {
    Error::Invalid {
        code,
        field,
        message: message.into(),
    }
}
