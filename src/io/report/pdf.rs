//! The report as a PDF to print: A4 portrait, 22 mm margins, the bundled fonts embedded as
//! subsets with a ToUnicode map (text selectable and searchable, accents intact), the maps as
//! vector figures drawn by the slides' code, a bookmark per section and per table part (also
//! named destinations), the event's title at the head and "Page n of N" at the foot of each page.
//!
//! Pages are laid out top to bottom in one pass (y grows downwards, as in the render scene);
//! the page count is known at the end, so page numbers are added to the open content streams
//! last. Not tagged (no structure tree): pdf-writer can write one, but marking every line as
//! content of a structure element is a larger piece of work than this first report.

use super::{Block, Grid, Item, Report, TextStyle};
use crate::i18n::I18n;
use crate::io::FileError;
use crate::io::export::pdf::{Fonts, Shared, deflate, draw_scene, rgb, text};
use crate::model::Rgb;
use crate::render;
use crate::text::{ascent, descent, measure, wrap};
use pdf_writer::types::PageMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

/// A4 in points.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
/// 22 mm each side; 20 mm at the top, 25 mm at the foot (room for the page number).
const LEFT: f32 = 62.36;
const RIGHT: f32 = PAGE_W - 62.36;
const TOP: f32 = 56.69;
const BOTTOM: f32 = PAGE_H - 70.87;
const WIDTH: f32 = RIGHT - LEFT;

const BODY: f32 = 10.5;
const SMALL: f32 = 8.5;
const LEADING: f32 = 1.38;

const INK: Rgb = Rgb(0x22, 0x26, 0x2B);
const MUTED: Rgb = Rgb(0x6B, 0x72, 0x78);
const RULE: Rgb = Rgb(0xCF, 0xCB, 0xC4);
const HEADER_FILL: Rgb = Rgb(0xEE, 0xEB, 0xE6);

/// The largest a map is drawn: at most 60 % of canvas size (a note's 14-unit text stays a
/// readable 8.4 pt), at most 62 % of the page's height.
const MAX_FIGURE_ZOOM: f32 = 0.6;
const MAX_FIGURE_H: f32 = (BOTTOM - TOP) * 0.62;

/// A bookmark: heading level, title, page index and the y of its top.
struct Mark {
    level: u8,
    title: String,
    page: usize,
    y: f32,
}

struct Layout {
    fonts: Fonts,
    pages: Vec<Content>,
    /// Where the next line starts on the current page.
    y: f32,
    /// Nothing drawn on the current page yet (no need to start another).
    fresh: bool,
    marks: Vec<Mark>,
}

/// The map a figure of table `table` shows: the slides' picture of it, in the report's café.
pub fn figure_scene(report: &Report, table: usize) -> Option<render::Scene> {
    let t = report.cafe.tables.get(table)?;
    Some(render::table_scene(
        &report.cafe,
        t,
        &render::SceneOptions::PICTURE,
    ))
}

pub fn write(report: &Report) -> Result<Vec<u8>, FileError> {
    let mut l = Layout {
        fonts: Fonts::new()?,
        pages: Vec::new(),
        y: TOP,
        fresh: true,
        marks: Vec::new(),
    };
    l.new_page();
    for block in &report.blocks {
        l.block(report, block);
    }
    let i18n = I18n::new(report.lang);
    let count = l.pages.len();
    let running = wrap(&report.title, SMALL, WIDTH, false)
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut contents = std::mem::take(&mut l.pages);
    // The title page goes without running head and number.
    for (i, c) in contents.iter_mut().enumerate().skip(1) {
        let page = i18n.tr_args(
            "report-page",
            &[("page", (i + 1).into()), ("pages", count.into())],
        );
        let x = (PAGE_W - measure(&page, SMALL, false)) / 2.0;
        text(
            c,
            &mut l.fonts.regular,
            &page,
            x,
            PAGE_H - 36.0,
            SMALL,
            MUTED,
        );
        text(c, &mut l.fonts.regular, &running, LEFT, 34.0, SMALL, MUTED);
    }
    assemble(report, l.fonts, contents, &l.marks)
}

