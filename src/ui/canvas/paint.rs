//! Painting the cached scene with egui: only what is visible, with level of detail when zoomed
//! far out (blocks and grey bars instead of unreadable text, straight edges instead of curves).

use super::{Canvas, snap_font_px};
use crate::edit::ops::DropTarget;
use crate::geom::Point;
use crate::model::{NodeId, Table};
use crate::render::{
    DASH, DOT_SIZE, EdgeVisual, NodeVisual, SHADOW_ALPHA, SHADOW_OFFSET, Sticker, edge_visuals,
};
use crate::ui::camera::Camera;
use crate::ui::style::{self, DROP_TARGET, FIND_HIT, FOLD_BADGE, SELECTION, color};
use egui::{Align2, Color32, FontId, Mesh, Painter, Pos2, Shape, Stroke, StrokeKind};
use std::collections::BTreeSet;

/// Below this on-screen font size text is drawn as grey bars.
const MIN_TEXT_PX: f32 = 4.5;
/// Notes narrower than this on screen are plain coloured blocks, batched in one mesh.
const TINY_NODE_PX: f32 = 18.0;
/// Below this zoom, edges are straight lines (curves cost tessellation and nobody sees them).
pub(crate) const CURVE_MIN_ZOOM: f32 = 0.3;

/// What one paint pass reads: the canvas, the selection and where the map sits on screen.
struct Pass<'a> {
    canvas: &'a Canvas,
    selection: &'a BTreeSet<NodeId>,
    painter: &'a Painter,
    table: &'a Table,
    cam: &'a Camera,
    view: egui::Rect,
    now: f64,
}

#[allow(clippy::too_many_arguments)]
pub fn paint(
    canvas: &Canvas,
    selection: &BTreeSet<NodeId>,
    painter: &Painter,
    table: &Table,
    cam: &Camera,
    view: egui::Rect,
    now: f64,
    i18n: &crate::i18n::I18n,
) {
    let pass = Pass {
        canvas,
        selection,
        painter,
        table,
        cam,
        view,
        now,
    };
    painter.rect_filled(view, 0.0, color(canvas.style.background));
    paint_tray(canvas, painter, cam, view, i18n);
    pass.edges();
    let drop_node = match canvas.drag.as_ref().and_then(|d| d.target) {
        Some(DropTarget::Node(id)) => Some(id),
        _ => None,
    };
    pass.nodes(drop_node);
    pass.fold_handles();
    pass.dragged();
    pass.drop_edge(drop_node);
    if let Some((a, b)) = canvas.band {
        let r = egui::Rect::from_two_pos(cam.to_screen(a, view), cam.to_screen(b, view));
        painter.rect_filled(r, 2.0, SELECTION.gamma_multiply(0.12));
        painter.rect_stroke(r, 2.0, Stroke::new(1.0, SELECTION), StrokeKind::Inside);
    }
}

