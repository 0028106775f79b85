//! Who connects to whom, and the best ways to be introduced to someone.
//!
//! Links are typed (reports to, influences, close with, in conflict with, introduced me to)
//! with a strength; "me" is the user, one end of the links they draw to people, and also
//! linked to everyone they logged an interaction with. Intro paths go from me to a target
//! through people, never across a conflict, preferring strong links and people who support the
//! user; [`graph_paths`] is the pure part, tested on its own.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

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

/// A node of the graph: the user, or a person.
pub type Node = Option<String>;

/// An undirected edge a path may use.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: Node,
    pub b: Node,
    pub strength: Strength,
    pub kind: LinkKind,
}

/// One step of a path: to this person, along a link of this strength and kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub person_id: String,
    pub strength: Strength,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    pub steps: Vec<Step>,
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

/// The best paths from the user to `target`, each through a different first person, cheapest
/// first. A step costs its link's strength plus, for the people asked along the way, their
/// stance; conflicts are never crossed. Pure: the graph is given.
pub fn graph_paths(
    edges: &[Edge],
    stances: &HashMap<String, Stance>,
    target: &str,
    limit: usize,
) -> Vec<Path> {
    // Index the nodes; 0 is the user.
    let mut index: HashMap<Node, usize> = HashMap::from([(None, 0)]);
    let mut nodes: Vec<Node> = vec![None];
    let mut adjacent: Vec<Vec<(usize, Strength, LinkKind)>> = vec![Vec::new()];
    let mut id_of = |node: &Node, nodes: &mut Vec<Node>, adjacent: &mut Vec<Vec<_>>| {
        *index.entry(node.clone()).or_insert_with(|| {
            nodes.push(node.clone());
            adjacent.push(Vec::new());
            nodes.len() - 1
        })
    };
    for e in edges.iter().filter(|e| e.kind != LinkKind::InConflictWith) {
        let a = id_of(&e.a, &mut nodes, &mut adjacent);
        let b = id_of(&e.b, &mut nodes, &mut adjacent);
        if a != b {
            adjacent[a].push((b, e.strength, e.kind));
            adjacent[b].push((a, e.strength, e.kind));
        }
    }
    let Some(&goal) = index.get(&Some(target.to_owned())) else {
        return Vec::new();
    };
    let ask = |n: usize| -> f64 {
        nodes[n]
            .as_ref()
            .map_or(0.0, |id| stance_cost(stances.get(id).copied()))
    };
    // Cheapest way from every node to the target, never through the user.
    let mut cost = vec![f64::INFINITY; nodes.len()];
    let mut next: Vec<Option<(usize, Strength, LinkKind)>> = vec![None; nodes.len()];
    let mut heap = BinaryHeap::from([Queued(0.0, goal)]);
    cost[goal] = 0.0;
    while let Some(Queued(c, n)) = heap.pop() {
        if c > cost[n] {
            continue;
        }
        for &(m, strength, kind) in &adjacent[n] {
            if m == 0 {
                continue;
            }
            // Going m → n asks m (the target itself is not asked for an introduction).
            let through = c + strength.cost() + ask(m);
            if through < cost[m] {
                cost[m] = through;
                next[m] = Some((n, strength, kind));
                heap.push(Queued(through, m));
            }
        }
    }
    let mut paths: Vec<Path> = adjacent[0]
        .iter()
        .filter(|(first, _, _)| cost[*first].is_finite())
        .map(|&(first, strength, kind)| {
            let mut steps = vec![Step {
                person_id: nodes[first].clone().unwrap_or_default(),
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
                    person_id: nodes[n].clone().unwrap_or_default(),
                    strength,
                    kind,
                });
                at = n;
            }
            Path {
                steps,
                cost: strength.cost() + cost[first],
            }
        })
        .collect();
    paths.sort_by(|a, b| {
        a.cost
            .total_cmp(&b.cost)
            .then_with(|| a.steps.len().cmp(&b.steps.len()))
            .then_with(|| a.steps[0].person_id.cmp(&b.steps[0].person_id))
    });
    // One path per first person: the cheapest.
    let mut firsts = HashSet::new();
    paths.retain(|p| firsts.insert(p.steps[0].person_id.clone()));
    paths.truncate(limit);
    paths
}

/// The user's graph from the database: drawn links, plus a medium link to everyone the user
/// logged an interaction with. Former colleagues and deleted people are left out.
fn edges(db: &Database) -> Result<Vec<Edge>> {
    let mut out = Vec::new();
    let mut stmt = db.conn().prepare_cached(
        "SELECT l.from_id, l.to_id, l.strength, l.kind FROM links l
           JOIN people t ON t.id = l.to_id AND t.deleted_at IS NULL AND t.left_at IS NULL
           LEFT JOIN people f ON f.id = l.from_id
          WHERE l.deleted_at IS NULL
            AND (l.from_id IS NULL OR (f.deleted_at IS NULL AND f.left_at IS NULL))",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Edge {
            a: r.get(0)?,
            b: Some(r.get(1)?),
            strength: r.get(2)?,
            kind: r.get(3)?,
        })
    })?;
    for row in rows {
        out.push(row?);
    }
    let mut stmt = db.conn().prepare_cached(
        "SELECT DISTINCT ip.person_id FROM interaction_people ip
           JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
           JOIN people p ON p.id = ip.person_id AND p.deleted_at IS NULL AND p.left_at IS NULL",
    )?;
    let met = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for person in met {
        out.push(Edge {
            a: None,
            b: Some(person?),
            strength: Strength::Medium,
            kind: LinkKind::CloseWith,
        });
    }
    Ok(out)
}

/// The strongest stance each person has on the user's live maps.
fn stances(db: &Database) -> Result<HashMap<String, Stance>> {
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
    Ok(graph_paths(&edges(db)?, &stances(db)?, target, PATHS))
}
