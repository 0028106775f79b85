//! A reminder's desktop pop-up: what it says, its buttons, and what a click on each does to
//! the reminder. The shell shows the pop-up and passes the click back here.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::answers::{answer as answer_reminder, snooze, Answer};
use super::dated::body_with_date;
use super::notification::Notification;
use super::offers::Offer;
use super::schedule::{Kind, Notice};
use super::subjects::parse_subject;
use crate::error::Result;
use crate::journal::interactions;
use crate::storage::Database;

/// How long "Snooze" on a pop-up holds a reminder.
pub const SNOOZE: Duration = Duration::days(1);

/// What "Got in touch" on a pop-up logs: there is no room to choose, and a message is the
/// most common quick contact. The Reminders view and the Review page let the user pick.
pub const POPUP_CONTACT: interactions::Kind = interactions::Kind::Message;

/// A pop-up's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Done,
    /// Logs a [`POPUP_CONTACT`] with the person.
    GotInTouch,
    /// Opens the Review page at the conflict, to say how it was resolved.
    Resolve,
    Kept,
    NotKept,
    AskAgain,
    Met,
    Went,
    /// Opens the Review page.
    Review,
    Snooze,
    /// They agreed to an ask.
    Agreed,
    /// They declined an ask.
    Declined,
    /// Logs a 1:1 with the person of a regular 1:1.
    LogOneOnOne,
    /// Brings the app forward on the reminder's person; clicking the pop-up itself does too.
    Open,
}

impl Button {
    pub const ALL: [Button; 14] = [
        Button::Done,
        Button::GotInTouch,
        Button::Resolve,
        Button::Kept,
        Button::NotKept,
        Button::AskAgain,
        Button::Met,
        Button::Went,
        Button::Review,
        Button::Snooze,
        Button::Open,
        Button::Agreed,
        Button::Declined,
        Button::LogOneOnOne,
    ];

    /// The key the desktop sends back for the button ("default" is a click on the pop-up).
    pub fn key(self) -> &'static str {
        match self {
            Button::Done => "done",
            Button::GotInTouch => "got_in_touch",
            Button::Resolve => "resolve",
            Button::Kept => "kept",
            Button::NotKept => "not_kept",
            Button::AskAgain => "ask_again",
            Button::Met => "met",
            Button::Went => "went",
            Button::Review => "review",
            Button::Snooze => "snooze",
            Button::Agreed => "agreed",
            Button::Declined => "declined",
            Button::LogOneOnOne => "log_one_on_one",
            Button::Open => "default",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Button::Done => "Done",
            Button::GotInTouch => "Got in touch",
            Button::Resolve => "Resolve…",
            Button::Kept => "Kept",
            Button::NotKept => "Not kept",
            Button::AskAgain => "Ask again in a week",
            Button::Met => "Met",
            Button::Went => "Went",
            Button::Review => "Open the review",
            Button::Snooze => "Snooze 1 day",
            Button::Agreed => "Agreed",
            Button::Declined => "Declined",
            Button::LogOneOnOne => "Log the 1:1",
            Button::Open => "Open",
        }
    }

    /// The button a key names; `None` for a key no pop-up of Allies offers.
    pub fn from_key(key: &str) -> Option<Button> {
        if key == "open" {
            return Some(Button::Open);
        }
        Button::ALL.into_iter().find(|b| b.key() == key)
    }

    fn for_offer(offer: Offer) -> Button {
        match offer {
            Offer::Done => Button::Done,
            Offer::GotInTouch => Button::GotInTouch,
            Offer::Resolve => Button::Resolve,
            Offer::Kept => Button::Kept,
            Offer::NotKept => Button::NotKept,
            Offer::AskAgain => Button::AskAgain,
            Offer::Met => Button::Met,
            Offer::Went => Button::Went,
            Offer::Review => Button::Review,
            Offer::Agreed => Button::Agreed,
            Offer::Declined => Button::Declined,
            Offer::LogOneOnOne => Button::LogOneOnOne,
        }
    }
}

/// Where the app opens after a click on a pop-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum Place {
    Reminders,
    Person {
        person_id: String,
    },
    /// The Review page, at one reminder's item when `subject` is set.
    Review {
        subject: Option<String>,
    },
}

