//! Partner copies merged back in the window: a map dropped on ours offers to merge it, the
//! review beside the map lists what the other copy changed and "Apply" is one undo step; File ▸
//! Trim history… warns before it trims; Save as… without history asks, then leaves it out.

use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::edit::{Edit, Placed, apply};
use cafemap::i18n::Lang;
use cafemap::io::file;
use cafemap::model::{Cafe, Node, NodeKind};
use cafemap::sync::MergeMode;
use cafemap::ui::{CafeApp, Command, Document};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn cafe() -> Cafe {
    let mut s = Sketch::new("Atelier", "Quelle coopération ?");
    let theme = s.theme("Jumelages", (0.0, 0.0));
    s.idea(Some(theme), "Échanges scolaires", (0.0, 200.0));
    s.cafe()
}

/// Our map, saved (with its history) in `dir`, and a partner's copy of it with one idea added.
fn ours_and_theirs(dir: &Path) -> (PathBuf, PathBuf) {
    let ours = dir.join("atelier.ron");
    file::save(&ours, &cafe()).unwrap();
    let mut theirs = file::load(&ours).unwrap();
    let theme = theirs.tables[0].themes()[0];
    let id = theirs.alloc_id();
    apply(
        &mut theirs,
        Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node: Node::new(id, NodeKind::Idea, "Idée du partenaire"),
                parent: Some(theme),
            }],
            links: vec![],
        },
    )
    .unwrap();
    let copy = dir.join("atelier-partenaire.ron");
    file::save(&copy, &theirs).unwrap();
    (ours, copy)
}

fn window_on(path: &Path) -> Window {
    let doc = Document::new(file::load(path).unwrap(), Some(path.to_owned()));
    open(CafeApp::with_document(Lang::En, doc).with_path_prompt())
}

fn has_text(h: &Harness<'_, CafeApp>, text: &str) -> bool {
    h.state()
        .document()
        .cafe()
        .tables
        .iter()
        .flat_map(|t| t.nodes())
        .any(|n| n.text == text)
}

#[test]
fn a_map_dropped_on_ours_offers_to_merge_it_and_apply_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, copy) = ours_and_theirs(dir.path());
    let mut h = window_on(&ours);

    h.input_mut().dropped_files.push(Arc::new(Dropped(copy)));
    h.run();
    assert!(h.query_by_label("Open or merge?").is_some());
    click(&mut h, "Merge into this map");

    // The review beside the map: where the copy comes from, and its one addition, ticked.
    assert!(
        h.query_by_label_contains("What atelier-partenaire.ron changed")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("The copies share their history")
            .is_some()
    );
    assert!(
        h.query_by_label("Added — Idée du partenaire").is_some(),
        "the addition is listed by its text"
    );
    assert!(
        h.query_by_label("→ “Jumelages”").is_some(),
        "and by where it goes"
    );
    assert!(
        h.query_by_label("1 item, 1 ticked, 0 conflicts").is_some(),
        "counted in words that agree with the number"
    );
    assert!(!has_text(&h, "Idée du partenaire"), "nothing before Apply");
    click(&mut h, "Apply");
    assert!(has_text(&h, "Idée du partenaire"));
    assert!(h.query_by_label("Apply").is_none(), "the review closes");
    assert!(h.state().document().is_dirty());

    ctrl(&mut h, Key::Z);
    assert!(
        !has_text(&h, "Idée du partenaire"),
        "one undo takes it back"
    );
}

#[test]
fn trimming_the_history_warns_first_and_older_copies_then_merge_note_by_note() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, copy) = ours_and_theirs(dir.path());
    // Edited here after the copy was sent: the copy parted from a past the trim drops.
    let mut edited = file::load(&ours).unwrap();
    let theme = edited.tables[0].themes()[0];
    apply(
        &mut edited,
        Edit::SetText {
            table: 0,
            id: theme,
            text: "Jumelages et échanges".into(),
        },
    )
    .unwrap();
    file::save(&ours, &edited).unwrap();
    let mut h = window_on(&ours);

    command(&mut h, Command::TrimHistory);
    assert!(
        h.query_by_label_contains("merge back only as a note-by-note comparison")
            .is_some(),
        "the warning says what is lost"
    );
    click(&mut h, "Cancel");
    assert!(!h.state().document().is_dirty(), "cancel trims nothing");

    command(&mut h, Command::TrimHistory);
    click(&mut h, "Trim the history");
    assert!(
        h.state().document().is_dirty(),
        "the trim is saved with the map"
    );
    ctrl(&mut h, Key::S);
    let trimmed = file::load(&ours).unwrap();
    assert_eq!(trimmed, edited, "the map itself is untouched");
    let review = cafemap::sync::merge(&trimmed, &file::load(&copy).unwrap());
    assert!(
        matches!(review.mode, MergeMode::TwoWay(_)),
        "{:?}",
        review.mode
    );
}

#[test]
fn save_as_without_history_asks_then_leaves_the_history_out() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, _) = ours_and_theirs(dir.path());
    let mut h = window_on(&ours);
    click(&mut h, "File");
    click(&mut h, "Save as… without history");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let plain = dir.path().join("sans-historique.ron");
    ctrl(&mut h, Key::A);
    h.event(Event::Text(plain.display().to_string()));
    h.run();
    press(&mut h, Key::Enter);
    assert!(h.query_by_label("Save without history?").is_some());
    assert!(!plain.exists(), "nothing written before the yes");
    click(&mut h, "Save without history");

    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(!text.contains("history:"), "{text}");
    assert_eq!(file::load(&plain).unwrap(), cafe());
    assert!(!h.state().document().is_dirty());
    // The map now mirrors its file: saved again, still without history.
    ctrl(&mut h, Key::S);
    assert!(
        !std::fs::read_to_string(&plain)
            .unwrap()
            .contains("history:")
    );
}
