//! The report as a PDF to print: A4 portrait, 22 mm margins, the bundled fonts embedded as
//! subsets with a ToUnicode map (text selectable and searchable, accents intact), the maps as
//! vector figures drawn by the slides' code, a bookmark per section and per table part (also
//! named destinations), the event's title at the head and "Page n of N" at the foot of each page.
//!
//! Pages are laid out top to bottom in one pass (y grows downwards, as in the render scene);
//! the page count is known at the end, so page numbers are added to the open content streams
//! last. Not tagged (no structure tree): pdf-writer can write one, but marking every line as
//! content of a structure element is a larger piece of work than this first report.

use super::{Block, Grid, Item, Report, TextStyle, breaks};
use crate::geom::{Point, Rect};
use crate::i18n::I18n;
use crate::io::FileError;
use crate::io::export::pdf::{Fonts, Shared, deflate, draw_scene, rgb, text};
use crate::model::{NodeId, Rgb, Table};
use crate::render;
use crate::text::{ascent, descent, measure, wrap};
use pdf_writer::types::PageMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect as PdfRect, Ref, TextStr};
use std::collections::{HashMap, HashSet};

/// A4 in points (portrait; a landscape page swaps them).
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
/// 22 mm each side; 20 mm at the top, 25 mm at the foot (room for the page number).
const MARGIN_X: f32 = 62.36;
const TOP: f32 = 56.69;
const FOOT: f32 = 70.87;
const LEFT: f32 = MARGIN_X;

const BODY: f32 = 10.5;
const SMALL: f32 = 8.5;
const LEADING: f32 = 1.32;

const INK: Rgb = Rgb(0x22, 0x26, 0x2B);
const MUTED: Rgb = Rgb(0x6B, 0x72, 0x78);
const RULE: Rgb = Rgb(0xCF, 0xCB, 0xC4);
const HEADER_FILL: Rgb = Rgb(0xEE, 0xEB, 0xE6);

/// The smallest a note's text may print: a map that would need smaller type gets a landscape
/// page, or is split by theme as the slides are.
pub const MIN_FIGURE_TEXT: f32 = 7.0;
/// The largest a map is drawn: its notes' text no larger than the body text.
const MAX_FIGURE_TEXT: f32 = BODY;
/// A section starts on a fresh page unless the page it would leave is filled less than this.
pub const MIN_FILL: f32 = 1.0 / 3.0;
/// Space between a section that continues a page and the one before it.
const SECTION_GAP: f32 = 16.0;
/// Caption under a figure, with the space around it.
const CAPTION_H: f32 = 4.0 + SMALL * LEADING + 6.0;
/// How many blocks a heading looks ahead to keep with it (heading, question, map, list).
const KEPT_BLOCKS: usize = 4;
/// Lines of a body paragraph kept with a heading above it.
const KEPT_LINES: usize = 2;

/// What a box on a page holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxKind {
    /// The title page's text.
    Title,
    Heading(u8),
    Paragraph,
    /// One list entry with its detail lines.
    Item,
    /// A grid's row (its header repeated on each page it runs over).
    GridRow,
    Figure,
    Caption,
}

/// Something drawn on a page, from `top` to `bottom` (points from the page's top edge).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedBox {
    pub kind: BoxKind,
    /// The report block it draws (an index into [`Report::blocks`]).
    pub block: usize,
    pub top: f32,
    pub bottom: f32,
}

/// One page as laid out: its size, its text area and what is drawn in it, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLayout {
    pub width: f32,
    pub height: f32,
    /// The text area's top and foot.
    pub body_top: f32,
    pub body_bottom: f32,
    pub boxes: Vec<PlacedBox>,
    /// The smallest note text of the maps on this page, as printed (points).
    pub figure_text: Option<f32>,
}

impl PageLayout {
    fn new(landscape: bool) -> PageLayout {
        let (width, height) = if landscape {
            (PAGE_H, PAGE_W)
        } else {
            (PAGE_W, PAGE_H)
        };
        PageLayout {
            width,
            height,
            body_top: TOP,
            body_bottom: height - FOOT,
            boxes: Vec::new(),
            figure_text: None,
        }
    }

    pub fn landscape(&self) -> bool {
        self.width > self.height
    }

    /// How much of the text area is used, from its top to the foot of the last box (0 to 1).
    pub fn fill(&self) -> f32 {
        let last = self
            .boxes
            .iter()
            .map(|b| b.bottom)
            .fold(self.body_top, f32::max);
        ((last - self.body_top) / (self.body_bottom - self.body_top)).clamp(0.0, 1.0)
    }

