//! Shows notifications on the desktop through the freedesktop notification service (D-Bus).
//!
//! One worker thread holds one D-Bus connection for the notifier's life: every pop-up is a
//! request on a channel, and the same connection hears the buttons clicked on any of them.
//! The service's capabilities are asked once per connection: a service that reads markup in
//! bodies gets `&`, `<` and `>` escaped, so a name like "R&D <ops>" shows as written.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use allies_core::reminders::notification::{Notification, Notifier, NotifyError};
use futures_lite::StreamExt;

/// A notification service that has not answered in this time is treated as missing.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// What a button click is handed to: the action's key, or "__closed" when the pop-up closed.
type OnAction = Box<dyn FnOnce(&str) + Send>;

struct Request {
    summary: String,
    body: String,
    /// Keys and labels, flat, as the service wants them.
    actions: Vec<String>,
    on_action: Option<OnAction>,
    answer: mpsc::Sender<Result<(), String>>,
}

/// A handle on the notification worker; clones share the one worker and its connection. The
/// worker ends when the last handle is dropped.
#[derive(Clone)]
pub struct DesktopNotifier {
    requests: tokio::sync::mpsc::UnboundedSender<Request>,
    timeout: Duration,
}

impl Default for DesktopNotifier {
    fn default() -> Self {
        DesktopNotifier::start()
    }
}

impl Notifier for DesktopNotifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError> {
        self.send(n, None)
    }
}

impl DesktopNotifier {
    /// Starts the worker thread. It connects to the session bus at the first pop-up (and again
    /// after the bus went away), not before: an app without pop-ups never needs one.
    pub fn start() -> DesktopNotifier {
        let (requests, inbox) = tokio::sync::mpsc::unbounded_channel();
        let spawned = std::thread::Builder::new()
            .name("allies-notifications".into())
            .spawn(move || serve(inbox));
        if let Err(e) = spawned {
            // Every pop-up then says why it could not be shown (the channel is closed).
            eprintln!("allies: the notification worker could not start: {e}");
        }
        DesktopNotifier {
            requests,
            timeout: ANSWER_WITHIN,
        }
    }

    /// Shows `n`; when the user clicks one of its actions or closes it, the worker calls
    /// `on_action` with the action's key ("__closed" when closed).
    pub fn show_then(
        &self,
        n: &Notification,
        on_action: impl FnOnce(&str) + Send + 'static,
    ) -> Result<(), NotifyError> {
        let waits = !n.actions.is_empty();
        self.send(n, waits.then(|| Box::new(on_action) as OnAction))
    }

    fn send(&self, n: &Notification, on_action: Option<OnAction>) -> Result<(), NotifyError> {
        let (answer, answered) = mpsc::channel();
        let request = Request {
            summary: n.title.clone(),
            body: n.body.clone(),
            actions: n
                .actions
                .iter()
                .flat_map(|(key, label)| [key.clone(), label.clone()])
                .collect(),
            on_action,
            answer,
        };
        if self.requests.send(request).is_err() {
            return Err(NotifyError("the notification worker has stopped".into()));
        }
        // The worker gives up on a hung service itself; this is the backstop.
        match answered.recv_timeout(self.timeout + Duration::from_secs(1)) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => Err(NotifyError(why)),
            Err(_) => Err(NotifyError(format!(
                "the notification service did not answer within {} seconds",
                self.timeout.as_secs()
            ))),
        }
    }
}

/// The worker's one connection, its stream of the service's signals, and what it can do.
struct Bus {
    conn: zbus::Connection,
    signals: zbus::MessageStream,
    /// Asked once the service answers; `None` until then.
    body_markup: Option<bool>,
}

/// The worker: shows each request, and routes each click to the pop-up it belongs to.
fn serve(inbox: tokio::sync::mpsc::UnboundedReceiver<Request>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("allies: the notification worker could not start: {e}");
            return;
        }
    };
    runtime.block_on(serve_async(inbox));
}

