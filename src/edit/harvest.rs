//! What harvesting commands do to a café — dot votes, tags, origins — as edits computed from the
//! document (no egui), each one edit so a gesture is one undo step.

use super::Edit;
use crate::model::{Cafe, MAX_DOT_KINDS, NodeId, NodeKind, Origin};
pub use crate::text::marks::clean_tag;
use crate::text::marks::{add_tag, has_tag, remove_tag, rename_tag as rename_tag_in};

/// Where a node's votes, tags and action live: a reference's original (table index and id),
/// else the node itself. Voting on a synthesis' reference votes for the idea it shows.
pub fn owner_of(cafe: &Cafe, id: NodeId) -> Option<(usize, NodeId)> {
    let shown = cafe.shown(id)?;
    Some((cafe.table_of(shown.id)?, shown.id))
}

/// Adds (`delta` > 0) or removes dots of `kind` on every node of `ids` but questions, as one
/// edit. `None` when nothing would change (no dot left to remove, a kind past the last).
pub fn vote(cafe: &Cafe, ids: &[NodeId], kind: usize, delta: i64) -> Option<Edit> {
    if kind >= MAX_DOT_KINDS {
        return None;
    }
    let mut seen = Vec::new();
    let mut edits = Vec::new();
    for &id in ids {
        let Some((table, owner)) = owner_of(cafe, id) else {
            continue;
        };
        // A note and a reference to it in the same gesture get one dot, not two.
        if seen.contains(&owner) {
            continue;
        }
        seen.push(owner);
        let Some(node) = cafe.node(owner).filter(|n| n.kind != NodeKind::Question) else {
            continue;
        };
        let votes = node.votes.adjusted(kind, delta);
        if votes != node.votes {
            edits.push(Edit::SetVotes {
                table,
                id: owner,
                votes,
            });
        }
    }
    batch(edits)
}

/// Adds `tag` to the nodes of `ids` that lack it (in any case), or, when every one has it,
/// removes it from them all: a tag menu's check box.
pub fn toggle_tag(cafe: &Cafe, ids: &[NodeId], tag: &str) -> Option<Edit> {
    let tag = clean_tag(tag)?;
    let owners: Vec<(usize, NodeId)> = unique_owners(cafe, ids);
    let remove = !owners.is_empty()
        && owners
            .iter()
            .all(|&(_, id)| cafe.node(id).is_some_and(|n| has_tag(&n.tags, &tag)));
    retag(cafe, owners, |tags| {
        if remove {
            remove_tag(tags, &tag);
        } else {
            add_tag(tags, &tag);
        }
    })
}

/// Renames tag `from` (in any case) to `to` on every note of the café that carries it, as one
/// edit; a note carrying both keeps one. `None` when no note carries `from`.
pub fn rename_tag(cafe: &Cafe, from: &str, to: &str) -> Option<Edit> {
    let to = clean_tag(to)?;
    let owners = cafe
        .tables
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| t.nodes().map(move |n| (ti, n)))
        .filter(|(_, n)| has_tag(&n.tags, from))
        .map(|(ti, n)| (ti, n.id))
        .collect();
    retag(cafe, owners, |tags| {
        rename_tag_in(tags, from, &to);
    })
}

/// One edit setting the tags of each of `owners` to what `change` makes of them.
fn retag(
    cafe: &Cafe,
    owners: Vec<(usize, NodeId)>,
    change: impl Fn(&mut Vec<String>),
) -> Option<Edit> {
    let edits = owners
        .into_iter()
        .filter_map(|(table, id)| {
            let node = cafe.node(id)?;
            let mut tags = node.tags.clone();
            change(&mut tags);
            (tags != node.tags).then_some(Edit::SetTags { table, id, tags })
        })
        .collect();
    batch(edits)
}

