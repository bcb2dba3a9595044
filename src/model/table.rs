//! One table of the café: its question and the graph of themes and ideas around it.

use super::color::NoteColor;
use super::node::{EdgeKind, Node, NodeId, NodeKind};
use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// What [`Table::remove`] took out: the node, its parent and its cross-links.
pub type Removed = (Node, Option<NodeId>, Vec<(NodeId, NodeId)>);

/// A broken rule of the document. Edits that would break one are refused with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    UnknownNode(NodeId),
    DuplicateId(NodeId),
    NotAQuestion(NodeId),
    QuestionCount(usize),
    QuestionHasParent(NodeId),
    ThemeMustHangOffQuestion(NodeId),
    /// A question or theme cannot be left without a parent (only ideas can be unsorted).
    OnlyIdeasUnsorted(NodeId),
    /// Moving a node under one of its own descendants would make a loop.
    Cycle(NodeId),
    TwoParents(NodeId),
    HasChildren(NodeId),
    SelfLink(NodeId),
    IdNotBelowCounter(NodeId),
    NoSuchTable(usize),
    /// A reference node must show a plain node, not another reference (nor itself).
    ReferenceToReference(NodeId),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelError::*;
        match self {
            UnknownNode(id) => write!(f, "node {id} does not exist"),
            DuplicateId(id) => write!(f, "node id {id} is used twice"),
            NotAQuestion(id) => write!(f, "node {id} should be the table's question"),
            QuestionCount(n) => write!(f, "a table needs exactly one question, this one has {n}"),
            QuestionHasParent(id) => write!(f, "the question {id} cannot have a parent"),
            ThemeMustHangOffQuestion(id) => {
                write!(f, "theme {id} must hang directly off the question")
            }
            OnlyIdeasUnsorted(id) => {
                write!(f, "node {id} needs a parent: only ideas can be unsorted")
            }
            Cycle(id) => write!(f, "node {id} cannot be placed under its own descendant"),
            TwoParents(id) => write!(f, "node {id} has two parents"),
            HasChildren(id) => write!(f, "node {id} still has children"),
            SelfLink(id) => write!(f, "node {id} is linked to itself"),
            IdNotBelowCounter(id) => write!(f, "node id {id} is not below the café's id counter"),
            NoSuchTable(i) => write!(f, "there is no table {}", i + 1),
            ReferenceToReference(id) => {
                write!(
                    f,
                    "node {id} refers to a reference (or to itself), not to an original"
                )
            }
        }
    }
}

impl std::error::Error for ModelError {}

