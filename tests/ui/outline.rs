//! The outline beside the map: selection both ways, typing in a row, dragging rows, and where a
//! note dropped on the map lands.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::geom::{Point, Rect};
use cafemap::model::{Cafe, Node, NodeKind};
use cafemap::ui::{CafeApp, Command};
use egui::accesskit::Role;
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn with_outline(cafe: Cafe) -> Window {
    let mut h = window_settled(cafe);
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::Outline);
    h.run();
    h
}

fn row<'h>(h: &'h Harness<'_, CafeApp>, label: &'h str) -> egui_kittest::Node<'h> {
    tree_item(h, "Outline", label)
}

/// Question, a theme with three ideas in a row, another theme, an unsorted note.
fn cafe() -> Cafe {
    let mut s = Sketch::new("Test", "Question ?");
    let theme = s.theme("Thème", (0.0, -220.0));
    s.row(
        Some(theme),
        &["idée un", "idée deux", "idée trois"],
        (-220.0, -400.0),
        220.0,
    );
    s.theme("Autre thème", (420.0, 120.0));
    s.idea(None, "note libre", (-900.0, 0.0));
    s.cafe()
}

#[test]
fn the_outline_nests_the_table_and_selection_follows_both_ways() {
    let mut h = with_outline(cafe());
    assert_eq!(
        tree_parent(&row(&h, "Thème")).as_deref(),
        Some("Question ?")
    );
    assert_eq!(tree_parent(&row(&h, "idée deux")).as_deref(), Some("Thème"));
    assert_eq!(
        tree_parent(&row(&h, "note libre")).as_deref(),
        Some("Unsorted (1)"),
        "unsorted notes come last, under their heading"
    );
    // Outline → map: the row selects the note and the map centres on it.
    row(&h, "idée trois").click();
    h.run();
    let trois = id_of(&h, "idée trois");
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        vec![trois]
    );
    let view = h.state().views.canvas.view;
    let on_map = tree_item(&h, "Map of the table", "idée trois").rect();
    assert!(
        (on_map.center() - view.center()).length() < 40.0,
        "the map is centred on the row picked: {on_map:?} in {view:?}"
    );
    // Arrow keys walk the rows.
    press(&mut h, Key::ArrowUp);
    let deux = id_of(&h, "idée deux");
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        vec![deux]
    );
    // Map → outline: the row of what is selected on the map is selected.
    tree_item(&h, "Map of the table", "idée un").click();
    h.run();
    assert!(
        row(&h, "idée un")
            .accesskit_node()
            .is_selected()
            .unwrap_or(false)
    );
    assert!(
        !row(&h, "idée deux")
            .accesskit_node()
            .is_selected()
            .unwrap_or(false)
    );
}

#[test]
fn f2_types_in_the_row_and_left_folds_the_branch() {
    let mut h = with_outline(cafe());
    row(&h, "idée un").click();
    h.run();
    press(&mut h, Key::F2);
    let editor = h.get_by_role(Role::MultilineTextInput);
    // The outline is the 300-point panel on the window's left; the map starts beyond it.
    assert!(
        editor.rect().center().x < 300.0,
        "the text field is in the outline's row, not on the map: {:?}",
        editor.rect()
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    type_text(&mut h, "idée réécrite");
    press(&mut h, Key::Enter);
    let id = id_of(&h, "idée réécrite");
    assert_eq!(table(&h).parent(id), Some(id_of(&h, "Thème")));
    assert!(h.state().document().draft().is_none());

    // Back on the rows: up to the theme, Left folds it.
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::ArrowLeft);
    assert!(table(&h).node(id_of(&h, "Thème")).unwrap().folded);
    assert_eq!(
        row(&h, "Thème").accesskit_node().data().is_expanded(),
        Some(false)
    );
    assert!(
        h.query_by_label("idée deux").is_none(),
        "folded in the outline and on the map"
    );
}

#[test]
fn dragging_rows_reparents_and_reorders_with_one_undo_step_each() {
    let mut h = with_outline(cafe());
    let un = id_of(&h, "idée un");
    let other = id_of(&h, "Autre thème");
    let (from, to) = (
        row(&h, "idée un").rect().center(),
        row(&h, "Autre thème").rect().center(),
    );
    drag(&mut h, from, to);
    assert_eq!(
        table(&h).parent(un),
        Some(other),
        "dropped on a row, it hangs under it"
    );
    assert!(tree_item(&h, "Map of the table", "idée un").rect().width() > 0.0);

    // Dropped on the top edge of a row: before it, under the same parent.
    let loose = id_of(&h, "note libre");
    let trois = row(&h, "idée trois").rect();
    let from = row(&h, "note libre").rect().center();
    drag(&mut h, from, Pos2::new(trois.center().x, trois.top() + 2.0));
    let theme = id_of(&h, "Thème");
    assert_eq!(table(&h).parent(loose), Some(theme));
    let order: Vec<String> =
        cafemap::layout::order::reading_order(table(&h), &table(&h).children(theme))
            .into_iter()
            .map(|id| table(&h).node(id).unwrap().text.clone())
            .collect();
    assert_eq!(order, ["idée deux", "note libre", "idée trois"]);

    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::Undo);
    h.run();
    assert!(
        table(&h).is_unsorted(loose),
        "one undo takes the second drop back"
    );
    h.state_mut().run(&ctx, Command::Undo);
    h.run();
    assert_eq!(table(&h).parent(un), Some(theme));
}

#[test]
fn a_note_dropped_on_a_theme_lands_in_view_and_stays_in_sight() {
    let mut cafe = cafe();
    // A note right beside the other theme, to drop onto it while zoomed in.
    let near = cafe.alloc_id();
    let t = &mut cafe.tables[0];
    let q = t.question();
    t.insert(
        Node::new(near, NodeKind::Idea, "à ranger").at(Point::new(420.0, 200.0)),
        Some(q),
    )
    .unwrap();
    let mut h = window_settled(cafe);
    // Zoomed in on the note and the theme it will be dropped on.
    let other = id_of(&h, "Autre thème");
    h.state_mut().editor.selection = std::collections::BTreeSet::from([near, other]);
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::ZoomSelection);
    h.run();
    // Only the dragged note moves (a selection is dragged whole).
    h.state_mut().editor.selection.clear();
    h.run();
    let tq = table(&h).question();
    let cam = h.state().views.canvas.camera(tq).unwrap();
    let seen: Rect = cam.visible(h.state().views.canvas.view);
    let from = tree_item(&h, "Map of the table", "à ranger")
        .rect()
        .center();
    let to = tree_item(&h, "Map of the table", "Autre thème")
        .rect()
        .center();
    drag(&mut h, from, to);
    assert_eq!(table(&h).parent(near), Some(other));
    let landed = cafemap::layout::place::rect_of(table(&h), near).unwrap();
    assert!(
        seen.contains(landed.min) && seen.contains(landed.max),
        "landed inside the view it was dropped in: {landed:?} in {seen:?}"
    );
    assert!(
        tree_item(&h, "Map of the table", "à ranger").rect().width() > 0.0,
        "and it is on screen"
    );
}
