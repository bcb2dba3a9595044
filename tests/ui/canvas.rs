//! The real app driven like a user would: nodes are found by their text (AccessKit labels),
//! clicked, dragged, typed into; assertions are on what the user would see in the document.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::geom::{Point, Rect};
use cafemap::i18n::Lang;
use cafemap::model::{Cafe, NodeId, NodeKind, Table};
use cafemap::text::layout_node_text;
use cafemap::ui::{CafeApp, Document};
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;

const IDEA: &str = "Appui sur diaspora et comités de jumelage";
const OTHER_THEME: &str = "Maintien du lien";

#[test]
fn drag_an_idea_onto_another_theme_then_add_one_with_tab_and_undo_both() {
    let mut h = example_window();
    let idea = id_of(&h, IDEA);
    let old_theme = table(&h).parent(idea).unwrap();
    let target = id_of(&h, OTHER_THEME);
    assert_ne!(old_theme, target);

    let (from, to) = (center_of(&h, IDEA), center_of(&h, OTHER_THEME));
    drag(&mut h, from, to);
    assert_eq!(
        table(&h).parent(idea),
        Some(target),
        "dropped on a theme, the note hangs under it"
    );
    assert!(h.state().document().is_dirty());

    // Tab on the selected theme: a new idea, typed, Enter.
    click(&mut h, OTHER_THEME);
    press(&mut h, Key::Tab);
    type_text(&mut h, "Des jumelages vivants");
    press(&mut h, Key::Enter);
    let new = id_of(&h, "Des jumelages vivants");
    assert_eq!(table(&h).parent(new), Some(target));
    assert_eq!(table(&h).node(new).unwrap().kind, NodeKind::Idea);
    assert!(
        h.query_by_label("Des jumelages vivants").is_some(),
        "the new note is on screen"
    );

    ctrl(&mut h, Key::Z);
    assert!(
        table(&h).node(new).is_none(),
        "one undo takes back creation and typing"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        table(&h).parent(idea),
        Some(old_theme),
        "the second undo takes back the drag"
    );
    assert!(!h.state().document().is_dirty());
}

/// A small table in a row: question, a theme, three ideas under it, one more theme.
fn row_cafe() -> Cafe {
    let mut s = Sketch::new("Test", "Question ?");
    let theme = s.theme("Thème", (0.0, -220.0));
    s.row(
        Some(theme),
        &["idée un", "idée deux", "idée trois"],
        (-220.0, 240.0),
        220.0,
    );
    s.theme("Autre thème", (420.0, -220.0));
    s.cafe()
}

#[test]
fn rubber_band_selects_notes_and_delete_removes_them() {
    let mut h = window(row_cafe());
    let first = h.get_by_label("idée un").rect();
    let second = h.get_by_label("idée deux").rect();
    let from = first.left_top() - egui::vec2(12.0, 12.0);
    let to = second.right_bottom() + egui::vec2(12.0, 12.0);
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    drag(&mut h, from, to);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let selected: Vec<String> = h
        .state()
        .selection()
        .iter()
        .map(|id| table(&h).node(*id).unwrap().text.clone())
        .collect();
    assert_eq!(selected, vec!["idée un", "idée deux"]);

    press(&mut h, Key::Delete);
    assert!(h.query_by_label("idée un").is_none());
    assert!(h.query_by_label("idée deux").is_none());
    assert!(
        h.query_by_label("idée trois").is_some(),
        "notes outside the band stay"
    );
}

#[test]
fn pasting_indented_text_makes_a_tree_in_one_undo_step() {
    let mut h = window(row_cafe());
    click(&mut h, "Question ?");
    h.event(Event::Paste(
        "Thème collé\n  Idée A\n    Détail A1\n  Idée B\n".into(),
    ));
    h.run();
    let theme = id_of(&h, "Thème collé");
    let t = table(&h);
    assert_eq!(t.node(theme).unwrap().kind, NodeKind::Theme);
    assert_eq!(t.parent(theme), Some(t.question()));
    let a = id_of(&h, "Idée A");
    assert_eq!(t.parent(a), Some(theme));
    assert_eq!(t.parent(id_of(&h, "Détail A1")), Some(a));
    assert_eq!(t.parent(id_of(&h, "Idée B")), Some(theme));
    assert!(h.query_by_label("Détail A1").is_some());

    ctrl(&mut h, Key::Z);
    assert_eq!(table(&h).len(), 6, "one undo removes the whole pasted tree");
}

fn assert_no_overlaps(t: &Table) {
    let rects: Vec<(NodeId, Rect)> = t
        .nodes()
        .map(|n| {
            (
                n.id,
                Rect::from_center_size(n.pos, layout_node_text(n.kind, &n.text).size),
            )
        })
        .collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(rb), "{a} and {b} overlap");
        }
    }
}

