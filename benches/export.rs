//! How long every export of a 10,000-idea café takes, in process (what the window's export
//! worker and `cafemap export` spend after loading the file). Target: each under 2 s, with the
//! CLI's peak memory under 300 MB (measure that with `/usr/bin/time -v target/release/cafemap
//! export …`: a process's peak is not visible from inside a benchmark that runs them all).
//!
//! Run with `cargo bench --bench export`; prints `export format=F ideas=10000 median_ms=X
//! bytes=N` per format, medians of a few runs. The café is the one `benches/check.rs` builds;
//! `cargo bench --bench export -- --save big.ron` writes it instead, for timing the CLI.

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use std::time::{Duration, Instant};

const TABLES: usize = 3;
const THEMES_PER_TABLE: usize = 30;
const IDEAS: usize = 10_000;
const RUNS: usize = 3;

/// The café of `benches/check.rs`: French sentences of sticky-note length, spread-out
/// positions, every fifth idea nested under the previous one, a few notes and votes.
fn big_cafe() -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "World café — très grande restitution".into(),
        subtitle: "Banc d’essai : 10 000 idées".into(),
        ..CafeInfo::default()
    });
    let themes = TABLES * THEMES_PER_TABLE;
    let mut made = 0;
    for t in 0..TABLES {
        let mut table = cafe.new_table(format!(
            "Question {} : comment coopérer entre collectivités ?",
            t + 1
        ));
        let q = table.question();
        for h in 0..THEMES_PER_TABLE {
            let theme = cafe.alloc_id();
            let angle = h as f32 / THEMES_PER_TABLE as f32 * std::f32::consts::TAU;
            let centre = Point::new(900.0 * angle.cos(), 600.0 * angle.sin());
            let name = format!("Thème {} — {}", h + 1, t + 1);
            table
                .insert(Node::new(theme, NodeKind::Theme, name).at(centre), Some(q))
                .ok();
            let index = t * THEMES_PER_TABLE + h;
            let count = IDEAS / themes + usize::from(index < IDEAS % themes);
            let mut previous = theme;
            for i in 0..count {
                let id = cafe.alloc_id();
                let mut node = Node::new(
                    id,
                    NodeKind::Idea,
                    format!(
                        "Idée {made} : s’appuyer sur les acteurs locaux, la société civile et les comités de jumelage"
                    ),
                )
                .at(centre + Point::new((i % 6) as f32 * 173.3, (i / 6) as f32 * 61.7));
                if i % 10 == 0 {
                    node.votes = (i % 7) as u32;
                    node.note = "À souligner pendant la présentation".into();
                }
                let parent = if i % 5 == 4 { previous } else { theme };
                table.insert(node, Some(parent)).ok();
                previous = id;
                made += 1;
            }
        }
        cafe.tables.push(table);
    }
    cafe
}

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
    for format in [Svg, Png, Pdf, Ron, Markdown, Opml, FreeMind, Canvas, Csv] {
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
