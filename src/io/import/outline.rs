//! The tree every interchange importer (text, OPML, FreeMind, JSON Canvas) reads its file into,
//! and the one place that turns such a tree into tables, so that all formats place themes, ideas
//! and unsorted notes by the same rules.

use super::marks::Harvest;
use crate::geom::Point;
use crate::io::FileError;
use crate::model::{Cafe, Node, NodeId, NodeKind, NoteColor, Paper, Table};
use std::collections::{BTreeMap, HashMap};

/// Deepest outline an import accepts. Real maps are a handful of levels deep; a file nested
/// hundreds of levels is broken or hostile, and refusing it keeps every later walk cheap.
pub const MAX_DEPTH: usize = crate::text::indent::MAX_DEPTH;

/// The error for a file nested deeper than [`MAX_DEPTH`].
pub fn too_deep() -> FileError {
    FileError::new(format!(
        "the outline is nested more than {MAX_DEPTH} levels deep"
    ))
}

/// What a format says about a node's role, when it says anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Hint {
    /// Decided by depth: under the question a theme, deeper an idea.
    #[default]
    Auto,
    /// An idea even directly under the question (our exports mark those).
    Idea,
    /// A container under the question whose children are unsorted ideas (our exports write the
    /// unsorted tray this way); the container itself is not a note.
    UnsortedTray,
}

/// One node of an imported outline.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub text: String,
    pub color: Option<NoteColor>,
    /// Speaker notes.
    pub note: String,
    pub hint: Hint,
    /// Votes, tags, origin and action the file gives the node.
    pub harvest: Harvest,
    /// The node's id in the source file, for cross-links.
    pub key: Option<String>,
    /// Position in the source file, canvas units (centre), when it has one.
    pub pos: Option<Point>,
    /// Folded in the source file (Freeplane's `FOLDED`): opens folded here too.
    pub folded: bool,
    /// The key of the node this one is a synthesis reference to (our exports write it).
    pub refers_to: Option<String>,
    pub children: Vec<Outline>,
}

impl Outline {
    pub fn new(text: impl Into<String>) -> Outline {
        Outline {
            text: text.into(),
            ..Outline::default()
        }
    }
}

/// Counts of what an import left out, worded for the user ("3 icons skipped").
#[derive(Debug, Default)]
pub struct Skipped {
    counts: BTreeMap<(&'static str, &'static str), usize>,
    notes: Vec<String>,
}

impl Skipped {
    /// Counts one more of something, given as its singular and plural wording.
    pub fn count(&mut self, one: &'static str, many: &'static str) {
        *self.counts.entry((one, many)).or_insert(0) += 1;
    }

    /// A note that does not fit a count.
    pub fn note(&mut self, text: String) {
        self.notes.push(text);
    }

    pub fn into_lines(self) -> Vec<String> {
        let mut out: Vec<String> = self
            .counts
            .into_iter()
            .map(|((one, many), n)| {
                if n == 1 {
                    format!("1 {one}")
                } else {
                    format!("{n} {many}")
                }
            })
            .collect();
        out.extend(self.notes);
        out
    }
}

/// Colours equal to a palette entry are read as that entry, so a café exported and imported
/// again keeps its named colours (and their translated names).
pub fn normalize_color(color: NoteColor) -> NoteColor {
    match color {
        NoteColor::Custom(rgb) => Paper::ALL
            .iter()
            .find(|p| p.rgb() == rgb)
            .map_or(color, |p| NoteColor::Palette(*p)),
        palette => palette,
    }
}

/// True when an idea coloured `c` would look the same without a colour of its own: `c` is the
/// paper it is drawn on anyway (our Freeplane export writes that), or its branch's colour (our
/// canvas export, and maps whose children repeat their parent's colour). Reading such a colour
/// back as inheritance keeps a round trip from pinning every idea's colour. Themes keep theirs.
fn inherits(t: &Table, id: NodeId, parent: Option<NodeId>, c: NoteColor) -> bool {
    let drawn = crate::render::node_colors(t, id).map(|c| c.fill);
    let branch = parent.and_then(|p| crate::render::branch_color(t, p));
    Some(c.rgb()) == drawn || Some(c.rgb()) == branch
}

