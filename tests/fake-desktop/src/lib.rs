//! Test fixtures for the desktop around Allies: a D-Bus session of the test's own and a
//! notification server on it that records what it was asked to show.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A D-Bus session daemon of the test's own. It has no service files, so nothing answers for
/// notifications unless a test starts a [`FakeNotificationServer`] on it.
pub struct PrivateBus {
    daemon: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    pub fn start() -> Result<PrivateBus> {
        let dir = tempfile::tempdir()?;
        let conf = dir.path().join("bus.conf");
        std::fs::write(
            &conf,
            format!(
                r#"<busconfig><type>session</type><listen>unix:dir={}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>"#,
                dir.path().display()
            ),
        )?;
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start dbus-daemon (package dbus): {e}"))?;
        let mut address = String::new();
        let stdout = daemon.stdout.take().ok_or("dbus-daemon has no stdout")?;
        BufReader::new(stdout).read_line(&mut address)?;
        Ok(PrivateBus {
            daemon,
            address: address.trim().to_owned(),
            _dir: dir,
        })
    }

    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// One `Notify` call as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The id the server gave the notification; actions are invoked with it.
    pub id: u32,
    pub app: String,
    pub summary: String,
    pub body: String,
    /// Keys and labels, flat, as sent: ["done", "Done", "snooze", "Snooze 1 day", …].
    pub actions: Vec<String>,
}

struct FakeServer {
    received: Arc<Mutex<Vec<Received>>>,
    /// The unique bus name of the connection each `Notify` came from, in order.
    senders: Arc<Mutex<Vec<String>>>,
    capabilities: Vec<String>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl FakeServer {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app: String,
        _replaces: u32,
        _icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _timeout: i32,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) -> u32 {
        if let Some(sender) = header.sender() {
            self.senders
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(sender.to_string());
        }
        let mut received = self.received.lock().unwrap_or_else(|p| p.into_inner());
        let id = received.len() as u32 + 1;
        received.push(Received {
            id,
            app,
            summary,
            body,
            actions,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        self.capabilities.clone()
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "allies-e2e".into(),
            "Allies".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

/// A notification server that owns `org.freedesktop.Notifications` on a bus and records calls.
pub struct FakeNotificationServer {
    conn: zbus::Connection,
    received: Arc<Mutex<Vec<Received>>>,
    senders: Arc<Mutex<Vec<String>>>,
}

impl FakeNotificationServer {
    /// A server that shows bodies as plain text, with action buttons.
    pub async fn start(bus: &PrivateBus) -> Result<FakeNotificationServer> {
        FakeNotificationServer::start_with_capabilities(bus, &["body", "actions"]).await
    }

    /// A server that advertises `capabilities` (GetCapabilities), e.g. "body-markup".
    pub async fn start_with_capabilities(
        bus: &PrivateBus,
        capabilities: &[&str],
    ) -> Result<FakeNotificationServer> {
        let received = Arc::new(Mutex::new(Vec::new()));
        let senders = Arc::new(Mutex::new(Vec::new()));
        let conn = zbus::connection::Builder::address(bus.address())?
            .name("org.freedesktop.Notifications")?
            .serve_at(
                "/org/freedesktop/Notifications",
                FakeServer {
                    received: received.clone(),
                    senders: senders.clone(),
                    capabilities: capabilities.iter().map(|c| (*c).to_owned()).collect(),
                },
            )?
            .build()
            .await?;
        Ok(FakeNotificationServer {
            conn,
            received,
            senders,
        })
    }

    pub fn start_with_capabilities_blocking(
        bus: &PrivateBus,
        capabilities: &[&str],
    ) -> Result<FakeNotificationServer> {
        zbus::block_on(FakeNotificationServer::start_with_capabilities(
            bus,
            capabilities,
        ))
    }

    /// The unique bus name of the connection each `Notify` came from, in order.
    pub fn senders(&self) -> Vec<String> {
        self.senders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The same, for tests without an async runtime.
    pub fn start_blocking(bus: &PrivateBus) -> Result<FakeNotificationServer> {
        zbus::block_on(FakeNotificationServer::start(bus))
    }

    /// Does what a click on a notification's button does: tells the app which action.
    pub async fn invoke_action(&self, id: u32, key: &str) -> Result<()> {
        self.conn
            .emit_signal(
                None::<&str>,
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "ActionInvoked",
                &(id, key),
            )
            .await?;
        Ok(())
    }

    pub fn invoke_action_blocking(&self, id: u32, key: &str) -> Result<()> {
        zbus::block_on(self.invoke_action(id, key))
    }

    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// The session path the fake logind gives the app's process.
pub const FAKE_SESSION_PATH: &str = "/org/freedesktop/login1/session/_31";

struct FakeManager;

#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl FakeManager {
    #[zbus(name = "GetSessionByPID")]
    fn get_session_by_pid(&self, _pid: u32) -> zbus::zvariant::OwnedObjectPath {
        zbus::zvariant::OwnedObjectPath::try_from(FAKE_SESSION_PATH)
            .unwrap_or_else(|_| zbus::zvariant::OwnedObjectPath::default())
    }
}

/// logind as far as locking goes: owns `org.freedesktop.login1` on a bus, says which session
/// a process is in, and sends the signals of going to sleep and of locking a session.
pub struct FakeLogind {
    conn: zbus::Connection,
}

impl FakeLogind {
    pub async fn start(bus: &PrivateBus) -> Result<FakeLogind> {
        let conn = zbus::connection::Builder::address(bus.address())?
            .name("org.freedesktop.login1")?
            .serve_at("/org/freedesktop/login1", FakeManager)?
            .build()
            .await?;
        Ok(FakeLogind { conn })
    }

    pub fn start_blocking(bus: &PrivateBus) -> Result<FakeLogind> {
        zbus::block_on(FakeLogind::start(bus))
    }

    /// `PrepareForSleep(start)` on the manager: true before sleeping, false after waking.
    pub fn prepare_for_sleep_blocking(&self, start: bool) -> Result<()> {
        zbus::block_on(self.conn.emit_signal(
            None::<&str>,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            &(start,),
        ))?;
        Ok(())
    }

    /// `Lock` on the session at `path` (the screen locker is asked to lock it).
    pub fn lock_session_blocking(&self, path: &str) -> Result<()> {
        zbus::block_on(self.conn.emit_signal(
            None::<&str>,
            path,
            "org.freedesktop.login1.Session",
            "Lock",
            &(),
        ))?;
        Ok(())
    }
}
