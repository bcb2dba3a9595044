//! What a merge proposes, item by item, and how the ticked items become one edit.
//!
//! Each [`Item`] is one thing the other copy changed (or, in a two-way comparison, one
//! difference), described in a line and carrying a declarative [`Change`] relative to our copy.
//! [`Review::edit_for`] turns the ticked items into edits against the café as it is when
//! "Apply" is pressed, in an order that makes them independent: tables first, then additions
//! and moves (retried until no more succeed, an addition whose place is gone landing in its
//! table's Unsorted tray), then fields, then deletions. The result is one `Edit::Batch`: one
//! undo step.

use super::Replica;
use crate::edit::{Edit, Placed};
use crate::geom::Point;
use crate::layout::place;
use crate::model::{
    Cafe, CafeInfo, DotKind, Node, NodeId, NodeKind, NoteColor, Origin, Table, Votes,
};
use crate::text::layout_node_text;
use std::collections::HashMap;

/// The tag that marks their text kept beside ours when both copies rewrote a note.
pub const CONFLICT_TAG: &str = "conflict";

/// How the two copies were compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeMode {
    /// They share history: each item is something their copy changed since the copies parted.
    ThreeWay,
    /// No usable shared history (the reason is given): every difference by id, nothing taken
    /// from either side without a tick.
    TwoWay(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    TableAdded,
    TableRemoved,
    Added,
    Rescued,
    Removed,
    Moved,
    Text,
    TextConflict,
    /// One copy changed a note (its text, dots, tags…) that the other deleted.
    EditDeleted,
    Votes,
    Tags,
    Color,
    Origin,
    Action,
    Other,
    Links,
    Event,
}

/// The choice a conflict offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Ours stays in place, theirs is kept beside it, tagged `conflict`. For a note changed in
    /// one copy and deleted in the other: the changed note is kept.
    Both,
    Ours,
    Theirs,
}

/// A field of a node, with the value the item gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Text(String),
    Votes(Votes),
    Tags(Vec<String>),
    Color(Option<NoteColor>),
    Note(String),
    Hidden(bool),
    Folded(bool),
    Origin(Origin),
    Action { owner: String, due: String },
    Kind(NodeKind),
    MergedFrom(Vec<String>),
    Pos(Point),
}

/// What an item does to our copy. Tables are named by their question's id, so items stay
/// right whatever other items did to table positions.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    AddTable {
        index: usize,
        table: Box<Table>,
    },
    RemoveTable {
        question: NodeId,
    },
    /// Nodes added, parents first; the first hangs off `parent` (`None`: Unsorted).
    Insert {
        question: NodeId,
        nodes: Vec<Placed>,
        links: Vec<(NodeId, NodeId)>,
    },
    Remove {
        id: NodeId,
    },
    Move {
        id: NodeId,
        question: NodeId,
        parent: Option<NodeId>,
    },
    Set {
        id: NodeId,
        field: Field,
    },
    TextConflict {
        id: NodeId,
        ours: String,
        theirs: String,
    },
    /// A note one copy changed and the other deleted (Loro lets the deletion win). Kept
    /// ([`Choice::Both`], the default) or let go (the deleting side's choice).
    EditDeleted {
        question: NodeId,
        id: NodeId,
        /// The changed text, for the review.
        text: String,
        /// Who deleted it.
        deleted_by: Deleter,
    },
    Links {
        question: NodeId,
        add: Vec<(NodeId, NodeId)>,
        remove: Vec<(NodeId, NodeId)>,
    },
    ThemeOrder {
        question: NodeId,
        order: Vec<NodeId>,
    },
    Info(CafeInfo),
    DotKinds(Vec<DotKind>),
    Synonyms(Vec<Vec<String>>),
    TableOrder(Vec<NodeId>),
}

