//! Dates that matter end to end: a birthday imported from an address book shows on the person's
//! page, and, with birthday reminders on, reminds on the day (the app's clock moved three days on),
//! is listed on the Review page and answered there with "Wish sent". A regular 1:1 due that day
//! is answered by "Log the 1:1", which logs the 1:1.

use std::time::{Duration, Instant, SystemTime};

use allies_core::journal::profiles::{self, Profile as AllyProfile};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::Database;
use allies_e2e::{midday_zone, App, FakeNotificationServer, PrivateBus, Profile, Result, PATIENCE};
use chrono::{Days, Utc};

#[tokio::test(flavor = "multi_thread")]
async fn a_birthday_imported_from_a_vcard_shows_on_the_page_and_reminds_on_the_day() -> Result<()> {
    let profile = Profile::new()?;
    let zone = midday_zone(SystemTime::now());
    #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
    let now = Utc::now();
    // midday_zone names "Etc/GMT-5" for UTC+5 (the sign the other way round), or "Etc/UTC".
    let east_hours: i32 = zone
        .strip_prefix("Etc/GMT")
        .and_then(|k| k.parse::<i32>().ok())
        .map_or(0, |k| -k);
    let offset = chrono::FixedOffset::east_opt(east_hours * 3600).ok_or("no such offset")?;
    let birthday = now
        .with_timezone(&offset)
        .date_naive()
        .checked_add_days(Days::new(3))
        .ok_or("no day three days on")?;
    {
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let birthdays_on = ReminderSettings {
            time_zone: zone.clone(),
            quiet_start: "00:00".into(),
            quiet_end: "00:00".into(),
            weekly_review: false,
            birthday_reminders: true,
            since: Some(now),
            ..ReminderSettings::default()
        };
        settings::save(&mut db, &birthdays_on, now)?;
    }
    // vCard 4's day without a year, as Apple Contacts and others export it.
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lind\r\nBDAY:{}\r\nEND:VCARD\r\n",
        birthday.format("--%m%d")
    );
    let file = profile.xdg("ana.vcf");
    std::fs::write(&file, card)?;

    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.click("#import-first").await?;
    app.wait_for("#import-dialog").await?;
    app.answer_file_dialog("#import-choose", Some(&file))
        .await?;
    app.wait_for_text("#import-summary", |t| t.starts_with("1 new person"))
        .await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 1"))
        .await?;
    app.click("#import-cancel").await?;
    app.click(".person-row").await?;
    let listed = app
        .wait_for_text("#date-list", |t| t.contains("Birthday"))
        .await?;
    assert!(listed.contains("reminder as in Settings"), "{listed}");
    assert!(
        !listed.contains(&birthday.format("%Y").to_string()),
        "a birthday without a year shows none: {listed}"
    );
    // Once the journal below has loaded, so nothing moves the panel after the scroll.
    app.wait_for("#timeline-empty").await?;
    app.client
        .execute(
            "document.getElementById('person-dates').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("dates-1-birthday-on-the-page").await?;
    app.close().await?;

    // Kim asked for a 1:1 every week, nine days ago: it is due.
    let kim = {
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let then = now - chrono::Duration::days(9);
        let kim = people::add(&mut db, &PersonInput::named("Kim Park"), then)?.id;
        let weekly = AllyProfile {
            one_on_one_weeks: Some(1),
            ..AllyProfile::default()
        };
        profiles::save(&mut db, &kim, &weekly, then)?;
        kim
    };

    // Three days on: the morning of the birthday has passed, and it pops up.
    let server = FakeNotificationServer::start(&bus).await?;
    let app = App::launch_with(
        &profile,
        &bus,
        &[("ALLIES_CLOCK_OFFSET_SECONDS", &(3 * 86_400).to_string())],
    )
    .await?;
    let deadline = Instant::now() + PATIENCE;
    let shown = loop {
        if let Some(r) = server
            .received()
            .into_iter()
            .find(|r| r.summary == "Ana Lind’s birthday")
        {
            break r;
        }
        if Instant::now() > deadline {
            return Err(format!("no birthday pop-up; got {:?}", server.received()).into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(shown.body.contains("birthday today"), "{}", shown.body);
    app.go("reminders").await?;
    let overdue = app
        .wait_for_text("#reminders-overdue", |t| t.contains("Ana Lind’s birthday"))
        .await?;
    assert!(overdue.contains("Date that matters"), "{overdue}");
    app.screenshot("dates-2-birthday-reminds-on-the-day")
        .await?;

    // The Review page lists it this week, and "Wish sent" answers it.
    app.go("review").await?;
    app.wait_for_text("#review-important_dates", |t| {
        t.contains("Ana Lind’s birthday")
    })
    .await?;
    app.client
        .execute(
            "document.getElementById('review-important_dates').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("dates-3-review-lists-the-birthday").await?;
    let button = app
        .wait_for_text("#review-important_dates .reminder-done", |t| !t.is_empty())
        .await?;
    assert_eq!(button, "Wish sent");
    app.click("#review-important_dates .reminder-done").await?;
    app.wait_for_text("#review-important_dates", |t| {
        t.contains("No birthday, work anniversary or start date to mark this week")
    })
    .await?;

    // The regular 1:1 with Kim: "Log the 1:1" logs one, and the reminder is answered.
    app.go("reminders").await?;
    let row = format!("#reminders-overdue [data-subject=\"regular_one_on_one:{kim}\"]");
    app.wait_for_text(&row, |t| t.contains("1:1 with Kim Park"))
        .await?;
    app.screenshot("dates-4-regular-one-on-one").await?;
    app.click(&format!("{row} .answer-log-one-on-one")).await?;
    app.wait_for_text("#reminders-overdue", |t| !t.contains("1:1 with Kim Park"))
        .await?;
    let timeline = app
        .invoke("person_timeline", serde_json::json!({ "personId": kim }))
        .await?;
    let kinds: Vec<&str> = timeline
        .as_array()
        .ok_or("a timeline is a list")?
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["one_on_one"], "one 1:1 logged with Kim: {timeline}");
    app.close().await?;
    Ok(())
}
