//! Crash safety of turning encryption on, changing the passphrase and turning it off: a process
//! running `encryption::change` is killed with SIGKILL at random moments, and after every kill
//! the database opens with exactly one of the old and the new passphrase (or none, if that side
//! is "not encrypted"), passes SQLite's integrity check, holds every row it held before, and
//! the next open leaves no half-written copy (`allies.db.converting`) behind. Every backup
//! opens with the old or the new passphrase and holds what it held.
//!
//! The changing process is this test binary run again (`current_exe`) with
//! `ALLIES_CRASH_CHANGE_DIR` set, as in `crash.rs`. It prints `opened` once the database is
//! open and `changed` once `change` returned Ok; the kill lands a random time after `opened`,
//! within about the time a whole change takes here (measured first, by one change left to
//! finish, which is checked too), more often early on. Each kill starts on a fresh copy of the
//! same data folder.
//!
//! The counts printed per direction say where the kills landed. A kill between the database's
//! rename and the end of the backups leaves backups under the old passphrase: when encrypting,
//! the next open encrypts them (checked); after a change of passphrase they stay under the old
//! one, and after decrypting they stay encrypted, which loses nothing and shows no data. No
//! half-written backup copy (`backups/*.converting`) may survive the next open.
//!
//! `ALLIES_CRASH_RUNS` scales the number of kills (25 means the default, 10 per direction),
//! `ALLIES_CRASH_SEED` replays a seed (kill delays; where a kill lands also depends on the
//! machine's speed).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test, where a panic is the failure report

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_core::interop::import::{self, Candidate, OnDuplicate, Parsed};
use allies_core::people::PersonInput;
use allies_core::storage::encryption::{self, Passphrase};
use allies_core::storage::snapshots::{self, Reason};
use allies_core::storage::DB_FILE;
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

mod support;

const TEST_NAME: &str = "a_change_of_encryption_killed_at_any_moment_loses_nothing";
const CHILD_DIR: &str = "ALLIES_CRASH_CHANGE_DIR";
const CHILD_FROM: &str = "ALLIES_CRASH_CHANGE_FROM";
const CHILD_TO: &str = "ALLIES_CRASH_CHANGE_TO";
/// Kills per direction at the default `ALLIES_CRASH_RUNS` of 25.
const DEFAULT_KILLS: u64 = 10;
/// SQLCipher takes a passphrase of the form x'…64 hex digits…' as the key itself, without
/// stretching it (256,000 rounds of PBKDF2, 0.2 s or more each time; a change and the checks
/// after it stretch a key a dozen times). Allies hands it to SQLCipher like any passphrase, so
/// every file step of a change is the same; the kills land in that file work rather than in
/// key stretching, and the test stays quick. `crash.rs` runs with a typed passphrase.
const FIRST: &str = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'";
const SECOND: &str = "x'98483C6EB40B6C31A448C22A66DED3B5E5E8D5119CAC8327B655C8B5C4836481'";
/// The rows the database holds: enough that writing a copy takes a while.
const PEOPLE: u64 = 2_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap()
}

fn key(text: &str) -> Passphrase {
    Passphrase::new_checked(text).unwrap()
}

