//! PDF: one 16:9 page per table, converted by svg2pdf from the same SVG slides, with the bundled
//! font embedded (subset) so accents and arrows print anywhere and the text stays selectable.

use super::{ExportOptions, FileError, png, selected_tables, svg};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use resvg::usvg;
use std::collections::HashMap;

/// Page size in points: PowerPoint's widescreen slide (13.33 × 7.5 in).
pub const PAGE_W: f32 = 960.0;
pub const PAGE_H: f32 = 540.0;

/// The selected tables, one page each (a café without tables gives one page with its header).
pub fn export(cafe: &crate::model::Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let slides: Vec<String> = if tables.is_empty() {
        vec![svg::document(cafe, &[])]
    } else {
        tables.iter().map(|&t| svg::document(cafe, &[t])).collect()
    };
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let page_tree = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut pages = Vec::with_capacity(slides.len());
    let name = Name(b"Slide");
    for slide in &slides {
        let tree = usvg::Tree::from_str(slide, &png::usvg_options())
            .map_err(|e| FileError::new(format!("could not draw the map: {e}")))?;
        let (chunk, xobject) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| FileError::new(format!("could not write the PDF: {e}")))?;
        // The chunk numbers its objects from 1: move them after ours.
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let xobject = *renumbered
            .get(&xobject)
            .ok_or_else(|| FileError::new("could not write the PDF: the drawing went missing"))?;
        let (page, content) = (alloc.bump(), alloc.bump());
        pages.push(page);
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(page_tree);
        p.contents(content);
        p.resources().x_objects().pair(name, xobject);
        p.finish();
        // The converted drawing is a 1 × 1 pt form: stretch it over the page.
        let mut c = Content::new();
        c.transform([PAGE_W, 0.0, 0.0, PAGE_H, 0.0, 0.0]);
        c.x_object(name);
        pdf.stream(content, &c.finish());
        pdf.extend(&chunk);
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
