//! Painting the projector scene with egui, for the audience and for the presenter's previews.

use super::deck::{Deck, Header, Shot, TitleCard};
use crate::render::NodeVisual;
use crate::text;
use crate::ui::camera::Camera;
use crate::ui::canvas::paint::paint_edge;
use crate::ui::style::{self, color};
use egui::{Align2, Color32, FontId, Painter, Stroke};

/// The projector's background: white paper, the highest contrast for coloured notes.
pub const BACKGROUND: Color32 = Color32::WHITE;

/// Rounds a font size in pixels to 1/48 octave: crisp text at every resting zoom without filling
/// egui's font atlas with a new size every frame of a glide (the error is under 1 %).
pub fn snap_px(px: f32) -> f32 {
    let k = (px.max(1.0).log2() * 48.0).round();
    2f32.powf(k / 48.0)
}

/// Opacity of the branches already presented while the next one is on screen.
const DIMMED: f32 = 0.28;

/// Nodes appearing: ranks `from..to`, fully opaque at `alpha` 1.
#[derive(Clone, Copy, Debug)]
pub struct Fade {
    pub from: usize,
    pub to: usize,
    pub alpha: f32,
}

/// What to paint of the deck: at a step's resting camera, exactly what its [`Shot`] says (whole
/// boxes only, with the header); `All` while the user zooms or pans by hand.
#[derive(Clone, Copy, Debug)]
pub enum Showing<'a> {
    Shot {
        shot: &'a Shot,
        /// Screen points per point of the screen the shot was made for (previews are smaller).
        scale: f32,
    },
    All,
}

/// Paints what a step shows: every node ranked below `revealed`, seen through `cam`, limited to
/// what `showing` allows.
#[allow(clippy::too_many_arguments)]
pub fn paint_deck(
    painter: &Painter,
    deck: &Deck,
    revealed: usize,
    cam: &Camera,
    view: egui::Rect,
    showing: Showing,
    fade: Option<Fade>,
    dim: Option<std::ops::Range<usize>>,
) {
    painter.rect_filled(view, 0.0, BACKGROUND);
    let dimmed = |rank: &usize| dim.as_ref().is_some_and(|d| d.contains(rank));
    let visible = cam.visible(view).expand(40.0);
    let shot = match showing {
        Showing::Shot { shot, .. } => Some(shot),
        Showing::All => None,
    };
    let node_ok = |i: usize| shot.is_none_or(|s| s.nodes.binary_search(&i).is_ok());
    let edge_ok = |i: usize| shot.is_none_or(|s| s.edges.binary_search(&i).is_ok());
    if let Some(t) = &deck.title
        && t.rect.intersects(&visible)
        && shot.is_none_or(|s| s.title)
    {
        paint_title(painter, t, cam, view);
    }
    if let Some(t) = &deck.closing
        && t.rect.intersects(&visible)
        && shot.is_none_or(|s| s.closing)
    {
        paint_title(painter, t, cam, view);
    }
    for (i, (rank, e)) in deck.edges.iter().enumerate() {
        if *rank >= revealed || !edge_ok(i) {
            continue;
        }
        let bb = crate::geom::Rect::from_points(e.points[0], e.points[3]);
        if bb.expand(40.0).intersects(&visible) {
            if dimmed(rank) {
                let mut faint = painter.clone();
                faint.multiply_opacity(DIMMED);
                paint_edge(&faint, e, cam, view);
            } else {
                paint_edge(painter, e, cam, view);
            }
        }
    }
    for (i, (rank, n)) in deck.nodes.iter().enumerate() {
        if *rank >= revealed || !n.rect.intersects(&visible) || !node_ok(i) {
            continue;
        }
        let screen = cam.rect_to_screen(&n.rect, view);
        if dimmed(rank) {
            let mut faint = painter.clone();
            faint.multiply_opacity(DIMMED);
            paint_box(&faint, n, screen, cam.zoom);
            continue;
        }
        paint_box(painter, n, screen, cam.zoom);
        if let Some(f) = fade
            && (f.from..f.to).contains(rank)
            && f.alpha < 1.0
        {
            // Fading in: the paper shows through less and less.
            let veil = BACKGROUND.gamma_multiply(1.0 - f.alpha);
            painter.rect_filled(screen.expand(6.0 * cam.zoom), 0.0, veil);
        }
    }
    if let Showing::Shot { shot, scale } = showing
        && let Some(h) = &shot.header
    {
        paint_header(painter, h, view, scale);
    }
}

