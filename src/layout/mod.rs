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
pub mod curve;
pub mod order;
pub mod place;
pub mod steps;
mod sweep;
mod tray;

use crate::geom::{Point, Rect, Size};
use crate::model::{Cafe, NodeId, Table};
use crate::text::layout_node_text;
use cluster::{Group, Side};
use std::collections::{HashMap, HashSet};
use std::f32::consts::{PI, TAU};
pub use sweep::overlap_checks;
use tray::{beside_map, tray_group};
pub use tray::{reflow_tray, tray_notes, tray_rect, tray_rect_sized};

/// Space between neighbouring sticky notes, and between a note and its nested ideas.
pub const GAP: f32 = 12.0;
/// Space between a column of a tree of ideas and the next (its nested ideas), for the edges.
pub const LEVEL_GAP: f32 = 40.0;
/// Space between two families of a tree (cousins), a little more than between siblings.
pub const FAMILY_GAP: f32 = 2.0 * GAP;
/// Room for the curves between a theme and the notes beside it …
pub const THEME_TO_IDEAS_SIDE: f32 = 48.0;
/// … or above/below it.
pub const THEME_TO_IDEAS_VERTICAL: f32 = 72.0;
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
    let ring = order::clockwise(
        table,
        &cluster::laid_out_children(table, q, true),
        table.question_node().pos,
    );
    let tray = tray_group(
        table,
        &order::reading_order(table, &table.unsorted()),
        &sizes,
    );
    let mut cache: HashMap<(usize, Side), Group> = HashMap::new();
    let mut best: Option<(f32, Vec<Group>, Option<Group>)> = None;
    for r in Ring::all() {
        if ring.len() > MAX_RAY_BRANCHES && matches!(r.mode, Mode::Greedy | Mode::Shared) {
            continue;
        }
        let Some(branches) = place_ring(table, &ring, r, qrect, &sizes, &mut cache) else {
            continue;
        };
        let map = branches.iter().fold(qrect, |acc, g| acc.union(&g.bbox));
        let tray = tray.as_ref().map(|t| beside_map(t, map));
        let all = tray.as_ref().map_or(map, |t| map.union(&t.bbox));
        let fit = (16.0 / all.width().max(1.0)).min(9.0 / all.height().max(1.0));
        // An edge running under another branch's notes reads as belonging to them: each one
        // costs as much as halving the zoom.
        let score = fit / (1.0 + crossings(&branches, qrect, &sizes) as f32);
        if best.as_ref().is_none_or(|b| score > b.0 * 1.0001) {
            best = Some((score, branches, tray));
        }
    }
    let mut out: HashMap<NodeId, Point> = HashMap::from([(q, Point::ZERO)]);
    if let Some((_, branches, tray)) = best {
        for g in branches.iter().chain(tray.iter()) {
            out.extend(g.items.iter().copied());
        }
    }
    place_hidden(table, &sizes, &mut out);
    finish(table, out)
}

/// Gives the hidden descendants of every folded node in `out` a place: their tree beside it,
/// growing away from the question, as unfolding will show them. They take no room in the
/// arrangement (the canvas does not draw them), so they may lie over other notes until the
/// branch is unfolded and arranged again.
pub(crate) fn place_hidden(table: &Table, sizes: &Sizes, out: &mut HashMap<NodeId, Point>) {
    let q = table.question_node().pos;
    let folded: Vec<(NodeId, Point)> = out
        .iter()
        .filter(|(id, _)| {
            table
                .node(**id)
                .is_some_and(|n| n.folded && !table.children(n.id).is_empty())
        })
        .map(|(&id, &p)| (id, p))
        .collect();
    for (id, at) in folded {
        let b = cluster::tree_block(table, id, sizes, at.x < q.x, false);
        let d = at - b.head;
        for &(c, p) in b.items.iter().skip(1) {
            out.entry(c).or_insert(p + d);
        }
    }
}

/// Above this many branches only the stacked arrangements are tried (columns beside the question,
/// as Freeplane puts a wide fan): along the rays, every branch slides out through the crowd of
/// those before it, which grows with their number.
const MAX_RAY_BRANCHES: usize = 256;

