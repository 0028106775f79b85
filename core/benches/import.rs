//! Importing 10,000 LinkedIn connections, side by side with plain prepared inserts of the same
//! rows into the same tables (the person, and "Connected on" as how you met) in one
//! transaction. The difference is what the import adds: decoding, CSV parsing, checking every
//! field, looking for people already there, ids. Goal: at least half the plain rate.

use std::time::{Duration, Instant};

use allies_core::interop::import::{self, OnDuplicate};
use allies_core::{storage::encryption, Database};
use chrono::{TimeZone, Utc};

mod record;

const ROWS: usize = 10_000;
const FIRST: &[&str] = &[
    "Dana", "Sam", "Élodie", "Kim", "Ravi", "Ana", "Tom", "Mia", "Zoë", "Omar",
];
const LAST: &[&str] = &[
    "Ng", "Patel", "Durand", "Lee", "Kumar", "Souza", "Becker", "Chen", "Åberg", "Haddad",
];
const COMPANIES: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];

/// A Connections.csv as LinkedIn writes it, with `ROWS` distinct people.
fn connections() -> Vec<u8> {
    let mut csv = String::from("\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
    for i in 0..ROWS {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let email = if i % 5 == 0 {
            format!("person{i}@example.com")
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "{first},{last} {i},https://www.linkedin.com/in/p{i},{email},{},Engineer {},{:02} Nov 2025\r\n",
            COMPANIES[i % COMPANIES.len()],
            i % 7,
            1 + i % 28
        ));
    }
    csv.into_bytes()
}

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
    let file = connections();
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
    let plain_time = best_of(3, || {
        let dir = tempfile::tempdir()?;
        drop(Database::open_in(dir.path(), now)?);
        let mut conn = rusqlite::Connection::open(dir.path().join("allies.db"))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO people (id, name, role, organisation, email, notes, name_key, search_text, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?;
            let mut how_met = tx.prepare(
                "INSERT INTO profiles (person_id, how_met, updated_at) VALUES (?1, ?2, ?3)",
            )?;
            for (i, c) in parsed.candidates.iter().enumerate() {
                let p = &c.person;
                insert.execute(rusqlite::params![
                    format!("p{i}"),
                    p.name,
                    p.role,
                    p.organisation,
                    p.email,
                    p.notes,
                    p.name.to_lowercase(),
                    p.name.to_lowercase(),
                    "2026-11-27T09:00:00.000Z"
                ])?;
                how_met.execute(rusqlite::params![
                    format!("p{i}"),
                    c.how_met,
                    "2026-11-27T09:00:00.000Z"
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    })?;

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
