//! The idle lock's watch, the same on every system: while open encrypted data could lock itself,
//! it looks at the session's idle timer every few seconds; otherwise (no passphrase, the
//! data already locked, "never" chosen) it sleeps until the session changes: an unlock,
//! encryption turned on, a new delay. An app whose data has no passphrase is not woken for it.

use std::sync::Arc;
use std::time::Duration;

use allies_core::session::LockReason;
use tauri::AppHandle;
use tokio::sync::Notify;

use crate::desktop::{Lockable, LOCKED_EVENT};
use crate::events::Tell;

/// How often the idle timer is looked at while it could run out; a lock comes at most this
/// late, also after a sleep the system did not signal (the timer's clock counts time asleep,
/// the wait between looks may not).
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// What one look at the idle timer found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleLook {
    /// The delay passed without use: the data was locked now.
    Locked,
    /// Open encrypted data, still in use: looked at again later.
    Open,
    /// Nothing the idle timer could lock until the session changes.
    NothingToLock,
}

/// Starts the watch on the app's async runtime; each lock is told to the window.
pub fn spawn(state: impl Lockable, app: AppHandle) {
    tauri::async_runtime::spawn(watch(state, LOOK_EVERY, move || {
        app.tell(LOCKED_EVENT, LockReason::Idle.message());
    }));
}

/// Looks at `state`'s idle timer every `every` while it could lock, calling `on_lock` for each
/// lock; waits for [`Lockable::lock_rules_changed`] while it could not. Runs for ever.
pub async fn watch(state: impl Lockable, every: Duration, on_lock: impl Fn()) {
    let changed: Arc<Notify> = state.lock_rules_changed();
    loop {
        tokio::time::sleep(every).await;
        let st = state.clone();
        // The session's lock may be held by a long import: off the async threads.
        let look = tauri::async_runtime::spawn_blocking(move || st.look_when_idle()).await;
        match look {
            Ok(IdleLook::Locked) => on_lock(),
            // A change between the look and here left its permit: the wait ends at once.
            Ok(IdleLook::NothingToLock) => changed.notified().await,
            // A look that panicked found nothing out: looked at again.
            Ok(IdleLook::Open) | Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// Data whose idle timer runs out on demand, counting the looks at it.
    #[derive(Clone, Default)]
    struct Timer {
        lockable: Arc<AtomicBool>,
        up: Arc<AtomicBool>,
        looks: Arc<AtomicUsize>,
        changed: Arc<Notify>,
    }

    impl Lockable for Timer {
        fn look_when_idle(&self) -> IdleLook {
            self.looks.fetch_add(1, Ordering::SeqCst);
            if !self.lockable.load(Ordering::SeqCst) {
                IdleLook::NothingToLock
            } else if self.up.swap(false, Ordering::SeqCst) {
                self.lockable.store(false, Ordering::SeqCst);
                IdleLook::Locked
            } else {
                IdleLook::Open
            }
        }

        fn lock_rules_changed(&self) -> Arc<Notify> {
            Arc::clone(&self.changed)
        }

        fn lock_because(&self) -> bool {
            self.lockable.swap(false, Ordering::SeqCst)
        }
    }

    fn eventually(ok: impl Fn() -> bool, what: &str) {
        for _ in 0..400 {
            if ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("never: {what}");
    }

    #[test]
    fn it_looks_only_while_there_is_something_to_lock() {
        let timer = Timer::default();
        let locks = Arc::new(AtomicUsize::new(0));
        {
            let (timer, locks) = (timer.clone(), Arc::clone(&locks));
            tauri::async_runtime::spawn(watch(timer, Duration::from_millis(5), move || {
                locks.fetch_add(1, Ordering::SeqCst);
            }));
        }
        let looks = || timer.looks.load(Ordering::SeqCst);
        eventually(|| looks() == 1, "the first look");
        // Forty looks' worth of time: with nothing to lock, none of them happens.
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(looks(), 1, "no passphrase: the watch sleeps");

        timer.lockable.store(true, Ordering::SeqCst);
        timer.changed.notify_one();
        eventually(|| looks() > 5, "encrypted: looked at again and again");
        assert_eq!(locks.load(Ordering::SeqCst), 0, "still in use");

        timer.up.store(true, Ordering::SeqCst);
        eventually(|| locks.load(Ordering::SeqCst) == 1, "the delay ran out");
        let after_lock = looks();
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            looks() <= after_lock + 1,
            "locked: one more look finds nothing to lock, then it sleeps ({after_lock} then {})",
            looks()
        );

        // Unlocked between a look and the wait: the change is not missed.
        timer.lockable.store(true, Ordering::SeqCst);
        timer.changed.notify_one();
        timer.up.store(true, Ordering::SeqCst);
        eventually(|| locks.load(Ordering::SeqCst) == 2, "locked again");
    }
}
