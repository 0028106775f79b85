//! One search over everything the user wrote: people, profiles, interactions, favours,
//! promises, conflicts, asks, forums and the user's own wins, through FTS5 indexes that triggers
//! keep in step (migrations 0005, 0007, 0019, 0020, 0024). A person's emails and phone numbers
//! are found as the person (0023).

use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::Result;
use crate::records::text_enum;
use crate::storage::Database;

/// Marks the start and end of a matched word in a snippet. Private-use characters, so the UI
/// can split on them and build highlights as elements, never by parsing markup.
pub const MATCH_START: char = '\u{E000}';
pub const MATCH_END: char = '\u{E001}';
/// Hits of each kind beyond this many are not returned.
pub const PER_KIND: usize = 20;
/// Hits ordered by relevance are the best of the newest this many matches of their kind:
/// relevance is worked out for every match, which takes tens of milliseconds once a word
/// matches tens of thousands of records, and another word narrows the search anyway.
const RANKED_AMONG: i64 = 2_000;
/// The order of hits by relevance (FTS5's BM25 rank).
const RELEVANCE: &str = "rank";
const WORDS: usize = 8;

text_enum! {
    /// What a hit is.
    HitKind {
        Person = "person",
        Profile = "profile",
        Interaction = "interaction",
        Favour = "favour",
        Promise = "promise",
        Conflict = "conflict",
        Ask = "ask",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// The record's id (for a profile, the person's id).
    pub id: String,
    /// The person to open for this hit, and their name.
    pub person_id: String,
    pub person_name: String,
    /// Text around the match, with matched words between MATCH_START and MATCH_END.
    pub snippet: String,
}

/// Hits grouped by kind, in this order, best first within each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Results {
    pub people: Vec<Hit>,
    pub interactions: Vec<Hit>,
    pub favours: Vec<Hit>,
    pub promises: Vec<Hit>,
    pub conflicts: Vec<Hit>,
    pub asks: Vec<Hit>,
    /// The user's own wins: about no one, so each names its win instead of a person.
    pub wins: Vec<WinHit>,
    /// Forums, found by name, what they decide and who sits on them; each names its forum.
    pub forums: Vec<ForumHit>,
}

/// A win whose words match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WinHit {
    pub id: String,
    pub title: String,
    /// Text around the match, marked as in [`Hit::snippet`].
    pub snippet: String,
}

/// A forum whose name, purpose or members match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForumHit {
    pub id: String,
    pub name: String,
    /// Text around the match, marked as in [`Hit::snippet`].
    pub snippet: String,
}

