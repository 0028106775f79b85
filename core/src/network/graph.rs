//! The user's network as read from the database: numbered for path searches, and as the network
//! view draws it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::links::{LinkKind, Strength};
use super::paths::{stance_cost, Indexed, Path, PATHS};
use super::shown::{nearest, on_the_way_to, SHOWN_AT_MOST};
use crate::error::Result;
use crate::maps::Stance;
use crate::storage::Database;

/// The user's graph as read from the database, indexed for path searches: drawn links, plus a
/// medium link to everyone the user logged an interaction with, and each person's strongest
/// stance. Former colleagues and deleted people are linked to no one.
pub(crate) struct Loaded {
    pub graph: Indexed<String>,
}

/// A text column read in place, without copying it.
pub(super) fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Everyone the user has met (an interaction not deleted), in id order: the people the table
/// of last contacts holds, kept by triggers, rather than a walk over every interaction (two
/// seconds with ten years of data).
const MET: &str = "SELECT person_id FROM derived_last_contact ORDER BY person_id";

pub(crate) fn load(db: &Database) -> Result<Loaded> {
    let mut g = Indexed::empty();
    // Former colleagues and deleted people come first, so that one look-up of an id says both
    // its node and whether it is gone: gone people are the nodes below `live`.
    let mut stmt = db.conn().prepare_cached(
        "SELECT id FROM people WHERE deleted_at IS NOT NULL OR left_at IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(id) = text(r, 0)? {
            g.node(id);
        }
    }
    let live = g.len();
    let gone = |n: usize| n != 0 && n < live;
    // One pass over the links' covering index (migration 0015), reading ids in place. The
    // planner would pick the smaller links_to index and then read every row of the table.
    let mut stmt = db.conn().prepare_cached(
        "SELECT from_id, to_id, strength, kind FROM links INDEXED BY links_graph
          WHERE deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(to) = text(r, 1)? else { continue };
        let a = text(r, 0)?.map_or(0, |from| g.node(from));
        let b = g.node(to);
        if gone(a) || gone(b) {
            continue;
        }
        g.link(a, b, r.get(2)?, r.get(3)?);
    }
    let mut stmt = db.conn().prepare_cached(MET)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(person) = text(r, 0)? else { continue };
        let b = g.node(person);
        if !gone(b) {
            g.link(0, b, Strength::Medium, LinkKind::CloseWith);
        }
    }
    for (id, stance) in stances(db)? {
        if let Some(n) = g.find(id.as_str()) {
            g.set_stance(n, stance);
        }
    }
    Ok(Loaded { graph: g })
}

/// The strongest stance each person has on the user's live maps.
pub(crate) fn stances(db: &Database) -> Result<HashMap<String, Stance>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT pl.person_id, pl.stance FROM placements pl
           JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Stance>(1)?)))?;
    let mut best: HashMap<String, Stance> = HashMap::new();
    for row in rows {
        let (person, stance) = row?;
        let entry = best.entry(person).or_insert(stance);
        if stance_cost(Some(stance)) < stance_cost(Some(*entry)) {
            *entry = stance;
        }
    }
    Ok(best)
}

/// The best ways to be introduced to `target`.
pub fn intro_paths(db: &Database, target: &str) -> Result<Vec<Path>> {
    crate::people::get(db, target)?;
    // Read once for a run of asks: the whole graph takes most of an ask's time.
    let g = db.derived(load)?;
    Ok(g.graph.paths_to(target, PATHS))
}

/// A person (or the user, with `me` set) as the network view draws them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphNode {
    pub id: String,
    pub name: String,
    pub role: String,
    pub department: String,
    /// Their level relative to the user, as the profile has it ('' when not set).
    pub level: String,
    /// On the chosen map; without one, their stance on the map they were last placed on.
    pub stance: Option<Stance>,
    /// Power in [0, 1] on the chosen map; without one, the highest on any live map.
    pub power: Option<f64>,
    pub me: bool,
    /// Where the view first draws them, once [`super::layout::place`] has laid the graph out.
    pub x: f64,
    pub y: f64,
}

/// A line of the network view. `from` is "me" for the user; `kind` is a [`LinkKind`], or
/// "met" for someone the user logged an interaction with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphLink {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub strength: Strength,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub links: Vec<GraphLink>,
    /// Everyone the view would draw without a limit (the user aside): more than `nodes` holds
    /// when the network is too large to draw whole and only the nearest are in it.
    pub people: usize,
}

/// The id of the user's own node in a [`Graph`].
pub const ME: &str = "me";

