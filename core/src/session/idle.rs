//! When open encrypted data locks itself: the idle timer on a clock that counts time asleep, and
//! the reasons a lock is given.

use std::time::Duration;

use serde::Serialize;

/// How long encrypted data stays open without use unless the user chose otherwise (Settings
/// offers the choice; the window tells the session).
pub const DEFAULT_LOCK_AFTER: Duration = Duration::from_secs(10 * 60);

/// The longest delay a user can choose before encrypted data locks itself, in seconds.
pub(super) const LONGEST_LOCK_AFTER: u32 = 24 * 3600;

/// When open encrypted data locks itself: after a while without use. Its clock is given as a
/// reading of a monotonic clock that counts time asleep (the shell reads `CLOCK_BOOTTIME` on
/// Linux), so neither a changed wall clock nor a suspended laptop keeps the data open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    limit: Option<Duration>,
    last_use: Duration,
}

impl IdleTimer {
    /// A timer that runs out `limit` after `now` (never without a limit).
    pub fn new(limit: Option<Duration>, now: Duration) -> IdleTimer {
        IdleTimer {
            limit,
            last_use: now,
        }
    }

    /// The data was used at `now`: the wait starts again. (A reading older than the last one
    /// never moves the timer back.)
    pub fn used(&mut self, now: Duration) {
        self.last_use = self.last_use.max(now);
    }

    /// A new delay, counted from `now`.
    pub fn set_limit(&mut self, limit: Option<Duration>, now: Duration) {
        self.limit = limit;
        self.used(now);
    }

    /// Whether the timer can run out at all (the user may have chosen never).
    pub fn has_limit(&self) -> bool {
        self.limit.is_some()
    }

    /// Whether the data has gone unused for the whole delay at `now`.
    pub fn is_up(&self, now: Duration) -> bool {
        self.limit
            .is_some_and(|limit| now.saturating_sub(self.last_use) >= limit)
    }
}

/// Why the session locked itself, for the window to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The delay chosen in Settings passed without use.
    Idle,
    /// The computer is going to sleep.
    Sleep,
    /// The desktop session was locked.
    ScreenLocked,
}

impl LockReason {
    /// What the lock screen says once the window is back.
    pub fn message(self) -> &'static str {
        match self {
            LockReason::Idle => "Locked after a while without use.",
            LockReason::Sleep => "Locked when the computer went to sleep.",
            LockReason::ScreenLocked => "Locked with your screen.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn the_idle_timer_runs_out_after_the_delay_without_use() {
        // A reading of CLOCK_BOOTTIME: three days after boot.
        let boot = Duration::from_secs(3 * 86_400);
        let mut timer = IdleTimer::new(Some(minutes(10)), boot);
        assert!(!timer.is_up(boot + minutes(9)));
        assert!(timer.is_up(boot + minutes(10)), "exactly the delay");
        timer.used(boot + minutes(9));
        assert!(
            !timer.is_up(boot + minutes(18)),
            "use starts the wait again"
        );
        assert!(timer.is_up(boot + minutes(19)));
        timer.used(boot);
        assert!(
            timer.is_up(boot + minutes(19)),
            "an older reading does not move it back"
        );
        // Two days asleep count: the boot-time clock went on.
        assert!(timer.is_up(boot + minutes(9) + Duration::from_secs(2 * 86_400)));
        timer.set_limit(None, boot + minutes(20));
        assert!(!timer.is_up(Duration::MAX), "never");
        timer.set_limit(Some(minutes(1)), boot + minutes(30));
        assert!(
            !timer.is_up(boot + minutes(30)),
            "a new delay counts from when it was set"
        );
        assert!(timer.is_up(boot + minutes(31)));
    }
}
