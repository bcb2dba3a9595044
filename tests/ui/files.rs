//! Files and sharing, driven like a user would on the real window: the unsaved-changes dialog,
//! the in-app path field (used when the system has no file dialog), dropped files, exports,
//! recent files, and the automatic copy offered back after a crash. No test waits on the clock:
//! autosave time is egui's input time, set by the test.

use crate::common::recovery_files;
use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::io::recovery::RecoveryStore;
use cafemap::model::Cafe;
use cafemap::ui::{CafeApp, Command, Document};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn cafe() -> Cafe {
    let mut s = Sketch::new("Atelier", "Quelle coopération ?");
    let theme = s.theme("Jumelages", (0.0, 0.0));
    s.idea(Some(theme), "Échanges scolaires", (0.0, 200.0));
    s.cafe()
}

/// A document with unsaved changes (as after an import or an edit).
fn dirty(path: Option<PathBuf>) -> Document {
    let mut doc = Document::new(cafe(), path);
    doc.mark_unsaved();
    doc
}

fn app(doc: Document) -> CafeApp {
    CafeApp::with_document(Lang::En, doc).with_path_prompt()
}

/// Replaces the text of the focused path field and presses Enter.
fn type_path(h: &mut Harness<'_, CafeApp>, path: &Path) {
    ctrl(h, Key::A);
    h.event(Event::Text(path.display().to_string()));
    h.run();
    press(h, Key::Enter);
}

fn title(h: &Harness<'_, CafeApp>) -> String {
    h.state().document().cafe().info.title.clone()
}

fn prompt_is_open(h: &Harness<'_, CafeApp>) -> bool {
    h.query_by_label_contains("No file dialog is available")
        .is_some()
}

#[test]
fn new_with_unsaved_changes_asks_first_and_cancel_keeps_the_map() {
    let mut h = open(app(dirty(None)));
    ctrl(&mut h, Key::N);
    assert!(h.query_by_label("Unsaved changes").is_some());
    click(&mut h, "Cancel");
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(title(&h), "Atelier");
    assert!(h.state().document().is_dirty());

    ctrl(&mut h, Key::N);
    click(&mut h, "Discard changes");
    // File ▸ New asks for the café's plan; Skip gives a blank café.
    click(&mut h, "Skip");
    assert_eq!(title(&h), "Untitled café");
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().document().cafe().tables.len(), 1);
}

#[test]
fn save_in_the_unsaved_dialog_asks_where_when_the_map_has_no_file_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(app(dirty(None)));
    ctrl(&mut h, Key::N);
    click(&mut h, "Save");
    assert!(
        prompt_is_open(&h),
        "no dialog service: the window asks for a path"
    );
    assert_eq!(title(&h), "Atelier", "nothing replaced before it is saved");

    // Without extension: saved as .ron.
    type_path(&mut h, &dir.path().join("atelier"));
    let saved = dir.path().join("atelier.ron");
    let back = cafemap::io::file::load(&saved).expect("the saved file loads");
    assert_eq!(back.info.title, "Atelier");
    click(&mut h, "Skip");
    assert_eq!(title(&h), "Untitled café", "then New went on");
    assert_eq!(h.state().recent_files(), [saved]);
}

#[test]
fn cancelling_that_save_as_cancels_new_too() {
    let mut h = open(app(dirty(None)));
    ctrl(&mut h, Key::N);
    click(&mut h, "Save");
    press(&mut h, Key::Escape);
    assert!(!prompt_is_open(&h));
    assert_eq!(title(&h), "Atelier");
    assert!(h.state().document().is_dirty());
}

#[test]
fn closing_the_window_with_unsaved_work_asks_saves_as_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(app(dirty(None)));
    let root = egui::ViewportId::ROOT;
    let commands = |h: &Harness<'_, CafeApp>| h.output().viewport_output[&root].commands.clone();
    h.input_mut()
        .viewports
        .entry(root)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    assert!(commands(&h).contains(&egui::ViewportCommand::CancelClose));
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    click(&mut h, "Save");
    assert!(prompt_is_open(&h));
    ctrl(&mut h, Key::A);
    h.event(Event::Text(dir.path().join("fin").display().to_string()));
    h.run();
    h.key_down(Key::Enter); // one event, so one frame to look at
    h.step();
    assert!(
        commands(&h).contains(&egui::ViewportCommand::Close),
        "saved, then the window closes"
    );
    assert!(cafemap::io::file::load(&dir.path().join("fin.ron")).is_ok());
}

