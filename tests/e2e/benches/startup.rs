//! `make bench`: how long the production build takes from launch to an interactive map grid,
//! and how much memory it then holds at rest, each as a ratio to a bare Tauri window built from
//! the same Tauri (tests/reference-app), measured side by side in one run: the five (the bare
//! window twice; Allies empty, with 10,000 people and with ten years of data) are started in
//! turn, several rounds, and each figure is the median of its rounds.
//!
//! Allies chooses how WebKit draws (without a GPU it turns WebKit's DMA-BUF renderer off,
//! which saves a bare window's web process 70 MiB). The bare window is started as it comes and
//! with that renderer off too, and each ratio is taken against whichever of the two did better,
//! so no figure is a ratio to a reference made slower or bigger than it could be.
//!
//! Allies opens on the section shown last. Its starts are those of a user who left it on the
//! map: one launch before the rounds opens the map and closes, and each start gets a copy of
//! the window's storage it left (the bare window's starts get nothing: it keeps none).
//!
//! Launch is the moment a small script, given to WebDriver as the program, runs the binary.
//! The window is mapped when the X server tells a watcher of its own (src/window_maps.rs) that
//! a top-level window appeared.
//! Ready is read inside the page: the map view's "map: ready" mark (its first load drawn), or
//! for the bare window the end of its load event. The page's other marks split the time into
//! phases (see [`PHASES`]). Memory is the whole process tree (the app and WebKit's web and
//! network processes) after the window has rested. Runs the binaries in `ALLIES_APP` and
//! `ALLIES_REFERENCE_APP` (the release builds).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use allies_core::maps::{self, MapInput, Position};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use allies_e2e::figures::{median, Figure};
use allies_e2e::memory::{find_descendant, tree_memory, TreeMemory};
use allies_e2e::window_maps::WindowMaps;
use allies_e2e::{
    app_binary, reference_binary, App, PrivateBus, Profile, Result, RENDERER_AS_THE_APP_CHOOSES,
};
use chrono::{TimeZone, Utc};

// The core's bench data, made the same way (a fixed seed) as its ten-years bench makes it.
#[allow(dead_code, clippy::all)]
#[path = "../../../core/benches/journal/mod.rs"]
mod journal;

const ROUNDS: usize = 7;
/// How long a window rests after it is ready before its memory is read.
const REST: Duration = Duration::from_secs(3);
const PEOPLE: usize = 10_000;
const PLACED: usize = 100;
/// Ten years of data, as the core's scale bench has it (core/benches/scale.rs).
const TEN_YEARS: journal::Sizes = journal::Sizes {
    people: 100_000,
    interactions: 1_000_000,
    ledger: 50_000,
    maps: 20,
    per_map: 500,
};

/// The phases of an Allies start, each ending at a mark of the page (or, for the first, the
/// moment its navigation began): what the README's breakdown lists.
const PHASES: [(&str, &str); 6] = [
    ("launch to the page", ""),
    ("its modules", "app: boot"),
    ("the first answer (status)", "app: status"),
    ("the first section's code", "app: first view loaded"),
    ("the map's data", "map: data"),
    ("drawing the grid", "map: ready"),
];

#[derive(Clone, Copy, PartialEq)]
enum Subject {
    Bare,
    BareWithoutDmabuf,
    Empty,
    TenThousand,
    TenYears,
}

impl Subject {
    fn is_bare(self) -> bool {
        matches!(self, Subject::Bare | Subject::BareWithoutDmabuf)
    }

    fn label(self) -> &'static str {
        match self {
            Subject::Bare => "bare Tauri window",
            Subject::BareWithoutDmabuf => "bare Tauri window, DMA-BUF renderer off",
            Subject::Empty => "Allies, empty database",
            Subject::TenThousand => "Allies, 10,000 people",
            Subject::TenYears => "Allies, ten years of data",
        }
    }
}

struct Run {
    /// Launch to ready, and the part of it before the page started loading, in ms.
    startup: f64,
    native: f64,
    /// Launch until the window was mapped (shown on the display), in ms.
    mapped: f64,
    /// Each of [`PHASES`] in ms (the bare window: only the first).
    phases: Vec<f64>,
    memory: TreeMemory,
}

