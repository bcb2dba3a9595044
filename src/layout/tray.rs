//! The tray of unsorted notes, left of the map: its notes packed in reading order as a grid of
//! roughly 16:9 proportions. Arrange and the reflow after each change both place it from here, so
//! the tray never keeps a hole or a note grown over its neighbour.

use super::cluster::{self, Group};
use super::{EMPTY_TRAY, GAP, Sizes, TRAY_GAP, TRAY_MARGIN, order};
use crate::geom::{Point, Rect, Size};
use crate::model::{NodeId, Table};
use std::collections::HashSet;

/// The box of the map proper: every node except the unsorted notes and the ideas under them.
fn map_rect(table: &Table, size_of: &impl Fn(NodeId) -> Size) -> Rect {
    let tray = unsorted_branches(table);
    table
        .nodes()
        .filter(|n| !tray.contains(&n.id))
        .map(|n| Rect::from_center_size(n.pos, size_of(n.id)))
        .fold(Rect::NOTHING, |acc, r| acc.union(&r))
}

/// The unsorted notes and the ideas under them, found top-down in one pass: walking up from
/// every node was quadratic on a deep chain of ideas.
fn unsorted_branches(table: &Table) -> HashSet<NodeId> {
    table
        .unsorted()
        .into_iter()
        .flat_map(|r| table.subtree(r))
        .collect()
}

/// The unsorted notes in the tray, in reading order: those whose centre is left of every node of
/// the map. A note dragged out onto the wall beside a theme stays where it was put until it is
/// sorted. (Centres only, so telling the tray's notes costs no text wrapping.)
fn members(table: &Table) -> Vec<NodeId> {
    let unsorted = table.unsorted();
    if unsorted.is_empty() {
        return Vec::new();
    }
    let tray = unsorted_branches(table);
    let map_left = table
        .nodes()
        .filter(|n| !tray.contains(&n.id))
        .map(|n| n.pos.x)
        .fold(f32::INFINITY, f32::min);
    let inside: Vec<NodeId> = unsorted
        .into_iter()
        .filter(|&id| table.node(id).is_some_and(|n| n.pos.x < map_left))
        .collect();
    order::reading_order(table, &inside)
}

/// The unsorted notes in the tray, in reading order (see [`reflow_tray`]).
pub fn tray_notes(table: &Table) -> Vec<NodeId> {
    members(table)
}

/// `roots` (with their nested ideas) packed in their order as a grid of roughly 16:9
/// proportions, top-left at the origin, or `None` when there are none.
pub(super) fn tray_group(table: &Table, roots: &[NodeId], sizes: &Sizes) -> Option<Group> {
    if roots.is_empty() {
        return None;
    }
    let blocks: Vec<cluster::Block> = roots
        .iter()
        .map(|&r| cluster::block(table, r, sizes, false))
        .collect();
    let n = blocks.len() as f32;
    let cell_w = blocks.iter().map(|b| b.size.w + GAP).sum::<f32>() / n;
    let cell_h = blocks.iter().map(|b| b.size.h + GAP).sum::<f32>() / n;
    let rows = (n * cell_w / cell_h * 9.0 / 16.0).sqrt().ceil().max(1.0);
    let cols = (n / rows).ceil() as usize;
    Some(cluster::grid(&blocks, cols, false))
}

/// The tray moved left of the map, centred on it vertically.
pub(super) fn beside_map(tray: &Group, map: Rect) -> Group {
    let d = Point::new(
        map.min.x - TRAY_GAP - tray.bbox.max.x,
        map.center().y - tray.bbox.center().y,
    );
    tray.translated(d)
}

/// The moves that repack the tray after a change (a merge, a deletion, a note sorted or put
/// back, a note grown by editing): its notes in their reading order, beside the map as Arrange
/// puts it. Only the positions that change, in id order; empty when the tray is already packed.
pub fn reflow_tray(table: &Table) -> Vec<(NodeId, Point)> {
    let sizes = Sizes::of(table);
    let map = map_rect(table, &|id| sizes.get(id));
    let roots = members(table);
    let Some(group) = tray_group(table, &roots, &sizes) else {
        return Vec::new();
    };
    let group = if map.is_empty() {
        group
    } else {
        beside_map(&group, map)
    };
    let mut moves: Vec<(NodeId, Point)> = group
        .items
        .into_iter()
        .map(|(id, p)| (id, Point::new(p.x.round(), p.y.round())))
        .filter(|(id, p)| table.node(*id).is_some_and(|n| n.pos.distance(*p) > 0.5))
        .collect();
    moves.sort_by_key(|m| m.0);
    moves
}

/// The region of a table holding the tray's notes (at their current positions), with a margin;
/// when there are none, an empty region left of the map where notes can be dropped. Wraps every
/// node's text: the canvas, which keeps them wrapped, calls [`tray_rect_sized`] once per change.
pub fn tray_rect(table: &Table) -> Rect {
    let sizes = Sizes::of(table);
    tray_rect_sized(table, |id| sizes.get(id))
}

/// [`tray_rect`] with every node's box size given (`size_of`), so nothing is wrapped again.
pub fn tray_rect_sized(table: &Table, size_of: impl Fn(NodeId) -> Size) -> Rect {
    let map = map_rect(table, &size_of);
    let notes: Vec<NodeId> = members(table)
        .into_iter()
        .flat_map(|r| table.subtree(r))
        .collect();
    if !notes.is_empty() {
        let bbox = notes
            .iter()
            .filter_map(|&id| Some(Rect::from_center_size(table.node(id)?.pos, size_of(id))))
            .fold(Rect::NOTHING, |acc, r| acc.union(&r));
        return bbox.expand(TRAY_MARGIN);
    }
    let right = map.min.x - TRAY_GAP;
    Rect::from_center_size(
        Point::new(right - EMPTY_TRAY.w / 2.0, map.center().y),
        EMPTY_TRAY,
    )
}
