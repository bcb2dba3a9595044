//! Dot kinds and tags whose names hold the separators of the list values (`;` between entries,
//! `:` before a count) come back whole from every format that writes those values (issue #24:
//! the votes were lost and `a;b` became two tags). The Markdown title line of a café without a
//! title.

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::import;
use cafemap::model::{Cafe, CafeInfo, DotKind, Node, NodeKind, Rgb, Votes};
use std::path::Path;

use crate::common::sketch::insert_new;

fn cafe_with_odd_names() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café".into(),
        ..CafeInfo::default()
    });
    cafe.dot_kinds = vec![
        DotKind {
            name: "priorité: court terme".into(),
            color: Rgb(0xd5, 0x5e, 0x00),
        },
        DotKind {
            name: "faisable;vite".into(),
            color: Rgb(0x00, 0x9e, 0x73),
        },
    ];
    let mut t = cafe.new_table("Question ?");
    let q = t.question();
    let at = Point::new(0.0, -200.0);
    let theme = insert_new(&mut cafe, &mut t, q, NodeKind::Theme, "Thème", at);
    let idea = cafe.alloc_id();
    let mut node = Node::new(idea, NodeKind::Idea, "Une idée").at(Point::new(0.0, -400.0));
    node.votes = Votes::from_counts(&[3, 1]);
    node.tags = vec!["a;b".into(), "c:d".into(), "back\\slash".into()];
    t.insert(node, Some(theme)).unwrap();
    cafe.tables.push(t);
    cafe
}

#[test]
fn separators_inside_dot_kinds_and_tags_survive_opml_freeplane_and_csv() {
    let cafe = cafe_with_odd_names();
    for (format, name) in [
        (ExportFormat::Opml, "m.opml"),
        (ExportFormat::FreeMind, "m.mm"),
        (ExportFormat::Csv, "m.csv"),
    ] {
        let bytes = export(&cafe, format, &ExportOptions::default()).unwrap();
        let back = import::import_bytes(Path::new(name), &bytes).unwrap().cafe;
        let kinds: Vec<&str> = back.dot_kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(kinds, ["priorité: court terme", "faisable;vite"], "{name}");
        let idea = back.tables[0]
            .nodes()
            .find(|n| n.text == "Une idée")
            .unwrap_or_else(|| panic!("{name}: the idea is lost"));
        assert_eq!(idea.votes, Votes::from_counts(&[3, 1]), "{name}: votes");
        assert_eq!(idea.tags, ["a;b", "c:d", "back\\slash"], "{name}: tags");
    }
}

#[test]
fn markdown_of_a_cafe_without_a_title_has_no_empty_heading() {
    let mut cafe = cafe_with_odd_names();
    cafe.info.title.clear();
    cafe.info.subtitle = "Mairie, 12 mars".into();
    let md = String::from_utf8(
        export(&cafe, ExportFormat::Markdown, &ExportOptions::default()).unwrap(),
    )
    .unwrap();
    assert!(
        !md.lines().any(|l| l.trim() == "#"),
        "a lone `#` line:\n{md}"
    );
    assert!(md.contains("## Question ?"), "{md}");
    let back = import::import_bytes(Path::new("m.md"), md.as_bytes())
        .unwrap()
        .cafe;
    assert_eq!(back.info.title, "");
    assert_eq!(back.info.subtitle, "Mairie, 12 mars");
    assert_eq!(back.tables.len(), 1);
}