impl Layout {
    fn new_page(&mut self) {
        let mut c = Content::new();
        // Drawn y down from the top-left corner, like the render scene.
        c.transform([1.0, 0.0, 0.0, -1.0, 0.0, PAGE_H]);
        self.pages.push(c);
        self.y = TOP;
        self.fresh = true;
    }

    fn page(&mut self) -> &mut Content {
        // `new_page` runs before anything is drawn, so there is always a page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` fits below.
    fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.fresh {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        if !self.fresh {
            self.y += height;
        }
    }

    /// One line at `x`, its band `size × LEADING` high starting at the current y.
    fn line(&mut self, s: &str, x: f32, size: f32, bold: bool, color: Rgb) {
        let band = size * LEADING;
        self.need(band);
        let glyphs = ascent(size, bold) + descent(size, bold);
        let baseline = self.y + (band - glyphs) / 2.0 + ascent(size, bold);
        self.draw_text(s, x, baseline, size, bold, color);
        self.y += band;
        self.fresh = false;
    }

    fn draw_text(&mut self, s: &str, x: f32, baseline: f32, size: f32, bold: bool, color: Rgb) {
        let last = self.pages.len() - 1;
        let face = if bold {
            &mut self.fonts.bold
        } else {
            &mut self.fonts.regular
        };
        text(&mut self.pages[last], face, s, x, baseline, size, color);
    }

    /// `s` wrapped to `width`, line by line.
    fn lines(&mut self, s: &str, x: f32, width: f32, size: f32, bold: bool, color: Rgb) {
        for line in wrap(s, size, width, bold) {
            self.line(&line, x, size, bold, color);
        }
    }

    fn rule(&mut self, x0: f32, x1: f32, y: f32, color: Rgb, width: f32) {
        let (r, g, b) = rgb(color);
        let c = self.page();
        c.set_stroke_rgb(r, g, b);
        c.set_line_width(width);
        c.move_to(x0, y);
        c.line_to(x1, y);
        c.stroke();
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let (r, g, b) = rgb(color);
        let c = self.page();
        c.set_fill_rgb(r, g, b);
        c.rect(x, y, w, h);
        c.fill_nonzero();
    }

    fn mark(&mut self, level: u8, title: &str) {
        self.marks.push(Mark {
            level,
            title: title.to_owned(),
            page: self.pages.len() - 1,
            y: self.y,
        });
    }

    fn block(&mut self, report: &Report, block: &Block) {
        match block {
            Block::TitlePage {
                kind,
                title,
                subtitle,
                details,
                note,
            } => self.title_page(kind, title, subtitle, details, note.as_deref()),
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph { text, style } => {
                let (size, bold, color, after) = match style {
                    TextStyle::Body => (BODY, false, INK, 6.0),
                    TextStyle::Lead => (12.5, true, INK, 10.0),
                    TextStyle::Muted => (9.5, false, MUTED, 6.0),
                };
                self.lines(text, LEFT, WIDTH, size, bold, color);
                self.space(after);
            }
            Block::List(items) => self.list(items),
            Block::Grid(grid) => self.grid(grid),
            Block::Figure { table, caption } => self.figure(report, *table, caption),
        }
    }

    fn title_page(
        &mut self,
        kind: &str,
        title: &str,
        subtitle: &str,
        details: &[(String, String)],
        note: Option<&str>,
    ) {
        self.mark(1, title);
        self.y = PAGE_H * 0.26;
        self.lines(kind, LEFT, WIDTH, 12.0, false, MUTED);
        self.y += 10.0;
        self.lines(title, LEFT, WIDTH, 26.0, true, render::QUESTION_FILL);
        if !subtitle.is_empty() {
            self.y += 6.0;
            self.lines(subtitle, LEFT, WIDTH, 13.0, false, INK);
        }
        self.y += 18.0;
        let y = self.y;
        self.rule(LEFT, LEFT + 120.0, y, render::QUESTION_FILL, 2.0);
        self.y += 18.0;
        let label_w = details
            .iter()
            .map(|(label, _)| measure(label, BODY, true))
            .fold(0.0, f32::max)
            + 14.0;
        for (label, value) in details {
            let top = self.y;
            self.lines(label, LEFT, label_w, BODY, true, MUTED);
            let after_label = self.y;
            self.y = top;
            self.lines(value, LEFT + label_w, WIDTH - label_w, BODY, false, INK);
            self.y = self.y.max(after_label) + 4.0;
        }
        if let Some(note) = note {
            let lines = wrap(note, 9.0, WIDTH, false).len() as f32;
            self.y = BOTTOM - lines * 9.0 * LEADING;
            self.lines(note, LEFT, WIDTH, 9.0, false, MUTED);
        }
    }

    fn heading(&mut self, level: u8, s: &str) {
        match level {
            1 => {
                if !self.fresh {
                    self.new_page();
                }
                self.mark(1, s);
                self.lines(s, LEFT, WIDTH, 20.0, true, render::QUESTION_FILL);
                let y = self.y + 3.0;
                self.rule(LEFT, RIGHT, y, RULE, 0.8);
                self.y += 12.0;
            }
            2 => {
                self.space(10.0);
                // Kept with what follows: never alone at the foot of a page.
                self.need(14.0 * LEADING + 3.0 * BODY * LEADING);
                self.mark(2, s);
                self.lines(s, LEFT, WIDTH, 14.0, true, render::QUESTION_FILL);
                self.y += 4.0;
            }
            _ => {
                self.space(6.0);
                self.need(11.5 * LEADING + 2.0 * BODY * LEADING);
                self.lines(s, LEFT, WIDTH, 11.5, true, INK);
                self.y += 2.0;
            }
        }
    }

    fn list(&mut self, items: &[Item]) {
        for item in items {
            let indent = LEFT + item.depth.min(8) as f32 * 14.0;
            let x = indent + 11.0;
            let width = (RIGHT - x).max(60.0);
            let band = BODY * LEADING;
            let lines = wrap(&item.text, BODY, width, false);
            let details: Vec<Vec<String>> = item
                .details
                .iter()
                .map(|d| wrap(d, SMALL, width, false))
                .collect();
            // An item stays whole on a page (its dots and notes with it) when it fits on one.
            let height = lines.len() as f32 * band
                + details.iter().map(Vec::len).sum::<usize>() as f32 * SMALL * LEADING;
            self.need(height.min(BOTTOM - TOP));
            let glyphs = ascent(BODY, false) + descent(BODY, false);
            let baseline = self.y + (band - glyphs) / 2.0 + ascent(BODY, false);
            let bullet = if item.depth == 0 { "•" } else { "–" };
            self.draw_text(bullet, indent, baseline, BODY, false, MUTED);
            for line in &lines {
                self.line(line, x, BODY, false, INK);
            }
            for line in details.iter().flatten() {
                self.line(line, x, SMALL, false, MUTED);
            }
            self.y += 3.0;
        }
        self.space(4.0);
    }

    fn grid(&mut self, grid: &Grid) {
        const SIZE: f32 = 9.0;
        const PAD: f32 = 4.0;
        let columns = grid.header.len().max(1);
        let numeric = |i: usize| i >= grid.numeric_from;
        let natural: Vec<f32> = (0..columns)
            .map(|i| {
                std::iter::once(grid.header.get(i))
                    .chain(grid.rows.iter().map(|r| r.get(i)))
                    .flatten()
                    .map(|s| measure(s, SIZE, false))
                    .fold(
                        measure(grid.header.get(i).map_or("", |s| s), SIZE, true),
                        f32::max,
                    )
                    + 2.0 * PAD
            })
            .collect();
        let widths = column_widths(&natural, numeric);
        let band = SIZE * LEADING;
        let wrap_row = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            (0..columns)
                .map(|i| {
                    let cell = row.get(i).map_or("", |s| s.as_str());
                    wrap(cell, SIZE, (widths[i] - 2.0 * PAD).max(8.0), bold)
                })
                .collect()
        };
        let header = wrap_row(&grid.header, true);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * band + 2.0 * PAD;
        self.space(4.0);
        self.need(header_h + band + 2.0 * PAD);
        self.grid_row(&header, &widths, header_h, true, &numeric);
        for row in &grid.rows {
            let cells = wrap_row(row, false);
            let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * band + 2.0 * PAD;
            if self.y + h > BOTTOM {
                self.new_page();
                self.grid_row(&header, &widths, header_h, true, &numeric);
            }
            self.grid_row(&cells, &widths, h, false, &numeric);
        }
        self.y += 10.0;
    }

