//! Asking for support end to end: an ask made from the Asks & forums view moves approached →
//! asked → agreed; the promotion panel, a named gap while nobody on it agreed, is closed by
//! Dana agreeing to advocate there; undo brings the gap back; the agreed ask shows as a star on
//! Dana's card on the map, with the map's forums, and on the Review page. Insights names the gap
//! while it is open, and its link opens the forum.

use allies_core::asks::forums::{self, ForumInput};
use allies_core::maps::{self, MapInput, Position};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};
use chrono::Utc;

#[tokio::test(flavor = "multi_thread")]
async fn an_ask_moves_through_its_states_and_an_agreed_advocate_closes_a_forum_gap() -> Result<()> {
    let profile = Profile::new()?;
    let (dana, map, panel);
    {
        #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
        let now = Utc::now();
        let mut db = Database::open_in(&profile.data_dir(), now)?;
        map = maps::create(&mut db, &MapInput::named("Promotion to Staff"), now)?.id;
        dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now)?.id;
        let sam = people::add(&mut db, &PersonInput::named("Sam Lee"), now)?.id;
        maps::place(&mut db, &map, &dana, Position::new(0.85, 0.8), None, now)?;
        maps::place(&mut db, &map, &sam, Position::new(0.3, 0.7), None, now)?;
        panel = forums::add(
            &mut db,
            &ForumInput {
                name: "Promotion panel".into(),
                decides: "Who moves up a level".into(),
                map_id: Some(map.clone()),
                members: vec![dana.clone()],
            },
            now,
        )?
        .id;
    }
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;

    app.go("asks").await?;
    app.wait_for_text("#forum-list", |t| t.contains("no advocate: ask Dana Ng"))
        .await?;
    app.screenshot("asks-forum-gap").await?;

    // Insights names the gap too; its way to close it opens the forum on Asks & forums.
    app.go("insights").await?;
    let gap = app
        .wait_for_text("#forum-gap-list", |t| t.contains("Promotion panel"))
        .await?;
    assert!(gap.contains("no advocate: ask Dana Ng"), "{gap}");
    app.client
        .execute(
            "document.getElementById('forum-gaps').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("asks-insights-forum-gap").await?;
    app.click("#forum-gap-list .forum-gap-ask").await?;
    app.wait_for("#forum-list .forum-opened").await?;

    app.click("#new-ask").await?;
    app.choose("#ask-person_id", &dana).await?;
    app.choose("#ask-kind", "advocate").await?;
    app.choose("#ask-forum_id", &panel).await?;
    app.choose("#ask-map_id", &map).await?;
    app.fill("#ask-what", "Speak for my promotion case at the panel")
        .await?;
    app.screenshot("asks-new-ask").await?;
    app.click("#ask-save").await?;
    app.wait_for_text("#asks-open", |t| {
        t.contains("Approached") && t.contains("Advocate in a forum at Promotion panel")
    })
    .await?;

    app.click("#asks-open .move-asked").await?;
    app.wait_for_text("#asks-open", |t| {
        t.contains("Asked") && t.contains("asked ")
    })
    .await?;
    app.click("#asks-open .move-agreed").await?;
    let answered = app
        .wait_for_text("#asks-answered", |t| t.contains("Agreed"))
        .await?;
    assert!(
        answered.contains("approached")
            && answered.contains("asked")
            && answered.contains("agreed"),
        "every step keeps its date: {answered}"
    );
    let forum = app
        .wait_for_text("#forum-list", |t| t.contains("Dana Ng will speak for you"))
        .await?;
    assert!(!forum.contains("no advocate"), "the gap is closed: {forum}");
    app.screenshot("asks-agreed").await?;

    // Undo takes the answer back, and the gap with it; agreeing again closes it again.
    app.click("#toast-undo").await?;
    app.wait_for_text("#forum-list", |t| t.contains("no advocate: ask Dana Ng"))
        .await?;
    app.wait_for_text("#asks-open", |t| t.contains("Asked"))
        .await?;
    app.click("#asks-open .move-agreed").await?;
    app.wait_for_text("#forum-list", |t| t.contains("Dana Ng will speak for you"))
        .await?;

    app.go("insights").await?;
    app.wait_for_text("#forum-gap-list", |t| {
        t.contains("Every forum you named has someone who agreed to speak for you")
    })
    .await?;

    app.go("map").await?;
    app.wait_for(".map-card .card-support").await?;
    let label = app
        .wait_for_text("#map-forums", |t| t.contains("Promotion panel"))
        .await?;
    assert!(label.contains("Dana Ng will speak for you"), "{label}");
    app.screenshot("asks-map").await?;

    app.go("review").await?;
    app.wait_for_text("#review-agreed", |t| {
        t.contains("Dana Ng") && t.contains("Advocate in a forum at Promotion panel")
    })
    .await?;
    app.client
        .execute(
            "document.getElementById('review-support').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("asks-review").await?;

    app.close().await
}
