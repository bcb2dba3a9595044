//! Trust: no typed word is ever lost. A note being typed is committed, as one undo step, before
//! anything else happens — a table switch, a shortcut, presenting, a dropped file, saving,
//! closing — and Esc on a brand-new note takes back exactly that note. Driven like a user would,
//! on the real window.

use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::model::{NodeId, Table};
use cafemap::ui::{CafeApp, Document};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

const NOTE: &str = "Appui sur diaspora et comités de jumelage";
const TYPED: &str = " — et les associations de migrants";

fn harness_for(doc: Document) -> Window {
    open(CafeApp::with_document(Lang::En, doc).with_path_prompt())
}

fn harness() -> Window {
    harness_for(Document::new(cafemap::ui::example(), None))
}

fn table<'h>(h: &'h Harness<'_, CafeApp>, index: usize) -> &'h Table {
    &h.state().document().cafe().tables[index]
}

/// Selects the note, opens its editor with F2 and types at its end (egui puts the caret there).
fn start_typing(h: &mut Harness<'_, CafeApp>) -> NodeId {
    let id = id_of(h, NOTE);
    click(h, NOTE);
    press(h, Key::F2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    type_text(h, TYPED);
    assert_eq!(text_of(h, id), NOTE, "still being typed");
    assert!(
        h.state().document().is_dirty(),
        "typed text is unsaved work"
    );
    id
}

/// The typed text is in the document, and one undo takes exactly it back.
fn assert_committed_as_one_step(h: &mut Harness<'_, CafeApp>, id: NodeId) {
    assert_eq!(text_of(h, id), format!("{NOTE}{TYPED}"));
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, cafemap::ui::Command::Undo);
    assert_eq!(text_of(h, id), NOTE, "one undo step takes the typing back");
}

#[test]
fn clicking_another_tables_tab_keeps_the_typed_text() {
    let mut h = harness();
    let id = start_typing(&mut h);
    h.get_by_label_contains("2 · ").click();
    h.run();
    assert_eq!(h.state().current_table(), 1);
    assert_committed_as_one_step(&mut h, id);
    assert_eq!(
        h.state().current_table(),
        0,
        "undo shows the table it changed"
    );
}

#[test]
fn ctrl_page_down_keeps_the_typed_text() {
    let mut h = harness();
    let id = start_typing(&mut h);
    ctrl(&mut h, Key::PageDown);
    assert_eq!(
        h.state().current_table(),
        1,
        "the shortcut works while typing"
    );
    assert_committed_as_one_step(&mut h, id);
}

#[test]
fn presenting_keeps_the_typed_text() {
    let mut h = harness();
    let id = start_typing(&mut h);
    press(&mut h, Key::F5);
    assert!(h.state().presentation().is_some());
    assert_eq!(text_of(&h, id), format!("{NOTE}{TYPED}"));
}

#[test]
fn dropping_a_file_keeps_the_typed_text_and_asks_about_it() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.md");
    std::fs::write(&md, "# Autre café\n## Question ?\n- Thème\n  - Idée\n").unwrap();
    let mut h = harness();
    let id = start_typing(&mut h);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(md.clone())));
    h.run();
    assert_eq!(text_of(&h, id), format!("{NOTE}{TYPED}"));
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "the typed text is unsaved work: the drop asks first"
    );
}

#[test]
fn save_then_close_keeps_the_typed_text_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.ron");
    cafemap::io::file::save(&path, &cafemap::ui::example()).unwrap();
    let doc = Document::new(cafemap::io::file::load(&path).unwrap(), Some(path.clone()));
    let mut h = harness_for(doc);
    start_typing(&mut h);
    ctrl(&mut h, Key::S);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains(TYPED.trim()),
        "Save wrote what was being typed"
    );
    assert!(!h.state().document().is_dirty());
}

#[test]
fn closing_while_typing_asks_about_unsaved_work() {
    let mut h = harness_for(Document::new(cafemap::ui::example(), None));
    // A clean document: only the typing is unsaved.
    assert!(!h.state().document().is_dirty());
    let id = start_typing(&mut h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "the close guard sees the typed text"
    );
    assert_eq!(text_of(&h, id), format!("{NOTE}{TYPED}"));
}

#[test]
fn esc_on_a_new_note_after_a_colour_removes_exactly_that_note() {
    let mut h = harness();
    let before = table(&h, 0).len();
    let colours_before: Vec<_> = table(&h, 0).nodes().map(|n| (n.id, n.color)).collect();
    let theme = id_of(&h, "Maintien des actions");
    click(&mut h, "Maintien des actions");
    press(&mut h, Key::Tab);
    assert_eq!(table(&h, 0).len(), before + 1, "Tab made a new note");
    click(&mut h, "Colour: green");
    assert!(
        h.query_by_label("Note text").is_some(),
        "the colour applies to the note being typed, which stays open"
    );
    press(&mut h, Key::Escape);
    assert_eq!(table(&h, 0).len(), before, "Esc took back the new note");
    let colours_after: Vec<_> = table(&h, 0).nodes().map(|n| (n.id, n.color)).collect();
    assert_eq!(colours_after, colours_before, "and nothing else changed");
    assert!(table(&h, 0).node(theme).is_some());
    assert!(!h.state().document().is_dirty(), "no trace left");
}

#[test]
fn undoing_a_table_move_shows_that_table() {
    let mut h = harness();
    let first_question = table(&h, 0).question();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    h.run();
    assert_eq!(table(&h, 1).question(), first_question, "moved right");
    h.get_by_label_contains("3 · ").click();
    h.run();
    ctrl(&mut h, Key::Z);
    let shown = h.state().current_table();
    assert_eq!(shown, 0);
    assert_eq!(
        table(&h, shown).question(),
        first_question,
        "the view is on the table that moved back, not on whatever has its old index"
    );
}

#[test]
fn undoing_a_delete_on_another_table_shows_it_with_the_note_selected() {
    let mut h = harness();
    let id = id_of(&h, NOTE);
    click(&mut h, NOTE);
    press(&mut h, Key::Delete);
    assert!(table(&h, 0).node(id).is_none());
    h.get_by_label_contains("2 · ").click();
    h.run();
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().current_table(), 0);
    assert!(h.state().selection().contains(&id));
}

#[test]
fn save_as_appends_the_extension_and_never_replaces_another_map() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("Atelier 12.ron");
    std::fs::write(&other, "(format_version: 1)").unwrap();
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    ctrl(&mut h, Key::A);
    let typed = dir.path().join("Atelier 12.05");
    type_text(&mut h, &typed.display().to_string());
    press(&mut h, Key::Enter);
    assert!(Path::new(&format!("{}.ron", typed.display())).exists());
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "(format_version: 1)",
        "the other map is untouched"
    );
}

#[test]
fn the_automatic_copy_holds_text_still_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let store = cafemap::io::recovery::RecoveryStore::new(dir.path().join("recovery"));
    let app = CafeApp::with_document(Lang::En, Document::new(cafemap::ui::example(), None))
        .with_recovery(store);
    let mut h = open(app);
    let id = start_typing(&mut h);
    h.input_mut().time = Some(h.ctx.input(|i| i.time) + 31.0);
    h.run();
    h.state_mut().finish_writes();
    let copy = h.state().recovery_copy().expect("a copy").to_owned();
    let text = std::fs::read_to_string(copy).unwrap();
    assert!(text.contains(TYPED.trim()), "the copy has the typed words");
    assert_eq!(text_of(&h, id), NOTE, "and the editor is still open");
}
