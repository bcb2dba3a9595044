//! Map → scene: every box, wrapped text line, colour and curve of a table, in canvas units.
//!
//! The egui canvas and the SVG export (hence PNG and PDF) both paint this scene, so what the
//! facilitator arranges on screen is what partners get in their export. No egui here.
//!
//! # Text placement (shared contract)
//!
//! Line `i` of a node occupies the band `text_top + i * line_height` of height `line_height`,
//! where [`NodeVisual::text_top`] is `rect.min.y + padding_y`, lowered to centre the lines in a
//! box taller than they are. The glyph row (ascent + descent of the font at `font_size`) sits centred in that
//! band; [`NodeVisual::row_top`] is its top — where egui places a one-row galley — and
//! [`NodeVisual::baseline`] is `row_top + ascent`, where SVG puts `<text y=…>`. Horizontally,
//! [`NodeVisual::text_x`] is the left edge of every line, or, when `centered`, the centre line
//! each line is centred on (SVG: `text-anchor="middle"`).

mod color;
mod edge;
mod marks;
mod reference;

pub use color::NodeColors;
pub use color::{
    Branches, INK, LINK, QUESTION_FILL, UNSORTED_BORDER, UNSORTED_PAPER, branch_color, edge_color,
    text_on, theme_color,
};
pub use edge::{DASH, EdgeVisual, edge_visuals, link_edge};
pub use marks::{
    DEFAULT_DOT_COLORS, DOT_SIZE, DotMark, MAX_DOTS_DRAWN, Marks, Sticker, StickerRole, dot_color,
    legend_chip,
};
pub use reference::{shown_cafe, shown_in};

use crate::geom::{Point, Rect, Size};
use crate::model::{Cafe, Node, NodeId, NodeKind, Rgb, Table};
use crate::text::{self, NodeStyle, TextBlock, layout_node_text};
use std::collections::{HashMap, HashSet};

/// Offset and opacity of the soft shadow under nodes with `shadow` (a translucent copy of the
/// box, shifted down-right), so every painter draws the same one.
pub const SHADOW_OFFSET: Point = Point::new(2.0, 3.0);
pub const SHADOW_ALPHA: f32 = 0.16;

/// Margin around a table's content in [`Scene::bounds`], so exports do not crop shadows.
pub const SCENE_MARGIN: f32 = 40.0;

/// The two looks of a map: editing on a laptop, presenting on a projector.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneStyle {
    pub background: Rgb,
    /// Multiplies edge widths: projectors wash thin lines out.
    pub edge_width_factor: f32,
}

impl SceneStyle {
    /// Light warm-grey desk, easy on the eyes for long editing sessions.
    pub const EDITOR: SceneStyle = SceneStyle {
        background: Rgb(0xF4, 0xF1, 0xEC),
        edge_width_factor: 1.0,
    };
    /// White background and thicker edges for a room.
    pub const PROJECTOR: SceneStyle = SceneStyle {
        background: Rgb(0xFF, 0xFF, 0xFF),
        edge_width_factor: 1.5,
    };
}

impl Default for SceneStyle {
    fn default() -> Self {
        SceneStyle::EDITOR
    }
}

/// One node, ready to paint.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeVisual {
    pub id: NodeId,
    pub kind: NodeKind,
    pub rect: Rect,
    pub fill: Rgb,
    pub border: Rgb,
    pub border_width: f32,
    pub text_color: Rgb,
    pub font_size: f32,
    pub bold: bool,
    /// The wrapped lines, exactly as every painter must break them.
    pub lines: Vec<String>,
    pub line_height: f32,
    pub padding_x: f32,
    pub padding_y: f32,
    pub corner_radius: f32,
    /// Draw the soft shadow ([`SHADOW_OFFSET`], [`SHADOW_ALPHA`]) under the box.
    pub shadow: bool,
    /// Lines are centred (question, themes) rather than left-aligned (sticky notes).
    pub centered: bool,
    /// Dots, tags and origin, drawn as [`Sticker`]s around the box ([`Self::stickers`]).
    pub marks: Marks,
}

