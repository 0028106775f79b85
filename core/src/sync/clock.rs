//! Hybrid logical clocks: `<millis, 15 digits>-<counter, 6 digits>-<device id>`, so comparing
//! the text compares the clocks (time first, then the counter, then the device, which breaks
//! every tie the same way on every device).

/// The clock after `last` for `device` at wall-clock `now_ms`: the wall clock when it is ahead,
/// else `last`'s time with the counter one higher. Always later than `last`.
pub(crate) fn next(last: &str, now_ms: i64, device: &str) -> String {
    let (ms, counter) = parse(last).unwrap_or((0, 0));
    if now_ms > ms {
        format(now_ms, 0, device)
    } else {
        format(ms, counter + 1, device)
    }
}

/// The later of two clocks.
pub(crate) fn later<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a >= b {
        a
    } else {
        b
    }
}

fn format(ms: i64, counter: i64, device: &str) -> String {
    format!("{ms:015}-{counter:06}-{device}")
}

fn parse(clock: &str) -> Option<(i64, i64)> {
    let mut parts = clock.splitn(3, '-');
    let ms = parts.next()?.parse().ok()?;
    let counter = parts.next()?.parse().ok()?;
    Some((ms, counter))
}

/// Whether `clock` is shaped like a clock this module makes.
pub(crate) fn is_valid(clock: &str) -> bool {
    parse(clock).is_some() && clock.len() > 23
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_order_by_time_then_counter_then_device() {
        let a = next("", 1_000, "a");
        assert_eq!(a, "000000000001000-000000-a");
        let same_ms = next(&a, 1_000, "a");
        assert!(same_ms > a);
        let behind = next(&same_ms, 900, "b");
        assert!(
            behind > same_ms,
            "a clock never goes back with the wall clock"
        );
        assert!(next(&behind, 2_000, "a") > behind);
        assert!(is_valid(&a) && !is_valid("nonsense"));
        assert_eq!(later(&a, &behind), behind);
    }
}
