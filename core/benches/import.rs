//! Importing 10,000 LinkedIn connections, side by side with plain prepared inserts of the same
//! rows into the same tables (the person, and "Connected on" as how you met) in one
//! transaction. The difference is what the import adds: decoding, CSV parsing, checking every
//! field, looking for people already there, ids. Goal: at least half the plain rate.

use std::time::{Duration, Instant};

use allies_core::interop::import::{self, OnDuplicate};
use allies_core::{storage::encryption, Database};
use chrono::{TimeZone, Utc};

mod journal;
mod record;

const ROWS: usize = 10_000;

fn best_of(
    runs: usize,
    mut f: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        f()?;
        best = best.min(started.elapsed());
    }
    Ok(best)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 27, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    let file = journal::linkedin_connections(ROWS);
    let parsed = import::parse_linkedin(&file)?;
    assert_eq!(
        parsed.candidates.len(),
        ROWS,
        "{:?}",
        parsed.problems.first()
    );

    // The import as the app runs it: parse, sort against the people already there, insert with
    // the search index kept by triggers, and each "Connected on" into the profile.
    let import_time = best_of(3, || {
        let dir = tempfile::tempdir()?;
        let mut db = Database::open_in(dir.path(), now)?;
        let parsed = import::parse_linkedin(&file)?;
        let summary = import::apply(&mut db, &parsed, OnDuplicate::Merge, now, &mut |_, _| {})?;
        assert_eq!(summary.added, ROWS);
        Ok(())
    })?;

    // Plain prepared inserts of the same rows into the same tables, in one transaction.
    let plain_time = best_of(3, || journal::plain_linkedin_inserts(&parsed, now))?;

    let rate = |d: Duration| ROWS as f64 / d.as_secs_f64();
    let ratio = rate(import_time) / rate(plain_time);
    println!(
        "import: {ROWS} LinkedIn rows in {:.0} ms ({:.0} rows/s); plain prepared inserts {:.0} ms ({:.0} rows/s)",
        import_time.as_secs_f64() * 1e3,
        rate(import_time),
        plain_time.as_secs_f64() * 1e3,
        rate(plain_time)
    );
    println!(
        "import: {:.0} % of the plain insert rate, {} the 50 % goal",
        ratio * 100.0,
        if ratio >= 0.5 { "within" } else { "SHORT OF" }
    );
    record::record(
        "import rate vs plain inserts, 10,000 LinkedIn rows",
        ratio * 100.0,
        "%",
        &format!(
            "{:.0} rows/s vs {:.0} rows/s",
            rate(import_time),
            rate(plain_time)
        ),
        "≥ 50 %",
    )?;

    // The same import into data encrypted with a passphrase (SQLCipher).
    // Timed from the parse, as above; setting up the encryption is not part of an import.
    let mut encrypted_time = Duration::MAX;
    for _ in 0..3 {
        let dir = tempfile::tempdir()?;
        let db = Database::open_in(dir.path(), now)?;
        let key = encryption::Passphrase::new_checked("a passphrase for the benchmark")?;
        let (db, changed) = encryption::change(db, Some(key), now);
        changed?;
        let mut db = db?;
        let started = Instant::now();
        let parsed = import::parse_linkedin(&file)?;
        let summary = import::apply(&mut db, &parsed, OnDuplicate::Merge, now, &mut |_, _| {})?;
        encrypted_time = encrypted_time.min(started.elapsed());
        assert_eq!(summary.added, ROWS);
    }
    let cost = encrypted_time.as_secs_f64() / import_time.as_secs_f64();
    println!(
        "encryption: the import took {:.0} ms encrypted, {:.0} ms plain: {cost:.2}×",
        encrypted_time.as_secs_f64() * 1e3,
        import_time.as_secs_f64() * 1e3,
    );
    record::record(
        "import time, encrypted",
        encrypted_time.as_secs_f64() * 1e3,
        "ms",
        &format!(
            "{cost:.2}× the unencrypted {:.0} ms",
            import_time.as_secs_f64() * 1e3
        ),
        "≤ 1.10× unencrypted",
    )?;
    Ok(())
}
