//! Which colours each node and edge is painted with. One place, so the canvas, the presentation
//! and every export agree, and a restitution reads as "one colour per theme".

use crate::model::{NodeId, NodeKind, Paper, Rgb, Table};
use std::collections::{HashMap, HashSet};

/// The question's default fill: a deep navy that carries white bold text on any projector.
pub const QUESTION_FILL: Rgb = Rgb(0x1F, 0x3A, 0x5F);
/// Dark text on paper: softer than pure black, still well above WCAG AAA on every tint we use.
pub const INK: Rgb = Rgb(0x20, 0x21, 0x24);
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
/// Paper of ideas not yet sorted under a theme: the classic yellow sticky note.
pub const UNSORTED_PAPER: Rgb = Rgb(0xFF, 0xF1, 0xA8);
pub const UNSORTED_BORDER: Rgb = Rgb(0xD9, 0xC2, 0x4E);
/// Cross-links are not part of the tree, so they stay neutral.
pub const LINK: Rgb = Rgb(0x6B, 0x72, 0x80);
/// How much of the theme colour is mixed towards white for its ideas' paper.
pub const IDEA_TINT: f32 = 0.68;

/// The colour of a theme: its own, else the palette entry for its rank among the table's themes,
/// so neighbouring themes differ even in a fresh import.
pub fn theme_color(table: &Table, theme: NodeId) -> Rgb {
    if let Some(c) = table.node(theme).and_then(|n| n.color) {
        return c.rgb();
    }
    let rank = table.themes().iter().position(|&t| t == theme).unwrap_or(0);
    Paper::nth(rank).rgb()
}

/// The colour of the branch a node belongs to: its own colour if set, else the nearest coloured
/// ancestor's, where a theme always has one ([`theme_color`]). `None` for the question, for
/// ideas hanging directly off an uncoloured question, and for uncoloured unsorted ideas.
pub fn branch_color(table: &Table, id: NodeId) -> Option<Rgb> {
    let mut cur = id;
    // A well-formed tree is shallower than the table is large; the bound only guards a
    // malformed one against looping.
    for _ in 0..=table.len() {
        let node = table.node(cur)?;
        if node.kind == NodeKind::Question {
            return None;
        }
        if let Some(c) = node.color {
            return Some(c.rgb());
        }
        if node.kind == NodeKind::Theme {
            return Some(theme_color(table, cur));
        }
        cur = table.parent(cur)?;
    }
    None
}

/// Black-ish or white text, whichever contrasts more with `fill` (WCAG contrast ratio).
pub fn text_on(fill: Rgb) -> Rgb {
    let l = fill.luminance();
    let with_white = 1.05 / (l + 0.05);
    let with_ink = (l + 0.05) / (INK.luminance() + 0.05);
    if with_white > with_ink { WHITE } else { INK }
}

/// Edge colour for a branch: the branch colour darkened, more so for light colours (a yellow
/// line on white would vanish on a projector).
pub fn edge_color(branch: Rgb) -> Rgb {
    branch.shade(0.12 + 0.3 * branch.luminance())
}

/// Fill, border and text colours of a node, from its kind and branch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeColors {
    pub fill: Rgb,
    pub border: Rgb,
    pub text: Rgb,
}

/// Every node's branch colour and tray, worked out top-down in one pass over a table: what
/// [`branch_color`], [`theme_color`] and the unsorted test give, without walking up from each
/// node (which made drawing a deep chain of ideas quadratic, and a wide fan of themes too).
pub struct Branches {
    color: HashMap<NodeId, Option<Rgb>>,
    unsorted: HashSet<NodeId>,
}

impl Branches {
    pub fn of(table: &Table) -> Branches {
        let themes = table.themes();
        let mut color: HashMap<NodeId, Option<Rgb>> = HashMap::with_capacity(table.len());
        let mut unsorted = HashSet::new();
        let own = |id: NodeId| table.node(id).and_then(|n| n.color).map(|c| c.rgb());
        let q = table.question();
        color.insert(q, None);
        let mut queue: Vec<(NodeId, bool)> = Vec::new();
        for (rank, &t) in themes.iter().enumerate() {
            color.insert(t, Some(own(t).unwrap_or_else(|| Paper::nth(rank).rgb())));
            queue.push((t, false));
        }
        for c in table.children(q) {
            if let std::collections::hash_map::Entry::Vacant(e) = color.entry(c) {
                e.insert(own(c));
                queue.push((c, false));
            }
        }
        for u in table.unsorted() {
            color.insert(u, own(u));
            unsorted.insert(u);
            queue.push((u, true));
        }
        let mut i = 0;
        while let Some(&(id, in_tray)) = queue.get(i) {
            i += 1;
            let inherited = color.get(&id).copied().flatten();
            for c in table.children(id) {
                if color.contains_key(&c) {
                    continue; // a loop in a malformed table
                }
                color.insert(c, own(c).or(inherited));
                if in_tray {
                    unsorted.insert(c);
                }
                queue.push((c, in_tray));
            }
        }
        Branches { color, unsorted }
    }

