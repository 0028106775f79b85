//! `make bench`: what a call from the web view into the core costs, measured inside the page
//! with performance.now: the people list as the People view loads it with 10,000 people, a
//! search among them, and the smallest call (the app's status) as the floor. Prints figures.

use std::time::Instant;

use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{percentile, App, PrivateBus, Profile, Result};
use chrono::Utc;

const PEOPLE: usize = 10_000;
const CALLS: usize = 100;

async fn time_calls(app: &App, label: &str, command: &str, args: serde_json::Value) -> Result<()> {
    let times = app
        .client
        .execute_async(
            "const [cmd, args, n, done] = arguments; const times = [];
             (async () => {
               for (let i = 0; i < n; i += 1) {
                 const t = performance.now();
                 await window.__TAURI__.core.invoke(cmd, args);
                 times.push(performance.now() - t);
               }
               done(times);
             })().catch((e) => done({ error: String(e?.message ?? e) }));",
            vec![command.into(), args, CALLS.into()],
        )
        .await?;
    if let Some(e) = times.get("error") {
        return Err(format!("{command} failed: {e}").into());
    }
    let mut times: Vec<f64> = serde_json::from_value(times)?;
    times.sort_by(f64::total_cmp);
    println!(
        "ui: {label}: {CALLS} calls, round trip p50 {:.1} ms, p99 {:.1} ms",
        percentile(&times, 50.0),
        percentile(&times, 99.0)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let profile = Profile::new()?;
    {
        #[allow(clippy::disallowed_methods)] // a benchmark of real use, at real time
        let now = Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let started = Instant::now();
        for i in 0..PEOPLE {
            let input = PersonInput {
                role: format!("Role {}", i % 53),
                department: format!("Department {}", i % 17),
                ..PersonInput::named(&format!("Person {i:05}"))
            };
            people::add(&mut db, &input, now)?;
        }
        println!(
            "core: {PEOPLE} people added in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-list").await?;
    time_calls(
        &app,
        "the app's status (the floor)",
        "app_status",
        serde_json::json!({}),
    )
    .await?;
    time_calls(
        &app,
        "the people list, all 10,000",
        "list_people",
        serde_json::json!({ "query": "" }),
    )
    .await?;
    time_calls(
        &app,
        "a search in the people list",
        "list_people",
        serde_json::json!({ "query": "person 0042" }),
    )
    .await?;
    app.close().await?;
    Ok(())
}
