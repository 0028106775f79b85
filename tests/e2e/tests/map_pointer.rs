//! Dragging a card with the pointer: the card drawn under the pointer follows it over the
//! roster and lands where it was shown. In a file of its own, so no other test's window opens
//! over the app on the shared display while the pointer moves across it (a window mapped under
//! the pointer takes its events).

use std::time::Duration;

use allies_e2e::{App, Locator, Result};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use serde_json::json;

mod map_scene;
use map_scene::{dana_card, open_seeded_map, press};

/// Where the page last saw the dragging pointer, once it has stayed there for two frames.
async fn settled_pointer(app: &App) -> Result<(f64, f64)> {
    let now = app
        .client
        .execute_async(
            "const done = arguments[0];
             const frames = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
             (async () => {
               for (let i = 0; i < 20; i += 1) {
                 const before = String(window.pointerNow);
                 await frames();
                 if (String(window.pointerNow) === before) break;
               }
               done(window.pointerNow);
             })();",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(now)?)
}

/// The centre of the first element `css` matches, in CSS pixels of the viewport.
async fn centre_of(app: &App, css: &str) -> Result<(f64, f64)> {
    // After the next two frames, so the last pointer move has been drawn.
    let centre = app
        .client
        .execute_async(
            "const [css, done] = arguments;
             requestAnimationFrame(() => requestAnimationFrame(() => {
               const r = document.querySelector(css).getBoundingClientRect();
               done([r.left + r.width / 2, r.top + r.height / 2]);
             }));",
            vec![json!(css)],
        )
        .await?;
    let centre: (f64, f64) = serde_json::from_value(centre)?;
    Ok(centre)
}

fn near(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() <= 3.0 && (a.1 - b.1).abs() <= 3.0
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dragged_card_follows_the_pointer_over_the_roster_and_lands_where_it_was_shown(
) -> Result<()> {
    let (_profile, _bus, app, _map) = open_seeded_map().await?;
    let (_, card) = dana_card(&app).await?;
    // The whole map fits the window: the page itself does not scroll (once the window has
    // its size; a window just opened may be laid out smaller first).
    let overflow = app
        .client
        .execute_async(
            "const done = arguments[0]; const main = document.querySelector('.main');
             const end = performance.now() + 5000;
             const check = () => { const over = main.scrollHeight - main.clientHeight;
               if (over <= 0 || performance.now() > end) done(over); else setTimeout(check, 100); };
             check();",
            vec![],
        )
        .await?;
    assert!(
        overflow.as_f64().ok_or("no height")? <= 0.0,
        "the page scrolls by {overflow} px"
    );

    // Grab the card off its centre and move it: the copy under the pointer keeps the grab, and
    // the original stays in place, dimmed, until the drop. Positions are checked against where
    // the page saw the pointer go down, move and let go.
    app.client
        .execute(
            "addEventListener('pointerdown', (e) => { window.pointerDown = [e.clientX, e.clientY]; window.pointerId = e.pointerId; }, true);
             addEventListener('pointermove', (e) => { if (e.pointerId === window.pointerId) window.pointerNow = [e.clientX, e.clientY]; }, true);
             addEventListener('pointerup', (e) => { window.pointerUp = [e.clientX, e.clientY]; }, true);",
            vec![],
        )
        .await?;
    let mut actions = press(app.wait_for(&card).await?, 20.0, 5.0);
    for _ in 0..4 {
        actions = actions.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(60)),
            x: 15.0,
            y: 20.0,
        });
    }
    app.client.perform_actions(actions).await?;
    // The ghost, the card and the pointer are read together once the pointer has been still for
    // two frames: a stray move (another test's window opening on the shared screen) between
    // separate reads would otherwise compare a drawn ghost with a pointer it has not seen yet.
    let seen = app
        .client
        .execute_async(
            "const [ghostCss, sourceCss, done] = arguments;
             const centre = (css) => { const r = document.querySelector(css).getBoundingClientRect();
               return [r.left + r.width / 2, r.top + r.height / 2]; };
             const frames = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
             (async () => {
               for (let i = 0; i < 20; i += 1) {
                 const before = String(window.pointerNow);
                 await frames();
                 if (String(window.pointerNow) === before) break;
               }
               done([centre(ghostCss), centre(sourceCss), window.pointerDown, window.pointerNow]);
             })();",
            vec![json!(".drag-ghost"), json!(format!("{card}.drag-source"))],
        )
        .await?;
    let [shown, start, down, now]: [(f64, f64); 4] = serde_json::from_value(seen)?;
    let moved = (start.0 + now.0 - down.0, start.1 + now.1 - down.1);
    assert!(
        near(shown, moved),
        "shown at {shown:?}, expected {moved:?} (card at {start:?}, pointer from {down:?} to {now:?})"
    );
    let release = MouseActions::new("mouse".into()).then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    app.client.perform_actions(release).await?;
    app.client.release_actions().await?;
    app.wait_for_text("#announcer", |t| t == "Dana Ng moved to Keep satisfied")
        .await?;
    let landed = centre_of(&app, &card).await?;
    // Where the pointer let go, as the page saw it (WebKitWebDriver's moves and its release can
    // disagree by a window's offset when the tests' windows share a screen).
    let up: (f64, f64) = serde_json::from_value(
        app.client
            .execute("return window.pointerUp;", vec![])
            .await?,
    )?;
    let dropped = (start.0 + up.0 - down.0, start.1 + up.1 - down.1);
    assert!(
        near(landed, dropped),
        "landed at {landed:?}, let go at {dropped:?}"
    );
    assert!(app
        .client
        .find_all(Locator::Css(".drag-ghost"))
        .await?
        .is_empty());

    // Dragged out of the grid, the card stays in sight above the roster.
    // The way there is measured from where the page saw the pointer, as the tests' windows
    // share one screen and can move while another opens.
    let actions = press(app.wait_for(&card).await?, 0.0, 0.0).then(PointerAction::MoveBy {
        duration: Some(Duration::from_millis(60)),
        x: -10.0,
        y: 0.0,
    });
    app.client.perform_actions(actions).await?;
    let roster = centre_of(&app, "#roster").await?;
    // A move sometimes never reaches the page while another test's window opens on the shared
    // screen; the pointer is then where it was, so the move is made again. It is made to the
    // roster element itself: a relative move computed from where the page saw the pointer can
    // fall outside the window when the driver's idea of the pointer differs by a window offset.
    let mut now = settled_pointer(&app).await?;
    for _ in 0..8 {
        if (roster.0 - now.0).abs() < 20.0 && (roster.1 - now.1).abs() < 20.0 {
            break;
        }
        let actions = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element: app.wait_for("#roster").await?,
            duration: Some(Duration::from_millis(200)),
            x: 0.0,
            y: 0.0,
        });
        app.client.perform_actions(actions).await?;
        now = settled_pointer(&app).await?;
    }
    let over = app
        .client
        .execute_async(
            "const done = arguments[0];
             requestAnimationFrame(() => requestAnimationFrame(() => {
               const ghost = document.querySelector('.drag-ghost');
               const g = ghost.getBoundingClientRect();
               const hit = document.elementsFromPoint(g.left + g.width / 2, g.top + g.height / 2);
               done({ visible: getComputedStyle(ghost).visibility === 'visible',
                      overRoster: hit.some((e) => e.id === 'roster'),
                      ghost: [g.left, g.top, g.width, g.height], pointer: window.pointerNow,
                      hit: hit.slice(0, 4).map((e) => e.id || e.className) });
             }));",
            vec![],
        )
        .await?;
    assert!(
        over["visible"] == json!(true) && over["overRoster"] == json!(true),
        "the dragged card is drawn over the roster (roster centre {roster:?}): {over}"
    );
    app.screenshot("19-card-dragged-over-roster").await?;
    let release = MouseActions::new("mouse".into()).then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    app.client.perform_actions(release).await?;
    app.client.release_actions().await?;
    app.wait_for_text("#announcer", |t| t.starts_with("Dana Ng taken off the map"))
        .await?;
    app.close().await?;
    Ok(())
}
