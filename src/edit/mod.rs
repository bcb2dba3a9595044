//! The one pipe through which a document changes.
//!
//! Every change is an [`Edit`]; [`apply`] performs it and returns the edit that undoes it. Undo/redo
//! ([`History`]), the dirty flag and autosave all hang off this. The UI never mutates the model
//! directly.

pub mod find;
pub mod fold;
pub mod harvest;
mod history;
pub mod mine;
pub mod new_event;
pub mod ops;

pub use history::{GestureId, History};
pub use mine::Kept;

use crate::geom::Point;
use crate::model::{
    Cafe, CafeInfo, DotKind, MAX_DOT_KINDS, ModelError, Node, NodeId, NodeKind, NoteColor, Origin,
    Table, Votes,
};
use std::collections::HashSet;
use std::fmt;

/// A node together with where it hangs, as inserted by [`Edit::InsertNodes`].
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub node: Node,
    /// `None`: an unsorted idea.
    pub parent: Option<NodeId>,
}

/// One change to a café. Tables are addressed by index, nodes by their stable id.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds nodes, parents before children, then cross-links between them or to existing nodes.
    InsertNodes {
        table: usize,
        nodes: Vec<Placed>,
        links: Vec<(NodeId, NodeId)>,
    },
    /// Deletes nodes with everything below them.
    RemoveSubtrees {
        table: usize,
        roots: Vec<NodeId>,
    },
    SetText {
        table: usize,
        id: NodeId,
        text: String,
    },
    SetColor {
        table: usize,
        id: NodeId,
        color: Option<NoteColor>,
    },
    /// Speaker notes for the presenter view.
    SetNote {
        table: usize,
        id: NodeId,
        note: String,
    },
    /// The room's dot votes on a node, per dot kind.
    SetVotes {
        table: usize,
        id: NodeId,
        votes: Votes,
    },
    /// Folds (hides the descendants of) or unfolds a node on the canvas.
    SetFolded {
        table: usize,
        id: NodeId,
        folded: bool,
    },
    /// Where an idea came from (table, round, contributor).
    SetOrigin {
        table: usize,
        id: NodeId,
        origin: Origin,
    },
    /// An action's owner and due date.
    SetAction {
        table: usize,
        id: NodeId,
        owner: String,
        due: String,
    },
    /// The café's named dot kinds (at most [`MAX_DOT_KINDS`]).
    SetDotKinds {
        kinds: Vec<DotKind>,
    },
    /// The café's synonym groups for common threads.
    SetSynonyms {
        groups: Vec<Vec<String>>,
    },
    SetTags {
        table: usize,
        id: NodeId,
        tags: Vec<String>,
    },
    /// The pieces a note was joined from (see [`Node::merged_from`]).
    SetMergedFrom {
        table: usize,
        id: NodeId,
        pieces: Vec<String>,
    },
    /// Hide or show a node in the presentation.
    SetHidden {
        table: usize,
        id: NodeId,
        hidden: bool,
    },
    /// Puts nodes at absolute positions (a drag, an arrangement).
    MoveTo {
        table: usize,
        positions: Vec<(NodeId, Point)>,
    },
    /// Hangs a node (with its subtree) under another parent; `None` puts an idea back in unsorted.
    Reparent {
        table: usize,
        id: NodeId,
        parent: Option<NodeId>,
    },
    SetKind {
        table: usize,
        id: NodeId,
        kind: NodeKind,
    },
    AddLink {
        table: usize,
        from: NodeId,
        to: NodeId,
    },
    RemoveLink {
        table: usize,
        from: NodeId,
        to: NodeId,
    },
    /// The presentation order of a table's themes.
    SetThemeOrder {
        table: usize,
        order: Vec<NodeId>,
    },
    InsertTable {
        index: usize,
        table: Box<Table>,
    },
    RemoveTable {
        index: usize,
    },
    /// Moves the table at `from` so that it ends up at index `to`.
    MoveTable {
        from: usize,
        to: usize,
    },
    SetInfo {
        info: CafeInfo,
    },
    /// Several edits as one step; all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The document is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    Model(ModelError),
    /// Inserting a node whose id some table already uses.
    IdInUse(NodeId),
    LastTable,
    /// `InsertNodes` may only link nodes it inserts (to each other or to existing nodes).
    LinkOutsideInsert(NodeId),
    /// A table is moved or removed past the end of the list.
    NoSuchTable(usize),
    /// More dot kinds than a note can show.
    TooManyDotKinds(usize),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Model(e) => e.fmt(f),
            EditError::IdInUse(id) => write!(f, "node id {id} is already in use"),
            EditError::LinkOutsideInsert(id) => {
                write!(f, "link from {id} does not touch an inserted node")
            }
            EditError::LastTable => f.write_str("a café keeps at least one table"),
            EditError::NoSuchTable(i) => write!(f, "there is no table {}", i + 1),
            EditError::TooManyDotKinds(n) => {
                write!(f, "{n} dot kinds: a café names at most {MAX_DOT_KINDS}")
            }
        }
    }
}

