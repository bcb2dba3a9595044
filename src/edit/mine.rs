//! Undo and redo once others edit the same café (a live session): take back only my own change.
//!
//! An undo step holds the edit I made (`forward`) and its inverse. Until others' changes come in,
//! the inverse is applied as it is. After, each part of it is first checked against the café as
//! it is now, and adjusted or left out:
//! - a text: my change is taken back as a 3-way merge (my after → my before, applied to the
//!   current text): only my span is reverted if it is still intact; if their change overlaps
//!   mine, theirs stays;
//! - votes are counts: my +1 is taken back as −1, whatever others did;
//! - a move, a re-parent or any other field is taken back only if it is still as I left it;
//! - an edit to a note someone deleted is left out;
//! - a note or table I added is taken back only if others hung nothing of theirs in it; a
//!   table is found by its question, a note by its id, wherever others' changes moved them.
//!
//! What was left out is reported as [`Kept`], for the status bar. Redo goes through the same
//! door: its `forward` is what the undo applied.

use super::{Edit, EditError, Placed, apply};
use crate::geom::Point;
use crate::model::{Cafe, MAX_DOT_KINDS, Node, NodeId, NodeKind, Votes};
use std::collections::{HashMap, HashSet};

/// Something an undo or redo left as others made it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kept {
    /// Their change to the note's text overlaps mine: their text stays.
    Text(NodeId),
    /// Someone deleted the note (or the place it hung): nothing to take back there.
    Deleted(NodeId),
    /// Someone moved, re-parented or otherwise changed it since: theirs stays.
    Changed(NodeId),
    /// The café's own details (title, dot kinds, synonyms), changed by someone since.
    Event,
}

/// Applies `inverse` (which takes back `forward`) as far as it still concerns my own change,
/// noting in `kept` what it left alone. Returns the edit that takes back what it applied, and
/// what it applied (the next step's `inverse` and `forward`). All or nothing on error.
pub fn apply_mine(
    cafe: &mut Cafe,
    inverse: Edit,
    forward: &Edit,
    kept: &mut Vec<Kept>,
) -> Result<(Edit, Edit), EditError> {
    match (inverse, forward) {
        // `apply` returns a batch's inverse in reverse order: part i undoes part n-1-i.
        (Edit::Batch(parts), Edit::Batch(made)) if parts.len() == made.len() => {
            let mut undo = Vec::with_capacity(parts.len());
            let mut done = Vec::with_capacity(parts.len());
            for (part, made) in parts.into_iter().zip(made.iter().rev()) {
                match apply_mine(cafe, part, made, kept) {
                    Ok((u, d)) => {
                        undo.push(u);
                        done.push(d);
                    }
                    Err(e) => {
                        for u in undo.into_iter().rev() {
                            let _ = apply(cafe, u);
                        }
                        return Err(e);
                    }
                }
            }
            undo.reverse();
            Ok((Edit::Batch(undo), Edit::Batch(done)))
        }
        (inverse, forward) => {
            let edit = adjust(cafe, inverse, forward, kept).unwrap_or(Edit::Batch(Vec::new()));
            let undo = apply(cafe, edit.clone())?;
            Ok((undo, edit))
        }
    }
}

/// The node a one-node edit changes.
fn node_of(edit: &Edit) -> Option<NodeId> {
    match edit {
        Edit::SetText { id, .. }
        | Edit::SetColor { id, .. }
        | Edit::SetNote { id, .. }
        | Edit::SetVotes { id, .. }
        | Edit::SetFolded { id, .. }
        | Edit::SetOrigin { id, .. }
        | Edit::SetAction { id, .. }
        | Edit::SetTags { id, .. }
        | Edit::SetMergedFrom { id, .. }
        | Edit::SetHidden { id, .. }
        | Edit::Reparent { id, .. }
        | Edit::SetKind { id, .. } => Some(*id),
        _ => None,
    }
}

