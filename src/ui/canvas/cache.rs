//! The painted scene of the current table, rebuilt only when the document changes: wrapping
//! 10,000 notes every frame would eat the frame budget.

use crate::geom::{Point, Rect};
use crate::model::{Cafe, DotKind, Node, NodeId, NodeKind, Table};
use crate::render::{
    EdgeVisual, NodeVisual, SceneOptions, SceneStyle, Wraps, paint_order, patch_ideas,
    table_scene_cached,
};
use crate::text::measure;
use std::collections::{HashMap, HashSet};

/// The fold handle of a node with children: where it sits and what it says.
#[derive(Debug, PartialEq)]
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
    /// What the scene was built from, to patch it rather than rebuild it when only some
    /// ideas' own fields changed (a live session's change).
    basis: Option<Basis>,
    /// How many refreshes were patches (tests check the patch is taken).
    #[cfg(test)]
    patches: usize,
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

/// What a scene was built from, as far as a patch must know ([`Basis::changed_ideas`]).
struct Basis {
    style: SceneStyle,
    /// The café's tables (their numbers show on origin badges) and dot kinds (dot colours).
    tables: Vec<NodeId>,
    dot_kinds: Vec<DotKind>,
    /// The table's nodes in paint order, each with its parent, and its cross-links.
    tree: Vec<(NodeId, Option<NodeId>)>,
    links: Vec<(NodeId, NodeId)>,
    nodes: HashMap<NodeId, Node>,
}

impl Basis {
    fn of(cafe: &Cafe, table: &Table, style: &SceneStyle) -> Basis {
        Basis {
            style: *style,
            tables: cafe.tables.iter().map(Table::question).collect(),
            dot_kinds: cafe.dot_kinds.clone(),
            tree: Self::tree(table),
            links: table.links(),
            nodes: table.nodes().map(|n| (n.id, n.clone())).collect(),
        }
    }

    fn tree(table: &Table) -> Vec<(NodeId, Option<NodeId>)> {
        paint_order(table)
            .into_iter()
            .map(|id| (id, table.parent(id)))
            .collect()
    }

    /// The ideas whose own fields changed since, when those are the only changes a patch can
    /// follow ([`patch_ideas`]); `None` when the scene must be built again: another tree,
    /// links, colour or fold, a question or theme changed (their place sets colours), a
    /// reference in the table (it shows another note), other tables or dot kinds.
    fn changed_ideas(
        &mut self,
        cafe: &Cafe,
        table: &Table,
        style: &SceneStyle,
    ) -> Option<HashSet<NodeId>> {
        if self.style != *style
            || cafe.dot_kinds != self.dot_kinds
            || !cafe
                .tables
                .iter()
                .map(Table::question)
                .eq(self.tables.iter().copied())
            || table.len() != self.nodes.len()
        {
            return None;
        }
        let mut changed = HashSet::new();
        for node in table.nodes() {
            let old = self.nodes.get(&node.id)?;
            if node.refers_to.is_some() {
                return None;
            }
            if drawn_alike(node, old) {
                continue;
            }
            if node.kind != NodeKind::Idea
                || old.kind != NodeKind::Idea
                || node.color != old.color
                || node.folded != old.folded
            {
                return None;
            }
            changed.insert(node.id);
        }
        if Self::tree(table) != self.tree || table.links() != self.links {
            return None;
        }
        for &id in &changed {
            if let (Some(old), Some(node)) = (self.nodes.get_mut(&id), table.node(id)) {
                old.clone_from(node);
            }
        }
        Some(changed)
    }
}

