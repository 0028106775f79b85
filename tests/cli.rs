//! The `allies` binary's command line, run as a user would.
#![allow(clippy::expect_used)] // helpers of a test, where a panic is the failure report

use std::process::{Command, Output};

fn allies(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_allies"));
    cmd.args(args).envs(env.iter().copied());
    cmd.output().expect("the allies binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn version_names_the_package_version() {
    let out = allies(&["--version"], &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("allies {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_commands_and_the_data_variable() {
    let out = allies(&["--help"], &[]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("allies data-dir"), "{help}");
    assert!(help.contains("ALLIES_DATA_DIR"), "{help}");
}

#[test]
fn data_dir_follows_the_environment_override() {
    let dir = std::env::temp_dir().join("allies cli test ünïcode");
    let out = allies(&["data-dir"], &[("ALLIES_DATA_DIR", dir.to_str().unwrap())]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim_end(),
        dir.join("allies.db").display().to_string()
    );
    assert!(!dir.exists(), "printing the path creates nothing");
}

#[test]
fn data_dir_defaults_to_the_xdg_data_home() {
    let out = allies(
        &["data-dir"],
        &[("ALLIES_DATA_DIR", ""), ("XDG_DATA_HOME", "/srv/xdg")],
    );
    assert_eq!(
        text(&out.stdout).trim_end(),
        "/srv/xdg/app.allies.desktop/allies.db"
    );
}

#[test]
fn an_unknown_command_fails_with_a_pointer_to_help() {
    let out = allies(&["frobnicate"], &[]);
    assert_eq!(out.status.code(), Some(2), "usage errors exit with 2");
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("unknown command or option 'frobnicate'") && err.contains("allies --help"),
        "{err}"
    );
}

#[test]
fn without_a_display_the_app_explains_instead_of_crashing() {
    let out = Command::new(env!("CARGO_BIN_EXE_allies"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "ALLIES_DATA_DIR",
            std::env::temp_dir().join("allies-no-display"),
        )
        .output()
        .expect("the allies binary runs");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("needs a desktop session"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
