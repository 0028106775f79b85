//! Sync at the size of a big import: 10,000 LinkedIn connections imported on one computer are one
//! change of about 20,000 rows (each person and the "Connected on" of their profile). Measured:
//! writing it to the sync folder, and applying it on another computer (its rows, their clocks,
//! the search index its triggers keep), side by side with the import that made it.

use std::time::{Duration, Instant};

use allies_core::interop::import::{self, OnDuplicate};
use allies_core::{sync, Database};
use chrono::{TimeZone, Utc};

mod journal;
mod record;

const ROWS: usize = 10_000;
const PASSPHRASE: &str = "a passphrase both computers share";
const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 27, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    let file = journal::linkedin_connections(ROWS);
    let (mut import_best, mut push_best, mut pull_best) =
        (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let root = tempfile::tempdir()?;
        let folder = root.path().join("Sync");
        let mut laptop = Database::open_in(&root.path().join("laptop"), now)?;
        sync::enable(&mut laptop, &folder, PASSPHRASE, "Laptop", now)?;
        let mut desktop = Database::open_in(&root.path().join("desktop"), now)?;
        sync::enable(&mut desktop, &folder, PASSPHRASE, "Desktop", now)?;

        let started = Instant::now();
        let parsed = import::parse_linkedin(&file)?;
        let summary = import::apply(
            &mut laptop,
            &parsed,
            OnDuplicate::Merge,
            now,
            &mut |_, _| {},
        )?;
        import_best = import_best.min(started.elapsed());
        assert_eq!(summary.added, ROWS);

        let started = Instant::now();
        let written = sync::push(&mut laptop, &folder, now)?;
        push_best = push_best.min(started.elapsed());
        assert_eq!(written, 1, "the import is one change");
        bytes = std::fs::read_dir(folder.join("changes"))?
            .flatten()
            .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
            .filter_map(|f| f.metadata().ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0);

        let started = Instant::now();
        let pulled = sync::pull(&mut desktop, &folder, now)?;
        pull_best = pull_best.min(started.elapsed());
        assert!(pulled.errors.is_empty(), "{:?}", pulled.errors);
        assert_eq!(pulled.applied, 1);
        let found = allies_core::people::page(&desktop, &Default::default(), 0, 1, now)?.total;
        assert_eq!(found, ROWS, "every imported person arrived");
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "sync: {ROWS} imported people (one change, {:.1} MB sealed): written to the folder in {:.0} ms, applied on the other computer in {:.0} ms ({:.0} people/s); the import itself took {:.0} ms",
        bytes as f64 / 1e6,
        ms(push_best),
        ms(pull_best),
        ROWS as f64 / pull_best.as_secs_f64(),
        ms(import_best)
    );
    record::record(
        "sync: applying 10,000 imported people from another computer",
        ms(pull_best),
        "ms",
        &format!(
            "{:.2}× the import that made them ({:.0} ms); written in {:.0} ms, {:.1} MB",
            pull_best.as_secs_f64() / import_best.as_secs_f64(),
            ms(import_best),
            ms(push_best),
            bytes as f64 / 1e6
        ),
        "",
    )?;
    Ok(())
}
