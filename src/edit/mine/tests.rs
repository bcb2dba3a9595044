//! Undo in a live session: each case as a user meets it, through [`History`], with others'
//! changes applied straight to the café as `Document::absorb_remote` brings them in.

use super::*;
use crate::edit::History;
use crate::geom::Point;
use crate::model::CafeInfo;

/// One table: a theme with one idea, and a second theme. Returns the café and (idea, themes).
fn cafe() -> (Cafe, NodeId, NodeId, NodeId) {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Comment faire perdurer les relations ?");
    let q = t.question();
    let (a, b, idea) = (cafe.alloc_id(), cafe.alloc_id(), cafe.alloc_id());
    t.insert(
        Node::new(a, NodeKind::Theme, "Maintien des actions"),
        Some(q),
    )
    .unwrap();
    t.insert(Node::new(b, NodeKind::Theme, "Maintien du lien"), Some(q))
        .unwrap();
    t.insert(Node::new(idea, NodeKind::Idea, "Jumelages"), Some(a))
        .unwrap();
    cafe.tables.push(t);
    (cafe, idea, a, b)
}

fn text(table: usize, id: NodeId, text: &str) -> Edit {
    Edit::SetText {
        table,
        id,
        text: text.into(),
    }
}

/// Someone else's change, as a live session brings it in: not through my history.
fn theirs_change(cafe: &mut Cafe, h: &mut History, edit: Edit) {
    apply(cafe, edit).unwrap();
    h.others_changed();
}

fn text_of(cafe: &Cafe, id: NodeId) -> &str {
    &cafe.node(id).unwrap().text
}

#[test]
fn undo_reverts_only_my_span_of_a_text_they_changed_elsewhere() {
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    h.apply(&mut cafe, text(0, idea, "Jumelages entre écoles"))
        .unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        text(0, idea, "Idée : Jumelages entre écoles"),
    );
    h.undo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Idée : Jumelages");
    assert!(h.kept().is_empty());
    // Redo mirrors it: my words come back, theirs stay.
    h.redo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Idée : Jumelages entre écoles");
}

#[test]
fn undo_keeps_their_text_where_it_overlaps_mine_and_says_so() {
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    h.apply(&mut cafe, text(0, idea, "Jumelages entre écoles"))
        .unwrap();
    theirs_change(&mut cafe, &mut h, text(0, idea, "Jumelages entre collèges"));
    h.undo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Jumelages entre collèges");
    assert_eq!(h.kept(), [Kept::Text(idea)]);
}

#[test]
fn undo_of_my_vote_takes_back_only_my_dot() {
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    let votes = |n| Edit::SetVotes {
        table: 0,
        id: idea,
        votes: Votes::single(n),
    };
    h.apply(&mut cafe, votes(1)).unwrap();
    theirs_change(&mut cafe, &mut h, votes(3));
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.node(idea).unwrap().votes, Votes::single(2));
    h.redo(&mut cafe).unwrap();
    assert_eq!(cafe.node(idea).unwrap().votes, Votes::single(3));
}

#[test]
fn undo_of_a_move_only_if_the_note_is_still_where_i_put_it() {
    let (mut cafe, idea, a, _) = cafe();
    let mut h = History::default();
    let start = cafe.node(idea).unwrap().pos;
    let move_to = |id, x| Edit::MoveTo {
        table: 0,
        positions: vec![(id, Point::new(x, 0.0))],
    };
    h.apply(&mut cafe, move_to(idea, 100.0)).unwrap();
    h.apply(&mut cafe, move_to(a, 100.0)).unwrap();
    theirs_change(&mut cafe, &mut h, move_to(a, 300.0));
    // They moved the theme after me: their place stays.
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.node(a).unwrap().pos, Point::new(300.0, 0.0));
    assert_eq!(h.kept(), [Kept::Changed(a)]);
    // The idea is still where I put it: it goes back.
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.node(idea).unwrap().pos, start);
    assert!(h.kept().is_empty());
}

#[test]
fn undo_of_a_reparent_only_if_the_note_still_hangs_where_i_put_it() {
    let (mut cafe, idea, a, b) = cafe();
    let mut h = History::default();
    let under = |p| Edit::Reparent {
        table: 0,
        id: idea,
        parent: Some(p),
    };
    h.apply(&mut cafe, under(b)).unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::SetColor {
            table: 0,
            id: b,
            color: None,
        },
    );
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.tables[0].parent(idea), Some(a), "still under b: back");
    h.redo(&mut cafe).unwrap();
    theirs_change(&mut cafe, &mut h, under(a));
    theirs_change(&mut cafe, &mut h, under(b));
    // Under b again, where I put it: whoever did it last, it is where my step left it.
    h.undo(&mut cafe).unwrap();
    assert_eq!(cafe.tables[0].parent(idea), Some(a));
    h.redo(&mut cafe).unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::Reparent {
            table: 0,
            id: idea,
            parent: None,
        },
    );
    h.undo(&mut cafe).unwrap();
    assert_eq!(
        cafe.tables[0].parent(idea),
        None,
        "they moved it: theirs stays"
    );
    assert_eq!(h.kept(), [Kept::Changed(idea)]);
}

