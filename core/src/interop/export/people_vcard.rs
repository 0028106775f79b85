//! Everyone as a vCard 4.0 address book (RFC 6350), written by `calcard`: lines folded at 75
//! octets, CRLF, text escaped. Other address books and Allies itself read it back.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};

use crate::error::Result;
use crate::storage::Database;

fn entry(property: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(property).with_value(value.to_owned())
}

/// Current people, by name; former colleagues are left out of an address book.
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, name, role, department, organisation, email, notes, tags FROM people
          WHERE deleted_at IS NULL AND left_at IS NULL ORDER BY name_key, id",
    )?;
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
        for (property, value) in [
            (VCardProperty::Title, &role),
            (VCardProperty::Email, &email),
            (VCardProperty::Note, &notes),
        ] {
            if !value.is_empty() {
                card.entries.push(entry(property, value));
            }
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
