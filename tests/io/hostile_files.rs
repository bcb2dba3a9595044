//! Interchange under hostile or private content (issue #24): partner-safe exports leak nothing
//! in any format, text that is code elsewhere stays text, control characters do not come in,
//! and a spreadsheet-edited CSV comes back as the map it was.

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::import;
use cafemap::io::report::{self, ReportFormat, ReportOptions};
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use std::path::Path;

/// Every private thing carries this, so one search finds any leak.
const SECRET: &str = "SECRET";

/// A café partners may see all of.
fn public() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Café".into(),
        ..CafeInfo::default()
    });
    for t in 0..2 {
        let mut table = cafe.new_table(format!("Question {t}"));
        let q = table.question();
        let theme = cafe.alloc_id();
        table
            .insert(
                Node::new(theme, NodeKind::Theme, "Theme").at(Point::new(0.0, -160.0)),
                Some(q),
            )
            .unwrap();
        for i in 0..3 {
            let id = cafe.alloc_id();
            let mut idea = Node::new(id, NodeKind::Idea, format!("Idea {t}.{i}"))
                .at(Point::new(-200.0 + 200.0 * i as f32, -320.0));
            idea.tags = vec!["public".into()];
            table.insert(idea, Some(theme)).unwrap();
        }
        cafe.tables.push(table);
    }
    cafe
}

/// [`public`] with private things everywhere: speaker notes on every kind of node,
/// contributors, merge history, a hidden idea with a child, and a whole hidden table.
fn private() -> Cafe {
    let mut cafe = public();
    let mut hidden_table = cafe.new_table(format!("{SECRET} hidden question"));
    let hq = hidden_table.question();
    if let Some(n) = hidden_table.node_mut(hq) {
        n.hidden = true;
    }
    let ht = cafe.alloc_id();
    let mut theme = Node::new(
        ht,
        NodeKind::Theme,
        format!("{SECRET} theme of a hidden table"),
    );
    theme.tags = vec![format!("{SECRET}tag")];
    hidden_table.insert(theme, Some(hq)).unwrap();
    let hi = cafe.alloc_id();
    let mut idea = Node::new(
        hi,
        NodeKind::Idea,
        format!("{SECRET} idea of a hidden table"),
    );
    idea.owner = format!("{SECRET} owner");
    hidden_table.insert(idea, Some(ht)).unwrap();
    let (hidden, under) = (cafe.alloc_id(), cafe.alloc_id());
    let table = &mut cafe.tables[0];
    let theme = table.themes()[0];
    let mut h = Node::new(hidden, NodeKind::Idea, format!("{SECRET} hidden idea"))
        .at(Point::new(400.0, -320.0));
    h.hidden = true;
    table.insert(h, Some(theme)).unwrap();
    table
        .insert(
            Node::new(
                under,
                NodeKind::Idea,
                format!("{SECRET} under a hidden idea"),
            )
            .at(Point::new(400.0, -420.0)),
            Some(hidden),
        )
        .unwrap();
    for table in &mut cafe.tables {
        for id in table.node_ids() {
            if let Some(n) = table.node_mut(id) {
                n.note = format!("{SECRET} speaker note");
                if n.kind == NodeKind::Idea {
                    n.origin.contributor = format!("{SECRET} contributor");
                    n.merged_from = vec![format!("{SECRET} fragment")];
                }
            }
        }
    }
    cafe.tables.push(hidden_table);
    cafe.validate().unwrap();
    cafe
}

const ALL: [ExportFormat; 10] = [
    ExportFormat::Ron,
    ExportFormat::Markdown,
    ExportFormat::Opml,
    ExportFormat::FreeMind,
    ExportFormat::Canvas,
    ExportFormat::Csv,
    ExportFormat::Svg,
    ExportFormat::Png,
    ExportFormat::Pdf,
    ExportFormat::Html,
];

fn safe() -> ExportOptions {
    ExportOptions {
        partner_safe: true,
        ..ExportOptions::default()
    }
}

