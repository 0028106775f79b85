//! A copy of the database into the backups folder once a day while the app runs (which copies
//! to keep is the core's rule, in `storage::snapshots::daily`), and removing for good what was
//! deleted longer ago than the user's period (`purge::purge_expired`): at start, then daily.

use std::time::Duration;

use crate::state::{now, AppState};

/// How often to check whether today's copy of the database was taken.
const COPY_CHECK: Duration = Duration::from_secs(3600);

/// Takes a copy of the database into the backups folder once a day while the app runs.
pub fn spawn(state: AppState) {
    tauri::async_runtime::spawn(async move {
        let mut last_error: Option<String> = None;
        loop {
            let at = now();
            match state
                .with_db_quietly(move |db| {
                    let copied = allies_core::storage::snapshots::daily(db, at);
                    // Also when no copy could be taken (a full disk): removing frees space. Not
                    // a step of the undo history: nothing could bring the rows back.
                    let purged = allies_core::purge::purge_expired(db, at);
                    copied.and(purged)
                })
                .await
            {
                Ok(_) => last_error = None,
                // Taken once the data is unlocked.
                Err(_) if state.is_locked() => {}
                Err(e) => {
                    if last_error.as_deref() != Some(e.message.as_str()) {
                        eprintln!(
                            "allies: today's copy of your data could not be taken, or deleted records removed: {}",
                            e.message
                        );
                    }
                    last_error = Some(e.message);
                }
            }
            tokio::time::sleep(COPY_CHECK).await;
        }
    });
}
