//! The editor around a restitution, driven as a facilitator would (issue 15): the command palette
//! found without accents, File ▸ New from the café's plan, the tray after a merge, zoom to fit
//! with a full tray, and the view left alone when a theme is added.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::geom::Rect;
use cafemap::i18n::Lang;
use cafemap::model::{Cafe, NodeId, NodeKind, Table};
use cafemap::text::layout_node_text;
use cafemap::ui::{CafeApp, Command, Document};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::BTreeSet;

fn harness_in(lang: Lang, doc: Document) -> Window {
    open(CafeApp::with_document(lang, doc))
}

fn harness(lang: Lang, cafe: Cafe) -> Window {
    harness_in(lang, Document::new(cafe, None))
}

fn open_palette(h: &mut Harness<'_, CafeApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
}

#[test]
fn the_palette_finds_presenter_typed_without_accent_and_says_when_nothing_matches() {
    let mut h = harness(Lang::Fr, cafemap::ui::example());
    open_palette(&mut h);
    // The toolbar has a « Présenter » button too: the palette lists a second one (with its
    // shortcut).
    let shown = |h: &Harness<'_, CafeApp>| h.query_all_by_label_contains("Présenter").count();
    type_text(&mut h, "pres");
    assert_eq!(shown(&h), 2, "« pres » lists « Présenter »");
    assert!(h.query_by_label_contains("Aucune commande").is_none());
    press(&mut h, Key::Enter);
    assert!(
        h.state().presentation().is_some(),
        "Enter runs the best match: the presentation starts"
    );
    press(&mut h, Key::Escape);

    open_palette(&mut h);
    type_text(&mut h, "xqzw");
    assert!(
        h.query_by_label("Aucune commande ne correspond à « xqzw ».")
            .is_some(),
        "a line says nothing matches"
    );
    assert_eq!(shown(&h), 1, "and lists nothing");
}

fn click_label(h: &mut Harness<'_, CafeApp>, label: &str) {
    click(h, label);
}

fn field(h: &mut Harness<'_, CafeApp>, label: &str) {
    let role = |r| h.query_by_role_and_label(r, label).is_some();
    let role = if role(egui::accesskit::Role::TextInput) {
        egui::accesskit::Role::TextInput
    } else {
        egui::accesskit::Role::MultilineTextInput
    };
    h.get_by_role_and_label(role, label).click();
    h.run();
}

#[test]
fn new_asks_for_the_plan_and_makes_one_table_per_pasted_question() {
    let mut h = harness(Lang::En, cafemap::ui::example());
    ctrl(&mut h, Key::N);
    assert!(h.query_by_label("New café").is_some(), "the dialog is up");
    type_text(&mut h, "Café des voisins");
    field(&mut h, "Date");
    type_text(&mut h, "12 March 2026");
    field(
        &mut h,
        "Table questions, one per line (paste the plan: bullets and numbers are removed)",
    );
    h.event(Event::Paste(
        "1. How do we welcome newcomers?\n2) Which places could we share?\n\n- Who is missing?\n"
            .into(),
    ));
    h.run();
    assert!(h.query_by_label("3 tables will be created.").is_some());
    click_label(&mut h, "Create");

    let cafe = &h.state().document().cafe();
    assert_eq!(cafe.info.title, "Café des voisins");
    assert_eq!(cafe.info.date, "12 March 2026");
    let questions: Vec<&str> = cafe
        .tables
        .iter()
        .map(|t| t.question_node().text.as_str())
        .collect();
    assert_eq!(
        questions,
        [
            "How do we welcome newcomers?",
            "Which places could we share?",
            "Who is missing?"
        ]
    );
    assert!(h.query_by_label("How do we welcome newcomers?").is_some());
    assert!(
        h.state().document().is_dirty(),
        "a planned event is not lost by closing"
    );
}

#[test]
fn new_can_be_skipped_and_the_unsaved_work_guard_comes_first() {
    let mut h = harness(Lang::En, cafemap::ui::example());
    command(&mut h, Command::NewDocument);
    click_label(&mut h, "Skip");
    let cafe = &h.state().document().cafe();
    assert_eq!(cafe.tables.len(), 1);
    assert_eq!(cafe.tables[0].question_node().text, "New question?");
    assert!(!h.state().document().is_dirty());

    // Unsaved work: the guard asks before the dialog shows.
    command(&mut h, Command::AddTable);
    press(&mut h, Key::Escape);
    assert!(h.state().document().is_dirty());
    command(&mut h, Command::NewDocument);
    assert!(h.query_by_label("New café").is_none());
    assert!(h.query_by_label("Discard changes").is_some());
    click_label(&mut h, "Discard changes");
    assert!(h.query_by_label("New café").is_some(), "then the dialog");
}

/// A question with one theme, and unsorted notes in the tray, arranged.
fn tray_cafe(notes: &[&str]) -> Cafe {
    let mut s = Sketch::new("Tray", "Comment coopérer ?");
    let theme = s.theme("Maintien du lien", (0.0, 0.0));
    s.idea(Some(theme), "Jumelages", (0.0, 0.0));
    s.row(None, notes, (0.0, 0.0), 0.0);
    let mut cafe = s.cafe();
    cafemap::layout::arrange_cafe(&mut cafe);
    cafe
}

