//! One frame of the real canvas, headless: `ctx.run_ui` with the app's UI plus
//! `ctx.tessellate`, for a generated table of 1,000 and 10,000 ideas, and of 10,000 ideas all in
//! the Unsorted tray, at zoom-to-fit and at 100 %.
//!
//! Prints one line per case: `frame ideas=N [unsorted] view=fit|100 median_ms=X`.
//! Targets (release): 10,000 ideas ≤ 8 ms at 100 % and ≤ 16 ms at fit; 1,000 ideas ≤ 2 ms at 100 %.

use cafemap::i18n::Lang;
use cafemap::model::{Cafe, CafeInfo, Node, NodeKind, NoteColor, Paper};
use cafemap::ui::{CafeApp, Command, Document};
use std::time::Instant;

const WORDS: [&str; 12] = [
    "coopération",
    "territoire",
    "partenaires",
    "jumelage",
    "confiance",
    "projets",
    "habitants",
    "associations",
    "échanges",
    "formation",
    "solidarité",
    "réseau",
];

/// One table: a question, themes of 25 ideas each, ideas of 3 to 14 words; or (`unsorted`) the
/// question alone with every idea waiting in the Unsorted tray, as after importing typed notes.
fn generated(ideas: usize, unsorted: bool) -> Cafe {
    let mut cafe = Cafe::new(CafeInfo {
        title: "Bench".into(),
        ..Default::default()
    });
    let mut table = cafe.new_table("Comment faire perdurer les relations entre collectivités ?");
    let q = table.question();
    let mut theme = q;
    for i in 0..ideas {
        if i % 25 == 0 && !unsorted {
            theme = cafe.alloc_id();
            let color = Some(NoteColor::Palette(Paper::nth(i / 25)));
            let node = Node::new(theme, NodeKind::Theme, format!("Thème {}", i / 25 + 1))
                .with_color(color);
            table
                .insert(node, Some(q))
                .expect("a theme under the question");
        }
        let id = cafe.alloc_id();
        let words = 3 + (i * 7) % 12;
        let text: Vec<&str> = (0..words)
            .map(|k| WORDS[(i + k * 5) % WORDS.len()])
            .collect();
        let parent = (!unsorted).then_some(theme);
        table
            .insert(Node::new(id, NodeKind::Idea, text.join(" ")), parent)
            .expect("an idea under its theme, or unsorted");
    }
    cafe.tables.push(table);
    cafemap::layout::arrange_cafe(&mut cafe);
    cafe
}

fn input(time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        time: Some(time),
        ..Default::default()
    }
}

fn median_frame_ms(ideas: usize, unsorted: bool, view: &str) -> f64 {
    let ctx = egui::Context::default();
    let mut app = CafeApp::with_document(Lang::En, Document::new(generated(ideas, unsorted), None));
    let mut time = 0.0;
    let frame = |app: &mut CafeApp, time: f64| {
        let out = ctx.run_ui(input(time), |ui| app.frame_ui(ui));
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
    };
    // Warm up: fonts, the scene cache, the first fit.
    for _ in 0..3 {
        time += 0.1;
        frame(&mut app, time);
    }
    if view == "fit" {
        app.run(&ctx, Command::ZoomFit);
    } else {
        // 100 % over the busiest place: a theme in the middle of the map with its 25 notes,
        // and whatever surrounds it (the middle of the tray when every note is unsorted).
        let table = &app.document().cafe().tables[0];
        app.editor.selection = if unsorted {
            let notes = table.unsorted();
            notes[notes.len() / 2..][..25].iter().copied().collect()
        } else {
            let themes = table.themes();
            table
                .subtree(themes[themes.len() / 2])
                .into_iter()
                .collect()
        };
        app.run(&ctx, Command::ZoomSelection);
        for _ in 0..10 {
            time += 0.1;
            frame(&mut app, time);
        }
        app.run(&ctx, Command::ZoomActual);
        app.editor.selection.clear();
    }
    // Let the camera glide settle, and egui's text caches fill.
    for _ in 0..10 {
        time += 0.1;
        frame(&mut app, time);
    }
    let mut samples: Vec<f64> = (0..31)
        .map(|_| {
            time += 1.0 / 60.0;
            let start = Instant::now();
            frame(&mut app, time);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    for (ideas, unsorted) in [(1_000, false), (10_000, false), (10_000, true)] {
        for view in ["fit", "100"] {
            let tray = if unsorted { " unsorted" } else { "" };
            println!(
                "frame ideas={ideas}{tray} view={view} median_ms={:.2}",
                median_frame_ms(ideas, unsorted, view)
            );
        }
    }
}
