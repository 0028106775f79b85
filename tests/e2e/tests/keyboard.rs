//! The keyboard on Linux, end to end: the page's fixed labels are filled in at start with this
//! platform's keys (Ctrl), Settings lists them, Backspace is not Delete here (it is on a Mac,
//! which `tests/ui/shortcuts.test.js` covers) and Delete asks to remove the focused person, who
//! is then gone with "Press Ctrl+Z to undo".

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::json;

const BACKSPACE: char = '\u{e003}';
const DELETE: char = '\u{e017}';

/// Focuses the person's row in the People list, as Tab and the arrows would.
async fn focus_row(app: &App, name: &str) -> Result<()> {
    let focused = app
        .client
        .execute(
            "const row = [...document.querySelectorAll('.person-row')].find((r) => r.textContent.includes(arguments[0])); row?.focus(); return Boolean(row) && document.activeElement === row;",
            vec![json!(name)],
        )
        .await?;
    if focused != json!(true) {
        return Err(format!("{name}'s row could not be focused").into());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn labels_say_ctrl_and_backspace_is_not_delete_on_linux() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.add_person(json!({ "name": "Dana Ng", "role": "VP Engineering" }))
        .await?;
    app.add_person(json!({ "name": "Sam Patel", "role": "Director" }))
        .await?;
    app.go("settings").await?;

    let keys = app.wait_for_text("dl.keys", |t| !t.is_empty()).await?;
    for label in [
        "Ctrl+1 … Ctrl+9, Ctrl+0",
        "Ctrl+Shift+Z",
        "Ctrl+Enter",
        "Ctrl+L",
    ] {
        assert!(keys.contains(label), "Settings lists {label}: {keys}");
    }
    assert!(!keys.contains('⌘'), "no Mac label on Linux: {keys}");
    assert_eq!(
        app.texts(".nav-hint").await?,
        vec!["Ctrl+1…9, Ctrl+0 switch sections".to_owned()],
        "the sidebar's hint is filled in at start"
    );
    let title = app
        .client
        .execute(
            "return document.getElementById('presenting-mode').title;",
            vec![],
        )
        .await?;
    let title = title.as_str().unwrap_or_default();
    assert!(
        title.ends_with("Ctrl+Shift+P turns it on and off.") && !title.contains("{keys}"),
        "{title}"
    );
    app.screenshot("keyboard-settings-keys").await?;

    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Sam Patel"))
        .await?;
    focus_row(&app, "Dana Ng").await?;
    app.press_key(BACKSPACE).await?;
    // Keys are handled in order, and an open dialog takes every key: were Backspace Delete
    // here, the removal dialog would be open and Ctrl+0 would not reach Settings.
    app.client
        .active_element()
        .await?
        .send_keys("\u{E009}0")
        .await?;
    app.wait_for("#send-test-reminder").await?;
    let open = app
        .client
        .execute(
            "return document.querySelectorAll('dialog[open]').length;",
            vec![],
        )
        .await?;
    assert_eq!(
        open,
        json!(0),
        "Backspace on a person asks nothing on Linux"
    );

    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Dana Ng"))
        .await?;
    focus_row(&app, "Dana Ng").await?;
    app.press_key(DELETE).await?;
    app.wait_for("dialog[open] #leave-delete").await?;
    app.screenshot("keyboard-delete-asks").await?;
    app.click("#leave-delete").await?;
    let said = app
        .wait_for_text("#announcer", |t| t.starts_with("Deleted Dana Ng"))
        .await?;
    assert_eq!(said, "Deleted Dana Ng. Press Ctrl+Z to undo.");
    let listed = app
        .wait_for_text("#people-list", |t| !t.contains("Dana Ng"))
        .await?;
    assert!(
        listed.contains("Sam Patel"),
        "only the focused person went: {listed}"
    );
    app.close().await?;
    Ok(())
}
