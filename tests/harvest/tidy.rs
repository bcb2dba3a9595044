//! How well Tidy rebuilds a café from text broken up as PDF extraction does: the seed's real
//! restitution and two fixtures of our own (French, English), each against its careful outline.
//! The thresholds are today's scores: a change to the rules that makes them drop fails here.

use cafemap::harvest::tidy::{self, cafe_from_text};
use cafemap::model::{Cafe, NodeKind};

/// A theme of an outline and its ideas.
type Theme = (String, Vec<String>);

/// An outline as the `.outline.md` files write it: `##` question, `- ` theme, `  - ` idea.
struct Outline {
    title: String,
    tables: Vec<(String, Vec<Theme>)>,
}

fn read_outline(text: &str) -> Outline {
    let mut out = Outline {
        title: String::new(),
        tables: Vec::new(),
    };
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("# ") {
            out.title = t.to_owned();
        } else if let Some(q) = line.strip_prefix("## ") {
            out.tables.push((q.to_owned(), Vec::new()));
        } else if let Some(theme) = line.strip_prefix("- ") {
            if let Some(t) = out.tables.last_mut() {
                t.1.push((theme.to_owned(), Vec::new()));
            }
        } else if let Some(idea) = line.strip_prefix("  - ")
            && let Some(theme) = out.tables.last_mut().and_then(|t| t.1.last_mut())
        {
            theme.1.push(idea.to_owned());
        }
    }
    out
}

/// The criterion: the same characters once all whitespace is left out (the outlines mend
/// spacing such as "pluriannuelle→ sécuriser"; any other difference counts as a miss).
fn same(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| !c.is_whitespace())
        .eq(b.chars().filter(|c| !c.is_whitespace()))
}

#[derive(Debug, Clone)]
struct Score {
    /// Ideas of the outline found as one whole idea note.
    ideas_whole: usize,
    ideas: usize,
    /// Questions of the outline found as a table's question.
    tables_found: usize,
    tables: usize,
    /// Themes of the outline found as a theme node.
    themes_found: usize,
    themes: usize,
    /// Whole ideas that sit in the right table.
    ideas_in_table: usize,
    /// Whole ideas that also sit under the right theme of the right table.
    ideas_placed: usize,
    /// The ideas not found whole (printed, for whoever tunes the rules).
    missed: Vec<String>,
}

fn score(cafe: &Cafe, outline: &Outline) -> Score {
    let mut s = Score {
        ideas_whole: 0,
        ideas: 0,
        tables_found: 0,
        tables: outline.tables.len(),
        themes_found: 0,
        themes: 0,
        ideas_in_table: 0,
        ideas_placed: 0,
        missed: Vec::new(),
    };
    // Each note may match one outline entry only.
    let mut used = std::collections::HashSet::new();
    for (question, themes) in &outline.tables {
        let table = cafe
            .tables
            .iter()
            .find(|t| same(&t.question_node().text, question));
        s.tables_found += usize::from(table.is_some());
        for (theme, ideas) in themes {
            s.themes += 1;
            let theme_node = cafe.tables.iter().flat_map(|t| t.nodes()).find(|n| {
                n.kind == NodeKind::Theme && same(&n.text, theme) && !used.contains(&n.id)
            });
            if let Some(n) = theme_node {
                used.insert(n.id);
                s.themes_found += 1;
            }
            for idea in ideas {
                s.ideas += 1;
                let found = cafe.tables.iter().enumerate().find_map(|(k, t)| {
                    t.nodes()
                        .find(|n| {
                            n.kind == NodeKind::Idea && same(&n.text, idea) && !used.contains(&n.id)
                        })
                        .map(|n| (k, n.id))
                });
                let Some((k, id)) = found else {
                    s.missed.push(idea.clone());
                    continue;
                };
                used.insert(id);
                s.ideas_whole += 1;
                let t = &cafe.tables[k];
                let right_table = table.is_some_and(|q| q.question() == t.question());
                let right_theme = t
                    .theme_of(id)
                    .and_then(|th| t.node(th))
                    .is_some_and(|th| same(&th.text, theme));
                s.ideas_in_table += usize::from(right_table);
                s.ideas_placed += usize::from(right_table && right_theme);
            }
        }
    }
    s
}

