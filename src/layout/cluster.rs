//! Local arrangements, relative to one anchor node: an idea with its nested ideas (an indented
//! outline), a theme with its ideas (a grid of sticky notes on the far side from the question),
//! the tray of unsorted notes. Overlap-free by construction; the caller only moves them whole.

use super::order::reading_order;
use super::{GAP, NEST_INDENT, Sizes, THEME_TO_IDEAS_SIDE, THEME_TO_IDEAS_VERTICAL};
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

/// An idea and its nested ideas as an indented outline, top-left at the origin.
pub(crate) struct Block {
    pub items: Vec<(NodeId, Point)>,
    pub size: Size,
    /// Height of the head idea, to line heads up in a grid row.
    pub head_h: f32,
}

/// The outline of `root`'s subtree: each nested idea below the previous one, indented by
/// [`NEST_INDENT`] per level, siblings in reading order (iterative: deep chains cannot overflow).
pub(crate) fn block(table: &Table, root: NodeId, sizes: &Sizes) -> Block {
    let mut items = Vec::new();
    let (mut y, mut w) = (0.0f32, 0.0f32);
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if items.len() > table.len() {
            break; // a malformed loop; `validate` reports it
        }
        let s = sizes.get(id);
        if !items.is_empty() {
            y += GAP;
        }
        let x = depth as f32 * NEST_INDENT;
        items.push((id, Point::new(x + s.w / 2.0, y + s.h / 2.0)));
        w = w.max(x + s.w);
        y += s.h;
        let children = reading_order(table, &table.children(id));
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    Block {
        items,
        size: Size::new(w, y),
        head_h: sizes.get(root).h,
    }
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
    for row in blocks.chunks(cols) {
        let head = row.iter().map(|b| b.head_h).fold(0.0, f32::max);
        let mut bottom = y;
        for (c, b) in row.iter().enumerate() {
            let left = if align_right {
                col_x[c] + col_w[c] - b.size.w
            } else {
                col_x[c]
            };
            let top = y + (head - b.head_h) / 2.0;
            items.extend(
                b.items
                    .iter()
                    .map(|&(id, p)| (id, p + Point::new(left, top))),
            );
            bottom = bottom.max(top + b.size.h);
        }
        y = bottom + GAP;
    }
    let height = (y - GAP).max(0.0);
    Group {
        items,
        bbox: Rect {
            min: Point::ZERO,
            max: Point::new(width, height),
        },
    }
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
        let b = block(table, root, sizes);
        let d = Point::new(-own.w / 2.0, -own.h / 2.0);
        let items: Vec<(NodeId, Point)> = b.items.iter().map(|&(id, p)| (id, p + d)).collect();
        let bbox = Rect {
            min: d,
            max: d + Point::new(b.size.w, b.size.h),
        };
        return Group { items, bbox };
    }
    let blocks: Vec<Block> = reading_order(table, &table.children(root))
        .into_iter()
        .map(|c| block(table, c, sizes))
        .collect();
    let mut items = vec![(root, Point::ZERO)];
    if blocks.is_empty() {
        return Group {
            items,
            bbox: own_rect,
        };
    }
    let g = grid(&blocks, columns(blocks.len(), side), side == Side::Left);
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
