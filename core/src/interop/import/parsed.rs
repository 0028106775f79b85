//! What reading a file yields, whatever its format: the rows that can become people, the ones
//! that cannot (and why), and how its bytes were decoded.

use serde::Serialize;

use crate::dates::PersonDate;
use crate::error::Error;
use crate::people::contacts::Contact;
use crate::people::PersonInput;

/// One row that can become a person. `row` is the line in the file, as a spreadsheet numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub row: u64,
    pub person: PersonInput,
    /// Goes to the profile's "How you met" ("Connected on LinkedIn on 2025-11-24").
    pub how_met: String,
    /// Every email and phone number, preferred first; the first email is `person.email`.
    pub contacts: Vec<Contact>,
    /// Birthday, work anniversary and start date, as the file gave them.
    pub dates: Vec<PersonDate>,
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
    /// Entries that are not people (an address book's company, group or place cards), left
    /// out on purpose: shown apart, not as errors.
    pub not_people: Vec<Problem>,
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

pub(crate) fn not_a_file(message: impl Into<String>) -> Error {
    Error::Invalid {
        code: "import.unreadable",
        field: "file",
        message: message.into(),
    }
}
