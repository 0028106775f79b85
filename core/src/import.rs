//! Bringing people in from LinkedIn's "Connections.csv" and from any CSV file with a column
//! mapping: parse every row (keeping the valid ones and saying what is wrong with the rest, by
//! row number), preview what would change, then apply it all in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::fold;
use crate::people::{self, PersonInput};
use crate::records::{new_id, time_text};
use crate::storage::Database;

/// One row that can become a person. `row` is the line in the file, as a spreadsheet numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub row: u64,
    pub person: PersonInput,
    /// Goes to the profile's "How you met" ("Connected on LinkedIn on 24 Nov 2025").
    pub how_met: String,
}

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub row: u64,
    pub reason: String,
}

/// What a file holds: the rows that can become people and the ones that cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub candidates: Vec<Candidate>,
    pub problems: Vec<Problem>,
    /// Said once about the whole file ("read as Windows-1252"), if anything.
    pub notice: Option<String>,
    /// What a problem's number counts: "row" in a CSV file, "card" in an address book.
    pub unit: String,
}

/// Text from bytes: UTF-8 (a byte-order mark is dropped), or else Windows-1252, the encoding
/// spreadsheets on Windows save in, with a notice saying so.
pub(crate) fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some(format!(
                    "The file is not UTF-8 (byte {} is not valid there), so it was read as Windows-1252. Check that accented names look right.",
                    e.valid_up_to() + 1
                )),
            )
        }
    }
}

fn not_a_file(message: impl Into<String>) -> Error {
    Error::Invalid {
        code: "import.unreadable",
        field: "file",
        message: message.into(),
    }
}

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
    pub notes: Option<usize>,
    pub how_met: Option<usize>,
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
        notes: find(&["notes", "note", "comments", "comment"]),
        how_met: find(&["how met", "how we met", "connected on", "met"]),
    }
}

