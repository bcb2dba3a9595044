//! What partners receive reads like a finished document: the report's pages are filled, keep
//! headings with what they announce, never strand one or two list items, print every map's
//! notes at 7 pt or more; and every output speaks the café's own language.

use crate::common::EXAMPLE;
use crate::common::cli::cafemap;
use crate::common::window::window as harness;
use cafemap::i18n::Lang;
use cafemap::io::export::{self, ExportFormat, ExportOptions};
use cafemap::io::file;
use cafemap::io::import;
use cafemap::io::report::pdf::{self, BoxKind, MIN_FIGURE_TEXT, MIN_FILL, PageLayout};
use cafemap::io::report::{Block, Report, ReportFormat, ReportOptions, build};
use cafemap::model::Cafe;
use std::path::Path;

const FORMAT_3: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/formats/format-3.ron"
);
const FORMAT_4: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/formats/format-4.ron"
);
const REPORT_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report.ron");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/seed/world-cafe-restitution.outline.md"
);

fn load(path: &str) -> Cafe {
    file::load(Path::new(path)).unwrap()
}

/// The report as `cafemap report` writes it by default: in the café's language.
fn report_of(cafe: &Cafe, partner_safe: bool) -> Report {
    build(
        cafe,
        &ReportOptions {
            lang: cafe.language(),
            partner_safe,
        },
    )
}

fn describe(pages: &[PageLayout]) -> String {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let kinds: Vec<String> = p.boxes.iter().map(|b| format!("{:?}", b.kind)).collect();
            format!(
                "page {}: {:.0} % {}{}{}",
                i + 1,
                p.fill() * 100.0,
                if p.landscape() { "(landscape) " } else { "" },
                p.figure_text
                    .map_or(String::new(), |t| format!("(map text {t:.1} pt) ")),
                kinds.join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules of a finished document, checked on the PDF's own layout (not on pixels).
fn assert_finished(report: &Report, pages: &[PageLayout]) {
    let all = describe(pages);
    assert!(pages.len() >= 2, "{all}");
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        if i > 0 {
            assert!(!page.boxes.is_empty(), "page {n} is empty\n{all}");
        }
        // A heading is never the last thing on a page.
        if let Some(last) = page.boxes.last() {
            assert!(
                !matches!(last.kind, BoxKind::Heading(_)),
                "page {n} ends with a heading\n{all}"
            );
        }
        // Every page but the title page and the last is at least a third full.
        if i > 0 && i + 1 < pages.len() {
            assert!(
                page.fill() >= MIN_FILL,
                "page {n} is only {:.0} % full\n{all}",
                page.fill() * 100.0
            );
        }
        // Nothing runs past the foot.
        for b in &page.boxes {
            assert!(
                b.bottom <= page.body_bottom + 0.5,
                "page {n} overflows\n{all}"
            );
        }
        if let Some(text) = page.figure_text {
            assert!(
                text >= MIN_FIGURE_TEXT - 1e-3,
                "page {n}: a map's notes print at {text:.1} pt\n{all}"
            );
        }
    }
    // A list never leaves one or two items alone at the top or the foot of a page.
    for (index, block) in report.blocks.iter().enumerate() {
        let Block::List(items) = block else {
            continue;
        };
        let per_page: Vec<usize> = pages
            .iter()
            .map(|p| {
                p.boxes
                    .iter()
                    .filter(|b| b.block == index && b.kind == BoxKind::Item)
                    .count()
            })
            .filter(|&c| c > 0)
            .collect();
        assert_eq!(per_page.iter().sum::<usize>(), items.len(), "{all}");
        if per_page.len() > 1 {
            assert!(
                per_page.iter().all(|&c| c >= 3),
                "list {index} is split {per_page:?}\n{all}"
            );
        }
    }
}

#[test]
fn the_format_3_report_fits_six_filled_pages() {
    let cafe = load(FORMAT_3);
    let report = report_of(&cafe, false);
    let pages = pdf::layout(&report).unwrap();
    assert!(
        pages.len() <= 6,
        "{} pages\n{}",
        pages.len(),
        describe(&pages)
    );
    assert_finished(&report, &pages);
    // Every table's map is in it, printed legibly.
    let maps = pages.iter().filter_map(|p| p.figure_text).count();
    assert!(maps >= 3, "{}", describe(&pages));
    // The PDF written has exactly these pages.
    let bytes = pdf::write(&report).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(&format!("/Count {}", pages.len())));
}

