//! The café: one event, one file.

use super::color::Rgb;
use super::node::{MAX_DOT_KINDS, Node, NodeId, NodeKind};
use super::table::{ModelError, Table};
use crate::i18n::Lang;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The largest node id a document may hold. Ids stay below 2^53 so that every id is exact in
/// the JSON of JSON Canvas exports and in scripts reading `cafemap threads --json`, and so that
/// the counter can never wrap: a café would need 9 × 10^15 notes to reach it.
pub const MAX_NODE_ID: u64 = 1 << 53;

/// What the event was. Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CafeInfo {
    pub title: String,
    pub subtitle: String,
    pub date: String,
    pub place: String,
    pub facilitators: String,
    /// The organisations that held the event (title page of the report).
    pub organisers: String,
    /// The language the café is held in: what partners receive (report, exports) is written in
    /// it. Set by File ▸ New and on import; `None` in files from before format 4, where
    /// [`Cafe::language`] reads it from the notes.
    pub lang: Option<Lang>,
}

/// A named kind of dot vote ("priorité", "faisable", "réserve"), with its sticker colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotKind {
    pub name: String,
    pub color: Rgb,
}

#[derive(Debug, Default)]
pub struct Cafe {
    pub info: CafeInfo,
    pub tables: Vec<Table>,
    /// The dot kinds the facilitator named, at most [`MAX_DOT_KINDS`]; empty: one kind of dot.
    /// A note's `votes` are counted per kind, in this order.
    pub dot_kinds: Vec<DotKind>,
    /// Words the facilitator says mean the same ("élus", "conseillers"), each group one list:
    /// common threads treat them as one word.
    pub synonyms: Vec<Vec<String>>,
    /// The next id to hand out. Only grows, so an id is never reused, not even after an undo.
    /// Handing out an id is bookkeeping, not a change of content: it works on a shared `&Cafe`,
    /// so operations can build their edits (with fresh ids) from the document as it is.
    next_id: AtomicU64,
    /// Ids handed out from now on start at a random point (see [`Cafe::alloc_id`]). Set for a
    /// document read from a file, which may be one of several copies growing apart.
    random_ids: AtomicBool,
    /// The café's history, which travels inside the file so that copies merge back. The model
    /// never looks inside: `sync` records the document into it and reads merges out of it.
    /// A clone gets its own (copy on write): writing a clone never records into this one's.
    pub history: crate::sync::Trail,
}

impl Clone for Cafe {
    fn clone(&self) -> Cafe {
        self.copy_with(self.history.clone())
    }
}

/// The id counter is bookkeeping, not content: an undone addition leaves it advanced on purpose.
impl PartialEq for Cafe {
    fn eq(&self, other: &Cafe) -> bool {
        self.info == other.info
            && self.tables == other.tables
            && self.dot_kinds == other.dot_kinds
            && self.synonyms == other.synonyms
    }
}

impl Cafe {
    pub fn new(info: CafeInfo) -> Cafe {
        Cafe {
            info,
            tables: Vec::new(),
            dot_kinds: Vec::new(),
            synonyms: Vec::new(),
            next_id: AtomicU64::new(1),
            random_ids: AtomicBool::new(false),
            history: crate::sync::Trail::default(),
        }
    }

