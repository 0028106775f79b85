//! Two computers kept in step through one folder: sync turned on in Settings on one and through
//! the command on the other, a person added on the first, "Sync now" on both, and the person in
//! the second's People list, and later changes there while it shows.

use allies_e2e::{App, PrivateBus, Profile, Result};

const PASSPHRASE: &str = "a passphrase both computers share";

#[tokio::test(flavor = "multi_thread")]
async fn a_person_added_on_one_computer_appears_on_the_other_after_sync_now() -> Result<()> {
    let shared = tempfile::tempdir()?;
    let folder = shared.path().join("Dropbox").join("Allies");
    let folder_text = folder.to_str().ok_or("a UTF-8 path")?;
    let (laptop, desktop) = (Profile::new()?, Profile::new()?);
    // Each app its own session bus, as two computers have: one app per bus, one per data folder.
    let (laptop_bus, desktop_bus) = (PrivateBus::start()?, PrivateBus::start()?);
    let a = App::launch(&laptop, &laptop_bus).await?;
    let b = App::launch(&desktop, &desktop_bus).await?;
    a.wait_for("#people-empty").await?;
    b.wait_for("#people-empty").await?;

    // On the laptop, as a person does it: Settings → Sync, the form, "Turn on sync".
    a.go("settings").await?;
    a.wait_for("#sync-submit").await?;
    let offered = a
        .wait_for_text("#sync-body", |t| t.contains("Turn on sync"))
        .await?;
    assert!(!offered.is_empty());
    a.fill("#sync-folder", folder_text).await?;
    a.fill("#sync-device_name", "Laptop").await?;
    a.fill("#sync-passphrase", PASSPHRASE).await?;
    a.fill("#sync-repeat", "not the same").await?;
    a.click("#sync-submit").await?;
    let told = a
        .wait_for_text("#sync-repeat-error", |t| !t.is_empty())
        .await?;
    assert!(told.contains("differ"), "{told}");
    a.fill("#sync-repeat", PASSPHRASE).await?;
    a.click("#sync-submit").await?;
    a.wait_for_text("#sync-folder-path", |t| t == folder_text)
        .await?;

    // On the desktop through the command, with another passphrase first: refused at its field.
    let wrong = b
        .invoke(
            "sync_enable",
            serde_json::json!({ "folder": folder_text, "passphrase": "another one", "deviceName": "Desktop" }),
        )
        .await;
    let wrong = wrong
        .err()
        .ok_or("a wrong passphrase is refused")?
        .to_string();
    assert!(
        wrong.contains("sync.wrong_passphrase") && wrong.contains("passphrase"),
        "{wrong}"
    );
    b.invoke(
        "sync_enable",
        serde_json::json!({ "folder": folder_text, "passphrase": PASSPHRASE, "deviceName": "Desktop" }),
    )
    .await?;

    a.add_person(serde_json::json!({ "name": "Dana Zanzibar", "role": "Head of Platform" }))
        .await?;
    a.click("#sync-now").await?;
    let said = a
        .wait_for_text("#sync-result", |t| t.starts_with("Wrote"))
        .await?;
    assert!(!said.starts_with("Wrote 0"), "{said}");

    let round = b.invoke("sync_now", serde_json::json!({})).await?;
    assert!(
        round["pulled"]["applied"].as_u64().unwrap_or(0) >= 1,
        "{round}"
    );
    b.go("people").await?;
    b.wait_for_text("#people-list", |t| t.contains("Dana Zanzibar"))
        .await?;

    // The desktop stays on People: changes applied there show without going anywhere.
    a.add_person(serde_json::json!({ "name": "Eli Okafor" }))
        .await?;
    a.click("#sync-now").await?;
    a.wait_for_text("#sync-result", |t| t.starts_with("Wrote 1"))
        .await?;
    b.invoke("sync_now", serde_json::json!({})).await?;
    b.wait_for_text("#people-list", |t| t.contains("Eli Okafor"))
        .await?;

    b.go("settings").await?;
    b.wait_for_text("#sync-devices", |t| t.contains("Laptop · last wrote"))
        .await?;

    // The laptop hears of the desktop at its next round.
    a.click("#sync-now").await?;
    a.wait_for_text("#sync-devices", |t| t.contains("Desktop · last wrote"))
        .await?;
    a.wait_for_text("#sync-this", |t| {
        t.contains("Laptop") && t.contains("Everything changed here is in the folder")
    })
    .await?;
    a.client
        .execute(
            "document.getElementById('settings-sync').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    a.screenshot("sync-settings-on").await?;
    a.close().await?;
    b.close().await?;
    Ok(())
}

/// Both computers change the same person while the folder is away (the drive not connected):
/// each says the folder is not there and keeps its change; once the folder is back, both end
/// with the later change, and each lists what it replaced.
#[tokio::test(flavor = "multi_thread")]
async fn edits_made_on_both_while_the_folder_is_away_converge_and_the_conflict_is_listed(
) -> Result<()> {
    let shared = tempfile::tempdir()?;
    let folder = shared.path().join("USB stick").join("Allies");
    let away = shared.path().join("not connected");
    let folder_text = folder.to_str().ok_or("a UTF-8 path")?;
    let (laptop, desktop) = (Profile::new()?, Profile::new()?);
    let (laptop_bus, desktop_bus) = (PrivateBus::start()?, PrivateBus::start()?);
    let a = App::launch(&laptop, &laptop_bus).await?;
    let b = App::launch(&desktop, &desktop_bus).await?;
    a.wait_for("#people-empty").await?;
    b.wait_for("#people-empty").await?;
    for (app, name) in [(&a, "Laptop"), (&b, "Desktop")] {
        app.invoke(
            "sync_enable",
            serde_json::json!({ "folder": folder_text, "passphrase": PASSPHRASE, "deviceName": name }),
        )
        .await?;
    }
    a.add_person(serde_json::json!({ "name": "Dana Zanzibar", "role": "Head of Platform" }))
        .await?;
    a.invoke("sync_now", serde_json::json!({})).await?;
    b.invoke("sync_now", serde_json::json!({})).await?;

    // The folder goes away; each computer changes Dana's role, the desktop a moment later.
    std::fs::rename(&folder, &away)?;
    for (app, role) in [(&a, "VP Platform"), (&b, "Chief Technology Officer")] {
        app.go("settings").await?;
        app.go("people").await?;
        app.wait_for_text("#people-list", |t| t.contains("Dana Zanzibar"))
            .await?;
        app.click(".person-row[data-id]").await?;
        app.fill("#person-role", role).await?;
        app.click("#person-save").await?;
        app.wait_for_text("#people-list", |t| t.contains(role))
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    }
    a.go("settings").await?;
    a.click("#sync-now").await?;
    a.wait_for_text("#sync-result", |t| t.starts_with("Nothing was synced"))
        .await?;
    let said = a.wait_for_text("#sync-problems", |t| !t.is_empty()).await?;
    assert!(
        said.contains(folder_text) && said.contains("not there") && said.contains("waits"),
        "the laptop says where the folder went and that its change waits: {said}"
    );
    let others = a.wait_for_text("#sync-devices", |t| !t.is_empty()).await?;
    assert!(others.contains("once the folder is back"), "{others}");
    // The role waits; so may the reminders' start, which the laptop stores (a synced setting)
    // at its first look for reminders, two seconds after it started: before sync was turned
    // on, or after the first round, depending on how fast this test went.
    a.wait_for_text("#sync-this", |t| {
        t.contains("1 change waits") || t.contains("2 changes wait")
    })
    .await?;
    a.client
        .execute(
            "document.getElementById('settings-sync').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    a.screenshot("sync-folder-away").await?;
    assert!(
        !folder.exists(),
        "the folder was not made anew where it was"
    );

    // The folder is back: a round on each, the laptop again to hear of the desktop's change.
    std::fs::rename(&away, &folder)?;
    a.click("#sync-now").await?;
    a.wait_for_text("#sync-result", |t| t.starts_with("Wrote"))
        .await?;
    b.go("settings").await?;
    b.click("#sync-now").await?;
    b.wait_for_text("#sync-result", |t| t.starts_with("Wrote"))
        .await?;
    a.click("#sync-now").await?;
    a.wait_for_text("#sync-conflicts", |t| t.contains("VP Platform"))
        .await?;
    b.wait_for_text("#sync-conflicts", |t| t.contains("VP Platform"))
        .await?;
    a.client
        .execute(
            "document.getElementById('sync-conflicts').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    a.screenshot("sync-conflict-listed").await?;
    for app in [&a, &b] {
        app.go("people").await?;
        app.wait_for_text("#people-list", |t| {
            t.contains("Chief Technology Officer") && !t.contains("VP Platform")
        })
        .await?;
    }
    a.close().await?;
    b.close().await?;
    Ok(())
}
