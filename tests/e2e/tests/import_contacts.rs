//! Address books as other programs write them: cards that are not people are skipped with a
//! reason in the preview, and every email and phone number comes in with its label and shows
//! on the person's page.

use allies_e2e::{App, PrivateBus, Profile, Result};

/// Opens the import dialog from the empty People list and picks an address book fixture in the
/// system's open dialog.
async fn open_address_book(app: &App, fixture: &str) -> Result<()> {
    app.wait_for("#people-empty").await?;
    app.click("#import-first").await?;
    app.wait_for("#import-dialog").await?;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/tests/fixtures/import/vcard")
        .join(fixture)
        .canonicalize()?;
    app.answer_file_dialog("#import-choose", Some(&file))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn companies_and_groups_are_skipped_with_a_reason_in_the_preview() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    open_address_book(&app, "not-people.vcf").await?;
    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new"))
        .await?;
    assert_eq!(
        summary, "2 new people, 5 skipped (not a person).",
        "cards that are not people are no errors"
    );
    let skipped = app
        .wait_for_text("#import-not-people", |t| !t.is_empty())
        .await?;
    for said in [
        "Skipped, not a person (5)",
        "Card 1: a company card, ABC Marketing (KIND:org)",
        "Card 2: a group, The Doe family (KIND:group)",
        "Card 5: a company card, Initech (X-ABShowAs:COMPANY)",
    ] {
        // The names sit between isolating marks, which the page keeps as text.
        let shown = skipped.replace(['\u{2068}', '\u{2069}'], "");
        assert!(shown.contains(said), "{said} in {skipped}");
    }
    assert!(
        app.texts("#import-problems").await?.is_empty(),
        "no list of cards that cannot be imported"
    );
    app.screenshot("import-contacts-1-not-people").await?;
    app.click("#import-confirm").await?;
    let done = app
        .wait_for_text("#import-done", |t| t.starts_with("Added 2"))
        .await?;
    assert_eq!(
        done,
        "Added 2, merged 0, skipped 0; 5 cards skipped (not a person)."
    );
    app.click("#import-cancel").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    assert_eq!(
        app.texts(".person-name").await?,
        ["Bill Lumbergh", "Jane Doe"]
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_email_and_phone_shows_with_its_label_on_the_persons_page() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    open_address_book(&app, "contacts.vcf").await?;
    app.wait_for_text("#import-summary", |t| t.starts_with("4 new people"))
        .await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 4"))
        .await?;
    app.click("#import-cancel").await?;
    app.wait_for_text("#people-count", |t| t == "4 people")
        .await?;
    app.click(".person-row").await?; // Dana Ng, first by name
    app.wait_for("#person-form").await?;
    let listed = app
        .wait_for_text("#contact-list", |t| t.contains("Assistant"))
        .await?;
    assert_eq!(
        app.texts("#contact-list li").await?,
        [
            "Work email dana.ng@acme.example.com",
            "Home email dana@home.example.org",
            "Mobile phone +1 555 010 0100",
            "Assistant phone +1 (555) 010-0199",
        ],
        "{listed}"
    );
    app.wait_until(
        "the list scrolled into view",
        "(document.querySelector('#person-contacts').scrollIntoView({ block: 'center' }), true)",
    )
    .await?;
    app.screenshot("import-contacts-2-person-page").await?;
    app.close().await?;
    Ok(())
}
