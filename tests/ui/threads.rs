//! Common threads in the window, on the example event: the review (accept, rename, take an idea
//! out, reject), the synthesis table built in one undo step, its references following the
//! originals (and taking you to them), the coverage matrix's cells taking you to the ideas, and
//! synonyms saved in the map.

use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::model::{NodeId, Table};
use cafemap::ui::{CafeApp, Command, Document, example};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Window {
    open_with(
        builder().with_size(egui::vec2(1500.0, 950.0)),
        CafeApp::with_document(Lang::En, Document::new(example(), None)),
    )
}

/// Clicks the `n`-th widget labelled `label`.
fn click_nth(h: &mut Harness<'_, CafeApp>, label: &str, n: usize) {
    h.get_all_by_label(label)
        .nth(n)
        .unwrap_or_else(|| panic!("no {label:?} number {n}"))
        .click();
    h.run();
}

fn tables(h: &Harness<'_, CafeApp>) -> usize {
    h.state().document().cafe().tables.len()
}

fn synthesis(h: &Harness<'_, CafeApp>) -> Table {
    h.state()
        .document()
        .cafe()
        .tables
        .last()
        .expect("a table")
        .clone()
}

/// Theme texts of a table, and under each the ids its references stand for.
fn threads_of(t: &Table) -> Vec<(String, Vec<NodeId>)> {
    t.themes()
        .into_iter()
        .map(|th| {
            let text = t.node(th).map(|n| n.text.clone()).unwrap_or_default();
            let refs = t
                .children(th)
                .into_iter()
                .filter_map(|r| t.node(r).and_then(|n| n.refers_to))
                .collect();
            (text, refs)
        })
        .collect()
}

/// Where the thread "Appui" (ideas 4 and 7, both at table 1) comes in the example's proposal.
const APPUI: usize = 6;

/// Finds common threads, accepts the thread "Appui" and builds the synthesis.
fn build_appui_thread(h: &mut Harness<'_, CafeApp>) {
    let cafe = example();
    let proposed = cafemap::harvest::threads::propose(&cafe, &[]);
    assert_eq!(
        proposed.get(APPUI).map(|t| t.ideas.clone()),
        Some([4, 7].map(NodeId).to_vec()),
        "{proposed:#?}"
    );
    command(h, Command::FindThreads);
    // It is further down the review: scrolled to first, as a user would.
    h.get_all_by_label("Accept")
        .nth(APPUI)
        .expect("an Accept button for Appui")
        .scroll_to_me();
    h.run();
    click_nth(h, "Accept", APPUI);
    click(h, "Build synthesis (1)");
}

#[test]
fn review_accept_rename_remove_reject_then_build_in_one_undo_step() {
    let mut h = harness();
    command(&mut h, Command::FindThreads);
    assert!(h.query_by_label("Common threads").is_some());
    assert!(
        h.query_by_label_contains("10 threads (20 of 37 ideas)")
            .is_some()
    );
    // Each idea with its table badge.
    assert_eq!(
        h.query_all_by_label("Appui sur diaspora et comités de jumelage")
            .count(),
        2,
        "on the map and in the review"
    );
    assert!(h.query_all_by_label("T3").count() >= 1);

    // Accept the first thread (Projet: ideas 6 and 45) and rename it.
    click_nth(&mut h, "Accept", 0);
    let name = h.get_all_by_label("Name").next().expect("a name field");
    name.focus();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_all_by_label("Name")
        .next()
        .expect("a name field")
        .type_text("Conventions pluriannuelles");
    h.run();
    // Take the first idea of the third thread (Echanges: ideas 11 and 41) out: a thread left
    // with one idea is no thread.
    click_nth(&mut h, "✕", 4);
    assert!(
        h.query_by_label_contains("9 threads (18 of 37 ideas)")
            .is_some()
    );
    // Reject the second thread (Maintien du lien), accept the one after it (Réseau).
    click_nth(&mut h, "Reject", 1);
    click_nth(&mut h, "Accept", 1);
    click(&mut h, "Build synthesis (2)");

    assert_eq!(tables(&h), 4);
    assert_eq!(h.state().current_table(), 3, "the synthesis is shown");
    assert!(
        h.query_by_label("Common threads").is_none(),
        "the review closes"
    );
    let s = synthesis(&h);
    assert_eq!(
        s.question_node().text,
        "Synthesis: the common threads of the tables"
    );
    assert_eq!(
        threads_of(&s),
        vec![
            (
                "Conventions pluriannuelles".to_owned(),
                [6, 45].map(NodeId).to_vec()
            ),
            ("Réseau".to_owned(), [12, 25].map(NodeId).to_vec()),
        ]
    );
    // The references read as their originals, with their table.
    assert!(
        h.query_by_label("Tisser un réseau de relations multi-acteurs\n→ Table 1")
            .is_some()
    );

    ctrl(&mut h, Key::Z);
    assert_eq!(tables(&h), 3, "one undo takes the whole synthesis back");
}