thread_local! {
    static LOOKUPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn count_lookup() {
    count_lookups(1);
}

/// Adds `n` to [`structure_lookups`]: for the model's own walks (a listing of every cross-link
/// counts its edges) and for a lookup outside the model that must stay linear too (the HTML map
/// reading a node's box when it frames a branch).
#[doc(hidden)]
pub fn count_lookups(n: u64) {
    LOOKUPS.with(|c| c.set(c.get().wrapping_add(n)));
}

/// True if going up from `node` with `parent` reaches `ancestor` (or `node` is it); more than
/// `limit` steps up is a loop, and false.
pub fn climbs_to<T: Copy + PartialEq>(
    node: T,
    ancestor: T,
    limit: usize,
    parent: impl Fn(T) -> Option<T>,
) -> bool {
    let mut cur = Some(node);
    let mut steps = 0;
    while let Some(c) = cur {
        if c == ancestor {
            return true;
        }
        steps += 1;
        if steps > limit {
            return false;
        }
        cur = parent(c);
    }
    false
}

/// How many times this thread has asked any table for a node, its parent or its children, plus
/// the edges every listing of cross-links went through. Tests read it before and after an
/// operation to check, without a clock, that the operation's work grows linearly with the map (a
/// walk up from every node of a deep chain, a node looked up across every table, the links listed
/// once per node all show as quadratic here).
pub fn structure_lookups() -> u64 {
    LOOKUPS.with(std::cell::Cell::get)
}

/// A table's map. Children of a node are listed in id (creation) order; the reading order on the
/// map is spatial and belongs to the layout layer.
#[derive(Clone, Debug)]
pub struct Table {
    graph: StableGraph<Node, EdgeKind>,
    index: HashMap<NodeId, NodeIndex>,
    question: NodeId,
    /// Presentation order of the themes chosen by the user; empty means the map's clockwise order.
    /// Ids that no longer name a theme are ignored by readers.
    pub theme_order: Vec<NodeId>,
}

impl Table {
    /// A table holding only its question.
    pub fn new(question: Node) -> Table {
        let mut question = question;
        question.kind = NodeKind::Question;
        let id = question.id;
        let mut graph = StableGraph::new();
        let ix = graph.add_node(question);
        Table {
            graph,
            index: HashMap::from([(id, ix)]),
            question: id,
            theme_order: Vec::new(),
        }
    }

    pub fn question(&self) -> NodeId {
        self.question
    }

    pub fn question_node(&self) -> &Node {
        &self.graph[self.index[&self.question]]
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        count_lookup();
        self.index.get(&id).map(|&ix| &self.graph[ix])
    }

    /// Mutable access for the edit layer and for importers building a new document.
    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        let ix = *self.index.get(&id)?;
        self.graph.node_weight_mut(ix)
    }

    pub fn contains(&self, id: NodeId) -> bool {
        self.index.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0
    }

    /// All nodes, in no particular order (cheap; use `node_ids` for a stable order).
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.graph.node_weights()
    }

    /// All node ids in ascending order.
    pub fn node_ids(&self) -> Vec<NodeId> {
        let mut ids: Vec<NodeId> = self.index.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    pub fn count(&self, kind: NodeKind) -> usize {
        self.graph.node_weights().filter(|n| n.kind == kind).count()
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        count_lookup();
        let ix = *self.index.get(&id)?;
        self.graph
            .edges_directed(ix, Direction::Incoming)
            .find(|e| *e.weight() == EdgeKind::Child)
            .map(|e| self.graph[e.source()].id)
    }

    /// Direct children, in id order.
    pub fn children(&self, id: NodeId) -> Vec<NodeId> {
        count_lookup();
        let Some(&ix) = self.index.get(&id) else {
            return Vec::new();
        };
        let mut out: Vec<NodeId> = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| *e.weight() == EdgeKind::Child)
            .map(|e| self.graph[e.target()].id)
            .collect();
        out.sort_unstable();
        out
    }

    /// The node and all its descendants, parents before children.
    pub fn subtree(&self, id: NodeId) -> Vec<NodeId> {
        if !self.contains(id) {
            return Vec::new();
        }
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.children(out[i]));
            i += 1;
        }
        out
    }

    /// The question's theme children, in id order.
    pub fn themes(&self) -> Vec<NodeId> {
        self.children(self.question)
            .into_iter()
            .filter(|&c| self.node(c).is_some_and(|n| n.kind == NodeKind::Theme))
            .collect()
    }

    /// Ideas not yet placed under a theme or the question (e.g. fresh from an import), in id order.
    pub fn unsorted(&self) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = self
            .graph
            .node_indices()
            .filter(|&ix| {
                self.graph[ix].kind == NodeKind::Idea
                    && !self
                        .graph
                        .edges_directed(ix, Direction::Incoming)
                        .any(|e| *e.weight() == EdgeKind::Child)
            })
            .map(|ix| self.graph[ix].id)
            .collect();
        out.sort_unstable();
        out
    }

    pub fn is_unsorted(&self, id: NodeId) -> bool {
        self.node(id).is_some_and(|n| n.kind == NodeKind::Idea) && self.parent(id).is_none()
    }

    /// True if `ancestor` is `id` itself or above it in the tree.
    pub fn is_ancestor_or_self(&self, ancestor: NodeId, id: NodeId) -> bool {
        // Past `len` steps up is a loop: `validate` reports it.
        climbs_to(id, ancestor, self.len(), |c| self.parent(c))
    }

    /// Depth below the question (question 0, themes 1, …); unsorted ideas count from themselves.
    pub fn depth(&self, id: NodeId) -> usize {
        let mut d = 0;
        let mut cur = self.parent(id);
        while let Some(c) = cur {
            d += 1;
            if d > self.len() {
                break;
            }
            cur = self.parent(c);
        }
        d
    }

    /// The theme a node belongs to (itself if it is a theme).
    pub fn theme_of(&self, id: NodeId) -> Option<NodeId> {
        let mut cur = Some(id);
        // One step per level, bounded by the table's size should a loop sneak in (asking each
        // level its depth made this cubic on a deep chain of ideas).
        for _ in 0..=self.len() {
            let c = cur?;
            match self.node(c)?.kind {
                NodeKind::Theme => return Some(c),
                NodeKind::Question => return None,
                NodeKind::Idea => cur = self.parent(c),
            }
        }
        None
    }

    /// [`Self::theme_of`] of every node under a theme (themes map to themselves), in one pass
    /// down from the themes: asking node by node walks up each time, quadratic on a deep chain.
    pub fn theme_map(&self) -> HashMap<NodeId, NodeId> {
        let mut out = HashMap::new();
        for theme in self.themes() {
            for id in self.subtree(theme) {
                out.insert(id, theme);
            }
        }
        out
    }

    /// The colour a node is drawn with: its own, else its nearest ancestor's.
    pub fn effective_color(&self, id: NodeId) -> Option<NoteColor> {
        let mut cur = Some(id);
        let mut steps = 0;
        while let Some(c) = cur {
            let node = self.node(c)?;
            if node.color.is_some() {
                return node.color;
            }
            if node.kind == NodeKind::Question || steps > self.len() {
                return None;
            }
            steps += 1;
            cur = self.parent(c);
        }
        None
    }

    /// Cross-links as (from, to) pairs, sorted.
    pub fn links(&self) -> Vec<(NodeId, NodeId)> {
        count_lookups(self.graph.edge_count() as u64);
        let mut out: Vec<(NodeId, NodeId)> = self
            .graph
            .edge_references()
            .filter(|e| *e.weight() == EdgeKind::Link)
            .map(|e| (self.graph[e.source()].id, self.graph[e.target()].id))
            .collect();
        out.sort_unstable();
        out
    }

    fn ix(&self, id: NodeId) -> Result<NodeIndex, ModelError> {
        self.index
            .get(&id)
            .copied()
            .ok_or(ModelError::UnknownNode(id))
    }

    /// Checks that `node` (of `kind`) may hang off `parent`.
    fn check_placement(
        &self,
        id: NodeId,
        kind: NodeKind,
        parent: Option<NodeId>,
    ) -> Result<(), ModelError> {
        let parent_kind = match parent {
            Some(p) => Some(self.node(p).ok_or(ModelError::UnknownNode(p))?.kind),
            None => None,
        };
        match (kind, parent_kind) {
            (NodeKind::Question, None) => Ok(()),
            (NodeKind::Question, Some(_)) => Err(ModelError::QuestionHasParent(id)),
            (NodeKind::Theme, Some(NodeKind::Question)) => Ok(()),
            (NodeKind::Theme, Some(_)) => Err(ModelError::ThemeMustHangOffQuestion(id)),
            (NodeKind::Theme, None) => Err(ModelError::OnlyIdeasUnsorted(id)),
            (NodeKind::Idea, _) => Ok(()),
        }
    }

    /// Adds a node under `parent` (`None`: an unsorted idea). A table has only one question.
    /// Room for `more` nodes and the edges to their parents, so that a table read whole grows
    /// once: grown by doubling, a 10,000-idea map left a quarter of its nodes' room unused and
    /// the outgrown buffers as freed memory the process kept.
    pub fn reserve(&mut self, more: usize) {
        self.graph.reserve_exact_nodes(more);
        self.graph.reserve_exact_edges(more);
        self.index.reserve(more);
    }

    pub fn insert(&mut self, node: Node, parent: Option<NodeId>) -> Result<(), ModelError> {
        if self.index.contains_key(&node.id) {
            return Err(ModelError::DuplicateId(node.id));
        }
        if node.kind == NodeKind::Question {
            return Err(ModelError::QuestionCount(2));
        }
        self.check_placement(node.id, node.kind, parent)?;
        let id = node.id;
        let ix = self.graph.add_node(node);
        self.index.insert(id, ix);
        if let Some(p) = parent {
            let pix = self.ix(p)?;
            self.graph.add_edge(pix, ix, EdgeKind::Child);
        }
        Ok(())
    }

    /// Removes a childless node (not the question) and its links; returns what it takes to put it
    /// back: the node, its parent and its links.
    pub fn remove(&mut self, id: NodeId) -> Result<Removed, ModelError> {
        let ix = self.ix(id)?;
        if id == self.question {
            return Err(ModelError::QuestionCount(0));
        }
        if !self.children(id).is_empty() {
            return Err(ModelError::HasChildren(id));
        }
        let parent = self.parent(id);
        let links = self
            .links()
            .into_iter()
            .filter(|&(a, b)| a == id || b == id)
            .collect();
        let node = self
            .graph
            .remove_node(ix)
            .ok_or(ModelError::UnknownNode(id))?;
        self.index.remove(&id);
        Ok((node, parent, links))
    }

    /// Moves a node under a new parent (`None`: back to unsorted). Returns the old parent.
    pub fn set_parent(
        &mut self,
        id: NodeId,
        parent: Option<NodeId>,
    ) -> Result<Option<NodeId>, ModelError> {
        let ix = self.ix(id)?;
        let kind = self.graph[ix].kind;
        self.check_placement(id, kind, parent)?;
        if let Some(p) = parent
            && self.is_ancestor_or_self(id, p)
        {
            return Err(ModelError::Cycle(id));
        }
        let old = self.parent(id);
        let incoming: Vec<_> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| *e.weight() == EdgeKind::Child)
            .map(|e| e.id())
            .collect();
        for e in incoming {
            self.graph.remove_edge(e);
        }
        if let Some(p) = parent {
            let pix = self.ix(p)?;
            self.graph.add_edge(pix, ix, EdgeKind::Child);
        }
        Ok(old)
    }

    /// Changes a node's kind when the tree allows it (e.g. a theme dropped on a theme becomes an
    /// idea). The question's kind cannot change.
    pub fn set_kind(&mut self, id: NodeId, kind: NodeKind) -> Result<NodeKind, ModelError> {
        let ix = self.ix(id)?;
        if id == self.question || kind == NodeKind::Question {
            return Err(ModelError::NotAQuestion(id));
        }
        self.check_placement(id, kind, self.parent(id))?;
        for c in self.children(id) {
            let ck = self.node(c).map(|n| n.kind).unwrap_or(NodeKind::Idea);
            if kind == NodeKind::Idea && ck == NodeKind::Theme {
                return Err(ModelError::ThemeMustHangOffQuestion(c));
            }
        }
        Ok(std::mem::replace(&mut self.graph[ix].kind, kind))
    }

    /// Adds a cross-link; adding an existing one changes nothing. Returns whether it was new.
    pub fn add_link(&mut self, from: NodeId, to: NodeId) -> Result<bool, ModelError> {
        if from == to {
            return Err(ModelError::SelfLink(from));
        }
        let (a, b) = (self.ix(from)?, self.ix(to)?);
        // Only the edges between these two nodes: checking all links made loading a file with
        // many links quadratic.
        if self
            .graph
            .edges_connecting(a, b)
            .any(|e| *e.weight() == EdgeKind::Link)
        {
            return Ok(false);
        }
        self.graph.add_edge(a, b, EdgeKind::Link);
        Ok(true)
    }

    /// Removes a cross-link. Returns whether it existed.
    pub fn remove_link(&mut self, from: NodeId, to: NodeId) -> Result<bool, ModelError> {
        let (a, b) = (self.ix(from)?, self.ix(to)?);
        let found = self
            .graph
            .edges_connecting(a, b)
            .find(|e| *e.weight() == EdgeKind::Link)
            .map(|e| e.id());
        Ok(found.and_then(|e| self.graph.remove_edge(e)).is_some())
    }

    /// Checks every invariant of a table: exactly one question, at the root; every edge joins
    /// existing nodes; the hierarchy is a tree (themes hang off the question, only ideas may be
    /// unsorted); no self-links.
    pub fn validate(&self) -> Result<(), ModelError> {
        let questions: Vec<&Node> = self
            .nodes()
            .filter(|n| n.kind == NodeKind::Question)
            .collect();
        if questions.len() != 1 {
            return Err(ModelError::QuestionCount(questions.len()));
        }
        if questions[0].id != self.question {
            return Err(ModelError::NotAQuestion(self.question));
        }
        let mut seen = HashSet::new();
        // Nodes already known to reach the top without looping: each is walked over once, so
        // deep chains of ideas stay linear (a 20,000-deep chain took seconds to load).
        let mut rooted: HashSet<NodeId> = HashSet::new();
        let mut path: Vec<NodeId> = Vec::new();
        let mut on_path: HashSet<NodeId> = HashSet::new();
        for ix in self.graph.node_indices() {
            let node = &self.graph[ix];
            if !seen.insert(node.id) || self.index.get(&node.id) != Some(&ix) {
                return Err(ModelError::DuplicateId(node.id));
            }
            let parents: Vec<NodeId> = self
                .graph
                .edges_directed(ix, Direction::Incoming)
                .filter(|e| *e.weight() == EdgeKind::Child)
                .map(|e| self.graph[e.source()].id)
                .collect();
            if parents.len() > 1 {
                return Err(ModelError::TwoParents(node.id));
            }
            self.check_placement(node.id, node.kind, parents.first().copied())?;
            // Walking up must reach the question (or an unsorted idea) without looping.
            path.clear();
            on_path.clear();
            let mut cur = node.id;
            while !rooted.contains(&cur) {
                if !on_path.insert(cur) {
                    return Err(ModelError::Cycle(node.id));
                }
                path.push(cur);
                match self.parent(cur) {
                    Some(p) => cur = p,
                    None => {
                        let top = self.node(cur).map(|n| n.kind);
                        if top != Some(NodeKind::Question) && top != Some(NodeKind::Idea) {
                            return Err(ModelError::OnlyIdeasUnsorted(cur));
                        }
                        break;
                    }
                }
            }
            rooted.extend(path.iter().copied());
        }
        if self.index.len() != self.graph.node_count() {
            return Err(ModelError::QuestionCount(self.graph.node_count()));
        }
        for (a, b) in self.links() {
            if a == b {
                return Err(ModelError::SelfLink(a));
            }
        }
        Ok(())
    }
}

/// Two tables are equal when they hold the same nodes (by id), tree, links and theme order,
/// whatever petgraph indices they happen to use.
impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.question == other.question
            && self.theme_order == other.theme_order
            && self.len() == other.len()
            && self.links() == other.links()
            && self
                .node_ids()
                .into_iter()
                .all(|id| self.node(id) == other.node(id) && self.parent(id) == other.parent(id))
    }
}
