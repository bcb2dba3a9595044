//! Malformed input and odd command lines of issue #24, each answered by a clear message instead
//! of a wrong one.

use crate::common::EXAMPLE;
use crate::common::cli::{cafemap, import_written, p};
use cafemap::io::file;
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The example with `extra` put after the text of its first node.
fn example_with(extra: &str, after: &str) -> String {
    let text = fs::read_to_string(EXAMPLE).unwrap();
    let at = text.find(after).expect("the anchor is in the example") + after.len();
    format!("{}{extra}{}", &text[..at], &text[at..])
}

#[test]
fn unknown_fields_are_refused_by_name_wherever_they_are() {
    for (extra, after, place) in [
        (
            "\n    future_field: 1,",
            "format_version: 4,",
            "at the top level",
        ),
        (
            "\n            future_field: 1,",
            "question: 1,",
            "in a table",
        ),
        (
            "\n                    future_field: 1,",
            "kind: Question,",
            "in a node",
        ),
    ] {
        let e = file::from_str(&example_with(extra, after)).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("`future_field`") && msg.contains(place),
            "{msg}"
        );
    }
    // What CaféMap writes still loads, every format fixture too (tests/file_format.rs).
    let cafe = file::load(Path::new(EXAMPLE)).unwrap();
    file::from_str(&file::to_string(&cafe)).unwrap();
}

#[test]
fn absurd_coordinates_are_refused_at_load_with_the_figure() {
    let text = fs::read_to_string(EXAMPLE)
        .unwrap()
        .replacen("x: 0.0", "x: 1e30", 1);
    let e = file::from_str(&text).unwrap_err().to_string();
    assert!(e.contains("out of range") && e.contains("node #1"), "{e}");
}

#[test]
fn a_hexadecimal_format_version_is_read_as_written() {
    let text = fs::read_to_string(EXAMPLE).unwrap().replacen(
        "format_version: 4",
        "format_version: 0x4",
        1,
    );
    file::from_str(&text).unwrap();
    let text = text.replacen("format_version: 0x4", "format_version: 0x9", 1);
    let e = file::from_str(&text).unwrap_err().to_string();
    assert!(e.contains("format 9"), "{e}");
}

#[test]
fn a_native_map_is_not_imported_as_notes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let copy = dir.path().join("example.txt");
    fs::copy(EXAMPLE, &copy).unwrap();
    for input in [Path::new(EXAMPLE), copy.as_path()] {
        let o = cafemap(&["import", p(input), "-o", p(&out)]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("already a CaféMap map: open it"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!out.exists());
}

#[test]
fn a_long_output_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("{}.svg", "n".repeat(245)));
    let o = cafemap(&["export", EXAMPLE, "--format", "svg", "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn a_file_as_a_folder_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    fs::write(&file, "x").unwrap();
    let out = file.join("map.svg");
    let o = cafemap(&["export", EXAMPLE, "--format", "svg", "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("is a file, not a folder") && !err.contains("os error"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_not_reported_as_written() {
    let o = Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(["export", EXAMPLE, "--format", "md", "-o", "-"])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "an open stdout still works");
    // `>&-`: the shell closes descriptor 1 before running the command.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' export '{EXAMPLE}' --format md -o - >&-",
            env!("CARGO_BIN_EXE_cafemap")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("standard output is closed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_scale_too_large_is_fitted_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let o = cafemap(&[
        "export",
        EXAMPLE,
        "--format",
        "png",
        "--scale",
        "4",
        "-o",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("written at scale"), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn counts_are_singular_when_one() {
    let dir = tempfile::tempdir().unwrap();
    let (o, _) = import_written(
        dir.path(),
        "one.md",
        "# Café\n\n## Q\n\n- T\n  - one idea\n",
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.starts_with("ok: 1 table, 1 theme, 1 idea "),
        "{stdout}"
    );
}

#[test]
fn another_maps_recovery_copy_is_restored_beside_its_original() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("ex.ron");
    let first = cafemap::io::recovery::restored_path(Some(&original), None);
    assert_eq!(first, dir.path().join("ex (recovered).ron"));
    fs::write(&first, "taken").unwrap();
    let second = cafemap::io::recovery::restored_path(Some(&original), None);
    assert_eq!(second, dir.path().join("ex (recovered 2).ron"));
}