/// Which copy deleted a note the other changed, and what keeping it takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Deleter {
    /// Our copy: keeping it brings their version back (the note and what hangs below it),
    /// under its parent when we still have it, else in the Unsorted tray.
    Ours {
        nodes: Vec<Placed>,
        links: Vec<(NodeId, NodeId)>,
    },
    /// Their copy: keeping it leaves ours; `within` when they deleted a note above it too, so
    /// that keeping it takes it (with what hangs below it) to the Unsorted tray.
    Theirs { within: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The table it is about (its question's id), `None` for the event's fields.
    pub table: Option<NodeId>,
    pub kind: ItemKind,
    /// One line, for the review and the command line.
    pub text: String,
    /// The note, table or event it is about, in its own words (for the window's list).
    pub subject: String,
    pub change: Change,
    /// Applied with "Apply" (every item can be unticked).
    pub ticked: bool,
    /// For conflicts: which text to keep.
    pub choice: Choice,
}

impl Item {
    pub fn is_conflict(&self) -> bool {
        matches!(
            self.kind,
            ItemKind::TextConflict | ItemKind::Rescued | ItemKind::EditDeleted
        )
    }

    /// For a note changed in one copy and deleted in the other: whether it is kept.
    pub fn keeps(&self) -> bool {
        self.choice == Choice::Both
    }

    /// The choice that lets a note changed in one copy go, as the other copy deleted it.
    pub fn letting_go(&self) -> Choice {
        match &self.change {
            Change::EditDeleted {
                deleted_by: Deleter::Ours { .. },
                ..
            } => Choice::Ours,
            _ => Choice::Theirs,
        }
    }
}

/// A merge, ready for review.
pub struct Review {
    pub mode: MergeMode,
    pub items: Vec<Item>,
    /// Things to tell before the items (a history set aside, nodes kept elsewhere).
    pub notices: Vec<String>,
    /// The joined history (three-way merges): adopted by our café when the review is applied.
    pub(crate) merged: Option<Replica>,
}

impl std::fmt::Debug for Review {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Review")
            .field("mode", &self.mode)
            .field("items", &self.items)
            .field("notices", &self.notices)
            .finish_non_exhaustive()
    }
}

impl Review {
    pub fn conflicts(&self) -> usize {
        self.items.iter().filter(|i| i.is_conflict()).count()
    }

    /// The ticked items as one edit of `cafe` (`None` when nothing is ticked or nothing
    /// applies), and a line for each item that could not be applied as asked.
    pub fn edit_for(&self, cafe: &Cafe) -> (Option<Edit>, Vec<String>) {
        let mut scratch = cafe.without_history();
        let mut edits: Vec<Edit> = Vec::new();
        let mut notes = Vec::new();
        let mut ticked: Vec<&Item> = self.items.iter().filter(|i| i.ticked).collect();
        ticked.sort_by_key(|i| phase(i));
        let mut pending: Vec<&Item> = Vec::new();
        let mut push = |scratch: &mut Cafe, edits: &mut Vec<Edit>, e: Edit| -> bool {
            match crate::edit::apply(scratch, e.clone()) {
                Ok(_) => {
                    edits.push(e);
                    true
                }
                Err(_) => false,
            }
        };
        for item in ticked {
            if phase(item) == 1 {
                pending.push(item);
                continue;
            }
            // Additions and moves are done before fields and deletions.
            if phase(item) > 1 && !pending.is_empty() {
                place_pending(
                    &mut scratch,
                    &mut edits,
                    &mut pending,
                    &mut notes,
                    &mut push,
                );
            }
            if let Some(e) = edit_of(&scratch, item)
                && !push(&mut scratch, &mut edits, e)
            {
                notes.push(format!("not applied: {}", item.text));
            }
        }
        place_pending(
            &mut scratch,
            &mut edits,
            &mut pending,
            &mut notes,
            &mut push,
        );
        let edit = match edits.len() {
            0 => None,
            1 => edits.pop(),
            _ => Some(Edit::Batch(edits)),
        };
        (edit, notes)
    }

    /// Applies the ticked items to `cafe` and takes the joined history as its history: what
    /// the command line does, and what tests check. Returns the lines of items not applied.
    pub fn apply_to(self, cafe: &mut Cafe) -> Result<Vec<String>, crate::edit::EditError> {
        let (edit, notes) = self.edit_for(cafe);
        if let Some(edit) = edit {
            crate::edit::apply(cafe, edit)?;
        }
        if let Some(history) = self.into_history() {
            cafe.history = history;
        }
        Ok(notes)
    }

