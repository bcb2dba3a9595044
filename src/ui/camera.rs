//! Pan and zoom of the canvas: which canvas point is at the centre of the view, and how big.
//! View state, not document state: it is never saved in the shared file.

use crate::geom::{Point, Rect};
use egui::{Pos2, Vec2};

pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 8.0;
/// The smallest note text, in screen pixels, that zoom to fit settles for when only the tray of
/// unsorted notes stands in the way of a bigger zoom.
pub const LEGIBLE_TEXT_PX: f32 = 11.0;

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

    /// What zoom to fit shows of a table: its map and its tray of unsorted notes whole, unless
    /// that makes note text (`text_size` canvas units) smaller than [`LEGIBLE_TEXT_PX`]; then the
    /// map whole, at a legible zoom if it allows, with as much of the tray beside it as fits.
    pub fn fit_map_and_tray(
        map: &Rect,
        tray: Option<&Rect>,
        view: egui::Rect,
        margin: f32,
        max_zoom: f32,
        text_size: f32,
    ) -> Camera {
        let Some(tray) = tray.filter(|t| !t.is_empty()) else {
            return Camera::fit(map, view, margin, max_zoom);
        };
        let all = map.union(tray);
        let whole = Camera::fit(&all, view, margin, max_zoom);
        if map.is_empty() || whole.zoom * text_size >= LEGIBLE_TEXT_PX {
            return whole;
        }
        let map_only = Camera::fit(map, view, margin, max_zoom);
        let zoom = map_only.zoom.min(LEGIBLE_TEXT_PX / text_size.max(1e-3));
        // The map stays whole; the view slides towards the tray as far as that allows.
        let half_w = (view.width() / 2.0 - margin).max(20.0) / zoom;
        let half_h = (view.height() / 2.0 - margin).max(20.0) / zoom;
        let towards = |target: f32, lo: f32, hi: f32, half: f32| {
            let (a, b) = (hi - half, lo + half);
            if a <= b {
                target.clamp(a, b)
            } else {
                (lo + hi) / 2.0
            }
        };
        let c = all.center();
        Camera {
            center: Point::new(
                towards(c.x, map.min.x, map.max.x, half_w),
                towards(c.y, map.min.y, map.max.y, half_h),
            ),
            zoom,
        }
    }

    /// The camera that brings `bounds` into view by panning as little as it can, keeping the
    /// zoom; it zooms out only when `bounds` cannot fit at this zoom (a new node off screen).
    pub fn reveal(self, bounds: &Rect, view: egui::Rect, margin: f32) -> Camera {
        let visible = self.visible(view.shrink(margin));
        if bounds.is_empty() || (visible.contains(bounds.min) && visible.contains(bounds.max)) {
            return self;
        }
        if bounds.width() > visible.width() || bounds.height() > visible.height() {
            return Camera::fit(&visible.union(bounds), view, margin, self.zoom);
        }
        let shift = |lo: f32, hi: f32, vlo: f32, vhi: f32| {
            if lo < vlo {
                lo - vlo
            } else if hi > vhi {
                hi - vhi
            } else {
                0.0
            }
        };
        Camera {
            center: self.center
                + Point::new(
                    shift(bounds.min.x, bounds.max.x, visible.min.x, visible.max.x),
                    shift(bounds.min.y, bounds.max.y, visible.min.y, visible.max.y),
                ),
            zoom: self.zoom,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Size;

    fn view() -> egui::Rect {
        egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1400.0, 800.0))
    }

    /// A map 1,200 × 800 at the origin and a tray of 117 notes, as tall as the map and twice as
    /// wide, left of it (the seed's raw text, imported).
    fn seed_like() -> (Rect, Rect) {
        let map = Rect::from_center_size(Point::ZERO, Size::new(1200.0, 800.0));
        let tray = Rect::from_center_size(Point::new(-1900.0, 0.0), Size::new(2400.0, 1400.0));
        (map, tray)
    }

    #[test]
    fn a_big_tray_does_not_shrink_the_text_below_legible() {
        let (map, tray) = seed_like();
        let idea_text = 14.0;
        let all = Camera::fit(&map.union(&tray), view(), 48.0, 1.5);
        assert!(all.zoom * idea_text < 6.0, "fitting both gives tiny text");
        let cam = Camera::fit_map_and_tray(&map, Some(&tray), view(), 48.0, 1.5, idea_text);
        assert!(
            cam.zoom * idea_text >= LEGIBLE_TEXT_PX - 0.01,
            "{}",
            cam.zoom
        );
        let seen = cam.visible(view());
        assert!(
            seen.contains(map.min) && seen.contains(map.max),
            "the map is whole"
        );
        assert!(seen.intersects(&tray), "the tray shows beside it");
        assert!(
            seen.min.x < map.min.x - 100.0,
            "the spare room goes to the tray's side"
        );
    }

    #[test]
    fn a_small_tray_is_fitted_with_the_map_and_a_huge_map_still_whole() {
        let (map, _) = seed_like();
        let small = Rect::from_center_size(Point::new(-800.0, 0.0), Size::new(300.0, 200.0));
        let cam = Camera::fit_map_and_tray(&map, Some(&small), view(), 48.0, 1.5, 14.0);
        assert_eq!(cam, Camera::fit(&map.union(&small), view(), 48.0, 1.5));

        let huge = Rect::from_center_size(Point::ZERO, Size::new(12000.0, 8000.0));
        let (_, tray) = seed_like();
        let cam = Camera::fit_map_and_tray(&huge, Some(&tray), view(), 48.0, 1.5, 14.0);
        let seen = cam.visible(view());
        assert!(seen.contains(huge.min) && seen.contains(huge.max));
    }

    #[test]
    fn revealing_a_new_node_pans_without_zooming_out() {
        let cam = Camera {
            center: Point::ZERO,
            zoom: 1.0,
        };
        let off_screen = Rect::from_center_size(Point::new(900.0, 0.0), Size::new(160.0, 40.0));
        let moved = cam.reveal(&off_screen, view(), 24.0);
        assert_eq!(moved.zoom, 1.0);
        let seen = moved.visible(view());
        assert!(seen.contains(off_screen.min) && seen.contains(off_screen.max));
        let shown = Rect::from_center_size(Point::ZERO, Size::new(100.0, 40.0));
        assert_eq!(cam.reveal(&shown, view(), 24.0), cam);
    }
}