impl std::error::Error for EditError {}

impl From<ModelError> for EditError {
    fn from(e: ModelError) -> Self {
        EditError::Model(e)
    }
}

/// Where an edit lands: the table it changes and the nodes it touches (still present after it).
/// After an undo or redo the window shows that table with those nodes selected, so the user
/// sees what changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focus {
    pub table: Option<usize>,
    pub nodes: Vec<NodeId>,
}

impl Edit {
    /// Where this edit lands (see [`Focus`]). For a batch: the first table it changes and the
    /// nodes it touches there.
    pub fn focus(&self) -> Focus {
        let on = |table: usize, nodes: Vec<NodeId>| Focus {
            table: Some(table),
            nodes,
        };
        match self {
            Edit::InsertNodes { table, nodes, .. } => {
                on(*table, nodes.iter().map(|p| p.node.id).collect())
            }
            Edit::RemoveSubtrees { table, .. } | Edit::SetThemeOrder { table, .. } => {
                on(*table, Vec::new())
            }
            Edit::SetText { table, id, .. }
            | Edit::SetColor { table, id, .. }
            | Edit::SetNote { table, id, .. }
            | Edit::SetVotes { table, id, .. }
            | Edit::SetFolded { table, id, .. }
            | Edit::SetOrigin { table, id, .. }
            | Edit::SetAction { table, id, .. }
            | Edit::SetTags { table, id, .. }
            | Edit::SetMergedFrom { table, id, .. }
            | Edit::SetHidden { table, id, .. }
            | Edit::Reparent { table, id, .. }
            | Edit::SetKind { table, id, .. } => on(*table, vec![*id]),
            Edit::MoveTo { table, positions } => {
                on(*table, positions.iter().map(|(id, _)| *id).collect())
            }
            Edit::AddLink { table, from, to } | Edit::RemoveLink { table, from, to } => {
                on(*table, vec![*from, *to])
            }
            Edit::InsertTable { index, .. } | Edit::RemoveTable { index } => on(*index, Vec::new()),
            Edit::MoveTable { to, .. } => on(*to, Vec::new()),
            Edit::SetInfo { .. } | Edit::SetDotKinds { .. } | Edit::SetSynonyms { .. } => {
                Focus::default()
            }
            Edit::Batch(edits) => {
                let mut focus = Focus::default();
                for f in edits.iter().map(Edit::focus) {
                    match (focus.table, f.table) {
                        (None, Some(_)) => focus = f,
                        (Some(a), Some(b)) if a == b => {
                            for id in f.nodes {
                                if !focus.nodes.contains(&id) {
                                    focus.nodes.push(id);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                focus
            }
        }
    }

    /// True for edits that change nothing a user could see (an empty batch, say): not worth an
    /// undo step.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Batch(edits) => edits.iter().all(Edit::is_noop),
            Edit::MoveTo { positions, .. } => positions.is_empty(),
            Edit::InsertNodes { nodes, links, .. } => nodes.is_empty() && links.is_empty(),
            Edit::RemoveSubtrees { roots, .. } => roots.is_empty(),
            _ => false,
        }
    }

    /// A rough count of the bytes this edit keeps alive, for the history's memory bound.
    pub fn weight(&self) -> usize {
        let node = |n: &Node| {
            std::mem::size_of::<Node>()
                + n.text.len()
                + n.note.len()
                + n.merged_from.iter().map(String::len).sum::<usize>()
        };
        std::mem::size_of::<Edit>()
            + match self {
                Edit::InsertNodes { nodes, links, .. } => {
                    nodes.iter().map(|p| node(&p.node)).sum::<usize>() + links.len() * 16
                }
                Edit::RemoveSubtrees { roots, .. } => roots.len() * 8,
                Edit::SetText { text, .. } => text.len(),
                Edit::SetNote { note, .. } => note.len(),
                Edit::SetTags { tags, .. } => tags.iter().map(String::len).sum(),
                Edit::SetMergedFrom { pieces, .. } => pieces.iter().map(String::len).sum(),
                Edit::SetOrigin { origin, .. } => origin.contributor.len(),
                Edit::SetAction { owner, due, .. } => owner.len() + due.len(),
                Edit::SetDotKinds { kinds } => kinds.iter().map(|k| k.name.len() + 8).sum(),
                Edit::SetSynonyms { groups } => groups.iter().flatten().map(String::len).sum(),
                Edit::MoveTo { positions, .. } => positions.len() * 16,
                Edit::SetThemeOrder { order, .. } => order.len() * 8,
                Edit::InsertTable { table, .. } => table.nodes().map(node).sum(),
                Edit::SetInfo { info } => info.title.len() + info.subtitle.len() + 64,
                Edit::Batch(edits) => edits.iter().map(Edit::weight).sum(),
                _ => 0,
            }
    }
}

fn table_mut(cafe: &mut Cafe, index: usize) -> Result<&mut Table, EditError> {
    cafe.tables
        .get_mut(index)
        .ok_or(EditError::NoSuchTable(index))
}

fn node_mut(cafe: &mut Cafe, table: usize, id: NodeId) -> Result<&mut Node, EditError> {
    table_mut(cafe, table)?
        .node_mut(id)
        .ok_or(EditError::Model(ModelError::UnknownNode(id)))
}

/// Applies an edit and returns its inverse: applying the inverse gives back the document exactly.
/// On error the document is left as it was.
pub fn apply(cafe: &mut Cafe, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::InsertNodes {
            table,
            nodes,
            links,
        } => {
            let ids: Vec<NodeId> = nodes.iter().map(|p| p.node.id).collect();
            let mut fresh = HashSet::new();
            for &id in &ids {
                if !fresh.insert(id) || cafe.table_of(id).is_some() {
                    return Err(EditError::IdInUse(id));
                }
            }
            if let Some(&(a, _)) = links
                .iter()
                .find(|(a, b)| !fresh.contains(a) && !fresh.contains(b))
            {
                return Err(EditError::LinkOutsideInsert(a));
            }
            let t = table_mut(cafe, table)?;
            let mut done: Vec<NodeId> = Vec::new();
            let undo_partial = |t: &mut Table, done: &[NodeId]| {
                for id in done.iter().rev() {
                    let _ = t.remove(*id);
                }
            };
            for placed in nodes {
                let id = placed.node.id;
                if let Err(e) = t.insert(placed.node, placed.parent) {
                    undo_partial(t, &done);
                    return Err(e.into());
                }
                done.push(id);
            }
            for &(a, b) in &links {
                if let Err(e) = t.add_link(a, b) {
                    undo_partial(t, &done);
                    return Err(e.into());
                }
            }
            for &id in &ids {
                cafe.reserve_id(id);
            }
            // Removing the roots (nodes whose parent was not inserted with them) removes them
            // all, and the links with them.
            let t = table_mut(cafe, table)?;
            let roots = ids
                .iter()
                .copied()
                .filter(|&id| t.parent(id).is_none_or(|p| !fresh.contains(&p)));
            Edit::RemoveSubtrees {
                table,
                roots: roots.collect(),
            }
        }
        Edit::RemoveSubtrees { table, roots } => {
            let t = table_mut(cafe, table)?;
            let mut order: Vec<NodeId> = Vec::new();
            let mut seen = HashSet::new();
            for &root in &roots {
                if !t.contains(root) {
                    return Err(ModelError::UnknownNode(root).into());
                }
                if root == t.question() {
                    return Err(ModelError::QuestionCount(0).into());
                }
                if seen.contains(&root) {
                    continue; // already inside another root's subtree
                }
                for id in t.subtree(root) {
                    if seen.insert(id) {
                        order.push(id);
                    } else {
                        // A root below this one was listed first: keep parents before children.
                        order.retain(|&x| x != id);
                        order.push(id);
                    }
                }
            }
            let mut placed = Vec::with_capacity(order.len());
            let mut links = Vec::new();
            for &id in order.iter().rev() {
                let (node, parent, node_links) = t.remove(id)?;
                placed.push(Placed { node, parent });
                for l in node_links {
                    if !links.contains(&l) {
                        links.push(l);
                    }
                }
            }
            placed.reverse();
            links.sort_unstable();
            Edit::InsertNodes {
                table,
                nodes: placed,
                links,
            }
        }
        Edit::SetText { table, id, text } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.text, text);
            Edit::SetText {
                table,
                id,
                text: old,
            }
        }
        Edit::SetColor { table, id, color } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.color, color);
            Edit::SetColor {
                table,
                id,
                color: old,
            }
        }
        Edit::SetNote { table, id, note } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.note, note);
            Edit::SetNote {
                table,
                id,
                note: old,
            }
        }
        Edit::SetVotes { table, id, votes } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.votes, votes);
            Edit::SetVotes {
                table,
                id,
                votes: old,
            }
        }
        Edit::SetFolded { table, id, folded } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.folded, folded);
            Edit::SetFolded {
                table,
                id,
                folded: old,
            }
        }
        Edit::SetOrigin { table, id, origin } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.origin, origin);
            Edit::SetOrigin {
                table,
                id,
                origin: old,
            }
        }
        Edit::SetAction {
            table,
            id,
            owner,
            due,
        } => {
            let node = node_mut(cafe, table, id)?;
            Edit::SetAction {
                table,
                id,
                owner: std::mem::replace(&mut node.owner, owner),
                due: std::mem::replace(&mut node.due, due),
            }
        }
        Edit::SetDotKinds { kinds } => {
            if kinds.len() > MAX_DOT_KINDS {
                return Err(EditError::TooManyDotKinds(kinds.len()));
            }
            Edit::SetDotKinds {
                kinds: std::mem::replace(&mut cafe.dot_kinds, kinds),
            }
        }
        Edit::SetSynonyms { groups } => Edit::SetSynonyms {
            groups: std::mem::replace(&mut cafe.synonyms, groups),
        },
        Edit::SetTags { table, id, tags } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.tags, tags);
            Edit::SetTags {
                table,
                id,
                tags: old,
            }
        }
        Edit::SetMergedFrom { table, id, pieces } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.merged_from, pieces);
            Edit::SetMergedFrom {
                table,
                id,
                pieces: old,
            }
        }
        Edit::SetHidden { table, id, hidden } => {
            let old = std::mem::replace(&mut node_mut(cafe, table, id)?.hidden, hidden);
            Edit::SetHidden {
                table,
                id,
                hidden: old,
            }
        }
        Edit::MoveTo { table, positions } => {
            let t = table_mut(cafe, table)?;
            if let Some(&(id, _)) = positions.iter().find(|(id, _)| !t.contains(*id)) {
                return Err(ModelError::UnknownNode(id).into());
            }
            let mut old = Vec::with_capacity(positions.len());
            for (id, pos) in positions {
                if let Some(n) = t.node_mut(id) {
                    old.push((id, n.pos));
                    n.pos = pos;
                }
            }
            // Restore in reverse so that a node listed twice ends where it started.
            old.reverse();
            Edit::MoveTo {
                table,
                positions: old,
            }
        }
        Edit::Reparent { table, id, parent } => {
            let old = table_mut(cafe, table)?.set_parent(id, parent)?;
            Edit::Reparent {
                table,
                id,
                parent: old,
            }
        }
        Edit::SetKind { table, id, kind } => {
            let old = table_mut(cafe, table)?.set_kind(id, kind)?;
            Edit::SetKind {
                table,
                id,
                kind: old,
            }
        }
        Edit::AddLink { table, from, to } => {
            if table_mut(cafe, table)?.add_link(from, to)? {
                Edit::RemoveLink { table, from, to }
            } else {
                Edit::Batch(Vec::new())
            }
        }
        Edit::RemoveLink { table, from, to } => {
            if table_mut(cafe, table)?.remove_link(from, to)? {
                Edit::AddLink { table, from, to }
            } else {
                Edit::Batch(Vec::new())
            }
        }
        Edit::SetThemeOrder { table, order } => {
            let old = std::mem::replace(&mut table_mut(cafe, table)?.theme_order, order);
            Edit::SetThemeOrder { table, order: old }
        }
        Edit::InsertTable { index, table } => {
            if index > cafe.tables.len() {
                return Err(EditError::NoSuchTable(index));
            }
            table.validate()?;
            for id in table.node_ids() {
                if cafe.table_of(id).is_some() {
                    return Err(EditError::IdInUse(id));
                }
            }
            for id in table.node_ids() {
                cafe.reserve_id(id);
            }
            cafe.tables.insert(index, *table);
            Edit::RemoveTable { index }
        }
        Edit::RemoveTable { index } => {
            if index >= cafe.tables.len() {
                return Err(EditError::NoSuchTable(index));
            }
            if cafe.tables.len() == 1 {
                return Err(EditError::LastTable);
            }
            let table = cafe.tables.remove(index);
            Edit::InsertTable {
                index,
                table: Box::new(table),
            }
        }
        Edit::MoveTable { from, to } => {
            let n = cafe.tables.len();
            if from >= n || to >= n {
                return Err(EditError::NoSuchTable(from.max(to)));
            }
            let t = cafe.tables.remove(from);
            cafe.tables.insert(to, t);
            Edit::MoveTable { from: to, to: from }
        }
        Edit::SetInfo { info } => Edit::SetInfo {
            info: std::mem::replace(&mut cafe.info, info),
        },
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply(cafe, edit) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        // All or nothing: roll back what this batch already did.
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(cafe, inv);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Edit::Batch(inverses)
        }
    })
}

#[cfg(test)]
mod tests;
