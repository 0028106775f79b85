//! Links between people on a person's page, and the way in they make.

use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::network::{self, LinkInput, LinkKind, Strength};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};
use chrono::{Duration, TimeZone, Utc};
use serde_json::json;

async fn add(app: &App, name: &str) -> Result<String> {
    let p = app
        .invoke("add_person", json!({ "input": { "name": name } }))
        .await?;
    Ok(p["id"].as_str().ok_or("no id")?.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_added_on_a_page_opens_a_way_in_to_a_leader() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let priya = add(&app, "Priya Raman").await?;
    let marco = add(&app, "Marco Rossi").await?;
    let vp = add(&app, "Vera <VP> Park").await?;
    app.invoke("add_link", json!({ "input": { "from_id": priya, "to_id": marco, "kind": "close_with", "strength": "strong" } }))
        .await?;
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "coffee", "people": [priya] } }),
    )
    .await?;

    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{vp}").into()],
        )
        .await?;
    app.wait_for_text("#intro-paths", |t| t.contains("No way in yet"))
        .await?;
    app.choose("#link-kind", "reports_to").await?;
    app.choose("#link-to_id", &marco).await?;
    app.fill("#link-note", "since the <reorg>").await?;
    app.click("#link-add").await?;
    let links = app
        .wait_for_text("#links", |t| t.contains("reports to Marco Rossi"))
        .await?;
    assert!(
        links.contains("Vera <VP> Park reports to Marco Rossi · medium · since the <reorg>"),
        "the link and its note, as typed: {links}"
    );
    let ways = app
        .wait_for_text("#intro-paths", |t| t.contains("You →"))
        .await?;
    assert_eq!(
        ways.trim(),
        "You → Priya Raman (medium) → Marco Rossi (strong) → Vera <VP> Park (medium, reports to)"
    );
    app.client
        .execute(
            "document.querySelector('#intro-paths').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.screenshot("47-ways-in").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_network_view_draws_everyone_filters_and_opens_a_person() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let mut ids = Vec::new();
    for (name, department) in [
        ("Priya Raman", "Platform"),
        ("Marco Rossi", "Finance"),
        ("Vera <img src=x onerror=alert(1)> Park", "Product"),
        ("Omar Haddad", "Finance"),
    ] {
        let p = app
            .invoke(
                "add_person",
                json!({ "input": { "name": name, "department": department } }),
            )
            .await?;
        ids.push(p["id"].as_str().ok_or("no id")?.to_owned());
    }
    for (from, to, kind) in [
        (Some(0), 1, "close_with"),
        (Some(1), 2, "reports_to"),
        (Some(3), 2, "influences"),
        (None, 0, "close_with"),
    ] {
        app.invoke(
            "add_link",
            json!({ "input": { "from_id": from.map(|i: usize| ids[i].clone()), "to_id": ids[to], "kind": kind, "strength": "strong" } }),
        )
        .await?;
    }

    app.go("network").await?;
    app.wait_for("section[data-settled='true']").await?;
    let status = app
        .wait_for_text("#network-status", |t| t.contains("links"))
        .await?;
    assert!(
        status.contains("4 people") && status.contains("4 links"),
        "everyone and every link is drawn: {status}"
    );
    app.screenshot("52-network").await?;

    app.choose("#network-department", "Finance").await?;
    let status = app
        .wait_for_text("#network-status", |t| t.contains("2 people"))
        .await?;
    assert!(
        status.contains("0 links"),
        "Marco and Omar are not linked to each other: {status}"
    );
    app.choose("#network-department", "").await?;
    app.wait_for_text("#network-status", |t| t.contains("4 people"))
        .await?;

    // The list beside the drawing opens a person, by keyboard or pointer.
    app.click("#network-list summary").await?;
    let names = app.texts(".network-person-name").await?;
    assert!(
        names.contains(&"Vera <img src=x onerror=alert(1)> Park".to_owned()),
        "names are text: {names:?}"
    );
    app.click(&format!(".network-person[data-id='{}']", ids[1]))
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let shown = app
            .client
            .execute(
                "return [location.hash, document.querySelector('#person-name')?.value ?? ''];",
                vec![],
            )
            .await?;
        if shown[1] == "Marco Rossi" {
            assert_eq!(shown[0], format!("#/people/{}", ids[1]).as_str());
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the person did not open: {shown}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.close().await?;
    Ok(())
}

/// The `data-path` of the network view: the ids of the way in drawn, or None when none is.
async fn drawn_path(app: &App) -> Result<Option<String>> {
    let value = app
        .client
        .execute(
            "return document.querySelector('section.network-view')?.dataset.path ?? null;",
            vec![],
        )
        .await?;
    Ok(value.as_str().map(str::to_owned))
}

/// Polls until the drawn path is `want`: drawing follows an answer from the app.
async fn wait_for_path(app: &App, want: Option<&str>) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let path = drawn_path(app).await?;
        if path.as_deref() == want {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the drawn path stayed {path:?}, not {want:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_way_in_is_found_and_drawn_in_the_network() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let priya = add(&app, "Priya Raman").await?;
    let marco = add(&app, "Marco Rossi").await?;
    let vera = add(&app, "Vera <b>Park</b>").await?;
    let lena = add(&app, "Lena Fischer").await?;
    let omar = add(&app, "Omar Haddad").await?;
    let sam = add(&app, "Sam Okafor").await?;
    for (from, to, kind, strength) in [
        (&priya, &marco, "close_with", "strong"),
        (&vera, &marco, "reports_to", "strong"),
        (&lena, &priya, "close_with", "weak"),
        (&lena, &vera, "influences", "weak"),
        (&omar, &vera, "in_conflict_with", "medium"),
        (&sam, &omar, "close_with", "medium"),
        (&sam, &lena, "reports_to", "medium"),
    ] {
        app.invoke(
            "add_link",
            json!({ "input": { "from_id": from, "to_id": to, "kind": kind, "strength": strength } }),
        )
        .await?;
    }
    // Having met Priya is how the user knows anyone at all.
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "coffee", "people": [priya] } }),
    )
    .await?;

    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/network/{vera}").into()],
        )
        .await?;
    app.wait_for("section[data-settled='true']").await?;
    app.wait_for_text("#network-paths", |t| t.contains("You →"))
        .await?;
    let chosen = app
        .client
        .execute(
            "return document.querySelector('#network-target').value;",
            vec![],
        )
        .await?;
    assert_eq!(chosen, vera.as_str(), "the address chose whom to reach");
    let paths = app.texts(".network-path").await?;
    assert_eq!(
        paths.first().map(String::as_str),
        Some("You → Priya Raman (medium) → Marco Rossi (strong) → Vera <b>Park</b> (strong, reports to)"),
        "the best way in goes through the strong links, names as text: {paths:?}"
    );
    let pressed = app
        .client
        .execute(
            "return [...document.querySelectorAll('.network-path')].map((b) => b.getAttribute('aria-pressed'));",
            vec![],
        )
        .await?;
    assert_eq!(
        pressed.get(0).and_then(|v| v.as_str()),
        Some("true"),
        "the best way is the one drawn: {pressed}"
    );
    assert_eq!(
        drawn_path(&app).await?,
        Some(format!("{priya},{marco},{vera}")),
        "the picture draws the first path"
    );
    app.screenshot("53-network-way-in").await?;

    app.click("#network-path-clear").await?;
    wait_for_path(&app, None).await?;

    // A new address while the view is open finds the way to someone else.
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/network/{marco}").into()],
        )
        .await?;
    wait_for_path(&app, Some(&format!("{priya},{marco}"))).await?;
    app.close().await?;
    Ok(())
}

