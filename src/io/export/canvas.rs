//! JSON Canvas 1.0 (<https://jsoncanvas.org>), which Obsidian and other whiteboards open.
//!
//! Every node becomes a text node at its place on the map, sized and coloured as CaféMap draws
//! it; every tree edge an edge from parent to child. Each table sits in a group frame labelled
//! with its number, the tables side by side. Ids say what a node is
//! (`q` question, `t` theme, `i` idea, `u` unsorted idea, then our node id; edges `e<child>` and
//! `l<from>-<to>` for cross-links) so that our importer rebuilds the café exactly.

use super::{ExportOptions, selected_tables, walk};
use crate::geom::{Point, Rect};
use crate::io::FileError;
use crate::model::{Cafe, NodeId, NodeKind, Rgb, Table};
use crate::render;
use crate::text::layout_node_text;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Space between two tables' frames, and between a frame and what it holds.
const TABLE_GAP: f32 = 160.0;
const FRAME_MARGIN: f32 = 40.0;

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let mut nodes: Vec<Value> = Vec::new();
    let mut edges: Vec<Value> = Vec::new();
    let mut cursor_x = 0.0f32;
    for (index, table) in selected_tables(cafe, options)? {
        let pos = positions(table);
        let at = |id: NodeId| pos.get(&id).copied().unwrap_or(Point::ZERO);
        let order = order(table);
        let rects: Vec<(NodeId, Rect)> = order
            .iter()
            .filter_map(|&id| {
                let n = table.node(id)?;
                Some((
                    id,
                    Rect::from_center_size(at(id), layout_node_text(n.kind, &n.text).size),
                ))
            })
            .collect();
        let bounds = rects.iter().fold(Rect::NOTHING, |acc, (_, r)| acc.union(r));
        if bounds.is_empty() {
            continue;
        }
        // Shift the table so its frame starts where the previous one ended, tops aligned.
        let frame = bounds.expand(FRAME_MARGIN);
        let shift = Point::new(cursor_x - frame.min.x, -frame.min.y);
        let frame = frame.translate(shift);
        cursor_x = frame.max.x + TABLE_GAP;
        nodes.push(json!({
            "id": format!("g{}", table.question().0),
            "type": "group",
            "label": format!("Table {}", index + 1),
            "x": round(frame.min.x),
            "y": round(frame.min.y),
            "width": round(frame.width()),
            "height": round(frame.height()),
        }));
        let branches = render::Branches::of(table);
        for (id, rect) in rects {
            let Some(n) = table.node(id) else { continue };
            let r = rect.translate(shift);
            let mut node = json!({
                "id": node_key(table, id),
                "type": "text",
                // Canvas texts are Markdown, rendered with their HTML.
                "text": super::markdown::escape_html(&n.text),
                "x": round(r.min.x),
                "y": round(r.min.y),
                "width": round(r.width()),
                "height": round(r.height()),
            });
            if let (Some(c), Some(obj)) = (colour(&branches, table, id), node.as_object_mut()) {
                obj.insert("color".to_owned(), Value::String(c.hex()));
            }
            nodes.push(node);
            if let Some(p) = table.parent(id) {
                edges.push(json!({
                    "id": format!("e{}", id.0),
                    "fromNode": node_key(table, p),
                    "toNode": node_key(table, id),
                }));
            }
        }
        for (a, b) in table.links() {
            edges.push(json!({
                "id": format!("l{}-{}", a.0, b.0),
                "fromNode": node_key(table, a),
                "toNode": node_key(table, b),
                "toEnd": "none",
            }));
        }
    }
    let doc = json!({ "nodes": nodes, "edges": edges });
    let mut bytes = serde_json::to_vec_pretty(&doc)
        .map_err(|e| FileError::new(format!("could not write the canvas: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The colour a whiteboard should give the node. Canvas apps draw a coloured node as a light
/// tint with a coloured border, much as CaféMap draws sticky notes, so ideas get their branch's
/// colour (not the paper tint) and the question and themes their fill.
fn colour(branches: &render::Branches, table: &Table, id: NodeId) -> Option<Rgb> {
    let node = table.node(id)?;
    let fill = branches.fill(table, id);
    match node.kind {
        NodeKind::Idea => branches.color(id).or(fill),
        NodeKind::Question | NodeKind::Theme => fill,
    }
}

/// Canvas coordinates are integers.
fn round(v: f32) -> i64 {
    v.round() as i64
}

/// The question, its tree in reading order, then the unsorted ideas with theirs.
fn order(table: &Table) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = walk(table, table.question())
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for u in super::reading_order(table, &table.unsorted()) {
        out.extend(walk(table, u).into_iter().map(|(id, _)| id));
    }
    out
}

/// Our id for a node: its kind letter and number.
fn node_key(table: &Table, id: NodeId) -> String {
    let letter = match table.node(id).map(|n| n.kind) {
        Some(NodeKind::Question) => 'q',
        Some(NodeKind::Theme) => 't',
        Some(NodeKind::Idea) if table.parent(id).is_none() => 'u',
        _ => 'i',
    };
    format!("{letter}{}", id.0)
}

/// Where each node is drawn. A table never laid out (every node on one spot, as straight from
/// an importer that skipped layout) is arranged first so the canvas is readable.
fn positions(table: &Table) -> HashMap<NodeId, Point> {
    let q = table.question_node().pos;
    let stacked = table.len() > 1 && table.nodes().all(|n| n.pos.distance(q) < 1e-3);
    if stacked {
        crate::layout::arrange_table(table).into_iter().collect()
    } else {
        table.nodes().map(|n| (n.id, n.pos)).collect()
    }
}
