//! The real `cafemap` binary, run as a user would from a shell.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `cafemap ARGS…` and waits for it, in an English locale (what the system's language
/// would change is then the same on every machine).
pub fn cafemap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .env("LC_ALL", "en_GB.UTF-8")
        .output()
        .expect("the cafemap binary runs")
}

/// Standard output or error as text (lossy: a test must see what was printed, whatever it is).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary path as an argument.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Runs `cafemap ARGS…`, which must succeed (the test fails with its standard error if not).
pub fn cafemap_ok<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let run = Command::new(env!("CARGO_BIN_EXE_cafemap"))
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .env("LC_ALL", "en_GB.UTF-8")
        .output()
        .expect("the cafemap binary runs");
    assert!(run.status.success(), "{}", text(&run.stderr));
    run
}

/// Writes `contents` to `dir/name` and runs `cafemap import dir/name -o dir/<stem>.ron`;
/// returns the run and the path of the map it writes.
pub fn import_written(dir: &Path, name: &str, contents: &str) -> (Output, std::path::PathBuf) {
    let source = dir.join(name);
    std::fs::write(&source, contents).unwrap();
    let out_path = source.with_extension("ron");
    (
        cafemap(&["import", p(&source), "-o", p(&out_path)]),
        out_path,
    )
}
