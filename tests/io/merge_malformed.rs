//! Bad histories (issue #21): corrupt, truncated, foreign, or out of step with the document.
//! The document part always opens, with a notice that the history was set aside, and merging
//! such a copy falls back to the comparison by id. Never a panic.

use base64::Engine;
use cafemap::edit::{Edit, apply};
use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use cafemap::sync::{self, MergeMode};

fn map(question: &str, ideas: &[&str]) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café".into(),
        ..Default::default()
    });
    let mut t = cafe.new_table(question);
    for text in ideas {
        let id = cafe.alloc_id();
        t.insert(Node::new(id, NodeKind::Idea, *text), Some(t.question()))
            .unwrap();
    }
    cafe.tables.push(t);
    cafe
}

fn example() -> Cafe {
    map(
        "Comment coopérer ?",
        &["Vélos partagés", "Bus de nuit", "Jardins"],
    )
}

/// The file's text with its history field replaced by `history` (RON, e.g. `["…"]`).
fn with_history(text: &str, history: &str) -> String {
    let start = text.find("    history: [").expect("a history field");
    format!("{}    history: {history},\n)\n", &text[..start])
}

fn history_lines(text: &str) -> Vec<String> {
    let start = text.find("    history: [").expect("a history field");
    text[start..]
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .strip_suffix("\",")
                .map(str::to_owned)
        })
        .collect()
}

fn opens_with_notice(text: &str) -> Cafe {
    let cafe = file::from_str(text).expect("the document opens");
    assert_eq!(cafe, example(), "the document is intact");
    let notice = cafe
        .history
        .notice()
        .expect("a notice that history was set aside");
    assert!(!notice.contains('\n'), "{notice}");
    // Merging it with a copy of the map compares note by note.
    let review = sync::merge(
        &cafe,
        &file::from_str(&file::to_string(&example())).unwrap(),
    );
    assert!(
        matches!(review.mode, MergeMode::TwoWay(_)),
        "{:?}",
        review.mode
    );
    cafe
}

#[test]
fn damaged_histories_are_set_aside_and_the_map_opens() {
    let text = file::to_string(&example());
    let lines = history_lines(&text);
    assert!(!lines.is_empty());
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let cases = [
        // Not base64.
        "[\"not base64 at all!\"]".to_owned(),
        // Cut short.
        format!("[\"{}\"]", &lines[0][..lines[0].len() / 2 / 4 * 4]),
        // Another program's data.
        format!("[\"{}\"]", b64(b"PK\x03\x04 a zip, not a history")),
        // Our header, then garbage that does not inflate.
        format!("[\"{}\"]", b64(b"CMH1\xff\xfe\xfd garbage")),
        // Our header, deflated garbage that is not a Loro export.
        format!(
            "[\"{}\"]",
            b64(&[
                b"CMH1".as_slice(),
                &miniz_oxide::deflate::compress_to_vec(b"not loro", 6)
            ]
            .concat())
        ),
        // Empty lines.
        "[\"\"]".to_owned(),
    ];
    for history in cases {
        opens_with_notice(&with_history(&text, &history));
    }
}

#[test]
fn a_history_from_another_map_is_set_aside() {
    // Another map, made apart: its ids count from 1 too.
    let other = file::to_string(&map("Que manger ?", &["Rien à voir", "Autre chose"]));
    let lines = history_lines(&other);
    let list = format!(
        "[{}]",
        lines
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let text = with_history(&file::to_string(&example()), &list);
    let cafe = opens_with_notice(&text);
    assert!(cafe.history.notice().unwrap().contains("another map"));
}

#[test]
fn a_document_edited_beside_its_history_is_the_truth_and_still_merges() {
    // A partner edits the .ron in a text editor (or an older CaféMap rewrites a note).
    let origin = file::from_str(&file::to_string(&example())).unwrap();
    let text = file::to_string(&origin);
    let edited = text.replace("Bus de nuit", "Bus de nuit toute l'année");
    let theirs = file::from_str(&edited).unwrap();
    assert!(theirs.history.notice().is_none());
    assert!(theirs.history.is_live());
    // History never contradicts what is shown: written again, the file holds the edit.
    let again = file::from_str(&file::to_string(&theirs)).unwrap();
    assert_eq!(again, theirs);
    // And it merges with shared history, the edit being one of their changes.
    let review = sync::merge(&origin, &theirs);
    assert_eq!(review.mode, MergeMode::ThreeWay);
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
    assert!(review.items[0].text.contains("toute l'année"));
}

#[test]
fn old_plain_files_merge_by_id_and_nothing_is_taken_silently() {
    let old = include_str!("../fixtures/formats/format-3.ron");
    let ours = file::from_str(old).unwrap();
    let mut theirs = file::from_str(old).unwrap();
    assert!(!ours.history.is_live());
    let (table, id) = (0, theirs.tables[0].question());
    let idea = theirs.alloc_id();
    apply(
        &mut theirs,
        Edit::InsertNodes {
            table,
            nodes: vec![cafemap::edit::Placed {
                node: Node::new(idea, NodeKind::Idea, "Ajoutée par le partenaire"),
                parent: Some(id),
            }],
            links: vec![],
        },
    )
    .unwrap();
    let ours = file::from_str(&file::to_string(&ours.without_history())).unwrap();
    let theirs = file::from_str(&file::to_string(&theirs.without_history())).unwrap();
    let review = sync::merge(&ours, &theirs);
    assert!(matches!(review.mode, MergeMode::TwoWay(_)));
    assert_eq!(review.items.len(), 1, "{:?}", review.items);
    assert!(review.items[0].ticked);
    let mut out = ours.clone();
    review.apply_to(&mut out).unwrap();
    assert!(out.node(idea).is_some());
}

#[test]
fn every_format_fixture_still_loads_and_gains_history_when_written() {
    for name in ["format-1.ron", "format-2.ron", "format-3.ron"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(name);
        let cafe = file::load(&path).unwrap();
        let text = file::to_string(&cafe);
        assert!(text.contains("history: ["), "{name}");
        // The version stays the oldest that holds the document: older CaféMaps skip the field.
        let version = |t: &str| {
            t.lines()
                .find(|l| l.contains("format_version"))
                .map(str::to_owned)
        };
        assert_eq!(
            version(&text),
            version(&file::to_string(&cafe.without_history())),
            "{name}"
        );
        assert_eq!(file::from_str(&text).unwrap(), cafe, "{name}");
    }
}
