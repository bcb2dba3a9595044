//! Edges ready to paint: the curves `layout::curve` runs between node boxes, with their
//! colours, widths and dashes.

use super::SceneStyle;
use super::color::{LINK, edge_color};
use crate::geom::Rect;
use crate::layout::curve::{Curve, link_curve, tree_curve};
use crate::model::{NodeId, NodeKind, Table};

/// One edge, ready to paint: a cubic Bézier `points[0] → points[3]` with control points
/// `points[1]`, `points[2]`, in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeVisual {
    pub from: NodeId,
    pub to: NodeId,
    pub points: Curve,
    pub width: f32,
    pub color: crate::model::Rgb,
    /// Cross-links are dashed so they never read as part of the tree.
    pub dashed: bool,
}

/// Dash and gap lengths of a dashed edge, in canvas units (shared by the canvas and SVG).
pub const DASH: [f32; 2] = [8.0, 6.0];

/// Stroke width of a tree edge at 100 %, before the style's factor.
fn base_width(parent: NodeKind, child: NodeKind) -> f32 {
    match (parent, child) {
        (NodeKind::Question, NodeKind::Theme) => 3.0,
        (NodeKind::Question, _) | (NodeKind::Theme, _) => 2.0,
        _ => 1.5,
    }
}

/// The edge from `parent` to its child `child`, given both boxes, drawn in `branch`'s colour.
/// `rect_of` gives other nodes' boxes (used for the grandparent, whose direction sets how a
/// theme's ideas branch off).
#[allow(clippy::too_many_arguments)]
fn edge_in_branch(
    table: &Table,
    parent: NodeId,
    child: NodeId,
    from: Rect,
    to: Rect,
    style: &SceneStyle,
    rect_of: &impl Fn(NodeId) -> Option<Rect>,
    branch: crate::model::Rgb,
) -> EdgeVisual {
    let pkind = table.node(parent).map_or(NodeKind::Idea, |n| n.kind);
    let ckind = table.node(child).map_or(NodeKind::Idea, |n| n.kind);
    let points = tree_curve(table, parent, from, to, rect_of);
    EdgeVisual {
        from: parent,
        to: child,
        points,
        width: base_width(pkind, ckind) * style.edge_width_factor,
        color: edge_color(branch),
        dashed: false,
    }
}

/// Redraws `edge`'s curve between its ends' boxes as they are now, keeping its colour and
/// width (a scene patched after notes moved or were rewritten: see
/// [`super::patch_ideas`]).
pub(crate) fn reshape(
    edge: &mut EdgeVisual,
    table: &Table,
    rect_of: &impl Fn(NodeId) -> Option<Rect>,
) {
    let (Some(from), Some(to)) = (rect_of(edge.from), rect_of(edge.to)) else {
        return;
    };
    edge.points = if edge.dashed {
        link_curve(from, to)
    } else {
        tree_curve(table, edge.from, from, to, rect_of)
    };
}

/// A cross-link: a gentle dashed arc between the two borders.
pub fn link_edge(
    from_id: NodeId,
    to_id: NodeId,
    from: Rect,
    to: Rect,
    style: &SceneStyle,
) -> EdgeVisual {
    EdgeVisual {
        from: from_id,
        to: to_id,
        points: link_curve(from, to),
        width: 1.5 * style.edge_width_factor,
        color: LINK,
        dashed: true,
    }
}

/// Every edge of a table: tree edges, then cross-links. Edges whose ends have no box (culled or
/// unknown) are skipped.
pub fn edge_visuals(
    table: &Table,
    style: &SceneStyle,
    rect_of: impl Fn(NodeId) -> Option<Rect>,
) -> Vec<EdgeVisual> {
    // Colours for the whole table at once: walking up from every edge is quadratic on a chain.
    edge_visuals_in(table, &super::color::Branches::of(table), style, rect_of)
}

/// [`edge_visuals`] with the table's colours already worked out (a scene needs them for its
/// notes too).
pub fn edge_visuals_in(
    table: &Table,
    branches: &super::color::Branches,
    style: &SceneStyle,
    rect_of: impl Fn(NodeId) -> Option<Rect>,
) -> Vec<EdgeVisual> {
    let mut out = Vec::new();
    for id in table.node_ids() {
        let Some(parent) = table.parent(id) else {
            continue;
        };
        if let (Some(from), Some(to)) = (rect_of(parent), rect_of(id)) {
            let pkind = table.node(parent).map_or(NodeKind::Idea, |n| n.kind);
            let branch = branches
                .color(id)
                .or_else(|| branches.color(parent))
                .unwrap_or_else(|| {
                    super::color::node_colors_in(branches, table, parent, pkind).fill
                });
            out.push(edge_in_branch(
                table, parent, id, from, to, style, &rect_of, branch,
            ));
        }
    }
    for (a, b) in table.links() {
        if let (Some(from), Some(to)) = (rect_of(a), rect_of(b)) {
            out.push(link_edge(a, b, from, to, style));
        }
    }
    out
}
