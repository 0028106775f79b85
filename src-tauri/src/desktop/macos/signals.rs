//! The macOS signals that lock open encrypted data at once: the computer about to sleep and the
//! user's session switched away from (NSWorkspace's `WillSleep` and `SessionDidResignActive`
//! notifications), and the screen locked (the distributed `com.apple.screenIsLocked`
//! notification the system posts). Observers are blocks handed to Objective-C, hence `unsafe`
//! here.
#![allow(unsafe_code)]

use std::ptr::NonNull;
use std::sync::{Arc, OnceLock};

use block2::RcBlock;
use objc2_app_kit::{
    NSWorkspace, NSWorkspaceSessionDidResignActiveNotification, NSWorkspaceWillSleepNotification,
};
use objc2_foundation::{
    NSDistributedNotificationCenter, NSNotification, NSNotificationCenter, NSNotificationName,
    NSString,
};

use super::lock_signal::{LockSignal, OnSignal};
use super::rules::SCREEN_LOCKED;

/// Starts watching: `on_signal` is told each sleep, session switch and screen lock, on the
/// thread that posts it (the main thread). Watched once per process.
pub fn watch(on_signal: OnSignal) -> Result<(), String> {
    static WATCHED: OnceLock<()> = OnceLock::new();
    if WATCHED.set(()).is_err() {
        return Err("the session's signals are watched already".into());
    }
    let on_signal: Arc<OnSignal> = Arc::new(on_signal);
    let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
    // SAFETY: AppKit's constants, set when it loads.
    let (sleep, switched) = unsafe {
        (
            NSWorkspaceWillSleepNotification,
            NSWorkspaceSessionDidResignActiveNotification,
        )
    };
    observe(&workspace, sleep, LockSignal::Sleep, &on_signal);
    observe(&workspace, switched, LockSignal::ScreenLocked, &on_signal);
    let screen = NSDistributedNotificationCenter::defaultCenter();
    observe(
        &screen,
        &NSString::from_str(SCREEN_LOCKED),
        LockSignal::ScreenLocked,
        &on_signal,
    );
    Ok(())
}

/// Tells `signal` to `on_signal` each time `center` posts `name`, for the life of the process.
fn observe(
    center: &NSNotificationCenter,
    name: &NSNotificationName,
    signal: LockSignal,
    on_signal: &Arc<OnSignal>,
) {
    let on_signal = Arc::clone(on_signal);
    let block = RcBlock::new(move |_: NonNull<NSNotification>| on_signal(signal));
    // SAFETY: the block only calls `on_signal`, which is Send and Sync, so it may run on any
    // thread; no queue is given, so it runs on the posting thread.
    let observer = unsafe {
        center.addObserverForName_object_queue_usingBlock(Some(name), None, None, &block)
    };
    // The centre keeps the observer until it is removed, which it never is.
    std::mem::forget(observer);
}
