//! The reminder loop with a fixed clock, a real database file and a recording shell: what is shown, once, and what each answer does.

use super::*;
use std::sync::Mutex;

use allies_core::journal::favours::{self, Direction, FavourInput};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::settings::{self, ReminderSettings};
use allies_core::Database;
use allies_fake_desktop::{FakeNotificationServer, PrivateBus};
use chrono::TimeZone;

/// Where a pop-up test runs: the process's session bus pointed at a private one with a fake
/// notification server (one test at a time: the notifier finds the bus through the process
/// environment), and a database whose reminders are never quiet, in UTC, with no weekly
/// review. Buttons act at the app's real time, so the scene's time starts there.
struct PopUpScene {
    server: FakeNotificationServer,
    t0: DateTime<Utc>,
    _dir: tempfile::TempDir,
    _bus: PrivateBus,
    _env: std::sync::MutexGuard<'static, ()>,
}

fn pop_up_scene() -> (PopUpScene, Database) {
    let env = crate::desktop::DBUS_ENV
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let bus = PrivateBus::start().unwrap();
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
    let server = FakeNotificationServer::start_blocking(&bus).unwrap();
    let t0 = now();
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in(dir.path(), t0).unwrap();
    let settings = ReminderSettings {
        time_zone: "UTC".into(),
        quiet_start: "00:00".into(),
        quiet_end: "00:00".into(),
        weekly_review: false,
        ..ReminderSettings::default()
    };
    settings::save(&mut db, &settings, t0).unwrap();
    let scene = PopUpScene {
        server,
        t0,
        _dir: dir,
        _bus: bus,
        _env: env,
    };
    (scene, db)
}

#[derive(Default)]
struct RecordingShell {
    changed: Mutex<Vec<Vec<String>>>,
    opened: Mutex<Vec<popup::Place>>,
}

impl Shell for RecordingShell {
    fn reminders_changed(&self, in_app: &[String]) {
        self.changed.lock().unwrap().push(in_app.to_vec());
    }
    fn open(&self, place: &popup::Place) {
        self.opened.lock().unwrap().push(place.clone());
    }
}

