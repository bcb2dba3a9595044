//! The report (compte-rendu) partners receive after a café: a title page, a short summary, each
//! table's question, map and ideas, the synthesis with its coverage matrix, the actions and an
//! annex of the notes still unsorted. A section with nothing to say is left out.
//!
//! The content is built once as a format-neutral [`Report`] (headings, paragraphs, lists, grids,
//! figures), then written by [`pdf`], [`odt`] or [`html`]: the three formats say the same thing,
//! and what the report contains is tested without parsing any of them.

mod breaks;
pub mod html;
pub mod odt;
pub mod pdf;
mod zip;

use super::FileError;
use super::export::walk;
use crate::i18n::{I18n, Lang};
use crate::model::{Cafe, Node, NodeId, NodeKind, Table};
use fluent_bundle::FluentValue;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The formats a report is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// To print or send: A4, fonts embedded, bookmarks, page numbers.
    Pdf,
    /// To edit (LibreOffice, Word): real headings, lists and tables, maps as pictures.
    Odt,
    /// To read in a browser or print from it: one file, maps inline as SVG.
    Html,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [ReportFormat::Pdf, ReportFormat::Odt, ReportFormat::Html];

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(ReportFormat::Pdf),
            "odt" => Some(ReportFormat::Odt),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Odt => "odt",
            ReportFormat::Html => "html",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Language of the words the report adds (headings, labels); the notes stay as written.
    pub lang: Lang,
    /// For partners: no speaker notes, no contributor names, nothing hidden from the
    /// presentation (a hidden question leaves its whole table out, as the presentation does).
    pub partner_safe: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            lang: Lang::En,
            partner_safe: false,
        }
    }
}

/// The report, ready for a writer.
#[derive(Clone, Debug)]
pub struct Report {
    /// The café the report shows (for partners: without what they must not see); figures draw
    /// its tables.
    pub cafe: Cafe,
    pub lang: Lang,
    /// The document's title (the event's, or "Restitution report").
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The first page: what kind of document, the event's title and subtitle, then labelled
/// details (date, place, organisers, facilitators) and an optional note at the foot.
#[derive(Clone, Debug, PartialEq)]
pub struct TitlePage {
    pub kind: String,
    pub title: String,
    pub subtitle: String,
    pub details: Vec<(String, String)>,
    pub note: Option<String>,
}

/// One block of the report, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The first page.
    TitlePage(TitlePage),
    /// Level 1 starts a section (a new page in print, a bookmark); 2 and 3 are inside one.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        style: TextStyle,
    },
    List(Vec<Item>),
    Grid(Grid),
    /// The map of `cafe.tables[table]`, drawn as presented (without the unsorted tray).
    Figure {
        table: usize,
        caption: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextStyle {
    Body,
    /// A table's question, set larger.
    Lead,
    /// Secondary text: introductions, "nothing here" lines.
    Muted,
}

/// A list entry: its text, how deep it is nested (0 = top), and smaller lines under it (dots,
/// tags, round, origin, speaker note).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub depth: usize,
    pub text: String,
    pub details: Vec<String>,
}

/// A table of text: a header row and rows of as many cells. Columns from `numeric_from` on
/// hold numbers (aligned right).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric_from: usize,
}

/// A list's items as nested lists: what a writer opens and closes, in order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Nest<'a> {
    OpenList,
    CloseList,
    /// An item starts: its text and details; a deeper list may follow before it closes.
    OpenItem(&'a Item),
    CloseItem,
}

/// Nests `items` by depth: a deeper item opens a list inside the item above it; a depth that
/// skips levels is taken one level below the item above (the first item is at the top).
pub fn nest(items: &[Item]) -> Vec<Nest<'_>> {
    let mut out = vec![Nest::OpenList];
    // One entry per open list: whether it has an item open.
    let mut open: Vec<bool> = vec![false];
    for item in items {
        let deepest = if open.last() == Some(&true) {
            open.len()
        } else {
            open.len() - 1
        };
        let depth = item.depth.min(deepest);
        if depth == open.len() {
            out.push(Nest::OpenList);
            open.push(false);
        }
        while open.len() > depth + 1 {
            if open.pop() == Some(true) {
                out.push(Nest::CloseItem);
            }
            out.push(Nest::CloseList);
        }
        if let Some(last) = open.last_mut() {
            if *last {
                out.push(Nest::CloseItem);
            }
            *last = true;
        }
        out.push(Nest::OpenItem(item));
    }
    while let Some(item_open) = open.pop() {
        if item_open {
            out.push(Nest::CloseItem);
        }
        out.push(Nest::CloseList);
    }
    out
}

