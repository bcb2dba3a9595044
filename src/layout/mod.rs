//! Automatic arrangement of a table's map, sized for a 16:9 slide. No egui here.
//!
//! The question sits at the origin; its branches (themes, and ideas hanging straight off it) go
//! evenly around an ellipse, clockwise from 12 o'clock in the order they already have, so a
//! user's rough ordering survives. Each theme's sticky notes form a strip or grid on its far side
//! from the question; nested ideas hang indented under their idea; unsorted notes wait in a tray
//! left of the map. Within a branch nothing can overlap by construction; branches are then slid
//! outwards along their rays until they clear the question and each other, and the ellipse's
//! proportions are chosen so the whole map fills a 16:9 slide best.

mod cluster;
pub mod order;
mod sweep;

use crate::geom::{Point, Rect, Size};
use crate::model::{Cafe, NodeId, Table};
use crate::text::layout_node_text;
use cluster::{Group, Side};
use std::collections::{HashMap, HashSet};
use std::f32::consts::{PI, TAU};

/// Space between neighbouring sticky notes, and between a note and its nested ideas.
pub const GAP: f32 = 12.0;
/// Indent of a nested idea under its parent idea.
pub const NEST_INDENT: f32 = 24.0;
/// Room for the curves between a theme and the notes beside it …
pub const THEME_TO_IDEAS_SIDE: f32 = 48.0;
/// … or above/below it.
pub const THEME_TO_IDEAS_VERTICAL: f32 = 40.0;
/// Space between two branches of the question, so each reads as a group.
pub const BRANCH_GAP: f32 = 36.0;
/// Space kept free around the question for its edges.
pub const QUESTION_CLEARANCE: f32 = 64.0;
/// Space between the map and the tray of unsorted notes.
pub const TRAY_GAP: f32 = 96.0;
/// Margin of the tray region around its notes.
pub const TRAY_MARGIN: f32 = 20.0;
/// The empty tray offered when no note is unsorted, so users can drop notes there.
pub const EMPTY_TRAY: Size = Size::new(340.0, 240.0);

/// Width/height stretch factors tried for the ellipse of branches; the one whose map fits a
/// 16:9 slide at the largest zoom wins.
const STRETCHES: [f32; 8] = [0.6, 0.8, 1.0, 1.25, 1.5, 1.8, 2.2, 2.8];

/// Node box sizes, wrapped once per arrangement.
pub(crate) struct Sizes(HashMap<NodeId, Size>);

impl Sizes {
    fn of(table: &Table) -> Sizes {
        Sizes(
            table
                .nodes()
                .map(|n| (n.id, layout_node_text(n.kind, &n.text).size))
                .collect(),
        )
    }

    fn get(&self, id: NodeId) -> Size {
        self.0.get(&id).copied().unwrap_or_default()
    }

    fn rect(&self, id: NodeId, centre: Point) -> Rect {
        Rect::from_center_size(centre, self.get(id))
    }
}

/// Target centre of every node of `table`, in id order. Deterministic, and stable: arranging an
/// arranged table changes nothing.
pub fn arrange_table(table: &Table) -> Vec<(NodeId, Point)> {
    let sizes = Sizes::of(table);
    let q = table.question();
    let qrect = sizes.rect(q, Point::ZERO);
    let ring = order::clockwise(table, &table.children(q), table.question_node().pos);
    let tray = tray_group(table, &sizes);
    let mut cache: HashMap<(usize, Side), Group> = HashMap::new();
    let mut best: Option<(f32, Vec<Group>, Option<Group>)> = None;
    for stretch in STRETCHES {
        let branches = place_ring(table, &ring, stretch, qrect, &sizes, &mut cache);
        let map = branches.iter().fold(qrect, |acc, g| acc.union(&g.bbox));
        let tray = tray.as_ref().map(|t| beside_map(t, map));
        let all = tray.as_ref().map_or(map, |t| map.union(&t.bbox));
        let fit = (16.0 / all.width().max(1.0)).min(9.0 / all.height().max(1.0));
        if best.as_ref().is_none_or(|b| fit > b.0 * 1.0001) {
            best = Some((fit, branches, tray));
        }
    }
    let mut out: HashMap<NodeId, Point> = HashMap::from([(q, Point::ZERO)]);
    if let Some((_, branches, tray)) = best {
        for g in branches.iter().chain(tray.iter()) {
            out.extend(g.items.iter().copied());
        }
    }
    finish(table, out)
}