impl NodeVisual {
    /// Top of the first line's band. A box taller than its lines (a sticky note keeps a paper
    /// shape, see [`crate::text::layout_node_text`]) holds them centred, not with an empty
    /// line's worth of paper below.
    pub fn text_top(&self) -> f32 {
        let lines = self.lines.len().max(1) as f32 * self.line_height;
        let spare = self.rect.height() - 2.0 * self.padding_y - lines;
        self.rect.min.y + self.padding_y + (spare / 2.0).max(0.0)
    }

    /// Top of the glyph row of line `i`: where egui places a one-row galley.
    pub fn row_top(&self, i: usize) -> f32 {
        let glyphs =
            text::ascent(self.font_size, self.bold) + text::descent(self.font_size, self.bold);
        self.text_top() + i as f32 * self.line_height + (self.line_height - glyphs) / 2.0
    }

    /// Baseline of line `i`: where SVG puts the text's `y`.
    pub fn baseline(&self, i: usize) -> f32 {
        self.row_top(i) + text::ascent(self.font_size, self.bold)
    }

    /// Left edge of the lines, or their centre line when `centered`.
    pub fn text_x(&self) -> f32 {
        if self.centered {
            self.rect.center().x
        } else {
            self.rect.min.x + self.padding_x
        }
    }

    /// The lines that show something, each with its index (for [`Self::baseline`]) and the
    /// left end of its glyphs (centred lines are measured here), for painters that place each
    /// line by its left end (PNG, PDF).
    pub fn placed_lines(&self) -> impl Iterator<Item = (usize, &str, f32)> {
        let x = self.text_x();
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(move |(i, line)| {
                let left = if self.centered {
                    x - text::measure(line, self.font_size, self.bold) / 2.0
                } else {
                    x
                };
                (i, line.as_str(), left)
            })
    }

    /// The node's text as one string with line breaks where the painter breaks it (AccessKit
    /// labels and tests want the words, not the layout).
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The dots, chips and badge around the box where it is now, in paint order (after the box).
    pub fn stickers(&self) -> Vec<Sticker> {
        if self.marks.is_empty() {
            return Vec::new();
        }
        // Sized with the type: the presentation draws notes in larger type than the editor.
        let scale = self.font_size / NodeStyle::of(self.kind).font_size;
        self.marks.stickers(self.rect, scale)
    }
}

/// Everything a painter needs for one table, in paint order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub background: Rgb,
    /// Painted first, under the nodes.
    pub edges: Vec<EdgeVisual>,
    /// Question, then themes, then ideas (parents before their nested ideas), then unsorted ones.
    pub nodes: Vec<NodeVisual>,
    /// The region holding unsorted ideas, when there are any (painted under everything).
    pub tray: Option<Rect>,
    /// Everything above plus [`SCENE_MARGIN`]: the area an export shows.
    pub bounds: Rect,
    /// The nodes a folded ancestor hides ([`Folds::Honoured`]): not painted.
    pub hidden: HashSet<NodeId>,
}

/// A node's look in its café, from its text already wrapped (`text` wrapped from
/// [`Cafe::shown_text`]): a reference (`refers_to`) shows its original's votes, tags and table, dots
/// take the café's kind colours, an idea from another table shows that table's number. The
/// one look every painter starts from (the presentation resizes it onto its boards).
pub fn node_visual_in(cafe: &Cafe, table: &Table, node: &Node, text: &TextBlock) -> NodeVisual {
    let colors = color::node_colors(table, node.id, node.kind);
    visual_colored(cafe, table, node, text, colors)
}

