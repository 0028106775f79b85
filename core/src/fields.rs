//! What users type, as every form handles it: required text, length limits, and folding
//! for sorting and search.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// Fails with a message naming the field and both lengths when `value` has more than `max`
/// characters.
pub(crate) fn check_length(
    field: &'static str,
    label: &str,
    value: &str,
    max: usize,
) -> Result<()> {
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

/// Trims `value` and fails with `code` on `field` when nothing is left.
pub(crate) fn required<'a>(
    value: &'a str,
    code: &'static str,
    field: &'static str,
    message: &str,
) -> Result<&'a str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::Invalid {
            code,
            field,
            message: message.to_owned(),
        });
    }
    Ok(value)
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
