//! A copy of the database into the backups folder once a day while the app runs (which copies
//! to keep is the core's rule, in `storage::snapshots::daily`), and removing for good what was
//! deleted longer ago than the user's period (`purge::purge_expired`): shortly after start (a
//! large file once it is known to be intact), then daily.

use std::time::Duration;

use tauri::AppHandle;

use crate::events::Tell;
use crate::state::{now, AppState};

/// Sent to the window when the file turned out damaged after it opened: the window starts over
/// and offers its newest copy.
pub const DAMAGED_EVENT: &str = "data-damaged";

/// How long after start the first copy (and a large file's check before it) waits: the
/// window's first paint and first pages need the disk, the processor and the database more.
const AFTER_START: Duration = Duration::from_secs(2);

/// How often to check whether today's copy of the database was taken.
const COPY_CHECK: Duration = Duration::from_secs(3600);

/// Takes a copy of the database into the backups folder once a day while the app runs. A large
/// file is first checked for damaged pages (it opened without the check): a damaged file is
/// closed instead, and never copied over the good copies of the days before.
pub fn spawn(state: AppState, app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AFTER_START).await;
        check_integrity(&state, &app).await;
        let mut last_error: Option<String> = None;
        loop {
            let at = now();
            match state
                .with_db_quietly(move |db| {
                    let copied = allies_core::storage::snapshots::daily(db, at);
                    // Also when no copy could be taken (a full disk): removing frees space. Not
                    // a step of the undo history: nothing could bring the rows back.
                    let purged = allies_core::purge::purge_expired(db, at);
                    // The copy read the whole file through the cache: the app idles without it.
                    db.release_cache();
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
            crate::desktop::give_back_freed_memory();
            tokio::time::sleep(COPY_CHECK).await;
        }
    });
}

/// Runs the check the opened file still needs, if any, off the database's lock (it has a
/// read-only connection of its own), and closes a damaged file.
async fn check_integrity(state: &AppState, app: &AppHandle) {
    let Some(check) = state.integrity_check() else {
        return;
    };
    let ran = check.clone();
    let found = match tauri::async_runtime::spawn_blocking(move || ran.run()).await {
        Ok(found) => found,
        Err(e) => {
            eprintln!("allies: the check of your data for damage stopped: {e}");
            return;
        }
    };
    if let Err(e) = &found {
        eprintln!("allies: {e}");
    }
    let message = found.as_ref().err().map(ToString::to_string);
    if state.checked(&check, found) {
        app.tell(DAMAGED_EVENT, message);
    }
}
