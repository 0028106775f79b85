//! The background task that shows reminders as they fall due.
//!
//! It asks the core what is due, which records it as shown, then shows it; sleeps until the
//! next due time but never longer than a minute, so a laptop waking from suspend or a clock
//! changed by hand is noticed within a minute; and wakes at once when a command changed data.

use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use allies_core::people::presenting::{self, Presenting};
use allies_core::reminders::notification::NotifyError;
use allies_core::reminders::schedule::Notice;
use allies_core::reminders::{self, popup};
use chrono::{DateTime, Utc};

use crate::desktop::DesktopNotifier;
use crate::state::{now, AppState};

/// The longest the scheduler sleeps between looks at the clock.
pub const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// How long after start the scheduler first looks: working out every reminder holds the data
/// (half a second with ten years of it), and the window's first view needs it more. What fell
/// due while the app was closed pops up then.
pub const FIRST_LOOK_AFTER_START: Duration = Duration::from_secs(2);

/// After a change, how long the scheduler waits for the data to stay unchanged before it looks:
/// the window's own reads after a save (the list or page it shows again) go first, instead of
/// waiting behind every reminder being worked out (170 ms with ten years of data), and a run of
/// changes is looked at once, after it.
pub const QUIET_AFTER_A_CHANGE: Duration = Duration::from_millis(300);

/// The longest a run of changes puts the scheduler's look off.
pub const LONGEST_PUT_OFF: Duration = Duration::from_secs(2);

/// What the scheduler tells the rest of the app.
pub trait Shell: Send + Sync + 'static {
    /// Reminders changed; `in_app` are the titles the desktop could not show.
    fn reminders_changed(&self, in_app: &[String]);
    /// The user clicked a pop-up: bring the app forward at `place` (a person, the Review page,
    /// the Reminders view).
    fn open(&self, place: &popup::Place);
}

/// Looks at the clock once: records and shows what is due. Returns when to look again.
pub fn run_once(
    state: &AppState,
    notifier: &DesktopNotifier,
    shell: &Arc<dyn Shell>,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, String> {
    let firing = state
        .with_db_blocking(|db| reminders::fire_due(db, now))
        .map_err(|e| e.message)?;
    // Even with nothing to show, something may have become overdue (held by quiet hours).
    deliver(state, notifier, shell, firing.notices);
    Ok(firing.next_wake)
}

fn deliver(
    state: &AppState,
    notifier: &DesktopNotifier,
    shell: &Arc<dyn Shell>,
    notices: Vec<Notice>,
) {
    let mut in_app = Vec::new();
    let presenting = Presenting::from_u8(state.presenting.load(Ordering::Relaxed));
    // Read once for all the pop-ups, and only while presenting.
    let named = if presenting == Presenting::Names || notices.is_empty() {
        Some(Vec::new())
    } else {
        state.with_db_blocking(|db| presenting::everyone(db)).ok()
    };
    for notice in notices {
        let popup = presenting::notification(
            &reminders::notification(&notice),
            named.as_deref(),
            presenting,
        );
        let (subject, person) = match &notice {
            Notice::One(due) => (Some(due.subject.clone()), due.person_id.clone()),
            Notice::Summary(_) => (None, None),
        };
        let (after_state, after_shell) = (state.clone(), Arc::clone(shell));
        let shown = notifier.show_then(&popup, move |key| {
            act(
                &after_state,
                &after_shell,
                key,
                subject.as_deref(),
                person.as_deref(),
            );
        });
        let mut problem = state
            .desktop_problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match shown {
            Ok(()) => *problem = None,
            Err(NotifyError(why)) => {
                // Said once per new reason, not once a minute.
                if problem.as_deref() != Some(why.as_str()) {
                    eprintln!("allies: reminders are shown in the app only: {why}");
                }
                *problem = Some(why);
                in_app.push(popup.title);
            }
        }
    }
    shell.reminders_changed(&in_app);
}

/// What a click on a pop-up's button does: the core answers the reminder, or says where the
/// app should open (Open, Resolve, Review).
fn act(
    state: &AppState,
    shell: &Arc<dyn Shell>,
    key: &str,
    subject: Option<&str>,
    person: Option<&str>,
) {
    let Some(button) = popup::Button::from_key(key) else {
        return;
    };
    let now = now();
    match state.record_blocking(|db| popup::click(db, subject, person, button, now)) {
        Ok(Some(place)) => {
            shell.open(&place);
            return;
        }
        Ok(None) => {}
        Err(e) => eprintln!("allies: “{key}” on a reminder did not work: {}", e.message),
    }
    state.changed.notify_one();
    shell.reminders_changed(&[]);
}

fn sleep_until(next: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Duration {
    match next {
        None => LONGEST_SLEEP,
        // A little past the due time, so the wall clock has surely reached it.
        Some(at) => (at - now)
            .to_std()
            .map_or(Duration::ZERO, |d| d + Duration::from_millis(50))
            .min(LONGEST_SLEEP),
    }
}

/// Whether to ask the core again: after a change, or once the wall clock reached the next due
/// time (which a wake from suspend or a clock set forward can do at any moment). Until then
/// nothing can have fallen due, so a large database is not read every minute for nothing.
fn should_look(changed: bool, next: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    changed || next.is_some_and(|n| now >= n)
}

/// Starts the scheduler on the app's async runtime.
pub fn spawn(state: AppState, shell: Arc<dyn Shell>) {
    tauri::async_runtime::spawn(async move {
        let notifier = state.notifier.clone();
        let mut last_error: Option<String> = None;
        let mut changed = true;
        let mut next: Option<DateTime<Utc>> = None;
        tokio::time::sleep(FIRST_LOOK_AFTER_START).await;
        loop {
            if should_look(changed, next, now()) {
                let (st, sh, at) = (state.clone(), Arc::clone(&shell), now());
                let notifier = notifier.clone();
                let looked =
                    tauri::async_runtime::spawn_blocking(move || run_once(&st, &notifier, &sh, at))
                        .await
                        .unwrap_or_else(|e| Err(format!("the reminder check stopped: {e}")));
                match looked {
                    Ok(due) => {
                        last_error = None;
                        changed = false;
                        next = due;
                    }
                    // Unlocking wakes the scheduler, which then catches up.
                    Err(_) if state.is_locked() => {}
                    Err(why) => {
                        // Tried again in a minute (the database may be opened by then).
                        if last_error.as_deref() != Some(why.as_str()) {
                            eprintln!("allies: reminders could not be checked: {why}");
                        }
                        last_error = Some(why);
                    }
                }
            }
            let wait = if changed {
                LONGEST_SLEEP
            } else {
                sleep_until(next, now())
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = state.changed.notified() => {
                    changed = true;
                    quiet_after(&state.changed).await;
                }
            }
        }
    });
}

/// Returns once `changed` has not been notified for [`QUIET_AFTER_A_CHANGE`], or after
/// [`LONGEST_PUT_OFF`] of changes one after another.
async fn quiet_after(changed: &tokio::sync::Notify) {
    let until = tokio::time::Instant::now() + LONGEST_PUT_OFF;
    loop {
        let quiet = tokio::time::sleep(QUIET_AFTER_A_CHANGE);
        tokio::select! {
            () = quiet => return,
            () = tokio::time::sleep_until(until) => return,
            () = changed.notified() => {}
        }
    }
}

#[cfg(test)]
#[cfg(target_os = "linux")] // pop-ups through a fake notification service on D-Bus
mod tests;
