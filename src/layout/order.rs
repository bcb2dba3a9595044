//! The orders in which a map is read: themes clockwise from 12 o'clock, notes in rows like a
//! page. Presentation steps, outline exports and the layout itself (which keeps these orders when
//! it rearranges, so a user's rough ordering survives) all use them.

use crate::geom::Point;
use crate::model::{Node, NodeId, Table};
use std::collections::HashSet;
use std::f32::consts::TAU;

/// Two notes whose centres are closer than this vertically are read as one row. Smaller than
/// any note is tall, larger than the wobble of hand-dragged notes.
pub const ROW_TOLERANCE: f32 = 24.0;

/// Angle of `d` clockwise from 12 o'clock (screen coordinates: y grows downwards), in [0, 2π).
pub fn clock_angle(d: Point) -> f32 {
    let a = d.x.atan2(-d.y);
    if a < 0.0 { a + TAU } else { a }
}

/// `ids` sorted clockwise around `around`, starting at 12 o'clock. Nodes sitting on `around`
/// itself (a fresh import puts everything at the origin) come last, in id order. Unknown ids are
/// dropped.
pub fn clockwise(table: &Table, ids: &[NodeId], around: Point) -> Vec<NodeId> {
    let mut keyed: Vec<(bool, f32, NodeId)> = ids
        .iter()
        .filter_map(|&id| {
            let d = table.node(id)?.pos - around;
            let centred = d.length() < 1e-3;
            Some((centred, if centred { 0.0 } else { clock_angle(d) }, id))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    keyed.dedup_by_key(|k| k.2);
    keyed.into_iter().map(|k| k.2).collect()
}

/// `ids` in reading order: rows from top to bottom (centres within [`ROW_TOLERANCE`] of a row's
/// first note share it), each row left to right; exact ties by id. Unknown ids are dropped.
pub fn reading_order(table: &Table, ids: &[NodeId]) -> Vec<NodeId> {
    let mut v: Vec<(Point, NodeId)> = ids
        .iter()
        .filter_map(|&id| Some((table.node(id)?.pos, id)))
        .collect();
    v.sort_by(|a, b| {
        a.0.y
            .total_cmp(&b.0.y)
            .then(a.0.x.total_cmp(&b.0.x))
            .then(a.1.cmp(&b.1))
    });
    v.dedup_by_key(|k| k.1);
    let mut out = Vec::with_capacity(v.len());
    let mut row: Vec<(Point, NodeId)> = Vec::new();
    let flush = |row: &mut Vec<(Point, NodeId)>, out: &mut Vec<NodeId>| {
        row.sort_by(|a, b| {
            a.0.x
                .total_cmp(&b.0.x)
                .then(a.0.y.total_cmp(&b.0.y))
                .then(a.1.cmp(&b.1))
        });
        out.extend(row.drain(..).map(|r| r.1));
    };
    for item in v {
        if row
            .first()
            .is_some_and(|first| item.0.y > first.0.y + ROW_TOLERANCE)
        {
            flush(&mut row, &mut out);
        }
        row.push(item);
    }
    flush(&mut row, &mut out);
    out
}

/// The question's children in presentation order: the user's `theme_order` first (ids that
/// still name a child), then the others clockwise.
pub fn branch_order(table: &Table) -> Vec<NodeId> {
    let q = table.question();
    let children = table.children(q);
    // Sets, not list searches: a question with thousands of branches stays linear.
    let is_child: HashSet<NodeId> = children.iter().copied().collect();
    let mut placed: HashSet<NodeId> = HashSet::new();
    let mut out: Vec<NodeId> = Vec::new();
    for id in &table.theme_order {
        if is_child.contains(id) && placed.insert(*id) {
            out.push(*id);
        }
    }
    let rest: Vec<NodeId> = children
        .into_iter()
        .filter(|c| !placed.contains(c))
        .collect();
    out.extend(clockwise(table, &rest, table.question_node().pos));
    out
}

/// The map as an outline: the question (depth 0), its themes (and ideas hanging directly off it)
/// in [`branch_order`], each followed by its ideas in reading order, recursively, with their depth.
/// Unsorted ideas are not part of the outline: they are listed by `Table::unsorted`.
pub fn outline_order(table: &Table) -> Vec<(NodeId, usize)> {
    outline_order_where(table, |_| true)
}

/// [`outline_order`] without the nodes `keep` refuses, nor anything below them (the
/// presentation leaves out hidden branches this way).
pub fn outline_order_where(table: &Table, keep: impl Fn(&Node) -> bool) -> Vec<(NodeId, usize)> {
    let mut out = vec![(table.question(), 0)];
    let mut stack: Vec<(NodeId, usize)> = branch_order(table)
        .into_iter()
        .rev()
        .map(|c| (c, 1))
        .collect();
    while let Some((id, depth)) = stack.pop() {
        // A malformed file could loop; a tree never yields more entries than the table has nodes.
        if out.len() > table.len() {
            break;
        }
        if table.node(id).is_none_or(|n| !keep(n)) {
            continue;
        }
        out.push((id, depth));
        let children = reading_order(table, &table.children(id));
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cafe, CafeInfo, Node, NodeKind};

    fn table_with(points: &[(f32, f32)]) -> (Table, Vec<NodeId>) {
        let cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q");
        let q = t.question();
        let mut ids = Vec::new();
        for &(x, y) in points {
            let id = cafe.alloc_id();
            t.insert(
                Node::new(id, NodeKind::Theme, "T").at(Point::new(x, y)),
                Some(q),
            )
            .unwrap();
            ids.push(id);
        }
        (t, ids)
    }

    #[test]
    fn clockwise_starts_at_noon() {
        let (t, ids) = table_with(&[
            (-100.0, 0.0),
            (0.0, 100.0),
            (100.0, 0.0),
            (10.0, -100.0),
            (0.0, 0.0),
        ]);
        let order = clockwise(&t, &ids, Point::ZERO);
        assert_eq!(order, vec![ids[3], ids[2], ids[1], ids[0], ids[4]]);
    }

    #[test]
    fn reading_order_reads_rows_then_columns() {
        let (t, ids) = table_with(&[(200.0, 5.0), (0.0, 100.0), (0.0, 0.0), (100.0, -10.0)]);
        assert_eq!(
            reading_order(&t, &ids),
            vec![ids[2], ids[3], ids[0], ids[1]]
        );
    }

    #[test]
    fn outline_follows_theme_order_then_clock_and_recurses() {
        let (mut t, ids) = table_with(&[(100.0, 0.0), (-100.0, 0.0)]);
        let (i1, i2, sub) = (NodeId(100), NodeId(101), NodeId(102));
        t.insert(
            Node::new(i1, NodeKind::Idea, "b").at(Point::new(0.0, 90.0)),
            Some(ids[0]),
        )
        .unwrap();
        t.insert(
            Node::new(i2, NodeKind::Idea, "a").at(Point::new(0.0, 10.0)),
            Some(ids[0]),
        )
        .unwrap();
        t.insert(Node::new(sub, NodeKind::Idea, "c"), Some(i1))
            .unwrap();
        let q = t.question();
        assert_eq!(
            outline_order(&t),
            vec![(q, 0), (ids[0], 1), (i2, 2), (i1, 2), (sub, 3), (ids[1], 1)]
        );
        t.theme_order = vec![ids[1], NodeId(999)];
        assert_eq!(outline_order(&t)[1], (ids[1], 1));
    }
}
