//! Interchange formats: what a partner opens in Freeplane, an outliner, Obsidian or a
//! spreadsheet must hold every table, theme and idea of the restitution, and what comes back
//! must be the same map. Hostile files are refused quickly with a clear message.

use crate::common::freeplane_gen;

use cafemap::io::export::{self, ExportFormat, ExportOptions, reading_order, walk};
use cafemap::io::file;
use cafemap::io::import::{self, ImportFormat, canvas, freemind, markdown, notes, opml, text};
use cafemap::model::{Cafe, Node, NodeKind, NoteColor, Rgb, Table};
use std::path::Path;

const SEED: &str = include_str!("../../examples/seed/world-cafe-restitution.outline.md");

/// The seed restitution: 3 tables, 10 themes, 37 ideas.
fn seed() -> Cafe {
    let imported = markdown::parse(SEED).expect("the seed outline parses");
    assert_eq!(imported.cafe.counts(), (3, 10, 37));
    imported.cafe
}

/// The seed plus what the seed lacks: unsorted notes, an idea directly under a question, an idea
/// under an idea, line breaks, markup characters, speaker notes, a custom colour, a cross-link.
fn rich() -> Cafe {
    let mut cafe = seed();
    let (u1, u2, direct, sub) = (
        cafe.alloc_id(),
        cafe.alloc_id(),
        cafe.alloc_id(),
        cafe.alloc_id(),
    );
    let t = &mut cafe.tables[0];
    let q = t.question();
    let theme = t.themes()[0];
    let idea = t.children(theme)[0];
    t.insert(
        Node::new(
            u1,
            NodeKind::Idea,
            "Note <non> classée & \"citée\"\nsur deux lignes",
        ),
        None,
    )
    .unwrap();
    t.insert(Node::new(u2, NodeKind::Idea, "Autre note 🙂"), None)
        .unwrap();
    let mut d = Node::new(direct, NodeKind::Idea, "Idée posée sur la question");
    d.note = "Dit par la table 1\nà reprendre".into();
    d.color = Some(NoteColor::Custom(Rgb(0x12, 0x34, 0x56)));
    t.insert(d, Some(q)).unwrap();
    t.insert(Node::new(sub, NodeKind::Idea, "Sous-idée"), Some(idea))
        .unwrap();
    t.add_link(sub, direct).unwrap();
    cafemap::layout::arrange_cafe(&mut cafe);
    cafe.validate().unwrap();
    cafe
}

/// What must survive a round trip.
#[derive(Clone, Copy)]
struct Keep {
    kinds: bool,
    notes: bool,
    links: bool,
}

/// The café as text rows in reading order: depth, kind, text, parent text, own colour, notes.
fn signature(cafe: &Cafe, keep: Keep) -> Vec<Vec<String>> {
    cafe.tables
        .iter()
        .map(|t| table_signature(t, keep))
        .collect()
}

fn table_signature(t: &Table, keep: Keep) -> Vec<String> {
    let text = |id| t.node(id).map(|n| n.text.clone()).unwrap_or_default();
    let row = |id, depth: usize, place: &str| {
        let Some(n) = t.node(id) else {
            return String::new();
        };
        let parent = t.parent(id).map(text).unwrap_or_default();
        let kind = if keep.kinds {
            format!("{:?}", n.kind)
        } else {
            String::new()
        };
        let note = if keep.notes {
            n.note.clone()
        } else {
            String::new()
        };
        format!(
            "{place}{depth} {kind} {:?} ← {parent:?} colour={:?} note={note:?}",
            n.text, n.color
        )
    };
    let mut rows: Vec<String> = walk(t, t.question())
        .into_iter()
        .map(|(id, d)| row(id, d, ""))
        .collect();
    for u in reading_order(t, &t.unsorted()) {
        rows.extend(
            walk(t, u)
                .into_iter()
                .map(|(id, d)| row(id, d, "unsorted ")),
        );
    }
    if keep.links {
        rows.extend(
            t.links()
                .into_iter()
                .map(|(a, b)| format!("link {:?} → {:?}", text(a), text(b))),
        );
    }
    rows
}

