//! Presenting mode: with Ctrl+Shift+P, no screen shows a person's name (initials instead), the
//! window title neither, nor a reminder pop-up; pressed again, the names are back.

use std::time::{Duration, Instant};

use allies_e2e::{App, FakeNotificationServer, PrivateBus, Profile, Result, PATIENCE};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{json, Value};

/// Distinctive names, each with the words that must not show while presenting, and its initials.
const PEOPLE: [(&str, &str, &str); 3] = [
    ("Zephyrine Quillfeather", "VP Engineering", "ZQ"),
    ("Bartholomew Okonkwo-Reyes", "", "BO"),
    ("Ingrid Solveigsdottir", "Head of Sales", "IS"),
];

fn name_words() -> Vec<&'static str> {
    PEOPLE
        .iter()
        .flat_map(|(name, _, _)| name.split([' ', '-']))
        .collect()
}

async fn id_of(value: Value, what: &str) -> Result<String> {
    Ok(value["id"]
        .as_str()
        .ok_or(format!("{what} gave no id"))?
        .to_owned())
}

/// Three people on a map, linked, met, owed a thank-you and a promise, on a tour, with reminders.
async fn seed(app: &App) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for (name, role, _) in PEOPLE {
        let p = app
            .invoke(
                "add_person",
                json!({ "input": { "name": name, "role": role, "department": "Platform", "email": "zq@example.org" } }),
            )
            .await?;
        ids.push(id_of(p, "add_person").await?);
    }
    let (zq, bo, is) = (&ids[0], &ids[1], &ids[2]);
    app.invoke(
        "save_profile",
        json!({ "personId": zq, "profile": { "level": "skip_level", "cadence_days": 7 } }),
    )
    .await?;
    let map = app
        .invoke(
            "create_map",
            json!({ "input": { "name": "Platform budget", "description": "Who decides" } }),
        )
        .await?;
    let map = id_of(map, "create_map").await?;
    for (person, power, interest, stance) in [
        (zq, 0.9, 0.8, "champion"),
        (bo, 0.7, 0.3, "skeptic"),
        (is, 0.3, 0.6, "neutral"),
    ] {
        app.invoke(
            "place_person",
            json!({ "mapId": map, "personId": person, "position": { "power": power, "interest": interest }, "stance": stance }),
        )
        .await?;
    }
    app.invoke(
        "set_desired",
        json!({ "mapId": map, "personId": bo, "desired": { "power": 0.7, "interest": 0.8 } }),
    )
    .await?;
    #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
    let (long_ago, soon) = {
        let now = chrono::Utc::now();
        (
            now - chrono::Duration::days(40),
            now + chrono::Duration::days(3),
        )
    };
    // Typed text mentions no one: it is shown as written, and the test looks for names.
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "one_on_one", "people": [zq, bo], "occurred_at": long_ago, "notes": "Roadmap review" } }),
    )
    .await?;
    let favour = app
        .invoke(
            "record_favour",
            json!({ "input": { "person_id": zq, "direction": "by_them", "description": "Reviewed my design doc" } }),
        )
        .await?;
    app.invoke(
        "set_favour_done",
        json!({ "id": favour["id"], "done": true }),
    )
    .await?;
    app.invoke(
        "make_promise",
        json!({ "input": { "person_id": zq, "owner": "mine", "description": "Send the deck", "due_on": "2030-01-05" } }),
    )
    .await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": null, "to_id": is, "kind": "close_with", "strength": "strong" } }),
    )
    .await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": is, "to_id": zq, "kind": "reports_to", "strength": "medium" } }),
    )
    .await?;
    app.invoke(
        "add_reminder",
        json!({ "input": { "title": "Budget follow-up", "person_id": bo, "due": soon.format("%Y-%m-%dT10:00").to_string(), "note": "" } }),
    )
    .await?;
    let tour = app
        .invoke(
            "create_tour",
            json!({ "input": { "title": "New job at Acme", "start_on": "2030-01-07" } }),
        )
        .await?;
    let tour = id_of(tour, "create_tour").await?;
    for (person, week) in [(zq, 1), (is, 2)] {
        app.invoke(
            "add_tour_stop",
            json!({ "tourId": tour, "input": { "kind": "person", "person_id": person, "week": week } }),
        )
        .await?;
    }
    Ok(ids)
}

/// Ctrl+Shift+P, as a person types it.
async fn toggle_presenting(app: &App) -> Result<()> {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: '\u{E009}' })
        .then(KeyAction::Down { value: '\u{E008}' })
        .then(KeyAction::Down { value: 'P' })
        .then(KeyAction::Up { value: 'P' })
        .then(KeyAction::Up { value: '\u{E008}' })
        .then(KeyAction::Up { value: '\u{E009}' });
    app.client.perform_actions(keys).await?;
    Ok(())
}

