//! Where a new node goes: near its parent, on the far side from the question, in the first spot
//! that overlaps nothing: no note, no edge under it, and its own edge behind no other note (an
//! edge that runs behind a note reads as that note's). Edges are the curves every picture draws
//! (`super::curve`). Plain geometry, no egui.

use super::curve::{Curve, polyline, tree_curve};
use crate::geom::{Point, Rect, Size};
use crate::model::{Node, NodeId, NodeKind, Table};
use crate::text::layout_node_text;
use std::collections::HashMap;

const GAP: f32 = 16.0;

/// The box a node takes on the map (its wrapped text around its position).
pub fn rect_of(table: &Table, id: NodeId) -> Option<Rect> {
    let n = table.node(id)?;
    Some(Rect::from_center_size(
        n.pos,
        layout_node_text(n.kind, &n.text).size,
    ))
}

/// A free centre for a new node of `size` hanging off `parent` (`None`: the unsorted tray).
pub fn free_spot(table: &Table, parent: Option<NodeId>, size: Size) -> Point {
    Placer::new(table).spot(table, parent, size)
}

/// A free centre for a new note of `size` under `parent`, as near below the note at `beside` as
/// its edge from `parent` can reach without running behind another note (a text kept beside
/// another one: a merge's conflict).
pub fn free_spot_beside(table: &Table, parent: Option<NodeId>, beside: Rect, size: Size) -> Point {
    let anchor = Point::new(beside.center().x, beside.max.y + GAP + size.h / 2.0);
    let edge = parent.and_then(|p| NewEdge::of(table, p));
    Placer::new(table).spiral_from(anchor, Point::new(0.0, 1.0), size, edge.as_ref())
}

/// Side of the square buckets the placer files boxes in: about two sticky notes.
const BUCKET: f32 = 256.0;

/// Straight pieces an edge is checked as: enough to follow an S-curve within a few pixels.
const PIECES: usize = 12;

/// The edge a new note will hang from, to try at each candidate spot: its parent's box, and
/// its grandparent's, which sets the direction a theme's ideas branch off.
struct NewEdge<'a> {
    table: &'a Table,
    parent: NodeId,
    from: Rect,
    grandparent: Option<(NodeId, Rect)>,
}

impl<'a> NewEdge<'a> {
    fn of(table: &'a Table, parent: NodeId) -> Option<NewEdge<'a>> {
        let grandparent = table
            .parent(parent)
            .and_then(|g| Some((g, rect_of(table, g)?)));
        Some(NewEdge {
            table,
            parent,
            from: rect_of(table, parent)?,
            grandparent,
        })
    }

    /// The curve as drawn to a note whose box is `to`.
    fn to(&self, to: Rect) -> Curve {
        let grandparent = |n: NodeId| self.grandparent.filter(|g| g.0 == n).map(|g| g.1);
        tree_curve(self.table, self.parent, self.from, to, &grandparent)
    }
}

/// Free spots for many new notes in a row (a paste, an import into a table). Every box of the
/// table is wrapped once, when the placer is made, and filed in square buckets with each note
/// placed since, so finding a spot costs the same in a table of ten notes or ten thousand (a
/// 1,000-line paste used to re-wrap the whole table for every line).
pub struct Placer {
    buckets: HashMap<(i32, i32), Vec<Rect>>,
    /// The tree's edges as drawn, in straight pieces filed like the boxes.
    edges: HashMap<(i32, i32), Vec<(Point, Point)>>,
    /// The tray as it was when placing began (new unsorted notes start at its top-left corner).
    tray: Option<Rect>,
}

impl Placer {
    pub fn new(table: &Table) -> Placer {
        let mut placer = Placer {
            buckets: HashMap::new(),
            edges: HashMap::new(),
            tray: None,
        };
        let ids = table.node_ids();
        let boxes: HashMap<NodeId, Rect> = ids
            .iter()
            .filter_map(|&id| Some((id, rect_of(table, id)?)))
            .collect();
        let box_of = |id: NodeId| boxes.get(&id).copied();
        for (id, r) in ids.into_iter().filter_map(|id| Some((id, box_of(id)?))) {
            placer.add(r);
            if let Some((parent, from)) = table.parent(id).and_then(|p| Some((p, box_of(p)?))) {
                placer.add_curve(&tree_curve(table, parent, from, r, &box_of));
            }
        }
        placer
    }

