//! Map → scene: every box, wrapped text line, colour and curve of a table, in canvas units.
//!
//! The egui canvas and the SVG export (hence PNG and PDF) both paint this scene, so what the
//! facilitator arranges on screen is what partners get in their export. No egui here.
//!
//! # Text placement (shared contract)
//!
//! Line `i` of a node occupies the band `rect.min.y + padding_y + i * line_height` of height
//! `line_height`. The glyph row (ascent + descent of the font at `font_size`) sits centred in that
//! band; [`NodeVisual::row_top`] is its top — where egui places a one-row galley — and
//! [`NodeVisual::baseline`] is `row_top + ascent`, where SVG puts `<text y=…>`. Horizontally,
//! [`NodeVisual::text_x`] is the left edge of every line, or, when `centered`, the centre line
//! each line is centred on (SVG: `text-anchor="middle"`).

mod color;
mod edge;
mod marks;
mod reference;

pub use color::{
    Branches, INK, LINK, QUESTION_FILL, UNSORTED_BORDER, UNSORTED_PAPER, branch_color, edge_color,
    text_on, theme_color,
};
pub use edge::{DASH, EdgeVisual, edge_visuals, link_edge, tree_edge};
pub use marks::{
    DEFAULT_DOT_COLORS, DOT_SIZE, DotMark, MAX_DOTS_DRAWN, Marks, Sticker, StickerRole, dot_color,
};
pub use reference::{shown_cafe, shown_table, shown_texts};

use crate::geom::{Point, Rect};
use crate::model::{Cafe, Node, NodeId, NodeKind, Rgb, Table};
use crate::text::{self, NodeStyle, TextBlock, layout_node_text};
use std::collections::HashMap;

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
    /// Top of the glyph row of line `i`: where egui places a one-row galley.
    pub fn row_top(&self, i: usize) -> f32 {
        let glyphs =
            text::ascent(self.font_size, self.bold) + text::descent(self.font_size, self.bold);
        self.rect.min.y
            + self.padding_y
            + i as f32 * self.line_height
            + (self.line_height - glyphs) / 2.0
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
}

/// A node's look, from its text already wrapped (the canvas caches `TextBlock`s per node),
/// without the café around it: dots in the default colours, a reference shows its own text.
pub fn node_visual(table: &Table, node: &Node, text: &TextBlock) -> NodeVisual {
    visual(None, table, node, text)
}

/// A node's look in its café: a reference (`refers_to`) shows its original's votes, tags and
/// table (`text` must be wrapped from [`shown_text`]), dots take the café's kind colours, an
/// idea from another table shows that table's number.
pub fn node_visual_in(cafe: &Cafe, table: &Table, node: &Node, text: &TextBlock) -> NodeVisual {
    visual(Some(cafe), table, node, text)
}

/// The text a node shows: a reference's original's, else its own.
pub fn shown_text<'a>(cafe: &'a Cafe, node: &'a Node) -> &'a str {
    // Only a reference looks elsewhere (a lookup over every table).
    node.refers_to
        .and_then(|o| cafe.node(o))
        .map_or(node.text.as_str(), |shown| shown.text.as_str())
}

fn visual(cafe: Option<&Cafe>, table: &Table, node: &Node, text: &TextBlock) -> NodeVisual {
    let colors = color::node_colors(table, node.id, node.kind);
    visual_colored(cafe, table, node, text, colors)
}