impl Report {
    /// The headings, each with its level: the outline the export dialog previews and the PDF's
    /// bookmarks follow.
    pub fn outline(&self) -> Vec<(u8, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Every text the report shows, one string per paragraph, item, cell or detail (tests
    /// check content against it).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                Block::TitlePage(page) => {
                    out.extend([
                        page.kind.as_str(),
                        page.title.as_str(),
                        page.subtitle.as_str(),
                    ]);
                    for (label, value) in &page.details {
                        out.extend([label.as_str(), value.as_str()]);
                    }
                    out.extend(page.note.as_deref());
                }
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => out.push(text),
                Block::List(items) => {
                    for item in items {
                        out.push(&item.text);
                        out.extend(item.details.iter().map(String::as_str));
                    }
                }
                Block::Grid(g) => {
                    out.extend(g.header.iter().map(String::as_str));
                    out.extend(g.rows.iter().flatten().map(String::as_str));
                }
                Block::Figure { caption, .. } => out.push(caption),
            }
        }
        out
    }
}

/// Builds the report and writes it in `format`.
pub fn export(
    cafe: &Cafe,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<Vec<u8>, FileError> {
    let report = build(cafe, options);
    match format {
        ReportFormat::Pdf => pdf::write(&report),
        ReportFormat::Odt => odt::write(&report),
        ReportFormat::Html => Ok(html::write(&report).into_bytes()),
    }
}

/// A table holding references to ideas of other tables is a synthesis: its themes are the
/// café's common threads.
pub fn is_synthesis(table: &Table) -> bool {
    table.nodes().any(|n| n.refers_to.is_some())
}

/// The report of `cafe`.
pub fn build(cafe: &Cafe, options: &ReportOptions) -> Report {
    let cafe = if options.partner_safe {
        partner_safe(cafe)
    } else {
        cafe.clone()
    };
    let i18n = I18n::new(options.lang);
    let title = nonempty(&cafe.info.title)
        .map(str::to_owned)
        .unwrap_or_else(|| i18n.tr("report-kind"));
    let blocks = {
        let mut b = Builder {
            cafe: &cafe,
            index: Index::new(&cafe),
            i18n: &i18n,
            blocks: Vec::new(),
        };
        b.title_page(&title, options.partner_safe);
        b.summary();
        for (index, table) in cafe.tables.iter().enumerate() {
            if !is_synthesis(table) {
                b.table(index, table);
            }
        }
        b.synthesis();
        b.actions();
        b.annex();
        b.blocks
    };
    Report {
        cafe,
        lang: options.lang,
        title,
        blocks,
    }
}

fn nonempty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// The café without what partners must not see: speaker notes, contributor names, the texts a
/// merged note was made of, and every note hidden from the presentation with what hangs under it
/// (see [`without_hidden`]). Every export's `--partner-safe` follows these rules too.
pub fn partner_safe(cafe: &Cafe) -> Cafe {
    let mut safe = without_hidden(cafe);
    for table in &mut safe.tables {
        for id in table.node_ids() {
            if let Some(node) = table.node_mut(id) {
                node.note.clear();
                node.origin.contributor.clear();
                node.merged_from.clear();
            }
        }
    }
    safe
}

/// The café without the notes hidden from the presentation and what hangs under them (a hidden
/// question: its table), including a synthesis's references to them (their snapshot text would
/// show it anyway). The HTML map, made to be sent out, always leaves them out.
pub fn without_hidden(cafe: &Cafe) -> Cafe {
    // Never the history either: it holds every deleted text and every name ever typed.
    let mut safe = cafe.without_history();
    let mut gone: HashSet<NodeId> = HashSet::new();
    for table in &safe.tables {
        if table.question_node().hidden {
            gone.extend(table.node_ids());
            continue;
        }
        for node in table.nodes().filter(|n| n.hidden) {
            gone.extend(table.subtree(node.id));
        }
    }
    safe.tables.retain(|t| !gone.contains(&t.question()));
    for table in &mut safe.tables {
        let references: HashSet<NodeId> = table
            .nodes()
            .filter(|n| n.refers_to.is_some_and(|o| gone.contains(&o)))
            .map(|n| n.id)
            .collect();
        if references.is_empty() && !table.nodes().any(|n| gone.contains(&n.id)) {
            continue;
        }
        // Every node, parents before children; removed in reverse, a node leaves once nothing
        // hangs under it (one pass, however deep the tree).
        let mut order = table.subtree(table.question());
        for idea in table.unsorted() {
            order.extend(table.subtree(idea));
        }
        let mut doomed: HashSet<NodeId> = HashSet::new();
        for &id in &order {
            let parent_doomed = table.parent(id).is_some_and(|p| doomed.contains(&p));
            if parent_doomed || gone.contains(&id) || references.contains(&id) {
                doomed.insert(id);
            }
        }
        for &id in order.iter().rev() {
            if doomed.contains(&id) {
                let _ = table.remove(id);
            }
        }
    }
    safe
}

struct Builder<'a> {
    cafe: &'a Cafe,
    index: Index,
    i18n: &'a I18n,
    blocks: Vec<Block>,
}

