//! One search over everything the user wrote: people, profiles, interactions, favours,
//! promises, conflicts, asks, forums and the user's own wins, through FTS5 indexes that triggers
//! keep in step (migrations 0005, 0007, 0019, 0020, 0024). A person's emails and phone numbers
//! are found as the person (0023).
//!
//! Every word is matched as a prefix. FTS5 reads all the matches of a prefix longer than the
//! indexed ones (2 and 3 characters) before it returns one; in a large database, where that
//! costs tens of milliseconds, each index is searched once, snippets are written in a small
//! index in memory (`scratch.rs`), and the many interactions are found newest first through
//! their words' first three characters (`newest.rs`).

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::Result;
use crate::records::text_enum;
use crate::storage::Database;

mod newest;
mod scratch;

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

/// The words of what the user typed that are searched for: at most [`WORDS`], each with a
/// letter or digit.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(WORDS)
        .collect()
}

/// A word as an FTS5 prefix query: quoted, so no character the user types is read as FTS
/// syntax.
fn prefix(word: &str) -> String {
    format!("\"{}\"*", word.replace('"', "\"\""))
}

/// The FTS5 query for what the user typed: every word must match, as a prefix.
fn fts_query(words: &[&str]) -> Option<String> {
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| prefix(w))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Finds `text` everywhere; an empty or punctuation-only query finds nothing.
pub fn search(db: &Database, text: &str) -> Result<Results> {
    let words = words(text);
    let Some(query) = fts_query(&words) else {
        return Ok(Results::default());
    };
    let large = scratch::worth_it(db)?;
    let best_in = |index| group(db, index, &query, large);
    Ok(Results {
        people: best_in("search_people")?,
        // Interactions are many: the newest matches come first.
        interactions: keep(
            newest::interactions(db, &words, &query, large)?,
            "search_interactions",
        ),
        favours: best_in("search_favours")?,
        promises: best_in("search_promises")?,
        conflicts: best_in("search_conflicts")?,
        wins: wins(db, &query)?,
        asks: best_in("search_asks")?,
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

/// What a hit is, from its row in `search_rows` (`r`).
const KIND_OF_ROW: &str = "CASE r.kind WHEN 'contacts' THEN 'person' ELSE r.kind END";
/// The person a record in `search_rows` (`r`) opens, as a join condition on `people` (`p`);
/// records of deleted people match no one.
const PERSON_OF_ROW: &str = "p.deleted_at IS NULL AND p.id = CASE r.kind
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
  END";

/// The best hits in one group's index (by relevance, among the newest [`RANKED_AMONG`]
/// matches; the oldest first among equals, as FTS5 sorts them), each with the person to open;
/// records of deleted people are left out, and a person matched in both name and profile
/// appears once.
///
/// In a `large` database the index is searched once, and the snippets of the few hits are
/// written in the small index (`scratch.rs`): searching the big one again for them would read
/// every match of a long word a second time.
fn group(db: &Database, index: &str, query: &str, large: bool) -> Result<Vec<Hit>> {
    if !large || !scratch::available(db)? {
        return group_in_index(db, index, query);
    }
    let ranked = best_with_people(db, index, query)?;
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    let mut snippets = snippets(db, index, query, &ids)?;
    let found = ranked
        .into_iter()
        .map(|(id, hit)| Hit {
            snippet: snippets.remove(&id).unwrap_or_default(),
            ..hit
        })
        .collect();
    Ok(keep(found, index))
}

/// The best of the newest [`RANKED_AMONG`] matches in `index` whose person is not deleted, at
/// most twice [`PER_KIND`], each with its rowid and without a snippet. Ranking reads the index
/// once; each person is then looked up in rank order, only until there are enough.
fn best_with_people(db: &Database, index: &str, query: &str) -> Result<Vec<(i64, Hit)>> {
    let best: Vec<i64> = db
        .conn()
        .prepare_cached(&format!(
            "SELECT id FROM (
                 SELECT rowid AS id, rank AS score FROM {index} WHERE {index} MATCH ?1
                  ORDER BY rowid DESC LIMIT ?2)
              ORDER BY score, id"
        ))?
        .query_map(rusqlite::params![query, RANKED_AMONG], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut person = db.conn().prepare_cached(&format!(
        "SELECT {KIND_OF_ROW}, r.ref, p.id, p.name
           FROM search_rows r JOIN people p ON {PERSON_OF_ROW} WHERE r.id = ?1"
    ))?;
    let mut ranked = Vec::new();
    for id in best {
        let hit = person
            .query_row([id], |r| {
                Ok(Hit {
                    kind: r.get(0)?,
                    id: r.get(1)?,
                    person_id: r.get(2)?,
                    person_name: r.get(3)?,
                    snippet: String::new(),
                })
            })
            .optional()?;
        if let Some(hit) = hit {
            ranked.push((id, hit));
            if ranked.len() == 2 * PER_KIND {
                break;
            }
        }
    }
    Ok(ranked)
}

/// The snippets of the records `ids` of `index` for `query`, by rowid, written in the small
/// index (the same as the big one writes: a snippet depends only on the record and the search).
fn snippets(db: &Database, index: &str, query: &str, ids: &[i64]) -> Result<HashMap<i64, String>> {
    let source = format!(
        "SELECT x.rowid, x.body FROM json_each(?1) j CROSS JOIN {index} x ON x.rowid = j.value"
    );
    let written = scratch::with_records(db, &source, ids, || {
        let mut stmt = db.conn().prepare_cached(&format!(
            "SELECT rowid, snippet({0}, 0, char(57344), char(57345), '…', 12)
               FROM {0} WHERE {0} MATCH ?1",
            scratch::INDEX
        ))?;
        let rows = stmt.query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<i64, String>>>()?)
    })?;
    Ok(written.unwrap_or_default())
}

/// [`group`] in the index alone: searched twice, for where its newest matches begin, then for
/// the best of them with their snippets.
fn group_in_index(db: &Database, index: &str, query: &str) -> Result<Vec<Hit>> {
    let from: i64 = db
        .conn()
        .prepare_cached(&format!(
            "SELECT rowid FROM {index} WHERE {index} MATCH ?1
              ORDER BY rowid DESC LIMIT 1 OFFSET ?2"
        ))?
        .query_row(rusqlite::params![query, RANKED_AMONG - 1], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let found = matches(db, index, "rank", query, from..i64::MAX, 2 * PER_KIND)?;
    Ok(keep(found, index))
}

/// At most `limit` records in `index` that match `query`, with rowids in `rowids`, in
/// `order`, each with the person to open; records of deleted people are left out.
fn matches(
    db: &Database,
    index: &str,
    order: &str,
    query: &str,
    rowids: std::ops::Range<i64>,
    limit: usize,
) -> Result<Vec<Hit>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {KIND_OF_ROW}, r.ref, p.id, p.name,
                snippet({index}, 0, char(57344), char(57345), '…', 12)
         FROM {index} JOIN search_rows r ON r.id = {index}.rowid
         JOIN people p ON {PERSON_OF_ROW}
         WHERE {index} MATCH ?1 AND {index}.rowid >= ?3 AND {index}.rowid < ?4
         ORDER BY {order} LIMIT ?2"
    ))?;
    let params = rusqlite::params![query, limit as i64, rowids.start, rowids.end];
    let rows = stmt.query_map(params, |r| {
        Ok(Hit {
            kind: r.get(0)?,
            id: r.get(1)?,
            person_id: r.get(2)?,
            person_name: r.get(3)?,
            snippet: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The first [`PER_KIND`] of `found`; in people's own index, each person once.
fn keep(found: Vec<Hit>, index: &str) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for hit in found {
        let same_person = hits.iter().any(|h| h.person_id == hit.person_id);
        if hits.len() < PER_KIND && !(index == "search_people" && same_person) {
            hits.push(hit);
        }
    }
    hits
}

#[cfg(test)]
mod tests;
