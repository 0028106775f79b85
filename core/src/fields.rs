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