/// Where Open takes the user for a reminder: its person, the Review page for the weekly
/// review and conflicts, or the Reminders view.
fn place_of(subject: Option<&str>, person: Option<&str>) -> Place {
    match (subject.and_then(parse_subject), person) {
        (Some((Kind::WeeklyReview | Kind::Countdown, _)), _) => Place::Review { subject: None },
        (_, Some(person)) => Place::Person {
            person_id: person.to_owned(),
        },
        _ => Place::Reminders,
    }
}

/// What a click on `button` does to the reminder `subject` (of `person`): an answer is the
/// core's answer to the reminder (Got in touch logs a [`POPUP_CONTACT`]), Snooze holds it for
/// [`SNOOZE`]; Open, Resolve and Review change nothing and return where the app should open.
pub fn click(
    db: &mut Database,
    subject: Option<&str>,
    person: Option<&str>,
    button: Button,
    now: DateTime<Utc>,
) -> Result<Option<Place>> {
    let answer = match button {
        Button::Open => return Ok(Some(place_of(subject, person))),
        Button::Review => return Ok(Some(Place::Review { subject: None })),
        Button::Resolve => {
            return Ok(Some(Place::Review {
                subject: subject.map(str::to_owned),
            }))
        }
        Button::Done => Answer::Done,
        Button::GotInTouch => Answer::GotInTouch {
            kind: POPUP_CONTACT,
            note: String::new(),
        },
        Button::Kept => Answer::Kept,
        Button::NotKept => Answer::NotKept,
        Button::AskAgain => Answer::AskAgain,
        Button::Met => Answer::Met,
        Button::Went => Answer::Went,
        Button::Agreed => Answer::Agreed,
        Button::Declined => Answer::Declined,
        Button::LogOneOnOne => Answer::LoggedOneOnOne {
            note: String::new(),
        },
        Button::Snooze => {
            if let Some(subject) = subject {
                snooze(db, subject, now + SNOOZE, now)?;
            }
            return Ok(None);
        }
    };
    if let Some(subject) = subject {
        answer_reminder(db, subject, &answer, now)?;
    }
    Ok(None)
}

/// The buttons of a single reminder's pop-up: what it offers (their promise: Kept, Not kept,
/// Ask again), then Snooze while there is room, and Open (a click on the pop-up itself).
fn buttons(offers: &[Offer]) -> Vec<Button> {
    // Desktops show three buttons at most; "default" is the click on the pop-up, not a button.
    const ROOM: usize = 3;
    let mut buttons: Vec<Button> = offers.iter().map(|o| Button::for_offer(*o)).collect();
    if buttons.len() < ROOM {
        buttons.push(Button::Snooze);
    }
    buttons.truncate(ROOM);
    buttons.push(Button::Open);
    buttons
}

/// The pop-up for a notice. A single reminder offers its answers, Snooze 1 day and Open; a
/// summary of several offers Open.
pub fn notification(notice: &Notice) -> Notification {
    match notice {
        Notice::One(due) => Notification {
            title: due.title.clone(),
            // A pop-up has no UI to write the date in the user's locale: an ISO day it is.
            body: body_with_date(&due.body, due.dated),
            actions: buttons(due.offers)
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
        for button in Button::ALL {
            assert_eq!(Button::from_key(button.key()), Some(button));
        }
        assert_eq!(
            Button::from_key("dismissed"),
            None,
            "closing is not a button"
        );
    }

    #[test]
    fn each_reminder_offers_its_own_answers_on_the_pop_up() {
        use crate::reminders::offers;
        let keys = |o: &'static [Offer]| -> Vec<&'static str> {
            buttons(o).iter().map(|b| b.key()).collect()
        };
        assert_eq!(keys(offers::DONE), ["done", "snooze", "default"]);
        assert_eq!(
            keys(offers::KEEP_IN_TOUCH),
            ["got_in_touch", "snooze", "default"]
        );
        assert_eq!(
            keys(offers::CONFLICT),
            ["resolve", "snooze", "default"],
            "a conflict has no Done"
        );
        assert_eq!(
            keys(offers::THEIR_PROMISE),
            ["kept", "not_kept", "ask_again", "default"],
            "their promise has no Done"
        );
        assert_eq!(keys(offers::TOUR_MEETING), ["met", "snooze", "default"]);
        assert_eq!(keys(offers::WEEKLY_REVIEW), ["review", "snooze", "default"]);
        assert_eq!(
            keys(offers::REGULAR_ONE_ON_ONE),
            ["log_one_on_one", "done", "snooze", "default"],
            "a regular 1:1 is logged from its pop-up"
        );
    }
}
