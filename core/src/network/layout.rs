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
        self.tree.sum_charge(&points);
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

/// A square cell of the quadtree: four children, or a leaf holding `order[bodies.0..bodies.1]`.
#[derive(Debug, Clone)]
struct Cell {
    min: Point,
    width: f64,
    children: Option<[Option<usize>; 4]>,
    bodies: (usize, usize),
    /// The charge of everything inside, and where its centre lies.
    charge: f64,
    centre: Point,
    /// The largest circle inside.
    radius: f64,
}

/// A quadtree over points, rebuilt each step, its cells and the bodies' order kept between steps.
#[derive(Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    order: Vec<usize>,
}

/// Bodies closer together than this share a leaf.
const LEAF_WIDTH: f64 = 1e-6;

impl QuadTree {
    fn build(&mut self, points: &[Point]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..points.len());
        let (mut min, mut max) = (
            Point {
                x: f64::INFINITY,
                y: f64::INFINITY,
            },
            Point {
                x: f64::NEG_INFINITY,
                y: f64::NEG_INFINITY,
            },
        );
        for p in points {
            min.x = min.x.min(p.x);
            min.y = min.y.min(p.y);
            max.x = max.x.max(p.x);
            max.y = max.y.max(p.y);
        }
        if points.is_empty() || !(min.x.is_finite() && max.x.is_finite()) {
            min = Point::default();
            max = Point::default();
        }
        let width = (max.x - min.x).max(max.y - min.y).max(1.0);
        self.split(points, min, width, 0, points.len());
    }

    /// Makes the cell at `min` and `width` over `order[start..end]`; returns its index.
    fn split(
        &mut self,
        points: &[Point],
        min: Point,
        width: f64,
        start: usize,
        end: usize,
    ) -> usize {
        let at = self.cells.len();
        self.cells.push(Cell {
            min,
            width,
            children: None,
            bodies: (start, end),
            charge: 0.0,
            centre: Point::default(),
            radius: 0.0,
        });
        if end - start <= 1 || width <= LEAF_WIDTH {
            return at;
        }
        let mid = Point {
            x: min.x + width / 2.0,
            y: min.y + width / 2.0,
        };
        let quarter = |p: Point| usize::from(p.x >= mid.x) | (usize::from(p.y >= mid.y) << 1);
        // Sort the cell's bodies by quarter, in place.
        let slice = &mut self.order[start..end];
        slice.sort_unstable_by_key(|&i| quarter(points[i]));
        let mut bounds = [start; 5];
        let mut k = start;
        for (q, bound) in bounds.iter_mut().enumerate().skip(1) {
            while k < end && quarter(points[self.order[k]]) == q - 1 {
                k += 1;
            }
            *bound = k;
        }
        let half = width / 2.0;
        let mut children = [None; 4];
        for (q, child) in children.iter_mut().enumerate() {
            if bounds[q] < bounds[q + 1] {
                let corner = Point {
                    x: if q & 1 == 1 { mid.x } else { min.x },
                    y: if q & 2 == 2 { mid.y } else { min.y },
                };
                *child = Some(self.split(points, corner, half, bounds[q], bounds[q + 1]));
            }
        }
        self.cells[at].children = Some(children);
        at
    }

    /// Each cell's total charge and its centre, children before parents (they come after).
    fn sum_charge(&mut self, points: &[Point]) {
        for c in (0..self.cells.len()).rev() {
            let (charge, centre) = match self.cells[c].children {
                Some(children) => {
                    let (mut q, mut w, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                    for ch in children.into_iter().flatten() {
                        let cell = &self.cells[ch];
                        let weight = cell.charge.abs();
                        q += cell.charge;
                        w += weight;
                        x += weight * cell.centre.x;
                        y += weight * cell.centre.y;
                    }
                    let centre = if w > 0.0 {
                        Point { x: x / w, y: y / w }
                    } else {
                        Point::default()
                    };
                    (q, centre)
                }
                None => {
                    let (start, end) = self.cells[c].bodies;
                    let first = self
                        .order
                        .get(start)
                        .map_or(Point::default(), |&i| points[i]);
                    (CHARGE * (end - start) as f64, first)
                }
            };
            self.cells[c].charge = charge;
            self.cells[c].centre = centre;
        }
    }

    /// Each cell's largest circle, children before parents.
    fn sum_radius(&mut self, radii: &[f64]) {
        for c in (0..self.cells.len()).rev() {
            let radius = match self.cells[c].children {
                Some(children) => children
                    .into_iter()
                    .flatten()
                    .map(|ch| self.cells[ch].radius)
                    .fold(0.0, f64::max),
                None => {
                    let (start, end) = self.cells[c].bodies;
                    self.order[start..end]
                        .iter()
                        .map(|&i| radii[i])
                        .fold(0.0, f64::max)
                }
            };
            self.cells[c].radius = radius;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize, length: f64) -> Vec<Spring> {
        (1..n)
            .map(|i| Spring {
                from: i - 1,
                to: i,
                length,
            })
            .collect()
    }

    fn gap(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn nothing_and_one_body_are_laid_out_without_fuss() {
        assert!(lay_out(&[], &[]).is_empty());
        let one = lay_out(&[16.0], &[]);
        assert_eq!(one.len(), 1);
        assert!(one[0].x.abs() < 1e-9 && one[0].y.abs() < 1e-9, "{one:?}");
    }

    #[test]
    fn the_same_network_is_laid_out_the_same_way() {
        let radii = vec![8.0; 60];
        let springs = chain(60, 60.0);
        assert_eq!(lay_out(&radii, &springs), lay_out(&radii, &springs));
    }

    #[test]
    fn springs_come_to_about_their_length_and_circles_do_not_overlap() {
        let radii = vec![5.0, 13.0, 9.0, 5.0];
        let springs = [
            Spring {
                from: 0,
                to: 1,
                length: 40.0,
            },
            Spring {
                from: 1,
                to: 2,
                length: 90.0,
            },
            Spring {
                from: 2,
                to: 3,
                length: 60.0,
            },
        ];
        let at = lay_out(&radii, &springs);
        for s in springs {
            let d = gap(at[s.from], at[s.to]);
            // Repulsion stretches them a little; nothing collapses or flies off.
            assert!(
                d > s.length * 0.8 && d < s.length * 2.5,
                "{s:?} rests at {d}"
            );
        }
        for i in 0..radii.len() {
            for j in i + 1..radii.len() {
                assert!(
                    gap(at[i], at[j]) >= radii[i] + radii[j],
                    "{i} and {j} overlap: {at:?}"
                );
            }
        }
    }

    #[test]
    fn a_crowd_spreads_out_around_the_middle_without_overlaps() {
        // 400 people, each linked to the user and to a neighbour, as a real network looks.
        let n = 400;
        let radii: Vec<f64> = (0..n)
            .map(|i| if i == 0 { 16.0 } else { 5.0 + (i % 9) as f64 })
            .collect();
        let mut springs = chain(n, 60.0);
        springs.extend((2..n).step_by(3).map(|i| Spring {
            from: 0,
            to: i,
            length: 90.0,
        }));
        let at = lay_out(&radii, &springs);
        assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        let (cx, cy) = at.iter().fold((0.0, 0.0), |(x, y), p| {
            (x + p.x / n as f64, y + p.y / n as f64)
        });
        assert!(cx.abs() < 1.0 && cy.abs() < 1.0, "centred: {cx}, {cy}");
        let mut overlaps = 0;
        for i in 0..n {
            for j in i + 1..n {
                if gap(at[i], at[j]) < (radii[i] + radii[j]) * 0.9 {
                    overlaps += 1;
                }
            }
        }
        assert!(overlaps <= n / 100, "{overlaps} pairs overlap");
        let spread = at.iter().map(|p| p.x.hypot(p.y)).fold(0.0, f64::max);
        assert!(spread > 200.0 && spread < 3000.0, "spread {spread}");
    }

    #[test]
    fn bodies_on_the_same_spot_are_parted() {
        // Two springs of no length pull their ends onto one spot; the circles still part.
        let radii = vec![5.0; 3];
        let springs: Vec<Spring> = chain(3, 0.0);
        let at = lay_out(&radii, &springs);
        assert!(
            at.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
            "{at:?}"
        );
        assert!(gap(at[0], at[1]) > 5.0, "{at:?}");
    }

    #[test]
    fn springs_to_nowhere_or_to_themselves_are_ignored() {
        let at = lay_out(
            &[5.0, 5.0],
            &[
                Spring {
                    from: 0,
                    to: 7,
                    length: 60.0,
                },
                Spring {
                    from: 1,
                    to: 1,
                    length: 60.0,
                },
            ],
        );
        assert_eq!(at.len(), 2);
        assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn a_radius_grows_with_power_and_bad_powers_are_the_smallest() {
        assert_eq!(radius(true, Some(0.2)), ME_RADIUS);
        assert_eq!(radius(false, None), MIN_RADIUS);
        assert_eq!(radius(false, Some(f64::NAN)), MIN_RADIUS);
        assert_eq!(radius(false, Some(1.0)), MAX_RADIUS);
        assert_eq!(radius(false, Some(7.0)), MAX_RADIUS);
        assert_eq!(radius(false, Some(0.5)), 9.0);
    }
}
