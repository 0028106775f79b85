//! How much CPU the app uses while it waits for the next reminder: the main process's user and
//! system time over 60 s with the window open and nothing to do, from /proc/<pid>/stat.
//! Goal: under 0.1 % of one core. Runs the app binary in `ALLIES_APP` (the release build).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use allies_e2e::figures::Figure;
use allies_e2e::{app_binary, PrivateBus, Profile, Result};

const SETTLE: Duration = Duration::from_secs(10);
const MEASURE: Duration = Duration::from_secs(60);

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

#[tokio::main]
async fn main() -> Result<()> {
    let profile = Profile::new()?;
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
    let percent = 100.0 * seconds / wall;
    println!(
        "idle: the app's main process used {:.0} ms of CPU in {wall:.0} s waiting for reminders: {percent:.3} % of a core (goal < 0.1 %)",
        seconds * 1000.0
    );
    Figure {
        name: "idle CPU over 60 s, the main process",
        value: percent,
        unit: "% of a core",
        detail: &format!("{:.0} ms of CPU in {wall:.0} s", seconds * 1000.0),
        goal: "< 0.1 %",
    }
    .record()?;
    Ok(())
}
