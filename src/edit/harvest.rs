//! What harvesting commands do to a café — dot votes, tags, origins — as edits computed from the
//! document (no egui), each one edit so a gesture is one undo step.

use super::Edit;
use crate::model::{Cafe, MAX_DOT_KINDS, NodeId, NodeKind, Origin};

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
    let has = |id: NodeId| {
        cafe.node(id).is_some_and(|n| {
            n.tags
                .iter()
                .any(|t| t.to_lowercase() == tag.to_lowercase())
        })
    };
    let remove = !owners.is_empty() && owners.iter().all(|&(_, id)| has(id));
    let edits = owners
        .into_iter()
        .filter_map(|(table, id)| {
            let node = cafe.node(id)?;
            let mut tags = node.tags.clone();
            if remove {
                tags.retain(|t| t.to_lowercase() != tag.to_lowercase());
            } else if !has(id) {
                tags.push(tag.clone());
            }
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
    let positions: Vec<_> = crate::layout::arrange_table(&shuffled)
        .into_iter()
        .filter(|(id, p)| table.node(*id).is_some_and(|n| n.pos.distance(*p) > 0.01))
        .collect();
    (!positions.is_empty()).then_some(Edit::MoveTo {
        table: ti,
        positions,
    })
}

/// A tag as stored: without `#`, trimmed, inner spaces as hyphens; `None` if nothing is left.
pub fn clean_tag(tag: &str) -> Option<String> {
    let t = tag.trim().trim_start_matches('#').trim();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join("-");
    (!t.is_empty()).then_some(t)
}

/// The `#word`s typed in a note, and its text without them: a hashtag ending the note (or
/// alone on a line) goes away, one inside a sentence keeps its word ("un #budget participatif"
/// reads "un budget participatif"). The note keeps reading as a sentence on the map, in
/// exports and on slides, while the tag shows as a chip — as Miro and Klaxoon do. A `#` not
/// starting a word (`n°#3`, `C#`), or followed by a digit (`#1`), stays as typed.
pub fn split_hashtags(text: &str) -> (String, Vec<String>) {
    let mut tags: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let words: Vec<&str> = line.split(' ').collect();
        // Hashtags from the end of the line backwards are dropped; the others lose their '#'.
        let trailing = words
            .iter()
            .rev()
            .take_while(|w| w.is_empty() || hashtag(w).is_some())
            .count();
        let mut kept = Vec::new();
        for (i, word) in words.iter().enumerate() {
            match hashtag(word) {
                Some((tag, rest)) => {
                    if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                        tags.push(tag.to_owned());
                    }
                    if i < words.len() - trailing {
                        kept.push(format!("{tag}{rest}"));
                    }
                }
                None if i < words.len() - trailing => kept.push((*word).to_owned()),
                None => {}
            }
        }
        lines.push(kept.join(" "));
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) && lines.len() > 1 {
        lines.pop();
    }
    (lines.join("\n"), tags)
}

/// `#word,` → ("word", ","): a hashtag and the punctuation after it.
fn hashtag(word: &str) -> Option<(&str, &str)> {
    let body = word.strip_prefix('#')?;
    let end = body
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
        .map_or(body.len(), |(i, _)| i);
    let tag = body.get(..end)?;
    let first = tag.chars().next()?;
    (first.is_alphabetic()).then_some((tag, body.get(end..).unwrap_or("")))
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
    use crate::model::{CafeInfo, Node, Votes};

    fn cafe() -> (Cafe, NodeId, NodeId) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q?");
        let (a, b) = (cafe.alloc_id(), cafe.alloc_id());
        let q = t.question();
        t.insert(Node::new(a, NodeKind::Idea, "A"), Some(q))
            .unwrap();
        t.insert(Node::new(b, NodeKind::Idea, "B"), Some(q))
            .unwrap();
        cafe.tables.push(t);
        (cafe, a, b)
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

    #[test]
    fn hashtags_become_tags_and_the_sentence_stays_readable() {
        let (text, tags) = split_hashtags("Créer un #budget participatif, #Jeunesse #action");
        assert_eq!(text, "Créer un budget participatif,");
        assert_eq!(tags, vec!["budget", "Jeunesse", "action"]);
        let (text, tags) = split_hashtags("Local #budget, vite\n#action");
        assert_eq!((text.as_str(), tags.len()), ("Local budget, vite", 2));
        let (text, tags) = split_hashtags("Salle n°#3 et C# #1");
        assert_eq!((text.as_str(), tags.len()), ("Salle n°#3 et C# #1", 0));
    }
}