#[test]
fn save_as_then_save_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("carte.ron");
    let mut h = open(app(dirty(None)));
    ctrl(&mut h, Key::N); // the prompt must not answer for New: cancel that first
    click(&mut h, "Cancel");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(
        field.value().is_some_and(|v| v.ends_with("Atelier.ron")),
        "a name is suggested from the title: {:?}",
        field.value()
    );
    type_path(&mut h, &path);
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
    let first = std::fs::read_to_string(&path).unwrap();

    // An edit, then Ctrl+S writes in place and keeps the old bytes as carte.ron.bak.
    click(&mut h, "Échanges scolaires");
    press(&mut h, Key::Delete);
    assert!(h.state().document().is_dirty());
    ctrl(&mut h, Key::S);
    assert!(!h.state().document().is_dirty());
    assert!(
        !prompt_is_open(&h),
        "a map with a file saves without asking"
    );
    let bak = std::fs::read_to_string(dir.path().join("carte.ron.bak")).unwrap();
    assert_eq!(bak, first);
    let now = cafemap::io::file::load(&path).unwrap();
    assert!(
        now.tables[0]
            .nodes()
            .all(|n| n.text != "Échanges scolaires")
    );
}

#[test]
fn the_path_field_warns_before_replacing_and_refuses_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("existant.ron");
    std::fs::write(&existing, "garder").unwrap();
    let mut h = open(app(dirty(None)));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();

    type_path(&mut h, &dir.path().join("nulle-part/x.ron"));
    assert!(h.query_by_label("This folder does not exist.").is_some());
    assert!(prompt_is_open(&h), "the field stays open to fix the path");

    type_path(&mut h, &existing);
    assert!(h.query_by_label_contains("already exists").is_some());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "garder");
    click(&mut h, "Replace");
    assert!(!prompt_is_open(&h));
    assert_eq!(
        cafemap::io::file::load(&existing).unwrap().info.title,
        "Atelier"
    );
}

const OUTLINE: &str = "# Café importé\n\
## Comment coopérer ?\n\
- Financements\n  - Fonds communs\n  - Appels à projets\n\
- Jeunesse\n  - Chantiers\n\
# Note égarée\n";

#[test]
fn dropping_a_markdown_file_imports_it_after_asking_about_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.md");
    std::fs::write(&md, OUTLINE).unwrap();
    let mut h = open(app(dirty(None)));

    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(md.clone())));
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    click(&mut h, "Discard changes");

    let doc = h.state().document();
    assert_eq!(doc.cafe().info.title, "Café importé");
    assert_eq!(
        doc.cafe().counts(),
        (1, 2, 4),
        "the odd line is kept, unsorted"
    );
    assert!(doc.is_dirty(), "an import is a new, unsaved map");
    let message = h.state().message().unwrap_or_default().to_owned();
    assert!(
        message.contains("Imported notes.md: 1 table, 2 themes, 4 ideas"),
        "{message}"
    );
    assert!(message.contains("one item was not imported"), "{message}");
    // What was skipped is listed in the window until dismissed.
    assert!(h.query_by_label("Not imported from notes.md").is_some());
    assert!(h.query_by_label_contains("Note égarée\" is kept").is_some());
    click(&mut h, "Close");
    assert!(h.query_by_label("Not imported from notes.md").is_none());
    assert!(
        h.query_by_label("Comment coopérer ?").is_some(),
        "on the canvas"
    );

    // Saving an import asks for a new .ron name beside the source.
    ctrl(&mut h, Key::S);
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert_eq!(
        field.value().as_deref(),
        Some(dir.path().join("notes.ron").display().to_string().as_str())
    );
}

#[test]
fn dropping_a_map_opens_it_and_a_bad_file_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("carte.ron");
    cafemap::io::file::save(&map, &cafe()).unwrap();
    let bad = dir.path().join("image.png");
    std::fs::write(&bad, [0x89, b'P', b'N', b'G', 0, 0, 0]).unwrap();
    let mut h = open(app(Document::new(cafemap::ui::example(), None)));

    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(map.clone())));
    h.run();
    assert_eq!(title(&h), "Atelier");
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().recent_files(), std::slice::from_ref(&map));

    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(bad.clone())));
    h.run();
    assert_eq!(title(&h), "Atelier", "the open map stays");
    let message = h.state().message().unwrap_or_default();
    assert!(message.contains("image.png"), "{message}");
}

