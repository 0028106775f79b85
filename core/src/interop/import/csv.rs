//! Reading LinkedIn's "Connections.csv" and any CSV file with a column mapping, row by row:
//! the valid rows become candidates, the others problems naming their row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parsed::{decode, not_a_file, Candidate, Parsed, Problem};
use crate::dates::{self, DateKind};
use crate::error::{Error, Result};
use crate::fields::{clean_text, fold};
use crate::interop::export::people_csv;
use crate::people::contacts::{self, from_cell, Contact, ContactKind};
use crate::people::PersonInput;

/// Which column holds what; columns are counted from 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub name: Option<usize>,
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    pub role: Option<usize>,
    pub department: Option<usize>,
    pub organisation: Option<usize>,
    pub email: Option<usize>,
    /// Every email, as this app's export writes them: "work: a@x.org; b@y.org".
    pub emails: Option<usize>,
    /// Phone numbers, one or several in the same shape.
    pub phones: Option<usize>,
    pub notes: Option<usize>,
    pub how_met: Option<usize>,
    /// Comma-separated, as Allies exports them.
    pub tags: Option<usize>,
    /// "1985-04-12", or "--04-12" without the year.
    pub birthday: Option<usize>,
    pub anniversary: Option<usize>,
    pub start_date: Option<usize>,
}

/// Guesses the mapping from header names ("E-mail Address" → email, "Company" → organisation).
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let find = |names: &[&str]| {
        headers.iter().position(|h| {
            let h = fold(h).replace(['-', '_', '.'], " ");
            let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
            names.contains(&h.as_str())
        })
    };
    Mapping {
        name: find(&["name", "full name", "display name", "contact", "person"]),
        first_name: find(&["first name", "given name", "first", "forename"]),
        last_name: find(&["last name", "surname", "family name", "last"]),
        role: find(&["role", "title", "job title", "position", "job"]),
        department: find(&["department", "dept", "team", "division"]),
        organisation: find(&["organisation", "organization", "company", "employer", "org"]),
        email: find(&[
            "email",
            "e mail",
            "email address",
            "e mail address",
            "mail",
            "primary email",
        ]),
        emails: find(&["emails", "email addresses", "e mails", "all emails"]),
        phones: find(&[
            "phones",
            "phone",
            "phone number",
            "phone numbers",
            "telephone",
            "tel",
            "mobile",
            "mobile phone",
            "cell",
        ]),
        notes: find(&["notes", "note", "comments", "comment"]),
        how_met: find(&["how met", "how we met", "connected on", "met"]),
        tags: find(&["tags", "tag"]),
        birthday: find(&[
            "birthday",
            "birth date",
            "birthdate",
            "date of birth",
            "bday",
        ]),
        anniversary: find(&["anniversary", "work anniversary"]),
        start_date: find(&["start date", "started", "start", "joined"]),
    }
}

/// The file's text (see [`decode`]), a lone CR (an old Mac's line end) read as a line end:
/// the CSV reader takes it as one already, but the row numbers and LinkedIn's preamble count
/// lines by LF.
fn text_of(bytes: &[u8]) -> (String, Option<String>) {
    let (text, notice) = decode(bytes);
    if !text.contains('\r') {
        return (text, notice);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        }
    }
    (out, notice)
}

/// The header row of a CSV file, for the mapping step.
pub fn csv_headers(bytes: &[u8]) -> Result<Vec<String>> {
    let (text, _) = text_of(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| not_a_file(format!("The first row could not be read as CSV: {e}")))?;
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(not_a_file(
            "The file is empty, or its first row has no column names.",
        ));
    }
    Ok(headers)
}

/// Line numbers (from 1) of records by their byte offsets, counted forward from the last one
/// asked, so numbering a whole file reads it once.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the record that starts at `byte` (never before the last one asked). The
    /// reader may report a record's start just before the line break that ends the previous
    /// one (CRLF files), so breaks there are skipped.
    fn of(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte)
            .unwrap_or(self.bytes.len())
            .clamp(self.at, self.bytes.len());
        while matches!(self.bytes.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        self.line += self.bytes[self.at..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = to;
        self.line
    }
}

