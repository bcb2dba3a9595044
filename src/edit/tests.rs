use super::*;
use crate::model::{Paper, Rgb};
use proptest::prelude::*;

/// A small café: one table, two themes, three ideas (one unsorted).
fn sample() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "World café".into(),
        ..Default::default()
    });
    let mut t = cafe.new_table("Comment faire perdurer les relations ?");
    let q = t.question();
    for (theme, ideas) in [("Maintien des actions", 2), ("Maintien du lien", 1)] {
        let th = cafe.alloc_id();
        t.insert(Node::new(th, NodeKind::Theme, theme), Some(q))
            .unwrap();
        for i in 0..ideas {
            let id = cafe.alloc_id();
            t.insert(
                Node::new(id, NodeKind::Idea, format!("idée {i} d’{theme}")),
                Some(th),
            )
            .unwrap();
        }
    }
    let loose = cafe.alloc_id();
    t.insert(Node::new(loose, NodeKind::Idea, "note non classée"), None)
        .unwrap();
    cafe.tables.push(t);
    cafe
}

#[test]
fn delete_subtree_then_undo_restores_everything() {
    let mut cafe = sample();
    let before = cafe.clone();
    let theme = cafe.tables[0].themes()[0];
    let inv = apply(
        &mut cafe,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![theme],
        },
    )
    .unwrap();
    assert_eq!(cafe.counts(), (1, 1, 2));
    apply(&mut cafe, inv).unwrap();
    assert_eq!(cafe, before);
}

#[test]
fn failed_batch_changes_nothing() {
    let mut cafe = sample();
    let before = cafe.clone();
    let q = cafe.tables[0].question();
    let batch = Edit::Batch(vec![
        Edit::SetText {
            table: 0,
            id: q,
            text: "changed".into(),
        },
        Edit::SetText {
            table: 0,
            id: NodeId(999),
            text: "nope".into(),
        },
    ]);
    assert!(apply(&mut cafe, batch).is_err());
    assert_eq!(cafe, before);
}

#[test]
fn history_groups_gestures_and_tracks_dirty() {
    let mut cafe = sample();
    let mut h = History::default();
    assert!(!h.is_dirty());
    let id = cafe.tables[0].unsorted()[0];
    let g = GestureId(7);
    for x in 1..=5 {
        let e = Edit::MoveTo {
            table: 0,
            positions: vec![(id, Point::new(x as f32, 0.0))],
        };
        h.apply_in(&mut cafe, e, Some(g)).unwrap();
    }
    assert_eq!(h.undo_len(), 1, "one drag is one step");
    assert!(h.is_dirty());
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.tables[0].node(id).unwrap().pos, Point::ZERO);
    assert!(
        !h.is_dirty(),
        "undoing back to the saved state clears the marker"
    );
    h.redo(&mut cafe).unwrap();
    assert_eq!(cafe.tables[0].node(id).unwrap().pos, Point::new(5.0, 0.0));
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut cafe).unwrap();
    assert!(h.is_dirty());
}

#[test]
fn history_is_bounded() {
    let mut cafe = sample();
    let mut h = History::new(10, usize::MAX);
    let q = cafe.tables[0].question();
    for i in 0..50 {
        h.apply(
            &mut cafe,
            Edit::SetText {
                table: 0,
                id: q,
                text: i.to_string(),
            },
        )
        .unwrap();
    }
    assert_eq!(h.undo_len(), 10);
    while h.undo(&mut cafe).unwrap() {}
    assert_eq!(cafe.tables[0].question_node().text, "39");
}

/// Past the history limit, undoing everything does not come back to the saved (loaded)
/// document: it must not be reported as saved, or closing would skip the unsaved-work guard.
#[test]
fn undoing_past_the_history_limit_is_still_unsaved() {
    let mut cafe = sample();
    let mut h = History::new(3, usize::MAX);
    let q = cafe.tables[0].question();
    for i in 0..5 {
        let text = format!("v{i}");
        h.apply(
            &mut cafe,
            Edit::SetText {
                table: 0,
                id: q,
                text,
            },
        )
        .unwrap();
    }
    while h.undo(&mut cafe).unwrap() {}
    assert_eq!(cafe.tables[0].question_node().text, "v1");
    assert!(h.is_dirty(), "v1 was never saved");
    // Saved at the oldest state still in reach: undoing down to it is clean again.
    h.mark_saved();
    h.redo(&mut cafe).unwrap();
    assert!(h.is_dirty());
    h.undo(&mut cafe).unwrap();
    assert!(!h.is_dirty());
}

