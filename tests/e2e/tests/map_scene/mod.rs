//! The seeded map several end-to-end files open: ten people with a month of history, written
//! the way the app writes it, and where Dana Ng's card is. Each test file uses part of it.
#![allow(dead_code)]

use allies_core::maps::{self, MapInput, Position, Stance};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::{App, PrivateBus, Profile, Result};
use chrono::{TimeZone, Utc};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use serde_json::json;

pub async fn map_id(app: &App) -> Result<String> {
    let maps = app
        .invoke("list_maps", json!({ "includeArchived": false }))
        .await?;
    Ok(maps[0]["id"].as_str().ok_or("no map")?.to_owned())
}

/// The app on the Map section, showing the map that [`seed_history`] wrote.
pub async fn open_seeded_map() -> Result<(Profile, PrivateBus, App, String)> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let map = seed_history(&profile)?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-list").await?;
    app.go("map").await?;
    Ok((profile, bus, app, map))
}

/// Ten people on a map with a month of history, written the way the app writes it.
pub fn seed_history(profile: &Profile) -> Result<String> {
    let day = |m, d| {
        Utc.with_ymd_and_hms(2026, m, d, 10, 0, 0)
            .single()
            .ok_or("bad date")
    };
    let mut db = Database::open_in(&profile.data_dir(), day(10, 1)?)?;
    let map = maps::create(
        &mut db,
        &MapInput {
            name: "Promotion to Staff Engineer".into(),
            description: "Review in March".into(),
            target_date: "2027-03-31".into(),
        },
        day(10, 1)?,
    )?
    .id;
    let team = [
        ("Dana Ng", "VP Engineering", 0.9, 0.3, Stance::Skeptic),
        ("Sam Patel", "Director, Product", 0.8, 0.8, Stance::Champion),
        (
            "Élodie Durand",
            "Staff Engineer",
            0.45,
            0.85,
            Stance::Supporter,
        ),
        (
            "Kim Lee",
            "Engineering Manager",
            0.6,
            0.65,
            Stance::Supporter,
        ),
        (
            "Ravi Kumar",
            "Principal Engineer",
            0.7,
            0.2,
            Stance::Neutral,
        ),
        ("Ana Souza", "Tech Lead", 0.3, 0.7, Stance::Champion),
        ("Tom Becker", "Finance Partner", 0.65, 0.1, Stance::Unknown),
        ("Mia Chen", "Designer", 0.2, 0.4, Stance::Neutral),
        (
            "<b>Lee</b> O'Brien",
            "Security",
            0.35,
            0.15,
            Stance::Blocker,
        ),
        ("Yuki Tanaka", "SRE Manager", 0.15, 0.85, Stance::Supporter),
    ];
    let mut ids = Vec::new();
    for (name, role, power, interest, stance) in team {
        let input = PersonInput {
            role: role.into(),
            ..PersonInput::named(name)
        };
        let id = people::add(&mut db, &input, day(10, 1)?)?.id;
        maps::place(
            &mut db,
            &map,
            &id,
            Position::new(power - 0.1, interest - 0.1),
            Some(stance),
            day(10, 2)?,
        )?;
        maps::place(
            &mut db,
            &map,
            &id,
            Position::new(power, interest),
            None,
            day(11, 10)?,
        )?;
        ids.push(id);
    }
    maps::set_desired(
        &mut db,
        &map,
        &ids[0],
        Some(Position::new(0.9, 0.8)),
        day(11, 10)?,
    )?;
    maps::set_desired(
        &mut db,
        &map,
        &ids[4],
        Some(Position::new(0.75, 0.5)),
        day(11, 10)?,
    )?;
    Ok(map)
}

/// Dana Ng's id and the CSS selector of her card, once the seeded map shows.
pub async fn dana_card(app: &App) -> Result<(String, String)> {
    app.wait_for_text("#gaps", |t| t.contains("Dana Ng"))
        .await?;
    let id = app
        .client
        .execute(
            "return [...document.querySelectorAll('.map-card')].find((c) => c.textContent.includes('Dana Ng')).dataset.personId;",
            vec![],
        )
        .await?;
    let id = id.as_str().ok_or("no card for Dana Ng")?.to_owned();
    let card = format!(".map-card[data-person-id='{id}']");
    // A window just opened can still be taking its size; wait until the card stays put for
    // a moment, so a pointer aimed at it lands on it.
    app.client
        .execute_async(
            "const [css, done] = arguments; const end = performance.now() + 5000; let last = '';
             const check = () => { const r = document.querySelector(css).getBoundingClientRect();
               const now = `${r.left},${r.top}`;
               if (now === last || performance.now() > end) done(); else { last = now; setTimeout(check, 300); } };
             check();",
            vec![serde_json::json!(card)],
        )
        .await?;
    Ok((id, card))
}

/// Pointer actions that press the left button at (`x`, `y`) from the centre of `element`.
pub fn press(element: fantoccini::elements::Element, x: f64, y: f64) -> MouseActions {
    MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
}
