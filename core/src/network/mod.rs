//! Who connects to whom, and the best ways to be introduced to someone.
//!
//! Links are typed (reports to, influences, close with, in conflict with, introduced me to)
//! with a strength; "me" is the user, one end of the links they draw to people, and also
//! linked to everyone they logged an interaction with. Intro paths go from me to a target
//! through people, never across a conflict, preferring strong links and people who support the
//! user; [`graph_paths`] is the pure part, tested on its own.

pub mod groups;
pub mod insights;
pub mod tour;

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::hash::Hash;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::check_length;
use crate::maps::Stance;
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_NOTE: usize = 10_000;
/// How many paths to offer, each through a different first person.
pub const PATHS: usize = 3;

text_enum! {
    LinkKind {
        ReportsTo = "reports_to",
        Influences = "influences",
        CloseWith = "close_with",
        InConflictWith = "in_conflict_with",
        IntroducedMeTo = "introduced_me_to",
    }
}

text_enum! {
    Strength {
        Weak = "weak",
        Medium = "medium",
        Strong = "strong",
    }
}

impl Strength {
    /// The cost of going along a link: a strong one is the easiest ask.
    fn cost(self) -> f64 {
        match self {
            Strength::Strong => 1.0,
            Strength::Medium => 2.0,
            Strength::Weak => 4.0,
        }
    }
}

