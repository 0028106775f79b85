//! The one date a reminder's text is about ("due on", "last spoke on"), kept apart from the text
//! so the UI writes it in the user's locale; only pop-ups and calendar files, which have no UI to
//! format them, get it written in by the core, as an ISO 8601 day.

use chrono::NaiveDate;
use serde::Serialize;

use crate::records::text_enum;

text_enum! {
    /// What a reminder's date means, so the UI can say it in a sentence: a promise is due on
    /// it, the user meant to settle a conflict by it, last spoke with the person on it, or last
    /// went to the group on it.
    DateMeaning {
        Due = "due",
        SettleBy = "settle_by",
        LastSpoke = "last_spoke",
        LastWent = "last_went",
    }
}

/// A reminder's date and what it means; sent as `{ "meaning": "due", "on": "2026-12-05" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dated {
    pub meaning: DateMeaning,
    /// A calendar day in the user's time zone, ISO 8601 on the wire.
    pub on: NaiveDate,
}

impl Dated {
    /// The sentence for text the core writes itself (pop-ups, calendar files). Locale-neutral
    /// on purpose: the core has no locale to follow, and an ISO day reads the same everywhere.
    pub fn sentence(self) -> String {
        let on = self.on.format("%Y-%m-%d");
        match self.meaning {
            DateMeaning::Due => format!("Due {on}."),
            DateMeaning::SettleBy => format!("You meant to settle it by {on}."),
            DateMeaning::LastSpoke => format!("You last spoke on {on}."),
            DateMeaning::LastWent => format!("You last went on {on}."),
        }
    }
}

/// A reminder's whole text for places without a UI: its body, then its date's sentence.
pub fn body_with_date(body: &str, dated: Option<Dated>) -> String {
    match dated {
        Some(d) => format!("{body} {}", d.sentence()),
        None => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_writes_a_date_as_an_iso_day_never_a_month_name() {
        let d = Dated {
            meaning: DateMeaning::Due,
            on: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
        };
        assert_eq!(
            body_with_date("You promised Dana.", Some(d)),
            "You promised Dana. Due 2026-12-05."
        );
        assert_eq!(
            body_with_date("About Dana.", None),
            "About Dana.",
            "no date, no sentence"
        );
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json, r#"{"meaning":"due","on":"2026-12-05"}"#,
            "the UI reads an ISO day"
        );
    }
}
