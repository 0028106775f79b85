//! Accessibility: axe-core, run inside the app's own web view, finds no serious or critical
//! problem on any main screen or open dialog, and the keyboard reaches the sidebar and the
//! content with a visible focus ring.
//!
//! axe-core is vendored for these tests only (tests/e2e/vendor/, MPL-2.0); the app never ships
//! it. The page's CSP refuses eval(), new Function() and inline <script> elements, but
//! WebDriver's "execute script" is evaluated by WebKit's automation session straight into the
//! page's main world, which CSP does not govern: its source is sent as the script's body.

use allies_e2e::{App, PrivateBus, Profile, Result};
use serde_json::{json, Value};

/// axe-core's source, injected into the page before the first audit.
const AXE_SOURCE: &str = include_str!("../vendor/axe.min.js");

/// WebKit matches :focus and :focus-visible only in the window that has the keyboard focus,
/// and with two app windows open on one display only one of them has it: the keyboard test
/// runs alone (write), the audits side by side (read).
static KEYBOARD_FOCUS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

const TAB: char = '\u{e004}';
const ENTER: char = '\u{e007}';

/// Puts axe-core into the page (once per page load) and returns its version.
async fn load_axe(app: &App) -> Result<String> {
    let version = app
        .client
        .execute(
            &format!(
                "if (!window.axe) {{\n{AXE_SOURCE}\n}}\nreturn window.axe ? window.axe.version : null;"
            ),
            vec![],
        )
        .await?;
    match version {
        Value::String(v) => Ok(v),
        other => Err(format!("axe-core did not load into the page: {other}").into()),
    }
}

/// One rule axe-core found broken, with the elements that break it.
struct Violation {
    id: String,
    impact: String,
    help: String,
    targets: Vec<String>,
}

impl Violation {
    fn blocks(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }

    fn describe(&self) -> String {
        let mut text = format!("  [{}] {}: {}\n", self.impact, self.id, self.help);
        for target in &self.targets {
            text.push_str(&format!("      at {target}\n"));
        }
        text
    }
}

