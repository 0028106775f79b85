//! Where the network view first draws each person: a force layout run to rest here, so the view
//! opens on a still picture instead of ticking one into place in the page.
//!
//! The forces are those the view keeps running while a person is dragged about (d3-force in
//! ui/views/network-motion.js), with the same settings, so a drag moves the picture as it was
//! laid out: links pull their ends to a length set by their strength, everyone repels everyone
//! (Barnes–Hut over a quadtree), the picture is kept centred, and circles do not overlap. It
//! cools from a start on a sunflower spiral, in the order the people come, to rest in
//! [`SETTLE_TICKS`] steps. Everything is deterministic: the same network gives the same picture.

use super::graph::Graph;
use super::links::Strength;
use quadtree::QuadTree;

mod quadtree;
#[cfg(test)]
mod tests;

/// Steps from a cold start to rest, as in the view (`SETTLE_TICKS` there).
pub const SETTLE_TICKS: u32 = 120;

const ALPHA_MIN: f64 = 0.001;
/// What is left of a velocity after each step (d3's velocityDecay of 0.4).
const VELOCITY_KEPT: f64 = 0.6;
const CHARGE: f64 = -140.0;
const CHARGE_DISTANCE_MAX: f64 = 600.0;
/// Barnes–Hut's criterion: a cell this many times further away than it is wide counts as one body.
const THETA: f64 = 1.2;
/// Room kept between two circles.
const COLLIDE_PADDING: f64 = 3.0;

/// The radius of the user's own circle and the range of the others', by power (the view's
/// `nodeRadius`).
const ME_RADIUS: f64 = 16.0;
const MIN_RADIUS: f64 = 5.0;
const MAX_RADIUS: f64 = 13.0;

/// A link's length at rest, by its strength (the view's `linkDistance`).
fn distance(strength: Strength) -> f64 {
    match strength {
        Strength::Strong => 40.0,
        Strength::Medium => 60.0,
        Strength::Weak => 90.0,
    }
}

/// A person's circle radius: the user's is fixed; others grow with power in [0, 1].
pub fn radius(me: bool, power: Option<f64>) -> f64 {
    if me {
        return ME_RADIUS;
    }
    let power = power
        .filter(|p| p.is_finite())
        .unwrap_or(0.0)
        .clamp(0.0, 1.0);
    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * power
}

/// Lays `graph` out: sets every node's `x` and `y`.
pub fn place(graph: &mut Graph) {
    let index: std::collections::HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let links: Vec<Spring> = graph
        .links
        .iter()
        .filter_map(|l| {
            let from = *index.get(l.from.as_str())?;
            let to = *index.get(l.to.as_str())?;
            (from != to).then(|| Spring {
                from,
                to,
                length: distance(l.strength),
            })
        })
        .collect();
    let radii: Vec<f64> = graph.nodes.iter().map(|n| radius(n.me, n.power)).collect();
    let at = lay_out(&radii, &links);
    for (node, p) in graph.nodes.iter_mut().zip(at) {
        node.x = p.x;
        node.y = p.y;
    }
}

/// A link between two bodies, by their indices, and its length at rest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spring {
    pub from: usize,
    pub to: usize,
    pub length: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Positions at rest for bodies of `radii` joined by `springs` (indices into `radii`).
pub fn lay_out(radii: &[f64], springs: &[Spring]) -> Vec<Point> {
    let mut sim = Simulation::new(radii, springs);
    for _ in 0..SETTLE_TICKS {
        sim.tick();
    }
    sim.pos
}

/// Tiny random nudges, to part bodies that sit exactly on top of each other (d3's, from the same
/// linear congruential generator).
struct Jiggle(u64);

impl Jiggle {
    fn jiggle(&mut self) -> f64 {
        self.0 = (1_664_525 * self.0 + 1_013_904_223) % 4_294_967_296;
        (self.0 as f64 / 4_294_967_296.0 - 0.5) * 1e-6
    }

    /// The offset (`x`, `y`) with a nudge where it is nothing, and its length squared.
    fn apart(&mut self, x: f64, y: f64) -> (f64, f64, f64) {
        let x = if x == 0.0 { self.jiggle() } else { x };
        let y = if y == 0.0 { self.jiggle() } else { y };
        (x, y, x * x + y * y)
    }
}

struct Simulation<'a> {
    radii: &'a [f64],
    springs: Vec<Spring>,
    /// Per spring: its pull, and how much of it moves the `to` end.
    pull: Vec<(f64, f64)>,
    pos: Vec<Point>,
    vel: Vec<Point>,
    alpha: f64,
    alpha_decay: f64,
    random: Jiggle,
    tree: QuadTree,
}

impl<'a> Simulation<'a> {
    fn new(radii: &'a [f64], springs: &[Spring]) -> Self {
        let n = radii.len();
        let springs: Vec<Spring> = springs
            .iter()
            .copied()
            .filter(|s| s.from < n && s.to < n && s.from != s.to && s.length.is_finite())
            .collect();
        let mut degree = vec![0u32; n];
        for s in &springs {
            degree[s.from] += 1;
            degree[s.to] += 1;
        }
        let pull = springs
            .iter()
            .map(|s| {
                let (a, b) = (f64::from(degree[s.from]), f64::from(degree[s.to]));
                (1.0 / a.min(b), a / (a + b))
            })
            .collect();
        // A sunflower spiral, as d3 starts nodes without a place.
        let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
        let pos = (0..n)
            .map(|i| {
                let r = 10.0 * (0.5 + i as f64).sqrt();
                let a = i as f64 * golden;
                Point {
                    x: r * a.cos(),
                    y: r * a.sin(),
                }
            })
            .collect();
        Simulation {
            radii,
            springs,
            pull,
            pos,
            vel: vec![Point::default(); n],
            alpha: 1.0,
            alpha_decay: 1.0 - ALPHA_MIN.powf(1.0 / f64::from(SETTLE_TICKS)),
            random: Jiggle(1),
            tree: QuadTree::default(),
        }
    }

