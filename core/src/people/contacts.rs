//! A person's email addresses and phone numbers, each with its label ("work", "mobile", an
//! address book's own words), kept in `person_contacts`. The first email is also the person's
//! `people.email`, the one the form edits, search reads and older code uses.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::{checked_email, get_in};
use crate::error::{Error, Result};
use crate::fields::{fold, line};
use crate::storage::Database;

/// The longest phone number accepted, in characters (with its spaces and extension).
pub const MAX_PHONE: usize = 100;
/// The longest label accepted, in characters.
pub const MAX_LABEL: usize = 100;
/// The most emails and phone numbers kept for one person.
pub const MAX_CONTACTS: usize = 100;

/// Each of `contacts` trimmed and checked, and no more of them than [`MAX_CONTACTS`].
pub(crate) fn validated_all(contacts: &[Contact]) -> Result<Vec<Contact>> {
    if contacts.len() > MAX_CONTACTS {
        return Err(Error::Invalid {
            code: "people.too_many_contacts",
            field: "contacts",
            message: format!(
                "{} emails and phone numbers is more than Allies keeps for one person ({MAX_CONTACTS}).",
                contacts.len()
            ),
        });
    }
    contacts.iter().map(Contact::validated).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
}

impl ContactKind {
    fn as_str(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        }
    }
}

/// One email address or phone number with its label ("" when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
    pub label: String,
}

impl Contact {
    pub fn email(value: &str, label: &str) -> Contact {
        Contact {
            kind: ContactKind::Email,
            value: value.to_owned(),
            label: label.to_owned(),
        }
    }

    pub fn phone(value: &str, label: &str) -> Contact {
        Contact {
            kind: ContactKind::Phone,
            value: value.to_owned(),
            label: label.to_owned(),
        }
    }

    /// Trimmed and checked: an email must look like one, a phone number and a label must fit.
    pub(crate) fn validated(&self) -> Result<Contact> {
        let value = match self.kind {
            ContactKind::Email => checked_email(&self.value)?,
            ContactKind::Phone => line("phone", "A phone number", &self.value, MAX_PHONE)?,
        };
        if value.is_empty() {
            return Err(Error::Invalid {
                code: "people.empty_contact",
                field: self.kind.as_str(),
                message: format!("An empty {} cannot be kept.", self.kind.as_str()),
            });
        }
        Ok(Contact {
            kind: self.kind,
            value,
            label: line("label", "A label", &self.label, MAX_LABEL)?,
        })
    }

    /// What two spellings of the same address or number share: an email folded, a phone
    /// number's digits (see [`phone_key`]). None when it cannot identify anyone.
    pub(crate) fn key(&self) -> Option<String> {
        match self.kind {
            ContactKind::Email => Some(fold(self.value.trim())).filter(|e| !e.is_empty()),
            ContactKind::Phone => phone_key(&self.value),
        }
    }
}

/// Contacts of one kind as one spreadsheet cell: "work: dana@example.com; home: d@ng.org".
/// A `; ` inside a label would split it on the way back, so it becomes `, `.
pub fn to_cell(contacts: &[Contact], kind: ContactKind) -> String {
    contacts
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| match c.label.as_str() {
            "" => c.value.clone(),
            label => format!("{}: {}", label.replace("; ", ", "), c.value),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a cell written by [`to_cell`] (or Google's "a ::: b"): values separated by `; `, each
/// with an optional "label: " before it. A bare `;` stays: a phone number's extension is
/// written "+1 418 656 9254;ext=102".
pub fn from_cell(cell: &str, kind: ContactKind) -> Vec<Contact> {
    cell.split("; ")
        .flat_map(|item| item.split(" ::: "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            // The apostrophe the CSV export puts before a cell starting like a formula ("+1 555…")
            // was taken off the whole cell as it was read.
            let (label, value) = item.rsplit_once(": ").unwrap_or(("", item));
            Contact {
                kind,
                value: value.trim().to_owned(),
                label: label.trim().to_owned(),
            }
        })
        .collect()
}

/// A phone number as duplicate detection compares it: its last nine digits (so "+1 418 656
/// 9254" and "(418) 656-9254" match whatever the country code), the extension left out.
/// Numbers of fewer than seven digits identify no one.
pub(crate) fn phone_key(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let number = lower
        .split([';', 'x', ','])
        .next()
        .unwrap_or_default()
        .split("ext")
        .next()
        .unwrap_or_default();
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(9)..].iter().collect())
}

/// A person's emails then phone numbers, each in order; `people.email` always comes first
/// among the emails (a person added with the form has it and no stored list).
pub fn list(db: &Database, person_id: &str) -> Result<Vec<Contact>> {
    let person = get_in(db.conn(), person_id)?;
    Ok(composed(&person.email, stored(db.conn(), person_id)?))
}

/// The list as [`list`] gives it, from the person's `email` and their stored contacts.
pub(crate) fn composed(email: &str, stored: Vec<Contact>) -> Vec<Contact> {
    let mut emails: Vec<Contact> = Vec::new();
    if !email.is_empty() {
        let label = stored
            .iter()
            .find(|c| c.kind == ContactKind::Email && fold(&c.value) == fold(email))
            .map(|c| c.label.clone())
            .unwrap_or_default();
        emails.push(Contact::email(email, &label));
    }
    let (more_emails, phones): (Vec<Contact>, Vec<Contact>) = stored
        .into_iter()
        .partition(|c| c.kind == ContactKind::Email);
    for email in more_emails {
        if !emails.iter().any(|e| fold(&e.value) == fold(&email.value)) {
            emails.push(email);
        }
    }
    emails.extend(phones);
    emails
}

/// Everyone's stored contacts by person id, for an export that writes them all.
pub(crate) fn stored_by_person(conn: &Connection) -> Result<HashMap<String, Vec<Contact>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, kind, value, label FROM person_contacts ORDER BY person_id, kind, position",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, row_contact(r, 1)?)))?;
    let mut all: HashMap<String, Vec<Contact>> = HashMap::new();
    for row in rows {
        let (id, contact) = row?;
        all.entry(id).or_default().push(contact);
    }
    Ok(all)
}

