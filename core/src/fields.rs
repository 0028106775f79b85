//! What users type, as every form and import handles it: control characters taken out, required
//! text, length limits, and folding for sorting and search.
//!
//! Every text a user types or imports reaches the database through [`line`] (one-line fields:
//! names, titles, tags) or [`text`] (notes), which clean it before they check its length; the
//! length check is private here, so a new field cannot be checked without being cleaned.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// Fails with a message naming the field and both lengths when `value` has more than `max`
/// characters.
fn check_length(field: &'static str, label: &str, value: &str, max: usize) -> Result<()> {
    // Bytes bound characters from above, so most values skip the count.
    if value.len() <= max {
        return Ok(());
    }
    let chars = value.chars().count();
    if chars <= max {
        return Ok(());
    }
    Err(Error::Invalid {
        code: "input.too_long",
        field,
        message: format!(
            "{label} is {chars} characters long; the limit is {max}. Shorten it and save again."
        ),
    })
}

/// A one-line field's text (a name, a title, a tag), trimmed and with no control character: a
/// tab or line break becomes a space, so "Dana\r\nNg" stays two words; any other control
/// character is dropped. A carriage return pasted into a name would otherwise split the line
/// it lands on in a CSV or calendar file that other programs read.
pub(crate) fn clean_line(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// A multi-line field's text (notes), as typed but for control characters: line breaks are
/// kept as "\n" (a carriage return, alone or before a line feed, becomes one), tabs are kept,
/// and every other control character is dropped.
pub(crate) fn clean_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A one-line field's value, cleaned by [`clean_line`], once its length is within `max`.
pub(crate) fn line(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = clean_line(value);
    check_length(field, label, &value, max)?;
    Ok(value)
}

/// A multi-line field's value, cleaned by [`clean_text`], once its length is within `max`.
pub(crate) fn text(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = clean_text(value);
    check_length(field, label, &value, max)?;
    Ok(value)
}

/// Fails with `code` on `field` when `value` (cleaned by [`line`]) is empty.
pub(crate) fn required(
    value: &str,
    code: &'static str,
    field: &'static str,
    message: &str,
) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::Invalid {
            code,
            field,
            message: message.to_owned(),
        });
    }
    Ok(())
}

/// Folds text for sorting and search: lower case, accents removed ("Élodie" -> "elodie"),
/// so people sort and match the way a reader expects in Latin scripts.
pub(crate) fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// Reads a calendar day typed as YYYY-MM-DD; empty means none. A typo such as 0026 for 2026
/// parses as a date, but no goal or promise is set that far away, so years outside 1900–2200
/// are refused too.
pub(crate) fn day(
    text: &str,
    code: &'static str,
    field: &'static str,
) -> Result<Option<chrono::NaiveDate>> {
    use chrono::Datelike;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| Error::Invalid {
        code,
        field,
        message: format!("“\u{2068}{text}\u{2069}” {why}. Write it like 2026-06-30."),
    };
    let parsed =
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad("is not a date"))?;
    if !(1900..=2200).contains(&parsed.year()) {
        return Err(bad("is not a year a plan could be made for"));
    }
    Ok(Some(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_field_keeps_no_control_character() {
        assert_eq!(
            clean_line("  Dana\r\nNg\t(Platform)\u{7}\u{0}\u{1b}[31m "),
            "Dana Ng (Platform)[31m"
        );
        assert_eq!(
            clean_line("R&D\rOps"),
            "R&D Ops",
            "a lone carriage return splits no line"
        );
        assert_eq!(clean_line("\u{85}x\u{9f}"), "x");
        assert_eq!(
            clean_line("Zoë 🙂 ‏"),
            "Zoë 🙂 ‏",
            "letters, emoji and bidi marks stay"
        );
    }

    #[test]
    fn notes_keep_tabs_and_line_breaks_as_line_feeds() {
        assert_eq!(clean_text("a\r\nb\rc\nd\te\u{0}f\u{7f}"), "a\nb\nc\nd\tef");
        assert_eq!(
            clean_text("  indented\n"),
            "  indented\n",
            "notes are not trimmed"
        );
    }

    #[test]
    fn cleaning_comes_before_the_length_check_and_required() {
        let bells = format!("{}ok", "\u{7}".repeat(20));
        assert_eq!(line("name", "Name", &bells, 5).unwrap(), "ok");
        let blank = line("name", "Name", "\r\n\u{0}", 5).unwrap();
        assert_eq!(
            required(&blank, "people.name_required", "name", "Enter a name.")
                .unwrap_err()
                .code(),
            "people.name_required",
            "a name of control characters alone is no name"
        );
        assert_eq!(
            text("notes", "Notes", "abcdef\u{0}", 5).unwrap_err().code(),
            "input.too_long"
        );
    }
}
