//! `make bench`: ten years of data. 100,000 people, 1,000,000 interactions, 50,000 favours and
//! promises, 20 maps of 500. Goals: search p95 ≤ 20 ms; the People view's first rows ≤ 50 ms;
//! a JSON backup and a restore each under 30 s; the database file under 1 GiB; and an import of
//! 100,000 LinkedIn rows at ≥ 50 % of plain inserts. Prints figures; asserts nothing.

use std::time::{Duration, Instant};

use allies_core::interop::import::{self, OnDuplicate};
use allies_core::network;
use allies_core::people::{self, ListQuery, SortKey};
use allies_core::reminders;
use allies_core::storage::backup;
use allies_core::Database;
use chrono::{TimeZone, Utc};

mod journal;
mod record;

use journal::{ms, quantile, time_searches, Sizes, QUERIES};

const SIZES: Sizes = Sizes {
    people: 100_000,
    interactions: 1_000_000,
    ledger: 50_000,
    maps: 20,
    per_map: 500,
};
const LINKEDIN_ROWS: usize = 100_000;
/// The People view's first screenful, as it asks for it.
const FIRST_ROWS: usize = 100;
const SEARCH_GOAL: Duration = Duration::from_millis(20);
const FIRST_ROWS_GOAL: Duration = Duration::from_millis(50);
const BACKUP_GOAL: Duration = Duration::from_secs(30);
const FILE_GOAL_MIB: f64 = 1024.0;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn verdict(within: bool) -> &'static str {
    if within {
        "within"
    } else {
        "OVER"
    }
}

fn main() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    let started = Instant::now();
    journal::load(dir.path(), now, SIZES)?;
    println!(
        "scale: loaded {} people, {} interactions, {} favours and promises, {} maps of {}, indexed, in {:.0} s",
        SIZES.people,
        SIZES.interactions,
        SIZES.ledger,
        SIZES.maps,
        SIZES.per_map,
        started.elapsed().as_secs_f64()
    );

    let db = Database::open_in(dir.path(), now)?;
    file_size(&db)?;
    search(&db)?;
    first_rows(&db, now)?;
    reminders_and_network(&db, now)?;
    backup_and_restore(&db, now)?;
    drop(db);
    linkedin_import(now)
}

fn file_size(db: &Database) -> Result<()> {
    let mib = std::fs::metadata(db.path())?.len() as f64 / 1_048_576.0;
    println!(
        "scale: the database file is {mib:.0} MiB, {} the {FILE_GOAL_MIB:.0} MiB goal",
        verdict(mib <= FILE_GOAL_MIB)
    );
    record::record(
        "database file, ten years of data",
        mib,
        "MiB",
        "100,000 people, 1,000,000 interactions, 50,000 favours and promises, 20 maps of 500",
        "≤ 1 GiB",
    )
}

fn search(db: &Database) -> Result<()> {
    let (times, found) = time_searches(db, &QUERIES, 20)?;
    let (p50, p95) = (quantile(&times, 0.5), quantile(&times, 0.95));
    println!(
        "scale: {} searches ({found} hits on one pass): p50 {:.1} ms, p95 {:.1} ms, {} the {} ms goal",
        times.len(),
        ms(p50),
        ms(p95),
        verdict(p95 <= SEARCH_GOAL),
        SEARCH_GOAL.as_millis()
    );
    // Which words cost most: each query's own median, slowest first.
    let mut each: Vec<(Duration, &str)> = Vec::new();
    for q in QUERIES {
        let (mut own, _) = time_searches(db, &[q], 5)?;
        own.sort();
        each.push((quantile(&own, 0.5), q));
    }
    each.sort_by(|a, b| b.cmp(a));
    let listed: Vec<String> = each
        .iter()
        .map(|(t, q)| format!("“{q}” {:.1} ms", ms(*t)))
        .collect();
    println!(
        "scale: each search's median, slowest first: {}",
        listed.join(", ")
    );
    record::record(
        "search p95, 100,000 people and 1,000,000 interactions",
        ms(p95),
        "ms",
        &format!("p50 {:.1} ms, {} searches", ms(p50), times.len()),
        &format!("≤ {} ms", SEARCH_GOAL.as_millis()),
    )
}

/// The first rows of the People view as it opens (by name), and under every other sort.
fn first_rows(db: &Database, now: chrono::DateTime<Utc>) -> Result<()> {
    const RUNS: usize = 10;
    const SLOW: Duration = Duration::from_secs(5);
    let mut opening = Duration::ZERO;
    let mut slowest = (String::new(), Duration::ZERO);
    for &sort in SortKey::ALL {
        let q = ListQuery {
            sort,
            ..ListQuery::default()
        };
        let mut times = Vec::new();
        let sort_started = Instant::now();
        // A slow sort is timed fewer times: the figure that matters is that it is slow.
        while times.len() < RUNS && !(times.len() >= 3 && sort_started.elapsed() > SLOW) {
            let started = Instant::now();
            let page = people::page(db, &q, 0, FIRST_ROWS, now)?;
            times.push(started.elapsed());
            assert_eq!(page.people.len(), FIRST_ROWS);
        }
        times.sort();
        let p95 = quantile(&times, 0.95);
        println!(
            "scale: the People view's first {FIRST_ROWS} rows sorted by {}: p50 {:.1} ms, p95 {:.1} ms ({} runs)",
            sort.as_str(),
            ms(quantile(&times, 0.5)),
            ms(p95),
            times.len()
        );
        if sort == SortKey::default() {
            opening = p95;
        }
        if p95 > slowest.1 {
            slowest = (sort.as_str().to_owned(), p95);
        }
    }
    println!(
        "scale: the People view opens its first rows in {:.1} ms (p95), {} the {} ms goal",
        ms(opening),
        verdict(opening <= FIRST_ROWS_GOAL),
        FIRST_ROWS_GOAL.as_millis()
    );
    record::record(
        "People view first rows p95, 100,000 people",
        ms(opening),
        "ms",
        &format!(
            "{FIRST_ROWS} rows by {}; slowest sort {} at {:.1} ms",
            SortKey::default().as_str(),
            slowest.0,
            ms(slowest.1)
        ),
        &format!("≤ {} ms", FIRST_ROWS_GOAL.as_millis()),
    )
}

