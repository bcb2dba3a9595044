//! SVG, PNG and PDF exports of a small café: what a partner opening the file would notice.

use cafemap::geom::Point;
use cafemap::io::export::{
    ExportFormat, ExportOptions, PageSize, export, png, svg, unsorted_left_out,
};
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
        ..ExportOptions::default()
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

#[test]
fn slides_leave_the_unsorted_tray_out_and_count_its_notes() {
    let cafe = cafe();
    let text = String::from_utf8(export(&cafe, ExportFormat::Svg, &only(0)).unwrap()).unwrap();
    let words = texts(&usvg::Tree::from_str(&text, &png::usvg_options()).unwrap());
    assert!(
        !words.contains("Idée pas encore classée"),
        "no unsorted note on a slide: {words}"
    );
    assert!(
        !text.contains("stroke-dasharray=\"6 6\""),
        "no dashed tray outline"
    );
    for format in [ExportFormat::Svg, ExportFormat::Png, ExportFormat::Pdf] {
        assert_eq!(unsorted_left_out(&cafe, format, &all()).unwrap(), 1);
        assert_eq!(unsorted_left_out(&cafe, format, &only(1)).unwrap(), 0);
    }
    for format in [
        ExportFormat::Opml,
        ExportFormat::Markdown,
        ExportFormat::Csv,
    ] {
        assert_eq!(
            unsorted_left_out(&cafe, format, &all()).unwrap(),
            0,
            "{format:?} keeps unsorted notes"
        );
    }
}

#[test]
fn the_map_fills_the_slide_once_the_tray_is_gone() {
    // A tray of many notes beside a small map used to shrink the map to a corner of the slide.
    let mut cafe = cafe();
    let t = &mut cafe.tables[0];
    for k in 0..30 {
        let id = cafemap::model::NodeId(500 + k);
        t.insert(
            Node::new(id, NodeKind::Idea, format!("Note du bac numéro {k}")),
            None,
        )
        .unwrap();
    }
    arrange_cafe(&mut cafe);
    let slide = svg::table_slide(&cafe, 0).unwrap();
    let scale = |svg: &str| -> f32 {
        let at = svg.find(") scale(").unwrap() + ") scale(".len();
        svg[at..].split(')').next().unwrap().parse().unwrap()
    };
    let alone = {
        let mut c = cafe.clone();
        let t = &mut c.tables[0];
        for id in t.unsorted() {
            for n in t.subtree(id).into_iter().rev() {
                t.remove(n).unwrap();
            }
        }
        svg::table_slide(&c, 0).unwrap()
    };
    assert_eq!(scale(&slide), scale(&alone), "the tray takes no room");
}

/// Text as a reader of the file sees it, drawn by librsvg (GNOME's viewer, Inkscape's import,
/// many converters), when `rsvg-convert` and `pdftotext` are installed.
fn rsvg_text(svg: &str) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let (svg_path, pdf_path) = (dir.path().join("s.svg"), dir.path().join("s.pdf"));
    std::fs::write(&svg_path, svg).ok()?;
    let drawn = std::process::Command::new("rsvg-convert")
        .args(["-f", "pdf", "-o"])
        .arg(&pdf_path)
        .arg(&svg_path)
        .status()
        .ok()?;
    assert!(drawn.success(), "rsvg-convert reads the SVG");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_slide_header_keeps_its_space_before_the_dash_in_every_viewer() {
    let text = String::from_utf8(export(&cafe(), ExportFormat::Svg, &only(0)).unwrap()).unwrap();
    let words = texts(&usvg::Tree::from_str(&text, &png::usvg_options()).unwrap());
    assert!(words.contains("Table 1 — Restitution — Angers"), "{words}");
    match rsvg_text(&text) {
        Some(drawn) => assert!(
            drawn.contains("Table 1 — Restitution — Angers"),
            "librsvg draws {drawn:?}"
        ),
        None => eprintln!("rsvg-convert or pdftotext missing: librsvg not checked"),
    }
}

/// The example's table 1 with two of its notes taken back to the Unsorted tray.
fn half_sorted_example() -> Cafe {
    let mut cafe = cafemap::ui::example();
    let t = &mut cafe.tables[0];
    let theme = t.themes()[0];
    for idea in t.children(theme).into_iter().take(2) {
        t.set_parent(idea, None).unwrap();
    }
    cafe
}

#[test]
fn the_window_exports_in_its_language_and_says_what_was_left_out() {
    use cafemap::i18n::Lang;
    use cafemap::ui::{CafeApp, Command, Document};
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::common::window::open(
        CafeApp::with_document(Lang::Fr, Document::new(half_sorted_example(), None))
            .with_path_prompt(),
    );
    for (format, name) in [
        (ExportFormat::Pdf, "carte.pdf"),
        (ExportFormat::Opml, "carte.opml"),
    ] {
        let ctx = h.ctx.clone();
        h.state_mut().run(&ctx, Command::Export(format));
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        h.event(egui::Event::Text(
            dir.path().join(name).display().to_string(),
        ));
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
        h.state_mut().finish_writes();
        h.run();
        let message = h.state().message().unwrap_or_default().to_owned();
        assert!(message.starts_with("Exporté dans"), "{message}");
        if format == ExportFormat::Pdf {
            assert!(
                message.contains("2 notes non classées laissées de côté"),
                "{message}"
            );
        } else {
            assert!(
                !message.contains("laissée"),
                "an outline keeps them: {message}"
            );
        }
    }
    let opml = std::fs::read_to_string(dir.path().join("carte.opml")).unwrap();
    assert!(
        opml.contains("text=\"Non classées\""),
        "the French window names the tray in French"
    );
}

