//! HTML: the café as one web page a partner opens in any browser, offline.
//!
//! Everything is in the one file — style, script, data — so it can be mailed or put on a USB
//! key; nothing is fetched. Text uses the fonts the system has (DejaVu Sans where installed,
//! Verdana, whose widths are close, else the browser's sans-serif): a browser-ready subset of
//! the bundled font needs character maps and metrics tables the PDF subsetter drops.
//!
//! Each table is a section: its map as inline SVG drawn from the same [`crate::render`] scene as
//! the SVG export (real, selectable text), then the same map as a nested list with dots and
//! tags. Without JavaScript that is the whole page: sections one under the other, the maps fitted
//! to the width. `map.js` turns the sections into tabs, pans and zooms the maps, searches (case-
//! and accent-insensitive, on texts folded here with [`crate::text::fold`], as the app does) and
//! steps through the presentation in the app's order ([`crate::layout::steps`], embedded as
//! data). Speaker notes and contributor names are left out: the page is for partners.
//!
//! The same café and options give the same bytes (no dates, no random ids).

use super::svg;
use super::{ExportOptions, FileError, selected_tables, walk};
use crate::geom::Rect;
use crate::i18n::I18n;
use crate::layout::steps::{Sequence, StepKind};
use crate::model::{Cafe, NodeId, NodeKind, Rgb, Table};
use crate::render::{SceneOptions, shown_in, table_scene};
use fluent_bundle::FluentValue;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

const CSS: &str = include_str!("map.css");
const JS: &str = include_str!("map.js");

/// The bundled font where the system has it; else Verdana, whose widths are close to DejaVu
/// Sans (the notes' lines were broken for DejaVu Sans), else the browser's sans-serif.
const FONT_FAMILY: &str = "\"DejaVu Sans\", Verdana, \"Bitstream Vera Sans\", sans-serif";

/// Colour of the dots of a café that named no dot kind: the red of the usual sticker sheets.
const DEFAULT_DOT: Rgb = Rgb(0xD9, 0x3A, 0x2B);

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    Ok(page(cafe, &tables, &I18n::new(options.lang)).into_bytes())
}

/// What the script needs that the page's markup does not carry.
#[derive(Serialize)]
struct Data {
    tables: Vec<TableData>,
    steps: Vec<StepData>,
    /// Words the script shows, in the export's language.
    words: Words,
}

#[derive(Serialize)]
struct TableData {
    /// The map's whole extent, `[x, y, width, height]` in canvas units: what "fit" shows.
    bounds: [f64; 4],
    /// Every node with its text (and tags) folded for searching, in reading order.
    find: Vec<(u64, String)>,
    /// Rank of each presented node in the whole presentation (see [`Sequence::rank`]).
    ranks: Vec<(u64, usize)>,
}

#[derive(Serialize)]
struct StepData {
    /// Position of the table among the page's sections; `None` for the title.
    table: Option<usize>,
    /// Nodes of the whole sequence shown at this step.
    revealed: usize,
    /// The node the step is about, highlighted.
    focus: Option<u64>,
    /// What the camera frames, `[x, y, width, height]`.
    frame: [f64; 4],
}

#[derive(Serialize)]
struct Words {
    step: String,
    matches: String,
    no_match: String,
}

