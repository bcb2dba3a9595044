//! Work that grows with the map, not with its square (issue #24): every export, report, threads,
//! saving and loading on a deep chain of ideas, a wide fan and many tables, and every import of
//! a wide fan. Not a clock: the number of structure lookups (parent, children) each operation
//! makes is read before and after, at a size and at twice that size; linear work doubles,
//! quadratic work quadruples. `benches/hostile.rs` times the same shapes at full size.

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::report::{self, ReportFormat, ReportOptions};
use cafemap::model::{Cafe, CafeInfo, NodeKind, structure_lookups};
use std::path::Path;

use crate::common::sketch::insert_new;

/// Ideas nested one under another: question → theme → idea → idea → …
fn chain(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q");
    let q = t.question();
    let at = Point::new(0.0, -160.0);
    let theme = insert_new(&mut cafe, &mut t, q, NodeKind::Theme, "T", at);
    let mut parent = theme;
    for i in 0..n {
        let at = Point::new(0.0, -300.0 - 100.0 * i as f32);
        let text = format!("idea {i} about trust");
        parent = insert_new(&mut cafe, &mut t, parent, NodeKind::Idea, text, at);
    }
    cafe.tables.push(t);
    cafe
}

/// A question with `n` themes (what a wide `.mm` or `.opml` root gives), one idea each.
fn fan(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q");
    let q = t.question();
    for i in 0..n {
        let angle = i as f32 / n as f32 * std::f32::consts::TAU;
        let at = Point::new(angle.sin() * 2000.0, -angle.cos() * 2000.0);
        let text = format!("theme {i}");
        let theme = insert_new(&mut cafe, &mut t, q, NodeKind::Theme, text, at);
        let text = format!("idea {i} about trust");
        insert_new(&mut cafe, &mut t, theme, NodeKind::Idea, text, at * 1.2);
    }
    cafe.tables.push(t);
    cafe
}

/// `n` tables of one theme and one idea.
fn tables(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    for i in 0..n {
        let mut t = cafe.new_table(format!("Question {i}"));
        let q = t.question();
        let at = Point::new(0.0, -160.0);
        let theme = insert_new(&mut cafe, &mut t, q, NodeKind::Theme, "T", at);
        let at = Point::new(0.0, -300.0);
        let text = format!("idea {i}");
        insert_new(&mut cafe, &mut t, theme, NodeKind::Idea, text, at);
        cafe.tables.push(t);
    }
    cafe
}

/// Structure lookups `run` makes.
fn lookups(run: impl FnOnce()) -> u64 {
    let before = structure_lookups();
    run();
    structure_lookups() - before
}

/// What does more than about twice the work on a map twice as large, in words.
fn superlinear(
    what: &str,
    shape: fn(usize) -> Cafe,
    n: usize,
    op: &dyn Fn(&Cafe),
) -> Option<String> {
    let (small, large) = (shape(n), shape(2 * n));
    let a = lookups(|| op(&small)).max(1);
    let b = lookups(|| op(&large));
    let ratio = b as f64 / a as f64;
    (ratio >= 2.8).then(|| format!("{what}: {a} lookups at {n}, {b} at {} (×{ratio:.1})", 2 * n))
}

/// Every operation on `shape`, all failures named at once.
fn assert_linear_everywhere(name: &str, shape: fn(usize) -> Cafe, n: usize) {
    let failures: Vec<String> = every_operation()
        .iter()
        .filter_map(|(what, op)| superlinear(&format!("{name}: {what}"), shape, n, op.as_ref()))
        .collect();
    assert!(failures.is_empty(), "quadratic: {failures:#?}");
}