async fn serve_async(mut inbox: tokio::sync::mpsc::UnboundedReceiver<Request>) {
    enum Event {
        Request(Option<Request>),
        Signal(Option<zbus::Message>),
    }
    let mut bus: Option<Bus> = None;
    let mut waiting: HashMap<u32, OnAction> = HashMap::new();
    loop {
        let event = tokio::select! {
            request = inbox.recv() => Event::Request(request),
            signal = next_signal(&mut bus) => Event::Signal(signal),
        };
        match event {
            Event::Request(None) => return,
            Event::Request(Some(request)) => {
                let shown = tokio::time::timeout(ANSWER_WITHIN, show(&mut bus, &request)).await;
                let answer = match shown {
                    Ok(Ok(id)) => {
                        if let Some(f) = request.on_action {
                            waiting.insert(id, f);
                        }
                        Ok(())
                    }
                    Ok(Err(e)) => Err(describe(&e)),
                    Err(_) => {
                        // A service that hangs may hang the connection: start afresh next time.
                        bus = None;
                        Err(format!(
                            "the notification service did not answer within {} seconds",
                            ANSWER_WITHIN.as_secs()
                        ))
                    }
                };
                if bus.is_none() {
                    // A new connection's service numbers its pop-ups afresh: a click on a new
                    // one must never run the action of an old one with the same number.
                    waiting.clear();
                }
                let _ = request.answer.send(answer);
            }
            Event::Signal(Some(message)) => answer_click(&message, &mut waiting),
            // The bus went away: pop-ups shown on it can no longer be clicked.
            Event::Signal(None) => {
                bus = None;
                waiting.clear();
            }
        }
    }
}

/// The next signal from the notification service; never, without a connection.
async fn next_signal(bus: &mut Option<Bus>) -> Option<zbus::Message> {
    let Some(bus) = bus else {
        return std::future::pending().await;
    };
    loop {
        match bus.signals.next().await {
            Some(Ok(message)) => return Some(message),
            // A signal that cannot be read is skipped; the next one may be fine.
            Some(Err(_)) => continue,
            None => return None,
        }
    }
}

/// Calls the handler of the pop-up a click or close belongs to, once.
fn answer_click(message: &zbus::Message, waiting: &mut HashMap<u32, OnAction>) {
    let header = message.header();
    let member = header.member().map(|m| m.as_str().to_owned());
    let (id, key) = match member.as_deref() {
        Some("ActionInvoked") => match message.body().deserialize::<(u32, String)>() {
            Ok((id, key)) => (id, key),
            Err(_) => return,
        },
        Some("NotificationClosed") => match message.body().deserialize::<(u32, u32)>() {
            Ok((id, _reason)) => (id, "__closed".to_owned()),
            Err(_) => return,
        },
        _ => return,
    };
    if let Some(on_action) = waiting.remove(&id) {
        on_action(&key);
    }
}

/// Connects if need be, then shows one pop-up; returns the id the service gave it.
async fn show(bus: &mut Option<Bus>, request: &Request) -> zbus::Result<u32> {
    if bus.is_none() {
        *bus = Some(connect().await?);
    }
    let Some(b) = bus.as_mut() else {
        return Err(zbus::Error::Failure("no connection".into()));
    };
    let result = notify(b, request).await;
    if matches!(result, Err(zbus::Error::InputOutput(_))) {
        // The bus itself failed (a restarted session bus): connect again next time.
        *bus = None;
    }
    result
}

async fn connect() -> zbus::Result<Bus> {
    let conn = zbus::Connection::session().await?;
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(SERVICE)?
        .path(PATH)?
        .build();
    let signals = zbus::MessageStream::for_match_rule(rule, &conn, None).await?;
    Ok(Bus {
        conn,
        signals,
        body_markup: None,
    })
}

async fn notify(bus: &mut Bus, request: &Request) -> zbus::Result<u32> {
    if bus.body_markup.is_none() {
        let capabilities: Vec<String> = bus
            .conn
            .call_method(Some(SERVICE), PATH, Some(SERVICE), "GetCapabilities", &())
            .await?
            .body()
            .deserialize()?;
        bus.body_markup = Some(capabilities.iter().any(|c| c == "body-markup"));
    }
    let body = if bus.body_markup == Some(true) {
        escape_markup(&request.body)
    } else {
        request.body.clone()
    };
    let hints: HashMap<&str, zbus::zvariant::OwnedValue> = HashMap::new();
    bus.conn
        .call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "Notify",
            &(
                "Allies",
                0u32,
                "",
                &request.summary,
                &body,
                &request.actions,
                hints,
                -1i32,
            ),
        )
        .await?
        .body()
        .deserialize()
}

