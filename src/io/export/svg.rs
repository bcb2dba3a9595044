//! SVG: the tables as pages, drawn from the same [`crate::render`] scene as the canvas, with
//! real (selectable, searchable) text. The PNG and PDF exporters draw the same pages.
//!
//! Each table is one page with a header band naming the table and the café, then the map: a
//! 16:9 slide of [`SLIDE_W`] × [`SLIDE_H`] units with the map scaled to fit (never enlarged
//! beyond [`MAX_ZOOM`]) and centred, or — for a map too big to stay legible on a slide, or when
//! asked — a page sized to the map at 100 % ([`sheets`]). Several tables are stacked top to
//! bottom, [`SLIDE_GAP`] apart. Slides use the projector look
//! (white background, thicker edges): exports are shown to rooms and printed.

use super::xml::{Charset, text as escape};
use super::{ExportOptions, FileError, PageSize, selected_tables};
use crate::geom::{Point, Rect};
use crate::model::{Cafe, Rgb, Table};
use crate::render::{
    DASH, EdgeVisual, NodeVisual, SHADOW_ALPHA, SHADOW_OFFSET, Scene, SceneOptions, SceneStyle,
    Sticker, table_scene,
};
use std::fmt::Write;

/// A slide: 1080p proportions, so a PNG at scale 1 is exactly a full-HD slide.
pub const SLIDE_W: f32 = 1920.0;
pub const SLIDE_H: f32 = 1080.0;
/// Height of the band holding "Table n — café title" at the top of each slide.
pub const HEADER_H: f32 = 72.0;
/// Space between stacked slides.
pub const SLIDE_GAP: f32 = 32.0;
/// A small map is enlarged at most this much, so a lone question does not fill the slide.
pub const MAX_ZOOM: f32 = 2.0;
/// Font family written on every text; viewers without DejaVu Sans substitute a sans-serif.
pub const FONT_FAMILY: &str = "DejaVu Sans, sans-serif";

pub const HEADER_SIZE: f32 = 26.0;
pub const HEADER_INK: Rgb = Rgb(0x3C, 0x40, 0x43);
pub const HEADER_MUTED: Rgb = Rgb(0x80, 0x86, 0x8B);
/// Colour between stacked slides.
pub const GAP_FILL: Rgb = Rgb(0xD6, 0xD3, 0xCE);

/// The selected tables (all, or `options.table`) as one SVG document, pages stacked.
pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    Ok(document(cafe, &tables, options.page).into_bytes())
}

/// One table as a single-page SVG document (a PDF page, a PNG).
pub fn table_slide(cafe: &Cafe, index: usize) -> Result<String, FileError> {
    let options = ExportOptions {
        table: Some(index),
        ..ExportOptions::default()
    };
    let tables = selected_tables(cafe, &options)?;
    Ok(document(cafe, &tables, options.page))
}

/// Height of a document of `n` stacked slides.
pub fn document_height(n: usize) -> f32 {
    let n = n.max(1) as f32;
    n * SLIDE_H + (n - 1.0) * SLIDE_GAP
}

/// The smallest text a page may show at 100 %, in slide units (CSS pixels): 12 px is 9 pt at
/// 96 pixels per inch, the smallest print most readers manage.
pub const LEGIBLE_PX: f32 = 12.0;
/// A page sized to its map is never narrower than this, so its header has room.
pub const MIN_PAGE_W: f32 = 960.0;

/// One table's page of an export: its size and where it sits in a document of stacked pages,
/// the scene drawn on it and how the scene maps onto it.
pub struct Sheet {
    pub index: Option<usize>,
    pub scene: Option<Scene>,
    pub w: f32,
    pub h: f32,
    pub top: f32,
    pub fit: Fit,
    /// A 16:9 slide (rather than a page sized to its map).
    pub slide: bool,
}