    fn grid_row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        height: f32,
        header: bool,
        numeric: &dyn Fn(usize) -> bool,
    ) {
        const SIZE: f32 = 9.0;
        const PAD: f32 = 4.0;
        let band = SIZE * LEADING;
        let top = self.y;
        if header {
            self.fill(LEFT, top, WIDTH, height, HEADER_FILL);
        }
        let mut x = LEFT;
        for (i, lines) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0.0);
            for (k, line) in lines.iter().enumerate() {
                let glyphs = ascent(SIZE, header) + descent(SIZE, header);
                let baseline =
                    top + PAD + k as f32 * band + (band - glyphs) / 2.0 + ascent(SIZE, header);
                let left = if numeric(i) && !header {
                    x + w - PAD - measure(line, SIZE, header)
                } else {
                    x + PAD
                };
                self.draw_text(line, left, baseline, SIZE, header, INK);
            }
            x += w;
        }
        self.rule(
            LEFT,
            RIGHT,
            top + height,
            RULE,
            if header { 1.0 } else { 0.5 },
        );
        self.y = top + height;
        self.fresh = false;
    }

    fn figure(&mut self, report: &Report, table: usize, caption: &str) {
        let Some(scene) = figure_scene(report, table) else {
            return;
        };
        let (bw, bh) = (
            scene.bounds.width().max(1.0),
            scene.bounds.height().max(1.0),
        );
        let zoom = (WIDTH / bw).min(MAX_FIGURE_H / bh).min(MAX_FIGURE_ZOOM);
        let (w, h) = (bw * zoom, bh * zoom);
        let caption_h = SMALL * LEADING + 4.0;
        self.need(h + caption_h);
        let top = self.y;
        let (r, g, b) = rgb(RULE);
        {
            let c = self.page();
            c.set_stroke_rgb(r, g, b);
            c.set_line_width(0.6);
            c.rect(LEFT, top, WIDTH, h);
            c.stroke();
        }
        let x = LEFT + (WIDTH - w) / 2.0;
        let offset = crate::geom::Point::new(
            x - scene.bounds.min.x * zoom,
            top - scene.bounds.min.y * zoom,
        );
        let last = self.pages.len() - 1;
        draw_scene(&mut self.pages[last], &scene, zoom, offset, &mut self.fonts);
        self.y = top + h + 4.0;
        self.fresh = false;
        let cx = LEFT + (WIDTH - measure(caption, SMALL, false)) / 2.0;
        self.line(caption, cx.max(LEFT), SMALL, false, MUTED);
        self.y += 8.0;
    }
}

