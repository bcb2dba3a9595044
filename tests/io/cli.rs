//! The real `cafemap` binary, headless: `check`, `import`, `export`, and what it does with bad
//! files (exit code 1 and one line on stderr, never a panic).

use crate::common::EXAMPLE;
use crate::common::cli::{cafemap, import_written, p, text};
use cafemap::io::atomic::backup_path;
use cafemap::io::file;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The seed outline, copied into the repository so that CI has it.
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/seed/world-cafe-restitution.outline.md"
);

/// Exit code 1, nothing on stdout, exactly one line on stderr that names `path`.
fn assert_fails(out: &Output, path: &Path) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(
        err.starts_with(&format!("error: {}", path.display())),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn committed_example_checks() {
    let out = cafemap(&["check", EXAMPLE]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), "ok: 3 tables, 10 themes, 37 ideas\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn export_ron_reproduces_the_example_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("copy.ron");
    let out = cafemap(&["export", EXAMPLE, "--format", "ron", "-o", p(&out_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        fs::read(&out_path).unwrap(),
        fs::read(EXAMPLE).unwrap(),
        "the example is canonical"
    );
    assert!(!backup_path(&out_path).exists(), "exports keep no backup");
}

/// The café with every node at the origin: the example's content without its layout (nor its
/// history, which is born apart in each conversion).
fn content(cafe: cafemap::model::Cafe) -> String {
    let mut cafe = cafe.without_history();
    for table in &mut cafe.tables {
        for id in table.node_ids() {
            if let Some(node) = table.node_mut(id) {
                node.pos = cafemap::geom::Point::ZERO;
            }
        }
    }
    file::to_string(&cafe)
}

#[test]
fn example_is_the_seed_outline() {
    let imported = cafemap::io::import::import_path(Path::new(SEED)).unwrap();
    let example = file::load(Path::new(EXAMPLE)).unwrap();
    assert!(
        content(imported.cafe) == content(example),
        "the example is out of date: regenerate it with `cafemap import {SEED} -o {EXAMPLE}`"
    );
}

/// An independent reading of the seed outline: (title, subtitle, [(question, [(theme, [ideas])])]).
type Outline = (String, String, Vec<(String, Vec<(String, Vec<String>)>)>);

fn read_outline(md: &str) -> Outline {
    let (mut title, mut subtitle, mut tables) = (String::new(), String::new(), Vec::new());
    for line in md.lines() {
        if let Some(t) = line.strip_prefix("# ") {
            title = t.to_owned();
        } else if let Some(q) = line.strip_prefix("## ") {
            tables.push((q.to_owned(), Vec::new()));
        } else if let Some(theme) = line.strip_prefix("- ") {
            let (_, themes): &mut (String, Vec<_>) = tables.last_mut().unwrap();
            themes.push((theme.to_owned(), Vec::new()));
        } else if let Some(idea) = line.strip_prefix("  - ") {
            let (_, themes): &mut (String, Vec<(String, Vec<String>)>) = tables.last_mut().unwrap();
            themes.last_mut().unwrap().1.push(idea.to_owned());
        } else if !line.is_empty() {
            assert!(tables.is_empty(), "unexpected line in the seed: {line}");
            subtitle = line.to_owned();
        }
    }
    (title, subtitle, tables)
}

#[test]
fn importing_the_seed_keeps_every_text() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("seed.ron");
    let out = cafemap(&["import", SEED, "-o", p(&out_path)]);
    assert_eq!(
        text(&out.stderr),
        "",
        "nothing skipped in a well-formed outline"
    );
    assert!(text(&out.stdout).starts_with("ok: 3 tables, 10 themes, 37 ideas"));
    assert_eq!(out.status.code(), Some(0));

    let cafe = file::load(&out_path).unwrap();
    let (title, subtitle, tables) = read_outline(&fs::read_to_string(SEED).unwrap());
    assert_eq!(cafe.info.title, title);
    assert_eq!(cafe.info.subtitle, subtitle);
    assert_eq!(cafe.tables.len(), tables.len());
    for (table, (question, themes)) in cafe.tables.iter().zip(&tables) {
        assert_eq!(&table.question_node().text, question);
        assert!(table.unsorted().is_empty());
        let got: Vec<(String, Vec<String>)> = table
            .themes()
            .into_iter()
            .map(|th| {
                let ideas = table.children(th);
                let name = table.node(th).unwrap().text.clone();
                let ideas = ideas
                    .into_iter()
                    .map(|i| table.node(i).unwrap().text.clone())
                    .collect();
                (name, ideas)
            })
            .collect();
        assert_eq!(&got, themes);
    }
    assert_eq!(
        tables.iter().map(|t| t.1.len()).sum::<usize>(),
        10,
        "the outline's own count"
    );

    // Importing again over the same output keeps the previous file as a backup.
    let again = cafemap(&["import", SEED, "-o", p(&out_path)]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        fs::read(backup_path(&out_path)).unwrap(),
        fs::read(&out_path).unwrap()
    );
}

#[test]
fn import_reports_what_it_could_not_place() {
    let dir = tempfile::tempdir().unwrap();
    let contents = "# Event\n## Question\n# Second title\n- Theme\n  - idea\n";
    let (out, _) = import_written(dir.path(), "notes.md", contents);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("# Second title") && err.contains("unsorted"),
        "{err}"
    );
    assert!(text(&out.stdout).starts_with("ok: 1 table, 1 theme, 2 ideas"));
}

/// The end of the last whole line before `at`.
fn cut_at_line(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

#[test]
fn bad_files_fail_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let example = fs::read(EXAMPLE).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.ron", b""), "the file is empty"),
        (
            write("binary.ron", &[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe]),
            "binary data",
        ),
        (
            // Cut at the end of a line a third of the way in, as a copy stopped short.
            write(
                "cut.ron",
                &example[..cut_at_line(&example, example.len() / 3)],
            ),
            "ends too early",
        ),
        (
            write(
                "future.ron",
                b"(format_version: 5, tables: [], hologram: On)",
            ),
            "this file was made by a newer CaféMap (format 5); this version reads format 4",
        ),
        (write("shape.ron", b"[\"a list\"]"), "not a CaféMap file"),
        (dir.path().join("missing.ron"), "no such file or folder"),
        (dir.path().to_owned(), "folder"),
        (PathBuf::from("/dev/null"), "not a regular file"),
    ];
    for (path, reason) in cases {
        let before = fs::read(&path).ok();
        let err = assert_fails(&cafemap(&["check", p(&path)]), &path);
        assert!(err.contains(reason), "{err}");
        assert_eq!(
            fs::read(&path).ok(),
            before,
            "check never modifies the file"
        );
    }
}

