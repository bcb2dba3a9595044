//! The coverage matrix: which topics came up at every table, which at one only. Rows are the
//! accepted threads (the themes of the synthesis tables) or the tables' own themes (the same
//! wording at several tables is one row); columns are the tables the ideas were written at;
//! a cell holds those ideas, with their votes.

use crate::model::{Cafe, NodeId, NodeKind, Table};
use crate::text::fold;
use std::collections::HashMap;

/// What the rows of the matrix are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// The themes of the synthesis tables: one per accepted thread.
    Threads,
    /// The themes of the other tables, the same wording (case and accents aside) one row.
    Themes,
}

/// The ideas of one row at one table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The ideas (originals, never references), in café order.
    pub ideas: Vec<NodeId>,
    /// Their dots, all kinds together.
    pub votes: u32,
}

/// The matrix: `cells[row][column]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Each row's name (the thread's or theme's text).
    pub rows: Vec<String>,
    /// Index in the café of each column's table (the synthesis tables have none).
    pub tables: Vec<usize>,
    pub cells: Vec<Vec<Cell>>,
}

impl Coverage {
    /// How many of the columns' tables a row's ideas came up at.
    pub fn spread(&self, row: usize) -> usize {
        self.cells.get(row).map_or(0, |cells| {
            cells.iter().filter(|c| !c.ideas.is_empty()).count()
        })
    }
}

/// A synthesis table: one whose notes stand for ideas of other tables.
pub fn is_synthesis(table: &Table) -> bool {
    table.nodes().any(|n| n.refers_to.is_some())
}

/// The coverage matrix of `cafe` with `rows` as rows.
pub fn coverage(cafe: &Cafe, rows: Rows) -> Coverage {
    let tables: Vec<usize> = (0..cafe.tables.len())
        .filter(|&t| !is_synthesis(&cafe.tables[t]))
        .collect();
    let column = |id: NodeId| -> Option<usize> {
        let table = cafe.origin_table(id)?;
        tables.iter().position(|&t| t == table)
    };
    let mut out = Coverage {
        rows: Vec::new(),
        tables: tables.clone(),
        cells: Vec::new(),
    };
    let add = |out: &mut Coverage, row: usize, idea: NodeId| {
        let Some(c) = column(idea) else { return };
        let votes = cafe.node(idea).map_or(0, |n| n.votes.total());
        let cell = &mut out.cells[row][c];
        if !cell.ideas.contains(&idea) {
            cell.ideas.push(idea);
            cell.votes = cell.votes.saturating_add(votes);
        }
    };
    match rows {
        Rows::Threads => {
            for table in cafe.tables.iter().filter(|t| is_synthesis(t)) {
                for theme in table.themes() {
                    let name = table.node(theme).map_or("", |n| n.text.as_str());
                    out.rows.push(name.to_owned());
                    out.cells.push(vec![Cell::default(); tables.len()]);
                    let row = out.rows.len() - 1;
                    for id in table.subtree(theme) {
                        let original = table.node(id).and_then(|n| n.refers_to);
                        if let Some(original) = original.filter(|o| cafe.node(*o).is_some()) {
                            add(&mut out, row, original);
                        }
                    }
                }
            }
        }
        Rows::Themes => {
            let mut by_name: HashMap<String, usize> = HashMap::new();
            for &t in &tables {
                let table = &cafe.tables[t];
                for theme in table.themes() {
                    let name = table.node(theme).map_or("", |n| n.text.trim());
                    let key = fold(name);
                    let row = *by_name.entry(key).or_insert_with(|| {
                        out.rows.push(name.to_owned());
                        out.cells.push(vec![Cell::default(); tables.len()]);
                        out.rows.len() - 1
                    });
                    for id in table.subtree(theme) {
                        if table.node(id).is_some_and(|n| n.kind == NodeKind::Idea) {
                            add(&mut out, row, id);
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest::threads::{Thread, synthesis_table};
    use crate::model::{CafeInfo, Node, Votes};

    /// Two tables with a theme "Financement" each (one in capitals), a third idea elsewhere.
    fn cafe() -> (Cafe, Vec<NodeId>) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut ideas = Vec::new();
        for (question, theme, texts) in [
            ("Q1", "Financement", vec!["Fonds européens", "Mécénat"]),
            ("Q2", "FINANCEMENT", vec!["Subventions européennes"]),
        ] {
            let mut table = cafe.new_table(question);
            let th = cafe.alloc_id();
            table
                .insert(
                    Node::new(th, NodeKind::Theme, theme),
                    Some(table.question()),
                )
                .unwrap();
            for text in texts {
                let id = cafe.alloc_id();
                let mut node = Node::new(id, NodeKind::Idea, text);
                node.votes = Votes::single(2);
                table.insert(node, Some(th)).unwrap();
                ideas.push(id);
            }
            cafe.tables.push(table);
        }
        (cafe, ideas)
    }

    #[test]
    fn themes_of_the_same_wording_are_one_row() {
        let (cafe, ideas) = cafe();
        let m = coverage(&cafe, Rows::Themes);
        assert_eq!(m.rows, ["Financement"]);
        assert_eq!(m.tables, [0, 1]);
        assert_eq!(m.cells[0][0].ideas, ideas[..2]);
        assert_eq!(m.cells[0][0].votes, 4);
        assert_eq!(m.cells[0][1].ideas, ideas[2..]);
        assert_eq!(m.spread(0), 2);
    }

    #[test]
    fn threads_are_the_synthesis_themes_and_count_the_originals() {
        let (mut cafe, ideas) = cafe();
        let thread = Thread {
            label: "Fonds européens".into(),
            ideas: vec![ideas[0], ideas[2]],
        };
        let synthesis = synthesis_table(&cafe, "Synthèse", &[thread]).unwrap();
        cafe.tables.push(synthesis);
        cafe.validate().unwrap();
        let m = coverage(&cafe, Rows::Threads);
        assert_eq!(m.rows, ["Fonds européens"]);
        assert_eq!(m.tables, [0, 1], "the synthesis is no column");
        assert_eq!(m.cells[0][0].ideas, [ideas[0]]);
        assert_eq!(m.cells[0][1].ideas, [ideas[2]]);
        assert_eq!(m.cells[0][1].votes, 2);
        // The synthesis table's themes are no rows of the Themes matrix.
        assert_eq!(coverage(&cafe, Rows::Themes).rows, ["Financement"]);
    }
}