fn rect_of(t: &Table, id: NodeId) -> Rect {
    let n = t.node(id).unwrap();
    Rect::from_center_size(n.pos, layout_node_text(n.kind, &n.text).size)
}

#[test]
fn merging_two_tray_notes_reflows_the_tray_without_overlap_or_hole_in_one_undo_step() {
    let notes = [
        "Appui sur les ONG locales",
        "sur les centres culturels, les écoles, les associations de quartier et les clubs",
        "Échanges de jeunes",
        "Maintien des actions malgré la crise",
        "Accueil des délégations",
        "Formation des élus",
        "Visites croisées",
        "Projets communs avec les entreprises",
    ];
    let cafe = tray_cafe(&notes);
    let before = cafe.clone();
    let mut h = harness(Lang::Fr, cafe);
    let (a, b) = (id_of(&h, notes[0]), id_of(&h, notes[1]));
    h.state_mut().editor.selection = BTreeSet::from([a, b]);
    ctrl(&mut h, Key::M);

    let t = table(&h);
    let merged = "Appui sur les ONG locales sur les centres culturels, les écoles, les associations de quartier et les clubs";
    assert_eq!(t.node(a).unwrap().text, merged);
    let tray = cafemap::layout::tray_notes(t);
    assert_eq!(tray.len(), notes.len() - 1);
    for (i, &x) in tray.iter().enumerate() {
        for &y in &tray[i + 1..] {
            assert!(
                !rect_of(t, x).intersects(&rect_of(t, y)),
                "{:?} covers {:?}",
                t.node(x).unwrap().text,
                t.node(y).unwrap().text
            );
        }
    }
    assert!(
        cafemap::layout::reflow_tray(t).is_empty(),
        "the tray is packed: no hole where the second note was"
    );
    let texts: Vec<&str> = tray
        .iter()
        .map(|&id| t.node(id).unwrap().text.as_str())
        .collect();
    assert_eq!(texts[0], merged, "the tray keeps its reading order");
    assert_eq!(texts[1..], notes[2..]);
    assert!(
        h.query_by_label(merged).is_some(),
        "the merged note is on screen"
    );

    ctrl(&mut h, Key::Z);
    assert_eq!(
        *h.state().document().cafe(),
        before,
        "one undo takes back the merge and the reflow"
    );
}

#[test]
fn deleting_a_tray_note_closes_its_hole() {
    let notes = ["un", "deux", "trois", "quatre", "cinq", "six"];
    let mut h = harness(Lang::Fr, tray_cafe(&notes));
    let first = id_of(&h, "un");
    let place = table(&h).node(first).unwrap().pos;
    h.state_mut().editor.selection = BTreeSet::from([first]);
    press(&mut h, Key::Delete);
    let t = table(&h);
    assert_eq!(
        cafemap::layout::tray_notes(t)
            .first()
            .map(|&id| t.node(id).unwrap().text.as_str()),
        Some("deux")
    );
    assert!(cafemap::layout::reflow_tray(t).is_empty());
    assert!(
        t.node(id_of(&h, "deux")).unwrap().pos.x <= place.x + 1.0,
        "the next note moved up into the first place"
    );
}

fn zoom(h: &Harness<'_, CafeApp>) -> f32 {
    h.state()
        .views
        .canvas
        .camera(table(h).question())
        .unwrap()
        .zoom
}

#[test]
fn zoom_to_fit_keeps_the_seed_raw_text_legible() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/seed/world-cafe-restitution.txt");
    let imported = cafemap::io::import::import_path(&path).unwrap();
    let unsorted: usize = imported
        .cafe
        .tables
        .iter()
        .map(|t| t.unsorted().len())
        .sum();
    assert!(unsorted > 100, "{unsorted}");
    let mut h = harness(Lang::Fr, imported.cafe);
    // The table with the full tray.
    let full = h
        .state()
        .document()
        .cafe()
        .tables
        .iter()
        .position(|t| t.unsorted().len() > 100)
        .unwrap();
    for _ in 0..full {
        command(&mut h, Command::NextTable);
    }
    command(&mut h, Command::ZoomFit);
    for _ in 0..30 {
        h.step();
    }
    let idea_px = zoom(&h) * cafemap::text::NodeStyle::of(NodeKind::Idea).font_size;
    assert!(idea_px >= 10.9, "note text at fit: {idea_px:.1} px");
    assert!(
        h.query_by_label(&table(&h).question_node().text.clone())
            .is_some(),
        "the question is on screen"
    );
}

#[test]
fn adding_a_theme_does_not_zoom_the_view_out() {
    let mut h = harness(Lang::Fr, cafemap::ui::example());
    // Zoomed in on the question to read it, as while building a table by hand.
    command(&mut h, Command::ZoomIn);
    command(&mut h, Command::ZoomIn);
    let before = zoom(&h);
    let q = table(&h).question();
    h.state_mut().editor.selection = BTreeSet::from([q]);
    for name in ["Nouveau thème A", "Nouveau thème B", "Nouveau thème C"] {
        command(&mut h, Command::AddChild);
        type_text(&mut h, name);
        press(&mut h, Key::Enter);
        for _ in 0..30 {
            h.step();
        }
        assert_eq!(zoom(&h), before, "after adding {name:?}");
        assert!(h.query_by_label(name).is_some(), "{name:?} is on screen");
        h.state_mut().editor.selection = BTreeSet::from([q]);
    }
}
