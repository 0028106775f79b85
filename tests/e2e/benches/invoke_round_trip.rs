//! `make bench`: what a call from the web view into the core costs, measured inside the page
//! with performance.now: the people list as the People view loads it with 10,000 people (the
//! whole list, and one page of it at the start and in the middle), a search among them, and the
//! smallest call (the app's status) as the floor; then the People view itself: from opening it
//! to its first rows, and from scrolling to the end to the last person shown. Prints figures.

use std::time::Instant;

use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::figures::Figure;
use allies_e2e::{percentile, App, PrivateBus, Profile, Result, RENDERER_AS_THE_APP_CHOOSES};
use chrono::Utc;

const PEOPLE: usize = 10_000;
const CALLS: usize = 100;
/// One page of the People view's list, as the view fetches it.
const PAGE: usize = 100;
/// How often the People view is opened and scrolled to the end.
const VIEW_RUNS: usize = 10;

async fn time_calls(app: &App, label: &str, command: &str, args: serde_json::Value) -> Result<()> {
    let times = app
        .client
        .execute_async(
            "const [cmd, args, n, done] = arguments; const times = [];
             (async () => {
               for (let i = 0; i < n; i += 1) {
                 const t = performance.now();
                 await window.__TAURI_INTERNALS__.invoke(cmd, args);
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
    let (p50, p99) = (percentile(&times, 50.0), percentile(&times, 99.0));
    println!("ui: {label}: {CALLS} calls, round trip p50 {p50:.1} ms, p99 {p99:.1} ms");
    for (p, value) in [("p50", p50), ("p99", p99)] {
        let name = format!("invoke round trip {p}, {label}");
        let detail = format!("{CALLS} calls");
        Figure {
            name: &name,
            value,
            unit: "ms",
            detail: &detail,
            ..Default::default()
        }
        .record()?;
    }
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
    let app = App::launch_with(&profile, &bus, &[RENDERER_AS_THE_APP_CHOOSES]).await?;
    // 100 calls for all 10,000 people take longer than WebDriver's 30 s on a busy machine.
    let mut timeouts = app.client.get_timeouts().await?;
    timeouts.set_script(Some(std::time::Duration::from_secs(600)));
    app.client.update_timeouts(timeouts).await?;
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
    time_calls(
        &app,
        "one page of the people list, the first 100",
        "people_page",
        serde_json::json!({ "list": { "query": "" }, "offset": 0, "limit": PAGE }),
    )
    .await?;
    time_calls(
        &app,
        "one page of the people list, 100 in the middle",
        "people_page",
        serde_json::json!({ "list": { "query": "" }, "offset": PEOPLE / 2, "limit": PAGE }),
    )
    .await?;
    time_people_view(&app).await?;
    app.close().await?;
    Ok(())
}

/// Times the People view with 10,000 people, `VIEW_RUNS` times each, inside the page: from
/// clicking People (coming from Settings) until a row with a person is in the document, and
/// from scrolling the list to its end until the last person by name is there, in view.
async fn time_people_view(app: &App) -> Result<()> {
    let mut opening = Vec::new();
    let mut to_end = Vec::new();
    for _ in 0..VIEW_RUNS {
        app.go("settings").await?;
        app.wait_for("#settings-title").await?;
        let times = app
            .client
            .execute_async(
                "const [last, done] = arguments;
                 // Resolves at the first DOM change after which ok() holds.
                 const when = (ok) => new Promise((resolve, reject) => {
                   if (ok()) { resolve(performance.now()); return; }
                   const timer = setTimeout(() => { seen.disconnect(); reject(new Error('timed out')); }, 60000);
                   const seen = new MutationObserver(() => {
                     if (!ok()) return;
                     seen.disconnect(); clearTimeout(timer); resolve(performance.now());
                   });
                   seen.observe(document.body, { childList: true, subtree: true, attributes: true });
                 });
                 const scroller = () => {
                   for (let el = document.getElementById('people-list'); el; el = el.parentElement) {
                     if (el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY)) return el;
                   }
                   return document.scrollingElement;
                 };
                 const lastShown = () => {
                   const row = [...document.querySelectorAll('#people-list .person-row[data-id]')]
                     .find((r) => r.querySelector('.person-name')?.textContent === last);
                   if (!row) return false;
                   const box = row.getBoundingClientRect();
                   const view = scroller().getBoundingClientRect();
                   return box.bottom > view.top && box.top < view.bottom;
                 };
                 (async () => {
                   const t0 = performance.now();
                   document.querySelector('.nav-list a[data-view=people]').click();
                   const t1 = await when(() => document.querySelector('#people-list .person-row[data-id]'));
                   const box = scroller();
                   const t2 = performance.now();
                   box.scrollTop = box.scrollHeight;
                   const t3 = await when(lastShown);
                   done([t1 - t0, t3 - t2]);
                 })().catch((e) => done({ error: String(e?.message ?? e) }));",
                vec![format!("Person {:05}", PEOPLE - 1).into()],
            )
            .await?;
        if let Some(e) = times.get("error") {
            return Err(format!("the People view: {e}").into());
        }
        let [open, end]: [f64; 2] = serde_json::from_value(times)?;
        opening.push(open);
        to_end.push(end);
    }
    for (label, times) in [
        ("opening People until the first rows show", &mut opening),
        (
            "scrolling People to the end until the last person shows",
            &mut to_end,
        ),
    ] {
        times.sort_by(f64::total_cmp);
        let (p50, max) = (percentile(times, 50.0), percentile(times, 100.0));
        println!("ui: {label}, 10,000 people: {VIEW_RUNS} runs, p50 {p50:.1} ms, max {max:.1} ms");
        let detail = format!("{VIEW_RUNS} runs, max {max:.1} ms");
        let name = format!("People view with 10,000 people, {label} (p50)");
        Figure {
            name: &name,
            value: p50,
            unit: "ms",
            detail: &detail,
            ..Default::default()
        }
        .record()?;
    }
    Ok(())
}