/// Branches above this many are not checked for crossings (the check is quadratic).
const MAX_CROSSING_CHECK: usize = 64;

/// How many question→branch edges pass through a note of another branch. An edge is taken as the straight
/// line between the sides the renderer joins (the question's side facing the branch, the
/// branch node's side facing the question), close enough to its S-curve.
fn crossings(branches: &[Group], qrect: Rect, sizes: &Sizes) -> usize {
    if branches.len() > MAX_CROSSING_CHECK {
        return 0;
    }
    let mut count = 0;
    for (k, g) in branches.iter().enumerate() {
        let Some(&(id, root)) = g.items.first() else {
            continue;
        };
        let (a, b) = edge_ends(qrect, sizes.rect(id, root));
        count += branches
            .iter()
            .enumerate()
            .filter(|&(j, other)| {
                // Through the branch's box, then through one of its notes: an edge running in
                // the gutters of a large branch's grid crosses nothing a reader sees.
                j != k
                    && segment_hits(a, b, other.bbox.expand(-GAP))
                    && other
                        .items
                        .iter()
                        .any(|&(id, p)| segment_hits(a, b, sizes.rect(id, p)))
            })
            .count();
    }
    count
}

/// Where the edge from the question to a branch node leaves and arrives, as the renderer draws
/// it: sideways when the node is mostly beside the question, else from the top or bottom.
fn edge_ends(q: Rect, node: Rect) -> (Point, Point) {
    let (qc, c) = (q.center(), node.center());
    let d = c - qc;
    if d.x.abs() >= d.y.abs() {
        let (sx, ex) = if d.x >= 0.0 {
            (q.max.x, node.min.x)
        } else {
            (q.min.x, node.max.x)
        };
        (Point::new(sx, qc.y), Point::new(ex, c.y))
    } else {
        let (sy, ey) = if d.y >= 0.0 {
            (q.max.y, node.min.y)
        } else {
            (q.min.y, node.max.y)
        };
        (Point::new(qc.x, sy), Point::new(c.x, ey))
    }
}

/// Whether the segment `a → b` passes through `r` (Liang–Barsky clipping).
fn segment_hits(a: Point, b: Point, r: Rect) -> bool {
    if r.is_empty() {
        return false;
    }
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
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

/// One way of putting the branches around the question; [`arrange_table`] tries several and
/// keeps the one whose map fits a 16:9 slide at the largest zoom.
#[derive(Clone, Copy, Debug)]
struct Ring {
    /// The ellipse of slots is this many times wider than tall.
    stretch: f32,
    /// First slot half a step after 12 o'clock (two branches go left and right, four to the
    /// corners, like a hand-made mind map) rather than at 12 o'clock itself.
    half_step: bool,
    mode: Mode,
}

/// How colliding branches make room.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Each branch slides out along its ray until clear of the ones before it.
    Greedy,
    /// Colliding pairs slide out together, which keeps a side's branches centred.
    Shared,
    /// Branches are stacked on the four sides of the question (a column on the left and right,
    /// a row above and below), centred on it.
    Stacked,
    /// The first branches in a column on the right, the others on the left, split where the
    /// columns come out the most even: the classic balanced mind map.
    Balanced,
}

impl Ring {
    fn all() -> impl Iterator<Item = Ring> {
        let balanced = Ring {
            stretch: 1.0,
            half_step: true,
            mode: Mode::Balanced,
        };
        std::iter::once(balanced).chain(STRETCHES.into_iter().flat_map(|stretch| {
            [true, false].into_iter().flat_map(move |half_step| {
                [Mode::Stacked, Mode::Shared, Mode::Greedy].map(|mode| Ring {
                    stretch,
                    half_step,
                    mode,
                })
            })
        }))
    }

    /// Unit direction of slot `k` of `n`, clockwise from 12 o'clock. A lone branch goes right.
    fn direction(self, k: usize, n: usize) -> Point {
        let theta = if n == 1 {
            0.0
        } else {
            let first = if self.half_step { 0.5 } else { 0.0 };
            -PI / 2.0 + (k as f32 + first) * TAU / n as f32
        };
        let v = Point::new(self.stretch * theta.cos(), theta.sin());
        v * (1.0 / v.length().max(1e-6))
    }
}

