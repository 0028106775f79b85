//! Hostile input, end to end: markup, script-looking text, template syntax, bidi controls,
//! zero-width joiners, SQL, a spreadsheet formula and a 10,000-character string typed into the
//! text fields of every form, then looked for wherever the app shows them. Each must show as
//! typed, run nothing, make no element, and too long or malformed input gets a message at its
//! field instead of a crash.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use allies_e2e::{App, PrivateBus, Profile, Result, PATIENCE};
use serde_json::{json, Value};

/// How long the long payload is: the most that most fields accept.
const LONG: usize = 10_000;

/// Every payload would set `window.__pwned`, or make an element, if the app ever treated
/// text as markup or code.
fn corpus() -> Vec<String> {
    let mut long: String = "<b>long</b> <i>text</i> "
        .repeat(LONG / 20)
        .chars()
        .take(LONG - 1)
        .collect();
    long.push('Z'); // no space at the end, which a one-line field would trim
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<svg onload=\"window.__pwned=1\"><circle/></svg>",
        "javascript:window.__pwned=1",
        "\" onmouseover=\"window.__pwned=1\" x=\"",
        "{{constructor.constructor('window.__pwned=1')()}}",
        "${window.__pwned=1}",
        // A right-to-left override that makes "exe.png" read as "gnp.exe"…
        "\u{202E}gnp.exe",
        // …and the isolates that should keep mixed directions apart.
        "\u{2067}مرحبا\u{2069} \u{2066}Dana\u{2069} \u{2068}42\u{2069}",
        // Zero-width joiners in emoji sequences, a non-joiner and a zero-width space.
        "👩\u{200D}💻 Zoë\u{200C}\u{200B}Ng 👨\u{200D}👩\u{200D}👧",
        "'; DROP TABLE people; --",
        "=HYPERLINK(\"http://x\")",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain([long])
    .collect()
}

fn is_long(payload: &str) -> bool {
    payload.chars().count() == LONG
}

/// A payload as an assert message shows it: escaped, and the long one cut short.
fn shown(payload: &str) -> String {
    let head: String = payload.chars().take(60).collect();
    format!("{head:?}")
}

/// Collects script errors and Content-Security-Policy violations from here on: a payload that
/// got as far as being run or loaded shows up as one of them.
async fn watch_page(app: &App) -> Result<()> {
    app.client
        .execute(
            "window.__problems = [];
             addEventListener('error', (e) => __problems.push(`error: ${e.message}`));
             addEventListener('unhandledrejection', (e) => __problems.push(`unhandled: ${e.reason?.message ?? e.reason}`));
             document.addEventListener('securitypolicyviolation', (e) => __problems.push(`CSP blocked ${e.violatedDirective}: ${e.blockedURI}`));",
            vec![],
        )
        .await?;
    Ok(())
}