fn tidy(raw: &str, outline: &str) -> (Cafe, Outline, Score) {
    let cafe = cafe_from_text(raw, "Table 1");
    cafe.validate().unwrap();
    let outline = read_outline(outline);
    let s = score(&cafe, &outline);
    println!("{s:?}");
    (cafe, outline, s)
}

#[test]
fn seed_restitution_comes_back_as_its_notes_and_three_tables() {
    let (cafe, outline, s) = tidy(
        include_str!("../../examples/seed/world-cafe-restitution.txt"),
        include_str!("../../examples/seed/world-cafe-restitution.outline.md"),
    );
    assert_eq!((s.ideas, s.tables, s.themes), (37, 3, 10));
    // The five misses: two notes glued on one line by the export ("… DAECT Engagement …"), a
    // theme glued to its note ("Portage/Appui politique Prérequis"), "mult-" that the outline
    // mends to "multi-", and "Communauté de pratiques" taken for a theme.
    assert!(s.ideas_whole >= 32, "{s:?}");
    assert_eq!(s.tables_found, 3, "{s:?}");
    assert_eq!(cafe.tables.len(), 3);
    assert!(s.themes_found >= 5, "{s:?}");
    // The slides' order is scrambled (labels after their notes, one table's notes before
    // another's heading): placing is the facilitator's part here.
    assert!(s.ideas_in_table >= 26, "{s:?}");
    assert!(s.ideas_placed >= 8, "{s:?}");
    assert_eq!(cafe.info.title, "World cafés");
    assert!(outline.title.starts_with(&cafe.info.title));
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
    let mut proposal = tidy::propose(&source.fragments, source.look_for_title);
    proposal.accept_all();
    let edit = tidy::edit_for(&cafe, &source, &proposal).unwrap();
    cafemap::edit::apply(&mut cafe, edit).unwrap();
    cafe.validate().unwrap();
    let outline = read_outline(include_str!(
        "../../examples/seed/world-cafe-restitution.outline.md"
    ));
    let s = score(&cafe, &outline);
    println!("{s:?}");
    // Lost to paragraphs that glue two notes: "… est important Proposer des échanges …" and
    // "… complémentaires Outils – …"; the other misses are the raw text's.
    assert!(s.ideas_whole >= 29, "{s:?}");
    assert_eq!(s.tables_found, 3, "{s:?}");
}

#[test]
fn french_fixture_with_an_agenda_and_repeated_headings() {
    let (cafe, outline, s) = tidy(
        include_str!("../fixtures/tidy/jeunesse.txt"),
        include_str!("../fixtures/tidy/jeunesse.outline.md"),
    );
    assert_eq!((s.ideas, s.tables, s.themes), (24, 3, 9));
    // The miss: "Parrainage entre jeunes", a short note followed by longer ones, taken for a
    // theme.
    assert!(s.ideas_whole >= 23, "{s:?}");
    assert_eq!(s.tables_found, 3, "{s:?}");
    assert_eq!(s.themes_found, 9, "{s:?}");
    assert!(s.ideas_in_table >= 23, "{s:?}");
    assert!(s.ideas_placed >= 21, "{s:?}");
    assert_eq!(cafe.info.title, outline.title);
    assert_eq!(cafe.info.subtitle, "Synthèse des tables du 14 mars");
}

#[test]
fn english_fixture_with_labelled_tables() {
    let (cafe, outline, s) = tidy(
        include_str!("../fixtures/tidy/twin-towns.txt"),
        include_str!("../fixtures/tidy/twin-towns.outline.md"),
    );
    assert_eq!((s.ideas, s.tables, s.themes), (19, 3, 8));
    // The miss: "the European Solidarity" / "Corps", a line starting with a capital that
    // continues a proper noun.
    assert!(s.ideas_whole >= 18, "{s:?}");
    assert_eq!(s.tables_found, 3, "{s:?}");
    assert_eq!(s.themes_found, 8, "{s:?}");
    assert!(s.ideas_in_table >= 18, "{s:?}");
    assert!(s.ideas_placed >= 18, "{s:?}");
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
    assert_eq!(cafe.info.title, "World cafés");

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
