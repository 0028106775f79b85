//! Allies on the desktop: one instance at a time, and running on in the tray.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::memory::find_descendant;
use allies_e2e::top_level::TopLevel;
use allies_e2e::{app_binary, App, PrivateBus, Profile, Result, PATIENCE};

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_over_to_the_running_app_and_exits() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    let started = Instant::now();
    let mut second = Command::new(app_binary()?)
        .env("ALLIES_DATA_DIR", profile.data_dir())
        .env("HOME", profile.xdg("home"))
        .env("XDG_CONFIG_HOME", profile.xdg("xdg-config"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = second.kill();
            return Err("the second launch kept running next to the first".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        status.success(),
        "it hands over and exits cleanly: {status}"
    );

    // The running one carries on.
    app.invoke(
        "add_person",
        serde_json::json!({ "input": { "name": "Dana Ng" } }),
    )
    .await?;
    app.go("settings").await?;
    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Dana Ng"))
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_leaves_allies_running_in_the_tray() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.screenshot("90-before-closing-to-the-tray").await?;
    let driver = app.driver_pid().ok_or("tauri-driver has no process id")?;
    let pid = find_descendant(driver, &app_binary()?)?.ok_or("the app's process was not found")?;
    let window = TopLevel::shown_by(pid)?.ok_or("the app shows no window on the display")?;

    // As the title bar's close button asks (the tray icon went up once the window was shown).
    window.ask_to_close();
    let deadline = Instant::now() + PATIENCE;
    while window.is_shown() {
        if Instant::now() > deadline {
            return Err("the window was asked to close and stayed on screen".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Hidden, not quit: the process runs on and its core still answers.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        runs(pid),
        "closing the window quit Allies instead of leaving it in the tray"
    );
    let status = app.invoke("app_status", serde_json::json!({})).await?;
    assert!(status.is_object(), "{status}");
    app.close().await?;
    Ok(())
}

/// Whether process `pid` runs: it exists and has not ended (a zombie waits to be reaped).
fn runs(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the program's name, which is in parentheses.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .is_some_and(|state| state != 'Z' && state != 'X')
    })
}
