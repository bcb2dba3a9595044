//! Find as you type on a café of 10,000 ideas: building the folded index (once per document
//! change) and each keystroke's search, which must fit in one frame (16 ms).
//!
//! Run with `cargo bench --bench find` (release build). Prints
//! `find ideas=10000 index_ms=X keystroke_median_ms=Y keystroke_max_ms=Z`.

use cafemap::edit::find::FindIndex;
use std::time::Instant;

mod common;

use common::{IDEAS, big_cafe};

fn main() {
    let cafe = big_cafe();
    let start = Instant::now();
    let index = FindIndex::new(&cafe);
    let index_ms = start.elapsed().as_secs_f64() * 1000.0;

    // Typing "comites de jumelage" (every idea says it: the worst case), then a rare word.
    let mut times = Vec::new();
    let mut found = 0;
    for query in ["comites de jumelage", "idee 9999"] {
        for end in 1..=query.chars().count() {
            let typed: String = query.chars().take(end).collect();
            let start = Instant::now();
            found = index.find(&typed).len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    eprintln!("{} keystrokes, last query found {found}", times.len());
    println!(
        "find ideas={IDEAS} index_ms={index_ms:.1} keystroke_median_ms={median:.2} keystroke_max_ms={max:.2}"
    );
}
