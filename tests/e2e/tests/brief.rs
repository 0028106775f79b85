//! Before the round that decides, end to end: a map with a target date counts down on the map
//! and on the Review page, naming who has not heard from you; a meeting brief opened from the
//! person's page is laid out for print and saved as text through the save dialog.

use allies_core::journal::interactions::{self, InteractionInput, Kind};
use allies_core::journal::profiles::{self, Profile as PersonProfile};
use allies_core::journal::promises::{self, Owner, PromiseInput};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};
use chrono::{Duration, Utc};

async fn wait_for_file(dir: &std::path::Path, prefix: &str) -> Result<std::path::PathBuf> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(prefix) {
                    return Ok(e.path());
                }
            }
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("no file starting {prefix:?} in {}", dir.display()).into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_round_counts_down_and_a_meeting_brief_is_printed_and_saved() -> Result<()> {
    let profile = Profile::new()?;
    let dana;
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = Utc::now();
        let today = now.date_naive();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        let utc = ReminderSettings {
            time_zone: "UTC".into(),
            weekly_review: false,
            since: Some(now),
            ..ReminderSettings::default()
        };
        settings::save(&mut db, &utc, now)?;
        let round = (today + Duration::days(30)).to_string();
        let input = MapInput {
            name: "Promotion to Staff".into(),
            target_date: round,
            ..MapInput::default()
        };
        let map = maps::create(&mut db, &input, now)?.id;
        dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now)?.id;
        let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), now)?.id;
        maps::place(
            &mut db,
            &map,
            &dana,
            Position::new(0.9, 0.8),
            Some(Stance::Supporter),
            now,
        )?;
        maps::place(
            &mut db,
            &map,
            &sam,
            Position::new(0.8, 0.3),
            Some(Stance::Skeptic),
            now,
        )?;
        let met = InteractionInput {
            occurred_at: Some(now - Duration::days(5)),
            kind: Kind::Coffee,
            people: vec![sam.clone()],
            notes: "Sam asked about the migration".into(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &met, now)?;
        let old = InteractionInput {
            occurred_at: Some(now - Duration::days(40)),
            kind: Kind::OneOnOne,
            people: vec![dana.clone()],
            notes: "Talked about <b>the reorg</b>".into(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &old, now)?;
        let dana_profile = PersonProfile {
            motivations: "Shipping the platform on time".into(),
            success_90: "Two teams on the new stack".into(),
            pitch: "Your platform, my migration plan".into(),
            ..PersonProfile::default()
        };
        profiles::save(&mut db, &dana, &dana_profile, now)?;
        let promise = PromiseInput {
            person_id: dana.clone(),
            owner: Owner::Mine,
            description: "Send the design doc".into(),
            due_on: String::new(),
        };
        promises::make(&mut db, &promise, now, today)?;
    }
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for(".nav-list").await?;

    // The map counts down to its round and names who has not heard from you.
    app.go("map").await?;
    let days = app
        .wait_for_text("#round-days", |t| t.starts_with("Round in 30 days"))
        .await?;
    assert!(days.contains("4 weeks"), "{days}");
    let gaps = app
        .wait_for_text("#round-gaps", |t| t.contains("Not heard from you"))
        .await?;
    assert!(
        gaps.contains("Not heard from you in 30 days: Dana Ng") && !gaps.contains("30 days: Sam"),
        "Dana was last met 40 days ago, Sam 5: {gaps}"
    );
    assert!(gaps.contains("Skeptical or blocking: Sam Patel"), "{gaps}");
    app.screenshot("brief-01-map-countdown").await?;

    // The Review page lists the round too.
    app.go("review").await?;
    let rounds = app
        .wait_for_text("#review-rounds", |t| t.contains("Promotion to Staff"))
        .await?;
    assert!(rounds.contains("Round in 30 days"), "{rounds}");
    app.screenshot("brief-02-review-rounds").await?;

    // The brief, from the person's page.
    app.client
        .execute(
            "location.hash = '#/people/' + encodeURIComponent(arguments[0]);",
            vec![dana.clone().into()],
        )
        .await?;
    app.click("#person-brief").await?;
    app.wait_for_text("#brief-title", |t| t == "Meeting brief: Dana Ng")
        .await?;
    let body = app
        .wait_for_text("#brief-body", |t| t.contains("Your pitch"))
        .await?;
    for expected in [
        "Shipping the platform on time",
        "Two teams on the new stack",
        "Talked about <b>the reorg</b>",
        "Send the design doc",
        "Promotion to Staff: Supporter, manage closely",
        "Your platform, my migration plan",
    ] {
        assert!(
            body.contains(expected),
            "the brief shows {expected:?}: {body}"
        );
    }
    app.screenshot("brief-03-meeting-brief").await?;

    // Print: the page prints in its print layout (the system print dialog is stood in for).
    app.client
        .execute(
            "window.__printed = null; window.print = () => { window.__printed = document.body.classList.contains('printing-brief'); };",
            vec![],
        )
        .await?;
    app.click("#brief-print").await?;
    app.wait_until(
        "the brief was printed in its layout",
        "window.__printed === true",
    )
    .await?;
    // A screen shot cannot show print media; the print layout's rules are checked instead.
    app.wait_until(
        "the print layout hides the sidebar and the buttons",
        "[...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.media \
          && r.media.mediaText.includes('print') && r.cssText.includes('printing-brief .sidebar') \
          && r.cssText.includes('printing-brief .brief-toolbar')))",
    )
    .await?;

    // Save as text, through the save dialog.
    app.answer_file_dialog("#brief-save", None).await?; // keeps the name proposed in Downloads
    let saved = wait_for_file(&profile.downloads(), "Allies brief - Dana Ng").await?;
    let text = std::fs::read_to_string(&saved)?;
    assert!(text.starts_with("Meeting brief: Dana Ng\n"), "{text}");
    for expected in [
        "Cares about: Shipping the platform on time",
        "Open promises you made\n  Send the design doc",
        "Your pitch\n  Your platform, my migration plan",
    ] {
        assert!(
            text.contains(expected),
            "the saved brief says {expected:?}: {text}"
        );
    }
    app.wait_for_text("#toasts", |t| t.contains("Saved"))
        .await?;
    app.screenshot("brief-04-saved").await?;
    app.close().await?;
    Ok(())
}
