//! allies-core: the domain, storage and rules of Allies, with no knowledge of the desktop shell.
//!
//! Everything that touches the user's data lives here so it can be tested without a display:
//! the shell only maps its commands onto these functions. The folders are the areas of the
//! product: `storage` (the file, its copies and encryption), `people`, `maps`, `journal` (what
//! happened with each person), `reminders`, `network` (links, paths, the tour, groups,
//! insights), `interop` (files in and out) and `search` across them; `history` records every
//! change a user makes so it can be undone and redone; `sample` adds and removes the sample
//! workspace a new user can try Allies with; `purge` removes deleted records for good;
//! `wins` logs the user's own results and who has heard of them, and holds About me.

pub mod asks;
pub mod dates;
pub mod deleted;
pub mod error;
mod fields;
pub mod history;
pub mod interop;
pub mod journal;
pub mod maps;
pub mod network;
pub mod people;
pub mod purge;
mod records;
pub mod reminders;
pub mod rounds;
pub mod sample;
pub mod search;
pub mod session;
pub mod storage;
pub mod sync;
pub mod wins;

pub use error::{Error, Result, WireError};
pub use storage::{Database, OpenError};