/// [`node_visual_in`] with the node's colours already worked out (a scene works out a table's
/// colours at once: see [`Branches`]).
fn visual_colored(
    cafe: &Cafe,
    table: &Table,
    node: &Node,
    text: &TextBlock,
    colors: color::NodeColors,
) -> NodeVisual {
    let style = NodeStyle::of(node.kind);
    NodeVisual {
        id: node.id,
        kind: node.kind,
        rect: Rect::from_center_size(node.pos, text.size),
        fill: colors.fill,
        border: colors.border,
        border_width: match node.kind {
            NodeKind::Question => 2.0,
            NodeKind::Theme => 1.5,
            NodeKind::Idea => 1.0,
        },
        text_color: colors.text,
        font_size: style.font_size,
        bold: style.bold,
        lines: text.lines.clone(),
        line_height: style.line_height(),
        padding_x: style.padding_x,
        padding_y: style.padding_y,
        corner_radius: style.corner_radius,
        shadow: node.kind != NodeKind::Theme,
        centered: node.kind != NodeKind::Idea,
        marks: Marks::of(cafe, table, node),
    }
}

/// Fill, border and text colours of node `id` as every painter draws it (what interchange
/// exports write as the node's colour). `None` if the table has no such node.
pub fn node_colors(table: &Table, id: NodeId) -> Option<NodeColors> {
    let node = table.node(id)?;
    Some(color::node_colors(table, id, node.kind))
}

/// The nodes of a table in paint order: question, themes, ideas under the question breadth-first
/// (so a nested idea is painted over its parent's edge, never under its parent), unsorted ideas.
pub fn paint_order(table: &Table) -> Vec<NodeId> {
    let mut out = table.subtree(table.question());
    // `subtree` is breadth-first, so themes already come right after the question.
    for idea in table.unsorted() {
        out.extend(table.subtree(idea));
    }
    out
}

/// What folded branches do in a scene.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folds {
    /// What a fold hides is left out (the editor).
    Honoured,
    /// Every fold is opened and each opened branch arranged beside its node
    /// ([`crate::layout::unfolded`]): pictures show every note.
    Opened,
}

/// What differs between the places a table is painted; everything else is the same scene.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneOptions {
    pub style: SceneStyle,
    /// The Unsorted tray and its notes (the editor), or the map under the question only
    /// (exports, the report, the HTML map), with bounds fitted to that map.
    pub tray: bool,
    pub folds: Folds,
}

impl SceneOptions {
    /// The canvas: the tray in, folds honoured.
    pub const fn editor(style: SceneStyle) -> SceneOptions {
        SceneOptions {
            style,
            tray: true,
            folds: Folds::Honoured,
        }
    }

    /// A picture for partners (SVG, PNG, PDF, the report's figures, the HTML map): the map
    /// under the question, every fold opened, in the projector look.
    pub const PICTURE: SceneOptions = SceneOptions {
        style: SceneStyle::PROJECTOR,
        tray: false,
        folds: Folds::Opened,
    };
}

/// Wrapped texts kept between builds of one table's scene (the canvas rebuilds its scene at
/// every change; wrapping 10,000 notes each time would eat the frame budget). A block is reused
/// while its node's shown text and kind stay the same.
#[derive(Default)]
pub struct Wraps {
    /// The question of the table these blocks are of.
    table: Option<NodeId>,
    blocks: HashMap<NodeId, (String, NodeKind, TextBlock)>,
}

impl Wraps {
    /// Forgets the blocks of another table or of nodes gone from this one.
    fn keep_to(&mut self, table: &Table) {
        if self.table != Some(table.question()) {
            self.blocks.clear();
            self.table = Some(table.question());
        }
        self.blocks.retain(|id, _| table.contains(*id));
    }

    fn block(&mut self, kind: NodeKind, id: NodeId, text: &str) -> &TextBlock {
        let wrap = || (text.to_owned(), kind, layout_node_text(kind, text));
        let entry = self.blocks.entry(id).or_insert_with(wrap);
        if entry.0 != text || entry.1 != kind {
            *entry = wrap();
        }
        &entry.2
    }

    /// The box size of a node wrapped here (zero for one that was not).
    pub fn size(&self, id: NodeId) -> Size {
        self.blocks.get(&id).map(|b| b.2.size).unwrap_or_default()
    }

