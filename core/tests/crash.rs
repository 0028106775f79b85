//! Crash safety: a process making real Allies writes is killed with SIGKILL at random moments,
//! and after every kill the database opens, passes SQLite's integrity and foreign key checks, and
//! holds every write the process had reported done, with the content it reported.
//!
//! The writer is this test binary run again (`current_exe`) with `ALLIES_CRASH_WRITER_DIR` set:
//! the one test then writes instead of driving. So the writer is always built with the driver
//! and shares its checksums; an example would not be rebuilt by `cargo test --test crash`.
//!
//! The writer prints `try <kind> <key> <digest>` before each core call and `ack …` once it
//! returned Ok; a killed writer has at most one write in flight, which may or may not be stored.
//! The driver checks a copy of the files as the kill left them, so the next writer restarts on
//! the crashed files themselves (hot WAL included). Each chain of runs starts in a new folder,
//! so the first-ever open and its migrations get killed too.
//!
//! The second test does the same to a database encrypted with a passphrase (each chain starts
//! from an empty one, encrypted before the first run): the writer and the checks open it with
//! the passphrase, and it must stay encrypted. Its open stretches the passphrase into a key,
//! which takes longer than the plain test's whole kill window, so four kills in five land a
//! random time after the writer said `opened`, and one in five from its start as above. The
//! plain test counts three kills in five from `opened` too, so however slow the start (a loaded
//! machine), enough kills land inside writes.
//!
//! `ALLIES_CRASH_RUNS` sets the number of kills (25 by default; `make crashtest` runs 1,000),
//! and the encrypted test's in proportion (8 of 25), `ALLIES_CRASH_SEED` replays a seed (kill
//! delays; a replay is close but not exact, since where a kill lands also depends on the
//! machine's speed).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test, where a panic is the failure report

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_core::interop::import::{self, Candidate, OnDuplicate, Parsed};
use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::storage::encryption::{self, Passphrase};
use allies_core::storage::{self, DB_FILE};
use allies_core::Database;
use chrono::{DateTime, Duration as Days, TimeZone, Utc};

mod support;

const WRITER_DIR: &str = "ALLIES_CRASH_WRITER_DIR";
/// The passphrase the writer opens the database with; unset or empty: not encrypted.
const WRITER_KEY: &str = "ALLIES_CRASH_WRITER_KEY";
const WRITER_SEED: &str = "ALLIES_CRASH_WRITER_SEED";
const WRITER_RUN: &str = "ALLIES_CRASH_WRITER_RUN";
/// Runs that share one data folder before the next starts empty.
const CHAIN: u64 = 20;
/// Kills land up to this long after the writer starts: in its start, open and migration (25 ms
/// or more on a slow machine), and in writes, including imports of up to ~50 ms, so some imports
/// complete and some are cut.
const MAX_KILL_DELAY: Duration = Duration::from_millis(100);
const MAP_NAME: &str = "Crash test map";

/// One way of running the test: its name (the writer runs it again), the passphrase the data
/// is encrypted with, if it is, and its number of kills when `ALLIES_CRASH_RUNS` is 25.
struct Variant {
    test: &'static str,
    key: Option<&'static str>,
    default_runs: u64,
    /// How many kills in five wait for the writer to say the database is open before their
    /// delay starts; the others count from its start, so the open and migrations get killed too.
    /// A start slower than the kill window (a loaded machine, more migrations) would otherwise
    /// leave no kill inside a write.
    after_open_of_five: u64,
}

const PLAIN: Variant = Variant {
    test: "a_killed_writer_loses_no_acknowledged_write",
    key: None,
    default_runs: 25,
    after_open_of_five: 3,
};

const ENCRYPTED: Variant = Variant {
    test: "a_killed_writer_loses_no_acknowledged_write_when_encrypted",
    key: Some("correct horse battery staple ✓"),
    default_runs: 8,
    after_open_of_five: 4,
};

#[test]
fn a_killed_writer_loses_no_acknowledged_write() {
    drive(&PLAIN);
}

#[test]
fn a_killed_writer_loses_no_acknowledged_write_when_encrypted() {
    drive(&ENCRYPTED);
}

