//! Document operations built from edits: what an editing command (paste, merge, drop, add a
//! child…) does, as [`Edit`]s computed from the current state. No egui here: the window calls
//! them after each frame's UI pass and tests run them headless.

use crate::edit::{Edit, Placed};
use crate::geom::{Point, Rect};
use crate::layout::place::{Placer, free_spot};
use crate::model::{Cafe, Node, NodeId, NodeKind, NoteColor, Paper, Table, Votes};
use crate::text::{indent, layout_node_text};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The kind a new node takes under `parent`.
fn child_kind(table: &Table, parent: Option<NodeId>) -> NodeKind {
    match parent.and_then(|p| table.node(p)).map(|n| n.kind) {
        Some(NodeKind::Question) => NodeKind::Theme,
        _ => NodeKind::Idea,
    }
}

/// A palette colour no sibling theme uses yet (cycling when all are taken).
fn fresh_theme_color(table: &Table) -> NoteColor {
    let used: Vec<NoteColor> = table
        .themes()
        .iter()
        .filter_map(|t| table.effective_color(*t))
        .collect();
    let paper = Paper::ALL
        .iter()
        .copied()
        .find(|p| *p != Paper::Grey && !used.contains(&NoteColor::Palette(*p)))
        .unwrap_or_else(|| Paper::nth(used.len()));
    NoteColor::Palette(paper)
}

/// A new empty node under `parent` (`None`: unsorted), placed where it overlaps nothing.
pub fn add_child(cafe: &Cafe, table: usize, parent: Option<NodeId>) -> Option<(Edit, NodeId)> {
    let t = cafe.tables.get(table)?;
    let kind = child_kind(t, parent);
    let pos = free_spot(t, parent, layout_node_text(kind, "").size);
    let color = (kind == NodeKind::Theme).then(|| fresh_theme_color(t));
    let id = cafe.alloc_id();
    let node = Node::new(id, kind, "").at(pos).with_color(color);
    Some((
        Edit::InsertNodes {
            table,
            nodes: vec![Placed { node, parent }],
            links: vec![],
        },
        id,
    ))
}

/// A new empty node beside `of` (same parent). The question has no siblings: a theme is added.
pub fn add_sibling(cafe: &Cafe, table: usize, of: NodeId) -> Option<(Edit, NodeId)> {
    let t = cafe.tables.get(table)?;
    let parent = if of == t.question() {
        Some(of)
    } else {
        t.parent(of)
    };
    add_child(cafe, table, parent)
}

/// Deletes the selected nodes with their subtrees; the question stays.
pub fn delete(table_index: usize, table: &Table, selection: &BTreeSet<NodeId>) -> Option<Edit> {
    let roots: Vec<NodeId> = selection
        .iter()
        .copied()
        .filter(|&id| id != table.question() && table.contains(id))
        .collect();
    (!roots.is_empty()).then_some(Edit::RemoveSubtrees {
        table: table_index,
        roots,
    })
}