    fn right(&self) -> f32 {
        self.width - MARGIN_X
    }
}

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
    layouts: Vec<PageLayout>,
    /// Where the next line starts on the current page.
    y: f32,
    /// Nothing drawn on the current page yet (no need to start another).
    fresh: bool,
    /// Maps waiting for a landscape page of their own, after the current page (table, caption).
    floats: Vec<(usize, String)>,
    /// Each table's map, built once (the layout looks ahead at them).
    figures: HashMap<usize, Figure>,
    marks: Vec<Mark>,
    /// What is being drawn: consecutive lines of one unit make one box.
    kind: BoxKind,
    block: usize,
    unit: usize,
    last_unit: Option<(usize, usize)>,
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

/// The report's pages as the PDF lays them out (tests check pagination against it).
pub fn layout(report: &Report) -> Result<Vec<PageLayout>, FileError> {
    Ok(lay_out(report)?.layouts)
}

fn lay_out(report: &Report) -> Result<Layout, FileError> {
    let mut l = Layout {
        fonts: Fonts::new()?,
        pages: Vec::new(),
        layouts: Vec::new(),
        y: TOP,
        fresh: true,
        floats: Vec::new(),
        figures: report
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure { table, .. } => Some((*table, Figure::of(report, *table)?)),
                _ => None,
            })
            .collect(),
        marks: Vec::new(),
        kind: BoxKind::Paragraph,
        block: 0,
        unit: 0,
        last_unit: None,
    };
    l.new_page(false);
    for index in 0..report.blocks.len() {
        l.block(report, index);
    }
    l.flush_floats();
    Ok(l)
}

pub fn write(report: &Report) -> Result<Vec<u8>, FileError> {
    let mut l = lay_out(report)?;
    let i18n = I18n::new(report.lang);
    let count = l.pages.len();
    let mut contents = std::mem::take(&mut l.pages);
    // The title page goes without running head and number.
    for (i, c) in contents.iter_mut().enumerate().skip(1) {
        let Some(page) = l.layouts.get(i) else {
            continue;
        };
        let (width, height) = (page.width, page.height);
        let running = wrap(&report.title, SMALL, width - 2.0 * MARGIN_X, false)
            .into_iter()
            .next()
            .unwrap_or_default();
        let number = i18n.tr_args(
            "report-page",
            &[("page", (i + 1).into()), ("pages", count.into())],
        );
        let x = (width - measure(&number, SMALL, false)) / 2.0;
        text(
            c,
            &mut l.fonts.regular,
            &number,
            x,
            height - 36.0,
            SMALL,
            MUTED,
        );
        text(c, &mut l.fonts.regular, &running, LEFT, 34.0, SMALL, MUTED);
    }
    assemble(report, l.fonts, contents, &l.layouts, &l.marks)
}

/// A map ready to draw: its scene and the size its notes' text has at a zoom of 1.
struct Figure {
    scene: render::Scene,
    note_font: f32,
}

impl Figure {
    fn of(report: &Report, table: usize) -> Option<Figure> {
        let scene = figure_scene(report, table)?;
        let note_font = scene
            .nodes
            .iter()
            .map(|n| n.font_size)
            .fold(f32::INFINITY, f32::min);
        let note_font = if note_font.is_finite() {
            note_font
        } else {
            14.0
        };
        Some(Figure { scene, note_font })
    }

    /// The zooms between which the map's notes print from [`MIN_FIGURE_TEXT`] to
    /// [`MAX_FIGURE_TEXT`].
    fn zooms(&self) -> (f32, f32) {
        (
            MIN_FIGURE_TEXT / self.note_font,
            MAX_FIGURE_TEXT / self.note_font,
        )
    }

    /// The largest zoom at which `part` fits `width` × `height`, capped at the largest wanted.
    fn fit(&self, part: &Rect, width: f32, height: f32) -> f32 {
        let (bw, bh) = (part.width().max(1.0), part.height().max(1.0));
        (width / bw).min(height / bh).min(self.zooms().1)
    }

    /// Whether `part` can print legibly on a page of `width` × `height` (text area).
    fn fits(&self, part: &Rect, width: f32, height: f32) -> bool {
        self.fit(part, width, height) >= self.zooms().0
    }

    /// The map's area without the export margin (the frame drawn around it is margin enough).
    fn whole(&self) -> Rect {
        self.scene
            .bounds
            .expand(FIGURE_MARGIN - render::SCENE_MARGIN)
    }