/// A command, by name, run on a café.
type Operation = (&'static str, Box<dyn Fn(&Cafe)>);

fn every_operation() -> Vec<Operation> {
    use ExportFormat::*;
    let mut ops: Vec<Operation> = Vec::new();
    for (name, format) in [
        ("ron", Ron),
        ("md", Markdown),
        ("opml", Opml),
        ("mm", FreeMind),
        ("canvas", Canvas),
        ("csv", Csv),
        ("svg", Svg),
        ("pdf", Pdf),
        ("html", Html),
    ] {
        ops.push((
            name,
            Box::new(move |c: &Cafe| {
                export(c, format, &ExportOptions::default()).unwrap();
            }),
        ));
    }
    ops.push((
        "partner-safe html",
        Box::new(|c: &Cafe| {
            let options = ExportOptions {
                partner_safe: true,
                ..ExportOptions::default()
            };
            export(c, ExportFormat::Html, &options).unwrap();
        }),
    ));
    for (name, format) in [
        ("report pdf", ReportFormat::Pdf),
        ("report html", ReportFormat::Html),
    ] {
        ops.push((
            name,
            Box::new(move |c: &Cafe| {
                report::export(c, format, &ReportOptions::default()).unwrap();
            }),
        ));
    }
    ops.push((
        "threads",
        Box::new(|c: &Cafe| {
            cafemap::harvest::threads::propose(c, &[]);
        }),
    ));
    ops.push((
        "save and load",
        Box::new(|c: &Cafe| {
            cafemap::io::file::from_str(&cafemap::io::file::to_string(c)).unwrap();
        }),
    ));
    // Placing new notes files every box and every edge as drawn; a paste onto a theme also
    // arranges its branch (the whole chain hangs under the chain's theme).
    ops.push((
        "new note under the first theme",
        Box::new(|c: &Cafe| {
            let theme = c.tables[0].themes()[0];
            cafemap::edit::ops::add_child(c, 0, Some(theme)).unwrap();
        }),
    ));
    ops.push((
        "paste onto the first theme",
        Box::new(|c: &Cafe| {
            let theme = c.tables[0].themes()[0];
            cafemap::edit::ops::paste_text(c, 0, Some(theme), "one\ntwo").unwrap();
        }),
    ));
    ops
}

#[test]
fn a_deep_chain_costs_linear_work_everywhere() {
    assert_linear_everywhere("chain", chain, 300);
}

#[test]
fn a_wide_fan_costs_linear_work_everywhere() {
    assert_linear_everywhere("fan", fan, 300);
}

#[test]
fn many_tables_cost_linear_work_everywhere() {
    assert_linear_everywhere("tables", tables, 200);
}

#[test]
fn importing_a_wide_fan_costs_linear_work() {
    let md = |n: usize| {
        let mut s = String::from("# Café\n\n## Question\n\n");
        for i in 0..n {
            s.push_str(&format!("- idea {i}\n"));
        }
        s
    };
    let opml = |n: usize| {
        let mut s = String::from("<opml version=\"2.0\"><body><outline text=\"Q\">");
        for i in 0..n {
            s.push_str(&format!("<outline text=\"idea {i}\"/>"));
        }
        s + "</outline></body></opml>"
    };
    let mm = |n: usize| {
        let mut s = String::from("<map version=\"1.0.1\"><node TEXT=\"Q\">");
        for i in 0..n {
            s.push_str(&format!("<node TEXT=\"idea {i}\"/>"));
        }
        s + "</node></map>"
    };
    let formats: [(&str, &dyn Fn(usize) -> String); 3] =
        [("fan.md", &md), ("fan.opml", &opml), ("fan.mm", &mm)];
    for (name, make) in formats {
        let n = 300;
        let (small, large) = (make(n), make(2 * n));
        let import = |text: &str| {
            cafemap::io::import::import_bytes(Path::new(name), text.as_bytes()).unwrap();
        };
        // What `count` counts grows less than ×2.8 from the small import to the large one.
        let assert_linear = |what: &str, count: fn(&dyn Fn()) -> u64| {
            let a = count(&|| import(&small)).max(1);
            let b = count(&|| import(&large));
            let ratio = b as f64 / a as f64;
            assert!(
                ratio < 2.8,
                "import {name}: {a} then {b} {what} (×{ratio:.1})"
            );
        };
        assert_linear("lookups", |run| lookups(run));
        // The layout's geometry too: each branch checked against every branch before it
        // (the import of 10,000 took half a minute) shows as ×4 here.
        assert_linear("overlap checks", |run| overlap_checks(run));
    }
}

/// Boxes the layout checks against obstacles while `run` runs.
fn overlap_checks(run: impl FnOnce()) -> u64 {
    let before = cafemap::layout::overlap_checks();
    run();
    cafemap::layout::overlap_checks() - before
}

#[test]
fn a_deep_chain_does_not_overflow_a_small_stack() {
    // 20,000 levels on a 256 KiB stack: a recursion would need more than 13 bytes a level
    // (every frame is larger), so only iterative walks get through; the 100,000-deep chain is
    // in `benches/hostile.rs`.
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let cafe = chain(20_000);
            let text = cafemap::io::file::to_string(&cafe);
            let back = cafemap::io::file::from_str(&text).unwrap();
            export(&back, ExportFormat::Markdown, &ExportOptions::default()).unwrap();
            export(&back, ExportFormat::Opml, &ExportOptions::default()).unwrap();
            back.counts()
        })
        .unwrap();
    assert_eq!(worker.join().unwrap(), (1, 1, 20_000));
}

