//! Sync between simulated devices: each has its own data folder and its own view of the sync
//! folder, and the tests carry files between the views (late, out of order, twice, damaged).

mod carry;
mod conflicts;
mod converge;
mod faults;
mod here;
mod snapshot;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

use super::*;
use crate::people::{self, PersonInput};
use crate::storage::Database;

pub(super) const PASS: &str = "correct horse battery staple";

pub(super) fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, minute % 60, 0)
        .unwrap()
}

/// A wall clock shared by the simulated computers that moves a millisecond at each reading, so
/// a change made later in a test is later by it too.
pub(super) fn test_clock() -> crate::storage::WallClock {
    static TICKS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    std::sync::Arc::new(|| {
        let tick = TICKS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        at(0) + chrono::Duration::milliseconds(tick)
    })
}

/// One simulated computer: its data and its view of the sync folder.
pub(super) struct Device {
    pub db: Database,
    pub folder: PathBuf,
    pub id: String,
    pub data: PathBuf,
}

impl Device {
    pub fn push_at(&mut self, now: DateTime<Utc>) -> usize {
        push(&mut self.db, &self.folder, now).unwrap()
    }

    pub fn pull_at(&mut self, now: DateTime<Utc>) -> PullSummary {
        pull(&mut self.db, &self.folder, now).unwrap()
    }
}

/// `n` devices with sync on, the first having made the folder; each sees the folder through a
/// view of its own, which [`carry`] fills.
pub(super) fn devices(root: &TempDir, n: usize) -> Vec<Device> {
    let mut out: Vec<Device> = Vec::new();
    for i in 0..n {
        let data = root.path().join(format!("data{i}"));
        let folder = root.path().join(format!("folder{i}"));
        std::fs::create_dir_all(&folder).unwrap();
        if let Some(first) = out.first() {
            std::fs::copy(
                first.folder.join(folder::MANIFEST),
                folder.join(folder::MANIFEST),
            )
            .unwrap();
        }
        let mut db = Database::open_in(&data, at(0)).unwrap();
        db.set_wall_clock(test_clock());
        let id = enable(&mut db, &folder, PASS, &format!("Computer {i}"), at(0)).unwrap();
        out.push(Device {
            db,
            folder,
            id,
            data,
        });
    }
    out
}