/// A data folder with one map (the grid needs one to show) and `people` people, `PLACED` of
/// them on the map when there are any. Each run gets a copy, so every launch starts the same.
fn seed(dir: &Path, people: usize) -> Result<()> {
    #[allow(clippy::disallowed_methods)] // a benchmark of real use, at real time
    let now = Utc::now();
    let mut db = Database::open_in(dir, now)?;
    let map = maps::create(&mut db, &MapInput::named("Promotion"), now)?.id;
    for i in 0..people {
        let input = PersonInput {
            role: format!("Role {}", i % 53),
            department: format!("Department {}", i % 17),
            ..PersonInput::named(&format!("Person {i:05}"))
        };
        let id = people::add(&mut db, &input, now)?.id;
        if i < PLACED {
            let at = (i as f64 + 0.5) / PLACED as f64;
            maps::place(&mut db, &map, &id, Position::new(at, 1.0 - at), None, now)?;
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A script that writes the time (ns since the epoch) to `stamp`, then becomes `binary`.
fn launcher(dir: &Path, binary: &Path, stamp: &Path) -> Result<PathBuf> {
    let script = dir.join("launch.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ndate +%s%N > '{}'\nexec '{}' \"$@\"\n",
            stamp.display(),
            binary.display()
        ),
    )?;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    Ok(script)
}

/// In the page: when it became ready and when its navigation started, in ms since the epoch.
/// Allies opens on its map by itself (see the top); a start that opened elsewhere is an error.
const APP_READY: &str = "const done = arguments[arguments.length - 1];
  const end = performance.now() + 60000;
  const look = () => {
    const mark = performance.getEntriesByName('map: ready')[0];
    const marks = {};
    for (const m of performance.getEntriesByType('mark')) marks[m.name] ??= m.startTime;
    const opened = marks['app: first view loaded'] !== undefined;
    if (mark) done({ ready: performance.timeOrigin + mark.startTime, origin: performance.timeOrigin, marks });
    else if (opened && !location.hash.startsWith('#/map')) done({ error: `Allies opened on ${location.hash || 'People'}, not on the map it was left on` });
    else if (performance.now() > end) done({ error: 'the map never became ready' });
    else setTimeout(look, 20);
  };
  look();";

/// Opens Allies once on `template`'s data, shows the map and closes: the window's storage it
/// leaves (in `XDG_DATA_HOME`) is copied to `into`, so each measured start opens on the map.
async fn leave_on_the_map(template: &Path, into: &Path, bus: &PrivateBus) -> Result<()> {
    let profile = Profile::new()?;
    copy_dir(template, &profile.data_dir())?;
    let app = App::launch_binary(
        &app_binary()?,
        &profile,
        bus,
        &[RENDERER_AS_THE_APP_CHOOSES],
    )
    .await?;
    app.go("map").await?;
    app.wait_until(
        "the map drawn",
        "document.querySelector('.map-view')?.dataset.ready === 'true'",
    )
    .await?;
    // WebKit writes the window's storage to disk shortly after a change, not at once.
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.close().await?;
    copy_dir(&profile.xdg("xdg-data"), into)
}

const BARE_READY: &str = "const done = arguments[arguments.length - 1];
  const end = performance.now() + 60000;
  const look = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.loadEventEnd > 0) done({ ready: performance.timeOrigin + nav.loadEventEnd, origin: performance.timeOrigin });
    else if (performance.now() > end) done({ error: 'the page never finished loading' });
    else setTimeout(look, 20);
  };
  look();";

/// What an Allies start begins from: its data folder and the window's storage.
struct Template<'a> {
    data: &'a Path,
    web: &'a Path,
}

