//! Automatic arrangement: what a facilitator would notice — notes on top of each other, themes
//! shuffled, a map too tall for the projector, a selection rearranging what was not selected.

use cafemap::geom::{Point, Rect};
use cafemap::layout::order::{clockwise, outline_order, reading_order};
use cafemap::layout::{arrange_cafe, arrange_subtrees, arrange_table, tray_rect};
use cafemap::model::{Cafe, CafeInfo, Node, NodeId, NodeKind, Table};
use cafemap::render::{SceneOptions, SceneStyle};
use cafemap::text::layout_node_text;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Text cut from real sticky notes, sliced to any length (with a long word now and then).
fn text(len: usize, salt: usize) -> String {
    const WORDS: &str = "Maintien d’un contact en présentiel est important · Proposer des échanges en termes de \
        formations/renforcement des capacités · Contractualisation pluriannuelle → sécuriser le projet · \
        Projets « clé en main » de la DAECT · Œuvrer ensemble, à l’écoute des habitants… ";
    WORDS
        .chars()
        .cycle()
        .skip(salt * 7 % 97)
        .take(len)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A table shaped by the parameters: themes with their idea counts, ideas hanging off the question,
/// unsorted ideas, one nested idea every `nest_every` ideas; all at the origin (a fresh import) or
/// scattered.
struct Shape {
    themes: Vec<(usize, Vec<usize>)>,
    direct: usize,
    unsorted: usize,
    nest_every: usize,
    scatter: bool,
}

fn build(shape: &Shape) -> Table {
    let cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table(text(90, 1));
    let q = t.question();
    let mut n = 0usize;
    let place = |n: &mut usize| {
        *n += 1;
        if shape.scatter {
            // A deterministic scatter: a user's rough drag, not a grid.
            let k = *n as f32;
            Point::new((k * 733.0) % 2400.0 - 1200.0, (k * 419.0) % 1600.0 - 800.0)
        } else {
            Point::ZERO
        }
    };
    for (theme_len, ideas) in &shape.themes {
        let th = cafe.alloc_id();
        let pos = place(&mut n);
        t.insert(
            Node::new(th, NodeKind::Theme, text(*theme_len, n)).at(pos),
            Some(q),
        )
        .unwrap();
        let mut last = None;
        for (i, len) in ideas.iter().enumerate() {
            let id = cafe.alloc_id();
            let parent = match last {
                Some(l) if shape.nest_every > 0 && i % shape.nest_every == shape.nest_every - 1 => {
                    l
                }
                _ => th,
            };
            let pos = place(&mut n);
            t.insert(
                Node::new(id, NodeKind::Idea, text(*len, n)).at(pos),
                Some(parent),
            )
            .unwrap();
            last = Some(id);
        }
    }
    for i in 0..shape.direct {
        let id = cafe.alloc_id();
        let pos = place(&mut n);
        t.insert(
            Node::new(id, NodeKind::Idea, text(20 + i * 13 % 80, n)).at(pos),
            Some(q),
        )
        .unwrap();
    }
    for i in 0..shape.unsorted {
        let id = cafe.alloc_id();
        let pos = place(&mut n);
        t.insert(
            Node::new(id, NodeKind::Idea, text(10 + i * 31 % 150, n)).at(pos),
            None,
        )
        .unwrap();
    }
    t.validate().unwrap();
    t
}

fn apply(table: &mut Table, positions: &[(NodeId, Point)]) {
    for &(id, p) in positions {
        table.node_mut(id).unwrap().pos = p;
    }
}

fn rects(table: &Table) -> Vec<(NodeId, Rect)> {
    table
        .nodes()
        .map(|n| {
            (
                n.id,
                Rect::from_center_size(n.pos, layout_node_text(n.kind, &n.text).size),
            )
        })
        .collect()
}

/// The first pair of boxes closer than `gap` to each other (sort and sweep, so 10,000 notes
/// check quickly).
fn crowded(mut boxes: Vec<(NodeId, Rect)>, gap: f32) -> Option<(NodeId, NodeId)> {
    let half = gap / 2.0;
    boxes.iter_mut().for_each(|b| b.1 = b.1.expand(half - 0.01));
    boxes.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x));
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if boxes[j].1.min.x >= boxes[i].1.max.x {
                break;
            }
            if boxes[i].1.intersects(&boxes[j].1) {
                return Some((boxes[i].0, boxes[j].0));
            }
        }
    }
    None
}

