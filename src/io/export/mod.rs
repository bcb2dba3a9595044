//! Exporters: a café → formats partners can open without CaféMap.

use super::FileError;
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
        }
    }
}

/// Options shared by exporters; each uses what applies to it.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Only this table (0-based), for formats that can show one.
    pub table: Option<usize>,
    /// Pixel scale for raster exports; `None` picks one that suits a 1080p slide.
    pub scale: Option<f32>,
}

pub fn export(
    cafe: &Cafe,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, FileError> {
    match format {
        ExportFormat::Ron => Ok(crate::io::file::to_string(cafe).into_bytes()),
        ExportFormat::Markdown => markdown::export(cafe, options),
        ExportFormat::Opml => opml::export(cafe, options),
        ExportFormat::FreeMind => freemind::export(cafe, options),
        ExportFormat::Canvas => canvas::export(cafe, options),
        ExportFormat::Csv => csv::export(cafe, options),
        ExportFormat::Svg => svg::export(cafe, options),
        ExportFormat::Png => png::export(cafe, options),
        ExportFormat::Pdf => pdf::export(cafe, options),
    }
}

pub mod canvas;
pub mod csv;
pub mod freemind;
pub mod markdown;
pub mod opml;
pub mod pdf;
pub mod png;
pub mod svg;
mod xml;

/// `ids` in the order a reader meets them on the map: the question's branches clockwise from
/// 12 o'clock (after the user's own theme order, if any), notes in rows top to bottom, each row
/// left to right. Every outline exporter (Markdown, OPML, Freeplane, canvas, CSV) writes siblings
/// in this order, so an export reads like the map.
pub fn reading_order(table: &Table, ids: &[NodeId]) -> Vec<NodeId> {
    use crate::layout::order;
    let q = table.question();
    if !ids.is_empty() && ids.iter().all(|&id| table.parent(id) == Some(q)) {
        let branches = order::branch_order(table);
        return branches.into_iter().filter(|b| ids.contains(b)).collect();
    }
    order::reading_order(table, ids)
}

/// The children of `id` in [`reading_order`].
pub fn children_in_order(table: &Table, id: NodeId) -> Vec<NodeId> {
    reading_order(table, &table.children(id))
}

/// `root` and everything below it in reading order, each with its depth below `root` (0 for
/// `root` itself). Iterative, so however deep a file nests, exporting cannot overflow the stack.
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
                .map(|c| (c, depth + 1)),
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