#[test]
fn references_follow_their_originals_and_take_you_to_them() {
    let mut h = harness();
    build_appui_thread(&mut h);
    assert_eq!(h.state().current_table(), 3);
    let reference = "Appui sur diaspora et comités de jumelage\n→ Table 1";
    // Go to original (also a double-click) shows it on its table, selected.
    click(&mut h, reference);
    command(&mut h, Command::GoToOriginal);
    assert_eq!(h.state().current_table(), 0);
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        [NodeId(4)]
    );

    // Edit the original there (typing replaces its text; Enter commits).
    h.event(egui::Event::Text("Diaspora et comités de jumelage".into()));
    h.run();
    press(&mut h, Key::Enter);
    let original = h
        .state()
        .document()
        .cafe()
        .node(NodeId(4))
        .map(|n| n.text.clone());
    assert_eq!(original.as_deref(), Some("Diaspora et comités de jumelage"));

    // Back on the synthesis, the reference reads the new text.
    h.get_by_label_contains("Synthesis").click();
    h.run();
    assert_eq!(h.state().current_table(), 3);
    assert!(
        h.query_by_label("Diaspora et comités de jumelage\n→ Table 1")
            .is_some()
    );

    // Typing on a selected reference edits the idea it stands for, on its table.
    h.get_by_label("Diaspora et comités de jumelage\n→ Table 1")
        .click();
    h.run();
    h.event(egui::Event::Text("Diasporas".into()));
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(h.state().current_table(), 0);
    let cafe = h.state().document().cafe();
    assert_eq!(
        cafe.node(NodeId(4)).map(|n| n.text.as_str()),
        Some("Diasporas")
    );

    // Deleting the original leaves the reference with the text it was made with, marked.
    click(&mut h, "Diasporas");
    press(&mut h, Key::Delete);
    assert!(h.state().document().cafe().node(NodeId(4)).is_none());
    h.get_by_label_contains("Synthesis").click();
    h.run();
    assert!(
        h.query_by_label("Appui sur diaspora et comités de jumelage\n→ —")
            .is_some()
    );
    // Go to original on it says there is none; undoing the deletion brings the link back.
    h.get_by_label("Appui sur diaspora et comités de jumelage\n→ —")
        .click();
    h.run();
    command(&mut h, Command::GoToOriginal);
    assert_eq!(h.state().current_table(), 3);
    ctrl(&mut h, Key::Z);
    h.get_by_label_contains("Synthesis").click();
    h.run();
    assert!(h.query_by_label("Diasporas\n→ Table 1").is_some());
}

#[test]
fn a_matrix_cell_lists_its_ideas_and_a_click_jumps_to_one() {
    let mut h = harness();
    build_appui_thread(&mut h);
    command(&mut h, Command::CoverageMatrix);
    assert!(h.query_by_label("Coverage matrix").is_some());
    // The thread's row: 2 ideas at table 1, none elsewhere, at 1 of the 3 tables.
    assert!(h.query_all_by_label("Appui").count() >= 1);
    assert!(h.query_by_label("1 of 3").is_some());
    click_nth(&mut h, "2", 0);
    assert!(h.query_by_label("Appui — table 1").is_some());
    h.get_by_label("S’appuyer sur un pays tiers à proximité")
        .click();
    h.run();
    assert_eq!(h.state().current_table(), 0);
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        [NodeId(7)]
    );
    // The matrix by themes has a row per theme wording.
    click_nth(&mut h, "Themes", 0);
    assert!(h.query_by_label("Manifestations culturelles").is_some());
}

#[test]
fn synonyms_are_saved_in_the_map_and_change_the_proposal() {
    let mut h = harness();
    command(&mut h, Command::FindThreads);
    click(&mut h, "Synonyms");
    let field = h.get_by_label("Synonym groups");
    field.focus();
    h.run();
    h.get_by_label("Synonym groups")
        .type_text("jumelage, coopération\nONG, associations");
    h.run();
    click(&mut h, "Save and find again");
    let cafe = h.state().document().cafe();
    assert_eq!(
        cafe.synonyms,
        vec![
            vec!["jumelage".to_owned(), "coopération".into()],
            vec!["ONG".to_owned(), "associations".into()],
        ]
    );
    assert!(h.state().document().is_dirty(), "an edit of the map");
    // The twinning idea now meets the one on cooperation (ONG and associations were already
    // one group of the bundled lexicon).
    let together = |threads: &[cafemap::harvest::threads::Thread]| {
        threads
            .iter()
            .any(|t| t.ideas.contains(&NodeId(4)) && t.ideas.contains(&NodeId(8)))
    };
    assert!(!together(&cafemap::harvest::threads::propose(cafe, &[])));
    let threads = cafemap::harvest::threads::propose(cafe, &cafe.synonyms);
    assert!(together(&threads), "{threads:#?}");
}