    /// A fresh id, never handed out before in this document. The counter stops at
    /// [`MAX_NODE_ID`] rather than wrap (the loader refuses files that come near it).
    ///
    /// A document read from a file is one of possibly several copies (a partner's, an autosave)
    /// that all know the same counter: counting on from it, two copies would give the same id
    /// to two different ideas. So such a document first jumps to a random point: the seconds
    /// since 2024 above 22 random bits (below 2^52, which leaves an older CaféMap that counts
    /// on from the largest id plenty of room below [`MAX_NODE_ID`]). Ids stay increasing, so
    /// the id order is still the creation order. A collision left after all that is renumbered
    /// by the merge, never dropped.
    pub fn alloc_id(&self) -> NodeId {
        let floor = if self.random_ids.load(Ordering::Relaxed) {
            random_id_floor()
        } else {
            0
        };
        let id = self
            .next_id
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(
                    n.max(floor)
                        .clamp(1, MAX_NODE_ID)
                        .saturating_add(1)
                        .min(MAX_NODE_ID),
                )
            })
            .map(|n| n.max(floor))
            .unwrap_or(MAX_NODE_ID);
        NodeId(id.clamp(1, MAX_NODE_ID))
    }

    /// New ids start at a random point from now on (see [`Cafe::alloc_id`]).
    pub fn use_random_ids(&self) {
        self.random_ids.store(true, Ordering::Relaxed);
    }

    /// Makes sure `id` will never be handed out (for nodes inserted with ids chosen elsewhere).
    pub fn reserve_id(&self, id: NodeId) {
        self.next_id
            .fetch_max(id.0.saturating_add(1), Ordering::Relaxed);
    }

    pub fn next_id(&self) -> u64 {
        self.next_id.load(Ordering::Relaxed)
    }

    /// For the file loader: restores the counter, never below what the nodes need.
    pub fn set_next_id(&mut self, next: u64) {
        let max = self
            .tables
            .iter()
            .flat_map(|t| t.node_ids())
            .map(|id| id.0)
            .max()
            .unwrap_or(0);
        self.next_id = AtomicU64::new(next.max(max.saturating_add(1)).max(1));
    }

    /// A new table (not yet added) whose question gets a fresh id.
    pub fn new_table(&self, question: impl Into<String>) -> Table {
        let id = self.alloc_id();
        Table::new(Node::new(id, NodeKind::Question, question))
    }

    /// Which table holds a node.
    pub fn table_of(&self, id: NodeId) -> Option<usize> {
        self.tables.iter().position(|t| t.contains(id))
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.tables.iter().find_map(|t| t.node(id))
    }

    /// How many dot kinds notes are counted in (at least one).
    pub fn dot_kind_count(&self) -> usize {
        self.dot_kinds.len().clamp(1, MAX_DOT_KINDS)
    }

    /// The table an idea was written at: its recorded origin if that table still exists, else
    /// the table it is on.
    pub fn origin_table(&self, id: NodeId) -> Option<usize> {
        let here = self.table_of(id)?;
        let recorded = self.node(id)?.origin.table;
        Some(
            recorded
                .and_then(|q| self.tables.iter().position(|t| t.question() == q))
                .unwrap_or(here),
        )
    }

    /// The table an idea sitting on table `here` was written at, when that is another table
    /// still in the café: what exports say per node. Without a recorded origin nothing is looked
    /// up ([`Self::origin_table`] searches every table for the node, too slow per node of a café
    /// of thousands of tables).
    pub fn written_elsewhere(&self, node: &Node, here: usize) -> Option<usize> {
        let q = node.origin.table?;
        self.tables
            .iter()
            .position(|t| t.question() == q)
            .filter(|&t| t != here)
    }

    /// The node a reference shows (itself when it is not a reference or its original is gone).
    pub fn shown(&self, id: NodeId) -> Option<&Node> {
        let node = self.node(id)?;
        Some(node.refers_to.and_then(|o| self.node(o)).unwrap_or(node))
    }

    /// The text `node` is shown with, the one resolver every painter and export asks: a
    /// synthesis reference's original as it reads now, then a badge line with the table it sits
    /// at and its votes ("→ Table 2 · ● 3"); the reference's own text with "→ —" once the
    /// original is deleted; any other node's own text. (The words are the same in French and
    /// English, so exports need no language.)
    pub fn shown_text<'a>(&'a self, node: &'a Node) -> std::borrow::Cow<'a, str> {
        let Some(original_id) = node.refers_to else {
            return std::borrow::Cow::Borrowed(&node.text);
        };
        std::borrow::Cow::Owned(match (self.node(original_id), self.table_of(original_id)) {
            (Some(original), Some(table)) => {
                let votes = original.votes.total();
                let votes = if votes > 0 {
                    format!(" · ● {votes}")
                } else {
                    String::new()
                };
                format!("{}\n→ Table {}{votes}", original.text, table + 1)
            }
            _ => format!("{}\n→ —", node.text),
        })
    }

    /// The language what partners receive is written in: the recorded one, else the one the
    /// café's own words are in (English when they say nothing either way).
    pub fn language(&self) -> Lang {
        self.info
            .lang
            .or_else(|| Lang::guess(self.words()))
            .unwrap_or(Lang::En)
    }

    /// The café's own words: its title, subtitle and every note, for guessing its language.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        let info = [self.info.title.as_str(), self.info.subtitle.as_str()];
        let notes = self
            .tables
            .iter()
            .flat_map(|t| t.nodes().map(|n| n.text.as_str()));
        info.into_iter().chain(notes)
    }

    /// (tables, themes, ideas) — what `cafemap check` reports.
    pub fn counts(&self) -> (usize, usize, usize) {
        let themes = self.tables.iter().map(|t| t.count(NodeKind::Theme)).sum();
        let ideas = self.tables.iter().map(|t| t.count(NodeKind::Idea)).sum();
        (self.tables.len(), themes, ideas)
    }

    /// A copy of the café's content without its history, written without one (what a
    /// partner-safe output starts from, and what `sync` keeps to compare the next recording
    /// with). Its edits no longer reach this café's history.
    pub fn without_history(&self) -> Cafe {
        // Not `clone()`: that copies the history, which `sync` may be holding right now.
        self.copy_with(crate::sync::Trail::off())
    }

    /// A copy of the café's content with the given history.
    fn copy_with(&self, history: crate::sync::Trail) -> Cafe {
        Cafe {
            info: self.info.clone(),
            tables: self.tables.clone(),
            dot_kinds: self.dot_kinds.clone(),
            synonyms: self.synonyms.clone(),
            next_id: AtomicU64::new(self.next_id()),
            random_ids: AtomicBool::new(self.random_ids.load(Ordering::Relaxed)),
            history,
        }
    }

    /// Checks every table, that ids are unique across the café and below the id counter.
    pub fn validate(&self) -> Result<(), ModelError> {
        let mut seen = HashSet::new();
        for table in &self.tables {
            table.validate()?;
            for id in table.node_ids() {
                if !seen.insert(id) {
                    return Err(ModelError::DuplicateId(id));
                }
                if id.0 >= self.next_id() {
                    return Err(ModelError::IdNotBelowCounter(id));
                }
                // A reference to a reference would chain; originals are plain nodes.
                if let Some(original) = table.node(id).and_then(|n| n.refers_to)
                    && (original == id
                        || self.node(original).is_some_and(|o| o.refers_to.is_some()))
                {
                    return Err(ModelError::ReferenceToReference(id));
                }
            }
        }
        Ok(())
    }
}

