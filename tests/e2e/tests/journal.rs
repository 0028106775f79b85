//! The relationship journal, end to end: a full profile, interactions on a timeline, and the
//! last contact in the people list.

use allies_e2e::{App, Locator, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_and_two_interactions_show_on_the_persons_page() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.invoke(
        "add_person",
        json!({ "input": { "name": "Dana Ng", "role": "VP Engineering" } }),
    )
    .await?;
    app.invoke(
        "add_person",
        json!({ "input": { "name": "Sam Patel", "role": "Director, Product" } }),
    )
    .await?;
    app.go("settings").await?;
    app.go("people").await?;
    let rows = app
        .wait_for_text("#people-list", |t| t.contains("Sam Patel"))
        .await?;
    assert!(rows.contains("No contact logged yet"), "{rows}");

    app.click(".person-row[data-id]").await?; // Dana sorts first
    app.wait_for("#profile-section").await?;
    app.click("#profile-section summary").await?;
    app.choose("#profile-level", "skip_level").await?;
    app.fill("#profile-motivations", "On-call health; hiring two SREs")
        .await?;
    app.fill("#profile-success_90", "Pager load halved").await?;
    app.choose("#profile-channel", "one_on_one").await?;
    app.fill("#profile-cadence_days", "400").await?;
    app.click("#profile-save").await?;
    let why = app
        .wait_for_text("#profile-cadence_days-error", |t| !t.is_empty())
        .await?;
    assert!(why.contains("between 1 and 365"), "{why}");
    app.fill("#profile-cadence_days", "14").await?;
    app.fill(
        "#profile-pitch",
        "Platform work cuts pages; here is the data.",
    )
    .await?;
    app.click("#profile-save").await?;
    app.wait_for_text("#profile-filled", |t| t.starts_with("6 of 18 filled in"))
        .await?;
    app.client
        .execute(
            "document.querySelector('#profile-section').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("18-profile").await?;

    // Saving the details keeps the person open, journal and all.
    app.fill("#interaction-notes", "typed, not yet logged")
        .await?;
    app.fill("#person-role", "SVP Engineering").await?;
    app.click("#person-save").await?;
    app.wait_for_text("#people-list", |t| t.contains("SVP Engineering"))
        .await?;
    let kept = app
        .wait_for("#interaction-notes")
        .await?
        .prop("value")
        .await?;
    assert_eq!(
        kept.as_deref(),
        Some("typed, not yet logged"),
        "nothing typed in the journal is lost"
    );
    app.fill("#interaction-notes", "").await?;

    // A coffee now, and a 1:1 with Sam too, two days ago.
    app.choose("#interaction-kind", "coffee").await?;
    app.fill(
        "#interaction-notes",
        "Talked about <on-call> & hiring.\nShe wants data by Q1.",
    )
    .await?;
    app.fill("#interaction-follow_up", "Send the pager report")
        .await?;
    app.click("#interaction-log").await?;
    app.wait_for_text("#timeline", |t| t.contains("Send the pager report"))
        .await?;

    let two_days_ago = app
        .client
        .execute("const d = new Date(Date.now() - 2 * 86400000); const p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;", vec![])
        .await?;
    app.choose("#interaction-kind", "one_on_one").await?;
    app.fill(
        "#interaction-occurred_at",
        two_days_ago.as_str().ok_or("no date")?,
    )
    .await?;
    app.fill("#interaction-notes", "Roadmap review").await?;
    app.client
        .find(Locator::Css("#interaction-people option"))
        .await?
        .click()
        .await?; // also with Sam
    app.click("#interaction-log").await?;
    app.wait_for_text("#timeline", |t| t.contains("Roadmap review"))
        .await?;

    let items = app.texts("#timeline .interaction").await?;
    assert_eq!(items.len(), 2);
    assert!(items[0].starts_with("Coffee"), "newest first: {items:?}");
    assert!(
        items[0].contains("Talked about <on-call> & hiring."),
        "notes shown as text: {items:?}"
    );
    assert!(
        items[1].starts_with("1:1") && items[1].contains("with Sam Patel"),
        "{items:?}"
    );
    let rows = app.texts(".person-contact").await?;
    assert_eq!(
        rows,
        ["Last contact today", "Last contact 2 days ago"],
        "Dana today, Sam two days ago"
    );
    app.client
        .execute(
            "document.querySelector('#interactions-title').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("19-timeline").await?;

    // The future is refused at the field, and nothing is logged.
    let tomorrow = app
        .client
        .execute("const d = new Date(Date.now() + 86400000); const p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:00`;", vec![])
        .await?;
    app.fill(
        "#interaction-occurred_at",
        tomorrow.as_str().ok_or("no date")?,
    )
    .await?;
    app.fill("#interaction-notes", "Planned chat").await?;
    app.click("#interaction-log").await?;
    let why = app
        .wait_for_text("#interaction-occurred_at-error", |t| !t.is_empty())
        .await?;
    assert!(why.contains("is in the future"), "{why}");
    assert_eq!(app.texts("#timeline .interaction").await?.len(), 2);

    // One search box finds a word from a note, marks it, and opens the person.
    app.click("#person-cancel").await?; // Cancel, unlike Esc, discards the unsent log text at once
    app.fill("#people-search", "roadmap").await?;
    let found = app
        .wait_for_text("#found-elsewhere", |t| {
            t.to_lowercase().contains("in interactions")
        })
        .await?;
    assert!(
        found.contains("Dana Ng") && found.contains("Roadmap review"),
        "{found}"
    );
    assert_eq!(
        app.texts("#found-elsewhere mark").await?,
        ["Roadmap"],
        "the matched word is marked"
    );
    app.fill("#people-search", "kubernetes").await?;
    app.wait_for_text("#found-elsewhere", |t| t.contains("Nothing else matches"))
        .await?;
    app.fill("#people-search", "on-call").await?;
    app.wait_for_text("#found-elsewhere", |t| {
        t.to_lowercase().contains("in profiles and notes")
    })
    .await?;
    app.screenshot("21-search-results").await?;
    app.click("#found-elsewhere .hit").await?;
    app.wait_for_text("#person-form h2", |t| t == "Edit Dana Ng")
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_favour_received_is_done_then_thanked_and_a_late_promise_shows_overdue() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let omar = app
        .invoke("add_person", json!({ "input": { "name": "Omar Haddad" } }))
        .await?;
    let omar = omar["id"].as_str().ok_or("no id")?.to_owned();
    app.invoke(
        "make_promise",
        json!({ "input": { "person_id": omar, "owner": "mine", "description": "Send Omar the deck", "due_on": "2026-01-05" } }),
    )
    .await?;
    app.go("settings").await?;
    app.go("people").await?;
    app.click(".person-row[data-id]").await?;

    app.choose("#favour-direction", "by_them").await?;
    app.fill("#favour-description", "Introduced me to the <VP> of Sales")
        .await?;
    app.click("#favour-add").await?;
    app.wait_for_text("#favours", |t| {
        t.contains("Introduced me to the <VP> of Sales")
    })
    .await?;
    app.click("#favours .favour-done").await?;
    let said = app
        .wait_for_text("#announcer", |t| t.contains("Remember to thank"))
        .await?;
    assert_eq!(said, "Done. Remember to thank Omar Haddad.");
    app.wait_for_text("#favours", |t| t.contains("done: say thank you"))
        .await?;
    app.click("#favours .favour-thank").await?;
    app.wait_for_text("#favours", |t| t.contains("thanked"))
        .await?;
    let balance = app
        .wait_for_text("#favour-balance", |t| t.contains("did 1 for you"))
        .await?;
    assert!(balance.contains("you did 0 for Omar Haddad"), "{balance}");

    let promises = app.texts("#promises .ledger-item").await?;
    assert!(
        promises[0].contains("overdue since"),
        "a January promise is late: {promises:?}"
    );
    app.fill("#promise-description", "Review his RFC").await?;
    app.click("#promise-add").await?;
    app.wait_for_text("#promises", |t| t.contains("Review his RFC"))
        .await?;
    let promises = app.texts("#promises .ledger-item").await?;
    assert!(
        promises[1].contains("no date"),
        "undated promises come after dated ones: {promises:?}"
    );

    app.fill("#conflict-description", "Disagreed on the migration plan")
        .await?;
    app.click("#conflict-add").await?;
    app.wait_for_text("#conflicts", |t| {
        t.contains("Disagreed on the migration plan")
    })
    .await?;
    app.click("#conflicts .conflict-resolve").await?;
    let why = app.wait_for_text(".toast", |t| !t.is_empty()).await?;
    assert!(why.contains("Note how it was resolved"), "{why}");
    app.fill(
        "#conflicts input[type='text']",
        "Agreed to pilot it on one team",
    )
    .await?;
    app.click("#conflicts .conflict-resolve").await?;
    app.wait_for_text("#conflicts", |t| {
        t.contains("resolved: Agreed to pilot it on one team")
    })
    .await?;

    app.client
        .execute(
            "document.querySelector('#ledger-title').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("20-favours-promises-conflicts").await?;
    app.close().await?;
    Ok(())
}