    /// The tray's region ([`crate::layout::tray_rect_sized`]) from the boxes wrapped here, a
    /// note a fold hides counting as its centre only: the same whatever was wrapped before it
    /// was folded.
    pub fn tray(&self, table: &Table, hidden: &HashSet<NodeId>) -> Rect {
        crate::layout::tray_rect_sized(table, |id| {
            if hidden.contains(&id) {
                Size::default()
            } else {
                self.size(id)
            }
        })
    }
}

/// The scene of a table of `cafe` (or of a copy of one, such as an export's): every painter's
/// one source. The café gives dots their kind's colour, references their original as it reads
/// now ([`Cafe::shown_text`]) and ideas from other tables their table's number.
pub fn table_scene(cafe: &Cafe, table: &Table, options: &SceneOptions) -> Scene {
    table_scene_cached(cafe, table, options, &mut Wraps::default())
}

/// [`table_scene`], reusing and filling `wraps` (the canvas keeps one between frames).
pub fn table_scene_cached(
    cafe: &Cafe,
    table: &Table,
    options: &SceneOptions,
    wraps: &mut Wraps,
) -> Scene {
    let opened;
    let (table, hidden) = match options.folds {
        Folds::Honoured => (table, crate::edit::fold::hidden(table)),
        Folds::Opened => {
            opened = crate::layout::unfolded(table);
            (&*opened, HashSet::new())
        }
    };
    wraps.keep_to(table);
    let order = if options.tray {
        paint_order(table)
    } else {
        table.subtree(table.question())
    };
    // Colours for the whole table at once (see `Branches`).
    let branches = color::Branches::of(table);
    let nodes: Vec<NodeVisual> = order
        .into_iter()
        .filter(|id| !hidden.contains(id))
        .filter_map(|id| {
            let node = table.node(id)?;
            let colors = color::node_colors_in(&branches, table, id, node.kind);
            let block = wraps.block(node.kind, id, &cafe.shown_text(node));
            Some(visual_colored(cafe, table, node, block, colors))
        })
        .collect();
    let rects: HashMap<NodeId, Rect> = nodes.iter().map(|n| (n.id, n.rect)).collect();
    let edges = edge::edge_visuals_in(table, &branches, &options.style, |id| {
        rects.get(&id).copied()
    });
    let tray = (options.tray && !table.unsorted().is_empty()).then(|| wraps.tray(table, &hidden));
    Scene {
        background: options.style.background,
        bounds: scene_bounds(&nodes, &edges, tray),
        edges,
        nodes,
        tray,
        hidden,
    }
}

/// What a scene's bounds hold: boxes with their shadows and stickers, curves and the tray,
/// with [`SCENE_MARGIN`] around.
fn scene_bounds(nodes: &[NodeVisual], edges: &[EdgeVisual], tray: Option<Rect>) -> Rect {
    let mut bounds = Rect::NOTHING;
    for n in nodes {
        bounds =
            bounds.union(
                &n.rect
                    .translate(if n.shadow { SHADOW_OFFSET } else { Point::ZERO }),
            );
        bounds = bounds.union(&n.rect);
        for s in n.stickers() {
            bounds = bounds.union(&s.rect);
        }
    }
    for e in edges {
        for p in e.points {
            bounds = bounds.union(&Rect { min: p, max: p });
        }
    }
    if let Some(t) = tray {
        bounds = bounds.union(&t);
    }
    bounds.expand(SCENE_MARGIN)
}

