//! Partner copies merging back, at 10,000 ideas (issue: history travels in the file).
//!
//! Run with `cargo bench --bench merge` (release build). Prints:
//! - file sizes with and without history (the 10k café, the example map, and maps of 300 and
//!   1,500 ideas, whose history carries its birth as lines of the document), and the first save
//!   after an edit of those (the birth recorded again from its lines);
//! - open + save with history compared with today's (a file without history);
//! - `cafemap merge OURS THEIRS -o OUT` as a whole process, each copy edited (goal ≤ 1 s);
//! - the first save (the birth of the history) of a chain of ideas 10,000 and 20,000 deep: twice
//!   the depth should take about twice the time.

use cafemap::edit::{Edit, Placed, apply};
use cafemap::geom::Point;
use cafemap::io::file;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind, Votes};
use cafemap::sync::Trail;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::{big_cafe, cafe_of};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn kib(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1024.0)
}

/// A partner's session: 100 new ideas, 100 votes, 50 rewrites, 50 moves, 20 deletions.
fn edit(cafe: &mut Cafe, seed: usize) {
    let ids: Vec<_> = cafe.tables[0]
        .node_ids()
        .into_iter()
        .filter(|&id| {
            cafe.tables[0]
                .node(id)
                .is_some_and(|n| n.kind == NodeKind::Idea)
        })
        .collect();
    let themes = cafe.tables[0].themes();
    for i in 0..100 {
        let id = cafe.alloc_id();
        let parent = themes[(i * 7 + seed) % themes.len()];
        let node = Node::new(id, NodeKind::Idea, format!("Nouvelle idée {seed}-{i}"));
        let edit = Edit::InsertNodes {
            table: 0,
            nodes: vec![Placed {
                node,
                parent: Some(parent),
            }],
            links: vec![],
        };
        apply(cafe, edit).expect("insert");
    }
    for i in 0..100 {
        let id = ids[(i * 31 + seed * 13) % ids.len()];
        let votes = cafe
            .node(id)
            .map_or(Votes::default(), |n| n.votes.adjusted(0, 1));
        let _ = apply(
            cafe,
            Edit::SetVotes {
                table: 0,
                id,
                votes,
            },
        );
    }
    for i in 0..50 {
        let id = ids[(i * 17 + seed * 101) % ids.len()];
        let text = format!("Réécrite par la copie {seed} ({i})");
        let _ = apply(cafe, Edit::SetText { table: 0, id, text });
    }
    for i in 0..50 {
        let id = ids[(i * 23 + seed * 7) % ids.len()];
        let parent = Some(themes[(i + seed) % themes.len()]);
        let _ = apply(
            cafe,
            Edit::Reparent {
                table: 0,
                id,
                parent,
            },
        );
    }
    for i in 0..20 {
        let id = ids[(i * 41 + seed * 3 + 5) % ids.len()];
        if cafe.tables[0].children(id).is_empty() {
            let _ = apply(
                cafe,
                Edit::RemoveSubtrees {
                    table: 0,
                    roots: vec![id],
                },
            );
        }
    }
}

/// Ideas nested `n` deep under one theme (the hostile shape of issue 24).
fn chain(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q");
    let mut parent = cafe.alloc_id();
    let theme = Node::new(parent, NodeKind::Theme, "T").at(Point::new(0.0, -160.0));
    t.insert(theme, Some(t.question())).expect("theme");
    for i in 0..n {
        let id = cafe.alloc_id();
        let node = Node::new(id, NodeKind::Idea, format!("idée {i} sur la confiance"))
            .at(Point::new(0.0, -300.0 - 100.0 * i as f32));
        t.insert(node, Some(parent)).expect("idea");
        parent = id;
    }
    cafe.tables.push(t);
    cafe
}