#[test]
fn import_from_the_menu_through_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("plan.md");
    std::fs::write(&md, OUTLINE).unwrap();
    let mut h = open(app(Document::new(cafe(), None)));
    click(&mut h, "File");
    h.get_by_label_contains("Import…").click();
    h.run();
    assert!(prompt_is_open(&h));
    type_path(&mut h, &dir.path().join("absent.md"));
    assert!(h.query_by_label("There is no such file.").is_some());
    type_path(&mut h, &md);
    assert_eq!(title(&h), "Café importé");
}

#[test]
fn export_from_the_file_menu_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(app(Document::new(cafe(), None)));
    click(&mut h, "File");
    h.get_by_label("Export").hover();
    h.run();
    click(&mut h, "Markdown outline (.md)…");
    assert!(prompt_is_open(&h));
    assert!(
        h.query_by_label("Export as Markdown outline (.md)…")
            .is_some()
    );
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(field.value().is_some_and(|v| v.ends_with("Atelier.md")));

    type_path(&mut h, &dir.path().join("partage"));
    h.state_mut().finish_writes();
    h.run();
    let written = std::fs::read_to_string(dir.path().join("partage.md")).unwrap();
    assert!(written.contains("Quelle coopération ?"), "{written}");
    assert!(written.contains("Échanges scolaires"));
    assert!(
        !dir.path().join("partage.md.bak").exists(),
        "no backup for exports"
    );
    let message = h.state().message().unwrap_or_default();
    assert!(message.starts_with("Exported to"), "{message}");
    assert!(
        !h.state().document().is_dirty(),
        "exporting does not save the map"
    );
}

#[test]
fn every_export_format_writes_its_kind_of_file() {
    use cafemap::io::export::ExportFormat::*;
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(app(Document::new(cafe(), None)));
    let starts: [(_, &[u8]); 9] = [
        (Pdf, b"%PDF"),
        (Html, b"<!DOCTYPE html>"),
        (Png, b"\x89PNG"),
        (Svg, b"<?xml"),
        (Markdown, b"# Atelier"),
        (Opml, b"<?xml"),
        (FreeMind, b"<map"),
        (Canvas, b"{"),
        (Csv, b"\xef\xbb\xbftable"),
    ];
    for (format, start) in starts {
        let ctx = h.ctx.clone();
        h.state_mut().run(&ctx, Command::Export(format));
        h.run();
        let path = dir.path().join(format!("carte.{}", format.extension()));
        type_path(&mut h, &path);
        h.state_mut().finish_writes();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert!(
            bytes.starts_with(start),
            "{format:?} starts with {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        );
    }
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn recent_files_are_remembered_listed_and_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let mut other = cafe();
    other.info.title = "Autre".into();
    cafemap::io::file::save(&a, &cafe()).unwrap();
    cafemap::io::file::save(&b, &other).unwrap();

    let mut h = open(app(Document::new(cafe(), None)));
    for path in [&a, &b] {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(path.clone())));
        h.run();
        // A map dropped on a map of ours may be a partner's copy: the window asks.
        if h.query_by_label("Open or merge?").is_some() {
            click(&mut h, "Open it");
        }
    }
    assert_eq!(h.state().recent_files(), [b.clone(), a.clone()]);
    let mut storage = Memory::default();
    h.state().save_state(&mut storage);

    // The next run remembers them; File ▸ Open recent reopens one.
    let mut next = CafeApp::with_document(Lang::En, Document::new(cafe(), None));
    next.restore_state(&storage);
    let mut h = open(next);
    click(&mut h, "File");
    h.get_by_label("Open recent").hover();
    h.run();
    h.get_by_label_contains("b.ron").click();
    h.run();
    assert_eq!(title(&h), "Autre");

    // A file deleted since is not offered again.
    std::fs::remove_file(&b).unwrap();
    let mut third = CafeApp::with_document(Lang::En, Document::new(cafe(), None));
    third.restore_state(&storage);
    assert_eq!(third.recent_files(), [a]);
}