/// Arranged boxes keep at least this much space between them (the layout aims for 12 and rounds
/// positions to whole units).
const MIN_GAP: f32 = 10.0;

fn assert_well_arranged(table: &mut Table) {
    let first = arrange_table(table);
    assert_eq!(first.len(), table.len(), "every node gets a place");
    assert_eq!(first, arrange_table(table), "deterministic");
    apply(table, &first);
    assert_eq!(first[0].1, Point::ZERO, "the question sits at the origin");
    if let Some((a, b)) = crowded(rects(table), MIN_GAP) {
        panic!(
            "{a} and {b} overlap or touch: {:?} / {:?}",
            table.node(a).map(|n| n.pos),
            table.node(b).map(|n| n.pos)
        );
    }
    assert_eq!(
        arrange_table(table),
        first,
        "arranging an arranged map changes nothing"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_two_notes_overlap(
        themes in prop::collection::vec((0usize..60, prop::collection::vec(0usize..160, 0..=30)), 0..=20),
        direct in 0usize..4,
        unsorted in 0usize..12,
        nest_every in 0usize..6,
        scatter in any::<bool>(),
    ) {
        let mut t = build(&Shape { themes, direct, unsorted, nest_every, scatter });
        assert_well_arranged(&mut t);
    }
}

#[test]
fn three_hundred_notes_in_one_table_do_not_overlap() {
    let one_theme = Shape {
        themes: vec![(20, (0..300).map(|i| i * 37 % 140).collect())],
        direct: 0,
        unsorted: 0,
        nest_every: 0,
        scatter: false,
    };
    assert_well_arranged(&mut build(&one_theme));
    let mixed = Shape {
        themes: (0..6)
            .map(|k| (10 + k * 9, (0..45).map(|i| (i + k) * 29 % 150).collect()))
            .collect(),
        direct: 3,
        unsorted: 27,
        nest_every: 4,
        scatter: true,
    };
    assert_well_arranged(&mut build(&mixed));
}

#[test]
fn ten_thousand_notes_arrange_without_overlap() {
    let big = Shape {
        themes: (0..12)
            .map(|k| (15 + k, (0..800).map(|i| (i * 13 + k) % 150).collect()))
            .collect(),
        direct: 0,
        unsorted: 400,
        nest_every: 7,
        scatter: false,
    };
    let mut t = build(&big);
    assert!(t.count(NodeKind::Idea) >= 10_000);
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    assert_eq!(crowded(rects(&t), MIN_GAP), None);
}

/// Themes placed by hand at 2, 5, 7 and 11 o'clock, created in another order.
#[test]
fn themes_keep_their_clockwise_order() {
    let cafe = Cafe::new(CafeInfo::default());
    let mut t = cafe.new_table("Question ?");
    let q = t.question();
    let at = [
        (-300.0, -200.0),
        (300.0, -150.0),
        (-250.0, 250.0),
        (200.0, 300.0),
        (0.0, -400.0),
    ];
    let mut ids = Vec::new();
    for (i, &(x, y)) in at.iter().enumerate() {
        let id = cafe.alloc_id();
        t.insert(
            Node::new(id, NodeKind::Theme, format!("Thème {i}")).at(Point::new(x, y)),
            Some(q),
        )
        .unwrap();
        for k in 0..3 {
            let idea = cafe.alloc_id();
            t.insert(
                Node::new(idea, NodeKind::Idea, format!("Idée {k}")),
                Some(id),
            )
            .unwrap();
        }
        ids.push(id);
    }
    let before = clockwise(&t, &ids, Point::ZERO);
    assert_eq!(before, vec![ids[4], ids[1], ids[3], ids[2], ids[0]]);
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    assert_eq!(clockwise(&t, &ids, Point::ZERO), before);
}

#[test]
fn fresh_imports_go_round_in_id_order_with_the_tray_on_the_left() {
    let mut t = build(&Shape {
        themes: vec![
            (12, vec![30, 40]),
            (14, vec![50]),
            (16, vec![]),
            (18, vec![20, 20, 20]),
        ],
        direct: 0,
        unsorted: 9,
        nest_every: 0,
        scatter: false,
    });
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    let themes = t.themes();
    assert_eq!(clockwise(&t, &themes, Point::ZERO), themes);
    let map = t
        .nodes()
        .filter(|n| !t.is_unsorted(n.id))
        .map(|n| n.pos.x)
        .fold(f32::INFINITY, f32::min);
    for id in t.unsorted() {
        assert!(
            t.node(id).unwrap().pos.x < map,
            "unsorted notes wait left of the map"
        );
        assert!(tray_rect(&t).contains(t.node(id).unwrap().pos));
    }
    // Reading order of the tray is the import order.
    assert_eq!(reading_order(&t, &t.unsorted()), t.unsorted());
}

#[test]
fn an_empty_tray_is_offered_left_of_the_map_without_covering_it() {
    let mut t = build(&Shape {
        themes: vec![(12, vec![30, 40]), (14, vec![50])],
        direct: 1,
        unsorted: 0,
        nest_every: 0,
        scatter: false,
    });
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    let tray = tray_rect(&t);
    assert!(tray.width() > 200.0 && tray.height() > 100.0);
    assert!(rects(&t).iter().all(|(_, r)| !r.intersects(&tray)));
    assert!(tray.max.x < t.nodes().map(|n| n.pos.x).fold(f32::INFINITY, f32::min));
}

/// The example café (the seed restitution): each table, arranged, suits a 16:9 slide.
#[test]
fn the_seed_tables_fit_a_widescreen_slide() {
    let mut cafe = cafemap::io::file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/world-cafe-cooperation.ron"),
    )
    .unwrap();
    assert_eq!(cafe.counts(), (3, 10, 37));
    arrange_cafe(&mut cafe);
    for (i, t) in cafe.tables.iter().enumerate() {
        let options = SceneOptions::editor(SceneStyle::EDITOR);
        let bounds = cafemap::render::table_scene(&cafe, t, &options).bounds;
        let aspect = bounds.width() / bounds.height();
        assert!(
            (1.2..=2.4).contains(&aspect),
            "table {} is {:.0} × {:.0}",
            i + 1,
            bounds.width(),
            bounds.height()
        );
        assert_eq!(crowded(rects(t), MIN_GAP), None);
        // Legible on a 1080p projector: notes are drawn at least at 12 px.
        let zoom = (1920.0 / bounds.width()).min(1008.0 / bounds.height());
        assert!(
            zoom * 13.0 >= 12.0,
            "table {} would be shrunk to {zoom:.2}",
            i + 1
        );
    }
}

