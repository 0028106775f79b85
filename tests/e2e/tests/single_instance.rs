//! One app per data folder: a second launch opens nothing, whether it can hand over to the
//! running app (over the session bus) or not.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::{app_binary, App, PrivateBus, Profile, Result};

/// Starts the app binary as a second launch with `data_dir`, on the session bus at `bus`.
fn second_launch(profile: &Profile, data_dir: &std::path::Path, bus: &str) -> Result<Child> {
    Ok(Command::new(app_binary()?)
        .env("ALLIES_DATA_DIR", data_dir)
        .env("HOME", profile.xdg("home"))
        .env("XDG_CONFIG_HOME", profile.xdg("xdg-config"))
        .env("XDG_DATA_HOME", profile.xdg("xdg-data"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("GSETTINGS_BACKEND", "memory")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_over_before_it_opens_any_data() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    // Pointed at a folder that does not exist: opening the data would create it.
    let elsewhere = profile.xdg("second-data");
    let started = Instant::now();
    let mut second = second_launch(&profile, &elsewhere, bus.address())?;
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = second.kill();
            let _ = second.wait();
            return Err("the second launch kept running next to the first".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "it hands over and exits: {status}");
    assert!(
        !elsewhere.exists(),
        "the second launch opened (and created) a database before handing over"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_session_bus_the_folder_lock_keeps_a_second_app_out_of_the_data() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;

    // No bus: the second launch cannot find the first and starts a window of its own.
    let mut second = second_launch(
        &profile,
        &profile.data_dir(),
        "unix:path=/nonexistent/allies-no-bus",
    )?;
    let mut stderr = second.stderr.take().ok_or("no stderr")?;
    let reading = std::thread::spawn(move || {
        let mut said = Vec::new();
        let mut buf = [0u8; 512];
        // Until the process ends (it is killed below) or says why it opened nothing.
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            said.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&said).contains("already running") {
                break;
            }
        }
        String::from_utf8_lossy(&said).into_owned()
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while !reading.is_finished() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = second.kill();
    let _ = second.wait();
    let said = reading.join().map_err(|_| "the reader stopped")?;
    assert!(
        said.contains("Allies is already running with the data in"),
        "the second app says it opened nothing: {said:?}"
    );

    // The first one carries on with the data.
    app.invoke(
        "add_person",
        serde_json::json!({ "input": { "name": "Dana Ng" } }),
    )
    .await?;
    // Read back from the database, not from the page's memory.
    app.client.refresh().await?;
    app.wait_for(".person-row[data-id]").await?;
    app.wait_for_text(".person-row[data-id]", |t| t.contains("Dana Ng"))
        .await?;
    app.screenshot("single-instance-first-carries-on").await?;
    app.close().await?;
    Ok(())
}

/// Collects what a launch writes on stderr, readable at any moment.
fn collect_stderr(launch: &mut Child) -> Result<std::sync::Arc<std::sync::Mutex<String>>> {
    let mut stderr = launch.stderr.take().ok_or("no stderr")?;
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let into = std::sync::Arc::clone(&said);
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut s) = into.lock() {
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });
    Ok(said)
}

/// Two launches at the same moment on a new data folder: one opens the data and stays, the
/// other opens nothing. With a session bus the other hands over and exits; without one, the
/// folder's lock keeps it out and it says so. Either way the data opens whole afterwards.
#[tokio::test(flavor = "multi_thread")]
async fn two_launches_at_the_same_moment_open_the_data_once() -> Result<()> {
    const REFUSED: &str = "Allies is already running with the data in";
    for with_bus in [true, false] {
        let profile = Profile::new()?;
        let bus = PrivateBus::start()?;
        let address = if with_bus {
            bus.address().to_owned()
        } else {
            "unix:path=/nonexistent/allies-no-bus".to_owned()
        };
        let data = profile.data_dir();
        let mut launches = [
            second_launch(&profile, &data, &address)?,
            second_launch(&profile, &data, &address)?,
        ];
        let said = [
            collect_stderr(&mut launches[0])?,
            collect_stderr(&mut launches[1])?,
        ];
        let text = |i: usize| said[i].lock().map(|s| s.clone()).unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(45);
        let mut exited = Vec::new();
        loop {
            for (i, launch) in launches.iter_mut().enumerate() {
                if let Some(status) = launch.try_wait()? {
                    if !exited.iter().any(|(j, _)| *j == i) {
                        exited.push((i, status));
                    }
                }
            }
            let refused = (0..2).filter(|&i| text(i).contains(REFUSED)).count();
            if (with_bus && !exited.is_empty()) || (!with_bus && refused > 0) {
                break;
            }
            if Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Time for a second loser, if there were one, to give way too.
        tokio::time::sleep(Duration::from_secs(3)).await;
        for (i, launch) in launches.iter_mut().enumerate() {
            if let Some(status) = launch.try_wait()? {
                if !exited.iter().any(|(j, _)| *j == i) {
                    exited.push((i, status));
                }
            }
        }
        let refused = (0..2).filter(|&i| text(i).contains(REFUSED)).count();
        for launch in &mut launches {
            let _ = launch.kill();
            let _ = launch.wait();
        }
        let both = format!("first: {:?}, second: {:?}", text(0), text(1));
        if with_bus {
            assert_eq!(
                exited.len(),
                1,
                "with a bus, exactly one launch hands over and exits ({exited:?}); {both}"
            );
            assert!(exited[0].1.success(), "it exits cleanly; {both}");
        } else {
            assert!(
                exited.is_empty(),
                "without a bus neither exits on its own ({exited:?}); {both}"
            );
            assert_eq!(refused, 1, "exactly one is kept out of the data; {both}");
        }
        // The data the one that stayed made opens, whole.
        #[allow(clippy::disallowed_methods)] // the apps under test read the real clock too
        let now = chrono::Utc::now();
        let db = allies_core::Database::open_in(&data, now)
            .map_err(|e| format!("the data after the race does not open: {e}; {both}"))?;
        drop(db);
    }
    Ok(())
}

/// A launch while the running app encrypts its data: the second one hands over and exits while
/// the file is still being rewritten, so it cannot have opened (or migrated) it, since opening
/// waits for the rewrite to end. Afterwards the data opens, whole, with the new passphrase.
#[tokio::test(flavor = "multi_thread")]
async fn a_launch_during_an_encryption_change_hands_over_without_opening_the_data() -> Result<()> {
    use allies_core::storage::{encryption::Passphrase, locks::DataLock, DB_FILE};
    const PASSPHRASE: &str = "correct horse battery staple";
    const PEOPLE: i64 = 2000;
    let profile = Profile::new()?;
    let data = profile.data_dir();
    #[allow(clippy::disallowed_methods)] // the apps under test read the real clock too
    let now = chrono::Utc::now();
    drop(allies_core::Database::open_in(&data, now)?);
    {
        // Large enough (about 100 MB with its index) that encrypting it takes a while.
        let conn = rusqlite::Connection::open(data.join(DB_FILE))?;
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO people (id, name, role, notes, name_key, search_text, created_at, updated_at)
             SELECT printf('p%05d', i), 'Person ' || i, 'Engineer', hex(randomblob(8000)),
                    'person ' || i, 'person ' || i,
                    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n",
            [PEOPLE],
        )?;
    }
    println!(
        "encrypting {} MB",
        std::fs::metadata(data.join(DB_FILE))?.len() / 1_000_000
    );
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for(".person-row[data-id]").await?;
    app.go("settings").await?;
    app.fill("#enc-passphrase", PASSPHRASE).await?;
    app.fill("#enc-repeat", PASSPHRASE).await?;
    app.click("#enc-understood").await?;

    // Whether the running app holds the file alone (it does only while it changes it).
    let rewriting = || {
        matches!(
            DataLock::shared(&data, Duration::ZERO),
            Err(e) if e.code() == "storage.busy"
        )
    };
    assert!(
        !rewriting(),
        "the app uses the data alongside others before"
    );
    app.click("#enc-submit").await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !rewriting() {
        if Instant::now() > deadline {
            return Err("the encryption never started rewriting the file".into());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let launched = Instant::now();
    let mut second = second_launch(&profile, &data, bus.address())?;
    let said = collect_stderr(&mut second)?;
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            let _ = second.wait();
            return Err("the second launch kept running during the encryption".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let still_rewriting = rewriting();
    let said = said.lock().map(|s| s.clone()).unwrap_or_default();
    assert!(
        status.success(),
        "it hands over and exits: {status}; {said:?}"
    );
    assert!(
        still_rewriting,
        "the second launch ended while the file was still being encrypted, so it never waited to open it; {said:?}"
    );

    // Rewriting the file takes a while on a loaded machine: wait for it to end, then for the page.
    let handed_over = Instant::now();
    let patience = handed_over + Duration::from_secs(300);
    while rewriting() {
        if Instant::now() > patience {
            return Err("the encryption did not finish within five minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "the second launch took {:?}; the encryption went on {:?} after it",
        handed_over.duration_since(launched),
        handed_over.elapsed()
    );
    app.wait_for("#encryption-on").await?;
    app.wait_for_text("#toasts", |t| t.contains("now encrypted"))
        .await?;
    app.client
        .execute(
            "document.getElementById('settings-encryption').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await?;
    app.screenshot("single-instance-launch-during-encryption")
        .await?;
    app.close().await?;

    let key = Passphrase::given(PASSPHRASE)?;
    let path = data.join(DB_FILE);
    assert!(
        allies_core::storage::encryption::is_encrypted(&path),
        "the file is encrypted"
    );
    let db = allies_core::Database::open_with_key(&path, now, Some(&key))
        .map_err(|e| format!("the data does not open with the new passphrase: {e}"))?;
    let everyone = allies_core::people::list(&db, "")?.len() as i64;
    assert_eq!(everyone, PEOPLE, "every person is still there");
    Ok(())
}
