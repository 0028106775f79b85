//! A file dropped on the window for real: a small GTK drag source (src/bin/drag_file.rs) dragged
//! with xdotool onto the app. In a file of its own, so no other test's window lies over the app
//! on the shared display while the pointer crosses it.

use allies_e2e::{App, PrivateBus, Profile, Result};

#[tokio::test(flavor = "multi_thread")]
async fn a_file_dropped_on_the_window_opens_its_import_preview() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/tests/fixtures/import/Connections.csv")
        .canonicalize()?;

    let dragging = app
        .drag_file_over_window(env!("CARGO_BIN_EXE_drag_file"), &file)
        .await?;
    let hint = app.wait_for_text("#drop-hint", |t| !t.is_empty()).await?;
    assert!(
        hint.contains("CSV or vCard file to import people"),
        "while a file is over the window, the hint says what dropping does: {hint}"
    );
    app.screenshot("49-drop-hint").await?;
    dragging.drop_it().await?;

    app.wait_for("#import-dialog").await?;
    app.wait_for_text("#import-file-name", |t| t == "Connections.csv")
        .await?;
    let summary = app
        .wait_for_text("#import-summary", |t| t.contains("new people"))
        .await?;
    assert_eq!(
        summary, "4 new people, 4 rows that cannot be imported.",
        "the dropped file is previewed as LinkedIn's, like one chosen in the dialog"
    );
    app.wait_until(
        "the drop hint went away",
        "document.querySelector('#drop-hint').hidden",
    )
    .await?;
    app.screenshot("50-dropped-file-preview").await?;

    // Imported from the drop, the people show in the People list behind the dialog.
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 4"))
        .await?;
    app.click("#import-cancel").await?;
    app.wait_for_text("#people-count", |t| t == "4 people")
        .await?;
    assert_eq!(app.texts(".person-name").await?.len(), 4);
    app.screenshot("50b-dropped-file-imported").await?;
    app.close().await?;
    Ok(())
}
