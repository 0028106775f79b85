//! The system's file dialogs, for real: an export saved where the user types in the GTK save
//! dialog, a cancelled one that says nothing went wrong, and people imported from a file chosen
//! in the GTK open dialog. xdotool answers the dialogs (see allies_e2e::file_dialog).

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn an_export_is_saved_where_the_save_dialog_says_and_cancelling_is_not_a_failure(
) -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.invoke("add_person", json!({ "input": { "name": "Dana Ng" } }))
        .await?;
    app.go("settings").await?;

    // Cancelled: nothing written, nothing said.
    let title = app.cancel_file_dialog("#export-csv").await?;
    assert_eq!(
        title, "Save the people list",
        "the dialog says what is saved"
    );
    // The window answers the cancelled call; give it the time a reply takes before looking.
    app.wait_until(
        "the cancelled export came back",
        "document.querySelector('#export-csv') && !document.querySelector('dialog[open]')",
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let result = app.texts("#data-result").await?.join("");
    assert_eq!(
        result, "",
        "a cancelled save dialog is not an error and saves nothing"
    );
    assert_eq!(
        std::fs::read_dir(profile.downloads()).map_or(0, |d| d.count()),
        0,
        "nothing was written in Downloads"
    );

    // Saved under a name and in a folder the user typed.
    let elsewhere = tempfile::tempdir()?;
    let chosen = elsewhere.path().join("team for Ana.csv");
    app.answer_file_dialog("#export-csv", Some(&chosen)).await?;
    let said = app
        .wait_for_text("#data-result", |t| t.contains("saved as"))
        .await?;
    assert!(
        said.ends_with("team for Ana.csv"),
        "the window says where the file went: {said}"
    );
    let csv = std::fs::read_to_string(&chosen)?;
    assert!(
        csv.contains("Dana Ng"),
        "the chosen file holds the export: {csv}"
    );
    app.screenshot("47-export-saved-through-dialog").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn people_come_in_from_a_file_chosen_in_the_open_dialog() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.click("#import-first").await?;
    app.wait_for("#import-dialog").await?;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/tests/fixtures/import/broken.vcf")
        .canonicalize()?;
    // The page cannot read a file the user did not choose.
    let refused = app
        .invoke(
            "import_preview",
            json!({ "format": "vcard", "path": file, "mapping": null }),
        )
        .await
        .expect_err("a path the user never chose is refused");
    assert!(
        refused.to_string().contains("file.not_chosen"),
        "the refusal says why: {refused}"
    );
    let title = app
        .answer_file_dialog("#import-choose", Some(&file))
        .await?;
    assert_eq!(title, "Open a file of people to import");
    app.wait_for_text("#import-file-name", |t| t == "broken.vcf")
        .await?;
    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new"))
        .await?;
    assert!(
        summary.starts_with("1 new person"),
        "the vCard file was read as an address book: {summary}"
    );
    app.screenshot("48-import-through-open-dialog").await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 1"))
        .await?;
    app.close().await?;
    Ok(())
}
