//! Everyone as a CSV file (RFC 4180: quoted where needed, CRLF line ends), safe to open in a
//! spreadsheet: a cell that starts like a formula is written as text.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::storage::Database;

pub const HEADER: [&str; 12] = [
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
];

/// A spreadsheet runs a cell starting with =, +, -, @, a tab or a carriage return as a formula;
/// a leading apostrophe makes it plain text (and shows nothing extra).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn day(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.date_naive().to_string()).unwrap_or_default()
}

/// Everyone, current people first and then former colleagues, by name.
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let failed = |e: csv::Error| Error::Invalid {
        code: "export.failed",
        field: "",
        message: format!("The CSV file could not be written: {e}"),
    };
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(HEADER).map_err(failed)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT p.name, p.role, p.department, p.organisation, p.email, p.tags, p.notes,
                coalesce(pr.level, ''), coalesce(pr.how_met, ''), coalesce(pr.ally_role, ''),
                (SELECT max(i.occurred_at) FROM interaction_people ip
                   JOIN interactions i ON i.id = ip.interaction_id
                  WHERE ip.person_id = p.id AND i.deleted_at IS NULL),
                p.left_at
           FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
          WHERE p.deleted_at IS NULL
          ORDER BY p.left_at IS NOT NULL, p.name_key, p.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut cells: Vec<String> = (0..10)
            .map(|i| r.get::<_, String>(i))
            .collect::<rusqlite::Result<_>>()?;
        cells.push(day(r.get(10)?));
        cells.push(day(r.get(11)?));
        out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(failed)?;
    }
    out.into_inner().map_err(|e| Error::Invalid {
        code: "export.failed",
        field: "",
        message: format!("The CSV file could not be written: {e}"),
    })
}