#[test]
fn arranging_a_selection_moves_only_its_branches_and_clears_the_rest() {
    let mut t = build(&Shape {
        themes: vec![
            (12, vec![30, 40, 50, 60]),
            (14, vec![50, 20]),
            (16, vec![80, 90, 10]),
            (18, vec![20, 20]),
        ],
        direct: 1,
        unsorted: 3,
        nest_every: 3,
        scatter: false,
    });
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    // The user drags two notes of the first theme onto the second theme's notes.
    let (first, second) = (t.themes()[0], t.themes()[1]);
    let target = t.node(t.children(second)[0]).unwrap().pos;
    for (k, idea) in t.children(first).into_iter().take(2).enumerate() {
        t.node_mut(idea).unwrap().pos = target + Point::new(k as f32 * 5.0, 0.0);
    }
    let before: HashMap<NodeId, Point> = t.nodes().map(|n| (n.id, n.pos)).collect();
    let moved = arrange_subtrees(&t, &[first]);
    let moved_ids: HashSet<NodeId> = moved.iter().map(|m| m.0).collect();
    assert_eq!(
        moved_ids,
        t.subtree(first).into_iter().collect::<HashSet<_>>()
    );
    apply(&mut t, &moved);
    for n in t.nodes().filter(|n| !moved_ids.contains(&n.id)) {
        assert_eq!(n.pos, before[&n.id], "{} was not selected", n.id);
    }
    assert_eq!(crowded(rects(&t), MIN_GAP), None);
    // Selecting the question means the whole table.
    assert_eq!(arrange_subtrees(&t, &[t.question()]).len(), t.len());
}

