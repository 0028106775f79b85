//! Reminders drawn from what the user recorded (thank-yous, keeping in touch, promises,
//! conflicts, check-ins, the weekly review) and the ones they write themselves; what the user
//! did about each; and the log that keeps any of them from showing twice.
//!
//! [`rules`] turns the database into [`Rule`]s, [`crate::reminders::schedule::plan`] decides, and
//! [`fire_due`] records what it decided to show before anything is shown.

mod answers;
mod builder;
mod cadence;
mod check_ins;
mod countdown;
mod dated;
mod firing;
mod important_dates;
mod item;
pub mod notification;
pub mod offers;
mod overdue;
mod overview;
pub mod popup;
mod review;
mod rules;
mod ruleset;
pub mod schedule;
pub mod settings;
mod state;
mod subjects;
mod support;
mod written;

pub use answers::{
    answer, complete, dismiss, snooze, snooze_for, undismiss, Answer, SnoozeFor, ASK_AGAIN_DAYS,
};
pub use cadence::{cadence_for, cadence_of, cadences, Cadence, CadenceInEffect, CadenceSource};
pub use check_ins::{
    add_check_in, check_ins_list, delete_check_in, edit_check_in, get_check_in, restore_check_in,
    CheckIn, CheckInInput,
};
pub use dated::{body_with_date, DateMeaning, Dated};
pub use firing::{fire_due, Firing};
pub use item::Item;
pub use overdue::overdue_count;
pub use overview::{overview, DoneItem, Overview, UPCOMING_DAYS};
pub use popup::notification;
pub use review::{review_page, MapWeek, ReviewPage, Sections, TourWeek, Unnoticed};
pub use ruleset::rules;
pub use state::shown;
pub use subjects::{
    keep_in_touch_subject, thank_you_subject, weekly_review_subject, written_subject,
};
pub use written::{
    add, delete, edit, get_written, restore, Recurrence, ReminderInput, MAX_NOTE, MAX_TITLE,
};