#[test]
fn export_refuses_bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.ron");
    let example = Path::new(EXAMPLE);
    for (args, reason) in [
        (vec!["--format", "docx"], "unknown export format \"docx\""),
        (
            vec!["--format", "ron", "--table", "4"],
            "there is no table 4: this map has 3",
        ),
        (
            vec!["--format", "ron", "--table", "0"],
            "there is no table 0",
        ),
    ] {
        let mut all = vec!["export", EXAMPLE];
        all.extend(args);
        all.extend(["-o", p(&out_path)]);
        let out = cafemap(&all);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(reason), "{err}");
        assert!(!out_path.exists(), "nothing written on error");
    }
    let out = cafemap(&[
        "export",
        EXAMPLE,
        "--format",
        "ron",
        "--scale=-2",
        "-o",
        p(&out_path),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--scale must be a positive number"));
    let ok = cafemap(&[
        "export",
        EXAMPLE,
        "--format",
        "ron",
        "--table",
        "3",
        "-o",
        p(&out_path),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    let nowhere = dir.path().join("no-such-folder").join("out.ron");
    let out = cafemap(&["export", EXAMPLE, "--format", "ron", "-o", p(&nowhere)]);
    assert_fails(&out, &nowhere);
    let bad_in = dir.path().join("bad.ron");
    fs::write(&bad_in, "(format_version: 1, tables: [(question: 7)])").unwrap();
    let out = cafemap(&["export", p(&bad_in), "--format", "ron", "-o", p(&out_path)]);
    let err = assert_fails(&out, &bad_in);
    assert!(
        err.contains("its question #7 is not among its nodes"),
        "{err}"
    );
    assert!(example.exists());
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.ron");
    let odd = dir.path().join("photo.png");
    fs::write(&odd, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    assert_fails(&cafemap(&["import", p(&odd), "-o", p(&out_path)]), &odd);
    let missing = dir.path().join("missing.md");
    assert_fails(
        &cafemap(&["import", p(&missing), "-o", p(&out_path)]),
        &missing,
    );
    let latin1 = dir.path().join("latin1.md");
    fs::write(&latin1, b"# Caf\xe9\n").unwrap();
    assert_fails(
        &cafemap(&["import", p(&latin1), "-o", p(&out_path)]),
        &latin1,
    );
    assert!(!out_path.exists());
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["check"][..],
        &["--lang", "de"],
        &["import", "a.md"],
        &["export", "a.ron", "-o", "b"],
    ] {
        let out = cafemap(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

/// The example with two of its notes taken out of their theme, into the Unsorted tray.
fn half_sorted(dir: &Path) -> PathBuf {
    let mut cafe = file::load(Path::new(EXAMPLE)).unwrap();
    let table = &mut cafe.tables[0];
    let theme = table.themes()[0];
    for idea in table.children(theme).into_iter().take(2) {
        table.set_parent(idea, None).unwrap();
    }
    let path = dir.join("half-sorted.ron");
    file::save(&path, &cafe).unwrap();
    path
}

#[test]
fn exported_labels_follow_lang_never_the_machines_locale() {
    let dir = tempfile::tempdir().unwrap();
    let map = half_sorted(dir.path());
    for format in ["opml", "mm"] {
        let mut written = Vec::new();
        for locale in ["fr_FR.UTF-8", "en_US.UTF-8", "C"] {
            for lang in ["fr", "en"] {
                let out_path = dir.path().join(format!("{locale}-{lang}.{format}"));
                let out = Command::new(env!("CARGO_BIN_EXE_cafemap"))
                    .args(["export", p(&map), "--format", format, "--lang", lang])
                    .args(["-o", p(&out_path)])
                    .env("LANG", locale)
                    .env("LC_ALL", locale)
                    .env("LANGUAGE", locale)
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
                written.push((lang, fs::read(&out_path).unwrap()));
            }
        }
        for lang in ["fr", "en"] {
            let files: Vec<&Vec<u8>> = written
                .iter()
                .filter(|(l, _)| *l == lang)
                .map(|(_, b)| b)
                .collect();
            assert!(
                files.windows(2).all(|w| w[0] == w[1]),
                "{format} --lang {lang}: the same bytes under every locale"
            );
            let label = if lang == "fr" {
                "Non class"
            } else {
                "Unsorted"
            };
            assert!(
                text(files[0]).contains(label),
                "{format} --lang {lang} names the tray {label:?}"
            );
        }
    }
}

#[test]
fn dash_o_dash_writes_the_export_and_the_import_to_standard_output() {
    let out = cafemap(&["export", EXAMPLE, "--format", "md", "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# World cafés"), "{md}");
    assert!(
        !md.contains("ok: written"),
        "the summary stays out of the file"
    );
    assert!(!Path::new("-").exists(), "no file named -");

    let out = cafemap(&["import", SEED, "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ron = text(&out.stdout);
    // The import records the notes' language (French), which format 4 holds.
    assert!(ron.starts_with("(\n    format_version: 4,"), "{ron}");
    assert!(ron.contains("lang: \"fr\""), "{ron}");
    assert!(file::from_str(&ron).is_ok(), "a whole map file");
}

#[cfg(unix)]
#[test]
fn exporting_to_a_fifo_or_dev_null_writes_through_and_keeps_them() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.svg");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || fs::read(fifo).unwrap()
    });
    let out = cafemap(&["export", EXAMPLE, "--format", "svg", "-o", p(&fifo)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe is still a pipe"
    );
    assert!(
        reader.join().unwrap().starts_with(b"<?xml"),
        "its reader got the SVG"
    );

    // Checked first: as root, the old rename would have replaced the device node.
    let null = Path::new("/dev/null");
    assert!(fs::metadata(null).unwrap().file_type().is_char_device());
    for args in [
        &["export", EXAMPLE, "--format", "md", "-o", "/dev/null"][..],
        &["import", SEED, "-o", "/dev/null"],
    ] {
        let out = cafemap(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let kind = fs::symlink_metadata(null).unwrap().file_type();
        assert!(kind.is_char_device(), "{args:?} replaced /dev/null");
    }
}

#[cfg(unix)]
#[test]
fn exporting_through_a_symlink_replaces_its_target_not_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("shared.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let out = cafemap(&["export", EXAMPLE, "--format", "md", "-o", p(&link)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("# World cafés")
    );
}

#[test]
fn slides_leave_the_unsorted_tray_out_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let map = half_sorted(dir.path());
    for format in ["svg", "png", "pdf"] {
        let out_path = dir.path().join(format!("slides.{format}"));
        let out = cafemap(&["export", p(&map), "--format", format, "-o", p(&out_path)]);
        assert_eq!(out.status.code(), Some(0));
        let err = text(&out.stderr);
        assert!(
            err.contains("2 unsorted notes were left out"),
            "{format}: {err:?}"
        );
    }
    let out_path = dir.path().join("outline.md");
    let out = cafemap(&["export", p(&map), "--format", "md", "-o", p(&out_path)]);
    assert_eq!(text(&out.stderr), "", "an outline keeps its unsorted notes");
}

#[test]
fn odd_characters_in_a_colour_or_huge_ids_give_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string(EXAMPLE).unwrap();
    let euro = dir.path().join("euro.ron");
    fs::write(&euro, example.replacen("\"orange\"", "\"#€€\"", 1)).unwrap();
    let err = assert_fails(&cafemap(&["check", p(&euro)]), &euro);
    assert!(err.contains("#€€") && err.contains("colour"), "{err}");

    let near_max = format!("{}", u64::MAX - 1);
    let huge_id = dir.path().join("huge-id.ron");
    fs::write(
        &huge_id,
        example.replacen("id: 3,", &format!("id: {near_max},"), 1),
    )
    .unwrap();
    let err = assert_fails(&cafemap(&["check", p(&huge_id)]), &huge_id);
    assert!(err.contains("too large"), "{err}");

    let huge_counter = dir.path().join("huge-counter.ron");
    let text = example.replacen("next_id: 51,", &format!("next_id: {},", u64::MAX), 1);
    fs::write(&huge_counter, text).unwrap();
    let err = assert_fails(&cafemap(&["check", p(&huge_counter)]), &huge_counter);
    assert!(err.contains("line 6") && err.contains("too large"), "{err}");
}

#[test]
fn a_map_with_an_odd_colour_imports_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let contents = "<map><node TEXT=\"Q\"><node TEXT=\"T\" COLOR=\"#aé€\"/></node></map>";
    let (out, out_path) = import_written(dir.path(), "odd.mm", contents);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("1 unreadable colour skipped"), "{err}");
    assert!(text(&out.stdout).starts_with("ok: 1 table, 1 theme, 0 ideas"));
    assert!(file::load(&out_path).is_ok());
}
