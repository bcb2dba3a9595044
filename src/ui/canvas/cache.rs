//! The painted scene of the current table, rebuilt only when the document changes: wrapping
//! 10,000 notes every frame would eat the frame budget.

use crate::geom::{Point, Rect};
use crate::model::{Cafe, NodeId, Table};
use crate::render::{EdgeVisual, NodeVisual, SceneOptions, SceneStyle, Wraps, table_scene_cached};
use crate::text::measure;
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
    /// (table question, document revision) this cache was built for.
    key: Option<(NodeId, u64)>,
    /// What each reference of the café shows ([`Cafe::shown_text`]), and the
    /// revision it was read at.
    shown: (Option<u64>, HashMap<NodeId, String>),
    /// Wrapped text per node, reused while the text and kind stay the same.
    wraps: Wraps,
    /// The table's scene ([`crate::render::table_scene`]) in paint order: question, themes,
    /// ideas breadth-first, then the tray's notes.
    pub nodes: Vec<NodeVisual>,
    /// Width of every wrapped line, for the level-of-detail bars drawn when text is too small.
    pub line_widths: Vec<Vec<f32>>,
    pub index: HashMap<NodeId, usize>,
    pub edges: Vec<EdgeVisual>,
    pub bounds: Rect,
    /// How many ideas wait in the unsorted tray.
    pub unsorted: usize,
    /// The tray's region (also while empty: it shows as a drop place during a drag), from the
    /// wrapped boxes above: working it out wraps every note, too slow to do each frame with
    /// thousands of notes.
    pub tray: Rect,
    /// Nodes a folded ancestor hides: not painted, hit or laid out here.
    pub hidden: HashSet<NodeId>,
    /// A handle for each shown node that can fold.
    pub fold_handles: Vec<FoldHandle>,
}

impl SceneCache {
    /// Brings the cache up to date with `table` (of `cafe`) at `revision`; cheap when nothing
    /// changed. The scene is the one every export paints ([`table_scene_cached`]), with the
    /// tray in and folds honoured.
    pub fn refresh(&mut self, cafe: &Cafe, table: &Table, revision: u64, style: &SceneStyle) {
        let key = (table.question(), revision);
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let scene = table_scene_cached(cafe, table, &SceneOptions::editor(*style), &mut self.wraps);
        // A note whose lines and font are as before keeps its widths: measuring goes glyph by
        // glyph, and a live change to one note would otherwise measure all of them again.
        let (old_nodes, mut old_widths) = (
            std::mem::take(&mut self.nodes),
            std::mem::take(&mut self.line_widths),
        );
        let same = |i: usize, v: &NodeVisual| {
            old_nodes.get(i).is_some_and(|o| {
                o.id == v.id && o.lines == v.lines && o.font_size == v.font_size && o.bold == v.bold
            })
        };
        self.line_widths = scene
            .nodes
            .iter()
            .map(|v| match self.index.get(&v.id) {
                Some(&i) if same(i, v) && i < old_widths.len() => {
                    std::mem::take(&mut old_widths[i])
                }
                _ => v
                    .lines
                    .iter()
                    .map(|l| measure(l, v.font_size, v.bold))
                    .collect(),
            })
            .collect();
        self.index = scene
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        self.bounds = scene.bounds;
        self.unsorted = table.unsorted().len();
        let wraps = &self.wraps;
        self.tray = scene
            .tray
            .unwrap_or_else(|| crate::layout::tray_rect_sized(table, |id| wraps.size(id)));
        self.nodes = scene.nodes;
        self.edges = scene.edges;
        self.hidden = scene.hidden;
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

    /// Reads what the café's references show (for screen readers), once per document revision.
    pub fn read_references(&mut self, cafe: &Cafe, revision: u64) {
        if self.shown.0 != Some(revision) {
            let texts = cafe
                .tables
                .iter()
                .flat_map(|t| t.nodes())
                .filter(|n| n.refers_to.is_some())
                .map(|n| (n.id, cafe.shown_text(n).into_owned()))
                .collect();
            self.shown = (Some(revision), texts);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::agreement::{agrees_with_picture, harvested_example};
    use crate::render::table_scene;

    #[test]
    fn the_canvas_paints_the_one_scene() {
        let cafe = harvested_example();
        let table = &cafe.tables[0];
        let mut cache = SceneCache::default();
        cache.refresh(&cafe, table, 1, &SceneStyle::EDITOR);
        let scene = table_scene(&cafe, table, &SceneOptions::editor(SceneStyle::EDITOR));
        assert_eq!(
            cache.nodes, scene.nodes,
            "same notes, order, colours and stickers"
        );
        assert_eq!(cache.edges, scene.edges);
        // What partners get shows the same notes alike, in the same order.
        agrees_with_picture(&cafe, 0, &cache.nodes);
        let picture = table_scene(&cafe, table, &SceneOptions::PICTURE);
        let order: Vec<NodeId> = cache
            .nodes
            .iter()
            .map(|n| n.id)
            .filter(|id| picture.nodes.iter().any(|p| p.id == *id))
            .collect();
        assert_eq!(
            order,
            picture.nodes.iter().map(|n| n.id).collect::<Vec<_>>()
        );
        // Cheap when nothing changed; rebuilt at the next revision.
        cache.refresh(&cafe, table, 1, &SceneStyle::EDITOR);
        assert_eq!(cache.nodes.len(), scene.nodes.len());
    }

    /// A rebuild after one note changed (as a live session's change does) keeps the other
    /// notes' measures and gives what a cache built afresh gives.
    #[test]
    fn a_rebuild_measures_as_a_fresh_cache() {
        let mut cafe = harvested_example();
        let mut cache = SceneCache::default();
        cache.refresh(&cafe, &cafe.tables[0], 1, &SceneStyle::EDITOR);
        let table = &mut cafe.tables[0];
        let ids: Vec<NodeId> = table.nodes().map(|n| n.id).collect();
        if let Some(n) = ids.get(3).and_then(|id| table.node_mut(*id)) {
            n.text = "Un texte bien plus long qu’avant, qui tient sur plusieurs lignes".into();
        }
        if let Some(n) = ids.get(5).and_then(|id| table.node_mut(*id)) {
            n.text = "Court".into();
        }
        cache.refresh(&cafe, &cafe.tables[0], 2, &SceneStyle::EDITOR);
        let mut fresh = SceneCache::default();
        fresh.refresh(&cafe, &cafe.tables[0], 2, &SceneStyle::EDITOR);
        assert_eq!(cache.nodes, fresh.nodes);
        assert_eq!(cache.line_widths, fresh.line_widths);
        assert_eq!(cache.edges, fresh.edges);
        assert_eq!(cache.index, fresh.index);
    }
}
