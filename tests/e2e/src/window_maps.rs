//! When a window appears on the X display: the start-up bench's "launch until the window is
//! mapped". A connection of its own watches the root window for top-level windows being mapped
//! (X's MapNotify) and notes the time each one was seen, until the watcher is dropped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use x11_dl::xlib;

use crate::Result;

/// How long the watcher waits for the display before it looks whether it is to stop.
const LOOK_EVERY_MS: i32 = 20;

/// Top-level windows mapped on the display while it watches, each as the time it was seen.
pub struct WindowMaps {
    seen: Receiver<SystemTime>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl WindowMaps {
    /// Starts watching the display in `$DISPLAY`. Windows mapped before this returns are not seen.
    pub fn watch() -> Result<WindowMaps> {
        let (seen, rx) = mpsc::channel();
        let (started, watching) = mpsc::channel::<std::result::Result<(), String>>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::Builder::new()
            .name("window-maps".into())
            .spawn(move || {
                if let Err(e) = watch_display(&started, &seen, &stopped) {
                    let _ = started.send(Err(e));
                }
            })?;
        watching
            .recv()
            .map_err(|_| "the window watcher stopped before it began")??;
        Ok(WindowMaps {
            seen: rx,
            stop,
            thread: Some(thread),
        })
    }

    /// The first window mapped at or after `since`, waiting up to `patience` for one.
    pub fn first_since(&self, since: SystemTime, patience: Duration) -> Result<SystemTime> {
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.seen.recv_timeout(left) {
                Ok(at) if at >= since => return Ok(at),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("no window was mapped within {patience:?}").into())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("the window watcher stopped".into())
                }
            }
        }
    }
}

impl Drop for WindowMaps {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The watcher's thread: tells `started` once the display is watched, then sends the time of
/// each top-level window mapped to `seen` until `stop` is set.
fn watch_display(
    started: &mpsc::Sender<std::result::Result<(), String>>,
    seen: &mpsc::Sender<SystemTime>,
    stop: &AtomicBool,
) -> std::result::Result<(), String> {
    let (xlib, display) = crate::top_level::open_display()?;
    #[allow(unsafe_code)]
    // SAFETY: the display is open, used on this thread only and closed once; the event is the C
    // union XNextEvent fills, read as the type it says it is.
    unsafe {
        let root = (xlib.XDefaultRootWindow)(display);
        (xlib.XSelectInput)(display, root, xlib::SubstructureNotifyMask);
        // The server has the selection before anything is launched.
        (xlib.XSync)(display, xlib::False);
        let _ = started.send(Ok(()));
        let mut socket = libc::pollfd {
            fd: (xlib.XConnectionNumber)(display),
            events: libc::POLLIN,
            revents: 0,
        };
        let mut event: xlib::XEvent = std::mem::zeroed();
        while !stop.load(Ordering::Relaxed) {
            if (xlib.XPending)(display) == 0 {
                libc::poll(&mut socket, 1, LOOK_EVERY_MS);
                continue;
            }
            (xlib.XNextEvent)(display, &mut event);
            if event.get_type() != xlib::MapNotify {
                continue;
            }
            let map = xlib::XMapEvent::from(event);
            // Menus and tooltips (override-redirect) are not windows a user waits for.
            if map.override_redirect == xlib::False {
                let _ = seen.send(SystemTime::now());
            }
        }
        (xlib.XCloseDisplay)(display);
    }
    Ok(())
}
