//! Deleted means deleted, end to end: a former colleague deleted permanently from the window is
//! gone from the list, the search, the recently deleted list and the file on disk; and the data
//! folder the app makes is its user's alone.

use allies_e2e::{App, PrivateBus, Profile, Result};

/// Whether `needle` appears anywhere in the file (a missing file holds nothing).
fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    std::fs::read(path)
        .unwrap_or_default()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_former_colleague_deleted_permanently_is_gone_from_the_window_and_the_file() -> Result<()>
{
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    let dana = app
        .add_person(
            serde_json::json!({ "name": "Dana Quillfeather", "notes": "Zanzibar reorg plans" }),
        )
        .await?;
    app.add_person(serde_json::json!({ "name": "Sam Patel" }))
        .await?;
    app.invoke(
        "log_interaction",
        serde_json::json!({ "input": { "kind": "coffee", "people": [dana], "notes": "Zanzibar over coffee" } }),
    )
    .await?;
    app.invoke("mark_former", serde_json::json!({ "id": dana }))
        .await?;

    app.go("settings").await?;
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.click("#toggle-former").await?;
    app.wait_for_text("#people-list", |t| t.contains("Dana Quillfeather"))
        .await?;
    app.click(".person-row[data-id]").await?;
    app.click("#person-delete").await?;
    let choice = app
        .wait_for_text("#leave-purge", |t| t.contains("cannot be undone"))
        .await?;
    assert!(
        choice.contains("Delete permanently"),
        "the dialog offers it: {choice}"
    );
    app.screenshot("delete-permanently-1-dialog").await?;
    app.click("#leave-purge").await?;
    app.wait_for("#former-empty").await?;
    let toast = app
        .wait_for_text("#toasts", |t| t.contains("permanently"))
        .await?;
    assert!(
        toast.contains("Deleted Dana Quillfeather permanently"),
        "{toast}"
    );
    assert!(
        app.client
            .find(allies_e2e::Locator::Css("#toast-undo"))
            .await
            .is_err(),
        "no Undo is offered for what cannot be undone"
    );
    app.screenshot("delete-permanently-2-gone").await?;

    let found = app
        .invoke(
            "search_everything",
            serde_json::json!({ "query": "Zanzibar" }),
        )
        .await?;
    for kind in ["people", "interactions"] {
        assert_eq!(
            found[kind].as_array().map(Vec::len),
            Some(0),
            "search finds nothing of hers: {found}"
        );
    }
    let deleted = app
        .invoke("list_deleted_people", serde_json::json!({}))
        .await?;
    assert_eq!(
        deleted,
        serde_json::json!([]),
        "not waiting in a bin either"
    );

    app.go("settings").await?;
    app.wait_for("#deleted-empty").await?;
    app.wait_for("#purge-days").await?;
    app.client
        .execute(
            "document.querySelector('.deleted-records').scrollIntoView()",
            vec![],
        )
        .await?;
    app.screenshot("delete-permanently-3-settings").await?;

    let data = profile.data_dir();
    let db = data.join("allies.db");
    for file in [db.clone(), data.join("allies.db-wal")] {
        assert!(
            !file_holds(&file, "Zanzibar") && !file_holds(&file, "Quillfeather"),
            "{} holds nothing of hers",
            file.display()
        );
    }
    #[cfg(unix)]
    {
        assert_eq!(mode(&data)?, 0o700, "the data folder is the user's alone");
        assert_eq!(mode(&db)?, 0o600, "and so is the database");
    }
    app.close().await?;
    Ok(())
}

/// Recently deleted holds every kind of record, not only people: a map and a favour deleted on
/// their own each come back, or go for good, from Settings.
#[tokio::test(flavor = "multi_thread")]
async fn a_deleted_map_and_favour_come_back_or_go_for_good_from_settings() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let sam = app
        .add_person(serde_json::json!({ "name": "Sam Okafor" }))
        .await?;
    let map = app
        .invoke(
            "create_map",
            serde_json::json!({ "input": { "name": "Platform launch", "description": "", "target_date": "" } }),
        )
        .await?;
    let favour = app
        .invoke(
            "record_favour",
            serde_json::json!({ "input": { "person_id": sam, "direction": "by_them", "description": "Covered my Zanzibar on-call" } }),
        )
        .await?;
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap_or_default().to_owned();
    app.invoke("delete_map", serde_json::json!({ "id": id(&map) }))
        .await?;
    app.invoke("delete_favour", serde_json::json!({ "id": id(&favour) }))
        .await?;

    app.go("settings").await?;
    let listed = app
        .wait_for_text("#deleted-list", |t| t.contains("Platform launch"))
        .await?;
    assert!(
        listed.contains("Favour: Covered my Zanzibar on-call · Sam Okafor"),
        "{listed}"
    );
    app.client
        .execute(
            "document.querySelector('.deleted-records').scrollIntoView()",
            vec![],
        )
        .await?;
    app.screenshot("delete-permanently-4-every-kind").await?;

    app.click("#deleted-list [data-kind='map'] .deleted-restore")
        .await?;
    app.wait_for_text("#toasts", |t| {
        t.contains("Brought back Map: Platform launch")
    })
    .await?;
    let maps = app
        .invoke("list_maps", serde_json::json!({ "includeArchived": false }))
        .await?;
    assert!(
        maps.to_string().contains("Platform launch"),
        "the map is back: {maps}"
    );

    app.click("#deleted-list [data-kind='favour'] .deleted-purge")
        .await?;
    app.click("#purge-confirm").await?;
    app.wait_for("#deleted-empty").await?;
    let left = app
        .invoke("list_deleted_records", serde_json::json!({}))
        .await?;
    assert_eq!(left, serde_json::json!([]), "nothing waits any more");
    app.close().await?;
    let data = profile.data_dir();
    for file in [data.join("allies.db"), data.join("allies.db-wal")] {
        assert!(
            !file_holds(&file, "Zanzibar"),
            "{} holds nothing of the favour",
            file.display()
        );
    }
    Ok(())
}
