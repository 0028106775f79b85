//! Correcting the network in the real window: a link edited on a person's page, a check-in plan
//! edited in Reminders, and a person put on a map from their page, whose cadence then says
//! where it comes from.

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn links_check_ins_and_a_place_on_a_map_are_edited_from_the_pages_that_show_them(
) -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let dana = app.add_person(json!({ "name": "Dana <b>Ng</b>" })).await?;
    let marco = app.add_person(json!({ "name": "Marco Rossi" })).await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": dana, "to_id": marco, "kind": "influences", "strength": "weak" } }),
    )
    .await?;
    let map = app
        .invoke("create_map", json!({ "input": { "name": "Promotion" } }))
        .await?;
    let map = map["id"].as_str().ok_or("no map id")?.to_owned();

    // A link, edited on Dana's page.
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{dana}").into()],
        )
        .await?;
    app.wait_for_text("#links", |t| t.contains("influences Marco Rossi"))
        .await?;
    app.click("#links .link-edit").await?;
    app.wait_for("#link-edit-dialog[open]").await?;
    app.choose("#link-edit-kind", "reports_to").await?;
    app.choose("#link-edit-strength", "strong").await?;
    app.fill("#link-edit-note", "since the <reorg>").await?;
    app.click("#link-edit-save").await?;
    let links = app
        .wait_for_text("#links", |t| t.contains("reports to"))
        .await?;
    assert!(
        links.contains("Dana <b>Ng</b> reports to Marco Rossi · strong · since the <reorg>"),
        "the edited link, as typed and as text: {links}"
    );
    let stored = app
        .invoke("person_links", json!({ "personId": dana }))
        .await?;
    assert_eq!(
        (&stored[0]["kind"], &stored[0]["strength"]),
        (&json!("reports_to"), &json!("strong")),
        "the edit is saved, not only drawn"
    );

    // Dana put on the map from her page; the cadence says it comes from her quadrant there.
    app.wait_for_text("#person-cadence", |t| {
        t.contains("No keep-in-touch reminder")
    })
    .await?;
    app.choose("#place-map_id", &map).await?;
    app.choose("#place-quadrant", "manage_closely").await?;
    app.click("#place-save").await?;
    let cadence = app
        .wait_for_text("#person-cadence", |t| t.contains("Promotion"))
        .await?;
    assert_eq!(
        cadence.trim(),
        "Keep in touch every 2 weeks, from their quadrant on Promotion (Manage closely)."
    );
    let stances = app
        .wait_for_text("#person-stances", |t| t.contains("Promotion"))
        .await?;
    assert!(stances.contains("Manage closely"), "{stances}");
    let placed = app
        .invoke("map_placements", json!({ "mapId": map }))
        .await?;
    assert_eq!(
        placed.as_array().map(Vec::len),
        Some(1),
        "Dana is on the map: {placed}"
    );
    app.client
        .execute(
            "document.querySelector('#person-maps-title').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("editing-network-1-person-on-a-map").await?;

    // Her own setting wins, and the page says so.
    app.click("#profile-section summary").await?;
    app.fill("#profile-cadence_days", "45").await?;
    app.click("#profile-save").await?;
    app.wait_for_text("#person-cadence", |t| t.contains("their own setting"))
        .await?;

    // The map opens from the link on her page.
    app.click("#person-stances a.stance-map").await?;
    app.wait_for(".map-card[aria-label^='Dana']").await?;

    // A check-in plan, edited in Reminders: label, start and who it is about.
    app.invoke(
        "add_check_in",
        json!({ "input": { "label": "New job", "start_on": "2026-03-02" } }),
    )
    .await?;
    app.go("reminders").await?;
    app.wait_for_text("#check-ins", |t| t.contains("New job"))
        .await?;
    app.click("#check-ins .check-in-edit").await?;
    app.wait_for("#check-in-edit-dialog[open]").await?;
    app.fill("#check-in-edit-label", "").await?;
    app.click("#check-in-edit-save").await?;
    app.wait_for_text("#check-in-edit-label-error", |t| !t.is_empty())
        .await?;
    app.fill("#check-in-edit-label", "New manager").await?;
    app.fill("#check-in-edit-start_on", "2026-04-01").await?;
    app.choose("#check-in-edit-person_id", &marco).await?;
    app.screenshot("editing-network-2-check-in-dialog").await?;
    app.click("#check-in-edit-save").await?;
    let plans = app
        .wait_for_text("#check-ins", |t| t.contains("New manager"))
        .await?;
    assert!(
        plans.contains("New manager · started ") && plans.contains(" · with Marco Rossi"),
        "{plans}"
    );
    assert!(
        plans.contains("2026") && !plans.contains("2026-04-01"),
        "the start day is written in the locale, not as the ISO day the core sends: {plans}"
    );
    app.screenshot("editing-network-3-check-in-edited").await?;
    app.close().await?;
    Ok(())
}