/// One table of 12 themes of 40 ideas, arranged: far too big to read on one slide.
fn big_cafe() -> Cafe {
    let mut s = crate::common::sketch::Sketch::new(
        "Grande table",
        "Comment faire perdurer les relations entre collectivités ?",
    );
    s.themes_of_ideas(
        (12, 40),
        |k| format!("Thème {k}"),
        |k, i| format!("Idée {k}.{i} : échanges entre partenaires et habitants"),
    );
    let mut cafe = s.cafe();
    arrange_cafe(&mut cafe);
    cafe
}

/// The first `/MediaBox` of a PDF, as width and height in points (or in its `/UserUnit`s).
fn media_box(pdf: &[u8]) -> (f32, f32) {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/MediaBox [").unwrap() + "/MediaBox [".len();
    let nums: Vec<f32> = text[at..]
        .split(']')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[2], nums[3])
}

/// The `font-size` of every text of an SVG and the `scale(…)` of its map, as written.
fn svg_sizes(svg: &str) -> (Vec<f32>, f32) {
    let sizes = svg
        .split("<text font-size=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect();
    let zoom = svg
        .split(") scale(")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .map_or(1.0, |z| z.parse().unwrap());
    (sizes, zoom)
}

/// A big table exports at a legible scale, on a page the size of its map (the issue: it was
/// squeezed into one 1920 × 1080 slide, its notes a few pixels tall); small tables stay slides,
/// and slides can still be asked for.
#[test]
fn big_tables_get_pages_sized_to_their_map_at_a_legible_scale() {
    let cafe = big_cafe();
    let bounds = cafemap::render::table_scene(
        &cafe,
        &cafe.tables[0],
        &cafemap::render::SceneOptions::PICTURE,
    )
    .bounds;
    assert!(
        svg::fit(bounds).zoom * 14.0 < svg::LEGIBLE_PX,
        "too big for a slide"
    );

    let text = String::from_utf8(export(&cafe, ExportFormat::Svg, &all()).unwrap()).unwrap();
    let tree = usvg::Tree::from_str(&text, &png::usvg_options()).unwrap();
    assert!((tree.size().width() - bounds.width()).abs() < 1.0);
    assert!((tree.size().height() - (svg::HEADER_H + bounds.height())).abs() < 1.0);
    let (sizes, zoom) = svg_sizes(&text);
    let smallest = sizes.iter().copied().fold(f32::INFINITY, f32::min) * zoom;
    assert!(
        smallest >= svg::LEGIBLE_PX,
        "text at {smallest} px at 100 %"
    );
    assert!(texts(&tree).contains("Idée 11.39"), "every note is there");

    // PDF: a page as large as the map at 0.75 pt per pixel, so notes print at 10.5 pt.
    let pdf = export(&cafe, ExportFormat::Pdf, &all()).unwrap();
    let (w, h) = media_box(&pdf);
    assert!((w - bounds.width() * 0.75).abs() < 1.0, "{w}");
    assert!(
        (h - (svg::HEADER_H + bounds.height()) * 0.75).abs() < 1.0,
        "{h}"
    );

    // PNG: one pixel per unit.
    let img =
        tiny_skia::Pixmap::decode_png(&export(&cafe, ExportFormat::Png, &all()).unwrap()).unwrap();
    assert_eq!(img.width(), bounds.width().ceil() as u32);

    // Slides on request, for presenting.
    let slides = ExportOptions {
        page: PageSize::Slide,
        ..ExportOptions::default()
    };
    assert_eq!(
        media_box(&export(&cafe, ExportFormat::Pdf, &slides).unwrap()),
        (960.0, 540.0)
    );
    let text = String::from_utf8(export(&cafe, ExportFormat::Svg, &slides).unwrap()).unwrap();
    assert!(text.contains("width=\"1920\" height=\"1080\""));

    // A small table stays a slide; a page sized to it is asked for by name.
    let small = cafe_pages(PageSize::Auto);
    assert_eq!(small, (960.0, 540.0));
    let sized = cafe_pages(PageSize::Content);
    assert!(
        sized.0 >= 960.0 * 0.75 && sized != (960.0, 540.0),
        "{sized:?}"
    );
}

fn cafe_pages(page: PageSize) -> (f32, f32) {
    let options = ExportOptions {
        table: Some(0),
        page,
        ..ExportOptions::default()
    };
    media_box(&export(&cafe(), ExportFormat::Pdf, &options).unwrap())
}
