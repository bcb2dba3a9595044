//! Collision resolution by sliding: a whole branch moves outwards along its ray until its box
//! clears every obstacle. Exact (interval arithmetic, no stepping) and O(obstacles · log); with
//! many obstacles, [`Obstacles`] files them in cells so a slide only looks at those near its path.

use crate::geom::{Point, Rect};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// The open range of `s` for which the interval `[a0, a1] + s·v` overlaps `(b0, b1)`.
fn overlap_range(a0: f32, a1: f32, b0: f32, b1: f32, v: f32) -> (f32, f32) {
    if v.abs() < 1e-9 {
        return if a0 < b1 && b0 < a1 {
            (f32::NEG_INFINITY, f32::INFINITY)
        } else {
            (0.0, 0.0)
        };
    }
    let (p, q) = ((b0 - a1) / v, (b1 - a0) / v);
    if v > 0.0 { (p, q) } else { (q, p) }
}

thread_local! {
    static CHECKS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times this thread has checked a moving box against an obstacle: the layout's unit of
/// work, which tests read before and after an arrangement to check, without a clock, that it
/// grows linearly with the map (as `model::structure_lookups` does for walks of the tree).
pub fn overlap_checks() -> u64 {
    CHECKS.with(std::cell::Cell::get)
}

/// The range of `s` over which `rect` moved by `s·dir` overlaps `o`, if it ever does.
pub(crate) fn overlap_span(rect: Rect, dir: Point, o: Rect) -> Option<(f32, f32)> {
    CHECKS.with(|n| n.set(n.get().wrapping_add(1)));
    let (x0, x1) = overlap_range(rect.min.x, rect.max.x, o.min.x, o.max.x, dir.x);
    let (y0, y1) = overlap_range(rect.min.y, rect.max.y, o.min.y, o.max.y, dir.y);
    let (lo, hi) = (x0.max(y0), x1.min(y1));
    (lo < hi).then_some((lo, hi))
}

/// The smallest `s ≥ s0` such that `rect` moved by `s·dir` overlaps none of `obstacles`
/// (touching is fine: callers expand obstacles by the gap they want).
pub(crate) fn slide(
    rect: Rect,
    dir: Point,
    s0: f32,
    obstacles: impl IntoIterator<Item = Rect>,
) -> f32 {
    let ranges: Vec<(f32, f32)> = obstacles
        .into_iter()
        .filter_map(|o| overlap_span(rect, dir, o).filter(|&(_, hi)| hi > s0))
        .collect();
    first_gap(ranges, s0)
}

/// Where [`slide`] stops among the overlap `ranges` (in the obstacles' order, which breaks ties).
fn first_gap(mut ranges: Vec<(f32, f32)>, s0: f32) -> f32 {
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut s = s0;
    for (lo, hi) in ranges {
        if lo < s && s < hi {
            // A hair beyond the touching point, so rounding cannot leave a sliver of overlap.
            s = hi + 0.01;
        }
    }
    s
}

/// A rectangle spanning more cells than this is checked by every slide instead of being filed.
const MAX_CELLS: i64 = 64;
/// Path segments a slide may look through before it falls back to checking every obstacle.
const MAX_SEGMENTS: f32 = 4096.0;

/// Obstacles filed in square cells, for sliding many boxes among many obstacles (a question with
/// thousands of branches): [`Obstacles::slide`] looks only at the cells along the moving box's
/// path, and gives exactly what [`slide`] over all the obstacles, in the order they were added,
/// gives.
pub(crate) struct Obstacles {
    rects: Vec<Rect>,
    cell: f32,
    cells: HashMap<(i32, i32), Vec<usize>>,
    /// Rectangles too large (or too strange) to file: every slide checks them.
    big: Vec<usize>,
    bounds: Option<Rect>,
}

impl Obstacles {
    /// An empty set filed in cells of side `cell` (about a typical obstacle's size).
    pub fn new(cell: f32) -> Obstacles {
        Obstacles {
            rects: Vec::new(),
            cell: if cell.is_finite() {
                cell.max(16.0)
            } else {
                256.0
            },
            cells: HashMap::new(),
            big: Vec::new(),
            bounds: None,
        }
    }

    fn cell_span(&self, r: &Rect) -> Option<(i32, i32, i32, i32)> {
        let finite = [r.min.x, r.min.y, r.max.x, r.max.y]
            .iter()
            .all(|v| v.is_finite());
        let c = |v: f32| (v / self.cell).floor().clamp(-1e6, 1e6) as i32;
        finite.then(|| (c(r.min.x), c(r.max.x), c(r.min.y), c(r.max.y)))
    }

    pub fn push(&mut self, r: Rect) {
        let k = self.rects.len();
        self.rects.push(r);
        self.bounds = Some(self.bounds.map_or(r, |b| b.union(&r)));
        match self.cell_span(&r) {
            Some((x0, x1, y0, y1))
                if (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1)
                    <= MAX_CELLS =>
            {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        self.cells.entry((x, y)).or_default().push(k);
                    }
                }
            }
            _ => self.big.push(k),
        }
    }

    /// The obstacles filed in the cells `area` touches (some more than once).
    fn near(&self, area: Rect) -> Vec<usize> {
        let Some((x0, x1, y0, y1)) = self.cell_span(&area) else {
            return (0..self.rects.len()).collect();
        };
        let mut found = Vec::new();
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(v) = self.cells.get(&(x, y)) {
                    found.extend(v.iter().copied());
                }
            }
        }
        found
    }

    /// [`slide`] over every obstacle added so far. The path is searched one cell-long segment at
    /// a time, and the overlaps met are taken in `slide`'s order (by where they start, then by
    /// when they were added): an obstacle not met yet cannot overlap the box before the searched
    /// part ends, so every overlap starting before that point is known and can be taken.
    pub fn slide(&self, rect: Rect, dir: Point, s0: f32) -> f32 {
        let all = || slide(rect, dir, s0, self.rects.iter().copied());
        let Some(bounds) = self.bounds else {
            return s0;
        };
        let speed = dir.length();
        if !(speed > 1e-6 && s0.is_finite()) {
            return all();
        }
        // Past `end` the moving box has left every obstacle behind.
        let end = match overlap_span(rect, dir, bounds) {
            Some((_, hi)) if hi > s0 => hi,
            _ => return s0,
        };
        let step = self.cell / speed;
        let segments = (end - s0) / step;
        if !segments.is_finite() || segments >= MAX_SEGMENTS {
            return all();
        }
        let mut seen: HashSet<usize> = HashSet::new();
        // Overlaps met, the one starting first on top (ties: the obstacle added first).
        let mut ahead: BinaryHeap<Reverse<(Ordered, usize, Ordered)>> = BinaryHeap::new();
        let mut meet = |k: usize, ahead: &mut BinaryHeap<_>| {
            if seen.insert(k)
                && let Some((lo, hi)) = self.rects.get(k).and_then(|&o| overlap_span(rect, dir, o))
                && hi > s0
            {
                ahead.push(Reverse((Ordered(lo), k, Ordered(hi))));
            }
        };
        for &k in &self.big {
            meet(k, &mut ahead);
        }
        let mut s = s0;
        let mut covered = s0;
        loop {
            let done = covered >= end;
            if !done {
                let next = covered + step;
                let area = rect
                    .translate(dir * covered)
                    .union(&rect.translate(dir * next))
                    .expand(1.0);
                for k in self.near(area) {
                    meet(k, &mut ahead);
                }
                covered = next;
            }
            // Every overlap starting before `covered` has been met: take them in order.
            while let Some(&Reverse((Ordered(lo), _, Ordered(hi)))) = ahead.peek() {
                if !(lo < covered || done) {
                    break;
                }
                if lo >= s {
                    return s; // this overlap and all later ones start past the stop
                }
                ahead.pop();
                if s < hi {
                    s = hi + 0.01;
                }
            }
            if done || s <= covered {
                return s;
            }
        }
    }
}