#[test]
fn a_change_of_encryption_killed_at_any_moment_loses_nothing() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        changer::run(PathBuf::from(dir));
    }
    let kills = env_number("ALLIES_CRASH_RUNS")
        .map_or(DEFAULT_KILLS, |n| (n * DEFAULT_KILLS).div_ceil(25).max(1));
    let seed = env_number("ALLIES_CRASH_SEED").unwrap_or_else(|| {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        t.map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    println!("encryption crash test: {kills} kills per direction, ALLIES_CRASH_SEED={seed}");
    let started = Instant::now();
    let root = memory_folder();
    let plain = root.path().join("plain");
    let want = make_data(&plain);
    let encrypted = root.path().join("encrypted");
    copy_folder(&plain, &encrypted);
    let db = Database::open_with_key(&encrypted.join(DB_FILE), now(), None).unwrap();
    let (db, report) = encryption::change(db, Some(key(FIRST)), now());
    assert_eq!(report.unwrap().backups_converted, want.backups.len());
    drop(db.unwrap());
    println!(
        "encryption crash test: data made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut rng = Lcg::new(seed);
    let work = root.path().join("run");
    let directions = [
        ("encrypting", &plain, None, Some(FIRST)),
        (
            "changing the passphrase",
            &encrypted,
            Some(FIRST),
            Some(SECOND),
        ),
        ("decrypting", &encrypted, Some(FIRST), None),
    ];
    for (what, template, from, to) in directions {
        let change = Change { from, to };
        let began = Instant::now();
        // One change left to finish: how long a change takes here, and that a whole one is right.
        copy_folder(template, &work);
        let (_, took) = run_and_kill(&work, &change, None);
        let took = took.unwrap_or_else(|| panic!("{what}: the change did not finish"));
        let state = check(&work, &change, &want).unwrap_or_else(|p| panic!("{what}, whole: {p}"));
        assert!(
            state.db_new && state.backups_new == want.backups.len() && !state.converting,
            "{what}: a finished change leaves the database and every backup changed: {state:?}"
        );
        let window = took.mul_f64(1.25);
        let mut stats = Stats::default();
        for run in 0..kills {
            copy_folder(template, &work);
            // Squared, so more kills land early, in the database's own copy and rename, than
            // in the backups and the open after them.
            let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
            let delay = window.mul_f64(u * u);
            let (lines, _) = run_and_kill(&work, &change, Some(delay));
            let state = check(&work, &change, &want).unwrap_or_else(|problem| {
                panic!(
                    "{what}, run {run} (killed {delay:?} after the open, \
                     ALLIES_CRASH_SEED={seed}): {problem}\nlast lines from the process:\n{}",
                    lines[lines.len().saturating_sub(8)..].join("\n")
                )
            });
            stats.add(
                &state,
                lines.iter().any(|l| l.starts_with("changed")),
                want.backups.len(),
            );
        }
        println!(
            "encryption crash test, {what}: a whole change took {took:.2?}; {kills} kills within \
             {window:.2?}: {} on the old side with no copy begun, {} with the copy under way, {} \
             after the rename with backups still to change, {} after every file was changed \
             ({} of them after `change` returned); {} backup copies cut short and left in \
             backups/ (*.converting); every check passed, {:.1} s",
            stats.old,
            stats.converting,
            stats.backups_behind,
            stats.all_new,
            stats.returned,
            stats.backup_leftovers,
            began.elapsed().as_secs_f64()
        );
        assert_eq!(stats.total(), kills, "every kill is counted once");
    }
    println!(
        "encryption crash test: {:.1} s, ALLIES_CRASH_SEED={seed}",
        started.elapsed().as_secs_f64()
    );
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

/// The passphrases on either side of a change; `None` is "not encrypted".
struct Change {
    from: Option<&'static str>,
    to: Option<&'static str>,
}

/// What a database file holds: its data version and, per table, the row count and a digest of
/// the rows (in any order).
#[derive(Debug, Clone, PartialEq)]
struct Contents {
    version: i64,
    tables: BTreeMap<String, (usize, u64)>,
}

/// What the data folder holds before any change: the database and each backup by name.
struct Wanted {
    db: Contents,
    backups: BTreeMap<String, Contents>,
}

/// A database of a few thousand people with two backups that differ from it and each other.
fn make_data(dir: &Path) -> Wanted {
    let path = dir.join(DB_FILE);
    let mut db = Database::open_in(dir, now()).unwrap();
    let import = |db: &mut Database, tag: &str, n: u64| {
        let candidates = (0..n)
            .map(|i| Candidate {
                row: i + 2,
                person: PersonInput {
                    name: format!("Person {tag} {i}"),
                    role: ["Director", "Engineer", "VP Sales"][(i % 3) as usize].into(),
                    organisation: format!("Org {}", i % 17),
                    email: format!("p{tag}.{i}@example.org"),
                    notes: "roadmap café budget Zoë ".repeat(1 + (i % 3) as usize),
                    ..Default::default()
                },
                how_met: format!("Connected on LinkedIn ({tag})"),
                contacts: Vec::new(),
                dates: Vec::new(),
            })
            .collect();
        let parsed = Parsed {
            candidates,
            unit: "row".into(),
            ..Default::default()
        };
        let summary = import::apply(db, &parsed, OnDuplicate::Skip, now(), &mut |_, _| {}).unwrap();
        assert_eq!(summary.added as u64, n);
    };
    import(&mut db, "a", PEOPLE - 400);
    snapshots::take(&db, Reason::Daily, now()).unwrap();
    import(&mut db, "b", 200);
    snapshots::take(&db, Reason::BeforeRestore, now()).unwrap();
    import(&mut db, "c", 200);
    drop(db);
    let db = contents(&raw_open(&path, None).unwrap()).unwrap();
    assert_eq!(db.tables["people"].0 as u64, PEOPLE, "every person is in");
    let backups: BTreeMap<String, Contents> = snapshots::list_for(&path)
        .unwrap()
        .iter()
        .map(|s| {
            let name = s.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, contents(&raw_open(&s.path, None).unwrap()).unwrap())
        })
        .collect();
    assert_eq!(
        backups.len(),
        2,
        "two backups to change along with the database"
    );
    Wanted { db, backups }
}

/// A connection to an existing file, with `key` given to SQLCipher before anything is read.
fn raw_open(path: &Path, key: Option<&str>) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    if let Some(key) = key {
        // As encryption::apply_key does (it is private to the crate).
        conn.pragma_update(None, "cipher_log_level", "NONE")?;
        conn.pragma_update(None, "key", key)?;
    }
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// Which of the change's two sides opens the file: `Ok(true)` the new one, `Ok(false)` the old;
/// an error unless exactly one does. A plain file opens on the side that is "not encrypted".
fn side_that_opens(path: &Path, change: &Change) -> Result<(bool, Connection), String> {
    if !encryption::is_scrambled(path) {
        return match (change.from, change.to) {
            (None, _) => Ok((false, raw_open(path, None).map_err(|e| e.to_string())?)),
            (_, None) => Ok((true, raw_open(path, None).map_err(|e| e.to_string())?)),
            _ => Err("it is not encrypted, though both sides of the change are".into()),
        };
    }
    let old = change.from.and_then(|k| raw_open(path, Some(k)).ok());
    let new = change.to.and_then(|k| raw_open(path, Some(k)).ok());
    match (old, new) {
        (Some(conn), None) => Ok((false, conn)),
        (None, Some(conn)) => Ok((true, conn)),
        (None, None) => Err("it is encrypted, and neither passphrase opens it".into()),
        (Some(_), Some(_)) => Err("both passphrases open it".into()),
    }
}

fn contents(conn: &Connection) -> rusqlite::Result<Contents> {
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = BTreeMap::new();
    for name in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\""))?;
        let columns = stmt.column_count();
        let mut rows: Vec<u64> = stmt
            .query_map([], |r| {
                let mut h = Fnv::new();
                for i in 0..columns {
                    match r.get_ref(i)? {
                        ValueRef::Null => h.add(b"n"),
                        ValueRef::Integer(n) => h.add(&n.to_le_bytes()),
                        ValueRef::Real(x) => h.add(&x.to_le_bytes()),
                        ValueRef::Text(t) => h.add(t),
                        ValueRef::Blob(b) => h.add(b),
                    }
                    h.add(&[0x1f]);
                }
                Ok(h.0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_unstable();
        let mut h = Fnv::new();
        rows.iter().for_each(|r| h.add(&r.to_le_bytes()));
        tables.insert(name, (rows.len(), h.0));
    }
    Ok(Contents { version, tables })
}

fn integrity(conn: &Connection) -> Result<(), String> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    if problems != ["ok"] {
        return Err(format!("integrity_check: {problems:?}"));
    }
    Ok(())
}

/// Where the files stood after a kill.
#[derive(Debug, Default)]
struct State {
    /// The database opens with the new side of the change.
    db_new: bool,
    /// A copy of the database (`allies.db.converting`) was there before the next open.
    converting: bool,
    /// Backups that open with the new side.
    backups_new: usize,
    /// Copies of backups cut short (`backups/*.converting`).
    backup_leftovers: usize,
}

/// Checks the folder as a kill left it; see the module's comment for what must hold.
fn check(dir: &Path, change: &Change, want: &Wanted) -> Result<State, String> {
    let path = dir.join(DB_FILE);
    let converting = dir.join(format!("{DB_FILE}.converting"));
    let mut state = State {
        converting: converting.exists(),
        ..State::default()
    };
    let (db_new, conn) =
        side_that_opens(&path, change).map_err(|e| format!("the database: {e}"))?;
    state.db_new = db_new;
    let encrypted = encryption::is_scrambled(&path);
    if encrypted && !encryption::marker(&path).exists() {
        return Err("the database is encrypted and has no marker beside it".into());
    }
    drop(conn);
    if encrypted {
        // Without the passphrase it must say "locked", not "not a database": that one offers
        // to set the file aside and start afresh.
        let code = Database::open_with_key(&path, now(), None)
            .map(|_| "opened")
            .unwrap_or_else(|e| e.code());
        if code != "storage.locked" {
            return Err(format!("without a passphrase the database gives {code}"));
        }
    }
    let side = if db_new { change.to } else { change.from };
    let db = Database::open_with_key(&path, now(), side.map(key).as_ref())
        .map_err(|e| format!("the database does not open with its passphrase: {e}"))?;
    if db.is_encrypted() != side.is_some() {
        return Err(format!("the app sees encrypted = {}", db.is_encrypted()));
    }
    drop(db);
    if converting.exists() {
        return Err(format!(
            "{} is still there after the open",
            converting.display()
        ));
    }
    if !encrypted && encryption::marker(&path).exists() {
        return Err("a plain database still has the encrypted marker after the open".into());
    }
    let conn = raw_open(&path, side).map_err(|e| format!("the database after its open: {e}"))?;
    integrity(&conn).map_err(|e| format!("the database: {e}"))?;
    let found = contents(&conn).map_err(|e| e.to_string())?;
    if found != want.db {
        return Err(format!(
            "the database lost or changed rows: {}",
            diff(&want.db, &found)
        ));
    }
    drop(conn);

    let backups = dir.join(snapshots::DIR);
    for (name, want) in &want.backups {
        let path = backups.join(name);
        let (new, conn) =
            side_that_opens(&path, change).map_err(|e| format!("backup {name}: {e}"))?;
        integrity(&conn).map_err(|e| format!("backup {name}: {e}"))?;
        let found = contents(&conn).map_err(|e| format!("backup {name}: {e}"))?;
        if found != *want {
            return Err(format!(
                "backup {name} lost or changed rows: {}",
                diff(want, &found)
            ));
        }
        state.backups_new += usize::from(new);
    }
    for entry in std::fs::read_dir(&backups).map_err(|e| e.to_string())? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        state.backup_leftovers += usize::from(name.to_string_lossy().ends_with(".converting"));
    }
    if state.backup_leftovers > 0 {
        return Err(format!(
            "{} half-written backup copies are still there after the open",
            state.backup_leftovers
        ));
    }
    if change.from.is_none() && db_new && state.backups_new < want.backups.len() {
        return Err(format!(
            "{} backups are still unencrypted beside the encrypted database after the open",
            want.backups.len() - state.backups_new
        ));
    }
    Ok(state)
}

