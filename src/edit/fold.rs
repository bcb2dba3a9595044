//! Folding branches: which nodes a fold hides on the canvas and in the outline, and the edits that
//! fold, unfold, or open the way to a node. Folds are document state (saved, undoable) but only the
//! editor's views honour them: the presentation and the exports show every node.

use crate::edit::Edit;
use crate::model::{NodeId, NodeKind, Table};
use std::collections::{BTreeSet, HashSet};

/// Whether `id` can be folded: it has children and is not the question (folding the question
/// would leave an empty table on screen, as Freeplane's root cannot fold either).
pub fn can_fold(table: &Table, id: NodeId) -> bool {
    table
        .node(id)
        .is_some_and(|n| n.kind != NodeKind::Question && !table.children(id).is_empty())
}

/// Every node hidden by a folded ancestor (the folded nodes themselves stay visible).
pub fn hidden(table: &Table) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let mut stack: Vec<NodeId> = table
        .nodes()
        .filter(|n| n.folded && n.kind != NodeKind::Question)
        .flat_map(|n| table.children(n.id))
        .collect();
    while let Some(id) = stack.pop() {
        // A malformed table could loop; nothing is hidden twice.
        if out.insert(id) {
            stack.extend(table.children(id));
        }
    }
    out
}

/// The node itself, or its nearest ancestor that a fold leaves visible.
pub fn visible_ancestor(table: &Table, hidden: &HashSet<NodeId>, id: NodeId) -> NodeId {
    let mut cur = id;
    for _ in 0..=table.len() {
        if !hidden.contains(&cur) {
            return cur;
        }
        match table.parent(cur) {
            Some(p) => cur = p,
            None => break,
        }
    }
    cur
}

/// How many nodes a fold on `id` hides (its descendants).
pub fn hidden_below(table: &Table, id: NodeId) -> usize {
    table.subtree(id).len().saturating_sub(1)
}

fn set_all(table_index: usize, table: &Table, ids: &[NodeId], folded: bool) -> Option<Edit> {
    let edits: Vec<Edit> = ids
        .iter()
        .filter(|&&id| table.node(id).is_some_and(|n| n.folded != folded))
        .map(|&id| Edit::SetFolded {
            table: table_index,
            id,
            folded,
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Space: folds the selected nodes that can fold, or unfolds them all when they are all folded
/// already. One undo step.
pub fn toggle(table_index: usize, table: &Table, selection: &BTreeSet<NodeId>) -> Option<Edit> {
    fold_or_unfold(table_index, table, selection.iter().copied())
}

/// Folds those of `ids` that can fold, or unfolds them all when they are all folded already.
fn fold_or_unfold(
    table_index: usize,
    table: &Table,
    ids: impl IntoIterator<Item = NodeId>,
) -> Option<Edit> {
    let foldable: Vec<NodeId> = ids.into_iter().filter(|&id| can_fold(table, id)).collect();
    let all_folded = foldable
        .iter()
        .all(|&id| table.node(id).is_some_and(|n| n.folded));
    set_all(table_index, table, &foldable, !all_folded)
}

/// Alt+Space: folds every foldable node in the selected branches (the whole table when nothing is
/// selected), or unfolds them all when they are all folded already. Folded this way a table
/// shows its question and themes, each with the count of what it holds. One undo step.
pub fn toggle_all_below(
    table_index: usize,
    table: &Table,
    selection: &BTreeSet<NodeId>,
) -> Option<Edit> {
    let roots: Vec<NodeId> = if selection.is_empty() {
        std::iter::once(table.question())
            .chain(table.unsorted())
            .collect()
    } else {
        super::ops::selection_roots(table, selection)
    };
    fold_or_unfold(table_index, table, super::ops::moving_set(table, &roots))
}

/// Unfolds the folded ancestors of `id`, so that it shows (find jumping to a match inside a
/// folded branch). `None` when nothing hides it.
pub fn reveal(table_index: usize, table: &Table, id: NodeId) -> Option<Edit> {
    let mut ancestors = Vec::new();
    let mut cur = table.parent(id);
    for _ in 0..table.len() {
        let Some(c) = cur else { break };
        ancestors.push(c);
        cur = table.parent(c);
    }
    set_all(table_index, table, &ancestors, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, ops};
    use crate::model::{Cafe, CafeInfo};

    fn cafe() -> (Cafe, Vec<NodeId>) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let t = cafe.new_table("Q ?");
        cafe.tables.push(t);
        let q = cafe.tables[0].question();
        let (edit, top) = ops::paste_text(&cafe, 0, Some(q), "A\n  a1\n    a11\n  a2\nB").unwrap();
        apply(&mut cafe, edit).unwrap();
        (cafe, top)
    }

    #[test]
    fn a_fold_hides_the_whole_branch_below_and_reveal_opens_the_way() {
        let (mut cafe, top) = cafe();
        let a = top[0];
        let t = &cafe.tables[0];
        let a1 = t.children(a)[0];
        let a11 = t.children(a1)[0];
        assert_eq!(hidden_below(t, a), 3);
        let e = toggle_all_below(0, t, &BTreeSet::from([a])).unwrap();
        apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        assert!(t.node(a).unwrap().folded && t.node(a1).unwrap().folded);
        assert_eq!(hidden(t).len(), 3);
        assert_eq!(visible_ancestor(t, &hidden(t), a11), a);
        let e = reveal(0, t, a11).unwrap();
        apply(&mut cafe, e).unwrap();
        assert!(hidden(&cafe.tables[0]).is_empty());
    }

    #[test]
    fn the_question_and_leaves_do_not_fold_and_space_toggles() {
        let (mut cafe, top) = cafe();
        let t = &cafe.tables[0];
        let q = t.question();
        assert!(toggle(0, t, &BTreeSet::from([q, top[1]])).is_none());
        let e = toggle(0, t, &BTreeSet::from([top[0]])).unwrap();
        apply(&mut cafe, e).unwrap();
        assert!(cafe.tables[0].node(top[0]).unwrap().folded);
        let e = toggle(0, &cafe.tables[0], &BTreeSet::from([top[0]])).unwrap();
        apply(&mut cafe, e).unwrap();
        assert!(!cafe.tables[0].node(top[0]).unwrap().folded);
        // Nothing selected: every branch of the table folds, the question stays open.
        let e = toggle_all_below(0, &cafe.tables[0], &BTreeSet::new()).unwrap();
        apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        assert!(!t.question_node().folded);
        assert!(t.node(top[0]).unwrap().folded);
    }
}