    /// How the map goes on an A4 page: whole in portrait if its notes print at 7 pt or more
    /// there; else split by theme as the slides go through it, when each branch fits the
    /// text's width (the parts packed in rows); else on a landscape page; else split anyway,
    /// each part as large as a page allows.
    fn plan(&self, table: Option<&Table>) -> Plan {
        let portrait = PageLayout::new(false);
        let landscape = PageLayout::new(true);
        let width = portrait.right() - LEFT;
        let height = Layout::full_height(false) - CAPTION_H;
        let whole = self.whole();
        if self.fits(&whole, width, height) {
            return Plan::Whole;
        }
        let parts = table.map(|t| self.split(t)).unwrap_or_default();
        let (zmin, zmax) = self.zooms();
        let legible = parts.len() > 1
            && parts
                .iter()
                .all(|p| p.width() * zmin <= width && p.height() * zmin <= height);
        if legible {
            // As large as leaves the parts about half a page: from the largest zoom down.
            const STEPS: usize = 8;
            for step in 0..=STEPS {
                let zoom = zmax - (zmax - zmin) * step as f32 / STEPS as f32;
                let rows = pack(&parts, zoom, width);
                let tall: f32 = rows
                    .iter()
                    .map(|r| r.iter().map(|p| p.height()).fold(0.0, f32::max) * zoom + PART_GAP)
                    .sum();
                let fits = parts
                    .iter()
                    .all(|p| p.width() * zoom <= width && p.height() * zoom <= height);
                if fits && (tall <= height * 0.6 || step == STEPS) {
                    return Plan::Split(rows, zoom);
                }
            }
        }
        let lw = landscape.right() - LEFT;
        let lh = Layout::full_height(true) - CAPTION_H;
        if self.fits(&whole, lw, lh) || parts.len() <= 1 {
            return Plan::Landscape;
        }
        // Too large even in landscape: each part as large as a portrait page allows.
        let zoom = parts
            .iter()
            .map(|p| self.fit(p, width, height))
            .fold(zmax, f32::min);
        Plan::Split(pack(&parts, zoom, width), zoom)
    }

    /// The notes whose centre is in `part` and the edges between them.
    fn part(&self, part: &Rect) -> render::Scene {
        let nodes: Vec<_> = self
            .scene
            .nodes
            .iter()
            .filter(|n| part.contains(n.rect.center()))
            .cloned()
            .collect();
        let kept: HashSet<NodeId> = nodes.iter().map(|n| n.id).collect();
        let edges = self
            .scene
            .edges
            .iter()
            .filter(|e| kept.contains(&e.from) || kept.contains(&e.to))
            .cloned()
            .collect();
        render::Scene {
            background: self.scene.background,
            edges,
            nodes,
            tray: None,
            bounds: *part,
            hidden: self.scene.hidden.clone(),
        }
    }

    /// The map split as the slides go through it: one part per branch of the question.
    fn split(&self, table: &Table) -> Vec<Rect> {
        // Each note's area with its stickers, looked up once (a branch can hold thousands).
        let areas: HashMap<NodeId, Rect> = self
            .scene
            .nodes
            .iter()
            .map(|n| {
                let area = n.stickers().iter().fold(n.rect, |r, s| r.union(&s.rect));
                (n.id, area)
            })
            .collect();
        table
            .children(table.question())
            .into_iter()
            .map(|branch| {
                table
                    .subtree(branch)
                    .iter()
                    .filter_map(|id| areas.get(id))
                    .fold(Rect::NOTHING, |r, a| r.union(a))
            })
            .filter(|r| r.width() > 0.0)
            .map(|r| r.expand(FIGURE_MARGIN))
            .collect()
    }
}

/// Margin kept around a map or a part of it, in canvas units (shadows and stickers).
const FIGURE_MARGIN: f32 = 8.0;

/// Parts in rows no wider than `width` at `zoom`, in order.
fn pack(parts: &[Rect], zoom: f32, width: f32) -> Vec<Vec<Rect>> {
    let mut rows: Vec<Vec<Rect>> = Vec::new();
    let mut used = 0.0;
    for &p in parts {
        let w = p.width() * zoom;
        match rows.last_mut() {
            Some(row) if used + PART_GAP + w <= width => {
                row.push(p);
                used += PART_GAP + w;
            }
            _ => {
                rows.push(vec![p]);
                used = w;
            }
        }
    }
    rows
}

impl Layout {
    fn page_layout(&self) -> &PageLayout {
        // `new_page` runs before anything is drawn, so there is always a page.
        &self.layouts[self.layouts.len() - 1]
    }

    fn bottom(&self) -> f32 {
        self.page_layout().body_bottom
    }

    fn right(&self) -> f32 {
        self.page_layout().right()
    }

    fn width(&self) -> f32 {
        self.right() - LEFT
    }

    /// The text area's height on a page of this orientation.
    fn full_height(landscape: bool) -> f32 {
        let p = PageLayout::new(landscape);
        p.body_bottom - p.body_top
    }

    /// Ends the current page: the maps waiting for a landscape page come first.
    fn new_page(&mut self, landscape: bool) {
        self.flush_floats();
        self.push_page(landscape);
    }

    fn push_page(&mut self, landscape: bool) {
        let page = PageLayout::new(landscape);
        let mut c = Content::new();
        // Drawn y down from the top-left corner, like the render scene.
        c.transform([1.0, 0.0, 0.0, -1.0, 0.0, page.height]);
        self.pages.push(c);
        self.layouts.push(page);
        self.y = TOP;
        self.fresh = true;
    }

