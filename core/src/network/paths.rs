//! Intro paths, pure: the cheapest ways from the user to someone through people, never across a
//! conflict, preferring strong links and supporters; and the first step towards everyone.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;

use super::links::{LinkKind, Strength};
use crate::maps::Stance;

/// How many paths to offer, each through a different first person.
pub const PATHS: usize = 3;

/// The cost of asking someone for an introduction, by where they stand with the user.
pub(super) fn stance_cost(stance: Option<Stance>) -> f64 {
    match stance {
        Some(Stance::Champion) => 0.0,
        Some(Stance::Supporter) => 0.5,
        Some(Stance::Neutral) | Some(Stance::Unknown) | None => 1.0,
        Some(Stance::Skeptic) => 3.0,
        Some(Stance::Blocker) => 8.0,
    }
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
pub(super) struct Queued(f64, usize);

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
pub(super) struct Indexed<K> {
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
