//! Encryption at rest, as a person sets it up in Settings: the file and its copies become
//! unreadable without the passphrase, the app asks for it at start, locks on Ctrl+L and after a
//! while without use, and the encryption can be removed again without losing anything.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use allies_core::people::{self, PersonInput};
use allies_core::storage::snapshots::{self, Reason};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};

const NAME: &str = "Zebulon Quartermain";
const PASSPHRASE: &str = "correct horse battery staple";

fn holds(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn is_plain_sqlite(path: &Path) -> bool {
    std::fs::read(path)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

async fn unlock(app: &App, passphrase: &str) -> Result<()> {
    app.fill("#unlock-passphrase", passphrase).await?;
    app.click("#unlock").await?;
    Ok(())
}

async fn shown(app: &App, css: &str) -> Result<bool> {
    let v = app
        .client
        .execute(
            "const el = document.querySelector(arguments[0]); return !!el && !el.closest('[hidden]');",
            vec![css.into()],
        )
        .await?;
    Ok(v == serde_json::Value::Bool(true))
}

async fn wait_shown(app: &App, css: &str) -> Result<()> {
    for _ in 0..200 {
        if shown(app, css).await? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("{css} did not appear").into())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_passphrase_encrypts_the_data_and_its_copies_and_locks_the_app() -> Result<()> {
    let profile = Profile::new()?;
    let db_path = profile.data_dir().join("allies.db");
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = chrono::Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        people::add(&mut db, &PersonInput::named(NAME), now)?;
        snapshots::take(&db, Reason::Daily, now)?;
    }
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for(".person-row[data-id]").await?;
    app.go("settings").await?;

    // Mistakes are caught at the field that has them.
    app.fill("#enc-passphrase", PASSPHRASE).await?;
    app.fill("#enc-repeat", "correct horse battery stapler")
        .await?;
    app.click("#enc-submit").await?;
    app.wait_for_text("#enc-repeat-error", |t| t.contains("differ"))
        .await?;
    app.fill("#enc-repeat", PASSPHRASE).await?;
    app.click("#enc-submit").await?;
    app.wait_for_text("#enc-understood-error", |t| t.contains("Tick"))
        .await?;
    app.client
        .execute(
            "document.getElementById('settings-encryption').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("55-encryption-form-error").await?;
    app.fill("#enc-passphrase", "short").await?;
    app.fill("#enc-repeat", "short").await?;
    app.click("#enc-understood").await?;
    app.click("#enc-submit").await?;
    app.wait_for_text("#enc-passphrase-error", |t| t.contains("at least 8"))
        .await?;
    assert!(is_plain_sqlite(&db_path), "nothing changed on a refusal");

    app.fill("#enc-passphrase", PASSPHRASE).await?;
    app.fill("#enc-repeat", PASSPHRASE).await?;
    app.click("#enc-submit").await?;
    // The page reloads on the Settings section, now encrypted.
    app.wait_for("#encryption-on").await?;
    app.wait_for_text("#toasts", |t| {
        t.contains("now encrypted") && t.contains("1 automatic copy")
    })
    .await?;
    app.client
        .execute(
            "document.getElementById('settings-encryption').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("56-encryption-on").await?;

    assert!(
        !is_plain_sqlite(&db_path),
        "the file is no longer plain SQLite"
    );
    assert!(
        !holds(&db_path, "Quartermain"),
        "the name cannot be read in the file"
    );
    let copies = snapshots::list_for(&db_path)?;
    assert!(!copies.is_empty());
    for copy in &copies {
        assert!(
            !is_plain_sqlite(&copy.path),
            "{} is encrypted",
            copy.path.display()
        );
        assert!(!holds(&copy.path, "Quartermain"));
    }

    // Ctrl+L locks at once, from anywhere.
    app.go("people").await?;
    app.wait_for(".person-row[data-id]").await?;
    app.client
        .active_element()
        .await?
        .send_keys("\u{E009}l")
        .await?;
    wait_shown(&app, "#lock-screen").await?;
    assert!(
        !shown(&app, "#shell").await?,
        "nothing of the data stays on screen"
    );
    let body: String = app
        .client
        .execute("return document.body.innerText;", vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        !body.contains("Quartermain"),
        "the page was emptied: {body}"
    );

    unlock(&app, "Correct horse battery staple").await?;
    let error = app
        .wait_for_text("#unlock-passphrase-error", |t| !t.is_empty())
        .await?;
    assert!(error.contains("does not open"), "{error}");
    app.screenshot("57-wrong-passphrase").await?;
    unlock(&app, PASSPHRASE).await?;
    app.wait_for_text(".person-row[data-id]", |t| t.contains(NAME))
        .await?;
    app.close().await?;

    // At the next start the app asks first.
    let app = App::launch(&profile, &bus).await?;
    wait_shown(&app, "#lock-screen").await?;
    app.screenshot("58-locked-at-start").await?;
    unlock(&app, PASSPHRASE).await?;
    app.wait_for_text(".person-row[data-id]", |t| t.contains(NAME))
        .await?;

    // After a while without use it locks by itself. The delay is made a few seconds here (the
    // shortest offered is a minute); the app's idle timer and the lock are the real ones.
    app.client
        .execute(
            "window.dispatchEvent(new CustomEvent('allies-lock-after', { detail: 0.05 }));",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_secs(4)).await;
    wait_shown(&app, "#lock-screen").await?;
    app.wait_for_text("#lock-reason", |t| t.contains("without use"))
        .await?;
    unlock(&app, PASSPHRASE).await?;
    app.wait_for(".person-row[data-id]").await?;

    // Removing the encryption asks for the passphrase and keeps everything.
    app.go("settings").await?;
    app.fill("#decrypt-current", "not it at all").await?;
    app.click("#decrypt-submit").await?;
    app.wait_for_text("#decrypt-current-error", |t| t.contains("not your current"))
        .await?;
    app.fill("#decrypt-current", PASSPHRASE).await?;
    app.click("#decrypt-submit").await?;
    app.wait_for("#enc-submit").await?;
    app.wait_for_text("#toasts", |t| t.contains("no longer encrypted"))
        .await?;
    app.close().await?;
    assert!(is_plain_sqlite(&db_path));
    for copy in snapshots::list_for(&db_path)? {
        assert!(
            is_plain_sqlite(&copy.path),
            "{} is plain again",
            copy.path.display()
        );
    }

    // It opens where it was left, Settings, with nothing to unlock and everything there.
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#enc-submit").await?;
    assert!(!shown(&app, "#lock-screen").await?);
    app.go("people").await?;
    app.wait_for_text(".person-row[data-id]", |t| t.contains(NAME))
        .await?;
    app.close().await?;
    Ok(())
}
