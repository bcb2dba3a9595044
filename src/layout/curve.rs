//! Where an edge runs: the curves between node boxes, as every picture draws them (cubic
//! Béziers leaving the parent's border and entering the child's, with tangents along the map's
//! reading direction: sideways for the branches left and right of the question, up/down for the
//! ones above and below, like a hand-drawn mind map). Placement reads them too, so that a new
//! note never lands on an edge nor sends its own behind another note.

use crate::geom::{Point, Rect};
use crate::model::{NodeId, NodeKind, Table};

/// A cubic Bézier `[start, control, control, end]`, in canvas units.
pub type Curve = [Point; 4];

/// The point at `t` (0 at the start, 1 at the end) along `curve`.
fn point_at(curve: &Curve, t: f32) -> Point {
    let [a, b, c, d] = *curve;
    let u = 1.0 - t;
    a * (u * u * u) + b * (3.0 * u * u * t) + c * (3.0 * u * t * t) + d * (t * t * t)
}

/// `curve` as a line of `pieces` straight pieces, start to end.
pub fn polyline(curve: &Curve, pieces: usize) -> Vec<Point> {
    let pieces = pieces.max(1);
    (0..=pieces)
        .map(|i| point_at(curve, i as f32 / pieces as f32))
        .collect()
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

/// The curve of a tree edge from `parent` (box `from`) to a child (box `to`), by the parent's
/// kind.
pub fn tree_curve(
    table: &Table,
    parent: NodeId,
    from: Rect,
    to: Rect,
    rect_of: &impl Fn(NodeId) -> Option<Rect>,
) -> Curve {
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

/// A cross-link's arc: from border to border, bent to the left of the travel direction by a
/// tenth of the length.
pub fn link_curve(from: Rect, to: Rect) -> Curve {
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

/// An S-curve from the side of `from` facing `to` into the facing side of `to`, with tangents
/// along `preferred` when the boxes are apart on that axis (else along the other one).
fn s_curve(from: Rect, to: Rect, preferred: Axis) -> Curve {
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
fn s_curve_along_x(from: Rect, to: Rect, fan: f32, inset: f32) -> Curve {
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
const ELBOW_INSET: f32 = 12.0;

/// An outline-style elbow for an idea nested under another: down from the parent's bottom edge,
/// then curving right into the child's left side. `None` unless the child sits below and indented.
fn elbow(from: Rect, to: Rect) -> Option<Curve> {
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
