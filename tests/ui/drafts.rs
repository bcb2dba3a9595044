//! One house for the editor: the draft and its caret are the same whichever view shows them,
//! and text typed in a dialog is a draft like a note's (kept on a table switch, a save, in the
//! recovery copy); a dialog opens with its field taking the keyboard.

use crate::common::recovery_files;
use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::io::recovery::RecoveryStore;
use cafemap::model::Cafe;
use cafemap::ui::{CafeApp, Command, Document};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const GLUED: &str = "Le lien est important Proposer des échanges";

/// Two tables; the first has a theme with two ideas, one of them two ideas glued together.
fn cafe() -> Cafe {
    let mut s = Sketch::new("Atelier", "Quelle coopération ?");
    let theme = s.theme("Maintien du lien", (0.0, -200.0));
    s.row(Some(theme), &[GLUED, "Jumelages"], (-260.0, -400.0), 260.0);
    s.next_table("Quels lieux ?");
    let mut cafe = s.cafe();
    cafemap::layout::arrange_cafe(&mut cafe);
    cafe
}

/// The outline's row labelled `label`.
fn row<'h>(h: &'h Harness<'_, CafeApp>, label: &'h str) -> egui_kittest::Node<'h> {
    tree_item(h, "Outline", label)
}

/// Selects a note on the map and opens "Tags of the note" on it.
fn tag_dialog_on(h: &mut Harness<'_, CafeApp>, text: &str) {
    click(h, text);
    command(h, Command::TagSelection);
}

fn tags_of(cafe: &Cafe, text: &str) -> Vec<String> {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .find(|n| n.text == text)
        .map(|n| n.tags.clone())
        .unwrap_or_default()
}

#[test]
fn split_started_from_the_outline_cuts_at_the_caret_shown_in_the_outline() {
    let mut h = window_settled(cafe());
    // Typed on the map first, the caret left at the end of the text.
    click(&mut h, GLUED);
    press(&mut h, Key::F2);
    h.key_press(Key::End);
    press(&mut h, Key::Enter);
    // Then in the outline's row, the caret three words back, before "Proposer".
    command(&mut h, Command::Outline);
    row(&h, GLUED).click();
    h.run();
    press(&mut h, Key::F2);
    let editor = h.get_by_role(Role::MultilineTextInput);
    assert!(editor.rect().center().x < 300.0, "typed in the outline");
    split_words_back(&mut h, 3);
    let first = id_of(&h, "Le lien est important");
    let second = id_of(&h, "Proposer des échanges");
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        [first, second],
        "cut where the outline's caret was"
    );
}

#[test]
fn a_dialog_opens_with_its_field_taking_the_keyboard() {
    let mut h = window_settled(cafe());
    tag_dialog_on(&mut h, "Jumelages");
    // Typed straight away, without clicking the field first.
    type_text(&mut h, "urgent");
    let field = h.get_by_role_and_label(Role::TextInput, "New tag");
    assert_eq!(field.value().as_deref(), Some("urgent"));
    press(&mut h, Key::Enter);
    assert_eq!(
        tags_of(h.state().document().cafe(), "Jumelages"),
        ["urgent"]
    );
}

#[test]
fn text_left_in_a_dialog_survives_a_table_switch_a_save_and_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let map = dir.path().join("atelier.ron");
    let app = CafeApp::with_document(Lang::En, Document::new(cafe(), Some(map.clone())))
        .with_recovery(RecoveryStore::new(&rec));
    let mut h = open_settled(app);

    // A tag typed and left in the dialog is in the recovery copy when the window loses focus.
    tag_dialog_on(&mut h, "Jumelages");
    type_text(&mut h, "priorité");
    assert!(
        h.state().document().cafe().tables[0]
            .nodes()
            .all(|n| n.tags.is_empty())
    );
    h.input_mut().focused = false;
    h.run();
    h.state_mut().finish_writes();
    let copies = recovery_files(&rec);
    assert_eq!(copies.len(), 1, "unsaved typing is copied");
    let copied = cafemap::io::file::load(&copies[0]).unwrap();
    assert_eq!(tags_of(&copied, "Jumelages"), ["priorité"]);
    h.input_mut().focused = true;
    h.run();

    // A table switch keeps it, as it keeps a note's draft: the tag is given.
    command(&mut h, Command::NextTable);
    assert_eq!(h.state().current_table(), 1);
    assert_eq!(
        tags_of(h.state().document().cafe(), "Jumelages"),
        ["priorité"]
    );
    assert!(h.query_by_label("New tag").is_none(), "the dialog closed");

    // An owner typed in the action dialog and left there is in the saved file.
    command(&mut h, Command::PreviousTable);
    click(&mut h, GLUED);
    command(&mut h, Command::EditAction);
    type_text(&mut h, "Mairie");
    command(&mut h, Command::Save);
    let saved = cafemap::io::file::load(&map).unwrap();
    let node = saved.tables[0].nodes().find(|n| n.text == GLUED).unwrap();
    assert_eq!(node.owner, "Mairie");
    assert!(!h.state().document().is_dirty());
}