/// Recolours the selection; ideas set to their theme's colour go back to following it.
pub fn recolor(
    table_index: usize,
    table: &Table,
    selection: &BTreeSet<NodeId>,
    color: NoteColor,
) -> Option<Edit> {
    let edits: Vec<Edit> = selection
        .iter()
        .filter(|&&id| table.contains(id))
        .map(|&id| {
            let inherited = table.parent(id).and_then(|p| table.effective_color(p));
            let is_idea = table.node(id).is_some_and(|n| n.kind == NodeKind::Idea);
            let color = if is_idea && inherited == Some(color) {
                None
            } else {
                Some(color)
            };
            Edit::SetColor {
                table: table_index,
                id,
                color,
            }
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The selection as indented plain text (two spaces a level), for the system clipboard.
pub fn copy_outline(table: &Table, selection: &BTreeSet<NodeId>) -> String {
    let mut out = String::new();
    for root in selection_roots(table, selection) {
        write_outline(table, root, 0, &mut out);
    }
    out
}

fn write_outline(table: &Table, id: NodeId, depth: usize, out: &mut String) {
    let Some(node) = table.node(id) else { return };
    // A note's own line breaks would read as new notes: keep them as spaces.
    let text = node.text.replace(['\n', '\r'], " ");
    out.push_str(&"  ".repeat(depth));
    out.push_str(&text);
    out.push('\n');
    for c in crate::layout::order::reading_order(table, &table.children(id)) {
        write_outline(table, c, depth + 1, out);
    }
}

/// Branches copied inside CaféMap: their text for other programs, and the nodes themselves so a
/// paste back into CaféMap keeps colours, speaker notes and the notes' arrangement.
#[derive(Clone, Debug)]
pub struct Clip {
    pub text: String,
    /// Each node with the index of its parent in this list (`None`: a copied root).
    nodes: Vec<(Node, Option<usize>)>,
}

impl Clip {
    pub fn copy(table: &Table, selection: &BTreeSet<NodeId>) -> Clip {
        let mut nodes = Vec::new();
        for root in selection_roots(table, selection) {
            let mut index = std::collections::HashMap::new();
            for id in table.subtree(root) {
                let Some(node) = table.node(id) else { continue };
                let parent = if id == root {
                    None
                } else {
                    table.parent(id).and_then(|p| index.get(&p).copied())
                };
                index.insert(id, nodes.len());
                let mut node = node.clone();
                // A copy pasted at another table still says where the idea was written.
                if node.kind == NodeKind::Idea && node.origin.table.is_none() {
                    node.origin.table = Some(table.question());
                }
                nodes.push((node, parent));
            }
        }
        Clip {
            text: copy_outline(table, selection),
            nodes,
        }
    }

    /// Whether `text` (from the system clipboard) is what this clip put there.
    pub fn matches(&self, text: &str) -> bool {
        text.replace("\r\n", "\n").trim_end() == self.text.trim_end()
    }

    /// The copied branches under `parent` (`None`: unsorted) with fresh ids, each set down in a
    /// free spot with its notes around it as they were. Returns the edit and the new roots.
    pub fn paste(
        &self,
        cafe: &Cafe,
        table: usize,
        parent: Option<NodeId>,
    ) -> Option<(Edit, Vec<NodeId>)> {
        let mut preview = cafe.tables.get(table)?.clone();
        let mut placer = Placer::new(&preview);
        let top_kind = child_kind(&preview, parent);
        let mut placed: Vec<Placed> = Vec::new();
        let mut new_ids: Vec<NodeId> = Vec::new();
        let mut shift = Point::ZERO;
        let mut top = Vec::new();
        for (node, up) in &self.nodes {
            let id = cafe.alloc_id();
            let (kind, new_parent) = match up {
                None => (top_kind, parent),
                Some(i) => (NodeKind::Idea, new_ids.get(*i).copied()),
            };
            let size = layout_node_text(kind, &node.text).size;
            if up.is_none() {
                shift = placer.spot(&preview, parent, size) - node.pos;
                top.push(id);
            } else {
                // The notes under a copied root come along as they were arranged.
                placer.add(Rect::from_center_size(node.pos + shift, size));
            }
            let mut copy = node.clone();
            copy.id = id;
            copy.kind = kind;
            copy.pos = node.pos + shift;
            if kind == NodeKind::Theme && copy.color.is_none() {
                copy.color = Some(fresh_theme_color(&preview));
            }
            if preview.insert(copy.clone(), new_parent).is_err() {
                return None;
            }
            new_ids.push(id);
            placed.push(Placed {
                node: copy,
                parent: new_parent,
            });
        }
        inserted(table, placed, top)
    }
}

/// The edit inserting `placed` (nothing when it is empty), with the ids of the top notes.
fn inserted(table: usize, placed: Vec<Placed>, top: Vec<NodeId>) -> Option<(Edit, Vec<NodeId>)> {
    (!placed.is_empty()).then_some((
        Edit::InsertNodes {
            table,
            nodes: placed,
            links: vec![],
        },
        top,
    ))
}

/// Selected nodes that are not inside another selected node's subtree.
pub fn selection_roots(table: &Table, selection: &BTreeSet<NodeId>) -> Vec<NodeId> {
    selection
        .iter()
        .copied()
        .filter(|&id| table.contains(id))
        .filter(|&id| {
            let mut cur = table.parent(id);
            while let Some(p) = cur {
                if selection.contains(&p) {
                    return false;
                }
                cur = table.parent(p);
            }
            true
        })
        .collect()
}

/// Pasted text as new nodes under `parent` (`None`: the unsorted tray), one undo step. Indented
/// text becomes a tree, read by [`indent::outline`] as plain-text import reads it; flat lines
/// become sibling ideas. Lines nested deeper than [`indent::MAX_DEPTH`] join the deepest level.
/// Returns the edit and the top-level ids.
pub fn paste_text(
    cafe: &Cafe,
    table: usize,
    parent: Option<NodeId>,
    text: &str,
) -> Option<(Edit, Vec<NodeId>)> {
    let lines = indent::outline(text);
    if lines.is_empty() {
        return None;
    }
    let t = cafe.tables.get(table)?.clone();
    let mut placed: Vec<Placed> = Vec::new();
    let mut top = Vec::new();
    // stack[d] = the node most recently added at depth d.
    let mut stack: Vec<NodeId> = Vec::new();
    let mut preview = t.clone();
    // Every box of the table is wrapped once for the whole paste, not once per line.
    let mut placer = Placer::new(&preview);
    for line in lines {
        let depth = line.depth.min(stack.len()).min(indent::MAX_DEPTH - 1);
        let line = line.text;
        stack.truncate(depth);
        let p = stack.last().copied().or(parent);
        let kind = match p {
            Some(pid) if placed.iter().any(|x| x.node.id == pid) => placed
                .iter()
                .find(|x| x.node.id == pid)
                .map_or(NodeKind::Idea, |x| match x.node.kind {
                    NodeKind::Question => NodeKind::Theme,
                    _ => NodeKind::Idea,
                }),
            _ => child_kind(&t, p),
        };
        let id = cafe.alloc_id();
        let size = layout_node_text(kind, line).size;
        // Under the sibling pasted just before, so the notes read in the pasted order.
        let previous = placed
            .iter()
            .rev()
            .find(|x| x.parent == p)
            .map(|x| x.node.id);
        let pos = match previous.and_then(|prev| preview.node(prev)) {
            Some(prev) => {
                let prev_rect =
                    Rect::from_center_size(prev.pos, layout_node_text(prev.kind, &prev.text).size);
                placer.spot_below(prev_rect, size)
            }
            None => placer.spot(&preview, p, size),
        };
        let color = (kind == NodeKind::Theme).then(|| fresh_theme_color(&preview));
        let node = Node::new(id, kind, line).at(pos).with_color(color);
        // The preview table lets each new note find a free spot among the ones before it.
        if preview.insert(node.clone(), p).is_err() {
            continue;
        }
        if depth == 0 {
            top.push(id);
        }
        placed.push(Placed { node, parent: p });
        stack.push(id);
    }
    if placed.is_empty() {
        return None;
    }
    let room = take_places_in_branch(&preview, parent, &mut placed);
    let insert = Edit::InsertNodes {
        table,
        nodes: placed,
        links: vec![],
    };
    let edit = match moves(table, &t, room) {
        Some(room) => Edit::Batch(vec![insert, room]),
        None => insert,
    };
    Some((edit, top))
}

/// Copies of the selected branches next to the originals, one undo step.
pub fn duplicate(
    cafe: &Cafe,
    table: usize,
    selection: &BTreeSet<NodeId>,
) -> Option<(Edit, Vec<NodeId>)> {
    let t = cafe.tables.get(table)?.clone();
    let roots: Vec<NodeId> = selection_roots(&t, selection)
        .into_iter()
        .filter(|&r| r != t.question())
        .collect();
    let offset = Point::new(24.0, 24.0);
    let mut placed = Vec::new();
    let mut top = Vec::new();
    for root in roots {
        let mut map = std::collections::HashMap::new();
        for old in t.subtree(root) {
            let Some(node) = t.node(old) else { continue };
            let id = cafe.alloc_id();
            map.insert(old, id);
            let parent = if old == root {
                t.parent(old)
            } else {
                t.parent(old).and_then(|p| map.get(&p).copied())
            };
            let mut copy = node.clone();
            copy.id = id;
            copy.pos = node.pos + offset;
            if old == root {
                top.push(id);
            }
            placed.push(Placed { node: copy, parent });
        }
    }
    inserted(table, placed, top)
}

/// Joins the selected notes into the first of them in reading order — a sticky note typed up in
/// pieces comes back whole (with a space, or none after a word broken by a hyphen). Nothing of
/// the others is lost: their votes add up, their speaker notes are joined (one paragraph each),
/// their tags are united, the pieces are remembered in order (`merged_from`), their sub-notes move under the merged note and their cross-links now
/// start from it. One undo step; `None` for fewer than two ideas. Returns the edit and the note
/// that remains.
pub fn merge(
    table_index: usize,
    table: &Table,
    selection: &BTreeSet<NodeId>,
) -> Option<(Edit, NodeId)> {
    let ideas: Vec<NodeId> = selection
        .iter()
        .copied()
        .filter(|&id| table.node(id).is_some_and(|n| n.kind == NodeKind::Idea))
        .collect();
    let ordered = crate::layout::order::reading_order(table, &ideas);
    let (&first, rest) = ordered.split_first()?;
    // A note above the first one in the tree stays (removing it would take the first along).
    let rest: Vec<NodeId> = rest
        .iter()
        .copied()
        .filter(|&r| !table.is_ancestor_or_self(r, first))
        .collect();
    if rest.is_empty() {
        return None;
    }
    let mut merged = Merged::of(table.node(first)?);
    let mut edits = Vec::new();
    for &other in &rest {
        let Some(node) = table.node(other) else {
            continue;
        };
        merged.absorb(node);
        // The children of a merged note move to the kept one.
        edits.extend(
            table
                .children(other)
                .into_iter()
                .filter(|child| !rest.contains(child))
                .map(|child| Edit::Reparent {
                    table: table_index,
                    id: child,
                    parent: Some(first),
                }),
        );
    }
    let linked = links_to_carry(table, first, &rest);
    edits.extend(merged.edits(table_index, first));
    edits.push(Edit::RemoveSubtrees {
        table: table_index,
        roots: rest,
    });
    // After the removal, which takes the old links with it.
    edits.extend(linked.into_iter().map(|to| Edit::AddLink {
        table: table_index,
        from: first,
        to,
    }));
    Some((Edit::Batch(edits), first))
}

/// What the note a merge keeps ends up holding: the texts joined, the votes added, the
/// comments and tags gathered.
struct Merged {
    text: String,
    /// Each note's own pieces, or the note itself (so that a merge can be split again).
    pieces: Vec<String>,
    votes: Votes,
    note: String,
    tags: Vec<String>,
    /// An action keeps its owner and due date; the first note that has one gives it.
    owner: String,
    due: String,
}

impl Merged {
    fn of(kept: &Node) -> Merged {
        Merged {
            text: kept.text.clone(),
            pieces: Self::pieces_of(kept),
            votes: kept.votes,
            note: kept.note.clone(),
            tags: kept.tags.clone(),
            owner: kept.owner.clone(),
            due: kept.due.clone(),
        }
    }

    fn pieces_of(n: &Node) -> Vec<String> {
        if n.merged_from.is_empty() {
            vec![n.text.clone()]
        } else {
            n.merged_from.clone()
        }
    }

    fn absorb(&mut self, node: &Node) {
        crate::text::join_line(&mut self.text, &node.text);
        self.pieces.extend(Self::pieces_of(node));
        self.votes = self.votes.plus(node.votes);
        if !node.note.trim().is_empty() {
            if !self.note.trim().is_empty() {
                self.note.push_str("\n\n");
            }
            self.note.push_str(&node.note);
        }
        for tag in &node.tags {
            if !self.tags.contains(tag) {
                self.tags.push(tag.clone());
            }
        }
        if self.owner.trim().is_empty() {
            self.owner.clone_from(&node.owner);
        }
        if self.due.trim().is_empty() {
            self.due.clone_from(&node.due);
        }
    }

    /// The edits that give note `id` of table `table` all of it.
    fn edits(self, table: usize, id: NodeId) -> [Edit; 6] {
        [
            Edit::SetText {
                table,
                id,
                text: self.text,
            },
            Edit::SetVotes {
                table,
                id,
                votes: self.votes,
            },
            Edit::SetNote {
                table,
                id,
                note: self.note,
            },
            Edit::SetTags {
                table,
                id,
                tags: self.tags,
            },
            Edit::SetMergedFrom {
                table,
                id,
                pieces: self.pieces,
            },
            Edit::SetAction {
                table,
                id,
                owner: self.owner,
                due: self.due,
            },
        ]
    }
}

/// The notes linked to a merged-away note that the kept note `first` must now link to: not
/// itself, not another merged note, not one it links to already, each once.
fn links_to_carry(table: &Table, first: NodeId, rest: &[NodeId]) -> Vec<NodeId> {
    let links = table.links();
    let mut linked: Vec<NodeId> = Vec::new();
    for &other in rest {
        if table.node(other).is_none() {
            continue;
        }
        for &(a, b) in &links {
            let far = match (a == other, b == other) {
                (true, false) => b,
                (false, true) => a,
                _ => continue,
            };
            let already = links
                .iter()
                .any(|&(x, y)| (x, y) == (first, far) || (x, y) == (far, first));
            if far != first && !rest.contains(&far) && !already && !linked.contains(&far) {
                linked.push(far);
            }
        }
    }
    linked
}

/// Splits a note into several: the first part stays in the note (with its votes, notes, tags
/// and sub-notes), each other part becomes a new node of the same kind and colour under the same
/// parent, placed below it. For a note the importer glued together. One undo step; `None` when
/// fewer than two parts are not blank. Returns the edit and every resulting node, in order.
pub fn split(
    cafe: &Cafe,
    table_index: usize,
    id: NodeId,
    parts: &[String],
) -> Option<(Edit, Vec<NodeId>)> {
    let table = cafe.tables.get(table_index)?;
    let node = table.node(id)?;
    if node.kind == NodeKind::Question {
        return None;
    }
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let (first, rest) = parts.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let parent = table.parent(id);
    // Each new note is placed below the one before it, on a scratch copy of the table so that
    // they do not land on each other.
    let mut scratch = table.clone();
    let mut first_node = node.clone();
    first_node.text = (*first).to_owned();
    if let Some(n) = scratch.node_mut(id) {
        n.text = first_node.text.clone();
    }
    let mut above = crate::layout::place::rect_of(&scratch, id)?;
    let mut placer = Placer::new(&scratch);
    let mut placed = Vec::new();
    let mut ids = vec![id];
    for part in rest {
        let new_id = cafe.alloc_id();
        let size = layout_node_text(node.kind, part).size;
        let pos = placer.spot_below(above, size);
        let new = Node::new(new_id, node.kind, *part)
            .at(pos)
            .with_color(node.color);
        if scratch.insert(new.clone(), parent).is_err() {
            return None;
        }
        above = Rect::from_center_size(pos, size);
        placed.push(Placed { node: new, parent });
        ids.push(new_id);
    }
    let room = take_places_in_branch(&scratch, parent, &mut placed);
    let mut edits = vec![
        Edit::SetText {
            table: table_index,
            id,
            text: first_node.text,
        },
        Edit::InsertNodes {
            table: table_index,
            nodes: placed,
            links: vec![],
        },
    ];
    edits.extend(moves(table_index, table, room));
    // Once split, the note is no longer the join it records.
    if !node.merged_from.is_empty() {
        edits.push(Edit::SetMergedFrom {
            table: table_index,
            id,
            pieces: Vec::new(),
        });
    }
    Some((Edit::Batch(edits), ids))
}

/// Where a note falls apart when Split is given no caret: back into the pieces it was joined
/// from (`merged_from`, by Merge or Tidy) while its text is still their join (spacing aside),
/// else at its line breaks or sentence ends ([`split_points`]).
pub fn split_parts(node: &Node) -> Vec<String> {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
    };
    if node.merged_from.len() > 1 && letters(&node.merged_from.concat()) == letters(&node.text) {
        return node.merged_from.clone();
    }
    split_points(&node.text)
}

/// Where a note glued together from several falls apart: at its line breaks, else after each
/// sentence (`.`, `!`, `?` or `…` followed by a space and a capital letter, a digit or a
/// quotation mark). "M. Dupont" stays whole: a single capital before the full stop is an
/// initial or an abbreviation, not the end of a sentence.
pub fn split_points(text: &str) -> Vec<String> {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > 1 {
        return lines;
    }
    let chars: Vec<char> = text.trim().chars().collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends_sentence = matches!(c, '.' | '!' | '?' | '…');
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let before = |back: usize| i.checked_sub(back).and_then(|j| chars.get(j)).copied();
        let initial = c == '.'
            && before(1).is_some_and(char::is_uppercase)
            && !before(2).is_some_and(char::is_alphanumeric);
        let starts_next = after.is_some_and(|a| a.is_uppercase() || a.is_numeric() || a == '«');
        if ends_sentence && !initial && next.is_some_and(char::is_whitespace) && starts_next {
            parts.push(std::mem::take(&mut current).trim().to_owned());
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_owned());
    }
    parts
}

/// Links the two selected notes with a dashed cross-link ("see also"), or removes the link they
/// already have. `None` unless exactly two nodes are selected.
pub fn toggle_link(
    table_index: usize,
    table: &Table,
    selection: &BTreeSet<NodeId>,
) -> Option<Edit> {
    let [a, b] = selection.iter().copied().collect::<Vec<_>>()[..] else {
        return None;
    };
    let links = table.links();
    Some(if links.contains(&(a, b)) {
        Edit::RemoveLink {
            table: table_index,
            from: a,
            to: b,
        }
    } else if links.contains(&(b, a)) {
        Edit::RemoveLink {
            table: table_index,
            from: b,
            to: a,
        }
    } else {
        Edit::AddLink {
            table: table_index,
            from: a,
            to: b,
        }
    })
}

/// Where dragged nodes were dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropTarget {
    /// On another node: the dragged branches hang under it.
    Node(NodeId),
    /// Into the unsorted tray: the dragged ideas are detached.
    Tray,
}

