//! Everyone as a vCard 4.0 address book (RFC 6350), written by `calcard`: lines folded at 75
//! octets, CRLF, text escaped. Other address books and Allies itself read it back.

use calcard::vcard::{VCard, VCardEntry, VCardParameter, VCardProperty, VCardType, VCardValue};

use calcard::common::PartialDateTime;

use crate::dates::{DateKind, PersonDate};
use crate::error::Result;
use crate::people::contacts::{self, Contact, ContactKind};
use crate::storage::Database;

fn entry(property: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(property).with_value(value.to_owned())
}

/// The TYPE a label's word stands for in RFC 6350 (6.4.1, 5.6), if it is one.
fn standard_type(word: &str) -> Option<VCardType> {
    Some(match word {
        "work" => VCardType::Work,
        "home" => VCardType::Home,
        "mobile" | "cell" => VCardType::Cell,
        "fax" => VCardType::Fax,
        "pager" => VCardType::Pager,
        "text" => VCardType::Text,
        "video" => VCardType::Video,
        "voice" => VCardType::Voice,
        "textphone" => VCardType::Textphone,
        _ => return None,
    })
}

/// EMAIL and TEL entries: a label made of standard words becomes TYPE parameters
/// (`TEL;TYPE=cell`), any other the `X-ABLabel` of an `itemN.` group, as Apple and Google
/// write and read it. The first of each kind is marked preferred.
fn contact_entries(all: &[Contact]) -> Vec<VCardEntry> {
    let mut entries = Vec::new();
    let mut group = 0;
    let mut first = [true, true];
    for c in all {
        let (property, slot) = match c.kind {
            ContactKind::Email => (VCardProperty::Email, 0),
            ContactKind::Phone => (VCardProperty::Tel, 1),
        };
        let mut e = entry(property, &c.value);
        if std::mem::take(&mut first[slot]) {
            e = e.with_param(VCardParameter::pref(1u32));
        }
        let words: Vec<String> = c.label.split_whitespace().map(str::to_lowercase).collect();
        let types: Option<Vec<VCardType>> = words.iter().map(|w| standard_type(w)).collect();
        match types {
            Some(types) => {
                for t in types {
                    e = e.with_param(VCardParameter::typ(t));
                }
                entries.push(e);
            }
            None => {
                group += 1;
                let name = format!("item{group}");
                entries.push(e.with_group(Some(name.clone())));
                entries.push(
                    entry(VCardProperty::Other("X-ABLabel".into()), &c.label)
                        .with_group(Some(name)),
                );
            }
        }
    }
    entries
}

/// BDAY and ANNIVERSARY as vCard 4 dates: "19850412", or "--0412" without the year. A start
/// date has no vCard property and stays in Allies' own exports.
fn date_entries(dates: &[PersonDate]) -> Vec<VCardEntry> {
    dates
        .iter()
        .filter_map(|d| {
            let property = match d.kind {
                DateKind::Birthday => VCardProperty::Bday,
                DateKind::Anniversary => VCardProperty::Anniversary,
                DateKind::StartDate => return None,
            };
            let value = PartialDateTime {
                year: d.year.and_then(|y| u16::try_from(y).ok()),
                month: u8::try_from(d.month).ok(),
                day: u8::try_from(d.day).ok(),
                ..PartialDateTime::default()
            };
            Some(VCardEntry::new(property).with_value(VCardValue::PartialDateTime(value)))
        })
        .collect()
}

/// Current people, by name; former colleagues are left out of an address book.
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, name, role, department, organisation, email, notes, tags FROM people
          WHERE deleted_at IS NULL AND left_at IS NULL ORDER BY name_key, id",
    )?;
    let mut stored = contacts::stored_by_person(db.conn())?;
    let mut dates = crate::dates::by_person(db.conn())?;
    let mut rows = stmt.query([])?;
    let mut out = String::new();
    while let Some(r) = rows.next()? {
        let field = |i: usize| r.get::<_, String>(i);
        let (id, name, role, department, organisation, email, notes, tags) = (
            field(0)?,
            field(1)?,
            field(2)?,
            field(3)?,
            field(4)?,
            field(5)?,
            field(6)?,
            field(7)?,
        );
        let mut card = VCard::default();
        card.entries.push(entry(VCardProperty::Version, "4.0"));
        card.entries
            .push(entry(VCardProperty::Uid, &format!("urn:uuid:{id}")));
        card.entries.push(entry(VCardProperty::Fn, &name));
        if !organisation.is_empty() || !department.is_empty() {
            let mut org = vec![VCardValue::Text(organisation)];
            if !department.is_empty() {
                org.push(VCardValue::Text(department));
            }
            card.entries
                .push(VCardEntry::new(VCardProperty::Org).with_values(org));
        }
        if !role.is_empty() {
            card.entries.push(entry(VCardProperty::Title, &role));
        }
        let all = contacts::composed(&email, stored.remove(&id).unwrap_or_default());
        card.entries.extend(contact_entries(&all));
        card.entries
            .extend(date_entries(&dates.remove(&id).unwrap_or_default()));
        if !notes.is_empty() {
            card.entries.push(entry(VCardProperty::Note, &notes));
        }
        if !tags.is_empty() {
            card.entries.push(
                VCardEntry::new(VCardProperty::Categories).with_values(
                    tags.split(", ")
                        .map(|t| VCardValue::Text(t.to_owned()))
                        .collect(),
                ),
            );
        }
        out.push_str(&card.to_string());
    }
    Ok(out.into_bytes())
}