/// The same one-node edit, addressed to the table that holds its node now (others may have
/// added, removed or reordered tables since).
fn on_table(mut edit: Edit, now: usize) -> Edit {
    match &mut edit {
        Edit::SetText { table, .. }
        | Edit::SetColor { table, .. }
        | Edit::SetNote { table, .. }
        | Edit::SetVotes { table, .. }
        | Edit::SetFolded { table, .. }
        | Edit::SetOrigin { table, .. }
        | Edit::SetAction { table, .. }
        | Edit::SetTags { table, .. }
        | Edit::SetMergedFrom { table, .. }
        | Edit::SetHidden { table, .. }
        | Edit::Reparent { table, .. }
        | Edit::SetKind { table, .. } => *table = now,
        _ => {}
    }
    edit
}

/// The part of `inverse` that takes back only my change, given the café now; `None` when
/// nothing of it is left to take back.
fn adjust(cafe: &Cafe, inverse: Edit, forward: &Edit, kept: &mut Vec<Kept>) -> Option<Edit> {
    if let Some(id) = node_of(&inverse) {
        let Some((table, node)) = cafe
            .table_of(id)
            .and_then(|t| Some((t, cafe.tables.get(t)?.node(id)?)))
        else {
            kept.push(Kept::Deleted(id));
            return None;
        };
        return one_node(cafe, table, node, on_table(inverse, table), forward, kept);
    }
    match inverse {
        Edit::MoveTo { positions, .. } => moves(cafe, positions, forward, kept),
        Edit::RemoveSubtrees { roots, .. } => removal(cafe, roots, forward, kept),
        Edit::InsertNodes {
            table,
            nodes,
            links,
        } => insertion(cafe, table, nodes, links, kept),
        Edit::AddLink { from, to, .. } | Edit::RemoveLink { from, to, .. } => {
            // A link to a note someone deleted went with it.
            let table = cafe
                .table_of(from)
                .filter(|&t| cafe.tables.get(t).is_some_and(|t| t.contains(to)))?;
            Some(match inverse {
                Edit::AddLink { .. } => Edit::AddLink { table, from, to },
                _ => Edit::RemoveLink { table, from, to },
            })
        }
        Edit::SetThemeOrder { table, order } => {
            let mine = match forward {
                Edit::SetThemeOrder { order, .. } => order,
                _ => return Some(Edit::SetThemeOrder { table, order }),
            };
            let t = cafe.tables.get(table)?;
            if t.theme_order == *mine {
                Some(Edit::SetThemeOrder { table, order })
            } else {
                kept.push(Kept::Changed(t.question()));
                None
            }
        }
        Edit::SetInfo { .. } | Edit::SetDotKinds { .. } | Edit::SetSynonyms { .. } => {
            let still = match forward {
                Edit::SetInfo { info } => cafe.info == *info,
                Edit::SetDotKinds { kinds } => cafe.dot_kinds == *kinds,
                Edit::SetSynonyms { groups } => cafe.synonyms == *groups,
                _ => true,
            };
            if still {
                Some(inverse)
            } else {
                kept.push(Kept::Event);
                None
            }
        }
        Edit::RemoveTable { index } => match forward {
            Edit::InsertTable { table, .. } => table_removal(cafe, table, kept),
            _ => Some(Edit::RemoveTable { index }),
        },
        Edit::InsertTable { index, table } => Some(Edit::InsertTable {
            index: index.min(cafe.tables.len()),
            table,
        }),
        // A table moved back by index: order only, nobody's words.
        other => Some(other),
    }
}

/// A one-node edit taken back on a node that is still there.
fn one_node(
    cafe: &Cafe,
    table: usize,
    node: &Node,
    inverse: Edit,
    forward: &Edit,
    kept: &mut Vec<Kept>,
) -> Option<Edit> {
    let id = node.id;
    match (inverse, forward) {
        (Edit::SetText { text: before, .. }, Edit::SetText { text: after, .. }) => {
            match revert_text(&before, after, &node.text) {
                Some(text) => Some(Edit::SetText { table, id, text }),
                None => {
                    kept.push(Kept::Text(id));
                    None
                }
            }
        }
        (Edit::SetVotes { votes: before, .. }, Edit::SetVotes { votes: after, .. }) => {
            Some(Edit::SetVotes {
                table,
                id,
                votes: minus(node.votes, *after, before),
            })
        }
        (Edit::Reparent { parent: before, .. }, Edit::Reparent { parent: after, .. }) => {
            let t = cafe.tables.get(table)?;
            if t.parent(id) != *after {
                kept.push(Kept::Changed(id));
                None
            } else if let Some(gone) = before.filter(|p| !t.contains(*p)) {
                kept.push(Kept::Deleted(gone));
                None
            } else {
                Some(Edit::Reparent {
                    table,
                    id,
                    parent: before,
                })
            }
        }
        (inverse, forward) => {
            if as_i_left_it(node, forward) {
                Some(inverse)
            } else {
                kept.push(Kept::Changed(id));
                None
            }
        }
    }
}

