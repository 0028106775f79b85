//! Subjects: the stable name of each reminder ("promise:<id>"), shared by its rule, its state
//! and the log of what was shown.

use super::schedule::Kind;

pub(super) fn subject(kind: Kind, id: &str) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The kind and record id a subject names ("promise:<id>" → Promise, "<id>").
pub(super) fn parse_subject(subject: &str) -> Option<(Kind, &str)> {
    let (kind, rest) = subject.split_once(':').unwrap_or((subject, ""));
    let kind = Kind::ALL.iter().copied().find(|k| k.as_str() == kind)?;
    Some((kind, rest))
}

/// The subject of the thank-you a favour calls for.
pub fn thank_you_subject(favour_id: &str) -> String {
    subject(Kind::ThankYou, favour_id)
}

/// The subject of keeping in touch with a person.
pub fn keep_in_touch_subject(person_id: &str) -> String {
    subject(Kind::KeepInTouch, person_id)
}

/// The subject of a reminder the user wrote.
pub fn written_subject(id: &str) -> String {
    subject(Kind::OneOff, id)
}

/// The subject of the weekly review.
pub fn weekly_review_subject() -> String {
    subject(Kind::WeeklyReview, "")
}
