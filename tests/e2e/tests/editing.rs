//! Editing what was recorded, end to end: an interaction, a favour, a promise and a conflict
//! each open in their row as the form that added them, pre-filled; Save changes the page and
//! says what changed; Escape cancels; errors show at their field.

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn every_journal_record_is_edited_in_its_row() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let dana = app
        .add_person(json!({ "name": "Dana Ng", "role": "VP Engineering" }))
        .await?;
    app.add_person(json!({ "name": "Sam Patel" })).await?;
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "coffee", "people": [dana], "notes": "Talked about hiring", "follow_up": "" } }),
    )
    .await?;
    app.invoke(
        "record_favour",
        json!({ "input": { "person_id": dana, "direction": "by_me", "description": "Intro to the SRE lead" } }),
    )
    .await?;
    app.invoke(
        "make_promise",
        json!({ "input": { "person_id": dana, "owner": "mine", "description": "Send the deck", "due_on": "2031-01-05" } }),
    )
    .await?;
    app.invoke(
        "open_conflict",
        json!({ "input": { "person_id": dana, "description": "Migration plan", "resolve_by": "" } }),
    )
    .await?;
    app.go("settings").await?;
    app.go("people").await?;
    app.click(".person-row[data-id]").await?; // Dana sorts first

    // The interaction: new notes, a follow-up, and Sam was there too.
    app.click("#timeline .interaction-edit").await?;
    let notes = app.wait_for("#edit-interaction-notes").await?;
    assert_eq!(
        notes.prop("value").await?.as_deref(),
        Some("Talked about hiring"),
        "the form opens pre-filled"
    );
    app.fill("#edit-interaction-notes", "Talked about hiring & <on-call>")
        .await?;
    app.fill("#edit-interaction-follow_up", "Send the pager report")
        .await?;
    app.choose("#edit-interaction-kind", "one_on_one").await?;
    app.client
        .execute(
            "for (const o of document.querySelectorAll('#edit-interaction-people option')) o.selected = true;",
            vec![],
        )
        .await?;
    app.screenshot("editing-interaction").await?;
    app.click("#edit-interaction-save").await?;
    let row = app
        .wait_for_text("#timeline .interaction", |t| {
            t.contains("Send the pager report")
        })
        .await?;
    assert!(
        row.starts_with("1:1")
            && row.contains("with Sam Patel")
            && row.contains("Talked about hiring & <on-call>"),
        "the row shows the edit, as text: {row}"
    );
    let said = app.wait_for_text(".toast", |t| !t.is_empty()).await?;
    assert!(
        said.contains("Changed the 1:1: the kind, the people, the notes and the follow-up"),
        "{said}"
    );
    assert!(
        app.texts("#edit-interaction-form").await?.is_empty(),
        "the form closed"
    );

    // The favour: done, and reworded; emptied first, which is refused at the field.
    app.click("#favours .favour-edit").await?;
    app.fill("#edit-favour-description", "").await?;
    app.click("#edit-favour-save").await?;
    let why = app
        .wait_for_text("#edit-favour-description-error", |t| !t.is_empty())
        .await?;
    assert_eq!(why, "Say what the favour is, in a few words.");
    app.fill("#edit-favour-description", "Intro to the SRE lead, Kim")
        .await?;
    app.choose("#edit-favour-status", "done").await?;
    app.screenshot("editing-favour").await?;
    app.click("#edit-favour-save").await?;
    let favours = app.wait_for_text("#favours", |t| t.contains("Kim")).await?;
    assert!(
        favours.contains("You for Dana Ng: Intro to the SRE lead, Kim · done"),
        "{favours}"
    );
    app.wait_for_text("#favour-balance", |t| t.contains("you did 1 for Dana Ng"))
        .await?;

    // The promise: its date cleared and its text changed; Escape first cancels an edit.
    app.click("#promises .promise-edit").await?;
    let field = app.wait_for("#edit-promise-description").await?;
    field.send_keys(" and notes").await?;
    field.send_keys("\u{E00C}").await?; // Escape
    app.wait_for_text("#promises", |t| t.contains("Send the deck · due"))
        .await?;
    assert!(
        app.texts("#edit-promise-form").await?.is_empty(),
        "Escape closed it"
    );
    app.click("#promises .promise-edit").await?;
    app.fill("#edit-promise-description", "Send the deck and the notes")
        .await?;
    app.fill("#edit-promise-due_on", "").await?;
    app.screenshot("editing-promise").await?;
    app.click("#edit-promise-save").await?;
    let promises = app
        .wait_for_text("#promises", |t| t.contains("and the notes"))
        .await?;
    assert!(promises.contains("no date"), "{promises}");
    let said = app
        .wait_for_text(".toast", |t| t.contains("promise"))
        .await?;
    assert!(
        said.contains("Changed the promise: the text and the due date"),
        "{said}"
    );

    // The conflict: a resolve-by date set, in the past, so it is overdue at once.
    app.click("#conflicts .conflict-edit").await?;
    app.fill("#edit-conflict-description", "The migration plan")
        .await?;
    app.fill("#edit-conflict-resolve_by", "2026-01-02").await?;
    app.screenshot("editing-conflict").await?;
    app.click("#edit-conflict-save").await?;
    let conflicts = app
        .wait_for_text("#conflicts", |t| t.contains("The migration plan"))
        .await?;
    assert!(conflicts.contains("overdue since"), "{conflicts}");

    // Search follows the edit at once.
    app.click("#person-cancel").await?;
    app.fill("#people-search", "pager").await?;
    let found = app
        .wait_for_text("#found-elsewhere", |t| {
            t.to_lowercase().contains("in interactions")
        })
        .await?;
    assert!(found.contains("Send the pager report"), "{found}");
    app.close().await?;
    Ok(())
}