/// Brings the editor scene of `table` (`nodes`, `index`, `edges`, as [`table_scene_cached`]
/// built them with [`SceneOptions::editor`] and `wraps`) up to date when only the own fields
/// of the ideas in `changed` (text, place, dots, tags, origin) differ from what it was built
/// from; returns the new bounds and tray. A live session's change to one note then redraws that
/// note and its curves, not the table. The caller vouches for the rest being as it was: the
/// same nodes with the same parents and links, the same colours and folds, no reference in the
/// table, the same tables and dot kinds in the café; an idea's colour then comes only from its
/// branch, which did not change. Gives what a full build gives (`SceneCache`'s tests).
#[allow(clippy::too_many_arguments)]
pub fn patch_ideas(
    cafe: &Cafe,
    table: &Table,
    wraps: &mut Wraps,
    nodes: &mut [NodeVisual],
    index: &HashMap<NodeId, usize>,
    edges: &mut [EdgeVisual],
    hidden: &HashSet<NodeId>,
    changed: &HashSet<NodeId>,
) -> (Rect, Option<Rect>) {
    for &id in changed {
        // A node a fold hides has no visual (nor a wrapped block) to update.
        let (Some(node), Some(&i)) = (table.node(id), index.get(&id)) else {
            continue;
        };
        let Some(old) = nodes.get(i) else { continue };
        let colors = NodeColors {
            fill: old.fill,
            border: old.border,
            text: old.text_color,
        };
        let block = wraps.block(node.kind, id, &cafe.shown_text(node));
        let visual = visual_colored(cafe, table, node, block, colors);
        nodes[i] = visual;
    }
    let rect_of = |id: NodeId| index.get(&id).and_then(|&i| nodes.get(i)).map(|n| n.rect);
    for e in edges.iter_mut() {
        if changed.contains(&e.from) || changed.contains(&e.to) {
            edge::reshape(e, table, &rect_of);
        }
    }
    let tray = (!table.unsorted().is_empty()).then(|| wraps.tray(table, hidden));
    (scene_bounds(nodes, edges, tray), tray)
}

/// What the scene agreement tests share (`ui/canvas/cache.rs`, `ui/present/deck.rs`; the
/// exports' side is `tests/scene_agreement.rs`).
#[cfg(test)]
pub(crate) mod agreement {
    use super::*;
    use crate::model::{DotKind, Votes};

    /// The bundled example café, as its file holds it.
    pub fn example() -> Cafe {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/world-cafe-cooperation.ron");
        crate::io::file::load(&path).expect("the example loads")
    }

    /// Points along a drawn edge, its two ends left out.
    fn along(e: &EdgeVisual) -> Vec<Point> {
        let points = crate::layout::curve::polyline(&e.points, 40);
        points[1..points.len() - 1].to_vec()
    }

    /// Whether node `id` of table `ti`, as the editor draws it, reads as what it is: its box on
    /// no other box, its edge behind no note but its parent, no other edge across it (an edge
    /// that runs behind a note reads as that note's).
    pub fn drawn_clear(cafe: &Cafe, ti: usize, id: NodeId) -> Result<(), String> {
        let t = &cafe.tables[ti];
        let scene = table_scene(cafe, t, &SceneOptions::editor(SceneStyle::EDITOR));
        let boxes: HashMap<NodeId, Rect> = scene.nodes.iter().map(|n| (n.id, n.rect)).collect();
        let text = |n: NodeId| t.node(n).map_or(String::new(), |n| format!("{:?}", n.text));
        let new = boxes[&id];
        if let Some((other, _)) = boxes.iter().find(|(o, r)| **o != id && r.intersects(&new)) {
            return Err(format!("{} lies on {}", text(id), text(*other)));
        }
        let parent = t.parent(id);
        for e in scene.edges.iter().filter(|e| !e.dashed) {
            for p in along(e) {
                if e.to == id {
                    let behind = boxes.iter().find(|(n, r)| {
                        Some(**n) != parent && **n != id && r.expand(-2.0).contains(p)
                    });
                    if let Some((n, _)) = behind {
                        return Err(format!("the edge to {} runs behind {}", text(id), text(*n)));
                    }
                } else if e.from != id && new.expand(-2.0).contains(p) {
                    return Err(format!("{} lies on the edge to {}", text(id), text(e.to)));
                }
            }
        }
        Ok(())
    }

