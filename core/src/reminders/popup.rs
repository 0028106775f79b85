//! A reminder's desktop pop-up: what it says, its buttons, and what a click on each does to
//! the reminder. The shell shows the pop-up and passes the click back here.

use chrono::{DateTime, Duration, Utc};

use super::answers::{complete, snooze};
use super::notification::Notification;
use super::schedule::Notice;
use crate::error::Result;
use crate::storage::Database;

/// How long "Snooze" on a pop-up holds a reminder.
pub const SNOOZE: Duration = Duration::days(1);

/// A pop-up's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Done,
    Snooze,
    /// Brings the app forward on the reminder's person; clicking the pop-up itself does too.
    Open,
}

impl Button {
    /// The key the desktop sends back for the button ("default" is a click on the pop-up).
    pub fn key(self) -> &'static str {
        match self {
            Button::Done => "done",
            Button::Snooze => "snooze",
            Button::Open => "default",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Button::Done => "Done",
            Button::Snooze => "Snooze 1 day",
            Button::Open => "Open",
        }
    }

    /// The button a key names; `None` for a key no pop-up of Allies offers.
    pub fn from_key(key: &str) -> Option<Button> {
        match key {
            "done" => Some(Button::Done),
            "snooze" => Some(Button::Snooze),
            "default" | "open" => Some(Button::Open),
            _ => None,
        }
    }
}

/// What a click on `button` does to the reminder `subject`: Done completes it, Snooze holds it
/// for [`SNOOZE`]; Open changes nothing (the shell shows the app).
pub fn answer(db: &mut Database, subject: &str, button: Button, now: DateTime<Utc>) -> Result<()> {
    match button {
        Button::Done => complete(db, subject, now),
        Button::Snooze => snooze(db, subject, now + SNOOZE, now),
        Button::Open => Ok(()),
    }
}

/// The pop-up for a notice. A single reminder offers Done, Snooze 1 day and Open; a summary
/// of several offers Open.
pub fn notification(notice: &Notice) -> Notification {
    match notice {
        Notice::One(due) => Notification {
            title: due.title.clone(),
            body: due.body.clone(),
            actions: [Button::Done, Button::Snooze, Button::Open]
                .iter()
                .map(|b| (b.key().into(), b.label().into()))
                .collect(),
        },
        Notice::Summary(all) => {
            const LISTED: usize = 5;
            let mut lines: Vec<String> = all
                .iter()
                .take(LISTED)
                .map(|d| format!("• {}", d.title))
                .collect();
            if all.len() > LISTED {
                lines.push(format!("…and {} more", all.len() - LISTED));
            }
            Notification {
                title: format!("{} reminders are waiting", all.len()),
                body: lines.join("\n"),
                actions: vec![(Button::Open.key().into(), "Open reminders".into())],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_a_pop_up_offers_is_understood_when_clicked() {
        let notice = Notice::Summary(Vec::new());
        let summary = notification(&notice);
        for (key, _) in &summary.actions {
            assert_eq!(Button::from_key(key), Some(Button::Open), "{key}");
        }
        for button in [Button::Done, Button::Snooze, Button::Open] {
            assert_eq!(Button::from_key(button.key()), Some(button));
        }
        assert_eq!(
            Button::from_key("dismissed"),
            None,
            "closing is not a button"
        );
    }
}