/// Which table holds each node and each question, built once: the report asks, for every idea,
/// what it shows and which table it came from, which `Cafe` answers by searching every table
/// (quadratic on a café of thousands of tables).
struct Index {
    table_of: HashMap<NodeId, usize>,
    by_question: HashMap<NodeId, usize>,
}

impl Index {
    fn new(cafe: &Cafe) -> Index {
        let mut index = Index {
            table_of: HashMap::new(),
            by_question: HashMap::new(),
        };
        // The first table wins, as `Cafe`'s searches find it.
        for (t, table) in cafe.tables.iter().enumerate() {
            index.by_question.entry(table.question()).or_insert(t);
            for id in table.node_ids() {
                index.table_of.entry(id).or_insert(t);
            }
        }
        index
    }
}

impl<'a> Builder<'a> {
    /// [`Cafe::node`], through the index.
    fn node(&self, id: NodeId) -> Option<&'a Node> {
        self.cafe
            .tables
            .get(*self.index.table_of.get(&id)?)?
            .node(id)
    }

    /// [`Cafe::shown`], through the index.
    fn shown(&self, id: NodeId) -> Option<&'a Node> {
        let node = self.node(id)?;
        Some(node.refers_to.and_then(|o| self.node(o)).unwrap_or(node))
    }

    /// [`Cafe::origin_table`], through the index.
    fn origin_table(&self, id: NodeId) -> Option<usize> {
        let here = *self.index.table_of.get(&id)?;
        let recorded = self.node(id)?.origin.table;
        Some(
            recorded
                .and_then(|q| self.index.by_question.get(&q).copied())
                .unwrap_or(here),
        )
    }

    fn tr(&self, key: &str) -> String {
        self.i18n.tr(key)
    }

    fn tr_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.i18n.tr_args(key, args)
    }

    fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    fn paragraph(&mut self, text: impl Into<String>, style: TextStyle) {
        self.blocks.push(Block::Paragraph {
            text: text.into(),
            style,
        });
    }

    fn table_label(&self, index: usize) -> String {
        self.tr_args("report-table", &[("n", (index + 1).into())])
    }

    /// The tables ideas are written at (not the synthesis), with their index.
    fn sources(&self) -> impl Iterator<Item = (usize, &Table)> {
        self.cafe
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| !is_synthesis(t))
    }

    fn title_page(&mut self, title: &str, partner_safe: bool) {
        let info = &self.cafe.info;
        let details = [
            ("report-date", &info.date),
            ("report-place", &info.place),
            ("report-organisers", &info.organisers),
            ("report-facilitators", &info.facilitators),
        ]
        .into_iter()
        .filter_map(|(key, value)| nonempty(value).map(|v| (self.tr(key), v.to_owned())))
        .collect();
        self.blocks.push(Block::TitlePage(TitlePage {
            kind: self.tr("report-kind"),
            title: title.to_owned(),
            subtitle: info.subtitle.trim().to_owned(),
            details,
            note: partner_safe.then(|| self.tr("report-partner-safe-note")),
        }));
    }

    /// The dots an idea got, per kind ("● 3 priorité · ● 2 faisable"), or "3 votes" when the
    /// café names no kinds; `None` without dots.
    fn dots(&self, node: &Node) -> Option<String> {
        if node.votes.is_empty() {
            return None;
        }
        if self.cafe.dot_kinds.is_empty() {
            let count = node.votes.total();
            return Some(format!(
                "● {}",
                self.tr_args("report-votes", &[("count", count.into())])
            ));
        }
        let parts: Vec<String> = (0..self.cafe.dot_kind_count())
            .filter(|&k| node.votes.of(k) > 0)
            .map(|k| {
                let name = self.cafe.dot_kinds.get(k).map_or("", |d| d.name.trim());
                format!("● {} {name}", node.votes.of(k))
                    .trim_end()
                    .to_owned()
            })
            .collect();
        Some(parts.join(" · "))
    }

    /// The lines under an idea: dots and tags, then round, table of origin and contributor,
    /// then owner and due date of an action, then the speaker note. `id` is the idea as placed
    /// (a reference in a synthesis), `node` what it shows.
    fn details(&self, id: NodeId, node: &Node, here: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut first: Vec<String> = self.dots(node).into_iter().collect();
        first.extend(node.tags.iter().map(|t| format!("#{t}")));
        if !first.is_empty() {
            lines.push(first.join(" · "));
        }
        let mut origin = Vec::new();
        if let Some(round) = node.origin.round {
            origin.push(self.tr_args("report-round", &[("round", round.into())]));
        }
        let source = self
            .origin_table(node.id)
            .or(self.index.table_of.get(&id).copied());
        if let Some(t) = source.filter(|&t| t != here) {
            origin.push(self.tr_args("report-from-table", &[("n", (t + 1).into())]));
        }
        if let Some(name) = nonempty(&node.origin.contributor) {
            origin.push(self.tr_args("report-by", &[("name", name.into())]));
        }
        if !origin.is_empty() {
            lines.push(origin.join(" · "));
        }
        if node.is_action() {
            let (owner, due) = (nonempty(&node.owner), nonempty(&node.due));
            let line = match (owner, due) {
                (Some(o), Some(d)) => Some(self.tr_args(
                    "report-owner-due",
                    &[("owner", o.into()), ("due", d.into())],
                )),
                (Some(o), None) => Some(self.tr_args("report-owner", &[("owner", o.into())])),
                (None, Some(d)) => Some(self.tr_args("report-due", &[("due", d.into())])),
                (None, None) => None,
            };
            lines.extend(line);
        }
        if let Some(note) = nonempty(&node.note) {
            lines.push(self.tr_args("report-speaker-note", &[("note", note.into())]));
        }
        lines
    }

    /// `root`'s descendants (not `root`) as list items, nested as on the map.
    fn items_under(&self, index: usize, table: &Table, root: NodeId) -> Vec<Item> {
        walk(table, root)
            .into_iter()
            .skip(1)
            .filter_map(|(id, depth)| {
                let node = self.shown(id)?;
                Some(Item {
                    depth: depth - 1,
                    text: node.text.trim().to_owned(),
                    details: self.details(id, node, index),
                })
            })
            .collect()
    }

    fn summary(&mut self) {
        self.heading(1, self.tr("report-summary"));
        let (mut themes, mut ideas, mut votes) = (0, 0, 0u64);
        for (_, t) in self.sources() {
            themes += t.count(NodeKind::Theme);
            ideas += t.count(NodeKind::Idea);
            votes += t.nodes().map(|n| u64::from(n.votes.total())).sum::<u64>();
        }
        let counts = self.tr_args(
            "report-summary-counts",
            &[
                ("tables", self.sources().count().into()),
                ("themes", themes.into()),
                ("ideas", ideas.into()),
                ("votes", votes.into()),
            ],
        );
        self.paragraph(counts, TextStyle::Body);
        let tables: Vec<Item> = self
            .sources()
            .map(|(i, t)| Item {
                depth: 0,
                text: self.tr_args(
                    "report-table-question",
                    &[
                        ("n", (i + 1).into()),
                        ("question", t.question_node().text.trim().into()),
                    ],
                ),
                details: vec![self.tr_args(
                    "report-table-ideas",
                    &[("ideas", t.count(NodeKind::Idea).into())],
                )],
            })
            .collect();
        if !tables.is_empty() {
            self.blocks.push(Block::List(tables));
        }
        self.top_ideas();
        let threads = self.threads();
        if !threads.is_empty() {
            self.heading(2, self.tr("report-threads"));
            let items = threads
                .iter()
                .map(|thread| {
                    let tables: Vec<String> = thread
                        .per_table
                        .iter()
                        .map(|&t| self.table_label(t))
                        .collect();
                    Item {
                        depth: 0,
                        text: thread.name.clone(),
                        details: vec![self.tr_args(
                            "report-thread-tables",
                            &[
                                ("ideas", thread.ideas.len().into()),
                                ("tables", tables.join(", ").into()),
                            ],
                        )],
                    }
                })
                .collect();
            self.blocks.push(Block::List(items));
        }
    }

    /// The ten ideas with the most dots, ties in map order.
    fn top_ideas(&mut self) {
        const TOP: usize = 10;
        let mut voted: Vec<(u32, usize, &Node)> = Vec::new();
        for (i, t) in self.sources() {
            for (id, _) in walk(t, t.question()) {
                if let Some(n) = t.node(id).filter(|n| n.kind == NodeKind::Idea) {
                    let total = n.votes.total();
                    if total > 0 {
                        voted.push((total, i, n));
                    }
                }
            }
        }
        if voted.is_empty() {
            return;
        }
        // Stable: equal totals keep the order of the maps.
        voted.sort_by_key(|(total, ..)| std::cmp::Reverse(*total));
        let rows = voted
            .iter()
            .take(TOP)
            .enumerate()
            .map(|(rank, (_, table, node))| {
                vec![
                    (rank + 1).to_string(),
                    node.text.trim().to_owned(),
                    self.table_label(*table),
                    self.dots(node).unwrap_or_default(),
                ]
            })
            .collect();
        self.heading(2, self.tr("report-top-ideas"));
        // The rank only: the votes cell holds the dot kinds' names too.
        self.text_grid(
            &[
                "report-rank",
                "report-idea",
                "report-action-table",
                "report-votes-column",
            ],
            rows,
        );
    }

    fn table(&mut self, index: usize, table: &Table) {
        self.heading(1, self.table_label(index));
        self.paragraph(table.question_node().text.trim(), TextStyle::Lead);
        self.blocks.push(Block::Figure {
            table: index,
            caption: self.tr_args("report-map", &[("n", (index + 1).into())]),
        });
        let q = table.question();
        let mut loose = Vec::new();
        for child in super::export::children_in_order(table, q) {
            let Some(node) = table.node(child) else {
                continue;
            };
            if node.kind == NodeKind::Theme {
                self.heading(2, node.text.trim());
                let mut items = self.items_under(index, table, child);
                let own = self.details(child, node, index);
                if !own.is_empty() {
                    self.paragraph(own.join(" · "), TextStyle::Muted);
                }
                if !items.is_empty() {
                    self.blocks.push(Block::List(std::mem::take(&mut items)));
                }
            } else {
                loose.push(child);
            }
        }
        if !loose.is_empty() {
            self.heading(2, self.tr("report-on-question"));
            let mut items = Vec::new();
            for id in loose {
                let Some(node) = self.shown(id) else {
                    continue;
                };
                items.push(Item {
                    depth: 0,
                    text: node.text.trim().to_owned(),
                    details: self.details(id, node, index),
                });
                items.extend(self.items_under(index, table, id).into_iter().map(|mut i| {
                    i.depth += 1;
                    i
                }));
            }
            self.blocks.push(Block::List(items));
        }
    }

    /// The common threads: each theme of each synthesis table, with the ideas it gathers.
    fn threads(&self) -> Vec<Thread> {
        let mut out = Vec::new();
        for table in self.cafe.tables.iter().filter(|t| is_synthesis(t)) {
            for theme in super::export::children_in_order(table, table.question()) {
                let Some(node) = table.node(theme).filter(|n| n.kind == NodeKind::Theme) else {
                    continue;
                };
                let ideas: Vec<NodeId> = table
                    .subtree(theme)
                    .into_iter()
                    .skip(1)
                    .filter(|&id| table.node(id).is_some_and(|n| n.kind == NodeKind::Idea))
                    .collect();
                let mut per_table: Vec<usize> = ideas
                    .iter()
                    .filter_map(|&id| {
                        let shown = self.shown(id)?;
                        self.origin_table(shown.id)
                    })
                    .collect();
                per_table.sort_unstable();
                per_table.dedup();
                out.push(Thread {
                    name: node.text.trim().to_owned(),
                    ideas,
                    per_table,
                });
            }
        }
        out
    }

    fn synthesis(&mut self) {
        let synthesis: Vec<usize> = self
            .cafe
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| is_synthesis(t))
            .map(|(i, _)| i)
            .collect();
        if synthesis.is_empty() {
            return;
        }
        self.heading(1, self.tr("report-synthesis"));
        for &index in &synthesis {
            let table = &self.cafe.tables[index];
            if synthesis.len() > 1 {
                self.heading(2, self.table_label(index));
            }
            self.paragraph(table.question_node().text.trim(), TextStyle::Lead);
            self.blocks.push(Block::Figure {
                table: index,
                caption: self.tr("report-map-synthesis"),
            });
            for theme in super::export::children_in_order(table, table.question()) {
                let Some(node) = table.node(theme) else {
                    continue;
                };
                let mut items = self.items_under(index, table, theme);
                if node.kind == NodeKind::Theme {
                    self.heading(2, node.text.trim());
                } else if let Some(shown) = self.shown(theme) {
                    items.insert(
                        0,
                        Item {
                            depth: 0,
                            text: shown.text.trim().to_owned(),
                            details: self.details(theme, shown, index),
                        },
                    );
                    items.iter_mut().skip(1).for_each(|i| i.depth += 1);
                }
                if !items.is_empty() {
                    self.blocks.push(Block::List(items));
                }
            }
        }
        self.matrix();
    }

    /// Threads × tables: how many ideas of each table each thread gathers.
    fn matrix(&mut self) {
        let threads = self.threads();
        let sources: Vec<usize> = self.sources().map(|(i, _)| i).collect();
        if threads.is_empty() || sources.is_empty() {
            return;
        }
        let mut header = vec![self.tr("report-thread")];
        header.extend(sources.iter().map(|&t| self.table_label(t)));
        header.push(self.tr("report-total"));
        let rows = threads
            .iter()
            .map(|thread| {
                // Ideas per table of origin, counted once (not once per table).
                let mut per_table: HashMap<usize, usize> = HashMap::new();
                for &id in &thread.ideas {
                    if let Some(t) = self.shown(id).and_then(|n| self.origin_table(n.id)) {
                        *per_table.entry(t).or_default() += 1;
                    }
                }
                let mut row = vec![thread.name.clone()];
                row.extend(sources.iter().map(|&t| {
                    let n = per_table.get(&t).copied().unwrap_or(0);
                    if n == 0 {
                        "·".to_owned()
                    } else {
                        n.to_string()
                    }
                }));
                row.push(thread.ideas.len().to_string());
                row
            })
            .collect();
        self.heading(2, self.tr("report-matrix"));
        self.paragraph(self.tr("report-matrix-intro"), TextStyle::Muted);
        self.blocks.push(Block::Grid(Grid {
            header,
            rows,
            numeric_from: 1,
        }));
    }

    /// The actions, when there are any: a report has no empty sections.
    fn actions(&mut self) {
        let mut rows = Vec::new();
        for (i, t) in self.sources() {
            for (id, _) in walk(t, t.question())
                .into_iter()
                .chain(t.unsorted().into_iter().flat_map(|u| walk(t, u)))
            {
                if let Some(n) = t.node(id).filter(|n| n.is_action()) {
                    rows.push(vec![
                        n.text.trim().to_owned(),
                        n.owner.trim().to_owned(),
                        n.due.trim().to_owned(),
                        self.table_label(i),
                    ]);
                }
            }
        }
        if rows.is_empty() {
            return;
        }
        self.heading(1, self.tr("report-actions"));
        self.text_grid(
            &[
                "report-action",
                "report-action-owner",
                "report-action-due",
                "report-action-table",
            ],
            rows,
        );
    }

    /// A grid whose columns are all text (none right-aligned), under these headers' keys.
    fn text_grid(&mut self, header_keys: &[&str], rows: Vec<Vec<String>>) {
        let header = header_keys.iter().map(|k| self.tr(k)).collect();
        self.blocks.push(Block::Grid(Grid {
            header,
            rows,
            numeric_from: usize::MAX,
        }));
    }

    /// The notes still unsorted, table by table, when there are any.
    fn annex(&mut self) {
        let mut any = false;
        for (index, table) in self.cafe.tables.iter().enumerate() {
            let unsorted = table.unsorted();
            if unsorted.is_empty() {
                continue;
            }
            if !any {
                self.heading(1, self.tr("report-annex"));
                any = true;
            }
            self.heading(2, self.table_label(index));
            let items: Vec<Item> = unsorted
                .into_iter()
                .flat_map(|u| walk(table, u))
                .filter_map(|(id, depth)| {
                    let node = self.shown(id)?;
                    Some(Item {
                        depth,
                        text: node.text.trim().to_owned(),
                        details: self.details(id, node, index),
                    })
                })
                .collect();
            self.blocks.push(Block::List(items));
        }
    }
}

/// A common thread: a theme of a synthesis table.
struct Thread {
    name: String,
    /// Its ideas (references, mostly), nested ones included.
    ideas: Vec<NodeId>,
    /// The tables its ideas come from, in table order.
    per_table: Vec<usize>,
}

#[cfg(test)]
mod tests;