#[test]
fn an_edit_to_a_note_someone_deleted_is_skipped_with_a_notice() {
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    h.apply(&mut cafe, text(0, idea, "Jumelages entre écoles"))
        .unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![idea],
        },
    );
    let before = cafe.clone();
    assert!(h.undo(&mut cafe).unwrap(), "the step is used up");
    assert_eq!(cafe, before);
    assert_eq!(h.kept(), [Kept::Deleted(idea)]);
}

#[test]
fn undoing_my_new_note_keeps_the_notes_they_hung_below_it() {
    let (mut cafe, ..) = cafe();
    let mut h = History::default();
    let mine = cafe.alloc_id();
    let q = cafe.tables[0].question();
    h.apply(
        &mut cafe,
        Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node: Node::new(mine, NodeKind::Theme, "Écoles"),
                parent: Some(q),
            }],
            links: vec![],
        },
    )
    .unwrap();
    let their = cafe.alloc_id();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node: Node::new(their, NodeKind::Idea, "Correspondance"),
                parent: Some(mine),
            }],
            links: vec![],
        },
    );
    h.undo(&mut cafe).unwrap();
    assert!(cafe.tables[0].contains(their) && cafe.tables[0].contains(mine));
    assert_eq!(h.kept(), [Kept::Changed(mine)]);
}

#[test]
fn undoing_my_deletion_puts_an_idea_back_unsorted_when_its_theme_is_gone() {
    let (mut cafe, idea, a, _) = cafe();
    let mut h = History::default();
    h.apply(
        &mut cafe,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![idea],
        },
    )
    .unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![a],
        },
    );
    h.undo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Jumelages");
    assert_eq!(cafe.tables[0].parent(idea), None);
    assert_eq!(h.kept(), [Kept::Deleted(a)]);
}

#[test]
fn without_others_undo_is_the_plain_inverse() {
    // No live session: a change made outside the history (as a test or a tool would) is
    // overwritten by undo exactly as before.
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    h.apply(&mut cafe, text(0, idea, "Jumelages entre écoles"))
        .unwrap();
    apply(&mut cafe, text(0, idea, "autre chose")).unwrap();
    h.undo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Jumelages");
}

#[test]
fn a_gesture_of_several_edits_is_taken_back_part_by_part() {
    let (mut cafe, idea, ..) = cafe();
    let mut h = History::default();
    let g = crate::edit::GestureId(5);
    h.apply_in(&mut cafe, text(0, idea, "Jumelages entre"), Some(g))
        .unwrap();
    h.apply_in(&mut cafe, text(0, idea, "Jumelages entre écoles"), Some(g))
        .unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        text(0, idea, "Les Jumelages entre écoles"),
    );
    h.undo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Les Jumelages");
    h.redo(&mut cafe).unwrap();
    assert_eq!(text_of(&cafe, idea), "Les Jumelages entre écoles");
}

#[test]
fn revert_text_cases() {
    // Theirs after mine, before mine, my deletion, and both typing at one spot.
    assert_eq!(revert_text("ab", "aXb", "aXbY").as_deref(), Some("abY"));
    assert_eq!(revert_text("ab", "aXb", "YaXb").as_deref(), Some("Yab"));
    assert_eq!(revert_text("abc", "ac", "acZ").as_deref(), Some("abcZ"));
    assert_eq!(revert_text("ac", "ac", "acZ").as_deref(), Some("acZ"));
    assert_eq!(revert_text("abc", "ac", "aZc"), None);
    // Typed right after my words: mine go, theirs stay; rewriting my words is theirs.
    assert_eq!(revert_text("éa", "éXa", "éXYa").as_deref(), Some("éYa"));
    assert_eq!(revert_text("éa", "éXa", "éZa"), None);
    // They deleted what I wrote: nothing of mine is left to take back.
    assert_eq!(revert_text("", "x", ""), None);
}

#[test]
fn undoing_my_new_table_finds_it_by_its_question_and_spares_their_words() {
    let (mut cafe, ..) = cafe();
    let mut h = History::default();
    let mine = cafe.new_table("Quels transports ?");
    let q = mine.question();
    h.apply(
        &mut cafe,
        Edit::InsertTable {
            index: 1,
            table: Box::new(mine),
        },
    )
    .unwrap();
    // They add a table before mine: mine is now third, and undo still takes back mine.
    let theirs = cafe.new_table("Quelle culture ?");
    let their_q = theirs.question();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::InsertTable {
            index: 1,
            table: Box::new(theirs),
        },
    );
    h.undo(&mut cafe).unwrap();
    assert!(cafe.table_of(q).is_none());
    assert!(cafe.table_of(their_q).is_some());
    // Redone, then they write in it: undo leaves it to them.
    h.redo(&mut cafe).unwrap();
    let idea = cafe.alloc_id();
    let at = cafe.table_of(q).unwrap();
    theirs_change(
        &mut cafe,
        &mut h,
        Edit::InsertNodes {
            table: at,
            nodes: vec![Placed {
                node: Node::new(idea, NodeKind::Idea, "Navettes"),
                parent: None,
            }],
            links: vec![],
        },
    );
    h.undo(&mut cafe).unwrap();
    assert!(cafe.table_of(idea).is_some());
    assert_eq!(h.kept(), [Kept::Changed(q)]);
}