#[test]
fn the_example_and_the_report_fixture_read_as_finished_documents() {
    for path in [EXAMPLE, REPORT_FIXTURE] {
        let cafe = load(path);
        for partner_safe in [false, true] {
            let report = report_of(&cafe, partner_safe);
            let pages = pdf::layout(&report).unwrap();
            assert_finished(&report, &pages);
        }
    }
}

#[test]
fn a_report_has_no_empty_sections() {
    let cafe = load(FORMAT_3);
    let report = report_of(&cafe, false);
    let texts = report.texts();
    for gone in [
        "Toutes les notes sont classées.",
        "Every note is sorted.",
        "Annexe : notes non classées",
        "Annex: unsorted notes",
    ] {
        assert!(!texts.contains(&gone), "{gone}");
    }
    // Each level-1 heading is followed by something before the next one.
    let heads: Vec<usize> = report
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { level: 1, .. }))
        .map(|(i, _)| i)
        .collect();
    for (k, &i) in heads.iter().enumerate() {
        let end = heads.get(k + 1).copied().unwrap_or(report.blocks.len());
        assert!(
            report.blocks[i + 1..end]
                .iter()
                .any(|b| !matches!(b, Block::Heading { .. })),
            "section {:?} is empty",
            report.blocks[i]
        );
    }
}

#[test]
fn the_cafe_language_is_recorded_in_format_4_and_older_files_keep_their_format() {
    let four = load(FORMAT_4);
    assert_eq!(four.info.lang, Some(Lang::Fr));
    let text = file::to_string(&four);
    assert!(text.starts_with("(\n    format_version: 4,"), "{text}");
    assert!(text.contains("lang: \"fr\""), "{text}");
    assert_eq!(file::from_str(&text).unwrap(), four);
    // Without a recorded language, a map keeps the oldest format that holds it.
    let mut three = load(FORMAT_3);
    assert_eq!(three.info.lang, None);
    assert!(file::to_string(&three).starts_with("(\n    format_version: 3,"));
    three.info.lang = Some(Lang::En);
    assert!(file::to_string(&three).starts_with("(\n    format_version: 4,"));
    let mut example = load(EXAMPLE);
    assert_eq!(example.info.lang, Some(Lang::Fr));
    example.info.lang = None;
    assert!(file::to_string(&example).starts_with("(\n    format_version: 1,"));
    // A language this version does not know loads as not recorded, not as an error.
    let other = text.replace("lang: \"fr\"", "lang: \"de\"");
    assert_eq!(file::from_str(&other).unwrap().info.lang, None);
}

#[test]
fn every_output_speaks_the_cafes_language_unless_asked_otherwise() {
    // A café that records no language (an older file) is read as its words are: French.
    let mut cafe = load(EXAMPLE);
    assert_eq!(cafe.info.lang, Some(Lang::Fr));
    cafe.info.lang = None;
    assert_eq!(cafe.language(), Lang::Fr);
    let report = report_of(&cafe, false);
    let outline: Vec<&str> = report.outline().into_iter().map(|(_, t)| t).collect();
    assert!(outline.contains(&"En bref"), "{outline:?}");
    assert!(!outline.contains(&"Summary"), "{outline:?}");

    // An English café comes out in English, whatever the machine's language.
    let mut english = cafe.clone();
    english.info.lang = Some(Lang::En);
    let report = report_of(&english, false);
    assert!(report.outline().iter().any(|(_, t)| *t == "Summary"));

    // The exports' own words follow the café: the outline's "Unsorted" node.
    let mut unsorted = load(FORMAT_3);
    let t = &mut unsorted.tables[0];
    let idea = t
        .nodes()
        .find(|n| n.kind == cafemap::model::NodeKind::Idea && t.children(n.id).is_empty())
        .map(|n| n.id)
        .unwrap();
    t.set_parent(idea, None).unwrap();
    let options = ExportOptions {
        lang: unsorted.language(),
        ..ExportOptions::default()
    };
    let words = |format| String::from_utf8(export::export(&unsorted, format, &options).unwrap());
    let opml = words(ExportFormat::Opml).unwrap();
    assert!(opml.contains("Non classées"), "{opml}");
    let md = words(ExportFormat::Markdown).unwrap();
    assert!(md.contains("(échéance 2027-03-31)"), "{md}");
}

