//! Where every benchmark of `make bench` leaves its figures: one JSON line per figure, appended
//! to the file named by `ALLIES_BENCH_RESULTS`, which the `bench-report` binary turns into one
//! table and `target/bench.json`. Without the variable, recording does nothing (a bench run on
//! its own only prints). The core's benches write the same lines (core/benches/record/).

use std::io::Write;

use crate::Result;

/// The variable naming the file of figures; `make bench` empties that file first.
pub const RESULTS_VAR: &str = "ALLIES_BENCH_RESULTS";

/// One measured figure. `name` says what was measured, under which conditions; `detail` adds
/// what helps read it (the absolute values behind a ratio, a run count); `goal` is the target
/// when there is one, as text ("≤ 20 ms").
#[derive(Debug, Default, Clone, Copy)]
pub struct Figure<'a> {
    pub name: &'a str,
    pub value: f64,
    pub unit: &'a str,
    pub detail: &'a str,
    pub goal: &'a str,
}

impl Figure<'_> {
    /// Appends the figure to the results file, if `make bench` named one.
    pub fn record(&self) -> Result<()> {
        let Some(path) = std::env::var_os(RESULTS_VAR) else {
            return Ok(());
        };
        let line = serde_json::json!({
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "detail": self.detail,
            "goal": self.goal,
        });
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        // One write per line, so benches running side by side never interleave within a line.
        file.write_all(format!("{line}\n").as_bytes())?;
        Ok(())
    }
}

/// The middle value of `values`, by nearest rank as [`crate::percentile`]; NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    crate::percentile(&sorted, 50.0)
}