/// Builds tables from outlines, keeping every text. Keys of the source file map to the new ids
/// so that cross-links can be added once every table is built.
pub struct Builder {
    pub cafe: Cafe,
    pub skipped: Skipped,
    keys: HashMap<String, (usize, NodeId)>,
    /// Nodes whose file names the table they were written at (numbered from 1), resolved once
    /// every table is built.
    origin_tables: Vec<(NodeId, usize)>,
    /// Synthesis references and the key of their original, resolved once every table is built.
    references: Vec<(usize, NodeId, String)>,
}

impl Builder {
    pub fn new(cafe: Cafe) -> Builder {
        Builder {
            cafe,
            skipped: Skipped::default(),
            keys: HashMap::new(),
            origin_tables: Vec::new(),
            references: Vec::new(),
        }
    }

    /// A colour written in the file (`#rrggbb` or a palette name); one that cannot be read is
    /// counted as skipped and the node keeps its theme's colour.
    pub fn color(&mut self, text: &str) -> Option<NoteColor> {
        let parsed = text.parse::<NoteColor>().ok();
        if parsed.is_none() {
            self.skipped
                .count("unreadable colour skipped", "unreadable colours skipped");
        }
        parsed
    }

    /// Adds a table whose question is `root`; returns its index.
    pub fn add_table(&mut self, root: Outline) -> usize {
        let index = self.cafe.tables.len();
        let mut table = self.cafe.new_table(root.text);
        let q = table.question();
        if let Some(n) = table.node_mut(q) {
            // Our exports write the default question fill out; that is no colour of its own.
            n.color = root
                .color
                .map(normalize_color)
                .filter(|c| c.rgb() != crate::render::QUESTION_FILL);
            n.note = root.note;
            n.pos = root.pos.unwrap_or(Point::ZERO);
            root.harvest.apply_to(n);
        }
        if let Some(k) = root.key {
            self.keys.insert(k, (index, q));
        }
        self.cafe.tables.push(table);
        for child in root.children {
            match child.hint {
                Hint::UnsortedTray => {
                    for idea in child.children {
                        self.add_unsorted(index, idea);
                    }
                }
                Hint::Idea => self.add_under(index, q, child, NodeKind::Idea),
                Hint::Auto => self.add_under(index, q, child, NodeKind::Theme),
            }
        }
        index
    }

    /// Adds an idea (and what hangs below it) to a table's unsorted tray.
    pub fn add_unsorted(&mut self, table: usize, idea: Outline) {
        self.add_node(table, None, idea, NodeKind::Idea);
    }

    fn add_under(&mut self, table: usize, parent: NodeId, outline: Outline, kind: NodeKind) {
        self.add_node(table, Some(parent), outline, kind);
    }

    /// Inserts `outline` and its descendants (all ideas). The depth is bounded by the parsers
    /// ([`MAX_DEPTH`]), so recursion is safe.
    fn add_node(&mut self, table: usize, parent: Option<NodeId>, outline: Outline, kind: NodeKind) {
        let id = self.cafe.alloc_id();
        let Some(t) = self.cafe.tables.get_mut(table) else {
            return;
        };
        let mut node = Node::new(id, kind, outline.text);
        node.note = outline.note;
        node.pos = outline.pos.unwrap_or(Point::ZERO);
        node.folded = outline.folded && !outline.children.is_empty();
        if t.insert(node.clone(), parent).is_err() {
            // Cannot happen with the kinds chosen above; keep the note rather than lose it.
            node.kind = NodeKind::Idea;
            if t.insert(node, None).is_err() {
                return;
            }
            self.skipped.note(format!(
                "a node (#{}) could not be placed; it is unsorted",
                id.0
            ));
        }
        if let Some(c) = outline.color.map(normalize_color)
            && (kind == NodeKind::Theme || !inherits(t, id, parent, c))
            && let Some(n) = t.node_mut(id)
        {
            n.color = Some(c);
        }
        if let Some(n) = t.node_mut(id) {
            if let Some(origin) = outline.harvest.origin_table {
                self.origin_tables.push((id, origin));
            }
            outline.harvest.apply_to(n);
        }
        if let Some(k) = outline.key {
            self.keys.insert(k, (table, id));
        }
        if let Some(original) = outline.refers_to {
            self.references.push((table, id, original));
        }
        for child in outline.children {
            // Below a theme or an idea everything is an idea; a tray flag that deep means nothing.
            self.add_node(table, Some(id), child, NodeKind::Idea);
        }
    }

