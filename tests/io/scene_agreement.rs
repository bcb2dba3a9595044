//! One scene: a table of the example café, with dots of two kinds and origins set on notes, is
//! painted the same by every path a partner sees — the SVG export, the pages PNG and PDF draw,
//! the report's figure, the HTML map — as `render::table_scene` builds it: the same notes in the
//! same paint order, the same colours, and never a "T?" badge. (The canvas cache and the
//! presentation are checked against the same scene by unit tests in `ui/canvas/cache.rs` and
//! `ui/present/deck.rs`.)

use cafemap::io::export::{ExportFormat, ExportOptions, PageSize, export, svg};
use cafemap::io::report::{self, ReportOptions};
use cafemap::model::{Cafe, DotKind, NodeId, NodeKind, Rgb, Votes};
use cafemap::render::{NodeVisual, Scene, SceneOptions, StickerRole, table_scene};
use std::path::Path;

fn load(path: &str) -> Cafe {
    cafemap::io::file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The example café with two dot kinds, dots of both on three notes of table 1, a round on two
/// and one idea written at table 2.
fn harvested() -> (Cafe, Vec<NodeId>) {
    let mut cafe = load("examples/world-cafe-cooperation.ron");
    cafe.dot_kinds = vec![
        DotKind {
            name: "priorité".into(),
            color: Rgb(0xE0, 0x45, 0x7B),
        },
        DotKind {
            name: "faisable".into(),
            color: Rgb(0x2E, 0x9D, 0x5B),
        },
    ];
    let elsewhere = cafe.tables[1].question();
    let t = &mut cafe.tables[0];
    let ideas: Vec<NodeId> = t
        .nodes()
        .filter(|n| n.kind == NodeKind::Idea)
        .map(|n| n.id)
        .take(3)
        .collect();
    assert_eq!(ideas.len(), 3);
    for (k, (&id, counts)) in ideas.iter().zip([[3, 2], [1, 0], [0, 4]]).enumerate() {
        let n = t.node_mut(id).unwrap();
        n.votes = Votes::from_counts(&counts);
        if k < 2 {
            n.origin.round = Some(2);
        }
        if k == 1 {
            n.origin.table = Some(elsewhere);
        }
    }
    (cafe, ideas)
}

/// Paint order with each node's colours and its stickers' roles, colours and words.
type Look = (NodeId, Rgb, Rgb, Rgb, Vec<(StickerRole, Rgb, String)>);

fn looks(scene: &Scene) -> Vec<Look> {
    scene.nodes.iter().map(look).collect()
}

fn look(n: &NodeVisual) -> Look {
    let stickers = n
        .stickers()
        .into_iter()
        .map(|s| (s.role, s.fill, s.text))
        .collect();
    (n.id, n.fill, n.border, n.text_color, stickers)
}

#[test]
fn every_export_paints_the_one_scene_with_the_cafes_colours_and_origins() {
    let (cafe, ideas) = harvested();
    let table = &cafe.tables[0];
    let scene = table_scene(&cafe, table, &SceneOptions::PICTURE);
    let expected = looks(&scene);

    // What the scene itself says: kind colours, "T2 · R2", no "T?".
    let of = |id: NodeId| expected.iter().find(|l| l.0 == id).unwrap();
    let dots = |id: NodeId, kind: usize| {
        of(id)
            .4
            .iter()
            .filter(|s| s.0 == StickerRole::Dot(kind))
            .count()
    };
    assert_eq!((dots(ideas[0], 0), dots(ideas[0], 1)), (3, 2));
    assert!(
        of(ideas[0])
            .4
            .iter()
            .any(|s| s.0 == StickerRole::Dot(0) && s.1 == Rgb(0xE0, 0x45, 0x7B))
    );
    assert!(
        of(ideas[2])
            .4
            .iter()
            .any(|s| s.0 == StickerRole::Dot(1) && s.1 == Rgb(0x2E, 0x9D, 0x5B))
    );
    let badge = |id: NodeId| {
        of(id)
            .4
            .iter()
            .find(|s| s.0 == StickerRole::Origin)
            .map(|s| s.2.clone())
    };
    assert_eq!(badge(ideas[0]).as_deref(), Some("R2"));
    assert_eq!(badge(ideas[1]).as_deref(), Some("T2 · R2"));
    assert_eq!(badge(ideas[2]), None);

    // The pages SVG, PNG and PDF draw.
    let sheets = svg::sheets(&cafe, &[(0, table)], PageSize::Auto);
    let page = sheets[0].scene.as_ref().unwrap();
    assert_eq!(looks(page), expected, "SVG / PNG / PDF pages");
    assert_eq!(page.bounds, scene.bounds);

    // The report's figure.
    let rep = report::build(&cafe, &ReportOptions::default());
    let figure = report::pdf::figure_scene(&rep, 0).unwrap();
    assert_eq!(looks(&figure), expected, "report figure");

    // The written SVG and the HTML map: every node in paint order, with its colours and its
    // stickers' colours and words.
    let one = ExportOptions {
        table: Some(0),
        ..ExportOptions::default()
    };
    let svg_text = String::from_utf8(export(&cafe, ExportFormat::Svg, &one).unwrap()).unwrap();
    let html = String::from_utf8(export(&cafe, ExportFormat::Html, &one).unwrap()).unwrap();
    for (name, text) in [("SVG", &svg_text), ("HTML", &html)] {
        assert!(!text.contains("T?"), "{name} shows a T? badge");
        for s in ["R2", "T2 · R2", "#e0457b", "#2e9d5b"] {
            assert!(text.contains(s), "{name} lacks {s}");
        }
    }
    let map = html_map(&html);
    assert_eq!(
        map.iter().map(|g| g.0).collect::<Vec<_>>(),
        expected.iter().map(|l| l.0).collect::<Vec<_>>(),
        "the HTML map paints the scene's nodes in its order"
    );
    for ((id, group), l) in map.iter().zip(&expected) {
        let fills: Vec<String> = attr_values(group, " fill=\"")
            .into_iter()
            .filter(|f| f.starts_with('#') && f != "#000000")
            .collect();
        let mut want = vec![l.1.hex(), l.3.hex()];
        want.extend(l.4.iter().map(|s| s.1.hex()));
        for w in want {
            assert!(fills.contains(&w), "node {id:?} lacks fill {w}: {fills:?}");
        }
        for (_, _, words) in &l.4 {
            assert!(
                group.contains(&format!(">{words}<")),
                "node {id:?} lacks {words:?}"
            );
        }
    }
}

/// The node groups of the (first) HTML map: id and markup, in document order.
fn html_map(html: &str) -> Vec<(NodeId, String)> {
    let map = html
        .split("<div class=\"map\">")
        .nth(1)
        .and_then(|m| m.split("</svg>").next())
        .unwrap();
    map.split("<g class=\"n ")
        .skip(1)
        .map(|g| {
            let id = g
                .split("data-id=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap()
                .parse()
                .unwrap();
            (NodeId(id), g.to_owned())
        })
        .collect()
}

fn attr_values(text: &str, attr: &str) -> Vec<String> {
    text.split(attr)
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The example: "Appui sur les ONG locales…" in format-3.ron carries 3 dots of the first
/// kind, 2 of the second, round 2 and `#action`; the HTML map shows them all where the scene
/// puts the note, as the SVG export does.
#[test]
fn the_html_map_of_format_3_shows_the_notes_marks() {
    let cafe = load("tests/fixtures/formats/format-3.ron");
    let (ti, table) = cafe
        .tables
        .iter()
        .enumerate()
        .find(|(_, t)| t.nodes().any(|n| n.text.starts_with("Appui sur les ONG")))
        .unwrap();
    let note = table
        .nodes()
        .find(|n| n.text.starts_with("Appui sur les ONG"))
        .unwrap();
    let scene = table_scene(&cafe, table, &SceneOptions::PICTURE);
    let visual = scene.nodes.iter().find(|n| n.id == note.id).unwrap();
    assert_eq!(visual.rect.center(), note.pos, "at the file's position");
    let one = ExportOptions {
        table: Some(ti),
        ..ExportOptions::default()
    };
    let html = String::from_utf8(export(&cafe, ExportFormat::Html, &one).unwrap()).unwrap();
    let svg_text = String::from_utf8(export(&cafe, ExportFormat::Svg, &one).unwrap()).unwrap();
    let (_, group) = html_map(&html)
        .into_iter()
        .find(|g| g.0 == note.id)
        .unwrap();
    let fills = attr_values(&group, " fill=\"");
    let count = |hex: &str| fills.iter().filter(|f| *f == hex).count();
    assert_eq!(count("#e0457b"), 3, "three pink dots");
    assert_eq!(count("#2e9d5b"), 2, "two green dots");
    assert!(group.contains(">R2<"), "the round badge");
    assert!(group.contains(">#action<"), "the action chip");
    // Where the scene (hence the SVG) puts it: its box's corner is written as is.
    let corner = format!(
        "<rect x=\"{}\" y=\"{}\"",
        num(visual.rect.min.x),
        num(visual.rect.min.y)
    );
    assert!(group.contains(&corner), "{corner} in {group}");
    assert!(svg_text.contains(&corner));
    assert!(!html.contains("T?") && !svg_text.contains("T?"));
}

/// Numbers as the SVG writer prints them (at most two decimals, no trailing zeros).
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}
