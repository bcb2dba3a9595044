//! Small cafés written the way a test reads them: a table, its themes, notes in a row.

use cafemap::geom::Point;
use cafemap::model::{Cafe, CafeInfo, Node, NodeId, NodeKind, Table};

/// A café being written, one table at a time.
pub struct Sketch {
    cafe: Cafe,
    table: Table,
}

impl Sketch {
    /// A café titled `title` whose first table asks `question`.
    pub fn new(title: &str, question: &str) -> Sketch {
        let cafe = Cafe::new(CafeInfo {
            title: title.into(),
            ..Default::default()
        });
        let table = cafe.new_table(question);
        Sketch { cafe, table }
    }

    /// Ends the table being written and starts one asking `question`.
    pub fn next_table(&mut self, question: &str) {
        let next = self.cafe.new_table(question);
        let done = std::mem::replace(&mut self.table, next);
        self.cafe.tables.push(done);
    }

    /// The question of the table being written.
    pub fn question(&self) -> NodeId {
        self.table.question()
    }

    /// Adds `node` (its id is set here) under `parent`, or to the tray with `None`.
    pub fn add(&mut self, node: Node, parent: Option<NodeId>) -> NodeId {
        let id = self.cafe.alloc_id();
        let node = Node { id, ..node };
        self.table
            .insert(node, parent)
            .expect("the sketch is a tree");
        id
    }

    /// A theme around the question, at `(x, y)`.
    pub fn theme(&mut self, text: &str, (x, y): (f32, f32)) -> NodeId {
        let q = self.question();
        self.add(theme(text).at(Point::new(x, y)), Some(q))
    }

    /// An idea under `parent` (the tray with `None`), at `(x, y)`.
    pub fn idea(&mut self, parent: Option<NodeId>, text: &str, (x, y): (f32, f32)) -> NodeId {
        self.add(idea(text).at(Point::new(x, y)), parent)
    }

    /// Ideas under `parent` in a row from `(x, y)`, `step` apart.
    pub fn row(
        &mut self,
        parent: Option<NodeId>,
        texts: &[&str],
        (x, y): (f32, f32),
        step: f32,
    ) -> Vec<NodeId> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| self.idea(parent, text, (x + step * i as f32, y)))
            .collect()
    }

    /// `themes` themes around the question, named by `theme(k)`, each with `ideas` ideas named
    /// by `idea(k, i)`; nothing is placed (arrange the café after). Returns the themes.
    pub fn themes_of_ideas(
        &mut self,
        (themes, ideas): (usize, usize),
        theme_text: impl Fn(usize) -> String,
        idea_text: impl Fn(usize, usize) -> String,
    ) -> Vec<NodeId> {
        let q = self.question();
        (0..themes)
            .map(|k| {
                let t = self.add(theme(&theme_text(k)), Some(q));
                for i in 0..ideas {
                    self.add(idea(&idea_text(k, i)), Some(t));
                }
                t
            })
            .collect()
    }

    /// The café, its last table included.
    pub fn cafe(mut self) -> Cafe {
        self.cafe.tables.push(self.table);
        self.cafe
    }
}

/// An idea reading `text` (id set when added).
pub fn idea(text: &str) -> Node {
    Node::new(NodeId(0), NodeKind::Idea, text)
}

/// A theme reading `text` (id set when added).
pub fn theme(text: &str) -> Node {
    Node::new(NodeId(0), NodeKind::Theme, text)
}

/// Inserts a new node of `kind` at `at` under `parent` in `table` (a table of `cafe` not yet
/// pushed), with an id from `cafe`; returns that id.
pub fn insert_new(
    cafe: &mut Cafe,
    table: &mut Table,
    parent: NodeId,
    kind: NodeKind,
    text: impl Into<String>,
    at: Point,
) -> NodeId {
    let id = cafe.alloc_id();
    table
        .insert(Node::new(id, kind, text).at(at), Some(parent))
        .unwrap();
    id
}
