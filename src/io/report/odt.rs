//! The report as an OpenDocument text (.odt) for partners who edit the compte-rendu in
//! LibreOffice or Word: real headings (in the navigator and the table of contents), real lists
//! and tables, the maps as PNG pictures (the PNG export's slide of each table), A4 pages
//! numbered in the footer.
//!
//! The package is a zip written by [`super::zip`]: `mimetype` first and stored, then the XML
//! parts and pictures, all listed in `META-INF/manifest.xml`, so LibreOffice opens it without
//! a repair prompt.

use super::zip::{Method, ZipWriter};
use super::{Block, Grid, Item, Nest, Report, TextStyle, nest};
use crate::i18n::{I18n, Lang};
use crate::io::FileError;
use crate::io::export::xml::{self, Charset};
use crate::io::export::{ExportOptions, PageSize, png, svg};
use std::fmt::Write;

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3""#;

/// Width of a map on the page (the text width of A4 with 2.2 cm margins is 16.6 cm).
const FIGURE_W_CM: f32 = 16.5;

fn esc(s: &str) -> String {
    xml::text(s, Charset::Utf8)
}

/// Text that may hold line breaks, as ODF wants them (`<text:line-break/>`).
fn esc_lines(s: &str) -> String {
    s.split('\n')
        .map(esc)
        .collect::<Vec<_>>()
        .join("<text:line-break/>")
}

pub fn write(report: &Report) -> Result<Vec<u8>, FileError> {
    let mut pictures: Vec<(String, Vec<u8>)> = Vec::new();
    let content = content(report, &mut pictures)?;
    let mut zip = ZipWriter::default();
    zip.add("mimetype", MIMETYPE.as_bytes(), Method::Stored)?;
    zip.add("content.xml", content.as_bytes(), Method::Deflated)?;
    zip.add(
        "styles.xml",
        styles(report.lang).as_bytes(),
        Method::Deflated,
    )?;
    zip.add("meta.xml", meta(report).as_bytes(), Method::Deflated)?;
    for (name, png) in &pictures {
        // PNGs are compressed already.
        zip.add(name, png, Method::Stored)?;
    }
    zip.add(
        "META-INF/manifest.xml",
        manifest(&pictures).as_bytes(),
        Method::Deflated,
    )?;
    zip.finish()
}

fn manifest(pictures: &[(String, Vec<u8>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n",
    );
    let _ = writeln!(
        s,
        " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{MIMETYPE}\"/>"
    );
    for part in ["content.xml", "styles.xml", "meta.xml"] {
        let _ = writeln!(
            s,
            " <manifest:file-entry manifest:full-path=\"{part}\" manifest:media-type=\"text/xml\"/>"
        );
    }
    for (name, _) in pictures {
        let _ = writeln!(
            s,
            " <manifest:file-entry manifest:full-path=\"{name}\" manifest:media-type=\"image/png\"/>"
        );
    }
    s.push_str("</manifest:manifest>\n");
    s
}

fn lang_code(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr => ("fr", "FR"),
        Lang::En => ("en", "GB"),
    }
}