/// Rounds to whole canvas units (tidy files, stable diffs) and keeps the current position of any
/// node the arrangement did not reach (only possible in a malformed table).
fn finish(table: &Table, mut out: HashMap<NodeId, Point>) -> Vec<(NodeId, Point)> {
    table
        .node_ids()
        .into_iter()
        .filter_map(|id| {
            let p = out.remove(&id).or_else(|| table.node(id).map(|n| n.pos))?;
            Some((id, Point::new(p.x.round(), p.y.round())))
        })
        .collect()
}

/// The question's branches around an ellipse stretched `stretch` times wider than tall.
fn place_ring(
    table: &Table,
    ring: &[NodeId],
    stretch: f32,
    qrect: Rect,
    sizes: &Sizes,
    cache: &mut HashMap<(usize, Side), Group>,
) -> Vec<Group> {
    let n = ring.len();
    let dirs: Vec<Point> = (0..n)
        .map(|k| {
            // Slots start half a step after 12 o'clock: two branches go left and right, four
            // to the corners, as on a hand-made mind map. A lone branch goes right.
            let theta = if n == 1 {
                0.0
            } else {
                -PI / 2.0 + (k as f32 + 0.5) * TAU / n as f32
            };
            let v = Point::new(stretch * theta.cos(), theta.sin());
            v * (1.0 / v.length().max(1e-6))
        })
        .collect();
    let around_question = qrect.expand(QUESTION_CLEARANCE);
    // All branch nodes start on one ellipse just clear of the question …
    let s0 = ring
        .iter()
        .zip(&dirs)
        .map(|(&id, &u)| sweep::slide(sizes.rect(id, Point::ZERO), u, 0.0, [around_question]))
        .fold(0.0, f32::max);
    // … then each branch slides outwards until it clears the question and the branches before it.
    let mut placed: Vec<Group> = Vec::with_capacity(n);
    for (k, (&id, &u)) in ring.iter().zip(&dirs).enumerate() {
        let side = Side::of(u);
        let group = cache
            .entry((k, side))
            .or_insert_with(|| cluster::branch(table, id, side, sizes));
        let obstacles = std::iter::once(around_question)
            .chain(placed.iter().map(|g| g.bbox.expand(BRANCH_GAP)));
        let s = sweep::slide(group.bbox, u, s0, obstacles);
        placed.push(group.translated(u * s));
    }
    placed
}

/// Unsorted ideas (with their nested ideas) as a grid of roughly 16:9 proportions, or `None`.
fn tray_group(table: &Table, sizes: &Sizes) -> Option<Group> {
    let roots = order::reading_order(table, &table.unsorted());
    if roots.is_empty() {
        return None;
    }
    let blocks: Vec<cluster::Block> = roots
        .iter()
        .map(|&r| cluster::block(table, r, sizes))
        .collect();
    let n = blocks.len() as f32;
    let cell_w = blocks.iter().map(|b| b.size.w + GAP).sum::<f32>() / n;
    let cell_h = blocks.iter().map(|b| b.size.h + GAP).sum::<f32>() / n;
    let rows = (n * cell_w / cell_h * 9.0 / 16.0).sqrt().ceil().max(1.0);
    let cols = (n / rows).ceil() as usize;
    Some(cluster::grid(&blocks, cols, false))
}

/// The tray moved left of the map, centred on it vertically.
fn beside_map(tray: &Group, map: Rect) -> Group {
    let d = Point::new(
        map.min.x - TRAY_GAP - tray.bbox.max.x,
        map.center().y - tray.bbox.center().y,
    );
    tray.translated(d)
}

