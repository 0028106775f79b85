//! What the shell tells the window (reminders changed, a pop-up was clicked, the data locked,
//! files dragged over it), delivered as the answer to the page's own call: the page asks
//! `next_events` for what came after the last event it saw, and the answer comes as soon as
//! something does. Tauri's own events would run a script in the web view for each one, and the
//! first such script starts a JavaScript engine in the app's process, not only in the page's:
//! 5.5 MB more of the app's memory, measured, for a page that listens.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, DragDropEvent, Manager, Runtime, Window, WindowEvent};

/// Events kept for a page between two of its calls: far more than come in that moment.
const KEPT: usize = 1000;

/// How long a call waits for an event before it answers with none (the page asks again).
pub const WAIT: Duration = Duration::from_secs(25);

/// One event: its number (they count up from 1), its name and what it carries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub seq: u64,
    pub name: String,
    pub payload: serde_json::Value,
}

/// The answer to the page: the events after its cursor, and the cursor to ask from next.
#[derive(Debug, PartialEq, Serialize)]
pub struct Batch {
    pub cursor: u64,
    pub events: Vec<Event>,
}

/// The events of this run of the app, newest last.
#[derive(Default)]
pub struct EventHub {
    recent: Mutex<VecDeque<Event>>,
    arrived: tokio::sync::Notify,
}

impl EventHub {
    /// Adds an event and wakes every call waiting for one.
    pub fn send(&self, name: &str, payload: impl Serialize) {
        let payload = serde_json::to_value(payload).unwrap_or(serde_json::Value::Null);
        {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            let seq = recent.back().map_or(1, |e| e.seq + 1);
            if recent.len() == KEPT {
                recent.pop_front();
            }
            recent.push_back(Event {
                seq,
                name: name.to_owned(),
                payload,
            });
        }
        self.arrived.notify_waiters();
    }

    /// The events after `cursor`, waiting up to `wait` for one. Without a cursor (a page that
    /// just started listening), none: only the cursor from which on it hears everything.
    pub async fn after(&self, cursor: Option<u64>, wait: Duration) -> Batch {
        let Some(cursor) = cursor else {
            return Batch {
                cursor: self.last(),
                events: Vec::new(),
            };
        };
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Registered before looking, so an event sent in between still wakes this call.
            let arrived = self.arrived.notified();
            tokio::pin!(arrived);
            arrived.as_mut().enable();
            let events: Vec<Event> = {
                let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
                recent.iter().filter(|e| e.seq > cursor).cloned().collect()
            };
            if let Some(last) = events.last() {
                return Batch {
                    cursor: last.seq,
                    events,
                };
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return Batch {
                    cursor,
                    events: Vec::new(),
                };
            }
        }
    }

    fn last(&self) -> u64 {
        let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent.back().map_or(0, |e| e.seq)
    }
}

/// Tells the window: what the shell calls where Tauri's `emit` would be.
pub trait Tell {
    fn tell(&self, name: &str, payload: impl Serialize);
}

impl<R: Runtime> Tell for AppHandle<R> {
    fn tell(&self, name: &str, payload: impl Serialize) {
        if let Some(hub) = self.try_state::<EventHub>() {
            hub.send(name, payload);
        }
    }
}

/// Files dragged over the window and dropped on it, told as `drag-enter`, `drag-over`,
/// `drag-leave` and `drag-drop`, each with the paths (when known) and the pointer's position.
pub fn tell_drags(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(drag) = event else {
        return;
    };
    let app = window.app_handle();
    match drag {
        DragDropEvent::Enter { paths, position } => app.tell(
            "drag-enter",
            serde_json::json!({ "paths": paths, "position": position }),
        ),
        DragDropEvent::Over { position } => {
            app.tell("drag-over", serde_json::json!({ "position": position }));
        }
        DragDropEvent::Drop { paths, position } => app.tell(
            "drag-drop",
            serde_json::json!({ "paths": paths, "position": position }),
        ),
        DragDropEvent::Leave => app.tell("drag-leave", ()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn names(batch: &Batch) -> Vec<&str> {
        batch.events.iter().map(|e| e.name.as_str()).collect()
    }

    #[tokio::test]
    async fn a_page_hears_what_comes_after_it_started_listening_and_nothing_before() {
        let hub = EventHub::default();
        hub.send("reminders-changed", ["a"]);
        let start = hub.after(None, WAIT).await;
        assert_eq!(
            start,
            Batch {
                cursor: 1,
                events: Vec::new()
            }
        );
        hub.send("data-synced", 3);
        hub.send("reminder-open", serde_json::json!({ "view": "reminders" }));
        let next = hub.after(Some(start.cursor), WAIT).await;
        assert_eq!(names(&next), ["data-synced", "reminder-open"]);
        assert_eq!(next.cursor, 3);
        assert_eq!(next.events[0].payload, serde_json::json!(3));
    }

    #[tokio::test]
    async fn a_waiting_call_is_answered_when_an_event_comes() {
        let hub = Arc::new(EventHub::default());
        let waiting = tokio::spawn({
            let hub = hub.clone();
            async move { hub.after(Some(0), WAIT).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        hub.send("data-locked", "Locked after 5 minutes without use.");
        let batch = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("answered at once, not after the wait")
            .expect("the call ran");
        assert_eq!(names(&batch), ["data-locked"]);
        assert_eq!(batch.cursor, 1);
    }

    #[tokio::test]
    async fn without_events_the_call_answers_empty_after_the_wait_with_the_same_cursor() {
        let hub = EventHub::default();
        hub.send("reminders-changed", ());
        let batch = hub.after(Some(1), Duration::from_millis(50)).await;
        assert_eq!(
            batch,
            Batch {
                cursor: 1,
                events: Vec::new()
            }
        );
    }

    #[tokio::test]
    async fn only_the_newest_events_are_kept_and_numbers_go_on_counting() {
        let hub = EventHub::default();
        for i in 0..KEPT + 5 {
            hub.send("drag-over", i);
        }
        let batch = hub.after(Some(0), WAIT).await;
        assert_eq!(batch.events.len(), KEPT);
        assert_eq!(batch.events[0].seq, 6, "the oldest five went");
        assert_eq!(batch.cursor, (KEPT + 5) as u64);
    }
}