/// Widths of a grid's columns from their natural (one-line) widths: numbers get what they
/// need; text columns narrower than a fair share of the rest keep their width, the wider ones
/// share what is left by their natural widths (so "Table 2" never wraps beside a long idea).
fn column_widths(natural: &[f32], numeric: impl Fn(usize) -> bool) -> Vec<f32> {
    const MAX_NUMERIC: f32 = 70.0;
    let mut widths: Vec<f32> = natural
        .iter()
        .enumerate()
        .map(|(i, &n)| if numeric(i) { n.min(MAX_NUMERIC) } else { 0.0 })
        .collect();
    let fixed: f32 = widths.iter().sum();
    let mut remaining = (WIDTH - fixed).max(40.0);
    let mut wide: Vec<usize> = (0..natural.len()).filter(|&i| !numeric(i)).collect();
    loop {
        let share = remaining / wide.len().max(1) as f32;
        let (narrow, rest): (Vec<usize>, Vec<usize>) =
            wide.iter().partition(|&&i| natural[i] <= share);
        if narrow.is_empty() || rest.is_empty() {
            break;
        }
        for i in narrow {
            widths[i] = natural[i];
            remaining -= natural[i];
        }
        wide = rest;
    }
    let total: f32 = wide.iter().map(|&i| natural[i]).sum::<f32>().max(1.0);
    for i in wide {
        widths[i] = remaining * natural[i] / total;
    }
    widths
}