    /// For after the edit of [`Review::edit_for`] is applied: the joined history (three-way
    /// merges), to become the café's, so that their changes are known and the next merge of the
    /// same copy brings nothing twice. What was left unticked is recorded on top at the next
    /// write. A new handle: clones of the café made before keep the history they had.
    pub fn into_history(self) -> Option<super::Trail> {
        self.merged.map(super::Trail::live)
    }
}

fn phase(item: &Item) -> u8 {
    match &item.change {
        Change::AddTable { .. } | Change::TableOrder(_) => 0,
        // A node's kind goes with where it hangs (a theme under an idea is refused): tried
        // together, in whatever order works.
        Change::Insert { .. }
        | Change::Move { .. }
        | Change::Set {
            field: Field::Kind(_),
            ..
        } => 1,
        Change::Set { .. }
        | Change::TextConflict { .. }
        | Change::Links { .. }
        | Change::ThemeOrder { .. }
        | Change::Info(_)
        | Change::DotKinds(_)
        | Change::Synonyms(_) => 2,
        Change::EditDeleted { deleted_by, .. } => match (deleted_by, item.keeps()) {
            (Deleter::Ours { .. }, true) | (Deleter::Theirs { within: true }, true) => 1,
            (Deleter::Theirs { within: false }, false) => 3,
            // Nothing to do: it stays deleted, kept, or goes with the note above it.
            _ => 2,
        },
        Change::Remove { .. } => 3,
        Change::RemoveTable { .. } => 4,
    }
}

type Push<'a> = dyn FnMut(&mut Cafe, &mut Vec<Edit>, Edit) -> bool + 'a;

/// Additions and moves, retried while some succeed (one may need the place another makes);
/// an addition whose place is gone lands in its table's Unsorted tray.
fn place_pending(
    scratch: &mut Cafe,
    edits: &mut Vec<Edit>,
    pending: &mut Vec<&Item>,
    notes: &mut Vec<String>,
    push: &mut Push<'_>,
) {
    loop {
        let before = pending.len();
        pending.retain(|item| match edit_of(scratch, item) {
            Some(e) => !push(scratch, edits, e),
            None => true,
        });
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    for item in pending.drain(..) {
        let done = match insertion(item) {
            Some((question, nodes, links)) => {
                let mut nodes = nodes.to_vec();
                if let Some(first) = nodes.first_mut() {
                    first.parent = None;
                    first.node.kind = NodeKind::Idea;
                }
                let table = scratch.table_of(*question).unwrap_or(0);
                let e = insert_edit(scratch, table, nodes, links);
                e.is_some_and(|e| push(scratch, edits, e))
            }
            None => false,
        };
        if !done {
            notes.push(format!("not applied: {}", item.text));
        }
    }
}

/// The nodes an item inserts: their additions, or a note they changed that we deleted.
/// Where nodes go, the nodes, and their links.
type Insertion<'a> = (&'a NodeId, &'a [Placed], &'a [(NodeId, NodeId)]);

fn insertion(item: &Item) -> Option<Insertion<'_>> {
    match &item.change {
        Change::Insert {
            question,
            nodes,
            links,
        }
        | Change::EditDeleted {
            question,
            deleted_by: Deleter::Ours { nodes, links },
            ..
        } => Some((question, nodes, links)),
        _ => None,
    }
}

/// Inserts nodes into a table, renumbering any whose id is in use (never dropping one).
fn insert_edit(
    scratch: &Cafe,
    table: usize,
    mut nodes: Vec<Placed>,
    links: &[(NodeId, NodeId)],
) -> Option<Edit> {
    scratch.tables.get(table)?;
    let mut renamed: HashMap<NodeId, NodeId> = HashMap::new();
    for p in &mut nodes {
        if scratch.node(p.node.id).is_some() {
            let fresh = scratch.alloc_id();
            renamed.insert(p.node.id, fresh);
            p.node.id = fresh;
        }
    }
    let inserted: std::collections::HashSet<NodeId> = nodes.iter().map(|p| p.node.id).collect();
    for p in &mut nodes {
        if let Some(parent) = p.parent.and_then(|q| renamed.get(&q)) {
            p.parent = Some(*parent);
        }
    }
    let rename = |id: NodeId| renamed.get(&id).copied().unwrap_or(id);
    let links: Vec<(NodeId, NodeId)> = links
        .iter()
        .map(|&(a, b)| (rename(a), rename(b)))
        .filter(|(a, b)| {
            (inserted.contains(a) || inserted.contains(b))
                && scratch.tables.get(table).is_some_and(|t| {
                    (t.contains(*a) || inserted.contains(a))
                        && (t.contains(*b) || inserted.contains(b))
                })
        })
        .collect();
    Some(Edit::InsertNodes {
        table,
        nodes,
        links,
    })
}

