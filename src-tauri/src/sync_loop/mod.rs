//! The background task that keeps sync going while the app runs: this device's changes are
//! written to the sync folder a moment after the user stops changing things, and the other
//! devices' changes are applied every minute (and at once with "Sync now"). It sleeps between
//! times, never polls, and takes the database only for each round. What the core does in each
//! round is `allies_core::sync`; with sync off, a round finds no folder and does nothing.

use std::sync::Arc;
use std::time::Duration;

use allies_core::sync::{self, PullSummary};
use allies_core::WireError;
use tokio::time::Instant;

use crate::state::{now, AppState};

/// Sent to the window when changes from another device were applied: its views read again.
pub const SYNCED_EVENT: &str = "data-synced";

/// How long after the last change this device's changes are written to the folder.
pub const AFTER_WRITES: Duration = Duration::from_secs(2);

/// How often the other devices' changes are looked for.
pub const PULL_EVERY: Duration = Duration::from_secs(60);

/// What the loop tells the rest of the app: changes from other devices were applied.
pub type OnApplied = Arc<dyn Fn(usize) + Send + Sync>;

/// One round on this thread: this device's changes written, then (with `pull`) the others'
/// applied. A failure is kept for Settings (and cleared by the next round that works); nothing
/// is printed, so a folder that is away does not fill a log every minute. Returns what was
/// applied.
pub fn round(state: &AppState, pull: bool) -> PullSummary {
    let at = now();
    let result: Result<PullSummary, WireError> = state.with_db_blocking(|db| {
        sync::push_here(db, at)?;
        if pull {
            sync::pull_here(db, at)
        } else {
            Ok(PullSummary::default())
        }
    });
    match result {
        Ok(summary) => {
            state.set_sync_problem(None);
            if summary.applied > 0 {
                // Reminders may have come with the changes: the scheduler looks again.
                state.changed.notify_one();
            }
            summary
        }
        // Encrypted data waiting for its passphrase: synced once unlocked.
        Err(_) if state.is_locked() => PullSummary::default(),
        Err(e) => {
            state.set_sync_problem(Some(e.message));
            PullSummary::default()
        }
    }
}

/// Waits until no change has come for [`AFTER_WRITES`]: a burst of changes is written once.
async fn settle(state: &AppState) {
    loop {
        tokio::select! {
            () = tokio::time::sleep(AFTER_WRITES) => return,
            () = state.wrote.notified() => {}
        }
    }
}

/// Starts the loop on the app's async runtime.
pub fn spawn(state: AppState, on_applied: OnApplied) {
    tauri::async_runtime::spawn(async move {
        let mut next_pull = Instant::now() + AFTER_WRITES;
        loop {
            let pull = tokio::select! {
                () = tokio::time::sleep_until(next_pull) => true,
                () = state.wrote.notified() => {
                    settle(&state).await;
                    false
                }
            };
            if pull {
                next_pull = Instant::now() + PULL_EVERY;
            }
            let st = state.clone();
            let applied = tauri::async_runtime::spawn_blocking(move || round(&st, pull).applied)
                .await
                .unwrap_or(0);
            if applied > 0 {
                on_applied(applied);
            }
        }
    });
}

#[cfg(test)]
mod tests;