/// The document around the laid-out pages: fonts, pages, bookmarks, named destinations,
/// language and title.
fn assemble(
    report: &Report,
    fonts: Fonts,
    contents: Vec<Content>,
    marks: &[Mark],
) -> Result<Vec<u8>, FileError> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let page_tree = alloc.bump();
    let info = alloc.bump();
    let outline = alloc.bump();
    let dests = alloc.bump();
    let shared = Shared::alloc(&mut alloc);
    let mut pdf = Pdf::new();
    shared.write(&mut pdf, &fonts, &mut alloc)?;
    let pages: Vec<(Ref, Ref)> = contents
        .iter()
        .map(|_| (alloc.bump(), alloc.bump()))
        .collect();
    for (content, &(page, stream)) in contents.into_iter().zip(&pages) {
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(page_tree);
        p.contents(stream);
        shared.add_to(&mut p);
        p.finish();
        pdf.stream(stream, &deflate(&content.finish()))
            .filter(Filter::FlateDecode);
    }
    let count = i32::try_from(pages.len()).map_err(|_| FileError::new("too many pages"))?;
    pdf.pages(page_tree)
        .kids(pages.iter().map(|p| p.0))
        .count(count);

    // Bookmarks: sections (level 1) with their parts (level 2) under them, closed.
    let items: Vec<Ref> = marks.iter().map(|_| alloc.bump()).collect();
    let tops: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].level <= 1).collect();
    let children = |top: usize| -> Vec<usize> {
        (top + 1..marks.len())
            .take_while(|&i| marks[i].level > 1)
            .filter(|&i| marks[i].level == 2)
            .collect()
    };
    let dest_name = |i: usize| format!("section-{}", i + 1);
    // `kids`: first and last child and how many there are.
    let write_item = |pdf: &mut Pdf,
                      i: usize,
                      parent: Ref,
                      prev: Option<usize>,
                      next: Option<usize>,
                      kids: Option<(usize, usize, usize)>| {
        let mut item = pdf.outline_item(items[i]);
        item.title(TextStr(&marks[i].title)).parent(parent);
        if let Some(p) = prev {
            item.prev(items[p]);
        }
        if let Some(n) = next {
            item.next(items[n]);
        }
        if let Some((first, last, count)) = kids {
            // Closed: a long café's themes would otherwise fill the bookmarks panel.
            item.first(items[first])
                .last(items[last])
                .count(-i32::try_from(count).unwrap_or(i32::MAX));
        }
        item.dest_name(Name(dest_name(i).as_bytes()));
    };
    for (k, &top) in tops.iter().enumerate() {
        let kids = children(top);
        let prev = k.checked_sub(1).map(|p| tops[p]);
        let next = tops.get(k + 1).copied();
        let span = match (kids.first(), kids.last()) {
            (Some(&first), Some(&last)) => Some((first, last, kids.len())),
            _ => None,
        };
        write_item(&mut pdf, top, outline, prev, next, span);
        for (j, &kid) in kids.iter().enumerate() {
            let prev = j.checked_sub(1).map(|p| kids[p]);
            let next = kids.get(j + 1).copied();
            write_item(&mut pdf, kid, items[top], prev, next, None);
        }
    }
    {
        let mut o = pdf.outline(outline);
        if let (Some(&first), Some(&last)) = (tops.first(), tops.last()) {
            o.first(items[first]).last(items[last]);
        }
        o.count(i32::try_from(tops.len()).unwrap_or(i32::MAX));
    }
    // Named destinations (the catalog's /Dests dictionary): bookmarks point at them, and
    // `pdfinfo -dests` lists them with their pages.
    {
        let mut tree = pdf.destinations(dests);
        for (i, m) in marks.iter().enumerate() {
            let name = dest_name(i);
            tree.insert(Name(name.as_bytes()))
                .page(pages[m.page].0)
                .xyz(LEFT, PAGE_H - m.y + 4.0, None);
        }
    }
    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(page_tree)
            .outlines(outline)
            .destinations(dests)
            .page_mode(PageMode::UseOutlines)
            .lang(TextStr(match report.lang {
                crate::i18n::Lang::Fr => "fr",
                crate::i18n::Lang::En => "en",
            }));
        cat.viewer_preferences().display_doc_title(true);
    }
    let mut doc_info = pdf.document_info(info);
    doc_info.title(TextStr(&report.title));
    doc_info.creator(TextStr("CaféMap"));
    doc_info.finish();
    Ok(pdf.finish())
}