/// Who connects to whom, for the network view: the user, their current people (only those on
/// `map_id` when given; the [`SHOWN_AT_MOST`] nearest when there are more) and the links among
/// them.
pub fn graph(db: &Database, map_id: Option<&str>) -> Result<Graph> {
    graph_of_at_most(db, map_id, SHOWN_AT_MOST, None)
}

/// [`graph`], with `focus` and the people on the user's ways in to them always drawn (in place
/// of the farthest of the nearest): for the view asked to show the way in to someone who may
/// not be among the nearest.
pub fn graph_around(db: &Database, map_id: Option<&str>, focus: &str) -> Result<Graph> {
    graph_of_at_most(db, map_id, SHOWN_AT_MOST, Some(focus))
}

/// [`graph`], with at most `at_most` people besides the user: `focus` with the people on the
/// ways in to them, then those [`nearest`] the user.
pub fn graph_of_at_most(
    db: &Database,
    map_id: Option<&str>,
    at_most: usize,
    focus: Option<&str>,
) -> Result<Graph> {
    if let Some(map) = map_id {
        crate::maps::get(db, map)?;
    }
    let mut nodes = vec![GraphNode {
        id: ME.into(),
        name: "You".into(),
        role: String::new(),
        department: String::new(),
        level: String::new(),
        stance: None,
        power: None,
        me: true,
        x: 0.0,
        y: 0.0,
    }];
    // With a map: its placements. Without: the latest stance and the highest power on any
    // live map (a window over placements, newest update first).
    let mut stmt = db.conn().prepare_cached(
        "WITH placed AS (
             SELECT pl.person_id, pl.stance, pl.power,
                    row_number() OVER (PARTITION BY pl.person_id ORDER BY pl.updated_at DESC) AS newest,
                    max(pl.power) OVER (PARTITION BY pl.person_id) AS top_power
               FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL
                AND (?1 IS NOT NULL OR m.archived_at IS NULL)
              WHERE ?1 IS NULL OR pl.map_id = ?1)
         SELECT p.id, p.name, p.role, p.department, coalesce(pr.level, ''), pl.stance,
                CASE WHEN ?1 IS NULL THEN pl.top_power ELSE pl.power END
           FROM people p
           LEFT JOIN profiles pr ON pr.person_id = p.id
           LEFT JOIN placed pl ON pl.person_id = p.id AND pl.newest = 1
          WHERE p.deleted_at IS NULL AND p.left_at IS NULL
            AND (?1 IS NULL OR pl.person_id IS NOT NULL)
          ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let rows = stmt.query_map([map_id], |r| {
        Ok(GraphNode {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
            department: r.get(3)?,
            level: r.get(4)?,
            stance: r.get(5)?,
            power: r.get(6)?,
            me: false,
            x: 0.0,
            y: 0.0,
        })
    })?;
    for row in rows {
        nodes.push(row?);
    }
    let people = nodes.len() - 1;
    let mut links = drawn_links(db, &nodes)?;
    if people > at_most {
        let first = match focus {
            Some(person) => on_the_way_to(db, person)?,
            None => Vec::new(),
        };
        let chosen = nearest(db, &nodes, &links, &first, at_most)?;
        nodes.retain(|n| n.me || chosen.contains(&n.id));
        let shown: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        links.retain(|l| shown.contains(l.from.as_str()) && shown.contains(l.to.as_str()));
    }
    let present: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let linked_to_me: HashSet<&str> = links
        .iter()
        .filter(|l| l.from == ME)
        .map(|l| l.to.as_str())
        .collect();
    let mut met_links = Vec::new();
    let mut stmt = db.conn().prepare_cached(MET)?;
    let met = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for person in met {
        let person = person?;
        if present.contains(person.as_str()) && !linked_to_me.contains(person.as_str()) {
            met_links.push(GraphLink {
                id: format!("met:{person}"),
                from: ME.into(),
                to: person,
                kind: "met".into(),
                strength: Strength::Weak,
            });
        }
    }
    links.extend(met_links);
    Ok(Graph {
        nodes,
        links,
        people,
    })
}

/// The links the user drew between the people of `nodes` (the user's own node included).
fn drawn_links(db: &Database, nodes: &[GraphNode]) -> Result<Vec<GraphLink>> {
    let present: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let mut links = Vec::new();
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, coalesce(from_id, 'me'), to_id, kind, strength
           FROM links INDEXED BY links_graph WHERE deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(GraphLink {
            id: r.get(0)?,
            from: r.get(1)?,
            to: r.get(2)?,
            kind: r.get(3)?,
            strength: r.get(4)?,
        })
    })?;
    for row in rows {
        let link = row?;
        if present.contains(link.from.as_str()) && present.contains(link.to.as_str()) {
            links.push(link);
        }
    }
    Ok(links)
}