fn drive(variant: &Variant) {
    if let Some(dir) = std::env::var_os(WRITER_DIR) {
        writer::run(PathBuf::from(dir));
    }
    let runs = env_number("ALLIES_CRASH_RUNS").map_or(variant.default_runs, |n| {
        (n * variant.default_runs)
            .div_ceil(PLAIN.default_runs)
            .max(1)
    });
    let seed = env_number("ALLIES_CRASH_SEED").unwrap_or_else(|| {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        t.map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    let label = if variant.key.is_some() {
        "crash test (encrypted)"
    } else {
        "crash test"
    };
    let key = variant.key.map(|k| Passphrase::new_checked(k).unwrap());
    println!("{label}: {runs} runs, ALLIES_CRASH_SEED={seed}");
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let mut rng = Lcg::new(seed);
    let mut stats = Stats::default();
    let mut expected = Expected::default();
    for run in 0..runs {
        let folder = root.path().join(format!("chain-{}", run / CHAIN));
        if run % CHAIN == 0 {
            expected = Expected::default();
            if run > 0 {
                let done = root.path().join(format!("chain-{}", run / CHAIN - 1));
                // Absent if every writer of that chain was killed before it made the folder.
                if done.exists() {
                    std::fs::remove_dir_all(done).unwrap();
                }
            }
            if let Some(key) = &key {
                encrypt_new(&folder, key);
            }
        }
        let delay = Duration::from_micros(rng.below(MAX_KILL_DELAY.as_micros() as u64));
        let after_open = rng.below(5) < variant.after_open_of_five;
        let lines = run_and_kill(variant, &folder, seed, run, delay, after_open);
        let copy = root.path().join("after-kill");
        copy_database(&folder, &copy);
        if let Err(problem) = expected.check(&copy, variant.key, &lines, &mut stats) {
            let from = if after_open { "the open" } else { "the start" };
            panic!(
                "{label}, run {run} (killed {delay:?} after {from}, ALLIES_CRASH_SEED={seed}): \
                 {problem}\n\
                 last lines from the writer:\n{}",
                lines[lines.len().saturating_sub(8)..].join("\n")
            );
        }
        let opened = lines.iter().any(|l| l == "opened");
        stats.kills += 1;
        stats.before_open += u64::from(!opened);
        // Killed with the file begun but not yet open: inside the first open and its migration.
        let first = key.is_none() && run % CHAIN == 0 && folder.join(DB_FILE).exists();
        stats.first_open += u64::from(!opened && first);
    }
    assert_eq!(stats.kills, runs, "every run ends in a kill and a check");
    // A run whose kills all landed before the open (a slow machine, a broken writer) would pass
    // every check above while testing nothing: the writes must have been both acknowledged and
    // cut. The floors are well under what a run reaches (about half the kills land in a write,
    // with two acknowledged writes per kill), so only a run that tested little fails.
    let (min_in_flight, min_acknowledged) = minimum_coverage(runs);
    assert!(
        stats.in_flight >= min_in_flight,
        "{label}: only {} of {runs} kills landed during a write (at least {min_in_flight} \
         must), so the run says little about a write cut short; ALLIES_CRASH_SEED={seed}",
        stats.in_flight
    );
    assert!(
        stats.acknowledged >= min_acknowledged,
        "{label}: only {} acknowledged writes were checked after the kills (at least \
         {min_acknowledged} must be), so the run says little about keeping them; \
         ALLIES_CRASH_SEED={seed}",
        stats.acknowledged
    );
    println!(
        "{label}: {} kills ({} before the database was open, {} of them inside the first-ever \
         open; {} during a write, {} of them an import; {} after a commit and before its ack), \
         {} acknowledged writes verified ({} of them imports), integrity ok after every kill, \
         {:.1} s, ALLIES_CRASH_SEED={seed}",
        stats.kills,
        stats.before_open,
        stats.first_open,
        stats.in_flight,
        stats.imports,
        stats.stored_unacknowledged,
        stats.acknowledged,
        stats.imports_whole,
        started.elapsed().as_secs_f64()
    );
}

/// How many kills during a write, and how many acknowledged writes, a run of `runs` kills must
/// have checked to count: one kill in ten and one write per five kills, and at least one each.
fn minimum_coverage(runs: u64) -> (u64, u64) {
    ((runs / 10).max(1), (runs / 5).max(1))
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value} is not a whole number")),
    )
}

