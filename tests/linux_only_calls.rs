//! Linux-only calls stay where Linux is chosen. Allies is built for Windows and macOS on
//! runners these machines do not have, so a `std::os::unix` import, a read of `/proc`, an XDG
//! variable, D-Bus, `rustix` or `libc::` that slips into shared code breaks those builds (or
//! quietly does the wrong thing there) long after it was written. This test reads the Rust
//! sources and accepts such a call only in a module listed below (each with why it is
//! Linux-only and where that is decided, checked too) or behind `cfg(unix)` /
//! `cfg(target_os = "linux")`: on the file, on an enclosing item or block, or on the item.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is the failure report here

use std::path::{Path, PathBuf};

/// What marks a Linux-only call; matched case-insensitively, outside comments.
const LINUX_ONLY: &[&str] = &[
    "std::os::unix",
    "/proc",
    "xdg",
    "dbus",
    "zbus",
    "rustix",
    "libc::",
];

/// Where the sources are read (relative to the workspace).
const ROOTS: &[&str] = &["core", "src-tauri", "tests"];

/// A module that may use Linux-only calls: why, and the file and line that keep it off other
/// systems (checked to be there).
struct Allowed {
    path: &'static str,
    why: &'static str,
    gate_file: &'static str,
    gate: &'static str,
}

const ALLOWED: &[Allowed] = &[
    Allowed {
        path: "src-tauri/src/desktop/linux/",
        why: "the desktop seam's Linux side: pop-ups through the freedesktop notification service on D-Bus, logind's sleep and screen-lock signals, WebKitGTK's drawing path",
        gate_file: "src-tauri/src/desktop/mod.rs",
        gate: "#[cfg(target_os = \"linux\")]\nmod linux;",
    },
    Allowed {
        path: "src-tauri/src/reminder_loop/tests.rs",
        why: "the reminder loop's pop-ups, tested against a fake notification service on a private D-Bus",
        gate_file: "src-tauri/src/reminder_loop/mod.rs",
        gate: "#[cfg(test)]\n#[cfg(target_os = \"linux\")]",
    },
    Allowed {
        path: "tests/fake-desktop/",
        why: "fake D-Bus services (notifications, logind) for the Linux modules' tests",
        gate_file: "Cargo.toml",
        gate: "[target.'cfg(target_os = \"linux\")'.dev-dependencies]\n# A private D-Bus with fake notification and logind services, for the Linux modules' tests.\nallies-fake-desktop",
    },
    Allowed {
        path: "tests/e2e/",
        why: "the end-to-end harness: WebKitWebDriver under Xvfb, processes read from /proc",
        gate_file: ".github/workflows/ci.yml",
        gate: "if: runner.os == 'Linux'",
    },
];

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "target" && name != "node_modules" && name != "vendor" {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A `cfg` that keeps what it marks to Unix or Linux.
fn is_gate(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("#[cfg(") || t.starts_with("#![cfg("))
        && (t.contains("unix") || t.contains("target_os = \"linux\""))
        && !t.contains("not(")
}

/// Whether line `at` is behind a Unix or Linux `cfg`: walking up, the attributes of the item
/// or statement it is in, then of each enclosing block (found by smaller indentation).
fn behind_cfg(lines: &[&str], at: usize) -> bool {
    if lines
        .iter()
        .any(|l| l.trim().starts_with("#![cfg(") && is_gate(l))
    {
        return true;
    }
    let mut level = indent(lines[at]);
    // Whether the lines just above still belong to the current item's head (its attributes).
    let mut head = true;
    for line in lines[..at].iter().rev() {
        let t = line.trim();
        if t.is_empty() || indent(line) > level {
            continue;
        }
        if indent(line) < level {
            level = indent(line);
            head = true;
        } else if t.starts_with("#[") || t.starts_with("//") {
            if head && is_gate(t) {
                return true;
            }
        } else if t.ends_with(';') || t.ends_with('}') || t.ends_with(',') {
            head = false; // the end of a sibling: attributes above it are not ours
        }
    }
    false
}

#[test]
fn linux_only_calls_stay_in_linux_modules_or_behind_cfg() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ROOTS {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 50,
        "the sources were found ({} files): the check reads something",
        files.len()
    );
    let mut outside = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // This file names the calls and makes none.
        if rel == "tests/linux_only_calls.rs" || ALLOWED.iter().any(|a| rel.starts_with(a.path)) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let lower = code.to_lowercase();
            for word in LINUX_ONLY.iter().filter(|w| lower.contains(*w)) {
                if !behind_cfg(&lines, i) {
                    outside.push(format!("{rel}:{}: `{word}` in `{}`", i + 1, code.trim()));
                }
            }
        }
    }
    assert!(
        outside.is_empty(),
        "Linux-only calls outside the Linux modules, and not behind cfg(unix) or \
         cfg(target_os = \"linux\"); they break or misbehave on Windows and macOS. Put each \
         behind a cfg with a fallback for other systems, or move it to a Linux module (and \
         list it in ALLOWED here, with why):\n{}",
        outside.join("\n")
    );
}

#[test]
fn each_allowed_module_is_kept_off_other_systems_where_it_says() {
    for allowed in ALLOWED {
        assert!(
            workspace().join(allowed.path).exists(),
            "{} is listed as a Linux module ({}) but is not there",
            allowed.path,
            allowed.why
        );
        let gate_file = workspace().join(allowed.gate_file);
        let text = std::fs::read_to_string(&gate_file).unwrap_or_default();
        assert!(
            text.contains(allowed.gate),
            "{} ({}) is Linux-only because {} says so, but it no longer has:\n{}",
            allowed.path,
            allowed.why,
            allowed.gate_file,
            allowed.gate
        );
    }
}

#[test]
fn the_cfg_reading_sees_gates_on_items_blocks_and_files_and_not_on_siblings() {
    let gated_fn = [
        "#[cfg(unix)]",
        "#[test]",
        "fn f(",
        ") {",
        "    libc::x();",
        "}",
    ];
    assert!(behind_cfg(&gated_fn, 4), "a cfg on the enclosing function");
    let gated_block = [
        "fn f() {",
        "    #[cfg(unix)]",
        "    {",
        "        libc::x();",
        "    }",
        "}",
    ];
    assert!(behind_cfg(&gated_block, 3), "a cfg on the enclosing block");
    let gated_statement = [
        "fn f() {",
        "    #[cfg(target_os = \"linux\")]",
        "    libc::x();",
        "}",
    ];
    assert!(
        behind_cfg(&gated_statement, 2),
        "a cfg on the statement itself"
    );
    let sibling = [
        "fn f() {",
        "    #[cfg(unix)]",
        "    a();",
        "    libc::x();",
        "}",
    ];
    assert!(
        !behind_cfg(&sibling, 3),
        "a cfg on the statement before is not ours"
    );
    let negated = ["#[cfg(not(unix))]", "fn f() {", "    libc::x();", "}"];
    assert!(
        !behind_cfg(&negated, 2),
        "cfg(not(unix)) keeps it off Unix, not on it"
    );
    let earlier_item = [
        "#[cfg(unix)]",
        "fn g() {}",
        "fn f() {",
        "    libc::x();",
        "}",
    ];
    assert!(
        !behind_cfg(&earlier_item, 3),
        "another function's cfg is not ours"
    );
    let file = ["#![cfg(unix)]", "", "fn f() {", "    libc::x();", "}"];
    assert!(behind_cfg(&file, 3), "a cfg on the whole file");
}