/// The table's question as a band across the top of the screen, in the question's colours.
fn paint_header(painter: &Painter, h: &Header, view: egui::Rect, scale: f32) {
    let band = egui::Rect::from_min_size(view.min, egui::vec2(view.width(), h.height * scale));
    painter.rect_filled(band, 0.0, color(crate::render::QUESTION_FILL));
    let px = snap_px(h.font * scale);
    if px < 3.0 {
        return;
    }
    let font = FontId::new(px, style::family(true));
    let lh = h.line_height() * scale;
    let top = band.center().y - lh * h.lines.len() as f32 / 2.0;
    for (i, line) in h.lines.iter().enumerate() {
        let at = egui::pos2(band.center().x, top + (i as f32 + 0.5) * lh);
        painter.text(
            at,
            Align2::CENTER_CENTER,
            line,
            font.clone(),
            Color32::WHITE,
        );
    }
}

/// One node as a box with its wrapped lines, at the exact projector size, with its dots, tags
/// and origin badge (the room sees which ideas it preferred).
fn paint_box(painter: &Painter, n: &NodeVisual, screen: egui::Rect, zoom: f32) {
    crate::ui::canvas::paint::paint_box(painter, n, screen, zoom);
    let px = snap_px(n.font_size * zoom);
    if px < 3.0 {
        return;
    }
    crate::ui::canvas::paint::paint_lines(painter, n, screen, zoom, px);
    for k in n.stickers() {
        let at = |p: crate::geom::Point| {
            screen.min + egui::vec2(p.x - n.rect.min.x, p.y - n.rect.min.y) * zoom
        };
        let r = egui::Rect::from_min_max(at(k.rect.min), at(k.rect.max));
        crate::ui::canvas::paint::paint_sticker(painter, &k, r, zoom);
    }
}

fn paint_title(painter: &Painter, t: &TitleCard, cam: &Camera, view: egui::Rect) {
    for block in &t.texts {
        let px = snap_px(block.font * cam.zoom);
        if px < 3.0 {
            continue;
        }
        let font = FontId::new(px, style::family(block.bold));
        let lh = block.line_height();
        let glyphs = text::ascent(block.font, block.bold) + text::descent(block.font, block.bold);
        let (x, anchor) = if block.left {
            (t.rect.min.x, Align2::LEFT_TOP)
        } else {
            (t.center_x, Align2::CENTER_TOP)
        };
        for (i, line) in block.lines.iter().enumerate() {
            let top = block.top + i as f32 * lh + (lh - glyphs) / 2.0;
            let p = cam.to_screen(crate::geom::Point::new(x, top), view);
            painter.text(p, anchor, line, font.clone(), color(block.color));
        }
    }
}

/// The legend of the `#action` chip, bottom left of the screen, whenever a note on screen wears
/// it: that chip is styled unlike the other tags, and the room should know why. Returns where
/// it is, for screen readers.
pub fn paint_action_legend(painter: &Painter, view: egui::Rect, meaning: &str) -> egui::Rect {
    let scale = view.height() / 1080.0 * 2.0;
    let margin = 18.0 * view.height() / 1080.0;
    let font = FontId::new(snap_px(12.0 * scale), style::family(false));
    let galley = painter.layout_no_wrap(meaning.to_owned(), font, color(crate::render::INK));
    let chip = crate::render::legend_chip(crate::geom::Point::new(0.0, 0.0), scale);
    let (cw, ch) = (chip.rect.width(), chip.rect.height());
    let h = ch.max(galley.size().y) + 12.0 * scale / 2.0;
    let w = cw + 8.0 * scale + galley.size().x + 16.0 * scale / 2.0;
    let legend = egui::Rect::from_min_size(
        egui::pos2(view.min.x + margin, view.max.y - margin - h),
        egui::vec2(w, h),
    );
    painter.rect_filled(legend, 6.0, Color32::from_white_alpha(235));
    let chip_rect = egui::Rect::from_min_size(
        egui::pos2(
            legend.min.x + 8.0 * scale / 2.0,
            legend.center().y - ch / 2.0,
        ),
        egui::vec2(cw, ch),
    );
    crate::ui::canvas::paint::paint_sticker(painter, &chip, chip_rect, 1.0);
    let text_at = egui::pos2(
        chip_rect.max.x + 8.0 * scale,
        legend.center().y - galley.size().y / 2.0,
    );
    painter.galley(text_at, galley, color(crate::render::INK));
    legend
}

/// The laser pointer: a bright red dot with a soft halo, visible on any note colour.
pub fn paint_laser(painter: &Painter, at: egui::Pos2, scale: f32) {
    painter.circle_filled(
        at,
        30.0 * scale,
        Color32::from_rgba_unmultiplied(255, 30, 30, 70),
    );
    painter.circle_filled(at, 14.0 * scale, Color32::from_rgb(0xF0, 0x10, 0x10));
    painter.circle_stroke(
        at,
        14.0 * scale,
        Stroke::new(1.5 * scale, Color32::from_rgb(0x90, 0x00, 0x00)),
    );
}