/// Whether the node's field still holds what `forward` put there.
fn as_i_left_it(node: &Node, forward: &Edit) -> bool {
    match forward {
        Edit::SetColor { color, .. } => node.color == *color,
        Edit::SetNote { note, .. } => node.note == *note,
        Edit::SetFolded { folded, .. } => node.folded == *folded,
        Edit::SetOrigin { origin, .. } => node.origin == *origin,
        Edit::SetAction { owner, due, .. } => node.owner == *owner && node.due == *due,
        Edit::SetTags { tags, .. } => node.tags == *tags,
        Edit::SetMergedFrom { pieces, .. } => node.merged_from == *pieces,
        Edit::SetHidden { hidden, .. } => node.hidden == *hidden,
        Edit::SetKind { kind, .. } => node.kind == *kind,
        _ => true,
    }
}

/// `now` without the dots I gave (`after` − `before`, kind by kind), never below zero.
fn minus(now: Votes, after: Votes, before: Votes) -> Votes {
    (0..MAX_DOT_KINDS).fold(now, |v, k| {
        v.adjusted(k, i64::from(before.of(k)) - i64::from(after.of(k)))
    })
}

/// My moves taken back, for the notes still where I put them.
fn moves(
    cafe: &Cafe,
    positions: Vec<(NodeId, Point)>,
    forward: &Edit,
    kept: &mut Vec<Kept>,
) -> Option<Edit> {
    let Edit::MoveTo {
        positions: mine, ..
    } = forward
    else {
        return None;
    };
    let table = positions.iter().find_map(|(id, _)| cafe.table_of(*id))?;
    let t = cafe.tables.get(table)?;
    // Where I last put each (a node may be listed twice: the later entry wins).
    let put: HashMap<NodeId, Point> = mine.iter().copied().collect();
    let mut back = Vec::with_capacity(positions.len());
    for (id, old) in positions {
        match t.node(id) {
            None => kept.push(Kept::Deleted(id)),
            Some(n) if put.get(&id) == Some(&n.pos) => back.push((id, old)),
            Some(_) => kept.push(Kept::Changed(id)),
        }
    }
    Some(Edit::MoveTo {
        table,
        positions: back,
    })
}

/// Taking back notes I added: those still there, unless others hung notes of theirs below.
fn removal(cafe: &Cafe, roots: Vec<NodeId>, forward: &Edit, kept: &mut Vec<Kept>) -> Option<Edit> {
    let mine: HashSet<NodeId> = match forward {
        Edit::InsertNodes { nodes, .. } => nodes.iter().map(|p| p.node.id).collect(),
        _ => roots.iter().copied().collect(),
    };
    let table = roots.iter().find_map(|id| cafe.table_of(*id))?;
    let t = cafe.tables.get(table)?;
    let mut keep = Vec::with_capacity(roots.len());
    for root in roots.into_iter().filter(|r| t.contains(*r)) {
        if t.subtree(root).iter().all(|id| mine.contains(id)) {
            keep.push(root);
        } else {
            kept.push(Kept::Changed(root));
        }
    }
    Some(Edit::RemoveSubtrees { table, roots: keep })
}

/// Taking back a table I added, found by its question (others may have added tables before
/// it): unless others wrote in it since.
fn table_removal(cafe: &Cafe, mine: &crate::model::Table, kept: &mut Vec<Kept>) -> Option<Edit> {
    let q = mine.question();
    let index = cafe.tables.iter().position(|t| t.question() == q)?;
    let now = cafe.tables.get(index)?;
    if now.nodes().all(|n| mine.contains(n.id)) {
        Some(Edit::RemoveTable { index })
    } else {
        kept.push(Kept::Changed(q));
        None
    }
}