/// Through our own file format, as a user's café would be.
fn via_ron(cafe: &Cafe) -> Cafe {
    file::from_str(&file::to_string(cafe)).expect("our own file reads back")
}

fn export_str(cafe: &Cafe, format: ExportFormat) -> String {
    let bytes = export::export(cafe, format, &ExportOptions::default()).expect("export");
    String::from_utf8(bytes).expect("exports are UTF-8")
}

/// Reads an XML export to the end with quick-xml, failing on any syntax error.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
}

const ALL: Keep = Keep {
    kinds: true,
    notes: true,
    links: true,
};

#[test]
fn ron_to_freeplane_and_back_keeps_the_map() {
    let cafe = via_ron(&rich());
    let mm = export_str(&cafe, ExportFormat::FreeMind);
    assert!(
        mm.starts_with("<map version=\"freeplane 1.5.9\">"),
        "{}",
        &mm[..80]
    );
    assert!(
        mm.contains("&#xa;"),
        "line breaks are character references in TEXT"
    );
    assert!(mm.is_ascii(), "accents are character references");
    assert_well_formed(&mm);
    let back = freemind::parse(&mm).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let back = via_ron(&back.cafe);
    assert_eq!(back.info.title, cafe.info.title);
    assert_eq!(back.info.subtitle, cafe.info.subtitle);
    assert_eq!(signature(&back, ALL), signature(&cafe, ALL));
}

#[test]
fn one_table_to_freeplane_is_rooted_at_its_question() {
    let cafe = rich();
    let options = ExportOptions {
        table: Some(1),
        ..ExportOptions::default()
    };
    let mm = String::from_utf8(export::export(&cafe, ExportFormat::FreeMind, &options).unwrap())
        .unwrap();
    let back = freemind::parse(&mm).unwrap().cafe;
    assert_eq!(back.tables.len(), 1);
    assert_eq!(
        table_signature(&back.tables[0], ALL),
        table_signature(&cafe.tables[1], ALL)
    );
    let bad = ExportOptions {
        table: Some(7),
        ..ExportOptions::default()
    };
    let e = export::export(&cafe, ExportFormat::FreeMind, &bad).unwrap_err();
    assert!(e.reason.contains("no table 8"), "{e}");
}

#[test]
fn ron_to_opml_and_back_keeps_the_map() {
    let cafe = via_ron(&rich());
    let xml = export_str(&cafe, ExportFormat::Opml);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(xml.contains("<opml version=\"2.0\">"));
    assert!(xml.contains("_unsorted=\"true\""));
    assert!(xml.contains("&lt;non&gt; classée &amp; &quot;citée&quot;&#xa;sur deux lignes"));
    assert_well_formed(&xml);
    let back = opml::parse(&xml).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let back = via_ron(&back.cafe);
    assert_eq!(back.info.title, cafe.info.title);
    // OPML has no cross-links.
    assert_eq!(
        signature(
            &back,
            Keep {
                links: false,
                ..ALL
            }
        ),
        signature(
            &cafe,
            Keep {
                links: false,
                ..ALL
            }
        )
    );
}