/// The edit an item makes of the café as it is now; `None` when it no longer applies.
fn edit_of(cafe: &Cafe, item: &Item) -> Option<Edit> {
    let table_of = |id: NodeId| cafe.table_of(id);
    Some(match &item.change {
        Change::AddTable { index, table } => {
            if cafe.tables.iter().any(|t| t.question() == table.question()) {
                return None;
            }
            Edit::InsertTable {
                index: (*index).min(cafe.tables.len()),
                table: table.clone(),
            }
        }
        Change::RemoveTable { question } => Edit::RemoveTable {
            index: cafe.tables.iter().position(|t| t.question() == *question)?,
        },
        Change::Insert {
            question,
            nodes,
            links,
        } => placed_edit(cafe, *question, nodes, links)?,
        Change::EditDeleted {
            question,
            id,
            deleted_by,
            ..
        } => match (deleted_by, item.keeps()) {
            (Deleter::Ours { nodes, links }, true) => placed_edit(cafe, *question, nodes, links)?,
            (Deleter::Theirs { within: true }, true) => to_unsorted(cafe, *id)?,
            (Deleter::Theirs { within: false }, false) => Edit::RemoveSubtrees {
                table: table_of(*id)?,
                roots: vec![*id],
            },
            _ => return None,
        },
        Change::Remove { id } => Edit::RemoveSubtrees {
            table: table_of(*id)?,
            roots: vec![*id],
        },
        Change::Move {
            id,
            question,
            parent,
        } => move_edit(cafe, *id, *question, *parent)?,
        Change::Set { id, field } => set_edit(table_of(*id)?, *id, field.clone()),
        Change::TextConflict { id, ours, theirs } => {
            conflict_edit(cafe, *id, ours, theirs, item.choice)?
        }
        Change::Links {
            question,
            add,
            remove,
        } => links_edit(cafe, *question, add, remove)?,
        Change::ThemeOrder { question, order } => Edit::SetThemeOrder {
            table: table_of(*question)?,
            order: order.clone(),
        },
        Change::Info(info) => Edit::SetInfo { info: info.clone() },
        Change::DotKinds(kinds) => Edit::SetDotKinds {
            kinds: kinds.clone(),
        },
        Change::Synonyms(groups) => Edit::SetSynonyms {
            groups: groups.clone(),
        },
        Change::TableOrder(order) => table_order_edit(cafe, order)?,
    })
}

/// A node to another parent; to another table, its subtree leaves one and enters the other,
/// ids kept.
fn move_edit(cafe: &Cafe, id: NodeId, question: NodeId, parent: Option<NodeId>) -> Option<Edit> {
    let from = cafe.table_of(id)?;
    let to = cafe.table_of(question)?;
    if from == to {
        return Some(Edit::Reparent {
            table: to,
            id,
            parent,
        });
    }
    let t = cafe.tables.get(from)?;
    let nodes: Vec<Placed> = t
        .subtree(id)
        .into_iter()
        .filter_map(|n| {
            let mut node = t.node(n)?.clone();
            if node.origin.table.is_none() {
                node.origin.table = Some(t.question());
            }
            let p = if n == id { parent } else { t.parent(n) };
            Some(Placed { node, parent: p })
        })
        .collect();
    Some(Edit::Batch(vec![
        Edit::RemoveSubtrees {
            table: from,
            roots: vec![id],
        },
        Edit::InsertNodes {
            table: to,
            nodes,
            links: vec![],
        },
    ]))
}

