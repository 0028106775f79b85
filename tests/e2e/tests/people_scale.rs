//! The People view with 10,000 people: it shows the count, renders only the rows in view (a few
//! hundred at most), reaches the last person by scrolling or End, searches, and opens a person
//! from deep in the list.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result, PATIENCE};
use chrono::{TimeZone, Utc};
use serde_json::Value;

const PEOPLE: usize = 10_000;
/// More rows than this in the document means the list is not virtualised.
const MAX_ROWS: u64 = 300;

const HOME: char = '\u{E011}';
const END: char = '\u{E010}';
const DOWN: char = '\u{E015}';

/// Writes "Person 00000" … "Person 09999" into the profile's database before the app opens it,
/// in an order that is not the name order.
fn seed(profile: &Profile) -> Result<()> {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut db = Database::open_in(&profile.data_dir(), now)?;
    for i in (0..PEOPLE).map(|i| (i * 7_919) % PEOPLE) {
        let input = PersonInput {
            role: format!("Role {}", i % 53),
            department: format!("Department {}", i % 17),
            tags: if i % 10 == 0 {
                "mentor".into()
            } else {
                String::new()
            },
            ..PersonInput::named(&format!("Person {i:05}"))
        };
        people::add(&mut db, &input, now)?;
    }
    Ok(())
}

