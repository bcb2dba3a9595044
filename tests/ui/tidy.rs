//! Tidy in the window: a raw text imported as a new user would, the review panel, Accept all,
//! Apply, one Undo; a rejected join; the Tidy command on notes already in the tray.

use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use cafemap::ui::{CafeApp, Command, Document, StartOptions};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/seed/world-cafe-restitution.txt")
}

/// The app as `cafemap world-cafe-restitution.txt` starts it.
fn seed_imported() -> Window {
    let options = StartOptions {
        file: Some(seed_path()),
        ..Default::default()
    };
    open(CafeApp::new(Lang::En, options))
}

/// Every note's text, table by table, sorted: what the user sees, whatever the ids.
fn texts(h: &Harness<'_, CafeApp>) -> Vec<Vec<String>> {
    h.state()
        .document()
        .cafe()
        .tables
        .iter()
        .map(|t| {
            let mut v: Vec<String> = t.nodes().map(|n| n.text.clone()).collect();
            v.sort();
            v
        })
        .collect()
}

fn has_note(h: &Harness<'_, CafeApp>, text: &str) -> bool {
    all_nodes(h).any(|n| n.text == text)
}

fn click(h: &mut Harness<'_, CafeApp>, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

#[test]
fn imported_fragments_are_reviewed_accepted_applied_and_undone_in_one_step() {
    let mut h = seed_imported();
    let fragments = texts(&h);
    assert_eq!(fragments.len(), 1, "the import is one table of fragments");
    assert!(fragments[0].len() > 100, "{} notes", fragments[0].len());
    // The review is offered at once, with the tables and a join previewed as it will read.
    assert!(h.query_by_label("Accept all").is_some());
    assert!(
        h.query_by_label_contains("Table 1: Comment faire perdurer les relations")
            .is_some()
    );
    assert!(
        h.query_by_label("Appui sur les ONG locales, sur les centres culturels")
            .is_some()
    );
    assert!(!has_note(
        &h,
        "Appui sur les ONG locales, sur les centres culturels"
    ));

    click(&mut h, "Accept all");
    click(&mut h, "Apply");
    assert!(h.query_by_label("Accept all").is_none(), "the panel closes");
    let cafe = &h.state().document().cafe();
    assert_eq!(cafe.tables.len(), 3);
    // The header line "Restitution des échanges" completes the title; no header is a note.
    assert_eq!(cafe.info.title, "World cafés — Restitution des échanges");
    for header in [
        "3 tables rondes :",
        "Restitution des échanges",
        "Animation et prise de note :",
    ] {
        assert!(!has_note(&h, header), "{header:?} is a note");
    }
    assert!(has_note(
        &h,
        "Appui sur les ONG locales, sur les centres culturels"
    ));
    let theme = cafe.tables[0]
        .nodes()
        .find(|n| n.text == "Maintien des actions")
        .map(|n| n.kind);
    assert_eq!(theme, Some(NodeKind::Theme));

    ctrl(&mut h, Key::Z);
    assert_eq!(texts(&h), fragments, "one undo brings every fragment back");
    assert_eq!(h.state().document().cafe().info.title, "");
}

#[test]
fn a_rejected_join_stays_two_notes() {
    let mut h = seed_imported();
    click(&mut h, "Sensibilisation / Education");
    click(&mut h, "Apply");
    assert!(has_note(&h, "Sensibilisation"));
    assert!(has_note(&h, "/ Education"));
    assert!(!has_note(&h, "Sensibilisation / Education"));
    // The joins that were not rejected were applied.
    assert!(has_note(&h, "Manifestations culturelles"));
}

#[test]
fn the_tidy_command_joins_notes_of_the_tray_and_keeps_what_they_were_made_of() {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut table = cafe.new_table("How do we share the work?");
    for piece in [
        "Training for the",
        "mayors of partner towns",
        "Open a shared office",
    ] {
        let id = cafe.alloc_id();
        table
            .insert(Node::new(id, NodeKind::Idea, piece), None)
            .unwrap();
    }
    cafe.tables.push(table);
    cafemap::layout::arrange_cafe(&mut cafe);
    let mut h = open(CafeApp::with_document(Lang::En, Document::new(cafe, None)));
    assert!(
        h.query_by_label("Apply").is_none(),
        "nothing offered unasked"
    );

    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::Tidy);
    h.run();
    assert!(
        h.query_by_label("Training for the mayors of partner towns")
            .is_some()
    );
    click(&mut h, "Apply");
    let t = &h.state().document().cafe().tables[0];
    let merged = t
        .nodes()
        .find(|n| n.text == "Training for the mayors of partner towns")
        .expect("joined");
    assert_eq!(
        merged.merged_from,
        ["Training for the", "mayors of partner towns"]
    );
    assert!(has_note(&h, "Open a shared office"));
    assert_eq!(t.unsorted().len(), 2);
}