/// Runs axe-core over the whole document as it is now.
async fn audit(app: &App) -> Result<Vec<Violation>> {
    load_axe(app).await?;
    let result = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(
               (r) => done({ ok: r.violations.map((v) => ({
                 id: v.id, impact: v.impact || 'unknown', help: v.help,
                 targets: v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : '')),
               })) }),
               (e) => done({ err: String(e && e.stack || e) }));",
            vec![],
        )
        .await?;
    let Some(found) = result.get("ok").and_then(Value::as_array) else {
        return Err(format!("axe.run failed: {}", result["err"]).into());
    };
    Ok(found
        .iter()
        .map(|v| Violation {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            impact: v["impact"].as_str().unwrap_or_default().to_owned(),
            help: v["help"].as_str().unwrap_or_default().to_owned(),
            targets: v["targets"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

/// Audits the screen; returns a report of its serious and critical violations (empty when
/// there are none) and prints the moderate and minor ones as a note.
async fn audit_screen(app: &App, screen: &str) -> Result<String> {
    let found = audit(app).await?;
    let (blocking, notes): (Vec<&Violation>, Vec<&Violation>) =
        found.iter().partition(|v| v.blocks());
    if !notes.is_empty() {
        let text: String = notes.iter().map(|v| v.describe()).collect();
        eprintln!("note: {screen}: moderate or minor accessibility issues:\n{text}");
    }
    app.screenshot(&format!("90-a11y-{}", screen.replace([' ', '\''], "-")))
        .await?;
    if blocking.is_empty() {
        return Ok(String::new());
    }
    let text: String = blocking.iter().map(|v| v.describe()).collect();
    Ok(format!("{screen}:\n{text}"))
}

/// People with profiles, a map, interactions (one long ago, so someone is going cold),
/// favours, a promise, a conflict, links, a group, reminders and a newbie tour.
async fn seed(app: &App) -> Result<String> {
    let dana = app
        .add_person(
            json!({ "name": "Dana Ng", "role": "VP Engineering", "department": "Platform",
                "organisation": "Acme", "email": "dana@example.com", "tags": "mentor, platform",
                "notes": "Cares about reliability; prefers short written updates." }),
        )
        .await?;
    let sam = app
        .add_person(
            json!({ "name": "Sam Patel", "role": "Director, Product", "department": "Product" }),
        )
        .await?;
    let omar = app
        .add_person(json!({ "name": "Omar Haddad", "role": "Analyst", "department": "Finance" }))
        .await?;
    let priya = app
        .add_person(
            json!({ "name": "Priya Raman", "role": "Staff engineer", "department": "Platform" }),
        )
        .await?;
    app.invoke(
        "save_profile",
        json!({ "personId": dana, "profile": {
            "level": "skip_level", "how_met": "Onboarding buddy", "motivations": "Shipping the platform migration",
            "influences": "Data, and the CTO", "success_30": "A migration plan", "challenges": "Two teams own the queue",
            "channel": "one_on_one", "cadence_days": 14, "pitch": "Less toil for her team", "ally_role": "sponsor" } }),
    )
    .await?;
    app.invoke(
        "save_profile",
        json!({ "personId": sam, "profile": { "level": "peer", "channel": "chat", "cadence_days": 21 } }),
    )
    .await?;

    let map = app
        .invoke(
            "create_map",
            json!({ "input": { "name": "Promotion to Staff", "description": "Who decides, who helps" } }),
        )
        .await?;
    let map = map["id"]
        .as_str()
        .ok_or("create_map gave no id")?
        .to_owned();
    for (person, power, interest, stance) in [
        (&dana, 0.9, 0.85, "champion"),
        (&sam, 0.75, 0.3, "skeptic"),
        (&omar, 0.3, 0.6, "neutral"),
    ] {
        app.invoke(
            "place_person",
            json!({ "mapId": map, "personId": person, "position": { "power": power, "interest": interest }, "stance": stance }),
        )
        .await?;
    }

    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "coffee", "people": [dana], "notes": "Talked about the reorg",
                           "follow_up": "Send the migration plan" } }),
    )
    .await?;
    #[allow(clippy::disallowed_methods)] // the app under test reads the real clock too
    let (long_ago, soon) = {
        let now = chrono::Utc::now();
        (
            now - chrono::Duration::days(40),
            now + chrono::Duration::days(3),
        )
    };
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "one_on_one", "people": [sam, priya], "occurred_at": long_ago,
                           "notes": "Roadmap review" } }),
    )
    .await?;
    let favour = app
        .invoke(
            "record_favour",
            json!({ "input": { "person_id": dana, "direction": "by_them", "description": "Reviewed my design doc" } }),
        )
        .await?;
    app.invoke(
        "set_favour_done",
        json!({ "id": favour["id"], "done": true }),
    )
    .await?;
    app.invoke(
        "record_favour",
        json!({ "input": { "person_id": dana, "direction": "by_me", "description": "Covered her on-call" } }),
    )
    .await?;
    app.invoke(
        "make_promise",
        json!({ "input": { "person_id": dana, "owner": "mine", "description": "Send Dana the deck", "due_on": "2030-01-05" } }),
    )
    .await?;
    app.invoke(
        "open_conflict",
        json!({ "input": { "person_id": dana, "description": "Who owns the queue" } }),
    )
    .await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": dana, "to_id": sam, "kind": "influences", "strength": "strong" } }),
    )
    .await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": null, "to_id": priya, "kind": "close_with", "strength": "strong" } }),
    )
    .await?;
    app.invoke(
        "add_link",
        json!({ "input": { "from_id": priya, "to_id": dana, "kind": "reports_to", "strength": "medium" } }),
    )
    .await?;
    let group = app
        .invoke(
            "add_group",
            json!({ "input": { "name": "Rust Berlin meetup", "note": "Second Tuesday" } }),
        )
        .await?;
    app.invoke(
        "attend_group",
        json!({ "groupId": group["id"], "on": long_ago.format("%Y-%m-%d").to_string(), "note": "Met two hiring managers" }),
    )
    .await?;
    app.invoke(
        "add_reminder",
        json!({ "input": { "title": "Ask Omar about the budget", "person_id": omar, "due": soon.format("%Y-%m-%dT10:00").to_string(),
                           "note": "Before the planning round" } }),
    )
    .await?;

    let tour = app
        .invoke(
            "create_tour",
            json!({ "input": { "title": "New job at Acme", "start_on": "2030-01-07" } }),
        )
        .await?;
    let tour = tour["id"]
        .as_str()
        .ok_or("create_tour gave no id")?
        .to_owned();
    app.invoke(
        "add_tour_stop",
        json!({ "tourId": tour, "input": { "kind": "person", "person_id": dana, "week": 1 } }),
    )
    .await?;
    app.invoke(
        "add_tour_stop",
        json!({ "tourId": tour, "input": { "kind": "team", "team": "Payments", "week": 2 } }),
    )
    .await?;
    Ok(dana)
}

