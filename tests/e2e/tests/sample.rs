//! The sample people, end to end: a fresh profile tries Allies with them (people, the map and a
//! due thank-you), the user adds someone of their own, and one click removes the sample again,
//! leaving only that person.

use allies_e2e::{App, PrivateBus, Profile, Result};

#[tokio::test(flavor = "multi_thread")]
async fn sample_people_come_with_a_map_and_a_due_reminder_and_go_again_in_one_click() -> Result<()>
{
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;

    app.wait_for("#people-empty").await?;
    app.click("#try-sample").await?;
    app.wait_for_text("#people-count", |t| t == "8 people")
        .await?;
    app.wait_for("#sample-banner #remove-sample").await?;
    let toast = app
        .wait_for_text("#toasts .toast > span", |t| t.starts_with("Added 8"))
        .await?;
    assert!(toast.contains("Promotion to Staff Engineer"), "{toast}");
    let names = app.texts(".person-row").await?.join(" | ");
    assert!(
        names.contains("Maya Makebelieve") && names.contains("Sam Sample"),
        "{names}"
    );
    app.screenshot("sample-01-people").await?;

    app.go("map").await?;
    app.wait_until(
        "the sample's seven people are on its map",
        "document.querySelectorAll('.map-card[data-person-id]').length === 7",
    )
    .await?;
    app.wait_for_text("main", |t| t.contains("Promotion to Staff Engineer"))
        .await?;
    app.screenshot("sample-02-map").await?;

    app.go("reminders").await?;
    app.wait_for_text("#reminders-overdue", |t| t.contains("Thank Sam Sample"))
        .await?;
    app.screenshot("sample-03-reminders").await?;

    // The user adds someone of their own while the sample is there: they stay.
    app.go("people").await?;
    app.wait_for("#sample-banner").await?;
    // The message about the sample sits over the bottom of the form: dismissed, as a person would.
    app.client
        .execute("document.querySelector('.toast-close')?.click();", vec![])
        .await?;
    app.click("#add-person").await?;
    app.fill("#person-name", "Ivy Own").await?;
    app.click("#person-save").await?;
    app.wait_for_text("#people-count", |t| t == "9 people")
        .await?;

    app.click("#remove-sample").await?;
    app.wait_for_text("#people-count", |t| t == "1 person")
        .await?;
    let toast = app
        .wait_for_text("#toasts .toast > span", |t| t.starts_with("Removed"))
        .await?;
    assert_eq!(toast, "Removed the 8 sample people.");
    assert_eq!(app.texts(".person-row").await?.len(), 1);
    assert!(app.texts(".person-row").await?[0].contains("Ivy Own"));
    assert!(
        app.texts("#sample-banner").await?.is_empty(),
        "the banner goes with the sample"
    );
    app.screenshot("sample-04-removed").await?;

    app.go("reminders").await?;
    let overdue = app
        .wait_for_text("#reminders-overdue", |t| !t.is_empty())
        .await?;
    assert!(!overdue.contains("Sam Sample"), "{overdue}");
    app.close().await?;
    Ok(())
}
