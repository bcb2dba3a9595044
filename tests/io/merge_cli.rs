//! `cafemap merge OURS THEIRS -o OUT`: the merge written, one line per change and per conflict,
//! exit 0 when clean and 3 when conflicts were kept; `--dry-run` writes nothing; the merge never
//! writes over a copy it reads; `--no-history` leaves the history out.

use cafemap::edit::{Edit, apply};
use cafemap::io::file;
use std::path::Path;
use std::process::{Command, Output};

const EXAMPLE: &str = include_str!("../../examples/world-cafe-cooperation.ron");

fn cafemap(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(args)
        .output()
        .expect("the cafemap binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Our copy and a partner's, written from one file, each with one rewrite of the same note
/// (`conflict`) or of two different notes.
fn copies(dir: &Path, conflict: bool) -> (std::path::PathBuf, std::path::PathBuf) {
    let origin = file::from_str(&file::to_string(&file::from_str(EXAMPLE).unwrap())).unwrap();
    let mut ours = file::from_str(&file::to_string(&origin)).unwrap();
    let mut theirs = file::from_str(&file::to_string(&origin)).unwrap();
    let themes = ours.tables[0].themes();
    let (a, b) = (themes[0], if conflict { themes[0] } else { themes[1] });
    apply(
        &mut ours,
        Edit::SetText {
            table: 0,
            id: a,
            text: "Thème renommé chez nous".into(),
        },
    )
    .unwrap();
    apply(
        &mut theirs,
        Edit::SetText {
            table: 0,
            id: b,
            text: "Thème renommé chez eux".into(),
        },
    )
    .unwrap();
    let (o, t) = (dir.join("ours.ron"), dir.join("theirs.ron"));
    file::save(&o, &ours).unwrap();
    file::save(&t, &theirs).unwrap();
    (o, t)
}

/// Merges the two copies (`conflicting` or not) with `cafemap merge … -o merged.ron`, checks
/// the exit code is `code`, and returns what it printed and the merged map.
fn merge_to_file(conflicting: bool, code: i32) -> (String, cafemap::model::Cafe) {
    let dir = tempfile::tempdir().unwrap();
    let (o, t) = copies(dir.path(), conflicting);
    let out_path = dir.path().join("merged.ron");
    let out = cafemap(&[Path::new("merge"), &o, &t, Path::new("-o"), &out_path]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{stdout}{}",
        text(&out.stderr)
    );
    (stdout, file::load(&out_path).unwrap())
}

#[test]
fn a_clean_merge_exits_0_and_prints_each_change() {
    let (stdout, merged) = merge_to_file(false, 0);
    assert!(stdout.contains("“Thème renommé chez eux”"), "{stdout}");
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("ok: 1 changes, 0 conflicts"),
        "{stdout}"
    );
    let texts: Vec<&str> = merged.tables[0].nodes().map(|n| n.text.as_str()).collect();
    assert!(
        texts.contains(&"Thème renommé chez nous") && texts.contains(&"Thème renommé chez eux")
    );
    assert!(merged.history.is_live());
}

#[test]
fn conflicts_keep_both_texts_and_exit_3() {
    let (stdout, merged) = merge_to_file(true, 3);
    assert!(stdout.contains("conflict:"), "{stdout}");
    let theirs = merged.tables[0]
        .nodes()
        .find(|n| n.text == "Thème renommé chez eux")
        .expect("their text is kept");
    assert_eq!(theirs.tags, vec!["conflict".to_string()]);
    assert!(
        merged.tables[0]
            .nodes()
            .any(|n| n.text == "Thème renommé chez nous")
    );
}

#[test]
fn dry_run_writes_nothing_and_the_merge_never_overwrites_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (o, t) = copies(dir.path(), false);
    let before = std::fs::read(&o).unwrap();
    let out = cafemap(&[Path::new("merge"), &o, &t, Path::new("--dry-run")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("dry run: nothing written"));
    for target in [&o, &t] {
        let out = cafemap(&[Path::new("merge"), &o, &t, Path::new("-o"), target]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("new file"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(std::fs::read(&o).unwrap(), before, "our copy is untouched");
}

#[test]
fn no_history_leaves_the_history_out() {
    let dir = tempfile::tempdir().unwrap();
    let (o, t) = copies(dir.path(), false);
    let out_path = dir.path().join("merged.ron");
    let out = cafemap(&[
        Path::new("merge"),
        &o,
        &t,
        Path::new("-o"),
        &out_path,
        Path::new("--no-history"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(!written.contains("history:"));
    // `export --format ron --no-history` too.
    let exported = dir.path().join("export.ron");
    let out = cafemap(&[
        Path::new("export"),
        &o,
        Path::new("--format"),
        Path::new("ron"),
        Path::new("-o"),
        &exported,
        Path::new("--no-history"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !std::fs::read_to_string(&exported)
            .unwrap()
            .contains("history:")
    );
}

#[test]
fn a_note_they_changed_and_we_deleted_is_a_conflict_kept_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let origin = file::from_str(&file::to_string(&file::from_str(EXAMPLE).unwrap())).unwrap();
    let mut ours = file::from_str(&file::to_string(&origin)).unwrap();
    let mut theirs = file::from_str(&file::to_string(&origin)).unwrap();
    let idea = ours.tables[0].children(ours.tables[0].themes()[0])[0];
    apply(
        &mut ours,
        Edit::RemoveSubtrees {
            table: 0,
            roots: vec![idea],
        },
    )
    .unwrap();
    apply(
        &mut theirs,
        Edit::SetText {
            table: 0,
            id: idea,
            text: "Idée précisée chez eux".into(),
        },
    )
    .unwrap();
    let (o, t) = (dir.path().join("ours.ron"), dir.path().join("theirs.ron"));
    file::save(&o, &ours).unwrap();
    file::save(&t, &theirs).unwrap();
    let out_path = dir.path().join("merged.ron");
    let out = cafemap(&[Path::new("merge"), &o, &t, Path::new("-o"), &out_path]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "conflict: their copy changed idea “Idée précisée chez eux”, which you deleted; kept"
        ),
        "{stdout}"
    );
    let merged = file::load(&out_path).unwrap();
    assert!(
        merged.tables[0]
            .nodes()
            .any(|n| n.text == "Idée précisée chez eux")
    );
}
