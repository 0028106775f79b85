//! Files in and out: people from LinkedIn, CSV and vCard files; people, reminders and reviews out
//! as CSV, vCard, iCalendar and text.

pub mod export;
pub mod import;
