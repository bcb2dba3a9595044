//! Local arrangements, relative to one anchor node: an idea with its nested ideas (a tidy
//! tree), a theme with its ideas (a grid of sticky notes on the far side from the question),
//! the tray of unsorted notes. Overlap-free by construction; the caller only moves them whole.

use super::order::reading_order;
use super::{FAMILY_GAP, GAP, LEVEL_GAP, Sizes, THEME_TO_IDEAS_SIDE, THEME_TO_IDEAS_VERTICAL};
use crate::geom::{Point, Rect, Size};
use crate::model::{NodeId, Table};

/// Nodes with their centres, and the box covering all their rectangles.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    pub items: Vec<(NodeId, Point)>,
    pub bbox: Rect,
}

impl Group {
    pub fn translated(&self, d: Point) -> Group {
        Group {
            items: self.items.iter().map(|&(id, p)| (id, p + d)).collect(),
            bbox: self.bbox.translate(d),
        }
    }
}

/// Where a branch grows, seen from its parent. Same rule as the renderer's edge direction:
/// sideways when the offset is mostly horizontal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Side {
    Right,
    Left,
    Up,
    Down,
}

impl Side {
    pub fn of(d: Point) -> Side {
        if d.x.abs() >= d.y.abs() {
            if d.x >= 0.0 { Side::Right } else { Side::Left }
        } else if d.y < 0.0 {
            Side::Up
        } else {
            Side::Down
        }
    }
}

/// An idea and its nested ideas as a tidy tree, top-left at the origin.
pub(crate) struct Block {
    pub items: Vec<(NodeId, Point)>,
    pub size: Size,
    /// Centre of the head idea, to line heads up in a grid row and to hang the block off its
    /// parent.
    pub head: Point,
}

/// The tidy tree of `root`'s subtree: each node's children in a column beside it (on the right,
/// or on the left when `mirror`), in reading order, the node level with the first; every level in a
/// column of its own, so levels line up; sibling subtrees packed as close as their outlines allow
/// (Reingold–Tilford, on whole columns), families a little further apart than siblings. A node
/// whose column of children would make a tall strip has them in a grid below it instead (see
/// [`wrap_children`]). A note without nested ideas is just its box. Iterative, so deep chains
/// cannot overflow the stack.
pub(crate) fn block(table: &Table, root: NodeId, sizes: &Sizes, mirror: bool) -> Block {
    tree_block(table, root, sizes, mirror, true)
}