    /// The buckets a segment passes through, sampled a quarter bucket apart. An edge longer
    /// than a few screens (a note dragged far away) is not filed: no placement starts there.
    fn cells_along(a: Point, b: Point) -> Vec<(i32, i32)> {
        let steps = ((b - a).length() / (BUCKET / 4.0)).ceil();
        if !steps.is_finite() || steps > 256.0 {
            return Vec::new();
        }
        let steps = steps as usize;
        let mut cells: Vec<(i32, i32)> = (0..=steps)
            .map(|i| {
                let t = if steps == 0 {
                    0.0
                } else {
                    i as f32 / steps as f32
                };
                let p = a + (b - a) * t;
                ((p.x / BUCKET).floor() as i32, (p.y / BUCKET).floor() as i32)
            })
            .collect();
        cells.dedup();
        cells
    }

    /// Counts an edge drawn along `curve`: no new note may sit on it.
    fn add_curve(&mut self, curve: &Curve) {
        for piece in polyline(curve, PIECES).windows(2) {
            let (a, b) = (piece[0], piece[1]);
            for key in Self::cells_along(a, b) {
                self.edges.entry(key).or_default().push((a, b));
            }
        }
    }

    /// Whether `edge`, drawn to a note whose box is `to`, runs behind no note but its parent.
    fn edge_clear(&self, edge: &NewEdge, to: Rect) -> bool {
        polyline(&edge.to(to), PIECES).windows(2).all(|piece| {
            let (a, b) = (piece[0], piece[1]);
            Self::cells_along(a, b).iter().all(|key| {
                self.buckets
                    .get(key)
                    .is_none_or(|v| !v.iter().any(|o| *o != edge.from && o.crossed_by(a, b)))
            })
        })
    }