fn main() {
    for n in [10_000, 20_000] {
        let cafe = chain(n);
        let start = Instant::now();
        let text = file::to_string(&cafe);
        println!(
            "chain depth={n} first_save_ms={:.0} kib={:.0}",
            start.elapsed().as_secs_f64() * 1000.0,
            text.len() as f64 / 1024.0
        );
    }

    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = |name: &str| dir.path().join(name);

    // Sizes.
    let cafe = big_cafe();
    let born = Instant::now();
    let with = file::to_string(&cafe);
    let birth_ms = born.elapsed().as_secs_f64() * 1000.0;
    let without = file::to_string(&cafe.without_history());
    std::fs::write(p("plain.ron"), &without).expect("write");
    std::fs::write(p("history.ron"), &with).expect("write");
    let example_text = include_str!("../examples/world-cafe-cooperation.ron");
    let example = file::from_str(example_text).expect("the example loads");
    let example_with = file::to_string(&example);
    let example_without = file::to_string(&example.without_history());
    println!(
        "size ideas=10000 without_kib={:.0} with_kib={:.0} ratio={:.2} birth_ms={birth_ms:.0}",
        kib(&p("plain.ron")),
        kib(&p("history.ron")),
        kib(&p("history.ron")) / kib(&p("plain.ron")),
    );
    println!(
        "size example without_kib={:.1} with_kib={:.1} ratio={:.2}",
        example_without.len() as f64 / 1024.0,
        example_with.len() as f64 / 1024.0,
        example_with.len() as f64 / example_without.len() as f64,
    );

    // Mid-sized maps: the history as the birth's lines and the changes since, after a session of
    // edits; then the first save after one more edit (the birth recorded again).
    for n in [300, 1_500] {
        let born = file::from_str(&file::to_string(&cafe_of(n))).expect("loads");
        let mut edited = born.clone();
        edit(&mut edited, 1);
        let without = file::to_string(&edited.without_history()).len() as f64;
        let with = file::to_string(&edited);
        std::fs::write(p("mid.ron"), &with).expect("write");
        let save_ms = median(
            (0..RUNS)
                .map(|i| {
                    let mut cafe = file::load(&p("mid.ron")).expect("load");
                    let id = cafe.tables[1].themes()[0];
                    let text = format!("Thème renommé {i}");
                    apply(&mut cafe, Edit::SetText { table: 1, id, text }).expect("edit");
                    let start = Instant::now();
                    file::save(&p("mid2.ron"), &cafe).expect("save");
                    start.elapsed()
                })
                .collect(),
        );
        println!(
            "size ideas={n} edited without_kib={:.1} with_kib={:.1} ratio={:.2} save_after_edit_ms={save_ms:.1}",
            without / 1024.0,
            with.len() as f64 / 1024.0,
            with.len() as f64 / without,
        );
    }

    // Open and save, today (no history) and with history; then save after one edit.
    // Today: a file without history, written without history (as before this change).
    let open_save = |path: &Path, out: &Path, history: bool| {
        let start = Instant::now();
        let mut cafe = file::load(path).expect("load");
        if !history {
            cafe.history = Trail::off();
        }
        file::save(out, &cafe).expect("save");
        start.elapsed()
    };
    let today = median(
        (0..RUNS)
            .map(|_| open_save(&p("plain.ron"), &p("o1.ron"), false))
            .collect(),
    );
    let history = median(
        (0..RUNS)
            .map(|_| open_save(&p("history.ron"), &p("o2.ron"), true))
            .collect(),
    );
    let edited_save = median(
        (0..RUNS)
            .map(|i| {
                let mut cafe = file::load(&p("history.ron")).expect("load");
                let id = cafe.tables[1].themes()[0];
                let text = format!("Thème renommé {i}");
                apply(&mut cafe, Edit::SetText { table: 1, id, text }).expect("edit");
                let start = Instant::now();
                file::save(&p("o3.ron"), &cafe).expect("save");
                start.elapsed()
            })
            .collect(),
    );
    println!(
        "open_save ideas=10000 today_ms={today:.0} history_ms={history:.0} ratio={:.2} save_after_edit_ms={edited_save:.0}",
        history / today
    );

    // Two copies of one file, each edited, merged by the command line.
    let mut a = file::load(&p("history.ron")).expect("load");
    let mut b = file::load(&p("history.ron")).expect("load");
    edit(&mut a, 1);
    edit(&mut b, 2);
    file::save(&p("a.ron"), &a).expect("save a");
    file::save(&p("b.ron"), &b).expect("save b");
    let exe = env!("CARGO_BIN_EXE_cafemap");
    let run = || {
        let start = Instant::now();
        let out = Command::new(exe)
            .arg("merge")
            .arg(p("a.ron"))
            .arg(p("b.ron"))
            .arg("-o")
            .arg(p("merged.ron"))
            .output()
            .expect("running cafemap merge");
        let took = start.elapsed();
        let code = out.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 3,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (took, String::from_utf8_lossy(&out.stdout).lines().count())
    };
    let (_, lines) = run();
    let merge_ms = median((0..RUNS).map(|_| run().0).collect());
    let merged = file::load(&p("merged.ron")).expect("the merge loads");
    let (_, _, ideas) = merged.counts();
    println!(
        "merge ideas=10000 process_ms={merge_ms:.0} lines={lines} merged_ideas={ideas} merged_kib={:.0}",
        kib(&p("merged.ron"))
    );
}
