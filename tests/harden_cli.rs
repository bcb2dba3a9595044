//! Hostile command lines (issue #24): no command writes over a file it reads, whatever path or
//! link leads to it; a read-only output is refused; the small messages say what is wrong.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/world-cafe-cooperation.ron"
);

fn cafemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(args)
        .output()
        .expect("the cafemap binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Exit code 1, exactly one line on stderr, which contains `needle`.
fn refused(out: &Output, needle: &str) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(needle), "{err}");
    err
}

/// A copy of the example in a fresh folder.
fn example_in(dir: &Path, name: &str) -> std::path::PathBuf {
    let map = dir.join(name);
    fs::copy(EXAMPLE, &map).unwrap();
    map
}

#[test]
fn export_never_writes_over_the_map_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let map = example_in(dir.path(), "same.ron");
    let before = fs::read(&map).unwrap();
    for format in ["svg", "md", "csv", "html", "ron", "png", "opml"] {
        let out = cafemap(&["export", p(&map), "--format", format, "-o", p(&map)]);
        refused(&out, "the file being read");
        assert_eq!(fs::read(&map).unwrap(), before, "{format} replaced the map");
    }
    // Another spelling of the same path.
    let other = dir.path().join(".").join("same.ron");
    let out = cafemap(&["export", p(&map), "--format", "svg", "-o", p(&other)]);
    refused(&out, "the file being read");
    assert_eq!(fs::read(&map).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_link_or_a_hard_link_to_the_map_is_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = example_in(dir.path(), "same.ron");
    let before = fs::read(&map).unwrap();
    let link = dir.path().join("link.svg");
    std::os::unix::fs::symlink("same.ron", &link).unwrap();
    let hard = dir.path().join("hard.html");
    fs::hard_link(&map, &hard).unwrap();
    for (format, target) in [("svg", &link), ("html", &hard), ("csv", &link)] {
        let out = cafemap(&["export", p(&map), "--format", format, "-o", p(target)]);
        refused(&out, "the file being read");
    }
    // The input named through the link, the output by its real name.
    let out = cafemap(&["export", p(&link), "--format", "md", "-o", p(&map)]);
    refused(&out, "the file being read");
    assert_eq!(fs::read(&map).unwrap(), before);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn report_and_import_never_write_over_their_input() {
    let dir = tempfile::tempdir().unwrap();
    // A map that happens to be named .html.
    let map = example_in(dir.path(), "same.html");
    let before = fs::read(&map).unwrap();
    let out = cafemap(&["report", p(&map), "-o", p(&map)]);
    refused(&out, "the file being read");
    assert_eq!(fs::read(&map).unwrap(), before);

    let md = dir.path().join("same.md");
    fs::write(&md, "# Café\n\n## Question\n\n- an idea\n").unwrap();
    let notes = fs::read(&md).unwrap();
    let out = cafemap(&["import", p(&md), "-o", p(&md)]);
    refused(&out, "the file being read");
    assert_eq!(fs::read(&md).unwrap(), notes);
    assert!(!dir.path().join("same.md.bak").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let map = example_in(dir.path(), "map.ron");
    let locked = dir.path().join("locked.svg");
    fs::write(&locked, "keep me").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let out = cafemap(&["export", p(&map), "--format", "svg", "-o", p(&locked)]);
    refused(&out, "read-only");
    assert_eq!(fs::read_to_string(&locked).unwrap(), "keep me");
    // A writable output is still replaced.
    let open = dir.path().join("open.svg");
    fs::write(&open, "old").unwrap();
    let out = cafemap(&["export", p(&map), "--format", "svg", "-o", p(&open)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(fs::read_to_string(&open).unwrap().contains("<svg"));
}
