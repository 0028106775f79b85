//! How much CPU the app uses while it waits for the next reminder: the main process's user and
//! system time over 65 s with the window open and nothing to do, from /proc/<pid>/stat.
//! Goal: under 0.1 % of one core. Then the same with sync on, through a folder with another
//! computer's changes in it: the app reads the folder once a minute (a long timer, not a busy
//! poll), so the window holds one such round; goal: as low as without.
//! Runs the app binary in `ALLIES_APP` (the release build).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::figures::Figure;
use allies_e2e::{app_binary, PrivateBus, Profile, Result};

const SETTLE: Duration = Duration::from_secs(10);
const MEASURE: Duration = Duration::from_secs(65);
const PASSPHRASE: &str = "a passphrase both computers share";

/// User plus system CPU time of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').ok_or("odd /proc stat")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11).ok_or("no utime")?.parse()?;
    let stime: u64 = fields.get(12).ok_or("no stime")?.parse()?;
    Ok(utime + stime)
}

fn ticks_per_second() -> Result<u64> {
    let out = Command::new("getconf").arg("CLK_TCK").output()?;
    Ok(String::from_utf8(out.stdout)?.trim().parse()?)
}

/// The main process's CPU use over [`MEASURE`], idle, as a share of one core: (percent, ms, s).
async fn idle_use(profile: &Profile) -> Result<(f64, f64, f64)> {
    let bus = PrivateBus::start()?;
    let mut app = Command::new(app_binary()?)
        .env("ALLIES_DATA_DIR", profile.data_dir())
        .env("HOME", profile.xdg("home"))
        .env("XDG_CONFIG_HOME", profile.xdg("xdg-config"))
        .env("XDG_CACHE_HOME", profile.xdg("xdg-cache"))
        .env("XDG_DATA_HOME", profile.xdg("xdg-data"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    tokio::time::sleep(SETTLE).await;
    if app.try_wait()?.is_some() {
        return Err("the app stopped before it could be measured".into());
    }
    let pid = app.id();
    let before = cpu_ticks(pid)?;
    let started = Instant::now();
    tokio::time::sleep(MEASURE).await;
    let used = cpu_ticks(pid)? - before;
    let wall = started.elapsed().as_secs_f64();
    let _ = app.kill();
    let _ = app.wait();
    let seconds = used as f64 / ticks_per_second()? as f64;
    Ok((100.0 * seconds / wall, seconds * 1000.0, wall))
}

/// Sync on for the data in `profile`, through a folder another computer already wrote 200
/// changes to, so each round reads a folder with files in it.
fn sync_on(profile: &Profile) -> Result<()> {
    use allies_core::{people, sync, Database};
    use chrono::TimeZone;
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    let folder = profile.xdg("home").join("Sync").join("Allies");
    let mut other = Database::open_in(&profile.xdg("home").join("other-computer"), now)?;
    sync::enable(&mut other, &folder, PASSPHRASE, "Desktop", now)?;
    for i in 0..200 {
        people::add(
            &mut other,
            &people::PersonInput::named(&format!("Person {i}")),
            now,
        )?;
    }
    sync::push(&mut other, &folder, now)?;
    let mut mine = Database::open_in(&profile.data_dir(), now)?;
    sync::enable(&mut mine, &folder, PASSPHRASE, "Laptop", now)?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let (percent, ms, wall) = idle_use(&Profile::new()?).await?;
    println!(
        "idle: the app's main process used {ms:.0} ms of CPU in {wall:.0} s waiting for reminders: {percent:.3} % of a core (goal < 0.1 %)"
    );
    Figure {
        name: "idle CPU over 65 s, the main process",
        value: percent,
        unit: "% of a core",
        detail: &format!("{ms:.0} ms of CPU in {wall:.0} s"),
        goal: "< 0.1 %",
    }
    .record()?;

    let syncing = Profile::new()?;
    sync_on(&syncing)?;
    let (on, on_ms, on_wall) = idle_use(&syncing).await?;
    println!(
        "idle with sync on: {on_ms:.0} ms of CPU in {on_wall:.0} s, {on:.3} % of a core; without: {percent:.3} % (goal: as low as without, < 0.1 %)"
    );
    Figure {
        name: "idle CPU over 65 s with sync on",
        value: on,
        unit: "% of a core",
        detail: &format!("{on_ms:.0} ms of CPU in {on_wall:.0} s (without sync: {ms:.0} ms)"),
        goal: "< 0.1 %, as without",
    }
    .record()?;
    Ok(())
}
