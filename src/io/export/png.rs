//! PNG: the slides of [`svg`] drawn straight from the render scene with tiny-skia, in the bundled
//! fonts only (never the system's), so every machine draws the same glyphs as the canvas.
//!
//! Not through an SVG renderer: one laid out in full turns every glyph of every note into its own
//! path first (a 10,000-idea café took 4 s and 0.6 GB). Here each glyph's outline is read from
//! the font once, each text line is one path, and what falls outside the image is skipped.

use super::svg::{self, Header};
use super::{ExportOptions, FileError, selected_tables};
use crate::model::{Cafe, Rgb};
use crate::render::{
    DASH, EdgeVisual, NodeVisual, SHADOW_ALPHA, SHADOW_OFFSET, SceneStyle, Sticker,
};
use resvg::{tiny_skia, usvg};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tiny_skia::{
    FillRule, LineCap, Paint, PathBuilder, Pixmap, PixmapMut, Rect, Stroke, StrokeDash, Transform,
};

/// Longest side an image may have: beyond, viewers struggle.
pub const MAX_SIDE: f32 = 16_384.0;
/// Most pixels an image may hold: 24 million (an 8K screen's worth, 96 MB of colour), so that
/// drawing and encoding it stay well under 300 MB of memory.
pub const MAX_PIXELS: f32 = 24_000_000.0;

/// The selected tables as one PNG of stacked pages (1920 × 1080 slides, or pages sized to their
/// map; see [`svg::sheets`]), times `options.scale`.
pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    export_within(cafe, options, MAX_PIXELS)
}

/// [`export`], shrunk (when no scale is given) to at most `max_pixels`: a figure printed a few
/// centimetres wide needs no more than the printer's resolution, and every pixel more is
/// painted for nothing (the report's figures of a 10,000-idea café were 24 million each).
pub fn export_within(
    cafe: &Cafe,
    options: &ExportOptions,
    max_pixels: f32,
) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let sheets = svg::sheets(cafe, &tables, options.page);
    let (w, h) = svg::document_size(&sheets);
    let scale = match options.scale {
        Some(s) => s,
        // Many tables at full HD would make an image too tall to open: shrink them together.
        None => 1.0f32
            .min(largest_scale(w, h))
            .min((max_pixels / (w * h)).sqrt()),
    };
    let mut pixmap = canvas(w, h, scale)?;
    Painter::new(pixmap.as_mut(), scale, 0).fill_rect(0.0, 0.0, w, h, svg::GAP_FILL, 1.0);
    paint_sheets(&mut pixmap, cafe, &sheets, scale);
    pixmap
        .encode_png()
        .map_err(|e| FileError::new(format!("could not encode the PNG: {e}")))
}