/// A new, empty database in `folder`, encrypted with `key`.
fn encrypt_new(folder: &Path, key: &Passphrase) {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
    let db = Database::open_in(folder, now).unwrap();
    let (db, report) = encryption::change(db, Some(key.clone()), now);
    assert!(report.unwrap().encrypted);
    drop(db.unwrap());
    assert!(encryption::is_encrypted(&folder.join(DB_FILE)));
}

/// Starts a writer on `folder`, kills it `delay` after its start (or, with `after_open`, after
/// it said the database is open) and returns the complete lines it printed.
fn run_and_kill(
    variant: &Variant,
    folder: &Path,
    seed: u64,
    run: u64,
    delay: Duration,
    after_open: bool,
) -> Vec<String> {
    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([variant.test, "--exact", "--nocapture", "--test-threads=1"])
        .env(WRITER_DIR, folder)
        .env(WRITER_KEY, variant.key.unwrap_or(""))
        .env(WRITER_SEED, seed.to_string())
        .env(WRITER_RUN, run.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts again as the writer");
    let output = support::watch(&mut child);
    let from = if after_open {
        // None if the writer stopped first; the status check below says why.
        let deadline = Instant::now() + Duration::from_secs(60);
        std::iter::from_fn(|| {
            output
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .ok()
        })
        .find(|(line, _)| line == "opened")
        .map(|(_, at)| at)
    } else {
        Some(started)
    };
    if let Some(from) = from {
        std::thread::sleep(delay.saturating_sub(from.elapsed()));
    }
    child.kill().expect("the writer can be killed"); // SIGKILL on Unix
    let status = child.wait().unwrap();
    let (lines, err) = output.finish();
    assert_eq!(
        status.signal(),
        Some(9),
        "the writer must still be writing when it is killed, not stop on its own ({status}): {}",
        String::from_utf8_lossy(&err)
    );
    lines
}

/// Copies the database files as the kill left them (the shared-memory index is rebuilt).
fn copy_database(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    let Ok(entries) = std::fs::read_dir(from) else {
        return; // killed before it made the folder
    };
    for entry in entries {
        let name = entry.unwrap().file_name();
        let name = name.to_string_lossy();
        if name.starts_with(DB_FILE) && !name.ends_with("-shm") {
            std::fs::copy(from.join(&*name), to.join(&*name)).unwrap();
        }
    }
}

#[derive(Default)]
struct Stats {
    kills: u64,
    before_open: u64,
    first_open: u64,
    in_flight: u64,
    imports: u64,
    imports_whole: u64,
    stored_unacknowledged: u64,
    acknowledged: u64,
}

/// What a run's lines say: a write that returned, or the one the kill interrupted.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    kind: String,
    key: String,
    digest: String,
}

fn parse(lines: &[String]) -> Result<(Vec<Line>, Option<Line>), String> {
    let mut done = Vec::new();
    let mut pending: Option<Line> = None;
    for text in lines {
        let mut words = text.split(' ');
        let (Some(verb @ ("try" | "ack")), Some(kind), Some(key), Some(digest), None) = (
            words.next(),
            words.next(),
            words.next(),
            words.next(),
            words.next(),
        ) else {
            continue; // the test harness's own lines, and "opened"
        };
        let line = Line {
            kind: kind.into(),
            key: key.into(),
            digest: digest.into(),
        };
        match (verb, pending.take()) {
            ("try", None) => pending = Some(line),
            ("ack", Some(tried))
                if tried.kind == line.kind
                    && (tried.key == "-" || tried.key == line.key)
                    && tried.digest == line.digest =>
            {
                done.push(line)
            }
            (_, tried) => return Err(format!("out of order: {tried:?} then «{text}»")),
        }
    }
    Ok((done, pending))
}

/// What the data folder must hold, learnt from the acknowledgements of its runs so far.
#[derive(Default)]
struct Expected {
    /// (kind, key) → digest of the content last acknowledged (or found, for a write in flight).
    records: HashMap<(String, String), String>,
    /// Imported batch → how many people it brought.
    batches: HashMap<String, i64>,
    /// Rows found at the last check, including writes stored but never acknowledged.
    counts: HashMap<&'static str, i64>,
}