#[test]
fn the_outline_lists_every_sorted_node_once_in_reading_order() {
    let mut t = build(&Shape {
        themes: vec![(12, vec![30, 40, 50]), (14, vec![50, 20])],
        direct: 1,
        unsorted: 2,
        nest_every: 2,
        scatter: true,
    });
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    let outline = outline_order(&t);
    let ids: HashSet<NodeId> = outline.iter().map(|o| o.0).collect();
    assert_eq!(ids.len(), outline.len());
    assert_eq!(ids.len(), t.len() - t.unsorted().len());
    assert_eq!(outline[0], (t.question(), 0));
    for (id, depth) in outline {
        assert_eq!(depth, t.depth(id));
    }
}

/// A Freeplane map of `nodes` nodes and six levels (the root and five below it), shaped like a
/// real one: eight main branches growing by random walks from a fixed pseudo-random sequence
/// (some nodes get many children, some none), texts from a word or two to a sentence.
fn deep_map(nodes: usize) -> String {
    const LEVELS: usize = 6;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut depth = vec![0usize];
    let mut parent = vec![usize::MAX];
    let mut kids: Vec<Vec<usize>> = vec![Vec::new()];
    let add =
        |p: usize, depth: &mut Vec<usize>, parent: &mut Vec<usize>, kids: &mut Vec<Vec<usize>>| {
            depth.push(depth[p] + 1);
            parent.push(p);
            kids.push(Vec::new());
            kids[p].push(depth.len() - 1);
        };
    for _ in 0..8 {
        add(0, &mut depth, &mut parent, &mut kids);
    }
    while depth.len() < nodes {
        // Down from a random main branch, stopping now and then: where the next idea goes.
        let mut p = 1 + next(8);
        while depth[p] + 1 < LEVELS && !kids[p].is_empty() && next(3) > 0 {
            p = kids[p][next(kids[p].len())];
        }
        if depth[p] + 1 >= LEVELS {
            p = parent[p];
        }
        add(p, &mut depth, &mut parent, &mut kids);
    }
    let mut xml = String::from("<map version=\"freeplane 1.9.13\">\n");
    // Iterative, writing each node's closing tag after its children.
    let mut stack: Vec<(usize, bool)> = vec![(0, false)];
    while let Some((i, closing)) = stack.pop() {
        if closing {
            xml.push_str("</node>\n");
            continue;
        }
        let words = text(8 + i * 37 % 110, i);
        xml.push_str(&format!(
            "<node TEXT=\"{} {i}\" ID=\"ID_{i}\">\n",
            words.replace('&', "&amp;").replace('"', "&quot;")
        ));
        stack.push((i, true));
        stack.extend(kids[i].iter().rev().map(|&k| (k, false)));
    }
    xml.push_str("</map>\n");
    xml
}

/// The boxes a reader sees: every node but those under a folded one.
fn shown(table: &Table) -> Vec<(NodeId, Rect)> {
    let hidden = |id: NodeId| {
        let mut cur = table.parent(id);
        while let Some(p) = cur {
            if table.node(p).is_some_and(|n| n.folded) {
                return true;
            }
            cur = table.parent(p);
        }
        false
    };
    rects(table)
        .into_iter()
        .filter(|(id, _)| !hidden(*id))
        .collect()
}

