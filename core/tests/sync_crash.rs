//! Sync survives SIGKILL: a process writing this computer's changes to the sync folder, and a
//! process applying them on another computer, are each killed at random moments. After every
//! kill the data opens, no change recorded here is missing from both the folder and the outbox,
//! and every file under its final name is whole; run to the end, the other computer holds
//! exactly what this one does, nothing applied twice (events, which never conflict, would show
//! a second application as a second row).
//!
//! The killed process is this test binary run again (`current_exe`) with `ALLIES_SYNC_CRASH_ROLE`
//! set to `push` or `pull`, as `crash.rs` does for writes. It prints `opened` once its data is
//! open and `done` once the whole push or pull returned. `ALLIES_SYNC_CRASH_RUNS` sets the
//! number of kills of each kind (12 by default), `ALLIES_SYNC_CRASH_SEED` replays a seed.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test, where a panic is the failure report

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::storage::backup;
use allies_core::sync;
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

mod support;

const TEST: &str = "a_killed_push_or_pull_loses_nothing_and_applies_nothing_twice";
const ROLE: &str = "ALLIES_SYNC_CRASH_ROLE";
const DATA: &str = "ALLIES_SYNC_CRASH_DATA";
const FOLDER: &str = "ALLIES_SYNC_CRASH_FOLDER";
const PASSPHRASE: &str = "a passphrase both computers share";
const PEOPLE: usize = 200;
/// Kills land up to this long after the process said `opened`: a push of the 801 files here
/// takes about a second on a 2-core machine and a pull longer, so each kill cuts one short and
/// the next run goes on from there.
const MAX_KILL_DELAY_MS: u64 = 150;

/// Every write and round happens at this moment: the order of changes comes from the clocks
/// sync keeps, not from the wall clock.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

/// A small random source (xorshift), seeded so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The process that is killed: opens the data, says so, pushes or pulls to the end, says so.
fn run_as_killed_process(role: &str) {
    let data = PathBuf::from(std::env::var_os(DATA).unwrap());
    let folder = PathBuf::from(std::env::var_os(FOLDER).unwrap());
    let mut db = Database::open_in(&data, now()).unwrap();
    println!("opened");
    std::io::stdout().flush().unwrap();
    match role {
        "push" => {
            sync::push(&mut db, &folder, now()).unwrap();
        }
        _ => {
            let summary = sync::pull(&mut db, &folder, now()).unwrap();
            assert!(summary.errors.is_empty(), "{:?}", summary.errors);
        }
    }
    println!("done");
    std::io::stdout().flush().unwrap();
}

/// Starts the process for `role` on `data` and kills it `delay` after it said `opened`;
/// returns whether it had finished by then.
fn kill_after(role: &str, data: &Path, folder: &Path, delay: Duration) -> bool {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DATA, data)
        .env(FOLDER, folder)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts again as the process to kill");
    let output = support::watch(&mut child);
    let deadline = Instant::now() + Duration::from_secs(60);
    let opened = std::iter::from_fn(|| {
        output
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()
    })
    // The test harness prints "test … ... " before the first line, with no line end.
    .find(|(line, _)| line.ends_with("opened"))
    .map(|(_, at)| at);
    let Some(opened) = opened else {
        let _ = child.kill();
        let _ = child.wait();
        let (lines, err) = output.finish();
        panic!(
            "the {role} process never opened its data: {lines:?} {}",
            String::from_utf8_lossy(&err)
        );
    };
    std::thread::sleep(delay.saturating_sub(opened.elapsed()));
    child.kill().expect("the process can be killed"); // SIGKILL on Unix
    child.wait().unwrap();
    let (lines, _) = output.finish();
    lines.iter().any(|line| line.ends_with("done"))
}

/// The numbers of this device's change files under their final names.
fn files_of(folder: &Path, device: &str) -> BTreeSet<i64> {
    std::fs::read_dir(folder.join("changes").join(device))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".changes")?.parse().ok()
        })
        .collect()
}