/// More people than the network view draws: 1,050, of whom the user met the last 60 and linked
/// two of the first ones; written through the core before the app opens the file.
fn seed_more_than_drawn(profile: &Profile) -> Result<Vec<String>> {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut db = Database::open_in(&profile.data_dir(), now)?;
    let mut ids = Vec::new();
    for i in 0..1_050 {
        ids.push(people::add(&mut db, &PersonInput::named(&format!("Person {i:04}")), now)?.id);
    }
    network::add_link(
        &mut db,
        &LinkInput {
            from_id: Some(ids[0].clone()),
            to_id: ids[1].clone(),
            kind: LinkKind::CloseWith,
            strength: Strength::Strong,
            note: String::new(),
        },
        now,
    )?;
    for (day, id) in ids[990..].iter().enumerate() {
        let input = InteractionInput {
            occurred_at: Some(now - Duration::days(i64::try_from(day)?)),
            kind: Kind::Coffee,
            people: vec![id.clone()],
            notes: String::new(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &input, now)?;
    }
    Ok(ids)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_network_too_large_to_draw_whole_draws_the_people_nearest_the_user() -> Result<()> {
    let profile = Profile::new()?;
    let ids = seed_more_than_drawn(&profile)?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.go("network").await?;
    app.wait_for("section[data-settled='true']").await?;
    let status = app
        .wait_for_text("#network-status", |t| t.contains("nearest"))
        .await?;
    assert!(
        status.starts_with(
            "1,000 people, 61 links. Only the 1,000 people nearest you of 1,050 are drawn"
        ),
        "the linked two, the 60 met and the first by name: {status}"
    );
    let drawn = app
        .client
        .execute(
            "return document.querySelector('section[data-nodes]').dataset.nodes;",
            vec![],
        )
        .await?;
    assert_eq!(drawn, "1001", "the user and the 1,000 nearest");
    // The last of the people met is among them though far down by name; one never met is not.
    assert_eq!(
        app.texts("#network-list summary").await?,
        ["People in this view (1,000)"]
    );
    app.click("#network-list summary").await?;
    let names = app.texts(".network-person-name").await?;
    assert!(
        names.contains(&"Person 1049".to_owned()),
        "met: {}",
        names.len()
    );
    assert!(
        !names.contains(&"Person 0989".to_owned()),
        "neither linked nor met"
    );
    app.screenshot("54-network-nearest").await?;

    // A person's page opens the way in to someone not drawn: they are drawn then.
    let far = &ids[989];
    app.client
        .execute(&format!("location.hash = '#/network/{far}';"), vec![])
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let chosen = app
            .client
            .execute(
                "return [document.querySelector('#network-target')?.value ?? '', document.querySelector('#network-paths')?.textContent ?? ''];",
                vec![],
            )
            .await?;
        if chosen[0] == far.as_str()
            && chosen[1]
                .as_str()
                .is_some_and(|t| t.contains("No way in yet"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the way in to someone not drawn did not open: {chosen}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let status = app.texts("#network-status").await?;
    assert!(
        status[0].starts_with("1,000 people"),
        "the person asked for, in place of the farthest of the nearest: {status:?}"
    );
    let names = app.texts(".network-person-name").await?;
    assert!(names.contains(&"Person 0989".to_owned()));
    assert!(!names.contains(&"Person 0939".to_owned()), "the farthest");
    app.close().await?;
    Ok(())
}
