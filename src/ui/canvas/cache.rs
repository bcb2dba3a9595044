//! The painted scene of the current table, rebuilt only when the document changes: wrapping
//! 10,000 notes every frame would eat the frame budget.

use crate::geom::{Point, Rect};
use crate::model::{Cafe, NodeId, NodeKind, Table};
use crate::render::{EdgeVisual, NodeVisual, SceneStyle, edge_visuals, node_visual_in, shown_text};
use crate::text::{TextBlock, layout_node_text, measure};
use std::collections::{HashMap, HashSet};

/// The fold handle of a node with children: where it sits and what it says.
pub struct FoldHandle {
    pub id: NodeId,
    /// How many nodes the fold hides; `None` while unfolded (a discreet handle).
    pub hidden: Option<usize>,
    /// Its centre, on the node's edge facing away from the parent (canvas units).
    pub at: Point,
}

#[derive(Default)]
pub struct SceneCache {
    /// (table question, document revision, whether the references' texts were of that
    /// revision) this cache was built for.
    key: Option<(NodeId, u64, bool)>,
    /// What each reference of the café shows ([`crate::render::shown_texts`]), and the
    /// revision it was read at.
    shown: (Option<u64>, HashMap<NodeId, String>),
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
    /// The tray's region, from the wrapped boxes above: working it out wraps every note, too
    /// slow to do each frame with thousands of notes.
    pub tray: Rect,
    /// Nodes a folded ancestor hides: not painted, hit or laid out here.
    pub hidden: HashSet<NodeId>,
    /// A handle for each shown node that can fold.
    pub fold_handles: Vec<FoldHandle>,
}

impl SceneCache {
    /// Brings the cache up to date with `table` (of `cafe`) at `revision`; cheap when nothing
    /// changed. The café gives references their original's text and dots their kind's colour.
    pub fn refresh(&mut self, cafe: &Cafe, table: &Table, revision: u64, style: &SceneStyle) {
        let key = (table.question(), revision, self.shown.0 == Some(revision));
        if self.key == Some(key) {
            return;
        }
        if self.key.map(|k| k.0) != Some(key.0) {
            self.blocks.clear();
        }
        self.key = Some(key);
        self.blocks.retain(|id, _| table.contains(*id));
        self.hidden = crate::edit::fold::hidden(table);
        let mut nodes: Vec<&crate::model::Node> = table
            .nodes()
            .filter(|n| !self.hidden.contains(&n.id))
            .collect();
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
        let blocks = &self.blocks;
        self.tray = crate::layout::tray_rect_sized(table, |id| {
            blocks.get(&id).map(|b| b.2.size).unwrap_or_default()
        });
        let index = &self.index;
        let nodes = &self.nodes;
        self.edges = edge_visuals(table, style, |id| index.get(&id).map(|&i| nodes[i].rect));
        self.fold_handles = self
            .nodes
            .iter()
            .filter(|n| crate::edit::fold::can_fold(table, n.id))
            .filter_map(|n| {
                let node = table.node(n.id)?;
                let away = match table.parent(n.id).and_then(|p| self.rect(p)) {
                    Some(parent) => n.rect.center() - parent.center(),
                    None => Point::new(1.0, 0.0),
                };
                Some(FoldHandle {
                    id: n.id,
                    hidden: node
                        .folded
                        .then(|| crate::edit::fold::hidden_below(table, n.id)),
                    at: edge_towards(&n.rect, away),
                })
            })
            .collect();
    }

    /// Reads what the café's references show, once per document revision.
    pub fn read_references(&mut self, cafe: &crate::model::Cafe, revision: u64) {
        if self.shown.0 != Some(revision) {
            self.shown = (Some(revision), crate::render::shown_texts(cafe));
        }
    }

    /// What a reference shows instead of its own text (`None` for other nodes).
    pub fn shown_text(&self, id: NodeId) -> Option<&str> {
        self.shown.1.get(&id).map(String::as_str)
    }

    pub fn rect(&self, id: NodeId) -> Option<Rect> {
        self.index.get(&id).map(|&i| self.nodes[i].rect)
    }
}

/// Where a ray from the centre of `r` along `d` leaves it (its right edge for a zero `d`).
fn edge_towards(r: &Rect, d: Point) -> Point {
    let c = r.center();
    let (hw, hh) = (r.width() / 2.0, r.height() / 2.0);
    if d.length() < 1e-3 {
        return Point::new(r.max.x, c.y);
    }
    let tx = if d.x.abs() > 1e-6 {
        hw / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > 1e-6 {
        hh / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty)
}
