//! A command's name is written in four places that nothing else ties together: the list in
//! `src-tauri/build.rs` (each gets a permission), the handler list in `src-tauri/src/main.rs`, the
//! window's capability, and `ui/lib/api.js`, the one module that calls the shell. A name missing
//! from one of them is a button that fails at run time with "not allowed" or "not found", so
//! this test reads all four and says which names disagree.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is the failure report here

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The text between `start` (which must be there) and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no `{end}` after `{start}`"));
    &text[from..from + to]
}

/// Every `"word"` in `text`, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_owned)
        .collect()
}

fn build_rs() -> Vec<String> {
    quoted(between(&read("src-tauri/build.rs"), "const COMMANDS", "];"))
}

fn main_rs() -> Vec<String> {
    let main = read("src-tauri/src/main.rs");
    between(&main, "generate_handler![", "]")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

fn capability() -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/default.json")).unwrap();
    json["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

fn api_js() -> Vec<String> {
    read("ui/lib/api.js")
        .split("call('")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .map(str::to_owned)
        .collect()
}

/// Names in one list and not the other, both ways, for the message.
fn differences(a: &[String], b: &[String]) -> (BTreeSet<String>, BTreeSet<String>) {
    let a: BTreeSet<String> = a.iter().cloned().collect();
    let b: BTreeSet<String> = b.iter().cloned().collect();
    (
        a.difference(&b).cloned().collect(),
        b.difference(&a).cloned().collect(),
    )
}

#[test]
fn every_command_is_declared_handled_allowed_and_called_alike() {
    let declared = build_rs();
    assert!(
        declared.len() > 50,
        "build.rs should list the app's commands; read {} names",
        declared.len()
    );
    let unique: BTreeSet<&String> = declared.iter().collect();
    assert_eq!(
        unique.len(),
        declared.len(),
        "build.rs lists a command twice"
    );
    for (place, names) in [
        ("src-tauri/src/main.rs (generate_handler!)", main_rs()),
        ("src-tauri/capabilities/default.json", capability()),
        ("ui/lib/api.js", api_js()),
    ] {
        let (missing, extra) = differences(&declared, &names);
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{place} disagrees with the COMMANDS of src-tauri/build.rs: \
             missing there {missing:?}, only there {extra:?}"
        );
    }
}

#[test]
fn each_handled_command_is_a_tauri_command_in_its_module() {
    let main = read("src-tauri/src/main.rs");
    for path in between(&main, "generate_handler![", "]")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let parts: Vec<&str> = path.split("::").collect();
        let [_, module, name] = parts[..] else {
            panic!("{path} is not commands::<module>::<name>");
        };
        let source = read(&format!("src-tauri/src/commands/{module}.rs"));
        let defined = source.split("#[tauri::command").skip(1).any(|after| {
            after
                .lines()
                .skip(1)
                .find(|l| l.contains(" fn "))
                .is_some_and(|l| l.contains(&format!(" fn {name}(")))
        });
        assert!(
            defined,
            "{path}: no #[tauri::command] fn {name} in src-tauri/src/commands/{module}.rs"
        );
    }
}
