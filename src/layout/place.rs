//! Where a new node goes: near its parent, on the far side from the question, in the first spot
//! that overlaps nothing. Plain geometry, no egui.

use crate::geom::{Point, Rect, Size};
use crate::model::{NodeId, NodeKind, Table};
use crate::text::layout_node_text;

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
    let (anchor, dir) = match parent.and_then(|p| table.node(p).map(|n| (p, n))) {
        Some((p, node)) => {
            let from = table.parent(p).and_then(|g| table.node(g)).map(|g| g.pos);
            let dir = match (from, node.kind) {
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
                    // Around the question: the direction with the fewest themes.
                    let mut best = Point::new(1.0, 0.0);
                    let mut best_score = f32::MAX;
                    for k in 0..12 {
                        let a =
                            k as f32 * std::f32::consts::TAU / 12.0 - std::f32::consts::FRAC_PI_2;
                        let d = Point::new(a.cos(), a.sin());
                        let score: f32 = table
                            .children(p)
                            .iter()
                            .filter_map(|c| table.node(*c))
                            .map(|c| {
                                let v = c.pos - node.pos;
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
            };
            let parent_size = layout_node_text(node.kind, &node.text).size;
            let reach = (parent_size.w + size.w) / 2.0 + 60.0;
            let reach = if node.kind == NodeKind::Question {
                reach + 140.0
            } else {
                reach
            };
            (
                node.pos + Point::new(dir.x * reach, dir.y * reach * 0.7),
                dir,
            )
        }
        None => {
            let tray = super::tray_rect(table);
            (
                Point::new(
                    tray.min.x + size.w / 2.0 + GAP,
                    tray.min.y + size.h / 2.0 + GAP,
                ),
                Point::new(0.0, 1.0),
            )
        }
    };
    spiral_from(table, anchor, dir, size)
}

/// A free centre for a new note of `size` below an earlier sibling at `above`, so that notes
/// added in a row (a paste) keep their order when read top to bottom.
pub fn free_spot_below(table: &Table, above: Rect, size: Size) -> Point {
    let anchor = Point::new(above.center().x, above.max.y + GAP + size.h / 2.0);
    spiral_from(table, anchor, Point::new(0.0, 1.0), size)
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
    if let Some(area) = within {
        let inside = |c: Point| {
            let r = Rect::from_center_size(c, size);
            area.contains(r.min) && area.contains(r.max)
        };
        if let Some(p) = spiral_where(table, anchor, dir, size, inside) {
            return p;
        }
    }
    spiral_from(table, anchor, dir, size)
}

/// Walks outwards from `anchor` along a square spiral of note-sized steps to the first spot that
/// overlaps nothing, preferring spots further along `dir`.
fn spiral_from(table: &Table, anchor: Point, dir: Point, size: Size) -> Point {
    spiral_where(table, anchor, dir, size, |_| true).unwrap_or(anchor)
}

/// [`spiral_from`] among the spots `allowed` accepts; `None` if none is free.
fn spiral_where(
    table: &Table,
    anchor: Point,
    dir: Point,
    size: Size,
    allowed: impl Fn(Point) -> bool,
) -> Option<Point> {
    let rects: Vec<Rect> = table
        .node_ids()
        .into_iter()
        .filter_map(|id| rect_of(table, id))
        .collect();
    let fits = |c: Point| {
        let r = Rect::from_center_size(c, size).expand(GAP / 2.0);
        allowed(c) && !rects.iter().any(|o| o.intersects(&r))
    };
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
