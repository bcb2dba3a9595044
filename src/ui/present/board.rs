//! One table arranged for a projector. No egui here.
//!
//! The editor's map is sized for a laptop: at fit, a table of fifteen notes shows them in
//! 10-pixel type. On a projector the rule is the other way round: no text smaller than 1/40 of
//! the screen height, and long notes get more room, not smaller letters. So a presented table is
//! laid out again, with projector type sizes, as a tree growing downwards: the question on top,
//! its branches in a row below it in presentation order (left to right), each branch's notes
//! stacked under it in reading order, nested ideas indented. Every column's width is chosen so the
//! whole table fits a 16:9 screen at the largest type: the tallest column is widened (its notes
//! wrap into fewer lines) for as long as that helps.

use crate::geom::{Point, Rect, Size};
use crate::model::{Cafe, NodeId, NodeKind, Rgb, Table};
use crate::render::{self, EdgeVisual, NodeVisual};
use crate::text::{TextBlock, measure, wrap};

/// Line height as a multiple of the font size (a little tighter than the editor's: big type).
pub const LINE: f32 = 1.22;

/// Type and box of one kind of node on the projector.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub font: f32,
    pub bold: bool,
    pub pad_x: f32,
    pub pad_y: f32,
    pub radius: f32,
    pub border: f32,
    /// Narrowest box (a one-word theme still reads as a label).
    pub min_width: f32,
}

pub const QUESTION: Look = Look {
    font: 32.0,
    bold: true,
    pad_x: 30.0,
    pad_y: 18.0,
    radius: 18.0,
    border: 3.0,
    min_width: 320.0,
};
pub const THEME: Look = Look {
    font: 24.0,
    bold: true,
    pad_x: 22.0,
    pad_y: 10.0,
    radius: 24.0,
    border: 2.5,
    min_width: 180.0,
};
pub const IDEA: Look = Look {
    font: 21.0,
    bold: false,
    pad_x: 14.0,
    pad_y: 10.0,
    radius: 4.0,
    border: 1.5,
    min_width: 0.0,
};

impl Look {
    pub fn of(kind: NodeKind) -> Look {
        match kind {
            NodeKind::Question => QUESTION,
            NodeKind::Theme => THEME,
            NodeKind::Idea => IDEA,
        }
    }

    /// The wrapped text and box of `text` in a box at most `max_width` wide.
    pub fn block(&self, text: &str, max_width: f32) -> TextBlock {
        let lines = wrap(
            text,
            self.font,
            (max_width - 2.0 * self.pad_x).max(1.0),
            self.bold,
        );
        let widest = lines
            .iter()
            .map(|l| measure(l, self.font, self.bold))
            .fold(0.0f32, f32::max);
        let w = (widest + 2.0 * self.pad_x).max(self.min_width.min(max_width));
        let h = lines.len().max(1) as f32 * self.font * LINE + 2.0 * self.pad_y;
        TextBlock {
            lines,
            size: Size::new(w.ceil(), h.ceil()),
        }
    }
}

/// Column widths tried, narrowest first.
const WIDTHS: [f32; 7] = [300.0, 350.0, 410.0, 480.0, 560.0, 650.0, 760.0];
/// Space between two columns.
pub const COLUMN_GAP: f32 = 40.0;
/// Space between two notes of a column.
pub const NOTE_GAP: f32 = 12.0;
/// Space between a branch and its first note.
pub const HEAD_GAP: f32 = 22.0;
/// Space between the question and the branches: room for the curves.
pub const QUESTION_GAP: f32 = 60.0;
/// Indent of a nested idea under its parent.
pub const NEST: f32 = 36.0;
/// Widest the question's box gets (a very long question wraps rather than spanning the screen).
const QUESTION_MAX_WIDTH: f32 = 1100.0;

/// The screen the arrangement is made for: 16:9, with the camera's margin.
const TARGET: Size = Size::new(1920.0 - 2.0 * 38.0, 1080.0 - 2.0 * 38.0);

/// A table arranged for the projector, top-left at the origin.
#[derive(Clone, Debug, Default)]
pub struct Board {
    /// The presented nodes, in the order given to [`Board::new`].
    pub nodes: Vec<NodeVisual>,
    pub edges: Vec<EdgeVisual>,
    /// Each branch's column (the branch and all its notes), in presentation order.
    pub columns: Vec<(NodeId, Rect)>,
    pub bounds: Rect,
}

/// A branch of the question and what hangs under it, with depths from the branch (0).
struct Column<'a> {
    head: (NodeId, usize),
    notes: &'a [(NodeId, usize)],
}