/// Clicks a pop-up's button until it has an effect: the app starts listening for the click
/// just after the pop-up appears, and a click before that is lost (as on a real desktop).
fn click_until(
    server: &FakeNotificationServer,
    id: u32,
    key: &str,
    what: &str,
    mut ok: impl FnMut() -> bool,
) {
    for _ in 0..25 {
        server.invoke_action_blocking(id, key).unwrap();
        for _ in 0..4 {
            if ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("clicking {key} did not lead to: {what}");
}

#[test]
fn looks_again_after_a_change_or_once_the_clock_reaches_the_next_due_time() {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    let later = now + chrono::Duration::hours(3);
    assert!(should_look(true, Some(later), now), "a change");
    assert!(
        !should_look(false, Some(later), now),
        "nothing can be due yet"
    );
    assert!(!should_look(false, None, now), "nothing will ever be due");
    assert!(
        should_look(false, Some(later), later + chrono::Duration::days(2)),
        "woken from a two-day suspend"
    );
}

#[test]
fn sleeps_until_the_next_due_time_but_never_more_than_a_minute() {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    assert_eq!(sleep_until(None, now), LONGEST_SLEEP);
    assert_eq!(
        sleep_until(Some(now + chrono::Duration::seconds(5)), now),
        Duration::from_millis(5050)
    );
    assert_eq!(
        sleep_until(Some(now + chrono::Duration::days(3)), now),
        LONGEST_SLEEP
    );
    assert_eq!(
        sleep_until(Some(now - chrono::Duration::seconds(5)), now),
        Duration::ZERO
    );
}

#[test]
fn while_presenting_pop_ups_show_initials_or_roles() {
    let (scene, mut db) = pop_up_scene();
    let (server, t0) = (&scene.server, scene.t0);
    let mut input = PersonInput::named("Omar Haddad");
    input.role = "Head of Sales".into();
    let omar = people::add(&mut db, &input, t0).unwrap().id;
    let state = AppState::over(db);
    let thank = |what: &str| {
        state
            .with_db_blocking(|db| {
                let f = favours::record(
                    db,
                    &FavourInput {
                        person_id: omar.clone(),
                        direction: Direction::ByThem,
                        description: what.into(),
                    },
                    t0,
                )?;
                favours::set_done(db, &f.id, true, t0)
            })
            .unwrap();
    };
    let shell: Arc<dyn Shell> = Arc::new(RecordingShell::default());
    let notifier = DesktopNotifier::default();

    state
        .presenting
        .store(Presenting::Initials.as_u8(), Ordering::Relaxed);
    thank("the intro to the VP");
    run_once(&state, &notifier, &shell, t0).unwrap();
    state
        .presenting
        .store(Presenting::Roles.as_u8(), Ordering::Relaxed);
    thank("covered my on-call");
    run_once(&state, &notifier, &shell, t0 + chrono::Duration::seconds(1)).unwrap();

    let received = server.received();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[0].summary, "Thank OH");
    assert!(
        received[0]
            .body
            .starts_with("OH helped you: the intro to the VP"),
        "{}",
        received[0].body
    );
    assert_eq!(received[1].summary, "Thank Head of Sales");
    for popup in &received {
        assert!(
            !popup.summary.contains("Omar") && !popup.body.contains("Omar"),
            "a pop-up on a shared screen must not name anyone: {popup:?}"
        );
    }
}

#[test]
fn while_locked_no_pop_up_shows_a_name() {
    use allies_core::storage::encryption::{self, Passphrase};

    let (scene, mut db) = pop_up_scene();
    let (server, t0) = (&scene.server, scene.t0);
    let omar = people::add(&mut db, &PersonInput::named("Omar Haddad"), t0)
        .unwrap()
        .id;
    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: omar,
            direction: Direction::ByThem,
            description: "the intro to the VP".into(),
        },
        t0,
    )
    .unwrap();
    favours::set_done(&mut db, &f.id, true, t0).unwrap();
    let key = Passphrase::new_checked("a fine passphrase").unwrap();
    let (db, changed) = encryption::change(db, Some(key), t0);
    changed.unwrap();
    let state = AppState::over(db.unwrap());
    let shell: Arc<dyn Shell> = Arc::new(RecordingShell::default());
    let notifier = DesktopNotifier::default();

    assert!(state.lock_because(), "the screen was locked");
    assert!(run_once(&state, &notifier, &shell, t0).is_err());
    assert!(
        server.received().is_empty(),
        "nothing is read, so nothing is shown, while locked"
    );

    state.unlock("a fine passphrase".into(), t0).unwrap();
    run_once(&state, &notifier, &shell, t0).unwrap();
    assert_eq!(
        server.received()[0].summary,
        "Thank Omar Haddad",
        "what fell due while locked comes once unlocked"
    );
}

