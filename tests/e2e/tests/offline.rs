//! The app opens no network connection: while a whole working session runs (sync on, through a
//! folder, among it), the sockets of the app and its WebKit processes are read from /proc again
//! and again, and only the local link that drives the test (WebDriver and WebKit's inspector, on
//! 127.0.0.1) may be there.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use allies_e2e::{app_binary, App, PrivateBus, Profile, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

/// How often the sockets are read. A connection that opens and closes between two readings
/// is missed, so this is as short as the reading allows (a few ms for the whole tree).
const SAMPLE_EVERY: Duration = Duration::from_millis(25);

/// The socket tables of the internet families; everything else (unix sockets for D-Bus and
/// X11, netlink) is local by nature.
const TABLES: [&str; 6] = ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"];
const TCP_LISTEN: u8 = 0x0A;

/// One line of /proc/<pid>/net/<table>.
#[derive(Debug, Clone, PartialEq)]
struct InetSocket {
    table: &'static str,
    local: SocketAddr,
    remote: SocketAddr,
    state: u8,
    inode: u64,
}

/// An address as the kernel prints it: "0100007F:1F90", each 32-bit word of the address in the
/// host's byte order, then the port.
fn parse_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for i in 0..ip.len() / 8 {
        let word = u32::from_str_radix(ip.get(i * 8..i * 8 + 8)?, 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip = match bytes.len() {
        4 => IpAddr::from(<[u8; 4]>::try_from(bytes).ok()?),
        16 => IpAddr::from(<[u8; 16]>::try_from(bytes).ok()?),
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

fn parse_table(table: &'static str, text: &str) -> Vec<InetSocket> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            Some(InetSocket {
                table,
                local: parse_addr(f.get(1)?)?,
                remote: parse_addr(f.get(2)?)?,
                state: u8::from_str_radix(f.get(3)?, 16).ok()?,
                inode: f.get(9)?.parse().ok()?,
            })
        })
        .collect()
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// Why `s` is not part of the automation link on `automation` ports, or None when it is: a
/// loopback listener on one of those ports, or a loopback TCP connection to or from one.
fn outside_the_automation(s: &InetSocket, automation: &BTreeSet<u16>) -> Option<String> {
    let tcp = s.table.starts_with("tcp");
    if tcp && s.state == TCP_LISTEN {
        if is_loopback(s.local.ip()) && automation.contains(&s.local.port()) {
            return None;
        }
        return Some(format!("listens on {} ({})", s.local, s.table));
    }
    let both_local = is_loopback(s.local.ip()) && is_loopback(s.remote.ip());
    let automation_port =
        automation.contains(&s.local.port()) || automation.contains(&s.remote.port());
    if tcp && both_local && automation_port {
        return None;
    }
    Some(format!(
        "{} {} -> {} (state {:02X})",
        s.table, s.local, s.remote, s.state
    ))
}

/// Parent of every running process, from /proc/<pid>/stat.
fn parents() -> HashMap<u32, u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return HashMap::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // After the command name in parentheses: state, ppid, …
            let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?;
            Some((pid, ppid.parse().ok()?))
        })
        .collect()
}

/// `root` and every process started under it.
fn tree(root: u32) -> Vec<u32> {
    let parents = parents();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| **p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    found
}

fn command_name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_owned())
        .unwrap_or_default()
}

/// The inodes of the sockets `pid` holds open.
fn socket_inodes(pid: u32) -> BTreeSet<u64> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return BTreeSet::new();
    };
    fds.filter_map(|fd| {
        let target = std::fs::read_link(fd.ok()?.path()).ok()?;
        let target = target.to_str()?;
        target
            .strip_prefix("socket:[")?
            .strip_suffix(']')?
            .parse()
            .ok()
    })
    .collect()
}

/// Every internet socket in the network namespace `pid` lives in.
fn inet_sockets(pid: u32) -> Vec<InetSocket> {
    TABLES
        .iter()
        .flat_map(|table| {
            let text =
                std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).unwrap_or_default();
            parse_table(table, &text)
        })
        .collect()
}

