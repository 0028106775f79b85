//! One reminder as a list shows it (the Reminders view, the weekly review): its rule at one due time.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::dated::Dated;
use super::offers::Offer;
use super::schedule::{Kind, Repeat, Rule};
use super::subjects::parse_subject;

/// One reminder as the Reminders view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub subject: String,
    pub kind: Kind,
    pub title: String,
    /// The text without its date: the UI writes `dated` after it, in the user's locale.
    pub body: String,
    pub dated: Option<Dated>,
    pub person_id: Option<String>,
    pub due: DateTime<Utc>,
    pub snoozed: bool,
    pub repeats: bool,
    /// The reminder's own id when the user wrote it (it can be edited and deleted).
    pub reminder_id: Option<String>,
    /// The answers it offers besides snoozing.
    pub offers: &'static [Offer],
}

pub(super) fn item(rule: &Rule, due: DateTime<Utc>) -> Item {
    Item {
        subject: rule.subject.clone(),
        kind: rule.kind,
        title: rule.title.clone(),
        body: rule.body.clone(),
        dated: rule.dated,
        person_id: rule.person_id.clone(),
        due,
        snoozed: rule.snoozed_until.is_some_and(|s| s >= due),
        repeats: rule.repeat != Repeat::Never,
        reminder_id: (rule.kind == Kind::OneOff)
            .then(|| parse_subject(&rule.subject).map(|(_, id)| id.to_owned()))
            .flatten(),
        offers: rule.offers,
    }
}