/// Everything a viewer of the shared screen (or a screen reader) gets: the visible text, the
/// window title, and the accessible names and tooltips of what is shown.
async fn what_shows(app: &App) -> Result<String> {
    let text = app
        .client
        .execute(
            "const parts = [document.body.innerText, document.title];
             for (const el of document.querySelectorAll('[aria-label], [title]')) {
               if (!el.checkVisibility()) continue;
               parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
             }
             return parts.join('\\n');",
            vec![],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

async fn assert_no_names(app: &App, screen: &str) -> Result<String> {
    let shown = what_shows(app).await?;
    for word in name_words() {
        assert!(
            !shown.contains(word),
            "while presenting, the {screen} screen must not show “{word}”:\n{shown}"
        );
    }
    Ok(shown)
}

#[tokio::test(flavor = "multi_thread")]
async fn presenting_hides_every_name_on_every_screen_and_in_pop_ups() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let server = FakeNotificationServer::start(&bus).await?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let ids = seed(&app).await?;
    // Thank-yous pop up at once, at any hour: the pop-up is checked below.
    let mut settings = app.invoke("get_reminder_settings", json!({})).await?["settings"].clone();
    settings["thank_you"] = "same_day".into();
    settings["quiet_start"] = "00:00".into();
    settings["quiet_end"] = "00:00".into();
    settings["quiet_weekends"] = false.into();
    app.invoke("save_reminder_settings", json!({ "settings": settings }))
        .await?;

    app.go("map").await?;
    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Zephyrine Quillfeather"))
        .await?;
    let banner_hidden = app
        .client
        .execute(
            "return document.querySelector('#presenting-banner').hidden;",
            vec![],
        )
        .await?;
    assert_eq!(banner_hidden, true, "no banner before presenting");

    toggle_presenting(&app).await?;
    app.wait_until(
        "the presenting banner",
        "!document.querySelector('#presenting-banner').hidden",
    )
    .await?;
    let banner = app.texts("#presenting-banner").await?.join(" ");
    assert!(
        banner.contains("Presenting") && banner.contains("initials"),
        "a clear sign of presenting mode: {banner}"
    );
    let mode = app
        .client
        .execute(
            "return document.querySelector('#presenting-mode').value;",
            vec![],
        )
        .await?;
    assert_eq!(mode, "initials", "the sidebar switch shows the mode");
    // Pop-ups before this (people were due a word in names mode) may name them.
    let popups_before = server.received().len();
    // Said to screen readers too.
    app.wait_for_text("#announcer", |t| t.starts_with("Presenting mode on"))
        .await?;

    app.wait_for_text("#people-list", |t| t.contains("ZQ"))
        .await?;
    assert_no_names(&app, "people").await?;
    app.screenshot("70-presenting-people").await?;

    // A person's page, with journal, ledger and connections.
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{}", ids[0]).into()],
        )
        .await?;
    app.wait_for_text("#person-panel .form-title", |t| t == "Edit ZQ")
        .await?;
    app.wait_for_text("#timeline", |t| t.contains("with BO"))
        .await?;
    app.wait_for_text("#favours", |t| t.contains("ZQ for you"))
        .await?;
    app.wait_for_text("#links", |t| t.contains("IS reports to ZQ"))
        .await?;
    app.wait_for_text("#intro-paths", |t| t.contains("You → IS"))
        .await?;
    let masked = app
        .client
        .execute(
            "return getComputedStyle(document.querySelector('#person-name')).webkitTextSecurity;",
            vec![],
        )
        .await?;
    assert_eq!(
        masked, "disc",
        "the name field is dotted out while presenting"
    );
    let shown = assert_no_names(&app, "person").await?;
    assert!(
        shown.contains("Roadmap review"),
        "typed notes are shown as written"
    );
    app.screenshot("71-presenting-person").await?;

    app.go("map").await?;
    app.wait_until(
        "three cards",
        "document.querySelectorAll('.map-card').length === 3",
    )
    .await?;
    let cards = app.texts(".card-name").await?;
    for (_, _, initials) in PEOPLE {
        assert!(
            cards.iter().any(|c| c == initials),
            "{initials} on the map: {cards:?}"
        );
    }
    let label_mode = app
        .client
        .execute(
            "return document.querySelector('#label-mode').value;",
            vec![],
        )
        .await?;
    assert_eq!(
        label_mode, "initials",
        "the map's label select follows the switch"
    );
    app.wait_for_text("#gaps", |t| t.contains("BO")).await?;
    assert_no_names(&app, "map").await?;
    app.screenshot("72-presenting-map").await?;

    app.go("network").await?;
    app.wait_until(
        "the network's list",
        "document.querySelectorAll('.network-person').length === 3",
    )
    .await?;
    app.choose("#network-target", &ids[0]).await?;
    app.wait_for_text("#network-paths", |t| t.contains("IS"))
        .await?;
    let shown = assert_no_names(&app, "network").await?;
    assert!(
        shown.contains("ZQ") && shown.contains("IS"),
        "initials instead: {shown}"
    );
    app.screenshot("73-presenting-network").await?;

    app.go("tour").await?;
    app.wait_until(
        "the tour",
        "document.querySelectorAll('.tour-stop-name').length === 2",
    )
    .await?;
    let stops = app.texts(".tour-stop-name").await?;
    assert_eq!(stops, ["ZQ", "IS"], "tour stops by initials");
    assert_no_names(&app, "tour").await?;
    app.screenshot("74-presenting-tour").await?;

    app.go("reminders").await?;
    app.wait_until(
        "the reminders",
        "document.querySelectorAll('.reminder-item').length >= 3",
    )
    .await?;
    let shown = assert_no_names(&app, "reminders").await?;
    assert!(shown.contains("Keep in touch with ZQ"), "{shown}");
    app.screenshot("75-presenting-reminders").await?;

    app.go("insights").await?;
    app.wait_for_text("#unthanked-list", |t| t.contains("ZQ"))
        .await?;
    assert_no_names(&app, "insights").await?;
    app.screenshot("76-presenting-insights").await?;

    // A pop-up while presenting: initials, never the name.
    let favour = app
        .invoke(
            "record_favour",
            json!({ "input": { "person_id": ids[2], "direction": "by_them", "description": "Covered my on-call" } }),
        )
        .await?;
    app.invoke(
        "set_favour_done",
        json!({ "id": favour["id"], "done": true }),
    )
    .await?;
    let deadline = Instant::now() + PATIENCE;
    while !server.received().iter().any(|r| r.body.contains("on-call")) && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let received = server.received();
    let popup = received
        .iter()
        .find(|r| r.body.contains("on-call"))
        .ok_or(format!("no pop-up for the new thank-you: {received:?}"))?;
    assert_eq!(popup.summary, "Thank IS");
    for r in &received[popups_before..] {
        for word in name_words() {
            assert!(
                !r.summary.contains(word) && !r.body.contains(word),
                "a pop-up while presenting must not name anyone: {r:?}"
            );
        }
    }

    // Off again: names everywhere.
    toggle_presenting(&app).await?;
    app.wait_until(
        "the banner to go",
        "document.querySelector('#presenting-banner').hidden",
    )
    .await?;
    app.wait_for_text("#unthanked-list", |t| t.contains("Zephyrine Quillfeather"))
        .await?;
    app.go("map").await?;
    app.wait_for_text("#gaps", |t| t.contains("Bartholomew Okonkwo-Reyes"))
        .await?;
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{}", ids[0]).into()],
        )
        .await?;
    app.wait_for_text("#person-panel .form-title", |t| {
        t == "Edit Zephyrine Quillfeather"
    })
    .await?;
    let title = app.client.execute("return document.title;", vec![]).await?;
    assert_eq!(title, "Allies", "the window title never names anyone");
    app.screenshot("77-presenting-off").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn roles_mode_is_chosen_in_the_sidebar_or_on_the_map_and_kept_after_a_restart() -> Result<()>
{
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    seed(&app).await?;
    app.go("map").await?;
    app.wait_until(
        "three cards",
        "document.querySelectorAll('.map-card').length === 3",
    )
    .await?;
    app.choose("#label-mode", "roles").await?;
    let cards = app.texts(".card-name").await?;
    assert!(
        cards.contains(&"VP Engineering".to_owned()) && cards.contains(&"BO".to_owned()),
        "roles, and initials for someone without one: {cards:?}"
    );
    let sidebar = app
        .client
        .execute(
            "return document.querySelector('#presenting-mode').value;",
            vec![],
        )
        .await?;
    assert_eq!(sidebar, "roles", "the map's select drives the one switch");
    assert_no_names(&app, "map").await?;
    app.screenshot("78-presenting-roles-map").await?;
    app.close().await?;

    // The same profile (and web storage) again: still presenting, before anything is shown, and
    // on the section it was left on.
    let app = App::launch(&profile, &bus).await?;
    app.wait_until(
        "the map it was left on, by role",
        "location.hash.startsWith('#/map') && document.querySelectorAll('.map-card').length === 3",
    )
    .await?;
    assert_no_names(&app, "map").await?;
    app.screenshot("79-reopened-on-the-map").await?;
    app.go("insights").await?;
    // The favour's line has no role to show: initials.
    app.wait_for_text("#unthanked-list", |t| t.starts_with("ZQ"))
        .await?;
    app.wait_for_text("#presenting-banner-text", |t| t.contains("by role"))
        .await?;
    assert_no_names(&app, "insights").await?;
    app.choose("#presenting-mode", "names").await?;
    app.wait_for_text("#unthanked-list", |t| t.contains("Zephyrine Quillfeather"))
        .await?;
    app.close().await?;
    Ok(())
}