impl Expected {
    fn check(
        &mut self,
        dir: &Path,
        key: Option<&str>,
        lines: &[String],
        stats: &mut Stats,
    ) -> Result<(), String> {
        let (done, pending) = parse(lines)?;
        let mut created: HashMap<&'static str, i64> = HashMap::new();
        for line in &done {
            let table = table_of(&line.kind);
            if line.kind == "batch" {
                let n: i64 = line.digest.parse().map_err(|_| "a bad batch line")?;
                self.batches.insert(line.key.clone(), n);
                stats.imports_whole += 1;
                *created.entry(table).or_default() += n;
            } else {
                let previous = self
                    .records
                    .insert((line.kind.clone(), line.key.clone()), line.digest.clone());
                if previous.is_none() {
                    *created.entry(table).or_default() += 1;
                }
            }
        }
        stats.acknowledged += done.len() as u64;
        stats.in_flight += u64::from(pending.is_some());
        stats.imports += u64::from(pending.as_ref().is_some_and(|p| p.kind == "batch"));

        let now = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let path = dir.join(DB_FILE);
        if key.is_some() && !encryption::is_encrypted(&path) {
            return Err("the database is no longer encrypted, or lost its marker".into());
        }
        let passphrase = key.map(|k| Passphrase::new_checked(k).unwrap());
        let db = Database::open_with_key(&path, now, passphrase.as_ref())
            .map_err(|e| format!("the database does not open after the kill: {e}"))?;
        if db.is_encrypted() != key.is_some() {
            return Err(format!("the app sees encrypted = {}", db.is_encrypted()));
        }
        let conn = raw_open(&path, key)?;
        check_integrity(&conn)?;

        let mut in_flight_stored = false;
        let mut placements: HashMap<String, HashMap<String, String>> = HashMap::new();
        for ((kind, key), want) in &mut self.records {
            let lost = |e: allies_core::Error| format!("acknowledged {kind} {key} is lost: {e}");
            let found = match kind.as_str() {
                "person" => people::get(&db, key).map(|p| person_digest(&p.as_input())),
                "interaction" => interactions::get(&db, key).map(|i| interaction_digest(&i)),
                "favour" => favours::get(&db, key).map(|f| favour_digest(&f)),
                "map" => maps::get(&db, key).map(|m| digest(&[&m.name])),
                "place" => {
                    let (map, person) = key.split_once('/').ok_or("a bad placement key")?;
                    if !placements.contains_key(map) {
                        let on_map = maps::placements(&db, map)
                            .map_err(|e| format!("the placements of map {map}: {e}"))?;
                        let digests = on_map
                            .iter()
                            .map(|p| (p.person_id.clone(), placement_digest(p)))
                            .collect();
                        placements.insert(map.to_owned(), digests);
                    }
                    let on_map = placements[map].get(person).cloned();
                    Ok(on_map.ok_or(format!("acknowledged {kind} {key} is off the map"))?)
                }
                other => return Err(format!("an unknown kind of write «{other}»")),
            };
            let found = found.map_err(lost)?;
            if found == *want {
                continue;
            }
            // The write in flight may have changed what was acknowledged before it.
            let updated = pending
                .as_ref()
                .is_some_and(|p| &p.kind == kind && &p.key == key && p.digest == found);
            if !updated {
                return Err(format!(
                    "acknowledged {kind} {key} holds other content (digest {found}, not {want})"
                ));
            }
            *want = found;
            in_flight_stored = true;
        }

        // A placement the write in flight added, which no acknowledgement names yet.
        if let Some(p) = pending.as_ref().filter(|p| p.kind == "place") {
            let (map, person) = p.key.split_once('/').ok_or("a bad placement key")?;
            let key = ("place".to_owned(), p.key.clone());
            if let Entry::Vacant(slot) = self.records.entry(key) {
                let on_map = maps::placements(&db, map).map_err(|e| e.to_string())?;
                if let Some(found) = on_map.iter().find(|q| q.person_id == person) {
                    if placement_digest(found) != p.digest {
                        return Err(format!("placement {} is half written", p.key));
                    }
                    slot.insert(p.digest.clone());
                    *created.entry("placements").or_default() += 1;
                    in_flight_stored = true;
                }
            }
        }

        // Imports are one transaction: a batch is there whole, or not at all.
        let mut stmt = conn
            .prepare(
                "SELECT organisation, count(*) FROM people
                 WHERE organisation LIKE 'batch-%' GROUP BY organisation",
            )
            .map_err(|e| e.to_string())?;
        let found: HashMap<String, i64> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| e.to_string())?;
        for (tag, n) in &found {
            match (self.batches.get(tag), &pending) {
                (Some(want), _) if want == n => {}
                (None, Some(p)) if p.kind == "batch" && &p.key == tag => {
                    if p.digest != n.to_string() {
                        return Err(format!(
                            "import {tag} is partly stored: {n} of {}",
                            p.digest
                        ));
                    }
                    self.batches.insert(tag.clone(), *n);
                    *created.entry("people").or_default() += n;
                    in_flight_stored = true;
                }
                (want, _) => {
                    return Err(format!(
                        "import {tag} holds {n} people, acknowledged {want:?}: an import is all \
                         or nothing"
                    ))
                }
            }
        }
        if let Some((tag, _)) = self.batches.iter().find(|(t, _)| !found.contains_key(*t)) {
            return Err(format!("acknowledged import {tag} is lost"));
        }

