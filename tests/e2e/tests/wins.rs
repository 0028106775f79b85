//! My wins: log a win for a goal, tell an ally about it, see it on their page; the goal's
//! powerful person who has not heard of it is named in Insights, and About me is filled in.

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn log_a_win_tell_an_ally_and_see_it_on_their_page() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let dana = app
        .add_person(
            json!({ "name": "Dana Ng", "role": "Engineering manager", "department": "Platform" }),
        )
        .await?;
    let vera = app
        .add_person(
            json!({ "name": "Vera Vice", "role": "VP Engineering", "department": "Platform" }),
        )
        .await?;
    let map = app
        .invoke("create_map", json!({ "input": { "name": "Promotion" } }))
        .await?;
    let map = map["id"].as_str().ok_or("no map id")?.to_owned();
    for (person, stance) in [(&dana, "supporter"), (&vera, "neutral")] {
        app.invoke(
            "place_person",
            json!({ "mapId": map, "personId": person,
                    "position": { "power": 0.8, "interest": 0.7 }, "stance": stance }),
        )
        .await?;
    }

    // Log a win: a missing title is refused at its field, then saved.
    app.go("wins").await?;
    app.wait_for_text("#wins-empty", |t| t.starts_with("No wins logged yet"))
        .await?;
    app.click("#win-add").await?;
    app.wait_for("#win-dialog[open]").await?;
    app.click("#win-save").await?;
    let error = app
        .wait_for_text("#win-title-error", |t| !t.is_empty())
        .await?;
    assert!(error.contains("Say what you achieved"), "{error}");
    app.fill("#win-title", "Cut <build> times in half").await?;
    app.fill("#win-impact", "Every team ships a day earlier.")
        .await?;
    app.choose("#win-map_id", &map).await?;
    app.fill("#win-link", "https://example.com/demo").await?;
    app.click("#win-save").await?;
    app.wait_for_text(".win-item .win-title", |t| t == "Cut <build> times in half")
        .await?;
    app.wait_for_text(".win-item .win-known", |t| {
        t == "Nobody has heard of it yet"
    })
    .await?;
    app.screenshot("wins-10-logged").await?;

    // Tell Dana, at a demo.
    app.click(".win-item .win-tell").await?;
    app.wait_for("#tell-dialog[open]").await?;
    app.choose("#tell-person_id", &dana).await?;
    app.fill("#tell-shared_on", "2026-11-20").await?;
    app.choose("#tell-how", "demo").await?;
    app.click("#tell-save").await?;
    app.wait_for_text(".win-item .win-known", |t| t == "Known by 1 person")
        .await?;
    let shares = app
        .wait_for_text(".win-shares", |t| t.contains("Dana Ng"))
        .await?;
    assert!(shares.contains("At a demo"), "{shares}");
    app.screenshot("wins-20-told").await?;

    // Dana's page shows what she knows of your work.
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{dana}").into()],
        )
        .await?;
    let known = app
        .wait_for_text("#person-wins-list", |t| t.contains("Cut <build>"))
        .await?;
    assert!(known.contains("At a demo"), "{known}");
    app.client
        .execute(
            "document.querySelector('#person-wins').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("wins-30-on-her-page").await?;

    // Vera has power on the goal and has heard of nothing: Insights names her, and the win.
    app.go("insights").await?;
    let gap = app
        .wait_for_text("#insights-wins-gap-list", |t| t.contains("Promotion"))
        .await?;
    assert!(
        gap.contains("Vera Vice") && !gap.contains("Dana Ng"),
        "only who has not heard of it: {gap}"
    );
    assert!(gap.contains("Cut <build> times in half"), "{gap}");

    // About me, filled in from Insights (the last change's message, at the bottom of the window,
    // dismissed first, as a person would to reach the button under it).
    app.client
        .execute(
            "document.querySelector('.toast-close')?.click();
             document.querySelector('#about-me').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.click("#about-me-edit").await?;
    app.wait_for("#about-dialog[open]").await?;
    app.fill("#about-department", "Platform").await?;
    app.fill("#about-level", "Senior engineer").await?;
    app.choose("#about-manager_id", &dana).await?;
    app.click("#about-save").await?;
    let boss = app
        .wait_for_text("#about-me-boss", |t| t.contains("Dana Ng"))
        .await?;
    assert_eq!(boss, "Your manager Dana Ng is an ally.");
    app.client
        .execute(
            "document.querySelector('#about-me').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("wins-40-insights").await?;
    app.close().await?;
    Ok(())
}