    /// Each waiting map on a landscape page of its own, as large as it fits.
    fn flush_floats(&mut self) {
        for (table, caption) in std::mem::take(&mut self.floats) {
            let Some(fig) = self.figures.remove(&table) else {
                continue;
            };
            self.push_page(true);
            let whole = fig.whole();
            let zoom = fig.fit(&whole, self.width(), self.bottom() - self.y - CAPTION_H);
            self.draw_parts(&fig, &[vec![whole]], zoom, &caption);
            self.figures.insert(table, fig);
        }
    }

    fn page(&mut self) -> &mut Content {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` fits below.
    fn need(&mut self, height: f32) {
        if self.y + height > self.bottom() && !self.fresh {
            self.new_page(false);
        }
    }

    fn space(&mut self, height: f32) {
        if !self.fresh {
            self.y += height;
        }
    }

    /// What is drawn next is a new box of `kind`.
    fn begin(&mut self, kind: BoxKind) {
        self.kind = kind;
        self.unit += 1;
    }

    /// Records that the current unit covers `top..bottom` on the current page.
    fn record(&mut self, top: f32, bottom: f32) {
        let page = self.layouts.len() - 1;
        let (kind, unit, block) = (self.kind, self.unit, self.block);
        let boxes = &mut self.layouts[page].boxes;
        match boxes.last_mut() {
            Some(last) if self.last_unit == Some((page, unit)) => {
                last.top = last.top.min(top);
                last.bottom = last.bottom.max(bottom);
            }
            _ => boxes.push(PlacedBox {
                kind,
                block,
                top,
                bottom,
            }),
        }
        self.last_unit = Some((page, unit));
    }

    /// One line at `x`, its band `size × LEADING` high starting at the current y.
    fn line(&mut self, s: &str, x: f32, size: f32, bold: bool, color: Rgb) {
        let band = size * LEADING;
        self.need(band);
        let glyphs = ascent(size, bold) + descent(size, bold);
        let baseline = self.y + (band - glyphs) / 2.0 + ascent(size, bold);
        self.draw_text(s, x, baseline, size, bold, color);
        let top = self.y;
        self.y += band;
        self.record(top, self.y);
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

    fn block(&mut self, report: &Report, index: usize) {
        let Some(block) = report.blocks.get(index) else {
            return;
        };
        self.block = index;
        match block {
            Block::TitlePage(page) => {
                self.begin(BoxKind::Title);
                self.title_page(
                    &page.kind,
                    &page.title,
                    &page.subtitle,
                    &page.details,
                    page.note.as_deref(),
                );
            }
            Block::Heading { level, text } => self.heading(report, index, *level, text),
            Block::Paragraph { text, style } => {
                let (size, bold, color, after) = paragraph_style(*style);
                self.begin(BoxKind::Paragraph);
                // A short paragraph stays whole.
                let lines = wrap(text, size, self.width(), bold);
                if lines.len() <= 4 {
                    self.need(lines.len() as f32 * size * LEADING);
                }
                for line in &lines {
                    self.line(line, LEFT, size, bold, color);
                }
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
        let width = self.width();
        self.mark(1, title);
        self.y = PAGE_H * 0.26;
        self.lines(kind, LEFT, width, 12.0, false, MUTED);
        self.y += 10.0;
        self.lines(title, LEFT, width, 26.0, true, render::QUESTION_FILL);
        if !subtitle.is_empty() {
            self.y += 6.0;
            self.lines(subtitle, LEFT, width, 13.0, false, INK);
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
            self.lines(value, LEFT + label_w, width - label_w, BODY, false, INK);
            self.y = self.y.max(after_label) + 4.0;
        }
        if let Some(note) = note {
            let lines = wrap(note, 9.0, width, false).len() as f32;
            self.y = self.bottom() - lines * 9.0 * LEADING;
            self.lines(note, LEFT, width, 9.0, false, MUTED);
        }
        // The title page stands alone.
        self.new_page(false);
    }

    /// A heading's height (with the space above it when the page is not fresh).
    fn heading_height(&self, level: u8, s: &str) -> f32 {
        let (size, above, below) = heading_style(level);
        let lines = wrap(s, size, self.width(), true).len() as f32;
        above + lines * size * LEADING + below
    }

    /// How much of what starts at `blocks[index]` must share a page with what is above it:
    /// a heading with its first lines, a question with its map, a list's first items.
    fn kept(&self, report: &Report, index: usize) -> f32 {
        self.kept_within(report, index, KEPT_BLOCKS)
    }

    /// [`Self::kept`] looking at most `depth` blocks ahead (a run of empty themes' headings
    /// need not all stay together, and the look-ahead stays short on any café).
    fn kept_within(&self, report: &Report, index: usize, depth: usize) -> f32 {
        let Some(depth) = depth.checked_sub(1) else {
            return 0.0;
        };
        let width = self.width();
        match report.blocks.get(index) {
            None | Some(Block::TitlePage(_)) => 0.0,
            Some(Block::Heading { level, text }) => {
                self.heading_height(*level, text) + self.kept_within(report, index + 1, depth)
            }
            Some(Block::Paragraph { text, style }) => {
                let (size, bold, _, after) = paragraph_style(*style);
                let lines = wrap(text, size, width, bold).len();
                match style {
                    // A question stays with its map, an introduction with what it introduces.
                    TextStyle::Lead | TextStyle::Muted => {
                        lines as f32 * size * LEADING
                            + after
                            + self.kept_within(report, index + 1, depth)
                    }
                    TextStyle::Body => lines.min(KEPT_LINES) as f32 * size * LEADING,
                }
            }
            Some(Block::List(items)) => {
                let heights: Vec<f32> =
                    items.iter().map(|i| item_height(i, self.right())).collect();
                first_rows(&heights)
            }
            Some(Block::Grid(grid)) => {
                let (header, rows) = grid_heights(grid, width);
                4.0 + header + first_rows(&rows)
            }
            Some(Block::Figure { table, .. }) => match self.figures.get(table) {
                None => 0.0,
                Some(f) => match f.plan(report.cafe.tables.get(*table)) {
                    Plan::Whole => f.whole().height() * f.zooms().0 + CAPTION_H,
                    Plan::Split(rows, zoom) => rows.first().map_or(0.0, |row| {
                        row.iter().map(|r| r.height()).fold(0.0, f32::max) * zoom
                    }),
                    // Goes on the next page: what follows it stays with what is above.
                    Plan::Landscape => self.kept_within(report, index + 1, depth),
                },
            },
        }
    }

    fn heading(&mut self, report: &Report, index: usize, level: u8, s: &str) {
        let (size, above, below) = heading_style(level);
        if level <= 1 {
            if !self.fresh {
                // A new section follows on the page when its heading and what must stay with
                // it fit there, else it starts the next page: no page is left nearly empty by
                // a section break, and the report stays short.
                let kept = self.kept(report, index);
                if self.y + SECTION_GAP + kept > self.bottom() {
                    self.new_page(false);
                } else {
                    self.y += SECTION_GAP;
                }
            }
        } else {
            self.space(above);
            // Kept with what follows: never alone at the foot of a page.
            let kept = self.kept(report, index) - above;
            self.need(kept.min(Self::full_height(false)));
        }
        self.begin(BoxKind::Heading(level));
        self.mark(level, s);
        let color = if level <= 2 {
            render::QUESTION_FILL
        } else {
            INK
        };
        let width = self.width();
        self.lines(s, LEFT, width, size, true, color);
        if level <= 1 {
            let (y, right) = (self.y + 3.0, self.right());
            self.rule(LEFT, right, y, RULE, 0.8);
        }
        self.y += below;
    }

    fn list(&mut self, items: &[Item]) {
        let right = self.right();
        let heights: Vec<f32> = items.iter().map(|i| item_height(i, right)).collect();
        let full = Self::full_height(self.page_layout().landscape());
        let breaks: HashSet<usize> = breaks::plan(&heights, self.bottom() - self.y, full, 0.0)
            .into_iter()
            .collect();
        for (k, item) in items.iter().enumerate() {
            if breaks.contains(&k) && !self.fresh {
                self.new_page(false);
            }
            self.begin(BoxKind::Item);
            let indent = LEFT + item.depth.min(8) as f32 * 14.0;
            let x = indent + 11.0;
            let width = (right - x).max(60.0);
            let band = BODY * LEADING;
            let lines = wrap(&item.text, BODY, width, false);
            let glyphs = ascent(BODY, false) + descent(BODY, false);
            // The first line decides the page (an item taller than a page runs over).
            self.need(band);
            let baseline = self.y + (band - glyphs) / 2.0 + ascent(BODY, false);
            let bullet = if item.depth == 0 { "•" } else { "–" };
            self.draw_text(bullet, indent, baseline, BODY, false, MUTED);
            for line in &lines {
                self.line(line, x, BODY, false, INK);
            }
            for detail in &item.details {
                for line in wrap(detail, SMALL, width, false) {
                    self.line(&line, x, SMALL, false, MUTED);
                }
            }
            self.y += ITEM_GAP;
        }
        self.space(4.0);
    }

    fn grid(&mut self, grid: &Grid) {
        let columns = grid.header.len().max(1);
        let numeric = |i: usize| i >= grid.numeric_from;
        let widths = grid_columns(grid, self.width());
        let wrap_row = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            (0..columns)
                .map(|i| {
                    let cell = row.get(i).map_or("", |s| s.as_str());
                    let w = widths.get(i).copied().unwrap_or(0.0);
                    wrap(cell, GRID_SIZE, (w - 2.0 * GRID_PAD).max(8.0), bold)
                })
                .collect()
        };
        let (header_h, heights) = grid_heights(grid, self.width());
        let header = wrap_row(&grid.header, true);
        self.space(4.0);
        let full = Self::full_height(self.page_layout().landscape());
        let breaks: HashSet<usize> =
            breaks::plan(&heights, self.bottom() - self.y - header_h, full, header_h)
                .into_iter()
                .collect();
        if breaks.contains(&0) && !self.fresh {
            self.new_page(false);
        }
        self.begin(BoxKind::GridRow);
        self.grid_row(&header, &widths, header_h, true, &numeric);
        for (k, row) in grid.rows.iter().enumerate() {
            if k > 0 && breaks.contains(&k) {
                self.new_page(false);
                self.begin(BoxKind::GridRow);
                self.grid_row(&header, &widths, header_h, true, &numeric);
            }
            let cells = wrap_row(row, false);
            let h = heights.get(k).copied().unwrap_or(0.0);
            self.begin(BoxKind::GridRow);
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
        let band = GRID_SIZE * LEADING;
        let top = self.y;
        let (right, width) = (self.right(), self.width());
        if header {
            self.fill(LEFT, top, width, height, HEADER_FILL);
        }
        let mut x = LEFT;
        for (i, lines) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0.0);
            for (k, line) in lines.iter().enumerate() {
                let glyphs = ascent(GRID_SIZE, header) + descent(GRID_SIZE, header);
                let baseline = top
                    + GRID_PAD
                    + k as f32 * band
                    + (band - glyphs) / 2.0
                    + ascent(GRID_SIZE, header);
                let left = if numeric(i) && !header {
                    x + w - GRID_PAD - measure(line, GRID_SIZE, header)
                } else {
                    x + GRID_PAD
                };
                self.draw_text(line, left, baseline, GRID_SIZE, header, INK);
            }
            x += w;
        }
        self.rule(
            LEFT,
            right,
            top + height,
            RULE,
            if header { 1.0 } else { 0.5 },
        );
        self.y = top + height;
        self.record(top, self.y);
        self.fresh = false;
    }

    /// A table's map, as large as the page allows with its notes' text from
    /// [`MIN_FIGURE_TEXT`] to [`MAX_FIGURE_TEXT`] (see [`Figure::plan`]): whole, here if it
    /// fits (scaled down to the room left) or on a fresh page; split by theme; or on a
    /// landscape page of its own after this one.
    fn figure(&mut self, report: &Report, table: usize, caption: &str) {
        let Some(fig) = self.figures.remove(&table) else {
            return;
        };
        match fig.plan(report.cafe.tables.get(table)) {
            Plan::Whole => {
                let whole = fig.whole();
                let room = |l: &Layout| l.bottom() - l.y - CAPTION_H;
                if fig.fit(&whole, self.width(), room(self)) < fig.zooms().0 && !self.fresh {
                    self.new_page(false);
                }
                let zoom = fig.fit(&whole, self.width(), room(self));
                self.draw_parts(&fig, &[vec![whole]], zoom, caption);
            }
            Plan::Split(rows, zoom) => self.draw_parts(&fig, &rows, zoom, caption),
            Plan::Landscape => self.floats.push((table, caption.to_owned())),
        }
        self.figures.insert(table, fig);
    }

    /// Parts of a map in rows, each part framed and showing only its branch, then the caption.
    fn draw_parts(&mut self, fig: &Figure, rows: &[Vec<Rect>], zoom: f32, caption: &str) {
        let width = self.width();
        for (k, row) in rows.iter().enumerate() {
            let h = row.iter().map(|r| r.height()).fold(0.0, f32::max) * zoom;
            // The last row keeps the caption with it.
            let below = if k + 1 == rows.len() { CAPTION_H } else { 0.0 };
            self.need(h + below);
            let top = self.y;
            let total: f32 = row.iter().map(|r| r.width() * zoom).sum::<f32>()
                + PART_GAP * row.len().saturating_sub(1) as f32;
            let mut x = LEFT + ((width - total) / 2.0).max(0.0);
            let single = rows.len() == 1 && row.len() == 1;
            for part in row {
                let (w, ph) = (part.width() * zoom, part.height() * zoom);
                // A whole map is framed across the text; a part, around itself.
                let (fx, fw) = if single { (LEFT, width) } else { (x, w) };
                let (r, g, b) = rgb(RULE);
                let c = self.page();
                c.set_stroke_rgb(r, g, b);
                c.set_line_width(0.6);
                c.rect(fx, top, fw, ph);
                c.stroke();
                c.save_state();
                c.rect(fx, top, fw, ph);
                c.clip_nonzero();
                c.end_path();
                let offset = Point::new(x - part.min.x * zoom, top - part.min.y * zoom);
                let last = self.pages.len() - 1;
                if single {
                    draw_scene(
                        &mut self.pages[last],
                        &fig.scene,
                        zoom,
                        offset,
                        &mut self.fonts,
                    );
                } else {
                    // Only the part's notes: text hidden by the clip would still be read out,
                    // copied and searched.
                    let part_scene = fig.part(part);
                    draw_scene(
                        &mut self.pages[last],
                        &part_scene,
                        zoom,
                        offset,
                        &mut self.fonts,
                    );
                }
                self.page().restore_state();
                x += w + PART_GAP;
            }
            self.begin(BoxKind::Figure);
            self.record(top, top + h);
            let printed = fig.note_font * zoom;
            let last = self.layouts.len() - 1;
            let page = &mut self.layouts[last];
            page.figure_text = Some(page.figure_text.map_or(printed, |t| t.min(printed)));
            self.y = top + h + if below > 0.0 { 4.0 } else { PART_GAP };
            self.fresh = false;
        }
        self.begin(BoxKind::Caption);
        let cx = LEFT + (width - measure(caption, SMALL, false)) / 2.0;
        self.line(caption, cx.max(LEFT), SMALL, false, MUTED);
        self.y += 6.0;
    }
}

/// Space between the parts of a split map.
const PART_GAP: f32 = 8.0;

/// How a map goes on the page.
enum Plan {
    /// Whole, in portrait.
    Whole,
    /// Split by theme, the parts in rows, at one zoom.
    Split(Vec<Vec<Rect>>, f32),
    /// Whole, on a landscape page of its own.
    Landscape,
}

const GRID_SIZE: f32 = 9.0;
const GRID_PAD: f32 = 4.0;
const ITEM_GAP: f32 = 2.5;

/// Size, bold, colour and space after of a paragraph style.
fn paragraph_style(style: TextStyle) -> (f32, bool, Rgb, f32) {
    match style {
        TextStyle::Body => (BODY, false, INK, 6.0),
        TextStyle::Lead => (12.5, true, INK, 8.0),
        TextStyle::Muted => (9.5, false, MUTED, 6.0),
    }
}

/// Size, space above and space below a heading of `level`.
fn heading_style(level: u8) -> (f32, f32, f32) {
    match level {
        0 | 1 => (18.0, 0.0, 12.0),
        2 => (13.0, 8.0, 3.0),
        _ => (11.5, 6.0, 2.0),
    }
}

/// A list entry's height with its details, for a list whose text ends at `right`.
fn item_height(item: &Item, right: f32) -> f32 {
    let x = LEFT + item.depth.min(8) as f32 * 14.0 + 11.0;
    let width = (right - x).max(60.0);
    let lines = wrap(&item.text, BODY, width, false).len() as f32;
    let details: usize = item
        .details
        .iter()
        .map(|d| wrap(d, SMALL, width, false).len())
        .sum();
    lines * BODY * LEADING + details as f32 * SMALL * LEADING + ITEM_GAP
}

/// The height of the rows a run's page must start with: the whole run when it is short, else
/// its first [`breaks::MIN_ROWS`].
fn first_rows(heights: &[f32]) -> f32 {
    let n = if heights.len() < 2 * breaks::MIN_ROWS {
        heights.len()
    } else {
        breaks::MIN_ROWS
    };
    heights.iter().take(n).sum()
}

/// A grid's columns for a text area `width` wide.
fn grid_columns(grid: &Grid, width: f32) -> Vec<f32> {
    let columns = grid.header.len().max(1);
    let numeric = |i: usize| i >= grid.numeric_from;
    let natural: Vec<f32> = (0..columns)
        .map(|i| {
            std::iter::once(grid.header.get(i))
                .chain(grid.rows.iter().map(|r| r.get(i)))
                .flatten()
                .map(|s| measure(s, GRID_SIZE, false))
                .fold(
                    measure(grid.header.get(i).map_or("", |s| s), GRID_SIZE, true),
                    f32::max,
                )
                + 2.0 * GRID_PAD
        })
        .collect();
    column_widths(&natural, numeric, width)
}

/// The header's height and each row's, for a text area `width` wide.
fn grid_heights(grid: &Grid, width: f32) -> (f32, Vec<f32>) {
    let widths = grid_columns(grid, width);
    let band = GRID_SIZE * LEADING;
    let height = |row: &[String], bold: bool| {
        let lines = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = row.get(i).map_or("", |s| s.as_str());
                wrap(cell, GRID_SIZE, (w - 2.0 * GRID_PAD).max(8.0), bold).len()
            })
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * band + 2.0 * GRID_PAD
    };
    (
        height(&grid.header, true),
        grid.rows.iter().map(|r| height(r, false)).collect(),
    )
}

/// Widths of a grid's columns from their natural (one-line) widths: numbers get what they
/// need; text columns narrower than a fair share of the rest keep their width, the wider ones
/// share what is left by their natural widths (so "Table 2" never wraps beside a long idea).
fn column_widths(natural: &[f32], numeric: impl Fn(usize) -> bool, width: f32) -> Vec<f32> {
    const MAX_NUMERIC: f32 = 70.0;
    let mut widths: Vec<f32> = natural
        .iter()
        .enumerate()
        .map(|(i, &n)| if numeric(i) { n.min(MAX_NUMERIC) } else { 0.0 })
        .collect();
    let fixed: f32 = widths.iter().sum();
    let mut remaining = (width - fixed).max(40.0);
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
    layouts: &[PageLayout],
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
    for ((content, &(page, stream)), layout) in contents.into_iter().zip(&pages).zip(layouts) {
        let mut p = pdf.page(page);
        p.media_box(PdfRect::new(0.0, 0.0, layout.width, layout.height));
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

    write_bookmarks(&mut pdf, &mut alloc, outline, marks);
    write_destinations(&mut pdf, dests, marks, &pages, layouts);
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

/// The name of the destination bookmark `i` points at.
fn dest_name(i: usize) -> String {
    format!("section-{}", i + 1)
}

/// Bookmarks: sections (level 1) with their parts (level 2) under them, closed.
fn write_bookmarks(pdf: &mut Pdf, alloc: &mut Ref, outline: Ref, marks: &[Mark]) {
    let items: Vec<Ref> = marks.iter().map(|_| alloc.bump()).collect();
    let level = |i: usize| marks.get(i).map_or(0, |m| m.level);
    let tops: Vec<usize> = (0..marks.len()).filter(|&i| level(i) <= 1).collect();
    let children = |top: usize| -> Vec<usize> {
        (top + 1..marks.len())
            .take_while(|&i| level(i) > 1)
            .filter(|&i| level(i) == 2)
            .collect()
    };
    // `kids`: first and last child and how many there are.
    let write_item = |pdf: &mut Pdf,
                      i: usize,
                      parent: Ref,
                      prev: Option<usize>,
                      next: Option<usize>,
                      kids: Option<(usize, usize, usize)>| {
        let (Some(&me), Some(mark)) = (items.get(i), marks.get(i)) else {
            return;
        };
        let mut item = pdf.outline_item(me);
        item.title(TextStr(&mark.title)).parent(parent);
        if let Some(&p) = prev.and_then(|p| items.get(p)) {
            item.prev(p);
        }
        if let Some(&n) = next.and_then(|n| items.get(n)) {
            item.next(n);
        }
        if let Some((first, last, count)) = kids
            && let (Some(&first), Some(&last)) = (items.get(first), items.get(last))
        {
            // Closed: a long café's themes would otherwise fill the bookmarks panel.
            item.first(first)
                .last(last)
                .count(-i32::try_from(count).unwrap_or(i32::MAX));
        }
        item.dest_name(Name(dest_name(i).as_bytes()));
    };
    for (k, &top) in tops.iter().enumerate() {
        let kids = children(top);
        let prev = k.checked_sub(1).and_then(|p| tops.get(p).copied());
        let next = tops.get(k + 1).copied();
        let span = match (kids.first(), kids.last()) {
            (Some(&first), Some(&last)) => Some((first, last, kids.len())),
            _ => None,
        };
        write_item(pdf, top, outline, prev, next, span);
        let Some(&parent) = items.get(top) else {
            continue;
        };
        for (j, &kid) in kids.iter().enumerate() {
            let prev = j.checked_sub(1).and_then(|p| kids.get(p).copied());
            let next = kids.get(j + 1).copied();
            write_item(pdf, kid, parent, prev, next, None);
        }
    }
    let mut o = pdf.outline(outline);
    let at = |i: Option<&usize>| i.and_then(|&i| items.get(i)).copied();
    if let (Some(first), Some(last)) = (at(tops.first()), at(tops.last())) {
        o.first(first).last(last);
    }
    o.count(i32::try_from(tops.len()).unwrap_or(i32::MAX));
}

/// Named destinations (the catalog's /Dests dictionary): bookmarks point at them, and
/// `pdfinfo -dests` lists them with their pages.
fn write_destinations(
    pdf: &mut Pdf,
    dests: Ref,
    marks: &[Mark],
    pages: &[(Ref, Ref)],
    layouts: &[PageLayout],
) {
    let mut tree = pdf.destinations(dests);
    for (i, m) in marks.iter().enumerate() {
        let Some(&(page, _)) = pages.get(m.page) else {
            continue;
        };
        let name = dest_name(i);
        tree.insert(Name(name.as_bytes())).page(page).xyz(
            LEFT,
            layouts.get(m.page).map_or(PAGE_H, |p| p.height) - m.y + 4.0,
            None,
        );
    }
}