/// Each sheet painted on its own bands of the image's rows, the bands side by side on the
/// machine's cores: a stack of large maps waits for its largest, not for their sum, and one
/// large map (a report's figure) is cut into as many bands as there are cores. Sheets whose
/// bands would share a row (a stack shrunk until its gaps are under a pixel) are painted in turn.
fn paint_sheets(pixmap: &mut Pixmap, cafe: &Cafe, sheets: &[svg::Sheet], scale: f32) {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    // Four bands a core, taken from a queue: a map's halves can differ threefold in ink (a
    // fan's connectors bunch up), and a band's own cost (culling the scene) is a few ms.
    let parts = (4 * workers).div_ceil(sheets.len().max(1)) as u32;
    let bands = if workers > 1 {
        bands(pixmap, sheets, scale, parts)
    } else {
        None
    };
    if let Some(bands) = bands.filter(|b| b.len() > 1) {
        let workers = workers.min(bands.len());
        let queue = std::sync::Mutex::new(bands);
        let worker = || {
            while let Some((sheet, band, top)) = queue.lock().ok().and_then(|mut q| q.pop()) {
                Painter::new(band, scale, top).slide(cafe, sheet);
            }
        };
        std::thread::scope(|scope| {
            let others: Vec<_> = (1..workers).map(|_| scope.spawn(worker)).collect();
            worker();
            for other in others {
                if let Err(panic) = other.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
        return;
    }
    let mut painter = Painter::new(pixmap.as_mut(), scale, 0);
    for sheet in sheets {
        painter.slide(cafe, sheet);
    }
}

/// The image cut into `parts` bands of rows per sheet (each with the row its top is on), or
/// `None` when two sheets would share a row. A sheet's bands together paint what one would:
/// each draws what crosses its rows. Not to the bit: tiny-skia splits a curve at a band's edge
/// and approximates the part inside by other line segments, which shifts the anti-aliasing of
/// a few of its edge pixels next to the cut (by up to a fifth of their ink; see the test).
fn bands<'p, 's>(
    pixmap: &'p mut Pixmap,
    sheets: &'s [svg::Sheet],
    scale: f32,
    parts: u32,
) -> Option<Vec<(&'s svg::Sheet, PixmapMut<'p>, u32)>> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let stride = 4 * width as usize;
    let mut rest: &mut [u8] = pixmap.data_mut();
    let (mut at, mut out) = (0u32, Vec::with_capacity(sheets.len() * parts as usize));
    for sheet in sheets {
        let top = ((sheet.top * scale).floor().max(0.0) as u32).min(height);
        let bottom = (((sheet.top + sheet.h) * scale).ceil().max(0.0) as u32).clamp(top, height);
        let skip = (top.checked_sub(at)? as usize).checked_mul(stride)?;
        let (_, tail) = std::mem::take(&mut rest).split_at_mut_checked(skip)?;
        rest = tail;
        let step = (bottom - top).div_ceil(parts.max(1)).max(1);
        let mut row = top;
        while row < bottom {
            let end = (row + step).min(bottom);
            let (band, tail) =
                std::mem::take(&mut rest).split_at_mut_checked((end - row) as usize * stride)?;
            rest = tail;
            out.push((sheet, PixmapMut::from_bytes(band, width, end - row)?, row));
            row = end;
        }
        at = bottom;
    }
    Some(out)
}

/// The largest scale the PNG of these tables can be drawn at (within [`MAX_SIDE`] and
/// [`MAX_PIXELS`]), rounded down to a hundredth: what the command line fits a `--scale` that
/// asks for more to, saying so.
pub fn largest_scale_for(cafe: &Cafe, options: &ExportOptions) -> Result<f32, FileError> {
    let tables = selected_tables(cafe, options)?;
    let (w, h) = svg::document_size(&svg::sheets(cafe, &tables, options.page));
    Ok((largest_scale(w, h) * 100.0).floor() / 100.0)
}

/// The largest scale at which a `w` × `h` document stays within [`MAX_SIDE`] and [`MAX_PIXELS`].
fn largest_scale(w: f32, h: f32) -> f32 {
    (MAX_SIDE / w)
        .min(MAX_SIDE / h)
        .min((MAX_PIXELS / (w * h)).sqrt())
}

/// A white image for a `w` × `h` document at `scale`, or why it cannot be made.
fn canvas(w: f32, h: f32, scale: f32) -> Result<Pixmap, FileError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(FileError::new(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let (pw, ph) = (w * scale, h * scale);
    if pw > MAX_SIDE || ph > MAX_SIDE || pw * ph > MAX_PIXELS {
        return Err(FileError::new(format!(
            "an image at scale {scale} would be {pw:.0} × {ph:.0} pixels, too large (at most {} million pixels, {} on a side); use a scale of at most {:.2}, or export one table at a time with --table",
            MAX_PIXELS / 1e6,
            MAX_SIDE,
            (largest_scale(w, h) * 100.0).floor() / 100.0
        )));
    }
    Pixmap::new(pw.ceil().max(1.0) as u32, ph.ceil().max(1.0) as u32)
        .ok_or_else(|| FileError::new(format!("cannot make an image of {pw:.0} × {ph:.0} pixels")))
}

fn paint(c: Rgb, alpha: f32) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, (alpha.clamp(0.0, 1.0) * 255.0).round() as u8);
    p.anti_alias = true;
    p
}

/// Draws slides onto a pixmap; coordinates are slide units, times `scale` pixels.
struct Painter<'a> {
    pixmap: PixmapMut<'a>,
    scale: f32,
    /// The image row `pixmap`'s first row is (a band of a larger image).
    top: u32,
    glyphs: Glyphs,
}

