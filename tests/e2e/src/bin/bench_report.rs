//! The last step of `make bench`: reads the figures every bench recorded (one JSON line each,
//! in the file named by `ALLIES_BENCH_RESULTS`), prints them as one Markdown table, ready for
//! the README, and writes them with a note of the machine to the JSON file given as argument.
//!
//! Usage: `bench-report OUTPUT.json`

use std::time::{SystemTime, UNIX_EPOCH};

use allies_e2e::figures::RESULTS_VAR;
use allies_e2e::Result;
use serde_json::{json, Value};

/// A figure as the table shows it: a precision that suits its size, then its unit.
fn shown(value: f64, unit: &str) -> String {
    let digits = match value.abs() {
        v if v >= 100.0 => 0,
        v if v >= 1.0 => 1,
        _ => 2,
    };
    match unit {
        "×" => format!("{value:.2}×"),
        "%" => format!("{value:.digits$} %"),
        _ => format!("{value:.digits$} {unit}"),
    }
}

/// The fields of `figure` as text, empty when missing.
fn text<'a>(figure: &'a Value, key: &str) -> &'a str {
    figure.get(key).and_then(Value::as_str).unwrap_or("")
}

fn machine() -> Value {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_default();
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    json!({
        "cores": cores,
        "cpu": cpu,
        "load_average_1_5_15_min": load.join(" "),
        "display": std::env::var("DISPLAY").unwrap_or_default(),
        "finished_at_unix": at,
    })
}

fn main() -> Result<()> {
    let output = std::env::args()
        .nth(1)
        .ok_or("usage: bench-report OUTPUT.json")?;
    let results = std::env::var_os(RESULTS_VAR)
        .ok_or_else(|| format!("{RESULTS_VAR} names no file of figures"))?;
    let lines = std::fs::read_to_string(&results)
        .map_err(|e| format!("cannot read {}: {e}", results.to_string_lossy()))?;
    let mut figures = Vec::new();
    for (i, line) in lines
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let figure: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {} of the figures is not JSON: {e}", i + 1))?;
        figures.push(figure);
    }

    let machine = machine();
    println!();
    println!(
        "Figures of `make bench` ({} cores, load average {}):",
        machine["cores"],
        machine["load_average_1_5_15_min"].as_str().unwrap_or("")
    );
    println!();
    println!("| what | figure | goal |");
    println!("|------|--------|------|");
    for figure in &figures {
        let value = figure
            .get("value")
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN);
        let mut cell = shown(value, text(figure, "unit"));
        if !text(figure, "detail").is_empty() {
            cell = format!("{cell} ({})", text(figure, "detail"));
        }
        println!(
            "| {} | {cell} | {} |",
            text(figure, "name"),
            text(figure, "goal")
        );
    }
    let report = json!({ "machine": machine, "figures": figures });
    std::fs::write(&output, serde_json::to_string_pretty(&report)? + "\n")?;
    println!();
    println!("{} figures written to {output}", figures.len());
    Ok(())
}