/// Nodes that move when `roots` are dragged: their whole subtrees (the question carries its table).
pub fn moving_set(table: &Table, roots: &[NodeId]) -> Vec<NodeId> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &r in roots {
        for id in table.subtree(r) {
            if seen.insert(id) {
                out.push(id);
            }
        }
    }
    out
}

/// Whether `target` may receive the dragged `roots` (not one of them, nor inside them).
pub fn can_drop_on(table: &Table, roots: &[NodeId], target: DropTarget) -> bool {
    match target {
        DropTarget::Tray => roots.iter().all(|&r| r != table.question()),
        DropTarget::Node(t) => {
            table.contains(t)
                && roots.iter().all(|&r| {
                    r != table.question()
                        && !table.is_ancestor_or_self(r, t)
                        && table.parent(r) != Some(t)
                })
        }
    }
}

/// The edit for a finished drag: everything moved by `delta`, then re-parented if dropped on a
/// node or into the tray. A branch dropped on a node is set down in a free spot rather than on
/// top of it: in its new sibling row, by the sibling nearest to where it was dropped (beside the
/// parent when it has no children yet), and inside `view` (the part of the map on screen) when
/// there is room there, so it never lands out of sight. One undo step.
pub fn drop_nodes(
    table_index: usize,
    table: &Table,
    roots: &[NodeId],
    delta: Point,
    target: Option<DropTarget>,
    view: Option<Rect>,
) -> Option<Edit> {
    let target = target.filter(|t| can_drop_on(table, roots, *t));
    let mut preview = table.clone();
    let mut positions = Vec::new();
    for &r in roots {
        let Some(root) = table.node(r) else { continue };
        let shift = match target {
            Some(DropTarget::Node(t)) => {
                let size = layout_node_text(root.kind, &root.text).size;
                // Look for room as if the branch had already left its old place.
                let mut without = preview.clone();
                for id in table.subtree(r).into_iter().rev() {
                    let _ = without.remove(id);
                }
                landing(&without, t, root.pos + delta, size, view) - root.pos
            }
            _ => delta,
        };
        for id in table.subtree(r) {
            if let Some(n) = preview.node_mut(id) {
                n.pos += shift;
                positions.push((id, n.pos));
            }
        }
    }
    let mut edits = Vec::new();
    let parent_edits = target.map(|target| {
        let new_parent = match target {
            DropTarget::Tray => None,
            DropTarget::Node(t) => Some(t),
        };
        reparent_edits(table_index, table, roots, new_parent)
    });
    // Dropped on a note, the branch takes its place in that note's arrangement (as Arrange
    // would set it, its new siblings making room) when that place is on screen; else it stays
    // at the free spot found above, in sight.
    if let (Some(DropTarget::Node(t)), Some(re)) = (target, &parent_edits) {
        for e in re {
            apply_to_table(&mut preview, e);
        }
        let arranged = crate::layout::arrange_subtrees(&preview, &[t]);
        let sizes = |id: NodeId| {
            preview
                .node(id)
                .map(|n| layout_node_text(n.kind, &n.text).size)
        };
        let in_view = |id: NodeId, at: Point| {
            view.is_none_or(|v| {
                sizes(id).is_some_and(|s| {
                    let r = Rect::from_center_size(at, s);
                    v.contains(r.min) && v.contains(r.max)
                })
            })
        };
        let seen = arranged
            .iter()
            .filter(|(id, _)| roots.contains(id))
            .all(|&(id, at)| in_view(id, at));
        if seen {
            let mut all: Vec<(NodeId, Point)> = positions
                .into_iter()
                .filter(|(id, _)| !arranged.iter().any(|(a, _)| a == id))
                .collect();
            all.extend(arranged);
            positions = all;
        }
    }
    if !positions.is_empty() && (delta != Point::ZERO || target.is_some()) {
        edits.push(Edit::MoveTo {
            table: table_index,
            positions,
        });
    }
    edits.extend(parent_edits.into_iter().flatten());
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The edits that hang `roots` under `new_parent` (`None`: the tray). A theme hung under another
/// node, or sent to the tray, becomes an idea; an idea dropped on the question stays an idea
/// hanging directly off it.
fn reparent_edits(
    table_index: usize,
    table: &Table,
    roots: &[NodeId],
    new_parent: Option<NodeId>,
) -> Vec<Edit> {
    let parent_kind = new_parent.and_then(|p| table.node(p)).map(|n| n.kind);
    let mut edits = Vec::new();
    for &r in roots {
        let Some(kind) = table.node(r).map(|n| n.kind) else {
            continue;
        };
        if kind == NodeKind::Theme && parent_kind != Some(NodeKind::Question) {
            edits.push(Edit::SetKind {
                table: table_index,
                id: r,
                kind: NodeKind::Idea,
            });
        }
        edits.push(Edit::Reparent {
            table: table_index,
            id: r,
            parent: new_parent,
        });
    }
    edits
}

/// Where the outline drops rows: under a node, beside a sibling (in reading order), or in the tray.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Into(NodeId),
    Before(NodeId),
    After(NodeId),
    Tray,
}

