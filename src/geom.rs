//! Plain geometry in canvas units, shared by every layer below the UI (which must not know egui).

use serde::{Deserialize, Serialize};

/// A point (or a displacement) on the canvas. Canvas units are "points at 100 % zoom".
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const ZERO: Point = Point { x: 0.0, y: 0.0 };

    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub fn length(self) -> f32 {
        self.x.hypot(self.y)
    }

    pub fn distance(self, other: Point) -> f32 {
        (self - other).length()
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Mul<f32> for Point {
    type Output = Point;
    fn mul(self, k: f32) -> Point {
        Point::new(self.x * k, self.y * k)
    }
}

impl std::ops::AddAssign for Point {
    fn add_assign(&mut self, o: Point) {
        self.x += o.x;
        self.y += o.y;
    }
}

/// A width and a height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

impl Size {
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub const NOTHING: Rect = Rect {
        min: Point::new(f32::INFINITY, f32::INFINITY),
        max: Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
    };

    pub fn from_center_size(center: Point, size: Size) -> Self {
        let half = Point::new(size.w / 2.0, size.h / 2.0);
        Rect {
            min: center - half,
            max: center + half,
        }
    }

    pub fn from_points(a: Point, b: Point) -> Self {
        Rect {
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    pub fn size(&self) -> Size {
        Size::new(self.width(), self.height())
    }

    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// True when the two rectangles share some area (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.min.x < o.max.x && o.min.x < self.max.x && self.min.y < o.max.y && o.min.y < self.max.y
    }

    /// True when the segment `a`–`b` passes through the rectangle's inside (clipped against
    /// each side in turn; grazing a side does not count).
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        let d = b - a;
        let (mut enter, mut leave) = (0.0f32, 1.0f32);
        for (step, from_low, from_high) in [
            (d.x, a.x - self.min.x, self.max.x - a.x),
            (d.y, a.y - self.min.y, self.max.y - a.y),
        ] {
            if step == 0.0 {
                if from_low <= 0.0 || from_high <= 0.0 {
                    return false;
                }
                continue;
            }
            let (t0, t1) = (-from_low / step, from_high / step);
            let (t0, t1) = if t0 < t1 { (t0, t1) } else { (t1, t0) };
            enter = enter.max(t0);
            leave = leave.min(t1);
            if enter >= leave {
                return false;
            }
        }
        true
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(o.min.x), self.min.y.min(o.min.y)),
            max: Point::new(self.max.x.max(o.max.x), self.max.y.max(o.max.y)),
        }
    }

    pub fn expand(&self, margin: f32) -> Rect {
        Rect {
            min: self.min - Point::new(margin, margin),
            max: self.max + Point::new(margin, margin),
        }
    }

    pub fn translate(&self, d: Point) -> Rect {
        Rect {
            min: self.min + d,
            max: self.max + d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_crosses_a_box_it_passes_through_or_ends_in_not_one_it_grazes_or_misses() {
        let r = Rect::from_points(Point::new(2.0, -1.0), Point::new(4.0, 1.0));
        let o = Point::ZERO;
        assert!(r.crossed_by(o, Point::new(10.0, 0.0)));
        assert!(r.crossed_by(o, Point::new(3.0, 0.5)));
        assert!(r.crossed_by(Point::new(3.0, -5.0), Point::new(3.0, 5.0)));
        assert!(!r.crossed_by(o, Point::new(1.9, 0.0)));
        assert!(!r.crossed_by(o, Point::new(10.0, 10.0)));
        assert!(!r.crossed_by(Point::new(0.0, 1.0), Point::new(10.0, 1.0)));
        assert!(!r.crossed_by(Point::new(5.0, -5.0), Point::new(5.0, 5.0)));
    }
}
