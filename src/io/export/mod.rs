//! Exporters: a café → formats partners can open without CaféMap.

use super::FileError;
use crate::i18n::Lang;
use crate::io::report::partner_safe;
use crate::model::{Cafe, NodeId, Table};

/// The formats we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Our own file format, canonical bytes.
    Ron,
    /// Markdown outline (re-imports with our Markdown importer).
    Markdown,
    /// OPML 2.0 outline.
    Opml,
    /// Freeplane / FreeMind map.
    FreeMind,
    /// JSON Canvas 1.0 (Obsidian).
    Canvas,
    /// One row per idea, for spreadsheets.
    Csv,
    /// Vector slides, one per table, drawn like the canvas.
    Svg,
    /// The same slides as a picture (1920 × 1080 per table at scale 1).
    Png,
    /// One page per table, font embedded.
    Pdf,
    /// One self-contained web page: maps to pan, zoom, search and present in any browser.
    Html,
}

impl ExportFormat {
    /// Parses a `--format` value.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "ron" => Some(ExportFormat::Ron),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "opml" => Some(ExportFormat::Opml),
            "mm" | "freemind" | "freeplane" => Some(ExportFormat::FreeMind),
            "canvas" | "json-canvas" => Some(ExportFormat::Canvas),
            "csv" => Some(ExportFormat::Csv),
            "svg" => Some(ExportFormat::Svg),
            "png" => Some(ExportFormat::Png),
            "pdf" => Some(ExportFormat::Pdf),
            "html" | "htm" => Some(ExportFormat::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Ron => "ron",
            ExportFormat::Markdown => "md",
            ExportFormat::Opml => "opml",
            ExportFormat::FreeMind => "mm",
            ExportFormat::Canvas => "canvas",
            ExportFormat::Csv => "csv",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Html => "html",
        }
    }

    /// Slides for a room (SVG, PNG, PDF): they show the map as presented, without the Unsorted
    /// tray, whose notes would shrink the real map to a corner of the slide.
    pub fn is_presentation(self) -> bool {
        matches!(
            self,
            ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf
        )
    }
}

/// Options shared by exporters; each uses what applies to it. The same café and options give
/// the same bytes on every machine: nothing here comes from the system (locale, fonts).
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Only this table (0-based), for formats that can show one.
    pub table: Option<usize>,
    /// Pixel scale for raster exports; `None` picks one that suits a 1080p slide.
    pub scale: Option<f32>,
    /// How SVG, PNG and PDF size each table's page.
    pub page: PageSize,
    /// Language of the words an export adds itself (e.g. the "Unsorted" outline node): the
    /// CLI's `--lang`, the window's language; English by default, never the system's locale.
    pub lang: Lang,
    /// For partners: without speaker notes, contributor names, merge history, nor the notes and
    /// tables hidden from the presentation (the report's rules, [`partner_safe`]).
    pub partner_safe: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            table: None,
            scale: None,
            page: PageSize::Auto,
            lang: Lang::En,
            partner_safe: false,
        }
    }
}

/// How the picture exports (SVG, PNG, PDF) size a table's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PageSize {
    /// A 16:9 slide when the map is legible on it (see [`svg::LEGIBLE_PX`]), else a page sized
    /// to the map at its own scale.
    #[default]
    Auto,
    /// Always a 16:9 slide, the map shrunk to fit: for presenting.
    Slide,
    /// Always a page the size of the map at 100 %: for reading, zooming and large prints.
    Content,
}

impl PageSize {
    /// Parses a `--page` value.
    pub fn from_name(name: &str) -> Option<PageSize> {
        match name.to_ascii_lowercase().as_str() {
            "auto" => Some(PageSize::Auto),
            "slide" => Some(PageSize::Slide),
            "content" | "map" => Some(PageSize::Content),
            _ => None,
        }
    }
}