    fn tick(&mut self) {
        self.alpha -= self.alpha * self.alpha_decay;
        self.springs_pull();
        self.bodies_repel();
        self.centre();
        self.circles_part();
        for (p, v) in self.pos.iter_mut().zip(self.vel.iter_mut()) {
            v.x *= VELOCITY_KEPT;
            v.y *= VELOCITY_KEPT;
            p.x += v.x;
            p.y += v.y;
        }
    }

    fn springs_pull(&mut self) {
        for i in 0..self.springs.len() {
            let Spring { from, to, length } = self.springs[i];
            let (strength, bias) = self.pull[i];
            let (s, t) = (self.pos[from], self.pos[to]);
            let (sv, tv) = (self.vel[from], self.vel[to]);
            let (x, y, l) = self
                .random
                .apart(t.x + tv.x - s.x - sv.x, t.y + tv.y - s.y - sv.y);
            let l = l.sqrt();
            let k = (l - length) / l * self.alpha * strength;
            let (x, y) = (x * k, y * k);
            self.vel[to].x -= x * bias;
            self.vel[to].y -= y * bias;
            self.vel[from].x += x * (1.0 - bias);
            self.vel[from].y += y * (1.0 - bias);
        }
    }

    fn bodies_repel(&mut self) {
        let points: Vec<Point> = self.pos.clone();
        self.tree.build(&points);
        self.tree.sum_charge(&points, CHARGE);
        let max2 = CHARGE_DISTANCE_MAX * CHARGE_DISTANCE_MAX;
        let theta2 = THETA * THETA;
        let mut stack = Vec::new();
        for i in 0..points.len() {
            let me = points[i];
            let mut push = Point::default();
            stack.clear();
            stack.push(0usize);
            while let Some(c) = stack.pop() {
                let cell = &self.tree.cells[c];
                if cell.charge == 0.0 {
                    continue;
                }
                let (x, y) = (cell.centre.x - me.x, cell.centre.y - me.y);
                let l = x * x + y * y;
                let width = cell.width;
                if width * width / theta2 < l {
                    // Far enough to count as one body.
                    if l < max2 {
                        let (x, y, mut l) = self.random.apart(x, y);
                        if l < 1.0 {
                            l = l.sqrt();
                        }
                        let w = cell.charge * self.alpha / l;
                        push.x += x * w;
                        push.y += y * w;
                    }
                    continue;
                }
                if let Some(children) = cell.children {
                    stack.extend(children.iter().filter_map(|&ch| ch));
                    continue;
                }
                if l >= max2 {
                    continue;
                }
                // A leaf close by: each of its bodies but this one pushes.
                let (start, end) = cell.bodies;
                for k in start..end {
                    let j = self.tree.order[k];
                    if j == i {
                        continue;
                    }
                    let (x, y, mut l) = self.random.apart(points[j].x - me.x, points[j].y - me.y);
                    if l < 1.0 {
                        l = l.sqrt();
                    }
                    let w = CHARGE * self.alpha / l;
                    push.x += x * w;
                    push.y += y * w;
                }
            }
            self.vel[i].x += push.x;
            self.vel[i].y += push.y;
        }
    }

    fn centre(&mut self) {
        let n = self.pos.len();
        if n == 0 {
            return;
        }
        let (sx, sy) = self
            .pos
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
        let (dx, dy) = (sx / n as f64, sy / n as f64);
        for p in &mut self.pos {
            p.x -= dx;
            p.y -= dy;
        }
    }

    fn circles_part(&mut self) {
        // Where each body is about to be.
        let next: Vec<Point> = self
            .pos
            .iter()
            .zip(&self.vel)
            .map(|(p, v)| Point {
                x: p.x + v.x,
                y: p.y + v.y,
            })
            .collect();
        self.tree.build(&next);
        let radii: Vec<f64> = self.radii.iter().map(|r| r + COLLIDE_PADDING).collect();
        self.tree.sum_radius(&radii);
        let mut stack = Vec::new();
        for i in 0..next.len() {
            let ri = radii[i];
            let ri2 = ri * ri;
            let me = next[i];
            stack.clear();
            stack.push(0usize);
            while let Some(c) = stack.pop() {
                let cell = &self.tree.cells[c];
                let reach = ri + cell.radius;
                if cell.min.x > me.x + reach
                    || cell.min.x + cell.width < me.x - reach
                    || cell.min.y > me.y + reach
                    || cell.min.y + cell.width < me.y - reach
                {
                    continue;
                }
                if let Some(children) = cell.children {
                    stack.extend(children.iter().filter_map(|&ch| ch));
                    continue;
                }
                let (start, end) = cell.bodies;
                for k in start..end {
                    let j = self.tree.order[k];
                    // Each pair once, from its lower index.
                    if j <= i {
                        continue;
                    }
                    let rj = radii[j];
                    let r = ri + rj;
                    let (x, y) = (
                        me.x - self.pos[j].x - self.vel[j].x,
                        me.y - self.pos[j].y - self.vel[j].y,
                    );
                    if x * x + y * y >= r * r {
                        continue;
                    }
                    let (x, y, l) = self.random.apart(x, y);
                    let d = l.sqrt();
                    let k = (r - d) / d;
                    let (x, y) = (x * k, y * k);
                    let share = rj * rj / (ri2 + rj * rj);
                    self.vel[i].x += x * share;
                    self.vel[i].y += y * share;
                    self.vel[j].x -= x * (1.0 - share);
                    self.vel[j].y -= y * (1.0 - share);
                }
            }
        }
    }
}
