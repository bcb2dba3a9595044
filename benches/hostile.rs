//! The hostile shapes of issue #24, timed in process (what `cafemap` spends after reading the
//! file): ideas nested one under another (a chain 2,000, 10,000 and 100,000 deep), a question
//! with 10,000 branches (a fan), 20,000 tables, imports of wide fans, and the 10,000-idea café's
//! PNG and ODT report. Targets: the 2k chain and the 10k fan under 1 s for every command;
//! 20,000 tables import and export to SVG and HTML under 2 s; the 100k chain at most about 10×
//! the 10k chain; the PNG and ODT of 10,000 ideas under 2 s.
//!
//! Run with `cargo bench --bench hostile` (add `-- quick` to skip the 100k chain, `-- big` for
//! the 100k and 10k chains alone, both without their history); prints one line per shape and
//! command: `hostile shape=chain n=10000 op=svg ms=… cpu_ms=…` (the processor time, which a
//! loaded machine inflates less than the wall clock).
//! `tests/io/complexity.rs` checks the same operations for linear work at small sizes (structure
//! lookups and the layout's overlap checks, not a clock).

use cafemap::geom::Point;
use cafemap::io::export::{ExportFormat, ExportOptions, export};
use cafemap::io::report::{self, ReportFormat, ReportOptions};
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind};
use std::path::Path;
use std::time::Instant;

mod common;

fn chain(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q");
    let q = t.question();
    let theme = cafe.alloc_id();
    t.insert(
        Node::new(theme, NodeKind::Theme, "T").at(Point::new(0.0, -160.0)),
        Some(q),
    )
    .ok();
    let mut parent = theme;
    for i in 0..n {
        let id = cafe.alloc_id();
        let node = Node::new(id, NodeKind::Idea, format!("idée {i} sur la confiance"))
            .at(Point::new(0.0, -300.0 - 100.0 * i as f32));
        t.insert(node, Some(parent)).ok();
        parent = id;
    }
    cafe.tables.push(t);
    cafe
}

fn fan(n: usize) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Q");
    let q = t.question();
    let theme = cafe.alloc_id();
    t.insert(
        Node::new(theme, NodeKind::Theme, "T").at(Point::new(0.0, -160.0)),
        Some(q),
    )
    .ok();
    for i in 0..n {
        let id = cafe.alloc_id();
        let at = Point::new((i % 100) as f32 * 200.0, -300.0 - (i / 100) as f32 * 100.0);
        t.insert(
            Node::new(id, NodeKind::Idea, format!("idée {i} sur la confiance")).at(at),
            Some(theme),
        )
        .ok();
    }
    cafe.tables.push(t);
    cafe
}

fn time<T>(shape: &str, n: usize, op: &str, run: impl FnOnce() -> T) -> T {
    let (start, cpu) = (Instant::now(), cpu_ns());
    let out = run();
    let cpu = match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => format!(" cpu_ms={:.0}", (b - a) as f64 / 1e6),
        _ => String::new(),
    };
    println!(
        "hostile shape={shape} n={n} op={op} ms={:.0}{cpu}",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

/// The time this process's threads have run on a processor (Linux's utime + stime, in ticks of
/// 10 ms), which other work on a loaded machine does not inflate as it does the wall clock; all
/// threads, as the ODT report draws its figures side by side; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(") ")?.1.split_whitespace().skip(11);
    let ticks: u64 = fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?;
    Some(ticks * 10_000_000)
}