/// Fails if any payload ran or became markup, or the app fell over: `window.__pwned` set,
/// an `on…` attribute or a `javascript:` link anywhere, an element only a payload makes
/// (the app draws no <img>, <circle>, <b> or <i>, and has one script), a script error or CSP
/// violation since [`watch_page`], a control wider than the window, or the start-up error
/// screens.
async fn assert_inert(app: &App, scene: &str) -> Result<()> {
    let found = app
        .client
        .execute(
            "const found = [];
             if (window.__pwned !== undefined) found.push(`window.__pwned is ${window.__pwned}`);
             if (document.title !== 'Allies') found.push(`the title is ${document.title}`);
             for (const el of document.querySelectorAll('*')) {
               for (const a of el.attributes) {
                 if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}=${a.value}>`);
                 if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value)) {
                   found.push(`<${el.localName} ${a.name}=${a.value}>`);
                 }
               }
             }
             for (const el of document.querySelectorAll('img, circle, b, i, iframe, object, embed')) {
               found.push(`an element from text: ${el.outerHTML.slice(0, 80)}`);
             }
             // The page's own two module scripts (index.html), and nothing a payload added.
             const scripts = [...document.scripts].map((s) => s.getAttribute('src')).join(' ');
             if (scripts !== 'first-section.js app.js') found.push(`scripts: ${scripts}`);
             // A long name must not stretch the forms beyond the window (a drop-down listing it did).
             for (const el of document.querySelectorAll('main input, main textarea, main select, main button')) {
               const width = el.getBoundingClientRect().width;
               if (width > innerWidth) found.push(`<${el.localName} id=${el.id}> is ${Math.round(width)} px wide`);
             }
             found.push(...(window.__problems ?? ['the page was reloaded: its watch is gone']));
             if (!document.getElementById('boot-error').hidden) found.push('the start-up error shows');
             if (!document.getElementById('broken-screen').hidden) found.push('the broken-data screen shows');
             if (!document.querySelector('#main > *')) found.push('the main area is empty');
             return found;",
            vec![],
        )
        .await?;
    let found: Vec<String> = serde_json::from_value(found)?;
    assert!(
        found.is_empty(),
        "{scene}: a payload ran, became markup or broke the page: {found:#?}"
    );
    Ok(())
}

/// Waits until every one of `expected` is among the texts of `css` (exactly, or within one
/// when `whole` is false); fails naming the ones never shown.
async fn wait_shown(app: &App, css: &str, expected: &[String], whole: bool) -> Result<()> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let texts = app.texts(css).await?;
        let missing: Vec<String> = expected
            .iter()
            .filter(|e| {
                !texts.iter().any(|t| {
                    if whole {
                        t == *e
                    } else {
                        t.contains(e.as_str())
                    }
                })
            })
            .map(|e| shown(e))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            let seen: Vec<String> = texts.iter().map(|t| shown(t)).collect();
            return Err(
                format!("{css} never showed {missing:?} as typed; it shows {seen:?}").into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the field `css` holds exactly `value`.
async fn wait_value(app: &App, css: &str, value: &str) -> Result<()> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let now = app.wait_for(css).await?.prop("value").await?;
        if now.as_deref() == Some(value) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{css} holds {:?}, not {}",
                now.map(|n| shown(&n)),
                shown(value)
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types `text` into the field `css`. WebKitWebDriver drops characters outside the Basic
/// Multilingual Plane (emoji) from typed keys, so text with them is pasted instead: set at once
/// with the events a paste sends.
async fn fill(app: &App, css: &str, text: &str) -> Result<()> {
    if text.chars().all(|c| u32::from(c) <= 0xFFFF) {
        return app.fill(css, text).await;
    }
    let el = app.wait_for(css).await?;
    app.client
        .execute(
            "const [el, text] = arguments; el.focus(); el.value = text;
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&el)?, text.into()],
        )
        .await?;
    Ok(())
}

/// Waits until `css` is hidden, as a form is once saved.
async fn wait_hidden(app: &App, css: &str) -> Result<()> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let hidden = app
            .client
            .execute(
                "return document.querySelector(arguments[0])?.hidden ?? true;",
                vec![css.into()],
            )
            .await?;
        if hidden == Value::Bool(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} is still shown").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn open_person(app: &App, id: &str) -> Result<()> {
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![format!("#/people/{id}").into()],
        )
        .await?;
    Ok(())
}

/// Goes to every section and checks each is drawn and inert.
async fn visit_every_section(app: &App) -> Result<()> {
    for (section, heading) in [
        ("people", "#people-title"),
        ("map", "#map-title"),
        ("network", "#network-title"),
        ("tour", "#tour-heading"),
        ("reminders", "#reminders-title"),
        ("insights", "#insights-title"),
        ("settings", "#settings-title"),
    ] {
        app.go(section).await?;
        app.wait_for(heading).await?;
        // Give the section's own loads a moment to draw what they fetched.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_inert(app, section).await?;
    }
    Ok(())
}

async fn scroll_to(app: &App, css: &str) -> Result<()> {
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });",
            vec![css.into()],
        )
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_person_form_and_search_keep_every_payload_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    watch_page(&app).await?;
    let corpus = corpus();

    for p in &corpus {
        app.click("#add-person").await?;
        for field in [
            "name",
            "role",
            "department",
            "organisation",
            "email",
            "tags",
            "notes",
        ] {
            fill(&app, &format!("#person-{field}"), p).await?;
        }
        app.click("#person-save").await?;
        // Not an email address: said at the field, quoting what was typed.
        let why = app
            .wait_for_text("#person-email-error", |t| !t.is_empty())
            .await?;
        if is_long(p) {
            assert!(
                why.starts_with("Email is 10000 characters long; the limit is 320."),
                "{why}"
            );
        } else {
            assert_eq!(
                why,
                format!("“\u{2068}{p}\u{2069}” does not look like an email address, such as dana@example.com."),
                "the refused address is quoted as typed"
            );
        }
        assert_inert(&app, "the email error").await?;
        if p.starts_with('\u{202E}') {
            // What a right-to-left override does to the app's own words after it: look.
            app.screenshot("67-hostile-rtl-override").await?;
        }
        fill(&app, "#person-email", "").await?;
        if is_long(p) {
            app.click("#person-save").await?;
            let why = app
                .wait_for_text("#person-tags-error", |t| !t.is_empty())
                .await?;
            assert!(
                why.starts_with("A tag is 10000 characters long; the limit is 60."),
                "{why}"
            );
            fill(&app, "#person-tags", "long").await?;
        }
        app.click("#person-save").await?;
        app.wait_for("#person-panel .panel-hint").await?;
    }

    // The list: names exactly, the rest of the details and the tags within their lines.
    wait_shown(&app, ".person-name", &corpus, true).await?;
    let details: Vec<String> = corpus.iter().map(|p| format!("{p} · {p} · {p}")).collect();
    wait_shown(&app, ".person-meta", &details, true).await?;
    let tags: Vec<String> = corpus
        .iter()
        .map(|p| if is_long(p) { "long".into() } else { p.clone() })
        .collect();
    wait_shown(&app, ".tag", &tags, true).await?;
    assert_eq!(app.texts("#people-count").await?, ["13 people"]);
    assert_inert(&app, "the people list").await?;

    // Each person's page: its title, fields and the labels built from the name.
    let people = app.invoke("list_people", json!({ "query": "" })).await?;
    let people = people.as_array().ok_or("not a list")?;
    assert_eq!(people.len(), corpus.len(), "every person was saved once");
    // The <img> person last, for the screenshot.
    let mut order: Vec<&Value> = people.iter().collect();
    order.sort_by_key(|p| p["name"] == corpus[1].as_str());
    for person in order {
        let id = person["id"].as_str().ok_or("no id")?;
        let name = person["name"].as_str().ok_or("no name")?;
        assert!(corpus.iter().any(|p| p == name), "stored as typed");
        for field in ["role", "department", "organisation", "notes"] {
            assert_eq!(person[field], name, "{field} stored as typed");
        }
        open_person(&app, id).await?;
        app.wait_for_text("#person-form h2", |t| t == format!("Edit {name}"))
            .await?;
        for field in ["name", "role", "department", "organisation", "notes"] {
            wait_value(&app, &format!("#person-{field}"), name).await?;
        }
        wait_shown(
            &app,
            "label[for='interaction-notes']",
            &[format!("What passed between you and {name}")],
            true,
        )
        .await?;
        wait_shown(
            &app,
            "#favour-direction option",
            &[format!("{name} for me")],
            true,
        )
        .await?;
        wait_shown(
            &app,
            "#timeline",
            &[format!("Nothing logged with {name} yet.")],
            false,
        )
        .await?;
        assert_inert(&app, &format!("the page of {}", shown(name))).await?;
    }
    app.screenshot("60-hostile-person").await?;
    app.click("#person-cancel").await?;

    // The search box: each payload finds its person, and nothing breaks on the way.
    for p in &corpus {
        fill(&app, "#people-search", p).await?;
        app.wait_for_text("#people-count", |t| t.ends_with("found"))
            .await?;
        wait_shown(&app, ".person-name", std::slice::from_ref(p), true).await?;
        assert!(
            app.texts("#person-panel .form-error, .list-pane .form-error")
                .await?
                .iter()
                .all(|t| t.is_empty()),
            "searching for {} shows no error",
            shown(p)
        );
        assert_inert(&app, &format!("a search for {}", shown(p))).await?;
        fill(&app, "#people-search", "").await?;
        app.wait_for_text("#people-count", |t| t == "13 people")
            .await?;
    }
    fill(&app, "#people-search", "pwned").await?;
    app.wait_for_text("#found-elsewhere", |t| {
        let t = t.to_lowercase();
        t.contains("in profiles and notes") || t.contains("nothing else matches")
    })
    .await?;
    assert_inert(&app, "search results").await?;

    visit_every_section(&app).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_journal_and_ledger_keep_every_payload_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    watch_page(&app).await?;
    let corpus = corpus();
    let name = &corpus[1];
    let id = app.add_person(json!({ "name": name })).await?;
    app.go("settings").await?;
    app.go("people").await?;
    open_person(&app, &id).await?;
    app.wait_for_text("#person-form h2", |t| t == format!("Edit {name}"))
        .await?;

    // The profile's text fields: two rounds put every payload in one of them.
    const PROFILE_TEXT: [&str; 8] = [
        "how_met",
        "motivations",
        "influences",
        "success_30",
        "success_60",
        "success_90",
        "challenges",
        "pitch",
    ];
    app.click("#profile-section summary").await?;
    for round in 0..2 {
        let given: Vec<(&str, &String)> = PROFILE_TEXT
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, &corpus[(round * PROFILE_TEXT.len() + i) % corpus.len()]))
            .collect();
        for (field, p) in &given {
            fill(&app, &format!("#profile-{field}"), p).await?;
        }
        app.click("#profile-save").await?;
        app.wait_for_text(".toast > span", |t| t.ends_with("'s profile"))
            .await?;
        let saved = app.invoke("get_profile", json!({ "personId": id })).await?;
        for (field, p) in &given {
            assert_eq!(
                saved[field].as_str(),
                Some(p.as_str()),
                "{field} stored as typed"
            );
            // The form is drawn again from what was saved.
            wait_value(&app, &format!("#profile-{field}"), p).await?;
        }
        app.click(".toast-close").await?;
    }
    assert_inert(&app, "the profile").await?;

    // An interaction, a favour, a promise and a conflict for each payload.
    for p in &corpus {
        fill(&app, "#interaction-notes", p).await?;
        fill(&app, "#interaction-follow_up", p).await?;
        // Enabled again only once the last one is logged: a click before is ignored.
        app.click("#interaction-log:enabled").await?;
        wait_value(&app, "#interaction-notes", "").await?;
        for (kind, verb) in [("favour", "add"), ("promise", "add"), ("conflict", "add")] {
            fill(&app, &format!("#{kind}-description"), p).await?;
            app.click(&format!("#{kind}-{verb}")).await?;
            wait_value(&app, &format!("#{kind}-description"), "").await?;
        }
    }
    wait_shown(&app, "#timeline .interaction-notes", &corpus, true).await?;
    let follow_ups: Vec<String> = corpus.iter().map(|p| format!("Follow-up: {p}")).collect();
    wait_shown(&app, "#timeline .interaction-follow-up", &follow_ups, true).await?;
    let favours: Vec<String> = corpus
        .iter()
        .map(|p| format!("{name} for you: {p} · open"))
        .collect();
    wait_shown(&app, "#favours .ledger-text", &favours, true).await?;
    let promises: Vec<String> = corpus
        .iter()
        .map(|p| format!("You owe {name}: {p} · no date"))
        .collect();
    wait_shown(&app, "#promises .ledger-text", &promises, true).await?;
    let conflicts: Vec<String> = corpus
        .iter()
        .map(|p| format!("Conflict: {p} · open"))
        .collect();
    wait_shown(&app, "#conflicts .ledger-text", &conflicts, true).await?;
    assert_inert(&app, "the journal").await?;

    // A resolution typed into the list itself.
    let resolution = &corpus[2];
    fill(&app, "#conflicts input[type='text']", resolution).await?;
    app.click("#conflicts .conflict-resolve").await?;
    wait_shown(
        &app,
        "#conflicts .ledger-text",
        &[format!("resolved: {resolution}")],
        false,
    )
    .await?;
    scroll_to(&app, "#ledger-title").await?;
    app.screenshot("62-hostile-ledger").await?;
    assert_inert(&app, "a resolved conflict").await?;

    // The search finds them elsewhere, and the matched words are marked, still as text.
    app.click("#person-cancel").await?;
    fill(&app, "#people-search", "pwned").await?;
    app.wait_for_text("#found-elsewhere", |t| {
        t.to_lowercase().contains("in interactions")
    })
    .await?;
    let people = app.texts("#found-elsewhere .hit-person").await?;
    assert!(
        !people.is_empty() && people.iter().all(|p| p == name),
        "every hit names the person as typed: {people:?}"
    );
    let marks = app.texts("#found-elsewhere mark").await?;
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m.to_lowercase().contains("pwned")),
        "{marks:?}"
    );
    assert_inert(&app, "search hits").await?;

    visit_every_section(&app).await?;
    app.close().await?;
    Ok(())
}

/// Files in the profile's Downloads folder with this extension.
fn exports(profile: &Profile, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(profile.downloads())
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn maps_and_the_network_keep_every_payload_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    watch_page(&app).await?;
    let corpus = corpus();
    let mut ids = Vec::new();
    for p in &corpus {
        ids.push(
            app.add_person(json!({ "name": p, "role": p, "department": p }))
                .await?,
        );
    }

    // A map for each payload, typed into the map form.
    app.go("map").await?;
    app.wait_for("#map-empty").await?;
    let mut names = Vec::new();
    for (i, p) in corpus.iter().enumerate() {
        // The first map from the empty page's form, the others from New map's, in the side panel.
        let form = if i == 0 { "#map-empty" } else { "#map-side" };
        if i > 0 {
            app.click("#new-map").await?;
        }
        fill(&app, &format!("{form} #map-name"), p).await?;
        fill(&app, &format!("{form} #map-description"), p).await?;
        app.click(&format!("{form} #map-save")).await?;
        let name = if is_long(p) {
            let why = app
                .wait_for_text(&format!("{form} #map-name-error"), |t| !t.is_empty())
                .await?;
            assert!(
                why.starts_with("Name is 10000 characters long; the limit is 500."),
                "{why}"
            );
            fill(&app, &format!("{form} #map-name"), "A long description").await?;
            app.click(&format!("{form} #map-save")).await?;
            "A long description".to_owned()
        } else {
            p.clone()
        };
        // The new map is shown, its goal and description as typed.
        app.wait_for_text("#map-side .overview h2", |t| t == name)
            .await?;
        wait_shown(
            &app,
            "#map-side .map-description",
            std::slice::from_ref(p),
            true,
        )
        .await?;
        names.push(name);
    }
    wait_shown(&app, "#map-select option", &names, true).await?;
    assert_inert(&app, "the map form").await?;

    // The roster's search box, with each payload.
    for p in &corpus {
        fill(&app, "#roster-search", p).await?;
        wait_shown(&app, ".roster-name", std::slice::from_ref(p), true).await?;
    }
    fill(&app, "#roster-search", "").await?;

    // Everyone placed on the <svg> map, apart from each other.
    let maps = app
        .invoke("list_maps", json!({ "includeArchived": true }))
        .await?;
    let svg_map = maps
        .as_array()
        .ok_or("not a list")?
        .iter()
        .find(|m| m["name"] == corpus[2].as_str())
        .ok_or("no <svg> map")?["id"]
        .as_str()
        .ok_or("no id")?
        .to_owned();
    for (i, id) in ids.iter().enumerate() {
        let (row, col) = (i / 4, i % 4);
        app.invoke(
            "place_person",
            json!({ "mapId": svg_map, "personId": id,
                    "position": { "power": 0.9 - 0.24 * row as f64, "interest": 0.12 + 0.25 * col as f64 } }),
        )
        .await?;
    }
    app.choose("#map-select", &svg_map).await?;
    wait_shown(&app, ".map-card .card-name", &corpus, true).await?;
    wait_shown(&app, ".map-card .card-role", &corpus, true).await?;
    assert_inert(&app, "the cards").await?;

    // A selected card's panel (Space on the focused card, as the keyboard does).
    app.client
        .execute(
            "document.querySelector(`.map-card[data-person-id='${arguments[0]}']`).focus();",
            vec![ids[1].clone().into()],
        )
        .await?;
    app.press_key(' ').await?;
    app.wait_for_text("#card-panel h2", |t| t == corpus[1])
        .await?;
    assert_inert(&app, "a card's panel").await?;
    app.screenshot("61-hostile-map").await?;

    app.click("#history-toggle").await?;
    app.wait_for("#history-summary").await?;
    assert_inert(&app, "the map's history").await?;
    app.click("#history-toggle").await?;

    // The picture export: the name is made safe for a file name, the text escaped in the SVG.
    app.answer_file_dialog("#export-svg", None).await?; // keeps the name proposed in Downloads
    let deadline = Instant::now() + PATIENCE;
    while exports(&profile, "svg").is_empty() {
        if Instant::now() > deadline {
            return Err("no SVG export appeared in Downloads".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let svg = std::fs::read_to_string(&exports(&profile, "svg")[0])?;
    assert!(
        svg.contains("&lt;svg onload=&quot;window.__pwned=1&quot;&gt;&lt;circle/&gt;&lt;/svg&gt;"),
        "the map's name is escaped in the picture"
    );
    assert!(
        ["<img", "<script", "<circle", "<svg onload"]
            .iter()
            .all(|tag| !svg.contains(tag)),
        "no markup from a name in the picture"
    );

    // Links between them, each with a payload for a note, and the network drawn from them.
    let mut from: Option<&String> = None;
    for (id, p) in ids.iter().zip(&corpus) {
        app.invoke(
            "add_link",
            json!({ "input": { "from_id": from, "to_id": id, "kind": "close_with", "strength": "strong", "note": p } }),
        )
        .await?;
        from = Some(id);
    }
    app.go("network").await?;
    app.wait_for("section[data-settled='true']").await?;
    app.click("#network-list summary").await?;
    wait_shown(&app, ".network-person-name", &corpus, true).await?;
    app.choose("#network-target", &ids[2]).await?;
    app.click("#network-find-go").await?;
    let way = format!(
        "You → {} (strong) → {} (strong) → {} (strong)",
        corpus[0], corpus[1], corpus[2]
    );
    wait_shown(&app, "#network-paths .network-path", &[way], false).await?;
    assert_inert(&app, "the network").await?;
    app.screenshot("63-hostile-network").await?;

    // A person's connections and ways in, on their page.
    open_person(&app, &ids[2]).await?;
    wait_shown(
        &app,
        "#links .ledger-text",
        &[format!("{} is close with {}", corpus[1], corpus[2])],
        false,
    )
    .await?;
    assert_inert(&app, "a person's connections").await?;

    visit_every_section(&app).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn reminders_groups_and_quick_actions_keep_every_payload_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    watch_page(&app).await?;
    let corpus = corpus();

    // Written reminders: title and note.
    app.go("reminders").await?;
    app.wait_for("#reminders-title").await?;
    let mut titles = Vec::new();
    for p in &corpus {
        app.click("#new-reminder").await?;
        fill(&app, "#reminder-title", p).await?;
        fill(&app, "#reminder-note", p).await?;
        app.click("#reminder-save").await?;
        if is_long(p) {
            let why = app
                .wait_for_text("#reminder-title-error", |t| !t.is_empty())
                .await?;
            assert!(
                why.starts_with("Title is 10000 characters long; the limit is 500."),
                "{why}"
            );
            fill(&app, "#reminder-title", "A long note").await?;
            app.click("#reminder-save").await?;
            titles.push("A long note".to_owned());
        } else {
            titles.push(p.clone());
        }
        wait_hidden(&app, "#reminder-form").await?;
    }
    wait_shown(&app, ".reminder-item .reminder-title", &titles, true).await?;
    wait_shown(&app, ".reminder-item .reminder-body", &corpus, false).await?;
    assert_inert(&app, "written reminders").await?;

    // 30/60/90-day check-ins, labelled with each payload.
    let mut labels = Vec::new();
    for p in &corpus {
        fill(&app, "#check-in-label", p).await?;
        fill(&app, "#check-in-start_on", "2026-01-05").await?;
        app.click("#check-in-add").await?;
        if is_long(p) {
            let why = app
                .wait_for_text("#check-in-label-error", |t| !t.is_empty())
                .await?;
            assert!(
                why.starts_with("Label is 10000 characters long; the limit is 500."),
                "{why}"
            );
            fill(&app, "#check-in-label", "").await?;
        } else {
            wait_value(&app, "#check-in-label", "").await?;
            labels.push(p.clone());
        }
    }
    wait_shown(&app, "#check-ins .ledger-text strong", &labels, true).await?;
    scroll_to(&app, "#reminders-title").await?;
    app.screenshot("64-hostile-reminders").await?;
    assert_inert(&app, "check-ins").await?;

    // Professional groups.
    app.go("insights").await?;
    app.wait_for("#group-form").await?;
    let mut groups = Vec::new();
    for p in &corpus {
        fill(&app, "#group-name", p).await?;
        app.click("#group-add").await?;
        if is_long(p) {
            let why = app
                .wait_for_text("#group-name-error", |t| !t.is_empty())
                .await?;
            assert!(
                why.starts_with("Name is 10000 characters long; the limit is 500."),
                "{why}"
            );
            fill(&app, "#group-name", "").await?;
        } else {
            wait_value(&app, "#group-name", "").await?;
            groups.push(p.clone());
        }
    }
    wait_shown(&app, "#groups .ledger-text strong", &groups, true).await?;
    assert_inert(&app, "groups").await?;

    // The quick dialogs of Insights, for a person going cold who is owed a thank-you.
    let name = &corpus[0];
    let id = app
        .add_person(json!({ "name": name, "department": corpus[9] }))
        .await?;
    app.invoke(
        "save_profile",
        json!({ "personId": id, "profile": { "cadence_days": 7, "ally_role": "mentor" } }),
    )
    .await?;
    let month_ago = app
        .client
        .execute(
            "return new Date(Date.now() - 30 * 86400000).toISOString();",
            vec![],
        )
        .await?;
    app.invoke(
        "log_interaction",
        json!({ "input": { "kind": "coffee", "people": [id], "occurred_at": month_ago } }),
    )
    .await?;
    let favour = app
        .invoke(
            "record_favour",
            json!({ "input": { "person_id": id, "direction": "by_them", "description": corpus[3] } }),
        )
        .await?;
    app.invoke(
        "set_favour_done",
        json!({ "id": favour["id"], "done": true }),
    )
    .await?;
    app.go("settings").await?;
    app.go("insights").await?;
    wait_shown(
        &app,
        "#cold-list .insight-name",
        std::slice::from_ref(name),
        true,
    )
    .await?;
    wait_shown(
        &app,
        "#unthanked-list .ledger-text",
        &[format!("{name}\nhelped: {}", corpus[3])],
        false,
    )
    .await?;
    wait_shown(&app, "#coverage-departments th", &[corpus[9].clone()], true).await?;
    assert_inert(&app, "insights").await?;

    app.click("#cold-list .insight-schedule").await?;
    app.wait_for_text("#quick-schedule-dialog-title", |t| {
        t == format!("Schedule time with {name}")
    })
    .await?;
    fill(&app, "#quick-schedule-title", &corpus[4]).await?;
    app.click("#quick-schedule-save").await?;
    app.wait_for_text(".toast > span", |t| t == format!("Reminder set for {name}"))
        .await?;

    app.click("#unthanked-list .insight-thank").await?;
    wait_shown(
        &app,
        "#quick-thank-dialog",
        &[format!("For: {}", corpus[3])],
        false,
    )
    .await?;
    fill(&app, "#quick-thank-how", &corpus[5]).await?;
    app.screenshot("65-hostile-quick-thank").await?;
    app.click("#quick-thank-save").await?;
    app.wait_for_text(".toast > span", |t| {
        t == format!("Noted your thanks to {name}")
    })
    .await?;

    app.click("#cold-list .insight-log").await?;
    fill(&app, "#quick-log-notes", &corpus[6]).await?;
    app.click("#quick-log-save").await?;
    app.wait_for_text(".toast > span", |t| {
        t == format!("Logged an interaction with {name}")
    })
    .await?;
    assert_inert(&app, "the quick dialogs").await?;

    // What they wrote, where it shows.
    open_person(&app, &id).await?;
    wait_shown(
        &app,
        "#timeline .interaction-notes",
        &[corpus[6].clone()],
        true,
    )
    .await?;
    wait_shown(
        &app,
        "#favours .ledger-text",
        &[format!("({})", corpus[5])],
        false,
    )
    .await?;
    app.go("reminders").await?;
    wait_shown(
        &app,
        ".reminder-item .reminder-title",
        &[corpus[4].clone()],
        true,
    )
    .await?;

    visit_every_section(&app).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_newbie_tour_keeps_every_payload_as_text() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    watch_page(&app).await?;
    let corpus = corpus();
    let long = corpus.last().ok_or("no corpus")?;

    app.go("tour").await?;
    fill(&app, "#tour-title", long).await?;
    app.click("#tour-create").await?;
    let why = app
        .wait_for_text("#tour-title-error", |t| !t.is_empty())
        .await?;
    assert!(
        why.starts_with("Title is 10000 characters long; the limit is 500."),
        "{why}"
    );
    fill(&app, "#tour-title", &corpus[0]).await?;
    app.click("#tour-create").await?;
    app.wait_for_text("#tour-name", |t| t == corpus[0]).await?;

    // A meeting with someone new for each payload: name, role and team.
    for (i, p) in corpus.iter().enumerate() {
        fill(&app, "#stop-person", p).await?;
        fill(&app, "#stop-role", p).await?;
        fill(&app, "#stop-department", p).await?;
        fill(&app, "#stop-week", &(i % 4 + 1).to_string()).await?;
        app.click("#stop-add").await?;
        let progress = format!("Met 0 of {}", i + 1);
        app.wait_for_text("#tour-progress", |t| t == progress)
            .await?;
    }
    // A team meeting: too long a team name first.
    app.choose("#stop-kind", "team").await?;
    fill(&app, "#stop-team", long).await?;
    app.click("#stop-add").await?;
    let why = app
        .wait_for_text("#stop-team-error", |t| !t.is_empty())
        .await?;
    assert!(
        why.starts_with("Team is 10000 characters long; the limit is 500."),
        "{why}"
    );
    fill(&app, "#stop-team", &corpus[3]).await?;
    app.click("#stop-add").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 0 of 14")
        .await?;
    let mut names = corpus.clone();
    names.push(corpus[3].clone());
    wait_shown(&app, ".tour-stop-name", &names, true).await?;
    assert_inert(&app, "the tour plan").await?;

    // The first meeting, answered with payloads, and the person it suggested.
    let first = app.texts(".tour-stop-name").await?;
    let met = first.first().ok_or("no stop")?.clone();
    app.click(".tour-stop:first-child .stop-record").await?;
    app.wait_for("#meeting-dialog").await?;
    let answers = [&corpus[4], &corpus[8], long];
    for (field, answer) in ["success", "challenges", "who_else"].iter().zip(answers) {
        fill(&app, &format!("#meeting-{field}"), answer).await?;
    }
    app.click("#meeting-save").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 1 of 14")
        .await?;
    let shown_answers: Vec<String> = answers.iter().map(|a| (*a).clone()).collect();
    wait_shown(&app, ".tour-answers dd", &shown_answers, true).await?;

    app.click(".stop-suggest").await?;
    let suggested = format!("Suggested {}", corpus[5]);
    fill(&app, "#suggest-name", &suggested).await?;
    fill(&app, "#suggest-role", &corpus[6]).await?;
    fill(&app, "#suggest-department", &corpus[10]).await?;
    app.click("#suggest-save").await?;
    app.wait_for_text("#tour-progress", |t| t == "Met 1 of 15")
        .await?;
    wait_shown(
        &app,
        ".tour-stop-name",
        std::slice::from_ref(&suggested),
        true,
    )
    .await?;
    wait_shown(
        &app,
        ".tour-stop-who",
        &[format!("suggested by {met}")],
        false,
    )
    .await?;
    scroll_to(&app, "#tour-summary").await?;
    app.screenshot("66-hostile-tour").await?;
    assert_inert(&app, "a recorded meeting").await?;

    visit_every_section(&app).await?;
    app.close().await?;
    Ok(())
}
