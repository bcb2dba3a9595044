//! Pasting 1,000 lines into a table of 10,000 ideas: working out where every new note goes,
//! applying the edit, and (into the tray) repacking the tray, as the window does.
//!
//! Prints one line per case: `paste lines=1000 into=10000 parent=tray|theme median_ms=X`.
//! Target (release): under 1,000 ms.

use cafemap::edit::{self, ops};
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use std::time::Instant;

const WORDS: [&str; 8] = [
    "coopération",
    "territoire",
    "partenaires",
    "jumelage",
    "confiance",
    "habitants",
    "échanges",
    "solidarité",
];

fn words(i: usize, n: usize) -> String {
    (0..n)
        .map(|k| WORDS[(i + k * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// One table: a question and themes of 25 ideas each, arranged.
fn cafe(ideas: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut table = cafe.new_table("Comment faire perdurer les relations ?");
    let q = table.question();
    let mut theme = q;
    for i in 0..ideas {
        if i % 25 == 0 {
            theme = cafe.alloc_id();
            let node = Node::new(theme, NodeKind::Theme, format!("Thème {}", i / 25 + 1));
            table.insert(node, Some(q)).expect("a theme");
        }
        let id = cafe.alloc_id();
        let node = Node::new(id, NodeKind::Idea, words(i, 3 + i % 10));
        table.insert(node, Some(theme)).expect("an idea");
    }
    cafe.tables.push(table);
    cafemap::layout::arrange_cafe(&mut cafe);
    cafe
}

fn main() {
    let base = cafe(10_000);
    let lines: String = (0..1_000)
        .map(|i| format!("{}\n", words(i, 2 + i % 9)))
        .collect();
    for parent in ["tray", "theme"] {
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let mut cafe = base.clone();
                let under = (parent == "theme").then(|| cafe.tables[0].themes()[200]);
                let start = Instant::now();
                let (edit, top) =
                    ops::paste_text(&cafe, 0, under, &lines).expect("the lines paste");
                edit::apply(&mut cafe, edit).expect("the paste applies");
                if under.is_none() {
                    let moves = cafemap::layout::reflow_tray(&cafe.tables[0]);
                    for (id, p) in moves {
                        if let Some(n) = cafe.tables[0].node_mut(id) {
                            n.pos = p;
                        }
                    }
                }
                let ms = start.elapsed().as_secs_f64() * 1000.0;
                assert_eq!(top.len(), 1_000);
                ms
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        println!(
            "paste lines=1000 into=10000 parent={parent} median_ms={:.1}",
            runs[runs.len() / 2]
        );
    }
}
