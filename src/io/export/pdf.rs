//! PDF: one page per table (a 16:9 slide, or a page sized to the map at 100 %: see
//! [`svg::sheets`]), the same pages as [`svg`] drawn straight into PDF content
//! streams, with the bundled font embedded (cut down to the glyphs used) so accents and arrows
//! print anywhere and the text stays selectable and searchable.
//!
//! Not through an SVG converter: one lays every glyph of every note out as its own path first (a
//! 10,000-idea café took 5 s and 0.67 GB). Here a line of text is one `Tj` of glyph ids.

use super::svg::{self, Header};
use super::{ExportOptions, FileError, selected_tables, truetype};
use crate::geom::Point;
use crate::model::{Cafe, Rgb};
use crate::render::{
    DASH, EdgeVisual, NodeVisual, SHADOW_ALPHA, SHADOW_OFFSET, Scene, SceneStyle, Sticker,
};
use pdf_writer::types::{CidFontType, FontFlags, LineCapStyle, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::{BTreeMap, BTreeSet};

/// Page size in points: PowerPoint's widescreen slide (13.33 × 7.5 in).
pub const PAGE_W: f32 = 960.0;
pub const PAGE_H: f32 = 540.0;

/// The graphics state the soft shadows of notes are painted in; every page that shows a map
/// lists it in its resources ([`Shared::add_to`]).
const SHADOW_STATE: Name = Name(b"Shadow");
const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One of the two bundled faces and the glyphs the document shows in it.
pub(crate) struct Face {
    bold: bool,
    face: ttf_parser::Face<'static>,
    /// Glyph id → the character it shows (for copy and search).
    used: BTreeMap<u16, char>,
}

impl Face {
    fn new(bold: bool) -> Result<Face, FileError> {
        let bytes = if bold {
            crate::text::BOLD_TTF
        } else {
            crate::text::REGULAR_TTF
        };
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| FileError::new(format!("could not read the bundled font: {e}")))?;
        Ok(Face {
            bold,
            face,
            used: BTreeMap::new(),
        })
    }

    pub(crate) fn name(&self) -> Name<'static> {
        Name(if self.bold { b"Bold" } else { b"Regular" })
    }

    fn ttf(&self) -> &'static [u8] {
        if self.bold {
            crate::text::BOLD_TTF
        } else {
            crate::text::REGULAR_TTF
        }
    }

    /// `text` as two-byte glyph ids (the Identity-H encoding), noting each glyph as used. A
    /// character the font lacks shows the font's empty box, as in the other exports.
    pub(crate) fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(2 * text.len());
        for c in text.chars() {
            let id = self.face.glyph_index(c).map_or(0, |g| g.0);
            self.used.entry(id).or_insert(c);
            out.extend_from_slice(&id.to_be_bytes());
        }
        out
    }

    /// Advance of glyph `id` in thousandths of an em, as PDF widths are given.
    fn width(&self, id: u16) -> f32 {
        let em = f32::from(self.face.units_per_em());
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(id))
            .map_or(0.0, |a| f32::from(a) * 1000.0 / em)
    }

    /// Writes the font's objects: the Type0 font at `font`, then four more after `next`.
    fn write(&self, pdf: &mut Pdf, font: Ref, alloc: &mut Ref) -> Result<(), FileError> {
        let (cid, descriptor, cmap, data) =
            (alloc.bump(), alloc.bump(), alloc.bump(), alloc.bump());
        let base = Name(if self.bold {
            b"CAFEMP+DejaVuSans-Bold"
        } else {
            b"CAFEMP+DejaVuSans"
        });
        pdf.type0_font(font)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut c = pdf.cid_font(cid);
        c.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(SYSTEM_INFO)
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut widths = c.widths();
            for &id in self.used.keys() {
                widths.consecutive(id, [self.width(id)]);
            }
        }
        c.finish();
        let em = f32::from(self.face.units_per_em());
        let scaled = |v: i16| f32::from(v) * 1000.0 / em;
        let bbox = self.face.global_bounding_box();
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                scaled(bbox.x_min),
                scaled(bbox.y_min),
                scaled(bbox.x_max),
                scaled(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scaled(self.face.ascender()))
            .descent(scaled(self.face.descender()))
            .cap_height(scaled(
                self.face.capital_height().unwrap_or(self.face.ascender()),
            ))
            .stem_v(if self.bold { 140.0 } else { 80.0 })
            .font_file2(data);
        let mut unicode = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
        for (&id, &c) in &self.used {
            unicode.pair(id, c);
        }
        pdf.cmap(cmap, &unicode.finish());
        let ids: BTreeSet<u16> = self.used.keys().copied().collect();
        let subset = truetype::subset(self.ttf(), &ids)
            .ok_or_else(|| FileError::new("could not embed the bundled font"))?;
        pdf.stream(data, &deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        Ok(())
    }
}

