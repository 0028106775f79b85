//! The SQLite file and everything that keeps it safe: where it lives, opening it, its schema,
//! moving a bad one aside, encryption, automatic copies and the JSON backup.
//!
//! The layers, each using only those above it: `files`, `open_error` and `aead`; `migrations`,
//! `backups_dir` and `cipher`; `database`; then `recovery`, `encryption`, `sealed_backup`,
//! `backup` and `snapshots`.

pub(crate) mod aead;
pub mod backup;
mod backups_dir;
mod cipher;
mod database;
pub mod encryption;
mod files;
pub mod locks;
mod migrations;
mod open_error;
mod recovery;
pub(crate) mod reindex;
pub mod sealed_backup;
pub mod snapshots;

pub use database::{summary, Database, IntegrityCheck, WallClock, CHECK_LATER_ABOVE};
pub(crate) use files::private_file;
pub use files::{data_dir, APP_DIR, DATA_DIR_ENV, DB_FILE};
pub use migrations::{schema_version, MIGRATION_FILES};
pub use open_error::OpenError;
pub use recovery::{restore_copy, start_fresh};
