//! Pan and zoom of the canvas: which canvas point is at the centre of the view, and how big.
//! View state, not document state: it is never saved in the shared file.

use crate::geom::{Point, Rect};
use egui::{Pos2, Vec2};

pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The canvas point shown at the centre of the view.
    pub center: Point,
    /// Screen points per canvas unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: Point::ZERO,
            zoom: 1.0,
        }
    }
}

impl Camera {
    pub fn to_screen(self, p: Point, view: egui::Rect) -> Pos2 {
        let c = view.center();
        Pos2::new(
            c.x + (p.x - self.center.x) * self.zoom,
            c.y + (p.y - self.center.y) * self.zoom,
        )
    }

    pub fn to_canvas(self, p: Pos2, view: egui::Rect) -> Point {
        let c = view.center();
        Point::new(
            self.center.x + (p.x - c.x) / self.zoom,
            self.center.y + (p.y - c.y) / self.zoom,
        )
    }

    pub fn rect_to_screen(&self, r: &Rect, view: egui::Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(r.min, view), self.to_screen(r.max, view))
    }

    /// The part of the canvas the view shows.
    pub fn visible(&self, view: egui::Rect) -> Rect {
        Rect::from_points(
            self.to_canvas(view.min, view),
            self.to_canvas(view.max, view),
        )
    }

    /// Zooms by `factor` keeping the canvas point under `anchor` (a screen position) in place.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32, view: egui::Rect) {
        let before = self.to_canvas(anchor, view);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.to_canvas(anchor, view);
        self.center += before - after;
    }

    pub fn pan_by_screen(&mut self, delta: Vec2) {
        self.center = self.center - Point::new(delta.x / self.zoom, delta.y / self.zoom);
    }

    /// The camera that shows `bounds` whole in `view`, with a margin, never above `max_zoom`.
    pub fn fit(bounds: &Rect, view: egui::Rect, margin: f32, max_zoom: f32) -> Camera {
        if bounds.is_empty() {
            return Camera::default();
        }
        let w = (view.width() - 2.0 * margin).max(40.0);
        let h = (view.height() - 2.0 * margin).max(40.0);
        let zoom = (w / bounds.width().max(1.0)).min(h / bounds.height().max(1.0));
        Camera {
            center: bounds.center(),
            zoom: zoom.clamp(MIN_ZOOM, max_zoom),
        }
    }

    /// Eased interpolation between two cameras, `t` in 0..=1 (zoom interpolated geometrically).
    pub fn lerp(a: &Camera, b: &Camera, t: f32) -> Camera {
        let t = t.clamp(0.0, 1.0);
        let s = t * t * (3.0 - 2.0 * t); // smoothstep: ease in and out
        Camera {
            center: a.center + (b.center - a.center) * s,
            zoom: a.zoom * (b.zoom / a.zoom).powf(s),
        }
    }
}

/// A camera glide in progress (zoom to fit, to a node, presentation steps).
#[derive(Clone, Copy, Debug)]
pub struct Glide {
    pub from: Camera,
    pub to: Camera,
    pub start: f64,
    pub duration: f64,
}

impl Glide {
    /// The camera at `now`, and whether the glide is over.
    pub fn at(&self, now: f64) -> (Camera, bool) {
        let t = if self.duration <= 0.0 {
            1.0
        } else {
            ((now - self.start) / self.duration) as f32
        };
        if t >= 1.0 {
            (self.to, true)
        } else {
            (Camera::lerp(&self.from, &self.to, t), false)
        }
    }
}