/// Pairwise push rounds allowed, counted in pair checks, before the plain sequential pass.
const PUSH_BUDGET: usize = 200_000;

/// The question's branches placed around it as `ring` says, none overlapping, in slot order.
/// `None` when stacking would not keep the branches' clockwise order (the ray modes always do).
fn place_ring(
    table: &Table,
    ring_ids: &[NodeId],
    ring: Ring,
    qrect: Rect,
    sizes: &Sizes,
    cache: &mut HashMap<(usize, Side), Group>,
) -> Option<Vec<Group>> {
    let n = ring_ids.len();
    let dirs: Vec<Point> = (0..n).map(|k| ring.direction(k, n)).collect();
    let sides: Vec<Side> = match ring.mode {
        Mode::Balanced => balanced_sides(table, ring_ids, sizes, cache),
        _ => dirs.iter().map(|&u| Side::of(u)).collect(),
    };
    for (k, (&id, &side)) in ring_ids.iter().zip(&sides).enumerate() {
        cache
            .entry((k, side))
            .or_insert_with(|| cluster::branch(table, id, side, sizes));
    }
    let groups: Vec<&Group> = sides
        .iter()
        .enumerate()
        .filter_map(|(k, &side)| cache.get(&(k, side)))
        .collect();
    let around_question = qrect.expand(QUESTION_CLEARANCE);
    let mut placed: Vec<Group> = match ring.mode {
        Mode::Stacked | Mode::Balanced => stacked(&groups, &sides, &dirs, around_question),
        Mode::Greedy | Mode::Shared => {
            let s = along_rays(
                &groups,
                &dirs,
                ring.mode == Mode::Shared,
                around_question,
                sizes,
                ring_ids,
            );
            groups
                .iter()
                .zip(&dirs)
                .zip(&s)
                .map(|((g, &u), &sk)| g.translated(u * sk))
                .collect()
        }
    };
    // A final sequential pass guarantees no overlap: each branch slides out along the ray
    // through its own node (which keeps its angle) until clear of the question and the branches
    // before it. A no-op for the ray modes, which already ensured it.
    let mut obstacles = sweep::Obstacles::new(typical_extent(&groups) + 2.0 * BRANCH_GAP);
    obstacles.push(around_question);
    for k in 0..n {
        let root = placed[k].items.first().map_or(Point::ZERO, |i| i.1);
        let dir = if root.length() > 1e-3 {
            root * (1.0 / root.length())
        } else {
            dirs[k]
        };
        let s = obstacles.slide(placed[k].bbox, dir, 0.0);
        if s > 0.0 {
            placed[k] = placed[k].translated(dir * s);
        }
        obstacles.push(placed[k].bbox.expand(BRANCH_GAP));
    }
    let angles: Vec<f32> = placed
        .iter()
        .map(|g| order::clock_angle(g.items.first().map_or(Point::ZERO, |i| i.1)))
        .collect();
    // Rays keep each branch's angle by construction; stacking must be checked.
    let in_order = !matches!(ring.mode, Mode::Stacked | Mode::Balanced)
        || angles.windows(2).all(|w| w[0] < w[1]);
    in_order.then_some(placed)
}

/// Right for the first branches, Left for the rest, split where the two columns' heights are
/// the most even (ties: the split nearer the middle).
fn balanced_sides(
    table: &Table,
    ring_ids: &[NodeId],
    sizes: &Sizes,
    cache: &mut HashMap<(usize, Side), Group>,
) -> Vec<Side> {
    let n = ring_ids.len();
    let heights: Vec<f32> = ring_ids
        .iter()
        .enumerate()
        .map(|(k, &id)| {
            let g = cache
                .entry((k, Side::Right))
                .or_insert_with(|| cluster::branch(table, id, Side::Right, sizes));
            g.bbox.height() + BRANCH_GAP
        })
        .collect();
    let total: f32 = heights.iter().sum();
    let mut best = (f32::INFINITY, 0usize, 0usize);
    let mut right = 0.0f32;
    for m in 0..=n {
        let cost = right.max(total - right);
        let off_centre = m.abs_diff(n.div_ceil(2));
        if cost < best.0 - 0.5 || (cost < best.0 + 0.5 && off_centre < best.2) {
            best = (cost, m, off_centre);
        }
        if let Some(h) = heights.get(m) {
            right += h;
        }
    }
    (0..n)
        .map(|k| if k < best.1 { Side::Right } else { Side::Left })
        .collect()
}