#[test]
fn arrange_leaves_no_two_notes_overlapping() {
    // Everything piled at the origin, as after a careless paste.
    let mut cafe = cafemap::ui::example();
    for t in &mut cafe.tables {
        for id in t.node_ids() {
            t.node_mut(id).unwrap().pos = Point::ZERO;
        }
    }
    let mut h = window(cafe);
    ctrl(&mut h, Key::L);
    assert_no_overlaps(table(&h));
    // Animated, and then the app rests: no repaint is requested while nothing happens.
    assert_rests(&mut h, "an idle window");
}

#[test]
fn arrow_keys_walk_the_map_and_f2_edits() {
    let mut h = window(row_cafe());
    click(&mut h, "idée deux");
    press(&mut h, Key::ArrowRight);
    assert_eq!(
        h.state().selection().first(),
        Some(&id_of(&h, "idée trois"))
    );
    // Alt+arrows move the note; three nudges are one undo step.
    let id = id_of(&h, "idée trois");
    let before = table(&h).node(id).unwrap().pos;
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        h.run();
    }
    assert!(table(&h).node(id).unwrap().pos.y > before.y + 40.0);
    ctrl(&mut h, Key::Z);
    assert_eq!(table(&h).node(id).unwrap().pos, before);

    press(&mut h, Key::F2);
    h.event(Event::Text(" !".into()));
    press(&mut h, Key::Enter);
    assert!(table(&h).nodes().any(|n| n.text == "idée trois !"));
}

#[test]
fn the_interface_speaks_french() {
    let app = CafeApp::with_document(Lang::Fr, Document::new(row_cafe(), None));
    let h = open(app);
    assert!(h.query_by_label("Fichier").is_some());
    assert!(h.query_by_label("Édition").is_some());
}

#[test]
fn cut_and_paste_moves_a_branch_from_the_keyboard_keeping_its_colour() {
    let mut h = window(row_cafe());
    click(&mut h, "Thème");
    h.key_press(Key::ArrowRight); // nothing to the right of it but "Autre thème"
    h.run();
    let other = id_of(&h, "Autre thème");
    assert_eq!(h.state().selection().first(), Some(&other));
    // Select "idée deux", cut it, select "Autre thème", paste: the note moves under it.
    click(&mut h, "idée deux");
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        cafemap::ui::Command::Recolor(cafemap::model::Paper::Purple),
    );
    h.event(Event::Cut);
    h.run();
    assert!(h.query_by_label("idée deux").is_none());
    let copied = h.state().selection().is_empty();
    assert!(copied, "the cut note is gone, so is its selection");
    click(&mut h, "Autre thème");
    h.event(Event::Paste("idée deux\n".into()));
    h.run();
    let moved = id_of(&h, "idée deux");
    assert_eq!(table(&h).parent(moved), Some(other));
    assert_eq!(table(&h).node(moved).unwrap().kind, NodeKind::Idea);
    let purple = cafemap::model::NoteColor::Palette(cafemap::model::Paper::Purple);
    assert_eq!(table(&h).node(moved).unwrap().color, Some(purple));
}

#[test]
fn a_file_that_cannot_be_read_shows_its_error_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 1, tables: [").unwrap();
    let options = cafemap::ui::StartOptions {
        file: Some(path.clone()),
        ..Default::default()
    };
    let app = CafeApp::new(Lang::En, options);
    let h = open(app);
    assert!(h.query_by_label("This file could not be opened").is_some());
    assert!(
        h.query_by_label_contains("broken.ron: line").is_some(),
        "the reason names the file and the line"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(format_version: 1, tables: [",
        "never modified"
    );
}

#[test]
fn notes_typed_up_in_pieces_are_merged_with_ctrl_m() {
    let mut h = window(row_cafe());
    // Nothing selected: pasted notes land in the unsorted tray, the second below the first.
    for piece in ["Aller vers du mult-\n", "secteurs et du pluriacteurs\n"] {
        press(&mut h, Key::Escape);
        h.event(Event::Paste(piece.into()));
        h.run();
    }
    assert_eq!(table(&h).unsorted().len(), 2);
    click(&mut h, "Aller vers du mult-");
    h.get_by_label("secteurs et du pluriacteurs")
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().selection().len(), 2);
    ctrl(&mut h, Key::M);
    assert!(
        h.query_by_label("Aller vers du mult-secteurs et du pluriacteurs")
            .is_some()
    );
    assert!(h.query_by_label("secteurs et du pluriacteurs").is_none());
    ctrl(&mut h, Key::Z);
    assert!(
        h.query_by_label("secteurs et du pluriacteurs").is_some(),
        "one undo splits them again"
    );
}

#[test]
fn ctrl_k_links_two_notes_across_themes_and_unlinks_them() {
    let mut h = window(row_cafe());
    click(&mut h, "idée un");
    h.get_by_label("Autre thème")
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    ctrl(&mut h, Key::K);
    let (a, b) = (id_of(&h, "idée un"), id_of(&h, "Autre thème"));
    assert_eq!(table(&h).links(), vec![(a.min(b), a.max(b))]);
    ctrl(&mut h, Key::K);
    assert!(table(&h).links().is_empty());
}
