//! Whole-process time of `cafemap check FILE` on a café of 10,000 ideas: what a facilitator (or a
//! script) waits for, start-up included. Target: median ≤ 150 ms on a modest 2-core laptop.
//!
//! Run with `cargo bench --bench check` (release build). Prints
//! `check ideas=10000 median_ms=X`.

use cafemap::geom::Point;
use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use std::process::Command;
use std::time::{Duration, Instant};

const TABLES: usize = 3;
const THEMES_PER_TABLE: usize = 30;
const IDEAS: usize = 10_000;
const RUNS: usize = 15;

/// A large but realistic café: French sentences of sticky-note length, spread-out positions,
/// some ideas nested under other ideas, a few notes and votes.
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
            table
                .insert(
                    Node::new(
                        theme,
                        NodeKind::Theme,
                        format!("Thème {} — {}", h + 1, t + 1),
                    )
                    .at(centre),
                    Some(q),
                )
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
                // Every fifth idea hangs under the previous one (nested ideas).
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