/// Seconds since 2024-01-01 (30 bits) above 22 random bits: where a copy's new ids start.
fn random_id_floor() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    const EPOCH_2024: u64 = 1_704_067_200;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .saturating_sub(EPOCH_2024)
        & ((1 << 30) - 1);
    // The standard library seeds each `RandomState` from the system's randomness.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(secs);
    let random = h.finish() & ((1 << 22) - 1);
    (secs << 22) | random
}

#[cfg(test)]
impl Cafe {
    /// A café of one table for unit tests: `question`, then `nodes` inserted in order, each
    /// `(kind, text, parent)` with the parent given as the index of an earlier node (`None`:
    /// the question). Returns the café and the nodes' ids, in order.
    pub(crate) fn sketch(
        question: &str,
        nodes: &[(NodeKind, &str, Option<usize>)],
    ) -> (Cafe, Vec<NodeId>) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table(question);
        let mut ids: Vec<NodeId> = Vec::new();
        for &(kind, text, parent) in nodes {
            let id = cafe.alloc_id();
            let parent = parent.map_or(t.question(), |i| ids[i]);
            t.insert(Node::new(id, kind, text), Some(parent))
                .expect("a sketched node under an earlier one");
            ids.push(id);
        }
        cafe.tables.push(t);
        (cafe, ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Cafe, NodeId, NodeId) {
        let (cafe, ids) = Cafe::sketch(
            "Q?",
            &[(NodeKind::Theme, "T", None), (NodeKind::Idea, "I", Some(0))],
        );
        (cafe, ids[0], ids[1])
    }

    #[test]
    fn tree_queries() {
        let (cafe, theme, idea) = sample();
        let t = &cafe.tables[0];
        assert_eq!(t.parent(idea), Some(theme));
        assert_eq!(t.themes(), vec![theme]);
        assert_eq!(t.subtree(theme), vec![theme, idea]);
        assert_eq!(t.theme_of(idea), Some(theme));
        assert_eq!(cafe.counts(), (1, 1, 1));
        cafe.validate().unwrap();
    }

    #[test]
    fn refuses_cycles_and_misplaced_themes() {
        let (mut cafe, theme, idea) = sample();
        let t = &mut cafe.tables[0];
        assert_eq!(
            t.set_parent(theme, Some(idea)),
            Err(ModelError::ThemeMustHangOffQuestion(theme))
        );
        let sub = NodeId(99);
        t.insert(Node::new(sub, NodeKind::Idea, "sub"), Some(idea))
            .unwrap();
        assert_eq!(t.set_parent(idea, Some(sub)), Err(ModelError::Cycle(idea)));
        assert_eq!(
            t.set_parent(theme, None),
            Err(ModelError::OnlyIdeasUnsorted(theme))
        );
        assert_eq!(t.set_parent(idea, None), Ok(Some(theme)));
        assert_eq!(t.unsorted(), vec![idea]);
        assert_eq!(t.remove(idea), Err(ModelError::HasChildren(idea)));
    }

    #[test]
    fn copies_read_from_a_file_draw_ids_apart() {
        let (a, _, _) = sample();
        let b = a.clone();
        a.use_random_ids();
        b.use_random_ids();
        let (x, y) = (a.alloc_id(), b.alloc_id());
        assert_ne!(x, y, "two copies of one file must not hand out the same id");
        assert!(x.0 < MAX_NODE_ID / 2 && y.0 < MAX_NODE_ID / 2);
        // Still increasing: the id order stays the creation order.
        assert!(a.alloc_id() > x);
    }

    #[test]
    fn ids_are_never_reused() {
        let (mut cafe, _, idea) = sample();
        let before = cafe.next_id();
        let _ = cafe.tables[0].remove(idea);
        assert!(cafe.alloc_id().0 >= before);
    }
}