async fn run_once(
    subject: Subject,
    template: Option<&Template<'_>>,
    bus: &PrivateBus,
) -> Result<Run> {
    let profile = Profile::new()?;
    if let Some(template) = template {
        copy_dir(template.data, &profile.data_dir())?;
        copy_dir(template.web, &profile.xdg("xdg-data"))?;
    }
    let binary = if subject.is_bare() {
        reference_binary()?
    } else {
        app_binary()?
    };
    let stamp = profile.xdg("launched-at");
    let script = launcher(&profile.xdg(""), &binary, &stamp)?;
    let env = match subject {
        Subject::Bare => ("WEBKIT_DISABLE_DMABUF_RENDERER", "0"),
        Subject::BareWithoutDmabuf => ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        _ => RENDERER_AS_THE_APP_CHOOSES,
    };
    // Watched from before the launch, and only while this window starts.
    let windows = WindowMaps::watch()?;
    let app = App::launch_binary(&script, &profile, bus, &[env]).await?;
    let script = if subject.is_bare() {
        BARE_READY
    } else {
        APP_READY
    };
    let times = app.client.execute_async(script, vec![]).await?;
    if let Some(e) = times.get("error") {
        return Err(format!("{}: {e}", subject.label()).into());
    }
    let ready = times["ready"].as_f64().ok_or("no ready time")?;
    let origin = times["origin"].as_f64().ok_or("no navigation time")?;
    let launched_ns = std::fs::read_to_string(&stamp)?.trim().parse::<u64>()?;
    let launched = launched_ns as f64 / 1e6;
    let mapped = windows.first_since(
        UNIX_EPOCH + Duration::from_nanos(launched_ns),
        Duration::from_secs(10),
    )?;
    drop(windows);
    let mapped = mapped.duration_since(UNIX_EPOCH)?.as_nanos() as f64 / 1e6 - launched;
    let mut phases = vec![origin - launched];
    if !subject.is_bare() {
        let mut before = 0.0;
        for (_, name) in &PHASES[1..] {
            let at = times["marks"][name]
                .as_f64()
                .ok_or_else(|| format!("{}: no mark \"{name}\"", subject.label()))?;
            phases.push(at - before);
            before = at;
        }
    }
    let placed = match subject {
        Subject::TenThousand => Some(PLACED),
        Subject::TenYears => Some(TEN_YEARS.per_map),
        _ => None,
    };
    if let Some(placed) = placed {
        let cards = app
            .client
            .execute(
                "return document.querySelectorAll('.map-card').length;",
                vec![],
            )
            .await?;
        assert_eq!(
            cards,
            serde_json::json!(placed),
            "the grid that was timed must show the map's cards"
        );
    }

    tokio::time::sleep(REST).await;
    let driver = app.driver_pid().ok_or("no driver")?;
    let pid = find_descendant(driver, &binary)?
        .ok_or_else(|| format!("no process of {} found", binary.display()))?;
    // The web process must be counted, or the app's memory is understated.
    let deadline = Instant::now() + Duration::from_secs(10);
    let memory = loop {
        let (memory, names) = tree_memory(pid)?;
        if names.iter().any(|n| n.starts_with("WebKitWebProces")) {
            break memory;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{}: no web process under the app, only {names:?}",
                subject.label()
            )
            .into());
        }
        println!(
            "startup: {}: no web process under the app yet ({names:?}); looking again",
            subject.label()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    app.close().await?;
    Ok(Run {
        startup: ready - launched,
        native: origin - launched,
        mapped,
        phases,
        memory,
    })
}

const MIB: f64 = 1024.0 * 1024.0;

