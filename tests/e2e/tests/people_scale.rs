//! The People view with 10,000 people: it shows the count, renders only the rows in view (a few
//! hundred at most), reaches the last person by scrolling or End, searches, and opens a person
//! from deep in the list; it sorts, filters with chips, and tags a Shift-click range.
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

    // The map's roster lists the first 50 and says how to reach the others.
    app.invoke(
        "create_map",
        serde_json::json!({ "input": { "name": "Atlas launch" } }),
    )
    .await?;
    app.go("map").await?;
    app.wait_for_text("#roster-more", |t| {
        t == "Showing 50 of 10,000. Type to find the others."
    })
    .await?;
    assert_eq!(app.texts("#roster-list .roster-item").await?.len(), 50);
    app.fill("#roster-search", "Person 09999").await?;
    // The core reads the roster's page for the search.
    app.wait_for_text("#roster-list .roster-name", |t| t == "Person 09999")
        .await?;
    let found = app.texts("#roster-list .roster-name").await?;
    assert_eq!(
        found,
        ["Person 09999"],
        "the search reaches past the first 200"
    );
    app.close().await?;
    Ok(())
}

/// Holds Shift while clicking `css`, as a person selecting a range does.
async fn shift_click(app: &App, css: &str) -> Result<()> {
    use fantoccini::actions::{
        Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
    };
    const SHIFT: char = '\u{E008}';
    let element = app.wait_for(css).await?;
    let pause = Duration::from_millis(10);
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: SHIFT })
        .then(KeyAction::Pause { duration: pause })
        .then(KeyAction::Pause { duration: pause })
        .then(KeyAction::Pause { duration: pause })
        .then(KeyAction::Up { value: SHIFT });
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::Pause { duration: pause })
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Pause { duration: pause });
    app.client
        .perform_actions(Actions::from(keys).and(mouse))
        .await?;
    Ok(())
}

/// Picks the add-filter menu's option with these words.
async fn add_filter(app: &App, label: &str) -> Result<()> {
    let value = app
        .client
        .execute(
            "return [...document.querySelectorAll('#people-add-filter option')]
               .find((o) => o.textContent === arguments[0])?.value ?? null;",
            vec![label.into()],
        )
        .await?;
    let value = value
        .as_str()
        .ok_or_else(|| format!("the filter menu offers no {label:?}"))?
        .to_owned();
    app.choose("#people-add-filter", &value).await
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_thousand_people_sorted_filtered_with_chips_and_a_shift_click_range_tagged(
) -> Result<()> {
    let profile = Profile::new()?;
    seed(&profile)?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for_text("#people-count", |t| t == "10,000 people")
        .await?;

    // Sorted by name, largest first: the last person heads the list.
    let started = Instant::now();
    app.click("#people-sort-direction").await?;
    wait_for_list(&app, "the list sorted by name descending", |s| {
        shows(s, "first", "Person 09999", 1)
    })
    .await?;
    println!(
        "people list: reversing the sort of 10,000 took {} ms until the first row showed",
        started.elapsed().as_millis()
    );

    // A filter shows as a chip, and the count follows.
    let started = Instant::now();
    add_filter(&app, "mentor").await?;
    app.wait_for_text("#people-count", |t| t == "1,000 of 10,000 people")
        .await?;
    println!(
        "people list: filtering 10,000 by a tag took {} ms until the count showed",
        started.elapsed().as_millis()
    );
    assert_eq!(app.texts("#people-chips .chip").await?, ["Tag: mentor ×"]);
    let filtered = list_state(&app).await?;
    assert_eq!(
        filtered["first"],
        serde_json::json!(["Person 09990", "1", "1000"]),
        "mentors only, still in descending order: {filtered}"
    );
    app.screenshot("82-people-10000-sorted-filtered").await?;

    // A checkbox, then Shift-click four rows down: five people selected.
    app.click("#people-list > li:nth-child(1) .row-check")
        .await?;
    shift_click(&app, "#people-list > li:nth-child(5) .row-check").await?;
    app.wait_for_text("#selection-count", |t| t == "5 people selected")
        .await?;
    let checked = app.texts("#people-list > li.checked .person-name").await?;
    assert_eq!(
        checked,
        [
            "Person 09990",
            "Person 09980",
            "Person 09970",
            "Person 09960",
            "Person 09950"
        ],
        "the range from the first click to the Shift-click"
    );
    app.screenshot("83-people-10000-range-selected").await?;

    // Tag them all at once: one toast says what happened.
    app.click("#bulk-add_tag").await?;
    app.fill("#bulk-tag", "vip").await?;
    app.click("#bulk-save").await?;
    app.wait_for_text("#toasts .toast", |t| t.contains("Tagged 5 people “vip”"))
        .await?;
    app.wait_until(
        "the selection bar goes once done",
        "document.querySelector('#selection-bar').hidden",
    )
    .await?;

    // Backspace on the chip removes the filter; the new tag filters to the five.
    app.client
        .execute(
            "document.querySelector('#people-chips .chip').focus();",
            vec![],
        )
        .await?;
    app.press_key('\u{E003}').await?; // Backspace
    app.wait_for_text("#people-count", |t| t == "10,000 people")
        .await?;
    add_filter(&app, "vip").await?;
    app.wait_for_text("#people-count", |t| t == "5 of 10,000 people")
        .await?;
    let state = list_state(&app).await?;
    assert!(
        state["rows"].as_u64().unwrap() <= MAX_ROWS,
        "still only the rows in view: {state}"
    );
    app.screenshot("84-people-10000-tagged-vip").await?;
    app.close().await?;
    Ok(())
}