impl<'a> Painter<'a> {
    fn new(pixmap: PixmapMut<'a>, scale: f32, top: u32) -> Painter<'a> {
        Painter {
            pixmap,
            scale,
            top,
            glyphs: Glyphs::default(),
        }
    }

    fn base(&self) -> Transform {
        Transform::from_scale(self.scale, self.scale).post_translate(0.0, -(self.top as f32))
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb, alpha: f32) {
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            let t = self.base();
            self.pixmap.fill_rect(r, &paint(c, alpha), t, None);
        }
    }

    /// One page: background, header, then the map.
    fn slide(&mut self, cafe: &Cafe, sheet: &svg::Sheet) {
        let style = SceneStyle::PROJECTOR;
        let top = sheet.top;
        self.fill_rect(0.0, top, sheet.w, sheet.h, style.background, 1.0);
        let header = Header::new(cafe, sheet.index, sheet.w);
        let at = self.base().pre_translate(0.0, top);
        let size = svg::HEADER_SIZE;
        self.text(
            at,
            &header.label,
            header.x,
            header.baseline,
            size,
            true,
            svg::HEADER_INK,
        );
        if let Some(title) = &header.title {
            let x = header.title_x();
            self.text(
                at,
                title,
                x,
                header.baseline,
                size,
                false,
                svg::HEADER_MUTED,
            );
        }
        let Some(scene) = &sheet.scene else {
            return;
        };
        let f = &sheet.fit;
        let t = at
            .pre_translate(f.offset.x, f.offset.y)
            .pre_scale(f.zoom, f.zoom);
        let image = Rect::from_xywh(
            0.0,
            0.0,
            self.pixmap.width() as f32,
            self.pixmap.height() as f32,
        );
        // What lands outside the image is not drawn (only a whole stack of slides is large).
        let seen = |r: &crate::geom::Rect| {
            let m = 20.0;
            let a = (r.min.x - m, r.min.y - m);
            let b = (r.max.x + m, r.max.y + m);
            let (ax, ay) = (t.sx * a.0 + t.tx, t.sy * a.1 + t.ty);
            let (bx, by) = (t.sx * b.0 + t.tx, t.sy * b.1 + t.ty);
            image.is_some_and(|i| {
                bx >= i.left() && ax <= i.right() && by >= i.top() && ay <= i.bottom()
            })
        };
        for e in &scene.edges {
            let r = crate::geom::Rect::from_points(e.points[0], e.points[3]);
            if seen(&r) {
                self.edge(t, e);
            }
        }
        for n in &scene.nodes {
            if seen(&n.rect) {
                self.node(t, n);
                for sticker in n.stickers() {
                    self.sticker(t, &sticker);
                }
            }
        }
    }

    /// A dot, tag chip or origin badge: a rounded box, its border, its centred text.
    fn sticker(&mut self, t: Transform, k: &Sticker) {
        let r = k.rect;
        // Like the nodes' border: the border's colour grown by half a unit, the paper shrunk.
        let layers = match k.border {
            Some(b) => vec![(b, 0.5), (k.fill, -0.5)],
            None => vec![(k.fill, 0.0)],
        };
        for (colour, grow) in layers {
            if let Some(p) = rounded(
                r.min.x - grow,
                r.min.y - grow,
                r.width() + 2.0 * grow,
                r.height() + 2.0 * grow,
                k.radius() + grow,
            ) {
                self.pixmap
                    .fill_path(&p, &paint(colour, 1.0), FillRule::Winding, t, None);
            }
        }
        if !k.text.is_empty() && k.font_size * t.sy.abs() >= 0.5 {
            self.text(
                t,
                &k.text,
                k.text_left(),
                k.baseline(),
                k.font_size,
                k.bold,
                k.text_color,
            );
        }
    }