/// The edit for rows dragged in the outline: the same re-parenting as a drop on the canvas
/// ([`drop_nodes`]); dropped beside a sibling, the branches also take their place in the order.
/// Among the question's children the order is the presentation order (`theme_order`); below, it
/// is the reading order on the map, so the parent's branch is arranged with them in it. One
/// undo step; `None` when the drop changes nothing or is not allowed.
pub fn drop_in_outline(
    table_index: usize,
    table: &Table,
    roots: &[NodeId],
    slot: Slot,
) -> Option<Edit> {
    // The outline has no positions: a drop onto a note or the tray lands where the map would put it.
    let drop_on = |roots: &[NodeId], target| {
        drop_nodes(table_index, table, roots, Point::ZERO, Some(target), None)
    };
    let (beside, after) = match slot {
        Slot::Into(t) => return drop_on(roots, DropTarget::Node(t)),
        Slot::Tray => return drop_on(roots, DropTarget::Tray),
        Slot::Before(s) => (s, false),
        Slot::After(s) => (s, true),
    };
    let moving: HashSet<NodeId> = moving_set(table, roots).into_iter().collect();
    if moving.contains(&beside) || roots.contains(&table.question()) {
        return None;
    }
    let Some(parent) = table.parent(beside) else {
        return drop_on(roots, DropTarget::Tray);
    };
    let newcomers: Vec<NodeId> = roots
        .iter()
        .copied()
        .filter(|&r| table.parent(r) != Some(parent))
        .collect();
    let mut edits = Vec::new();
    let mut preview = table.clone();
    if !newcomers.is_empty() {
        let e = drop_on(&newcomers, DropTarget::Node(parent))?;
        apply_to_table(&mut preview, &e);
        edits.push(e);
    }
    if parent == table.question() {
        let mut order: Vec<NodeId> = crate::layout::order::branch_order(&preview)
            .into_iter()
            .filter(|id| !roots.contains(id))
            .collect();
        let at = order.iter().position(|&id| id == beside)? + usize::from(after);
        for (k, &r) in roots.iter().enumerate() {
            order.insert(at + k, r);
        }
        edits.push(Edit::SetThemeOrder {
            table: table_index,
            order,
        });
    } else {
        let targets = placed_beside(preview, roots, parent, beside, after)?;
        edits.extend(moves(table_index, table, targets));
    }
    let edit = Edit::Batch(edits);
    (!edit.is_noop()).then_some(edit)
}