/// How far out along its ray each branch goes (ray modes).
fn along_rays(
    groups: &[&Group],
    dirs: &[Point],
    shared: bool,
    around_question: Rect,
    sizes: &Sizes,
    ring_ids: &[NodeId],
) -> Vec<f32> {
    let n = groups.len();
    // All branch nodes start on one ellipse just clear of the question …
    let s0 = ring_ids
        .iter()
        .zip(dirs)
        .map(|(&id, &u)| sweep::slide(sizes.rect(id, Point::ZERO), u, 0.0, [around_question]))
        .fold(0.0, f32::max);
    // … whole branches then slide outwards until they clear the question …
    let mut s: Vec<f32> = groups
        .iter()
        .zip(dirs)
        .map(|(g, &u)| sweep::slide(g.bbox, u, s0, [around_question]))
        .collect();
    let at = |s: &[f32], k: usize| groups[k].bbox.translate(dirs[k] * s[k]);
    // … and each other, pairs moving apart together (a budget bounds this for tables with very
    // many themes) …
    if shared {
        let rounds = (PUSH_BUDGET / (n * n).max(1)).min(50);
        for _ in 0..rounds {
            let mut moved = false;
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (
                        at(&s, i).expand(BRANCH_GAP / 2.0),
                        at(&s, j).expand(BRANCH_GAP / 2.0),
                    );
                    if !a.intersects(&b) {
                        continue;
                    }
                    let apart = dirs[i] - dirs[j];
                    if apart.length() < 1e-3 {
                        s[j] +=
                            sweep::slide(at(&s, j), dirs[j], 0.0, [at(&s, i).expand(BRANCH_GAP)]);
                    } else {
                        let t = sweep::slide(a, apart, 0.0, [b]);
                        s[i] += t;
                        s[j] += t;
                    }
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
    }
    // … or each giving way to the ones before it.
    let mut obstacles = sweep::Obstacles::new(typical_extent(groups) + 2.0 * BRANCH_GAP);
    obstacles.push(around_question);
    for k in 0..n {
        s[k] += obstacles.slide(at(&s, k), dirs[k], 0.0);
        obstacles.push(at(&s, k).expand(BRANCH_GAP));
    }
    s
}

/// The median of the branches' larger sides: the cell size for filing them as obstacles.
fn typical_extent(groups: &[&Group]) -> f32 {
    let mut sides: Vec<f32> = groups
        .iter()
        .map(|g| g.bbox.width().max(g.bbox.height()))
        .collect();
    sides.sort_by(f32::total_cmp);
    sides.get(sides.len() / 2).copied().unwrap_or(256.0)
}

/// Branches stacked on the side their slot points to, each side centred on the question: a
/// column right (slots top to bottom) and left (slots bottom to top, as the clock goes), a row
/// above and below (left to right by slot direction).
fn stacked(groups: &[&Group], sides: &[Side], dirs: &[Point], around_question: Rect) -> Vec<Group> {
    let n = groups.len();
    let on = |side: Side| (0..n).filter(|&k| sides[k] == side).collect::<Vec<usize>>();
    let by_x = |mut v: Vec<usize>| {
        v.sort_by(|&a, &b| dirs[a].x.total_cmp(&dirs[b].x));
        v
    };
    let mut out: Vec<Group> = groups.iter().map(|g| (*g).clone()).collect();
    let mut left = on(Side::Left);
    left.reverse();
    let sides = [
        (on(Side::Right), Side::Right),
        (left, Side::Left),
        (by_x(on(Side::Up)), Side::Up),
        (by_x(on(Side::Down)), Side::Down),
    ];
    for (ks, side) in sides {
        let q = around_question;
        // A column beside the question, a row above or below it.
        let extent = match side {
            Side::Right | Side::Left => Rect::height,
            Side::Up | Side::Down => Rect::width,
        };
        let shift = |b: &Rect, at: f32| match side {
            Side::Right => Point::new(q.max.x - b.min.x, at - b.min.y),
            Side::Left => Point::new(q.min.x - b.max.x, at - b.min.y),
            Side::Up => Point::new(at - b.min.x, q.min.y - b.max.y),
            Side::Down => Point::new(at - b.min.x, q.max.y - b.min.y),
        };
        for (k, s) in line_up(groups, &ks, extent, shift) {
            out[k] = groups[k].translated(s);
        }
    }
    out
}

/// The branches `ks` one after the other along one axis, `BRANCH_GAP` apart, the line centred
/// on 0: `extent` is a branch's size along the axis, and `shift(bbox, start)` the move that puts
/// a branch's box at `start` on the axis (and where it belongs across it).
fn line_up(
    groups: &[&Group],
    ks: &[usize],
    extent: impl Fn(&Rect) -> f32,
    shift: impl Fn(&Rect, f32) -> Point,
) -> Vec<(usize, Point)> {
    let total = ks.iter().map(|&k| extent(&groups[k].bbox)).sum::<f32>()
        + BRANCH_GAP * ks.len().saturating_sub(1) as f32;
    let mut at = -total / 2.0;
    let mut out = Vec::with_capacity(ks.len());
    for &k in ks {
        let b = groups[k].bbox;
        out.push((k, shift(&b, at)));
        at += extent(&b) + BRANCH_GAP;
    }
    out
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
    place_hidden(table, &sizes, &mut out);
    let mut out: Vec<(NodeId, Point)> = out
        .into_iter()
        .map(|(id, p)| (id, Point::new(p.x.round(), p.y.round())))
        .collect();
    out.sort_by_key(|e| e.0);
    out
}

/// The table with every fold opened and each opened branch arranged beside its node, clear of
/// the rest (which stays where the user put it): what an export that shows every node draws.
/// The table itself when nothing is folded.
pub fn unfolded(table: &Table) -> std::borrow::Cow<'_, Table> {
    let folded: Vec<NodeId> = table
        .nodes()
        .filter(|n| n.folded && !table.children(n.id).is_empty())
        .map(|n| n.id)
        .collect();
    if folded.is_empty() {
        return std::borrow::Cow::Borrowed(table);
    }
    let mut open = table.clone();
    for &id in &folded {
        if let Some(n) = open.node_mut(id) {
            n.folded = false;
        }
    }
    for (id, p) in open_beside(table, &open) {
        if let Some(n) = open.node_mut(id) {
            n.pos = p;
        }
    }
    std::borrow::Cow::Owned(open)
}

