//! The user's data as files from Settings: the people CSV, a full backup, restoring it, and the
//! automatic copies.

use std::time::{Duration, Instant};

use allies_e2e::{App, PrivateBus, Profile, Result, PATIENCE};
use serde_json::json;

/// The one file in `dir` whose name starts with `prefix` and ends with `suffix`, once it is there.
async fn saved(dir: &std::path::Path, prefix: &str, suffix: &str) -> Result<std::path::PathBuf> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name().is_some_and(|n| {
                            let n = n.to_string_lossy();
                            n.starts_with(prefix) && n.ends_with(suffix)
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let [one] = found.as_slice() {
            return Ok(one.clone());
        }
        if Instant::now() > deadline {
            return Err(format!("no single {prefix}… in {}: {found:?}", dir.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn people_export_and_a_backup_that_restores_everything_as_it_was() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.invoke(
        "add_person",
        json!({ "input": { "name": "Dana Ng", "notes": "=HYPERLINK(\"x\")" } }),
    )
    .await?;
    app.go("settings").await?;

    app.answer_file_dialog("#export-csv", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("saved as"))
        .await?;
    let csv = std::fs::read_to_string(saved(&profile.downloads(), "Allies people", ".csv").await?)?;
    assert!(
        csv.contains("Dana Ng") && csv.contains("'=HYPERLINK"),
        "{csv}"
    );

    app.answer_file_dialog("#export-redacted", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("without names saved as"))
        .await?;
    let redacted = std::fs::read_to_string(
        saved(&profile.downloads(), "Allies people redacted", ".csv").await?,
    )?;
    assert!(
        redacted.contains("\r\nDN,") && !redacted.contains("Dana"),
        "initials, not names: {redacted}"
    );

    app.answer_file_dialog("#export-vcard", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("The address book saved as"))
        .await?;
    let vcf = std::fs::read_to_string(saved(&profile.downloads(), "Allies people", ".vcf").await?)?;
    assert!(vcf.contains("FN:Dana Ng"), "{vcf}");
    app.answer_file_dialog("#export-ics", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("The calendar saved as"))
        .await?;
    saved(&profile.downloads(), "Allies reminders", ".ics").await?;

    app.answer_file_dialog("#save-backup", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("A full backup saved as"))
        .await?;
    let backup = saved(&profile.downloads(), "Allies backup", ".json").await?;

    app.invoke(
        "add_person",
        json!({ "input": { "name": "Added after the backup" } }),
    )
    .await?;
    app.answer_file_dialog("#restore-choose", Some(&backup))
        .await?;
    app.wait_for("#restore-dialog").await?;
    app.screenshot("44-restore-asks-first").await?;
    app.click("#restore-confirm").await?;
    app.wait_for_text("#data-result", |t| t.contains("The data it replaced is in"))
        .await?;

    // The window reloads with the backup's data.
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    assert_eq!(app.texts(".person-name").await?, ["Dana Ng"]);
    app.go("settings").await?;
    let copies = app
        .wait_for_text("#snapshots", |t| t.contains("before a restore"))
        .await?;
    assert!(copies.contains("daily copy"), "{copies}");
    app.client
        .execute(
            "document.querySelector('#snapshots').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.screenshot("45-settings-data").await?;
    app.close().await?;
    Ok(())
}