/// The pages of the given tables, stacked top to bottom [`SLIDE_GAP`] apart (a café without
/// tables gets one empty slide with its header). Each is a slide or sized to its map as `page`
/// says; with [`PageSize::Auto`] a map goes on a slide when its smallest text stays at least
/// [`LEGIBLE_PX`] there, and otherwise onto a page at 100 %, where every text is drawn at its
/// size on the canvas (14 px and more).
pub fn sheets(cafe: &Cafe, tables: &[(usize, &Table)], page: PageSize) -> Vec<Sheet> {
    let mut out: Vec<Sheet> = Vec::new();
    let mut top = 0.0;
    if tables.is_empty() {
        out.push(Sheet {
            index: None,
            scene: None,
            w: SLIDE_W,
            h: SLIDE_H,
            top,
            fit: Fit {
                zoom: 1.0,
                offset: Point::ZERO,
            },
            slide: true,
        });
    }
    for &(index, table) in tables {
        // Pictures show every note: folded branches are drawn opened, beside their node.
        let scene = table_scene(cafe, table, &SceneOptions::PICTURE);
        let on_slide = fit(scene.bounds);
        let smallest = scene
            .nodes
            .iter()
            .map(|n| n.font_size)
            .fold(f32::INFINITY, f32::min);
        let slide = match page {
            PageSize::Slide => true,
            PageSize::Content => false,
            PageSize::Auto => !smallest.is_finite() || smallest * on_slide.zoom >= LEGIBLE_PX,
        };
        let (w, h, f) = if slide {
            (SLIDE_W, SLIDE_H, on_slide)
        } else {
            let b = scene.bounds;
            let w = b.width().max(MIN_PAGE_W);
            let h = HEADER_H + b.height();
            let c = b.center();
            let offset = Point::new(w / 2.0 - c.x, HEADER_H + b.height() / 2.0 - c.y);
            (w, h, Fit { zoom: 1.0, offset })
        };
        out.push(Sheet {
            index: Some(index),
            scene: Some(scene),
            w,
            h,
            top,
            fit: f,
            slide,
        });
        top += h + SLIDE_GAP;
    }
    out
}

/// Width and height of a document of stacked `sheets`.
pub fn document_size(sheets: &[Sheet]) -> (f32, f32) {
    let w = sheets
        .iter()
        .map(|s| s.w)
        .fold(SLIDE_W.min(MIN_PAGE_W), f32::max);
    let h = sheets.last().map_or(SLIDE_H, |s| s.top + s.h);
    (w, h)
}

/// The SVG text of the given tables, pages stacked.
pub fn document(cafe: &Cafe, tables: &[(usize, &Table)], page: PageSize) -> String {
    let style = SceneStyle::PROJECTOR;
    let sheets = sheets(cafe, tables, page);
    let (width, height) = document_size(&sheets);
    let mut s =
        String::with_capacity(4096 + tables.iter().map(|(_, t)| t.len() * 600).sum::<usize>());
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\">\n",
        w = num(width),
        h = num(height),
    );
    if let Some(title) = nonempty(&cafe.info.title) {
        let _ = writeln!(s, "<title>{}</title>", escape(title, Charset::Utf8));
    }
    let _ = writeln!(
        s,
        "<rect width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(width),
        num(height),
        GAP_FILL.hex()
    );
    for sheet in &sheets {
        slide(&mut s, cafe, sheet, &style);
    }
    s.push_str("</svg>\n");
    s
}

pub fn nonempty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// How a table's scene maps onto its slide: canvas units × `zoom` + `offset` = slide units.
pub struct Fit {
    pub zoom: f32,
    pub offset: Point,
}

/// Scales `bounds` into the area below the header, centred, at most [`MAX_ZOOM`].
pub fn fit(bounds: Rect) -> Fit {
    let area = Rect {
        min: Point::new(0.0, HEADER_H),
        max: Point::new(SLIDE_W, SLIDE_H),
    };
    let zoom = (area.width() / bounds.width().max(1.0))
        .min(area.height() / bounds.height().max(1.0))
        .min(MAX_ZOOM);
    let c = bounds.center();
    let offset = area.center() - Point::new(c.x * zoom, c.y * zoom);
    Fit { zoom, offset }
}