/// Turns tried either side of a hidden branch's own direction when it opens (radians): the
/// nearest free room, not the first along one ray, so that opened branches fill the bays
/// between the others instead of fanning out in long thin strips.
const OPEN_TURNS: [f32; 9] = [0.0, 0.35, -0.35, 0.7, -0.7, 1.05, -1.05, 1.4, -1.4];

/// New centres for the hidden nodes of `folded` (a table with folds), opened in `open` (the
/// same table unfolded): each folded branch as a tidy tree beside its node, moved the shortest
/// way (among [`OPEN_TURNS`] around its direction from the question) that clears everything
/// shown and the branches opened before it. Branches nearer the question open first.
fn open_beside(folded: &Table, open: &Table) -> Vec<(NodeId, Point)> {
    let shown_ids: HashSet<NodeId> = folded
        .nodes()
        .map(|n| n.id)
        .filter(|&id| !hidden_by_fold(folded, id))
        .collect();
    // The outermost folds: a fold inside a hidden branch opens with it.
    let mut roots: Vec<NodeId> = folded
        .nodes()
        .filter(|n| n.folded && shown_ids.contains(&n.id) && !folded.children(n.id).is_empty())
        .map(|n| n.id)
        .collect();
    let q = folded.question_node().pos;
    let at = |id: NodeId| folded.node(id).map_or(q, |n| n.pos);
    roots.sort_by(|a, b| {
        (at(*a) - q)
            .length()
            .total_cmp(&(at(*b) - q).length())
            .then(a.cmp(b))
    });
    let sizes = Sizes::of(open);
    let mut obstacles: Vec<Rect> = shown_ids
        .iter()
        .map(|&id| sizes.rect(id, at(id)).expand(GAP))
        .collect();
    let mut out = Vec::new();
    for root in roots {
        // Where the facilitator left the branch, when that is clear of everything shown: a
        // folded branch opens as it was arranged (only stale or crowded ones move).
        let stored: Vec<(NodeId, Rect)> = open
            .subtree(root)
            .into_iter()
            .filter(|&id| id != root)
            .filter_map(|id| Some((id, sizes.rect(id, folded.node(id)?.pos))))
            .collect();
        if stored
            .iter()
            .all(|(_, r)| !obstacles.iter().any(|o| o.intersects(r)))
        {
            for (id, r) in stored {
                obstacles.push(r.expand(GAP));
                out.push((id, r.center()));
            }
            continue;
        }
        let from = at(root) - folded.parent(root).map_or(q, at);
        let from = if from.length() > 1e-3 {
            from * (1.0 / from.length())
        } else {
            Point::new(1.0, 0.0)
        };
        let b = cluster::tree_block(open, root, &sizes, from.x < 0.0, false);
        let d = at(root) - b.head;
        let items: Vec<(NodeId, Rect)> = b
            .items
            .iter()
            .skip(1)
            .map(|&(id, p)| (id, sizes.rect(id, p + d)))
            .collect();
        let Some(bbox) = items.iter().map(|i| i.1).reduce(|a, r| a.union(&r)) else {
            continue;
        };
        let (s, dir) = OPEN_TURNS
            .iter()
            .map(|&turn| {
                let (sin, cos) = turn.sin_cos();
                let dir = Point::new(from.x * cos - from.y * sin, from.x * sin + from.y * cos);
                (slide_rects(&items, bbox, dir, &obstacles), dir)
            })
            .fold(
                (f32::INFINITY, from),
                |best, c| if c.0 < best.0 { c } else { best },
            );
        let moved = dir * if s.is_finite() { s } else { 0.0 };
        for (id, r) in items {
            let r = r.translate(moved);
            obstacles.push(r.expand(GAP));
            out.push((id, r.center()));
        }
    }
    out.into_iter()
        .map(|(id, p)| (id, Point::new(p.x.round(), p.y.round())))
        .collect()
}

