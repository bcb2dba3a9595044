//! Partner copies merging back: from one base, random edits on two copies, then the merge laws
//! (issue #21): merge(a, b) and merge(b, a) hold the same content, merge(a, a) = a, merging the
//! same copy twice changes nothing more than once, no idea text of either side is lost, and the
//! result is a valid map. Plus three partners passing copies around.

use cafemap::edit::{Edit, Placed, apply};
use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo, Node, NodeId, NodeKind};
use cafemap::sync::{self, MergeMode};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

fn base() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café de la coopération".into(),
        ..Default::default()
    });
    for q in ["Comment coopérer ?", "Quelles priorités ?"] {
        let mut t = cafe.new_table(q);
        for theme in ["Mobilité", "Culture"] {
            let th = cafe.alloc_id();
            t.insert(
                Node::new(th, NodeKind::Theme, format!("{theme} — {q}")),
                Some(t.question()),
            )
            .unwrap();
            for i in 0..3 {
                let id = cafe.alloc_id();
                t.insert(
                    Node::new(id, NodeKind::Idea, format!("{theme} idée {i} ({q})")),
                    Some(th),
                )
                .unwrap();
            }
        }
        let id = cafe.alloc_id();
        t.insert(
            Node::new(id, NodeKind::Idea, format!("En vrac ({q})")),
            None,
        )
        .unwrap();
        cafe.tables.push(t);
    }
    cafe
}

/// Through a file: how copies travel between partners.
fn sent(cafe: &Cafe) -> Cafe {
    file::from_str(&file::to_string(cafe)).expect("a written map loads")
}

/// Merges `theirs` into `ours` with every item as proposed, and sends the result on.
fn merged(ours: &Cafe, theirs: &Cafe) -> Cafe {
    let mut out = ours.clone();
    let review = sync::merge(ours, theirs);
    review.apply_to(&mut out).expect("the review applies");
    out.validate().expect("the merge is a valid map");
    let out = sent(&out);
    // What `cafemap check` runs.
    file::from_str(&file::to_string(&out)).expect("the merge passes check");
    out
}

#[derive(Clone, Debug)]
enum Op {
    Add {
        table: usize,
        under: usize,
        text: u16,
    },
    Move {
        node: usize,
        under: usize,
    },
    Rewrite {
        node: usize,
        text: u16,
    },
    Delete {
        node: usize,
    },
    Vote {
        node: usize,
        dots: u8,
    },
    Tag {
        node: usize,
        tag: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, any::<usize>(), any::<u16>()).prop_map(|(table, under, text)| Op::Add {
            table,
            under,
            text
        }),
        (any::<usize>(), any::<usize>()).prop_map(|(node, under)| Op::Move { node, under }),
        (any::<usize>(), any::<u16>()).prop_map(|(node, text)| Op::Rewrite { node, text }),
        any::<usize>().prop_map(|node| Op::Delete { node }),
        (any::<usize>(), 1..4u8).prop_map(|(node, dots)| Op::Vote { node, dots }),
        (any::<usize>(), 0..4u8).prop_map(|(node, tag)| Op::Tag { node, tag }),
    ]
}

/// Ideas and themes (not questions), as (table, id).
fn movable(cafe: &Cafe) -> Vec<(usize, NodeId)> {
    cafe.tables
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.node_ids()
                .into_iter()
                .filter(move |&id| id != t.question())
                .map(move |id| (i, id))
        })
        .collect()
}

fn run(cafe: &mut Cafe, ops: &[Op], who: &str) {
    for (n, op) in ops.iter().enumerate() {
        let nodes = movable(cafe);
        let pick = |i: usize| nodes.get(i % nodes.len().max(1)).copied();
        let edit = match *op {
            Op::Add { table, under, text } => {
                let t = &cafe.tables[table];
                let mut parents: Vec<Option<NodeId>> = t.node_ids().into_iter().map(Some).collect();
                parents.push(None);
                let parent = parents[under % parents.len()];
                let id = cafe.alloc_id();
                Edit::InsertNodes {
                    table,
                    nodes: vec![Placed {
                        node: Node::new(id, NodeKind::Idea, format!("{who} ajoute {text} #{n}")),
                        parent,
                    }],
                    links: vec![],
                }
            }
            Op::Move { node, under } => {
                let Some((table, id)) = pick(node) else {
                    continue;
                };
                let ids = cafe.tables[table].node_ids();
                let parent = ids.get(under % ids.len()).copied();
                Edit::Reparent { table, id, parent }
            }
            Op::Rewrite { node, text } => {
                let Some((table, id)) = pick(node) else {
                    continue;
                };
                Edit::SetText {
                    table,
                    id,
                    text: format!("{who} réécrit {text} #{n}"),
                }
            }
            Op::Delete { node } => {
                let Some((table, id)) = pick(node) else {
                    continue;
                };
                Edit::RemoveSubtrees {
                    table,
                    roots: vec![id],
                }
            }
            Op::Vote { node, dots } => {
                let Some((table, id)) = pick(node) else {
                    continue;
                };
                let votes = cafe.tables[table]
                    .node(id)
                    .map(|n| n.votes.adjusted(0, i64::from(dots)))
                    .unwrap_or_default();
                Edit::SetVotes { table, id, votes }
            }
            Op::Tag { node, tag } => {
                let Some((table, id)) = pick(node) else {
                    continue;
                };
                let mut tags = cafe.tables[table]
                    .node(id)
                    .map(|n| n.tags.clone())
                    .unwrap_or_default();
                let tag = ["budget", "action", "urgent", "élus"][usize::from(tag)].to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
                Edit::SetTags { table, id, tags }
            }
        };
        // Edits the tree rules refuse (a theme under an idea…) are simply not made.
        let _ = apply(cafe, edit);
    }
}