#[test]
fn ron_to_canvas_and_back_keeps_the_map() {
    let cafe = via_ron(&rich());
    let json = export_str(&cafe, ExportFormat::Canvas);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let nodes = doc["nodes"].as_array().expect("nodes");
    let edges = doc["edges"].as_array().expect("edges");
    let texts = nodes.iter().filter(|n| n["type"] == "text").count();
    assert_eq!(texts, 3 + 10 + 37 + 4);
    let mut frames = Vec::new();
    for n in nodes {
        for k in ["x", "y", "width", "height"] {
            assert!(n[k].is_i64(), "{k} of {n} is an integer");
        }
        assert!(n["id"].is_string());
        if let Some(c) = n.get("color") {
            let c = c.as_str().unwrap();
            assert!(c.len() == 7 && c.starts_with('#'), "{c}");
        }
        if n["type"] == "group" {
            frames.push((
                n["x"].as_i64().unwrap(),
                n["x"].as_i64().unwrap() + n["width"].as_i64().unwrap(),
            ));
        }
    }
    assert_eq!(frames.len(), 3);
    for w in frames.windows(2) {
        assert!(
            w[0].1 < w[1].0,
            "tables side by side without overlap: {frames:?}"
        );
    }
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    for e in edges {
        assert!(
            ids.contains(&e["fromNode"].as_str().unwrap())
                && ids.contains(&e["toNode"].as_str().unwrap())
        );
    }
    let back = canvas::parse(&json).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let back = via_ron(&back.cafe);
    // A canvas has no speaker notes.
    assert_eq!(
        signature(
            &back,
            Keep {
                notes: false,
                ..ALL
            }
        ),
        signature(
            &cafe,
            Keep {
                notes: false,
                ..ALL
            }
        )
    );
}

#[test]
fn markdown_to_ron_to_markdown_keeps_the_outline() {
    let first = markdown::parse(SEED).unwrap().cafe;
    let cafe = via_ron(&first);
    let md = export_str(&cafe, ExportFormat::Markdown);
    assert!(md.starts_with("# World cafés — Restitution des échanges\n"));
    let back = markdown::parse(&md).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    assert_eq!(back.cafe.info, first.info);
    assert_eq!(signature(&back.cafe, ALL), signature(&first, ALL));
    // Exporting again gives the same text: the export follows the map's reading order.
    assert_eq!(export_str(&via_ron(&back.cafe), ExportFormat::Markdown), md);
}

#[test]
fn markdown_export_keeps_unsorted_and_multiline_notes() {
    let cafe = rich();
    let md = export_str(&cafe, ExportFormat::Markdown);
    let back = markdown::parse(&md).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    // Markdown cannot tell an idea hanging off the question from a theme, nor hold notes,
    // colours or links, and an unsorted note is one plain line; texts and the tree survive.
    let mut cafe = cafe;
    for t in &mut cafe.tables {
        for u in t.unsorted() {
            if let Some(n) = t.node_mut(u) {
                n.text = n.text.replace('\n', " ");
            }
        }
    }
    let keep = Keep {
        kinds: false,
        notes: false,
        links: false,
    };
    let strip = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|t| {
                t.into_iter()
                    .map(|r| r.split(" colour=").next().unwrap_or_default().to_owned())
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        strip(signature(&back.cafe, keep)),
        strip(signature(&cafe, keep))
    );
}

#[test]
fn csv_has_one_row_per_idea_and_a_bom() {
    let cafe = seed();
    let bytes = export::export(&cafe, ExportFormat::Csv, &ExportOptions::default()).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 37 + 1);
    assert_eq!(
        lines[0],
        "table,question,theme,idea,votes,tags,round,contributor,owner,due,origin_table,colour"
    );
    assert!(lines[1].starts_with("1,"), "{}", lines[1]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("3,Les possibles collaborations")
                && l.contains(",Prérequis,Portage/Appui politique,")),
        "{lines:#?}"
    );
    let one = ExportOptions {
        table: Some(2),
        ..ExportOptions::default()
    };
    let t3 = String::from_utf8(export::export(&cafe, ExportFormat::Csv, &one).unwrap()).unwrap();
    assert_eq!(t3.split("\r\n").filter(|l| !l.is_empty()).count(), 15 + 1);
}

#[test]
fn format_names_and_extensions() {
    for (name, ext) in [
        ("md", "md"),
        ("opml", "opml"),
        ("freeplane", "mm"),
        ("mm", "mm"),
        ("canvas", "canvas"),
        ("CSV", "csv"),
    ] {
        assert_eq!(
            ExportFormat::from_name(name).map(|f| f.extension()),
            Some(ext)
        );
    }
}