impl Pass<'_> {
    /// The part of the map worth painting, with a margin for shadows and rings.
    fn visible(&self) -> crate::geom::Rect {
        self.cam.visible(self.view).expand(40.0)
    }

    /// Edges: recomputed for moving nodes, else straight from the cache. Far out, thousands of
    /// edges go into one plain mesh: one shape instead of tens of thousands to tessellate.
    fn edges(&self) {
        let (canvas, cam, view) = (self.canvas, self.cam, self.view);
        let moving = canvas.drag.is_some() || canvas.anim.is_some();
        let moved_edges;
        let edges: &[EdgeVisual] = if moving {
            moved_edges = edge_visuals(self.table, &canvas.style, |id| {
                canvas
                    .cache
                    .rect(id)
                    .map(|r| r.translate(canvas.offset_of(id, self.table, self.now)))
            });
            &moved_edges
        } else {
            &canvas.cache.edges
        };
        let visible = self.visible();
        let mut edge_mesh = Mesh::default();
        for e in edges {
            let bb = crate::geom::Rect::from_points(e.points[0], e.points[3]);
            if !bb.expand(60.0).intersects(&visible) {
                continue;
            }
            if cam.zoom < CURVE_MIN_ZOOM && !e.dashed {
                let (a, b) = (
                    cam.to_screen(e.points[0], view),
                    cam.to_screen(e.points[3], view),
                );
                add_line_quad(
                    &mut edge_mesh,
                    a,
                    b,
                    (e.width * cam.zoom).max(0.8),
                    color(e.color),
                );
            } else {
                paint_edge(self.painter, e, cam, view);
            }
        }
        self.painter.add(Shape::mesh(edge_mesh));
    }

    /// Every visible note but the dragged ones; far out, tiny notes are plain blocks batched
    /// in one mesh, painted under the others.
    fn nodes(&self, drop_node: Option<NodeId>) {
        let canvas = self.canvas;
        let node_mesh_slot = self.painter.add(Shape::Noop);
        let mut node_mesh = Mesh::default();
        let visible = self.visible();
        let dragged = |id: NodeId| canvas.drag.as_ref().is_some_and(|d| d.moving.contains(&id));
        for (i, n) in canvas.cache.nodes.iter().enumerate() {
            // The node being typed into grows with its text.
            let n = match &canvas.editing_visual {
                Some(v) if v.id == n.id => v,
                _ => n,
            };
            let offset = canvas.offset_of(n.id, self.table, self.now);
            let rect = n.rect.translate(offset);
            if !rect.intersects(&visible) || dragged(n.id) {
                continue; // dragged notes are painted last, over everything
            }
            let screen = self.cam.rect_to_screen(&rect, self.view);
            if screen.width() < TINY_NODE_PX && !self.selection.contains(&n.id) {
                node_mesh.add_colored_rect(screen, color(n.fill));
                continue;
            }
            self.node(i, n, offset, screen, drop_node);
        }
        self.painter.set(node_mesh_slot, Shape::mesh(node_mesh));
    }

    /// One note readable on screen, with its stickers and the rings that mark it.
    fn node(
        &self,
        i: usize,
        n: &NodeVisual,
        offset: Point,
        screen: egui::Rect,
        drop_node: Option<NodeId>,
    ) {
        let canvas = self.canvas;
        let editing = canvas.editing == Some(n.id) && !canvas.typing_elsewhere;
        // Notes hidden from the presentation stay editable but look withdrawn; notes a filter
        // (a round, a table of origin) leaves out fade further back.
        let hidden = self.table.node(n.id).is_some_and(|node| node.hidden);
        let faded = canvas.faded.contains(&n.id);
        let withdrawn;
        let painter = if hidden || faded {
            let mut p = self.painter.clone();
            p.multiply_opacity(if faded { 0.18 } else { 0.4 });
            withdrawn = p;
            &withdrawn
        } else {
            self.painter
        };
        let zoom = self.cam.zoom;
        paint_node(
            painter,
            n,
            &canvas.cache.line_widths[i],
            screen,
            zoom,
            editing,
        );
        paint_stickers(painter, &n.stickers(), self.cam, self.view, offset);
        let selected = self.selection.contains(&n.id);
        if selected && let Some(ghost) = canvas.ghost_dot(n) {
            paint_ghost_dot(painter, &ghost, self.cam, self.view);
        }
        let ring = |gap: f32, width: f32, colour: Color32| {
            painter.rect_stroke(
                screen.expand(gap),
                n.corner_radius * zoom + gap,
                Stroke::new(width, colour),
                StrokeKind::Outside,
            );
        };
        if canvas.highlight.contains(&n.id) {
            // Notes with the tag clicked in the Tags panel: a marker's teal, under the selection.
            ring(5.0, 3.0, style::TAG_HIGHLIGHT);
        }
        if canvas.find_hits.contains(&n.id) {
            // Matches of the find bar: a highlighter's amber, stronger on the one shown.
            let current = canvas.find_current == Some(n.id);
            ring(7.0, if current { 4.0 } else { 2.5 }, FIND_HIT);
        }
        if selected {
            ring(3.0, 2.5, SELECTION);
        }
        if drop_node == Some(n.id) {
            ring(5.0, 3.5, DROP_TARGET);
        }
    }

    /// Dragged notes float over the map, see-through so the drop target shows beneath them.
    fn dragged(&self) {
        let Some(d) = &self.canvas.drag else {
            return;
        };
        let mut ghost = self.painter.clone();
        ghost.multiply_opacity(0.72);
        let cache = &self.canvas.cache;
        for (i, n) in cache
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| d.moving.contains(&n.id))
        {
            let screen = self
                .cam
                .rect_to_screen(&n.rect.translate(d.delta), self.view);
            paint_node(
                &ghost,
                n,
                &cache.line_widths[i],
                screen,
                self.cam.zoom,
                false,
            );
            paint_stickers(&ghost, &n.stickers(), self.cam, self.view, d.delta);
        }
    }

    /// The ghost edge from the drop target to the dragged branch: its future parent.
    fn drop_edge(&self, drop_node: Option<NodeId>) {
        let cache = &self.canvas.cache;
        if let (Some(d), Some(target)) = (&self.canvas.drag, drop_node)
            && let (Some(t), Some(&root)) = (cache.rect(target), d.roots.first())
            && let Some(r) = cache.rect(root)
        {
            let a = self.cam.to_screen(t.center(), self.view);
            let b = self.cam.to_screen(r.center() + d.delta, self.view);
            let dashes = Shape::dashed_line(&[a, b], Stroke::new(2.5, DROP_TARGET), 8.0, 6.0);
            self.painter.extend(dashes);
        }
    }

    /// Folded nodes carry a badge with the number of nodes they hide; a node that can fold
    /// shows a discreet handle (a small circle) while hovered or selected, as in Freeplane.
    fn fold_handles(&self) {
        let (canvas, painter, cam, view) = (self.canvas, self.painter, self.cam, self.view);
        if cam.zoom < CURVE_MIN_ZOOM {
            return; // too far out to read a count or hit a handle
        }
        for h in &canvas.cache.fold_handles {
            let shown = h.hidden.is_some()
                || self.selection.contains(&h.id)
                || canvas.hovered == Some(h.id);
            if !shown
                || canvas
                    .drag
                    .as_ref()
                    .is_some_and(|d| d.moving.contains(&h.id))
            {
                continue;
            }
            let r = super::handle_rect(h, cam, view, canvas.offset_of(h.id, self.table, self.now));
            if !view.intersects(r) {
                continue;
            }
            match h.hidden {
                Some(n) => {
                    painter.rect_filled(r, r.height() / 2.0, FOLD_BADGE);
                    painter.rect_stroke(
                        r,
                        r.height() / 2.0,
                        Stroke::new(1.5, Color32::WHITE),
                        StrokeKind::Outside,
                    );
                    painter.text(
                        r.center(),
                        Align2::CENTER_CENTER,
                        n.to_string(),
                        FontId::proportional(11.0),
                        Color32::WHITE,
                    );
                }
                None => {
                    painter.circle(
                        r.center(),
                        r.width() / 2.0,
                        Color32::WHITE,
                        Stroke::new(1.5, FOLD_BADGE.gamma_multiply(0.7)),
                    );
                    let d = egui::vec2(r.width() * 0.25, 0.0);
                    painter.line_segment(
                        [r.center() - d, r.center() + d],
                        Stroke::new(1.5, FOLD_BADGE.gamma_multiply(0.7)),
                    );
                }
            }
        }
    }
}

