//! Find and replace on the real window: Ctrl+F finds across tables without minding case or
//! accents, Enter walks the matches from table to table, Esc leaves the selection on the match;
//! Ctrl+H replaces one match or all of them as one undo step.

use crate::common::window::*;
use cafemap::ui::CafeApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const EVENTS: &str =
    "Évènements publics (marché de Noël, concert solidaire, rencontres associatives…)";

/// How many nodes say `needle`, case and accents aside.
fn count_text(h: &Harness<'_, CafeApp>, needle: &str) -> usize {
    all_nodes(h)
        .filter(|n| cafemap::text::fold(&n.text).contains(&cafemap::text::fold(needle)))
        .count()
}

#[test]
fn find_ignores_accents_walks_across_tables_and_esc_keeps_the_match_selected() {
    let mut h = example_window();
    assert_eq!(h.state().current_table(), 0);
    ctrl(&mut h, Key::F);
    type_text(&mut h, "evenement");
    assert!(h.query_by_label("1 of 1").is_some(), "one match, shown");
    let (table, id) = find_node(&h, EVENTS);
    assert_eq!(
        h.state().current_table(),
        table,
        "the view went to its table"
    );
    assert!(h.state().selection().contains(&id));

    // A query with matches on several tables: Enter steps through them, wrapping round.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "cooperation");
    let total = 3;
    // The walk starts from the table on screen (the second one).
    assert!(h.query_by_label(&format!("2 of {total}")).is_some());
    let mut tables = vec![h.state().current_table()];
    for _ in 0..total {
        press(&mut h, Key::Enter);
        tables.push(h.state().current_table());
    }
    // "coopération" is said once on the first table and twice on the second.
    assert_eq!(tables, [1, 1, 0, 1], "from table to table, wrapping round");
    assert!(
        h.query_by_label(&format!("2 of {total}")).is_some(),
        "wrapped round"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    assert!(h.query_by_label(&format!("1 of {total}")).is_some());

    let selected = h.state().selection().clone();
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("Find").is_none(), "the bar closed");
    assert_eq!(h.state().selection(), &selected, "the match stays selected");
}

#[test]
fn replace_all_is_one_undo_step() {
    let mut h = example_window();
    let before = count_text(&h, "coopération");
    // One note already says "Coopération Internationale".
    let already = count_text(&h, "coopération internationale");
    assert_eq!((before, already), (3, 1));
    ctrl(&mut h, Key::H);
    type_text(&mut h, "coopération");
    h.get_by_label("Replace with").focus();
    h.run();
    type_text(&mut h, "coopération internationale");
    click(&mut h, "Replace all");
    assert_eq!(count_text(&h, "coopération internationale"), before);
    assert!(h.state().document().is_dirty());
    press(&mut h, Key::Escape);
    ctrl(&mut h, Key::Z);
    assert_eq!(
        count_text(&h, "coopération internationale"),
        already,
        "one undo"
    );
    assert_eq!(count_text(&h, "coopération"), before);
}