/// A text both copies rewrote, as chosen: ours, theirs, or ours in place and theirs beside it
/// (a sibling idea for an idea, a child idea of a theme or question), tagged `conflict`. Also
/// for a live session's conflict on the note being typed (`ui::document`).
pub fn conflict_edit(
    cafe: &Cafe,
    id: NodeId,
    ours: &str,
    theirs: &str,
    choice: Choice,
) -> Option<Edit> {
    let table = cafe.table_of(id)?;
    let set = |text: &str| Edit::SetText {
        table,
        id,
        text: text.to_owned(),
    };
    Some(match choice {
        Choice::Ours => set(ours),
        Choice::Theirs => set(theirs),
        Choice::Both => {
            let t = cafe.tables.get(table)?;
            let node = t.node(id)?;
            let parent = match node.kind {
                NodeKind::Idea => t.parent(id),
                NodeKind::Theme | NodeKind::Question => Some(id),
            };
            // Theirs lands clear of every note: as near below ours as its edge can reach
            // without running behind another note when it is a sibling, in a free spot round
            // the theme or question otherwise.
            let size = layout_node_text(NodeKind::Idea, theirs).size;
            let spot = match (node.kind, place::rect_of(t, id)) {
                (NodeKind::Idea, Some(ours_box)) => {
                    place::free_spot_beside(t, parent, ours_box, size)
                }
                _ => place::free_spot(t, Some(id), size),
            };
            let mut copy = Node::new(cafe.alloc_id(), NodeKind::Idea, theirs)
                .at(spot)
                .with_color(node.color);
            copy.tags = vec![CONFLICT_TAG.to_owned()];
            copy.origin = node.origin.clone();
            Edit::Batch(vec![
                set(ours),
                Edit::InsertNodes {
                    table,
                    nodes: vec![Placed { node: copy, parent }],
                    links: vec![],
                },
            ])
        }
    })
}