/// [`block`], following folds or not (a folded node's hidden branch is laid out whole).
pub(crate) fn tree_block(
    table: &Table,
    root: NodeId,
    sizes: &Sizes,
    mirror: bool,
    follow_folds: bool,
) -> Block {
    let walk = Walk::from(table, root, follow_folds);
    let n = walk.ids.len();
    let size: Vec<Size> = walk.ids.iter().map(|&id| sizes.get(id)).collect();
    let (rel_y, rel_col) = relative_places(&walk.kids, &size);
    // Top-down: absolute centres.
    let mut y = vec![0.0f32; n];
    let mut col = vec![0usize; n];
    for i in 0..n {
        if let Some(p) = walk.parent[i] {
            y[i] = y[p] + rel_y[i];
            col[i] = col[p] + rel_col[i];
        }
    }
    let (col_x, width) = column_lefts(&col, &size);
    let top = (0..n)
        .map(|i| y[i] - size[i].h / 2.0)
        .fold(f32::INFINITY, f32::min);
    let bottom = (0..n)
        .map(|i| y[i] + size[i].h / 2.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let items: Vec<(NodeId, Point)> = (0..n)
        .map(|i| {
            let cx = col_x[col[i]] + size[i].w / 2.0;
            let cx = if mirror { width - cx } else { cx };
            (walk.ids[i], Point::new(cx, y[i] - top))
        })
        .collect();
    let head = items.first().map_or(Point::ZERO, |h| h.1);
    Block {
        items,
        size: Size::new(width, (bottom - top).max(0.0)),
        head,
    }
}

/// The subtree in pre-order: parents before children, each node's children in reading order;
/// nodes are numbered by their place in the walk.
struct Walk {
    ids: Vec<NodeId>,
    parent: Vec<Option<usize>>,
    kids: Vec<Vec<usize>>,
}

impl Walk {
    fn from(table: &Table, root: NodeId, follow_folds: bool) -> Walk {
        let mut walk = Walk {
            ids: Vec::new(),
            parent: Vec::new(),
            kids: Vec::new(),
        };
        let mut stack = vec![(root, None::<usize>)];
        while let Some((id, up)) = stack.pop() {
            if walk.ids.len() > table.len() {
                break; // a malformed loop; `validate` reports it
            }
            let i = walk.ids.len();
            walk.ids.push(id);
            walk.parent.push(up);
            walk.kids.push(Vec::new());
            if let Some(p) = up {
                walk.kids[p].push(i);
            }
            let children = reading_order(table, &laid_out_children(table, id, follow_folds));
            stack.extend(children.into_iter().rev().map(|c| (c, Some(i))));
        }
        walk
    }
}

/// Each node's place relative to its parent (units down, columns right), decided bottom-up:
/// each subtree's outline (top and bottom of each column it covers, from its own column on,
/// relative to its root's centre) lets a parent stack its children tightly, or wrap a tall
/// column of them into several when that makes a better-shaped block. Children come after
/// their parent in pre-order, so walking backwards meets every child before its parent.
fn relative_places(kids: &[Vec<usize>], size: &[Size]) -> (Vec<f32>, Vec<usize>) {
    let n = kids.len();
    // Every column is as wide as the widest note, so a level is one column wherever it starts.
    let pitch = size.iter().map(|s| s.w).fold(0.0f32, f32::max) + LEVEL_GAP;
    let mut outline: Vec<Vec<(f32, f32)>> = vec![Vec::new(); n];
    let mut rel_y = vec![0.0f32; n];
    let mut rel_col = vec![1usize; n];
    for i in (0..n).rev() {
        let half = size[i].h / 2.0;
        if kids[i].is_empty() {
            outline[i] = vec![(-half, half)];
            continue;
        }
        let children: Vec<Vec<(f32, f32)>> = kids[i]
            .iter()
            .map(|&c| std::mem::take(&mut outline[c]))
            .collect();
        let (tidy_y, tidy_outline) = column_of(&children, half);
        let tidy_size = outline_size(&tidy_outline, pitch);
        let wrapped = (tidy_size.h > WRAP_ABOVE && tidy_size.h > 3.0 * tidy_size.w)
            .then(|| wrap_children(&children, half, pitch))
            .filter(|w| strip_cost(outline_size(&w.outline, pitch)) < strip_cost(tidy_size));
        match wrapped {
            Some(w) => {
                for (k, &c) in kids[i].iter().enumerate() {
                    rel_y[c] = w.y[k];
                    rel_col[c] = w.col[k];
                }
                outline[i] = w.outline;
            }
            None => {
                for (k, &c) in kids[i].iter().enumerate() {
                    rel_y[c] = tidy_y[k];
                }
                outline[i] = tidy_outline;
            }
        }
    }
    (rel_y, rel_col)
}

/// The left edge of each column and the width of them all. Each column is only as wide as its
/// widest note (the pitch the outlines' decisions use is the widest of all): a column of short
/// labels next to one of long notes no longer leaves a bay as wide as the long ones.
fn column_lefts(col: &[usize], size: &[Size]) -> (Vec<f32>, f32) {
    let columns = col.iter().max().map_or(1, |c| c + 1);
    let mut col_w = vec![0.0f32; columns];
    for (&c, s) in col.iter().zip(size) {
        col_w[c] = col_w[c].max(s.w);
    }
    let mut col_x = Vec::with_capacity(columns);
    let mut x = 0.0f32;
    for w in &col_w {
        col_x.push(x);
        x += w + LEVEL_GAP;
    }
    (col_x, (x - LEVEL_GAP).max(0.0))
}

/// A column of children taller than this (about a dozen notes) and three times as tall as wide may
/// be wrapped into a grid.
const WRAP_ABOVE: f32 = 1000.0;

fn strip_cost(s: Size) -> f32 {
    let (w, h) = (s.w.max(1.0), s.h.max(1.0));
    let a = w / h / SUBTREE_ASPECT;
    w * h * a.max(1.0 / a)
}

/// The proportions (width / height) a wrapped subtree aims for: taller than wide, as its
/// parent stacks its subtrees in a column or a grid of its own.
const SUBTREE_ASPECT: f32 = 0.5;

/// The width and height of a subtree from its outline.
fn outline_size(outline: &[(f32, f32)], pitch: f32) -> Size {
    let top = outline.iter().map(|o| o.0).fold(f32::INFINITY, f32::min);
    let bottom = outline
        .iter()
        .map(|o| o.1)
        .fold(f32::NEG_INFINITY, f32::max);
    Size::new(
        outline.len() as f32 * pitch - LEVEL_GAP,
        (bottom - top).max(0.0),
    )
}

/// Children's outlines stacked in one column beside their parent (of half-height `half`), each
/// as close to the one before as their outlines allow: each child's offset from the parent's
/// centre (which sits halfway between the first and last child), and the parent's outline.
fn column_of(children: &[Vec<(f32, f32)>], half: f32) -> (Vec<f32>, Vec<(f32, f32)>) {
    let mut acc: Vec<(f32, f32)> = Vec::new();
    let mut offsets = Vec::with_capacity(children.len());
    for child in children {
        let off = if acc.is_empty() {
            0.0
        } else {
            acc.iter()
                .zip(child)
                .enumerate()
                .map(|(l, (a, b))| a.1 - b.0 + if l == 0 { GAP } else { FAMILY_GAP })
                .fold(f32::NEG_INFINITY, f32::max)
        };
        for (l, &(top, bottom)) in child.iter().enumerate() {
            match acc.get_mut(l) {
                Some(a) => *a = (a.0.min(top + off), a.1.max(bottom + off)),
                None => acc.push((top + off, bottom + off)),
            }
        }
        offsets.push(off);
    }
    // The parent level with its first child: rows of trees then line up on their heads with
    // no room lost above the shorter ones.
    let mid = offsets.first().copied().unwrap_or(0.0);
    let mut own = Vec::with_capacity(acc.len() + 1);
    own.push((-half, half));
    own.extend(acc.into_iter().map(|(t, b)| (t - mid, b - mid)));
    (offsets.into_iter().map(|o| o - mid).collect(), own)
}

/// Children placed in a grid below their parent instead of a column beside it.
struct Wrapped {
    /// Each child's offset from the parent's centre, in units down and in columns across.
    y: Vec<f32>,
    col: Vec<usize>,
    outline: Vec<(f32, f32)>,
}

/// Children's subtrees in a grid of whole columns below their parent (of half-height `half`),
/// starting one column in, filled row by row in reading order, heads of a row on one line; as
/// many grid columns as cost the least (see [`strip_cost`]).
fn wrap_children(children: &[Vec<(f32, f32)>], half: f32, pitch: f32) -> Wrapped {
    // Each child as a box: columns wide, its head this far below its top, this tall.
    let boxes: Vec<(usize, f32, f32)> = children
        .iter()
        .map(|o| {
            let top = o.iter().map(|v| v.0).fold(f32::INFINITY, f32::min);
            let bottom = o.iter().map(|v| v.1).fold(f32::NEG_INFINITY, f32::max);
            (o.len().max(1), -top, bottom - top)
        })
        .collect();
    let layout = |cols: usize| {
        let mut widths = vec![0usize; cols];
        for (k, b) in boxes.iter().enumerate() {
            widths[k % cols] = widths[k % cols].max(b.0);
        }
        let mut starts = Vec::with_capacity(cols);
        let mut c = 1usize;
        for w in &widths {
            starts.push(c);
            c += w;
        }
        let mut y = Vec::with_capacity(boxes.len());
        let mut col = Vec::with_capacity(boxes.len());
        let mut row_top = half + FAMILY_GAP;
        for (r, row) in boxes.chunks(cols).enumerate() {
            let line = row.iter().map(|b| b.1).fold(0.0, f32::max);
            let mut bottom = row_top;
            for (j, b) in row.iter().enumerate() {
                y.push(row_top + line);
                col.push(starts[j]);
                bottom = bottom.max(row_top + line - b.1 + b.2);
            }
            let _ = r;
            row_top = bottom + FAMILY_GAP;
        }
        let grid_bottom = row_top - FAMILY_GAP;
        let mut outline = vec![(-half, half)];
        outline.extend((1..c).map(|_| (half + FAMILY_GAP, grid_bottom)));
        Wrapped { y, col, outline }
    };
    let n = boxes.len();
    (1..=n.min(64))
        .map(layout)
        .min_by(|a, b| {
            strip_cost(outline_size(&a.outline, pitch))
                .total_cmp(&strip_cost(outline_size(&b.outline, pitch)))
        })
        .unwrap_or_else(|| layout(1))
}

/// The children a layout arranges under `id`: none under a folded node, whose descendants are
/// not drawn (they are given a place beside it afterwards, see [`super::place_hidden`]).
pub(crate) fn laid_out_children(table: &Table, id: NodeId, follow_folds: bool) -> Vec<NodeId> {
    if follow_folds && table.node(id).is_some_and(|n| n.folded) {
        return Vec::new();
    }
    table.children(id)
}

/// Blocks in a grid of `cols` columns, filled row by row (so reading order is kept), heads of a
/// row centred on one line, `GAP` between cells. Top-left at the origin.
pub(crate) fn grid(blocks: &[Block], cols: usize, align_right: bool) -> Group {
    let cols = cols.clamp(1, blocks.len().max(1));
    let mut col_w = vec![0.0f32; cols];
    for (i, b) in blocks.iter().enumerate() {
        col_w[i % cols] = col_w[i % cols].max(b.size.w);
    }
    let mut col_x = Vec::with_capacity(cols);
    let mut x = 0.0;
    for w in &col_w {
        col_x.push(x);
        x += w + GAP;
    }
    let width = (x - GAP).max(0.0);
    let mut items = Vec::new();
    let mut y = 0.0f32;
    let mut last_gap = 0.0;
    for row in blocks.chunks(cols) {
        let line = row.iter().map(|b| b.head.y).fold(0.0, f32::max);
        let mut bottom = y;
        for (c, b) in row.iter().enumerate() {
            let left = if align_right {
                col_x[c] + col_w[c] - b.size.w
            } else {
                col_x[c]
            };
            let top = y + line - b.head.y;
            items.extend(
                b.items
                    .iter()
                    .map(|&(id, p)| (id, p + Point::new(left, top))),
            );
            bottom = bottom.max(top + b.size.h);
        }
        last_gap = row_gap(row);
        y = bottom + last_gap;
    }
    let height = (y - last_gap).max(0.0);
    Group {
        items,
        bbox: Rect {
            min: Point::ZERO,
            max: Point::new(width, height),
        },
    }
}

/// Space under a grid row: [`GAP`] between plain notes, more under trees so each reads apart.
fn row_gap(row: &[Block]) -> f32 {
    if row.iter().any(|b| b.items.len() > 1) {
        FAMILY_GAP * 2.0
    } else {
        GAP
    }
}

/// The size of [`grid`]'s result, without placing anything.
fn grid_size(blocks: &[Block], cols: usize) -> Size {
    let cols = cols.clamp(1, blocks.len().max(1));
    let mut col_w = vec![0.0f32; cols];
    for (i, b) in blocks.iter().enumerate() {
        col_w[i % cols] = col_w[i % cols].max(b.size.w);
    }
    let width = col_w.iter().sum::<f32>() + GAP * (cols - 1) as f32;
    let mut height = 0.0;
    let rows = blocks.chunks(cols).count();
    for (k, row) in blocks.chunks(cols).enumerate() {
        let line = row.iter().map(|b| b.head.y).fold(0.0, f32::max);
        let h = row
            .iter()
            .map(|b| line - b.head.y + b.size.h)
            .fold(0.0, f32::max);
        height += h + if k + 1 < rows { row_gap(row) } else { 0.0 };
    }
    Size::new(width, height)
}

/// Columns for a grid of blocks some of which are trees: the count whose grid comes closest to
/// `aspect` (width / height), counting the empty area it leaves as a cost too.
pub(crate) fn columns_for_trees(blocks: &[Block], aspect: f32) -> usize {
    let n = blocks.len().max(1);
    let area: f32 = blocks.iter().map(|b| b.size.w * b.size.h).sum();
    let cost = |cols: usize| {
        let s = grid_size(blocks, cols);
        let (w, h) = (s.w.max(1.0), s.h.max(1.0));
        let off = (w / h / aspect).max(aspect * h / w);
        off * (w * h / area.max(1.0))
    };
    // Very many blocks: only counts near the one a uniform grid would need.
    let avg = |f: fn(&Block) -> f32| blocks.iter().map(f).sum::<f32>() / n as f32;
    let guess = (n as f32 * aspect * avg(|b| b.size.h) / avg(|b| b.size.w).max(1.0))
        .sqrt()
        .round()
        .max(1.0) as usize;
    let candidates: Vec<usize> = if n <= 64 {
        (1..=n).collect()
    } else {
        (guess / 3..=guess * 3)
            .filter(|&c| (1..=n).contains(&c))
            .collect()
    };
    candidates
        .into_iter()
        .map(|c| (cost(c), c))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map_or(1, |b| b.1)
}

/// How many columns a theme's grid of `n` notes gets: a single strip while it stays short (so
/// every edge reaches its note without crossing another), then a roughly balanced grid.
fn columns(n: usize, side: Side) -> usize {
    let c = match side {
        Side::Left | Side::Right => match n {
            0..=8 => 1,
            9..=16 => 2,
            _ => (n as f32 / 1.8).sqrt().ceil() as usize,
        },
        Side::Up | Side::Down => match n {
            0..=6 => n,
            _ => ((n as f32 * 2.0).sqrt().ceil() as usize).max(4),
        },
    };
    c.clamp(1, n.max(1))
}

/// A branch of the question (a theme with its notes, or an idea with its nested ideas) growing
/// towards `side`, with the branch's own node centred on the origin.
pub(crate) fn branch(table: &Table, root: NodeId, side: Side, sizes: &Sizes) -> Group {
    let is_theme = table
        .node(root)
        .is_some_and(|n| n.kind == crate::model::NodeKind::Theme);
    let own = sizes.get(root);
    let own_rect = Rect::from_center_size(Point::ZERO, own);
    if !is_theme {
        let b = block(table, root, sizes, side == Side::Left);
        let d = Point::ZERO - b.head;
        let items: Vec<(NodeId, Point)> = b.items.iter().map(|&(id, p)| (id, p + d)).collect();
        let bbox = Rect {
            min: d,
            max: d + Point::new(b.size.w, b.size.h),
        };
        return Group { items, bbox };
    }
    let mirror = side == Side::Left;
    let blocks: Vec<Block> = reading_order(table, &laid_out_children(table, root, true))
        .into_iter()
        .map(|c| block(table, c, sizes, mirror))
        .collect();
    let mut items = vec![(root, Point::ZERO)];
    if blocks.is_empty() {
        return Group {
            items,
            bbox: own_rect,
        };
    }
    let cols = if blocks.iter().all(|b| b.items.len() == 1) {
        columns(blocks.len(), side)
    } else {
        // Trees: a grid of roughly the proportions of the side it grows on.
        let aspect = match side {
            Side::Left | Side::Right => 1.0,
            Side::Up | Side::Down => 2.0,
        };
        columns_for_trees(&blocks, aspect)
    };
    let g = grid(&blocks, cols, side == Side::Left);
    let (gw, gh) = (g.bbox.width(), g.bbox.height());
    let offset = match side {
        Side::Right => Point::new(own.w / 2.0 + THEME_TO_IDEAS_SIDE, -gh / 2.0),
        Side::Left => Point::new(-own.w / 2.0 - THEME_TO_IDEAS_SIDE - gw, -gh / 2.0),
        Side::Down => Point::new(-gw / 2.0, own.h / 2.0 + THEME_TO_IDEAS_VERTICAL),
        Side::Up => Point::new(-gw / 2.0, -own.h / 2.0 - THEME_TO_IDEAS_VERTICAL - gh),
    };
    let g = g.translated(offset);
    items.extend(g.items);
    Group {
        items,
        bbox: own_rect.union(&g.bbox),
    }
}