/// What the list holds now: how many rows are in the document, and the first and last of them
/// (name, aria-posinset, aria-setsize), with the focused row's name.
async fn list_state(app: &App) -> Result<Value> {
    Ok(app
        .client
        .execute(
            "const rows = [...document.querySelectorAll('#people-list > li')];
             const seen = rows.filter((li) => {
               const box = li.getBoundingClientRect();
               const view = document.querySelector('.people-scroll').getBoundingClientRect();
               return box.bottom > view.top + 1 && box.top < view.bottom - 1;
             });
             const describe = (li) => li && [li.querySelector('.person-name')?.textContent ?? null,
               li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')];
             return { rows: rows.length, first: describe(seen[0]), last: describe(seen.at(-1)),
               focused: document.activeElement?.closest('.person-row')?.querySelector('.person-name')?.textContent ?? null,
               scrollTop: document.querySelector('.people-scroll').scrollTop };",
            vec![],
        )
        .await?)
}

/// Waits until `ok` holds for the list's state; fails with the last state seen.
async fn wait_for_list(app: &App, what: &str, ok: impl Fn(&Value) -> bool) -> Result<Value> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let state = list_state(app).await?;
        if ok(&state) {
            return Ok(state);
        }
        if Instant::now() > deadline {
            return Err(format!("{what}: never happened; the list was {state}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn shows(state: &Value, end: &str, name: &str, position: usize) -> bool {
    state[end] == serde_json::json!([name, position.to_string(), PEOPLE.to_string()])
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_thousand_people_scroll_search_and_keyboard_with_few_rows_in_the_page() -> Result<()> {
    let profile = Profile::new()?;
    seed(&profile)?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;

    app.wait_for_text("#people-count", |t| t == "10,000 people")
        .await?;
    let top = wait_for_list(&app, "the first rows", |s| {
        shows(s, "first", "Person 00000", 1)
    })
    .await?;
    assert!(
        top["rows"].as_u64().unwrap() <= MAX_ROWS,
        "only the rows in view are in the page, not 10,000: {top}"
    );
    app.screenshot("80-people-10000-top").await?;

    // Scrolling to the bottom fetches the last page and shows the last person by name.
    app.client
        .execute(
            "const box = document.querySelector('.people-scroll'); box.scrollTop = box.scrollHeight;",
            vec![],
        )
        .await?;
    let bottom = wait_for_list(&app, "the last person after scrolling", |s| {
        shows(s, "last", "Person 09999", PEOPLE)
    })
    .await?;
    assert!(
        bottom["rows"].as_u64().unwrap() <= MAX_ROWS,
        "rows scrolled past are taken out of the page: {bottom}"
    );
    app.screenshot("81-people-10000-bottom").await?;

    // A person from the last page opens like any other.
    app.click("#people-list > li:last-child .person-row[data-id]")
        .await?;
    let name = app.wait_for("#person-name").await?.prop("value").await?;
    assert_eq!(
        name.as_deref(),
        Some("Person 09999"),
        "the clicked person opens"
    );
    app.click("#person-cancel").await?;

    // The keyboard: from the search, Arrow down enters the list at its first row; Home and End
    // go to the ends of the whole list, arrows one row on.
    app.wait_for("#people-search").await?.click().await?;
    let deadline = Instant::now() + PATIENCE;
    while app
        .client
        .execute("return document.hasFocus();", vec![])
        .await?
        != Value::Bool(true)
    {
        assert!(
            Instant::now() < deadline,
            "the window never got the keyboard focus"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.press_key(DOWN).await?;
    let first = wait_for_list(&app, "Arrow down from the search", |s| {
        s["focused"] == "Person 00000" && shows(s, "first", "Person 00000", 1)
    })
    .await?;
    assert_eq!(
        first["scrollTop"], 0,
        "the first row is scrolled to: {first}"
    );
    app.press_key(DOWN).await?;
    wait_for_list(&app, "Arrow down", |s| s["focused"] == "Person 00001").await?;
    app.press_key(END).await?;
    let end = wait_for_list(&app, "End", |s| {
        s["focused"] == "Person 09999" && shows(s, "last", "Person 09999", PEOPLE)
    })
    .await?;
    assert!(end["rows"].as_u64().unwrap() <= MAX_ROWS, "{end}");
    let ring = app
        .client
        .execute(
            "const s = getComputedStyle(document.activeElement);
             return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;",
            vec![],
        )
        .await?;
    assert_eq!(
        ring,
        Value::Bool(true),
        "the row reached by End shows a focus ring"
    );
    app.screenshot("82-people-10000-end-key").await?;
    app.press_key(HOME).await?;
    let home = wait_for_list(&app, "Home", |s| {
        s["focused"] == "Person 00000" && shows(s, "first", "Person 00000", 1)
    })
    .await?;
    assert_eq!(home["scrollTop"], 0, "Home scrolls to the top: {home}");

    // A search narrows the list to its matches, counted, from the top.
    app.fill("#people-search", "person 0042").await?;
    app.wait_for_text("#people-count", |t| t == "11 people found")
        .await?;
    let names = app.texts("#people-list .person-name").await?;
    let expected: Vec<String> = [42]
        .into_iter()
        .chain(420..430)
        .map(|i| format!("Person {i:05}"))
        .collect();
    assert_eq!(names, expected, "exactly the matches, in name order");
    let found = list_state(&app).await?;
    assert_eq!(
        found["first"],
        serde_json::json!(["Person 00042", "1", "11"]),
        "screen readers hear the size of the search's list: {found}"
    );
    app.screenshot("83-people-10000-search").await?;

    app.fill("#people-search", "").await?;
    app.wait_for_text("#people-count", |t| t == "10,000 people")
        .await?;
    wait_for_list(&app, "back to everyone, from the top", |s| {
        shows(s, "first", "Person 00000", 1)
    })
    .await?;

    // The map's roster lists the first 200 and says how to reach the others.
    app.invoke(
        "create_map",
        serde_json::json!({ "input": { "name": "Atlas launch" } }),
    )
    .await?;
    app.go("map").await?;
    app.wait_for_text("#roster-more", |t| {
        t == "Showing 200 of 10,000. Type to find the others."
    })
    .await?;
    assert_eq!(app.texts("#roster-list .roster-item").await?.len(), 200);
    app.fill("#roster-search", "Person 09999").await?;
    let found = app.texts("#roster-list .roster-name").await?;
    assert_eq!(
        found,
        ["Person 09999"],
        "the search reaches past the first 200"
    );
    app.close().await?;
    Ok(())
}