#[test]
fn pasted_lines_are_offered_for_tidying() {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café".into(),
        ..CafeInfo::default()
    });
    let table = cafe.new_table("Quels partenaires ?");
    cafe.tables.push(table);
    let mut h = open(CafeApp::with_document(Lang::En, Document::new(cafe, None)));
    h.event(egui::Event::Paste(
        "Appui sur les\n\nONG locales\nTisser un réseau\n".into(),
    ));
    h.run();
    assert!(has_note(&h, "Appui sur les"), "pasted as they came");
    assert!(h.query_by_label("Appui sur les ONG locales").is_some());
    click(&mut h, "Apply");
    assert!(has_note(&h, "Appui sur les ONG locales"));
    assert!(has_note(&h, "Tisser un réseau"));
    assert!(!has_note(&h, "ONG locales"));
}

#[test]
fn markdown_paragraphs_broken_by_a_pdf_are_offered_to_tidy_too() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.md");
    std::fs::write(
        &md,
        "# Atelier\n\n## Comment garder le lien ?\n\n- Maintien du lien\n  - Tisser un réseau\n\n\
         Appui sur les\nONG locales, sur\nles centres\nculturels\n",
    )
    .unwrap();
    let options = StartOptions {
        file: Some(md),
        ..Default::default()
    };
    let mut h = open(CafeApp::new(Lang::En, options));
    assert!(has_note(&h, "Appui sur les"), "imported as fragments");
    assert!(h.query_by_label("Accept all").is_some(), "Tidy is offered");
    click(&mut h, "Apply");
    assert!(has_note(
        &h,
        "Appui sur les ONG locales, sur les centres culturels"
    ));
    assert!(has_note(&h, "Tisser un réseau"), "the outline is kept");
}

#[test]
fn a_line_holding_two_notes_is_split_unless_the_split_is_unticked() {
    let mut h = seed_imported();
    let split = "Projets « clé en main » de la DAECT  ⁄  Engagement sur le long terme et consolidation juridique";
    assert!(h.query_by_label(split).is_some(), "the split is offered");
    click(&mut h, split);
    click(&mut h, "Apply");
    assert!(has_note(
        &h,
        "Projets « clé en main » de la DAECT Engagement sur le long terme et consolidation juridique"
    ));
    // The split left ticked was applied.
    assert!(has_note(&h, "Portage/Appui politique"));
    assert!(!has_note(&h, "Portage/Appui politique Prérequis"));
}

/// Ctrl+N → Skip → Ctrl+V of one table's raw text: its first line, which asks, is proposed as
/// the table's question, and replaces the placeholder.
#[test]
fn a_pasted_tables_question_becomes_the_question() {
    let mut h = open(CafeApp::new(Lang::En, StartOptions::default()));
    ctrl(&mut h, Key::N);
    if h.query_by_label("Discard changes").is_some() {
        click(&mut h, "Discard changes");
    }
    click(&mut h, "Skip");
    let question = "Comment faire perdurer les relations entre collectivités en temps de crise ?";
    h.event(egui::Event::Paste(format!(
        "{question}\n\nMaintien des\nactions\n\nAppui sur les\nONG locales\n\nAppui sur la diaspora\n"
    )));
    h.run();
    assert!(
        h.query_by_label_contains("Table 1: Comment faire perdurer")
            .is_some(),
        "the question is proposed"
    );
    click(&mut h, "Apply");
    let cafe = h.state().document().cafe();
    assert_eq!(cafe.tables.len(), 1);
    assert_eq!(cafe.tables[0].question_node().text, question);
    let saying_it = cafe.tables[0]
        .nodes()
        .filter(|n| n.text == question)
        .count();
    assert_eq!(saying_it, 1, "the question is not also a note");
    assert!(has_note(&h, "Appui sur les ONG locales"));
}
