//! The app's idle clock: it only goes forward and counts time asleep.

use std::time::Duration;

/// A reading of a clock that only goes forward and counts time asleep: `CLOCK_BOOTTIME` on
/// Linux; elsewhere the time since the app started (which may not count sleep).
pub fn monotonic_now() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        Duration::new(
            u64::try_from(t.tv_sec).unwrap_or(0),
            u32::try_from(t.tv_nsec).unwrap_or(0),
        )
    }
    #[cfg(not(target_os = "linux"))]
    {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_time_clock_goes_forward() {
        let a = monotonic_now();
        std::thread::sleep(Duration::from_millis(20));
        let b = monotonic_now();
        assert!(b >= a + Duration::from_millis(20), "{a:?} then {b:?}");
    }
}