/// Sets the round and/or the contributor of many notes at once (`None`: leave as it is).
pub fn set_origin(
    cafe: &Cafe,
    ids: &[NodeId],
    round: Option<Option<u32>>,
    contributor: Option<&str>,
) -> Option<Edit> {
    let edits = unique_owners(cafe, ids)
        .into_iter()
        .filter_map(|(table, id)| {
            let node = cafe.node(id).filter(|n| n.kind == NodeKind::Idea)?;
            let origin = Origin {
                table: node.origin.table,
                round: round.unwrap_or(node.origin.round),
                contributor: contributor
                    .map_or(node.origin.contributor.clone(), |c| c.trim().to_owned()),
            };
            (origin != node.origin).then_some(Edit::SetOrigin { table, id, origin })
        })
        .collect();
    batch(edits)
}

/// Arranges table `ti` with each theme's notes in order of votes, most first (ties keep their
/// reading order): the layout keeps the reading order it finds, so the notes are first given
/// each other's places in a copy, then the copy is arranged.
pub fn arrange_by_votes(cafe: &Cafe, ti: usize) -> Option<Edit> {
    let table = cafe.tables.get(ti)?;
    let mut shuffled = table.clone();
    for theme in table.themes() {
        let ideas: Vec<NodeId> = table
            .children(theme)
            .into_iter()
            .filter(|&id| table.node(id).is_some_and(|n| n.kind == NodeKind::Idea))
            .collect();
        let read = crate::layout::order::reading_order(table, &ideas);
        let places: Vec<_> = read
            .iter()
            .filter_map(|&id| table.node(id).map(|n| n.pos))
            .collect();
        let mut ranked = read.clone();
        let votes = |id: NodeId| cafe.shown(id).map_or(0, |n| n.votes.total());
        ranked.sort_by_key(|&id| std::cmp::Reverse(votes(id)));
        for (id, place) in ranked.into_iter().zip(places) {
            if let Some(n) = shuffled.node_mut(id) {
                n.pos = place;
            }
        }
    }
    super::ops::moves(ti, table, crate::layout::arrange_table(&shuffled))
}

fn unique_owners(cafe: &Cafe, ids: &[NodeId]) -> Vec<(usize, NodeId)> {
    let mut out: Vec<(usize, NodeId)> = Vec::new();
    for &id in ids {
        if let Some(o) = owner_of(cafe, id)
            && !out.contains(&o)
        {
            out.push(o);
        }
    }
    out
}