/// The header row of a CSV file, for the mapping step.
pub fn csv_headers(bytes: &[u8]) -> Result<Vec<String>> {
    let (text, _) = decode(bytes);
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
        let get = |column: Option<usize>| {
            column
                .and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        let name = match get(mapping.name) {
            n if !n.is_empty() => n,
            _ => [get(mapping.first_name), get(mapping.last_name)]
                .iter()
                .filter(|p| !p.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let person = PersonInput {
            name,
            role: get(mapping.role),
            department: get(mapping.department),
            organisation: get(mapping.organisation),
            email: get(mapping.email),
            notes: get(mapping.notes),
            tags: String::new(),
        };
        match person.validated() {
            Ok(person) => candidates.push(Candidate {
                row,
                person,
                how_met: how_met_from(&get(mapping.how_met)),
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
    let (text, notice) = decode(bytes);
    let (candidates, problems) = read_rows(&text, 1, mapping, str::to_owned)?;
    Ok(Parsed {
        candidates,
        problems,
        notice,
        unit: "row".into(),
    })
}

/// Reads LinkedIn's "Connections.csv" as its data export writes it: a "Notes:" preamble, then
/// "First Name,Last Name,URL,Email Address,Company,Position,Connected On" and one row per
/// connection. Company becomes the organisation, Position the role, Connected On how you met,
/// and the profile URL a line in the notes.
pub fn parse_linkedin(bytes: &[u8]) -> Result<Parsed> {
    let (text, notice) = decode(bytes);
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
            Ok(day) => format!("Connected on LinkedIn on {}", day.format("%-d %b %Y")),
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
        notice,
        unit: "row".into(),
    })
}

/// Someone in the file who looks like a person already in Allies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub row: u64,
    pub name: String,
    pub existing_id: String,
    pub existing_name: String,
    /// "same email" or "same name and organisation".
    pub reason: String,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// Rows that would become new people; the first few, to show.
    pub new: usize,
    pub sample: Vec<Candidate>,
    pub duplicates: Vec<Duplicate>,
    pub problems: Vec<Problem>,
    pub notice: Option<String>,
    pub unit: String,
}

const SAMPLE: usize = 20;

/// How people already present are looked up: by email, then by name and organisation.
struct Known {
    by_email: HashMap<String, (String, String)>,
    by_name: HashMap<(String, String), (String, String)>,
}

impl Known {
    fn load(db: &Database) -> Result<Known> {
        let mut known = Known {
            by_email: HashMap::new(),
            by_name: HashMap::new(),
        };
        let mut stmt = db.conn().prepare_cached(
            "SELECT id, name, email, organisation FROM people WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, name, email, organisation) = row?;
            known.add(&id, &name, &email, &organisation);
        }
        Ok(known)
    }

    fn add(&mut self, id: &str, name: &str, email: &str, organisation: &str) {
        let who = (id.to_owned(), name.to_owned());
        if !email.is_empty() {
            self.by_email
                .entry(fold(email))
                .or_insert_with(|| who.clone());
        }
        self.by_name
            .entry((fold(name), fold(organisation)))
            .or_insert(who);
    }

    /// The person `p` looks like, and why.
    fn find(&self, p: &PersonInput) -> Option<(&(String, String), &'static str)> {
        let by_email = (!p.email.is_empty())
            .then(|| self.by_email.get(&fold(&p.email)))
            .flatten()
            .map(|who| (who, "same email"));
        by_email.or_else(|| {
            self.by_name
                .get(&(fold(&p.name), fold(&p.organisation)))
                .map(|who| (who, "same name and organisation"))
        })
    }
}

/// What to do with someone who is already in Allies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Fill in what the person's details lack from the file; never overwrite.
    Merge,
    Skip,
}

/// The rows of a file sorted: new people, people already present (with whom), and what cannot
/// come in.
struct Sorted {
    new: Vec<Candidate>,
    duplicates: Vec<(Candidate, Duplicate)>,
    problems: Vec<Problem>,
}

/// Sorts the rows; a repeat within the file becomes a problem (the first row wins).
fn sort(db: &Database, parsed: &Parsed) -> Result<Sorted> {
    let known = Known::load(db)?;
    let mut in_file = Known {
        by_email: HashMap::new(),
        by_name: HashMap::new(),
    };
    let (mut new, mut duplicates, mut problems) = (Vec::new(), Vec::new(), parsed.problems.clone());
    for c in &parsed.candidates {
        if let Some(((row, _), why)) = in_file.find(&c.person) {
            problems.push(Problem {
                row: c.row,
                reason: format!(
                    "it is the same person as {} {row} ({why}), so it was left out",
                    parsed.unit
                ),
            });
            continue;
        }
        in_file.add(
            &c.row.to_string(),
            &c.person.name,
            &c.person.email,
            &c.person.organisation,
        );
        match known.find(&c.person) {
            Some(((id, name), why)) => duplicates.push((
                c.clone(),
                Duplicate {
                    row: c.row,
                    name: c.person.name.clone(),
                    existing_id: id.clone(),
                    existing_name: name.clone(),
                    reason: why.into(),
                },
            )),
            None => new.push(c.clone()),
        }
    }
    problems.sort_by_key(|p| p.row);
    Ok(Sorted {
        new,
        duplicates,
        problems,
    })
}

/// What importing `parsed` would do, without changing anything.
pub fn preview(db: &Database, parsed: &Parsed) -> Result<Preview> {
    let Sorted {
        new,
        duplicates,
        problems,
    } = sort(db, parsed)?;
    Ok(Preview {
        new: new.len(),
        sample: new.into_iter().take(SAMPLE).collect(),
        duplicates: duplicates.into_iter().map(|(_, d)| d).collect(),
        problems,
        notice: parsed.notice.clone(),
        unit: parsed.unit.clone(),
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
    pub problems: Vec<Problem>,
}

/// Imports `parsed` in one transaction: every valid row, or nothing if anything fails.
/// `progress(done, total)` is called as rows are written.
pub fn apply(
    db: &mut Database,
    parsed: &Parsed,
    on_duplicate: OnDuplicate,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    let Sorted {
        new,
        duplicates,
        problems,
    } = sort(db, parsed)?;
    let total = new.len() + duplicates.len();
    let stamp = time_text(now);
    let (added, merged) = db.write(|tx| {
        let mut how_met = tx.prepare_cached(
            "INSERT INTO profiles (person_id, how_met, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (person_id) DO UPDATE SET how_met = excluded.how_met,
                 updated_at = excluded.updated_at
             WHERE profiles.how_met = ''",
        )?;
        for (i, c) in new.iter().enumerate() {
            // Ids stay in file order: each is a nanosecond later than the last.
            let id = new_id(now + chrono::Duration::nanoseconds(i as i64));
            people::save(tx, people::INSERT, &id, &c.person, now)?;
            if !c.how_met.is_empty() {
                how_met.execute(rusqlite::params![id, c.how_met, stamp])?;
            }
            if i % 500 == 0 {
                progress(i, total);
            }
        }
        let mut merged = 0;
        if on_duplicate == OnDuplicate::Merge {
            for (c, d) in &duplicates {
                let current = people::get_in(tx, &d.existing_id)?;
                let fill = |have: &str, from: &str| {
                    if have.is_empty() {
                        from.to_owned()
                    } else {
                        have.to_owned()
                    }
                };
                let merged_input = PersonInput {
                    name: current.name.clone(),
                    role: fill(&current.role, &c.person.role),
                    department: fill(&current.department, &c.person.department),
                    organisation: fill(&current.organisation, &c.person.organisation),
                    email: fill(&current.email, &c.person.email),
                    notes: match (current.notes.is_empty(), c.person.notes.is_empty()) {
                        (_, true) => current.notes.clone(),
                        (true, false) => c.person.notes.clone(),
                        (false, false) if current.notes.contains(&c.person.notes) => {
                            current.notes.clone()
                        }
                        (false, false) => format!("{}\n{}", current.notes, c.person.notes),
                    },
                    tags: current.tags.clone(),
                };
                let merged_input = merged_input.validated()?;
                if merged_input != current.as_input() {
                    people::save(tx, people::UPDATE, &d.existing_id, &merged_input, now)?;
                }
                if !c.how_met.is_empty() {
                    how_met.execute(rusqlite::params![d.existing_id, c.how_met, stamp])?;
                }
                merged += 1;
            }
        }
        progress(total, total);
        Ok((new.len(), merged))
    })?;
    Ok(Summary {
        added,
        merged,
        skipped: duplicates.len() - merged,
        problems,
    })
}

/// The kinds of file Allies imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// LinkedIn's Connections.csv.
    Linkedin,
    /// Any CSV file, with a column mapping.
    Csv,
    /// An address book: vCard 2.1, 3.0 or 4.0.
    Vcard,
}

/// A file read for the preview: what it holds, and for CSV the columns and their mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub parsed: Parsed,
    pub headers: Vec<String>,
    pub mapping: Option<Mapping>,
}

/// Reads a file of `format`; a CSV file without a `mapping` gets the guessed one.
pub fn read(format: Format, bytes: &[u8], mapping: Option<&Mapping>) -> Result<Reading> {
    match format {
        Format::Linkedin => Ok(Reading {
            parsed: parse_linkedin(bytes)?,
            headers: Vec::new(),
            mapping: None,
        }),
        Format::Vcard => Ok(Reading {
            parsed: crate::vcard::parse(bytes)?,
            headers: Vec::new(),
            mapping: None,
        }),
        Format::Csv => {
            let headers = csv_headers(bytes)?;
            let mapping = mapping.cloned().unwrap_or_else(|| guess_mapping(&headers));
            Ok(Reading {
                parsed: parse_csv(bytes, &mapping)?,
                headers,
                mapping: Some(mapping),
            })
        }
    }
}