/// The document's properties: its title and language, and the title page's subtitle (as the
/// subject) and details (date, place, organisers, facilitators, as custom properties, which
/// File ▸ Properties shows), so that a document manager finds the event by them.
fn meta(report: &Report) -> String {
    let (language, country) = lang_code(report.lang);
    let mut more = String::new();
    for block in &report.blocks {
        let Block::TitlePage(page) = block else {
            continue;
        };
        if !page.subtitle.is_empty() {
            more.push_str(&format!("<dc:subject>{}</dc:subject>", esc(&page.subtitle)));
        }
        for (label, value) in &page.details {
            more.push_str(&format!(
                "<meta:user-defined meta:name=\"{}\">{}</meta:user-defined>",
                esc(label),
                esc(value)
            ));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta {NAMESPACES}><office:meta><meta:generator>CaféMap</meta:generator><dc:title>{}</dc:title>{more}<dc:language>{language}-{country}</dc:language></office:meta></office:document-meta>\n",
        esc(&report.title)
    )
}

/// Paragraph styles, list bullets, the A4 page with its numbered footer.
fn styles(lang: Lang) -> String {
    let (language, country) = lang_code(lang);
    // "Page n of N" with the numbers as fields: the sentence is the translation's.
    let footer = I18n::new(lang).tr_args(
        "report-page",
        &[("page", "\u{E000}".into()), ("pages", "\u{E001}".into())],
    );
    let footer = esc(&footer)
        .replace(
            '\u{E000}',
            "<text:page-number text:select-page=\"current\"/>",
        )
        .replace('\u{E001}', "<text:page-count/>");
    let heading = |n: u8, size: &str, top: &str| {
        format!(
            "<style:style style:name=\"Heading_20_{n}\" style:display-name=\"Heading {n}\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"{n}\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"{top}\" fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-size=\"{size}\" fo:font-weight=\"bold\" style:font-weight-complex=\"bold\" fo:color=\"#1f3a5f\"/></style:style>"
        )
    };
    let mut bullets = String::new();
    for level in 1..=10 {
        let bullet = if level == 1 { "•" } else { "–" };
        let indent = 0.6 * level as f32;
        let _ = write!(
            bullets,
            "<text:list-level-style-bullet text:level=\"{level}\" text:bullet-char=\"{bullet}\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"{indent:.2}cm\" fo:text-indent=\"-0.4cm\" fo:margin-left=\"{indent:.2}cm\"/></style:list-level-properties></text:list-level-style-bullet>"
        );
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}>
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:widows="2" fo:orphans="2"/><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10.5pt" fo:language="{language}" fo:country="{country}"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"/>
{h1}
{h2}
{h3}
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="26pt" fo:font-weight="bold" fo:color="#1f3a5f"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="13pt"/></style:style>
<style:style style:name="Kind" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="6cm"/><style:text-properties fo:font-size="12pt" fo:color="#6b7278"/></style:style>
<style:style style:name="Lead" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:margin-bottom="0.3cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="12.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Muted" style:family="paragraph" style:parent-style-name="Text_20_body"><style:text-properties fo:font-size="9.5pt" fo:color="#6b7278"/></style:style>
<style:style style:name="List_20_Item" style:display-name="List Item" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0.1cm"/></style:style>
<style:style style:name="List_20_Item_20_Kept" style:display-name="List Item Kept" style:family="paragraph" style:parent-style-name="List_20_Item"><style:paragraph-properties fo:keep-with-next="always"/></style:style>
<style:style style:name="Detail" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="8.5pt" fo:color="#6b7278"/></style:style>
<style:style style:name="Detail_20_Kept" style:display-name="Detail Kept" style:family="paragraph" style:parent-style-name="Detail"><style:paragraph-properties fo:keep-with-next="always"/></style:style>
<style:style style:name="Figure" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:keep-with-next="always"/></style:style>
<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="8.5pt" fo:color="#6b7278"/></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Table_20_Number" style:display-name="Table Number" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8.5pt" fo:color="#6b7278"/></style:style>
<style:style style:name="Page_20_End" style:display-name="Page End" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-after="page"/></style:style>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="Bullets">{bullets}</text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/><style:footer-style><style:header-footer-properties fo:min-height="1cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer></style:master-page>
</office:master-styles>
</office:document-styles>
"##,
        // Sections follow on (kept with what they start); the title page ends with a break.
        h1 = heading(1, "20pt", "0.9cm"),
        h2 = heading(2, "14pt", "0.4cm"),
        h3 = heading(3, "11.5pt", "0.4cm"),
    )
}

/// Each figure's PNG by the position of its block: the maps drawn at the same time, one per
/// core (each its own picture of a few million pixels), so a large café's report waits for its
/// largest map rather than for all of them in turn.
fn draw_figures(report: &Report) -> Vec<Option<Result<Vec<u8>, FileError>>> {
    let wanted: Vec<(usize, usize)> = report
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| match block {
            Block::Figure { table, .. } => Some((i, *table)),
            _ => None,
        })
        .collect();
    let figure = |table: usize| {
        // The map at its own proportions (not a 16:9 slide), as wide as the text.
        let options = ExportOptions {
            table: Some(table),
            page: PageSize::Content,
            ..ExportOptions::default()
        };
        png::export_within(&report.cafe, &options, FIGURE_PIXELS)
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        while let Some(&(i, table)) =
            wanted.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            done.push((i, figure(table)));
        }
        done
    };
    // At most 4 at once: each holds its picture's pixels (up to 20 MB) until it is encoded.
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(4)
        .min(wanted.len());
    let mut out: Vec<Option<Result<Vec<u8>, FileError>>> = std::iter::repeat_with(|| None)
        .take(report.blocks.len())
        .collect();
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..workers).map(|_| scope.spawn(worker)).collect();
        let mut done = worker();
        for other in others {
            match other.join() {
                Ok(theirs) => done.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, png) in done {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(png);
            }
        }
    });
    out
}

