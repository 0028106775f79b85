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

/// The graph indexed for searching: node 0 is the user; conflicts are left out. Built from a
/// list of edges ([`Indexed::new`]), or node by node and link by link as the database is read.
pub(crate) struct Indexed<K> {
    /// An id is hashed for each end of each link read: with foldhash (already built in, as
    /// hashbrown's hasher for rusqlite's statement cache) rather than the slower default, made
    /// to resist crafted keys; these keys are the user's own.
    index: foldhash::HashMap<K, usize>,
    nodes: Vec<Option<K>>,
    adjacent: Vec<Vec<(usize, Strength, LinkKind)>>,
    ask: Vec<f64>,
}

impl<K: Clone + Eq + Hash> Indexed<K> {
    /// The user alone.
    pub fn empty() -> Self {
        Indexed {
            index: foldhash::HashMap::default(),
            nodes: vec![None],
            adjacent: vec![Vec::new()],
            ask: vec![0.0],
        }
    }

    fn new(edges: &[Edge<K>], stances: &HashMap<K, Stance>) -> Self {
        let mut g = Self::empty();
        for e in edges {
            let a = e.a.as_ref().map_or(0, |k| g.node(k));
            let b = e.b.as_ref().map_or(0, |k| g.node(k));
            g.link(a, b, e.strength, e.kind);
        }
        for (key, &stance) in stances {
            if let Some(n) = g.find(key) {
                g.set_stance(n, stance);
            }
        }
        g
    }

    /// How many nodes there are, the user's included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node of `key`, added (with no link, asked as a neutral) if it is not there yet.
    pub fn node<Q>(&mut self, key: &Q) -> usize
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(&n) = self.index.get(key) {
            return n;
        }
        let n = self.nodes.len();
        self.nodes.push(Some(key.to_owned()));
        self.adjacent.push(Vec::new());
        self.ask.push(stance_cost(None));
        self.index.insert(key.to_owned(), n);
        n
    }

    /// The node of `key`, if it is in the graph.
    pub fn find<Q>(&self, key: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(key).copied()
    }

    /// Links `a` and `b` both ways; a conflict, or a node with itself, is not a way through.
    pub fn link(&mut self, a: usize, b: usize, strength: Strength, kind: LinkKind) {
        if kind == LinkKind::InConflictWith || a == b {
            return;
        }
        self.adjacent[a].push((b, strength, kind));
        self.adjacent[b].push((a, strength, kind));
    }

    /// Where this person stands with the user, which prices asking them.
    pub fn set_stance(&mut self, n: usize, stance: Stance) {
        self.ask[n] = stance_cost(Some(stance));
    }

    /// The key of node `n` (none for the user).
    pub fn key(&self, n: usize) -> Option<&K> {
        self.nodes.get(n)?.as_ref()
    }

    /// The best paths from the user to `target`, as [`graph_paths`] describes them.
    pub fn paths_to<Q>(&self, target: &Q, limit: usize) -> Vec<Path<K>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Some(goal) = self.find(target) else {
            return Vec::new();
        };
        let g = self;
        // Cheapest way from every node to the target, never through the user. Going m → n
        // asks m (the target itself is not asked for an introduction).
        let mut next: Vec<Option<(usize, Strength, LinkKind)>> = vec![None; g.nodes.len()];
        let cost = g.search(
            goal,
            |_, m| m,
            |n, m, strength, kind| {
                next[m] = Some((n, strength, kind));
            },
        );
        let mut paths: Vec<(usize, Path<K>)> = g.adjacent[0]
            .iter()
            .filter(|(first, _, _)| cost[*first].is_finite())
            .filter_map(|&(first, strength, kind)| {
                let mut steps = vec![Step {
                    person_id: g.key(first)?.clone(),
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
                        person_id: g.key(n)?.clone(),
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

    /// For each node the user can reach, the first node on the cheapest way in (the node
    /// itself when the user is linked to it), by the same costs as [`Indexed::paths_to`], in
    /// one search; `None` for the user and for those out of reach.
    pub fn first_steps(&self) -> Vec<Option<usize>> {
        // Going n → m asks n, unless n is the user.
        let mut first: Vec<Option<usize>> = vec![None; self.nodes.len()];
        self.search(
            0,
            |n, _| n,
            |n, m, _, _| {
                first[m] = if n == 0 { Some(m) } else { first[n] };
            },
        );
        first
    }

    /// Dijkstra from `start`, never back through the user: a step from n to m costs its link
    /// and asking `asked(n, m)` (the user asks nothing); `better(n, m, strength, kind)` hears
    /// each time m is reached more cheaply through n. The cheapest cost of every node.
    fn search(
        &self,
        start: usize,
        asked: impl Fn(usize, usize) -> usize,
        mut better: impl FnMut(usize, usize, Strength, LinkKind),
    ) -> Vec<f64> {
        let mut cost = vec![f64::INFINITY; self.nodes.len()];
        let mut heap = BinaryHeap::from([Queued(0.0, start)]);
        cost[start] = 0.0;
        while let Some(Queued(c, n)) = heap.pop() {
            if c > cost[n] {
                continue;
            }
            for &(m, strength, kind) in &self.adjacent[n] {
                if m == 0 {
                    continue;
                }
                let through = c + strength.cost() + self.ask[asked(n, m)];
                if through < cost[m] {
                    cost[m] = through;
                    better(n, m, strength, kind);
                    heap.push(Queued(through, m));
                }
            }
        }
        cost
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
    Indexed::new(edges, stances).paths_to(target, limit)
}

/// For everyone the user can reach, the first person on the cheapest way in (the target
/// themselves when the user knows them), by the same costs as [`graph_paths`], in one search.
pub fn first_steps<K: Clone + Eq + Hash>(
    edges: &[Edge<K>],
    stances: &HashMap<K, Stance>,
) -> HashMap<K, K> {
    let g = Indexed::new(edges, stances);
    g.first_steps()
        .into_iter()
        .enumerate()
        .filter_map(|(n, first)| Some((g.key(n)?.clone(), g.key(first?)?.clone())))
        .collect()
}