impl Results {
    pub fn len(&self) -> usize {
        self.people.len()
            + self.interactions.len()
            + self.favours.len()
            + self.promises.len()
            + self.conflicts.len()
            + self.wins.len()
            + self.asks.len()
            + self.forums.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The FTS5 query for what the user typed: every word must match, as a prefix. Words are
/// quoted, so no character the user types is read as FTS syntax.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(WORDS)
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Finds `text` everywhere; an empty or punctuation-only query finds nothing.
pub fn search(db: &Database, text: &str) -> Result<Results> {
    let Some(query) = fts_query(text) else {
        return Ok(Results::default());
    };
    Ok(Results {
        people: group(db, "search_people", RELEVANCE, &query)?,
        // Interactions are many; the newest matches come first and the scan stops early.
        interactions: group(
            db,
            "search_interactions",
            "search_interactions.rowid DESC",
            &query,
        )?,
        favours: group(db, "search_favours", RELEVANCE, &query)?,
        promises: group(db, "search_promises", RELEVANCE, &query)?,
        conflicts: group(db, "search_conflicts", RELEVANCE, &query)?,
        wins: wins(db, &query)?,
        asks: group(db, "search_asks", RELEVANCE, &query)?,
        forums: forums(db, &query)?,
    })
}

/// The best-matching live wins.
fn wins(db: &Database, query: &str) -> Result<Vec<WinHit>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT w.id, w.title, snippet(search_wins, 0, char(57344), char(57345), '…', 12)
           FROM search_wins JOIN search_rows r ON r.id = search_wins.rowid AND r.kind = 'win'
           JOIN wins w ON w.id = r.ref AND w.deleted_at IS NULL
          WHERE search_wins MATCH ?1
          ORDER BY rank LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![query, PER_KIND as i64], |r| {
        Ok(WinHit {
            id: r.get(0)?,
            title: r.get(1)?,
            snippet: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The best-matching live forums.
fn forums(db: &Database, query: &str) -> Result<Vec<ForumHit>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, f.name, snippet(search_forums, 0, char(57344), char(57345), '…', 12)
           FROM search_forums JOIN search_rows r ON r.id = search_forums.rowid AND r.kind = 'forum'
           JOIN forums f ON f.id = r.ref AND f.deleted_at IS NULL
          WHERE search_forums MATCH ?1
          ORDER BY rank LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![query, PER_KIND as i64], |r| {
        Ok(ForumHit {
            id: r.get(0)?,
            name: r.get(1)?,
            snippet: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The best hits in one group's index (in `order`, among the newest [`RANKED_AMONG`] matches),
/// each with the person to open; records of deleted people are left out, and a person matched
/// in both name and profile appears once.
fn group(db: &Database, index: &str, order: &str, query: &str) -> Result<Vec<Hit>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT CASE r.kind WHEN 'contacts' THEN 'person' ELSE r.kind END, r.ref, p.id, p.name,
                snippet({index}, 0, char(57344), char(57345), '…', 12)
         FROM {index} JOIN search_rows r ON r.id = {index}.rowid
         JOIN people p ON p.deleted_at IS NULL AND p.id = CASE r.kind
             WHEN 'person' THEN r.ref
             WHEN 'contacts' THEN r.ref
             WHEN 'profile' THEN r.ref
             WHEN 'favour' THEN (SELECT person_id FROM favours WHERE id = r.ref)
             WHEN 'promise' THEN (SELECT person_id FROM promises WHERE id = r.ref)
             WHEN 'conflict' THEN (SELECT person_id FROM conflicts WHERE id = r.ref)
             WHEN 'ask' THEN (SELECT person_id FROM asks WHERE id = r.ref)
             WHEN 'interaction' THEN (SELECT ip.person_id FROM interaction_people ip
                                      JOIN people q ON q.id = ip.person_id AND q.deleted_at IS NULL
                                      WHERE ip.interaction_id = r.ref ORDER BY q.name_key LIMIT 1)
           END
         WHERE {index} MATCH ?1 AND {index}.rowid >= ?3
         ORDER BY {order} LIMIT ?2"
    ))?;
    // Newest first needs no bound: the scan stops after the hits it returns.
    let from: i64 = if order == RELEVANCE {
        db.conn()
            .prepare_cached(&format!(
                "SELECT rowid FROM {index} WHERE {index} MATCH ?1
                  ORDER BY rowid DESC LIMIT 1 OFFSET ?2"
            ))?
            .query_row(rusqlite::params![query, RANKED_AMONG - 1], |r| r.get(0))
            .optional()?
            .unwrap_or(0)
    } else {
        0
    };
    let params = rusqlite::params![query, (2 * PER_KIND) as i64, from];
    let rows = stmt.query_map(params, |r| {
        Ok(Hit {
            kind: r.get(0)?,
            id: r.get(1)?,
            person_id: r.get(2)?,
            person_name: r.get(3)?,
            snippet: r.get(4)?,
        })
    })?;
    let mut hits: Vec<Hit> = Vec::new();
    for hit in rows {
        let hit = hit?;
        let same_person = hits.iter().any(|h| h.person_id == hit.person_id);
        if hits.len() < PER_KIND && !(index == "search_people" && same_person) {
            hits.push(hit);
        }
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::favours::{self, Direction, FavourInput};
    use crate::journal::interactions::{self, InteractionInput, Kind};
    use crate::journal::profiles::{self, Profile};
    use crate::journal::promises::{self, Owner, PromiseInput};
    use crate::people::{self, PersonInput};
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn names(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.person_name.as_str()).collect()
    }

    fn world() -> (Database, String, String) {
        let mut db = Database::open_in_memory().unwrap();
        let elodie = people::add(
            &mut db,
            &PersonInput {
                role: "Staff Engineer".into(),
                ..PersonInput::named("Élodie Durand")
            },
            now(),
        )
        .unwrap()
        .id;
        let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), now())
            .unwrap()
            .id;
        (db, elodie, sam)
    }

    #[test]
    fn words_match_as_prefixes_without_accents_in_every_kind() {
        let (mut db, elodie, sam) = world();
        let coffee = InteractionInput {
            occurred_at: None,
            kind: Kind::Coffee,
            people: vec![sam.clone()],
            notes: "Budget planning for the kubernetes migration".into(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &coffee, now()).unwrap();
        favours::record(
            &mut db,
            &FavourInput {
                person_id: sam.clone(),
                direction: Direction::ByThem,
                description: "Reviewed the kubernetes RFC".into(),
            },
            now(),
        )
        .unwrap();
        promises::make(
            &mut db,
            &PromiseInput {
                person_id: elodie.clone(),
                owner: Owner::Mine,
                description: "Share kubernetes cost data".into(),
                due_on: String::new(),
            },
            now(),
            today(),
        )
        .unwrap();
        profiles::save(
            &mut db,
            &elodie,
            &Profile {
                motivations: "Kubernetes reliability".into(),
                ..Profile::default()
            },
            now(),
        )
        .unwrap();

        let r = search(&db, "elodie").unwrap();
        assert_eq!(names(&r.people), ["Élodie Durand"], "accents are folded");
        let r = search(&db, "kube").unwrap();
        assert_eq!(
            names(&r.people),
            ["Élodie Durand"],
            "a profile match finds the person"
        );
        assert_eq!(names(&r.interactions), ["Sam Patel"]);
        assert_eq!(names(&r.favours), ["Sam Patel"]);
        assert_eq!(names(&r.promises), ["Élodie Durand"]);
        assert_eq!(r.len(), 4);
        let r = search(&db, "kube budget").unwrap();
        assert_eq!(r.len(), 1, "every word must match");
    }

    #[test]
    fn snippets_mark_the_matched_words_and_keep_user_text_as_is() {
        let (mut db, _, sam) = world();
        let note = InteractionInput {
            occurred_at: None,
            kind: Kind::Meeting,
            people: vec![sam],
            notes: "She said <script>alert(1)</script> about the roadmap".into(),
            follow_up: String::new(),
        };
        interactions::log(&mut db, &note, now()).unwrap();
        let hit = &search(&db, "roadmap").unwrap().interactions[0];
        assert!(
            hit.snippet.contains("\u{E000}roadmap\u{E001}"),
            "{:?}",
            hit.snippet
        );
        assert!(
            hit.snippet.contains("<script>"),
            "text comes back unchanged; the UI renders it as text"
        );
    }

    #[test]
    fn the_index_follows_edits_deletes_and_undo() {
        let (mut db, elodie, _) = world();
        let input = PersonInput {
            role: "Principal Engineer".into(),
            ..PersonInput::named("Élodie Martin")
        };
        people::update(&mut db, &elodie, &input, now()).unwrap();
        assert!(
            search(&db, "durand").unwrap().is_empty(),
            "the old name is gone from the index"
        );
        assert_eq!(search(&db, "martin").unwrap().people.len(), 1);

        people::delete(&mut db, &elodie, now()).unwrap();
        assert!(
            search(&db, "martin").unwrap().is_empty(),
            "deleted people are not found"
        );
        people::restore(&mut db, &elodie).unwrap();
        assert_eq!(
            search(&db, "martin").unwrap().people.len(),
            1,
            "undo brings them back to search"
        );

        let f = favours::record(
            &mut db,
            &FavourInput {
                person_id: elodie.clone(),
                direction: Direction::ByMe,
                description: "Covered her on-call shift".into(),
            },
            now(),
        )
        .unwrap();
        favours::delete(&mut db, &f.id, now()).unwrap();
        assert!(search(&db, "shift").unwrap().is_empty());
        favours::restore(&mut db, &f.id).unwrap();
        assert_eq!(search(&db, "shift").unwrap().favours.len(), 1);

        // A profile saved twice (an upsert) is indexed once, with its latest text.
        profiles::save(
            &mut db,
            &elodie,
            &Profile {
                pitch: "observability first".into(),
                ..Profile::default()
            },
            now(),
        )
        .unwrap();
        profiles::save(
            &mut db,
            &elodie,
            &Profile {
                pitch: "tracing first".into(),
                ..Profile::default()
            },
            now(),
        )
        .unwrap();
        assert!(
            search(&db, "observability").unwrap().is_empty(),
            "the old pitch is gone"
        );
        assert_eq!(search(&db, "tracing").unwrap().people.len(), 1);

        let coffee = InteractionInput {
            occurred_at: None,
            kind: Kind::Coffee,
            people: vec![elodie.clone()],
            notes: "quarterly offsite".into(),
            follow_up: String::new(),
        };
        let i = interactions::log(&mut db, &coffee, now()).unwrap();
        interactions::delete(&mut db, &i.id, now()).unwrap();
        assert!(search(&db, "offsite").unwrap().is_empty());
        interactions::restore(&mut db, &i.id).unwrap();
        assert_eq!(search(&db, "offsite").unwrap().interactions.len(), 1);

        let p = promises::make(
            &mut db,
            &PromiseInput {
                person_id: elodie,
                owner: Owner::Theirs,
                description: "Intro to the CFO".into(),
                due_on: String::new(),
            },
            now(),
            today(),
        )
        .unwrap();
        promises::delete(&mut db, &p.id, now(), today()).unwrap();
        assert!(search(&db, "cfo").unwrap().is_empty());
        promises::restore(&mut db, &p.id, today()).unwrap();
        assert_eq!(search(&db, "cfo").unwrap().promises.len(), 1);

        let c = crate::journal::conflicts::open(
            &mut db,
            &crate::journal::conflicts::ConflictInput {
                person_id: p.person_id.clone(),
                description: "Budget fight with finance".into(),
                resolve_by: String::new(),
            },
            now(),
            today(),
        )
        .unwrap();
        assert_eq!(search(&db, "fight").unwrap().conflicts.len(), 1);
        crate::journal::conflicts::resolve(&mut db, &c.id, "Split the cost", now(), today())
            .unwrap();
        assert_eq!(
            search(&db, "split").unwrap().conflicts.len(),
            1,
            "the resolution is searchable too"
        );
        crate::journal::conflicts::delete(&mut db, &c.id, now(), today()).unwrap();
        assert!(search(&db, "fight").unwrap().is_empty());
    }

    #[test]
    fn fts_syntax_in_the_query_is_plain_text() {
        let (db, _, _) = world();
        for q in ["\"", "sam OR", "NEAR(sam", "-sam", "*", "sa\"m", "  ", "%_"] {
            assert!(search(&db, q).is_ok(), "{q:?} must not be a syntax error");
        }
        assert_eq!(
            search(&db, "sam OR").unwrap().len(),
            0,
            "OR is a word here, and nobody has it"
        );
        assert_eq!(search(&db, "pat").unwrap().people.len(), 1);
    }

    #[test]
    fn among_many_matches_the_best_of_the_newest_come_first() {
        let mut db = Database::open_in_memory().unwrap();
        let extra = 10;
        // The oldest would rank first (the word is its whole name) but is not among the newest
        // RANKED_AMONG matches; among those, a name that is the word itself ranks first.
        db.write(|tx| {
            let mut add = tx.prepare(
                "INSERT INTO people (id, name, notes, name_key, search_text, created_at, updated_at)
                 VALUES (?1, ?2, ?3, lower(?2), lower(?2), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            )?;
            add.execute(["p0000", "Harbour", ""])?;
            for i in 1..RANKED_AMONG + extra {
                let (name, notes) = if i == RANKED_AMONG / 2 {
                    ("Harbour Lee".to_owned(), String::new())
                } else {
                    (format!("Person {i}"), "met at the harbour cafe, talked about the harbour plans and more".to_owned())
                };
                add.execute(rusqlite::params![format!("p{i:04}"), name, notes])?;
            }
            Ok(())
        })
        .unwrap();
        let found = search(&db, "harbour").unwrap();
        assert_eq!(found.people.len(), PER_KIND);
        assert_eq!(found.people[0].person_name, "Harbour Lee");
        assert!(
            found.people.iter().all(|h| h.person_id != "p0000"),
            "the oldest of {} matches is not ranked",
            RANKED_AMONG + extra
        );
        // Fewer matches are all ranked: the best is first wherever it is.
        assert_eq!(
            search(&db, "harbour lee").unwrap().people[0].person_name,
            "Harbour Lee"
        );
    }
}