/// Where the parent's branch goes when `roots` (already children of `parent` in `preview`) go
/// just before or after their sibling `beside`: each is set next to it in its row, then the
/// parent's branch is arranged, which keeps the reading order.
fn placed_beside(
    mut preview: Table,
    roots: &[NodeId],
    parent: NodeId,
    beside: NodeId,
    after: bool,
) -> Option<Vec<(NodeId, Point)>> {
    let anchor = preview.node(beside)?.pos;
    for (k, &r) in roots.iter().enumerate() {
        let side = if after { 0.5 } else { -0.5 };
        let to = Point::new(anchor.x + side + k as f32 * 0.01, anchor.y);
        let shift = to - preview.node(r)?.pos;
        for id in preview.subtree(r) {
            if let Some(n) = preview.node_mut(id) {
                n.pos += shift;
            }
        }
    }
    Some(crate::layout::arrange_subtrees(&preview, &[parent]))
}

/// Applies a drop's edits to a copy of its table (to plan what follows it), ignoring refusals:
/// the real edit is checked when it is applied to the document.
fn apply_to_table(table: &mut Table, edit: &Edit) {
    match edit {
        Edit::Batch(edits) => edits.iter().for_each(|e| apply_to_table(table, e)),
        Edit::MoveTo { positions, .. } => {
            for (id, p) in positions {
                if let Some(n) = table.node_mut(*id) {
                    n.pos = *p;
                }
            }
        }
        Edit::Reparent { id, parent, .. } => {
            let _ = table.set_parent(*id, *parent);
        }
        Edit::SetKind { id, kind, .. } => {
            let _ = table.set_kind(*id, *kind);
        }
        _ => {}
    }
}

