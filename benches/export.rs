//! How long every export of a 10,000-idea café takes, in process (what the window's export
//! worker and `cafemap export` spend after loading the file). Target: each under 2 s, with the
//! CLI's peak memory under 300 MB (measure that with `/usr/bin/time -v target/release/cafemap
//! export …`: a process's peak is not visible from inside a benchmark that runs them all).
//!
//! Run with `cargo bench --bench export`; prints `export format=F ideas=10000 median_ms=X
//! bytes=N` per format, medians of a few runs. The café is the benchmarks' (`benches/common`);
//! `cargo bench --bench export -- --save big.ron` writes it instead, for timing the CLI.

use cafemap::io::export::{ExportFormat, ExportOptions, export};
use std::time::{Duration, Instant};

mod common;

use common::{IDEAS, big_cafe};

const RUNS: usize = 3;

fn median(mut runs: Vec<Duration>) -> f64 {
    runs.sort_unstable();
    runs.get(runs.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn main() {
    use ExportFormat::*;
    let cafe = big_cafe();
    assert_eq!(cafe.counts().2, IDEAS);
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().skip_while(|a| *a != "--save").nth(1) {
        cafemap::io::file::save(std::path::Path::new(path), &cafe).expect("saving the café");
        println!("saved {path}");
        return;
    }
    let options = ExportOptions::default();
    for format in [
        Svg, Png, Pdf, Html, Ron, Markdown, Opml, FreeMind, Canvas, Csv,
    ] {
        let mut runs = Vec::with_capacity(RUNS);
        let mut size = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let bytes = export(&cafe, format, &options).expect("the café exports");
            runs.push(start.elapsed());
            size = bytes.len();
        }
        println!(
            "export format={} ideas={IDEAS} median_ms={:.1} bytes={size}",
            format.extension(),
            median(runs)
        );
    }
}
