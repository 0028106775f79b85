//! Text and clock the app can trust: a name pasted with a line break and a bell is stored as one
//! clean line, the people CSV it exports comes back through the import dialog with the same
//! text (cells kept from running as formulas included), and a test clock offset too large for
//! the calendar starts the app instead of crashing it.

use std::time::{Duration, Instant};

use allies_e2e::{App, PrivateBus, Profile, Result, PATIENCE};
use serde_json::{json, Value};

/// The one file in `dir` whose name ends with `suffix`, once it is there.
async fn saved(dir: &std::path::Path, suffix: &str) -> Result<std::path::PathBuf> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.to_string_lossy().ends_with(suffix))
                    .collect()
            })
            .unwrap_or_default();
        if let [one] = found.as_slice() {
            return Ok(one.clone());
        }
        if Instant::now() > deadline {
            return Err(format!("no single …{suffix} in {}: {found:?}", dir.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The one person the app holds, as the window receives them.
async fn only_person(app: &App) -> Result<Value> {
    let people = app.invoke("list_people", json!({ "query": "" })).await?;
    match people.as_array().map(Vec::as_slice) {
        Some([one]) => Ok(one.clone()),
        _ => Err(format!("expected one person: {people}").into()),
    }
}

/// The fields a CSV export carries and an import reads back.
const FIELDS: [&str; 7] = [
    "name",
    "role",
    "department",
    "organisation",
    "email",
    "tags",
    "notes",
];

#[tokio::test(flavor = "multi_thread")]
async fn pasted_control_characters_are_dropped_and_a_csv_export_comes_back_whole() -> Result<()> {
    let bus = PrivateBus::start()?;
    let first = Profile::new()?;
    let app = App::launch(&first, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.add_person(json!({
            "name": "Dana\r\nNg\u{7}",
            "role": "=Lead\u{0}",
            "department": "-Platform",
            "organisation": "'Acme",
            "email": "+dana@example.com",
            "tags": "@oncall, mentor",
            "notes": "=SUM(A1)\r\n\tsecond line\rthird\u{1b}",
    }))
    .await?;
    // Added behind the window's back: the list shows it once People is opened again.
    app.go("settings").await?;
    app.go("people").await?;
    app.wait_for_text(".person-name", |t| t == "Dana Ng")
        .await?;
    let stored = only_person(&app).await?;
    assert_eq!(
        stored["name"], "Dana Ng",
        "the line break became a space, the bell went"
    );
    assert_eq!(stored["role"], "=Lead");
    assert_eq!(
        stored["notes"], "=SUM(A1)\n\tsecond line\nthird",
        "notes keep line feeds and tabs, and no carriage return"
    );
    app.screenshot("trust-text-1-clean-name").await?;

    app.go("settings").await?;
    app.answer_file_dialog("#export-csv", None).await?; // keeps the name proposed in Downloads
    app.wait_for_text("#data-result", |t| t.contains("saved as"))
        .await?;
    let file = saved(&first.downloads(), ".csv").await?;
    let csv = std::fs::read_to_string(&file)?;
    assert!(
        !csv.replace("\r\n", "").contains('\r'),
        "no carriage return inside a cell: {csv:?}"
    );
    for guarded in ["'=Lead", "'-Platform", "'+dana@", "'@oncall", "'=SUM(A1)"] {
        assert!(
            csv.contains(guarded),
            "{guarded} is kept from running as a formula: {csv}"
        );
    }
    app.close().await?;

    // Another user's Allies imports the file.
    let second = Profile::new()?;
    let app = App::launch(&second, &bus).await?;
    app.wait_for("#people-empty").await?;
    app.click("#import-first").await?;
    app.wait_for("#import-dialog").await?;
    app.click("#import-format-csv").await?;
    app.answer_file_dialog("#import-choose", Some(&file))
        .await?;
    app.wait_for_text("#import-summary", |t| t.contains("new"))
        .await?;
    app.screenshot("trust-text-2-import-preview").await?;
    app.click("#import-confirm").await?;
    app.wait_for_text("#import-done", |t| t.starts_with("Added 1"))
        .await?;
    app.click("#import-cancel").await?;
    app.wait_for_text(".person-name", |t| t == "Dana Ng")
        .await?;
    let back = only_person(&app).await?;
    for field in FIELDS {
        assert_eq!(
            back[field], stored[field],
            "{field} comes back as it was stored, without the export's apostrophe"
        );
    }
    app.screenshot("trust-text-3-imported").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clock_offset_past_the_end_of_the_calendar_starts_the_app() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    // 285,000 years: within the range of a duration, beyond the calendar's once added to today.
    let app = App::launch_with(
        &profile,
        &bus,
        &[("ALLIES_CLOCK_OFFSET_SECONDS", "9000000000000")],
    )
    .await?;
    app.wait_for("#people-empty").await?;
    app.add_person_in_form("Dana Ng", "VP Engineering").await?;
    app.wait_for_text(".person-name", |t| t == "Dana Ng")
        .await?;
    let dana = only_person(&app).await?;
    let year: i64 = dana["created_at"]
        .as_str()
        .and_then(|t| t.get(..4))
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| format!("no year in {dana}"))?;
    assert!(
        (2100..2200).contains(&year),
        "the clock is shifted by the century it is clamped to, not the 285,000 years asked: {dana}"
    );
    app.screenshot("trust-text-4-clamped-clock").await?;
    app.close().await?;
    Ok(())
}
