//! Whole-process time of `cafemap check FILE` on a café of 10,000 ideas: what a facilitator (or a
//! script) waits for, start-up included. Target: median ≤ 150 ms on a modest 2-core laptop.
//!
//! Run with `cargo bench --bench check` (release build). Prints
//! `check ideas=10000 median_ms=X`.

use cafemap::io::file;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::{IDEAS, big_cafe};

const RUNS: usize = 15;

fn main() {
    let cafe = big_cafe();
    let (tables, themes, ideas) = cafe.counts();
    assert_eq!(ideas, IDEAS);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    file::save(&path, &cafe).expect("saving the benchmark café");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let expected = format!("ok: {tables} tables, {themes} themes, {ideas} ideas\n");
    let exe = env!("CARGO_BIN_EXE_cafemap");

    let run = || {
        let start = Instant::now();
        let out = Command::new(exe)
            .arg("check")
            .arg(&path)
            .output()
            .expect("running cafemap check");
        let took = start.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
        took
    };
    run(); // warm the page cache
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[RUNS / 2]);
    eprintln!(
        "file {:.1} MiB, {RUNS} runs: min {:.1} ms, max {:.1} ms",
        size as f64 / (1024.0 * 1024.0),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
    println!("check ideas={ideas} median_ms={median:.1}");
}
