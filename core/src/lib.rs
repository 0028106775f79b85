//! allies-core: the domain, storage and rules of Allies, with no knowledge of the desktop shell.
//!
//! Everything that touches the user's data lives here so it can be tested without a display:
//! the shell only maps its commands onto these functions.

pub mod backup;
pub mod calendar;
pub mod conflicts;
pub mod encryption;
pub mod error;
pub mod export;
pub mod favours;
mod fields;
pub mod groups;
pub mod import;
pub mod insights;
pub mod interactions;
pub mod maps;
pub mod network;
pub mod notification;
pub mod people;
pub mod people_csv;
pub mod people_vcard;
pub mod presenting;
pub mod profiles;
pub mod promises;
mod records;
pub mod reminder_settings;
pub mod reminders;
pub mod schedule;
pub mod search;
pub mod snapshots;
pub mod storage;
pub mod tour;
pub mod vcard;

pub use error::{Error, Result, WireError};
pub use storage::{Database, OpenError};