/// An `f32` ordered by `total_cmp`, for the heap of overlaps.
#[derive(Clone, Copy, PartialEq)]
struct Ordered(f32);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Ordered {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Size;

    #[test]
    fn slides_past_every_obstacle_in_its_way() {
        let r = Rect::from_center_size(Point::ZERO, Size::new(10.0, 10.0));
        let obstacles = [
            Rect::from_center_size(Point::new(8.0, 0.0), Size::new(10.0, 10.0)),
            Rect::from_center_size(Point::new(20.0, 3.0), Size::new(10.0, 10.0)),
            Rect::from_center_size(Point::new(0.0, 50.0), Size::new(10.0, 10.0)),
        ];
        let s = slide(r, Point::new(1.0, 0.0), 0.0, obstacles);
        assert!((s - 30.0).abs() < 0.1, "{s}");
        assert!(
            obstacles
                .iter()
                .all(|o| !o.intersects(&r.translate(Point::new(s, 0.0))))
        );
        assert_eq!(slide(r, Point::new(0.0, -1.0), 0.0, [obstacles[2]]), 0.0);
    }

    #[test]
    fn the_filed_obstacles_give_the_same_stop_as_all_of_them() {
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % m) as f32
        };
        for round in 0..40 {
            let mut filed = Obstacles::new(64.0 + round as f32 * 8.0);
            let mut all = Vec::new();
            for k in 0..300 {
                let (w, h) = if k % 50 == 0 {
                    (2000.0, 900.0)
                } else {
                    (20.0 + next(200), 20.0 + next(90))
                };
                let c = Point::new(next(4000) - 2000.0, next(4000) - 2000.0);
                let r = Rect::from_center_size(c, Size::new(w, h));
                filed.push(r);
                all.push(r);
            }
            for _ in 0..50 {
                let r = Rect::from_center_size(
                    Point::new(next(400) - 200.0, next(400) - 200.0),
                    Size::new(20.0 + next(300), 20.0 + next(100)),
                );
                let a = next(628) / 100.0;
                let dir = Point::new(a.cos(), a.sin());
                let s0 = next(100);
                assert_eq!(filed.slide(r, dir, s0), slide(r, dir, s0, all.clone()));
            }
        }
    }
}
