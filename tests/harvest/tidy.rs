//! How well Tidy rebuilds a café from text broken up as PDF extraction does: the seed's real
//! restitution and two fixtures of our own (French, English), each against its careful outline.
//! The thresholds are today's scores: a change to the rules that makes them drop fails here.
//! Placement on PDF-broken lists, header lines, splits and marks: `tests/tidy_placement.rs`.

use cafemap::harvest::tidy::score::{Outline, Score, score};
use cafemap::harvest::tidy::{self, cafe_from_text};
use cafemap::model::Cafe;

fn read_outline(text: &str) -> Outline {
    Outline::parse(text)
}

fn tidy(raw: &str, outline: &str) -> (Cafe, Outline, Score) {
    let cafe = cafe_from_text(raw, "Table 1");
    cafe.validate().unwrap();
    let outline = read_outline(outline);
    let s = score(&cafe, &outline);
    println!("{s:?}");
    (cafe, outline, s)
}

/// What a fixture scores at least: its outline's counts (ideas, tables, themes), the tables and
/// themes found exactly, and the ideas kept whole, in their table and placed at least.
struct Expected {
    counts: (usize, usize, usize),
    ideas_whole: usize,
    tables_found: usize,
    themes_found: usize,
    ideas_in_table: usize,
    ideas_placed: usize,
}

fn assert_scores(s: &Score, e: Expected) {
    assert_eq!((s.ideas, s.tables, s.themes), e.counts);
    assert!(s.ideas_whole >= e.ideas_whole, "{s:?}");
    assert_eq!(s.tables_found, e.tables_found, "{s:?}");
    assert_eq!(s.themes_found, e.themes_found, "{s:?}");
    assert!(s.ideas_in_table >= e.ideas_in_table, "{s:?}");
    assert!(s.ideas_placed >= e.ideas_placed, "{s:?}");
}

#[test]
fn seed_restitution_comes_back_as_its_notes_and_three_tables() {
    let (cafe, outline, s) = tidy(
        include_str!("../../examples/seed/world-cafe-restitution.txt"),
        include_str!("../../examples/seed/world-cafe-restitution.outline.md"),
    );
    // The one miss in ideas_whole: "mult-" that the outline mends to "multi-". The two lines
    // holding two notes ("… DAECT Engagement …", "Portage/Appui politique Prérequis") are split.
    // Each slide is one page of the text: its notes are its table's, wherever its heading sits.
    // Labels come after their notes on two of the three slides (see `tests/tidy_placement.rs`).
    assert_scores(
        &s,
        Expected {
            counts: (37, 3, 10),
            ideas_whole: 36,
            tables_found: 3,
            themes_found: 10,
            ideas_in_table: 36,
            ideas_placed: 27,
        },
    );
    assert_eq!(cafe.tables.len(), 3);
    // "Restitution des échanges", a header line, completes the title.
    assert_eq!(cafe.info.title, outline.title);
}

/// The path of the "Tidy" command: the seed imported as notes (one per paragraph, so some
/// notes already hold the end of one note and the start of the next), then tidied on the map.
#[test]
fn seed_imported_as_notes_then_tidied_on_the_map() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/seed/world-cafe-restitution.txt"
    );
    let mut cafe = cafemap::io::import::import_path(std::path::Path::new(seed))
        .unwrap()
        .cafe;
    let notes = tidy::tray_notes(&cafe.tables[0]);
    let source = tidy::fragments_of_notes(&cafe, 0, &notes).unwrap();
    let mut proposal = source.propose();
    proposal.accept_all();
    let edit = tidy::edit_for(&cafe, &source, &proposal).unwrap();
    cafemap::edit::apply(&mut cafe, edit).unwrap();
    cafe.validate().unwrap();
    let outline = read_outline(include_str!(
        "../../examples/seed/world-cafe-restitution.outline.md"
    ));
    let s = score(&cafe, &outline);
    println!("{s:?}");
    // Paragraphs that glue two notes ("… est important Proposer des échanges …") are split;
    // the notes lost the page breaks, so placing is weaker than from the text.
    assert!(s.ideas_whole >= 34, "{s:?}");
    assert!(s.ideas_placed >= 13, "{s:?}");
    assert_eq!(s.tables_found, 3, "{s:?}");
}

#[test]
fn french_fixture_with_an_agenda_and_repeated_headings() {
    let (cafe, outline, s) = tidy(
        include_str!("../fixtures/tidy/jeunesse.txt"),
        include_str!("../fixtures/tidy/jeunesse.outline.md"),
    );
    // The miss: "Parrainage entre jeunes", a short note followed by longer ones, taken for a
    // theme.
    assert_scores(
        &s,
        Expected {
            counts: (24, 3, 9),
            ideas_whole: 23,
            tables_found: 3,
            themes_found: 9,
            ideas_in_table: 23,
            ideas_placed: 21,
        },
    );
    assert_eq!(cafe.info.title, outline.title);
    assert_eq!(cafe.info.subtitle, "Synthèse des tables du 14 mars");
}

#[test]
fn english_fixture_with_labelled_tables() {
    let (cafe, outline, s) = tidy(
        include_str!("../fixtures/tidy/twin-towns.txt"),
        include_str!("../fixtures/tidy/twin-towns.outline.md"),
    );
    // "the European Solidarity" / "Corps": one capitalised word finishes the name.
    assert_scores(
        &s,
        Expected {
            counts: (19, 3, 8),
            ideas_whole: 19,
            tables_found: 3,
            themes_found: 8,
            ideas_in_table: 19,
            ideas_placed: 19,
        },
    );
    assert_eq!(cafe.info.title, outline.title);
    assert_eq!(cafe.tables.len(), 3);
}

#[test]
fn import_with_tidy_writes_the_tidied_map_and_refuses_structured_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.ron");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/seed/world-cafe-restitution.txt"
    );
    let run = crate::common::cli::cafemap_ok(&[
        std::ffi::OsStr::new("import"),
        seed.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        "--tidy".as_ref(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("ok: 3 tables"), "{stdout}");
    let cafe = cafemap::io::file::load(&out).unwrap();
    assert_eq!(cafe.info.title, "World cafés — Restitution des échanges");

    let md = dir.path().join("outline.md");
    std::fs::write(&md, "# Café\n\n## Question ?\n\n- Theme\n  - Idea\n").unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(["import"])
        .arg(&md)
        .arg("-o")
        .arg(dir.path().join("md.ron"))
        .arg("--tidy")
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("--tidy reads plain text"), "{stderr}");
}