    fn edge(&mut self, t: Transform, e: &EdgeVisual) {
        let [a, b, c, d] = e.points;
        let mut pb = PathBuilder::new();
        pb.move_to(a.x, a.y);
        pb.cubic_to(b.x, b.y, c.x, c.y, d.x, d.y);
        let Some(path) = pb.finish() else {
            return;
        };
        let stroke = Stroke {
            width: e.width,
            line_cap: LineCap::Round,
            dash: if e.dashed {
                StrokeDash::new(DASH.to_vec(), 0.0)
            } else {
                None
            },
            ..Stroke::default()
        };
        self.pixmap
            .stroke_path(&path, &paint(e.color, 1.0), &stroke, t, None);
    }

    fn node(&mut self, t: Transform, n: &NodeVisual) {
        let r = n.rect;
        // The border centred on the box's edge, as a stroke would draw it, but as two plain
        // fills (the border's colour, then the paper inside it): stroking is the slow part.
        let (half, radius) = (n.border_width / 2.0, n.corner_radius);
        let outer = (
            r.min.x - half,
            r.min.y - half,
            r.width() + n.border_width,
            r.height() + n.border_width,
            radius + half,
        );
        if n.shadow {
            // Only the strip the box leaves bare (the shadow's outline and the box's, even-odd):
            // the opaque box covers the rest, and blending a translucent shadow under every box
            // was a third of a large map's painting.
            let mut pb = PathBuilder::new();
            let (x, y) = (r.min.x + SHADOW_OFFSET.x, r.min.y + SHADOW_OFFSET.y);
            super::rounded_rect(&mut pb, x, y, r.width(), r.height(), radius);
            super::rounded_rect(&mut pb, outer.0, outer.1, outer.2, outer.3, outer.4);
            if let Some(p) = pb.finish() {
                let shadow = paint(Rgb(0, 0, 0), SHADOW_ALPHA);
                self.pixmap
                    .fill_path(&p, &shadow, FillRule::EvenOdd, t, None);
            }
        }
        let outer = rounded(outer.0, outer.1, outer.2, outer.3, outer.4);
        let inner = rounded(
            r.min.x + half,
            r.min.y + half,
            r.width() - n.border_width,
            r.height() - n.border_width,
            (radius - half).max(0.0),
        );
        for (path, colour) in [(outer, n.border), (inner, n.fill)] {
            if let Some(p) = path {
                self.pixmap
                    .fill_path(&p, &paint(colour, 1.0), FillRule::Winding, t, None);
            }
        }
        // Text too small to make out is a smudge either way; only draw what a pixel can show.
        if n.font_size * t.sy.abs() < 0.5 {
            return;
        }
        for (i, line, left) in n.placed_lines() {
            self.text(
                t,
                line,
                left,
                n.baseline(i),
                n.font_size,
                n.bold,
                n.text_color,
            );
        }
    }

    /// One line of text, its left end at `x` on baseline `y`: each glyph's coverage is drawn
    /// once per size (and quarter-pixel offset) and then blended where it appears.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, t: Transform, line: &str, x: f32, y: f32, size: f32, bold: bool, c: Rgb) {
        // Device pixels: the transform only scales and moves.
        let px = size * t.sy.abs();
        let (mut pen, base) = (t.sx * x + t.tx, t.sy * y + t.ty);
        let (w, h) = (self.pixmap.width() as i32, self.pixmap.height() as i32);
        if base + px < 0.0 || base - 2.0 * px > h as f32 {
            return;
        }
        for ch in line.chars() {
            let advance = self.glyphs.advance(ch, bold) * px;
            let (left, frac) = (pen.floor(), pen - pen.floor());
            let key = GlyphKey::new(ch, bold, px, frac);
            if let Some(mask) = self.glyphs.mask(key)
                && pen + advance >= 0.0
                && pen <= w as f32
            {
                blend(&mut self.pixmap, mask, left as i32, base.round() as i32, c);
            }
            pen += advance;
        }
    }
}

