//! Curved edges between node boxes: cubic Béziers leaving the parent's border and entering the
//! child's, with tangents along the map's reading direction (sideways for the branches left and
//! right of the question, up/down for the ones above and below), like a hand-drawn mind map.

use super::SceneStyle;
use super::color::{LINK, edge_color};
use crate::geom::{Point, Rect};
use crate::model::{NodeId, NodeKind, Table};

/// One edge, ready to paint: a cubic Bézier `points[0] → points[3]` with control points
/// `points[1]`, `points[2]`, in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeVisual {
    pub from: NodeId,
    pub to: NodeId,
    pub points: [Point; 4],
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

#[derive(Clone, Copy, PartialEq, Debug)]
enum Axis {
    Horizontal,
    Vertical,
}

/// The reading direction of a branch that leaves `from` towards `to`: sideways when the offset
/// is mostly horizontal. The layout uses the same rule to put a theme's ideas beside or
/// above/below it, so the curves follow the arrangement.
fn axis_of(from: Point, to: Point) -> Axis {
    let d = to - from;
    if d.x.abs() >= d.y.abs() {
        Axis::Horizontal
    } else {
        Axis::Vertical
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
    let points = tree_points(table, parent, from, to, rect_of);
    EdgeVisual {
        from: parent,
        to: child,
        points,
        width: base_width(pkind, ckind) * style.edge_width_factor,
        color: edge_color(branch),
        dashed: false,
    }
}

/// The curve of a tree edge from `parent` (box `from`) to a child (box `to`), by the parent's
/// kind.
fn tree_points(
    table: &Table,
    parent: NodeId,
    from: Rect,
    to: Rect,
    rect_of: &impl Fn(NodeId) -> Option<Rect>,
) -> [Point; 4] {
    match table.node(parent).map_or(NodeKind::Idea, |n| n.kind) {
        NodeKind::Question => s_curve(from, to, axis_of(from.center(), to.center())),
        NodeKind::Theme => {
            // Ideas branch off a theme in the direction the theme branches off the question.
            let origin = table
                .parent(parent)
                .and_then(rect_of)
                .map_or(from.center(), |r| r.center());
            let axis = if origin == from.center() {
                axis_of(from.center(), to.center())
            } else {
                axis_of(origin, from.center())
            };
            s_curve(from, to, axis)
        }
        NodeKind::Idea => elbow(from, to)
            .unwrap_or_else(|| s_curve(from, to, axis_of(from.center(), to.center()))),
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
        link_points(from, to)
    } else {
        tree_points(table, edge.from, from, to, rect_of)
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
        points: link_points(from, to),
        width: 1.5 * style.edge_width_factor,
        color: LINK,
        dashed: true,
    }
}

/// A cross-link's arc: from border to border, bent to the left of the travel direction by a
/// tenth of the length.
fn link_points(from: Rect, to: Rect) -> [Point; 4] {
    let (a, b) = (from.center(), to.center());
    let start = border_towards(from, b);
    let end = border_towards(to, a);
    let d = end - start;
    let bend = Point::new(d.y, -d.x) * 0.1;
    [
        start,
        start + d * (1.0 / 3.0) + bend,
        start + d * (2.0 / 3.0) + bend,
        end,
    ]
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

/// An S-curve from the side of `from` facing `to` into the facing side of `to`, with tangents
/// along `preferred` when the boxes are apart on that axis (else along the other one).
fn s_curve(from: Rect, to: Rect, preferred: Axis) -> [Point; 4] {
    let x_apart = to.min.x >= from.max.x || to.max.x <= from.min.x;
    let y_apart = to.min.y >= from.max.y || to.max.y <= from.min.y;
    let axis = match preferred {
        Axis::Horizontal if x_apart => Axis::Horizontal,
        Axis::Vertical if y_apart => Axis::Vertical,
        _ if x_apart => Axis::Horizontal,
        _ if y_apart => Axis::Vertical,
        // Overlapping boxes (mid-drag): a straight line, mostly hidden under the nodes.
        _ => {
            let (a, b) = (from.center(), to.center());
            return [a, a + (b - a) * (1.0 / 3.0), a + (b - a) * (2.0 / 3.0), b];
        }
    };
    match axis {
        // Fan the start points a little along the parent's side, towards each child.
        Axis::Horizontal => s_curve_along_x(from, to, 0.15, 6.0),
        Axis::Vertical => s_curve_along_x(transposed(from), transposed(to), 0.3, 10.0).map(flip),
    }
}

/// The S-curve with horizontal tangents; the vertical one is the same drawn transposed. The
/// start fans along the parent's side by `fan` of the offset between centres, keeping `inset`
/// from its ends.
fn s_curve_along_x(from: Rect, to: Rect, fan: f32, inset: f32) -> [Point; 4] {
    let (fc, tc) = (from.center(), to.center());
    let dir = if tc.x >= fc.x { 1.0 } else { -1.0 };
    let sx = if dir > 0.0 { from.max.x } else { from.min.x };
    let ex = if dir > 0.0 { to.min.x } else { to.max.x };
    let reach = (from.height() / 2.0 - inset).max(0.0);
    let sy = fc.y + ((tc.y - fc.y) * fan).clamp(-reach, reach);
    let k = ((ex - sx).abs() * 0.5).max(12.0) * dir;
    let (s, e) = (Point::new(sx, sy), Point::new(ex, tc.y));
    [s, Point::new(sx + k, sy), Point::new(ex - k, tc.y), e]
}

/// `p` with x and y swapped.
fn flip(p: Point) -> Point {
    Point::new(p.y, p.x)
}

/// `r` with x and y swapped.
fn transposed(r: Rect) -> Rect {
    Rect {
        min: flip(r.min),
        max: flip(r.max),
    }
}

/// Indent of a nested idea under its parent idea, as the layout places it; the elbow edge drops
/// from inside that indent.
pub const ELBOW_INSET: f32 = 12.0;

/// An outline-style elbow for an idea nested under another: down from the parent's bottom edge,
/// then curving right into the child's left side. `None` unless the child sits below and indented.
fn elbow(from: Rect, to: Rect) -> Option<[Point; 4]> {
    let sx = from.min.x + ELBOW_INSET;
    if to.min.y < from.max.y || to.min.x < sx + 4.0 || to.min.x > from.max.x {
        return None;
    }
    let s = Point::new(sx, from.max.y);
    let e = Point::new(to.min.x, to.center().y);
    Some([
        s,
        Point::new(sx, s.y + (e.y - s.y) * 0.9),
        Point::new(sx + (e.x - sx) * 0.1, e.y),
        e,
    ])
}

/// Where the ray from the centre of `r` towards `target` leaves `r`.
fn border_towards(r: Rect, target: Point) -> Point {
    let c = r.center();
    let d = target - c;
    let (hw, hh) = (r.width() / 2.0, r.height() / 2.0);
    if d.x == 0.0 && d.y == 0.0 {
        return c;
    }
    let tx = if d.x != 0.0 {
        hw / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y != 0.0 {
        hh / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Size;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_center_size(Point::new(x, y), Size::new(w, h))
    }

    #[test]
    fn sideways_children_get_horizontal_s_curves_from_the_facing_side() {
        let [s, c1, c2, e] = s_curve(
            rect(0.0, 0.0, 100.0, 40.0),
            rect(300.0, 120.0, 150.0, 60.0),
            Axis::Horizontal,
        );
        assert_eq!(s.x, 50.0);
        assert_eq!(e, Point::new(225.0, 120.0));
        assert_eq!(c1.y, s.y);
        assert_eq!(c2.y, e.y);
        assert!(c1.x > s.x && c2.x < e.x);
    }

    #[test]
    fn children_above_get_vertical_curves_into_their_bottom() {
        let [s, _, _, e] = s_curve(
            rect(0.0, 0.0, 300.0, 80.0),
            rect(40.0, -200.0, 120.0, 40.0),
            Axis::Vertical,
        );
        assert_eq!(s.y, -40.0);
        assert_eq!(e, Point::new(40.0, -180.0));
    }

    #[test]
    fn nested_ideas_get_an_elbow_and_overlaps_a_straight_line() {
        let parent = rect(0.0, 0.0, 150.0, 63.0);
        let child = rect(24.0, 80.0, 150.0, 63.0);
        let [s, _, _, e] = elbow(parent, child).expect("child is below and indented");
        assert_eq!(s, Point::new(-75.0 + ELBOW_INSET, 31.5));
        assert_eq!(e, Point::new(-51.0, 80.0));
        let [a, _, _, b] = s_curve(parent, rect(10.0, 10.0, 150.0, 63.0), Axis::Horizontal);
        assert_eq!((a, b), (Point::new(0.0, 0.0), Point::new(10.0, 10.0)));
    }

    #[test]
    fn border_point_lies_on_the_box() {
        let r = rect(0.0, 0.0, 100.0, 40.0);
        assert_eq!(
            border_towards(r, Point::new(500.0, 0.0)),
            Point::new(50.0, 0.0)
        );
        assert_eq!(
            border_towards(r, Point::new(0.0, -500.0)),
            Point::new(0.0, -20.0)
        );
    }
}