/// The texts of a zip's parts (an ODT), inflated.
pub fn zip_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 0;
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    while at + 30 <= bytes.len() && u32_at(at) == 0x0403_4b50 {
        let method = u16_at(at + 8);
        let size = u32_at(at + 18) as usize;
        let (name_len, extra_len) = (u16_at(at + 26), u16_at(at + 28));
        let name = String::from_utf8_lossy(&bytes[at + 30..at + 30 + name_len]).into_owned();
        let start = at + 30 + name_len + extra_len;
        let data = &bytes[start..start + size];
        let content = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(data).expect("a deflated part"),
            m => panic!("{name}: compression method {m}"),
        };
        out.push((name, content));
        at = start + size;
    }
    assert!(!out.is_empty(), "no zip parts found");
    out
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn partner_safe_exports_leak_nothing_in_any_format() {
    let cafe = private();
    let clean = public();
    for format in ALL {
        let name = format.extension();
        let plain = export(&cafe, format, &ExportOptions::default()).unwrap();
        let safe_bytes = export(&cafe, format, &safe()).unwrap();
        assert!(
            !contains(&safe_bytes, SECRET),
            "{name} leaks with --partner-safe"
        );
        if matches!(
            format,
            ExportFormat::Png | ExportFormat::Pdf | ExportFormat::Svg
        ) {
            // Pictures draw their text as shapes: partner-safe draws exactly the public map.
            let public_bytes = export(&clean, format, &ExportOptions::default()).unwrap();
            assert!(
                safe_bytes == public_bytes,
                "{name}: more than the public map"
            );
        }
        if format == ExportFormat::Ron {
            assert!(
                contains(&plain, SECRET),
                "the test's markers are in the map"
            );
        }
    }
}

#[test]
fn the_html_map_leaves_out_what_is_hidden_even_without_the_option() {
    let html = export(&private(), ExportFormat::Html, &ExportOptions::default()).unwrap();
    let page = String::from_utf8(html).unwrap();
    for hidden in [
        "hidden idea",
        "under a hidden idea",
        "hidden question",
        "theme of a hidden table",
        "SECRETtag",
        "SECRET owner",
    ] {
        assert!(!page.contains(hidden), "the HTML map shows {hidden:?}");
    }
    assert!(page.contains("Idea 0.1"));
}

#[test]
fn partner_safe_reports_leak_nothing_even_in_the_odt_parts() {
    let options = ReportOptions {
        partner_safe: true,
        ..ReportOptions::default()
    };
    let cafe = private();
    let odt = report::export(&cafe, ReportFormat::Odt, &options).unwrap();
    for (name, part) in zip_parts(&odt) {
        assert!(!contains(&part, SECRET), "the ODT's {name} leaks");
    }
    let html = report::export(&cafe, ReportFormat::Html, &options).unwrap();
    assert!(!contains(&html, SECRET));
    // Without the option the report does carry the speaker notes: the markers are there.
    let odt = report::export(&cafe, ReportFormat::Odt, &ReportOptions::default()).unwrap();
    assert!(
        zip_parts(&odt)
            .iter()
            .any(|(_, part)| contains(part, SECRET))
    );
}

/// A map whose idea texts are code elsewhere.
fn hostile_texts() -> Cafe {
    let mut cafe = public();
    let t = &mut cafe.tables[0];
    let theme = t.themes()[0];
    let ideas = t.children(theme);
    for (id, text) in ideas.iter().zip([
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "R&D &amp; co -> fine",
    ]) {
        if let Some(n) = t.node_mut(*id) {
            n.text = text.to_owned();
        }
    }
    cafe
}

#[test]
fn markdown_and_canvas_write_html_as_text_and_read_it_back() {
    let cafe = hostile_texts();
    for (format, name) in [
        (ExportFormat::Markdown, "map.md"),
        (ExportFormat::Canvas, "map.canvas"),
    ] {
        let bytes = export(&cafe, format, &ExportOptions::default()).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            !text.contains("<script") && !text.contains("<img"),
            "{name}: {text}"
        );
        let back = import::import_bytes(Path::new(name), &bytes).unwrap().cafe;
        let texts: Vec<String> = back.tables[0].nodes().map(|n| n.text.clone()).collect();
        for original in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(2)>",
            "R&D &amp; co -> fine",
        ] {
            assert!(
                texts.iter().any(|t| t == original),
                "{name}: {original:?} did not come back: {texts:?}"
            );
        }
    }
}

