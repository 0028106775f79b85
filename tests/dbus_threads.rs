//! D-Bus leaves no thread awake behind it. The pop-ups' connection and the single-instance
//! check are made off any async runtime, so zbus runs the blocking steps of its handshake on the
//! `blocking` crate's thread pool. A pool thread with nothing to do must leave: one that stays
//! wakes twice a second for as long as the app runs, which was a third of the idle app's CPU
//! (`blocking` 1.7.0 keeps them; the app pins the version that lets them go, see Cargo.toml).

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is the failure report here

use std::time::{Duration, Instant};

use allies_fake_desktop::PrivateBus;

/// The names of this process's threads from the `blocking` pool.
fn pool_threads() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| name.starts_with("blocking-"))
        .collect()
}

#[test]
fn a_connection_made_off_a_runtime_leaves_no_pool_thread_behind() {
    let bus = PrivateBus::start().unwrap();
    let conn = zbus::blocking::connection::Builder::address(bus.address())
        .unwrap()
        .build()
        .unwrap();
    assert!(
        !pool_threads().is_empty(),
        "the handshake no longer uses the pool: this test checks nothing"
    );
    drop(conn);
    // Idle pool threads leave after half a second without work.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !pool_threads().is_empty() {
        assert!(
            Instant::now() < deadline,
            "idle pool threads stay, each waking twice a second: {:?}",
            pool_threads()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