/// No overlap, proportions within 1:4 … 4:1, and how much of the map's box the boxes fill.
fn readable(boxes: &[(NodeId, Rect)], what: &str) -> f32 {
    assert_eq!(crowded(boxes.to_vec(), MIN_GAP), None, "{what}");
    let bbox = boxes.iter().fold(Rect::NOTHING, |acc, (_, r)| acc.union(r));
    let aspect = bbox.width() / bbox.height();
    let covered: f32 = boxes.iter().map(|(_, r)| r.width() * r.height()).sum();
    let coverage = covered / (bbox.width() * bbox.height());
    eprintln!(
        "{what}: {} boxes, {:.0} × {:.0}, aspect {aspect:.2}, coverage {:.1} %",
        boxes.len(),
        bbox.width(),
        bbox.height(),
        coverage * 100.0
    );
    assert!(
        (0.25..=4.0).contains(&aspect),
        "{what}: a strip, aspect {aspect:.2}"
    );
    coverage
}

/// Imported deep maps are readable on arrival: Freeplane's own tutorial (1,516 nodes) came in as
/// thin strips tens of thousands of units tall. Now a large import opens with its levels below
/// the third folded; what shows, and the whole map unfolded and arranged, has no two boxes
/// overlapping and a box that is neither a strip nor mostly empty.
#[test]
fn a_deep_imported_map_is_compact_and_overlap_free() {
    let xml = deep_map(1_500);
    let imported = cafemap::io::import::import_bytes(Path::new("deep.mm"), xml.as_bytes()).unwrap();
    let mut t = imported.cafe.tables[0].clone();
    assert_eq!(t.len(), 1_500);
    assert_eq!(
        t.nodes().map(|n| t.depth(n.id)).max(),
        Some(5),
        "six levels"
    );
    let folded: Vec<NodeId> = t.nodes().filter(|n| n.folded).map(|n| n.id).collect();
    assert!(!folded.is_empty(), "a large import opens folded");
    assert!(folded.iter().all(|&id| t.depth(id) == 3));
    let visible = shown(&t);
    assert!(visible.len() < t.len(), "{} shown", visible.len());
    // A folded map shows fewer notes, so its gutters weigh more: 4 % is its floor.
    let coverage = readable(&visible, "folded on arrival");
    assert!(coverage >= 0.04, "mostly empty: {:.1} %", coverage * 100.0);
    // Hidden notes wait beside their folded idea, on its far side from the question.
    for &f in &folded {
        let at = t.node(f).unwrap().pos;
        for id in t.subtree(f).into_iter().skip(1) {
            let p = t.node(id).unwrap().pos;
            assert_eq!(
                p.x > at.x,
                at.x > 0.0,
                "{id} beside its folded ancestor {f}"
            );
        }
    }
    // Everything unfolded and arranged: the tidy trees of all six levels.
    for n in folded {
        t.node_mut(n).unwrap().folded = false;
    }
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    // Boxes cannot fill a tree's box: in a tidy tree each level is a column as tall as the
    // leaves below it, so five levels of mostly leaves fill about a fifth of it, and the grids
    // that wrap tall branches and the ring round the question each leave gutters. This map
    // measures about 7 %; the strips it replaced measured 1 % and less. 6 % catches a layout
    // that spreads out again.
    let coverage = readable(&rects(&t), "unfolded");
    assert!(coverage >= 0.06, "mostly empty: {:.1} %", coverage * 100.0);
}

/// Exports show every note: a folded branch is drawn opened beside its node, clear of the rest,
/// which stays where it was.
#[test]
fn folded_branches_open_clear_of_the_map_for_exports() {
    let mut t = build(&Shape {
        themes: (0..6)
            .map(|k| (12 + k, (0..20).map(|i| (i * 17 + k) % 120).collect()))
            .collect(),
        direct: 0,
        unsorted: 4,
        nest_every: 3,
        scatter: false,
    });
    let themes = t.themes();
    for &th in &themes[..3] {
        t.node_mut(th).unwrap().folded = true;
    }
    let positions = arrange_table(&t);
    apply(&mut t, &positions);
    assert_eq!(crowded(shown(&t), MIN_GAP), None, "what shows is tidy");
    let open = cafemap::layout::unfolded(&t);
    assert_eq!(open.len(), t.len());
    assert!(open.nodes().all(|n| !n.folded));
    assert_eq!(
        crowded(rects(&open), MIN_GAP),
        None,
        "opened, nothing overlaps"
    );
    for (id, _) in shown(&t) {
        assert_eq!(
            open.node(id).unwrap().pos,
            t.node(id).unwrap().pos,
            "{id} stays"
        );
    }
}

