//! From candidates to people: who is new, who looks like someone already there (merge or
//! skip), a preview of it, and the import itself in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::parsed::{Candidate, Parsed, Problem};
use crate::error::Result;
use crate::fields::fold;
use crate::people::contacts::{self, Contact, ContactKind};
use crate::people::{self, PersonInput};
use crate::records::{new_id, time_text};
use crate::storage::Database;

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
    /// Left out on purpose: not people (see [`Parsed::not_people`]), not errors.
    pub not_people: Vec<Problem>,
    pub notice: Option<String>,
    pub unit: String,
}

const SAMPLE: usize = 20;

/// Whether a contact points at one person: a company's switchboard or fax number is shared by
/// everyone who works there.
fn identifies(c: &Contact) -> bool {
    let label = fold(&c.label);
    c.kind == ContactKind::Email
        || !["main", "fax", "company", "switchboard", "office"]
            .iter()
            .any(|shared| label.contains(shared))
}

/// How people already present are looked up: by any email, then by any phone number, then by
/// name and organisation.
struct Known {
    by_contact: HashMap<(ContactKind, String), (String, String)>,
    by_name: HashMap<(String, String), (String, String)>,
}

impl Known {
    fn empty() -> Known {
        Known {
            by_contact: HashMap::new(),
            by_name: HashMap::new(),
        }
    }

    fn load(db: &Database) -> Result<Known> {
        let mut known = Known::empty();
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
            let email = (!email.is_empty()).then(|| Contact::email(&email, ""));
            known.add(&id, &name, &organisation, email.as_slice());
        }
        let mut stmt = db.conn().prepare_cached(
            "SELECT p.id, p.name, c.kind, c.value FROM person_contacts c
               JOIN people p ON p.id = c.person_id
              WHERE p.deleted_at IS NULL ORDER BY p.id, c.kind, c.position",
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
            let (id, name, kind, value) = row?;
            let contact = match kind.as_str() {
                "phone" => Contact::phone(&value, ""),
                _ => Contact::email(&value, ""),
            };
            known.add_contacts(&id, &name, &[contact]);
        }
        Ok(known)
    }

    fn add_contacts(&mut self, id: &str, name: &str, contacts: &[Contact]) {
        for c in contacts.iter().filter(|c| identifies(c)) {
            if let Some(key) = c.key() {
                self.by_contact
                    .entry((c.kind, key))
                    .or_insert_with(|| (id.to_owned(), name.to_owned()));
            }
        }
    }

    fn add(&mut self, id: &str, name: &str, organisation: &str, contacts: &[Contact]) {
        self.add_contacts(id, name, contacts);
        self.by_name
            .entry((fold(name), fold(organisation)))
            .or_insert_with(|| (id.to_owned(), name.to_owned()));
    }

    /// The person `c` looks like, and why: any of its emails, then any of its phone numbers,
    /// then its name and organisation.
    fn find(&self, c: &Candidate) -> Option<(&(String, String), &'static str)> {
        let mut contacts: Vec<Contact> = c.contacts.clone();
        if !c.person.email.is_empty() {
            contacts.push(Contact::email(&c.person.email, ""));
        }
        for (kind, why) in [
            (ContactKind::Email, "same email"),
            (ContactKind::Phone, "same phone number"),
        ] {
            let found = contacts
                .iter()
                .filter(|x| x.kind == kind && identifies(x))
                .filter_map(|x| self.by_contact.get(&(kind, x.key()?)))
                .next();
            if let Some(who) = found {
                return Some((who, why));
            }
        }
        self.by_name
            .get(&(fold(&c.person.name), fold(&c.person.organisation)))
            .map(|who| (who, "same name and organisation"))
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
    let mut in_file = Known::empty();
    let (mut new, mut duplicates, mut problems) = (Vec::new(), Vec::new(), parsed.problems.clone());
    for c in &parsed.candidates {
        if let Some(((row, _), why)) = in_file.find(c) {
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
            &c.person.organisation,
            &c.contacts,
        );
        in_file.add_contacts(
            &c.row.to_string(),
            &c.person.name,
            &[Contact::email(&c.person.email, "")],
        );
        match known.find(c) {
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
        not_people: parsed.not_people.clone(),
        notice: parsed.notice.clone(),
        unit: parsed.unit.clone(),
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub merged: usize,
    /// Duplicates left as they were ([`OnDuplicate::Skip`]).
    pub skipped: usize,
    pub problems: Vec<Problem>,
    /// Entries left out because they are not people (see [`Parsed::not_people`]).
    pub not_people: Vec<Problem>,
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
            contacts::add_missing(tx, &id, &c.contacts)?;
            crate::dates::add_missing_in(tx, &id, &c.dates, now)?;
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
                // The address the person had first stays first in the stored list.
                if !current.email.is_empty() {
                    let had = Contact::email(&current.email, "");
                    let first = c
                        .contacts
                        .iter()
                        .find(|x| x.kind == ContactKind::Email && x.key() == had.key())
                        .cloned()
                        .unwrap_or(had);
                    contacts::add_missing(tx, &d.existing_id, &[first])?;
                }
                contacts::add_missing(tx, &d.existing_id, &c.contacts)?;
                crate::dates::add_missing_in(tx, &d.existing_id, &c.dates, now)?;
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
        not_people: parsed.not_people.clone(),
    })
}
