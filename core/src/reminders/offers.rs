//! What each reminder offers as answers, so the Reminders list, the Review page and the pop-up
//! show the same buttons and none of them says something it does not do.

use serde::Serialize;

/// One way to answer a reminder, as a button shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    /// Done: a thank-you sent, your own promise kept, a check-in held, a reminder you wrote.
    Done,
    /// Logs an interaction of a kind the user picks, with an optional note.
    GotInTouch,
    /// Resolves a conflict with a note on how.
    Resolve,
    /// Their promise was kept.
    Kept,
    /// Their promise was not kept.
    NotKept,
    /// Asks about their promise again in a week, and records nothing else.
    AskAgain,
    /// A tour meeting took place.
    Met,
    /// The user went to one of a group's events.
    Went,
    /// Opens the Review page (the weekly review is answered there, by "Review done").
    Review,
    /// They agreed to what the user asked.
    Agreed,
    /// They declined what the user asked.
    Declined,
    /// A regular 1:1: logs a 1:1 with the person, now.
    LogOneOnOne,
}

pub const DONE: &[Offer] = &[Offer::Done];
pub const KEEP_IN_TOUCH: &[Offer] = &[Offer::GotInTouch];
pub const CONFLICT: &[Offer] = &[Offer::Resolve];
pub const THEIR_PROMISE: &[Offer] = &[Offer::Kept, Offer::NotKept, Offer::AskAgain];
pub const TOUR_MEETING: &[Offer] = &[Offer::Met];
pub const GROUP: &[Offer] = &[Offer::Went];
pub const WEEKLY_REVIEW: &[Offer] = &[Offer::Review];
pub const ASK: &[Offer] = &[Offer::Agreed, Offer::Declined, Offer::Done];
pub const IMPACT_FOLLOW_UP: &[Offer] = &[Offer::GotInTouch];
pub const REGULAR_ONE_ON_ONE: &[Offer] = &[Offer::LogOneOnOne, Offer::Done];