/// The regular and the bold face, as the slides and the report use them.
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    pub(crate) fn new() -> Result<Fonts, FileError> {
        Ok(Fonts {
            regular: Face::new(false)?,
            bold: Face::new(true)?,
        })
    }

    pub(crate) fn face(&mut self, bold: bool) -> &mut Face {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }
}

/// What every page of a document refers to: the two fonts and the shadows' graphics state,
/// written once after all the pages were drawn (a font subset needs every glyph used).
pub(crate) struct Shared {
    fonts: [Ref; 2],
    shadow: Ref,
}

impl Shared {
    /// Reserves the objects' ids.
    pub(crate) fn alloc(alloc: &mut Ref) -> Shared {
        Shared {
            fonts: [alloc.bump(), alloc.bump()],
            shadow: alloc.bump(),
        }
    }

    /// Writes the fonts (subsets of the glyphs `fonts` met) and the graphics state.
    pub(crate) fn write(
        &self,
        pdf: &mut Pdf,
        fonts: &Fonts,
        alloc: &mut Ref,
    ) -> Result<(), FileError> {
        pdf.ext_graphics(self.shadow)
            .non_stroking_alpha(SHADOW_ALPHA);
        fonts.regular.write(pdf, self.fonts[0], alloc)?;
        fonts.bold.write(pdf, self.fonts[1], alloc)
    }

    /// Lists the fonts and the graphics state in a page's resources.
    pub(crate) fn add_to(&self, page: &mut pdf_writer::writers::Page<'_>) {
        let mut resources = page.resources();
        let mut f = resources.fonts();
        f.pair(Name(b"Regular"), self.fonts[0]);
        f.pair(Name(b"Bold"), self.fonts[1]);
        f.finish();
        resources.ext_g_states().pair(SHADOW_STATE, self.shadow);
    }
}

/// Streams are deflated: page contents are long runs of drawing operators and compress about
/// five-fold, so a 10,000-idea map stays a file one can e-mail.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// The selected tables, one page each (a café without tables gives one page with its header).
pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let sheets = svg::sheets(cafe, &tables, options.page);
    let mut fonts = Fonts::new()?;
    let contents: Vec<(PageBox, Vec<u8>)> = sheets
        .iter()
        .map(|sheet| {
            let b = PageBox::of(sheet);
            (b, draw_slide(cafe, sheet, b, &mut fonts))
        })
        .collect();

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let page_tree = alloc.bump();
    let info = alloc.bump();
    let shared = Shared::alloc(&mut alloc);
    let mut pdf = Pdf::new();
    shared.write(&mut pdf, &fonts, &mut alloc)?;
    let mut pages = Vec::with_capacity(contents.len());
    for (b, content) in &contents {
        let (page, stream) = (alloc.bump(), alloc.bump());
        pages.push(page);
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, b.w, b.h));
        if b.user_unit > 1.0 {
            p.user_unit(b.user_unit);
        }
        p.parent(page_tree);
        p.contents(stream);
        shared.add_to(&mut p);
        p.finish();
        pdf.stream(stream, &deflate(content))
            .filter(Filter::FlateDecode);
    }
    pdf.catalog(catalog).pages(page_tree);
    let count =
        i32::try_from(pages.len()).map_err(|_| FileError::new("too many tables for one PDF"))?;
    pdf.pages(page_tree).kids(pages).count(count);
    let mut doc_info = pdf.document_info(info);
    if !cafe.info.title.trim().is_empty() {
        doc_info.title(TextStr(cafe.info.title.trim()));
    }
    doc_info.creator(TextStr("CaféMap"));
    doc_info.finish();
    Ok(pdf.finish())
}

