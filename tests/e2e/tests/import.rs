//! Importing LinkedIn connections through the dialog: preview, confirm, and the people appear.

use allies_e2e::{App, PrivateBus, Profile, Result};

/// Opens the import dialog from the empty People list and chooses one of the import fixtures in
/// the system's open dialog, as a user picking the file does.
async fn open_with(app: &App, fixture: &str, csv: bool) -> Result<()> {
    app.wait_for("#people-empty").await?;
    app.click("#import-first").await?;
    app.wait_for("#import-dialog").await?;
    if csv {
        app.click("#import-format-csv").await?;
    }
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/tests/fixtures/import")
        .join(fixture)
        .canonicalize()?;
    app.answer_file_dialog("#import-choose", Some(&file))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn linkedin_connections_come_in_through_the_preview() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    open_with(&app, "Connections.csv", false).await?;

    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new people"))
        .await?;
    assert_eq!(summary, "4 new people, 4 rows that cannot be imported.");
    let problems = app
        .wait_for_text("#import-problems", |t| !t.is_empty())
        .await?;
    assert!(problems.contains("Row 7: it has no name"), "{problems}");
    assert!(
        problems.contains("Row 10: it is the same person as row 8"),
        "{problems}"
    );
    let sample = app
        .wait_for_text("#import-sample", |t| !t.is_empty())
        .await?;
    assert!(
        sample.contains("<script>alert(1)</script>"),
        "markup shows as text: {sample}"
    );
    app.screenshot("40-import-preview").await?;

    app.click("#import-confirm").await?;
    let done = app.wait_for_text("#import-done", |t| !t.is_empty()).await?;
    assert_eq!(
        done,
        "Added 4, merged 0, skipped 0; 4 rows could not be imported."
    );
    app.screenshot("41-import-done").await?;
    app.click("#import-cancel").await?;

    app.wait_for_text("#people-count", |t| t == "4 people")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?,
        ["Dana Ng", "Élodie Durand", "Sam Patel", "Zoë \"ZZ\" Åberg"]
    );
    app.screenshot("42-imported-people").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn any_csv_file_comes_in_with_columns_the_user_can_fix() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    open_with(&app, "people.csv", true).await?;
    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new people"))
        .await?;
    assert_eq!(summary, "2 new people, 1 row that cannot be imported.");
    let sample = app.texts("#import-sample li").await?;
    assert_eq!(
        sample,
        [
            "Ana Souza · Tech Lead, Acme",
            "Tom Becker · Finance Partner, Acme"
        ]
    );

    // The role column was guessed; take it away and the preview follows.
    app.choose("#import-map-role", "").await?;
    app.wait_for_text("#import-sample", |t| t.contains("Ana Souza · Acme"))
        .await?;
    app.screenshot("43-import-csv-mapping").await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 2"))
        .await?;
    app.click("#import-cancel").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_book_comes_in_card_by_card() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    open_with(&app, "broken.vcf", false).await?;
    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new"))
        .await?;
    assert_eq!(summary, "1 new person, 2 cards that cannot be imported.");
    let problems = app
        .wait_for_text("#import-problems", |t| !t.is_empty())
        .await?;
    assert!(
        problems.contains("Card 2: it has no name (FN or N)"),
        "{problems}"
    );
    assert!(problems.contains("Card 3: it is cut off"), "{problems}");
    app.screenshot("46-import-vcard").await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 1"))
        .await?;
    app.click("#import-cancel").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.close().await?;
    Ok(())
}
