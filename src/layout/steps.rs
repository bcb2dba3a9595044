//! The presentation's steps, built from the café: the window presents them and the HTML map
//! steps through them. No egui here: the order is unit-tested.
//!
//! Title → for each table: its question alone → each branch of the question (themes, and ideas
//! hanging straight off it) in [`branch_order`] (the user's order, else clockwise from 12
//! o'clock), then the branch's ideas one by one in reading order (nested ideas after their
//! parent) → the whole table → the next table. Hidden nodes are skipped with everything under
//! them; a hidden question skips its whole table. Unsorted ideas are not presented.
//!
//! Presenting only ever adds nodes: every node has a rank in one sequence over the whole café,
//! and a step shows the nodes ranked below its [`Step::revealed`]. Earlier tables stay drawn
//! (off screen), so stepping back and forth is a threshold, not a set per step.

use crate::layout::order::outline_order_where;
use crate::model::{Cafe, NodeId, Table};
use crate::render::shown_in;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The event's title and subtitle.
    Title,
    /// A table's question, alone.
    Question,
    /// A branch of the question arrives, none of its ideas yet.
    Branch,
    /// One more idea of the current branch.
    Idea,
    /// The whole table.
    Table,
    /// After the last table: the event's most voted ideas (when asked for).
    TopIdeas,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    /// Index of the table in the café (`None` on the title).
    pub table: Option<usize>,
    /// What the step is about: the question, the branch, the idea just revealed.
    pub focus: Option<NodeId>,
    /// The branch being presented (Branch and Idea steps): the camera frames it whole, so it
    /// stays still while the ideas arrive.
    pub branch: Option<NodeId>,
    /// Nodes of the whole sequence shown at this step (see [`Sequence::rank`]).
    pub revealed: usize,
}

/// How the presentation reveals a café (chosen in the presentation panel; not in the file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevealOptions {
    /// Each branch's ideas arrive from the fewest dots to the most, so the room's favourite
    /// comes last (nested ideas stay with their parent).
    pub fewest_votes_first: bool,
    /// A closing step with the event's most voted ideas, under this heading.
    pub top_ideas: Option<String>,
}

/// One table's nodes in the order they appear, with their depth below the question.
pub fn reveal_order(table: &Table) -> Vec<(NodeId, usize)> {
    if table.question_node().hidden {
        return Vec::new();
    }
    outline_order_where(table, |n| !n.hidden)
}

/// [`reveal_order`], with the ideas of each branch reordered as `options` ask.
pub fn reveal_order_with(
    cafe: &Cafe,
    table: &Table,
    options: &RevealOptions,
) -> Vec<(NodeId, usize)> {
    let order = reveal_order(table);
    if !options.fewest_votes_first {
        return order;
    }
    let votes = |id: NodeId| shown_in(cafe, table, id).map_or(0, |n| n.votes.total());
    let mut out = Vec::with_capacity(order.len());
    // Blocks: an idea of a branch (depth 2) with the nested ideas that follow it.
    let mut blocks: Vec<Vec<(NodeId, usize)>> = Vec::new();
    let flush = |blocks: &mut Vec<Vec<(NodeId, usize)>>, out: &mut Vec<(NodeId, usize)>| {
        blocks.sort_by_key(|b| b.first().map_or(0, |e| votes(e.0)));
        out.extend(blocks.drain(..).flatten());
    };
    for entry in order {
        match entry.1 {
            0 | 1 => {
                flush(&mut blocks, &mut out);
                out.push(entry);
            }
            2 => blocks.push(vec![entry]),
            _ => match blocks.last_mut() {
                Some(b) => b.push(entry),
                None => out.push(entry),
            },
        }
    }
    flush(&mut blocks, &mut out);
    out
}

/// Every presented node of the café in order, and the steps through them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sequence {
    pub steps: Vec<Step>,
    /// Per table of the café: its nodes in reveal order with their depth (empty if hidden).
    pub tables: Vec<Vec<(NodeId, usize)>>,
    /// Rank of every presented node in the whole sequence.
    ranks: HashMap<NodeId, usize>,
}

impl Sequence {
    /// The plain reveal order, as arranged (the HTML map's steps).
    pub fn new(cafe: &Cafe) -> Sequence {
        Sequence::with(cafe, RevealOptions::default())
    }

