//! The editor around typing up a café, as found in an hour of real use: split a glued note,
//! rubber bands that replace the selection, an edit box that grows with its text, placeholders
//! replaced by typing, Ctrl+Home/End, status lines that stop lying.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::model::Cafe;
use cafemap::ui::{CafeApp, Document};
use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const GLUED: &str = "Le lien est important Proposer des échanges";

fn cafe() -> Cafe {
    let mut s = Sketch::new("Atelier", "Comment garder le lien ?");
    let theme = s.theme("Maintien du lien", (0.0, -200.0));
    let notes = [GLUED, "Jumelages. Échanges scolaires.", "Diaspora"];
    s.row(Some(theme), &notes, (-260.0, 220.0), 260.0);
    s.cafe()
}

fn harness() -> Window {
    open(CafeApp::with_document(Lang::En, Document::new(cafe(), None)).with_path_prompt())
}

fn texts(h: &Harness<'_, CafeApp>) -> Vec<String> {
    let mut t: Vec<String> = table(h).nodes().map(|n| n.text.clone()).collect();
    t.sort();
    t
}

fn edit(h: &mut Harness<'_, CafeApp>, label: &str) {
    click(h, label);
    press(h, Key::F2);
}

#[test]
fn split_at_the_caret_while_typing_makes_two_notes_in_one_undo_step() {
    let mut h = harness();
    let theme = id_of(&h, "Maintien du lien");
    let before = table(&h).len();
    edit(&mut h, GLUED);
    // The caret is at the end: back three words, before "Proposer".
    split_words_back(&mut h, 3);
    let first = id_of(&h, "Le lien est important");
    let second = id_of(&h, "Proposer des échanges");
    assert_eq!(table(&h).parent(second), Some(theme), "same parent");
    assert_eq!(table(&h).len(), before + 1);
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        [first, second]
    );
    ctrl(&mut h, Key::Z);
    assert!(
        texts(&h).contains(&GLUED.to_owned()),
        "one undo glues it back"
    );
    assert_eq!(table(&h).len(), before);
}

#[test]
fn split_outside_the_editor_cuts_at_sentence_ends() {
    let mut h = harness();
    click(&mut h, "Jumelages. Échanges scolaires.");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    let t = texts(&h);
    assert!(t.contains(&"Jumelages.".to_owned()), "{t:?}");
    assert!(t.contains(&"Échanges scolaires.".to_owned()), "{t:?}");
}

#[test]
fn a_plain_rubber_band_replaces_the_selection_and_the_count_shows() {
    let mut h = harness();
    // The first note is selected (as after a merge).
    click(&mut h, GLUED);
    let a = h.get_by_label("Jumelages. Échanges scolaires.").rect();
    let b = h.get_by_label("Diaspora").rect();
    let from = Pos2::new(a.min.x - 20.0, a.min.y.min(b.min.y) - 20.0);
    let to = Pos2::new(b.max.x + 20.0, a.max.y.max(b.max.y) + 20.0);
    h.drag_at(from);
    h.step();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.step();
    }
    h.drop_at(to);
    h.run();
    let selected = h.state().selection().clone();
    assert!(
        !selected.contains(&id_of(&h, GLUED)),
        "a plain band replaces the selection"
    );
    assert_eq!(selected.len(), 2);
    assert!(h.query_by_label("2 selected").is_some());
}

#[test]
fn the_edit_box_grows_with_its_text() {
    let mut h = harness();
    edit(&mut h, "Diaspora");
    let small = h.get_by_label("Note text").rect();
    h.event(Event::Text(
        " et comités de jumelage, associations de migrants, réseaux d'élus".into(),
    ));
    h.run();
    let grown = h.get_by_label("Note text").rect();
    assert!(
        grown.height() > small.height() + 10.0,
        "{small:?} → {grown:?}: the box wraps and grows as the note will"
    );
}

#[test]
fn a_new_tables_placeholder_is_replaced_by_what_is_typed() {
    let mut h = harness();
    ctrl(&mut h, Key::T);
    type_text(&mut h, "Quelle suite donner ?");
    press(&mut h, Key::Enter);
    assert_eq!(table(&h).question_node().text, "Quelle suite donner ?");
}

#[test]
fn ctrl_home_goes_to_the_start_of_the_text() {
    let mut h = harness();
    edit(&mut h, "Diaspora");
    h.key_press_modifiers(CTRL, Key::Home);
    h.event(Event::Text("La ".into()));
    h.key_press_modifiers(CTRL, Key::End);
    h.event(Event::Text(" active".into()));
    press(&mut h, Key::Enter);
    assert!(texts(&h).contains(&"La Diaspora active".to_owned()));
}

#[test]
fn saved_in_clears_once_the_map_changes_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(
        dir.path().join("atelier").display().to_string(),
    ));
    h.run();
    press(&mut h, Key::Enter);
    assert!(h.state().message().unwrap_or("").starts_with("Saved"));
    click(&mut h, "Diaspora");
    press(&mut h, Key::Delete);
    assert!(h.state().document().is_dirty());
    assert_eq!(h.state().message(), None, "“Saved” is no longer true");
}

/// Ctrl+Shift+M with no caret on a note that Merge or Tidy joined: it falls back into the
/// pieces it was joined from, not "Nothing to split".
#[test]
fn split_without_a_caret_takes_a_merged_note_back_to_its_pieces() {
    let mut cafe = cafe();
    let t = &mut cafe.tables[0];
    let id = t
        .nodes()
        .find(|n| n.text == "Diaspora")
        .map(|n| n.id)
        .unwrap();
    let node = t.node_mut(id).unwrap();
    node.text = "Appui sur les ONG locales".into();
    node.merged_from = vec!["Appui sur les".into(), "ONG locales".into()];
    let app = CafeApp::with_document(Lang::En, Document::new(cafe, None));
    let mut h = open(app);
    click(&mut h, "Appui sur les ONG locales");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    let t = texts(&h);
    assert!(t.contains(&"Appui sur les".to_owned()), "{t:?}");
    assert!(t.contains(&"ONG locales".to_owned()), "{t:?}");
    assert!(
        !t.contains(&"Appui sur les ONG locales".to_owned()),
        "{t:?}"
    );
}