/// Whether a folded ancestor hides `id`.
fn hidden_by_fold(table: &Table, id: NodeId) -> bool {
    let mut cur = table.parent(id);
    for _ in 0..table.len() {
        match cur {
            Some(p) if table.node(p).is_some_and(|n| n.folded) => return true,
            Some(p) => cur = table.parent(p),
            None => return false,
        }
    }
    false
}

/// The smallest `s ≥ 0` such that every rect of `items` (whose union is `bbox`) moved by
/// `s·dir` overlaps none of `obstacles`: [`sweep::slide`] for a group whose boxes may sit in the
/// gaps between the obstacles' boxes. Obstacles out of the group's path are skipped whole.
fn slide_rects(items: &[(NodeId, Rect)], bbox: Rect, dir: Point, obstacles: &[Rect]) -> f32 {
    // Only the obstacles the group's box meets on its way out can stop one of its boxes.
    let path: Vec<Rect> = obstacles
        .iter()
        .copied()
        .filter(|&o| sweep::overlap_span(bbox, dir, o).is_some_and(|(_, hi)| hi > 0.0))
        .collect();
    let mut s = 0.0;
    // Each pass clears the collisions found at `s`; a box met further on starts another.
    loop {
        let next = items
            .iter()
            .map(|(_, r)| sweep::slide(*r, dir, s, path.iter().copied()))
            .fold(s, f32::max);
        if next <= s {
            return s;
        }
        s = next;
    }
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