/// What a partner sees: every text, the dots, the tags — not ids nor which of two conflicting
/// texts stayed in place.
fn content(cafe: &Cafe) -> (Vec<String>, u32, BTreeMap<String, usize>) {
    let mut texts = Vec::new();
    let mut dots = 0;
    let mut tags = BTreeMap::new();
    for n in cafe.tables.iter().flat_map(|t| t.nodes()) {
        texts.push(n.text.clone());
        dots += n.votes.total();
        for t in n.tags.iter().filter(|t| *t != "conflict") {
            *tags.entry(t.clone()).or_insert(0) += 1;
        }
    }
    texts.sort();
    (texts, dots, tags)
}

fn all_texts(cafe: &Cafe) -> HashSet<String> {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .map(|n| n.text.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn merging_two_edited_copies_obeys_the_laws(
        ops_a in proptest::collection::vec(op(), 0..12),
        ops_b in proptest::collection::vec(op(), 0..12),
    ) {
        let origin = sent(&base());
        let mut a = sent(&origin);
        let mut b = sent(&origin);
        run(&mut a, &ops_a, "A");
        run(&mut b, &ops_b, "B");
        let (a, b) = (sent(&a), sent(&b));

        let ab = merged(&a, &b);
        let ba = merged(&b, &a);
        prop_assert_eq!(content(&ab), content(&ba), "merge(a, b) and merge(b, a) differ");

        // merge(a, a) = a.
        let review = sync::merge(&a, &a);
        prop_assert_eq!(&review.mode, &MergeMode::ThreeWay);
        prop_assert!(review.items.is_empty(), "{:?}", review.items);

        // Merging the same copy again changes nothing more.
        let again = sync::merge(&ab, &b);
        prop_assert!(again.items.is_empty(), "{:?}", again.items);
        prop_assert_eq!(content(&merged(&ab, &b)), content(&ab));

        // No idea text of either side is lost: what each copy added or rewrote is there, even
        // when the other copy deleted that very note (a conflict, kept by default).
        let base_texts = all_texts(&origin);
        let merged_texts = all_texts(&ab);
        for side in [&a, &b] {
            for n in side.tables.iter().flat_map(|t| t.nodes()) {
                if !base_texts.contains(&n.text) {
                    prop_assert!(merged_texts.contains(&n.text), "lost “{}”", n.text);
                }
            }
        }
    }
}

#[test]
fn three_partners_everything_arrives_once() {
    // A sends the map to B and C.
    let a0 = sent(&base());
    let mut b = sent(&a0);
    let mut c = sent(&a0);
    let theme = b.tables[0].themes()[0];
    let idea = b.tables[0].children(theme)[0];
    for (copy, who) in [(&mut b, "B"), (&mut c, "C")] {
        let id = copy.alloc_id();
        apply(
            copy,
            Edit::InsertNodes {
                table: 0,
                nodes: vec![Placed {
                    node: Node::new(id, NodeKind::Idea, format!("Idée de {who}")),
                    parent: Some(theme),
                }],
                links: vec![],
            },
        )
        .unwrap();
        let votes = copy.node(idea).unwrap().votes.adjusted(0, 2);
        apply(
            copy,
            Edit::SetVotes {
                table: 0,
                id: idea,
                votes,
            },
        )
        .unwrap();
    }
    // B's copy goes to C; C's goes back to A.
    let c = merged(&sent(&c), &sent(&b));
    let a = merged(&a0, &sent(&c));
    let count = |cafe: &Cafe, text: &str| {
        cafe.tables
            .iter()
            .flat_map(|t| t.nodes())
            .filter(|n| n.text == text)
            .count()
    };
    assert_eq!(count(&a, "Idée de B"), 1);
    assert_eq!(count(&a, "Idée de C"), 1);
    assert_eq!(
        a.node(idea).unwrap().votes.total(),
        4,
        "B's 2 dots and C's 2 dots"
    );
    // B, getting A's copy back, receives C's idea and nothing twice.
    let b = merged(&sent(&b), &sent(&a));
    assert_eq!(count(&b, "Idée de B"), 1);
    assert_eq!(count(&b, "Idée de C"), 1);
    assert_eq!(b.node(idea).unwrap().votes.total(), 4);
}
