//! The HTML map in a real browser (Debian's chromium, headless): it loads without a console
//! message, draws something at desktop and phone widths, its search finds an idea whatever the
//! accents, and the arrow key steps the presentation. The page reports what it did through its
//! `#selftest=QUERY` fragment, read back with `--dump-dom`.
//!
//! Skipped, saying so, where chromium is not installed; `.ci/run` installs it.

use cafemap::i18n::Lang;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::file;
use cafemap::model::{Node, NodeKind};
use resvg::tiny_skia::Pixmap;
use std::path::{Path, PathBuf};
use std::process::Command;

const TRICKY: &str = "Budget « partagé » </script><b>&amp; co</b>";

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from(name))
        })
}

/// The example café with a note that tries to break out of the page, as French HTML.
fn page(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cafe = file::load(&root.join("examples/world-cafe-cooperation.ron")).unwrap();
    let id = cafe.alloc_id();
    let table = &mut cafe.tables[0];
    let theme = table.children(table.question())[0];
    table
        .insert(Node::new(id, NodeKind::Idea, TRICKY), Some(theme))
        .unwrap();
    let options = ExportOptions {
        lang: Lang::Fr,
        ..ExportOptions::default()
    };
    let html = export(&cafe, ExportFormat::Html, &options).unwrap();
    let path = dir.join("map.html");
    std::fs::write(&path, html).unwrap();
    path
}

/// Runs chromium headless on `url` with `args`; returns standard output and the console lines
/// it logged (none expected: the page logs nothing and must raise no error).
fn run(browser: &Path, dir: &Path, name: &str, url: &str, args: &[&str]) -> (String, Vec<String>) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--force-prefers-reduced-motion",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join(format!("profile-{name}")).display()
        ))
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn url(path: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", path.display())
}

#[test]
fn the_map_works_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install chromium); .ci/run installs it"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = page(dir.path());

    // Search without accents or capitals finds "coopération"; two arrow keys: the title, then
    // the first question alone.
    let (dom, console) = run(
        &browser,
        dir.path(),
        "selftest",
        &url(&path, "#selftest=COOPERATION"),
        &["--dump-dom"],
    );
    assert!(console.is_empty(), "console: {console:#?}");
    let marker = "<pre id=\"selftest\">";
    let start = dom.find(marker).expect("the script ran") + marker.len();
    let report = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    let value = |key: &str| -> String {
        report
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key} in {report}"))
            .to_owned()
    };
    let hits: usize = value("hits").parse().unwrap();
    assert!(hits >= 1, "search finds an idea on the map: {report}");
    assert_eq!(value("list-hits").parse::<usize>().unwrap(), hits);
    let steps: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("after-ArrowRight="))
        .collect();
    assert!(steps[0].contains("Étape 1/"), "{report}");
    assert!(
        steps[1].contains("Étape 2/"),
        "the arrow key advanced: {report}"
    );
    // At the question step, everything but the question waits.
    let hidden = |line: &str| -> usize { line.rsplit("hidden=").next().unwrap().parse().unwrap() };
    assert!(hidden(steps[1]) > 0 && hidden(steps[1]) < hidden(steps[0]));
    // The text that tried to close the script is shown as text, not markup.
    assert!(dom.contains("Budget « partagé » &lt;/script&gt;&lt;b&gt;&amp;amp; co&lt;/b&gt;"));

    // Screenshots at desktop and phone widths are not blank.
    for (name, size) in [("desktop", "1280,800"), ("phone", "390,844")] {
        let shot = dir.path().join(format!("{name}.png"));
        let (_, console) = run(
            &browser,
            dir.path(),
            name,
            &url(&path, ""),
            &[
                &format!("--window-size={size}"),
                &format!("--screenshot={}", shot.display()),
            ],
        );
        assert!(console.is_empty(), "console: {console:#?}");
        let pixmap = Pixmap::load_png(&shot).unwrap();
        let first = pixmap.pixels()[0];
        let differ = pixmap.pixels().iter().filter(|&&p| p != first).count();
        assert!(
            differ > pixmap.pixels().len() / 20,
            "{name}: the screenshot is nearly blank ({differ} pixels differ)"
        );
        if let Ok(keep) = std::env::var("CAFEMAP_KEEP_SCREENSHOTS") {
            std::fs::copy(&shot, Path::new(&keep).join(format!("html-{name}.png"))).unwrap();
        }
    }
}

#[test]
fn the_command_line_writes_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("restitution.html");
    let status = Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(["export", "--format", "html", "--lang", "fr", "-o"])
        .arg(&out)
        .arg(root.join("examples/world-cafe-cooperation.ron"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert!(
        status.stderr.is_empty(),
        "nothing is left out: unsorted notes are in the list"
    );
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    let cafe = file::load(&root.join("examples/world-cafe-cooperation.ron")).unwrap();
    assert_eq!(
        page.matches("<section class=\"table\"").count(),
        cafe.tables.len()
    );
}
