//! One node of a table's map: the question, a theme or an idea (a sticky note).

use super::color::NoteColor;
use crate::geom::Point;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identity of a node, unique in the whole café and never reused, even after a deletion
/// (unlike petgraph indices): undo, copy/paste, files and presentation steps refer to nodes by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u64);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeKind {
    /// The table's central question: exactly one per table, the root of its tree.
    Question,
    /// A theme gathering ideas; hangs off the question.
    Theme,
    /// A sticky note; hangs off a theme, off the question, or nowhere (unsorted).
    Idea,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    /// The note's text, kept exactly as typed (may hold line breaks and any Unicode).
    pub text: String,
    /// Centre of the node, in canvas units.
    pub pos: Point,
    /// `None` means "inherit": an idea follows its theme's colour.
    pub color: Option<NoteColor>,
    /// Speaker notes shown in the presenter view.
    pub note: String,
    /// Dot votes from the room.
    pub votes: u32,
    pub tags: Vec<String>,
    /// Skipped by the presentation.
    pub hidden: bool,
    /// The pieces this note was joined from, in order (Merge, Tidy): what it was made of, for a
    /// facilitator checking a join against the tablecloth. Empty for a note typed whole.
    pub merged_from: Vec<String>,
}

impl Node {
    pub fn new(id: NodeId, kind: NodeKind, text: impl Into<String>) -> Self {
        Node {
            id,
            kind,
            text: text.into(),
            pos: Point::ZERO,
            color: None,
            note: String::new(),
            votes: 0,
            tags: Vec::new(),
            hidden: false,
            merged_from: Vec::new(),
        }
    }

    pub fn at(mut self, pos: Point) -> Self {
        self.pos = pos;
        self
    }

    pub fn with_color(mut self, color: Option<NoteColor>) -> Self {
        self.color = color;
        self
    }
}

/// What an edge of a table graph means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// Parent → child in the question → theme → idea tree.
    Child,
    /// A free cross-link between two nodes (drawn dashed, not part of the tree).
    Link,
}