/// What the watch saw.
#[derive(Debug, Default)]
struct Report {
    samples: usize,
    /// "pid name" of every process watched.
    processes: BTreeSet<String>,
    /// Sockets of the automation link seen, by process and address.
    automation: BTreeSet<String>,
    /// Everything else: any of these fails the test.
    outside: BTreeSet<String>,
}

/// Reads the sockets of `pids` once, into `report`.
fn sample(pids: &[u32], automation: &BTreeSet<u16>, report: &mut Report) {
    report.samples += 1;
    // Processes in one network namespace share their tables: read them once per namespace.
    let mut tables: HashMap<PathBuf, Vec<InetSocket>> = HashMap::new();
    for &pid in pids {
        let inodes = socket_inodes(pid);
        let name = command_name(pid);
        if name.is_empty() {
            continue; // gone meanwhile
        }
        report.processes.insert(format!("{pid} {name}"));
        if inodes.is_empty() {
            continue;
        }
        let namespace = std::fs::read_link(format!("/proc/{pid}/ns/net")).unwrap_or_default();
        let sockets = tables.entry(namespace).or_insert_with(|| inet_sockets(pid));
        for s in sockets.iter().filter(|s| inodes.contains(&s.inode)) {
            match outside_the_automation(s, automation) {
                None => {
                    report
                        .automation
                        .insert(format!("{name}: {} -> {}", s.local, s.remote));
                }
                Some(why) => {
                    report.outside.insert(format!("{pid} {name}: {why}"));
                }
            }
        }
    }
}

/// The value of `--flag N` in the command line of `pid`.
fn flag_value(pid: u32, flag: &str) -> Option<u16> {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
    let at = args.iter().position(|a| *a == flag.as_bytes())?;
    std::str::from_utf8(args.get(at + 1)?).ok()?.parse().ok()
}

/// The inspector port WebKitWebDriver gave the app in WEBKIT_INSPECTOR_SERVER=127.0.0.1:N.
fn inspector_port(pid: u32) -> Option<u16> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    environ.split(|b| *b == 0).find_map(|var| {
        let value = std::str::from_utf8(var)
            .ok()?
            .strip_prefix("WEBKIT_INSPECTOR_SERVER=")?;
        value.rsplit_once(':')?.1.parse().ok()
    })
}

/// The app's process under the driver: the one running the app binary.
fn find_app(driver: u32) -> Result<u32> {
    let binary = app_binary()?;
    tree(driver)
        .into_iter()
        .find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| {
                // A rebuild while the test runs replaces the file: "… (deleted)".
                let exe = exe.to_string_lossy();
                exe.trim_end_matches(" (deleted)") == binary.to_string_lossy()
            })
        })
        .ok_or_else(|| format!("no process of {} under the driver", binary.display()).into())
}

/// Samples the app's process tree in the background until finished.
struct Watch {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Report>,
}