#[test]
fn large_freeplane_map_imports_with_nothing_lost() {
    let g = freeplane_gen::freeplane_map(5, 12, 24);
    assert!(g.nodes_below_root >= 1500);
    let imported = import::import_bytes(Path::new("ateliers.mm"), g.xml.as_bytes()).unwrap();
    let cafe = &imported.cafe;
    cafe.validate().unwrap();
    assert_eq!(
        cafe.counts(),
        (1, g.branches, g.nodes_below_root - g.branches)
    );
    let t = &cafe.tables[0];
    assert_eq!(t.question_node().text, g.root);
    let mut found: Vec<(String, String)> = t
        .node_ids()
        .into_iter()
        .filter(|&id| id != t.question())
        .map(|id| {
            let parent = t
                .parent(id)
                .and_then(|p| t.node(p))
                .map(|n| n.text.clone())
                .unwrap_or_default();
            (
                t.node(id).map(|n| n.text.clone()).unwrap_or_default(),
                parent,
            )
        })
        .collect();
    let mut expected = g.pairs.clone();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    // Notes, details and hyperlinks are kept as speaker notes.
    assert!(t.nodes().any(|n| n.note == "Dit par plusieurs tables"));
    assert!(
        t.nodes()
            .any(|n| n.note.starts_with("Détail\n") || n.note == "Détail")
    );
    assert!(
        t.nodes()
            .any(|n| n.note.starts_with("https://example.org/atelier/"))
    );
    assert!(!t.links().is_empty(), "arrow links become cross-links");
    // What had no place is said, not dropped silently.
    for what in [
        "icons skipped",
        "images skipped",
        "hooks skipped",
        "node attributes skipped",
        "style settings skipped",
    ] {
        assert!(
            imported.skipped.iter().any(|s| s.contains(what)),
            "{what}: {:?}",
            imported.skipped
        );
    }
    // Laid out: no two nodes share a position.
    let mut positions: Vec<(i64, i64)> = t
        .nodes()
        .map(|n| (n.pos.x as i64, n.pos.y as i64))
        .collect();
    positions.sort_unstable();
    positions.dedup();
    assert_eq!(positions.len(), t.len());
}

#[test]
fn fixtures_from_other_apps_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let fp = import::import_path(&dir.join("freeplane-1.11.mm")).unwrap();
    assert_eq!(fp.cafe.counts(), (1, 3, 5));
    assert_eq!(fp.cafe.tables[0].links().len(), 1);
    assert_eq!(
        fp.cafe.tables[0].question_node().text,
        "Comment faire perdurer les relations ?"
    );
    assert!(
        fp.skipped.iter().any(|s| s.contains("icon")),
        "{:?}",
        fp.skipped
    );
    let fm = import::import_path(&dir.join("freemind-1.0.mm")).unwrap();
    assert_eq!(fm.cafe.counts(), (1, 2, 3));
    assert!(
        fm.cafe.tables[0]
            .nodes()
            .any(|n| n.text == "Accueil d’alternants, d’étudiants")
    );
    assert_eq!(
        fm.cafe.tables[0].links().len(),
        1,
        "arrowlink and its linktarget make one link"
    );
    let op = import::import_path(&dir.join("outliner.opml")).unwrap();
    assert_eq!(op.cafe.counts(), (2, 3, 4));
    assert_eq!(op.cafe.info.title, "Ateliers");
    let cv = import::import_path(&dir.join("obsidian.canvas")).unwrap();
    assert_eq!(cv.cafe.counts(), (1, 2, 4));
    assert_eq!(
        cv.cafe.tables[0].unsorted().len(),
        1,
        "the loose note is unsorted"
    );
    assert_eq!(
        cv.cafe.tables[0].question_node().text,
        "Les possibles collaborations ?",
        "heading marks dropped"
    );
    assert!(
        cv.skipped.iter().any(|s| s.contains("file node")),
        "{:?}",
        cv.skipped
    );
    for imp in [&fp, &fm, &op, &cv] {
        imp.cafe.validate().unwrap();
    }
}

