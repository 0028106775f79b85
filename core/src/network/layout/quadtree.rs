//! The quadtree the layout builds over the bodies each step: Barnes–Hut's cells for repulsion,
//! and the reach of each cell's largest circle for collisions.

use super::Point;

/// A square cell of the quadtree: four children, or a leaf holding `order[bodies.0..bodies.1]`.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub(super) min: Point,
    pub(super) width: f64,
    pub(super) children: Option<[Option<usize>; 4]>,
    pub(super) bodies: (usize, usize),
    /// The charge of everything inside, and where its centre lies.
    pub(super) charge: f64,
    pub(super) centre: Point,
    /// The largest circle inside.
    pub(super) radius: f64,
}

/// A quadtree over points, rebuilt each step, its cells and the bodies' order kept between steps.
#[derive(Debug, Default)]
pub(super) struct QuadTree {
    pub(super) cells: Vec<Cell>,
    pub(super) order: Vec<usize>,
}

/// Bodies closer together than this share a leaf.
const LEAF_WIDTH: f64 = 1e-6;

impl QuadTree {
    pub(super) fn build(&mut self, points: &[Point]) {
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

    /// Each cell's total charge (`charge` for each body) and its centre, children before parents
    /// (they come after).
    pub(super) fn sum_charge(&mut self, points: &[Point], charge: f64) {
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
                    (charge * (end - start) as f64, first)
                }
            };
            self.cells[c].charge = charge;
            self.cells[c].centre = centre;
        }
    }

    /// Each cell's largest circle, children before parents.
    pub(super) fn sum_radius(&mut self, radii: &[f64]) {
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