impl Watch {
    fn start(app: &App) -> Result<Watch> {
        let driver = app.driver_pid().ok_or("the driver is not running")?;
        let app_pid = find_app(driver)?;
        let mut automation = BTreeSet::new();
        for port in [
            flag_value(driver, "--port"),
            flag_value(driver, "--native-port"),
            inspector_port(app_pid),
        ] {
            automation.insert(port.ok_or("cannot tell the automation ports")?);
        }
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut report = Report::default();
            loop {
                // The tree again each time: WebKit starts processes as it needs them.
                sample(&tree(app_pid), &automation, &mut report);
                if stopped.load(Ordering::Relaxed) {
                    return report;
                }
                std::thread::sleep(SAMPLE_EVERY);
            }
        });
        Ok(Watch { stop, thread })
    }

    fn finish(self) -> Result<Report> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread
            .join()
            .map_err(|_| "the socket watch panicked".into())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_working_session_opens_no_network_connection() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let watch = Watch::start(&app)?;

    // Sync on, through a folder: it reads and writes files there, never the network.
    let folder = profile.xdg("home").join("Sync").join("Allies");
    app.invoke(
        "sync_enable",
        serde_json::json!({
            "folder": folder.to_str().ok_or("a UTF-8 path")?,
            "passphrase": "a passphrase for the sync folder",
            "deviceName": "Laptop",
        }),
    )
    .await?;

    // People, typed in.
    for (name, role) in [("Dana Ng", "VP Engineering"), ("Sam Patel", "Director")] {
        app.click("#add-person").await?;
        app.fill("#person-name", name).await?;
        app.fill("#person-role", role).await?;
        app.click("#person-save").await?;
        app.wait_for("#person-panel .panel-hint").await?;
    }
    // An interaction logged on Dana's page.
    app.click(".person-row[data-id]").await?;
    app.fill("#interaction-notes", "Coffee about the platform roadmap")
        .await?;
    app.click("#interaction-log").await?;
    app.wait_for_text("#timeline", |t| t.contains("platform roadmap"))
        .await?;
    app.click("#person-cancel").await?;

    // A map, with Dana placed from the keyboard, then exported as a picture.
    app.go("map").await?;
    app.wait_for("#map-empty").await?;
    app.fill("#map-name", "Promotion to Staff").await?;
    app.click("#map-save").await?;
    // "a" on the roster places its selected person. Typed as keys to the focused list: an
    // element's own send_keys clicks its middle first, where another person's row is.
    // The roster's page comes from the core after the list is drawn: "a" waits for its person.
    app.wait_for("#roster-list .roster-item[aria-selected='true']")
        .await?;
    app.client
        .execute("document.querySelector('#roster-list').focus();", vec![])
        .await?;
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: 'a' })
        .then(KeyAction::Up { value: 'a' });
    app.client.perform_actions(keys).await?;
    app.wait_for_text("#announcer", |t| t.contains("added to Manage closely"))
        .await?;
    app.wait_for(".map-card").await?;
    app.answer_file_dialog("#export-svg", None).await?; // keeps the name proposed in Downloads
    profile.wait_for_export("svg").await?;

    // Every section, then the exports from Settings.
    for (section, heading) in [
        ("network", "#network-title"),
        ("tour", "#tour-heading"),
        ("reminders", "#reminders-title"),
        ("insights", "#insights-title"),
        ("people", "#people-title"),
        ("map", "#map-title"),
        ("settings", "#settings-title"),
    ] {
        app.go(section).await?;
        app.wait_for(heading).await?;
    }
    // Scrolled to the middle: at the bottom edge the map's "Saved …" toast covers them.
    app.client
        .execute(
            "document.querySelector('#export-csv').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.answer_file_dialog("#export-csv", None).await?; // keeps the name proposed in Downloads
    let csv = profile.wait_for_export("csv").await?;
    let text = std::fs::read_to_string(&csv)?;
    assert!(
        text.contains("Dana Ng") && text.contains("Sam Patel"),
        "the export holds the people: {text}"
    );
    app.answer_file_dialog("#save-backup", None).await?; // keeps the name proposed in Downloads
    profile.wait_for_export("json").await?;
    app.click("#send-test-reminder").await?;
    app.wait_for("#reminder-sent, #notify-unavailable").await?;
    app.client
        .execute(
            "document.querySelector('#sync-now').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.click("#sync-now").await?;
    // The loop writes a change two seconds after it: by now "Sync now" may find all written.
    app.wait_for_text("#sync-result", |t| {
        t.starts_with("Wrote") || t.starts_with("Up to date")
    })
    .await?;
    let written = std::fs::read_dir(folder.join("changes"))?
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .count();
    assert!(
        written >= 4,
        "the session's changes went to the sync folder: {written} files"
    );

    // A moment of idle time: the reminder loop and WebKit keep running in the background.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let report = watch.finish()?;
    app.close().await?;

    println!(
        "offline: {} samples of {:?}; automation sockets seen: {:?}",
        report.samples, report.processes, report.automation
    );
    assert!(
        report.samples > 20,
        "the watch ran through the session: {} samples",
        report.samples
    );
    assert!(
        report.processes.iter().any(|p| p.contains("WebKitWebProc")),
        "the web content process is watched too: {:?}",
        report.processes
    );
    assert!(
        !report.automation.is_empty(),
        "the watch sees the app's own automation link, so it reads the right sockets"
    );
    assert!(
        report.outside.is_empty(),
        "the app or WebKit opened a socket beyond the local automation link: {:#?}",
        report.outside
    );
    Ok(())
}

/// The watch itself: a child that connects to a port outside the automation, and a listener
/// on every interface, are both reported.
#[test]
fn the_watch_reports_a_connection_and_a_listener_outside_the_automation() -> Result<()> {
    let listener = TcpListener::bind("0.0.0.0:0")?;
    let port = listener.local_addr()?.port();
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "exec 3<>/dev/tcp/127.0.0.1/{port} && echo ready && exec sleep 30"
        ))
        .stdout(Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().ok_or("no stdout")?).read_line(&mut line)?;
    let (_accepted, _) = listener.accept()?;

    let me = std::process::id();
    let watched = tree(me);
    assert!(
        watched.contains(&child.id()),
        "the child is found under this process"
    );
    let mut report = Report::default();
    sample(&[me, child.id()], &BTreeSet::new(), &mut report);
    let _ = child.kill();
    let _ = child.wait();

    assert_eq!(line.trim(), "ready", "bash connected");
    let to_listener = format!("127.0.0.1:{port} (state 01)");
    assert!(
        report
            .outside
            .iter()
            // By its pid: the name is bash's or sleep's, as the moment of the reading falls
            // before or after the child's exec.
            .any(|o| o.starts_with(&format!("{} ", child.id())) && o.ends_with(&to_listener)),
        "the child's connection is reported: {:#?}",
        report.outside
    );
    assert!(
        report
            .outside
            .iter()
            .any(|o| o.ends_with(&format!("listens on 0.0.0.0:{port} (tcp)"))),
        "the listener is reported: {:#?}",
        report.outside
    );
    Ok(())
}