/// Closes the open dialog with its Cancel button, and waits until it is gone.
async fn close_dialog(app: &App, css: &str) -> Result<()> {
    app.click(&format!("{css} button[value=''], {css} .dialog-cancel"))
        .await?;
    app.wait_until(
        "the dialog closing",
        &format!("!document.querySelector(\"{css}\")"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_main_screen_in_the_light_theme_passes_axe() -> Result<()> {
    audit_every_screen("Adwaita", "light").await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_main_screen_in_the_dark_theme_passes_axe() -> Result<()> {
    audit_every_screen("Adwaita:dark", "dark").await
}

/// Seeds a realistic profile, visits every main screen and a few dialogs with the desktop
/// theme `gtk_theme`, and fails on any serious or critical axe-core violation.
async fn audit_every_screen(gtk_theme: &str, theme: &str) -> Result<()> {
    let _shared = KEYBOARD_FOCUS.read().await;
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch_with(&profile, &bus, &[("GTK_THEME", gtk_theme)]).await?;
    app.wait_for("#people-empty").await?;
    let dark = app
        .client
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await?;
    assert_eq!(
        dark,
        Value::Bool(theme == "dark"),
        "the {theme} theme is on"
    );

    // The harness itself: axe-core runs under the page's CSP, and sees an unlabelled field
    // and faint text when there are some.
    let version = load_axe(&app).await?;
    assert!(version.starts_with("4."), "axe-core 4 is loaded: {version}");
    app.client
        .execute(
            "const i = document.createElement('input'); i.id = 'a11y-probe-field';
             const p = document.createElement('p'); p.id = 'a11y-probe-text'; p.textContent = 'Faint';
             p.style.color = arguments[0] ? '#222' : '#eee';
             document.querySelector('main').prepend(i, p);",
            vec![dark],
        )
        .await?;
    let probe = audit(&app).await?;
    for (rule, target) in [
        ("label", "#a11y-probe-field"),
        ("color-contrast", "#a11y-probe-text"),
    ] {
        assert!(
            probe.iter().any(|v| v.id == rule
                && v.blocks()
                && v.targets.iter().any(|t| t.contains(target))),
            "axe-core must report {rule} at {target}, or the audits below prove nothing"
        );
    }
    app.client
        .execute(
            "document.getElementById('a11y-probe-field').remove(); document.getElementById('a11y-probe-text').remove();",
            vec![],
        )
        .await?;

    let shot = |screen: &str| format!("{theme} {screen}");
    let empty = audit_screen(&app, &shot("people empty")).await?;
    let dana = seed(&app).await?;
    let mut failures = vec![empty];

    // People (away and back, so the list loads again): the list, then Dana's page with her profile open, ledger and connections.
    app.go("map").await?;
    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Priya Raman"))
        .await?;
    failures.push(audit_screen(&app, &shot("people list")).await?);

    app.client
        .execute(
            "location.hash = '#/people/' + encodeURIComponent(arguments[0]);",
            vec![dana.clone().into()],
        )
        .await?;
    app.wait_for_text("#timeline", |t| t.contains("Talked about the reorg"))
        .await?;
    app.wait_for_text("#favours", |t| t.contains("Reviewed my design doc"))
        .await?;
    app.wait_for_text("#links", |t| t.contains("Sam Patel"))
        .await?;
    app.wait_for_text("#intro-paths", |t| !t.is_empty()).await?;
    app.click("#profile-section summary").await?;
    app.wait_for("#profile-form select").await?;
    app.wait_for_text("#person-stances", |t| t.contains("Promotion to Staff"))
        .await?;
    failures.push(audit_screen(&app, &shot("person page")).await?);

    app.click("#person-delete").await?;
    app.wait_for("#leave-dialog").await?;
    failures.push(audit_screen(&app, &shot("delete person dialog")).await?);
    close_dialog(&app, "#leave-dialog").await?;

    // Map, with a card selected so its side panel shows.
    app.go("map").await?;
    app.click(&format!(".map-card[data-person-id='{dana}']"))
        .await?;
    app.wait_for("#card-panel").await?;
    failures.push(audit_screen(&app, &shot("map")).await?);

    app.go("network").await?;
    app.wait_until(
        "the network drawing",
        "Number(document.querySelector('.network-view')?.dataset.nodes) >= 4",
    )
    .await?;
    failures.push(audit_screen(&app, &shot("network")).await?);

    app.go("tour").await?;
    app.wait_for(".tour-stop .stop-record").await?;
    failures.push(audit_screen(&app, &shot("newbie tour")).await?);
    app.click(".tour-stop .stop-record").await?;
    app.wait_for("#meeting-dialog").await?;
    failures.push(audit_screen(&app, &shot("tour meeting dialog")).await?);
    close_dialog(&app, "#meeting-dialog").await?;

    app.go("reminders").await?;
    app.wait_for_text(".reminders-view", |t| t.contains("Ask Omar"))
        .await?;
    failures.push(audit_screen(&app, &shot("reminders")).await?);

    // My wins, its dialog, the weekly review and a meeting brief: the career-advocacy screens.
    app.go("wins").await?;
    app.wait_for("#wins-view[data-loaded]").await?;
    failures.push(audit_screen(&app, &shot("my wins")).await?);
    app.click("#win-add").await?;
    app.wait_for("#win-dialog").await?;
    failures.push(audit_screen(&app, &shot("win dialog")).await?);
    close_dialog(&app, "#win-dialog").await?;

    app.go("review").await?;
    app.wait_for_text("#review-body", |t| !t.is_empty()).await?;
    failures.push(audit_screen(&app, &shot("weekly review")).await?);

    app.client
        .execute(
            "location.hash = '#/brief/' + encodeURIComponent(arguments[0]);",
            vec![dana.clone().into()],
        )
        .await?;
    app.wait_for_text("#brief-body", |t| t.contains("Dana Ng"))
        .await?;
    failures.push(audit_screen(&app, &shot("meeting brief")).await?);

    app.go("asks").await?;
    app.wait_for(".asks-view[data-loaded] #forum-list").await?;
    failures.push(audit_screen(&app, &shot("asks and forums")).await?);
    app.click("#new-ask").await?;
    app.wait_for("#ask-dialog").await?;
    failures.push(audit_screen(&app, &shot("ask dialog")).await?);
    close_dialog(&app, "#ask-dialog").await?;

    app.go("insights").await?;
    app.wait_for_text("#cold-list", |t| t.contains("Sam Patel"))
        .await?;
    app.wait_for_text("#groups", |t| t.contains("Rust Berlin"))
        .await?;
    app.wait_for_text("#review-body", |t| !t.is_empty()).await?;
    failures.push(audit_screen(&app, &shot("insights")).await?);
    app.click("#cold-list li[data-id] .insight-log").await?;
    app.wait_for("#quick-log-dialog").await?;
    failures.push(audit_screen(&app, &shot("quick log dialog")).await?);
    close_dialog(&app, "#quick-log-dialog").await?;

    app.go("settings").await?;
    app.wait_for_text("#snapshots", |t| !t.is_empty()).await?;
    failures.push(audit_screen(&app, &shot("settings")).await?);

    // Encrypted: the settings that manage it, and the lock screen.
    app.invoke(
        "set_encryption",
        json!({ "current": null, "passphrase": "an accessible passphrase" }),
    )
    .await?;
    // The page may show the new state before it reloads: wait for the new page itself.
    app.client
        .execute("window.beforeReload = true; location.reload();", vec![])
        .await?;
    app.wait_until(
        "the reloaded settings",
        "!window.beforeReload && document.getElementById('encryption-on')",
    )
    .await?;
    app.wait_for_text("#snapshots", |t| !t.is_empty()).await?;
    failures.push(audit_screen(&app, &shot("settings encrypted")).await?);
    app.invoke("lock_now", json!({})).await?;
    app.client
        .execute("window.beforeReload = true; location.reload();", vec![])
        .await?;
    app.wait_until(
        "the lock screen",
        "!window.beforeReload && !document.getElementById('lock-screen').hidden",
    )
    .await?;
    failures.push(audit_screen(&app, &shot("lock screen")).await?);

    let report: String = failures.concat();
    assert!(
        report.is_empty(),
        "serious or critical accessibility violations (people using screen readers, keyboards or low vision are blocked):\n{report}"
    );
    app.close().await?;
    Ok(())
}

/// What has the keyboard focus: a short description, where it is, and whether a focus ring
/// (outline or box shadow) is drawn around it.
async fn focused(app: &App) -> Result<Value> {
    Ok(app
        .client
        .execute(
            "const el = document.activeElement;
             if (!el || el === document.body) return { what: 'body', ring: false, visible: false };
             const s = getComputedStyle(el);
             return {
               what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.dataset.view ? '[' + el.dataset.view + ']' : '')
                 + ' ' + JSON.stringify((el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)),
               view: el.dataset.view || null,
               inNav: !!el.closest('nav.sidebar'),
               inMain: !!el.closest('main'),
               visible: el.matches(':focus-visible'),
               ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
               outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
             };",
            vec![],
        )
        .await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn tab_from_the_top_reaches_the_sidebar_and_the_content_with_a_visible_focus_ring(
) -> Result<()> {
    let _alone = KEYBOARD_FOCUS.write().await;
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.wait_until(
        "the window getting the keyboard focus",
        "document.hasFocus()",
    )
    .await?;
    app.add_person(json!({ "name": "Dana Ng", "role": "VP Engineering" }))
        .await?;
    app.add_person(json!({ "name": "Sam Patel" })).await?;
    // Away and back, so the list loads again with them.
    app.go("map").await?;
    app.go("people").await?;
    app.wait_for_text("#people-list", |t| t.contains("Sam Patel"))
        .await?;

    // From the top of the page, as after opening the window.
    app.client
        .execute(
            "document.activeElement?.blur(); document.querySelector('.main').scrollTop = 0;",
            vec![],
        )
        .await?;
    let mut seen = Vec::new();
    let mut views = Vec::new();
    let mut reached_main = false;
    for _ in 0..30 {
        app.press_key(TAB).await?;
        let now = focused(&app).await?;
        let what = now["what"].as_str().unwrap_or_default().to_owned();
        assert!(
            now["ring"] == Value::Bool(true) && now["visible"] == Value::Bool(true),
            "{what} has the keyboard focus but no visible focus ring ({now}): a keyboard user loses their place"
        );
        if let Some(view) = now["view"].as_str() {
            views.push(view.to_owned());
        }
        seen.push(what);
        if now["inMain"] == Value::Bool(true) && views.len() == 10 {
            reached_main = true;
            break;
        }
    }
    assert_eq!(
        views,
        [
            "people",
            "map",
            "network",
            "tour",
            "wins",
            "reminders",
            "review",
            "asks",
            "insights",
            "settings"
        ],
        "Tab goes through every section in the sidebar, in order; focus went: {seen:?}"
    );
    assert!(
        seen.first().is_some_and(|w| w.contains("Skip to content")),
        "the first Tab stop is the skip link: {seen:?}"
    );
    assert!(
        reached_main,
        "Tab goes on from the sidebar into the People view: {seen:?}"
    );
    app.screenshot("91-a11y-focus-in-main").await?;

    // The skip link takes the keyboard straight to the content of the section it is in.
    app.go("settings").await?;
    app.wait_for("#settings-title").await?;
    app.client
        .execute("document.activeElement?.blur();", vec![])
        .await?;
    app.press_key(TAB).await?;
    app.press_key(ENTER).await?;
    app.press_key(TAB).await?;
    let after_skip = focused(&app).await?;
    assert!(
        after_skip["inMain"] == Value::Bool(true) && after_skip["ring"] == Value::Bool(true),
        "after the skip link, Tab lands in the content, not the sidebar, and shows where: {after_skip}"
    );
    let section = app
        .client
        .execute(
            "return [location.hash, document.querySelector('.nav-list a[aria-current=page]')?.dataset.view];",
            vec![],
        )
        .await?;
    assert_eq!(
        section,
        json!(["#/settings", "settings"]),
        "the skip link moves the focus, not the user to another section"
    );
    app.close().await?;
    Ok(())
}