/// Paints `mask` in colour `c` with its origin (pen position on the baseline) at `x`, `y`.
fn blend(pixmap: &mut PixmapMut, mask: &GlyphMask, x: i32, y: i32, c: Rgb) {
    let (w, h) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    for row in 0..mask.h {
        let py = y + mask.top + row;
        if py < 0 || py >= h {
            continue;
        }
        for col in 0..mask.w {
            let pxl = x + mask.left + col;
            if pxl < 0 || pxl >= w {
                continue;
            }
            let a = u32::from(mask.alpha[(row * mask.w + col) as usize]);
            if a == 0 {
                continue;
            }
            let at = 4 * (py * w + pxl) as usize;
            let Some(dst) = data.get_mut(at..at + 4) else {
                continue;
            };
            // Premultiplied "source over": the glyph's colour at coverage a.
            let over = |src: u8, d: u8| -> u8 {
                ((u32::from(src) * a + u32::from(d) * (255 - a) + 127) / 255) as u8
            };
            dst[0] = over(c.0, dst[0]);
            dst[1] = over(c.1, dst[1]);
            dst[2] = over(c.2, dst[2]);
            dst[3] = over(255, dst[3]);
        }
    }
}

/// A rounded rectangle as a path.
fn rounded(x: f32, y: f32, w: f32, h: f32, radius: f32) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    super::rounded_rect(&mut pb, x, y, w, h, radius);
    pb.finish()
}

super::outline_by_methods!(PathBuilder, close);

/// One step of a glyph outline, in font units (y up).
#[derive(Clone, Copy)]
enum Segment {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

#[derive(Default)]
struct Outline(Vec<Segment>);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(Segment::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(Segment::Line(x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(Segment::Quad(x1, y1, x, y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(Segment::Cubic(x1, y1, x2, y2, x, y));
    }
    fn close(&mut self) {
        self.0.push(Segment::Close);
    }
}

/// A glyph of a bundled face: its advance in ems and its outline in font units.
struct Glyph {
    advance: f32,
    outline: Vec<Segment>,
}

/// A glyph at one pixel size and quarter-pixel horizontal offset.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GlyphKey {
    ch: char,
    bold: bool,
    /// Size in 1/8 pixels.
    size: u32,
    /// Offset from the pixel grid in quarter pixels.
    offset: u8,
}

impl GlyphKey {
    fn new(ch: char, bold: bool, px: f32, frac: f32) -> GlyphKey {
        GlyphKey {
            ch,
            bold,
            size: (px * 8.0).round().max(0.0) as u32,
            offset: ((frac * 4.0).floor() as u8).min(3),
        }
    }
}

/// A glyph's coverage (0–255 per pixel), placed relative to the pen on the baseline.
struct GlyphMask {
    left: i32,
    top: i32,
    w: i32,
    h: i32,
    alpha: Vec<u8>,
}

/// The bundled faces, the outlines read from them and the glyphs drawn so far: each glyph is
/// read once and drawn once per size.
#[derive(Default)]
struct Glyphs {
    outlines: HashMap<(bool, char), Option<Glyph>>,
    masks: HashMap<GlyphKey, Option<GlyphMask>>,
}

fn face(bold: bool) -> Option<&'static ttf_parser::Face<'static>> {
    static REGULAR: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    static BOLD: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, crate::text::BOLD_TTF)
    } else {
        (&REGULAR, crate::text::REGULAR_TTF)
    };
    cell.get_or_init(|| ttf_parser::Face::parse(bytes, 0).ok())
        .as_ref()
}

impl Glyphs {
    /// The advance (in ems) and outline (font units) of `c`, `None` if the font lacks it.
    fn glyph(&mut self, c: char, bold: bool) -> Option<&Glyph> {
        self.outlines
            .entry((bold, c))
            .or_insert_with(|| {
                let face = face(bold)?;
                let id = face.glyph_index(c)?;
                let em = f32::from(face.units_per_em());
                let advance = f32::from(face.glyph_hor_advance(id)?) / em;
                let mut outline = Outline::default();
                face.outline_glyph(id, &mut outline);
                Some(Glyph {
                    advance,
                    outline: outline.0,
                })
            })
            .as_ref()
    }