/// Reads a CSV file whose first row names the columns (from `first_line`, counted from 1).
fn read_rows(
    text: &str,
    first_line: u64,
    mapping: &Mapping,
    how_met_from: impl Fn(&str) -> String,
) -> Result<(Vec<Candidate>, Vec<Problem>)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let width = reader
        .headers()
        .map_err(|e| not_a_file(format!("The column names could not be read: {e}")))?
        .len();
    let (mut candidates, mut problems) = (Vec::new(), Vec::new());
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::new(text);
    loop {
        let row = first_line - 1 + lines.of(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem {
                    row,
                    reason: format!(
                        "it could not be read as CSV ({e}); the rest of the file was not read"
                    ),
                });
                break;
            }
        }
        let row = record
            .position()
            .map_or(row, |p| first_line - 1 + lines.of(p.byte()));
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if record.len() != width {
            problems.push(Problem {
                row,
                reason: format!(
                    "it has {} values where the header has {width} columns, so they cannot be matched to the columns",
                    record.len()
                ),
            });
            continue;
        }
        // A cell as Allies exported it: the apostrophe that kept a formula from running is
        // taken off (other programs mark cells the same way).
        let raw = |column: Option<usize>| column.and_then(|c| record.get(c)).unwrap_or("");
        let get = |column: Option<usize>| people_csv::unneutralise(raw(column).trim()).to_owned();
        let name = match get(mapping.name) {
            n if !n.is_empty() => n,
            _ => [get(mapping.first_name), get(mapping.last_name)]
                .iter()
                .filter(|p| !p.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let mut contacts = from_cell(&get(mapping.emails), ContactKind::Email);
        let email = get(mapping.email);
        if !email.is_empty() && !contacts.iter().any(|c| fold(&c.value) == fold(&email)) {
            contacts.insert(0, Contact::email(&email, ""));
        }
        contacts.extend(from_cell(&get(mapping.phones), ContactKind::Phone));
        let person = PersonInput {
            name,
            role: get(mapping.role),
            department: get(mapping.department),
            organisation: get(mapping.organisation),
            email: contacts
                .iter()
                .find(|c| c.kind == ContactKind::Email)
                .map(|c| c.value.clone())
                .unwrap_or_default(),
            // Notes keep their own spaces and line breaks, as typed.
            notes: people_csv::unneutralise(raw(mapping.notes)).to_owned(),
            tags: get(mapping.tags),
        };
        let dates = [
            (DateKind::Birthday, mapping.birthday),
            (DateKind::Anniversary, mapping.anniversary),
            (DateKind::StartDate, mapping.start_date),
        ]
        .into_iter()
        .map(|(kind, column)| (kind, get(column)))
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(kind, cell)| {
            dates::checked(&dates::PersonDateInput {
                kind,
                date: cell.clone(),
                remind: None,
            })
            .map_err(|_| Error::Invalid {
                code: "import.bad_date",
                field: "date",
                message: format!(
                    "its {} “\u{2068}{}\u{2069}” is not a date; write it like 1985-04-12, or --04-12 without the year",
                    kind.label(),
                    cell.chars().take(40).collect::<String>()
                ),
            })
        })
        .collect::<Result<Vec<_>>>();
        let checked = contacts::validated_all(&contacts)
            .and_then(|contacts| Ok((person.validated()?, contacts, dates?)));
        match checked {
            Ok((person, contacts, dates)) => candidates.push(Candidate {
                row,
                person,
                how_met: how_met_from(clean_text(&get(mapping.how_met)).trim()),
                contacts,
                dates,
            }),
            Err(e) => problems.push(Problem {
                row,
                reason: match e {
                    Error::Invalid {
                        code: "people.name_required",
                        ..
                    } => "it has no name".into(),
                    other => other.to_string(),
                },
            }),
        }
    }
    Ok((candidates, problems))
}

/// Reads any CSV file with the given mapping.
pub fn parse_csv(bytes: &[u8], mapping: &Mapping) -> Result<Parsed> {
    if mapping.name.is_none() && mapping.first_name.is_none() && mapping.last_name.is_none() {
        return Err(Error::Invalid {
            code: "import.no_name_column",
            field: "name",
            message: "Choose the column that holds names (or first and last names).".into(),
        });
    }
    let (text, notice) = text_of(bytes);
    let (candidates, problems) = read_rows(&text, 1, mapping, str::to_owned)?;
    Ok(Parsed {
        candidates,
        problems,
        not_people: Vec::new(),
        notice,
        unit: "row".into(),
    })
}

/// Reads LinkedIn's "Connections.csv" as its data export writes it: a "Notes:" preamble, then
/// "First Name,Last Name,URL,Email Address,Company,Position,Connected On" and one row per
/// connection. Company becomes the organisation, Position the role, Connected On how you met,
/// and the profile URL a line in the notes.
pub fn parse_linkedin(bytes: &[u8]) -> Result<Parsed> {
    let (text, notice) = text_of(bytes);
    let (offset, header_line) = text
        .split_inclusive('\n')
        .scan(0usize, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .enumerate()
        .find(|(_, (_, line))| {
            fold(line.trim_start_matches('"')).starts_with("first name")
        })
        .map(|(index, (start, _))| (start, index as u64 + 1))
        .ok_or_else(|| {
            not_a_file(
                "This is not LinkedIn's Connections.csv: no row starts with “First Name, Last Name”. Export it from LinkedIn (Settings → Data privacy → Get a copy of your data → Connections), or import it as a general CSV file.",
            )
        })?;
    let table = &text[offset..];
    let headers = csv_headers(table.as_bytes())?;
    let column = |name: &str| headers.iter().position(|h| fold(h) == name);
    let mapping = Mapping {
        first_name: column("first name"),
        last_name: column("last name"),
        role: column("position"),
        organisation: column("company"),
        email: column("email address"),
        notes: column("url"),
        how_met: column("connected on"),
        ..Mapping::default()
    };
    let (mut candidates, problems) = read_rows(table, header_line, &mapping, |on| {
        if on.is_empty() {
            return "Connected on LinkedIn".to_owned();
        }
        match NaiveDate::parse_from_str(on, "%d %b %Y") {
            // Stored as text the UI shows as typed: an ISO day reads the same in any locale,
            // where LinkedIn's "05 Mar 2023" is English.
            Ok(day) => format!("Connected on LinkedIn on {}", day.format("%Y-%m-%d")),
            Err(_) => format!("Connected on LinkedIn ({on})"),
        }
    })?;
    for candidate in &mut candidates {
        let url = std::mem::take(&mut candidate.person.notes);
        if !url.is_empty() {
            candidate.person.notes = format!("LinkedIn: {url}");
        }
    }
    Ok(Parsed {
        candidates,
        problems,
        not_people: Vec::new(),
        notice,
        unit: "row".into(),
    })
}
