//! Insights: who is going cold, who has not seen the user, favours to return, coverage gaps
//! and the review page, each with the action that closes it.

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::journal::profiles::{self, Level, Profile as AllyProfile};
use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};
use chrono::{Duration, Utc};

fn person(name: &str, role: &str, department: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        role: role.into(),
        department: department.into(),
        ..PersonInput::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn insights_name_what_to_do_and_each_action_closes_its_item() -> Result<()> {
    let profile = Profile::new()?;
    {
        // Forty days ago: a map for the promotion, with a champion, a skeptic VP and a
        // neutral peer; a favour from the champion, done and not yet thanked.
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = Utc::now();
        let then = now - Duration::days(40);
        let mut db = Database::open_in(&profile.data_dir(), then)?;
        let map = maps::create(&mut db, &MapInput::named("Promotion to Staff"), then)?.id;
        let dana = people::add(&mut db, &person("Dana Ng", "Director", "Engineering"), then)?.id;
        let vera = people::add(
            &mut db,
            &person("Vera <b>Park</b>", "VP Product", "Product"),
            then,
        )?
        .id;
        let omar = people::add(&mut db, &person("Omar Haddad", "Analyst", "Finance"), then)?.id;
        maps::place(
            &mut db,
            &map,
            &dana,
            Position::new(0.9, 0.9),
            Some(Stance::Champion),
            then,
        )?;
        maps::place(
            &mut db,
            &map,
            &vera,
            Position::new(0.8, 0.3),
            Some(Stance::Skeptic),
            then,
        )?;
        maps::place(
            &mut db,
            &map,
            &omar,
            Position::new(0.3, 0.6),
            Some(Stance::Neutral),
            then,
        )?;
        profiles::save(
            &mut db,
            &dana,
            &AllyProfile {
                level: Some(Level::Manager),
                ..AllyProfile::default()
            },
            then,
        )?;
        let favour = favours::record(
            &mut db,
            &FavourInput {
                person_id: dana.clone(),
                direction: Direction::ByThem,
                description: "Reviewed my design doc".into(),
            },
            then,
        )?;
        favours::set_done(&mut db, &favour.id, true, then)?;
    }
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.go("insights").await?;

    // Dana, in Manage closely, was due after 14 days; Vera (Keep satisfied) after 30.
    let cold = app
        .wait_for_text("#cold-list", |t| t.contains("Dana Ng"))
        .await?;
    let dana_at = cold.find("Dana Ng").ok_or("Dana is going cold")?;
    let vera_at = cold
        .find("Vera <b>Park</b>")
        .ok_or("Vera is going cold, named as typed")?;
    assert!(dana_at < vera_at, "Manage closely comes first: {cold}");
    assert!(cold.contains("26 days overdue"), "{cold}");
    let unseen = app.wait_for_text("#unseen-list", |_| true).await?;
    assert!(
        unseen.contains("Dana Ng") && unseen.contains("power 90%"),
        "{unseen}"
    );
    assert!(
        !unseen.contains("Omar"),
        "low power is no visibility gap: {unseen}"
    );
    let gaps = app.wait_for_text("#coverage-gaps", |_| true).await?;
    assert!(gaps.contains("No one in Finance is an ally yet"), "{gaps}");
    assert!(
        gaps.contains("All your allies are in Engineering") || gaps.contains("No one in Product"),
        "{gaps}"
    );
    let review = app
        .wait_for_text("#review-body", |t| t.contains("Would speak for you"))
        .await?;
    let speakers = app.wait_for_text("#review-speakers", |_| true).await?;
    assert!(speakers.contains("Dana Ng"), "{review}");
    let back = app.wait_for_text("#review-holding-back", |_| true).await?;
    assert!(back.contains("Vera <b>Park</b>"), "{review}");
    app.screenshot("51-insights").await?;

    // Thank Dana from the list.
    app.click("#unthanked-list .insight-thank").await?;
    app.fill("#quick-thank-how", "Coffee and credit in the team channel")
        .await?;
    app.click("#quick-thank-dialog button[type=submit]").await?;
    app.wait_for_text("#unthanked-list", |t| t.contains("No thank-yous owed"))
        .await?;

    // Log a coffee with Dana: she is no longer going cold, nor unseen.
    app.click("#cold-list li[data-id] .insight-log").await?;
    // Nothing is logged with Dana yet: the quick log asks the first meeting's question.
    app.wait_for("#quick-log-first-meeting").await?;
    let prompt = app
        .wait_for_text("#quick-log-first-meeting", |t| !t.is_empty())
        .await?;
    assert!(prompt.contains("how can we help each other?"), "{prompt}");
    app.screenshot("51-insights-quick-log-first-meeting")
        .await?;
    app.choose("#quick-log-kind", "coffee").await?;
    app.fill("#quick-log-notes", "Talked about the promo packet")
        .await?;
    app.click("#quick-log-dialog button[type=submit]").await?;
    let cold = app
        .wait_for_text("#cold-list", |t| !t.contains("Dana Ng"))
        .await?;
    assert!(cold.contains("Vera"), "only Dana was reached: {cold}");
    app.wait_for_text("#unseen-list", |t| !t.contains("Dana Ng"))
        .await?;

    // Schedule time with Vera: a reminder written for her.
    app.click("#cold-list li[data-id] .insight-schedule")
        .await?;
    app.click("#quick-schedule-dialog button[type=submit]")
        .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let overview = app
            .invoke("reminders_overview", serde_json::json!({}))
            .await?
            .to_string();
        if overview.contains("Get in touch with Vera <b>Park</b>") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the scheduled reminder never showed: {overview}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The review page as a text file.
    app.answer_file_dialog("#review-export", None).await?; // keeps the name proposed in Downloads
    let saved = wait_for_file(&profile.downloads(), "Allies review").await?;
    let body = std::fs::read_to_string(&saved)?;
    assert!(
        body.starts_with("Review season: Promotion to Staff"),
        "{body}"
    );
    assert!(
        body.contains("  - Vera <b>Park</b>, VP Product (skeptic, power 80%)"),
        "{body}"
    );
    app.close().await?;
    Ok(())
}

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