fn content(report: &Report, pictures: &mut Vec<(String, Vec<u8>)>) -> Result<String, FileError> {
    let mut figures = draw_figures(report);
    let mut body = String::with_capacity(64 * 1024);
    // Cells of every grid: padded, ruled below, the header row shaded.
    let mut auto = String::from(
        "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.08cm\" fo:border-bottom=\"0.5pt solid #cfcbc4\"/></style:style><style:style style:name=\"HeadCell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.08cm\" fo:background-color=\"#eeebe6\" fo:border-bottom=\"1pt solid #cfcbc4\"/></style:style>",
    );
    let mut grids = 0;
    for (at, block) in report.blocks.iter().enumerate() {
        match block {
            Block::TitlePage(page) => {
                let _ = write!(
                    body,
                    "<text:p text:style-name=\"Kind\">{}</text:p>",
                    esc(&page.kind)
                );
                let _ = write!(
                    body,
                    "<text:p text:style-name=\"Title\">{}</text:p>",
                    esc_lines(&page.title)
                );
                if !page.subtitle.is_empty() {
                    let _ = write!(
                        body,
                        "<text:p text:style-name=\"Subtitle\">{}</text:p>",
                        esc_lines(&page.subtitle)
                    );
                }
                for (label, value) in &page.details {
                    let _ = write!(
                        body,
                        "<text:p text:style-name=\"Text_20_body\"><text:span text:style-name=\"Strong_20_Emphasis\">{}</text:span><text:tab/>{}</text:p>",
                        esc(label),
                        esc_lines(value)
                    );
                }
                if let Some(note) = &page.note {
                    let _ = write!(
                        body,
                        "<text:p text:style-name=\"Muted\">{}</text:p>",
                        esc(note)
                    );
                }
                // The title page stands alone.
                body.push_str("<text:p text:style-name=\"Page_20_End\"/>");
            }
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 3);
                let _ = write!(
                    body,
                    "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">{}</text:h>",
                    esc_lines(text)
                );
            }
            Block::Paragraph { text, style } => {
                let name = match style {
                    TextStyle::Body => "Text_20_body",
                    TextStyle::Lead => "Lead",
                    TextStyle::Muted => "Muted",
                };
                let _ = write!(
                    body,
                    "<text:p text:style-name=\"{name}\">{}</text:p>",
                    esc_lines(text)
                );
            }
            Block::List(items) => list(&mut body, items),
            Block::Grid(grid) => {
                grids += 1;
                table(&mut body, &mut auto, grid, grids);
            }
            Block::Figure { caption, .. } => {
                let Some(png) = figures.get_mut(at).and_then(Option::take) else {
                    continue;
                };
                let png = png?;
                let name = format!("Pictures/map-{}.png", pictures.len() + 1);
                let (w, h) = figure_size(&png);
                let _ = write!(
                    body,
                    "<text:p text:style-name=\"Figure\"><draw:frame draw:name=\"{n}\" text:anchor-type=\"as-char\" svg:width=\"{w:.3}cm\" svg:height=\"{h:.3}cm\"><draw:image xlink:href=\"{name}\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"image/png\"/><svg:desc>{c}</svg:desc></draw:frame></text:p><text:p text:style-name=\"Caption\">{c}</text:p>",
                    n = esc(caption),
                    c = esc(caption),
                );
                pictures.push((name, png));
            }
        }
    }
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NAMESPACES}><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>\n"
    ))
}

/// The most pixels a figure is drawn with: about 300 dpi over the largest figure (16.5 × 22 cm),
/// the resolution printers are fed; more only costs time (a 10,000-idea fan took 1.7 s at 380
/// dpi). Smaller maps keep their full size (1 pixel a unit).
const FIGURE_PIXELS: f32 = 5_000_000.0;