pub(crate) fn rgb(c: Rgb) -> (f32, f32, f32) {
    let f = |v: u8| f32::from(v) / 255.0;
    (f(c.0), f(c.1), f(c.2))
}

/// A page's size in PDF units and how many slide units one of them holds.
#[derive(Clone, Copy, Debug)]
struct PageBox {
    w: f32,
    h: f32,
    /// PDF units per slide unit.
    scale: f32,
    /// Points per PDF unit: above 1 only for pages larger than readers allow in points.
    user_unit: f32,
}

/// Points per CSS pixel: a page sized to its map shows it as the SVG does at 100 %.
const PT_PER_PX: f32 = 0.75;
/// The largest page side in points readers accept (200 inches); larger pages count in bigger
/// units (`UserUnit`, PDF 1.6), so a huge map keeps its text at 9 pt and more at 100 %.
const MAX_PAGE_PT: f32 = 14_400.0;

impl PageBox {
    fn of(sheet: &svg::Sheet) -> PageBox {
        if sheet.slide {
            return PageBox {
                w: PAGE_W,
                h: PAGE_H,
                scale: PAGE_W / svg::SLIDE_W,
                user_unit: 1.0,
            };
        }
        let largest = sheet.w.max(sheet.h) * PT_PER_PX;
        let user_unit = (largest / MAX_PAGE_PT).ceil().max(1.0);
        let scale = PT_PER_PX / user_unit;
        PageBox {
            w: sheet.w * scale,
            h: sheet.h * scale,
            scale,
            user_unit,
        }
    }
}

/// The content stream of one page, drawn in slide units (y down) scaled onto the page.
fn draw_slide(cafe: &Cafe, sheet: &svg::Sheet, page: PageBox, fonts: &mut Fonts) -> Vec<u8> {
    let style = SceneStyle::PROJECTOR;
    let mut c = Content::new();
    c.transform([page.scale, 0.0, 0.0, -page.scale, 0.0, page.h]);
    let (r, g, b) = rgb(style.background);
    c.set_fill_rgb(r, g, b);
    c.rect(0.0, 0.0, sheet.w, sheet.h);
    c.fill_nonzero();
    let header = Header::new(cafe, sheet.index, sheet.w);
    let size = svg::HEADER_SIZE;
    {
        text(
            &mut c,
            &mut fonts.bold,
            &header.label,
            header.x,
            header.baseline,
            size,
            svg::HEADER_INK,
        );
        if let Some(title) = &header.title {
            let x = header.title_x();
            text(
                &mut c,
                &mut fonts.regular,
                title,
                x,
                header.baseline,
                size,
                svg::HEADER_MUTED,
            );
        }
    }
    if let Some(scene) = &sheet.scene {
        let f = &sheet.fit;
        draw_scene(&mut c, scene, f.zoom, f.offset, fonts);
    }
    c.finish()
}