impl Board {
    /// Arranges `order` (a table's presented nodes in reveal order with their depth below the
    /// question, as [`super::steps::reveal_order`] gives them).
    pub fn new(cafe: &Cafe, table: &Table, order: &[(NodeId, usize)]) -> Board {
        let columns = split(order);
        let Some(&(q, _)) = order.first() else {
            return Board::default();
        };
        let question = table.node(q).map_or("", |n| n.text.as_str());
        // Each column's heights at each width, wrapped once: the search below only adds up.
        let sizes: Vec<Vec<(f32, f32)>> = columns
            .iter()
            .map(|c| {
                WIDTHS
                    .iter()
                    .map(|&w| column_heights(cafe, table, c, w))
                    .collect()
            })
            .collect();
        let mut choice = vec![0usize; columns.len()];
        let mut best = score(question, &sizes, &choice);
        // Widen one column at a time, whichever helps most, while the whole table then fits at
        // a larger zoom, or at the same zoom with shorter columns (two equally tall columns
        // must both widen before the zoom grows).
        loop {
            let mut improved: Option<((f32, f32), Vec<usize>)> = None;
            for k in 0..choice.len() {
                for w in choice[k] + 1..WIDTHS.len() {
                    let mut tried = choice.clone();
                    tried[k] = w;
                    let sc = score(question, &sizes, &tried);
                    if better(sc, improved.as_ref().map_or(best, |i| i.0)) {
                        improved = Some((sc, tried));
                    }
                }
            }
            let Some((sc, tried)) = improved else {
                break;
            };
            (best, choice) = (sc, tried);
        }
        let widths: Vec<f32> = choice.iter().map(|&w| WIDTHS[w]).collect();
        place(cafe, table, order, &columns, &widths)
    }

    pub fn column(&self, branch: NodeId) -> Option<Rect> {
        self.columns.iter().find(|c| c.0 == branch).map(|c| c.1)
    }

    pub fn translated(mut self, d: Point) -> Board {
        for n in &mut self.nodes {
            n.rect = n.rect.translate(d);
        }
        for e in &mut self.edges {
            e.points = e.points.map(|p| p + d);
        }
        for c in &mut self.columns {
            c.1 = c.1.translate(d);
        }
        self.bounds = self.bounds.translate(d);
        self
    }
}

/// A column's head height and the height of its notes (0 without notes), at width `w`.
fn column_heights(cafe: &Cafe, table: &Table, col: &Column, w: f32) -> (f32, f32) {
    let text = |id: NodeId| table.node(id).map_or("", |n| n.text.as_str());
    let kind = table.node(col.head.0).map_or(NodeKind::Idea, |n| n.kind);
    let head = Look::of(kind).block(text(col.head.0), w).size.h;
    let mut notes = 0.0;
    let mut below = None;
    for &(id, depth) in col.notes {
        let indent = depth.saturating_sub(2) as f32 * NEST;
        notes += IDEA.block(text(id), w - indent).size.h;
        let reach = sticker_reach(cafe, table, id);
        if let Some(b) = below {
            notes += note_gap(b, reach.0);
        }
        below = Some(reach.1);
    }
    (head, notes)
}

/// How far note `id`'s dots and badge (above) and tag chips (below) stick out of its box in
/// the presentation's type.
fn sticker_reach(cafe: &Cafe, table: &Table, id: NodeId) -> (f32, f32) {
    let scale = IDEA.font / crate::text::NodeStyle::of(NodeKind::Idea).font_size;
    table.node(id).map_or((0.0, 0.0), |n| {
        render::Marks::of(cafe, table, n).reach(scale)
    })
}

/// Space between two stacked notes: the chips of the one above and the dots of the one below
/// stay clear of each other's boxes.
fn note_gap(chips_above: f32, dots_below: f32) -> f32 {
    NOTE_GAP + chips_above + dots_below
}

/// How well the columns at widths `choice` (indices into [`WIDTHS`]) fit the screen: the
/// board's zoom, then how short its columns are in total. Mirrors [`place`]'s geometry.
fn score(question: &str, sizes: &[Vec<(f32, f32)>], choice: &[usize]) -> (f32, f32) {
    let at = |k: usize| sizes[k][choice[k]];
    let row_w = choice.iter().map(|&w| WIDTHS[w]).sum::<f32>()
        + COLUMN_GAP * choice.len().saturating_sub(1) as f32;
    let q = QUESTION
        .block(
            question,
            row_w.clamp(QUESTION.min_width * 2.0, QUESTION_MAX_WIDTH),
        )
        .size;
    let head = (0..choice.len()).map(|k| at(k).0).fold(0.0f32, f32::max);
    let below = (0..choice.len())
        .map(|k| match at(k) {
            (h, 0.0) => h,
            (_, notes) => head + HEAD_GAP + notes,
        })
        .fold(0.0f32, f32::max);
    let height = q.h
        + if choice.is_empty() {
            0.0
        } else {
            QUESTION_GAP + below
        };
    let total: f32 = (0..choice.len()).map(|k| at(k).1).sum();
    (fit_zoom(Size::new(row_w.max(q.w), height)), -total)
}