#[test]
fn only_loopback_tcp_on_an_automation_port_is_allowed() {
    let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:DDBD 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 967220 1 0 100 0 0 10 0
   1: 0100007F:AF12 0100007F:DDBD 01 00000000:00000000 00:00000000 00000000     0        0 968184 1 0 20 0 0 12 -1
   2: 020200C0:8615 010200C0:0050 02 00000000:00000000 00:00000000 00000000     0        0 964608 2 0 0
   3: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 964609 1 0 100 0 0 10 0";
    let sockets = parse_table("tcp", table);
    assert_eq!(sockets.len(), 4, "every line is read");
    assert_eq!(sockets[1].local, "127.0.0.1:44818".parse().unwrap());
    assert_eq!(sockets[2].remote, "192.0.2.1:80".parse().unwrap());
    let automation = BTreeSet::from([56765]);
    let verdicts: Vec<Option<String>> = sockets
        .iter()
        .map(|s| outside_the_automation(s, &automation))
        .collect();
    assert_eq!(
        verdicts,
        [
            None,
            None,
            Some("tcp 192.0.2.2:34325 -> 192.0.2.1:80 (state 02)".into()),
            Some("listens on 127.0.0.1:8080 (tcp)".into()),
        ],
        "the inspector link passes; a connection out and a stray listener do not"
    );
    let v6 = parse_table(
        "udp6",
        "header\n 1: 00000000000000000000000001000000:0035 0000000000000000FFFF00000100007F:0035 07 0 0 0 0 0 555",
    );
    assert_eq!(v6[0].local, "[::1]:53".parse().unwrap());
    assert!(
        is_loopback(v6[0].remote.ip()),
        "::ffff:127.0.0.1 is loopback"
    );
    assert!(
        outside_the_automation(&v6[0], &BTreeSet::from([53])).is_some(),
        "no UDP at all, even on loopback (a DNS query is a way out)"
    );
}