/// One page: background, header, then the map.
fn slide(s: &mut String, cafe: &Cafe, sheet: &Sheet, style: &SceneStyle) {
    let _ = writeln!(s, "<g transform=\"translate(0 {})\">", num(sheet.top));
    let _ = writeln!(
        s,
        "<rect width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(sheet.w),
        num(sheet.h),
        style.background.hex()
    );
    header(s, cafe, sheet.index, sheet.w);
    if let Some(scene) = &sheet.scene {
        let f = &sheet.fit;
        let _ = writeln!(
            s,
            "<g transform=\"translate({} {}) scale({})\">",
            num(f.offset.x),
            num(f.offset.y),
            num4(f.zoom)
        );
        map(s, scene);
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");
}

/// A slide's header line: "Table n" in bold, then " — café title" (shortened with an ellipsis
/// if it would overflow), on one baseline. The SVG, PNG and PDF slides all draw this.
pub struct Header {
    pub x: f32,
    pub baseline: f32,
    /// "Table n" (empty on the slide of a café without tables).
    pub label: String,
    /// " — title", starting with its separator, drawn right after the label.
    pub title: Option<String>,
}

impl Header {
    /// The header of a page `width` wide.
    pub fn new(cafe: &Cafe, index: Option<usize>, width: f32) -> Header {
        let x = 40.0;
        let baseline = HEADER_H / 2.0 + crate::text::ascent(HEADER_SIZE, true) / 2.0 - 4.0;
        let label = index
            .map(|i| format!("Table {}", i + 1))
            .unwrap_or_default();
        let room = width - 2.0 * x - crate::text::measure(&label, HEADER_SIZE, true);
        let title = nonempty(&cafe.info.title).map(|t| {
            let sep = if label.is_empty() { "" } else { " — " };
            ellipsize(&format!("{sep}{t}"), HEADER_SIZE, room)
        });
        Header {
            x,
            baseline,
            label,
            title,
        }
    }

    /// Where the title starts: right after the bold label.
    pub fn title_x(&self) -> f32 {
        self.x + crate::text::measure(&self.label, HEADER_SIZE, true)
    }
}

fn header(s: &mut String, cafe: &Cafe, index: Option<usize>, width: f32) {
    let h = Header::new(cafe, index, width);
    // Spaces kept as written: by default viewers collapse the space that starts a <tspan>,
    // and librsvg drops even a no-break space there ("Table 1— title").
    let _ = write!(
        s,
        "<text xml:space=\"preserve\" style=\"white-space:pre\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"><tspan font-weight=\"bold\">{}</tspan>",
        num(h.x),
        num(h.baseline),
        num(HEADER_SIZE),
        HEADER_INK.hex(),
        escape(&h.label, Charset::Utf8)
    );
    if let Some(t) = &h.title {
        let _ = write!(
            s,
            "<tspan fill=\"{}\">{}</tspan>",
            HEADER_MUTED.hex(),
            escape(t, Charset::Utf8)
        );
    }
    s.push_str("</text>\n");
}

/// `text` cut to fit `width` at `size`, ending in "…" when cut.
fn ellipsize(text: &str, size: f32, width: f32) -> String {
    if crate::text::measure(text, size, false) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if crate::text::measure(&out, size, false) + crate::text::measure("…", size, false) > width
        {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// The scene itself, in canvas units: edges, then nodes.
fn map(s: &mut String, scene: &Scene) {
    for e in &scene.edges {
        edge(s, e);
    }
    for n in &scene.nodes {
        node(s, n);
    }
}

/// A dot, tag chip or origin badge: a rounded box and its centred text.
fn sticker(s: &mut String, k: &Sticker) {
    let r = k.rect;
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"",
        num(r.min.x),
        num(r.min.y),
        num(r.width()),
        num(r.height()),
        num(k.radius()),
        k.fill.hex()
    );
    if let Some(b) = k.border {
        let _ = write!(s, " stroke=\"{}\" stroke-width=\"1\"", b.hex());
    }
    s.push_str("/>\n");
    if !k.text.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"middle\"{}>{}</text>",
            num(r.center().x),
            num(k.baseline()),
            num(k.font_size),
            k.text_color.hex(),
            if k.bold { " font-weight=\"bold\"" } else { "" },
            escape(&k.text, Charset::Utf8)
        );
    }
}