#[test]
fn the_command_line_writes_in_the_cafes_language_and_lang_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = cafemap(&["report", EXAMPLE, "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<html lang=\"fr\""), "French by default");
    assert!(page.contains("En bref"));
    assert!(!page.contains("(not given)"));
    let out = cafemap(&[
        "report",
        EXAMPLE,
        "-o",
        html.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(out.status.success(), "{out:?}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Summary"), "--lang overrides");

    // The seed, imported, records French and its report comes out in French.
    let ron = dir.path().join("seed.ron");
    let out = cafemap(&["import", SEED, "-o", ron.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let seed = file::load(&ron).unwrap();
    assert_eq!(seed.info.lang, Some(Lang::Fr));
    let pdf_out = dir.path().join("seed.pdf");
    let out = cafemap(&[
        "report",
        ron.to_str().unwrap(),
        "-o",
        pdf_out.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let report = report_of(&seed, false);
    assert!(report.outline().iter().any(|(_, t)| *t == "En bref"));
    assert!(!report.texts().iter().any(|t| t.contains("not given")));
}

#[test]
fn import_detects_french_and_english_from_the_words() {
    let lang_of = |name: &str, notes: &str| {
        let imported = import::import_bytes(Path::new(name), notes.as_bytes()).unwrap();
        imported.cafe.info.lang
    };
    let fr = lang_of(
        "notes.txt",
        "Comment faire vivre les jumelages ?\n  Des échanges entre les écoles\n  Un fonds pour les associations\n",
    );
    assert_eq!(fr, Some(Lang::Fr));
    let en = lang_of(
        "notes.md",
        "# Twinning\n\n## How can the partnership last?\n\n- Keep in touch\n  - Visits between the schools\n  - A fund for the local associations\n",
    );
    assert_eq!(en, Some(Lang::En));
}

#[test]
fn no_placeholder_for_an_empty_field_in_the_example_or_the_fixtures() {
    for path in [
        EXAMPLE,
        REPORT_FIXTURE,
        FORMAT_3,
        FORMAT_4,
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats/format-1.ron"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats/format-2.ron"
        ),
    ] {
        let cafe = load(path);
        assert_eq!(
            cafe.info.subtitle, "Temps de discussion en groupes de travail",
            "{path}"
        );
        // Every format of the report shows nothing for what was not given.
        let options = ReportOptions {
            lang: cafe.language(),
            partner_safe: false,
        };
        let html = cafemap::io::report::export(&cafe, ReportFormat::Html, &options).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(!html.contains("not given"), "{path}");
    }
}

#[test]
fn the_cafe_properties_show_and_change_its_language_as_one_undo_step() {
    use egui_kittest::kittest::{NodeT, Queryable};
    let mut older = load(EXAMPLE);
    older.info.lang = None;
    let mut h = harness(older.clone());
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, cafemap::ui::Command::CafeProperties);
    h.run();
    // A café that records no language: the dialog shows the one its notes are in.
    let french = h.get_by_label("French");
    assert_eq!(
        french.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let doc = h.state().document();
    assert_eq!(doc.cafe().info.lang, Some(Lang::En));
    assert!(doc.is_dirty());
    h.state_mut().run(&ctx, cafemap::ui::Command::Undo);
    h.run();
    assert_eq!(h.state().document().cafe().info.lang, None);
    assert_eq!(h.state().document().cafe(), &older);
    h.state_mut().run(&ctx, cafemap::ui::Command::Redo);
    h.run();
    assert_eq!(h.state().document().cafe().info.lang, Some(Lang::En));
}
