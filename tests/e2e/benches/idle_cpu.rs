//! How much CPU the app uses while it waits for the next reminder: the main process's time on
//! a CPU over 65 s with the window open and nothing to do, and how often its threads woke.
//! Goal: under 0.1 % of one core. The bare Tauri window (`ALLIES_REFERENCE_APP`) is measured the
//! same way first: what WebKit and GTK use on their own. Then Allies with sync on, through a folder with another
//! computer's changes in it: the app reads the folder once a minute (a long timer, not a busy
//! poll), so the window holds one such round; goal: as low as without.
//! Runs the app binary in `ALLIES_APP` (the release builds).
//!
//! The time comes from each thread's `/proc/<pid>/task/<tid>/schedstat` (nanoseconds on a CPU,
//! and how many times it was put on one), read every [`SAMPLE`]: the process's own user and
//! system times count in whole clock ticks (10 ms), which is a sample, not a measure, when the
//! whole minute holds a few dozen milliseconds. A thread that ends in the minute (an idle
//! blocking thread is let go after 10 s) counts up to its last reading.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::figures::Figure;
use allies_e2e::{app_binary, reference_binary, PrivateBus, Profile, Result};

const SETTLE: Duration = Duration::from_secs(10);
const MEASURE: Duration = Duration::from_secs(65);
const SAMPLE: Duration = Duration::from_millis(500);
const PASSPHRASE: &str = "a passphrase both computers share";

/// One thread's time on a CPU and the times it was put on one, as last read.
#[derive(Debug, Default, Clone)]
struct ThreadTime {
    name: String,
    ns: u64,
    runs: u64,
}

/// User plus system CPU time of `pid` as the process accounts it, in milliseconds: whole clock
/// ticks, reported beside the measure for comparison with earlier runs.
fn ticked_ms(pid: u32) -> Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').ok_or("odd /proc stat")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11).ok_or("no utime")?.parse()?;
    let stime: u64 = fields.get(12).ok_or("no stime")?.parse()?;
    let out = Command::new("getconf").arg("CLK_TCK").output()?;
    let per_second: u64 = String::from_utf8(out.stdout)?.trim().parse()?;
    Ok((utime + stime) as f64 * 1000.0 / per_second as f64)
}

/// Every thread of `pid` now, by id.
fn threads(pid: u32) -> Result<BTreeMap<u32, ThreadTime>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/task"))? {
        let entry = entry?;
        let Some(tid) = entry.file_name().to_str().and_then(|t| t.parse().ok()) else {
            continue;
        };
        let path = entry.path().join("schedstat");
        let stat = match std::fs::read_to_string(&path) {
            Ok(stat) => stat,
            // The main thread lasts as long as the process: without its counts, there are none.
            Err(e) if tid == pid => {
                return Err(format!(
                    "cannot read {}: {e} (a kernel without CONFIG_SCHED_INFO does not count each thread's time)",
                    path.display()
                )
                .into())
            }
            // A thread that ended since the folder was listed has nothing left to read.
            Err(_) => continue,
        };
        let mut fields = stat.split_whitespace().map(str::parse::<u64>);
        let ns = fields.next().ok_or("empty schedstat")??;
        let runs = fields.nth(1).ok_or("short schedstat")??;
        let name = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        all.insert(
            tid,
            ThreadTime {
                name: name.trim().to_owned(),
                ns,
                runs,
            },
        );
    }
    Ok(all)
}

/// What the threads of a process used between two readings, thread by thread; a thread that
/// started in between counts from zero.
fn used_since(
    before: &BTreeMap<u32, ThreadTime>,
    after: &BTreeMap<u32, ThreadTime>,
) -> Vec<ThreadTime> {
    after
        .iter()
        .map(|(tid, now)| {
            let then = before.get(tid).cloned().unwrap_or_default();
            ThreadTime {
                name: now.name.clone(),
                ns: now.ns.saturating_sub(then.ns),
                runs: now.runs.saturating_sub(then.runs),
            }
        })
        .filter(|t| t.runs > 0)
        .collect()
}

/// The main process's CPU use over [`MEASURE`], idle.
struct Idle {
    /// Share of one core, in percent.
    percent: f64,
    ms: f64,
    wall: f64,
    /// Times a thread was put on a CPU, per minute.
    wakes_per_minute: f64,
    /// The threads that ran, busiest first, those of one name together ("tokio-rt-worker ×3").
    by_thread: String,
    /// The same minute in the process's whole clock ticks.
    ticked_ms: f64,
}