    /// Where a source key ended up.
    pub fn lookup(&self, key: &str) -> Option<(usize, NodeId)> {
        self.keys.get(key).copied()
    }

    /// Adds a cross-link between two source keys; links across tables or to unknown nodes are
    /// counted as skipped.
    pub fn link(&mut self, from: &str, to: &str) {
        match (self.lookup(from), self.lookup(to)) {
            (Some((ta, a)), Some((tb, b))) if ta == tb && a != b => {
                if let Some(t) = self.cafe.tables.get_mut(ta) {
                    let _ = t.add_link(a, b);
                }
            }
            (Some((ta, _)), Some((tb, _))) if ta != tb => self.skipped.count(
                "link between two tables skipped",
                "links between tables skipped",
            ),
            _ => self.skipped.count(
                "link to a missing node skipped",
                "links to missing nodes skipped",
            ),
        }
    }

    /// Makes each reference show its original. One whose original the file does not hold (an
    /// export of one table), or is itself a reference, stays a plain idea with its text.
    fn resolve_references(&mut self) {
        let references = std::mem::take(&mut self.references);
        let sources: std::collections::HashSet<NodeId> =
            references.iter().map(|(_, id, _)| *id).collect();
        for (table, id, key) in references {
            let original = self
                .lookup(&key)
                .map(|(_, o)| o)
                .filter(|o| *o != id && !sources.contains(o));
            let Some(original) = original else {
                self.skipped.count(
                    "reference to a note outside the file kept as a plain idea",
                    "references to notes outside the file kept as plain ideas",
                );
                continue;
            };
            let node = self.cafe.tables.get_mut(table).and_then(|t| t.node_mut(id));
            if let Some(n) = node {
                // Exports write a reference as it reads (its original's text, the badge line
                // "→ Table 1 · ● 4", its original's dots): it keeps only its own text.
                if let Some((text, badge)) = n.text.rsplit_once('\n')
                    && badge.starts_with("→ ")
                {
                    n.text = text.to_owned();
                }
                n.votes = crate::model::Votes::default();
                n.refers_to = Some(original);
            }
        }
    }

    pub fn finish(mut self) -> super::Imported {
        self.resolve_references();
        for (id, number) in std::mem::take(&mut self.origin_tables) {
            let origin = number
                .checked_sub(1)
                .and_then(|i| self.cafe.tables.get(i))
                .map(Table::question);
            let Some(here) = self.cafe.table_of(id) else {
                continue;
            };
            let Some(table) = self.cafe.tables.get_mut(here) else {
                continue;
            };
            // The table it is on needs nothing stored; a table the file does not hold (an export
            // of one table) cannot be named.
            if let Some(q) = origin.filter(|q| *q != table.question())
                && let Some(n) = table.node_mut(id)
            {
                n.origin.table = Some(q);
            }
        }
        super::Imported {
            cafe: self.cafe,
            skipped: self.skipped.into_lines(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Rgb};

    #[test]
    fn places_themes_ideas_and_tray() {
        let mut q = Outline::new("Q");
        let mut theme = Outline::new("T");
        theme.color = Some(NoteColor::Custom(Paper::Sky.rgb()));
        let mut idea = Outline::new("i");
        idea.color = theme.color;
        theme.children.push(idea);
        let mut direct = Outline::new("direct");
        direct.hint = Hint::Idea;
        let mut tray = Outline::new("Unsorted");
        tray.hint = Hint::UnsortedTray;
        tray.children.push(Outline::new("loose"));
        q.children = vec![theme, direct, tray];
        let mut b = Builder::new(Cafe::new(CafeInfo::default()));
        b.add_table(q);
        let imp = b.finish();
        let t = &imp.cafe.tables[0];
        assert_eq!(imp.cafe.counts(), (1, 1, 3));
        let (_, idea) = super::super::sky_theme_and_idea(t);
        assert_eq!(
            t.node(idea).and_then(|n| n.color),
            None,
            "same colour as the theme: inherited"
        );
        assert_eq!(t.unsorted().len(), 1);
        imp.cafe.validate().unwrap();
    }

    #[test]
    fn keeps_custom_colours() {
        assert_eq!(
            normalize_color(NoteColor::Custom(Rgb(1, 2, 3))),
            NoteColor::Custom(Rgb(1, 2, 3))
        );
    }
}
