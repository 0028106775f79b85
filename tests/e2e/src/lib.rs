//! Drives the built Allies app through WebDriver (tauri-driver + WebKitWebDriver) for the
//! end-to-end tests in `tests/`. Needs a display (run under `xvfb-run`) and a built app.
//!
//! Each [`App`] gets its own driver ports, data folder, XDG folders and D-Bus session, so tests
//! run side by side without seeing each other.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use allies_fake_desktop::{FakeNotificationServer, PrivateBus, Received};
use fantoccini::ClientBuilder;
pub use fantoccini::{elements::Element, Client, Locator};

pub mod figures;
pub mod file_dialog;
pub mod memory;
pub mod top_level;
pub mod window_maps;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long to wait for the app to show something before failing the test.
pub const PATIENCE: Duration = Duration::from_secs(15);

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The app binary under test: `$ALLIES_APP`, else the debug build.
pub fn app_binary() -> Result<PathBuf> {
    binary(
        "ALLIES_APP",
        "target/debug/allies",
        "no app at {}: build it first with `cargo build`",
    )
}

/// The bare Tauri window the benches compare with: `$ALLIES_REFERENCE_APP`, else its release
/// build.
pub fn reference_binary() -> Result<PathBuf> {
    binary(
        "ALLIES_REFERENCE_APP",
        "target/release/allies-reference-app",
        "no reference window at {}: build it with `cargo build --release -p allies-reference-app`",
    )
}

/// The binary named by the variable `var`, else `built` in the workspace; `missing` says how to
/// build it, with `{}` for its path.
fn binary(var: &str, built: &str, missing: &str) -> Result<PathBuf> {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join(built));
    if !path.is_file() {
        return Err(missing.replace("{}", &path.display().to_string()).into());
    }
    Ok(path.canonicalize()?)
}

fn tauri_driver() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("tauri-driver"))
                .find(|p| p.is_file())
        })
        .unwrap_or_default();
    on_path.unwrap_or_else(|| {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
            });
        cargo_home.join("bin/tauri-driver")
    })
}

/// Where the drivers' ports are taken from: below Linux's ephemeral range (32768–60999), from
/// which the kernel picks both the local end of every outgoing connection and any port bound as
/// 0. A port the kernel handed out as 0 and the test let go could be taken again, before the
/// driver bound it, by one of the many connections the tests make or by a test beside it: then
/// WebKitWebDriver could not listen ("Unable to listen for HTTP server") and the app never
/// started. Ports from this range are handed out once per test process, in turn.
const DRIVER_PORTS: std::ops::Range<u32> = 20_000..32_000;

/// Two distinct ports that nothing listens on, never handed out twice by this process.
fn free_ports() -> Result<(u16, u16)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(u32::MAX);
    let span = DRIVER_PORTS.end - DRIVER_PORTS.start;
    // Each process starts somewhere else in the range, so one run of tests after another does
    // not reuse ports that may still be closing.
    let _ = NEXT.compare_exchange(
        u32::MAX,
        std::process::id().wrapping_mul(7_919) % span,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    let take = || -> Result<u16> {
        for _ in 0..span {
            let offset = NEXT.fetch_add(1, Ordering::SeqCst) % span;
            let port = u16::try_from(DRIVER_PORTS.start + offset)?;
            if TcpListener::bind(("127.0.0.1", port)).is_ok() {
                return Ok(port);
            }
        }
        Err(format!("no free port in {DRIVER_PORTS:?} for the WebDriver servers").into())
    };
    Ok((take()?, take()?))
}

fn driver_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    let mut reply = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut reply).is_ok()
        && reply.contains("\"ready\":true")
}