/// The whole document.
fn page(cafe: &Cafe, tables: &[(usize, &Table)], i18n: &I18n) -> String {
    let mut s = String::with_capacity(
        16_384 + CSS.len() + JS.len() + tables.iter().map(|(_, t)| t.len() * 900).sum::<usize>(),
    );
    let title = svg::nonempty(&cafe.info.title)
        .map(str::to_owned)
        .unwrap_or_else(|| i18n.tr("html-untitled"));
    let lang = match i18n.lang() {
        crate::i18n::Lang::En => "en",
        crate::i18n::Lang::Fr => "fr",
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"CaféMap\">\n{meta}<title>{}</title>\n<style>\n:root{{--font:{FONT_FAMILY}}}\n{CSS}</style>\n</head>\n<body>\n",
        esc(&title),
        meta = head_meta(cafe),
    );
    header(&mut s, cafe, &title, tables, i18n);
    s.push_str("<main id=\"tables\">\n");
    let mut data = Data {
        tables: Vec::new(),
        steps: Vec::new(),
        words: Words {
            // `{n}` is where the script writes the number.
            step: i18n.tr_args("html-step", &[("step", FluentValue::from("{n}"))]),
            matches: i18n.tr_args("html-matches", &[("matches", FluentValue::from("{n}"))]),
            no_match: i18n.tr("html-no-match"),
        },
    };
    let seq = Sequence::new(cafe);
    let mut frames: HashMap<usize, Frames> = HashMap::new();
    for (k, &(index, table)) in tables.iter().enumerate() {
        let scene = table_scene(cafe, table, &SceneOptions::PICTURE);
        let rects: HashMap<NodeId, Rect> = scene.nodes.iter().map(|n| (n.id, n.rect)).collect();
        frames.insert(
            index,
            Frames {
                section: k,
                rects,
                bounds: scene.bounds,
            },
        );
        let _ = write!(
            s,
            "<section class=\"table\" id=\"table-{n}\" aria-labelledby=\"table-{n}-title\">\n\
             <h2 id=\"table-{n}-title\"><span class=\"label\">{label}</span> {question}</h2>\n\
             <div class=\"panes\">\n<div class=\"map\">\n",
            n = index + 1,
            label = esc(&table_label(i18n, index)),
            question = esc(shown_in(cafe, table, table.question()).map_or("", |n| &n.text)),
        );
        map_svg(&mut s, &scene, table);
        s.push_str("</div>\n<div class=\"list\">\n");
        list(&mut s, cafe, table, i18n);
        s.push_str("</div>\n</div>\n</section>\n");
        data.tables.push(TableData {
            bounds: rect4(scene.bounds),
            find: find_texts(cafe, table),
            ranks: table
                .node_ids()
                .into_iter()
                .filter_map(|id| Some((id.0, seq.rank(id)?)))
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect(),
        });
    }
    if tables.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"empty\">{}</p>",
            esc(&i18n.tr("html-no-table"))
        );
    }
    s.push_str("</main>\n");
    data.steps = steps(&seq, &frames);
    // `<` is escaped inside the JSON so no text can close the script element (`</script>`) or
    // open a comment; JSON reads `\u003c` back as `<`.
    let json = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c");
    let _ = write!(
        s,
        "<script type=\"application/json\" id=\"cafemap-data\">{json}</script>\n<script>\n{JS}</script>\n</body>\n</html>\n"
    );
    s
}

/// What the page says of the event under its title: subtitle, date, place.
fn event_details(info: &crate::model::CafeInfo) -> Vec<&str> {
    [&info.subtitle, &info.date, &info.place]
        .into_iter()
        .filter_map(|t| svg::nonempty(t))
        .collect()
}

/// The page's description (subtitle, date, place) and author (the organisers), as search
/// engines and document managers read them.
fn head_meta(cafe: &Cafe) -> String {
    let info = &cafe.info;
    let description = event_details(info);
    let mut s = String::new();
    if !description.is_empty() {
        let _ = writeln!(
            s,
            "<meta name=\"description\" content=\"{}\">",
            esc(&description.join(" · "))
        );
    }
    if let Some(organisers) = svg::nonempty(&info.organisers) {
        let _ = writeln!(s, "<meta name=\"author\" content=\"{}\">", esc(organisers));
    }
    s
}

/// A table's scene geometry, for framing its steps.
struct Frames {
    /// Position of the table among the page's sections.
    section: usize,
    rects: HashMap<NodeId, Rect>,
    bounds: Rect,
}

