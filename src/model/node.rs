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

/// How many kinds of dots a café may name ("priorité", "faisable", "réserve", …). Four colours
/// stay distinguishable on a note's corner and on a projector.
pub const MAX_DOT_KINDS: usize = 4;

/// The room's dot votes on a note, counted per dot kind. A café that names no kinds uses kind 0
/// only, like paper dots of one colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Votes([u32; MAX_DOT_KINDS]);

impl Votes {
    /// `n` dots of the first (or only) kind.
    pub fn single(n: u32) -> Votes {
        Votes::default().with(0, n)
    }

    /// From counts per kind, in kind order; counts past [`MAX_DOT_KINDS`] are ignored.
    pub fn from_counts(counts: &[u32]) -> Votes {
        let mut v = Votes::default();
        for (slot, n) in v.0.iter_mut().zip(counts) {
            *slot = *n;
        }
        v
    }

    /// The dots of one kind (0 for a kind beyond [`MAX_DOT_KINDS`]).
    pub fn of(&self, kind: usize) -> u32 {
        self.0.get(kind).copied().unwrap_or(0)
    }

    /// The same votes with `kind` set to `n` (unchanged for a kind beyond [`MAX_DOT_KINDS`]).
    pub fn with(mut self, kind: usize, n: u32) -> Votes {
        if let Some(slot) = self.0.get_mut(kind) {
            *slot = n;
        }
        self
    }

    /// Adds (or, negative, removes) dots of one kind, never below zero.
    pub fn adjusted(self, kind: usize, delta: i64) -> Votes {
        let n = (i64::from(self.of(kind)) + delta).clamp(0, i64::from(u32::MAX));
        self.with(kind, u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Both notes' dots, kind by kind (a merge keeps every dot the room gave).
    pub fn plus(self, other: Votes) -> Votes {
        let mut v = self;
        for (a, b) in v.0.iter_mut().zip(other.0) {
            *a = a.saturating_add(b);
        }
        v
    }

    pub fn total(&self) -> u32 {
        self.0.iter().fold(0u32, |sum, n| sum.saturating_add(*n))
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Counts per kind, in kind order, without the trailing zeros (how the file writes them).
    pub fn counts(&self) -> &[u32] {
        let len = self.0.iter().rposition(|n| *n > 0).map_or(0, |i| i + 1);
        &self.0[..len]
    }
}

/// Where an idea came from: which table wrote it, in which round, by whom.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The question id of the table it was written at; `None` means "the table it is on", so
    /// an idea created or imported into a table needs nothing stored. Set when a note leaves its
    /// table (pasted or moved elsewhere, referred to by a synthesis), so it keeps its origin.
    pub table: Option<NodeId>,
    /// The café round (1, 2, 3…), when the harvest recorded it.
    pub round: Option<u32>,
    /// A contributor or group label; empty when not given.
    pub contributor: String,
}

impl Origin {
    pub fn is_empty(&self) -> bool {
        self.table.is_none() && self.round.is_none() && self.contributor.is_empty()
    }
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
    /// Dot votes from the room, per dot kind.
    pub votes: Votes,
    /// Free tags, without the `#` (`action`, `budget`…).
    pub tags: Vec<String>,
    /// Skipped by the presentation.
    pub hidden: bool,
    /// The pieces this note was joined from, in order (Merge, Tidy): what it was made of, for a
    /// facilitator checking a join against the tablecloth. Empty for a note typed whole.
    pub merged_from: Vec<String>,
    /// Its descendants are hidden on the canvas (not in the presentation or exports).
    pub folded: bool,
    /// Which table, round and contributor the idea came from.
    pub origin: Origin,
    /// For an action: who carries it, and by when (a date as typed, ISO `2026-12-31` preferred).
    pub owner: String,
    pub due: String,
    /// A reference node (in a synthesis table) shows the node with this id, wherever it is,
    /// instead of a copy: editing the original shows here. Its own `text` keeps the original's
    /// text as it was when the reference was made, shown if the original is gone.
    pub refers_to: Option<NodeId>,
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
            votes: Votes::default(),
            tags: Vec::new(),
            hidden: false,
            merged_from: Vec::new(),
            folded: false,
            origin: Origin::default(),
            owner: String::new(),
            due: String::new(),
            refers_to: None,
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

/// The tag that makes an idea an action (with an owner and a due date), in any case.
pub const ACTION_TAG: &str = "action";

impl Node {
    /// Tagged `#action` (the café's closing question: which actions, who, by when).
    pub fn is_action(&self) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(ACTION_TAG))
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
