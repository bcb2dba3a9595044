//! The report as partners get it, checked with the tools they would use: poppler's `pdfinfo`
//! and `pdftotext` on the PDF, LibreOffice converting the ODT. A test whose tool is missing says
//! so and passes; `.ci/run` installs them, so CI runs them all.

use crate::common::EXAMPLE;
use crate::common::cli::cafemap;
use cafemap::io::file;
use cafemap::model::NodeKind;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/report.ron";

fn report(input: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["report", input, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = cafemap(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Whether `tool` can be run; if not, says which test is skipped and how to get the tool.
fn have(tool: &str, package: &str) -> bool {
    let found = Command::new(tool).arg("--version").output().is_ok();
    if !found {
        println!("skipped: `{tool}` is not installed (apt-get install {package})");
    }
    found
}

fn run_tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().expect("tool runs");
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Text without any white space: lines wrap differently in a PDF than in the map.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn ideas(path: &str) -> Vec<String> {
    let cafe = file::load(Path::new(path)).unwrap();
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes().filter(|n| n.kind == NodeKind::Idea))
        .map(|n| cafe.shown(n.id).unwrap().text.clone())
        .collect()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn pdf_is_a4_with_bookmarks_and_every_idea_searchable_with_its_accents() {
    if !have("pdfinfo", "poppler-utils") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = temp();
    let pdf = dir.path().join("compte-rendu.pdf");
    report(EXAMPLE, &pdf, &["--lang", "fr"]);
    let p = pdf.to_str().unwrap();
    let info = run_tool("pdfinfo", &[p]);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    // Title, summary, three tables (a map and its lists each), laid out without empty pages
    // (tests/partners_report.rs checks each page's fill).
    assert!((4..=6).contains(&pages), "{pages} pages");
    assert!(info.contains("Title:           World cafés — Restitution des échanges"));
    // Every bookmark points at a named destination, which pdfinfo lists with its page.
    let dests = run_tool("pdfinfo", &["-dests", p]);
    let sections = dests.lines().filter(|l| l.contains("\"section-")).count();
    // Title page, summary, 3 tables with their 10 themes (no actions, nothing unsorted: no
    // empty sections for them).
    assert_eq!(sections, 15, "{dests}");
    let bytes = std::fs::read(&pdf).unwrap();
    let outlines: &[u8] = b"/Type /Outlines";
    assert!(bytes.windows(outlines.len()).any(|w| w == outlines));

    let text = run_tool("pdftotext", &["-enc", "UTF-8", p, "-"]);
    let all = squeezed(&text);
    for idea in ideas(EXAMPLE) {
        assert!(
            all.contains(&squeezed(&idea)),
            "not in the PDF's text: {idea}"
        );
    }
    for words in ["Table 3", "Carte de la table 3", "Page 2 sur"] {
        assert!(text.contains(words), "{words}");
    }
}

#[test]
fn partner_safe_pdf_has_no_speaker_notes_names_or_hidden_notes() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = temp();
    let (full, safe) = (dir.path().join("full.pdf"), dir.path().join("safe.pdf"));
    report(FIXTURE, &full, &["--lang", "fr"]);
    report(FIXTURE, &safe, &["--lang", "fr", "--partner-safe"]);
    let text = |p: &PathBuf| run_tool("pdftotext", &["-enc", "UTF-8", p.to_str().unwrap(), "-"]);
    let (full, safe) = (text(&full), text(&safe));
    for secret in [
        "À ne pas montrer aux partenaires",
        "Faire venir les partenaires en France",
        "Groupe B",
        "Citer l’exemple d’Angers",
    ] {
        assert!(full.contains(secret), "the full report has {secret}");
        assert!(!safe.contains(secret), "the partner report leaks {secret}");
    }
    assert!(squeezed(&safe).contains(&squeezed("Matrice de couverture")));
}

#[test]
fn odt_opens_in_libreoffice() {
    let office = ["libreoffice", "soffice"]
        .into_iter()
        .find(|tool| Command::new(tool).arg("--version").output().is_ok());
    let Some(office) = office else {
        println!(
            "skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        );
        return;
    };
    let dir = temp();
    let odt = dir.path().join("compte-rendu.odt");
    report(FIXTURE, &odt, &["--lang", "fr"]);
    // A profile of its own: a LibreOffice already running (or another test) must not answer.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new(office)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.path().to_str().unwrap(),
            odt.to_str().unwrap(),
        ])
        .output()
        .expect("LibreOffice runs");
    let pdf = dir.path().join("compte-rendu.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the ODT: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let text = run_tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let all = squeezed(&text);
    for idea in ideas(FIXTURE) {
        assert!(
            all.contains(&squeezed(&idea)),
            "not in LibreOffice's PDF: {idea}"
        );
    }
    // The footer's fields are numbers in LibreOffice.
    assert!(text.contains("Page 2 sur"), "{text}");
}

#[test]
fn html_report_is_one_file_with_every_idea() {
    let dir = temp();
    let html = dir.path().join("compte-rendu.html");
    report(FIXTURE, &html, &[]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // In the café's language (French) without `--lang`.
    assert!(!page.contains("<script"), "no script");
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "nothing fetched from the network"
    );
    assert!(page.contains("<h1 id=\"s1\">En bref</h1>"));
    assert_eq!(
        page.matches("<svg").count(),
        4,
        "one map per table and the synthesis"
    );
    for idea in ideas(FIXTURE) {
        let escaped = idea.replace('&', "&amp;");
        assert!(page.contains(&escaped), "{idea}");
    }
}

#[test]
fn report_refuses_an_unknown_extension_clearly() {
    let dir = temp();
    let out = dir.path().join("cr.docx");
    let run = cafemap(&["report", FIXTURE, "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains(".pdf, .odt or .html"), "{err}");
    assert!(!out.exists());
}

mod window {
    //! File ▸ Export ▸ Report… in the real window: the dialog previews the outline, Export… asks
    //! where and writes the report, with the format and partner-safe option chosen, off the UI
    //! thread.

    use super::FIXTURE;
    use crate::common::window::{click, ctrl, press, type_text};
    use cafemap::i18n::Lang;
    use cafemap::ui::{CafeApp, Document};
    use egui::Key;
    use egui_kittest::kittest::Queryable;
    use std::path::Path;

    fn harness() -> crate::common::window::Window {
        let cafe = cafemap::io::file::load(Path::new(FIXTURE)).unwrap();
        let app = CafeApp::with_document(Lang::Fr, Document::new(cafe, None)).with_path_prompt();
        crate::common::window::open(app)
    }

    #[test]
    fn report_dialog_previews_the_outline_and_writes_the_chosen_format() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness();
        click(&mut h, "Fichier");
        h.get_by_label("Exporter").hover();
        h.run();
        click(&mut h, "Compte-rendu…");
        assert!(h.query_by_label("Exporter le compte-rendu").is_some());
        for section in [
            "En bref",
            "Synthèse",
            "Matrice de couverture",
            "Annexe : notes non classées",
        ] {
            assert!(
                h.query_by_label(section).is_some(),
                "outline shows {section}"
            );
        }
        h.get_by_label_contains("Version partenaires").click();
        h.run();
        click(&mut h, "HTML, à lire dans un navigateur");
        click(&mut h, "Exporter…");
        assert!(h.query_by_label("Exporter le compte-rendu").is_none());
        let field = h.get_by_role(egui::accesskit::Role::TextInput);
        assert!(
            field.value().is_some_and(|v| v.ends_with(".html")),
            "{:?}",
            field.value()
        );
        ctrl(&mut h, Key::A);
        let path = dir.path().join("compte-rendu");
        type_text(&mut h, &path.display().to_string());
        press(&mut h, Key::Enter);
        h.state_mut().finish_writes();
        h.run();
        let page = std::fs::read_to_string(dir.path().join("compte-rendu.html")).unwrap();
        assert!(page.contains("<h1 id=\"s1\">En bref</h1>"));
        assert!(
            page.contains("Version partenaires"),
            "the option reached the report"
        );
        assert!(
            !page.contains("Groupe B"),
            "no contributor names for partners"
        );
        let message = h.state().message().unwrap_or_default();
        assert!(message.contains("compte-rendu.html"), "{message}");
    }
}