fn batch(mut edits: Vec<Edit>) -> Option<Edit> {
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{Node, Votes};

    fn cafe() -> (Cafe, NodeId, NodeId) {
        let (cafe, ids) = Cafe::sketch(
            "Q?",
            &[(NodeKind::Idea, "A", None), (NodeKind::Idea, "B", None)],
        );
        (cafe, ids[0], ids[1])
    }

    #[test]
    fn votes_go_up_and_down_on_several_notes_and_undo_in_one_step() {
        let (mut cafe, a, b) = cafe();
        let q = cafe.tables[0].question();
        let edit = vote(&cafe, &[a, b, q], 1, 1).unwrap();
        let undo = apply(&mut cafe, edit).unwrap();
        assert_eq!(cafe.node(a).unwrap().votes, Votes::from_counts(&[0, 1]));
        assert_eq!(cafe.node(b).unwrap().votes, Votes::from_counts(&[0, 1]));
        assert!(
            cafe.node(q).unwrap().votes.is_empty(),
            "questions take no dots"
        );
        apply(&mut cafe, undo).unwrap();
        assert!(cafe.node(a).unwrap().votes.is_empty());
        assert_eq!(vote(&cafe, &[a], 0, -1), None, "nothing to remove");
    }

    #[test]
    fn a_reference_votes_for_its_original() {
        let (mut cafe, a, _) = cafe();
        let mut synthesis = cafe.new_table("Synthèse");
        let r = cafe.alloc_id();
        let q = synthesis.question();
        let mut node = Node::new(r, NodeKind::Idea, "A");
        node.refers_to = Some(a);
        synthesis.insert(node, Some(q)).unwrap();
        cafe.tables.push(synthesis);
        let e = vote(&cafe, &[r, a], 0, 1).unwrap();
        apply(&mut cafe, e).unwrap();
        assert_eq!(cafe.node(a).unwrap().votes.total(), 1);
        assert!(cafe.node(r).unwrap().votes.is_empty());
    }

    #[test]
    fn tags_toggle_on_the_whole_selection() {
        let (mut cafe, a, b) = cafe();
        let e = toggle_tag(&cafe, &[a], "#budget").unwrap();
        apply(&mut cafe, e).unwrap();
        let e = toggle_tag(&cafe, &[a, b], "Budget").unwrap();
        apply(&mut cafe, e).unwrap();
        assert_eq!(cafe.node(a).unwrap().tags, vec!["budget".to_owned()]);
        assert_eq!(cafe.node(b).unwrap().tags, vec!["Budget".to_owned()]);
        let e = toggle_tag(&cafe, &[a, b], "budget").unwrap();
        apply(&mut cafe, e).unwrap();
        assert!(cafe.node(a).unwrap().tags.is_empty() && cafe.node(b).unwrap().tags.is_empty());
        assert_eq!(toggle_tag(&cafe, &[a], " # "), None);
    }

    #[test]
    fn a_tag_is_renamed_on_every_note_in_one_step() {
        let (mut cafe, a, b) = cafe();
        for (id, tags) in [
            (a, vec!["Budget", "jeunesse"]),
            (b, vec!["budget", "finances"]),
        ] {
            cafe.tables[0].node_mut(id).unwrap().tags = tags.into_iter().map(Into::into).collect();
        }
        let edit = rename_tag(&cafe, "BUDGET", "finances").unwrap();
        let undo = apply(&mut cafe, edit).unwrap();
        assert_eq!(cafe.node(a).unwrap().tags, ["finances", "jeunesse"]);
        assert_eq!(
            cafe.node(b).unwrap().tags,
            ["finances"],
            "the two became one"
        );
        apply(&mut cafe, undo).unwrap();
        assert_eq!(cafe.node(b).unwrap().tags, ["budget", "finances"]);
        assert_eq!(rename_tag(&cafe, "absent", "x"), None);
    }

    #[test]
    fn rounds_and_contributors_are_set_on_many_notes() {
        let (mut cafe, a, b) = cafe();
        let edit = set_origin(&cafe, &[a, b], Some(Some(2)), Some(" Groupe jeunes ")).unwrap();
        apply(&mut cafe, edit).unwrap();
        assert_eq!(cafe.node(b).unwrap().origin.round, Some(2));
        assert_eq!(cafe.node(a).unwrap().origin.contributor, "Groupe jeunes");
        let edit = set_origin(&cafe, &[a], Some(None), None).unwrap();
        apply(&mut cafe, edit).unwrap();
        assert_eq!(cafe.node(a).unwrap().origin.round, None);
        assert_eq!(cafe.node(a).unwrap().origin.contributor, "Groupe jeunes");
    }

    #[test]
    fn arranging_by_votes_reads_most_voted_first() {
        let (mut cafe, _, _) = cafe();
        let t = &mut cafe.tables[0];
        let q = t.question();
        let theme = NodeId(100);
        t.insert(Node::new(theme, NodeKind::Theme, "T"), Some(q))
            .unwrap();
        let ids: Vec<NodeId> = (0..4).map(|i| NodeId(101 + i)).collect();
        for (i, &id) in ids.iter().enumerate() {
            let mut n = Node::new(id, NodeKind::Idea, format!("idée {i}"));
            n.votes = Votes::single(i as u32);
            t.insert(n, Some(theme)).unwrap();
        }
        cafe.reserve_id(NodeId(200));
        crate::layout::arrange_cafe(&mut cafe);
        let e = arrange_by_votes(&cafe, 0).unwrap();
        apply(&mut cafe, e).unwrap();
        let t = &cafe.tables[0];
        let read = crate::layout::order::reading_order(t, &ids);
        assert_eq!(read, ids.iter().rev().copied().collect::<Vec<_>>());
    }
}
