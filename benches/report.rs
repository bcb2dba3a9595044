//! How long the report of a 10,000-idea café takes, in process (what `cafemap report` and the
//! window's export worker spend after loading the file). Target: under 3 s.
//!
//! Run with `cargo bench --bench report`; prints `report format=F ideas=10000 median_ms=X
//! pages_or_bytes=N` per format, medians of a few runs, the café being the benchmarks'
//! (`benches/common`).

use cafemap::i18n::Lang;
use cafemap::io::report::{ReportFormat, ReportOptions, build, export};
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
    let cafe = big_cafe();
    assert_eq!(cafe.counts().2, IDEAS);
    let options = ReportOptions {
        lang: Lang::Fr,
        partner_safe: false,
    };
    let mut runs = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let report = build(&cafe, &options);
        runs.push(start.elapsed());
        assert!(!report.blocks.is_empty());
    }
    println!("report model ideas={IDEAS} median_ms={:.1}", median(runs));
    for format in ReportFormat::ALL {
        let mut runs = Vec::with_capacity(RUNS);
        let mut size = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let bytes = export(&cafe, format, &options).expect("the café's report");
            runs.push(start.elapsed());
            size = bytes.len();
        }
        println!(
            "report format={} ideas={IDEAS} median_ms={:.1} bytes={size}",
            format.extension(),
            median(runs)
        );
    }
}