    /// The example café with two dot kinds, dots of both on three notes of table 1, round 2 on
    /// two of them, and one written at table 2 ("T2 · R2").
    pub fn harvested_example() -> Cafe {
        let mut cafe = example();
        cafe.dot_kinds = vec![
            DotKind {
                name: "priorité".into(),
                color: Rgb(0xE0, 0x45, 0x7B),
            },
            DotKind {
                name: "faisable".into(),
                color: Rgb(0x2E, 0x9D, 0x5B),
            },
        ];
        let elsewhere = cafe.tables[1].question();
        let t = &mut cafe.tables[0];
        let ideas: Vec<NodeId> = t
            .nodes()
            .filter(|n| n.kind == NodeKind::Idea)
            .map(|n| n.id)
            .take(3)
            .collect();
        for (k, (&id, counts)) in ideas.iter().zip([[3, 2], [1, 0], [0, 4]]).enumerate() {
            let n = t.node_mut(id).expect("an idea");
            n.votes = Votes::from_counts(&counts);
            if k < 2 {
                n.origin.round = Some(2);
            }
            if k == 1 {
                n.origin.table = Some(elsewhere);
            }
        }
        cafe
    }

    /// A node's colours and its stickers' roles, colours and words: what must agree wherever
    /// it is painted (sizes and places may differ).
    pub type Look = (NodeId, Rgb, Rgb, Rgb, Vec<(StickerRole, Rgb, String)>);

    pub fn look(n: &NodeVisual) -> Look {
        let stickers = n
            .stickers()
            .into_iter()
            .map(|s| (s.role, s.fill, s.text))
            .collect();
        (n.id, n.fill, n.border, n.text_color, stickers)
    }

