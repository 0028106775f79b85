//! Reminder answers and the Review page end to end: Got in touch logs an interaction seen on
//! the person's timeline; a conflict is resolved with how; someone else's promise is kept or
//! asked about again; the weekly review opens the Review page, which ends in "Review done".

use allies_core::journal::conflicts::{self, ConflictInput};
use allies_core::journal::promises::{self, Owner, PromiseInput};
use allies_core::maps::{self, MapInput, Position};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::Database;
use allies_e2e::{App, FakeNotificationServer, PrivateBus, Profile, Result};
use chrono::Utc;

/// Clicks what `css` finds after bringing it to the middle of the window, clear of the toasts
/// and the window's edges, as a person scrolls to a button before clicking it.
async fn click_centred(app: &App, css: &str) -> Result<()> {
    let el = app.wait_for(css).await?;
    app.client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![serde_json::to_value(&el)?],
        )
        .await?;
    if let Err(e) = app.click(css).await {
        app.screenshot("review-click-failed").await?;
        return Err(format!("clicking {css}: {e}").into());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn reminders_are_answered_as_they_say_and_the_review_ends_in_review_done() -> Result<()> {
    let profile = Profile::new()?;
    let dana;
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = Utc::now();
        let today = now.date_naive();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let quiet_free = ReminderSettings {
            time_zone: "UTC".into(),
            quiet_start: "00:00".into(),
            quiet_end: "00:00".into(),
            weekly_review: true,
            since: Some(now),
            ..ReminderSettings::default()
        };
        settings::save(&mut db, &quiet_free, now)?;
        let map = maps::create(&mut db, &MapInput::named("Promotion to Staff"), now)?.id;
        dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now)?.id;
        let omar = people::add(&mut db, &PersonInput::named("Omar Haddad"), now)?.id;
        let lee = people::add(&mut db, &PersonInput::named("Lee Park"), now)?.id;
        maps::place(&mut db, &map, &dana, Position::new(0.9, 0.9), None, now)?;
        conflicts::open(
            &mut db,
            &ConflictInput {
                person_id: omar.clone(),
                description: "The on-call rota".into(),
                resolve_by: String::new(),
            },
            now,
            today,
        )?;
        for (who, what) in [(&omar, "Intro to the VP"), (&lee, "Review my RFC")] {
            promises::make(
                &mut db,
                &PromiseInput {
                    person_id: who.clone(),
                    owner: Owner::Theirs,
                    description: what.into(),
                    due_on: String::new(),
                },
                now,
                today,
            )?;
        }
    }
    let bus = PrivateBus::start()?;
    let _server = FakeNotificationServer::start(&bus).await?;
    // Sixteen days later: Dana is going cold, the undated conflict and promises are asked about,
    // two weekly reviews have come.
    let app = App::launch_with(
        &profile,
        &bus,
        &[("ALLIES_CLOCK_OFFSET_SECONDS", &(16 * 86_400).to_string())],
    )
    .await?;
    app.wait_for(".nav-list").await?;
    app.go("reminders").await?;
    let row = |subject: &str| format!("#reminders-overdue [data-subject='{subject}']");
    let cold = row(&format!("keep_in_touch:{dana}"));
    app.wait_for(&format!("{cold} .contact-coffee")).await?;
    let conflict = app
        .wait_for("#reminders-overdue [data-subject^='conflict:']")
        .await?;
    assert!(
        conflict
            .find(fantoccini::Locator::Css(".reminder-done"))
            .await
            .is_err(),
        "a conflict offers no Done"
    );
    app.screenshot("review-reminders-answers").await?;

    // Got in touch: a coffee, with a note.
    app.fill(&format!("{cold} .answer-note"), "Talked about the reorg")
        .await?;
    click_centred(&app, &format!("{cold} .contact-coffee")).await?;
    app.wait_for_text("#toasts", |t| t.contains("Logged a coffee"))
        .await?;
    app.client
        .execute(
            "location.hash = '#/people/' + encodeURIComponent(arguments[0]);",
            vec![dana.clone().into()],
        )
        .await?;
    let timeline = app
        .wait_for_text("#timeline", |t| t.contains("Talked about the reorg"))
        .await?;
    assert!(timeline.contains("Coffee"), "{timeline}");

    // The conflict: Resolved with how.
    app.go("reminders").await?;
    let conflict = "#reminders-overdue [data-subject^='conflict:']";
    app.fill(
        &format!("{conflict} .answer-how"),
        "Agreed to rotate monthly",
    )
    .await?;
    click_centred(&app, &format!("{conflict} .answer-resolved")).await?;
    app.wait_for_text("#toasts", |t| t.contains("Resolved:"))
        .await?;
    app.wait_until(
        "the conflict leaves the list",
        "!document.querySelector(\"#reminders-overdue [data-subject^='conflict:']\")",
    )
    .await?;

    // Their promises: Omar's kept, Lee's asked about again.
    app.go("review").await?;
    let summary = app
        .wait_for_text("#review-summary", |t| t.contains("promises due"))
        .await?;
    assert!(
        summary.contains("2 promises due by next week (0 yours, 2 theirs)"),
        "{summary}"
    );
    app.wait_for("#review-promises_theirs .answer-kept").await?;
    app.screenshot("review-page").await?;
    let theirs = app.texts("#review-promises_theirs .reminder-title").await?;
    assert_eq!(theirs.len(), 2, "{theirs:?}");
    click_centred(&app, "#review-promises_theirs li:first-child .answer-kept").await?;
    app.wait_for_text("#toasts", |t| t.contains("Kept:"))
        .await?;
    app.wait_until(
        "one promise left",
        "document.querySelectorAll('#review-promises_theirs .answer-kept').length === 1",
    )
    .await?;
    click_centred(&app, "#review-promises_theirs .answer-ask-again").await?;
    app.wait_for_text("#toasts", |t| t.contains("Will ask again in a week"))
        .await?;
    app.wait_for_text("#review-promises_theirs", |t| {
        t.contains("No promise to you is due")
    })
    .await?;

    // Review done answers the weekly review.
    click_centred(&app, "#review-done").await?;
    app.wait_for_text("#toasts", |t| t.contains("Weekly review done"))
        .await?;
    let overview = app
        .invoke("reminders_overview", serde_json::json!({}))
        .await?;
    let overdue = overview["overdue"].as_array().ok_or("no overdue list")?;
    assert!(
        overdue.iter().all(|i| i["kind"] != "weekly_review"),
        "the weekly review is done: {overdue:?}"
    );
    app.screenshot("review-done").await?;
    app.close().await
}
