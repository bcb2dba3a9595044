//! Time for Tidy to read 10,000 fragments: the seed's raw restitution repeated until it holds
//! that many lines (questions, themes and broken notes included). Target: under a second for
//! the proposal, on a modest 2-core laptop.
//!
//! Run with `cargo bench --bench tidy` (release build). Prints
//! `tidy fragments=10000 propose_median_ms=X draft_median_ms=Y`: the proposal the review panel
//! shows, then the whole new café `cafemap import --tidy` writes (proposal, draft, layout).

use cafemap::harvest::tidy::{Fragment, cafe_from_text, fragments_of_text, propose};
use std::time::{Duration, Instant};

const FRAGMENTS: usize = 10_000;
const RUNS: usize = 7;
const SEED: &str = include_str!("../examples/seed/world-cafe-restitution.txt");

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort_unstable();
    times
        .get(times.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn main() {
    let per_copy = fragments_of_text(SEED).len().max(1);
    let copies = FRAGMENTS.div_ceil(per_copy);
    let text: String = std::iter::repeat_n(SEED, copies)
        .collect::<Vec<_>>()
        .join("\n\n");
    let fragments: Vec<Fragment> = fragments_of_text(&text)
        .into_iter()
        .take(FRAGMENTS)
        .collect();
    let propose_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let proposal = propose(&fragments, true);
            std::hint::black_box(&proposal);
            start.elapsed()
        })
        .collect();
    let lines: String = fragments
        .iter()
        .map(|f| {
            if f.blank_before {
                format!("\n{}\n", f.text)
            } else {
                format!("{}\n", f.text)
            }
        })
        .collect();
    let draft_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let cafe = cafe_from_text(&lines, "Table 1");
            std::hint::black_box(&cafe);
            start.elapsed()
        })
        .collect();
    println!(
        "tidy fragments={} propose_median_ms={:.1} draft_median_ms={:.1}",
        fragments.len(),
        median(propose_times),
        median(draft_times)
    );
}
