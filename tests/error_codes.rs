//! Every error code the window can receive is minted in the core (`core/src/error.rs`), where its
//! wire shape is pinned by tests; the shell only converts. A code written out in the shell would
//! be one nothing checks, so this test fails when one appears there.

use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_else(|e| panic!("{e}"));
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// A line that makes a wire error by hand: `WireError::new(…)`, a `WireError { … }` literal (not a
/// function returning one), or a code or field set on one afterwards.
fn mints(line: &str) -> bool {
    line.contains("WireError::new(")
        || (line.contains("WireError {") && !line.contains("-> WireError {"))
        || line.contains(".code = ")
        || line.contains(".field = Some(")
}

#[test]
fn the_shell_mints_no_error_code_of_its_own() {
    let shell = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src");
    let mut files = Vec::new();
    rust_files(&shell, &mut files);
    assert!(files.len() > 10, "read the shell's sources: {files:?}");
    let minted: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
            text.lines()
                .enumerate()
                .filter(|(_, line)| mints(line))
                .map(|(n, line)| format!("{}:{}: {}", file.display(), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        minted.is_empty(),
        "give these errors a variant in core/src/error.rs instead: {minted:#?}"
    );
}
