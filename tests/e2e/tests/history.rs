//! Undo and redo, end to end: changes made in the window are listed in Settings in the user's
//! words, and Ctrl+Z, Ctrl+Shift+Z and the buttons there undo and redo them, also after the app
//! was closed and started again.

use allies_e2e::{App, PrivateBus, Profile, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

const CONTROL: char = '\u{E009}';
const SHIFT: char = '\u{E008}';

/// Presses Ctrl (and Shift) with `key`, as a person does, with the focus on the page itself.
async fn press_ctrl(app: &App, key: char, shift: bool) -> Result<()> {
    app.client
        .execute("document.activeElement?.blur();", vec![])
        .await?;
    let mut keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: CONTROL });
    if shift {
        keys = keys.then(KeyAction::Down { value: SHIFT });
    }
    keys = keys
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    if shift {
        keys = keys.then(KeyAction::Up { value: SHIFT });
    }
    keys = keys.then(KeyAction::Up { value: CONTROL });
    app.client.perform_actions(keys).await?;
    app.client.release_actions().await?;
    Ok(())
}

async fn history_labels(app: &App) -> Result<Vec<String>> {
    app.wait_for("#history-steps").await?;
    app.texts("#history-steps .ledger-text").await
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_are_undone_and_redone_after_a_restart_from_settings_and_the_keyboard() -> Result<()>
{
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;

    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.add_person_in_form("Dana Ng", "Engineering Manager")
        .await?;
    app.add_person_in_form("Sam Patel", "Product Director")
        .await?;
    let sam = app
        .client
        .execute(
            "return [...document.querySelectorAll('.person-row[data-id]')]
               .find((r) => r.textContent.includes('Sam Patel'))?.dataset.id;",
            vec![],
        )
        .await?;
    let sam = sam.as_str().ok_or("Sam Patel is not listed")?.to_owned();
    app.click(&format!(".person-row[data-id='{sam}']")).await?;
    app.wait_for_text("#person-panel", |t| t.contains("Sam Patel"))
        .await?;
    app.click("#person-delete").await?;
    app.click("#leave-delete").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.close().await?;

    // A new process over the same file: the history is still there, newest first.
    let app = App::launch(&profile, &bus).await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.go("settings").await?;
    assert_eq!(
        history_labels(&app).await?,
        ["Deleted Sam Patel", "Added Sam Patel", "Added Dana Ng"]
    );
    assert_eq!(
        app.texts("#history-undo").await?,
        ["Undo: Deleted Sam Patel"]
    );
    app.client
        .execute(
            "document.getElementById('settings-history').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("history-01-recent-changes-after-restart")
        .await?;

    // Undo from Settings: Sam is back, and the list says the delete is undone.
    app.click("#history-undo").await?;
    app.wait_for_text("#history-redo", |t| t == "Redo: Deleted Sam Patel")
        .await?;
    assert_eq!(history_labels(&app).await?[0], "Deleted Sam Patel (undone)");
    app.wait_for_text(".toast", |t| t.contains("Undone: Deleted Sam Patel"))
        .await?;

    // Ctrl+Z on People undoes the add before it; Ctrl+Shift+Z brings it back.
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    press_ctrl(&app, 'z', false).await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    assert_eq!(app.texts(".person-name").await?, ["Dana Ng"]);
    press_ctrl(&app, 'z', true).await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    app.wait_for_text(".toast", |t| t.contains("Redone: Added Sam Patel"))
        .await?;
    app.screenshot("history-02-redone-with-the-keyboard")
        .await?;
    app.close().await?;

    // And again after a restart: what was undone can still be redone. (The app reopens on the
    // section it was left on, which the window may not have written yet this soon after.)
    let app = App::launch(&profile, &bus).await?;
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "2 people")
        .await?;
    app.go("settings").await?;
    app.wait_for_text("#history-redo", |t| t == "Redo: Deleted Sam Patel")
        .await?;
    app.click("#history-redo").await?;
    app.wait_for_text("#history-undo", |t| t == "Undo: Deleted Sam Patel")
        .await?;
    app.go("people").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    app.close().await?;
    Ok(())
}