#[test]
fn csv_neutralises_spaced_formulas_and_drops_nul() {
    let mut cafe = public();
    let t = &mut cafe.tables[0];
    let theme = t.themes()[0];
    let ideas = t.children(theme);
    if let Some(n) = t.node_mut(ideas[0]) {
        n.text = " =HYPERLINK(\"http://x\")".into();
    }
    if let Some(n) = t.node_mut(ideas[1]) {
        n.text = "before\0after".into();
    }
    let csv =
        String::from_utf8(export(&cafe, ExportFormat::Csv, &ExportOptions::default()).unwrap())
            .unwrap();
    assert!(csv.contains("\"' =HYPERLINK("), "{csv}");
    assert!(!csv.contains('\0'));
    assert!(csv.contains("beforeafter"));
}

#[test]
fn control_characters_do_not_come_in() {
    let opml = "<opml version=\"2.0\"><body><outline text=\"Q\"><outline text=\"T\">\
                <outline text=\"a&#0;b&#1;c\" _note=\"n&#0;o\"/></outline></outline></body></opml>";
    let cafe = import::import_bytes(Path::new("x.opml"), opml.as_bytes())
        .unwrap()
        .cafe;
    for n in cafe.tables[0].nodes() {
        assert!(
            !n.text
                .chars()
                .chain(n.note.chars())
                .any(|c| c.is_control() && c != '\n'),
            "{:?} / {:?}",
            n.text,
            n.note
        );
    }
    assert!(cafe.tables[0].nodes().any(|n| n.text == "abc"));
}

#[test]
fn a_spreadsheet_csv_comes_back_as_the_same_map() {
    let mut cafe = public();
    // Votes, tags with a separator, an action, a round, a contributor, an unsorted note.
    {
        let t = &mut cafe.tables[1];
        let theme = t.themes()[0];
        let ideas = t.children(theme);
        if let Some(n) = t.node_mut(ideas[0]) {
            n.votes = cafemap::model::Votes::single(3);
            n.tags = vec!["jeunesse".into(), "action".into()];
            n.owner = "Awa".into();
            n.due = "2026-03-31".into();
            n.origin.round = Some(2);
            n.origin.contributor = "Jean".into();
            n.text = "- starts like a formula, \"quoted\"\nand on two lines".into();
        }
    }
    let id = cafe.alloc_id();
    cafe.tables[0]
        .insert(Node::new(id, NodeKind::Idea, "loose note"), None)
        .unwrap();
    let csv = export(&cafe, ExportFormat::Csv, &ExportOptions::default()).unwrap();
    let back = import::import_bytes(Path::new("map.csv"), &csv)
        .unwrap()
        .cafe;
    assert_eq!(back.counts(), cafe.counts());
    let sig = |c: &Cafe| {
        let mut rows: Vec<String> = Vec::new();
        for t in &c.tables {
            rows.push(format!("Q {}", t.question_node().text));
            for n in t.nodes().filter(|n| n.kind != NodeKind::Question) {
                let theme = t
                    .theme_of(n.id)
                    .and_then(|th| t.node(th))
                    .map(|th| th.text.clone());
                rows.push(format!(
                    "{:?} {} {:?} votes={} tags={:?} round={:?} by={} owner={} due={}",
                    n.kind,
                    n.text,
                    theme,
                    n.votes.total(),
                    n.tags,
                    n.origin.round,
                    n.origin.contributor,
                    n.owner,
                    n.due
                ));
            }
        }
        rows.sort();
        rows
    };
    assert_eq!(sig(&back), sig(&cafe));
    // Saved from a French spreadsheet: `;` between cells.
    let french = "table;question;theme;idea;votes\r\n1;Q;T;\"a; b\";2\r\n";
    let back = import::import_bytes(Path::new("fr.csv"), french.as_bytes())
        .unwrap()
        .cafe;
    let t = &back.tables[0];
    let idea = t.node(t.children(t.themes()[0])[0]).unwrap();
    assert_eq!((idea.text.as_str(), idea.votes.total()), ("a; b", 2));
}