pub(super) fn edge(s: &mut String, e: &EdgeVisual) {
    let [a, b, c, d] = e.points;
    let _ = write!(
        s,
        "<path d=\"M{} {}C{} {} {} {} {} {}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\"",
        num(a.x),
        num(a.y),
        num(b.x),
        num(b.y),
        num(c.x),
        num(c.y),
        num(d.x),
        num(d.y),
        e.color.hex(),
        num(e.width)
    );
    if e.dashed {
        let _ = write!(s, " stroke-dasharray=\"{} {}\"", num(DASH[0]), num(DASH[1]));
    }
    s.push_str("/>\n");
}

/// A node as every picture paints it: its box and text, then its dots, chips and badge.
pub(super) fn node(s: &mut String, n: &NodeVisual) {
    node_box(s, n);
    let stickers = n.stickers();
    if stickers.is_empty() {
        return;
    }
    // Grouped apart from the box, so the HTML map's highlight of a box leaves them alone.
    s.push_str("<g>\n");
    for sticker in &stickers {
        self::sticker(s, sticker);
    }
    s.push_str("</g>\n");
}

fn node_box(s: &mut String, n: &NodeVisual) {
    let r = n.rect;
    let rounded = |s: &mut String, x: f32, y: f32| {
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"",
            num(x),
            num(y),
            num(r.width()),
            num(r.height()),
            num(n.corner_radius)
        );
    };
    if n.shadow {
        rounded(s, r.min.x + SHADOW_OFFSET.x, r.min.y + SHADOW_OFFSET.y);
        let _ = writeln!(
            s,
            " fill=\"#000000\" fill-opacity=\"{}\"/>",
            num(SHADOW_ALPHA)
        );
    }
    rounded(s, r.min.x, r.min.y);
    let _ = writeln!(
        s,
        " fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        n.fill.hex(),
        n.border.hex(),
        num(n.border_width)
    );
    if n.lines.iter().all(|l| l.trim().is_empty()) {
        return;
    }
    let _ = write!(
        s,
        "<text font-size=\"{}\" fill=\"{}\"{}{}>",
        num(n.font_size),
        n.text_color.hex(),
        if n.bold { " font-weight=\"bold\"" } else { "" },
        if n.centered {
            " text-anchor=\"middle\""
        } else {
            ""
        }
    );
    let x = num(n.text_x());
    for (i, line) in n.lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            x,
            num(n.baseline(i)),
            escape(line, Charset::Utf8)
        );
    }
    s.push_str("</text>\n");
}

/// A coordinate with at most two decimals and no trailing zeros (compact, deterministic).
pub(super) fn num(v: f32) -> String {
    fixed(v, 100.0)
}

/// A scale factor: four decimals, so large maps do not drift by whole units.
fn num4(v: f32) -> String {
    fixed(v, 10_000.0)
}

fn fixed(v: f32, precision: f32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    // In f64, so large coordinates print as typed rather than as their nearest f32.
    let r = (f64::from(v) * f64::from(precision)).round() / f64::from(precision);
    let r = if r == 0.0 { 0.0 } else { r }; // no "-0"
    let mut t = format!("{r:.4}");
    while t.ends_with('0') {
        t.pop();
    }
    if t.ends_with('.') {
        t.pop();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.3456), "12.35");
        assert_eq!(num4(0.123456), "0.1235");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        let t = ellipsize(&"Restitution ".repeat(40), 26.0, 500.0);
        assert!(t.ends_with('…'));
        assert!(crate::text::measure(&t, 26.0, false) <= 500.0);
    }

    #[test]
    fn small_maps_are_not_blown_up_and_large_ones_fit() {
        let small = fit(Rect::from_center_size(
            Point::ZERO,
            crate::geom::Size::new(300.0, 100.0),
        ));
        assert_eq!(small.zoom, MAX_ZOOM);
        let big = fit(Rect::from_center_size(
            Point::new(500.0, 0.0),
            crate::geom::Size::new(4000.0, 1000.0),
        ));
        assert!((4000.0 * big.zoom - SLIDE_W).abs() < 0.5);
        assert!((big.offset.x + 500.0 * big.zoom - SLIDE_W / 2.0).abs() < 0.5);
    }
}