/// Draws `scene` into a content stream drawn y down: canvas units × `zoom` + `offset`. The
/// slides and the report's figures share it.
pub(crate) fn draw_scene(
    c: &mut Content,
    scene: &Scene,
    zoom: f32,
    offset: Point,
    fonts: &mut Fonts,
) {
    c.save_state();
    c.transform([zoom, 0.0, 0.0, zoom, offset.x, offset.y]);
    for e in &scene.edges {
        edge(c, e);
    }
    for n in &scene.nodes {
        node(c, n, fonts);
        for k in n.stickers() {
            sticker(c, &k, fonts);
        }
    }
    c.restore_state();
}

fn edge(c: &mut Content, e: &EdgeVisual) {
    let [a, b, p, d] = e.points;
    let (r, g, bl) = rgb(e.color);
    c.save_state();
    c.set_stroke_rgb(r, g, bl);
    c.set_line_width(e.width);
    c.set_line_cap(LineCapStyle::RoundCap);
    if e.dashed {
        c.set_dash_pattern(DASH, 0.0);
    }
    c.move_to(a.x, a.y);
    c.cubic_to(b.x, b.y, p.x, p.y, d.x, d.y);
    c.stroke();
    c.restore_state();
}

fn node(c: &mut Content, n: &NodeVisual, fonts: &mut Fonts) {
    let r = n.rect;
    if n.shadow {
        c.save_state();
        c.set_parameters(SHADOW_STATE);
        c.set_fill_rgb(0.0, 0.0, 0.0);
        let (x, y) = (r.min.x + SHADOW_OFFSET.x, r.min.y + SHADOW_OFFSET.y);
        super::rounded_rect(c, x, y, r.width(), r.height(), n.corner_radius);
        c.fill_nonzero();
        c.restore_state();
    }
    let (fr, fg, fb) = rgb(n.fill);
    let (br, bg, bb) = rgb(n.border);
    c.set_fill_rgb(fr, fg, fb);
    c.set_stroke_rgb(br, bg, bb);
    c.set_line_width(n.border_width);
    super::rounded_rect(c, r.min.x, r.min.y, r.width(), r.height(), n.corner_radius);
    c.fill_nonzero_and_stroke();
    let face = fonts.face(n.bold);
    for (i, line, left) in n.placed_lines() {
        text(
            c,
            face,
            line,
            left,
            n.baseline(i),
            n.font_size,
            n.text_color,
        );
    }
}

/// A dot, tag chip or origin badge: a rounded box, its border, its centred text.
fn sticker(c: &mut Content, k: &Sticker, fonts: &mut Fonts) {
    let r = k.rect;
    let (fr, fg, fb) = rgb(k.fill);
    c.set_fill_rgb(fr, fg, fb);
    super::rounded_rect(c, r.min.x, r.min.y, r.width(), r.height(), k.radius());
    match k.border {
        Some(b) => {
            let (br, bg, bb) = rgb(b);
            c.set_stroke_rgb(br, bg, bb);
            c.set_line_width(1.0);
            c.fill_nonzero_and_stroke();
        }
        None => {
            c.fill_nonzero();
        }
    }
    let face = if k.bold {
        &mut fonts.bold
    } else {
        &mut fonts.regular
    };
    text(
        c,
        face,
        &k.text,
        k.text_left(),
        k.baseline(),
        k.font_size,
        k.text_color,
    );
}

/// One line of text, its left end at `x` on baseline `y` (the page is drawn y down, so the
/// text matrix turns the glyphs back up).
pub(crate) fn text(
    c: &mut Content,
    face: &mut Face,
    line: &str,
    x: f32,
    y: f32,
    size: f32,
    color: Rgb,
) {
    if line.is_empty() {
        return;
    }
    let (r, g, b) = rgb(color);
    let encoded = face.encode(line);
    c.begin_text();
    c.set_fill_rgb(r, g, b);
    c.set_font(face.name(), 1.0);
    c.set_text_matrix([size, 0.0, 0.0, -size, x, y]);
    c.show(Str(&encoded));
    c.end_text();
}

super::outline_by_methods!(Content, close_path);