fn paint_tray(
    canvas: &Canvas,
    painter: &Painter,
    cam: &Camera,
    view: egui::Rect,
    i18n: &crate::i18n::I18n,
) {
    // An empty tray only shows while something is dragged, as a place to drop it.
    if canvas.cache.unsorted == 0 && canvas.drag.is_none() {
        return;
    }
    let tray = canvas.cache.tray;
    let r = cam.rect_to_screen(&tray, view);
    if !view.intersects(r) {
        return;
    }
    let hot = matches!(
        canvas.drag.as_ref().and_then(|d| d.target),
        Some(DropTarget::Tray)
    );
    let fill = if hot {
        DROP_TARGET.gamma_multiply(0.10)
    } else {
        Color32::from_black_alpha(10)
    };
    let stroke_color = if hot {
        DROP_TARGET
    } else {
        Color32::from_gray(170)
    };
    painter.rect_filled(r, 10.0 * cam.zoom, fill);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(
        &corners,
        Stroke::new(1.5, stroke_color),
        7.0,
        5.0,
    ));
    let px = snap_font_px(13.0 * cam.zoom);
    if px >= MIN_TEXT_PX {
        let n = canvas.cache.unsorted;
        let label = i18n.tr_args("tray-label", &[("count", n.into())]);
        painter.text(
            r.left_top() + egui::vec2(10.0, 8.0) * cam.zoom,
            Align2::LEFT_TOP,
            label,
            FontId::proportional(px),
            Color32::from_gray(90),
        );
    }
}