// One test, because the notifier finds the bus through the process environment.
#[test]
fn a_due_thank_you_is_one_pop_up_whose_buttons_work() {
    let (scene, mut db) = pop_up_scene();
    // The server is owned here: it goes away halfway through.
    let PopUpScene { server, t0, .. } = scene;
    let day = chrono::Duration::days(1);
    let omar = people::add(&mut db, &PersonInput::named("Omar Haddad"), t0)
        .unwrap()
        .id;
    let state = AppState::over(db);
    let favour = |what: &str| {
        state
            .with_db_blocking(|db| {
                let f = favours::record(
                    db,
                    &FavourInput {
                        person_id: omar.clone(),
                        direction: Direction::ByThem,
                        description: what.into(),
                    },
                    t0,
                )?;
                favours::set_done(db, &f.id, true, t0)
            })
            .unwrap()
            .id
    };
    let recording = Arc::new(RecordingShell::default());
    let shell: Arc<dyn Shell> = recording.clone();
    let notifier = DesktopNotifier::default();

    // Done.
    let intro = favour("the intro to the VP");
    run_once(&state, &notifier, &shell, t0).unwrap();
    run_once(
        &state,
        &notifier,
        &shell,
        t0 + chrono::Duration::seconds(30),
    )
    .unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1, "exactly one Notify call: {received:?}");
    let popup = &received[0];
    assert_eq!(
        (popup.app.as_str(), popup.summary.as_str()),
        ("Allies", "Thank Omar Haddad")
    );
    assert!(popup.body.contains("the intro to the VP"), "{}", popup.body);
    assert_eq!(
        popup.actions,
        ["done", "Done", "snooze", "Snooze 1 day", "default", "Open"]
    );
    click_until(&server, popup.id, "done", "the favour is thanked", || {
        state
            .with_db_blocking(|db| favours::get(db, &intro))
            .unwrap()
            .thanked_at
            .is_some()
    });
    assert!(recording.changed.lock().unwrap().iter().all(Vec::is_empty));

    // Snooze 1 day.
    let on_call = favour("covered my on-call");
    run_once(&state, &notifier, &shell, t0 + day).unwrap();
    let received = server.received();
    assert_eq!(
        received.len(),
        2,
        "thanked ones do not come back: {received:?}"
    );
    let subject = reminders::thank_you_subject(&on_call);
    click_until(
        &server,
        received[1].id,
        "snooze",
        "the thank-you is snoozed",
        || {
            let overview = state
                .with_db_blocking(|db| reminders::overview(db, now()))
                .unwrap();
            overview
                .upcoming
                .iter()
                .any(|i| i.subject == subject && i.snoozed && i.due > now() + day / 2)
        },
    );

    // Open brings the app forward on the person.
    favour("lent me a laptop");
    run_once(
        &state,
        &notifier,
        &shell,
        t0 + day - chrono::Duration::minutes(1),
    )
    .unwrap();
    let popup = server.received().pop().unwrap();
    assert_eq!(server.received().len(), 3);
    click_until(
        &server,
        popup.id,
        "default",
        "the app is asked to open",
        || !recording.opened.lock().unwrap().is_empty(),
    );
    assert_eq!(
        recording.opened.lock().unwrap()[0],
        popup::Place::Person {
            person_id: omar.clone()
        }
    );
    drop(server);

    // With no notification service, reminders are shown in the app and the reason kept.
    run_once(&state, &notifier, &shell, t0 + day * 3).unwrap();
    let changed = recording.changed.lock().unwrap().clone();
    assert_eq!(
        changed.last().unwrap(),
        &["Thank Omar Haddad", "Thank Omar Haddad"],
        "the snoozed one and the daily one"
    );
    assert_eq!(
        state.desktop_problem.lock().unwrap().as_deref(),
        Some("no notification service is running on this desktop")
    );
    let overview = state
        .with_db_blocking(|db| reminders::overview(db, t0 + day * 3))
        .unwrap();
    assert_eq!(overview.overdue.len(), 2, "they wait in the Reminders view");
}

