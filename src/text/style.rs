//! How big each kind of node is drawn: font, wrap width, padding. Shared by the canvas, the
//! layout (which must know sizes to avoid overlaps) and the exports.

use super::wrap;
use crate::geom::Size;
use crate::model::NodeKind;

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.3;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeStyle {
    pub font_size: f32,
    pub bold: bool,
    /// Widest a line of text may be before it wraps.
    pub max_text_width: f32,
    /// Narrowest a node is drawn (sticky notes look like notes, not labels).
    pub min_width: f32,
    pub padding_x: f32,
    pub padding_y: f32,
    pub corner_radius: f32,
}

impl NodeStyle {
    pub const fn of(kind: NodeKind) -> NodeStyle {
        match kind {
            NodeKind::Question => NodeStyle {
                font_size: 22.0,
                bold: true,
                max_text_width: 340.0,
                min_width: 200.0,
                padding_x: 22.0,
                padding_y: 18.0,
                corner_radius: 14.0,
            },
            NodeKind::Theme => NodeStyle {
                font_size: 17.0,
                bold: true,
                max_text_width: 220.0,
                min_width: 110.0,
                padding_x: 16.0,
                padding_y: 10.0,
                corner_radius: 20.0,
            },
            NodeKind::Idea => NodeStyle {
                font_size: 14.0,
                bold: false,
                max_text_width: 160.0,
                min_width: 160.0,
                padding_x: 10.0,
                padding_y: 10.0,
                corner_radius: 3.0,
            },
        }
    }

    pub fn line_height(&self) -> f32 {
        self.font_size * LINE_HEIGHT
    }
}

/// A node's wrapped text and the box that holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub lines: Vec<String>,
    pub size: Size,
}

/// Wraps a node's text and sizes its box. An empty note keeps the height of one line.
pub fn layout_node_text(kind: NodeKind, text: &str) -> TextBlock {
    let style = NodeStyle::of(kind);
    let lines = wrap(text, style.font_size, style.max_text_width, style.bold);
    let widest = lines
        .iter()
        .map(|l| super::measure(l, style.font_size, style.bold))
        .fold(0.0f32, f32::max);
    let w = (widest + 2.0 * style.padding_x).max(style.min_width);
    let h = lines.len().max(1) as f32 * style.line_height() + 2.0 * style.padding_y;
    // Sticky notes are never flatter than a third of their width: they should read as paper.
    let h = if kind == NodeKind::Idea {
        h.max(w * 0.42)
    } else {
        h
    };
    TextBlock {
        lines,
        size: Size::new(w.ceil(), h.ceil()),
    }
}