/// `a` beats `b`: a larger zoom (by more than rounding), or as large with shorter columns.
fn better(a: (f32, f32), b: (f32, f32)) -> bool {
    if a.0 > b.0 * 1.001 {
        return true;
    }
    a.0 >= b.0 * 0.9999 && a.1 > b.1 + 0.5
}

/// The zoom at which a board of `size` fits the target screen.
fn fit_zoom(size: Size) -> f32 {
    (TARGET.w / size.w.max(1.0)).min(TARGET.h / size.h.max(1.0))
}

/// The columns of a reveal order: each depth-1 entry starts one.
fn split(order: &[(NodeId, usize)]) -> Vec<Column<'_>> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < order.len() {
        let start = i;
        i += 1;
        while i < order.len() && order[i].1 > 1 {
            i += 1;
        }
        out.push(Column {
            head: (order[start].0, 0),
            notes: &order[start + 1..i],
        });
    }
    out
}

/// The visual of a node in a box `rect`: the editor's look (colours, dots in the café's kind
/// colours, tags, origin) in the presentation's type.
fn visual(
    cafe: &Cafe,
    table: &Table,
    id: NodeId,
    block: TextBlock,
    rect: Rect,
) -> Option<NodeVisual> {
    let node = table.node(id)?;
    let look = Look::of(node.kind);
    let mut v = render::node_visual_in(cafe, table, node, &block);
    v.rect = rect;
    v.font_size = look.font;
    v.bold = look.bold;
    v.line_height = look.font * LINE;
    v.padding_x = look.pad_x;
    v.padding_y = look.pad_y;
    v.corner_radius = look.radius;
    v.border_width = look.border;
    Some(v)
}

fn place(
    cafe: &Cafe,
    table: &Table,
    order: &[(NodeId, usize)],
    columns: &[Column],
    widths: &[f32],
) -> Board {
    let text = |id: NodeId| table.node(id).map_or("", |n| n.text.as_str());
    let kind = |id: NodeId| table.node(id).map_or(NodeKind::Idea, |n| n.kind);
    // Heads first: the notes of every column start below the tallest head.
    let heads: Vec<TextBlock> = columns
        .iter()
        .zip(widths)
        .map(|(c, &w)| Look::of(kind(c.head.0)).block(text(c.head.0), w))
        .collect();
    let head_h = heads.iter().map(|b| b.size.h).fold(0.0f32, f32::max);
    let row_w = widths.iter().sum::<f32>() + COLUMN_GAP * widths.len().saturating_sub(1) as f32;

    let Some(&(q, _)) = order.first() else {
        return Board::default();
    };
    let q_block = QUESTION.block(
        text(q),
        row_w.clamp(QUESTION.min_width * 2.0, QUESTION_MAX_WIDTH),
    );
    let q_size = q_block.size;
    let width = row_w.max(q_size.w);
    let q_rect = Rect::from_center_size(Point::new(width / 2.0, q_size.h / 2.0), q_size);
    let mut nodes: Vec<NodeVisual> = Vec::with_capacity(order.len());
    nodes.extend(visual(cafe, table, q, q_block, q_rect));
    let mut edges = Vec::new();
    let mut out_columns = Vec::with_capacity(columns.len());

    let heads_top = q_rect.max.y + QUESTION_GAP;
    let notes_top = heads_top + head_h + HEAD_GAP;
    let mut x = (width - row_w) / 2.0;
    let n = columns.len();
    for (k, ((col, &w), head)) in columns.iter().zip(widths).zip(heads).enumerate() {
        let head_rect = Rect::from_center_size(
            Point::new(x + w / 2.0, heads_top + head.size.h / 2.0),
            head.size,
        );
        let head_id = col.head.0;
        nodes.extend(visual(cafe, table, head_id, head, head_rect));
        let colour = render::branch_color(table, head_id).unwrap_or_else(|| nodes[0].fill);
        edges.push(question_edge(
            (q, q_rect),
            (head_id, head_rect),
            k,
            n,
            colour,
        ));
        let mut column = head_rect;
        let mut y = notes_top;
        let mut below = None;
        // Where each depth's latest note is, for the elbows of nested ideas.
        let mut parents: Vec<(NodeId, Rect)> = vec![(head_id, head_rect)];
        for &(id, depth) in col.notes {
            let reach = sticker_reach(cafe, table, id);
            if let Some(b) = below {
                y += note_gap(b, reach.0);
            }
            below = Some(reach.1);
            let rel = depth.saturating_sub(2);
            let indent = rel as f32 * NEST;
            let block = IDEA.block(text(id), w - indent);
            let rect = Rect {
                min: Point::new(x + indent, y),
                max: Point::new(x + w, y + block.size.h),
            };
            nodes.extend(visual(cafe, table, id, block, rect));
            if rel > 0
                && let Some(parent) = parents.get(rel)
            {
                edges.push(nested_edge(*parent, (id, rect), colour));
            }
            parents.truncate(rel + 1);
            parents.push((id, rect));
            column = column.union(&rect);
            y = rect.max.y;
        }
        out_columns.push((head_id, column));
        x += w + COLUMN_GAP;
    }
    let bounds = nodes
        .iter()
        .fold(Rect::NOTHING, |acc, n| acc.union(&n.rect));
    Board {
        nodes,
        edges,
        columns: out_columns,
        bounds,
    }
}

