//! Bringing people in from LinkedIn's "Connections.csv" and from any CSV file with a column
//! mapping: parse every row (keeping the valid ones and saying what is wrong with the rest, by
//! row number), preview what would change, then apply it all in one transaction.

mod apply;
mod csv;
mod parsed;
pub mod vcard;

use serde::{Deserialize, Serialize};

use crate::error::Result;

pub use apply::{apply, preview, Duplicate, OnDuplicate, Preview, Summary};
pub use csv::{csv_headers, guess_mapping, parse_csv, parse_linkedin, Mapping};
pub use parsed::{Candidate, Parsed, Problem};

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
            parsed: vcard::parse(bytes)?,
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
