//! SVG, PNG and PDF exports of a small café: what a partner opening the file would notice.

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export, png, svg};
use cafemap::layout::arrange_cafe;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind, Paper, Rgb};
use cafemap::render::QUESTION_FILL;
use resvg::{tiny_skia, usvg};
use std::collections::HashSet;

const TRICKY: &str = "Sécurité & <confiance> « ensemble » → œuvrer";

/// Two tables, accents, XML-special characters, an unsorted note, arranged as after an import.
fn cafe() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Restitution — Angers".into(),
        ..CafeInfo::default()
    });
    let mut t = cafe.new_table("Comment faire perdurer les relations entre collectivités ?");
    let q = t.question();
    let (a, b) = (cafe.alloc_id(), cafe.alloc_id());
    t.insert(
        Node::new(a, NodeKind::Theme, "Maintien des actions"),
        Some(q),
    )
    .unwrap();
    t.insert(Node::new(b, NodeKind::Theme, "Maintien du lien"), Some(q))
        .unwrap();
    for (parent, text) in [
        (a, TRICKY),
        (a, "Appui sur diaspora et comités de jumelage"),
        (b, "Faire venir les partenaires en France"),
    ] {
        let id = cafe.alloc_id();
        t.insert(Node::new(id, NodeKind::Idea, text), Some(parent))
            .unwrap();
    }
    let loose = cafe.alloc_id();
    t.insert(
        Node::new(loose, NodeKind::Idea, "Idée pas encore classée"),
        None,
    )
    .unwrap();
    cafe.tables.push(t);
    let mut t = cafe.new_table("Quels retours sur le territoire ?");
    let q = t.question();
    let c = cafe.alloc_id();
    t.insert(
        Node::new(c, NodeKind::Theme, "Opportunités économiques").at(Point::new(300.0, 0.0)),
        Some(q),
    )
    .unwrap();
    let id = cafe.alloc_id();
    t.insert(
        Node::new(id, NodeKind::Idea, "Ouverture sur le monde"),
        Some(c),
    )
    .unwrap();
    cafe.tables.push(t);
    arrange_cafe(&mut cafe);
    cafe
}

fn all() -> ExportOptions {
    ExportOptions::default()
}

fn only(table: usize) -> ExportOptions {
    ExportOptions {
        table: Some(table),
        ..ExportOptions::default()
    }
}

/// Every text chunk of a parsed SVG, joined by spaces (so wrapped lines read as the note).
fn texts(tree: &usvg::Tree) -> String {
    fn walk(g: &usvg::Group, out: &mut Vec<String>) {
        for n in g.children() {
            match n {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => out.extend(t.chunks().iter().map(|c| c.text().to_owned())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out.join(" ")
}

#[test]
fn svg_parses_and_holds_every_text_escaped() {
    let bytes = export(&cafe(), ExportFormat::Svg, &all()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("Sécurité &amp;") && text.contains("&lt;confiance&gt;"),
        "XML-escaped, accents as is"
    );
    assert!(text.contains("font-family=\"DejaVu Sans, sans-serif\""));
    let tree = usvg::Tree::from_str(&text, &png::usvg_options()).unwrap();
    assert_eq!(tree.size().width(), svg::SLIDE_W);
    assert_eq!(
        tree.size().height(),
        svg::document_height(2),
        "two slides stacked"
    );
    let words = texts(&tree);
    for expected in [
        TRICKY,
        "Comment faire perdurer les relations entre collectivités ?",
        "Appui sur diaspora et comités de jumelage",
        "Idée pas encore classée",
        "Opportunités économiques",
        "Table 1",
        "Table 2",
        "Restitution — Angers",
    ] {
        assert!(
            words.contains(expected),
            "missing {expected:?} in {words:?}"
        );
    }
}

#[test]
fn svg_of_one_table_shows_only_it() {
    let text = String::from_utf8(export(&cafe(), ExportFormat::Svg, &only(1)).unwrap()).unwrap();
    let words = texts(&usvg::Tree::from_str(&text, &png::usvg_options()).unwrap());
    assert!(
        words.contains("Quels retours sur le territoire ?") && words.contains("Table 2"),
        "{words}"
    );
    assert!(!words.contains("Maintien du lien"));
    assert!(
        export(&cafe(), ExportFormat::Svg, &only(7))
            .unwrap_err()
            .to_string()
            .contains("no table 8")
    );
}

#[test]
fn png_is_a_full_hd_slide_per_table_in_the_map_colours() {
    let bytes = export(&cafe(), ExportFormat::Png, &only(0)).unwrap();
    let img = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (1920, 1080));
    let colours: HashSet<(u8, u8, u8)> = img
        .pixels()
        .iter()
        .map(|p| p.demultiply())
        .map(|c| (c.red(), c.green(), c.blue()))
        .collect();
    assert!(
        colours.len() > 50,
        "a real picture, not a blank page ({} colours)",
        colours.len()
    );
    let has = |c: Rgb| colours.contains(&(c.0, c.1, c.2));
    assert!(has(QUESTION_FILL), "the navy question");
    assert!(
        has(Paper::nth(0).rgb()) && has(Paper::nth(1).rgb()),
        "one colour per theme"
    );
    assert!(has(Rgb(255, 255, 255)), "white slide background");

    let both = tiny_skia::Pixmap::decode_png(&export(&cafe(), ExportFormat::Png, &all()).unwrap())
        .unwrap();
    assert_eq!(
        (both.width(), both.height()),
        (1920, svg::document_height(2) as u32)
    );
    let half = ExportOptions {
        table: Some(1),
        scale: Some(0.5),
    };
    let small =
        tiny_skia::Pixmap::decode_png(&export(&cafe(), ExportFormat::Png, &half).unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (960, 540));
}

/// Counts page objects (not the `/Type /Pages` tree node).
fn pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn pdf_has_a_page_per_table_and_embeds_the_font() {
    let pdf = export(&cafe(), ExportFormat::Pdf, &all()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pages(&pdf), 2);
    assert!(
        contains(&pdf, b"/FontFile2"),
        "the font travels with the file"
    );
    assert!(
        contains(&pdf, b"/ToUnicode"),
        "text can be searched and copied, accents included"
    );
    assert!(contains(&pdf, b"DejaVuSans"));
    let one = export(&cafe(), ExportFormat::Pdf, &only(1)).unwrap();
    assert_eq!(pages(&one), 1);
}

#[test]
fn an_empty_cafe_still_exports_one_slide() {
    let empty = Cafe::new(CafeInfo {
        title: "Café à venir".into(),
        ..CafeInfo::default()
    });
    let svg_text = String::from_utf8(export(&empty, ExportFormat::Svg, &all()).unwrap()).unwrap();
    assert!(
        texts(&usvg::Tree::from_str(&svg_text, &png::usvg_options()).unwrap())
            .contains("Café à venir")
    );
    let img =
        tiny_skia::Pixmap::decode_png(&export(&empty, ExportFormat::Png, &all()).unwrap()).unwrap();
    assert_eq!((img.width(), img.height()), (1920, 1080));
    assert_eq!(
        pages(&export(&empty, ExportFormat::Pdf, &all()).unwrap()),
        1
    );
}

#[test]
fn format_names_and_extensions() {
    for (name, ext) in [("svg", "svg"), ("PNG", "png"), ("pdf", "pdf")] {
        assert_eq!(
            ExportFormat::from_name(name).map(|f| f.extension()),
            Some(ext)
        );
    }
}