#[test]
fn autosave_on_focus_loss_then_a_new_window_offers_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("maps/atelier.ron");
    let app = app(Document::new(cafe(), Some(original.clone())))
        .with_recovery(RecoveryStore::new(dir.path().join("recovery")));
    let mut h = open(app);
    click(&mut h, "Échanges scolaires");
    press(&mut h, Key::Delete);
    assert!(h.state().document().is_dirty());
    assert!(
        recovery_files(&dir.path().join("recovery")).is_empty(),
        "not at once"
    );
    // Waiting is left to egui: a repaint is asked for when the copy is due, not before.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay.as_secs_f64() > 29.0 && delay.as_secs_f64() <= 30.0,
        "{delay:?}"
    );

    h.input_mut().focused = false;
    h.run();
    h.state_mut().finish_writes();
    let copies = recovery_files(&dir.path().join("recovery"));
    assert_eq!(copies.len(), 1, "the window lost focus: copied");

    // The process dies: the copy stays.
    drop(h.into_state());

    let next = CafeApp::with_document(Lang::En, Document::new(cafemap::ui::example(), None))
        .with_recovery(RecoveryStore::new(dir.path().join("recovery")));
    let mut h = open(next);
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(h.query_by_label_contains("“atelier.ron”").is_some());
    assert!(h.query_by_label_contains("a moment ago").is_some());
    click(&mut h, "Restore");
    let doc = h.state().document();
    assert_eq!(doc.cafe().info.title, "Atelier");
    assert!(
        doc.cafe().tables[0]
            .nodes()
            .all(|n| n.text != "Échanges scolaires")
    );
    assert!(doc.is_dirty(), "restored work is not saved yet");
    assert_eq!(doc.path.as_deref(), Some(original.as_path()));
    let copies = recovery_files(&dir.path().join("recovery"));
    assert_eq!(copies.len(), 1, "the copy moved to this window");
    assert_eq!(Some(copies[0].as_path()), h.state().recovery_copy());

    // A clean exit removes it.
    h.state_mut().shutdown();
    assert_eq!(
        std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn autosave_after_thirty_seconds_cleared_by_saving_and_discard_drops_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let map = dir.path().join("carte.ron");
    cafemap::io::file::save(&map, &cafe()).unwrap();
    let doc = Document::new(cafemap::io::file::load(&map).unwrap(), Some(map.clone()));
    let mut h = open(app(doc).with_recovery(RecoveryStore::new(&rec)));
    assert_rests(&mut h, "a clean window");

    click(&mut h, "Jumelages");
    press(&mut h, Key::Delete);
    h.input_mut().time = Some(h.ctx.input(|i| i.time) + 29.0);
    h.run();
    assert!(recovery_files(&rec).is_empty());
    h.input_mut().time = Some(h.ctx.input(|i| i.time) + 2.0);
    h.run();
    h.state_mut().finish_writes();
    assert_eq!(recovery_files(&rec).len(), 1, "copied after 30 s");

    ctrl(&mut h, Key::S);
    assert!(recovery_files(&rec).is_empty(), "saved: no copy needed");

    // A copy from a crashed window, discarded at the next start.
    click(&mut h, "Quelle coopération ?");
    press(&mut h, Key::F2);
    h.event(Event::Text(" (bis)".into()));
    press(&mut h, Key::Enter);
    h.input_mut().focused = false;
    h.run();
    h.state_mut().finish_writes();
    assert_eq!(recovery_files(&rec).len(), 1);
    drop(h.into_state());
    let mut h = open(
        CafeApp::with_document(Lang::En, Document::new(cafe(), None))
            .with_recovery(RecoveryStore::new(&rec)),
    );
    click(&mut h, "Discard the copy");
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    assert!(recovery_files(&rec).is_empty());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn a_damaged_copy_can_only_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.ron"),
        "// CaféMap recovery {}\n(format_version: 1, ta",
    )
    .unwrap();
    let mut h = open(
        CafeApp::with_document(Lang::En, Document::new(cafe(), None))
            .with_recovery(RecoveryStore::new(dir.path())),
    );
    assert!(
        h.query_by_label_contains("This copy cannot be read")
            .is_some()
    );
    assert!(h.query_by_label("Restore").is_none());
    click(&mut h, "Discard the copy");
    assert!(recovery_files(dir.path()).is_empty());
}