/// The region of a table holding its unsorted ideas (at their current positions), with a margin;
/// when there are none, an empty region left of the map where notes can be dropped. Wraps every
/// node's text: cache it per document revision rather than calling it every frame.
pub fn tray_rect(table: &Table) -> Rect {
    let sizes = Sizes::of(table);
    let unsorted: Vec<NodeId> = table
        .unsorted()
        .into_iter()
        .flat_map(|r| table.subtree(r))
        .collect();
    if !unsorted.is_empty() {
        let bbox = unsorted
            .iter()
            .filter_map(|&id| Some(sizes.rect(id, table.node(id)?.pos)))
            .fold(Rect::NOTHING, |acc, r| acc.union(&r));
        return bbox.expand(TRAY_MARGIN);
    }
    let map = table
        .nodes()
        .map(|n| sizes.rect(n.id, n.pos))
        .fold(Rect::NOTHING, |acc, r| acc.union(&r));
    let right = map.min.x - TRAY_GAP;
    Rect::from_center_size(
        Point::new(right - EMPTY_TRAY.w / 2.0, map.center().y),
        EMPTY_TRAY,
    )
}

/// Target centres for the subtrees of `roots` only (each root's ideas rearranged around it, on
/// its far side from its parent), in id order. Everything else stays put: a rearranged branch
/// that would overlap it slides outwards, away from its parent, until it is clear. Selecting the
/// question arranges the whole table.
pub fn arrange_subtrees(table: &Table, roots: &[NodeId]) -> Vec<(NodeId, Point)> {
    if roots.contains(&table.question()) {
        return arrange_table(table);
    }
    let mut roots: Vec<NodeId> = roots
        .iter()
        .copied()
        .filter(|&r| table.contains(r))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let selected: HashSet<NodeId> = roots.iter().copied().collect();
    // A root inside another root's subtree is arranged with it.
    roots.retain(|&r| {
        let mut cur = table.parent(r);
        for _ in 0..table.len() {
            match cur {
                Some(p) if selected.contains(&p) => return false,
                Some(p) => cur = table.parent(p),
                None => break,
            }
        }
        true
    });
    let moving: HashSet<NodeId> = roots.iter().flat_map(|&r| table.subtree(r)).collect();
    let sizes = Sizes::of(table);
    let fixed: Vec<Rect> = table
        .nodes()
        .filter(|n| !moving.contains(&n.id))
        .map(|n| sizes.rect(n.id, n.pos).expand(2.0 * GAP))
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = HashMap::new();
    for root in roots {
        let Some(node) = table.node(root) else {
            continue;
        };
        let away = match table.parent(root).and_then(|p| table.node(p)) {
            Some(parent) => node.pos - parent.pos,
            None => Point::new(0.0, 1.0), // an unsorted note: grow downwards in the tray
        };
        let dir = if away.length() < 1e-3 {
            Point::new(1.0, 0.0)
        } else {
            away * (1.0 / away.length())
        };
        let group = cluster::branch(table, root, Side::of(dir), &sizes).translated(node.pos);
        let obstacles = fixed
            .iter()
            .copied()
            .chain(placed.iter().map(|r| r.expand(BRANCH_GAP)));
        let s = sweep::slide(group.bbox, dir, 0.0, obstacles);
        let group = group.translated(dir * s);
        placed.push(group.bbox);
        out.extend(group.items);
    }
    let mut out: Vec<(NodeId, Point)> = out
        .into_iter()
        .map(|(id, p)| (id, Point::new(p.x.round(), p.y.round())))
        .collect();
    out.sort_by_key(|e| e.0);
    out
}

/// Arranges every table of the café in place (importers call this on a fresh document).
pub fn arrange_cafe(cafe: &mut Cafe) {
    for table in &mut cafe.tables {
        for (id, p) in arrange_table(table) {
            if let Some(n) = table.node_mut(id) {
                n.pos = p;
            }
        }
    }
}
