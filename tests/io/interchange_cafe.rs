//! What the interchange round trips used to lose (issue #24, item 6): a synthesis table's
//! references (Freeplane and OPML), the café's date, place, facilitators, organisers and
//! synonyms (every format with a place for them), and in Markdown the rounds and the dot kinds
//! (3 priorité + 1 faisable came back as 4 dots of one kind).

use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::import;
use cafemap::io::report::{self, ReportFormat, ReportOptions};
use cafemap::model::{Cafe, DotKind, Node, NodeKind, Rgb, Votes};
use proptest::prelude::*;
use std::path::Path;

use crate::common::sketch::{Sketch, idea};

/// A café with every detail filled in, two named dot kinds, ideas of two rounds and a
/// synthesis table whose reference shows an idea of the first table.
fn full_cafe() -> Cafe {
    let mut s = Sketch::new("Café des solidarités", "Comment agir ensemble ?");
    let theme = s.theme("Maintien du lien", (0.0, -200.0));
    let mut first = idea("Des rencontres régulières");
    first.votes = Votes::from_counts(&[3, 1]);
    first.origin.round = Some(1);
    let first = s.add(first, Some(theme));
    let mut second = idea("Un annuaire partagé");
    second.votes = Votes::from_counts(&[0, 2]);
    second.origin.round = Some(2);
    s.add(second, Some(theme));
    s.next_table("Synthèse");
    let thread = s.theme("Fil : le lien", (0.0, -200.0));
    let mut reference = Node::new(
        cafemap::model::NodeId(0),
        NodeKind::Idea,
        "Des rencontres régulières",
    );
    reference.refers_to = Some(first);
    s.add(reference, Some(thread));
    let mut cafe = s.cafe();
    let info = &mut cafe.info;
    info.subtitle = "Restitution des échanges".into();
    info.date = "12 mars 2026".into();
    info.place = "Mairie de Montreuil, salle 2".into();
    info.facilitators = "Awa Diop; Jean Martin".into();
    info.organisers = "Cités Unies France, Ville de Montreuil".into();
    cafe.synonyms = vec![
        vec!["élus".into(), "conseillers".into()],
        vec!["jeunes".into(), "jeunesse".into(), "ados, lycéens".into()],
    ];
    cafe.dot_kinds = vec![
        DotKind {
            name: "priorité".into(),
            color: Rgb(0xd5, 0x5e, 0x00),
        },
        DotKind {
            name: "faisable".into(),
            color: Rgb(0x00, 0x9e, 0x73),
        },
    ];
    cafe.validate().unwrap();
    cafe
}

fn round_trip(cafe: &Cafe, format: ExportFormat, name: &str) -> Cafe {
    let bytes = export(cafe, format, &ExportOptions::default()).unwrap();
    let imported = import::import_bytes(Path::new(name), &bytes)
        .unwrap_or_else(|e| panic!("{name}: {}", e.reason));
    imported.cafe.validate().unwrap();
    imported.cafe
}

fn find<'a>(cafe: &'a Cafe, text: &str, table: usize) -> &'a Node {
    cafe.tables[table]
        .nodes()
        .find(|n| n.text == text)
        .unwrap_or_else(|| panic!("\"{text}\" is lost"))
}

#[test]
fn a_synthesis_reference_comes_back_from_freeplane_and_opml() {
    let cafe = full_cafe();
    for (format, name) in [
        (ExportFormat::FreeMind, "m.mm"),
        (ExportFormat::Opml, "m.opml"),
    ] {
        let back = round_trip(&cafe, format, name);
        let reference = find(&back, "Des rencontres régulières", 1);
        let original = reference
            .refers_to
            .and_then(|o| back.node(o))
            .unwrap_or_else(|| panic!("{name}: the reference came back as a plain idea"));
        assert_eq!(original.text, "Des rencontres régulières", "{name}");
        assert_eq!(back.table_of(original.id), Some(0), "{name}");
        // Its dots are its original's, not a copy of them.
        assert!(reference.votes.is_empty(), "{name}");
        // It shows the original's dots, as in the window.
        assert!(
            back.shown_text(reference).contains("→ Table 1 · ● 4"),
            "{name}"
        );
    }
}

#[test]
fn a_reference_whose_original_is_not_in_the_file_stays_a_plain_idea() {
    let cafe = full_cafe();
    let options = ExportOptions {
        table: Some(1),
        ..ExportOptions::default()
    };
    for (format, name) in [
        (ExportFormat::FreeMind, "m.mm"),
        (ExportFormat::Opml, "m.opml"),
    ] {
        let bytes = export(&cafe, format, &options).unwrap();
        let imported = import::import_bytes(Path::new(name), &bytes).unwrap();
        let back = &imported.cafe;
        // It reads as partners saw it, badge line included.
        let idea = find(back, "Des rencontres régulières\n→ Table 1 · ● 4", 0);
        assert_eq!(idea.refers_to, None, "{name}");
        assert!(
            imported.skipped.iter().any(|s| s.contains("reference")),
            "{name}: {:?}",
            imported.skipped
        );
    }
}