/// The body as text in the service's markup: its three special characters escaped. (The
/// summary is plain text in the specification, so it is sent as it is.)
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Held by tests that point the process at a private D-Bus session.
#[cfg(test)]
pub static DBUS_ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Turns a D-Bus failure into words a user can act on.
fn describe(e: &zbus::Error) -> String {
    let raw = e.to_string();
    if matches!(e, zbus::Error::FDO(fdo) if matches!(**fdo, zbus::fdo::Error::ServiceUnknown(_)))
        || raw.contains("ServiceUnknown")
        || raw.contains("not provided by any .service")
    {
        "no notification service is running on this desktop".into()
    } else if matches!(e, zbus::Error::InputOutput(_) | zbus::Error::Address(_))
        || raw.contains("DBUS_SESSION_BUS_ADDRESS")
        || raw.contains("No such file or directory")
        || raw.contains("Connection refused")
    {
        format!("no desktop message bus (D-Bus session) could be reached: {raw}")
    } else {
        format!("the notification service refused it: {raw}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use allies_fake_desktop::{FakeNotificationServer, PrivateBus, Received};

    fn reminder() -> Notification {
        Notification {
            title: "Thank Dana".into(),
            body: "She reviewed your design doc <b>yesterday</b>".into(),
            actions: Vec::new(),
        }
    }

    // The worker finds the bus through the process environment, shared by all tests.
    #[test]
    fn shows_through_dbus_and_explains_when_it_cannot() {
        let _env = DBUS_ENV.lock().unwrap_or_else(|p| p.into_inner());
        let notifier = DesktopNotifier::default();

        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/allies-bus",
        );
        let err = notifier.show(&reminder()).unwrap_err();
        assert!(err.0.contains("no desktop message bus"), "{err}");

        let bus = PrivateBus::start().unwrap();
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
        let err = notifier.show(&reminder()).unwrap_err();
        assert_eq!(err.0, "no notification service is running on this desktop");

        let server = FakeNotificationServer::start_blocking(&bus).unwrap();
        notifier
            .show(&reminder())
            .expect("the fake server accepts it");
        assert_eq!(
            server.received(),
            [Received {
                id: 1,
                actions: Vec::new(),
                app: "Allies".into(),
                summary: "Thank Dana".into(),
                body: "She reviewed your design doc <b>yesterday</b>".into(),
            }],
            "the pop-up carries the app name, title and body as given"
        );
    }

    #[test]
    fn escapes_the_body_only_for_a_service_that_reads_markup() {
        let _env = DBUS_ENV.lock().unwrap_or_else(|p| p.into_inner());
        let popup = Notification {
            title: "Thank R&D <ops>".into(),
            body: "R&D <ops> helped you: the <b>launch</b>".into(),
            actions: Vec::new(),
        };

        let bus = PrivateBus::start().unwrap();
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
        let server = FakeNotificationServer::start_with_capabilities_blocking(
            &bus,
            &["body", "body-markup"],
        )
        .unwrap();
        let notifier = DesktopNotifier::default();
        notifier.show(&popup).unwrap();
        notifier.show(&popup).unwrap();
        let received = server.received();
        assert_eq!(received.len(), 2);
        for r in &received {
            assert_eq!(
                r.body, "R&amp;D &lt;ops&gt; helped you: the &lt;b&gt;launch&lt;/b&gt;",
                "markup in a name would blank the pop-up or render as markup"
            );
            assert_eq!(r.summary, "Thank R&D <ops>", "the summary is plain text");
        }
        drop((server, notifier, bus));

        let bus = PrivateBus::start().unwrap();
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
        let server = FakeNotificationServer::start_blocking(&bus).unwrap();
        DesktopNotifier::default().show(&popup).unwrap();
        assert_eq!(
            server.received()[0].body,
            "R&D <ops> helped you: the <b>launch</b>",
            "a service that shows bodies as plain text gets the text as it is"
        );
    }

    #[test]
    fn one_worker_uses_one_connection_for_every_pop_up() {
        let _env = DBUS_ENV.lock().unwrap_or_else(|p| p.into_inner());
        let bus = PrivateBus::start().unwrap();
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", bus.address());
        let server = FakeNotificationServer::start_blocking(&bus).unwrap();
        let notifier = DesktopNotifier::default();
        for _ in 0..5 {
            notifier.show(&reminder()).unwrap();
        }
        let senders = server.senders();
        assert_eq!(senders.len(), 5);
        assert!(
            senders.iter().all(|s| s == &senders[0]),
            "every pop-up comes from one connection: {senders:?}"
        );
    }
}