/// A chain whose every idea is cross-linked to the one two levels up (what a `.mm` export writes
/// as arrow links).
fn linked_chain(n: usize) -> Cafe {
    let mut cafe = chain(n);
    let table = &mut cafe.tables[0];
    let mut ids = Vec::new();
    let mut cur = Some(table.question());
    while let Some(id) = cur {
        ids.push(id);
        cur = table.children(id).first().copied();
    }
    for pair in ids.windows(3).skip(1) {
        table.add_link(pair[2], pair[0]).unwrap();
    }
    cafe
}

/// `op` on `shape` at `n` and `2 n`: does it do about twice the work, not four times?
fn assert_linear(what: &str, shape: fn(usize) -> Cafe, n: usize, op: &dyn Fn(&Cafe)) {
    if let Some(failure) = superlinear(what, shape, n, op) {
        panic!("quadratic: {failure}");
    }
}

fn html_map(cafe: &Cafe) {
    export(cafe, ExportFormat::Html, &ExportOptions::default()).unwrap();
}

#[test]
fn the_html_map_frames_a_long_chain_in_linear_work() {
    // Every idea of the chain is a step framing the same branch: framed once, not per idea.
    assert_linear("html map of a chain", chain, 1_000, &html_map);
}

#[test]
fn the_html_map_frames_a_wide_fan_in_linear_work() {
    // A branch per theme: the branches' boxes in one walk, not a search of the order per branch.
    assert_linear("html map of a fan", fan, 1_000, &html_map);
}

#[test]
fn presentation_steps_over_many_tables_cost_linear_work() {
    // Each presented node's dots are looked up in its own table, not searched for across the
    // café: ideas arriving from the fewest dots, and the closing top ideas.
    use cafemap::layout::steps::{RevealOptions, Sequence};
    let options = RevealOptions {
        fewest_votes_first: true,
        top_ideas: Some("Top ideas".to_owned()),
    };
    assert_linear("steps over tables", tables, 1_000, &|c: &Cafe| {
        Sequence::with(c, options.clone());
    });
}

#[test]
fn a_freeplane_export_of_a_linked_chain_costs_linear_work() {
    // The cross-links are listed once for the table, not once per node.
    assert_linear("mm of a linked chain", linked_chain, 1_000, &|c: &Cafe| {
        let mm = export(c, ExportFormat::FreeMind, &ExportOptions::default()).unwrap();
        assert!(String::from_utf8_lossy(&mm).contains("<arrowlink"));
    });
}