    /// The advance of `c` in ems, as [`crate::text::measure`] counts it (so lines sit where the
    /// layout put them).
    fn advance(&mut self, c: char, bold: bool) -> f32 {
        match self.glyph(c, bold) {
            Some(glyph) => glyph.advance,
            None => crate::text::measure(&c.to_string(), 1.0, bold),
        }
    }

    /// The coverage of the glyph `key` names (`None` for a blank or missing glyph).
    fn mask(&mut self, key: GlyphKey) -> Option<&GlyphMask> {
        if !self.masks.contains_key(&key) {
            let mask = self.draw(key);
            self.masks.insert(key, mask);
        }
        self.masks.get(&key).and_then(Option::as_ref)
    }

    fn draw(&mut self, key: GlyphKey) -> Option<GlyphMask> {
        let em = f32::from(face(key.bold)?.units_per_em());
        let px = key.size as f32 / 8.0;
        let k = px / em;
        let dx = f32::from(key.offset) / 4.0;
        let segments = &self.glyph(key.ch, key.bold)?.outline;
        let mut pb = PathBuilder::new();
        let p = |x: f32, y: f32| (dx + x * k, -y * k);
        for s in segments {
            match *s {
                Segment::Move(a, b) => {
                    let (a, b) = p(a, b);
                    pb.move_to(a, b);
                }
                Segment::Line(a, b) => {
                    let (a, b) = p(a, b);
                    pb.line_to(a, b);
                }
                Segment::Quad(a, b, c, d) => {
                    let ((a, b), (c, d)) = (p(a, b), p(c, d));
                    pb.quad_to(a, b, c, d);
                }
                Segment::Cubic(a, b, c, d, e, f) => {
                    let ((a, b), (c, d), (e, f)) = (p(a, b), p(c, d), p(e, f));
                    pb.cubic_to(a, b, c, d, e, f);
                }
                Segment::Close => pb.close(),
            }
        }
        let path = pb.finish()?;
        let b = path.bounds();
        let (left, top) = (b.left().floor() as i32 - 1, b.top().floor() as i32 - 1);
        let (w, h) = (
            b.right().ceil() as i32 + 1 - left,
            b.bottom().ceil() as i32 + 1 - top,
        );
        let mut canvas = Pixmap::new(u32::try_from(w).ok()?, u32::try_from(h).ok()?)?;
        let at = Transform::from_translate(-left as f32, -top as f32);
        canvas.fill_path(
            &path,
            &paint(Rgb(0, 0, 0), 1.0),
            FillRule::Winding,
            at,
            None,
        );
        Some(GlyphMask {
            left,
            top,
            w,
            h,
            alpha: canvas.pixels().iter().map(|p| p.alpha()).collect(),
        })
    }
}

/// usvg options that know only the bundled fonts (DejaVu Sans, regular and bold): to read the
/// SVG slides back as any viewer would, with the glyphs the canvas uses (tests do).
pub fn usvg_options() -> usvg::Options<'static> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fontdb = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(crate::text::REGULAR_TTF.to_vec());
        db.load_font_data(crate::text::BOLD_TTF.to_vec());
        db.set_sans_serif_family(crate::text::FAMILY);
        Arc::new(db)
    });
    usvg::Options {
        font_family: crate::text::FAMILY.to_owned(),
        fontdb: Arc::clone(fontdb),
        ..usvg::Options::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(top: f32) -> svg::Sheet {
        svg::Sheet {
            index: None,
            scene: None,
            w: 100.0,
            h: 50.0,
            top,
            fit: svg::Fit {
                zoom: 1.0,
                offset: crate::geom::Point::new(0.0, 0.0),
            },
            slide: false,
        }
    }

    #[test]
    fn sheets_are_painted_on_bands_of_their_own_rows() {
        // Two sheets 10 units apart: at scale 2 each has its rows; at 0.081 both touch row 4.
        let sheets = [sheet(0.0), sheet(60.0)];
        let mut image = Pixmap::new(200, 220).unwrap();
        let cut = bands(&mut image, &sheets, 2.0, 1).unwrap();
        let rows: Vec<(u32, u32)> = cut.iter().map(|(_, b, top)| (*top, b.height())).collect();
        assert_eq!(rows, [(0, 100), (120, 100)]);
        let mut small = Pixmap::new(9, 9).unwrap();
        assert!(bands(&mut small, &sheets, 0.081, 1).is_none());
    }

    #[test]
    fn a_sheet_cut_into_bands_paints_the_picture_one_band_paints() {
        // The example's first table as a report figure, painted whole, then in 2 and in 5 bands
        // (cut through notes, text and connectors).
        let cafe = crate::ui::example();
        let options = ExportOptions {
            table: Some(0),
            page: super::super::PageSize::Content,
            ..ExportOptions::default()
        };
        let tables = selected_tables(&cafe, &options).unwrap();
        let sheets = svg::sheets(&cafe, &tables, options.page);
        assert!(sheets[0].scene.is_some());
        let (w, h) = svg::document_size(&sheets);
        let scale = 0.8;
        let whole = {
            let mut image = canvas(w, h, scale).unwrap();
            Painter::new(image.as_mut(), scale, 0).slide(&cafe, &sheets[0]);
            image
        };
        let width = whole.width() as usize;
        for parts in [2, 5] {
            let mut image = canvas(w, h, scale).unwrap();
            let cut = bands(&mut image, &sheets, scale, parts).unwrap();
            assert_eq!(cut.len(), parts as usize);
            let cuts: Vec<u32> = cut.iter().map(|(_, _, top)| *top).collect();
            for (sheet, band, top) in cut {
                Painter::new(band, scale, top).slide(&cafe, sheet);
            }
            // Identical but for the anti-aliasing of a few edge pixels of the curves a cut
            // crosses, next to the cut: tiny-skia splits a curve at a band's edge, and the part
            // inside is approximated by slightly different line segments.
            let mut differ = 0;
            for (i, (a, b)) in whole
                .data()
                .chunks(4)
                .zip(image.data().chunks(4))
                .enumerate()
            {
                if a != b {
                    differ += 1;
                    let row = (i / width) as u32;
                    let near = cuts.iter().any(|&c| c > 0 && row.abs_diff(c) <= 24);
                    assert!(
                        near,
                        "{parts} bands: pixel {} of row {row} differs, far from a cut",
                        i % width
                    );
                }
            }
            assert!(
                differ * 2_000 < whole.data().len() / 4,
                "{parts} bands: {differ} pixels differ"
            );
        }
    }

    #[test]
    fn refuses_absurd_scales_with_a_hint() {
        let cafe = Cafe::new(crate::model::CafeInfo::default());
        let at = |scale: f32| {
            let options = ExportOptions {
                scale: Some(scale),
                ..ExportOptions::default()
            };
            export(&cafe, &options)
        };
        let err = at(50.0).unwrap_err().to_string();
        assert!(err.contains("at most 3.40"), "{err}");
        assert!(err.contains("--table"), "{err}");
        assert!(at(0.0).is_err());
        assert!(at(f32::NAN).is_err());
    }

    #[test]
    fn a_pixel_budget_shrinks_the_picture_to_it() {
        let cafe = Cafe::new(crate::model::CafeInfo::default());
        let size = |png: &[u8]| {
            let dim =
                |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
            (dim(16), dim(20))
        };
        let options = ExportOptions::default();
        let (w, h) = size(&export(&cafe, &options).unwrap());
        let (bw, bh) = size(&export_within(&cafe, &options, 40_000.0).unwrap());
        assert!(w * h > 40_000, "{w} × {h}");
        assert!(bw * bh <= 40_600, "{bw} × {bh}");
        // The same proportions.
        assert!((bw as f32 / bh as f32 - w as f32 / h as f32).abs() < 0.02);
    }

    #[test]
    fn bundled_fonts_are_the_only_ones() {
        let o = usvg_options();
        assert_eq!(o.fontdb.len(), 2);
        assert!(o.fontdb.faces().all(|f| {
            f.families
                .iter()
                .any(|(name, _)| name == crate::text::FAMILY)
        }));
    }
}