/// Starts `binary` on a bus of its own and measures its main process over [`MEASURE`], idle.
async fn idle_use(binary: &Path, profile: &Profile) -> Result<Idle> {
    let bus = PrivateBus::start()?;
    let mut app = Command::new(binary)
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
    let before = threads(pid)?;
    let ticked_before = ticked_ms(pid)?;
    let mut last = before.clone();
    let started = Instant::now();
    while started.elapsed() < MEASURE {
        tokio::time::sleep(SAMPLE.min(MEASURE.saturating_sub(started.elapsed()))).await;
        // Each thread keeps its last reading: one that ends still counts what it used.
        last.extend(threads(pid)?);
    }
    let wall = started.elapsed().as_secs_f64();
    let ticked = ticked_ms(pid)? - ticked_before;
    let _ = app.kill();
    let _ = app.wait();
    Ok(Idle::of(&used_since(&before, &last), wall, ticked))
}

impl Idle {
    /// What the figure's table says beside the percentage.
    fn detail(&self) -> String {
        format!(
            "{:.1} ms of CPU in {:.0} s ({:.0} ms in clock ticks); its threads ran {:.0} times a minute",
            self.ms, self.wall, self.ticked_ms, self.wakes_per_minute
        )
    }

    fn of(used: &[ThreadTime], wall: f64, ticked_ms: f64) -> Idle {
        let ns: u64 = used.iter().map(|t| t.ns).sum();
        let runs: u64 = used.iter().map(|t| t.runs).sum();
        let mut folded: BTreeMap<&str, (u64, u64, usize)> = BTreeMap::new();
        for t in used {
            let f = folded.entry(t.name.as_str()).or_default();
            *f = (f.0 + t.ns, f.1 + t.runs, f.2 + 1);
        }
        let mut folded: Vec<_> = folded.into_iter().collect();
        folded.sort_by_key(|(_, (ns, _, _))| std::cmp::Reverse(*ns));
        let by_thread = folded
            .iter()
            .map(|(name, (ns, runs, n))| {
                let many = if *n > 1 {
                    format!(" ×{n}")
                } else {
                    String::new()
                };
                format!("{name}{many} {:.1} ms / {runs}", *ns as f64 / 1e6)
            })
            .collect::<Vec<_>>()
            .join(", ");
        let seconds = ns as f64 / 1e9;
        Idle {
            percent: 100.0 * seconds / wall,
            ms: seconds * 1000.0,
            wall,
            wakes_per_minute: runs as f64 * 60.0 / wall,
            by_thread,
            ticked_ms,
        }
    }
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
    let bare = idle_use(&reference_binary()?, &Profile::new()?).await?;
    println!(
        "idle: the bare Tauri window used {:.1} ms of CPU in {:.0} s ({:.0} ms in clock ticks), {:.3} % of a core; its threads ran {:.0} times a minute: {}",
        bare.ms, bare.wall, bare.ticked_ms, bare.percent, bare.wakes_per_minute, bare.by_thread
    );
    Figure {
        name: "idle CPU over 65 s, bare Tauri window",
        value: bare.percent,
        unit: "% of a core",
        detail: &bare.detail(),
        goal: "",
    }
    .record()?;

    let app = app_binary()?;
    let alone = idle_use(&app, &Profile::new()?).await?;
    println!(
        "idle: the app's main process used {:.1} ms of CPU in {:.0} s waiting for reminders ({:.0} ms in clock ticks): {:.3} % of a core (goal < 0.1 %; the bare window {:.3} %); its threads ran {:.0} times a minute: {}",
        alone.ms, alone.wall, alone.ticked_ms, alone.percent, bare.percent, alone.wakes_per_minute, alone.by_thread
    );
    Figure {
        name: "idle CPU over 65 s, the main process",
        value: alone.percent,
        unit: "% of a core",
        detail: &format!("{} (bare window: {:.1} ms)", alone.detail(), bare.ms),
        goal: "< 0.1 %",
    }
    .record()?;

    let syncing = Profile::new()?;
    sync_on(&syncing)?;
    let on = idle_use(&app, &syncing).await?;
    println!(
        "idle with sync on: {:.1} ms of CPU in {:.0} s ({:.0} ms in clock ticks), {:.3} % of a core, {:.0} runs a minute; without: {:.3} % (goal: as low as without, < 0.1 %): {}",
        on.ms, on.wall, on.ticked_ms, on.percent, on.wakes_per_minute, alone.percent, on.by_thread
    );
    Figure {
        name: "idle CPU over 65 s with sync on",
        value: on.percent,
        unit: "% of a core",
        detail: &format!("{} (without sync: {:.1} ms)", on.detail(), alone.ms),
        goal: "< 0.1 %, as without",
    }
    .record()?;
    Ok(())
}
