//! Every name on the wire is snake_case: the fields and tags of each reply, and the choices the
//! window sends back. The UI reads them as written, so one camelCase name would be a field the
//! window silently never finds. This test fails when a camelCase renaming appears in the core or
//! the shell: a `rename_all = "camelCase"` (or PascalCase), or a `rename` to a camelCase name,
//! or a camelCase text in a `text_enum!` list.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_else(|e| panic!("{e}"));
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The texts between double quotes on `line`.
fn quoted(line: &str) -> Vec<&str> {
    line.split('"').skip(1).step_by(2).collect()
}

/// `fooBar`: starts lower case, has an upper case letter, and nothing but letters and digits.
fn is_camel_case(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.contains(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Why `line` puts a name on the wire in another casing than snake_case, if it does.
/// `in_text_enum`: the line is inside a `text_enum! { … }` list, where `Variant = "text"` is
/// the text sent.
fn not_snake_case(line: &str, in_text_enum: bool) -> Option<&'static str> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return None;
    }
    let texts = quoted(code);
    if code.contains("rename_all")
        && texts
            .iter()
            .any(|t| matches!(*t, "camelCase" | "PascalCase" | "lowerCamelCase"))
    {
        return Some("renames every name to camelCase or PascalCase");
    }
    if code.contains("serde(") && code.contains("rename") && texts.iter().any(|t| is_camel_case(t))
    {
        return Some("renames one name to camelCase");
    }
    if in_text_enum && code.contains(" = \"") && texts.iter().any(|t| is_camel_case(t)) {
        return Some("sends a choice as camelCase text");
    }
    None
}

/// Every line of `text` that is not snake_case on the wire, with why.
fn offending_lines(text: &str) -> Vec<(usize, &str, &'static str)> {
    let mut found = Vec::new();
    // The brace depth inside a `text_enum!` invocation; `None` outside one.
    let mut text_enum: Option<i32> = None;
    for (n, line) in text.lines().enumerate() {
        if line.contains("text_enum! {") {
            text_enum = Some(0);
        }
        if let Some(why) = not_snake_case(line, text_enum.is_some()) {
            found.push((n + 1, line.trim(), why));
        }
        if let Some(depth) = text_enum.as_mut() {
            *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if *depth <= 0 {
                text_enum = None;
            }
        }
    }
    found
}

#[test]
fn every_name_on_the_wire_is_snake_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files);
    rust_files(&root.join("src-tauri/src"), &mut files);
    assert!(
        files.len() > 50,
        "read the core's and the shell's sources: {files:?}"
    );
    let camel: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
            offending_lines(&text)
                .into_iter()
                .map(|(n, line, why)| format!("{}:{n}: {line} ({why})", file.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        camel.is_empty(),
        "the window reads snake_case names; write these in snake_case: {camel:#?}"
    );
}

#[test]
fn each_kind_of_camel_case_renaming_is_caught() {
    for line in [
        r#"#[serde(rename_all = "camelCase")]"#,
        r#"#[serde(tag = "kind", rename_all = "camelCase")]"#,
        r#"#[serde(rename_all(serialize = "camelCase"))]"#,
        r#"#[serde(rename_all_fields = "camelCase")]"#,
        r#"#[tauri::command(rename_all = "camelCase")]"#,
        r#"#[serde(rename_all = "PascalCase")]"#,
        r#"    #[serde(rename = "firstName")]"#,
        r#"    #[serde(rename(serialize = "firstName"))]"#,
    ] {
        assert!(
            !offending_lines(line).is_empty(),
            "{line} would put camelCase names on the wire"
        );
    }
    let list = "text_enum! {\n    Kind {\n        ThankYou = \"thankYou\",\n    }\n}\n";
    assert_eq!(
        offending_lines(list).len(),
        1,
        "a camelCase text in a text_enum! list is sent as it is"
    );
}

#[test]
fn snake_case_and_prose_pass() {
    for line in [
        r#"#[serde(rename_all = "snake_case")]"#,
        r#"#[serde(tag = "for", rename_all = "snake_case")]"#,
        r#"    #[serde(rename = "first_name")]"#,
        r#"/// Never `#[serde(rename_all = "camelCase")]`: the window reads snake_case."#,
        r#"let message = format!("a thankYou to {name}");"#,
    ] {
        assert!(
            offending_lines(line).is_empty(),
            "{line} is snake_case on the wire, or no attribute at all"
        );
    }
    let list = "text_enum! {\n    Kind {\n        ThankYou = \"thank_you\",\n    }\n}\nconst X: &str = \"notInAList\";\n";
    assert!(
        offending_lines(list).is_empty(),
        "snake_case choices, and a string after the list ends, pass"
    );
}