/// The curve from the question down to branch `k` of `n`: the curves leave the question's
/// bottom spread along it, like a fan, and enter each branch from above.
fn question_edge(
    (qid, q): (NodeId, Rect),
    (hid, head): (NodeId, Rect),
    k: usize,
    n: usize,
    colour: Rgb,
) -> EdgeVisual {
    let inset = QUESTION.radius + 8.0;
    let span = (q.width() - 2.0 * inset).max(0.0);
    let sx = q.min.x + inset + span * (k as f32 + 0.5) / n.max(1) as f32;
    let start = Point::new(sx, q.max.y);
    let end = Point::new(head.center().x, head.min.y);
    let dy = (end.y - start.y) / 2.0;
    EdgeVisual {
        from: qid,
        to: hid,
        points: [
            start,
            Point::new(start.x, start.y + dy),
            Point::new(end.x, end.y - dy),
            end,
        ],
        width: 5.0,
        color: render::edge_color(colour),
        dashed: false,
    }
}

/// The elbow from an idea down to a nested idea, entering it from the left.
fn nested_edge(
    (pid, parent): (NodeId, Rect),
    (cid, child): (NodeId, Rect),
    colour: Rgb,
) -> EdgeVisual {
    let start = Point::new(parent.min.x + NEST / 2.0, parent.max.y);
    let end = Point::new(child.min.x, child.center().y);
    EdgeVisual {
        from: pid,
        to: cid,
        points: [
            start,
            Point::new(start.x, end.y),
            Point::new(start.x, end.y),
            end,
        ],
        width: 3.0,
        color: render::edge_color(colour),
        dashed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::present::steps::reveal_order;

    #[test]
    fn columns_follow_the_order_and_nothing_overlaps() {
        let cafe = crate::ui::example();
        for table in &cafe.tables {
            let order = reveal_order(table);
            let board = Board::new(&cafe, table, &order);
            assert_eq!(board.nodes.len(), order.len());
            let heads: Vec<NodeId> = order.iter().filter(|e| e.1 == 1).map(|e| e.0).collect();
            let cols: Vec<NodeId> = board.columns.iter().map(|c| c.0).collect();
            assert_eq!(cols, heads);
            for w in board.columns.windows(2) {
                assert!(w[0].1.max.x < w[1].1.min.x, "columns left to right");
            }
            for (i, a) in board.nodes.iter().enumerate() {
                for b in &board.nodes[i + 1..] {
                    assert!(
                        !a.rect.intersects(&b.rect),
                        "{} overlaps {}",
                        a.text(),
                        b.text()
                    );
                }
                for line in &a.lines {
                    let w = measure(line, a.font_size, a.bold);
                    assert!(
                        w <= a.rect.width() - 2.0 * a.padding_x + 0.5,
                        "{line:?} overflows"
                    );
                }
            }
        }
    }

    #[test]
    fn tag_chips_and_dots_stay_clear_of_the_next_note() {
        let mut cafe = crate::ui::example();
        // Every idea wears dots on its top edge and tags (one of them the action) on its bottom.
        for table in &mut cafe.tables {
            let ideas: Vec<NodeId> = table
                .nodes()
                .filter(|n| n.kind == NodeKind::Idea)
                .map(|n| n.id)
                .collect();
            for id in ideas {
                if let Some(n) = table.node_mut(id) {
                    n.tags = vec!["action".into(), "eau".into()];
                    n.votes = crate::model::Votes::single(3);
                }
            }
        }
        for table in &cafe.tables {
            let board = Board::new(&cafe, table, &reveal_order(table));
            for a in &board.nodes {
                let stickers = a.stickers();
                assert!(!stickers.is_empty() || a.kind != NodeKind::Idea);
                for b in board.nodes.iter().filter(|b| b.id != a.id) {
                    for k in &stickers {
                        assert!(
                            !k.rect.intersects(&b.rect),
                            "{:?} of {:?} covers {:?}",
                            k.text,
                            a.text(),
                            b.text()
                        );
                        for l in b.stickers() {
                            assert!(!k.rect.intersects(&l.rect), "two notes' stickers touch");
                        }
                    }
                }
            }
        }
    }
}
