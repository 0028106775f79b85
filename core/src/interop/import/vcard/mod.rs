//! Reading address books: vCard 2.1 (quoted-printable, charsets), 3.0 (folded lines, grouped
//! `item1.` properties, embedded photos) and 4.0 into people to import. The file is cut into
//! cards first (`split`), and each card is read on its own through `calcard`, so one damaged
//! card never costs another. Cards are numbered from 1; one that cannot be used is reported by
//! its number and the line it starts on.

mod labels;
mod split;

use calcard::vcard::{VCard, VCardEntry, VCardKind, VCardParameterName, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::parsed::{Candidate, Parsed, Problem};
use crate::dates::{parse_day, DateKind, PartialDay, PersonDate, APPLE_NO_YEAR};
use crate::error::{Error, Result};
use crate::people::contacts::{self, ContactKind};
use crate::people::PersonInput;
use split::{Ending, RawCard};

/// The text of an entry's values: components joined by `sep`, empty ones left out.
fn text(entry: &VCardEntry, sep: &str) -> String {
    let mut parts = Vec::new();
    for value in &entry.values {
        match value {
            VCardValue::Text(t) => parts.push(t.trim().to_owned()),
            VCardValue::Component(items) => parts.extend(items.iter().map(|t| t.trim().to_owned())),
            _ => {}
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(sep)
}

fn first<'a>(card: &'a VCard, property: &VCardProperty) -> Option<&'a VCardEntry> {
    card.property(property)
}

/// The person a card describes: FN, else the given and family names of N.
fn person(card: &VCard) -> PersonInput {
    let name = first(card, &VCardProperty::Fn)
        .map(|e| text(e, " "))
        .filter(|n| !n.is_empty())
        .or_else(|| {
            first(card, &VCardProperty::N).map(|n| {
                // N is family;given;additional;prefixes;suffixes.
                let part = |i: usize| match n.values.get(i) {
                    Some(VCardValue::Text(t)) => t.trim().to_owned(),
                    Some(VCardValue::Component(c)) => c.join(" ").trim().to_owned(),
                    _ => String::new(),
                };
                [part(1), part(0)]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
        .unwrap_or_default();
    let org = first(card, &VCardProperty::Org);
    let org_part = |i: usize| {
        org.map(|e| {
            let all: Vec<String> = e
                .values
                .iter()
                .flat_map(|v| match v {
                    VCardValue::Text(t) => vec![t.clone()],
                    VCardValue::Component(c) => c.clone(),
                    _ => Vec::new(),
                })
                .collect();
            all.get(i).map(|s| s.trim().to_owned()).unwrap_or_default()
        })
        .unwrap_or_default()
    };
    let role = first(card, &VCardProperty::Title)
        .or_else(|| first(card, &VCardProperty::Role))
        .map(|e| text(e, ", "))
        .unwrap_or_default();
    PersonInput {
        name,
        role,
        organisation: org_part(0),
        department: org_part(1),
        email: String::new(),
        notes: first(card, &VCardProperty::Note)
            .map(|e| text(e, "\n"))
            .unwrap_or_default(),
        tags: String::new(),
    }
}

/// What a card is, when it is not a person: a company, a group, a place (and the mark that
/// says so).
fn not_a_person(card: &VCard) -> Option<String> {
    let named = |property: VCardProperty| {
        first(card, &property)
            .map(|e| text(e, ", "))
            .filter(|n| !n.is_empty())
            .map(|n| format!(", \u{2068}{n}\u{2069}"))
    };
    let name = named(VCardProperty::Fn)
        .or_else(|| named(VCardProperty::Org))
        .unwrap_or_default();
    let other = |wanted: &str| {
        card.entries.iter().find_map(|e| match &e.name {
            VCardProperty::Other(n) if n.eq_ignore_ascii_case(wanted) => {
                Some(text(e, "").to_ascii_lowercase())
            }
            _ => None,
        })
    };
    let kind = first(card, &VCardProperty::Kind).and_then(|e| {
        e.values.iter().find_map(|v| match v {
            VCardValue::Kind(k) => Some(match k {
                VCardKind::Individual => "individual",
                VCardKind::Group => "group",
                VCardKind::Org => "org",
                VCardKind::Location => "location",
                VCardKind::Application => "application",
                VCardKind::Device => "device",
            }),
            _ => None,
        })
    });
    let n_empty = first(card, &VCardProperty::N).is_none_or(|n| text(n, "").is_empty());
    let apple_company = other("X-ABShowAs").is_some_and(|v| v == "company") && n_empty;
    let apple_group = other("X-ADDRESSBOOKSERVER-KIND").is_some_and(|v| v == "group");
    match kind {
        Some("org") => Some(format!("a company card{name} (KIND:org)")),
        Some("group") => Some(format!("a group{name} (KIND:group)")),
        Some(other @ ("location" | "application" | "device")) => {
            Some(format!("a {other}{name} (KIND:{other})"))
        }
        _ if apple_group => Some(format!("a group{name} (X-ADDRESSBOOKSERVER-KIND:group)")),
        _ if apple_company => Some(format!("a company card{name} (X-ABShowAs:COMPANY)")),
        _ => None,
    }
}

/// The day of a BDAY or ANNIVERSARY entry: vCard 3 "1985-04-12" or "19850412", vCard 4
/// "--0412" without a year, and Apple's year 1604 marked X-APPLE-OMIT-YEAR (no year). A day that
/// cannot be read is left out rather than costing the card.
fn day_of(entry: &VCardEntry) -> Option<PartialDay> {
    let apple_no_year = entry.params.iter().any(|p| {
        matches!(&p.name, VCardParameterName::Other(n) if n.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR"))
    });
    let day = entry.values.iter().find_map(|v| match v {
        VCardValue::PartialDateTime(d) => PartialDay::new(
            d.year.map(i32::from),
            u32::from(d.month?),
            u32::from(d.day?),
        ),
        VCardValue::Text(t) => parse_day(t),
        _ => None,
    })?;
    match day.year {
        Some(y) if apple_no_year || y == APPLE_NO_YEAR => PartialDay::new(None, day.month, day.day),
        _ => Some(day),
    }
}

/// A card's birthday and anniversary.
fn dates(card: &VCard) -> Vec<PersonDate> {
    [
        (DateKind::Birthday, VCardProperty::Bday),
        (DateKind::Anniversary, VCardProperty::Anniversary),
    ]
    .into_iter()
    .filter_map(|(kind, property)| {
        let day = day_of(first(card, &property)?)?;
        Some(PersonDate {
            kind,
            month: day.month,
            day: day.day,
            year: day.year,
            remind: None,
        })
    })
    .collect()
}

/// What reading one card gave.
enum Card {
    Person(Box<Candidate>),
    /// What the card is instead (see [`not_a_person`]).
    NotAPerson(String),
    /// Why it cannot be imported.
    Problem(String),
}

impl From<std::result::Result<Candidate, String>> for Card {
    fn from(read: std::result::Result<Candidate, String>) -> Card {
        match read {
            Ok(candidate) => Card::Person(Box::new(candidate)),
            Err(reason) => Card::Problem(reason),
        }
    }
}

/// The person a card holds, with every email and phone number, or why it cannot be imported.
fn candidate(card: &VCard, number: u64) -> std::result::Result<Candidate, String> {
    let contacts = contacts::validated_all(&labels::contacts(card)).map_err(|e| e.to_string())?;
    let mut person = person(card);
    person.email = contacts
        .iter()
        .find(|c| c.kind == ContactKind::Email)
        .map(|c| c.value.clone())
        .unwrap_or_default();
    match person.validated() {
        Ok(person) => Ok(Candidate {
            row: number,
            person,
            how_met: String::new(),
            contacts,
            dates: dates(card),
        }),
        Err(Error::Invalid {
            code: "people.name_required",
            ..
        }) => Err("it has no name (FN or N)".into()),
        Err(e) => Err(e.to_string()),
    }
}

const VERSIONS: [&str; 3] = ["2.1", "3.0", "4.0"];

/// Reads one card cut from the file: a candidate, or why it is left out; and whether some of
/// its lines were not UTF-8.
fn read_card(raw: &RawCard, number: u64) -> (Card, bool) {
    let start = raw.line;
    match raw.ending {
        Ending::End => {}
        Ending::NextBegin(next) => {
            return (
                Card::Problem(format!(
                    "it has no END:VCARD: it begins on line {start} and the next card begins on line {next}, so it was left out"
                )),
                false,
            )
        }
        Ending::Eof => {
            return (
                Card::Problem(format!(
                    "it is cut off (the file ends before END:VCARD; it begins on line {start}), so it was left out"
                )),
                false,
            )
        }
    }
    if let Some((line, version)) = split::property(raw, "VERSION") {
        let version = String::from_utf8_lossy(version);
        if !VERSIONS.contains(&version.as_ref()) {
            return (
                Card::Problem(format!(
                    "its VERSION is “\u{2068}{}\u{2069}” (line {line}); Allies reads vCard 2.1, 3.0 and 4.0, so it was left out",
                    version.chars().take(20).collect::<String>()
                )),
                false,
            );
        }
    }
    let (text, not_utf8) = split::decode(raw);
    let read = match Parser::new(&text).entry() {
        Entry::VCard(card) => match not_a_person(&card) {
            Some(what) => Card::NotAPerson(what),
            None => candidate(&card, number).into(),
        },
        _ => Card::Problem(format!(
            "it could not be read as a vCard (it begins on line {start}), so it was left out"
        )),
    };
    (read, !not_utf8.is_empty())
}

/// "3", "3 and 5", "3, 5 and 8", the first few of many.
fn listed(numbers: &[u64]) -> String {
    let shown: Vec<String> = numbers.iter().take(10).map(u64::to_string).collect();
    let more = numbers.len().saturating_sub(shown.len());
    match (shown.as_slice(), more) {
        ([one], _) => one.clone(),
        (all, 0) => format!(
            "{} and {}",
            all[..all.len() - 1].join(", "),
            all[all.len() - 1]
        ),
        (all, more) => format!("{} and {more} more", all.join(", ")),
    }
}

/// Reads every card in an address book file.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let split = split::split(bytes);
    if split.cards.is_empty() {
        return Err(Error::Invalid {
            code: "import.unreadable",
            field: "file",
            message: "This is not a vCard file: it has no BEGIN:VCARD. Export your contacts as vCard (.vcf) and try again.".into(),
        });
    }
    let (mut candidates, mut problems, mut windows_1252) = (Vec::new(), Vec::new(), Vec::new());
    let mut not_people = Vec::new();
    for (i, raw) in split.cards.iter().enumerate() {
        let number = i as u64 + 1;
        let (read, not_utf8) = read_card(raw, number);
        match read {
            Card::Person(candidate) => {
                if not_utf8 {
                    windows_1252.push(number);
                }
                candidates.push(*candidate);
            }
            Card::NotAPerson(reason) => not_people.push(Problem {
                row: number,
                reason,
            }),
            Card::Problem(reason) => problems.push(Problem {
                row: number,
                reason,
            }),
        }
    }
    let mut notice = Vec::new();
    if !windows_1252.is_empty() {
        let (cards, are) = match windows_1252.len() {
            1 => ("Card", "is"),
            _ => ("Cards", "are"),
        };
        notice.push(format!(
            "{cards} {} {are} not all UTF-8, so the lines that are not were read as Windows-1252. Check that accented names look right.",
            listed(&windows_1252)
        ));
    }
    if !split.stray.is_empty() {
        let lines = if split.stray.len() == 1 {
            "Line"
        } else {
            "Lines"
        };
        notice.push(format!(
            "{lines} {} of the file {} outside every card (between END:VCARD and the next BEGIN:VCARD) and {} left out.",
            listed(&split.stray),
            if split.stray.len() == 1 { "is" } else { "are" },
            if split.stray.len() == 1 { "was" } else { "were" },
        ));
    }
    Ok(Parsed {
        candidates,
        problems,
        not_people,
        notice: (!notice.is_empty()).then(|| notice.join(" ")),
        unit: "card".into(),
    })
}
