//! The test reminder reaches a desktop notification server, or shows in the app when none runs.

use allies_e2e::{App, FakeNotificationServer, PrivateBus, Profile, Result, PATIENCE};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn the_test_reminder_reaches_the_notification_server() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let server = FakeNotificationServer::start(&bus).await?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    app.click("a[data-view='settings']").await?;
    app.click("#send-test-reminder").await?;
    let said = app
        .wait_for_text("#reminder-sent", |t| !t.is_empty())
        .await?;
    assert!(said.contains("Allies test reminder"), "{said}");

    let deadline = Instant::now() + PATIENCE;
    while server.received().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let received = server.received();
    assert_eq!(
        received.len(),
        1,
        "exactly one pop-up per click: {received:?}"
    );
    assert_eq!(received[0].app, "Allies");
    assert_eq!(received[0].summary, "Allies test reminder");
    assert!(
        received[0].body.starts_with("Reminders work."),
        "{:?}",
        received[0].body
    );
    app.screenshot("09-test-reminder-sent").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_notification_server_the_reminder_shows_in_the_app() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?; // nothing owns org.freedesktop.Notifications here
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    app.click("a[data-view='settings']").await?;
    app.click("#send-test-reminder").await?;
    let reminder = app
        .wait_for_text("#in-app-reminder", |t| !t.is_empty())
        .await?;
    assert!(reminder.contains("Allies test reminder"), "{reminder}");
    let why = app
        .wait_for_text("#notify-unavailable", |t| !t.is_empty())
        .await?;
    assert!(
        why.contains("Desktop notifications are unavailable"),
        "{why}"
    );
    assert!(
        why.contains("no notification service is running"),
        "the reason is specific: {why}"
    );
    app.screenshot("10-reminder-in-app-fallback").await?;
    app.close().await?;
    Ok(())
}