// The pop-ups of a conflict and of keeping in touch: Resolve opens the Review page at the
// conflict (it is never just "done"), Got in touch logs a message with the person.
#[test]
fn a_conflict_opens_the_review_and_got_in_touch_logs_a_message() {
    use allies_core::journal::conflicts::{self, ConflictInput, ConflictStatus};
    use allies_core::journal::interactions;
    use allies_core::journal::profiles;

    let (scene, mut db) = pop_up_scene();
    let (server, t0) = (&scene.server, scene.t0);
    let omar = people::add(&mut db, &PersonInput::named("Omar Haddad"), t0)
        .unwrap()
        .id;
    let today = t0.date_naive();
    let conflict = conflicts::open(
        &mut db,
        &ConflictInput {
            person_id: omar.clone(),
            description: "The on-call rota".into(),
            resolve_by: today.to_string(),
        },
        t0,
        today,
    )
    .unwrap();
    let state = AppState::over(db);
    let recording = Arc::new(RecordingShell::default());
    let shell: Arc<dyn Shell> = recording.clone();
    let notifier = DesktopNotifier::default();

    // The conflict is due this morning (UTC 09:00) or, before that, at 09:00: look then.
    let day = chrono::Duration::days(1);
    run_once(&state, &notifier, &shell, t0 + day).unwrap();
    let popup = server.received().pop().unwrap();
    assert_eq!(popup.summary, "Resolve the tension with Omar Haddad");
    assert_eq!(
        popup.actions,
        [
            "resolve",
            "Resolve…",
            "snooze",
            "Snooze 1 day",
            "default",
            "Open"
        ],
        "no Done on a conflict"
    );
    click_until(server, popup.id, "resolve", "the review opens", || {
        !recording.opened.lock().unwrap().is_empty()
    });
    assert_eq!(
        recording.opened.lock().unwrap()[0],
        popup::Place::Review {
            subject: Some(format!("conflict:{}", conflict.id))
        }
    );
    let still = state
        .with_db_blocking(|db| conflicts::get(db, &conflict.id, today))
        .unwrap();
    assert_eq!(still.status, ConflictStatus::Open, "Resolve asks how first");

    // Keeping in touch every day: due a day after joining.
    state
        .with_db_blocking(|db| {
            let mut p = profiles::get(db, &omar)?;
            p.cadence_days = Some(1);
            profiles::save(db, &omar, &p, t0)
        })
        .unwrap();
    run_once(&state, &notifier, &shell, t0 + day * 2).unwrap();
    let popup = server
        .received()
        .into_iter()
        .rfind(|p| p.summary == "Keep in touch with Omar Haddad")
        .unwrap();
    assert_eq!(
        popup.actions,
        [
            "got_in_touch",
            "Got in touch",
            "snooze",
            "Snooze 1 day",
            "default",
            "Open"
        ]
    );
    click_until(
        server,
        popup.id,
        "got_in_touch",
        "a message is logged",
        || {
            state
                .with_db_blocking(|db| interactions::timeline(db, &omar, 5))
                .unwrap()
                .iter()
                .any(|i| i.kind == interactions::Kind::Message)
        },
    );
}

/// Counts, on tokio's paused clock, how long `quiet_after` waits while a change is notified
/// every `every` for `for_how_long` (none when zero).
async fn waited(every: Duration, for_how_long: Duration) -> Duration {
    let changed = Arc::new(tokio::sync::Notify::new());
    let notifier = Arc::clone(&changed);
    let start = tokio::time::Instant::now();
    let burst = tokio::spawn(async move {
        if every.is_zero() {
            return;
        }
        while start.elapsed() < for_how_long {
            tokio::time::sleep(every).await;
            notifier.notify_one();
        }
    });
    quiet_after(&changed).await;
    burst.abort();
    start.elapsed()
}

#[tokio::test(start_paused = true)]
async fn after_a_change_the_scheduler_waits_for_quiet_but_not_for_ever() {
    assert_eq!(
        waited(Duration::ZERO, Duration::ZERO).await,
        QUIET_AFTER_A_CHANGE,
        "one change: the quiet time"
    );
    assert_eq!(
        waited(Duration::from_millis(100), Duration::from_millis(500)).await,
        Duration::from_millis(500) + QUIET_AFTER_A_CHANGE,
        "a run of changes: the quiet time after the last"
    );
    assert_eq!(
        waited(Duration::from_millis(100), Duration::from_secs(60)).await,
        LONGEST_PUT_OFF,
        "changes without end: looked at after the longest put-off"
    );
}
