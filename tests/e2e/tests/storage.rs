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

/// Overwrites three pages of the file from page `first` (counted from 0) as a disk error would;
/// returns the file's bytes after.
fn scribble_over_pages(path: &std::path::Path, first: u64) -> Result<Vec<u8>> {
    let mut bytes = std::fs::read(path)?;
    let start = usize::try_from(first)? * 4096;
    for b in &mut bytes[start..start + 4096 * 3] {
        *b = 0x5A;
    }
    std::fs::write(path, &bytes)?;
    Ok(bytes)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_can_be_replaced_by_the_latest_backup() -> Result<()> {
    use allies_core::people::{self, PersonInput};
    use allies_core::storage::snapshots::{self, Reason};
    use allies_core::Database;

    let profile = Profile::new()?;
    let db_path = profile.data_dir().join("allies.db");
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = chrono::Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        for i in 0..150 {
            let input = PersonInput {
                notes: "what they care about, at some length. ".repeat(12),
                ..PersonInput::named(&format!("Colleague {i:03}"))
            };
            people::add(&mut db, &input, now)?;
        }
        people::add(&mut db, &PersonInput::named("Dana <b>Ng</b>"), now)?;
        snapshots::take(&db, Reason::Daily, now)?;
    }
    // A disk error scribbles over pages near the start of the file.
    let bytes = scribble_over_pages(&db_path, 2)?;

    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    let message = app
        .wait_for_text("#broken-message", |t| !t.is_empty())
        .await?;
    assert!(message.contains("is damaged"), "{message}");
    let offer = app
        .wait_for_text("#restore-latest", |t| {
            t.starts_with("Restore the backup of")
        })
        .await?;
    let note = app.wait_for_text("#latest-backup-note", |_| true).await?;
    assert!(
        note.contains("backups") && note.contains("kept either way"),
        "{offer}: {note}"
    );
    app.screenshot("13-damaged-database-offers-backup").await?;
    assert_eq!(
        std::fs::read(&db_path)?,
        bytes,
        "untouched while the user decides"
    );

    app.click("#restore-latest").await?;
    app.wait_for_text("#people-list", |t| t.contains("Colleague 000"))
        .await?;
    // The list shows the first screenful; the search finds the last person restored.
    app.fill("#people-search", "Dana").await?;
    app.wait_for_text("#people-list", |t| t.contains("Dana <b>Ng</b>"))
        .await?;
    let kept: Vec<_> = std::fs::read_dir(profile.data_dir())?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("allies.db.broken-")
        })
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the damaged file was moved aside, not deleted"
    );
    assert_eq!(std::fs::read(kept[0].path())?, bytes, "byte for byte");
    app.close().await?;
    Ok(())
}

/// A file too large to check before the window opens (years of notes) is checked after it is
/// up; pages damaged deep inside it close it then, and its newest copy is offered.
#[tokio::test(flavor = "multi_thread")]
async fn a_large_file_damaged_deep_inside_is_found_after_the_window_opens() -> Result<()> {
    use allies_core::people::{self, PersonInput};
    use allies_core::storage::snapshots::{self, Reason};
    use allies_core::storage::CHECK_LATER_ABOVE;
    use allies_core::Database;

    let profile = Profile::new()?;
    let db_path = profile.data_dir().join("allies.db");
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = chrono::Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let mut i = 0;
        while std::fs::metadata(&db_path)?.len() <= CHECK_LATER_ABOVE + 4 * 1024 * 1024 {
            // Long notes of few words: large, and quick to index.
            let input = PersonInput {
                notes: format!("notes {i} {}", "x".repeat(900_000)),
                ..PersonInput::named(&format!("Colleague {i:03}"))
            };
            people::add(&mut db, &input, now)?;
            i += 1;
        }
        snapshots::take(&db, Reason::Daily, now)?;
    }
    // A disk error scribbles over pages halfway through the file, away from what the first
    // screen reads.
    let pages = std::fs::metadata(&db_path)?.len() / 4096;
    scribble_over_pages(&db_path, pages / 2)?;

    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    let message = app
        .wait_for_text("#broken-message", |t| !t.is_empty())
        .await?;
    assert!(message.contains("is damaged"), "{message}");
    app.wait_for_text("#restore-latest", |t| {
        t.starts_with("Restore the backup of")
    })
    .await?;
    app.screenshot("13b-large-damaged-database-found-after-start")
        .await?;
    app.click("#restore-latest").await?;
    app.wait_for_text("#people-list", |t| t.contains("Colleague 000"))
        .await?;
    app.close().await?;
    Ok(())
}
