//! The clock everything else is given: the system's, shifted in test builds by
//! [`CLOCK_OFFSET_VAR`], and "today" in the time zone chosen in Settings.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::Result;
use crate::reminders::settings;
use crate::storage::Database;

/// Shifts the app's clock by this many seconds, so tests can reach a due time without
/// waiting for it. Unset in normal use, and honoured only by debug builds (the ones the
/// end-to-end tests run): a release build always tells the real time.
pub const CLOCK_OFFSET_VAR: &str = "ALLIES_CLOCK_OFFSET_SECONDS";

/// The largest shift honoured, a century either way: enough for any test, and far from the
/// ends of the calendar, so adding it to today's date cannot overflow.
pub const MAX_CLOCK_OFFSET_SECONDS: i64 = 100 * 366 * 86_400;

/// The shift [`CLOCK_OFFSET_VAR`] asks for (`value`, when set), and a message when it cannot be
/// honoured as written: in a release build (`test_build` false, ignored), not a whole number of
/// seconds (ignored), or beyond [`MAX_CLOCK_OFFSET_SECONDS`] (clamped to it).
pub fn clock_offset(value: Option<&str>, test_build: bool) -> (chrono::Duration, Option<String>) {
    let Some(value) = value else {
        return (chrono::Duration::zero(), None);
    };
    if !test_build {
        return (
            chrono::Duration::zero(),
            Some(format!(
                "{CLOCK_OFFSET_VAR} is honoured only by test builds; the clock is not shifted"
            )),
        );
    }
    let Ok(asked) = value.trim().parse::<i128>() else {
        return (
            chrono::Duration::zero(),
            Some(format!(
                "{CLOCK_OFFSET_VAR}={value} is not a whole number of seconds; the clock is not shifted"
            )),
        );
    };
    let clamped = asked.clamp(
        i128::from(-MAX_CLOCK_OFFSET_SECONDS),
        i128::from(MAX_CLOCK_OFFSET_SECONDS),
    );
    // In range after the clamp; the fallbacks only keep the arithmetic checked.
    let seconds = i64::try_from(clamped).unwrap_or_default();
    let offset = chrono::Duration::try_seconds(seconds).unwrap_or_default();
    let message = (clamped != asked).then(|| {
        format!(
            "{CLOCK_OFFSET_VAR}={value} is more than a century; the clock is shifted by {seconds} seconds"
        )
    });
    (offset, message)
}

/// `now` shifted by `offset`, or `now` itself if the sum would leave the calendar.
pub fn shifted(now: DateTime<Utc>, offset: chrono::Duration) -> DateTime<Utc> {
    now.checked_add_signed(offset).unwrap_or(now)
}

/// The app's clock: the system's, shifted by [`CLOCK_OFFSET_VAR`] in a debug build when that is
/// set. Read once per action by the shell and passed down; nothing below reads a clock of its own.
#[allow(clippy::disallowed_methods)] // the one place that reads the system clock
pub fn now() -> DateTime<Utc> {
    static OFFSET: OnceLock<chrono::Duration> = OnceLock::new();
    let offset = *OFFSET.get_or_init(|| {
        let value = std::env::var(CLOCK_OFFSET_VAR).ok();
        // The end-to-end tests run the debug build; the release build (and its benches) never
        // shifts the clock, whatever the environment says.
        let (offset, message) = clock_offset(value.as_deref(), cfg!(debug_assertions));
        if let Some(message) = message {
            eprintln!("allies: {message}");
        }
        offset
    });
    shifted(Utc::now(), offset)
}

/// The user's calendar day at `now`, in the time zone chosen in Settings (the one zone the
/// reminders use too): for due dates of promises and conflicts and the days of group attendance.
pub fn today(db: &Database, now: DateTime<Utc>) -> Result<NaiveDate> {
    Ok(now.with_timezone(&settings::get(db)?.tz()).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_test_build_shifts_the_clock_by_the_seconds_asked() {
        let (offset, message) = clock_offset(Some(" 1382400 "), true);
        assert_eq!(offset, chrono::Duration::days(16));
        assert_eq!(message, None, "a usable value is taken silently");
        assert_eq!(clock_offset(None, true).0, chrono::Duration::zero());
    }

    #[test]
    fn a_release_build_never_shifts_the_clock() {
        let (offset, message) = clock_offset(Some("1382400"), false);
        assert_eq!(offset, chrono::Duration::zero(), "the real time, always");
        assert!(
            message.is_some_and(|m| m.contains("only by test builds")),
            "the user learns why the variable did nothing"
        );
        assert_eq!(
            clock_offset(None, false),
            (chrono::Duration::zero(), None),
            "nothing is said when nothing was asked"
        );
    }

    #[test]
    fn a_huge_or_unreadable_offset_is_clamped_or_ignored_with_a_message_never_a_panic() {
        let max = chrono::Duration::seconds(MAX_CLOCK_OFFSET_SECONDS);
        for (value, expected) in [
            // Within chrono's range but past the calendar's end once added to today.
            ("9000000000000", max),
            ("-9000000000000", -max),
            ("9223372036854775807", max),
            ("-9223372036854775808", -max),
            ("999999999999999999999999999999", max),
            ("1e400", chrono::Duration::zero()),
            ("soon", chrono::Duration::zero()),
            ("", chrono::Duration::zero()),
        ] {
            let (offset, message) = clock_offset(Some(value), true);
            assert_eq!(offset, expected, "{value:?}");
            assert!(message.is_some(), "{value:?} is not taken silently");
            let _ = shifted(at(), offset);
        }
    }

    #[test]
    fn shifting_past_the_end_of_the_calendar_keeps_the_real_time() {
        let end = DateTime::<Utc>::MAX_UTC;
        assert_eq!(shifted(end, chrono::Duration::days(1)), end);
        assert_eq!(
            shifted(at(), chrono::Duration::days(1)),
            at() + chrono::Duration::days(1)
        );
    }

    /// A session over the file at `path` (the app opens the data folder's file).
    #[test]
    fn today_is_the_day_in_the_zone_chosen_in_settings() {
        let mut db = Database::open_in_memory().unwrap();
        let mut chosen = settings::get(&db).unwrap();
        chosen.time_zone = "Pacific/Auckland".into();
        // 20:00 UTC on the 27th is already the 28th in Auckland.
        let evening = Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap();
        settings::save(&mut db, &chosen, evening).unwrap();
        assert_eq!(
            today(&db, evening).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
        );
    }
}