/// The rows of the tables a person's map is made of, in order; events without their local key.
fn map_rows(db: &Database) -> Vec<String> {
    let dump = backup::dump(db, now()).unwrap();
    let mut out = Vec::new();
    for table in dump.tables.iter().filter(|t| {
        matches!(
            t.name.as_str(),
            "people" | "maps" | "placements" | "placement_events"
        )
    }) {
        let keep: Vec<usize> = (0..table.columns.len())
            .filter(|&i| !(table.name == "placement_events" && table.columns[i] == "id"))
            .collect();
        let mut rows: Vec<String> = table
            .rows
            .iter()
            .map(|row| {
                let cells: Vec<String> = keep.iter().map(|&i| row[i].to_string()).collect();
                format!("{}: {}", table.name, cells.join("|"))
            })
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

#[test]
fn a_killed_push_or_pull_loses_nothing_and_applies_nothing_twice() {
    if let Ok(role) = std::env::var(ROLE) {
        run_as_killed_process(&role);
        return;
    }
    let runs: u32 = std::env::var("ALLIES_SYNC_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("ALLIES_SYNC_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            t.map(|d| d.as_nanos() as u64).unwrap_or(1) | 1
        });
    println!("ALLIES_SYNC_CRASH_SEED={seed}");
    let mut rng = Rng(seed);

    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    let (laptop_dir, desktop_dir) = (root.path().join("laptop"), root.path().join("desktop"));
    let mut laptop = Database::open_in(&laptop_dir, now()).unwrap();
    let laptop_id = sync::enable(&mut laptop, &folder, PASSPHRASE, "Laptop", now()).unwrap();
    {
        let mut desktop = Database::open_in(&desktop_dir, now()).unwrap();
        sync::enable(&mut desktop, &folder, PASSPHRASE, "Desktop", now()).unwrap();
    }

    // A map of people, each moved twice: people, places and events (which never conflict).
    let map = maps::create(&mut laptop, &MapInput::named("Promotion"), now())
        .unwrap()
        .id;
    for i in 0..PEOPLE {
        let person = people::add(
            &mut laptop,
            &PersonInput::named(&format!("Person {i}")),
            now(),
        )
        .unwrap()
        .id;
        for step in 0..3u32 {
            let at = Position::new(f64::from(step) * 0.3, (i % 10) as f64 / 10.0);
            maps::place(&mut laptop, &map, &person, at, Some(Stance::Neutral), now()).unwrap();
        }
    }
    let recorded = sync::status(&laptop, &folder).unwrap().next_seq - 1;
    drop(laptop);

    // Writing to the folder, killed again and again.
    let mut cut_short = 0;
    for _ in 0..runs {
        let delay = Duration::from_millis(rng.below(MAX_KILL_DELAY_MS));
        let finished = kill_after("push", &laptop_dir, &folder, delay);
        let laptop = Database::open_in(&laptop_dir, now()).unwrap();
        let status = sync::status(&laptop, &folder).unwrap();
        let files = files_of(&folder, &laptop_id);
        let written = i64::try_from(files.len()).unwrap();
        assert_eq!(
            files,
            (1..=written).collect::<BTreeSet<_>>(),
            "files are written in order, with no gap (seed {seed})"
        );
        assert!(
            written + status.outbox_pending >= recorded,
            "every change is in the folder or still waits here: {written} files, {} waiting, {recorded} recorded (seed {seed})",
            status.outbox_pending
        );
        if !finished && status.outbox_pending > 0 && written > 0 {
            cut_short += 1;
        }
        if status.outbox_pending == 0 {
            break;
        }
    }
    println!("push: {cut_short} kills landed inside a push");
    let mut laptop = Database::open_in(&laptop_dir, now()).unwrap();
    sync::push(&mut laptop, &folder, now()).unwrap();
    assert_eq!(sync::status(&laptop, &folder).unwrap().outbox_pending, 0);
    assert!(
        cut_short >= 1,
        "at least one kill landed inside a push (seed {seed}); the machine was too fast or too slow for the kill window"
    );

    // Applying them on the other computer, killed again and again.
    let mut cut_short = 0;
    let mut applied_before = 0;
    for _ in 0..runs {
        let delay = Duration::from_millis(rng.below(MAX_KILL_DELAY_MS));
        let finished = kill_after("pull", &desktop_dir, &folder, delay);
        let desktop = Database::open_in(&desktop_dir, now()).unwrap();
        let status = sync::status(&desktop, &folder).unwrap();
        let applied = status
            .devices
            .iter()
            .find(|d| d.id == laptop_id)
            .map_or(0, |d| d.last_applied);
        assert!(
            applied >= applied_before,
            "what was applied stays applied (seed {seed})"
        );
        if !finished && applied > applied_before && applied < recorded {
            cut_short += 1;
        }
        applied_before = applied;
        if applied == recorded {
            break;
        }
    }
    println!("pull: {cut_short} kills landed inside a pull, {applied_before} of {recorded} files applied by then");
    let mut desktop = Database::open_in(&desktop_dir, now()).unwrap();
    let summary = sync::pull(&mut desktop, &folder, now()).unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    assert!(
        cut_short >= 1,
        "at least one kill landed inside a pull (seed {seed})"
    );
    let (on_laptop, on_desktop) = (map_rows(&laptop), map_rows(&desktop));
    let events = |rows: &[String]| {
        rows.iter()
            .filter(|r| r.starts_with("placement_events"))
            .count()
    };
    assert_eq!(events(&on_laptop), PEOPLE * 3, "every move is an event");
    assert_eq!(
        events(&on_desktop),
        events(&on_laptop),
        "no event applied twice or lost (seed {seed})"
    );
    assert_eq!(
        on_desktop, on_laptop,
        "the other computer holds the same map (seed {seed})"
    );
}