/// The Reminders view (every reminder worked out) and the network view (read, then laid out at
/// rest off the database), as each opens: median and slowest of a few.
fn reminders_and_network(db: &Database, now: chrono::DateTime<Utc>) -> Result<()> {
    const RUNS: usize = 5;
    let mut overview = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        reminders::overview(db, now)?;
        overview.push(started.elapsed());
    }
    overview.sort();
    let (mut read, mut laid_out) = (Vec::new(), Vec::new());
    let mut drawn = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut graph = network::graph(db, None)?;
        read.push(started.elapsed());
        let started = Instant::now();
        network::layout::place(&mut graph);
        laid_out.push(started.elapsed());
        drawn = graph.nodes.len() - 1;
    }
    read.sort();
    laid_out.sort();
    println!(
        "scale: the Reminders view worked out in p50 {:.1} ms (max {:.1}); the network view read in p50 {:.1} ms, laid out in p50 {:.1} ms ({drawn} nearest people drawn)",
        ms(quantile(&overview, 0.5)),
        ms(quantile(&overview, 1.0)),
        ms(quantile(&read, 0.5)),
        ms(quantile(&laid_out, 0.5)),
    );
    record::record(
        "the Reminders view p50, ten years of data (every reminder worked out)",
        ms(quantile(&overview, 0.5)),
        "ms",
        &format!("max {:.1} ms, {RUNS} runs", ms(quantile(&overview, 1.0))),
        "",
    )?;
    record::record(
        "the network view read and laid out p50, ten years of data",
        ms(quantile(&read, 0.5)) + ms(quantile(&laid_out, 0.5)),
        "ms",
        &format!(
            "read {:.1} + laid out {:.1} ms, the {drawn} people nearest the user drawn, {RUNS} runs",
            ms(quantile(&read, 0.5)),
            ms(quantile(&laid_out, 0.5))
        ),
        "",
    )
}

/// The JSON backup a user saves (everything, deleted records too), written to a file, and its
/// restore into a new data folder: read, checked and inserted in one transaction.
fn backup_and_restore(db: &Database, now: chrono::DateTime<Utc>) -> Result<()> {
    let out = tempfile::tempdir()?;
    let file = out.path().join("allies-backup.json");
    let started = Instant::now();
    let bytes = backup::file_bytes(db, now, true)?;
    std::fs::write(&file, &bytes)?;
    let saved = started.elapsed();
    drop(bytes);

    let into = tempfile::tempdir()?;
    let mut restored_db = Database::open_in(into.path(), now)?;
    let started = Instant::now();
    let bytes = std::fs::read(&file)?;
    let read = backup::read(&bytes, None)?;
    let restored = backup::restore(&mut restored_db, &read)?;
    let took = started.elapsed();
    let mib = std::fs::metadata(&file)?.len() as f64 / 1_048_576.0;
    println!(
        "scale: JSON backup of {mib:.0} MiB saved in {:.1} s, restored ({} rows) in {:.1} s; {} the {} s goal",
        saved.as_secs_f64(),
        restored.rows,
        took.as_secs_f64(),
        verdict(saved.max(took) <= BACKUP_GOAL),
        BACKUP_GOAL.as_secs()
    );
    record::record(
        "JSON backup, ten years of data",
        saved.as_secs_f64(),
        "s",
        &format!("{mib:.0} MiB"),
        "< 30 s",
    )?;
    record::record(
        "JSON restore, ten years of data",
        took.as_secs_f64(),
        "s",
        &format!("{} rows in one transaction", restored.rows),
        "< 30 s",
    )
}

/// 100,000 LinkedIn connections imported as the app imports them, side by side with plain
/// prepared inserts of the same rows (see the import bench).
fn linkedin_import(now: chrono::DateTime<Utc>) -> Result<()> {
    let file = journal::linkedin_connections(LINKEDIN_ROWS);
    let dir = tempfile::tempdir()?;
    let mut db = Database::open_in(dir.path(), now)?;
    let started = Instant::now();
    let parsed = import::parse_linkedin(&file)?;
    let summary = import::apply(&mut db, &parsed, OnDuplicate::Merge, now, &mut |_, _| {})?;
    let imported = started.elapsed();
    assert_eq!(summary.added, LINKEDIN_ROWS);
    let started = Instant::now();
    journal::plain_linkedin_inserts(&parsed, now)?;
    let plain = started.elapsed();
    let rate = |d: Duration| LINKEDIN_ROWS as f64 / d.as_secs_f64();
    let ratio = rate(imported) / rate(plain);
    println!(
        "scale: {LINKEDIN_ROWS} LinkedIn rows imported in {:.1} s ({:.0} rows/s); plain inserts {:.1} s ({:.0} rows/s): {:.0} %, {} the 50 % goal",
        imported.as_secs_f64(),
        rate(imported),
        plain.as_secs_f64(),
        rate(plain),
        ratio * 100.0,
        if ratio >= 0.5 { "within" } else { "SHORT OF" }
    );
    record::record(
        "import rate vs plain inserts, 100,000 LinkedIn rows",
        ratio * 100.0,
        "%",
        &format!("{:.0} rows/s vs {:.0} rows/s", rate(imported), rate(plain)),
        "≥ 50 %",
    )
}