/// How many unsorted notes (nested ones included) an export of `format` leaves out: the
/// presentation formats draw no tray. The export summary tells the user.
pub fn unsorted_left_out(
    cafe: &Cafe,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<usize, FileError> {
    if !format.is_presentation() {
        return Ok(0);
    }
    Ok(selected_tables(cafe, options)?
        .iter()
        .map(|(_, t)| {
            t.unsorted()
                .into_iter()
                .map(|id| t.subtree(id).len())
                .sum::<usize>()
        })
        .sum())
}

pub fn export(
    cafe: &Cafe,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, FileError> {
    // What partners must not see goes first; the HTML map, made to be sent out, never shows
    // what is hidden from the presentation.
    let safe;
    let cafe = if options.partner_safe {
        safe = partner_safe(cafe);
        &safe
    } else if format == ExportFormat::Html {
        safe = crate::io::report::without_hidden(cafe);
        &safe
    } else {
        cafe
    };
    // Synthesis references show their originals as they read now, with their table and votes;
    // the map file keeps the document as it is.
    let shown = crate::render::shown_cafe(cafe);
    match format {
        ExportFormat::Ron => Ok(crate::io::file::to_string(cafe).into_bytes()),
        ExportFormat::Markdown => markdown::export(&shown, options),
        ExportFormat::Opml => opml::export(&shown, options),
        ExportFormat::FreeMind => freemind::export(&shown, options),
        ExportFormat::Canvas => canvas::export(&shown, options),
        ExportFormat::Csv => csv::export(&shown, options),
        ExportFormat::Svg => svg::export(&shown, options),
        ExportFormat::Png => png::export(&shown, options),
        ExportFormat::Pdf => pdf::export(&shown, options),
        ExportFormat::Html => html::export(&shown, options),
    }
}

pub mod canvas;
pub mod csv;
pub mod freemind;
pub mod html;
pub mod markdown;
pub mod opml;
pub mod pdf;
pub mod png;
pub mod svg;
mod truetype;
pub(crate) mod xml;

/// Where a drawn outline goes: a raster path (PNG) or a PDF content stream.
trait Outline {
    fn move_to(&mut self, x: f32, y: f32);
    fn line_to(&mut self, x: f32, y: f32);
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32);
    fn close(&mut self);
}

/// Implements [`Outline`] for a path type by its own methods of the same names (`close` names
/// the one that closes a subpath).
macro_rules! outline_by_methods {
    ($ty:ty, $close:ident) => {
        impl $crate::io::export::Outline for $ty {
            fn move_to(&mut self, x: f32, y: f32) {
                <$ty>::move_to(self, x, y);
            }
            fn line_to(&mut self, x: f32, y: f32) {
                <$ty>::line_to(self, x, y);
            }
            fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                <$ty>::cubic_to(self, x1, y1, x2, y2, x, y);
            }
            fn close(&mut self) {
                <$ty>::$close(self);
            }
        }
    };
}
use outline_by_methods;

/// A rounded rectangle, corners drawn as quarter circles (one cubic each), as the canvas and the
/// SVG slides draw node boxes.
fn rounded_rect(out: &mut impl Outline, x: f32, y: f32, w: f32, h: f32, radius: f32) {
    let r = radius.min(w / 2.0).min(h / 2.0).max(0.0);
    // Control-point distance for a quarter circle drawn as one cubic.
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    out.move_to(x + r, y);
    out.line_to(x1 - r, y);
    out.cubic_to(x1 - r + k, y, x1, y + r - k, x1, y + r);
    out.line_to(x1, y1 - r);
    out.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    out.line_to(x + r, y1);
    out.cubic_to(x + r - k, y1, x, y1 - r + k, x, y1 - r);
    out.line_to(x, y + r);
    out.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    out.close();
}

/// `ids` in the order a reader meets them on the map: the question's branches clockwise from
/// 12 o'clock (after the user's own theme order, if any), notes in rows top to bottom, each row
/// left to right. Every outline exporter (Markdown, OPML, Freeplane, canvas, CSV) writes siblings
/// in this order, so an export reads like the map.
pub fn reading_order(table: &Table, ids: &[NodeId]) -> Vec<NodeId> {
    use crate::layout::order;
    let q = table.question();
    if !ids.is_empty() && ids.iter().all(|&id| table.parent(id) == Some(q)) {
        let wanted: std::collections::HashSet<&NodeId> = ids.iter().collect();
        let branches = order::branch_order(table);
        return branches
            .into_iter()
            .filter(|b| wanted.contains(b))
            .collect();
    }
    order::reading_order(table, ids)
}

/// The children of `id` in [`reading_order`].
pub fn children_in_order(table: &Table, id: NodeId) -> Vec<NodeId> {
    reading_order(table, &table.children(id))
}

/// Deepest level the outline exports (Markdown, OPML, Freeplane) nest to: what hangs deeper is
/// written at this level, after its parent. Every importer reads the file back (they refuse
/// deeper outlines), and the output stays linear in the map's size (its indentation grows with
/// the depth: a chain of 100,000 ideas would otherwise make gigabytes of spaces).
pub const MAX_OUTLINE_DEPTH: usize = crate::text::indent::MAX_DEPTH - 10;

/// `root` and everything below it in reading order, each with its depth below `root` (0 for
/// `root` itself), at most [`MAX_OUTLINE_DEPTH`]. Iterative, so however deep a file nests,
/// exporting cannot overflow the stack.
pub fn walk(table: &Table, root: NodeId) -> Vec<(NodeId, usize)> {
    let mut out = Vec::new();
    let mut stack = vec![(root, 0)];
    while let Some((id, depth)) = stack.pop() {
        // A tree never yields more entries than the table has nodes; stop should a loop sneak in.
        if out.len() >= table.len() {
            break;
        }
        out.push((id, depth));
        stack.extend(
            children_in_order(table, id)
                .into_iter()
                .rev()
                .map(|c| (c, (depth + 1).min(MAX_OUTLINE_DEPTH))),
        );
    }
    out
}

/// The tables an export covers, with their index: all, or the one `options.table` names.
pub fn selected_tables<'a>(
    cafe: &'a Cafe,
    options: &ExportOptions,
) -> Result<Vec<(usize, &'a Table)>, FileError> {
    match options.table {
        None => Ok(cafe.tables.iter().enumerate().collect()),
        Some(i) => match cafe.tables.get(i) {
            Some(t) => Ok(vec![(i, t)]),
            None => Err(FileError::new(format!(
                "there is no table {} (this café has {})",
                i + 1,
                cafe.tables.len()
            ))),
        },
    }
}