    /// [`branch_color`] of `id`.
    pub fn color(&self, id: NodeId) -> Option<Rgb> {
        self.color.get(&id).copied().flatten()
    }

    /// The colours `id` is painted with (as [`crate::render::NodeVisual`]).
    pub fn colors(&self, table: &Table, id: NodeId) -> Option<NodeColors> {
        let kind = table.node(id)?.kind;
        Some(node_colors_in(self, table, id, kind))
    }

    /// The fill `id` is painted with.
    pub fn fill(&self, table: &Table, id: NodeId) -> Option<Rgb> {
        self.colors(table, id).map(|c| c.fill)
    }

    /// Whether `id` is an unsorted idea or sits under one.
    pub fn in_tray(&self, id: NodeId) -> bool {
        self.unsorted.contains(&id)
    }
}

pub(crate) fn node_colors(table: &Table, id: NodeId, kind: NodeKind) -> NodeColors {
    let branch = match kind {
        NodeKind::Question => None,
        NodeKind::Theme => Some(theme_color(table, id)),
        NodeKind::Idea => branch_color(table, id),
    };
    let in_tray = kind == NodeKind::Idea && branch.is_none() && root_is_unsorted(table, id);
    colors_of(table, id, kind, branch, in_tray)
}

/// [`node_colors`] with the table's [`Branches`] worked out once.
pub(crate) fn node_colors_in(
    branches: &Branches,
    table: &Table,
    id: NodeId,
    kind: NodeKind,
) -> NodeColors {
    colors_of(table, id, kind, branches.color(id), branches.in_tray(id))
}

/// The colours of a node whose branch colour (a theme's own fill) and tray are known.
fn colors_of(
    table: &Table,
    id: NodeId,
    kind: NodeKind,
    branch: Option<Rgb>,
    in_tray: bool,
) -> NodeColors {
    match kind {
        NodeKind::Question => {
            let fill = table
                .node(id)
                .and_then(|n| n.color)
                .map(|c| c.rgb())
                .unwrap_or(QUESTION_FILL);
            NodeColors {
                fill,
                border: fill.shade(0.35),
                text: text_on(fill),
            }
        }
        NodeKind::Theme => {
            let fill = branch.unwrap_or_else(|| theme_color(table, id));
            NodeColors {
                fill,
                border: fill.shade(0.25),
                text: text_on(fill),
            }
        }
        NodeKind::Idea => {
            let (fill, border) = match branch {
                Some(c) => (c.tint(IDEA_TINT), c.shade(0.1)),
                None if in_tray => (UNSORTED_PAPER, UNSORTED_BORDER),
                // An idea hanging straight off the question takes a pale tint of the question.
                None => {
                    let q = node_colors(table, table.question(), NodeKind::Question).fill;
                    (q.tint(0.82), q.tint(0.3))
                }
            };
            NodeColors {
                fill,
                border,
                text: text_on(fill),
            }
        }
    }
}

/// True when the idea is unsorted or sits (at any depth) under an unsorted idea.
fn root_is_unsorted(table: &Table, id: NodeId) -> bool {
    let mut cur = id;
    for _ in 0..=table.len() {
        match table.parent(cur) {
            Some(p) => cur = p,
            None => return table.is_unsorted(cur),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_contrast_picks_white_on_dark_and_ink_on_light() {
        assert_eq!(text_on(QUESTION_FILL), WHITE);
        assert_eq!(text_on(Paper::Yellow.rgb()), INK);
        assert_eq!(text_on(Paper::Blue.rgb()), WHITE);
        for p in Paper::ALL {
            assert_eq!(text_on(p.rgb().tint(IDEA_TINT)), INK, "{p:?}");
        }
    }

    #[test]
    fn light_branches_get_darker_edges() {
        let yellow = Paper::Yellow.rgb();
        assert!(edge_color(yellow).luminance() < yellow.luminance() * 0.6);
    }
}