/// Putting back notes I deleted. Where their parent is gone too, an idea goes back to the
/// unsorted ideas; a theme has nowhere to go and is left out.
fn insertion(
    cafe: &Cafe,
    table: usize,
    nodes: Vec<Placed>,
    links: Vec<(NodeId, NodeId)>,
    kept: &mut Vec<Kept>,
) -> Option<Edit> {
    let ours: HashSet<NodeId> = nodes.iter().map(|p| p.node.id).collect();
    // Their parents say which table they belong to now.
    let table = nodes
        .iter()
        .filter_map(|p| p.parent.filter(|q| !ours.contains(q)))
        .find_map(|q| cafe.table_of(q))
        .unwrap_or(table);
    let t = cafe.tables.get(table)?;
    let mut put = Vec::with_capacity(nodes.len());
    let mut left_out: HashSet<NodeId> = HashSet::new();
    for mut p in nodes {
        match p.parent {
            Some(q) if left_out.contains(&q) => {
                left_out.insert(p.node.id);
                continue;
            }
            Some(q) if !ours.contains(&q) && !t.contains(q) => {
                kept.push(Kept::Deleted(q));
                if p.node.kind == NodeKind::Idea {
                    p.parent = None;
                } else {
                    left_out.insert(p.node.id);
                    continue;
                }
            }
            _ => {}
        }
        put.push(p);
    }
    let there = |id: &NodeId| (ours.contains(id) && !left_out.contains(id)) || t.contains(*id);
    let links = links
        .into_iter()
        .filter(|(a, b)| there(a) && there(b))
        .collect();
    Some(Edit::InsertNodes {
        table,
        nodes: put,
        links,
    })
}

/// Each thing left alone once, in the order met (a note listed in several parts of a step).
pub fn dedup_kept(kept: &mut Vec<Kept>) {
    let mut seen = HashSet::new();
    kept.retain(|k| seen.insert(k.clone()));
}

/// My text change (`before` → `after`) taken back from `now`, the text as others left it:
/// `before` itself when nobody touched it; else my span reverted where it still stands
/// intact; `None` when their change overlaps mine.
///
/// Each change is read as one span (common start and end kept): two edits far apart in one
/// change count as one span over both, which can only make a conflict more likely, never
/// revert their words.
pub fn revert_text(before: &str, after: &str, now: &str) -> Option<String> {
    if now == after {
        return Some(before.to_owned());
    }
    if before == after {
        return Some(now.to_owned());
    }
    let (b, a, n): (Vec<char>, Vec<char>, Vec<char>) = (
        before.chars().collect(),
        after.chars().collect(),
        now.chars().collect(),
    );
    // Mine: b[p..b.len()-s] became a[p..a.len()-s].
    let (p, s) = span(&b, &a);
    let (mine_start, mine_end) = (p, a.len() - s);
    // Theirs: a[q..a.len()-r] became n[q..n.len()-r].
    let (q, r) = span(&a, &n);
    let (theirs_start, theirs_end) = (q, a.len() - r);
    let both_at_one_point = mine_start == mine_end && theirs_start == theirs_end;
    let text = |parts: &[&[char]]| parts.iter().flat_map(|p| p.iter()).collect::<String>();
    if both_at_one_point && mine_start == theirs_start {
        None
    } else if theirs_start >= mine_end {
        // Theirs is after mine: the text up to my span's end is still as I left it.
        Some(text(&[b.get(..b.len() - s)?, n.get(mine_end..)?]))
    } else if theirs_end <= mine_start {
        // Theirs is before mine: the text from my span's start is still as I left it.
        let kept_end = n.len().checked_sub(a.len() - mine_start)?;
        Some(text(&[n.get(..kept_end)?, b.get(p..)?]))
    } else {
        None
    }
}

/// The lengths of the common start and the common end of two texts (not overlapping).
fn span(x: &[char], y: &[char]) -> (usize, usize) {
    let p = x.iter().zip(y).take_while(|(a, b)| a == b).count();
    let (x, y) = (
        x.get(p..).unwrap_or_default(),
        y.get(p..).unwrap_or_default(),
    );
    let s = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (p, s)
}

#[cfg(test)]
mod tests;