    fn span(r: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let cell = |v: f32| (v / BUCKET).floor().clamp(-1e6, 1e6) as i32;
        let (x0, x1, y0, y1) = (cell(r.min.x), cell(r.max.x), cell(r.min.y), cell(r.max.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Counts `r` as taken.
    pub fn add(&mut self, r: Rect) {
        for key in Self::span(&r) {
            self.buckets.entry(key).or_default().push(r);
        }
    }

    fn fits(&self, r: &Rect) -> bool {
        Self::span(r).all(|key| {
            self.buckets
                .get(&key)
                .is_none_or(|v| !v.iter().any(|o| o.intersects(r)))
                && self
                    .edges
                    .get(&key)
                    .is_none_or(|v| !v.iter().any(|&(a, b)| r.crossed_by(a, b)))
        })
    }

    /// Like [`free_spot`]; the spot is then taken.
    pub fn spot(&mut self, table: &Table, parent: Option<NodeId>, size: Size) -> Point {
        let edge = parent.and_then(|p| NewEdge::of(table, p));
        let (anchor, dir) = match parent.and_then(|p| table.node(p).map(|n| (p, n))) {
            Some((p, node)) => {
                let dir = outward(table, p, node);
                (outward_anchor(node, dir, size), dir)
            }
            None => {
                let tray = *self.tray.get_or_insert_with(|| super::tray_rect(table));
                (
                    Point::new(
                        tray.min.x + size.w / 2.0 + GAP,
                        tray.min.y + size.h / 2.0 + GAP,
                    ),
                    Point::new(0.0, 1.0),
                )
            }
        };
        self.spiral_from(anchor, dir, size, edge.as_ref())
    }

    /// A free centre for a new note of `size` below an earlier sibling at `above`, so that notes
    /// added in a row (a paste) keep their order when read top to bottom; the spot is then
    /// taken. Each note's edge may pass behind the ones above it, as in any column of siblings.
    pub fn spot_below(&mut self, above: Rect, size: Size) -> Point {
        let anchor = Point::new(above.center().x, above.max.y + GAP + size.h / 2.0);
        self.spiral_from(anchor, Point::new(0.0, 1.0), size, None)
    }

    /// Walks outwards from `anchor` along a square spiral of note-sized steps to the first spot
    /// that overlaps nothing, preferring spots further along `dir`, and takes it. Given the
    /// note's `edge`, the spot is also one that edge reaches behind no note, unless no spot
    /// within reach allows that.
    fn spiral_from(
        &mut self,
        anchor: Point,
        dir: Point,
        size: Size,
        edge: Option<&NewEdge>,
    ) -> Point {
        let free = |c: Point| self.fits(&Rect::from_center_size(c, size).expand(GAP / 2.0));
        let spot = edge
            .and_then(|edge| {
                spiral_search(anchor, dir, size, |c| {
                    free(c) && self.edge_clear(edge, Rect::from_center_size(c, size))
                })
            })
            .or_else(|| spiral_search(anchor, dir, size, free))
            .unwrap_or(anchor);
        let taken = Rect::from_center_size(spot, size);
        self.add(taken);
        if let Some(edge) = edge {
            self.add_curve(&edge.to(taken));
        }
        spot
    }
}

/// Which way new children of `p` grow: away from its own parent; around the question, the
/// direction with the fewest themes.
fn outward(table: &Table, p: NodeId, node: &Node) -> Point {
    let from = table.parent(p).and_then(|g| table.node(g)).map(|g| g.pos);
    match (from, node.kind) {
        (Some(g), _) => {
            let d = node.pos - g;
            let len = d.length();
            if len > 1.0 {
                d * (1.0 / len)
            } else {
                Point::new(1.0, 0.0)
            }
        }
        (None, NodeKind::Question) => {
            let children: Vec<Point> = table
                .children(p)
                .iter()
                .filter_map(|c| table.node(*c))
                .map(|c| c.pos)
                .collect();
            let mut best = Point::new(1.0, 0.0);
            let mut best_score = f32::MAX;
            for k in 0..12 {
                let a = k as f32 * std::f32::consts::TAU / 12.0 - std::f32::consts::FRAC_PI_2;
                let d = Point::new(a.cos(), a.sin());
                let score: f32 = children
                    .iter()
                    .map(|&c| {
                        let v = c - node.pos;
                        let l = v.length().max(1.0);
                        (v.x * d.x + v.y * d.y) / l
                    })
                    .map(|cos| (cos + 1.0).powi(4))
                    .sum();
                if score < best_score - 1e-3 {
                    best_score = score;
                    best = d;
                }
            }
            best
        }
        (None, _) => Point::new(1.0, 0.0),
    }
}

/// Where a new child of `size` under `node` is first tried: beside it, along `dir`.
fn outward_anchor(node: &Node, dir: Point, size: Size) -> Point {
    let parent_size = layout_node_text(node.kind, &node.text).size;
    let reach = (parent_size.w + size.w) / 2.0 + 60.0;
    let reach = if node.kind == NodeKind::Question {
        reach + 140.0
    } else {
        reach
    };
    node.pos + Point::new(dir.x * reach, dir.y * reach * 0.7)
}

/// A free centre for a note of `size` as near `anchor` as it finds one, preferring spots further
/// along `dir` and, when `within` is given, spots whose box lies inside it (the part of the map
/// on screen, for a dropped note); outside it only if there is no room inside.
pub fn free_spot_near(
    table: &Table,
    anchor: Point,
    dir: Point,
    size: Size,
    within: Option<Rect>,
) -> Point {
    let placer = Placer::new(table);
    let free = |c: Point| placer.fits(&Rect::from_center_size(c, size).expand(GAP / 2.0));
    if let Some(area) = within {
        let inside = |c: Point| {
            let r = Rect::from_center_size(c, size);
            area.contains(r.min) && area.contains(r.max) && free(c)
        };
        if let Some(p) = spiral_search(anchor, dir, size, inside) {
            return p;
        }
    }
    spiral_search(anchor, dir, size, free).unwrap_or(anchor)
}

/// The first spot `fits` accepts on a square spiral of note-sized steps out from `anchor`,
/// preferring spots further along `dir`; `None` when none within 60 rings does.
fn spiral_search(
    anchor: Point,
    dir: Point,
    size: Size,
    fits: impl Fn(Point) -> bool,
) -> Option<Point> {
    let step = Point::new(size.w + GAP, size.h + GAP);
    if fits(anchor) {
        return Some(anchor);
    }
    for r in 1..60 {
        let mut candidates = Vec::new();
        for i in -r..=r {
            for (dx, dy) in [(i, -r), (i, r), (-r, i), (r, i)] {
                candidates.push(Point::new(
                    anchor.x + dx as f32 * step.x,
                    anchor.y + dy as f32 * step.y,
                ));
            }
        }
        candidates.sort_by(|a, b| {
            let score = |p: &Point| {
                let v = *p - anchor;
                v.length() - 0.5 * (v.x * dir.x + v.y * dir.y)
            };
            score(a).total_cmp(&score(b))
        });
        if let Some(c) = candidates.into_iter().find(|c| fits(*c)) {
            return Some(c);
        }
    }
    None
}
