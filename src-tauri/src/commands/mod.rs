//! The commands the UI can invoke. Each takes the state, calls the core and maps the error;
//! the rules live in allies-core.

pub mod app;
pub mod asks;
pub mod data;
pub mod dates;
pub mod deleted;
pub mod groups;
pub mod history;
pub mod import;
pub mod insights;
pub mod journal;
pub mod maps;
pub mod network;
pub mod people;
pub mod presenting;
pub mod reminders;
pub mod rounds;
pub mod sample;
pub mod search;
pub mod sync;
pub mod tour;
pub mod wins;