fn diff(want: &Contents, found: &Contents) -> String {
    if want.version != found.version {
        return format!("data version {} instead of {}", found.version, want.version);
    }
    let tables: Vec<String> = want
        .tables
        .iter()
        .filter(|(t, w)| found.tables.get(*t) != Some(w))
        .map(|(t, (n, _))| {
            let rows = found.tables.get(t).map_or(0, |f| f.0);
            format!("{t} ({rows} rows of {n}, or other content)")
        })
        .collect();
    format!("{} differ", tables.join(", "))
}

#[derive(Default)]
struct Stats {
    old: u64,
    converting: u64,
    backups_behind: u64,
    all_new: u64,
    returned: u64,
    backup_leftovers: u64,
}

impl Stats {
    fn add(&mut self, state: &State, returned: bool, backups: usize) {
        if state.converting && !state.db_new {
            self.converting += 1;
        } else if !state.db_new {
            self.old += 1;
        } else if state.backups_new < backups {
            self.backups_behind += 1;
        } else {
            self.all_new += 1;
        }
        self.returned += u64::from(returned);
        self.backup_leftovers += state.backup_leftovers as u64;
    }

    fn total(&self) -> u64 {
        self.old + self.converting + self.backups_behind + self.all_new
    }
}

/// Runs a change on `dir` and kills it `delay` after it opened the database, or (with `None`)
/// once the change returned. Returns the complete lines it printed and, if it printed
/// `changed`, how long after `opened`.
fn run_and_kill(
    dir: &Path,
    change: &Change,
    delay: Option<Duration>,
) -> (Vec<String>, Option<Duration>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .env(CHILD_FROM, change.from.unwrap_or(""))
        .env(CHILD_TO, change.to.unwrap_or(""))
        // Held open, so the process waits on it after the change until it is killed.
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts again to change the encryption");
    let output = support::watch(&mut child);
    let rx = &output.lines;
    let deadline = Instant::now() + Duration::from_secs(120);
    let wait_for = |word: &str| -> Option<Instant> {
        while let Ok((line, at)) =
            rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.starts_with(word) {
                return Some(at);
            }
        }
        None
    };
    let opened = wait_for("opened");
    let mut took = None;
    if let Some(opened) = opened {
        match delay {
            Some(delay) => std::thread::sleep(delay.saturating_sub(opened.elapsed())),
            None => took = wait_for("changed").map(|at| at - opened),
        }
    }
    child.kill().expect("the process can be killed"); // SIGKILL on Unix
    let status = child.wait().unwrap();
    drop(child.stdin.take());
    let (lines, err) = output.finish();
    assert!(
        opened.is_some() && status.signal() == Some(9),
        "the process must open the database and be killed, not stop on its own ({status}): {}",
        String::from_utf8_lossy(&err)
    );
    (lines, took)
}

