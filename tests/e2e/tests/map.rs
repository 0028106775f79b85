//! The stakeholder map, end to end: pointer drags, keyboard moves, history and export.

use std::time::Duration;

use allies_e2e::{App, Locator, PrivateBus, Profile, Result};
use fantoccini::actions::{InputSource, PointerAction, MOUSE_BUTTON_LEFT};
use serde_json::json;

mod map_scene;
use map_scene::{dana_card, map_id, open_seeded_map, press, seed_history};

/// Drags `from` onto the centre of `to` with real pointer events, in small steps as a hand does.
async fn drag(app: &App, from: &str, to: &str) -> Result<()> {
    let source = app.wait_for(from).await?;
    let target = app.wait_for(to).await?;
    let actions = press(source, 0.0, 0.0)
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(100)),
            x: 20.0,
            y: 5.0,
        })
        .then(PointerAction::MoveToElement {
            element: target,
            duration: Some(Duration::from_millis(300)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    app.client.perform_actions(actions).await?;
    app.client.release_actions().await?;
    Ok(())
}

async fn card_label(app: &App, person_id: &str) -> Result<String> {
    let card = app
        .wait_for(&format!(".map-card[data-person-id='{person_id}']"))
        .await?;
    Ok(card.attr("aria-label").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_dragged_onto_keep_satisfied_stays_there_after_a_restart() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let dana = app
        .invoke(
            "add_person",
            json!({ "input": { "name": "Dana Ng", "role": "VP Engineering" } }),
        )
        .await?;
    let dana = dana["id"].as_str().ok_or("no id")?.to_owned();

    app.go("map").await?;
    app.wait_for("#map-empty").await?;
    app.fill("#map-name", "Promotion to Staff Engineer").await?;
    app.fill("#map-target_date", "2027-03-31").await?;
    app.click("#map-save").await?;
    app.wait_for(&format!(".roster-item[data-person-id='{dana}']"))
        .await?;
    app.screenshot("14-empty-map").await?;

    drag(
        &app,
        &format!(".roster-item[data-person-id='{dana}']"),
        ".q-keep_satisfied",
    )
    .await?;
    let label = app
        .wait_for_text(&format!(".map-card[data-person-id='{dana}']"), |t| {
            t.contains("Dana Ng")
        })
        .await;
    label?;
    assert!(
        card_label(&app, &dana).await?.ends_with("Keep satisfied"),
        "dropped where the pointer let go"
    );
    let said = app.wait_for_text("#announcer", |t| !t.is_empty()).await?;
    assert_eq!(said, "Dana Ng added to Keep satisfied");
    app.close().await?;

    // It opens on the map it was left on, with the card where it was dropped.
    let app = App::launch(&profile, &bus).await?;
    app.wait_for(&format!(".map-card[data-person-id='{dana}']"))
        .await?;
    assert!(
        card_label(&app, &dana).await?.ends_with("Keep satisfied"),
        "the drop was saved"
    );

    // Drag it within the grid, then back to the roster to take it off the map.
    drag(
        &app,
        &format!(".map-card[data-person-id='{dana}']"),
        ".q-keep_informed",
    )
    .await?;
    app.wait_for_text("#announcer", |t| t == "Dana Ng moved to Keep informed")
        .await?;
    drag(
        &app,
        &format!(".map-card[data-person-id='{dana}']"),
        "#roster-list",
    )
    .await?;
    app.wait_for(&format!(".roster-item[data-person-id='{dana}']"))
        .await?;
    assert!(
        app.client
            .find_all(Locator::Css(".map-card"))
            .await?
            .is_empty(),
        "off the map"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_card_moves_with_the_keyboard_and_ctrl_z_undoes_it() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let sam = app
        .invoke("add_person", json!({ "input": { "name": "Sam Patel" } }))
        .await?;
    let sam = sam["id"].as_str().ok_or("no id")?.to_owned();
    app.invoke("create_map", json!({ "input": { "name": "Atlas launch" } }))
        .await?;

    app.go("map").await?;
    let roster = app.wait_for("#roster-list").await?;
    // The roster's page comes from the core after the list is drawn: "a" waits for its person.
    app.wait_for(&format!(
        ".roster-item[data-person-id='{sam}'][aria-selected='true']"
    ))
    .await?;
    roster.send_keys("a").await?; // the roster's selected person, at the centre
    app.wait_for_text("#announcer", |t| t == "Sam Patel added to Manage closely")
        .await?;

    let card = app
        .wait_for(&format!(".map-card[data-person-id='{sam}']"))
        .await?;
    assert_eq!(
        app.client
            .active_element()
            .await?
            .attr("data-person-id")
            .await?
            .as_deref(),
        Some(sam.as_str()),
        "focus follows the new card"
    );
    card.send_keys("\u{E008}\u{E012}").await?; // Shift+Left: a big step to lower interest
    app.wait_for_text("#announcer", |t| t == "Sam Patel moved to Keep satisfied")
        .await?;
    card.send_keys("\u{E000}\u{E015}").await?; // Down: a small step in power, below the line
    app.wait_for_text("#announcer", |t| t == "Sam Patel moved to Monitor")
        .await?;
    let placed = app
        .invoke("map_placements", json!({ "mapId": map_id(&app).await? }))
        .await?;
    assert_eq!(
        placed[0]["position"],
        json!({ "power": 0.48, "interest": 0.4 }),
        "0.5 - 0.02 and 0.5 - 0.1"
    );

    app.client
        .active_element()
        .await?
        .send_keys("\u{E009}z")
        .await?; // Ctrl+Z
    app.wait_for_text("#announcer", |t| {
        t == "Undone: Moved Sam Patel on Atlas launch"
    })
    .await?;
    let placed = app
        .invoke("map_placements", json!({ "mapId": map_id(&app).await? }))
        .await?;
    assert_eq!(
        placed[0]["position"],
        json!({ "power": 0.5, "interest": 0.4 }),
        "the last move was undone"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_people_with_history_and_an_svg_export_that_names_them() -> Result<()> {
    let (profile, _bus, app, _map) = open_seeded_map().await?;
    app.wait_for_text("#gaps", |t| t.contains("Dana Ng"))
        .await?;
    assert_eq!(
        app.client.find_all(Locator::Css(".map-card")).await?.len(),
        10
    );
    assert_eq!(
        app.client.find_all(Locator::Css(".ghost")).await?.len(),
        2,
        "two desired positions"
    );
    let gaps = app.texts("#gaps li").await?;
    assert!(
        gaps[0].starts_with("Dana Ng Keep satisfied → Manage closely"),
        "{gaps:?}"
    );
    app.screenshot("15-map-ten-people").await?;

    // Presenting mode: initials instead of names.
    app.choose("#label-mode", "initials").await?;
    let names = app.texts(".card-name").await?;
    assert!(
        names.contains(&"DN".to_string()) && !names.iter().any(|n| n.contains("Dana")),
        "{names:?}"
    );
    app.choose("#label-mode", "names").await?;

    app.click("#history-toggle").await?;
    app.wait_for_text("#history-summary", |t| t.contains("Dana Ng"))
        .await?;
    let arrows = app
        .client
        .find_all(Locator::Css("#grid-arrows line.move-arrow"))
        .await?;
    assert_eq!(
        arrows.len(),
        10,
        "one arrow per person who moved since the first day"
    );
    app.screenshot("16-map-history").await?;
    app.click("#history-toggle").await?;

    app.answer_file_dialog("#export-svg", None).await?; // keeps the name proposed in Downloads
    let svg_file = profile.wait_for_export("svg").await?;
    let name = svg_file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("Allies map - Promotion to Staff Engineer - "),
        "{name}"
    );
    let svg = std::fs::read_to_string(&svg_file)?;
    assert!(svg.contains(">Dana Ng<"), "names are text in the SVG");
    assert!(
        svg.contains("&lt;b&gt;Lee&lt;/b&gt; O&apos;Brien")
            || svg.contains("&lt;b&gt;Lee&lt;/b&gt; O&#39;Brien"),
        "markup in a name is escaped"
    );
    assert!(
        svg.contains("Keep satisfied"),
        "quadrant labels are in the export"
    );

    app.answer_file_dialog("#export-png", None).await?; // keeps the name proposed in Downloads
    let png = std::fs::read(profile.wait_for_export("png").await?)?;
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a real picture"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_card_menu_sends_it_to_a_quadrant_without_dragging() -> Result<()> {
    let (_profile, _bus, app, _map) = open_seeded_map().await?;
    let card = app.wait_for(".map-card[aria-label^='Mia Chen']").await?;
    card.click().await?;
    app.wait_for("#card-panel").await?;
    app.click("#move-manage_closely").await?;
    app.wait_for_text("#announcer", |t| t == "Mia Chen moved to Manage closely")
        .await?;
    app.click("#card-panel input[value='champion']").await?;
    app.wait_for(".map-card.stance-champion[aria-label^='Mia Chen']")
        .await?;
    app.screenshot("17-card-menu").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_map_is_archived_then_deleted_and_undo_brings_it_back_whole() -> Result<()> {
    let (_profile, _bus, app, _map) = open_seeded_map().await?;
    app.wait_for(".map-card").await?;

    app.click("#edit-map").await?;
    app.click("#map-archive").await?;
    app.wait_for_text("#map-select optgroup[label='Archived']", |t| {
        t.contains("Promotion to Staff Engineer")
    })
    .await?;

    app.click("#edit-map").await?;
    app.click("#map-delete").await?;
    app.wait_for("#map-empty").await?;
    app.click("#toast-undo").await?;
    app.wait_for_text("#map-side", |t| t.contains("10 people on this map"))
        .await?;
    assert_eq!(
        app.client.find_all(Locator::Css(".map-card")).await?.len(),
        10,
        "every card came back"
    );

    // Enter on a card opens that person.
    let card = app.wait_for(".map-card[aria-label^='Kim Lee']").await?;
    card.send_keys("\u{E007}").await?;
    let name = app.wait_for("#person-name").await?;
    assert_eq!(name.prop("value").await?.as_deref(), Some("Kim Lee"));
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn undo_after_switching_maps_changes_the_map_that_was_edited() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let map_a = seed_history(&profile)?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-list").await?;
    let map_b = app
        .invoke("create_map", json!({ "input": { "name": "Atlas launch" } }))
        .await?;
    let map_b = map_b["id"].as_str().ok_or("no id")?.to_owned();
    app.go("map").await?;
    app.choose("#map-select", &map_a).await?;

    let card = app.wait_for(".map-card[aria-label^='Mia Chen']").await?;
    card.click().await?;
    app.click("#move-manage_closely").await?;
    app.wait_for_text("#announcer", |t| t == "Mia Chen moved to Manage closely")
        .await?;

    app.choose("#map-select", &map_b).await?;
    app.wait_for_text("#map-side", |t| t.contains("Atlas launch"))
        .await?;
    app.client
        .find(Locator::Css("#roster-list"))
        .await?
        .send_keys("\u{E009}z")
        .await?;
    // The undo names the map it changed, which is not the one showing.
    app.wait_for_text("#announcer", |t| {
        t == "Undone: Moved Mia Chen on Promotion to Staff Engineer"
    })
    .await?;

    let on_b = app
        .invoke("map_placements", json!({ "mapId": map_b }))
        .await?;
    assert_eq!(on_b, json!([]), "the other map is untouched");
    let on_a = app
        .invoke("map_placements", json!({ "mapId": map_a }))
        .await?;
    let mia = on_a
        .as_array()
        .ok_or("not a list")?
        .iter()
        .find(|p| p["name"] == "Mia Chen")
        .ok_or("Mia gone")?;
    assert_eq!(
        mia["position"],
        json!({ "power": 0.2, "interest": 0.4 }),
        "back where she was on her own map"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_stance_on_a_persons_profile_is_the_one_on_the_map() -> Result<()> {
    let (_profile, _bus, app, map) = open_seeded_map().await?;
    app.wait_for(".map-card.stance-skeptic[aria-label^='Dana Ng']")
        .await?;
    let dana = app
        .invoke("list_people", serde_json::json!({ "query": "Dana" }))
        .await?;
    let dana = dana[0]["id"].as_str().ok_or("no Dana")?.to_owned();
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{dana}").into()],
        )
        .await?;
    app.click("#profile-section summary").await?;
    let stances = app
        .wait_for_text("#person-stances", |t| {
            t.contains("Promotion to Staff Engineer")
        })
        .await?;
    assert!(stances.contains("Keep satisfied"), "{stances}");
    app.choose("#person-stances .stance-select", "supporter")
        .await?;
    let deadline = std::time::Instant::now() + allies_e2e::PATIENCE;
    loop {
        let placed = app
            .invoke("map_placements", serde_json::json!({ "mapId": map }))
            .await?;
        let stance = placed
            .as_array()
            .and_then(|all| all.iter().find(|p| p["person_id"] == dana.as_str()))
            .map(|p| p["stance"].clone());
        if stance == Some("supporter".into()) {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the map still has {stance:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.client
        .execute(
            "document.querySelector('#person-stances').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.screenshot("18-stance-on-profile").await?;
    app.go("map").await?;
    app.wait_for(".map-card.stance-supporter[aria-label^='Dana Ng']")
        .await?;
    app.close().await?;
    Ok(())
}

/// The environment of the WebKit web process under the app that `app` drives.
fn web_process_environment(app: &App) -> Result<String> {
    let group = app.driver_pid().ok_or("no driver")?.to_string();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let dir = entry.path();
        let cmdline = std::fs::read(dir.join("cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains("WebKitWebProcess") {
            continue;
        }
        // Field 5 of stat is the process group; the command name before it may hold spaces.
        let stat = std::fs::read_to_string(dir.join("stat")).unwrap_or_default();
        let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after_name.split_whitespace().nth(2) == Some(group.as_str()) {
            let environ = std::fs::read(dir.join("environ"))?;
            return Ok(String::from_utf8_lossy(&environ).replace('\0', "\n"));
        }
    }
    Err("no WebKit web process in the app's process group".into())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_gpu_the_app_draws_on_the_cpu_and_dragging_works_there() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    seed_history(&profile)?;
    // An empty value: the test harness leaves the choice of drawing path to the app.
    let app = App::launch_with(&profile, &bus, &[("WEBKIT_DISABLE_COMPOSITING_MODE", "")]).await?;
    app.wait_for("#people-list").await?;
    let gpu = std::fs::read_dir("/dev/dri")
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    let environment = web_process_environment(&app)?;
    assert_eq!(
        environment
            .lines()
            .any(|l| l == "WEBKIT_DISABLE_COMPOSITING_MODE=1"),
        !gpu,
        "GPU: {gpu}; the web process's environment:\n{environment}"
    );

    app.go("map").await?;
    let (dana, card) = dana_card(&app).await?;
    drag(&app, &card, ".q-monitor").await?;
    app.wait_for_text("#announcer", |t| t == "Dana Ng moved to Monitor")
        .await?;
    assert!(card_label(&app, &dana).await?.ends_with("Monitor"));
    // The picture for slides is drawn on a canvas, which works on this path too.
    app.answer_file_dialog("#export-png", None).await?; // keeps the name proposed in Downloads
    let png = std::fs::read(profile.wait_for_export("png").await?)?;
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a real picture"
    );
    app.close().await?;
    Ok(())
}