/// Where a note of `size` dropped at `dropped_at` on `parent` lands (see [`drop_nodes`]).
fn landing(
    table: &Table,
    parent: NodeId,
    dropped_at: Point,
    size: crate::geom::Size,
    view: Option<Rect>,
) -> Point {
    let Some(parent_pos) = table.node(parent).map(|n| n.pos) else {
        return dropped_at;
    };
    let nearest_sibling = table
        .children(parent)
        .into_iter()
        .filter_map(|c| table.node(c).map(|n| n.pos))
        .min_by(|a, b| a.distance(dropped_at).total_cmp(&b.distance(dropped_at)));
    let anchor = nearest_sibling.unwrap_or_else(|| free_spot(table, Some(parent), size));
    let away = anchor - parent_pos;
    let dir = if away.length() > 1.0 {
        away * (1.0 / away.length())
    } else {
        Point::new(1.0, 0.0)
    };
    crate::layout::place::free_spot_near(table, anchor, dir, size, view)
}

/// Moves every node of the table (or only the selected branches) to its arranged place.
pub fn arrange(
    table_index: usize,
    table: &Table,
    selection: Option<&BTreeSet<NodeId>>,
) -> Option<Edit> {
    let targets = match selection {
        Some(sel) if !sel.is_empty() => {
            crate::layout::arrange_subtrees(table, &selection_roots(table, sel))
        }
        _ => crate::layout::arrange_table(table),
    };
    moves(table_index, table, targets)
}

/// The edit moving the nodes of `table` whose target is not where they are already; `None` when
/// none moves.
/// Under a theme (or a note), new notes take their places in its arrangement, as Arrange would
/// set them, rather than wherever "below" falls: a column that ran past the theme's other
/// notes sent its edges behind them. `preview` holds the new notes (`placed`, whose positions
/// are set here); returns where the notes already there go to make room.
fn take_places_in_branch(
    preview: &Table,
    parent: Option<NodeId>,
    placed: &mut [Placed],
) -> Vec<(NodeId, Point)> {
    let mut room = Vec::new();
    if let Some(p) = parent.filter(|&p| p != preview.question()) {
        let new: HashMap<NodeId, usize> = placed
            .iter()
            .enumerate()
            .map(|(i, pl)| (pl.node.id, i))
            .collect();
        for (moved, at) in crate::layout::arrange_subtrees(preview, &[p]) {
            match new.get(&moved) {
                Some(&i) => placed[i].node.pos = at,
                None => room.push((moved, at)),
            }
        }
    }
    room
}

pub(crate) fn moves(
    table_index: usize,
    table: &Table,
    targets: Vec<(NodeId, Point)>,
) -> Option<Edit> {
    let positions: Vec<(NodeId, Point)> = targets
        .into_iter()
        .filter(|(id, p)| table.node(*id).is_some_and(|n| n.pos.distance(*p) > 0.01))
        .collect();
    (!positions.is_empty()).then_some(Edit::MoveTo {
        table: table_index,
        positions,
    })
}

