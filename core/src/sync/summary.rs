//! What a pull reports: how many files it applied, and each file it did not apply, with why.

use std::path::PathBuf;

use serde::Serialize;

/// A file that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: PathBuf,
    pub device: Option<String>,
    pub seq: Option<i64>,
    pub reason: String,
    /// Whether it may apply later by itself (a gap, a file it depends on, a newer schema), or
    /// needs a person (a damaged file, a change stuck too long).
    pub waiting: bool,
}

/// What a pull did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PullSummary {
    pub applied: usize,
    pub waiting: Vec<Problem>,
    pub errors: Vec<Problem>,
}