#[test]
fn the_matrix_exports_as_csv() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = CafeApp::with_document(Lang::En, Document::new(example(), None)).with_path_prompt();
    let mut h = open_with(builder().with_size(egui::vec2(1500.0, 950.0)), app);
    build_appui_thread(&mut h);
    command(&mut h, Command::CoverageMatrix);
    click(&mut h, "Export matrix as CSV…");
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(
        field.value().is_some_and(|v| v.ends_with("-coverage.csv")),
        "{:?}",
        field.value()
    );
    field.focus();
    h.run();
    ctrl(&mut h, Key::A);
    let path = dir.path().join("matrice");
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    press(&mut h, Key::Enter);
    h.state_mut().finish_writes();
    h.run();
    let written = std::fs::read_to_string(dir.path().join("matrice.csv")).expect("written");
    let lines: Vec<&str> = written.trim_start_matches('\u{feff}').lines().collect();
    // The table partners read is in the café's language (French), not the window's.
    assert!(
        lines[0].starts_with("Fils,Table 1: Comment faire perdurer"),
        "{written}"
    );
    assert_eq!(lines[1], "Appui,2,0,0,0,0,0");
}

/// The text in the `n`-th field labelled `label`.
fn field_text(h: &Harness<'_, CafeApp>, label: &str, n: usize) -> String {
    h.get_all_by_label(label)
        .nth(n)
        .and_then(|f| f.value())
        .unwrap_or_default()
}

/// Selects all of the `n`-th field labelled `label` and types `text` over it.
fn retype(h: &mut Harness<'_, CafeApp>, label: &str, n: usize, text: &str) {
    h.get_all_by_label(label)
        .nth(n)
        .unwrap_or_else(|| panic!("no {label:?} number {n}"))
        .focus();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.run();
    h.event(egui::Event::Text(text.into()));
    h.run();
}

#[test]
fn a_name_being_typed_is_a_draft_esc_restores_it_and_leaving_the_field_keeps_it() {
    let mut h = harness();
    command(&mut h, Command::FindThreads);
    let proposed = field_text(&h, "Name", 0);
    assert!(!proposed.is_empty());

    retype(&mut h, "Name", 0, "Appuis locaux");
    assert_eq!(field_text(&h, "Name", 0), "Appuis locaux");
    press(&mut h, Key::Escape);
    assert_eq!(
        field_text(&h, "Name", 0),
        proposed,
        "Esc gives the name back"
    );
    assert!(
        h.query_by_label("Common threads").is_some(),
        "Esc leaves the review open"
    );

    // Typed again, then the user goes elsewhere in the panel: the text stays.
    retype(&mut h, "Name", 0, "Réseaux d’appui");
    click_nth(&mut h, "Accept", 0);
    assert_eq!(field_text(&h, "Name", 0), "Réseaux d’appui");
    // Enter puts a name in as well.
    retype(&mut h, "Name", 1, "Projets communs");
    press(&mut h, Key::Enter);
    assert_eq!(field_text(&h, "Name", 1), "Projets communs");
    press(&mut h, Key::Escape);
    assert_eq!(field_text(&h, "Name", 1), "Projets communs", "already in");

    click(&mut h, "Build synthesis (1)");
    assert_eq!(threads_of(&synthesis(&h))[0].0, "Réseaux d’appui");
}

#[test]
fn synonyms_being_typed_are_a_draft_too() {
    let mut h = harness();
    command(&mut h, Command::FindThreads);
    click(&mut h, "Synonyms");
    retype(&mut h, "Synonym groups", 0, "élus, conseillers");
    press(&mut h, Key::Escape);
    assert_eq!(
        field_text(&h, "Synonym groups", 0),
        "",
        "Esc drops the draft"
    );

    retype(&mut h, "Synonym groups", 0, "jumelage, coopération");
    // Going to the question field keeps what was typed in the synonyms.
    retype(&mut h, "Synthesis question", 0, "Nos fils rouges");
    assert_eq!(field_text(&h, "Synonym groups", 0), "jumelage, coopération");
    click(&mut h, "Save and find again");
    assert_eq!(
        h.state().document().cafe().synonyms,
        vec![vec!["jumelage".to_owned(), "coopération".into()]]
    );
    assert_eq!(field_text(&h, "Synthesis question", 0), "Nos fils rouges");
}
