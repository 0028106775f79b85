//! The data the core's benches run on, made the same way each time (a fixed seed): people,
//! interactions, favours, promises and maps bulk-loaded through the schema (its triggers index
//! every row for search, as the app's writes do), a LinkedIn export of any size, and the
//! timing helpers they share. Each bench uses part of it.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use allies_core::interop::import::Parsed;
use allies_core::{search, Database};
use chrono::{DateTime, Utc};

pub const WORDS: &[&str] = &[
    "budget",
    "roadmap",
    "hiring",
    "kubernetes",
    "migration",
    "platform",
    "review",
    "design",
    "promotion",
    "launch",
    "customer",
    "latency",
    "oncall",
    "pager",
    "incident",
    "planning",
    "quarter",
    "offsite",
    "feedback",
    "mentor",
    "sponsor",
    "deck",
    "metrics",
    "security",
    "compliance",
    "vendor",
    "contract",
    "headcount",
    "reorg",
    "strategy",
    "coffee",
    "lunch",
    "architecture",
    "database",
    "frontend",
    "mobile",
    "pricing",
    "marketing",
    "sales",
    "legal",
    "finance",
    "analytics",
    "experiment",
    "retention",
    "onboarding",
    "documentation",
    "testing",
    "release",
    "outage",
    "postmortem",
    "alignment",
    "priorities",
    "stakeholder",
    "escalation",
];
pub const FIRST: &[&str] = &[
    "Dana", "Sam", "Élodie", "Kim", "Ravi", "Ana", "Tom", "Mia", "Lee", "Yuki", "Omar", "Zoë",
];
pub const LAST: &[&str] = &[
    "Ng", "Patel", "Durand", "Lee", "Kumar", "Souza", "Becker", "Chen", "O'Brien", "Tanaka",
];

/// A small, fixed pseudo-random sequence: the same data on every run and machine.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    pub fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How much of each kind of record [`load`] writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub people: usize,
    pub interactions: usize,
    /// Favours and promises, half each.
    pub ledger: usize,
    pub maps: usize,
    pub per_map: usize,
}

