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
