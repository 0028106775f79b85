//! What a system says that locks open encrypted data at once, as Windows and macOS say it
//! (`windows/signals.rs`, `macos/signals.rs`); logind's signals are read in `linux/locking.rs`.

/// The computer is about to sleep, or the user's session was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockSignal {
    Sleep,
    ScreenLocked,
}

/// What is told each signal: it must return soon (it runs on the system's thread).
pub type OnSignal = Box<dyn Fn(LockSignal) + Send + Sync>;