/// The presentation's steps for the tables on the page, each with what the camera frames: the
/// question alone, a branch whole while its ideas arrive (so the camera stays still, as in the
/// app), the whole table at its end.
fn steps(seq: &Sequence, frames: &HashMap<usize, Frames>) -> Vec<StepData> {
    let mut out = Vec::new();
    // Every idea step of a branch frames the same box: all of a table's boxes worked out in one
    // walk (a branch of 10,000 ideas walked per idea, or the order searched per branch of a
    // 10,000-theme fan, is quadratic).
    let mut branches: HashMap<usize, HashMap<NodeId, Rect>> = HashMap::new();
    for step in &seq.steps {
        let (table, frame, focus) = match step.table {
            None => {
                // The title card, over the first table with nothing revealed yet.
                let Some(first) = frames.values().min_by_key(|f| f.section) else {
                    continue;
                };
                (None, first.bounds, None)
            }
            Some(t) => {
                let Some(f) = frames.get(&t) else {
                    continue;
                };
                let order = seq.tables.get(t).map_or(&[][..], |o| o.as_slice());
                let frame = match step.kind {
                    StepKind::Branch | StepKind::Idea => step
                        .branch
                        .and_then(|b| {
                            let boxes = branches
                                .entry(t)
                                .or_insert_with(|| branch_rects(order, &f.rects));
                            boxes.get(&b).copied()
                        })
                        .unwrap_or(f.bounds),
                    StepKind::Question => step
                        .focus
                        .and_then(|q| f.rects.get(&q).copied())
                        .map_or(f.bounds, |r| r.expand(crate::render::SCENE_MARGIN * 4.0)),
                    StepKind::Title | StepKind::Table | StepKind::TopIdeas => f.bounds,
                };
                // A branch with no box on the map (none expected) is framed as the whole table.
                let frame = if frame.width().is_finite() && frame.height().is_finite() {
                    frame
                } else {
                    f.bounds
                };
                (Some(f.section), frame, step.focus.map(|id| id.0))
            }
        };
        out.push(StepData {
            table,
            revealed: step.revealed,
            focus,
            frame: rect4(frame),
        });
    }
    out
}

/// The box around each branch (an entry of depth 1 in `order`) and everything presented under
/// it, with a margin: one walk of the table's order.
fn branch_rects(order: &[(NodeId, usize)], rects: &HashMap<NodeId, Rect>) -> HashMap<NodeId, Rect> {
    let mut out: HashMap<NodeId, Rect> = HashMap::new();
    let mut branch = None;
    for &(id, depth) in order {
        crate::model::count_lookups(1);
        if depth == 1 {
            branch = Some(id);
        }
        let Some(b) = branch else {
            continue;
        };
        let r = out.entry(b).or_insert(Rect::NOTHING);
        if let Some(found) = rects.get(&id) {
            *r = r.union(found);
        }
    }
    for r in out.values_mut() {
        *r = r.expand(crate::render::SCENE_MARGIN * 2.0);
    }
    out
}

fn rect4(r: Rect) -> [f64; 4] {
    let round = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
    [
        round(r.min.x),
        round(r.min.y),
        round(r.width()),
        round(r.height()),
    ]
}

