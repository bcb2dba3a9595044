//! The painted scene of the current table, rebuilt only when the document changes: wrapping
//! 10,000 notes every frame would eat the frame budget.

use crate::geom::Rect;
use crate::model::{Cafe, NodeId, NodeKind, Table};
use crate::render::{EdgeVisual, NodeVisual, SceneStyle, edge_visuals, node_visual_in, shown_text};
use crate::text::{TextBlock, layout_node_text, measure};
use std::collections::HashMap;

#[derive(Default)]
pub struct SceneCache {
    /// (table question, document revision) this cache was built for.
    key: Option<(NodeId, u64)>,
    /// Wrapped text per node, reused while the text and kind stay the same.
    blocks: HashMap<NodeId, (String, NodeKind, TextBlock)>,
    /// Paint order: question, themes, ideas.
    pub nodes: Vec<NodeVisual>,
    /// Width of every wrapped line, for the level-of-detail bars drawn when text is too small.
    pub line_widths: Vec<Vec<f32>>,
    pub index: HashMap<NodeId, usize>,
    pub edges: Vec<EdgeVisual>,
    pub bounds: Rect,
    /// How many ideas wait in the unsorted tray.
    pub unsorted: usize,
}

impl SceneCache {
    /// Brings the cache up to date with `table` (of `cafe`) at `revision`; cheap when nothing
    /// changed. The café gives references their original's text and dots their kind's colour.
    pub fn refresh(&mut self, cafe: &Cafe, table: &Table, revision: u64, style: &SceneStyle) {
        let key = (table.question(), revision);
        if self.key == Some(key) {
            return;
        }
        if self.key.map(|k| k.0) != Some(key.0) {
            self.blocks.clear();
        }
        self.key = Some(key);
        self.blocks.retain(|id, _| table.contains(*id));
        let mut nodes: Vec<&crate::model::Node> = table.nodes().collect();
        let rank = |k: NodeKind| match k {
            NodeKind::Question => 0,
            NodeKind::Theme => 1,
            NodeKind::Idea => 2,
        };
        nodes.sort_by_key(|n| (rank(n.kind), n.id));
        self.nodes.clear();
        self.line_widths.clear();
        self.index.clear();
        let mut bounds = Rect::NOTHING;
        for node in nodes {
            let shown = shown_text(cafe, node);
            let fresh = match self.blocks.get(&node.id) {
                Some((text, kind, _)) => text != shown || *kind != node.kind,
                None => true,
            };
            if fresh {
                let block = layout_node_text(node.kind, shown);
                self.blocks
                    .insert(node.id, (shown.to_owned(), node.kind, block));
            }
            let Some((_, _, block)) = self.blocks.get(&node.id) else {
                continue;
            };
            let visual = node_visual_in(cafe, table, node, block);
            bounds = bounds.union(&visual.rect);
            self.line_widths.push(
                visual
                    .lines
                    .iter()
                    .map(|l| measure(l, visual.font_size, visual.bold))
                    .collect(),
            );
            self.index.insert(node.id, self.nodes.len());
            self.nodes.push(visual);
        }
        self.bounds = bounds;
        self.unsorted = table.unsorted().len();
        let index = &self.index;
        let nodes = &self.nodes;
        self.edges = edge_visuals(table, style, |id| index.get(&id).map(|&i| nodes[i].rect));
    }

    pub fn rect(&self, id: NodeId) -> Option<Rect> {
        self.index.get(&id).map(|&i| self.nodes[i].rect)
    }
}