fn row_contact(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<Contact> {
    let kind = match r.get::<_, String>(from)?.as_str() {
        "phone" => ContactKind::Phone,
        _ => ContactKind::Email,
    };
    Ok(Contact {
        kind,
        value: r.get(from + 1)?,
        label: r.get(from + 2)?,
    })
}

/// The stored list, kind by kind in order.
pub(crate) fn stored(conn: &Connection, person_id: &str) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value, label FROM person_contacts WHERE person_id = ?1
          ORDER BY kind, position",
    )?;
    let rows = stmt.query_map([person_id], |r| row_contact(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds each of `contacts` the person does not have yet (the same email or number, however
/// spelled), after the ones they have; returns how many were added.
pub(crate) fn add_missing(
    tx: &Transaction<'_>,
    person_id: &str,
    contacts: &[Contact],
) -> Result<usize> {
    if contacts.is_empty() {
        return Ok(0);
    }
    let have = stored(tx, person_id)?;
    let mut keys: std::collections::HashSet<(ContactKind, String)> = have
        .iter()
        .map(|c| (c.kind, c.key().unwrap_or_else(|| c.value.clone())))
        .collect();
    let mut next: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM person_contacts WHERE person_id = ?1",
        [person_id],
        |r| r.get(0),
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO person_contacts (person_id, kind, position, value, label)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut added = 0;
    for c in contacts {
        let key = (c.kind, c.key().unwrap_or_else(|| c.value.clone()));
        if keys.len() >= MAX_CONTACTS {
            break; // a merge never grows a person past the cap an import checks
        }
        if keys.contains(&key) {
            continue;
        }
        insert.execute(rusqlite::params![
            person_id,
            c.kind.as_str(),
            next,
            c.value,
            c.label
        ])?;
        keys.insert(key);
        next += 1;
        added += 1;
    }
    Ok(added)
}

/// Keeps the stored list in step when the form changes `people.email` from `old` to `new`:
/// the old address's entry takes the new one (keeping its label), or goes if the email was
/// cleared or the new address is listed already.
pub(crate) fn follow_email(
    tx: &Transaction<'_>,
    person_id: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    if old.is_empty() || fold(old) == fold(new) {
        return Ok(());
    }
    let listed = |value: &str| -> Result<Option<i64>> {
        let mut stmt = tx.prepare_cached(
            "SELECT position, value FROM person_contacts WHERE person_id = ?1 AND kind = 'email'",
        )?;
        let rows = stmt.query_map([person_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (position, have) = row?;
            if fold(&have) == fold(value) {
                return Ok(Some(position));
            }
        }
        Ok(None)
    };
    let Some(position) = listed(old)? else {
        return Ok(());
    };
    if new.is_empty() || listed(new)?.is_some() {
        tx.execute(
            "DELETE FROM person_contacts WHERE person_id = ?1 AND kind = 'email' AND position = ?2",
            rusqlite::params![person_id, position],
        )?;
    } else {
        tx.execute(
            "UPDATE person_contacts SET value = ?3
              WHERE person_id = ?1 AND kind = 'email' AND position = ?2",
            rusqlite::params![person_id, position, new],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_contacts_reads_back_as_written() {
        let contacts = vec![
            Contact::email("dana@example.com", "work"),
            Contact::email("d@ng.org", ""),
            Contact::phone("+1 (418) 656-9254", "mobile"),
            Contact::phone("555 0100", "Assistant; evenings"),
        ];
        let emails = to_cell(&contacts, ContactKind::Email);
        let phones = to_cell(&contacts, ContactKind::Phone);
        assert_eq!(emails, "work: dana@example.com; d@ng.org");
        assert_eq!(
            phones,
            "mobile: +1 (418) 656-9254; Assistant, evenings: 555 0100"
        );
        let mut back = from_cell(&emails, ContactKind::Email);
        back.extend(from_cell(&phones, ContactKind::Phone));
        let mut expected = contacts;
        expected[3].label = "Assistant, evenings".into();
        assert_eq!(back, expected);
        assert_eq!(
            from_cell("+1 555 0100; fax: 555 0199;ext=2", ContactKind::Phone),
            [
                Contact::phone("+1 555 0100", ""),
                Contact::phone("555 0199;ext=2", "fax")
            ],
            "an extension's own semicolon does not split the number"
        );
        assert_eq!(
            from_cell("a@x.org ::: b@y.org", ContactKind::Email),
            [Contact::email("a@x.org", ""), Contact::email("b@y.org", "")]
        );
    }

    #[test]
    fn phone_keys_match_spellings_of_one_number_and_ignore_short_ones() {
        assert_eq!(phone_key("+1 418 656 9254"), phone_key("(418) 656-9254"));
        assert_eq!(
            phone_key("tel:+1-418-656-9254;ext=102"),
            phone_key("418.656.9254")
        );
        assert_eq!(phone_key("+1 418 656 9254 x12"), phone_key("4186569254"));
        assert_ne!(phone_key("+1 418 656 9254"), phone_key("+1 418 656 9255"));
        assert_eq!(
            phone_key("102"),
            None,
            "an extension alone is no one's number"
        );
        assert_eq!(phone_key(""), None);
    }
}