/// The node nearest to `from` in a direction (unit vector, screen-like: y grows downwards),
/// among those not in `skip` (what folds hide).
pub fn nearest_in_direction(
    table: &Table,
    from: NodeId,
    dir: Point,
    skip: &HashSet<NodeId>,
) -> Option<NodeId> {
    let origin = table.node(from)?.pos;
    table
        .nodes()
        .filter(|n| n.id != from && !skip.contains(&n.id))
        .filter_map(|n| {
            let v = n.pos - origin;
            let along = v.x * dir.x + v.y * dir.y;
            if along <= 1.0 {
                return None;
            }
            let across = (v.x * dir.y - v.y * dir.x).abs();
            Some((n.id, along + 2.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CafeInfo;

    /// Pastes `text` into table 0 under `parent`: the notes it made at the top.
    /// The test café with `text` pasted under its first question, or loose.
    fn pasted(under_question: bool, text: &str) -> (Cafe, Vec<NodeId>) {
        let mut cafe = cafe();
        let parent = under_question.then(|| cafe.tables[0].question());
        let top = paste(&mut cafe, parent, text);
        (cafe, top)
    }

    fn paste(cafe: &mut Cafe, parent: Option<NodeId>, text: &str) -> Vec<NodeId> {
        let (edit, top) = paste_text(cafe, 0, parent, text).unwrap();
        crate::edit::apply(cafe, edit).unwrap();
        top
    }

    fn cafe() -> Cafe {
        let mut cafe = Cafe::new(CafeInfo::default());
        let t = cafe.new_table("Question ?");
        cafe.tables.push(t);
        cafe
    }

    #[test]
    fn paste_under_question_makes_themes_and_ideas() {
        let (cafe, top) = pasted(true, "Thème A\n  idée 1\n  idée 2\nThème B");
        let t = &cafe.tables[0];
        assert_eq!(top.len(), 2);
        assert_eq!(t.themes().len(), 2);
        assert_eq!(t.children(top[0]).len(), 2);
        assert_ne!(
            t.effective_color(top[0]),
            t.effective_color(top[1]),
            "themes get distinct colours"
        );
    }

    #[test]
    fn lines_pasted_on_a_theme_take_their_places_in_its_arrangement_in_the_pasted_order() {
        // Before, they went in a column below the first wherever it fell: on the example's
        // "Maintien du lien", past its row of ideas, one edge running behind another's note.
        let mut cafe = crate::render::agreement::example();
        let theme = cafe.tables[0].themes()[1];
        let before = cafe.tables[0].children(theme).len();
        let top = paste(&mut cafe, Some(theme), "Un\nDeux\nTrois");
        let t = &cafe.tables[0];
        assert_eq!(t.children(theme).len(), before + 3);
        let unmoved = crate::layout::arrange_subtrees(t, &[theme])
            .into_iter()
            .all(|(id, at)| t.node(id).is_some_and(|n| n.pos.distance(at) < 0.5));
        assert!(unmoved, "Arrange would move nothing after the paste");
        for id in t.children(theme) {
            assert!(clear_of_all(t, id), "{id:?} overlaps another note");
        }
        let order = crate::layout::order::reading_order(t, &t.children(theme));
        let pasted: Vec<NodeId> = order.into_iter().filter(|id| top.contains(id)).collect();
        assert_eq!(pasted, top, "read in the order pasted");
    }

    #[test]
    fn copy_then_paste_round_trips_the_branch() {
        let (cafe, top) = pasted(true, "A\n  a1\n    a11\n  a2");
        let text = copy_outline(&cafe.tables[0], &top.iter().copied().collect());
        let lines = indent::outline(&text);
        assert_eq!(
            lines.iter().map(|l| l.depth).collect::<Vec<_>>(),
            vec![0, 1, 2, 1]
        );
    }

    #[test]
    fn merging_fragments_gives_one_note_in_reading_order() {
        let (mut cafe, top) = pasted(false, "Aller vers du mult-\nsecteurs et du\npluriacteurs");
        let t = &cafe.tables[0];
        let all: BTreeSet<NodeId> = top.iter().copied().collect();
        let (e, _) = merge(0, t, &all).unwrap();
        crate::edit::apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        assert_eq!(t.unsorted().len(), 1);
        let merged = t.node(t.unsorted()[0]).unwrap();
        assert_eq!(
            merged.text,
            "Aller vers du mult-secteurs et du pluriacteurs"
        );
        cafe.validate().unwrap();
    }

    #[test]
    fn merging_keeps_votes_speaker_notes_tags_and_links() {
        let (mut cafe, top) = pasted(
            false,
            "Appui sur les
ONG locales
Voir aussi",
        );
        let (a, b, far) = (top[0], top[1], top[2]);
        let set = |id, votes, note: &str, tags: &[&str]| {
            Edit::Batch(vec![
                Edit::SetVotes {
                    table: 0,
                    id,
                    votes: crate::model::Votes::single(votes),
                },
                Edit::SetNote {
                    table: 0,
                    id,
                    note: note.into(),
                },
                Edit::SetTags {
                    table: 0,
                    id,
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                },
            ])
        };
        crate::edit::apply(&mut cafe, set(a, 2, "dit par Awa", &["action"])).unwrap();
        crate::edit::apply(&mut cafe, set(b, 3, "table 2 aussi", &["action", "budget"])).unwrap();
        crate::edit::apply(
            &mut cafe,
            Edit::AddLink {
                table: 0,
                from: b,
                to: far,
            },
        )
        .unwrap();
        let (e, kept) = merge(0, &cafe.tables[0], &BTreeSet::from([a, b])).unwrap();
        crate::edit::apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        let merged = t.node(kept).unwrap();
        assert_eq!(merged.text, "Appui sur les ONG locales");
        assert_eq!(merged.votes.total(), 5, "votes add up");
        assert_eq!(merged.note, "dit par Awa\n\ntable 2 aussi");
        assert_eq!(merged.tags, ["action", "budget"]);
        assert_eq!(merged.merged_from, ["Appui sur les", "ONG locales"]);
        assert!(
            t.links().contains(&(kept, far)),
            "the link now starts at the merged note"
        );
        cafe.validate().unwrap();
    }

    #[test]
    fn a_merged_note_splits_back_into_its_pieces_while_its_text_is_their_join() {
        let mut node = Node::new(
            NodeId(1),
            NodeKind::Idea,
            "Appui sur les ONG locales, sur les centres",
        );
        node.merged_from = vec![
            "Appui sur les".into(),
            "ONG locales, sur".into(),
            "les centres".into(),
        ];
        assert_eq!(split_parts(&node), node.merged_from);
        // Edited since: the pieces would lose the edit, so the text's own breaks are used.
        node.text = "Appui sur les ONG. Et les centres".into();
        assert_eq!(split_parts(&node), ["Appui sur les ONG.", "Et les centres"]);
        // A hyphen joined away ("mult-" / "secteurs") still reads as the join.
        let mut word = Node::new(NodeId(2), NodeKind::Idea, "Aller vers du mult-secteurs");
        word.merged_from = vec!["Aller vers du mult-".into(), "secteurs".into()];
        assert_eq!(split_parts(&word).len(), 2);
    }

    #[test]
    fn split_points_are_line_breaks_else_sentence_ends() {
        assert_eq!(
            split_points("Une idée\nUne autre"),
            ["Une idée", "Une autre"]
        );
        assert_eq!(
            split_points("Le lien est important. Proposer des échanges ! M. Dupont viendra."),
            [
                "Le lien est important.",
                "Proposer des échanges !",
                "M. Dupont viendra."
            ]
        );
        assert_eq!(
            split_points("Une seule idée, entière."),
            ["Une seule idée, entière."]
        );
        assert_eq!(
            split_points("Coût : 3.5 millions. 2e tour"),
            ["Coût : 3.5 millions.", "2e tour"]
        );
    }

    #[test]
    fn splitting_keeps_the_first_part_and_places_the_rest_below() {
        let (mut cafe, top) = pasted(
            false,
            "Thème\n  Le lien est important Proposer des échanges",
        );
        let theme = top[0];
        let note = cafe.tables[0].children(theme)[0];
        let parts = [
            "Le lien est important".to_owned(),
            " Proposer des échanges".to_owned(),
        ];
        let (edit, ids) = split(&cafe, 0, note, &parts).unwrap();
        crate::edit::apply(&mut cafe, edit).unwrap();
        let t = &cafe.tables[0];
        assert_eq!(ids.len(), 2);
        assert_eq!(t.node(ids[0]).unwrap().text, "Le lien est important");
        assert_eq!(t.node(ids[1]).unwrap().text, "Proposer des échanges");
        assert_eq!(t.parent(ids[1]), Some(theme), "same parent");
        assert!(
            t.node(ids[1]).unwrap().pos.y > t.node(ids[0]).unwrap().pos.y,
            "below"
        );
        cafe.validate().unwrap();
        assert!(split(&cafe, 0, ids[0], &["seul".to_owned()]).is_none());
    }

    #[test]
    fn dropping_a_theme_on_a_theme_makes_it_an_idea() {
        let (mut cafe, top) = pasted(true, "A\n  a1\nB");
        let t = &cafe.tables[0];
        let e = drop_nodes(
            0,
            t,
            &[top[0]],
            Point::new(5.0, 5.0),
            Some(DropTarget::Node(top[1])),
            None,
        )
        .unwrap();
        crate::edit::apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        assert_eq!(t.parent(top[0]), Some(top[1]));
        assert_eq!(t.node(top[0]).unwrap().kind, NodeKind::Idea);
        cafe.validate().unwrap();
    }

    /// A table with theme A (three ideas) and an unsorted note, arranged as Arrange sets it.
    fn arranged_theme() -> (Cafe, NodeId, Vec<NodeId>) {
        let (mut cafe, top) = pasted(true, "A\n  a1\n  a2\n  a3");
        let ideas = cafe.tables[0].children(top[0]);
        crate::layout::arrange_cafe(&mut cafe);
        (cafe, top[0], ideas)
    }

    /// The note is clear of every other box of the table.
    fn clear_of_all(t: &Table, id: NodeId) -> bool {
        let rect = |n: NodeId| crate::layout::place::rect_of(t, n).unwrap();
        let r = rect(id);
        t.nodes()
            .filter(|n| n.id != id)
            .all(|n| !r.intersects(&rect(n.id)))
    }

    #[test]
    fn a_new_note_under_any_theme_or_question_of_the_example_is_drawn_clear_of_the_other_branches()
    {
        // Before, a new idea under a theme whose ideas stand in a row went between the theme and
        // the row, on the row's edges, or below one of them: it read as that note's parent or
        // child.
        let example = crate::render::agreement::example();
        for (ti, table) in example.tables.iter().enumerate() {
            let q = table.question();
            for parent in std::iter::once(q).chain(table.children(q)) {
                let mut cafe = example.clone();
                let (edit, id) = add_child(&cafe, ti, Some(parent)).unwrap();
                crate::edit::apply(&mut cafe, edit).unwrap();
                if let Err(e) = crate::render::agreement::drawn_clear(&cafe, ti, id) {
                    panic!("a new note under {parent:?}: {e}");
                }
            }
        }
    }

    #[test]
    fn a_note_dropped_on_a_theme_lands_in_its_column_clear_of_its_siblings() {
        let (mut cafe, theme, ideas) = arranged_theme();
        let loose = cafe.alloc_id();
        let t = &mut cafe.tables[0];
        t.insert(
            Node::new(loose, NodeKind::Idea, "Une idée de plus").at(Point::new(0.0, 600.0)),
            None,
        )
        .unwrap();
        let t = &cafe.tables[0];
        // Dropped a little beside the column, between two of its notes.
        let a2 = t.node(ideas[1]).unwrap().pos;
        let delta = Point::new(a2.x + 60.0, a2.y + 25.0) - t.node(loose).unwrap().pos;
        let e = drop_nodes(0, t, &[loose], delta, Some(DropTarget::Node(theme)), None).unwrap();
        crate::edit::apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        assert_eq!(t.parent(loose), Some(theme));
        let x = |id: NodeId| t.node(id).unwrap().pos.x;
        assert!(
            (x(loose) - x(ideas[0])).abs() < 1.0,
            "in the column: {} vs {}",
            x(loose),
            x(ideas[0])
        );
        for id in ideas.iter().copied().chain([loose]) {
            assert!(clear_of_all(t, id), "{id:?} overlaps another note");
        }
        cafe.validate().unwrap();
    }

    #[test]
    fn a_split_note_s_pieces_land_in_its_theme_s_column() {
        let (mut cafe, theme, ideas) = arranged_theme();
        let (edit, pieces) = split(
            &cafe,
            0,
            ideas[0],
            &["Première idée".into(), "Seconde idée".into()],
        )
        .unwrap();
        crate::edit::apply(&mut cafe, edit).unwrap();
        let t = &cafe.tables[0];
        let q = t.node(t.question()).unwrap().pos;
        let th = t.node(theme).unwrap().pos;
        let x = |id: NodeId| t.node(id).unwrap().pos.x;
        for &p in &pieces {
            assert_eq!(t.parent(p), Some(theme));
            assert!(
                (x(p) - th.x) * (th.x - q.x) > 0.0,
                "on the far side of the theme from the question"
            );
            assert!((x(p) - x(ideas[1])).abs() < 1.0, "in the column");
            assert!(clear_of_all(t, p), "{p:?} overlaps another note");
        }
        cafe.validate().unwrap();
    }
}