/// Every command on one café: load, each export, each report, threads. Without `history`, the
/// café is saved and exported without the history a first save gives it (that birth is
/// `sync::record`'s cost, a matter of its own: at 100,000 nodes it ran for over 8 minutes) and
/// the RON export is left out.
fn every_command(shape: &str, n: usize, cafe: &Cafe, history: bool) {
    let bare;
    let cafe = if history {
        cafe
    } else {
        bare = cafe.without_history();
        println!("hostile shape={shape} n={n} op=ron skipped (the history's birth, sync::record)");
        &bare
    };
    let text = cafemap::io::file::to_string(cafe);
    time(shape, n, "load", || cafemap::io::file::from_str(&text).ok());
    use ExportFormat::*;
    let formats = [
        Ron, Markdown, Opml, FreeMind, Canvas, Csv, Svg, Png, Pdf, Html,
    ];
    for format in formats.into_iter().filter(|f| history || *f != Ron) {
        time(shape, n, format.extension(), || {
            export(cafe, format, &ExportOptions::default()).ok()
        });
    }
    for format in [ReportFormat::Pdf, ReportFormat::Odt, ReportFormat::Html] {
        let op = format!("report-{}", format.extension());
        time(shape, n, &op, || {
            report::export(cafe, format, &ReportOptions::default()).ok()
        });
    }
    time(shape, n, "threads", || {
        cafemap::harvest::threads::propose(cafe, &cafe.synonyms)
    });
}

fn import(shape: &str, n: usize, name: &str, text: &str) {
    let op = format!("import-{}", name.rsplit('.').next().unwrap_or(name));
    time(shape, n, &op, || {
        cafemap::io::import::import_bytes(Path::new(name), text.as_bytes()).ok()
    });
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    // `big`: only the 100,000-deep chain, next to the 10,000-deep one measured the same way.
    if std::env::args().any(|a| a == "big") {
        for n in [10_000, 100_000] {
            every_command("chain", n, &chain(n), false);
        }
        return;
    }
    // `tables`, `cafe` or `fan`: that part alone (for profiling).
    let only = |part: &str| std::env::args().any(|a| a == part);
    if only("tables") {
        return tables();
    }
    if only("cafe") {
        return big_cafe();
    }
    if only("fan") {
        return every_command("fan", 10_000, &fan(10_000), true);
    }
    for n in [2_000, 10_000] {
        every_command("chain", n, &chain(n), true);
    }
    if !quick {
        every_command("chain", 100_000, &chain(100_000), false);
    }
    every_command("fan", 10_000, &fan(10_000), true);
    wide_imports();
    tables();
    big_cafe();
}

fn wide_imports() {
    // A root with 5,000, 10,000 and 20,000 children: each doubling should about double the time.
    for n in [5_000, 10_000, 20_000] {
        let mut md = String::from("# Café\n\n## Question\n\n");
        let mut opml = String::from("<opml version=\"2.0\"><body><outline text=\"Q\">");
        let mut mm = String::from("<map version=\"1.0.1\"><node TEXT=\"Q\">");
        for i in 0..n {
            md.push_str(&format!("- idée {i}\n"));
            opml.push_str(&format!("<outline text=\"idée {i}\"/>"));
            mm.push_str(&format!("<node TEXT=\"idée {i}\"/>"));
        }
        opml.push_str("</outline></body></opml>");
        mm.push_str("</node></map>");
        import("fan", n, "fan.md", &md);
        import("fan", n, "fan.opml", &opml);
        import("fan", n, "fan.mm", &mm);
    }
}

fn tables() {
    let n = 20_000;
    let mut md = String::from("# Café\n\n");
    for i in 0..n {
        md.push_str(&format!("## Question {i}\n\n- idée {i}\n\n"));
    }
    let imported = time("tables", n, "import-md", || {
        cafemap::io::import::import_bytes(Path::new("tables.md"), md.as_bytes())
    });
    if let Ok(imported) = imported {
        for format in [ExportFormat::Svg, ExportFormat::Html] {
            time("tables", n, format.extension(), || {
                export(&imported.cafe, format, &ExportOptions::default()).ok()
            });
        }
    }
}

fn big_cafe() {
    let big = common::big_cafe();
    let ideas = common::IDEAS;
    time("cafe", ideas, "png", || {
        export(&big, ExportFormat::Png, &ExportOptions::default()).ok()
    });
    time("cafe", ideas, "report-odt", || {
        report::export(&big, ReportFormat::Odt, &ReportOptions::default()).ok()
    });
}