#[test]
fn text_and_notes_are_told_apart_by_content() {
    let outline = "Question ?\n\tThème\n\t\tIdée\n";
    assert_eq!(
        import::detect(Path::new("a.txt"), outline.as_bytes()),
        Ok(ImportFormat::TextOutline)
    );
    let typed = "Appui sur les ONG\nlocales\n\nAller vers du mult-\nsecteurs\n";
    assert_eq!(
        import::detect(Path::new("a.txt"), typed.as_bytes()),
        Ok(ImportFormat::Notes)
    );
    assert_eq!(
        import::detect(Path::new("export"), b"<?xml version=\"1.0\"?><opml/>"),
        Ok(ImportFormat::Opml)
    );
    assert_eq!(
        import::detect(Path::new("x.xml"), b"<map version=\"1.0.1\"/>"),
        Ok(ImportFormat::FreeMind)
    );
    assert_eq!(
        import::detect(Path::new("board.json"), b"{\"nodes\":[]}"),
        Ok(ImportFormat::Canvas)
    );

    let imp = import::import_bytes(Path::new("Atelier 2.txt"), typed.as_bytes()).unwrap();
    let t = &imp.cafe.tables[0];
    assert_eq!(t.question_node().text, "Atelier 2");
    let texts: Vec<String> = t
        .unsorted()
        .into_iter()
        .filter_map(|id| t.node(id).map(|n| n.text.clone()))
        .collect();
    assert_eq!(
        texts,
        ["Appui sur les ONG locales", "Aller vers du mult-secteurs"]
    );

    // The seed's raw text, as copied out of the slides' PDF: notes, not an outline.
    let raw = include_str!("../../examples/seed/world-cafe-restitution.txt");
    let imp = import::import_bytes(Path::new("restitution.txt"), raw.as_bytes()).unwrap();
    assert_eq!(imp.cafe.tables.len(), 1);
    let t = &imp.cafe.tables[0];
    assert_eq!(t.len(), 1 + t.unsorted().len());
    assert!(
        t.nodes().any(|n| n.text == "Appui sur"),
        "fragments kept as they were typed"
    );

    let imp = import::import_bytes(Path::new("plan.txt"), outline.as_bytes()).unwrap();
    assert_eq!(imp.cafe.counts(), (1, 1, 1));
    assert_eq!(
        notes::parse("x").unwrap().cafe.tables[0]
            .question_node()
            .text,
        "Table 1"
    );
    assert_eq!(text::parse("Q\n  T\n").unwrap().cafe.counts(), (1, 1, 0));
}

// ---- hostile files: each refused at once with a clear message ----

#[test]
fn refuses_entity_bombs() {
    let mut defs = String::from("<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        defs.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
    }
    for (name, root) in [
        ("bomb.mm", "<map><node TEXT=\"&lol9;\"/></map>"),
        (
            "bomb.opml",
            "<opml><body><outline text=\"&lol9;\"/></body></opml>",
        ),
    ] {
        let doc = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [{defs}]>\n{root}");
        let e = import::import_bytes(Path::new(name), doc.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("entities"), "{e}");
        assert_eq!(e.line, Some(2));
    }
    // Undeclared entities are not expanded either: the reference is kept as text.
    let imp = freemind::parse("<map><node TEXT=\"a &lol9; b\"/></map>").unwrap();
    let t = &imp.cafe.tables[0];
    assert_eq!(t.question_node().text, "a &lol9; b");
}

#[test]
fn refuses_files_over_64_mib_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.mm");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: nothing is written
    let e = import::import_path(&path).unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(e.to_string().contains("huge.mm"), "{e}");
}

