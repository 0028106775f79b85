//! Reading address books: vCard 2.1 (quoted-printable, charsets), 3.0 (folded lines, grouped
//! `item1.` properties, embedded photos) and 4.0, through `calcard`, into people to import.
//! Each card is numbered from 1; a card that cannot be used is reported by its number.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::parsed::{decode, Candidate, Parsed, Problem};
use crate::error::{Error, Result};
use crate::people::PersonInput;

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
        email: first(card, &VCardProperty::Email)
            .map(|e| text(e, ""))
            .unwrap_or_default(),
        notes: first(card, &VCardProperty::Note)
            .map(|e| text(e, "\n"))
            .unwrap_or_default(),
        tags: String::new(),
    }
}

/// Reads every card in an address book file.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let (text, notice) = decode(bytes);
    if !text.to_ascii_uppercase().contains("BEGIN:VCARD") {
        return Err(Error::Invalid {
            code: "import.unreadable",
            field: "file",
            message: "This is not a vCard file: it has no BEGIN:VCARD. Export your contacts as vCard (.vcf) and try again.".into(),
        });
    }
    // The parser hands back a card the file ends in the middle of; such a card is left out.
    let upper = text.to_ascii_uppercase();
    let cut_off = upper.rfind("BEGIN:VCARD") > upper.rfind("END:VCARD");
    let cards = upper.matches("BEGIN:VCARD").count() as u64;
    let mut parser = Parser::new(&text);
    let (mut candidates, mut problems) = (Vec::new(), Vec::new());
    let mut card = 0u64;
    loop {
        match parser.entry() {
            Entry::VCard(_) if cut_off && card + 1 == cards => {
                problems.push(Problem {
                    row: card + 1,
                    reason: "it is cut off (the file ends before END:VCARD), so it was left out"
                        .into(),
                });
                break;
            }
            Entry::VCard(vcard) => {
                card += 1;
                match person(&vcard).validated() {
                    Ok(person) => candidates.push(Candidate {
                        row: card,
                        person,
                        how_met: String::new(),
                    }),
                    Err(Error::Invalid {
                        code: "people.name_required",
                        ..
                    }) => problems.push(Problem {
                        row: card,
                        reason: "it has no name (FN or N)".into(),
                    }),
                    Err(e) => problems.push(Problem {
                        row: card,
                        reason: e.to_string(),
                    }),
                }
            }
            Entry::InvalidLine(line) => problems.push(Problem {
                row: card + 1,
                reason: format!(
                    "a line could not be read and was left out: “\u{2068}{}\u{2069}”",
                    line.chars().take(80).collect::<String>()
                ),
            }),
            Entry::UnterminatedComponent(_) => {
                problems.push(Problem {
                    row: card + 1,
                    reason: "it is cut off (the file ends before END:VCARD), so it was left out"
                        .into(),
                });
                break;
            }
            Entry::ICalendar(_) => problems.push(Problem {
                row: card + 1,
                reason: "it is a calendar entry, not a contact".into(),
            }),
            Entry::Eof => break,
            _ => {
                problems.push(Problem {
                    row: card + 1,
                    reason: "the file could not be read past this card".into(),
                });
                break;
            }
        }
    }
    Ok(Parsed {
        candidates,
        problems,
        notice,
        unit: "card".into(),
    })
}