/// Whether two versions of a node draw alike: the fields the scene reads of it (its box,
/// colours, text and stickers: [`crate::render::node_visual_in`]), cheapest first. A live
/// frame compares every node of the table, so speaker notes, owners and the like are skipped.
fn drawn_alike(a: &Node, b: &Node) -> bool {
    a.pos == b.pos
        && a.kind == b.kind
        && a.folded == b.folded
        && a.color == b.color
        && a.refers_to == b.refers_to
        && a.votes == b.votes
        && a.origin.table == b.origin.table
        && a.origin.round == b.origin.round
        && a.text == b.text
        && a.tags == b.tags
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
        let same_table = self.key.is_some_and(|k| k.0 == table.question());
        self.key = Some(key);
        if same_table
            && let Some(basis) = self.basis.as_mut()
            && let Some(changed) = basis.changed_ideas(cafe, table, style)
        {
            self.patch(cafe, table, &changed);
            return;
        }
        self.basis = Some(Basis::of(cafe, table, style));
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
        self.tray = scene
            .tray
            .unwrap_or_else(|| self.wraps.tray(table, &scene.hidden));
        self.nodes = scene.nodes;
        self.edges = scene.edges;
        self.hidden = scene.hidden;
        self.fold_handles = self
            .nodes
            .iter()
            .filter(|n| crate::edit::fold::can_fold(table, n.id))
            .filter_map(|n| self.fold_handle(table, n))
            .collect();
    }

    fn fold_handle(&self, table: &Table, n: &NodeVisual) -> Option<FoldHandle> {
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
    }

    /// Redraws the `changed` ideas and what depends on them (their curves, fold handles and
    /// measures, the bounds and tray) in the scene built before ([`Basis::changed_ideas`]).
    fn patch(&mut self, cafe: &Cafe, table: &Table, changed: &HashSet<NodeId>) {
        #[cfg(test)]
        {
            self.patches += 1;
        }
        let (bounds, tray) = patch_ideas(
            cafe,
            table,
            &mut self.wraps,
            &mut self.nodes,
            &self.index,
            &mut self.edges,
            &self.hidden,
            changed,
        );
        self.bounds = bounds;
        self.tray = tray.unwrap_or_else(|| self.wraps.tray(table, &self.hidden));
        for &id in changed {
            let Some(&i) = self.index.get(&id) else {
                continue;
            };
            let (Some(v), Some(widths)) = (self.nodes.get(i), self.line_widths.get_mut(i)) else {
                continue;
            };
            *widths = v
                .lines
                .iter()
                .map(|l| measure(l, v.font_size, v.bold))
                .collect();
        }
        // A handle sits on its node's side facing away from the parent: the changed ideas'
        // own handles and their children's move.
        let mut handles = std::mem::take(&mut self.fold_handles);
        for h in &mut handles {
            let moved =
                changed.contains(&h.id) || table.parent(h.id).is_some_and(|p| changed.contains(&p));
            if let Some(fresh) = moved
                .then(|| self.index.get(&h.id).and_then(|&i| self.nodes.get(i)))
                .flatten()
                .and_then(|n| self.fold_handle(table, n))
            {
                *h = fresh;
            }
        }
        self.fold_handles = handles;
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

    /// Everything the canvas reads from a cache.
    fn assert_same(a: &SceneCache, b: &SceneCache, round: usize) {
        assert_eq!(a.nodes, b.nodes, "round {round}");
        assert_eq!(a.line_widths, b.line_widths, "round {round}");
        assert_eq!(a.index, b.index, "round {round}");
        assert_eq!(a.edges, b.edges, "round {round}");
        assert_eq!(a.bounds, b.bounds, "round {round}");
        assert_eq!(a.tray, b.tray, "round {round}");
        assert_eq!(a.unsorted, b.unsorted, "round {round}");
        assert_eq!(a.hidden, b.hidden, "round {round}");
        assert_eq!(a.fold_handles, b.fold_handles, "round {round}");
    }

    /// A scene patched after random changes to notes' own fields (as a live session brings)
    /// is the scene built afresh (the notes, curves, fold handles of nested notes, bounds and
    /// tray); changes it cannot follow (a colour, a fold, a theme moved)
    /// rebuild it.
    #[test]
    fn a_patched_scene_is_the_scene_built_afresh() {
        use crate::model::{NoteColor, Paper, Votes};
        let mut cafe = harvested_example();
        let (q, ideas, themes) = {
            let t = &cafe.tables[0];
            let of = |k: NodeKind| -> Vec<NodeId> {
                t.nodes().filter(|n| n.kind == k).map(|n| n.id).collect()
            };
            (t.question(), of(NodeKind::Idea), of(NodeKind::Theme))
        };
        // A note nested under another (elbow curves, a fold handle on an idea), an unsorted
        // one with a child (the tray), a cross-link.
        let (nested, deeper) = (cafe.alloc_id(), cafe.alloc_id());
        let (loose, under_loose) = (cafe.alloc_id(), cafe.alloc_id());
        let t = &mut cafe.tables[0];
        let pos = t.node(ideas[0]).map(|n| n.pos).unwrap_or(Point::ZERO);
        t.insert(
            Node::new(nested, NodeKind::Idea, "Une idée sous une idée")
                .at(pos + Point::new(40.0, 90.0)),
            Some(ideas[0]),
        )
        .unwrap();
        t.insert(
            Node::new(deeper, NodeKind::Idea, "Plus bas").at(pos + Point::new(80.0, 180.0)),
            Some(nested),
        )
        .unwrap();
        t.insert(
            Node::new(loose, NodeKind::Idea, "Pas encore classée").at(Point::new(-900.0, 0.0)),
            None,
        )
        .unwrap();
        t.insert(
            Node::new(under_loose, NodeKind::Idea, "Sa suite").at(Point::new(-900.0, 120.0)),
            Some(loose),
        )
        .unwrap();
        t.add_link(ideas[1], ideas[2]).unwrap();
        let mut notes = ideas.clone();
        notes.extend([nested, deeper, loose, under_loose]);
        // Half the changes go to the notes around nested ones and the tray.
        let near = [ideas[0], nested, deeper, loose, under_loose];
        let texts = [
            "Court",
            "Un texte bien plus long qu’avant, qui tient sur plusieurs lignes et même davantage",
            "",
            "Deux\nlignes",
        ];
        let mut cache = SceneCache::default();
        cache.refresh(&cafe, &cafe.tables[0], 0, &SceneStyle::EDITOR);
        // A small linear congruential generator: the same "random" changes at every run.
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        let mut patches = 0;
        for round in 1..=120 {
            let t = &mut cafe.tables[0];
            let mut only_notes = true;
            for _ in 0..1 + next(3) {
                let id = if next(2) == 0 {
                    near[next(near.len())]
                } else {
                    notes[next(notes.len())]
                };
                let Some(n) = t.node_mut(id) else { continue };
                match next(8) {
                    0 => n.text = texts[next(texts.len())].into(),
                    1 => n.pos += Point::new(next(400) as f32 - 200.0, next(300) as f32 - 150.0),
                    2 => n.votes = Votes::from_counts(&[next(4) as u32, next(3) as u32]),
                    3 => n.tags = (0..next(3)).map(|k| format!("tag{k}")).collect(),
                    4 => n.origin.round = Some(next(3) as u32 + 1).filter(|r| *r < 3),
                    5 => n.note = format!("note {round}"),
                    // What a patch cannot follow.
                    6 if round % 5 == 0 => {
                        only_notes = false;
                        n.folded = !n.folded;
                    }
                    _ if round % 7 == 0 => {
                        only_notes = false;
                        let th = themes[next(themes.len())];
                        if let Some(th) = t.node_mut(th) {
                            th.color = Some(NoteColor::Palette(Paper::nth(next(6))));
                            th.pos += Point::new(30.0, -20.0);
                        }
                    }
                    _ => {}
                }
            }
            if round % 11 == 0 {
                only_notes = false;
                if let Some(n) = t.node_mut(q) {
                    n.text.push_str(" encore");
                }
            }
            let before = cache.patches;
            cache.refresh(&cafe, &cafe.tables[0], round as u64, &SceneStyle::EDITOR);
            let patched = cache.patches > before;
            assert!(
                only_notes || !patched,
                "round {round}: patched past a fold or colour"
            );
            patches += usize::from(patched);
            let mut fresh = SceneCache::default();
            fresh.refresh(&cafe, &cafe.tables[0], round as u64, &SceneStyle::EDITOR);
            assert_same(&cache, &fresh, round);
        }
        assert!(patches > 50, "only {patches} patches");
    }
}