#[test]
fn refuses_absurd_nesting() {
    let n = 100_000;
    let mm = format!(
        "<map>{}{}</map>",
        "<node TEXT=\"x\">".repeat(n),
        "</node>".repeat(n)
    );
    let e = import::import_bytes(Path::new("deep.mm"), mm.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
    let opml = format!(
        "<opml><body>{}{}</body></opml>",
        "<outline text=\"x\">".repeat(n),
        "</outline>".repeat(n)
    );
    let e = import::import_bytes(Path::new("deep.opml"), opml.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
    // 220 levels of outline inside the XML element cap are still refused by the outline cap.
    let opml = format!(
        "<opml><body>{}{}</body></opml>",
        "<outline text=\"x\">".repeat(220),
        "</outline>".repeat(220)
    );
    let e = import::import_bytes(Path::new("deep.opml"), opml.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("levels deep"), "{e}");
    let json = format!("{{\"nodes\":{}{}}}", "[".repeat(n), "]".repeat(n));
    let e = import::import_bytes(Path::new("deep.canvas"), json.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("nested too deeply"), "{e}");
    let txt: String = (0..300).map(|i| format!("{}x\n", "\t".repeat(i))).collect();
    let e = import::import_bytes(Path::new("deep.txt"), txt.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("levels deep"), "{e}");
}

#[test]
fn refuses_invalid_utf8_and_broken_files() {
    let mut bytes = b"<map><node TEXT=\"caf".to_vec();
    bytes.extend([0xE9, b'"', b'/', b'>', b'<', b'/', b'm', b'a', b'p', b'>']); // Latin-1 é
    let e = import::import_bytes(Path::new("latin1.mm"), &bytes).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    let e = import::import_bytes(Path::new("x.bin"), &[0xFF, 0xFE, 0x00, 0x01]).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    let e = import::import_bytes(Path::new("cut.mm"), b"<map><node TEXT=\"a\">").unwrap_err();
    assert!(e.to_string().contains("cut short"), "{e}");
    let e = import::import_bytes(Path::new("bad.canvas"), b"{\"nodes\": [}").unwrap_err();
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    assert_eq!(e.line, Some(1));
}

// ---- One indentation reading: paste and plain-text import build the same tree ----

mod same_tree {
    use cafemap::edit::{self, ops};
    use cafemap::io::import::text;
    use cafemap::model::{Cafe, CafeInfo, NodeId, Table};
    use proptest::prelude::*;

    /// A node's text and, in order, its children's trees: `text(child(…) child(…))`.
    fn tree(t: &Table, id: NodeId) -> String {
        let text = t.node(id).map_or("?", |n| n.text.as_str());
        let kids: Vec<String> = t.children(id).into_iter().map(|c| tree(t, c)).collect();
        format!("{text}({})", kids.join(" "))
    }

    /// The tree the generator meant, from (depth, text) lines.
    fn expected(lines: &[(usize, String)]) -> Vec<String> {
        fn below(lines: &[(usize, String)], at: &mut usize, depth: usize) -> Vec<String> {
            let mut out = Vec::new();
            while let Some((d, text)) = lines.get(*at) {
                if *d != depth {
                    break;
                }
                *at += 1;
                let kids = below(lines, at, depth + 1);
                out.push(format!("{text}({})", kids.join(" ")));
            }
            out
        }
        below(lines, &mut 0, 0)
    }

    /// Outline lines: a depth at most one deeper than the line before, a text, a marker.
    fn outline_lines() -> impl Strategy<Value = Vec<(usize, String, &'static str)>> {
        let marker = prop::sample::select(vec![
            "",
            "",
            "- ",
            "* ",
            "+ ",
            "• ",
            "◦ ",
            "‣ ",
            "▪ ",
            "– ",
            "1. ",
            "12) ",
            "-\t",
            "•\u{a0}",
        ]);
        let line = (
            0usize..6,
            "[A-Za-zéœÉ«][A-Za-zéèàçœ’«» ,.?!0-9-]{0,14}[A-Za-zé?!»]",
            marker,
        );
        prop::collection::vec(line, 1..25).prop_map(|lines| {
            let mut previous: Option<usize> = None;
            lines
                .into_iter()
                .map(|(want, text, marker)| {
                    let depth = previous.map_or(0, |p| want.min(p + 1));
                    previous = Some(depth);
                    (depth, text, marker)
                })
                .collect()
        })
    }

    /// One indentation step per level (spaces, tabs, no-break and em spaces, mixed), the same
    /// for every line of that level, as an editor or a word processor writes them.
    fn indent_steps() -> impl Strategy<Value = (String, Vec<String>)> {
        let step = "[ \t\u{a0}\u{2003}]{1,3}";
        ("[ \t\u{a0}]{0,2}", prop::collection::vec(step, 6))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn paste_and_text_import_build_the_same_tree(
            lines in outline_lines(),
            (base, steps) in indent_steps(),
            blanks in prop::collection::vec(prop::sample::select(vec!["", "", "", "\n", "  \n", "\t\n"]), 25),
            crlf in any::<bool>(),
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut typed = String::new();
            for (i, (depth, text, marker)) in lines.iter().enumerate() {
                typed.push_str(blanks.get(i).copied().unwrap_or(""));
                typed.push_str(&base);
                for step in steps.iter().take(*depth) {
                    typed.push_str(step);
                }
                typed.push_str(marker);
                typed.push_str(text);
                typed.push_str(eol);
            }
            let meant = expected(
                &lines.iter().map(|(d, t, _)| (*d, t.clone())).collect::<Vec<_>>(),
            );

            let imported = text::parse(&typed).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let from_import: Vec<String> = imported
                .cafe
                .tables
                .iter()
                .map(|t| tree(t, t.question()))
                .collect();

            let mut cafe = Cafe::new(CafeInfo::default());
            let table = cafe.new_table("Question");
            cafe.tables.push(table);
            let (paste, top) = ops::paste_text(&cafe, 0, None, &typed)
                .ok_or_else(|| TestCaseError::fail("nothing pasted"))?;
            prop_assert!(edit::apply(&mut cafe, paste).is_ok());
            let pasted = &cafe.tables[0];
            let from_paste: Vec<String> = top.iter().map(|&id| tree(pasted, id)).collect();

            prop_assert_eq!(&from_import, &meant, "import of {:?}", typed);
            prop_assert_eq!(&from_paste, &meant, "paste of {:?}", typed);
        }
    }
}

/// Depth of every `<node>` of a Freeplane map (the root is 0) and whether it has `POSITION`.
fn node_positions(mm: &str) -> Vec<(usize, bool)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(mm);
    let mut depth = 0usize;
    let mut out = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"node" => {
                let has = e
                    .attributes()
                    .any(|a| a.unwrap().key.as_ref() == b"POSITION");
                out.push((depth, has));
                // An empty element has no end event: only a start opens a level.
                if !mm[..reader.buffer_position() as usize].ends_with("/>") {
                    depth += 1;
                }
            }
            Event::End(e) if e.name().as_ref() == b"node" => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Freeplane reads `POSITION` on the root's children as their side and anywhere deeper as
/// "switch side here": written below the first level it put table 2's themes on top of the
/// root. Only the root's children carry it, all of them, in the whole café and in one table.
#[test]
fn freeplane_sides_are_written_on_the_first_level_only() {
    let cafe = file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/world-cafe-cooperation.ron"),
    )
    .unwrap();
    for table in [None, Some(1)] {
        let options = ExportOptions {
            table,
            ..ExportOptions::default()
        };
        let mm =
            String::from_utf8(export::export(&cafe, ExportFormat::FreeMind, &options).unwrap())
                .unwrap();
        let nodes = node_positions(&mm);
        assert!(nodes.iter().any(|n| n.0 >= 2), "the map has deeper levels");
        for (depth, has) in nodes {
            assert_eq!(has, depth == 1, "{table:?}: POSITION at depth {depth}");
        }
    }
}