        // Exact counts: nothing lost, nothing doubled; a create in flight may be there or not.
        let mut counts: HashMap<&'static str, i64> = storage::summary(&db)
            .map_err(|e| e.to_string())?
            .into_iter()
            .collect();
        let on_map: i64 = conn
            .query_row("SELECT count(*) FROM placements", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        counts.insert("placements", on_map);
        let creating = pending
            .as_ref()
            .filter(|p| p.key == "-")
            .map(|p| table_of(&p.kind));
        for table in ["people", "interactions", "favours", "maps", "placements"] {
            let want = self.counts.get(table).copied().unwrap_or(0)
                + created.get(table).copied().unwrap_or(0);
            let found = counts.get(table).copied().unwrap_or(0);
            if found == want + 1 && creating == Some(table) {
                in_flight_stored = true;
            } else if found != want {
                return Err(format!(
                    "{found} {table} stored, {want} expected from the acknowledgements"
                ));
            }
        }
        self.counts = counts;
        stats.stored_unacknowledged += u64::from(in_flight_stored);
        Ok(())
    }
}

fn table_of(kind: &str) -> &'static str {
    match kind {
        "person" | "batch" => "people",
        "interaction" => "interactions",
        "favour" => "favours",
        "map" => "maps",
        _ => "placements",
    }
}

/// A connection of its own to the file, past the app's code; with `key` given to SQLCipher
/// before anything is read, as `encryption::apply_key` (private to the crate) does.
fn raw_open(path: &Path, key: Option<&str>) -> Result<rusqlite::Connection, String> {
    let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
    if let Some(key) = key {
        conn.pragma_update(None, "cipher_log_level", "NONE")
            .and_then(|()| conn.pragma_update(None, "key", key))
            .map_err(|e| format!("giving SQLCipher the key: {e}"))?;
    }
    Ok(conn)
}

fn check_integrity(conn: &rusqlite::Connection) -> Result<(), String> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    if problems != ["ok"] {
        return Err(format!("integrity_check: {problems:?}"));
    }
    let broken: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok(format!("{}:{:?}", r.get::<_, String>(0)?, r.get_ref(1)?))
            })?
            .collect()
        })
        .map_err(|e| e.to_string())?;
    if !broken.is_empty() {
        return Err(format!("foreign_key_check: {broken:?}"));
    }
    Ok(())
}

