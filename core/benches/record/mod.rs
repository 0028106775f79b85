//! Hands a figure to `make bench`'s report: one JSON line appended to the file named by
//! `ALLIES_BENCH_RESULTS` (nothing when it is unset). The same lines as the end-to-end benches
//! write (tests/e2e/src/figures.rs), which the core cannot depend on.

use std::io::Write;

/// Records `value` (in `unit`) as `name`; `detail` helps read it, `goal` is the target if any.
pub fn record(
    name: &str,
    value: f64,
    unit: &str,
    detail: &str,
    goal: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::var_os("ALLIES_BENCH_RESULTS") else {
        return Ok(());
    };
    let line = serde_json::json!({
        "name": name, "value": value, "unit": unit, "detail": detail, "goal": goal,
    });
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(format!("{line}\n").as_bytes())?;
    Ok(())
}