/// A temporary folder in memory (tmpfs) where there is one. A killed process leaves its writes
/// in the page cache, so a kill finds the files as a disk would; but on a disk the change's
/// many flushes (about a thousand, for a database and two backups) make it ten times slower.
fn memory_folder() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let builder = tempfile::Builder::new()
        .prefix("allies-crash-encryption-")
        .clone();
    shm.is_dir()
        .then(|| builder.tempdir_in(shm).ok())
        .flatten()
        .unwrap_or_else(|| builder.tempdir().unwrap())
}

/// Copies a data folder (the database, its marker and its backups), replacing `to`.
fn copy_folder(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// FNV-1a, so rows can be compared by digest.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A small seeded generator, so a seed replays the same kill delays.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let z = (self.0 ^ (self.0 >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        (z ^ (z >> 33)) % n.max(1)
    }
}

/// The process that changes the encryption, to be killed while it does.
mod changer {
    use super::*;

    fn say(line: &str) {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            std::process::exit(4);
        }
    }

    fn die(what: &str, e: impl std::fmt::Display) -> ! {
        eprintln!("encryption changer: {what} failed: {e}");
        std::process::exit(2);
    }

    fn side(name: &str) -> Option<Passphrase> {
        let text = std::env::var(name).unwrap_or_else(|e| die("reading the environment", e));
        (!text.is_empty()).then(|| Passphrase::new_checked(text).unwrap_or_else(|e| die(name, e)))
    }

    pub fn run(dir: PathBuf) -> ! {
        let from = side(CHILD_FROM);
        let to = side(CHILD_TO);
        // The harness printed "test … ... " without a newline; these lines start afresh.
        say("");
        let db = Database::open_with_key(&dir.join(DB_FILE), now(), from.as_ref())
            .unwrap_or_else(|e| die("opening", e));
        say("opened");
        let (db, report) = encryption::change(db, to, now());
        let report = report.unwrap_or_else(|e| die("changing", e));
        db.unwrap_or_else(|e| die("opening after the change", e));
        say(&format!("changed {}", report.backups_converted));
        // Waits to be killed: the driver closes stdin only after the kill.
        let _ = std::io::stdin().read(&mut [0u8; 1]);
        die("waiting to be killed", "stdin closed");
    }
}