    pub fn with(cafe: &Cafe, options: RevealOptions) -> Sequence {
        let tables: Vec<Vec<(NodeId, usize)>> = cafe
            .tables
            .iter()
            .map(|t| reveal_order_with(cafe, t, &options))
            .collect();
        let mut steps = Vec::new();
        let info = &cafe.info;
        if !info.title.trim().is_empty() || !info.subtitle.trim().is_empty() {
            steps.push(Step {
                kind: StepKind::Title,
                table: None,
                focus: None,
                branch: None,
                revealed: 0,
            });
        }
        let mut ranks = HashMap::new();
        let mut base = 0;
        for (ti, order) in tables.iter().enumerate() {
            ranks.extend(order.iter().enumerate().map(|(k, e)| (e.0, base + k)));
            let step = |kind, focus, branch, shown: usize| Step {
                kind,
                table: Some(ti),
                focus,
                branch,
                revealed: base + shown,
            };
            let Some(&(question, _)) = order.first() else {
                continue;
            };
            steps.push(step(StepKind::Question, Some(question), None, 1));
            let mut branch = None;
            for (k, &(id, depth)) in order.iter().enumerate().skip(1) {
                if depth == 1 {
                    branch = Some(id);
                    steps.push(step(StepKind::Branch, Some(id), branch, k + 1));
                } else {
                    steps.push(step(StepKind::Idea, Some(id), branch, k + 1));
                }
            }
            if order.len() > 1 {
                steps.push(step(StepKind::Table, Some(question), None, order.len()));
            }
            base += order.len();
        }
        let voted = options.top_ideas.is_some()
            && cafe.tables.iter().zip(&tables).any(|(table, order)| {
                order
                    .iter()
                    .any(|&(id, _)| shown_in(cafe, table, id).is_some_and(|n| !n.votes.is_empty()))
            });
        if voted {
            steps.push(Step {
                kind: StepKind::TopIdeas,
                table: None,
                focus: None,
                branch: None,
                revealed: base,
            });
        }
        Sequence {
            steps,
            tables,
            ranks,
        }
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Step> {
        self.steps.get(i)
    }

    /// Position of a presented node in the whole sequence: a step shows it when its `revealed`
    /// is above this.
    pub fn rank(&self, id: NodeId) -> Option<usize> {
        self.ranks.get(&id).copied()
    }

    /// The first step of table `table` (its question), if the table is presented.
    pub fn table_start(&self, table: usize) -> Option<usize> {
        self.steps.iter().position(|s| s.table == Some(table))
    }

    /// The step where `id` of table `table` is presented; for a hidden or unsorted node, the
    /// step of its nearest presented ancestor; else the table's first step, else the first.
    pub fn step_of(&self, cafe: &Cafe, table: usize, id: NodeId) -> usize {
        let Some(t) = cafe.tables.get(table) else {
            return 0;
        };
        let mut cur = Some(id);
        for _ in 0..=t.len() {
            let Some(c) = cur else { break };
            if let Some(i) = self
                .steps
                .iter()
                .position(|s| s.table == Some(table) && s.focus == Some(c))
            {
                return i;
            }
            cur = t.parent(c);
        }
        self.table_start(table).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Point;
    use crate::model::{CafeInfo, Node, NodeKind};

    /// Table: question; theme A (right) with ideas a1 (top) and a2 (below, with nested a21);
    /// theme B (left) with b1; an idea straight off the question (bottom); one unsorted idea.
    fn cafe() -> (Cafe, Vec<NodeId>) {
        let mut cafe = Cafe::new(CafeInfo {
            title: "Restitution".into(),
            ..Default::default()
        });
        let mut t = cafe.new_table("Q");
        let q = t.question();
        let mut ids = vec![q];
        let mut add = |cafe: &mut Cafe, t: &mut Table, kind, text: &str, p: (f32, f32), parent| {
            let id = cafe.alloc_id();
            t.insert(Node::new(id, kind, text).at(Point::new(p.0, p.1)), parent)
                .unwrap();
            ids.push(id);
            id
        };
        let a = add(
            &mut cafe,
            &mut t,
            NodeKind::Theme,
            "A",
            (300.0, 0.0),
            Some(q),
        );
        let a2 = add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "a2",
            (500.0, 80.0),
            Some(a),
        );
        add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "a1",
            (500.0, -80.0),
            Some(a),
        );
        add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "a21",
            (520.0, 150.0),
            Some(a2),
        );
        let b = add(
            &mut cafe,
            &mut t,
            NodeKind::Theme,
            "B",
            (-300.0, 0.0),
            Some(q),
        );
        add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "b1",
            (-500.0, 0.0),
            Some(b),
        );
        add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "loose",
            (0.0, 300.0),
            Some(q),
        );
        add(
            &mut cafe,
            &mut t,
            NodeKind::Idea,
            "unsorted",
            (-900.0, 0.0),
            None,
        );
        cafe.tables.push(t);
        let t2 = cafe.new_table("Q2");
        ids.push(t2.question());
        cafe.tables.push(t2);
        (cafe, ids)
    }

    fn texts(cafe: &Cafe, seq: &Sequence) -> Vec<String> {
        seq.steps
            .iter()
            .map(|s| {
                let focus = s
                    .focus
                    .and_then(|f| cafe.node(f))
                    .map_or("-", |n| n.text.as_str());
                format!("{:?} {focus}", s.kind)
            })
            .collect()
    }

    #[test]
    fn title_then_question_then_branches_clockwise_with_ideas_in_reading_order() {
        let (cafe, _) = cafe();
        let seq = Sequence::new(&cafe);
        assert_eq!(
            texts(&cafe, &seq),
            [
                "Title -",
                "Question Q",
                "Branch A",
                "Idea a1",
                "Idea a2",
                "Idea a21",
                "Branch loose",
                "Branch B",
                "Idea b1",
                "Table Q",
                "Question Q2",
            ]
        );
        // Each step shows one node more than the one before, until the whole table.
        let revealed: Vec<usize> = seq.steps.iter().map(|s| s.revealed).collect();
        assert_eq!(revealed, [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9]);
        assert_eq!(seq.steps[4].branch, seq.steps[2].focus, "a2 belongs to A");
    }

    #[test]
    fn the_users_order_and_hidden_nodes_change_the_steps() {
        let (mut cafe, ids) = cafe();
        let (a, a2, b) = (ids[1], ids[2], ids[5]);
        cafe.tables[0].theme_order = vec![b];
        cafe.tables[0].node_mut(a2).unwrap().hidden = true;
        let seq = Sequence::new(&cafe);
        let t = texts(&cafe, &seq);
        assert_eq!(
            &t[2..8],
            [
                "Branch B",
                "Idea b1",
                "Branch A",
                "Idea a1",
                "Branch loose",
                "Table Q"
            ]
        );
        // F5 on a hidden note starts at its nearest presented ancestor.
        assert_eq!(seq.steps[seq.step_of(&cafe, 0, ids[4])].focus, Some(a));
        // An unsorted note starts at its table's question.
        assert_eq!(seq.step_of(&cafe, 0, ids[8]), 1);
        let q = cafe.tables[0].question();
        cafe.tables[0].node_mut(q).unwrap().hidden = true;
        let seq = Sequence::new(&cafe);
        assert_eq!(texts(&cafe, &seq), ["Title -", "Question Q2"]);
        assert_eq!(seq.table_start(0), None);
        assert_eq!(seq.table_start(1), Some(1));
    }

    #[test]
    fn ranks_run_across_tables() {
        let (cafe, ids) = cafe();
        let seq = Sequence::new(&cafe);
        let q2 = *ids.last().unwrap();
        assert_eq!(seq.rank(ids[0]), Some(0));
        assert_eq!(seq.rank(q2), Some(8));
        assert_eq!(seq.rank(ids[8]), None, "unsorted ideas are not presented");
        let last = seq.steps.last().unwrap();
        assert!(seq.rank(q2).unwrap() < last.revealed);
    }

    #[test]
    fn ideas_can_arrive_from_the_fewest_dots_to_the_most() {
        let mut cafe = Cafe::new(crate::model::CafeInfo::default());
        let mut t = cafe.new_table("Q?");
        let q = t.question();
        let theme = cafe.alloc_id();
        t.insert(Node::new(theme, NodeKind::Theme, "T"), Some(q))
            .unwrap();
        let mut ideas = Vec::new();
        for (i, v) in [5u32, 0, 2].into_iter().enumerate() {
            let id = cafe.alloc_id();
            let mut n = Node::new(id, NodeKind::Idea, format!("idée {i}"))
                .at(crate::geom::Point::new(200.0 * i as f32, 300.0));
            n.votes = crate::model::Votes::single(v);
            t.insert(n, Some(theme)).unwrap();
            ideas.push(id);
        }
        let nested = cafe.alloc_id();
        t.insert(
            Node::new(nested, NodeKind::Idea, "sous-idée"),
            Some(ideas[0]),
        )
        .unwrap();
        cafe.tables.push(t);
        let options = RevealOptions {
            fewest_votes_first: true,
            top_ideas: Some("Top".into()),
        };
        let order: Vec<NodeId> = reveal_order_with(&cafe, &cafe.tables[0], &options)
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(order, [q, theme, ideas[1], ideas[2], ideas[0], nested]);
        let seq = Sequence::with(&cafe, options);
        assert_eq!(
            seq.steps.iter().rev().nth(2).and_then(|s| s.focus),
            Some(nested),
            "the favourite (with its nested idea) comes last"
        );
        assert_eq!(
            seq.steps.last().map(|s| s.kind),
            Some(StepKind::TopIdeas),
            "then the closing top ideas"
        );
    }

    #[test]
    fn an_untitled_cafe_starts_on_its_first_question() {
        let (mut cafe, _) = cafe();
        cafe.info = CafeInfo::default();
        let seq = Sequence::new(&cafe);
        assert_eq!(seq.steps[0].kind, StepKind::Question);
    }
}
