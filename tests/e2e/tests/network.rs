//! Links between people on a person's page, and the way in they make.

use allies_e2e::{App, PrivateBus, Profile, Result};
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
    app.click("#link-add").await?;
    let links = app
        .wait_for_text("#links", |t| t.contains("reports to Marco Rossi"))
        .await?;
    assert!(
        links.contains("Vera <VP> Park reports to Marco Rossi"),
        "{links}"
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
