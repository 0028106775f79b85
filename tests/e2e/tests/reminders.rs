//! Reminders end to end: a favour marked done pops up a thank-you on the desktop whose Done
//! button records it; reminders missed while the app was closed come at launch; reminders the
//! user writes are checked, listed and, without a notification service, shown in the app.

use std::time::{Duration, Instant};

use allies_core::maps::{self, MapInput, Position};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, FakeNotificationServer, PrivateBus, Profile, Received, Result, PATIENCE};
use chrono::Utc;
use serde_json::json;

/// Waits until the server received a pop-up titled `summary`.
async fn popup(server: &FakeNotificationServer, summary: &str) -> Result<Received> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(r) = server.received().into_iter().find(|r| r.summary == summary) {
            return Ok(r);
        }
        if Instant::now() > deadline {
            return Err(format!("no pop-up “{summary}”; got {:?}", server.received()).into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A local "YYYY-MM-DDTHH:MM" `minutes` from now, as the window's date-time fields take it.
async fn local_in(app: &App, minutes: i64) -> Result<String> {
    let value = app
        .client
        .execute(
            "const d = new Date(Date.now() + arguments[0] * 60000);
             const p = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;",
            vec![minutes.into()],
        )
        .await?;
    Ok(value.as_str().ok_or("no date")?.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_favour_marked_done_pops_up_a_thank_you_whose_done_button_records_it() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let server = FakeNotificationServer::start(&bus).await?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let omar = app
        .invoke("add_person", json!({ "input": { "name": "Omar Haddad" } }))
        .await?;
    let omar = omar["id"].as_str().ok_or("no id")?.to_owned();
    app.go("settings").await?;
    app.go("people").await?;
    app.click(".person-row[data-id]").await?;

    app.choose("#favour-direction", "by_them").await?;
    app.fill("#favour-description", "the intro to the VP of Sales")
        .await?;
    app.click("#favour-add").await?;
    app.wait_for_text("#favours", |t| t.contains("the intro to the VP"))
        .await?;
    app.click("#favours .favour-done").await?;

    let shown = popup(&server, "Thank Omar Haddad").await?;
    assert_eq!(shown.app, "Allies");
    assert!(
        shown.body.contains("the intro to the VP of Sales"),
        "{}",
        shown.body
    );
    assert_eq!(
        shown.actions,
        ["done", "Done", "snooze", "Snooze 1 day", "default", "Open"]
    );

    app.go("reminders").await?;
    let overdue = app
        .wait_for_text("#reminders-overdue", |t| t.contains("Thank Omar Haddad"))
        .await?;
    assert!(
        overdue.contains("Thanked"),
        "Done reads as what it does: {overdue}"
    );
    app.wait_for_text("#reminders-badge", |t| t == "1").await?;
    app.screenshot("30-reminders-thank-you-due").await?;

    // The pop-up's Done button. The app listens for clicks just after showing the pop-up, so
    // click again until it takes, as an impatient user would.
    let deadline = Instant::now() + PATIENCE;
    loop {
        server.invoke_action(shown.id, "done").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let done = app.texts("#reminders-done").await?.join(" ");
        if done.contains("Thank Omar Haddad") {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("Done on the pop-up had no effect: {done}").into());
        }
    }
    app.wait_for_text("#reminders-overdue", |t| t.contains("Nothing overdue"))
        .await?;
    let favours = app
        .invoke("list_favours", json!({ "personId": omar }))
        .await?;
    assert!(
        !favours["favours"][0]["thanked_at"].is_null(),
        "the thank-you is recorded: {favours}"
    );
    assert_eq!(
        server.received().len(),
        1,
        "exactly one pop-up: {:?}",
        server.received()
    );
    app.screenshot("31-reminders-thanked").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_missed_while_away_comes_at_launch_and_can_be_snoozed() -> Result<()> {
    let profile = Profile::new()?;
    {
        // Dana was put in "Manage closely" today: keep in touch every two weeks.
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let map = maps::create(&mut db, &MapInput::named("Promotion to Staff"), now)?.id;
        let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now)?.id;
        maps::place(&mut db, &map, &dana, Position::new(0.9, 0.9), None, now)?;
    }
    let bus = PrivateBus::start()?;
    let server = FakeNotificationServer::start(&bus).await?;
    // Sixteen days later (whole days, so the hour of day stays midday).
    let app = App::launch_with(
        &profile,
        &bus,
        &[("ALLIES_CLOCK_OFFSET_SECONDS", &(16 * 86_400).to_string())],
    )
    .await?;
    let shown = popup(&server, "Keep in touch with Dana Ng").await?;
    assert!(shown.body.contains("every 14 days"), "{}", shown.body);

    app.go("reminders").await?;
    app.wait_for_text("#reminders-overdue", |t| {
        t.contains("Keep in touch with Dana Ng")
    })
    .await?;
    app.choose("#reminders-overdue .reminder-snooze", "tomorrow_morning")
        .await?;
    let upcoming = app
        .wait_for_text("#reminders-upcoming", |t| {
            t.contains("Keep in touch with Dana Ng")
        })
        .await?;
    assert!(
        upcoming.contains("tomorrow") && upcoming.contains("snoozed"),
        "{upcoming}"
    );
    app.wait_for_text("#reminders-overdue", |t| t.contains("Nothing overdue"))
        .await?;
    assert_eq!(server.received().len(), 1, "{:?}", server.received());
    app.screenshot("32-reminders-snoozed-after-time-away")
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn written_reminders_are_checked_listed_and_shown_in_the_app_without_a_desktop() -> Result<()>
{
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?; // nothing owns org.freedesktop.Notifications here
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.go("reminders").await?;
    app.wait_for_text("#reminders-overdue", |t| t.contains("Nothing overdue"))
        .await?;

    app.click("#new-reminder").await?;
    app.fill("#reminder-title", "").await?;
    app.click("#reminder-save").await?;
    let why = app
        .wait_for_text("#reminder-title-error", |t| !t.is_empty())
        .await?;
    assert_eq!(why, "Say what to be reminded of.");

    let payload = "<img src=x onerror=alert(1)> Ask Dana about the reorg";
    app.fill("#reminder-title", payload).await?;
    let in_two_days = local_in(&app, 2 * 24 * 60).await?;
    app.fill("#reminder-due", &in_two_days).await?;
    app.choose("#reminder-repeat", "weekly").await?;
    app.click("#reminder-save").await?;
    let upcoming = app
        .wait_for_text("#reminders-upcoming", |t| t.contains("Ask Dana"))
        .await?;
    assert!(upcoming.contains(payload), "shown as typed: {upcoming}");
    assert!(upcoming.contains("repeats"), "{upcoming}");

    // One due a minute ago fires at once; with no notification service it shows here.
    app.click("#new-reminder").await?;
    app.fill("#reminder-title", "Send the weekly update")
        .await?;
    let a_minute_ago = local_in(&app, -1).await?;
    app.fill("#reminder-due", &a_minute_ago).await?;
    app.click("#reminder-save").await?;
    app.wait_for_text("#reminders-overdue", |t| {
        t.contains("Send the weekly update")
    })
    .await?;
    let problem = app
        .wait_for_text("#reminders-desktop-problem", |t| !t.is_empty())
        .await?;
    assert!(
        problem.contains("no notification service is running"),
        "{problem}"
    );
    app.wait_for_text("#reminders-badge", |t| t == "1").await?;

    app.click("#reminders-overdue .reminder-delete").await?;
    app.wait_for_text("#reminders-overdue", |t| t.contains("Nothing overdue"))
        .await?;
    app.click("#toast-undo").await?;
    app.wait_for_text("#reminders-overdue", |t| {
        t.contains("Send the weekly update")
    })
    .await?;

    app.click(".toast-close").await?; // "Undone: …" sits over the bottom of the view
    app.click("#pause-hour").await?;
    app.wait_for_text("#reminders-paused", |t| t.contains("Paused until"))
        .await?;
    app.screenshot("33-reminders-in-app").await?;

    // Settings: a time zone and quiet hours, kept.
    app.go("settings").await?;
    app.wait_for("#reminder-settings[data-loaded]").await?;
    app.choose("#rs-time_zone", "Europe/Berlin").await?;
    app.fill("#rs-quiet_start", "21:30").await?;
    app.click("#rs-save").await?;
    app.wait_for("#rs-saved").await?;
    let settings = app.invoke("get_reminder_settings", json!({})).await?;
    assert_eq!(settings["settings"]["time_zone"], "Europe/Berlin");
    assert_eq!(settings["settings"]["quiet_start"], "21:30");

    // Start at login: off at first, then an autostart entry that starts Allies in the tray.
    let entry = profile.xdg("home").join(".config/autostart/Allies.desktop");
    app.wait_for("#autostart[data-loaded]").await?;
    assert!(!entry.exists(), "off by default");
    app.click("#autostart").await?;
    // The entry appears first and is written a moment later: wait for its text.
    let deadline = Instant::now() + PATIENCE;
    let mut desktop = String::new();
    while !desktop.contains("[Desktop Entry]") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        desktop = std::fs::read_to_string(&entry).unwrap_or_default();
    }
    assert!(desktop.contains("--background"), "{desktop}");
    app.screenshot("34-settings-reminders").await?;
    app.click("#autostart").await?;
    let deadline = Instant::now() + PATIENCE;
    while entry.exists() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!entry.exists(), "turned off again");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_group_not_attended_for_a_quarter_reminds_until_the_user_goes() -> Result<()> {
    use allies_core::network::groups::{self, GroupInput};
    let profile = Profile::new()?;
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let added = Utc::now() - chrono::Duration::days(100);
        let mut db = Database::open_in(&profile.data_dir(), added)?;
        groups::add(
            &mut db,
            &GroupInput {
                name: "Rust Berlin meetup".into(),
                note: String::new(),
                category: None,
            },
            added,
        )?;
    }
    let bus = PrivateBus::start()?;
    let server = FakeNotificationServer::start(&bus).await?;
    let app = App::launch(&profile, &bus).await?;
    let shown = popup(&server, "Go to a Rust Berlin meetup event").await?;
    assert!(shown.body.contains("not been yet"), "{}", shown.body);

    app.go("insights").await?;
    let groups = app
        .wait_for_text("#groups", |t| t.contains("Rust Berlin meetup"))
        .await?;
    assert!(groups.contains("not been yet"), "{groups}");
    app.click("#groups .group-attend").await?;
    app.wait_for_text("#groups", |t| t.contains("last went today (1 time)"))
        .await?;
    app.screenshot("35-insights-groups").await?;

    app.go("reminders").await?;
    let upcoming = app
        .wait_for_text("#reminders-overdue", |t| t.contains("Nothing overdue"))
        .await?;
    assert!(!upcoming.contains("Rust Berlin"), "{upcoming}");
    app.close().await?;
    Ok(())
}
