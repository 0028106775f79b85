//! What every stored record carries: a time-ordered id, UTC times in one text format, closed
//! lists of choices stored as text, and deletion that undo can reverse.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::types::ValueRef;
use uuid::Uuid;

use crate::error::Result;
use crate::storage::Database;

/// Times are stored as fixed-width RFC 3339 text in UTC, so they sort as text.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Column `i` of `row`, a time: read straight from the text [`time_text`] writes, and through
/// rusqlite's own reading when it is in any other form (an older file, a row written by hand).
/// The reminders read tens of thousands of times at once; the general reading parses a format
/// string for each, which was a tenth of their time with ten years of data.
pub(crate) fn time_at(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    if let ValueRef::Text(text) = row.get_ref(i)? {
        if let Some(t) = fixed_width_time(text) {
            return Ok(t);
        }
    }
    row.get(i)
}

/// Like [`time_at`], for a column that may be empty.
pub(crate) fn optional_time_at(
    row: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    match row.get_ref(i)? {
        ValueRef::Null => Ok(None),
        _ => time_at(row, i).map(Some),
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, as [`time_text`] writes it; `None` for anything else, including
/// a day or an hour that does not exist.
fn fixed_width_time(text: &[u8]) -> Option<DateTime<Utc>> {
    const MARKS: [(usize, u8); 7] = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (23, b'Z'),
    ];
    if text.len() != 24 || MARKS.iter().any(|&(at, mark)| text[at] != mark) {
        return None;
    }
    // The digits from `from` up to `to`.
    let number = |from: usize, to: usize| {
        text[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let day = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let time = NaiveTime::from_hms_milli_opt(
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        number(20, 23)?,
    )?;
    Some(day.and_time(time).and_utc())
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
    use chrono::{Datelike, SubsecRound, TimeZone};

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

    /// Each text as `time_at` reads it, and as rusqlite's own reading does (errors as text).
    fn both_readings(texts: &[&str]) -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let show = |r: rusqlite::Result<DateTime<Utc>>| match r {
            Ok(t) => time_text(t),
            Err(e) => format!("error: {e}"),
        };
        texts
            .iter()
            .map(|text| {
                conn.query_row("SELECT ?1", [text], |row| {
                    Ok((show(time_at(row, 0)), show(row.get(0))))
                })
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn a_time_is_read_as_rusqlite_reads_it_in_every_form() {
        let texts = [
            "2026-01-02T03:04:05.000Z",
            "2026-12-31T23:59:59.999Z",
            "2024-02-29T12:00:00.500Z",
            "0001-01-01T00:00:00.000Z",
            // Not the fixed form: rusqlite's reading decides.
            "2026-01-02T03:04:05Z",
            "2026-01-02 03:04:05.000",
            "2026-01-02T03:04:05.123456+02:00",
            // No such day or hour, or not a time at all.
            "2026-02-29T12:00:00.000Z",
            "2026-01-02T24:00:00.000Z",
            "2026-13-02T03:04:05.000Z",
            "2026-01-02T03:04:05.0a0Z",
            "+026-01-02T03:04:05.000Z",
            "",
        ];
        for (text, (ours, theirs)) in texts.iter().zip(both_readings(&texts)) {
            assert_eq!(ours, theirs, "{text:?}");
        }
        // And every time written is read back as it was.
        let mut t = Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 59).unwrap();
        while t.year() < 2031 {
            let text = time_text(t);
            let conn = rusqlite::Connection::open_in_memory().unwrap();
            let back = conn
                .query_row("SELECT ?1", [&text], |row| time_at(row, 0))
                .unwrap();
            assert_eq!(back, t.trunc_subsecs(3), "{text}");
            t += chrono::Duration::milliseconds(86_399_997 * 37);
        }
    }

    #[test]
    fn an_empty_time_is_none_and_a_number_is_read_as_rusqlite_reads_it() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let read = |sql: &str| {
            conn.query_row(sql, [], |row| optional_time_at(row, 0))
                .unwrap()
        };
        assert_eq!(read("SELECT NULL"), None);
        assert_eq!(
            read("SELECT 1767323045"),
            Some(Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap())
        );
    }
}
