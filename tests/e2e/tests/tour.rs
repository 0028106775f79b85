//! The newbie tour: plan meetings, record one with its answers, turn a "who else" into a new
//! person on the tour, and see the 30/60/90-day check-ins it makes.

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_small_newbie_tour_from_plan_to_a_suggested_person() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.invoke(
        "add_person",
        json!({ "input": { "name": "Dana Ng", "role": "Engineering manager", "department": "Platform" } }),
    )
    .await?;

    app.go("tour").await?;
    app.wait_for("#tour-start").await?;
    // A missing title is refused at the field.
    app.fill("#tour-title", "").await?;
    app.click("#tour-create").await?;
    let error = app
        .wait_for_text("#tour-title-error", |t| !t.is_empty())
        .await?;
    assert!(error.contains("Name the tour"), "{error}");
    app.fill("#tour-title", "New job at <Acme>").await?;
    app.fill("#tour-start_on", "2026-11-02").await?;
    app.click("#tour-create").await?;
    app.wait_for_text("#tour-name", |t| t == "New job at <Acme>")
        .await?;
    let summary = app.wait_for_text("#tour-summary", |_| true).await?;
    // Days are written in the locale (1 Jan 2027, Jan 1, 2027…): check the days, not the style.
    assert!(
        summary.contains("Check-ins at 30, 60 and 90 days: ")
            && summary.contains("2027")
            && summary.contains("31")
            && !summary.contains("2027-01-31"),
        "the check-in days are shown: {summary}"
    );

    // Dana from the people, someone new, and a team.
    app.fill("#stop-person", "Dana Ng").await?;
    app.fill("#stop-week", "1").await?;
    app.click("#stop-add").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 0 of 1")
        .await?;
    app.choose("#stop-kind", "leader").await?;
    app.fill("#stop-person", "Ines Duarte").await?;
    app.wait_for_text("#stop-person-hint", |t| t.contains("Someone new"))
        .await?;
    app.fill("#stop-role", "VP Engineering").await?;
    app.fill("#stop-week", "2").await?;
    app.click("#stop-add").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 0 of 2")
        .await?;
    app.choose("#stop-kind", "team").await?;
    app.fill("#stop-team", "Payments").await?;
    app.fill("#stop-week", "60").await?;
    app.click("#stop-add").await?;
    let error = app
        .wait_for_text("#stop-week-error", |t| !t.is_empty())
        .await?;
    assert!(error.contains("week from 1 to 52"), "{error}");
    app.fill("#stop-week", "3").await?;
    app.click("#stop-add").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 0 of 3")
        .await?;
    let next = app.wait_for_text("#tour-next", |_| true).await?;
    assert_eq!(next.trim(), "Next to book: Dana Ng, Ines Duarte, Payments");

    // Meeting Dana: the three questions, and how she likes to be kept informed.
    app.click(".tour-stop:first-child .stop-record").await?;
    app.wait_for("#meeting-dialog").await?;
    app.fill("#meeting-met_on", "2026-11-04").await?;
    app.fill(
        "#meeting-success",
        "Ship the <b>billing</b> migration by day 90",
    )
    .await?;
    app.fill("#meeting-challenges", "Two teams own the same queue")
        .await?;
    app.fill("#meeting-who_else", "Marco in Finance").await?;
    app.choose("#meeting-channel", "chat").await?;
    app.fill("#meeting-cadence_days", "14").await?;
    app.click("#meeting-save").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 1 of 3")
        .await?;
    let plan = app.wait_for_text(".tour-plan", |_| true).await?;
    assert!(
        plan.contains("Ship the <b>billing</b> migration by day 90"),
        "answers show as typed, markup as text: {plan}"
    );

    // Who else: Marco becomes a person, introduced by Dana, with a meeting of his own.
    app.click(".stop-suggest").await?;
    app.fill("#suggest-name", "Marco Rossi").await?;
    app.fill("#suggest-department", "Finance").await?;
    app.click("#suggest-save").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 1 of 4")
        .await?;
    let plan = app
        .wait_for_text(".tour-plan", |t| t.contains("Marco Rossi"))
        .await?;
    assert!(plan.contains("suggested by Dana Ng"), "{plan}");

    // What the tour wrote elsewhere: the journal, the profile, the link and the check-ins.
    let people = app.invoke("list_people", json!({ "query": "" })).await?;
    let find = |name: &str| -> Result<String> {
        Ok(people
            .as_array()
            .ok_or("no list")?
            .iter()
            .find(|p| p["name"] == name)
            .ok_or(format!("{name} is not in the list"))?["id"]
            .as_str()
            .ok_or("no id")?
            .to_owned())
    };
    let dana = find("Dana Ng")?;
    find("Ines Duarte")?;
    let journal = app
        .invoke("person_timeline", json!({ "personId": dana }))
        .await?;
    assert_eq!(journal.as_array().map(Vec::len), Some(1), "{journal}");
    assert!(journal[0]["notes"]
        .as_str()
        .unwrap_or_default()
        .contains("Who else to meet: Marco in Finance"));
    let profile_row = app
        .invoke("get_profile", json!({ "personId": dana }))
        .await?;
    assert_eq!(profile_row["channel"], "chat");
    assert_eq!(profile_row["cadence_days"], 14);
    let links = app
        .invoke("person_links", json!({ "personId": dana }))
        .await?;
    assert_eq!(links[0]["kind"], "introduced_me_to", "{links}");
    assert_eq!(links[0]["to_name"], "Marco Rossi");
    let check_ins = app.invoke("list_check_ins", json!({})).await?;
    assert_eq!(check_ins[0]["label"], "Newbie tour: New job at <Acme>");
    assert_eq!(check_ins[0]["start_on"], "2026-11-02");

    app.client
        .execute(
            "document.querySelector('#tour-summary').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("50-newbie-tour").await?;
    app.close().await?;
    Ok(())
}