/// Every changes file in `folder`: (device, seq, path).
pub(super) fn files_in(folder: &Path) -> Vec<(String, i64, PathBuf)> {
    let mut out = Vec::new();
    for dev in std::fs::read_dir(folder::changes_dir(folder))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in std::fs::read_dir(dev.path()).unwrap().flatten() {
            if let Some(seq) = folder::seq_of(&f.file_name().to_string_lossy()) {
                out.push((
                    dev.file_name().to_string_lossy().into_owned(),
                    seq,
                    f.path(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Copies one file into another device's view of the folder.
pub(super) fn deliver(file: &(String, i64, PathBuf), to: &Path) {
    let target = folder::file_path(to, &file.0, file.1);
    if target == file.2 {
        return;
    }
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(&file.2, target).unwrap();
}

/// Pushes every device and carries every file to every view.
pub(super) fn carry(devices: &mut [Device]) {
    for d in devices.iter_mut() {
        push(&mut d.db, &d.folder, at(1)).unwrap();
    }
    let all: Vec<_> = devices.iter().flat_map(|d| files_in(&d.folder)).collect();
    for d in devices.iter() {
        for file in &all {
            deliver(file, &d.folder);
        }
        // The notes each device keeps of itself travel too.
        for other in devices.iter().filter(|o| o.id != d.id) {
            let note = folder::device_note_path(&other.folder, &other.id);
            if note.exists() {
                let to = folder::device_note_path(&d.folder, &other.id);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(note, to).unwrap();
            }
        }
    }
}

/// Carries everything and pulls until nothing more applies.
pub(super) fn settle(devices: &mut [Device]) {
    for _ in 0..4 {
        carry(devices);
        for d in devices.iter_mut() {
            let summary = pull(&mut d.db, &d.folder, at(2)).unwrap();
            assert!(summary.errors.is_empty(), "{:?}", summary.errors);
        }
    }
}

pub(super) fn outbox(db: &Database) -> i64 {
    db.conn()
        .query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
        .unwrap()
}

pub(super) fn add(db: &mut Database, name: &str) -> String {
    people::add(db, &PersonInput::named(name), at(3))
        .unwrap()
        .id
}

/// Every synced table, rows in key order, as text; events without their local keys.
pub(super) fn dump(db: &Database) -> String {
    let conn = db.conn();
    let tables = crate::history::triggers::recorded_tables(conn).unwrap();
    let mut out = String::new();
    for table in tables.iter().filter(|t| is_synced(t)) {
        let mut columns = changes::key_columns(conn, table).unwrap();
        let all: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .unwrap()
            .query_map([table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let shown: Vec<String> = if is_event_table(table) {
            columns = all.iter().filter(|c| *c != "id").cloned().collect();
            columns.clone()
        } else {
            all
        };
        let select: Vec<String> = shown.iter().map(|c| format!("quote(\"{c}\")")).collect();
        let order: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let sql = format!(
            "SELECT {} FROM \"{table}\" ORDER BY {}",
            select.join(" || '|' || "),
            order.join(", ")
        );
        out.push_str(&format!("## {table}\n"));
        for row in conn
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
        {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_person_added_on_one_computer_is_found_on_the_other_and_does_not_echo() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 2);
    let dana = add(&mut devs[0].db, "Dana Zanzibar");
    assert_eq!(outbox(&devs[0].db), 1, "the write was recorded with it");
    let mine = status(&devs[0].db, &devs[0].folder).unwrap();
    assert_eq!((mine.next_seq, mine.outbox_pending), (2, 1));
    assert_eq!(mine.device_name, "Computer 0");
    carry(&mut devs);
    assert_eq!(
        outbox(&devs[0].db),
        0,
        "written to the folder, then forgotten here"
    );
    let summary = devs[1].pull_at(at(2));
    assert_eq!(summary.applied, 1);
    assert!(
        summary.waiting.is_empty() && summary.errors.is_empty(),
        "{summary:?}"
    );
    assert_eq!(
        people::get(&devs[1].db, &dana).unwrap().name,
        "Dana Zanzibar"
    );
    let found = crate::search::search(&devs[1].db, "zanzibar").unwrap();
    assert_eq!(
        found.people.len(),
        1,
        "the search index follows applied changes"
    );
    assert_eq!(
        outbox(&devs[1].db),
        0,
        "applied changes are not recorded again"
    );
    assert_eq!(devs[1].pull_at(at(2)).applied, 0);
    let status = status(&devs[1].db, &devs[1].folder).unwrap();
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].last_applied, 1);
    assert_eq!(status.devices[0].name.as_deref(), Some("Computer 0"));
    assert_eq!(dump(&devs[0].db), dump(&devs[1].db));
}

#[test]
fn a_failed_write_records_nothing_and_a_committed_one_survives_a_reopen() {
    let root = tempfile::tempdir().unwrap();
    let mut devs = devices(&root, 1);
    let d = &mut devs[0];
    let failed: crate::Result<()> = d.db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('about_me', '\"x\"')",
            [],
        )?;
        Err(crate::Error::NoBackup)
    });
    assert!(failed.is_err());
    assert_eq!(outbox(&d.db), 0, "a rolled back change is not recorded");
    add(&mut d.db, "Dana");
    drop(std::mem::replace(
        &mut d.db,
        Database::open_in_memory().unwrap(),
    ));
    let db = Database::open_in(&d.data, at(5)).unwrap();
    assert!(db.is_syncing(), "sync stays on after a restart");
    assert_eq!(outbox(&db), 1, "the committed change has its record");
    let next: i64 = db
        .conn()
        .query_row("SELECT next_seq FROM sync_device", [], |r| r.get(0))
        .unwrap();
    assert_eq!(next, 2);
}
