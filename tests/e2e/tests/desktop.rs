//! Allies on the desktop: one instance at a time.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::{app_binary, App, PrivateBus, Profile, Result};

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