fn visual_colored(
    cafe: Option<&Cafe>,
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

/// A node's look, wrapping its text here. `None` if the table has no such node.
pub fn node_visual_auto(table: &Table, id: NodeId) -> Option<NodeVisual> {
    let node = table.node(id)?;
    Some(node_visual(
        table,
        node,
        &layout_node_text(node.kind, &node.text),
    ))
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

/// The scene of a table in the editor's look (without its café: see [`table_scene_in`]).
pub fn table_scene(table: &Table) -> Scene {
    table_scene_styled(table, &SceneStyle::EDITOR)
}

/// The scene of a table in a given look (without its café: see [`table_scene_in`]).
pub fn table_scene_styled(table: &Table, style: &SceneStyle) -> Scene {
    scene(None, table, style, paint_order(table), true)
}

/// The scene of a table as slides show it: the map under the question only, without the
/// Unsorted tray and its notes (nor links to them), bounds fitted to that map.
pub fn presented_scene(table: &Table, style: &SceneStyle) -> Scene {
    scene(None, table, style, table.subtree(table.question()), false)
}

/// The scene of table `index` of a café, with what only the café knows: the dot kinds'
/// colours, references showing their originals, the numbers of the tables ideas came from.
pub fn table_scene_in(cafe: &Cafe, index: usize, style: &SceneStyle) -> Option<Scene> {
    let table = cafe.tables.get(index)?;
    Some(scene(Some(cafe), table, style, paint_order(table), true))
}

/// [`presented_scene`] of a table laid out apart from its café (an export's copy with its folds
/// opened), with the café's context (see [`table_scene_in`]).
pub fn presented_scene_with(cafe: &Cafe, table: &Table, style: &SceneStyle) -> Scene {
    scene(
        Some(cafe),
        table,
        style,
        table.subtree(table.question()),
        false,
    )
}

/// [`presented_scene`] of table `index` of a café (see [`table_scene_in`]).
pub fn presented_scene_in(cafe: &Cafe, index: usize, style: &SceneStyle) -> Option<Scene> {
    let table = cafe.tables.get(index)?;
    let order = table.subtree(table.question());
    Some(scene(Some(cafe), table, style, order, false))
}

fn scene(
    cafe: Option<&Cafe>,
    table: &Table,
    style: &SceneStyle,
    order: Vec<NodeId>,
    with_tray: bool,
) -> Scene {
    // Colours for the whole table at once (see `Branches`).
    let branches = color::Branches::of(table);
    let nodes: Vec<NodeVisual> = order
        .into_iter()
        .filter_map(|id| {
            let node = table.node(id)?;
            let colors = color::node_colors_in(&branches, table, id, node.kind);
            let text = cafe.map_or(node.text.as_str(), |cafe| shown_text(cafe, node));
            let block = layout_node_text(node.kind, text);
            Some(visual_colored(cafe, table, node, &block, colors))
        })
        .collect();
    let rects: HashMap<NodeId, Rect> = nodes.iter().map(|n| (n.id, n.rect)).collect();
    let edges = edge_visuals(table, style, |id| rects.get(&id).copied());
    let tray = (with_tray && !table.unsorted().is_empty()).then(|| crate::layout::tray_rect(table));
    let mut bounds = Rect::NOTHING;
    for n in &nodes {
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
    for e in &edges {
        for p in e.points {
            bounds = bounds.union(&Rect { min: p, max: p });
        }
    }
    if let Some(t) = tray {
        bounds = bounds.union(&t);
    }
    Scene {
        background: style.background,
        edges,
        nodes,
        tray,
        bounds: bounds.expand(SCENE_MARGIN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cafe, CafeInfo, NoteColor, Paper};

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
        let v = node_visual_auto(&t, t.question()).unwrap();
        assert_eq!(
            (v.fill, v.text_color, v.bold, v.centered),
            (QUESTION_FILL, color::WHITE, true, true)
        );
        assert!(v.lines.len() >= 2, "a long question wraps: {:?}", v.lines);
    }

    #[test]
    fn ideas_are_pale_paper_of_their_theme_colour() {
        let (t, th, idea, loose) = table();
        let theme = node_visual_auto(&t, th).unwrap();
        let note = node_visual_auto(&t, idea).unwrap();
        assert_eq!(theme.fill, Paper::nth(0).rgb());
        assert_eq!(note.fill, Paper::nth(0).rgb().tint(color::IDEA_TINT));
        assert_eq!(note.text_color, INK);
        assert!(!note.centered && note.shadow);
        assert_eq!(node_visual_auto(&t, loose).unwrap().fill, UNSORTED_PAPER);
    }

    #[test]
    fn own_colours_win_and_flow_down_the_branch() {
        let (mut t, th, idea, _) = table();
        t.node_mut(th).unwrap().color = Some(NoteColor::Palette(Paper::Blue));
        assert_eq!(node_visual_auto(&t, th).unwrap().text_color, color::WHITE);
        assert_eq!(
            node_visual_auto(&t, idea).unwrap().fill,
            Paper::Blue.rgb().tint(color::IDEA_TINT)
        );
    }

    #[test]
    fn scene_paints_edges_then_question_themes_ideas_and_bounds_everything() {
        let (t, th, idea, loose) = table();
        let s = table_scene(&t);
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
    fn baselines_step_by_line_height_inside_the_box() {
        let (t, ..) = table();
        let v = node_visual_auto(&t, t.question()).unwrap();
        assert!((v.baseline(1) - v.baseline(0) - v.line_height).abs() < 1e-4);
        assert!(v.row_top(0) > v.rect.min.y + v.padding_y);
        let last = v.lines.len() - 1;
        assert!(
            v.baseline(last) + text::descent(v.font_size, true)
                <= v.rect.max.y - v.padding_y + 0.01
        );
    }
}
