//! Who the network view draws when the user's network is too large to draw whole: the people
//! nearest the user, up to [`SHOWN_AT_MOST`]. With ten years of data (100,000 people, all of
//! them met) the whole picture took a minute to lay out and 24 MB to send, for a drawing no one
//! could read.

use std::collections::HashSet;

use super::graph::{GraphLink, GraphNode};
use crate::error::Result;
use crate::storage::Database;

/// The most people the network view draws at once: the benches lay out, draw and pan a
/// network of 1,000 people and 3,000 links within their goals (`make bench`).
pub const SHOWN_AT_MOST: usize = 1_000;

/// Of the people in `nodes` (the user's own node aside; in name order), `first` (whoever the
/// view was asked to show, with the people on their ways in; all of them, should they alone be
/// more than `at_most`), then the nearest the user up to `at_most` in all: everyone with a
/// drawn link in `links`, then everyone on a live map (they have a power), then those the user
/// met, the most lately first, then the rest by name.
pub(super) fn nearest(
    db: &Database,
    nodes: &[GraphNode],
    links: &[GraphLink],
    first: &[String],
    at_most: usize,
) -> Result<HashSet<String>> {
    let people: HashSet<&str> = nodes
        .iter()
        .filter(|n| !n.me)
        .map(|n| n.id.as_str())
        .collect();
    let mut chosen: HashSet<String> = first
        .iter()
        .filter(|id| people.contains(id.as_str()))
        .cloned()
        .collect();
    let mut choose = |id: &str| {
        if chosen.len() < at_most && people.contains(id) && !chosen.contains(id) {
            chosen.insert(id.to_owned());
        }
        chosen.len() < at_most
    };
    let linked: HashSet<&str> = links
        .iter()
        .flat_map(|l| [l.from.as_str(), l.to.as_str()])
        .collect();
    for n in nodes.iter().filter(|n| linked.contains(n.id.as_str())) {
        choose(&n.id);
    }
    for n in nodes.iter().filter(|n| n.power.is_some()) {
        choose(&n.id);
    }
    // The newest contacts first, through the index on the time, read only as far as needed.
    let mut stmt = db.conn().prepare_cached(
        "SELECT person_id FROM derived_last_contact ORDER BY at DESC, person_id DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if !choose(&row.get::<_, String>(0)?) {
            break;
        }
    }
    for n in nodes {
        if !choose(&n.id) {
            break;
        }
    }
    Ok(chosen)
}

/// `target` and everyone on the user's best ways in to them, for a view asked to show `target`;
/// nothing when they are not among the user's people.
pub(super) fn on_the_way_to(db: &Database, target: &str) -> Result<Vec<String>> {
    let paths = match super::graph::intro_paths(db, target) {
        Ok(paths) => paths,
        Err(e) if e.code() == "people.not_found" => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut ids = vec![target.to_owned()];
    ids.extend(
        paths
            .into_iter()
            .flat_map(|p| p.steps)
            .map(|step| step.person_id),
    );
    Ok(ids)
}
