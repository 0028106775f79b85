//! What every stored record carries: a time-ordered id, UTC times in one text format, closed
//! lists of choices stored as text, and deletion that undo can reverse.

use chrono::{DateTime, SecondsFormat, Utc};
use uuid::Uuid;

use crate::error::Result;
use crate::storage::Database;

/// Times are stored as fixed-width RFC 3339 text in UTC, so they sort as text.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A time-ordered id made from the injected clock.
pub(crate) fn new_id(now: DateTime<Utc>) -> String {
    let secs = u64::try_from(now.timestamp()).unwrap_or(0);
    let ts = uuid::Timestamp::from_unix(uuid::NoContext, secs, now.timestamp_subsec_nanos());
    Uuid::new_v7(ts).to_string()
}

/// Deletes a row by stamping `deleted_at`, so it and everything that refers to it come back
/// whole with [`undelete`]. Deleting twice keeps the first time. `table` is always a name
/// written in this crate, never user input.
pub(crate) fn delete_softly(
    db: &mut Database,
    table: &'static str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    db.write(|tx| {
        tx.execute(
            &format!("UPDATE {table} SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"),
            rusqlite::params![id, time_text(now)],
        )?;
        Ok(())
    })
}

/// Brings back a row [`delete_softly`] deleted; a row that is not deleted is left untouched.
pub(crate) fn undelete(db: &mut Database, table: &'static str, id: &str) -> Result<()> {
    db.write(|tx| {
        tx.execute(
            &format!(
                "UPDATE {table} SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL"
            ),
            [id],
        )?;
        Ok(())
    })
}

/// A closed list of choices, stored as its snake_case name and sent to the UI the same way.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(
                        format!("unknown {} {text:?}", stringify!($name)).into(),
                    ))
            }
        }
    };
}
pub(crate) use text_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_sort_by_the_time_passed_in() {
        let at = |h| Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0).unwrap();
        assert!(
            new_id(at(9)) < new_id(at(10)),
            "v7 ids sort by creation time"
        );
    }

    #[test]
    fn times_are_fixed_width_utc_text() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(time_text(t), "2026-01-02T03:04:05.000Z");
    }
}