    /// Checks that `painted` looks as the picture scene of table `ti` paints the same nodes,
    /// that there are dots of both kinds and an origin badge, and no "T?".
    pub fn agrees_with_picture(cafe: &Cafe, ti: usize, painted: &[NodeVisual]) {
        let scene = table_scene(cafe, &cafe.tables[ti], &SceneOptions::PICTURE);
        let want: Vec<Look> = scene.nodes.iter().map(look).collect();
        let got: Vec<Look> = painted.iter().map(look).collect();
        let ids: HashSet<NodeId> = want.iter().map(|l| l.0).collect();
        let shared: Vec<&Look> = got.iter().filter(|l| ids.contains(&l.0)).collect();
        assert_eq!(
            shared.len(),
            want.len(),
            "every note of the picture is painted"
        );
        for l in &shared {
            let w = want.iter().find(|w| w.0 == l.0).expect("shared");
            assert_eq!(*l, w, "node {:?} looks the same", l.0);
        }
        let stickers: Vec<&(StickerRole, Rgb, String)> = got.iter().flat_map(|l| &l.4).collect();
        assert!(stickers.iter().all(|s| !s.2.contains("T?")));
        for (role, color) in [
            (StickerRole::Dot(0), Rgb(0xE0, 0x45, 0x7B)),
            (StickerRole::Dot(1), Rgb(0x2E, 0x9D, 0x5B)),
        ] {
            assert!(
                stickers.iter().any(|s| s.0 == role && s.1 == color),
                "{role:?}"
            );
        }
        assert!(stickers.iter().any(|s| s.2 == "T2 · R2"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cafe, CafeInfo, NoteColor, Paper};

    /// A node's look in the café holding `t` as its only table.
    fn look(t: &Table, id: NodeId) -> Option<NodeVisual> {
        let mut cafe = Cafe::new(CafeInfo::default());
        cafe.tables.push(t.clone());
        let node = t.node(id)?;
        let block = layout_node_text(node.kind, &cafe.shown_text(node));
        Some(node_visual_in(&cafe, t, node, &block))
    }

    fn table() -> (Table, NodeId, NodeId, NodeId) {
        let cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Comment faire perdurer les relations ?");
        let (th, idea, loose) = (cafe.alloc_id(), cafe.alloc_id(), cafe.alloc_id());
        let q = t.question();
        t.insert(
            Node::new(th, NodeKind::Theme, "Maintien du lien").at(Point::new(300.0, 0.0)),
            Some(q),
        )
        .unwrap();
        t.insert(
            Node::new(idea, NodeKind::Idea, "Faire venir les partenaires")
                .at(Point::new(550.0, 0.0)),
            Some(th),
        )
        .unwrap();
        t.insert(
            Node::new(loose, NodeKind::Idea, "Pas encore classée").at(Point::new(-600.0, 0.0)),
            None,
        )
        .unwrap();
        (t, th, idea, loose)
    }

    #[test]
    fn question_is_navy_with_white_bold_centred_text() {
        let (t, ..) = table();
        let v = look(&t, t.question()).unwrap();
        assert_eq!(
            (v.fill, v.text_color, v.bold, v.centered),
            (QUESTION_FILL, color::WHITE, true, true)
        );
        assert!(v.lines.len() >= 2, "a long question wraps: {:?}", v.lines);
    }

    #[test]
    fn ideas_are_pale_paper_of_their_theme_colour() {
        let (t, th, idea, loose) = table();
        let theme = look(&t, th).unwrap();
        let note = look(&t, idea).unwrap();
        assert_eq!(theme.fill, Paper::nth(0).rgb());
        assert_eq!(note.fill, Paper::nth(0).rgb().tint(color::IDEA_TINT));
        assert_eq!(note.text_color, INK);
        assert!(!note.centered && note.shadow);
        assert_eq!(look(&t, loose).unwrap().fill, UNSORTED_PAPER);
    }

    #[test]
    fn own_colours_win_and_flow_down_the_branch() {
        let (mut t, th, idea, _) = table();
        t.node_mut(th).unwrap().color = Some(NoteColor::Palette(Paper::Blue));
        assert_eq!(look(&t, th).unwrap().text_color, color::WHITE);
        assert_eq!(
            look(&t, idea).unwrap().fill,
            Paper::Blue.rgb().tint(color::IDEA_TINT)
        );
    }

    #[test]
    fn scene_paints_edges_then_question_themes_ideas_and_bounds_everything() {
        let (t, th, idea, loose) = table();
        let mut cafe = Cafe::new(CafeInfo::default());
        cafe.tables.push(t.clone());
        let s = table_scene(&cafe, &t, &SceneOptions::editor(SceneStyle::EDITOR));
        let order: Vec<NodeId> = s.nodes.iter().map(|n| n.id).collect();
        assert_eq!(order, vec![t.question(), th, idea, loose]);
        assert_eq!(s.edges.len(), 2);
        assert!(
            s.edges[0].width > s.edges[1].width,
            "question→theme is thicker than theme→idea"
        );
        assert!(s.tray.is_some());
        for n in &s.nodes {
            assert_eq!(s.bounds.union(&n.rect), s.bounds);
        }
    }

    #[test]
    fn a_sticky_note_taller_than_its_text_holds_it_centred() {
        let (t, _, idea, _) = table();
        let v = look(&t, idea).unwrap();
        let glyphs = text::ascent(v.font_size, false) + text::descent(v.font_size, false);
        let last = v.lines.len() - 1;
        let above = v.row_top(0) - v.rect.min.y;
        let below = v.rect.max.y - (v.row_top(last) + glyphs);
        assert!(
            v.rect.height() > v.lines.len() as f32 * v.line_height + 2.0 * v.padding_y + 5.0,
            "the paper shape leaves room: {v:?}"
        );
        assert!(
            (above - below).abs() < 1.0,
            "{above} of paper above the text, {below} below"
        );
    }

    #[test]
    fn baselines_step_by_line_height_inside_the_box() {
        let (t, ..) = table();
        let v = look(&t, t.question()).unwrap();
        assert!((v.baseline(1) - v.baseline(0) - v.line_height).abs() < 1e-4);
        assert!(v.row_top(0) > v.rect.min.y + v.padding_y);
        let last = v.lines.len() - 1;
        assert!(
            v.baseline(last) + text::descent(v.font_size, true)
                <= v.rect.max.y - v.padding_y + 0.01
        );
    }
}