/// The page's header: title, event details, the tabs (plain links to the sections, so they
/// work without JavaScript too) and the tools, which only the script shows.
fn header(s: &mut String, cafe: &Cafe, title: &str, tables: &[(usize, &Table)], i18n: &I18n) {
    let info = &cafe.info;
    let _ = writeln!(
        s,
        "<header id=\"top\">\n<div class=\"heading\">\n<h1>{}</h1>",
        esc(title)
    );
    let details = event_details(info);
    if !details.is_empty() {
        let _ = writeln!(s, "<p class=\"details\">{}</p>", esc(&details.join(" · ")));
    }
    s.push_str("</div>\n<nav class=\"tabs\" aria-label=\"Tables\">\n");
    for &(index, table) in tables {
        let question = shown_in(cafe, table, table.question()).map_or("", |n| n.text.as_str());
        // Like the window's tabs: the number, then the question (cut by the style sheet).
        let _ = writeln!(
            s,
            "<a href=\"#table-{n}\" title=\"{q}\">{n} · {q}</a>",
            n = index + 1,
            q = esc(question),
        );
    }
    s.push_str("</nav>\n");
    let _ = write!(
        s,
        "<div class=\"tools\" hidden>\n\
         <input type=\"search\" id=\"search\" placeholder=\"{search}\" aria-label=\"{search}\" autocomplete=\"off\">\n\
         <span id=\"search-count\" class=\"count\" aria-live=\"polite\"></span>\n\
         <span class=\"group\"><button type=\"button\" id=\"zoom-out\" title=\"{zoom_out}\" aria-label=\"{zoom_out}\">−</button>\
         <button type=\"button\" id=\"zoom-in\" title=\"{zoom_in}\" aria-label=\"{zoom_in}\">+</button>\
         <button type=\"button\" id=\"fit\" title=\"{fit_hint}\">{fit}</button></span>\n\
         <button type=\"button\" id=\"toggle-list\" aria-pressed=\"true\">{list}</button>\n\
         <span class=\"group\"><button type=\"button\" id=\"step-back\" title=\"{back}\" aria-label=\"{back}\">◀</button>\
         <button type=\"button\" id=\"step-next\" title=\"{next}\" aria-label=\"{next}\">▶</button></span>\n\
         <span id=\"step-count\" class=\"count\" aria-live=\"polite\"></span>\n\
         </div>\n</header>\n\
         <div id=\"title-card\" hidden><h1>{title}</h1><p>{subtitle}</p></div>\n",
        search = esc(&i18n.tr("html-search")),
        zoom_out = esc(&i18n.tr("html-zoom-out")),
        zoom_in = esc(&i18n.tr("html-zoom-in")),
        fit = esc(&i18n.tr("html-fit")),
        fit_hint = esc(&i18n.tr("html-fit-hint")),
        list = esc(&i18n.tr("html-list")),
        back = esc(&i18n.tr("html-step-back")),
        next = esc(&i18n.tr("html-step-next")),
        title = esc(title),
        subtitle = esc(info.subtitle.trim()),
    );
}

fn table_label(i18n: &I18n, index: usize) -> String {
    i18n.tr_args("html-table", &[("number", FluentValue::from(index + 1))])
}

/// The map as inline SVG in canvas units: its `viewBox` is the scene's bounds, so without
/// script it fits its box, and the script pans and zooms by moving the `viewBox`. Each node is a
/// group carrying its id; each edge names its ends, so steps can hide what is not yet revealed.
fn map_svg(s: &mut String, scene: &crate::render::Scene, table: &Table) {
    let b = scene.bounds;
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\">",
        svg::num(b.min.x),
        svg::num(b.min.y),
        svg::num(b.width()),
        svg::num(b.height()),
        esc(&table.question_node().text),
    );
    for e in &scene.edges {
        let _ = write!(
            s,
            "<g class=\"e\" data-a=\"{}\" data-b=\"{}\">",
            e.from.0, e.to.0
        );
        svg::edge(s, e);
        s.push_str("</g>\n");
    }
    for n in &scene.nodes {
        let kind = match n.kind {
            NodeKind::Question => "q",
            NodeKind::Theme => "t",
            NodeKind::Idea => "i",
        };
        let _ = writeln!(s, "<g class=\"n {kind}\" data-id=\"{}\">", n.id.0);
        svg::node(s, n);
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
}

/// The table as a nested list in reading order — question, themes, ideas — with dots, tags,
/// round, table of origin and actions; then the unsorted notes.
fn list(s: &mut String, cafe: &Cafe, table: &Table, i18n: &I18n) {
    let root = table.question();
    tree(s, cafe, table, &walk(table, root), i18n);
    let unsorted = table.unsorted();
    if !unsorted.is_empty() {
        let _ = writeln!(
            s,
            "<h3 class=\"unsorted\">{}</h3>",
            esc(&i18n.tr("export-unsorted"))
        );
        for id in super::reading_order(table, &unsorted) {
            tree(s, cafe, table, &walk(table, id), i18n);
        }
    }
}