/// Where the app keeps its files during a test; reused across restarts of the app.
pub struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Result<Profile> {
        let profile = Profile {
            dir: tempfile::tempdir()?,
        };
        // Exports go to the Downloads folder, which XDG user-dirs names; point it into the profile.
        let config = profile.xdg("xdg-config");
        std::fs::create_dir_all(&config)?;
        std::fs::write(
            config.join("user-dirs.dirs"),
            format!("XDG_DOWNLOAD_DIR=\"{}\"\n", profile.downloads().display()),
        )?;
        Ok(profile)
    }

    /// Where the app saves exports during the test.
    pub fn downloads(&self) -> PathBuf {
        self.dir.path().join("downloads")
    }

    /// The folder given to the app as ALLIES_DATA_DIR.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn xdg(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Forgets what the window kept (its web storage, in `XDG_DATA_HOME`): the next start is a
    /// first start of the window, on People, as Allies opens on the section it was left on.
    pub fn forget_window_storage(&self) -> Result<()> {
        match std::fs::remove_dir_all(self.xdg("xdg-data")) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Waits for an export with `extension` to appear in the downloads folder; returns it.
    pub async fn wait_for_export(&self, extension: &str) -> Result<PathBuf> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = std::fs::read_dir(self.downloads())
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == extension));
            if let Some(path) = found {
                return Ok(path);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no .{extension} export appeared in {}",
                    self.downloads().display()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The value at percentile `p` (0–100) of `sorted` times, the nearest rank; NaN for none.
/// The benchmarks print their figures with it.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// A time zone in which `at` is around midday: reminders are then never held by the default
/// quiet hours (20:00–08:00) and no day changes during a test, whenever the tests run.
pub fn midday_zone(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let utc_hour = i64::try_from((secs / 3600) % 24).unwrap_or(0);
    // Local hour = UTC hour + k, with k between -12 and +14 (the Etc/GMT zones).
    let k = (12 - utc_hour + 36) % 24 - 12;
    // Etc/GMT names have the sign the other way round: Etc/GMT-5 is UTC+5.
    match k {
        0 => "Etc/UTC".into(),
        k if k > 0 => format!("Etc/GMT-{k}"),
        k => format!("Etc/GMT+{}", -k),
    }
}

/// The running app, driven through WebDriver.
pub struct App {
    pub client: Client,
    _driver: DriverGuard,
}

/// For the benchmarks: WebKit draws as the app chooses for this machine (its DMA-BUF renderer
/// included), not as the tests pin it.
pub const RENDERER_AS_THE_APP_CHOOSES: (&str, &str) = ("WEBKIT_DISABLE_DMABUF_RENDERER", "");

impl App {
    /// Starts the app with `profile`'s folders, talking to `bus` for notifications.
    pub async fn launch(profile: &Profile, bus: &PrivateBus) -> Result<App> {
        App::launch_with(profile, bus, &[]).await
    }

    /// Like [`App::launch`], with extra environment variables for the app.
    pub async fn launch_with(
        profile: &Profile,
        bus: &PrivateBus,
        env: &[(&str, &str)],
    ) -> Result<App> {
        App::launch_binary(&app_binary()?, profile, bus, env).await
    }

    /// Like [`App::launch_with`], for another program than the app under test: the benchmarks'
    /// bare reference window, or a script that notes the time and then runs the app.
    pub async fn launch_binary(
        app: &Path,
        profile: &Profile,
        bus: &PrivateBus,
        env: &[(&str, &str)],
    ) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() {
            return Err(
                "no DISPLAY: run the end-to-end tests under xvfb-run (make test does)".into(),
            );
        }
        let (port, native_port) = free_ports()?;
        let mut driver = Command::new(tauri_driver());
        // How WebKit draws is pinned for the tests unless a caller says otherwise, and an empty
        // value leaves it to the app, as the benchmarks do. Without a GPU the app would draw
        // without compositing and, where it composites all the same, without WebKit's DMA-BUF
        // renderer (src-tauri's desktop/linux/rendering.rs); the tests keep compositing and that
        // renderer on: the scenes' screenshots were made so, and with the renderer off, windows
        // of tests side by side on one display were seen to cover the app's own.
        let switches = [
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            "WEBKIT_DISABLE_DMABUF_RENDERER",
        ];
        for switch in switches {
            match env.iter().find(|(name, _)| *name == switch) {
                None => {
                    driver.env(switch, "0");
                }
                Some((_, "")) => {
                    driver.env_remove(switch);
                }
                Some(_) => {}
            }
        }
        driver
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("ALLIES_DATA_DIR", profile.data_dir())
            .env("XDG_DATA_HOME", profile.xdg("xdg-data"))
            .env("XDG_CACHE_HOME", profile.xdg("xdg-cache"))
            .env("XDG_CONFIG_HOME", profile.xdg("xdg-config"))
            // Some files are written under the home folder whatever XDG says (start at login).
            .env("HOME", profile.xdg("home"))
            .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
            // The file dialogs keep their settings in memory, not in a dconf the bus lacks.
            .env("GSETTINGS_BACKEND", "memory")
            .env("TZ", midday_zone(SystemTime::now()))
            .envs(
                env.iter()
                    .copied()
                    .filter(|(name, value)| !switches.contains(name) || !value.is_empty()),
            )
            .stdout(Stdio::null())
            // Its own process group, so the driver, WebKitWebDriver and the app stop together.
            .process_group(0);
        let driver = driver
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver): {e}"))?;
        let guard = DriverGuard(Some(driver));

        let deadline = Instant::now() + PATIENCE;
        while !driver_ready(port) {
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not become ready on port {port}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = serde_json::json!({ "tauri:options": { "application": app } });
        let serde_json::Value::Object(caps) = caps else {
            return Err("capabilities must be an object".into());
        };
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        // The window appears, and takes the keyboard focus, while the session starts: not while
        // another test types into a file dialog.
        let _display = file_dialog::DISPLAY.read().await;
        let client = tokio::time::timeout(Duration::from_secs(60), builder.connect(&url))
            .await
            .map_err(|_| "the app did not start within 60 s")??;
        Ok(App {
            client,
            _driver: guard,
        })
    }

    /// The process id of tauri-driver, which leads the process group of the driver,
    /// WebKitWebDriver and the app; the app and its WebKit processes descend from it.
    pub fn driver_pid(&self) -> Option<u32> {
        self._driver.0.as_ref().map(Child::id)
    }

    /// Waits until an element matching `css` exists and is displayed.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            // The page's own checkVisibility(): WebDriver's "is displayed" atom misjudges
            // text inside grid and flex boxes with overflow clipping.
            let visible = self
                .client
                .execute(
                    "const el = document.querySelector(arguments[0]); return !!el && el.checkVisibility();",
                    vec![css.into()],
                )
                .await?;
            if visible == serde_json::Value::Bool(true) {
                return Ok(self.client.find(Locator::Css(css)).await?);
            }
            if Instant::now() > deadline {
                return Err(format!("nothing visible matched {css:?} within {PATIENCE:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of `css` satisfies `ok`, and returns it.
    pub async fn wait_for_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let last = self.texts(css).await?.into_iter().next();
            if let Some(text) = &last {
                if ok(text) {
                    return Ok(text.clone());
                }
            }
            if Instant::now() > deadline {
                return Err(
                    format!("{css:?} never had the expected text; last seen {last:?}").into(),
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text a user sees (innerText) of every element matching `css`, in page order.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let value = self
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map((el) => el.innerText);",
                vec![css.into()],
            )
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        // A view that re-renders between finding the element and clicking it replaces the
        // element; a person would click the new one, so find it again.
        for _ in 0..3 {
            match self.click_once(css).await {
                Err(e)
                    if e.downcast_ref::<fantoccini::error::CmdError>()
                        .is_some_and(|c| c.is_stale_element_reference()) =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => return other,
            }
        }
        self.click_once(css).await
    }

    async fn click_once(&self, css: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        // WebKitWebDriver does not scroll nested scroll areas (a panel inside the main area)
        // to reach an element; a person would scroll there first, so do that.
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'nearest' });",
                vec![serde_json::to_value(&el)?],
            )
            .await?;
        // A section above that finishes loading moves the element down; WebDriver clicks at
        // the element's place as it was, so the click would land on whatever moved there.
        // Wait until it has stayed put for a moment (bounded), as a person's eye would.
        self.client
            .execute_async(
                "const [el, done] = arguments;
                 const place = () => { const r = el.getBoundingClientRect(); return `${r.x},${r.y},${r.width},${r.height}`; };
                 const until = performance.now() + 2000;
                 let last = place();
                 const look = () => {
                   const now = place();
                   if (!el.isConnected || now === last || performance.now() > until) return done(null);
                   last = now;
                   setTimeout(look, 80);
                 };
                 setTimeout(look, 80);",
                vec![serde_json::to_value(&el)?],
            )
            .await?;
        el.click().await?;
        Ok(())
    }

    /// Replaces the text of the input matching `css`.
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        el.clear().await?;
        // Long values are set in one step (typing 10,000 keys one by one would take minutes);
        // an empty one too, as typing nothing sends no input event.
        // A date field takes typed digits in the locale's order, and WebDriver sends no line
        // breaks into a text area: set those values as a picker or a paste does.
        let kind = el.attr("type").await?.unwrap_or_default();
        let is_date = matches!(kind.as_str(), "date" | "datetime-local" | "time");
        if is_date || text.contains('\n') || text.is_empty() || text.chars().count() > 200 {
            self.client
                .execute(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true})); arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                    vec![serde_json::to_value(&el)?, text.into()],
                )
                .await?;
        } else {
            el.send_keys(text).await?;
        }
        Ok(())
    }

    /// Goes to a section of the app, as clicking its link in the navigation does.
    pub async fn go(&self, section: &str) -> Result<()> {
        self.click(&format!(".nav-list a[data-view='{section}']"))
            .await
    }

    /// Calls one of the app's own commands directly, to set up a scene quickly.
    pub async fn invoke(
        &self,
        command: &str,
        args: serde_json::Value,
    ) -> Result<serde_json::Value> {
        let result = self
            .client
            .execute_async(
                "const [cmd, args, done] = arguments;
                 window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));",
                vec![command.into(), args],
            )
            .await?;
        match result.get("ok") {
            Some(v) => Ok(v.clone()),
            None => Err(format!("{command} failed: {}", result["err"]).into()),
        }
    }

    /// Adds a person as a user does: Add person, name and role typed in, Save.
    pub async fn add_person_in_form(&self, name: &str, role: &str) -> Result<()> {
        self.click("#add-person").await?;
        self.fill("#person-name", name).await?;
        self.fill("#person-role", role).await?;
        self.click("#person-save").await?;
        self.wait_for("#person-panel .panel-hint").await?;
        Ok(())
    }

    /// Adds a person through the app's own command (`input` as the People form sends it);
    /// returns their id.
    pub async fn add_person(&self, input: serde_json::Value) -> Result<String> {
        let person = self
            .invoke("add_person", serde_json::json!({ "input": input }))
            .await?;
        Ok(person["id"]
            .as_str()
            .ok_or("add_person gave no id")?
            .to_owned())
    }

    /// Presses and releases one key, as a person does, wherever the focus is.
    pub async fn press_key(&self, key: char) -> Result<()> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// Polls until the JavaScript expression `js` is true in the page; `what` names it in the
    /// error when it never is.
    pub async fn wait_until(&self, what: &str, js: &str) -> Result<()> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let ok = match self
                .client
                .execute(&format!("return !!({js});"), vec![])
                .await
            {
                Ok(ok) => ok,
                // The page went away under the script (it reloads, as after locking): what is
                // waited for may be on the page that comes next, so look again.
                Err(e) if e.to_string().contains("unload") => serde_json::Value::Bool(false),
                Err(e) => return Err(e.into()),
            };
            if ok == serde_json::Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{what} never happened ({js})").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Picks `value` in the drop-down `css`, as choosing it from the list does.
    pub async fn choose(&self, css: &str, value: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        let found = self
            .client
            .execute(
                "const [select, value] = arguments;
                 if (![...select.options].some((o) => o.value === value)) return false;
                 select.value = value; select.dispatchEvent(new Event('change', { bubbles: true }));
                 return true;",
                vec![serde_json::to_value(&el)?, value.into()],
            )
            .await?;
        if found != serde_json::Value::Bool(true) {
            return Err(format!("{css} has no option {value:?}").into());
        }
        Ok(())
    }

    /// Saves what the window shows now as `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Let the last DOM change reach the screen first: two frames, or a second at most
        // (WebKit without compositing may not run frame callbacks while nothing changes).
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; let over = false;
                 const finish = () => { if (!over) { over = true; done(); } };
                 requestAnimationFrame(() => requestAnimationFrame(finish)); setTimeout(finish, 1000);",
                vec![],
            )
            .await?;
        // WebKitWebDriver answers a screenshot after the next repaint, which a still page
        // never makes on some of WebKit's drawing paths (without compositing, or without its
        // DMA-BUF renderer): a dot in the corner, all but transparent, changes until it is taken.
        self.client
            .execute(
                "const dot = document.createElement('div');
                 dot.id = 'e2e-repaint';
                 Object.assign(dot.style, { position: 'fixed', left: '0', top: '0', width: '1px',
                   height: '1px', background: '#000', opacity: '0.01', pointerEvents: 'none',
                   zIndex: '2147483647' });
                 document.documentElement.append(dot);
                 let n = 0;
                 dot.dataset.timer = setInterval(() => { dot.style.opacity = n++ % 2 ? '0.01' : '0.02'; }, 25);",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await;
        self.client
            .execute(
                "const dot = document.getElementById('e2e-repaint');
                 if (dot) { clearInterval(Number(dot.dataset.timer)); dot.remove(); }",
                vec![],
            )
            .await?;
        let png = png?;
        let dir = workspace_dir().join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the WebDriver session, which closes the app, then stops the driver.
    pub async fn close(self) -> Result<()> {
        let App { client, _driver } = self;
        client.close().await?;
        Ok(())
    }
}

/// Stops tauri-driver and everything it started, even when a test fails half-way.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            stop_group(&mut child);
        }
    }
}

/// Whether a process of group `pgid` still runs (zombies waiting to be reaped do not count).
fn group_alive(pgid: i32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            return false;
        };
        // After the command name in parentheses: state, ppid, pgrp, …
        let Some((_, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        fields.first().is_some_and(|state| *state != "Z")
            && fields.get(2).and_then(|g| g.parse::<i32>().ok()) == Some(pgid)
    })
}

fn stop_group(child: &mut Child) {
    if let Ok(None) = child.try_wait() {
        let pgid = child.id() as i32;
        // SIGTERM lets tauri-driver stop WebKitWebDriver; the group signal reaches the app too.
        // SAFETY: kill(2) only sends a signal; it touches no memory of this process.
        #[allow(unsafe_code)]
        unsafe {
            libc::kill(-pgid, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        // The app too must be gone before a test starts it again: a running instance would
        // take the new launch over (single instance) instead of opening a window.
        let deadline = Instant::now() + Duration::from_secs(5);
        while group_alive(pgid) {
            if Instant::now() > deadline {
                #[allow(unsafe_code)]
                unsafe {
                    libc::kill(-pgid, libc::SIGKILL);
                }
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
