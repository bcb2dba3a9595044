//! How long importing a large Freeplane map takes (parse + layout, as `cafemap import` does).
//! Run with `cargo bench --bench import_mm`; prints one line per measure, medians of 15 runs.

#[path = "../tests/fixtures/freeplane_gen.rs"]
mod freeplane_gen;

use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> f64 {
    runs.sort_unstable();
    runs.get(runs.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn main() {
    let g = freeplane_gen::freeplane_map(5, 12, 24);
    let nodes = g.nodes_below_root + 1;
    let bytes = g.xml.as_bytes();
    let mut full = Vec::new();
    let mut parse_only = Vec::new();
    for _ in 0..15 {
        let start = Instant::now();
        let imported = cafemap::io::import::import_bytes(Path::new("ateliers.mm"), bytes);
        full.push(start.elapsed());
        let ok = imported.is_ok_and(|i| {
            let t = &i.cafe.tables[0];
            t.question_node().text == g.root
                && t.themes().len() == g.branches
                && t.len() == g.pairs.len() + 1
        });
        assert!(ok, "the map imports whole");
        let start = Instant::now();
        let parsed = cafemap::io::import::freemind::parse(&g.xml);
        parse_only.push(start.elapsed());
        assert!(parsed.is_ok());
    }
    println!("import_mm nodes={nodes} median_ms={:.1}", median(full));
    println!(
        "import_mm_parse_only nodes={nodes} median_ms={:.1}",
        median(parse_only)
    );
}