/// The links they added and removed that still make sense here.
fn links_edit(
    cafe: &Cafe,
    question: NodeId,
    add: &[(NodeId, NodeId)],
    remove: &[(NodeId, NodeId)],
) -> Option<Edit> {
    let table = cafe.table_of(question)?;
    let t = cafe.tables.get(table)?;
    let links = t.links();
    let mut edits: Vec<Edit> = Vec::new();
    for &(from, to) in add {
        if t.contains(from) && t.contains(to) && !links.contains(&(from, to)) {
            edits.push(Edit::AddLink { table, from, to });
        }
    }
    for &(from, to) in remove {
        if links.contains(&(from, to)) {
            edits.push(Edit::RemoveLink { table, from, to });
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The moves that bring the tables both copies have into their order.
fn table_order_edit(cafe: &Cafe, order: &[NodeId]) -> Option<Edit> {
    let mut now: Vec<NodeId> = cafe.tables.iter().map(|t| t.question()).collect();
    let want: Vec<NodeId> = order.iter().filter(|q| now.contains(q)).copied().collect();
    let mut edits = Vec::new();
    for (to, q) in want.iter().enumerate() {
        let from = now.iter().position(|x| x == q)?;
        if from != to {
            edits.push(Edit::MoveTable { from, to });
            let q = now.remove(from);
            now.insert(to, q);
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Inserts nodes where they hang in the other copy; `None` when that place is gone (the
/// caller then puts them in the Unsorted tray).
fn placed_edit(
    cafe: &Cafe,
    question: NodeId,
    nodes: &[Placed],
    links: &[(NodeId, NodeId)],
) -> Option<Edit> {
    let table = cafe.table_of(question)?;
    if let Some(p) = nodes.first().and_then(|p| p.parent) {
        cafe.tables.get(table).filter(|t| t.contains(p))?;
    }
    insert_edit(cafe, table, nodes.to_vec(), links)
}

/// Takes a note (and what hangs below it) to its table's Unsorted tray, as an idea.
fn to_unsorted(cafe: &Cafe, id: NodeId) -> Option<Edit> {
    let table = cafe.table_of(id)?;
    let mut edits = Vec::new();
    if cafe.node(id)?.kind != NodeKind::Idea {
        edits.push(Edit::SetKind {
            table,
            id,
            kind: NodeKind::Idea,
        });
    }
    edits.push(Edit::Reparent {
        table,
        id,
        parent: None,
    });
    Some(Edit::Batch(edits))
}

fn set_edit(table: usize, id: NodeId, field: Field) -> Edit {
    match field {
        Field::Text(text) => Edit::SetText { table, id, text },
        Field::Votes(votes) => Edit::SetVotes { table, id, votes },
        Field::Tags(tags) => Edit::SetTags { table, id, tags },
        Field::Color(color) => Edit::SetColor { table, id, color },
        Field::Note(note) => Edit::SetNote { table, id, note },
        Field::Hidden(hidden) => Edit::SetHidden { table, id, hidden },
        Field::Folded(folded) => Edit::SetFolded { table, id, folded },
        Field::Origin(origin) => Edit::SetOrigin { table, id, origin },
        Field::Action { owner, due } => Edit::SetAction {
            table,
            id,
            owner,
            due,
        },
        Field::Kind(kind) => Edit::SetKind { table, id, kind },
        Field::MergedFrom(pieces) => Edit::SetMergedFrom { table, id, pieces },
        Field::Pos(p) => Edit::MoveTo {
            table,
            positions: vec![(id, p)],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CafeInfo;

    /// Keep both, on any idea of the example: theirs reads as a sibling of ours (its edge used
    /// to run behind a neighbour of ours when the spot below ours was taken).
    #[test]
    fn theirs_kept_beside_ours_is_drawn_as_a_sibling_of_ours() {
        let example = crate::render::agreement::example();
        for (ti, table) in example.tables.iter().enumerate() {
            let ideas: Vec<NodeId> = table
                .nodes()
                .filter(|n| n.kind == NodeKind::Idea)
                .map(|n| n.id)
                .collect();
            for ours in ideas {
                let mut cafe = example.clone();
                // A child under ours first, where theirs would otherwise go.
                let (child, _) = crate::edit::ops::add_child(&cafe, ti, Some(ours)).unwrap();
                crate::edit::apply(&mut cafe, child).unwrap();
                let text = cafe.tables[ti].node(ours).unwrap().text.clone();
                let theirs = "Réécrit par le partenaire";
                let edit = conflict_edit(&cafe, ours, &text, theirs, Choice::Both).unwrap();
                crate::edit::apply(&mut cafe, edit).unwrap();
                let copy = cafe.tables[ti]
                    .nodes()
                    .find(|n| n.text == theirs)
                    .unwrap()
                    .id;
                if let Err(e) = crate::render::agreement::drawn_clear(&cafe, ti, copy) {
                    panic!("theirs beside {text:?}: {e}");
                }
            }
        }
    }

    /// Keep both: theirs lands beside ours, overlapping no note, however tall ours is (it used
    /// to land a fixed 70 px below, on top of a note of four lines).
    #[test]
    fn theirs_kept_beside_ours_overlaps_no_note() {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Comment coopérer ?");
        let theme = cafe.alloc_id();
        t.insert(
            Node::new(theme, NodeKind::Theme, "Mobilité").at(Point::new(0.0, 200.0)),
            Some(t.question()),
        )
        .unwrap();
        let ours = cafe.alloc_id();
        let long = "Proposer des échanges en termes de formations et de renforcement des \
                    capacités en parallèle des projets d'investissement";
        t.insert(
            Node::new(ours, NodeKind::Idea, long).at(Point::new(0.0, 320.0)),
            Some(theme),
        )
        .unwrap();
        cafe.tables.push(t);
        let edit = conflict_edit(&cafe, ours, long, "Former les élus", Choice::Both).unwrap();
        crate::edit::apply(&mut cafe, edit).unwrap();
        let t = &cafe.tables[0];
        let copy = t.nodes().find(|n| n.text == "Former les élus").unwrap();
        assert_eq!(copy.tags, [CONFLICT_TAG]);
        let copy_box = place::rect_of(t, copy.id).unwrap();
        for n in t.nodes().filter(|n| n.id != copy.id) {
            let other = place::rect_of(t, n.id).unwrap();
            assert!(
                !copy_box.intersects(&other),
                "theirs {copy_box:?} overlaps {:?} {other:?}",
                n.text
            );
        }
    }
}
