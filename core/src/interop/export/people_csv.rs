//! Everyone as a CSV file (RFC 4180: quoted where needed, CRLF line ends), safe to open in a
//! spreadsheet: a cell that starts like a formula is written as text. A redacted version keeps
//! the shape of the network (roles, teams, levels) and leaves out who the people are.

use chrono::{DateTime, Utc};

use crate::dates::DateKind;
use crate::error::{Error, Result};
use crate::people::contacts::{self, ContactKind};
use crate::storage::Database;

pub const HEADER: [&str; 17] = [
    "Name",
    "Role",
    "Department",
    "Organisation",
    "Email",
    "Tags",
    "Notes",
    "Level",
    "How met",
    "Ally role",
    "Last contact",
    "Former colleague since",
    // Every email and phone number with its label: "work: dana@example.com; d@ng.org".
    "Emails",
    "Phones",
    // "1985-04-12", or "--04-12" when the year is not known.
    "Birthday",
    "Anniversary",
    "Start date",
];

/// What a spreadsheet runs as a formula when a cell starts with it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether [`neutralise`] marks `cell`: when it starts like a formula, or with apostrophes before
/// such a start, so that an apostrophe the text itself begins with survives [`unneutralise`].
fn marked(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A spreadsheet runs a cell starting with =, +, -, @, a tab or a carriage return as a formula;
/// a leading apostrophe makes it plain text (and shows nothing extra). [`unneutralise`] takes it
/// off again when Allies imports the file.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if marked(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The text of a cell as it was before [`neutralise`]: the leading apostrophe is taken off only
/// where the export put it (before a formula's start, or before apostrophes that precede one),
/// so "'=SUM(A1)" comes back as "=SUM(A1)" and "'tis" stays "'tis".
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if marked(rest) => rest,
        _ => cell,
    }
}

fn day(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.date_naive().to_string()).unwrap_or_default()
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::Invalid {
        code: "export.failed",
        field: "",
        message: format!("The CSV file could not be written: {e}"),
    }
}

/// A CSV file of `header` and the rows `fill` writes, each cell neutralised.
pub(super) fn write_csv(
    header: &[&str],
    fill: impl FnOnce(&mut dyn FnMut(Vec<String>) -> Result<()>) -> Result<()>,
) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(header).map_err(failed)?;
    fill(&mut |cells: Vec<String>| {
        out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(failed)
    })?;
    out.into_inner().map_err(failed)
}

/// Everyone, current people first and then former colleagues, by name.
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT p.name, p.role, p.department, p.organisation, p.email, p.tags, p.notes,
                coalesce(pr.level, ''), coalesce(pr.how_met, ''), coalesce(pr.ally_role, ''),
                (SELECT at FROM derived_last_contact WHERE person_id = p.id),
                p.left_at, p.id
           FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
          WHERE p.deleted_at IS NULL
          ORDER BY p.left_at IS NOT NULL, p.name_key, p.id",
    )?;
    let mut stored = contacts::stored_by_person(db.conn())?;
    let mut dates = crate::dates::by_person(db.conn())?;
    write_csv(&HEADER, |write| {
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut cells: Vec<String> = (0..10)
                .map(|i| r.get::<_, String>(i))
                .collect::<rusqlite::Result<_>>()?;
            cells.push(day(r.get(10)?));
            cells.push(day(r.get(11)?));
            let id: String = r.get(12)?;
            let all = contacts::composed(&cells[4], stored.remove(&id).unwrap_or_default());
            cells.push(contacts::to_cell(&all, ContactKind::Email));
            cells.push(contacts::to_cell(&all, ContactKind::Phone));
            let theirs = dates.remove(&id).unwrap_or_default();
            for kind in [
                DateKind::Birthday,
                DateKind::Anniversary,
                DateKind::StartDate,
            ] {
                cells.push(crate::dates::iso_of(&theirs, kind));
            }
            write(cells)?;
        }
        Ok(())
    })
}

pub const REDACTED_HEADER: [&str; 7] = [
    "Person",
    "Role",
    "Department",
    "Organisation",
    "Level",
    "Ally role",
    "Last contact",
];

/// "Dana Ng" -> "DN", "Zoë" -> "Z": the first letter of the first and the last word.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &&str| w.chars().next();
    let letters: String = match words.as_slice() {
        [] => return "?".into(),
        [one] => first(one).into_iter().collect(),
        [a, .., b] => first(a).into_iter().chain(first(b)).collect(),
    };
    letters.to_uppercase()
}

/// Current people with initials instead of names, and no email, tags, notes or how you met:
/// to share the shape of your network (with a mentor, say) without saying who is in it.
pub fn export_redacted(db: &Database) -> Result<Vec<u8>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT p.name, p.role, p.department, p.organisation,
                coalesce(pr.level, ''), coalesce(pr.ally_role, ''),
                (SELECT at FROM derived_last_contact WHERE person_id = p.id)
           FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
          WHERE p.deleted_at IS NULL AND p.left_at IS NULL
          ORDER BY p.role, p.department, p.id",
    )?;
    write_csv(&REDACTED_HEADER, |write| {
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut cells = vec![initials(&r.get::<_, String>(0)?)];
            for i in 1..6 {
                cells.push(r.get::<_, String>(i)?);
            }
            cells.push(day(r.get(6)?));
            write(cells)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    #[test]
    fn the_import_takes_off_exactly_the_apostrophe_the_export_put_on() {
        for (text, cell) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("-5", "'-5"),
            ("\tindented", "'\tindented"),
            ("'=quoted formula", "''=quoted formula"),
            ("''+1", "'''+1"),
            ("'tis", "'tis"),
            ("'", "'"),
            ("", ""),
            ("fine", "fine"),
        ] {
            assert_eq!(neutralise(text), cell, "{text:?} is written as {cell:?}");
            assert_eq!(
                unneutralise(cell),
                text,
                "{cell:?} is read back as {text:?}"
            );
        }
    }

    #[test]
    fn initials_take_the_first_and_last_word() {
        assert_eq!(initials("Dana Ng"), "DN");
        assert_eq!(initials("  zoë  "), "Z");
        assert_eq!(initials("Ana María de la Cruz"), "AC");
        assert_eq!(initials(""), "?");
    }

    #[test]
    fn the_redacted_export_keeps_roles_and_leaves_out_who() {
        let mut db = Database::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let dana = PersonInput {
            role: "VP Engineering".into(),
            department: "Platform".into(),
            email: "dana@example.com".into(),
            notes: "Secret: looking to leave".into(),
            tags: "mentor".into(),
            ..PersonInput::named("Dana Ng")
        };
        people::add(&mut db, &dana, now).unwrap();
        let gone = people::add(&mut db, &PersonInput::named("Former Person"), now).unwrap();
        people::mark_former(&mut db, &gone.id, now).unwrap();
        let text = String::from_utf8(export_redacted(&db).unwrap()).unwrap();
        assert_eq!(
            text,
            "Person,Role,Department,Organisation,Level,Ally role,Last contact\r\nDN,VP Engineering,Platform,,,,\r\n"
        );
        for secret in [
            "Dana",
            "Ng",
            "dana@example.com",
            "Secret",
            "mentor",
            "Former",
        ] {
            assert!(!text.contains(secret), "{secret} must not be in {text}");
        }
    }
}