/// A map picture's frame in cm: as wide as the text, or as tall as a page allows, at the
/// picture's own proportions (read from its PNG header; a 16:9 frame if it cannot be read).
fn figure_size(png: &[u8]) -> (f32, f32) {
    const MAX_H_CM: f32 = 22.0;
    let dim = |at: usize| {
        png.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| u32::from_be_bytes(b) as f32)
            .filter(|v| *v > 0.0)
    };
    let (w, h) = match (dim(16), dim(20)) {
        (Some(w), Some(h)) => (w, h),
        _ => (svg::SLIDE_W, svg::SLIDE_H),
    };
    let height = FIGURE_W_CM * h / w;
    if height <= MAX_H_CM {
        (FIGURE_W_CM, height)
    } else {
        (MAX_H_CM * w / h, MAX_H_CM)
    }
}

/// Items nested by depth as ODF lists, a deeper item inside the item above it. Kept with the
/// next paragraph: an item with its details, a short list whole, and a long one's first two
/// and last three items (no page starts or ends the list with one or two items alone).
fn list(out: &mut String, items: &[Item]) {
    let n = items.len();
    let kept = |k: usize| k + 1 < n && (n < 6 || k < 2 || k + 3 >= n);
    let mut k = 0;
    for (i, step) in nest(items).into_iter().enumerate() {
        match step {
            // The outermost list carries the bullets; nested ones inherit them.
            Nest::OpenList if i == 0 => out.push_str("<text:list text:style-name=\"Bullets\">"),
            Nest::OpenList => out.push_str("<text:list>"),
            Nest::CloseList => out.push_str("</text:list>"),
            Nest::CloseItem => out.push_str("</text:list-item>"),
            Nest::OpenItem(item) => {
                let keep = kept(k);
                k += 1;
                let style = if keep || !item.details.is_empty() {
                    "List_20_Item_20_Kept"
                } else {
                    "List_20_Item"
                };
                let _ = write!(
                    out,
                    "<text:list-item><text:p text:style-name=\"{style}\">{}</text:p>",
                    esc_lines(&item.text)
                );
                for (j, d) in item.details.iter().enumerate() {
                    let style = if keep || j + 1 < item.details.len() {
                        "Detail_20_Kept"
                    } else {
                        "Detail"
                    };
                    let _ = write!(
                        out,
                        "<text:p text:style-name=\"{style}\">{}</text:p>",
                        esc(d)
                    );
                }
            }
        }
    }
}

/// A grid as an ODF table: header row repeated on each page, columns as wide as their text
/// suggests, numbers as numbers (a spreadsheet pasted from it can sum them).
fn table(out: &mut String, auto: &mut String, grid: &Grid, n: usize) {
    let columns = grid.header.len().max(1);
    let _ = write!(
        auto,
        "<style:style style:name=\"Grid{n}\" style:family=\"table\"><style:table-properties style:width=\"16.6cm\" table:align=\"margins\" fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.3cm\"/></style:style>"
    );
    let _ = write!(
        out,
        "<table:table table:name=\"Table{n}\" table:style-name=\"Grid{n}\">"
    );
    for i in 0..columns {
        let longest = std::iter::once(grid.header.get(i))
            .chain(grid.rows.iter().map(|r| r.get(i)))
            .flatten()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(1)
            .clamp(3, 60);
        let _ = write!(
            auto,
            "<style:style style:name=\"Grid{n}.C{i}\" style:family=\"table-column\"><style:table-column-properties style:rel-column-width=\"{longest}*\"/></style:style>"
        );
        let _ = write!(
            out,
            "<table:table-column table:style-name=\"Grid{n}.C{i}\"/>"
        );
    }
    out.push_str("<table:table-header-rows><table:table-row>");
    for i in 0..columns {
        let cell = grid.header.get(i).map_or("", |s| s.as_str());
        let _ = write!(
            out,
            "<table:table-cell table:style-name=\"HeadCell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Heading\">{}</text:p></table:table-cell>",
            esc(cell)
        );
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    for row in &grid.rows {
        out.push_str("<table:table-row>");
        for i in 0..columns {
            let cell = row.get(i).map_or("", |s| s.as_str());
            match cell.parse::<u64>() {
                Ok(v) if i >= grid.numeric_from => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"Cell\" office:value-type=\"float\" office:value=\"{v}\"><text:p text:style-name=\"Table_20_Number\">{v}</text:p></table:table-cell>"
                    );
                }
                _ => {
                    let style = if i >= grid.numeric_from {
                        "Table_20_Number"
                    } else {
                        "Table_20_Contents"
                    };
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"{style}\">{}</text:p></table:table-cell>",
                        esc_lines(cell)
                    );
                }
            }
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}