/// A deep map's shape (`tests/fixtures/deep/*.shape`: one node a line, its depth, the length
/// of its text and `f` when folded) as a Freeplane file, each node given sticky-note text of
/// its length.
fn map_of_shape(shape: &str) -> String {
    let mut xml = String::from("<map version=\"freeplane 1.9.13\">\n");
    let mut open = 0usize;
    for (i, line) in shape.lines().filter(|l| !l.starts_with('#')).enumerate() {
        let mut fields = line.split_whitespace();
        let depth: usize = fields.next().unwrap().parse().unwrap();
        let len: usize = fields.next().unwrap().parse().unwrap();
        let folded = fields.next() == Some("f");
        while open > depth {
            xml.push_str("</node>\n");
            open -= 1;
        }
        let words = text(len.max(1), i)
            .replace('&', "&amp;")
            .replace('"', "&quot;");
        let fold = if folded { " FOLDED=\"true\"" } else { "" };
        xml.push_str(&format!("<node TEXT=\"{words}\" ID=\"ID_{i}\"{fold}>\n"));
        open += 1;
    }
    for _ in 0..open {
        xml.push_str("</node>\n");
    }
    xml.push_str("</map>\n");
    xml
}

/// The note boxes an SVG export draws: every `<rect>` with a corner radius that is not a
/// shadow (the page's backgrounds have none).
fn svg_boxes(svg: &str) -> Vec<(NodeId, Rect)> {
    let attr = |tag: &str, name: &str| -> Option<f32> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[start..].split('"').next()?.parse().ok()
    };
    svg.split("<rect")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.split("/>").next()?;
            if tag.contains("fill=\"#000000\"") {
                return None;
            }
            attr(tag, "rx")?;
            let (x, y) = (attr(tag, "x")?, attr(tag, "y")?);
            let (w, h) = (attr(tag, "width")?, attr(tag, "height")?);
            Some(Rect {
                min: Point::new(x, y),
                max: Point::new(x + w, y + h),
            })
        })
        .enumerate()
        .map(|(i, r)| (NodeId(i as u64), r))
        .collect()
}

/// Deep maps from other tools, imported then exported as SVG as a user would send them: no two
/// boxes overlap, the map is no strip, and its boxes fill at least 8 % of its box. Three real
/// maps (the shapes of Freeplane's own documentation, texts replaced) and the generated one.
#[test]
fn deep_maps_fill_their_svg_export() {
    use cafemap::io::export::{ExportFormat, ExportOptions, export};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deep");
    let mut maps: Vec<(String, String)> = [
        "freeplane-tutorial",
        "freeplane-tutorial-nl",
        "freeplane-latex",
    ]
    .iter()
    .map(|name| {
        let shape = std::fs::read_to_string(dir.join(format!("{name}.shape"))).unwrap();
        (name.to_string(), map_of_shape(&shape))
    })
    .collect();
    maps.push(("generated-1500".into(), deep_map(1_500)));
    let mut sparse = Vec::new();
    for (name, xml) in maps {
        let imported =
            cafemap::io::import::import_bytes(Path::new("deep.mm"), xml.as_bytes()).unwrap();
        let svg = export(
            &imported.cafe,
            ExportFormat::Svg,
            &ExportOptions {
                table: Some(0),
                ..ExportOptions::default()
            },
        )
        .unwrap();
        let boxes = svg_boxes(&String::from_utf8(svg).unwrap());
        assert_eq!(
            boxes.len(),
            imported.cafe.tables[0].len(),
            "{name}: every node drawn"
        );
        assert_eq!(crowded(boxes.clone(), 0.0), None, "{name}: overlap");
        let coverage = readable(&boxes, &name);
        if coverage < 0.08 {
            sparse.push(format!("{name}: {:.1} %", coverage * 100.0));
        }
    }
    assert!(sparse.is_empty(), "mostly empty: {sparse:?}");
}
