//! The newest interactions that match a search, found without reading every match first.
//!
//! FTS5 reads every record a prefix matches before it returns the first one, unless the index
//! holds prefixes of that very length: the interactions' index holds those of 2 and 3
//! characters (migration 0028). With a million interactions, "budget"* took 15 ms before the
//! newest match came back, when "budget" or "bud"* take a fraction of a millisecond, read
//! newest first and only as far as needed.
//!
//! So a search whose words are longer finds its newest interactions in two steps. Candidates
//! come from the index with each longer word cut to its first three characters ("bud"* for
//! "budget"): every interaction the search matches is among them. They are read newest first,
//! a batch at a time, and each batch is indexed in a small index in memory (`scratch.rs`),
//! where the search runs as typed, snippets and all. Hits are therefore exactly the
//! ones the whole index gives, in the same order. When fewer than one candidate in four
//! matches (many words share their first three characters with the one searched for), or after
//! [`Batches::most`] candidates, the search goes on as typed in the whole index. Checking costs
//! about 50 µs a candidate, so this is done only in a large database (`scratch::worth_it`).

use rusqlite::params;

use super::{matches, prefix, scratch, Hit, PER_KIND};
use crate::error::Result;
use crate::storage::Database;

/// The longest prefix the interactions' index holds (migration 0028: `prefix = '2 3'`).
const INDEXED: usize = 3;
const INDEX: &str = "search_interactions";
const NEWEST: &str = "search_interactions.rowid DESC";

/// How candidates are read: `first` in the first batch, twice as many in each next one up to
/// `largest`, and at most `most` in all before the rest is searched in the whole index.
#[derive(Debug, Clone, Copy)]
struct Batches {
    first: usize,
    largest: usize,
    most: usize,
}

const BATCHES: Batches = Batches {
    first: 64,
    largest: 2_048,
    most: 8_192,
};

/// The newest interactions matching `query` (the FTS5 query of `words`), at most twice
/// [`PER_KIND`], in the order and with the snippets the whole index gives; through candidates
/// only in a `large` database (`scratch::worth_it`).
pub(super) fn interactions(
    db: &Database,
    words: &[&str],
    query: &str,
    large: bool,
) -> Result<Vec<Hit>> {
    if !large {
        return matches(db, INDEX, NEWEST, query, 0..i64::MAX, 2 * PER_KIND);
    }
    interactions_in(db, words, query, BATCHES)
}

fn interactions_in(
    db: &Database,
    words: &[&str],
    query: &str,
    batches: Batches,
) -> Result<Vec<Hit>> {
    let wanted = 2 * PER_KIND;
    let Some(candidates) = candidate_query(words) else {
        // No word can be cut: each is an indexed prefix already, or holds punctuation.
        return matches(db, INDEX, NEWEST, query, 0..i64::MAX, wanted);
    };
    if !scratch::available(db)? {
        return matches(db, INDEX, NEWEST, query, 0..i64::MAX, wanted);
    }
    let mut found = Vec::new();
    let mut below = i64::MAX;
    let mut batch = batches.first;
    let mut seen = 0;
    let mut few = false;
    while found.len() < wanted {
        if seen >= batches.most || few {
            found.extend(matches(
                db,
                INDEX,
                NEWEST,
                query,
                0..below,
                wanted - found.len(),
            )?);
            break;
        }
        let ids: Vec<i64> = db
            .conn()
            .prepare_cached(
                "SELECT rowid FROM search_interactions
                  WHERE search_interactions MATCH ?1 AND rowid < ?2
                  ORDER BY rowid DESC LIMIT ?3",
            )?
            .query_map(params![candidates, below, batch as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&oldest) = ids.last() else { break };
        let hits = check(db, &ids, query, wanted - found.len())?;
        // Fewer than one in four candidates match: checking the next ones would cost more than
        // reading the words' matches whole.
        few = hits.len() * 4 < ids.len();
        found.extend(hits);
        if ids.len() < batch {
            break;
        }
        below = oldest;
        seen += ids.len();
        batch = (batch * 2).min(batches.largest);
    }
    Ok(found)
}

/// The query for candidates: each word of letters and digits longer than [`INDEXED`] cut to
/// its first characters. None when no word is cut: the query as typed is read lazily then.
fn candidate_query(words: &[&str]) -> Option<String> {
    let mut cut = false;
    let parts: Vec<String> = words
        .iter()
        .map(|w| {
            if w.chars().count() > INDEXED && w.chars().all(char::is_alphanumeric) {
                cut = true;
                prefix(&w.chars().take(INDEXED).collect::<String>())
            } else {
                prefix(w)
            }
        })
        .collect();
    cut.then(|| parts.join(" "))
}

/// Those of the interactions `ids` that match `query`, newest first, at most `limit`: indexed
/// in the small index and searched there.
fn check(db: &Database, ids: &[i64], query: &str, limit: usize) -> Result<Vec<Hit>> {
    // CROSS JOIN: one lookup per candidate, rather than a scan of every interaction.
    let source = "SELECT t.id, t.body FROM json_each(?1) j
                   CROSS JOIN search_interactions_text t ON t.id = j.value";
    let newest = format!("{}.rowid DESC", scratch::INDEX);
    let found = scratch::with_records(db, source, ids, || {
        matches(db, scratch::INDEX, &newest, query, 0..i64::MAX, limit)
    })?;
    Ok(found.unwrap_or_default())
}

#[cfg(test)]
mod tests;
