//! Folding branches in the real window, and the map as screen readers get it: a nested tree.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::model::Cafe;
use cafemap::ui::CafeApp;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Question, a theme with three ideas (one with a detail below it), another theme.
fn cafe() -> Cafe {
    let mut s = Sketch::new("Test", "Question ?");
    let theme = s.theme("Thème", (0.0, -220.0));
    let row = s.row(
        Some(theme),
        &["idée un", "idée deux", "idée trois"],
        (-220.0, -400.0),
        220.0,
    );
    s.idea(row.first().copied(), "détail caché", (-220.0, -520.0));
    s.theme("Autre thème", (420.0, 120.0));
    s.cafe()
}

fn canvas_item<'h>(h: &'h Harness<'_, CafeApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get_by(|n| n.role() == Role::TreeItem && n.label().as_deref() == Some(label))
}

#[test]
fn space_folds_the_selection_the_badge_unfolds_it_undo_and_the_file_keep_it() {
    let mut h = window_settled(cafe());
    let theme = id_of(&h, "Thème");
    canvas_item(&h, "Thème").click();
    h.run();
    press(&mut h, Key::Space);
    assert!(table(&h).node(theme).unwrap().folded, "Space folds");
    assert!(
        h.query_by_label("idée deux").is_none(),
        "its ideas are gone from the map"
    );
    assert!(h.query_by_label("détail caché").is_none());
    assert_eq!(
        canvas_item(&h, "Thème")
            .accesskit_node()
            .data()
            .is_expanded(),
        Some(false)
    );

    // Saved in the file, read back folded.
    let text = cafemap::io::file::to_string(h.state().document().cafe());
    let back = cafemap::io::file::from_str(&text).unwrap();
    assert!(back.tables[0].node(theme).unwrap().folded);

    ctrl(&mut h, Key::Z);
    assert!(!table(&h).node(theme).unwrap().folded, "one undo unfolds");
    assert!(h.query_by_label("idée deux").is_some());
    assert!(!h.state().document().is_dirty());

    // Folded again, the badge (on the side away from the question: the top) unfolds it.
    press(&mut h, Key::Space);
    assert!(table(&h).node(theme).unwrap().folded);
    let r = canvas_item(&h, "Thème").rect();
    let badge = egui::pos2(r.center().x, r.top());
    h.hover_at(badge);
    h.run();
    h.event(Event::PointerButton {
        pos: badge,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: badge,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(
        !table(&h).node(theme).unwrap().folded,
        "a click on the badge unfolds"
    );
}

#[test]
fn alt_space_folds_every_branch_and_a_folded_selection_moves_up() {
    let mut h = window_settled(cafe());
    canvas_item(&h, "détail caché").click();
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    press(&mut h, Key::Escape);
    assert!(h.state().selection().is_empty());
    h.key_press_modifiers(Modifiers::ALT, Key::Space);
    h.run();
    let t = table(&h);
    assert!(t.node(id_of(&h, "Thème")).unwrap().folded);
    assert!(
        t.node(id_of(&h, "idée un")).unwrap().folded,
        "all below folds"
    );
    assert!(!t.question_node().folded, "the question stays open");
    assert!(h.query_by_label("idée un").is_none());
    h.key_press_modifiers(Modifiers::ALT, Key::Space);
    h.run();
    assert!(
        h.query_by_label("détail caché").is_some(),
        "Alt+Space again opens all"
    );

    // A selected idea whose theme folds gives way to the theme.
    canvas_item(&h, "idée deux").click();
    h.run();
    let theme = id_of(&h, "Thème");
    canvas_item(&h, "Thème").click();
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    canvas_item(&h, "idée deux").click();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert_eq!(h.state().selection().len(), 2);
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, cafemap::ui::Command::ToggleFold);
    h.run();
    assert!(table(&h).node(theme).unwrap().folded);
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        vec![theme],
        "nothing hidden stays selected"
    );
}

#[test]
fn find_opens_the_folded_branch_of_a_match_and_undo_folds_it_back() {
    let mut h = window_settled(cafe());
    canvas_item(&h, "Thème").click();
    h.run();
    press(&mut h, Key::Space);
    let theme = id_of(&h, "Thème");
    assert!(table(&h).node(theme).unwrap().folded);
    ctrl(&mut h, Key::F);
    type_text(&mut h, "detail cache");
    let detail = id_of(&h, "détail caché");
    assert!(
        !table(&h).node(theme).unwrap().folded,
        "find unfolds the way"
    );
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        vec![detail]
    );
    assert!(
        h.query_by_label("détail caché").is_some(),
        "the match is on the map"
    );
    press(&mut h, Key::Escape);
    ctrl(&mut h, Key::Z);
    assert!(table(&h).node(theme).unwrap().folded, "undo folds it back");
}

#[test]
fn screen_readers_get_the_map_as_a_nested_tree_with_fold_states() {
    let mut h = window_settled(cafe());
    let tree =
        h.get_by(|n| n.role() == Role::Tree && n.label().as_deref() == Some("Map of the table"));
    let top: Vec<String> = tree
        .children()
        .flat_map(|c| c.children_recursive().chain(std::iter::once(c)))
        .filter(|n| n.accesskit_node().role() == Role::TreeItem)
        .filter(|n| tree_parent(n).is_none())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(top, vec!["Question ?"], "the question is the one root");
    assert_eq!(
        tree_parent(&canvas_item(&h, "Thème")).as_deref(),
        Some("Question ?")
    );
    assert_eq!(
        tree_parent(&canvas_item(&h, "Autre thème")).as_deref(),
        Some("Question ?")
    );
    assert_eq!(
        tree_parent(&canvas_item(&h, "idée deux")).as_deref(),
        Some("Thème")
    );
    assert_eq!(
        tree_parent(&canvas_item(&h, "détail caché")).as_deref(),
        Some("idée un")
    );
    let theme = canvas_item(&h, "Thème");
    assert_eq!(theme.accesskit_node().data().is_expanded(), Some(true));
    assert_eq!(theme.accesskit_node().data().level(), Some(2));
    assert_eq!(
        canvas_item(&h, "idée trois")
            .accesskit_node()
            .data()
            .is_expanded(),
        None,
        "a leaf neither expands nor collapses"
    );
    canvas_item(&h, "idée un").click();
    h.run();
    press(&mut h, Key::Space);
    assert_eq!(
        canvas_item(&h, "idée un")
            .accesskit_node()
            .data()
            .is_expanded(),
        Some(false)
    );
    assert!(
        canvas_item(&h, "idée un")
            .accesskit_node()
            .is_selected()
            .unwrap_or(false)
    );
}