#[tokio::main]
async fn main() -> Result<()> {
    let started = Instant::now();
    let templates = tempfile::tempdir()?;
    let empty = templates.path().join("empty");
    let full = templates.path().join("full");
    let years = templates.path().join("ten-years");
    seed(&empty, 0)?;
    seed(&full, PEOPLE)?;
    let at = Utc
        .with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    journal::load(&years, at, TEN_YEARS).map_err(|e| e.to_string())?;
    println!(
        "startup: seeded the databases in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let bus = PrivateBus::start()?;
    let web = templates.path().join("web");
    leave_on_the_map(&empty, &web, &bus).await?;
    let template = |data| Some(Template { data, web: &web });
    let subjects = [
        (Subject::Bare, None),
        (Subject::BareWithoutDmabuf, None),
        (Subject::Empty, template(empty.as_path())),
        (Subject::TenThousand, template(full.as_path())),
        (Subject::TenYears, template(years.as_path())),
    ];
    let mut runs: Vec<Vec<Run>> = subjects.iter().map(|_| Vec::new()).collect();
    for round in 1..=ROUNDS {
        for (i, (subject, template)) in subjects.iter().enumerate() {
            let run = run_once(*subject, template.as_ref(), &bus).await?;
            println!(
                "startup: round {round}, {}: ready {:.0} ms after launch (window mapped at {:.0} ms, page began at {:.0} ms; phases {:.0?}), {:.1} MiB RSS, {:.1} MiB PSS in {} processes",
                subject.label(),
                run.startup,
                run.mapped,
                run.native,
                run.phases,
                run.memory.rss as f64 / MIB,
                run.memory.pss as f64 / MIB,
                run.memory.processes
            );
            runs[i].push(run);
        }
    }

    let of = |i: usize, f: fn(&Run) -> f64| median(&runs[i].iter().map(f).collect::<Vec<_>>());
    let startup = |r: &Run| r.startup;
    let rss = |r: &Run| r.memory.rss as f64 / MIB;
    let pss = |r: &Run| r.memory.pss as f64 / MIB;
    // The reference: each figure of whichever bare window did better (see the top).
    let better = |f: fn(&Run) -> f64| {
        (0..2)
            .map(|i| (of(i, f), i))
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };
    // Each bare window's median in ms, then each Allies start's as a ratio to the better one.
    let timed = |bare_what: &str, what: &str, f: fn(&Run) -> f64, goals: [&str; 3]| {
        for (i, (bare, _)) in subjects.iter().enumerate().take(2) {
            Figure {
                name: &format!("start-up: {}, {bare_what}", bare.label()),
                value: of(i, f),
                unit: "ms",
                detail: &format!("median of {ROUNDS}"),
                ..Default::default()
            }
            .record()?;
        }
        let (bare_ms, fastest) = better(f);
        let fastest = subjects[fastest].0.label();
        for (i, goal) in (2..5).zip(goals) {
            let ms = of(i, f);
            Figure {
                name: &format!("{what}, {}", subjects[i].0.label()),
                value: ms / bare_ms,
                unit: "×",
                detail: &format!("{ms:.0} ms vs {bare_ms:.0} ms ({fastest})"),
                goal,
            }
            .record()?;
        }
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    };
    timed(
        "launch to page loaded",
        "start-up to interactive grid",
        |r| r.startup,
        ["≤ 1.15×", "≤ 1.25×", "≤ 1.5×"],
    )?;
    // Until the window shows: what a user sees first, whatever the page then does.
    timed(
        "launch until the window is mapped",
        "launch until the window is mapped",
        |r| r.mapped,
        ["", "≤ 1.1×", ""],
    )?;
    // Where the time goes: the median of each phase (they need not add up to the median total).
    for (i, (subject, _)) in subjects.iter().enumerate().skip(2) {
        let parts: Vec<String> = PHASES
            .iter()
            .enumerate()
            .map(|(k, (what, _))| {
                let ms = median(&runs[i].iter().map(|r| r.phases[k]).collect::<Vec<_>>());
                format!("{what} {ms:.0}")
            })
            .collect();
        Figure {
            name: &format!("start-up phases, {} (medians, ms)", subject.label()),
            value: of(i, startup),
            unit: "ms",
            detail: &parts.join(" · "),
            ..Default::default()
        }
        .record()?;
    }
    for (i, (bare, _)) in subjects.iter().enumerate().take(2) {
        Figure {
            name: &format!("idle memory: {} (app + WebKit processes)", bare.label()),
            value: of(i, rss),
            unit: "MiB",
            detail: &format!("RSS, median of {ROUNDS}; PSS {:.0} MiB", of(i, pss)),
            ..Default::default()
        }
        .record()?;
    }
    let (bare_rss, smallest) = better(rss);
    let bare_pss = of(smallest, pss);
    let smallest = subjects[smallest].0.label();
    for (i, goal) in [(2, "≤ 1.15×"), (3, "≤ 1.15×"), (4, "")] {
        let (mib, pss_mib) = (of(i, rss), of(i, pss));
        Figure {
            name: &format!("idle memory, {}", subjects[i].0.label()),
            value: mib / bare_rss,
            unit: "×",
            detail: &format!(
                "RSS {mib:.0} MiB vs {bare_rss:.0} MiB ({smallest}); PSS {pss_mib:.0} vs {bare_pss:.0} MiB"
            ),
            goal,
        }
        .record()?;
    }
    for (i, (subject, _)) in subjects.iter().enumerate() {
        println!(
            "startup: {}: median {:.0} ms to ready, {:.1} MiB RSS, {:.1} MiB PSS",
            subject.label(),
            of(i, startup),
            of(i, rss),
            of(i, pss)
        );
    }
    Ok(())
}
