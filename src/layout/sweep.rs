//! Collision resolution by sliding: a whole branch moves outwards along its ray until its box
//! clears every obstacle. Exact (interval arithmetic, no stepping) and O(obstacles · log).

use crate::geom::{Point, Rect};

/// The open range of `s` for which the interval `[a0, a1] + s·v` overlaps `(b0, b1)`.
fn overlap_range(a0: f32, a1: f32, b0: f32, b1: f32, v: f32) -> (f32, f32) {
    if v.abs() < 1e-9 {
        return if a0 < b1 && b0 < a1 {
            (f32::NEG_INFINITY, f32::INFINITY)
        } else {
            (0.0, 0.0)
        };
    }
    let (p, q) = ((b0 - a1) / v, (b1 - a0) / v);
    if v > 0.0 { (p, q) } else { (q, p) }
}

/// The range of `s` over which `rect` moved by `s·dir` overlaps `o`, if it ever does.
pub(crate) fn overlap_span(rect: Rect, dir: Point, o: Rect) -> Option<(f32, f32)> {
    let (x0, x1) = overlap_range(rect.min.x, rect.max.x, o.min.x, o.max.x, dir.x);
    let (y0, y1) = overlap_range(rect.min.y, rect.max.y, o.min.y, o.max.y, dir.y);
    let (lo, hi) = (x0.max(y0), x1.min(y1));
    (lo < hi).then_some((lo, hi))
}

/// The smallest `s ≥ s0` such that `rect` moved by `s·dir` overlaps none of `obstacles`
/// (touching is fine: callers expand obstacles by the gap they want).
pub(crate) fn slide(
    rect: Rect,
    dir: Point,
    s0: f32,
    obstacles: impl IntoIterator<Item = Rect>,
) -> f32 {
    let mut ranges: Vec<(f32, f32)> = obstacles
        .into_iter()
        .filter_map(|o| overlap_span(rect, dir, o).filter(|&(_, hi)| hi > s0))
        .collect();
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut s = s0;
    for (lo, hi) in ranges {
        if lo < s && s < hi {
            // A hair beyond the touching point, so rounding cannot leave a sliver of overlap.
            s = hi + 0.01;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Size;

    #[test]
    fn slides_past_every_obstacle_in_its_way() {
        let r = Rect::from_center_size(Point::ZERO, Size::new(10.0, 10.0));
        let obstacles = [
            Rect::from_center_size(Point::new(8.0, 0.0), Size::new(10.0, 10.0)),
            Rect::from_center_size(Point::new(20.0, 3.0), Size::new(10.0, 10.0)),
            Rect::from_center_size(Point::new(0.0, 50.0), Size::new(10.0, 10.0)),
        ];
        let s = slide(r, Point::new(1.0, 0.0), 0.0, obstacles);
        assert!((s - 30.0).abs() < 0.1, "{s}");
        assert!(
            obstacles
                .iter()
                .all(|o| !o.intersects(&r.translate(Point::new(s, 0.0))))
        );
        assert_eq!(slide(r, Point::new(0.0, -1.0), 0.0, [obstacles[2]]), 0.0);
    }
}