/// Turns random numbers into an edit that makes sense for the current document (or, now and
/// then, one that must be refused).
fn make_edit(cafe: &mut Cafe, op: u8, a: usize, b: usize, text: &str) -> Edit {
    let table = a % (cafe.tables.len() + 1);
    let ti = table.min(cafe.tables.len() - 1);
    let ids = cafe.tables[ti].node_ids();
    let pick = |k: usize| ids[k % ids.len()];
    match op % 16 {
        0 | 1 => {
            let id = cafe.alloc_id();
            let parent = pick(b);
            let kind = match cafe.tables[ti].node(parent).map(|n| n.kind) {
                Some(NodeKind::Question) if b.is_multiple_of(2) => NodeKind::Theme,
                _ => NodeKind::Idea,
            };
            let parent = if b % 5 == 4 && kind == NodeKind::Idea {
                None
            } else {
                Some(parent)
            };
            Edit::InsertNodes {
                table: ti,
                nodes: vec![Placed {
                    node: Node::new(id, kind, text),
                    parent,
                }],
                links: vec![],
            }
        }
        2 => Edit::RemoveSubtrees {
            table: ti,
            roots: vec![pick(b), pick(a)],
        },
        3 => Edit::SetText {
            table: ti,
            id: pick(b),
            text: text.into(),
        },
        4 => Edit::SetColor {
            table: ti,
            id: pick(b),
            color: match b % 3 {
                0 => None,
                1 => Some(NoteColor::Palette(Paper::nth(a))),
                _ => Some(NoteColor::Custom(Rgb(a as u8, b as u8, 3))),
            },
        },
        5 => Edit::MoveTo {
            table: ti,
            positions: vec![
                (pick(b), Point::new(a as f32, b as f32)),
                (pick(a), Point::ZERO),
            ],
        },
        6 => Edit::Reparent {
            table: ti,
            id: pick(a),
            parent: if b.is_multiple_of(4) {
                None
            } else {
                Some(pick(b))
            },
        },
        7 => Edit::SetKind {
            table: ti,
            id: pick(a),
            kind: if b.is_multiple_of(2) {
                NodeKind::Theme
            } else {
                NodeKind::Idea
            },
        },
        8 => Edit::AddLink {
            table: ti,
            from: pick(a),
            to: pick(b),
        },
        9 => Edit::RemoveLink {
            table: ti,
            from: pick(a),
            to: pick(b),
        },
        10 => {
            let q = cafe.new_table(text);
            Edit::InsertTable {
                index: table,
                table: Box::new(q),
            }
        }
        11 => Edit::RemoveTable { index: table },
        12 => Edit::MoveTable {
            from: a % cafe.tables.len(),
            to: b % cafe.tables.len(),
        },
        13 => Edit::Batch(vec![
            Edit::SetNote {
                table: ti,
                id: pick(a),
                note: text.into(),
            },
            Edit::SetHidden {
                table: ti,
                id: pick(b),
                hidden: a.is_multiple_of(2),
            },
            Edit::SetThemeOrder {
                table: ti,
                order: cafe.tables[ti].themes().into_iter().rev().collect(),
            },
        ]),
        14 => Edit::SetInfo {
            info: CafeInfo {
                title: text.into(),
                ..Default::default()
            },
        },
        _ => Edit::Batch(vec![
            Edit::SetVotes {
                table: ti,
                id: pick(a),
                votes: Votes::from_counts(&[a as u32, 0, b as u32]),
            },
            Edit::SetFolded {
                table: ti,
                id: pick(b),
                folded: b.is_multiple_of(2),
            },
            Edit::SetOrigin {
                table: ti,
                id: pick(a),
                origin: Origin {
                    table: Some(cafe.tables[0].question()),
                    round: Some(b as u32 % 4),
                    contributor: text.into(),
                },
            },
            Edit::SetAction {
                table: ti,
                id: pick(b),
                owner: text.into(),
                due: "2026-12-31".into(),
            },
            // Five kinds are refused (and roll the batch back) one time in four.
            Edit::SetDotKinds {
                kinds: (0..(a % 4 + b % 2 + b % 3 / 2))
                    .map(|i| DotKind {
                        name: format!("{text}{i}"),
                        color: Rgb(i as u8, 0, 0),
                    })
                    .collect(),
            },
            Edit::SetSynonyms {
                groups: vec![vec![text.into(), "élus".into()]],
            },
        ]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Thousands of random edits (400 sequences × up to 40), each checked, then all undone.
    #[test]
    fn random_edits_then_undo_all_give_back_the_document(
        ops in prop::collection::vec((any::<u8>(), 0usize..64, 0usize..64, "[a-zé’ →]{0,12}"), 1..40)
    ) {
        let mut cafe = sample();
        let original = cafe.clone();
        let mut inverses = Vec::new();
        for (op, a, b, text) in ops {
            let edit = make_edit(&mut cafe, op, a, b, &text);
            let before = cafe.clone();
            match apply(&mut cafe, edit) {
                Ok(inv) => inverses.push(inv),
                Err(_) => prop_assert_eq!(&cafe, &before, "a refused edit changed the document"),
            }
            prop_assert_eq!(cafe.validate(), Ok(()));
        }
        while let Some(inv) = inverses.pop() {
            apply(&mut cafe, inv).expect("an inverse always applies");
            prop_assert_eq!(cafe.validate(), Ok(()));
        }
        prop_assert_eq!(cafe, original);
    }

    /// The same through the History, with redo all landing on the final document.
    #[test]
    fn history_undo_redo_round_trip(
        ops in prop::collection::vec((any::<u8>(), 0usize..64, 0usize..64, "[a-z]{0,6}"), 1..30)
    ) {
        let mut cafe = sample();
        let original = cafe.clone();
        let mut h = History::default();
        for (op, a, b, text) in ops {
            let edit = make_edit(&mut cafe, op, a, b, &text);
            let _ = h.apply_in(&mut cafe, edit, (op % 3 == 0).then_some(GestureId(1)));
        }
        let last = cafe.clone();
        while h.undo(&mut cafe).expect("undo applies") {}
        prop_assert_eq!(&cafe, &original);
        prop_assert!(!h.is_dirty());
        while h.redo(&mut cafe).expect("redo applies") {}
        prop_assert_eq!(&cafe, &last);
    }
}
