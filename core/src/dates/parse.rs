//! Reading a day written by a person or an address book: "1985-04-12", "19850412", "--04-12",
//! "--0412" (vCard's day without a year), and "04-12".

use chrono::NaiveDate;

/// A day and month, with the year when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDay {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

/// Apple writes a day without a year as this year and says so in X-APPLE-OMIT-YEAR.
pub const APPLE_NO_YEAR: i32 = 1604;

impl PartialDay {
    /// Checked: the day exists in that month (29 February without a year, or in a leap year).
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<PartialDay> {
        let probe_year = match year {
            Some(y) if (1..=9999).contains(&y) => y,
            Some(_) => return None,
            None => 2000, // a leap year, so 29 February stands
        };
        NaiveDate::from_ymd_opt(probe_year, month, day)?;
        Some(PartialDay { month, day, year })
    }
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The day `text` names, or `None` when it names none (an empty text included). A time after
/// the day ("1985-04-12T00:00:00Z", as some address books write) is ignored.
pub fn parse_day(text: &str) -> Option<PartialDay> {
    let text = text.trim();
    let text = text.split(['T', 't', ' ']).next().unwrap_or(text);
    if let Some(rest) = text.strip_prefix("--") {
        let (m, d) = match rest.split_once('-') {
            Some((m, d)) => (m, d),
            None if rest.len() == 4 => rest.split_at(2),
            None => return None,
        };
        return PartialDay::new(None, number(m)?, number(d)?);
    }
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let year = i32::try_from(number(y)?).ok()?;
            PartialDay::new(Some(year), number(m)?, number(d)?)
        }
        [m, d] if m.len() <= 2 && d.len() <= 2 => PartialDay::new(None, number(m)?, number(d)?),
        [compact] if compact.len() == 8 && compact.is_ascii() => {
            let year = i32::try_from(number(&compact[..4])?).ok()?;
            PartialDay::new(Some(year), number(&compact[4..6])?, number(&compact[6..])?)
        }
        _ => None,
    }
}