/// FNV-1a over the fields, so a line can name a record's whole content.
fn digest(fields: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for field in fields {
        for b in field.bytes().chain([0x1f]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn person_digest(p: &PersonInput) -> String {
    digest(&[
        &p.name,
        &p.role,
        &p.department,
        &p.organisation,
        &p.email,
        &p.notes,
        &p.tags,
    ])
}

fn interaction_digest(i: &interactions::Interaction) -> String {
    let mut people: Vec<&str> = i.people.iter().map(|p| p.id.as_str()).collect();
    people.sort_unstable();
    digest(&[
        &i.occurred_at.to_rfc3339(),
        &format!("{:?}", i.kind),
        &i.notes,
        &i.follow_up,
        &people.join(","),
    ])
}

fn favour_digest(f: &favours::Favour) -> String {
    digest(&[
        &f.person_id,
        &format!("{:?}", f.direction),
        &f.description,
        &format!("{:?}", f.status),
    ])
}

fn placement_digest(p: &maps::Placement) -> String {
    position_digest(p.position, p.stance)
}

fn position_digest(at: Position, stance: Stance) -> String {
    digest(&[
        &at.power.to_string(),
        &at.interest.to_string(),
        &format!("{stance:?}"),
    ])
}

/// A small seeded generator (an LCG with a mixed output), so a seed replays the same choices.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let z = (self.0 ^ (self.0 >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^ (z >> 33)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The writer process: real writes through the public API, each acknowledged once it returned.
mod writer {
    use super::*;

    const WORDS: &[&str] = &[
        "roadmap",
        "café",
        "budget",
        "Zoë",
        "hiring",
        "offsite",
        "OKR",
        "1:1",
        "naïve",
        "mentor",
        "platform",
        "“quoted”",
        "launch",
        "review",
        "日本",
        "promotion",
    ];

    /// Prints a line and pushes it into the pipe; with the reader gone, stops.
    fn say(line: &str) {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            std::process::exit(4);
        }
    }

    fn die(what: &str, e: impl std::fmt::Display) -> ! {
        eprintln!("crash writer: {what} failed: {e}");
        std::process::exit(2);
    }

    fn words(rng: &mut Lcg, max_chars: u64) -> String {
        let target = rng.below(max_chars + 1) as usize;
        let mut text = String::new();
        while text.len() < target {
            if !text.is_empty() {
                text.push(if rng.below(12) == 0 { '\n' } else { ' ' });
            }
            text.push_str(rng.pick::<&str>(WORDS));
        }
        text
    }

    fn env_u64(name: &str) -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| die("reading the environment", name))
    }

    pub fn run(dir: PathBuf) -> ! {
        let run = env_u64(WRITER_RUN);
        let mut rng = Lcg::new(env_u64(WRITER_SEED) ^ run.wrapping_mul(0x2545_f491_4f6c_dd1d));
        // A fixed clock a day further on for each run; each write is a second later.
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Days::days(run as i64);
        let mut tick = 0;
        let mut now = move || -> DateTime<Utc> {
            tick += 1;
            start + Days::seconds(tick)
        };

        // The harness printed "test … ... " without a newline; the writer's lines start afresh.
        say("");
        let key = std::env::var(WRITER_KEY).ok().filter(|k| !k.is_empty());
        let key = key.map(|k| Passphrase::new_checked(k).unwrap_or_else(|e| die("the key", e)));
        // Database::open_in, with the key: the first run makes the folder.
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| die("making the folder", e));
        let mut db = Database::open_with_key(&dir.join(DB_FILE), now(), key.as_ref())
            .unwrap_or_else(|e| die("opening", e));
        say("opened");
        let maps = maps::list(&db, true).unwrap_or_else(|e| die("listing maps", e));
        let map = match maps.into_iter().find(|m| m.name == MAP_NAME) {
            Some(map) => map.id,
            None => {
                let d = digest(&[MAP_NAME]);
                say(&format!("try map - {d}"));
                let map = maps::create(&mut db, &MapInput::named(MAP_NAME), now())
                    .unwrap_or_else(|e| die("creating the map", e));
                say(&format!("ack map {} {d}", map.id));
                map.id
            }
        };

        // People this run added, whom its other writes are about.
        let mut people: Vec<String> = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut op = 0u64;
        loop {
            op += 1;
            if Instant::now() > deadline {
                die("waiting to be killed", "30 s passed");
            }
            let now = now();
            let choice = if people.is_empty() { 0 } else { rng.below(100) };
            match choice {
                0..=29 => {
                    let long = rng.below(4) == 0;
                    let input = PersonInput {
                        name: format!("Person {run}.{op}"),
                        role: rng
                            .pick(&["Director", "Engineer", "VP Sales", ""])
                            .to_string(),
                        department: rng.pick(&["Platform", "Finance", ""]).to_string(),
                        organisation: format!("Org {}", rng.below(7)),
                        email: format!("p{run}.{op}@example.org"),
                        notes: words(&mut rng, if long { 12_000 } else { 300 }),
                        tags: format!("crash, run {run}"),
                    };
                    let d = person_digest(&input);
                    say(&format!("try person - {d}"));
                    let p = people::add(&mut db, &input, now).unwrap_or_else(|e| die("add", e));
                    if person_digest(&p.as_input()) != d {
                        die("add", "the stored person differs from the input");
                    }
                    say(&format!("ack person {} {d}", p.id));
                    people.push(p.id);
                }
                30..=44 => {
                    let id = rng.pick(&people).clone();
                    let mut input = people::get(&db, &id)
                        .unwrap_or_else(|e| die("get", e))
                        .as_input();
                    input.notes = words(&mut rng, 2_000);
                    input.role = format!("Role {op}");
                    let d = person_digest(&input);
                    say(&format!("try person {id} {d}"));
                    let p = people::update(&mut db, &id, &input, now)
                        .unwrap_or_else(|e| die("update", e));
                    if person_digest(&p.as_input()) != d {
                        die("update", "the stored person differs from the input");
                    }
                    say(&format!("ack person {id} {d}"));
                }
                45..=64 => {
                    let mut with: Vec<String> = (0..=rng.below(2))
                        .map(|_| rng.pick(&people).clone())
                        .collect();
                    with.sort();
                    with.dedup();
                    let input = InteractionInput {
                        occurred_at: Some(now - Days::minutes(rng.below(50_000) as i64)),
                        kind: *rng.pick(&[Kind::OneOnOne, Kind::Coffee, Kind::Meeting]),
                        people: with.clone(),
                        notes: words(&mut rng, 1_500),
                        follow_up: if rng.below(2) == 0 {
                            String::new()
                        } else {
                            format!("Send the deck {op}")
                        },
                    };
                    let d = digest(&[
                        &input.occurred_at.unwrap().to_rfc3339(),
                        &format!("{:?}", input.kind),
                        &input.notes,
                        &input.follow_up,
                        &with.join(","),
                    ]);
                    say(&format!("try interaction - {d}"));
                    let i =
                        interactions::log(&mut db, &input, now).unwrap_or_else(|e| die("log", e));
                    if interaction_digest(&i) != d {
                        die("log", "the stored interaction differs from the input");
                    }
                    say(&format!("ack interaction {} {d}", i.id));
                }
                65..=79 => {
                    let person = rng.pick(&people).clone();
                    let at =
                        Position::new(rng.below(101) as f64 / 100.0, rng.below(101) as f64 / 100.0);
                    let stance = *rng.pick(&[Stance::Champion, Stance::Skeptic, Stance::Neutral]);
                    let d = position_digest(at, stance);
                    say(&format!("try place {map}/{person} {d}"));
                    let p = maps::place(&mut db, &map, &person, at, Some(stance), now)
                        .unwrap_or_else(|e| die("place", e));
                    if placement_digest(&p) != d {
                        die("place", "the stored placement differs from the input");
                    }
                    say(&format!("ack place {map}/{person} {d}"));
                }
                80..=89 => {
                    let input = FavourInput {
                        person_id: rng.pick(&people).clone(),
                        direction: *rng.pick(&[Direction::ByThem, Direction::ByMe]),
                        // One line: a description keeps no line break.
                        description: format!("Favour {run}.{op} {}", words(&mut rng, 200))
                            .trim_end()
                            .replace('\n', " "),
                    };
                    let d = digest(&[
                        &input.person_id,
                        &format!("{:?}", input.direction),
                        &input.description,
                        "Open",
                    ]);
                    say(&format!("try favour - {d}"));
                    let f =
                        favours::record(&mut db, &input, now).unwrap_or_else(|e| die("record", e));
                    if favour_digest(&f) != d {
                        die("record", "the stored favour differs from the input");
                    }
                    say(&format!("ack favour {} {d}", f.id));
                }
                _ => {
                    // An import: up to 150 people in one transaction.
                    let tag = format!("batch-{run}-{op}");
                    let n = 20 + rng.below(130);
                    let candidates = (0..n)
                        .map(|i| Candidate {
                            row: i + 2,
                            person: PersonInput {
                                name: format!("Imported {tag} {i}"),
                                organisation: tag.clone(),
                                notes: words(&mut rng, 400),
                                ..Default::default()
                            },
                            how_met: "Connected on LinkedIn".into(),
                            contacts: Vec::new(),
                            dates: Vec::new(),
                        })
                        .collect();
                    let parsed = Parsed {
                        candidates,
                        unit: "row".into(),
                        ..Default::default()
                    };
                    say(&format!("try batch {tag} {n}"));
                    let summary =
                        import::apply(&mut db, &parsed, OnDuplicate::Skip, now, &mut |_, _| {})
                            .unwrap_or_else(|e| die("import", e));
                    if summary.added as u64 != n {
                        die("import", format!("{} of {n} added", summary.added));
                    }
                    say(&format!("ack batch {tag} {n}"));
                }
            }
        }
    }
}