#[test]
fn the_cafes_details_come_back_from_markdown_opml_and_freeplane() {
    let cafe = full_cafe();
    for (format, name) in [
        (ExportFormat::Markdown, "m.md"),
        (ExportFormat::Opml, "m.opml"),
        (ExportFormat::FreeMind, "m.mm"),
    ] {
        let back = round_trip(&cafe, format, name);
        let (a, b) = (&cafe.info, &back.info);
        assert_eq!(
            (&b.title, &b.subtitle, &b.date, &b.place),
            (&a.title, &a.subtitle, &a.date, &a.place),
            "{name}"
        );
        assert_eq!(
            (&b.facilitators, &b.organisers),
            (&a.facilitators, &a.organisers),
            "{name}"
        );
        assert_eq!(back.synonyms, cafe.synonyms, "{name}");
        assert_eq!(back.dot_kinds, cafe.dot_kinds, "{name}");
    }
}

#[test]
fn the_html_map_and_the_odt_report_name_the_event_details() {
    let cafe = full_cafe();
    let html =
        String::from_utf8(export(&cafe, ExportFormat::Html, &ExportOptions::default()).unwrap())
            .unwrap();
    assert!(
        html.contains("<meta name=\"author\" content=\"Cités Unies France, Ville de Montreuil\">"),
        "{html}"
    );
    assert!(html.contains("<meta name=\"description\" content=\"Restitution des échanges · 12 mars 2026 · Mairie de Montreuil, salle 2\">"));
    let odt = report::export(&cafe, ReportFormat::Odt, &ReportOptions::default()).unwrap();
    let parts = crate::hostile_files::zip_parts(&odt);
    let meta = parts
        .iter()
        .find(|(name, _)| name == "meta.xml")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    // LibreOffice shows these under File ▸ Properties.
    assert!(
        meta.contains("<dc:subject>Restitution des échanges</dc:subject>"),
        "{meta}"
    );
    for (label, value) in [
        ("Date", "12 mars 2026"),
        ("Place", "Mairie de Montreuil, salle 2"),
    ] {
        let property =
            format!("<meta:user-defined meta:name=\"{label}\">{value}</meta:user-defined>");
        assert!(meta.contains(&property), "{meta}");
    }
}

#[test]
fn markdown_keeps_rounds_and_dot_kinds_apart() {
    let cafe = full_cafe();
    let md = String::from_utf8(
        export(&cafe, ExportFormat::Markdown, &ExportOptions::default()).unwrap(),
    )
    .unwrap();
    assert!(md.contains("[●●● priorité · ● faisable]"), "{md}");
    let back = round_trip(&cafe, ExportFormat::Markdown, "m.md");
    let first = find(&back, "Des rencontres régulières", 0);
    assert_eq!(first.votes, Votes::from_counts(&[3, 1]), "{md}");
    assert_eq!(first.origin.round, Some(1), "{md}");
    let second = find(&back, "Un annuaire partagé", 0);
    assert_eq!(second.votes, Votes::from_counts(&[0, 2]), "{md}");
    assert_eq!(second.origin.round, Some(2), "{md}");
}

/// One idea of the property: its round (or none) and its dots of two kinds.
fn idea_marks() -> impl Strategy<Value = (Option<u32>, u32, u32)> {
    (proptest::option::of(1u32..6), 0u32..14, 0u32..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any rounds (or none) in any order and any dots of two kinds come back from Markdown as
    /// they were, idea by idea, nested or not.
    #[test]
    fn markdown_round_trips_rounds_and_dots(marks in proptest::collection::vec(idea_marks(), 1..12)) {
        let mut s = Sketch::new("Café", "Question ?");
        let theme = s.theme("Thème", (0.0, -200.0));
        let mut parent = theme;
        for (i, &(round, a, b)) in marks.iter().enumerate() {
            let mut n = idea(&format!("Idée {i}"));
            n.origin.round = round;
            n.votes = Votes::from_counts(&[a, b]);
            // Every third idea nests under the one before it.
            let id = s.add(n, Some(if i % 3 == 2 { parent } else { theme }));
            parent = id;
        }
        let mut cafe = s.cafe();
        cafe.dot_kinds = vec![
            DotKind { name: "priorité".into(), color: Rgb(1, 2, 3) },
            DotKind { name: "faisable".into(), color: Rgb(4, 5, 6) },
        ];
        let back = round_trip(&cafe, ExportFormat::Markdown, "m.md");
        for (i, &(round, a, b)) in marks.iter().enumerate() {
            let n = find(&back, &format!("Idée {i}"), 0);
            prop_assert_eq!(n.origin.round, round, "idea {}", i);
            prop_assert_eq!(n.votes.of(0), a, "idea {}", i);
            prop_assert_eq!(n.votes.of(1), b, "idea {}", i);
        }
    }
}
