//! A database file the app cannot open is explained, never overwritten, and can be set aside.

use allies_e2e::{App, PrivateBus, Profile, Result};

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_database_is_explained_and_kept_when_starting_fresh() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let db = profile.data_dir().join("allies.db");
    std::fs::create_dir_all(profile.data_dir())?;
    let garbage = b"My important notes, accidentally saved over the database.\n".repeat(100);
    std::fs::write(&db, &garbage)?;

    let app = App::launch(&profile, &bus).await?;
    let message = app
        .wait_for_text("#broken-message", |t| !t.is_empty())
        .await?;
    assert!(message.contains("is not an Allies database"), "{message}");
    let shown_path = app.wait_for_text("#broken-path", |t| !t.is_empty()).await?;
    assert_eq!(
        shown_path,
        db.display().to_string(),
        "the user is told which file"
    );
    app.screenshot("11-unreadable-database").await?;
    assert_eq!(
        std::fs::read(&db)?,
        garbage,
        "the file is untouched while the user decides"
    );

    app.click("#start-fresh").await?;
    app.wait_for("#people-empty").await?;
    let kept: Vec<_> = std::fs::read_dir(profile.data_dir())?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("allies.db.broken-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the old file was moved aside, not deleted");
    assert_eq!(std::fs::read(kept[0].path())?, garbage, "byte for byte");
    app.screenshot("12-started-fresh").await?;
    app.close().await?;
    Ok(())
}