/// Entries of [`walk`] as nested `<ul>`s.
fn tree(s: &mut String, cafe: &Cafe, table: &Table, entries: &[(NodeId, usize)], i18n: &I18n) {
    let mut open = 0;
    for (k, &(id, depth)) in entries.iter().enumerate() {
        // One list per level entered; a list item stays open while its children follow.
        while open <= depth {
            s.push_str("<ul>\n");
            open += 1;
        }
        item(s, cafe, table, id, i18n);
        let next = entries.get(k + 1).map_or(0, |e| e.1);
        if next <= depth {
            s.push_str("</li>\n");
            for _ in next..depth {
                s.push_str("</ul>\n</li>\n");
                open -= 1;
            }
        }
    }
    for _ in 0..open {
        s.push_str("</ul>\n");
    }
}

fn item(s: &mut String, cafe: &Cafe, table: &Table, id: NodeId, i18n: &I18n) {
    let Some(node) = table.node(id) else {
        return;
    };
    // Only a reference looks its original up (a lookup over every table).
    let shown = node.refers_to.and_then(|o| cafe.node(o)).unwrap_or(node);
    let kind = match node.kind {
        NodeKind::Question => "q",
        NodeKind::Theme => "t",
        NodeKind::Idea => "i",
    };
    let _ = write!(
        s,
        "<li class=\"{kind}\" data-id=\"{}\"><span class=\"text\">{}</span>",
        id.0,
        esc(&shown.text)
    );
    let counts = shown.votes.counts();
    if shown.votes.total() > 0 {
        s.push_str(" <span class=\"dots\">");
        for (k, &n) in counts.iter().enumerate().take(cafe.dot_kind_count()) {
            if n == 0 {
                continue;
            }
            let (name, color) = cafe
                .dot_kinds
                .get(k)
                .map_or((String::new(), DEFAULT_DOT), |d| (d.name.clone(), d.color));
            let label = i18n.tr_args("html-dots", &[("count", FluentValue::from(n))]);
            let label = if name.trim().is_empty() {
                label
            } else {
                format!("{label} ({})", name.trim())
            };
            let _ = write!(
                s,
                "<span class=\"dot\" style=\"--dot:{}\" title=\"{}\">{n}</span>",
                color.hex(),
                esc(&label)
            );
        }
        s.push_str("</span>");
    }
    for tag in &shown.tags {
        let _ = write!(s, " <span class=\"tag\">#{}</span>", esc(tag));
    }
    let mut facts = Vec::new();
    if let Some(round) = shown.origin.round {
        facts.push(i18n.tr_args("html-round", &[("round", FluentValue::from(round))]));
    }
    if node.origin.table.is_some()
        && let Some(origin) = cafe.origin_table(id)
        && cafe.table_of(id) != Some(origin)
    {
        facts.push(i18n.tr_args(
            "html-from-table",
            &[("number", FluentValue::from(origin + 1))],
        ));
    }
    if shown.is_action() {
        if let Some(owner) = svg::nonempty(&shown.owner) {
            facts.push(i18n.tr_args("html-owner", &[("owner", FluentValue::from(owner))]));
        }
        if let Some(due) = svg::nonempty(&shown.due) {
            facts.push(i18n.tr_args("html-due", &[("due", FluentValue::from(due))]));
        }
    }
    if !facts.is_empty() {
        let _ = write!(
            s,
            " <span class=\"facts\">{}</span>",
            esc(&facts.join(" · "))
        );
    }
}

/// Each node's text and tags folded for the search box, in the table's reading order.
fn find_texts(cafe: &Cafe, table: &Table) -> Vec<(u64, String)> {
    let mut ids: Vec<NodeId> = walk(table, table.question())
        .into_iter()
        .map(|e| e.0)
        .collect();
    for id in super::reading_order(table, &table.unsorted()) {
        ids.extend(walk(table, id).into_iter().map(|e| e.0));
    }
    ids.into_iter()
        .filter_map(|id| {
            let node = shown_in(cafe, table, id)?;
            let mut text = crate::text::fold(&node.text);
            for tag in &node.tags {
                text.push_str("\n#");
                text.push_str(&crate::text::fold(tag));
            }
            Some((id.0, text))
        })
        .collect()
}

/// Escapes text for HTML element content and double- or single-quoted attributes; drops the
/// control characters HTML forbids (a pasted PDF may carry some).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
