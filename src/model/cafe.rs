//! The café: one event, one file.

use super::node::{Node, NodeId, NodeKind};
use super::table::{ModelError, Table};
use std::collections::HashSet;

/// What the event was. Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CafeInfo {
    pub title: String,
    pub subtitle: String,
    pub date: String,
    pub place: String,
    pub facilitators: String,
}

#[derive(Clone, Debug, Default)]
pub struct Cafe {
    pub info: CafeInfo,
    pub tables: Vec<Table>,
    /// The next id to hand out. Only grows, so an id is never reused, not even after an undo.
    next_id: u64,
}

/// The id counter is bookkeeping, not content: an undone addition leaves it advanced on purpose.
impl PartialEq for Cafe {
    fn eq(&self, other: &Cafe) -> bool {
        self.info == other.info && self.tables == other.tables
    }
}

impl Cafe {
    pub fn new(info: CafeInfo) -> Cafe {
        Cafe {
            info,
            tables: Vec::new(),
            next_id: 1,
        }
    }

    /// A fresh id, never handed out before in this document.
    pub fn alloc_id(&mut self) -> NodeId {
        self.next_id = self.next_id.max(1);
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    /// Makes sure `id` will never be handed out (for nodes inserted with ids chosen elsewhere).
    pub fn reserve_id(&mut self, id: NodeId) {
        self.next_id = self.next_id.max(id.0.saturating_add(1));
    }

    pub fn next_id(&self) -> u64 {
        self.next_id
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
        self.next_id = next.max(max + 1).max(1);
    }

    /// A new table (not yet added) whose question gets a fresh id.
    pub fn new_table(&mut self, question: impl Into<String>) -> Table {
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

    /// (tables, themes, ideas) — what `cafemap check` reports.
    pub fn counts(&self) -> (usize, usize, usize) {
        let themes = self.tables.iter().map(|t| t.count(NodeKind::Theme)).sum();
        let ideas = self.tables.iter().map(|t| t.count(NodeKind::Idea)).sum();
        (self.tables.len(), themes, ideas)
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
                if id.0 >= self.next_id {
                    return Err(ModelError::IdNotBelowCounter(id));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Cafe, NodeId, NodeId) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q?");
        let theme = cafe.alloc_id();
        let idea = cafe.alloc_id();
        t.insert(Node::new(theme, NodeKind::Theme, "T"), Some(t.question()))
            .unwrap();
        t.insert(Node::new(idea, NodeKind::Idea, "I"), Some(theme))
            .unwrap();
        cafe.tables.push(t);
        (cafe, theme, idea)
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
    fn ids_are_never_reused() {
        let (mut cafe, _, idea) = sample();
        let before = cafe.next_id();
        let _ = cafe.tables[0].remove(idea);
        assert!(cafe.alloc_id().0 >= before);
    }
}