pub(crate) fn paint_edge(painter: &Painter, e: &EdgeVisual, cam: &Camera, view: egui::Rect) {
    let stroke = Stroke::new((e.width * cam.zoom).max(0.6), color(e.color));
    // Flatten the curve ourselves with as few segments as its on-screen length needs: egui's
    // generic Bézier tessellation is far finer than a map edge requires.
    let screen_len = (e.points[3] - e.points[0]).length() * cam.zoom;
    let segments = ((screen_len / 14.0) as usize).clamp(2, 28);
    let line: Vec<Pos2> = flatten(&e.points, segments)
        .into_iter()
        .map(|p| cam.to_screen(p, view))
        .collect();
    if e.dashed {
        painter.extend(Shape::dashed_line(
            &line,
            stroke,
            DASH[0] * cam.zoom,
            DASH[1] * cam.zoom,
        ));
    } else {
        painter.add(Shape::line(line, stroke));
    }
}

/// A straight line as a thin quad, added to a mesh (no anti-aliasing feathering: far out it
/// does not show, and it keeps thousands of edges cheap).
fn add_line_quad(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 0.5 {
        return;
    }
    let n = egui::vec2(-d.y, d.x) / len * (width / 2.0);
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

fn flatten(p: &[Point; 4], n: usize) -> Vec<Point> {
    (0..=n)
        .map(|i| {
            let t = i as f32 / n as f32;
            let u = 1.0 - t;
            p[0] * (u * u * u)
                + p[1] * (3.0 * u * u * t)
                + p[2] * (3.0 * u * t * t)
                + p[3] * (t * t * t)
        })
        .collect()
}

pub(crate) fn paint_node(
    painter: &Painter,
    n: &NodeVisual,
    widths: &[f32],
    screen: egui::Rect,
    zoom: f32,
    editing: bool,
) {
    if screen.width() < 3.0 {
        painter.rect_filled(screen, 0.0, color(n.fill));
        return;
    }
    paint_box(painter, n, screen, zoom);
    if editing {
        return; // the text editor draws the text
    }
    let px = snap_font_px(n.font_size * zoom);
    let text_color = color(n.text_color);
    if n.font_size * zoom < MIN_TEXT_PX {
        if n.font_size * zoom < 2.5 {
            return; // bars would be thinner than a pixel
        }
        // Level of detail: one bar a line, as wide as the line would be.
        let bar_color = text_color.gamma_multiply(0.35);
        for (i, w) in widths.iter().enumerate() {
            let y = (n.row_top(i) - n.rect.min.y) * zoom + screen.min.y;
            let h = (n.font_size * 0.55 * zoom).max(1.0);
            let w = w * zoom;
            let x = if n.centered {
                screen.center().x - w / 2.0
            } else {
                screen.min.x + n.padding_x * zoom
            };
            painter.rect_filled(
                egui::Rect::from_min_size(egui::pos2(x, y + h * 0.4), egui::vec2(w, h)),
                0.0,
                bar_color,
            );
        }
        return;
    }
    paint_lines(painter, n, screen, zoom, px);
}

/// The dots, tag chips and origin badge around a node (see [`crate::render::Sticker`]), once
/// they are big enough on screen to mean something.
pub(crate) fn paint_stickers(
    painter: &Painter,
    stickers: &[Sticker],
    cam: &Camera,
    view: egui::Rect,
    offset: Point,
) {
    if stickers.is_empty() || DOT_SIZE * cam.zoom < 3.0 {
        return;
    }
    for k in stickers {
        let screen = cam.rect_to_screen(&k.rect.translate(offset), view);
        paint_sticker(painter, k, screen, cam.zoom);
    }
}

/// One sticker at a screen rect, for a zoom (the presentation paints with its own camera).
pub(crate) fn paint_sticker(painter: &Painter, k: &Sticker, screen: egui::Rect, zoom: f32) {
    let radius = screen.height() / 2.0;
    painter.rect_filled(screen, radius, color(k.fill));
    if let Some(b) = k.border {
        painter.rect_stroke(
            screen,
            radius,
            Stroke::new(zoom.clamp(0.5, 2.0), color(b)),
            StrokeKind::Inside,
        );
    }
    let px = snap_font_px(k.font_size * zoom);
    if !k.text.is_empty() && px >= MIN_TEXT_PX {
        painter.text(
            screen.center(),
            Align2::CENTER_CENTER,
            &k.text,
            FontId::new(px, style::family(k.bold)),
            color(k.text_color),
        );
    }
}

/// Where a click adds the first dot of the current kind to a selected note: a faint "+".
fn paint_ghost_dot(painter: &Painter, k: &Sticker, cam: &Camera, view: egui::Rect) {
    if DOT_SIZE * cam.zoom < 6.0 {
        return;
    }
    let screen = cam.rect_to_screen(&k.rect, view);
    let c = color(k.fill);
    painter.circle_filled(screen.center(), screen.height() / 2.0, Color32::WHITE);
    painter.circle_stroke(
        screen.center(),
        screen.height() / 2.0,
        Stroke::new(1.5, c.gamma_multiply(0.8)),
    );
    let arm = screen.height() * 0.28;
    let centre = screen.center();
    for d in [egui::vec2(arm, 0.0), egui::vec2(0.0, arm)] {
        painter.line_segment([centre - d, centre + d], Stroke::new(1.5, c));
    }
}

/// A node's paper: soft shadow, fill and border (the shadow and border only where they show).
pub(crate) fn paint_box(painter: &Painter, n: &NodeVisual, screen: egui::Rect, zoom: f32) {
    let radius = n.corner_radius * zoom;
    if n.shadow && screen.width() > 40.0 {
        let off = egui::vec2(SHADOW_OFFSET.x, SHADOW_OFFSET.y) * zoom;
        painter.rect_filled(
            screen.translate(off),
            radius,
            Color32::from_black_alpha((SHADOW_ALPHA * 255.0) as u8),
        );
    }
    painter.rect_filled(screen, radius, color(n.fill));
    if screen.width() > 24.0 {
        painter.rect_stroke(
            screen,
            radius,
            Stroke::new((n.border_width * zoom).max(0.5), color(n.border)),
            StrokeKind::Inside,
        );
    }
}

/// A node's wrapped lines, placed as the render layer says (see [`NodeVisual::row_top`]), in a
/// font of `px` pixels (already snapped by the caller).
pub(crate) fn paint_lines(
    painter: &Painter,
    n: &NodeVisual,
    screen: egui::Rect,
    zoom: f32,
    px: f32,
) {
    let font = FontId::new(px, style::family(n.bold));
    let x = (n.text_x() - n.rect.min.x) * zoom + screen.min.x;
    let anchor = if n.centered {
        Align2::CENTER_TOP
    } else {
        Align2::LEFT_TOP
    };
    for (i, line) in n.lines.iter().enumerate() {
        let y = (n.row_top(i) - n.rect.min.y) * zoom + screen.min.y;
        painter.text(
            egui::pos2(x, y),
            anchor,
            line,
            font.clone(),
            color(n.text_color),
        );
    }
}