/// Writes `sizes` worth of records into a new database in `dir` in one transaction, through
/// plain SQL over the app's schema (its triggers keep the search index as the app's writes
/// do); returns the people's ids. The app's own write path, a transaction per change with
/// every commit on disk, would take hours for a million rows.
pub fn load(
    dir: &Path,
    now: DateTime<Utc>,
    sizes: Sizes,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    drop(Database::open_in(dir, now)?); // the schema, with its search triggers
    let mut conn = rusqlite::Connection::open(dir.join("allies.db"))?;
    let tx = conn.transaction()?;
    let mut rng = Lcg(7);
    let mut ids = Vec::with_capacity(sizes.people);
    {
        let mut person = tx.prepare(
            "INSERT INTO people (id, name, role, notes, name_key, search_text, created_at, updated_at)
             VALUES (?1, ?2, 'Engineer', ?3, lower(?2), lower(?2), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )?;
        for i in 0..sizes.people {
            let id = format!("p{i:06}");
            let name = format!(
                "{} {}",
                FIRST[rng.below(FIRST.len())],
                LAST[rng.below(LAST.len())]
            );
            person.execute(rusqlite::params![id, name, rng.sentence(12)])?;
            ids.push(id);
        }
        let mut interaction = tx.prepare(
            "INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
             VALUES (?1, '2026-06-01T00:00:00.000Z', 'coffee', ?2, '', '2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')",
        )?;
        let mut with = tx.prepare(
            "INSERT INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)",
        )?;
        for i in 0..sizes.interactions {
            let id = format!("i{i:07}");
            interaction.execute(rusqlite::params![id, rng.sentence(30)])?;
            with.execute(rusqlite::params![id, ids[rng.below(ids.len())]])?;
        }
        let mut favour = tx.prepare(
            "INSERT INTO favours (id, person_id, direction, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')",
        )?;
        let mut promise = tx.prepare(
            "INSERT INTO promises (id, person_id, direction, description, due_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '2026-12-20', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')",
        )?;
        for i in 0..sizes.ledger {
            let person = &ids[rng.below(ids.len())];
            let what = rng.sentence(8);
            if i % 2 == 0 {
                let direction = ["by_them", "by_me"][rng.below(2)];
                favour.execute(rusqlite::params![
                    format!("f{i:06}"),
                    person,
                    direction,
                    what
                ])?;
            } else {
                let direction = ["mine", "theirs"][rng.below(2)];
                promise.execute(rusqlite::params![
                    format!("r{i:06}"),
                    person,
                    direction,
                    what
                ])?;
            }
        }
        let mut map = tx.prepare(
            "INSERT INTO maps (id, name, created_at, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )?;
        let mut placement = tx.prepare(
            "INSERT INTO placements (map_id, person_id, power, interest, placed_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )?;
        for m in 0..sizes.maps {
            let map_id = format!("map{m:02}");
            map.execute(rusqlite::params![map_id, format!("Goal {m}")])?;
            for k in 0..sizes.per_map.min(ids.len()) {
                let person = &ids[(m * sizes.per_map + k) % ids.len()];
                let (power, interest) =
                    (rng.below(100) as f64 / 100.0, rng.below(100) as f64 / 100.0);
                placement.execute(rusqlite::params![map_id, person, power, interest])?;
            }
        }
    }
    tx.commit()?;
    Ok(ids)
}

/// The searches every search figure is made of: names, parts of words, accents, several words.
pub const QUERIES: [&str; 10] = [
    "dana",
    "kub",
    "budget roadmap",
    "élodie",
    "elodie patel",
    "pla",
    "post",
    "o'brien",
    "zoe",
    "onboarding mentor",
];

/// Each query `rounds` times, after one search to warm up; sorted times, and the hits of one
/// pass.
pub fn time_searches(
    db: &Database,
    queries: &[&str],
    rounds: usize,
) -> Result<(Vec<Duration>, usize), Box<dyn std::error::Error>> {
    let _ = search::search(db, "warm up")?;
    let mut times = Vec::new();
    let mut found = 0;
    for round in 0..rounds {
        for q in queries {
            let started = Instant::now();
            let results = search::search(db, q)?;
            times.push(started.elapsed());
            if round == 0 {
                found += results.len();
            }
        }
    }
    times.sort();
    Ok((times, found))
}

/// The `q`-th quantile (0 to 1, nearest rank) of sorted `times`.
pub fn quantile(times: &[Duration], q: f64) -> Duration {
    times[((times.len() - 1) as f64 * q).round() as usize]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A Connections.csv as LinkedIn writes it, with `rows` distinct people.
pub fn linkedin_connections(rows: usize) -> Vec<u8> {
    const FIRST: &[&str] = &[
        "Dana", "Sam", "Élodie", "Kim", "Ravi", "Ana", "Tom", "Mia", "Zoë", "Omar",
    ];
    const LAST: &[&str] = &[
        "Ng", "Patel", "Durand", "Lee", "Kumar", "Souza", "Becker", "Chen", "Åberg", "Haddad",
    ];
    const COMPANIES: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
    let mut csv = String::from("\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
    for i in 0..rows {
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

/// Plain prepared inserts of `parsed`'s people into the same tables an import writes (the
/// person, and "Connected on" as how you met) in one transaction, into a new database: what an
/// import's rate is measured against.
pub fn plain_linkedin_inserts(
    parsed: &Parsed,
    now: DateTime<Utc>,
) -> Result<(), Box<dyn std::error::Error>> {
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
        let mut how_met = tx
            .prepare("INSERT INTO profiles (person_id, how_met, updated_at) VALUES (?1, ?2, ?3)")?;
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
}
