//! People, end to end: the empty state, adding, searching, refusing bad input, deleting with
//! undo, and data that survives a restart.

use allies_e2e::{App, Locator, PrivateBus, Profile, Result};

const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

#[tokio::test(flavor = "multi_thread")]
async fn a_new_user_sees_the_empty_state_and_adds_a_person_who_survives_a_restart() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;

    let app = App::launch(&profile, &bus).await?;
    let empty = app.wait_for("#people-empty").await?;
    assert!(
        empty
            .text()
            .await?
            .contains("Start with the people your work depends on"),
        "a new user is told what to do first"
    );
    app.screenshot("01-empty-state").await?;

    app.click("#add-first-person").await?;
    app.fill("#person-name", "Dana Ng").await?;
    app.fill("#person-role", "Engineering Manager").await?;
    app.fill("#person-department", "Platform").await?;
    app.fill("#person-organisation", "Acme").await?;
    app.fill(
        "#person-notes",
        "Cares about on-call health. Met at the Q3 offsite.",
    )
    .await?;
    app.screenshot("02-add-person-form").await?;
    app.click("#person-save").await?;

    let names = app
        .wait_for_text("#people-list", |t| t.contains("Dana Ng"))
        .await?;
    assert!(
        names.contains("Engineering Manager · Platform · Acme"),
        "{names}"
    );
    assert_eq!(app.texts("#people-count").await?, ["1 person"]);
    app.screenshot("03-person-added").await?;
    app.close().await?;

    // Same data folder, new process: the person must still be there, notes included.
    let app = App::launch(&profile, &bus).await?;
    app.wait_for_text("#people-list", |t| t.contains("Dana Ng"))
        .await?;
    app.click(".person-row").await?;
    let notes = app.wait_for("#person-notes").await?.prop("value").await?;
    assert_eq!(
        notes.as_deref(),
        Some("Cares about on-call health. Met at the Q3 offsite.")
    );
    app.screenshot("04-after-restart").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_names_and_notes_is_shown_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    app.click("#add-person").await?;
    app.fill("#person-name", HOSTILE_NAME).await?;
    app.fill("#person-role", "<b>bold</b> \"quoted\" 'single' مرحبا 👩🏽‍💻")
        .await?;
    let long_notes = format!(
        "<script>document.title='owned'</script>{}",
        "x".repeat(10_000)
    );
    app.fill("#person-notes", &long_notes).await?;
    app.click("#person-save").await?;

    let name = app.wait_for_text(".person-name", |t| !t.is_empty()).await?;
    assert_eq!(name, HOSTILE_NAME, "the name is shown exactly as typed");
    assert!(
        app.client
            .find_all(Locator::Css("#people-list img, #people-list b"))
            .await?
            .is_empty(),
        "no element was created from user text"
    );
    assert_eq!(
        app.client.title().await?,
        "Allies",
        "no script from user text ran"
    );
    app.click(".person-row").await?;
    let notes = app.wait_for("#person-notes").await?.prop("value").await?;
    assert_eq!(
        notes.map(|n| n.chars().count()),
        Some(long_notes.chars().count()),
        "10,000+ characters kept"
    );
    app.screenshot("05-markup-as-text").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_name_is_refused_next_to_the_field_and_nothing_is_saved() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    app.click("#add-first-person").await?;
    app.fill("#person-name", "   ").await?;
    app.fill("#person-role", "Director").await?;
    app.click("#person-save").await?;
    let message = app
        .wait_for_text("#person-name-error", |t| !t.is_empty())
        .await?;
    assert!(message.contains("Enter a name"), "{message}");
    let name = app.wait_for("#person-name").await?;
    assert_eq!(name.attr("aria-invalid").await?.as_deref(), Some("true"));
    assert_eq!(
        app.wait_for("#person-role")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("Director"),
        "what the user typed elsewhere is kept"
    );
    app.screenshot("06-empty-name-refused").await?;

    // Too long: said with the numbers, and again nothing is lost from the form.
    app.fill("#person-name", &"n".repeat(100_000)).await?;
    app.click("#person-save").await?;
    let message = app
        .wait_for_text("#person-name-error", |t| t.contains("100000"))
        .await?;
    assert!(message.contains("limit is 10000"), "{message}");
    assert!(
        app.client
            .find_all(Locator::Css(".person-row"))
            .await?
            .is_empty(),
        "nothing was saved"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn search_filters_and_delete_can_be_undone() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    app.add_person_in_form("Dana Ng", "Engineering Manager")
        .await?;
    app.add_person_in_form("Élodie Durand", "Staff Engineer")
        .await?;
    app.add_person_in_form("Sam Patel", "Product Director")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?,
        ["Dana Ng", "Élodie Durand", "Sam Patel"],
        "sorted by name"
    );

    app.fill("#people-search", "ENGINEER").await?;
    app.wait_for_text("#people-count", |t| t == "2 people found")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?,
        ["Dana Ng", "Élodie Durand"]
    );
    app.fill("#people-search", "nobody-like-this").await?;
    app.wait_for("#people-no-match").await?;
    app.screenshot("07-search-no-match").await?;
    app.fill("#people-search", "").await?;
    app.wait_for_text("#people-count", |t| t == "3 people")
        .await?;

    app.click(".person-row[data-id]").await?;
    app.click("#person-delete").await?;
    app.wait_for("#leave-dialog").await?;
    app.screenshot("08a-delete-asks-what-to-keep").await?;
    app.click("#leave-delete").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?,
        ["Élodie Durand", "Sam Patel"]
    );
    app.screenshot("08-deleted-with-undo").await?;
    app.click("#toast-undo").await?;
    app.wait_for_text("#people-count", |t| t == "3 people")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?[0],
        "Dana Ng",
        "undo brings the person back"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_keyboard_alone_adds_a_person_and_switches_sections() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    let body = app.client.find(Locator::Css("body")).await?;
    body.send_keys("\u{E009}n").await?; // Ctrl+N
    let name = app.wait_for("#person-name").await?;
    assert_eq!(
        app.client
            .active_element()
            .await?
            .attr("id")
            .await?
            .as_deref(),
        Some("person-name"),
        "the form opens with the name field focused"
    );
    name.send_keys("Kim Lee").await?;
    name.send_keys("\u{E00C}").await?; // Esc with unsaved text: asks first, keeps the text
    let warning = app
        .wait_for_text("#person-form-error", |t| !t.is_empty())
        .await?;
    assert!(warning.contains("Press Esc again"), "{warning}");
    assert_eq!(name.prop("value").await?.as_deref(), Some("Kim Lee"));
    name.send_keys("\u{E009}\u{E007}").await?; // Ctrl+Enter saves
    app.wait_for_text("#people-list", |t| t.contains("Kim Lee"))
        .await?;
    assert!(
        app.client
            .active_element()
            .await?
            .attr("data-id")
            .await?
            .is_some(),
        "focus lands on the new person's row"
    );

    app.client
        .active_element()
        .await?
        .send_keys("\u{E009}0")
        .await?; // Ctrl+0: Settings, the tenth section
    app.wait_for("#send-test-reminder").await?;
    assert_eq!(
        app.client
            .find(Locator::Css(".nav-list a[aria-current='page']"))
            .await?
            .text()
            .await?,
        "Settings"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_who_moves_on_can_stay_as_a_former_colleague_with_their_history() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let dana = app
        .invoke(
            "add_person",
            serde_json::json!({ "input": { "name": "Dana Ng", "role": "VP Engineering", "tags": "mentor, <b>platform</b>" } }),
        )
        .await?;
    app.invoke(
        "add_person",
        serde_json::json!({ "input": { "name": "Sam Patel" } }),
    )
    .await?;
    app.invoke(
        "log_interaction",
        serde_json::json!({ "input": { "kind": "coffee", "people": [dana["id"]], "notes": "Talked about the reorg" } }),
    )
    .await?;
    app.go("settings").await?;
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    assert_eq!(
        app.texts("#people-list .tag").await?,
        ["mentor", "<b>platform</b>"],
        "tags show as typed, as text"
    );
    app.fill("#people-search", "platf").await?;
    app.wait_for_text("#people-count", |t| t == "1 person found")
        .await?;
    app.fill("#people-search", "").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;

    // Esc leaves everything as it was.
    app.click(".person-row[data-id]").await?;
    app.click("#person-delete").await?;
    app.wait_for("#leave-dialog").await?;
    let body = app.client.find(Locator::Css("#leave-dialog")).await?;
    body.send_keys("\u{E00C}").await?; // Escape
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    assert!(
        app.client
            .find(Locator::Css("#leave-dialog"))
            .await
            .is_err(),
        "the dialog is gone"
    );

    app.click("#person-delete").await?;
    app.click("#leave-keep").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.click("#toggle-former").await?;
    let former = app
        .wait_for_text("#people-list", |t| t.contains("Dana Ng"))
        .await?;
    assert!(former.contains("Former colleague since"), "{former}");
    app.click(".person-row[data-id]").await?;
    app.wait_for("#former-notice").await?;
    app.wait_for_text("#timeline", |t| t.contains("Talked about the reorg"))
        .await?;
    app.screenshot("08b-former-colleague").await?;

    app.click("#bring-back").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    app.close().await?;
    Ok(())
}