/// The cost of asking someone for an introduction, by where they stand with the user.
fn stance_cost(stance: Option<Stance>) -> f64 {
    match stance {
        Some(Stance::Champion) => 0.0,
        Some(Stance::Supporter) => 0.5,
        Some(Stance::Neutral) | Some(Stance::Unknown) | None => 1.0,
        Some(Stance::Skeptic) => 3.0,
        Some(Stance::Blocker) => 8.0,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInput {
    /// None: the user.
    #[serde(default)]
    pub from_id: Option<String>,
    pub to_id: String,
    pub kind: LinkKind,
    #[serde(default = "medium")]
    pub strength: Strength,
    #[serde(default)]
    pub note: String,
}

fn medium() -> Strength {
    Strength::Medium
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub from_id: Option<String>,
    pub from_name: Option<String>,
    pub to_id: String,
    pub to_name: String,
    pub kind: LinkKind,
    pub strength: Strength,
    pub note: String,
}

pub fn add_link(db: &mut Database, input: &LinkInput, now: DateTime<Utc>) -> Result<Link> {
    check_length("note", "Note", &input.note, MAX_NOTE)?;
    let from = input.from_id.as_deref().filter(|f| !f.is_empty());
    if from == Some(input.to_id.as_str()) {
        return Err(Error::Invalid {
            code: "links.self",
            field: "to_id",
            message: "A link joins two different people.".into(),
        });
    }
    crate::people::get(db, &input.to_id)?;
    if let Some(from) = from {
        crate::people::get(db, from)?;
    }
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO links (id, from_id, to_id, kind, strength, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                id,
                from,
                input.to_id,
                input.kind,
                input.strength,
                input.note,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    links_of(db, &input.to_id)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or(Error::PersonNotFound {
            id: input.to_id.clone(),
        })
}

/// A person's links, either way, by the other person's name.
pub fn links_of(db: &Database, person_id: &str) -> Result<Vec<Link>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT l.id, l.from_id, f.name, l.to_id, t.name, l.kind, l.strength, l.note
           FROM links l JOIN people t ON t.id = l.to_id AND t.deleted_at IS NULL
           LEFT JOIN people f ON f.id = l.from_id
          WHERE l.deleted_at IS NULL AND (l.from_id = ?1 OR l.to_id = ?1)
            AND (l.from_id IS NULL OR f.deleted_at IS NULL)
          ORDER BY l.created_at, l.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Link {
            id: r.get(0)?,
            from_id: r.get(1)?,
            from_name: r.get(2)?,
            to_id: r.get(3)?,
            to_name: r.get(4)?,
            kind: r.get(5)?,
            strength: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_link(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "links", id, now)
}

pub fn restore_link(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "links", id)
}

/// An undirected edge a path may use, between people keyed by `K` (their id, or a row number
/// while computing); `None` is the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge<K = String> {
    pub a: Option<K>,
    pub b: Option<K>,
    pub strength: Strength,
    pub kind: LinkKind,
}

/// One step of a path: to this person, along a link of this strength and kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step<K = String> {
    pub person_id: K,
    pub strength: Strength,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path<K = String> {
    pub steps: Vec<Step<K>>,
    pub cost: f64,
}

#[derive(PartialEq)]
struct Queued(f64, usize);

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        // A min-heap on cost, then on index for a stable order.
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The graph indexed for searching: node 0 is the user; conflicts are left out.
struct Indexed<K> {
    index: HashMap<K, usize>,
    nodes: Vec<Option<K>>,
    adjacent: Vec<Vec<(usize, Strength, LinkKind)>>,
    ask: Vec<f64>,
}

impl<K: Clone + Eq + Hash> Indexed<K> {
    fn new(edges: &[Edge<K>], stances: &HashMap<K, Stance>) -> Self {
        let mut g = Indexed {
            index: HashMap::new(),
            nodes: vec![None],
            adjacent: vec![Vec::new()],
            ask: vec![0.0],
        };
        for e in edges.iter().filter(|e| e.kind != LinkKind::InConflictWith) {
            let a = g.id_of(&e.a, stances);
            let b = g.id_of(&e.b, stances);
            if a != b {
                g.adjacent[a].push((b, e.strength, e.kind));
                g.adjacent[b].push((a, e.strength, e.kind));
            }
        }
        g
    }

    fn id_of(&mut self, node: &Option<K>, stances: &HashMap<K, Stance>) -> usize {
        let Some(key) = node else { return 0 };
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        self.nodes.push(Some(key.clone()));
        self.adjacent.push(Vec::new());
        self.ask.push(stance_cost(stances.get(key).copied()));
        self.index.insert(key.clone(), self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn key(&self, n: usize) -> Option<K> {
        self.nodes[n].clone()
    }
}

/// The best paths from the user to `target`, each through a different first person, cheapest
/// first. A step costs its link's strength plus, for the people asked along the way, their
/// stance; conflicts are never crossed. Pure: the graph is given.
pub fn graph_paths<K, Q>(
    edges: &[Edge<K>],
    stances: &HashMap<K, Stance>,
    target: &Q,
    limit: usize,
) -> Vec<Path<K>>
where
    K: Clone + Eq + Hash + std::borrow::Borrow<Q>,
    Q: Eq + Hash + ?Sized,
{
    let g = Indexed::new(edges, stances);
    let Some(&goal) = g.index.get(target) else {
        return Vec::new();
    };
    // Cheapest way from every node to the target, never through the user.
    let mut cost = vec![f64::INFINITY; g.nodes.len()];
    let mut next: Vec<Option<(usize, Strength, LinkKind)>> = vec![None; g.nodes.len()];
    let mut heap = BinaryHeap::from([Queued(0.0, goal)]);
    cost[goal] = 0.0;
    while let Some(Queued(c, n)) = heap.pop() {
        if c > cost[n] {
            continue;
        }
        for &(m, strength, kind) in &g.adjacent[n] {
            if m == 0 {
                continue;
            }
            // Going m → n asks m (the target itself is not asked for an introduction).
            let through = c + strength.cost() + g.ask[m];
            if through < cost[m] {
                cost[m] = through;
                next[m] = Some((n, strength, kind));
                heap.push(Queued(through, m));
            }
        }
    }
    let mut paths: Vec<(usize, Path<K>)> = g.adjacent[0]
        .iter()
        .filter(|(first, _, _)| cost[*first].is_finite())
        .filter_map(|&(first, strength, kind)| {
            let mut steps = vec![Step {
                person_id: g.key(first)?,
                strength,
                kind,
            }];
            let mut at = first;
            let mut seen = HashSet::from([first]);
            while let Some((n, strength, kind)) = next[at] {
                if !seen.insert(n) {
                    break;
                }
                steps.push(Step {
                    person_id: g.key(n)?,
                    strength,
                    kind,
                });
                at = n;
            }
            let cost = strength.cost() + cost[first];
            Some((first, Path { steps, cost }))
        })
        .collect();
    paths.sort_by(|(a_first, a), (b_first, b)| {
        a.cost
            .total_cmp(&b.cost)
            .then_with(|| a.steps.len().cmp(&b.steps.len()))
            .then_with(|| a_first.cmp(b_first))
    });
    // One path per first person: the cheapest.
    let mut firsts = HashSet::new();
    paths.retain(|(first, _)| firsts.insert(*first));
    paths.truncate(limit);
    paths.into_iter().map(|(_, p)| p).collect()
}

/// For everyone the user can reach, the first person on the cheapest way in (the target
/// themselves when the user knows them), by the same costs as [`graph_paths`], in one search.
pub fn first_steps<K: Clone + Eq + Hash>(
    edges: &[Edge<K>],
    stances: &HashMap<K, Stance>,
) -> HashMap<K, K> {
    let g = Indexed::new(edges, stances);
    let mut cost = vec![f64::INFINITY; g.nodes.len()];
    let mut first: Vec<usize> = vec![0; g.nodes.len()];
    let mut heap = BinaryHeap::from([Queued(0.0, 0)]);
    cost[0] = 0.0;
    while let Some(Queued(c, n)) = heap.pop() {
        if c > cost[n] {
            continue;
        }
        for &(m, strength, _) in &g.adjacent[n] {
            if m == 0 {
                continue;
            }
            // Going n → m asks n, unless n is the user.
            let through = c + strength.cost() + g.ask[n];
            if through < cost[m] {
                cost[m] = through;
                first[m] = if n == 0 { m } else { first[n] };
                heap.push(Queued(through, m));
            }
        }
    }
    (1..g.nodes.len())
        .filter(|&n| cost[n].is_finite())
        .filter_map(|n| Some((g.key(n)?, g.key(first[n])?)))
        .collect()
}

/// The user's graph as read from the database, with people numbered as they are met (numbers
/// are cheaper to hash and compare than ids): drawn links, plus a medium link to everyone the
/// user logged an interaction with, and each person's strongest stance. Former colleagues and
/// deleted people are left out.
pub(crate) struct Loaded {
    pub edges: Vec<Edge<u32>>,
    pub stances: HashMap<u32, Stance>,
    ids: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Loaded {
    /// A person's number, if they are in the graph.
    pub fn number(&self, id: &str) -> Option<u32> {
        self.numbers.get(id).copied()
    }

    pub fn id(&self, number: u32) -> &str {
        self.ids.get(number as usize).map_or("", String::as_str)
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.numbers.get(id) {
            return n;
        }
        let n = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id.to_owned());
        self.numbers.insert(id.to_owned(), n);
        n
    }
}

/// A text column read in place, without copying it.
fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn load(db: &Database) -> Result<Loaded> {
    let mut gone: HashSet<String> = HashSet::new();
    let mut stmt = db.conn().prepare_cached(
        "SELECT id FROM people WHERE deleted_at IS NOT NULL OR left_at IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        gone.insert(row?);
    }
    let mut g = Loaded {
        edges: Vec::new(),
        stances: HashMap::new(),
        ids: Vec::new(),
        numbers: HashMap::new(),
    };
    // One pass over the links' covering index (migration 0015), reading ids in place. The
    // planner would pick the smaller links_to index and then read every row of the table.
    let mut stmt = db.conn().prepare_cached(
        "SELECT from_id, to_id, strength, kind FROM links INDEXED BY links_graph
          WHERE deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let from = text(r, 0)?;
        let Some(to) = text(r, 1)? else { continue };
        if gone.contains(to) || from.is_some_and(|f| gone.contains(f)) {
            continue;
        }
        let a = from.map(|f| g.intern(f));
        let b = Some(g.intern(to));
        g.edges.push(Edge {
            a,
            b,
            strength: r.get(2)?,
            kind: r.get(3)?,
        });
    }
    let mut stmt = db.conn().prepare_cached(
        "SELECT DISTINCT ip.person_id FROM interaction_people ip
           JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(person) = text(r, 0)? else { continue };
        if gone.contains(person) {
            continue;
        }
        let b = Some(g.intern(person));
        g.edges.push(Edge {
            a: None,
            b,
            strength: Strength::Medium,
            kind: LinkKind::CloseWith,
        });
    }
    for (id, stance) in stances(db)? {
        if let Some(n) = g.number(&id) {
            g.stances.insert(n, stance);
        }
    }
    Ok(g)
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
    let g = load(db)?;
    let Some(goal) = g.number(target) else {
        return Ok(Vec::new());
    };
    Ok(graph_paths(&g.edges, &g.stances, &goal, PATHS)
        .into_iter()
        .map(|p| Path {
            cost: p.cost,
            steps: p
                .steps
                .into_iter()
                .map(|s| Step {
                    person_id: g.id(s.person_id).to_owned(),
                    strength: s.strength,
                    kind: s.kind,
                })
                .collect(),
        })
        .collect())
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
}

/// The id of the user's own node in a [`Graph`].
pub const ME: &str = "me";

/// Who connects to whom, for the network view: the user, their current people (only those on
/// `map_id` when given) and the links among them.
pub fn graph(db: &Database, map_id: Option<&str>) -> Result<Graph> {
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
        })
    })?;
    for row in rows {
        nodes.push(row?);
    }
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
    let mut linked_to_me = HashSet::new();
    for row in rows {
        let link = row?;
        if present.contains(link.from.as_str()) && present.contains(link.to.as_str()) {
            if link.from == ME {
                linked_to_me.insert(link.to.clone());
            }
            links.push(link);
        }
    }
    let mut stmt = db.conn().prepare_cached(
        "SELECT DISTINCT ip.person_id FROM interaction_people ip
           JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
          ORDER BY ip.person_id",
    )?;
    let met = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for person in met {
        let person = person?;
        if present.contains(person.as_str()) && !linked_to_me.contains(&person) {
            links.push(GraphLink {
                id: format!("met:{person}"),
                from: ME.into(),
                to: person,
                kind: "met".into(),
                strength: Strength::Weak,
            });
        }
    }
    Ok(Graph { nodes, links })
}
